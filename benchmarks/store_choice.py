"""Measure the embedded store candidates on policykg's own queries.

Builds a synthetic citation graph (documents citing each other with a skewed,
heavy-tailed distribution, and a chain of ledTo links) and times, for rdflib's
in-memory store and for Oxigraph (pyoxigraph): loading N-Triples, a ledTo+
property path, the most-cited aggregate, and a deep chain. Prints a table and
writes benchmarks/results/store_choice.json.

Run: make bench-extras   (or: .venv/bin/python benchmarks/store_choice.py --documents 20000)
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox
from rdflib import Graph
from rdflib.query import ResultRow

PKG = "https://w3id.org/policykg/def#"
DOC = "https://zoek.officielebekendmakingen.nl/kst-{}-{}"
MOST_CITED = f"""SELECT ?t (COUNT(?s) AS ?n) WHERE {{ ?s <{PKG}cites> ?t }} GROUP BY ?t ORDER BY DESC(?n) LIMIT 20"""
LEDTO_PATH = f"""SELECT (COUNT(?x) AS ?n) WHERE {{ <{DOC.format(1, 0)}> <{PKG}ledTo>+ ?x }}"""


def synthetic_ntriples(documents: int, chain: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    lines = []
    for i in range(documents):
        doc = DOC.format(1 + i // 1000, i)
        lines.append(f'<{doc}> <{PKG}identifier> "kst-{1 + i // 1000}-{i}" .')
        lines.append(f'<{doc}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{PKG}Letter> .')
        for _ in range(rng.randint(1, 8)):
            j = min(int(rng.paretovariate(1.2)) - 1, i) if i else 0
            target = DOC.format(1 + (i - j) // 1000, i - j)
            lines.append(f"<{doc}> <{PKG}cites> <{target}> .")
    for k in range(chain):
        lines.append(f"<{DOC.format(1, k)}> <{PKG}ledTo> <{DOC.format(1, k + 1)}> .")
    return "\n".join(lines) + "\n"


T = TypeVar("T")


def timed(func: Callable[[], T], repeat: int = 3) -> tuple[float, T]:
    """The best time of ``repeat`` (at least 1) runs, and what the last run returned."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return best, result


def bench_rdflib(data: str) -> dict:
    out: dict[str, object] = {}
    out["load_s"], graph = timed(lambda: Graph().parse(data=data, format="nt"), repeat=1)
    out["most_cited_s"], _ = timed(lambda: list(graph.query(MOST_CITED)))
    try:
        out["ledto_path_s"], rows = timed(lambda: list(graph.query(LEDTO_PATH)))
        first = rows[0]
        assert isinstance(first, ResultRow)  # LEDTO_PATH is a SELECT: its rows are ResultRows
        out["ledto_path_rows"] = int(str(first[0]))  # the count's lexical form
    except RecursionError:
        out["ledto_path_s"], out["ledto_path_rows"] = None, "RecursionError"
    out["triples"] = len(graph)
    return out


def bench_oxigraph(data: str) -> dict:
    out: dict[str, object] = {}

    def load():
        store = ox.Store()
        store.load(data.encode(), ox.RdfFormat.N_TRIPLES)
        return store

    out["load_s"], store = timed(load, repeat=1)
    out["most_cited_s"], _ = timed(lambda: list(store.query(MOST_CITED)))
    out["ledto_path_s"], rows = timed(lambda: list(store.query(LEDTO_PATH)))
    out["ledto_path_rows"] = int(rows[0]["n"].value)
    out["triples"] = len(store)
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=20000)
    parser.add_argument("--chain", type=int, default=3000, help="length of the ledTo chain")
    args = parser.parse_args(argv)
    data = synthetic_ntriples(args.documents, args.chain)
    results = {"documents": args.documents, "chain": args.chain,
               "rdflib": bench_rdflib(data), "oxigraph": bench_oxigraph(data)}
    print(f"{args.documents} documents, {results['oxigraph']['triples']} triples, ledTo chain of {args.chain}")
    print(f"{'measure':<22}{'rdflib (memory)':>18}{'oxigraph':>14}")
    for key in ("load_s", "most_cited_s", "ledto_path_s"):
        a, b = results["rdflib"][key], results["oxigraph"][key]
        fa = f"{a:.3f} s" if isinstance(a, float) else str(results["rdflib"]["ledto_path_rows"])
        print(f"{key:<22}{fa:>18}{b:>12.3f} s")
    out = Path(__file__).parent / "results" / "store_choice.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2))
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
