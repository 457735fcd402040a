"""policykg at scale, side by side with the plain rdflib in-memory + pySHACL stack.

Generates a synthetic corpus (benchmarks/synthetic.py) of --documents documents
and measures, for policykg (Oxigraph store, parallel ingest, SHACL as SPARQL in
the store) and for the plain stack (same extraction, one process, rdflib
Dataset in memory, pySHACL):

- ingest: documents/s and MB/s with one core and all cores; triples/s into the store
- p50/p95 latency of every named query (20 runs each) and of a 5-hop trace
- validation time, export time (GraphML, Turtle)
- peak memory (this process and its workers)

The plain stack gets the first --plain-max documents (default 200: several of its
queries take minutes even there), and each of its measurements is stopped after
60 s; its column names its size. Prints a table and writes
benchmarks/results/scale-<documents>.json.

Run: make bench   (1,000 documents)   or: .venv/bin/python benchmarks/scale.py --documents 100000
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from rdflib import Dataset, Graph, URIRef
from rdflib.query import ResultRow

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synthetic import generate  # noqa: E402

from policykg.graph import export as exporting  # noqa: E402
from policykg.graph import iris  # noqa: E402
from policykg.graph.backend import QueryResult, write_with_rdflib  # noqa: E402
from policykg.graph.build import build_graph  # noqa: E402
from policykg.graph.ingest import ingest  # noqa: E402
from policykg.graph.ingest_validation import document_findings  # noqa: E402
from policykg.graph.queries import load_query  # noqa: E402
from policykg.graph.remote import without_lateral  # noqa: E402
from policykg.graph.store import Store, to_oxigraph  # noqa: E402
from policykg.graph.trace import trace  # noqa: E402
from policykg.graph.validate import validate_graph, validate_store  # noqa: E402
from policykg.loaders.document import extract_file  # noqa: E402
from policykg.reference import ontology_graph, vocabulary_graph  # noqa: E402

RESULTS = HERE / "results"
RUNS = 20
T = TypeVar("T")
PLAIN_TIMEOUT = 60.0  # seconds the plain stack gets per measurement (--plain-timeout)


class RdflibStore:
    """The plain stack: an rdflib Dataset in memory, queried with the union as default graph."""

    def __init__(self):
        self.ds = Dataset(default_union=True)

    def replace_graph(self, name: URIRef, graph: Graph) -> None:
        target = self.ds.graph(name)
        target.remove((None, None, None))
        for triple in graph:
            target.add(triple)

    def query(self, sparql: str, bindings=None) -> QueryResult:
        # rdflib has no LATERAL: it gets the standard SPARQL 1.1 form remote stores get
        result = self.ds.query(without_lateral(sparql), initBindings=dict(bindings or {}))
        if result.type == "ASK":
            return QueryResult([], [], bool(result.askAnswer))
        assert result.vars is not None  # a SELECT result: ASK is answered above, no named query is a CONSTRUCT
        variables = [str(v) for v in result.vars]
        rows = []
        for row in result:
            assert isinstance(row, ResultRow)  # the rows of a SELECT result
            rows.append(tuple(row))
        return QueryResult(variables, rows)

    def union(self, exclude=()) -> Graph:
        merged, skip = Graph(), set(exclude)
        for g in self.ds.graphs():
            if g.identifier not in skip:
                merged += g
        return merged

    def dataset(self) -> Dataset:
        return self.ds

    def graph_names(self):
        return sorted(g.identifier for g in self.ds.graphs() if isinstance(g.identifier, URIRef))

    def __len__(self) -> int:
        return sum(len(g) for g in self.ds.graphs())

    def write_rdf(self, fmt: str, output, prefixes=None) -> None:
        write_with_rdflib(self, fmt, output, prefixes)


class _Progress(dict):
    """Results that print each figure as it is measured (a 100k run takes a while)."""

    def __setitem__(self, key, value):
        super().__setitem__(key, value)
        print(f"  {key}: {value}", file=sys.stderr, flush=True)


def _percentiles(samples: list[float]) -> dict:
    ordered = sorted(samples)
    return {"p50_ms": 1000 * statistics.median(ordered),
            "p95_ms": 1000 * ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]}


def _timed(func: Callable[[], T]) -> tuple[float, T]:
    start = time.perf_counter()
    result = func()
    return time.perf_counter() - start, result


def _parameters(store) -> dict[str, Any]:
    """A real value for each named query's parameters, taken from the graph (a dict per query),
    and under ``_motion`` the id of a motion (a str)."""
    motion = store.query("PREFIX pkg: <https://w3id.org/policykg/def#> SELECT ?id WHERE { ?m a pkg:Motion ; "
                         "pkg:identifier ?id ; pkg:submittedBy ?p } LIMIT 1").rows
    doc = store.query("PREFIX pkg: <https://w3id.org/policykg/def#> SELECT ?id WHERE { ?d pkg:sourceFile ?f ; "
                      "pkg:identifier ?id ; pkg:cites ?x } LIMIT 1").rows
    motion_id = str(motion[0][0]) if motion else "kst-30950-1"
    doc_id = str(doc[0][0]) if doc else "kst-30950-1"
    node = iris.document(motion_id)
    return {"citations": {"doc": doc_id}, "cited-by": {"doc": motion_id}, "motions": {"dossier": "30950"},
            "motion-measures": {"motion": motion_id}, "mentions-over-time": {"concept": "NCDR"},
            "trace-edges": {"node": node, "curation": "include"}, "node": {"node": node},
            "timeline": {"concept": "Staatscommissie"}, "trace-motion": {"motion": motion_id},
            "dossier-motions": {"dossier": "30950"}, "motion-followup": {"dossier": "30950"}, "_motion": motion_id}


def _forked(func, timeout: float) -> tuple[float, object] | str | None:
    """``(seconds, result)`` of ``func`` run in a forked child (sharing the loaded
    store), or None when it runs past ``timeout`` (the child is then stopped), or
    "error: ..." when it fails: some queries take minutes (or fail, on the plain
    stack), and a benchmark must end."""
    queue = multiprocessing.get_context("fork").Queue()

    def child():
        start = time.perf_counter()
        try:
            value = func()
        except Exception as exc:  # the plain stack fails on some of our queries
            queue.put(f"error: {type(exc).__name__}")
            return
        queue.put((time.perf_counter() - start, value if isinstance(value, int) else None))

    process = multiprocessing.get_context("fork").Process(target=child)
    process.start()
    process.join(timeout)
    if process.is_alive():
        process.kill()
        process.join()
        return None
    return queue.get() if not queue.empty() else "error: no result"


def _forked_seconds(func, timeout: float) -> float | str | None:
    outcome = _forked(func, timeout)
    return outcome[0] if isinstance(outcome, tuple) else outcome


def _samples(func, budget: float, timeout: float | None, values: list | None = None) -> list[float] | str | None:
    """Up to RUNS timings of ``func``, fewer when they use up ``budget`` seconds;
    what ``func`` returns goes into ``values``."""
    samples: list[float] = []
    while len(samples) < RUNS and sum(samples) < budget:
        outcome = _forked(func, timeout) if timeout else _timed(func)
        if outcome is None or isinstance(outcome, str):
            return outcome  # stopped (None) or failed ("error: ...")
        samples.append(outcome[0])
        if values is not None:
            values.append(outcome[1])
    return samples


def _query_latencies(store, params: dict, timeout: float | None = None) -> dict:
    from policykg import resources

    out = _Progress()
    for name in resources.named_queries():
        values = params.get(name, {})
        rows: list[int | None] = []
        samples = _samples(lambda name=name, values=values: len(_run(store, name, values).rows),
                           budget=2.0, timeout=timeout, values=rows)
        result: dict[str, object] = _percentiles(samples) if isinstance(samples, list) else (
            {"failed": samples} if samples else {"timeout_s": timeout})
        if rows:
            result["rows"] = rows[-1]
        out[name] = result
    return out


def _run(store, name: str, params: dict):
    query = load_query(name)
    return store.query(query.text, query.bindings({k: str(v) for k, v in params.items()}))


def _trace_latency(store, motion: str, timeout: float | None = None) -> dict:
    samples = _samples(lambda: trace(store, motion, depth=5), budget=3.0, timeout=timeout)
    return _percentiles(samples) if isinstance(samples, list) else (
        {"failed": samples} if samples else {"timeout_s": timeout})


def _export_graphml(store, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    exporting.export_network(store, "graphml", folder / "net.graphml")


def _export_turtle(store, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    exporting.write_rdf(store, "turtle", folder / "all.ttl")


def _per_document_validation_ms(store: Store, sample: int = 50) -> float:
    """Validation of one newly ingested document (issue 17): the checks it decides alone,
    merged into a few queries on its triples and the ontology, as the ingest worker runs them.
    Milliseconds per document over the first ``sample`` documents."""
    names = [n for n in store.graph_names() if n not in (iris.ONTOLOGY_GRAPH, iris.VOCABULARY_GRAPH)][:sample]
    graphs = [[tuple(map(to_oxigraph, t)) for t in store.graph(name)] for name in names]
    document_findings("warm-up", graphs[0] if graphs else [])
    start = time.perf_counter()
    for triples in graphs:
        document_findings("document", triples)
    return 1000 * (time.perf_counter() - start) / max(1, len(graphs))


def _exports(store, folder: Path) -> dict:
    return {"export_graphml_s": _timed(lambda: _export_graphml(store, folder))[0],
            "export_turtle_s": _timed(lambda: _export_turtle(store, folder))[0]}


def _ingest(corpus: Path, files: list[Path], megabytes: float, work: Path, single_max: int) -> dict:
    """Ingest figures; the store is left in ``work/store``. A ``work/ingest.json`` from
    an earlier run over the same folder is reused (a 100k ingest takes half an hour)."""
    saved = work / "ingest.json"
    if saved.exists() and (work / "store").exists():
        print(f"  reusing the store and ingest figures in {work}", file=sys.stderr, flush=True)
        return _Progress(json.loads(saved.read_text(encoding="utf-8")))
    out = _Progress()
    subset = files[:single_max]
    single = Store(work / "single")
    seconds, _ = _timed(lambda: ingest(single, subset, jobs=1))
    sub_mb = sum(f.stat().st_size for f in subset) / 1e6
    out["ingest_1core_docs_per_s"], out["ingest_1core_mb_per_s"] = len(subset) / seconds, sub_mb / seconds
    single.close()
    store = Store(work / "store")
    jobs = os.cpu_count() or 1
    seconds, report = _timed(lambda: ingest(store, [corpus], jobs=jobs))
    assert not report.failed, report.failed[:3]
    out["cores"] = jobs
    out["ingest_all_docs_per_s"], out["ingest_all_mb_per_s"] = len(files) / seconds, megabytes / seconds
    out["quads"] = len(store)
    out["triples_per_s"] = len(store) / seconds
    store.close()
    saved.write_text(json.dumps(out, indent=2), encoding="utf-8")
    return out


def bench_policykg(corpus: Path, files: list[Path], megabytes: float, work: Path, single_max: int,
                   query_timeout: float | None = None) -> dict:
    out = _ingest(corpus, files, megabytes, work, single_max)
    store = Store(work / "store")
    params = _parameters(store)
    out["queries"] = _query_latencies(store, params, timeout=query_timeout)
    out["trace_5hop"] = _trace_latency(store, params["_motion"], timeout=query_timeout)
    out["validate_s"], report = _timed(lambda: validate_store(store, "sparql"))
    out["violations"] = report.violations
    out["validate_per_document_ms"] = _per_document_validation_ms(store)
    out.update(_exports(store, work))
    out["peak_memory_mb"] = _peak_mb()
    store.close()
    return out


def bench_plain(files: list[Path], megabytes: float, work: Path, timeout: float) -> dict:
    out, store = _Progress(timeout_s=timeout), RdflibStore()

    def load():
        store.replace_graph(iris.ONTOLOGY_GRAPH, ontology_graph())
        store.replace_graph(iris.VOCABULARY_GRAPH, vocabulary_graph())
        for path in files:
            ex = extract_file(path)
            store.replace_graph(iris.named_graph(ex.key), build_graph(ex))

    seconds, _ = _timed(load)
    out["ingest_1core_docs_per_s"], out["ingest_1core_mb_per_s"] = len(files) / seconds, megabytes / seconds
    out["quads"] = len(store)
    out["triples_per_s"] = len(store) / seconds
    params = _parameters(store)
    out["queries"] = _query_latencies(store, params, timeout=timeout)
    out["trace_5hop"] = _trace_latency(store, params["_motion"], timeout=timeout)
    out["validate_s"] = _forked_seconds(lambda: validate_graph(store.union(exclude=[iris.ONTOLOGY_GRAPH])), timeout)
    out["export_graphml_s"] = _forked_seconds(lambda: _export_graphml(store, work), timeout)
    out["export_turtle_s"] = _forked_seconds(lambda: _export_turtle(store, work), timeout)
    out["peak_memory_mb"] = _peak_mb()
    return out


def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (own + children) / 1024


def _cell(value, timeout: float = PLAIN_TIMEOUT) -> str:
    if value is None:
        return f"> {timeout:.0f} s (stopped)"
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        if "timeout_s" in value:
            return f"> {value['timeout_s']:.0f} s (stopped)"
        if "failed" in value:
            return value["failed"]
        return f"{value['p50_ms']:,.1f} / {value['p95_ms']:,.1f}"
    return f"{value:,.1f}" if isinstance(value, float) else f"{value:,}"


def table(result: dict) -> str:
    p, r = result["policykg"], result.get("plain")
    plain = (
        (lambda key, sub=None: _cell((r.get(key) or {}).get(sub) if sub else r.get(key), r["timeout_s"]))
        if r else (lambda *a: "not run")
    )
    lines = [f"{result['documents']:,} synthetic documents ({result['megabytes']:.0f} MB); {result['machine']}",
             "", f"| measure | policykg (Oxigraph), {result['documents']:,} documents | rdflib + pySHACL, "
             f"{result.get('plain_documents', 0):,} documents |", "| --- | --- | --- |"]

    def row(label, mine, theirs):
        lines.append(f"| {label} | {mine} | {theirs} |")

    row("ingest, 1 core: documents/s", _cell(p["ingest_1core_docs_per_s"]), plain("ingest_1core_docs_per_s"))
    row("ingest, 1 core: MB/s", _cell(p["ingest_1core_mb_per_s"]), plain("ingest_1core_mb_per_s"))
    row(f"ingest, {p['cores']} cores: documents/s", _cell(p["ingest_all_docs_per_s"]), "")
    row(f"ingest, {p['cores']} cores: MB/s", _cell(p["ingest_all_mb_per_s"]), "")
    row("quads in the store", _cell(p["quads"]), plain("quads"))
    row("triples/s into the store", _cell(p["triples_per_s"]), plain("triples_per_s"))
    for name in sorted(p["queries"]):
        rows = p["queries"][name].get("rows")
        row(f"query `{name}` ({rows:,} rows): p50 / p95 ms" if rows is not None else f"query `{name}`: p50 / p95 ms",
            _cell(p["queries"][name]), plain("queries", name))
    row("trace, 5 hops: p50 / p95 ms", _cell(p["trace_5hop"]), plain("trace_5hop"))
    row("validation, s", _cell(p["validate_s"]), plain("validate_s"))
    if "validate_per_document_ms" in p:
        row("validation of one document at ingest, ms per document",
            _cell(p["validate_per_document_ms"]), "")
    row("export GraphML, s", _cell(p["export_graphml_s"]), plain("export_graphml_s"))
    row("export Turtle, s", _cell(p["export_turtle_s"]), plain("export_turtle_s"))
    row("peak memory, MB", _cell(p["peak_memory_mb"]), plain("peak_memory_mb"))
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--plain-max", type=int, default=200,
                        help="documents the plain stack gets (the first ones of the corpus); 0: not run")
    parser.add_argument("--single-core-max", type=int, default=1000, help="documents in the one-core ingest run")
    parser.add_argument("--plain-timeout", type=float, default=PLAIN_TIMEOUT,
                        help="seconds the plain stack gets per measurement before it is stopped")
    parser.add_argument("--query-timeout", type=float,
                        help="stop each of policykg's query and trace measurements after this many seconds")
    parser.add_argument("--work", type=Path,
                        help="keep corpus and store in this folder (default: a temporary one); a later run "
                             "with the same folder reuses them and their ingest figures")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = args.work or Path(tmp)
        corpus = work / "corpus"
        if not (args.work and corpus.exists() and len(list(corpus.iterdir())) == args.documents):
            generate(corpus, args.documents)
        files = sorted(corpus.iterdir())
        size = sum(f.stat().st_size for f in files)
        result = {"documents": args.documents, "megabytes": size / 1e6,
                  "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"}
        result["policykg"] = bench_policykg(corpus, files, size / 1e6, work, args.single_core_max,
                                            args.query_timeout)
        plain_files = files[:args.plain_max]
        if plain_files:
            result["plain_documents"] = len(plain_files)
            plain_mb = sum(f.stat().st_size for f in plain_files) / 1e6
            result["plain"] = bench_plain(plain_files, plain_mb, work / "plain", args.plain_timeout)
    print(table(result))
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"scale-{args.documents}.json"
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"written: {out.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
