"""Validation at ingest, measured: `policykg validate` (stored findings plus the
cross-document checks) against `--full` (every check on the whole store), and the
checks of one document in its worker (a few merged queries) against the same checks as
one query each. Prints the figures and whether both ways agree.

Run: .venv/bin/python benchmarks/validation.py --documents 2000 [--work DIR]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import pyoxigraph as ox  # noqa: E402
from rdflib import Graph  # noqa: E402
from synthetic import generate  # noqa: E402

from policykg.graph import iris  # noqa: E402
from policykg.graph.build import build_triples  # noqa: E402
from policykg.graph.ingest import ingest, load_reference_data, source_files  # noqa: E402
from policykg.graph.ingest_validation import document_findings, stored_checks, worker_store  # noqa: E402
from policykg.graph.store import Store, to_rdflib  # noqa: E402
from policykg.graph.validate import validate_store  # noqa: E402
from policykg.loaders.document import extract_file  # noqa: E402


def _timed(action):
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def _one_query_each(triples: list[tuple]) -> None:
    """The stored checks on one document as separate queries (the way before)."""
    store = worker_store()
    graph = ox.NamedNode(str(iris.VALIDATING_GRAPH))
    store.extend(ox.Quad(s, p, o, graph) for s, p, o in triples)
    for check in stored_checks():
        list(store.query(check.sparql, use_default_graph_as_union=True))
    store.remove_graph(graph)


def _every_check(store: Store, triples: list[tuple]) -> None:
    """Every check on one document as one query each in a store of its own with the
    ontology and vocabularies (the per-document way measured before issue 17)."""
    graph = Graph()
    for t in triples:
        graph.add(tuple(map(to_rdflib, t)))
    store.replace_graph(iris.named_graph("document"), graph)
    validate_store(store, full=True)


def per_document(files: list[Path], sample: int) -> dict[str, float]:
    """Milliseconds per document over ``sample`` documents: the stored checks merged into
    one query (as ingest runs them), one query each, and every check one query each."""
    built = [(extract_file(f).key, build_triples(extract_file(f))) for f in files[:sample]]
    document_findings("warm-up", built[0][1])
    merged, _ = _timed(lambda: [document_findings(key, triples) for key, triples in built])
    separate, _ = _timed(lambda: [_one_query_each(triples) for _, triples in built])
    single = Store()
    load_reference_data(single)
    every, _ = _timed(lambda: [_every_check(single, triples) for _, triples in built])
    return {"merged_ms": 1000 * merged / len(built), "separate_ms": 1000 * separate / len(built),
            "every_ms": 1000 * every / len(built), "checks": len(stored_checks())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--work", type=Path, help="folder to keep the corpus and store in (reused)")
    parser.add_argument("--sample", type=int, default=200, help="documents for the per-document figure")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="policykg-validation-"))
    corpus = work / "corpus"
    if not corpus.exists():
        generate(corpus, args.documents)
    files = source_files([corpus])
    fresh = not (work / "store").exists()
    store = Store(work / "store")
    if fresh:
        seconds, _ = _timed(lambda: ingest(store, [corpus], jobs=os.cpu_count() or 1))
        print(f"ingest: {len(files)} documents in {seconds:.1f} s ({len(files) / seconds:.1f} documents/s)")
    stored_s, stored = _timed(lambda: validate_store(store))
    full_s, full = _timed(lambda: validate_store(store, full=True))
    print(f"documents: {len(files)}, triples: {store.triple_count()}")
    print(f"policykg validate (stored + cross-document): {stored_s:.2f} s")
    print(f"policykg validate --full:                    {full_s:.2f} s")
    print(f"findings: {len(stored.findings)} stored way, {len(full.findings)} full; "
          f"{'the same' if set(stored.findings) == set(full.findings) else 'DIFFERENT'}")
    figures = per_document(files, args.sample)
    print(f"one document's stored checks ({figures['checks']:.0f}), ms per document: "
          f"{figures['merged_ms']:.1f} merged into a few queries, {figures['separate_ms']:.1f} as one query each; "
          f"every check as one query each in a store of its own (before): {figures['every_ms']:.1f}")
    store.close()


if __name__ == "__main__":
    main()
