"""How fast the site's pages are made (policykg/site), on the sample corpus and
on a synthetic corpus of --documents documents (benchmarks/synthetic.py).

For each store: the front page, a search by id and by a word, and the node page
and Turtle description of every motion, measure and document (at most --nodes
of each kind), as p50, p95 and max milliseconds, with the largest page in KB.
Prints a table and writes benchmarks/results/pages-<documents>.json.

Run: .venv/bin/python benchmarks/pages.py --documents 1000
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from rdflib import URIRef

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from synthetic import generate  # noqa: E402

from policykg.graph.curation import load_curation  # noqa: E402
from policykg.graph.ingest import ingest  # noqa: E402
from policykg.graph.store import Store  # noqa: E402
from policykg.site.pages import front_page, node_page, node_rdf, search_page  # noqa: E402

KINDS = {"motion": "Motion", "measure": "Measure", "document": "Letter"}


def _timed(make: Callable[[], str | bytes | None]) -> tuple[float, int]:
    start = time.perf_counter()
    out = make()
    return (time.perf_counter() - start) * 1000, len(out or b"")


def _figures(runs: list[tuple[float, int]]) -> dict:
    ms = sorted(r[0] for r in runs)
    return {"n": len(ms), "p50_ms": round(statistics.median(ms), 1),
            "p95_ms": round(ms[min(len(ms) - 1, int(len(ms) * 0.95))], 1), "max_ms": round(ms[-1], 1),
            "largest_kb": round(max(r[1] for r in runs) / 1000, 1)}


def _nodes(store: Store, kind: str, limit: int) -> list[URIRef]:
    rows = store.query(f"SELECT ?n WHERE {{ ?n a <https://w3id.org/policykg/def#{kind}> }} ORDER BY ?n").rows
    return [URIRef(str(r[0])) for r in rows[:limit]]


def measure(store: Store, limit: int) -> dict:
    results = {"front page": _figures([_timed(lambda: front_page(store)) for _ in range(5)]),
               "search by id": _figures([_timed(lambda: search_page(store, "kst-30950-295")) for _ in range(5)]),
               "search by word": _figures([_timed(lambda: search_page(store, "racisme")) for _ in range(5)])}
    for name, kind in KINDS.items():
        nodes = _nodes(store, kind, limit)
        if nodes:
            results[f"{name} page"] = _figures([_timed(lambda n=n: node_page(store, n)) for n in nodes])
            results[f"{name} turtle"] = _figures([_timed(lambda n=n: node_rdf(store, n, "turtle")) for n in nodes])
    return results


def _print(title: str, results: dict) -> None:
    print(f"\n{title}")
    print(f"{'page':<18}{'n':>6}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}{'largest KB':>12}")
    for name, f in results.items():
        print(f"{name:<18}{f['n']:>6}{f['p50_ms']:>10}{f['p95_ms']:>10}{f['max_ms']:>10}{f['largest_kb']:>12}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000, help="synthetic documents (0: the sample corpus only)")
    parser.add_argument("--nodes", type=int, default=200, help="node pages timed per kind")
    args = parser.parse_args()
    report: dict = {"machine": platform.platform(), "python": platform.python_version()}
    with tempfile.TemporaryDirectory() as work:
        sample = Store(Path(work) / "sample")
        ingest(sample, [ROOT / "examples" / "corpus"])
        load_curation(sample, ROOT / "examples" / "curation" / "corpus.csv")
        report["sample corpus"] = measure(sample, args.nodes)
        _print("sample corpus", report["sample corpus"])
        if args.documents:
            corpus = Path(work) / "synthetic"
            generate(corpus, args.documents)
            store = Store(Path(work) / "store")
            ingest(store, [corpus])
            title = f"synthetic corpus, {args.documents} documents, {len(store)} quads"
            report[title] = measure(store, args.nodes)
            _print(title, report[title])
    out = HERE / "results" / f"pages-{args.documents}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten: {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
