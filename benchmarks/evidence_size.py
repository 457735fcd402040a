"""Size and speed of the evidence model: triples per synthetic document, one-core ingest
time, and each named query's latency, on the same synthetic corpus.

    .venv/bin/python benchmarks/evidence_size.py --documents 500

Prints a JSON object: ``documents``, ``triples_per_document`` (the documents' named
graphs, ontology and vocabularies left out), ``evidence_per_document``, ``ingest_s`` and
``documents_per_s`` (``jobs=1``; ``ingest_cpu_s`` the process's CPU time, steadier than the
wall clock on a shared machine), and per named query its p50 and p95 in ms.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from scale import _parameters, _query_latencies, _timed, _trace_latency  # noqa: E402
from synthetic import generate  # noqa: E402

from policykg.graph import iris  # noqa: E402
from policykg.graph.ingest import ingest  # noqa: E402
from policykg.graph.store import Store  # noqa: E402

_TRIPLES = (f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
            f"FILTER(?g NOT IN (<{iris.ONTOLOGY_GRAPH}>, <{iris.VOCABULARY_GRAPH}>)) }}")
_EVIDENCE = "PREFIX pkg: <https://w3id.org/policykg/def#> SELECT (COUNT(*) AS ?n) WHERE { ?e pkg:quote ?q }"


def measure(documents: int, folder: Path, work: Path) -> dict:
    """The figures for ``documents`` synthetic documents written to ``folder`` (kept if there)."""
    if not folder.exists() or len(list(folder.iterdir())) != documents:
        generate(folder, documents)
    store = Store(work / "store")
    cpu = time.process_time()
    seconds, report = _timed(lambda: ingest(store, [folder], jobs=1))
    cpu = time.process_time() - cpu
    assert not report.failed, report.failed[:3]
    triples = int(store.query(_TRIPLES).rows[0][0])
    evidence = int(store.query(_EVIDENCE).rows[0][0])
    params = _parameters(store)
    out = {"documents": documents, "quads": len(store), "triples_per_document": triples / documents,
           "evidence_per_document": evidence / documents, "ingest_s": seconds, "ingest_cpu_s": cpu,
           "documents_per_s": documents / seconds,
           "queries": _query_latencies(store, params), "trace": _trace_latency(store, params["_motion"])}
    store.close()
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=500)
    parser.add_argument("--corpus", type=Path, default=None, help="folder of the synthetic corpus (kept)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.corpus or Path(tmp) / "corpus"
        print(json.dumps(measure(args.documents, folder, Path(tmp)), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
