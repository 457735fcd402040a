"""policykg at scale, side by side with the plain rdflib in-memory + pySHACL stack.

Generates a synthetic corpus (benchmarks/synthetic.py) of --documents documents
and measures, for policykg (Oxigraph store, parallel ingest, SHACL as SPARQL in
the store) and for the plain stack (same extraction, one process, rdflib
Dataset in memory, pySHACL):

- ingest: documents/s and MB/s with one core and all cores; triples/s into the store
- p50/p95 latency of every named query (20 runs each; a query that lists the corpus
  as `policykg query` runs it, its default page) and of a 5-hop trace
- validation time, export time (GraphML, Turtle)
- peak memory (this process and its workers)

The plain stack gets the same documents (--plain-max to give it fewer; its column
then names its size), ingests them all, and each of its other measurements is
stopped after --plain-timeout seconds: the table says "stopped at N s" there and
gives no ratio. It runs in a process of its own, so that its peak memory is its own.
With --virtuoso, policykg's store is also pushed to a Virtuoso server started for the
run (tests/virtuoso_server.py; skipped, with the reason, where virtuoso-t is missing)
and the named queries and the trace run against it; the server is stopped at the end.
Prints a table and writes benchmarks/results/scale-<documents>.json.

Run: make bench   (1,000 documents)   make bench-virtuoso   (the same with Virtuoso)
or: .venv/bin/python benchmarks/scale.py --documents 100000
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
from queue import Empty
from typing import Any, TypeVar

from rdflib import Dataset, Graph, URIRef
from rdflib.query import ResultRow

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))  # for tests.virtuoso_server, shared with the tests

from synthetic import generate  # noqa: E402

from policykg.graph import export as exporting  # noqa: E402
from policykg.graph import iris  # noqa: E402
from policykg.graph.backend import QueryResult, write_with_rdflib  # noqa: E402
from policykg.graph.build import build_graph  # noqa: E402
from policykg.graph.ingest import ingest  # noqa: E402
from policykg.graph.ingest_validation import document_findings  # noqa: E402
from policykg.graph.push import push_graphs  # noqa: E402
from policykg.graph.queries import load_query, paged  # noqa: E402
from policykg.graph.remote import RemoteStore, without_lateral  # noqa: E402
from policykg.graph.store import Store, to_oxigraph  # noqa: E402
from policykg.graph.trace import trace  # noqa: E402
from policykg.graph.validate import validate_graph, validate_store  # noqa: E402
from policykg.loaders.document import extract_file  # noqa: E402
from policykg.reference import ontology_graph, vocabulary_graph  # noqa: E402
from tests import virtuoso_server  # noqa: E402

RESULTS = HERE / "results"
RUNS = 20
OTHER_BUDGET = 1.0  # seconds of runs per query on the other stacks (policykg: 2): one or two runs of a slow one
T = TypeVar("T")
PLAIN_TIMEOUT = 60.0  # seconds the other stacks get per measurement (--plain-timeout)


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

    @property
    def streams(self) -> bool:
        return True  # select needs no ORDER BY: rdflib answers whole, in memory

    def select(self, sparql: str, bindings=None, page: int = 5000):
        yield from self.query(sparql, bindings).dicts()

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


def _query_latencies(store, params: dict, timeout: float | None = None, budget: float = 2.0) -> dict:
    """p50/p95 of each named query: up to RUNS runs, fewer once they took ``budget`` seconds."""
    from policykg import resources

    out = _Progress()
    for name in resources.named_queries():
        values = params.get(name, {})
        rows: list[int | None] = []
        samples = _samples(lambda name=name, values=values: len(_run(store, name, values).rows),
                           budget=budget, timeout=timeout, values=rows)
        result: dict[str, object] = _percentiles(samples) if isinstance(samples, list) else (
            {"failed": samples} if samples else {"timeout_s": timeout})
        if rows:
            result["rows"] = rows[-1]
        out[name] = result
    return out


def _run(store, name: str, params: dict):
    """The named query as ``policykg query`` runs it: its default page where it lists the
    corpus (issue 17's target is a page of 100 rows), every row otherwise."""
    query = load_query(name)
    text = paged(query, query.page).text if query.page else query.text
    return store.query(text, query.bindings({k: str(v) for k, v in params.items()}))


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
                   query_timeout: float | None = None, exports: bool = True) -> dict:
    """policykg's figures; under ``parameters`` the query parameters the other stacks get too."""
    out = _ingest(corpus, files, megabytes, work, single_max)
    store = Store(work / "store")
    out["parameters"] = params = _parameters(store)
    out["queries"] = _query_latencies(store, params, timeout=query_timeout)
    out["trace_5hop"] = _trace_latency(store, params["_motion"], timeout=query_timeout)
    out["validate_s"], report = _timed(lambda: validate_store(store, "sparql"))
    out["violations"] = report.violations
    out["validate_per_document_ms"] = _per_document_validation_ms(store)
    if exports:
        out.update(_exports(store, work))
    out["peak_memory_mb"] = _peak_mb()
    store.close()
    return out


def bench_plain(files: list[Path], megabytes: float, work: Path, timeout: float, single_max: int,
                params: dict) -> dict:
    """The plain stack on ``files``: its ingest (one process) is timed over the first
    ``single_max`` documents, the ones policykg's one-core ingest gets, and over all."""
    out, store = _Progress(timeout_s=timeout), RdflibStore()
    first: list[float] = []
    start = time.perf_counter()

    def load():
        store.replace_graph(iris.ONTOLOGY_GRAPH, ontology_graph())
        store.replace_graph(iris.VOCABULARY_GRAPH, vocabulary_graph())
        for count, path in enumerate(files, start=1):
            ex = extract_file(path)
            store.replace_graph(iris.named_graph(ex.key), build_graph(ex))
            if count == min(single_max, len(files)):
                first.append(time.perf_counter() - start)

    seconds, _ = _timed(load)
    subset = files[:single_max]
    out["ingest_1core_docs_per_s"] = len(subset) / first[0]
    out["ingest_1core_mb_per_s"] = sum(f.stat().st_size for f in subset) / 1e6 / first[0]
    out["ingest_all_1core_docs_per_s"] = len(files) / seconds
    out["quads"] = len(store)
    out["triples_per_s"] = len(store) / seconds
    out["queries"] = _query_latencies(store, params, timeout=timeout, budget=OTHER_BUDGET)
    out["trace_5hop"] = _trace_latency(store, params["_motion"], timeout=timeout)
    out["validate_s"] = _forked_seconds(lambda: validate_graph(store.union(exclude=[iris.ONTOLOGY_GRAPH])), timeout)
    out["export_graphml_s"] = _forked_seconds(lambda: _export_graphml(store, work), timeout)
    out["export_turtle_s"] = _forked_seconds(lambda: _export_turtle(store, work), timeout)
    # a forked measurement holds the loaded Dataset plus its own work: the larger of the two is the peak
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    out["peak_memory_mb"] = max(own, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    return dict(out)


def _plain_child(queue, *args) -> None:
    queue.put(json.loads(json.dumps(bench_plain(*args))))  # plain dicts: a _Progress would print again


def bench_plain_apart(files: list[Path], megabytes: float, work: Path, timeout: float, single_max: int,
                      params: dict) -> dict:
    """``bench_plain`` in a new process (spawned, not forked), so that its peak memory
    is the plain stack's alone, not policykg's measured before it."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_plain_child, args=(queue, files, megabytes, work, timeout, single_max, params))
    process.start()
    try:
        while True:
            try:
                return queue.get(timeout=5)
            except Empty:
                if not process.is_alive() and queue.empty():
                    raise RuntimeError(f"the plain stack's process ended ({process.exitcode}) without figures") \
                        from None
    finally:
        process.join()


def bench_virtuoso(store_folder: Path, work: Path, timeout: float, params: dict) -> dict:
    """policykg's store pushed (``policykg push``'s code) to a Virtuoso server started
    here, then the named queries and the 5-hop trace against it, each stopped after
    ``timeout`` seconds; the server is stopped at the end, whatever happens.
    ``{"skipped": reason}`` where Virtuoso is not installed."""
    if not virtuoso_server.installed():
        return {"skipped": virtuoso_server.MISSING}
    out = _Progress(timeout_s=timeout)
    with virtuoso_server.running_virtuoso(work / "virtuoso") as server:
        out["version"] = server.version
        remote = RemoteStore(server.endpoint, server.endpoint, timeout=max(60, int(timeout) + 5))
        store = Store(store_folder)
        try:
            seconds, triples = _timed(lambda: push_graphs(store, remote, store.graph_names()))
        finally:
            store.close()
        out["push_s"], out["pushed_triples"], out["triples_per_s"] = seconds, triples, triples / seconds
        out["queries"] = _query_latencies(remote, params, timeout=timeout, budget=OTHER_BUDGET)
        out["trace_5hop"] = _trace_latency(remote, params["_motion"], timeout=timeout)
    return json.loads(json.dumps(out))


def _cpu_s() -> float:
    """CPU seconds used so far by this process and its finished children (workers,
    the plain stack's process, the Virtuoso server)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _costed(result: dict, key: str, func: Callable[[], T]) -> T:
    """``func()``, with its wall and CPU seconds in ``result["cost"][key]``: the
    benchmark's own budget, readable on a loaded machine too."""
    cpu, wall = _cpu_s(), time.perf_counter()
    value = func()
    result.setdefault("cost", {})[key] = {"wall_s": time.perf_counter() - wall, "cpu_s": _cpu_s() - cpu}
    return value


def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (own + children) / 1024


def _cell(value, timeout: float = PLAIN_TIMEOUT) -> str:
    if value is None:
        return f"stopped at {timeout:.0f} s"
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        if "timeout_s" in value:
            return f"stopped at {value['timeout_s']:.0f} s"
        if "failed" in value:
            return value["failed"]
        return f"{value['p50_ms']:,.1f} / {value['p95_ms']:,.1f}"
    return f"{value:,.1f}" if isinstance(value, float) else f"{value:,}"


def _figure(value) -> float | None:
    """The number a ratio is made of: a p50 for a latency, None where there is none
    (stopped, failed, not measured)."""
    if isinstance(value, dict):
        value = value.get("p50_ms")
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def ratio(mine, theirs, higher_is_better: bool) -> str:
    """How many times better policykg's figure is than the other stack's (above 1:
    policykg is faster or smaller); "" where either figure is missing."""
    a, b = _figure(mine), _figure(theirs)
    if a is None or b is None or a <= 0 or b <= 0:
        return ""
    return f"{(a / b if higher_is_better else b / a):,.1f}x"


def same_rows(mine, theirs) -> bool:
    """False where two answers to the same query have different numbers of rows (then
    they did not do the same work, and get no ratio)."""
    return not (isinstance(mine, dict) and isinstance(theirs, dict) and "rows" in mine and "rows" in theirs
                and mine["rows"] != theirs["rows"])


def _lookup(result: dict | None, key: str, sub: str | None = None):
    if not result:
        return None
    value = result.get(key)
    return (value or {}).get(sub) if sub else value


# (label, key, sub key, higher is better, compare with the other stacks)
def _measures(p: dict, single: int) -> list[tuple[str, str, str | None, bool, bool]]:
    rows: list[tuple[str, str, str | None, bool, bool]] = [
        (f"ingest, 1 core, first {single:,} documents: documents/s", "ingest_1core_docs_per_s", None, True, True),
        (f"ingest, 1 core, first {single:,} documents: MB/s", "ingest_1core_mb_per_s", None, True, True),
        ("ingest, 1 core, all documents: documents/s", "ingest_all_1core_docs_per_s", None, True, False),
        (f"ingest, {p['cores']} cores: documents/s", "ingest_all_docs_per_s", None, True, False),
        (f"ingest, {p['cores']} cores: MB/s", "ingest_all_mb_per_s", None, True, False),
        ("quads in the store", "quads", None, True, False),
        ("triples/s into the store (Virtuoso: pushed)", "triples_per_s", None, True, False),
        ("push to the store, s", "push_s", None, False, False)]
    for name in sorted(p["queries"]):
        rows_out = p["queries"][name].get("rows")
        label = f"query `{name}` ({rows_out:,} rows): p50 / p95 ms" if rows_out is not None \
            else f"query `{name}`: p50 / p95 ms"
        rows.append((label, "queries", name, False, True))
    rows += [("trace, 5 hops: p50 / p95 ms", "trace_5hop", None, False, True),
             ("validation, s", "validate_s", None, False, True),
             ("validation of one document at ingest, ms per document", "validate_per_document_ms", None,
              False, False),
             ("export GraphML, s", "export_graphml_s", None, False, True),
             ("export Turtle, s", "export_turtle_s", None, False, True),
             ("peak memory, MB", "peak_memory_mb", None, False, True)]
    return rows


def table(result: dict) -> str:
    """The Markdown table: policykg, the plain stack and (when it ran) Virtuoso side
    by side, each other stack with its ratio to policykg."""
    p, others = result["policykg"], []
    if result.get("plain"):
        others.append((f"rdflib + pySHACL, {result['plain_documents']:,} documents", result["plain"]))
    virtuoso = result.get("virtuoso") or {}
    if virtuoso and "skipped" not in virtuoso:
        others.append((f"Virtuoso {virtuoso.get('version', '')} (pushed), {result['documents']:,} documents",
                       virtuoso))
    header = f"| measure | policykg (Oxigraph), {result['documents']:,} documents |"
    for title, _ in others:
        header += f" {title} | ratio |"
    lines = [f"{result['documents']:,} synthetic documents ({result['megabytes']:.0f} MB); {result['machine']}",
             "ratio: how many times faster (or smaller) policykg is on the same documents and the same work; "
             "none where a stack was stopped, failed or did other work", "",
             header, "| --- | --- |" + " --- | --- |" * len(others)]
    for label, key, sub, higher, compare in _measures(p, result.get("single_core_documents", 0)):
        mine = _lookup(p, key, sub)
        theirs = [_lookup(other, key, sub) for _, other in others]
        if mine is None and all(value is None for value in theirs):
            continue
        cells = [_cell(mine) if mine is not None else ""]
        for (_, other), value in zip(others, theirs, strict=True):
            same_documents = other is virtuoso or result.get("plain_documents") == result["documents"]
            shown = _cell(value, other["timeout_s"]) if value is not None or key in other else ""
            if not same_rows(mine, value):
                shown += f" ({value['rows']:,} rows)"
            cells += [shown, ratio(mine, value, higher) if compare and same_documents and same_rows(mine, value)
                      else ""]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    if virtuoso.get("skipped"):
        lines += ["", f"Virtuoso: not run ({virtuoso['skipped']})"]
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--plain-max", type=int,
                        help="documents the plain stack gets (the first ones of the corpus; default: all, the "
                             "same as policykg); 0: not run")
    parser.add_argument("--single-core-max", type=int, default=1000, help="documents in the one-core ingest run")
    parser.add_argument("--plain-timeout", type=float, default=PLAIN_TIMEOUT,
                        help="seconds each measurement of the plain stack (and of Virtuoso) gets before it is "
                             "stopped; the plain stack's ingest is never stopped")
    parser.add_argument("--query-timeout", type=float,
                        help="stop each of policykg's query and trace measurements after this many seconds")
    parser.add_argument("--virtuoso", action="store_true",
                        help="also push the store to a Virtuoso server started for the run and query it there")
    parser.add_argument("--no-exports", action="store_true",
                        help="leave out policykg's GraphML and Turtle exports (benchmarks/network_export.py "
                             "measures the network exports at scale)")
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
                  "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
                  "single_core_documents": min(args.single_core_max, len(files))}
        result["policykg"] = _costed(result, "policykg", lambda: bench_policykg(
            corpus, files, size / 1e6, work, args.single_core_max, args.query_timeout, not args.no_exports))
        params = result["policykg"]["parameters"]
        plain_files = files[:args.plain_max] if args.plain_max is not None else files
        if plain_files:
            result["plain_documents"] = len(plain_files)
            plain_mb = sum(f.stat().st_size for f in plain_files) / 1e6
            result["plain"] = _costed(result, "rdflib + pySHACL", lambda: bench_plain_apart(
                plain_files, plain_mb, work / "plain", args.plain_timeout, args.single_core_max, params))
        if args.virtuoso:
            result["virtuoso"] = _costed(result, "Virtuoso", lambda: bench_virtuoso(
                work / "store", work, args.plain_timeout, params))
    print(table(result))
    print("wall / CPU seconds: " + ", ".join(f"{k} {v['wall_s']:.0f} / {v['cpu_s']:.0f}"
                                             for k, v in result["cost"].items()))
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"scale-{args.documents}.json"
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"written: {out.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
