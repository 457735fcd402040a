"""Peak memory and time of the network exports on a synthetic corpus (run on demand).

    .venv/bin/python benchmarks/network_export.py --documents 2000 --work /tmp/net-bench

Generates the corpus of ``benchmarks/synthetic.py`` (kept in ``--work`` and reused),
ingests it once, then writes each network format in a child process of its own and
prints the child's peak resident memory (ru_maxrss) and wall time, with the network's
size. Memory should stay flat in the size of the graph: the exports stream their rows.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import generate  # noqa: E402

_CHILD = """
import resource
import sys
from pathlib import Path
from policykg.graph.export import export_network
from policykg.graph.store import Store
store = Store.read_only(Path(sys.argv[1]))
export_network(store, sys.argv[2], Path(sys.argv[3]))
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def _store(work: Path, documents: int) -> Path:
    """The ingested corpus in ``work/store`` (made once)."""
    store = work / "store"
    if store.exists():
        return store
    from policykg.graph.ingest import ingest
    from policykg.graph.store import Store

    corpus = work / "corpus"
    if not corpus.exists():
        generate(corpus, documents)
    with Store(store) as opened:
        report = ingest(opened, [corpus], jobs=os.cpu_count() or 1)
        assert not report.failed, report.failed[:3]
    return store


def _measure(python: str, store: Path, fmt: str, target: Path) -> dict:
    """Peak memory (MB) and seconds of one export in a child process."""
    start = time.perf_counter()
    done = subprocess.run([python, "-c", _CHILD, str(store), fmt, str(target)], check=True,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - start
    peak_kb = int(done.stdout.split()[-1])  # the child's own ru_maxrss
    size = sum(p.stat().st_size for p in (target.iterdir() if target.is_dir() else [target]))
    figures = {"format": fmt, "seconds": round(seconds, 1), "peak_mb": round(peak_kb / 1024),
               "output_mb": round(size / 1e6, 1)}
    if target.is_dir():  # csv: a row per node and per edge, after the header
        for name in ("nodes", "edges"):
            with (target / f"{name}.csv").open(encoding="utf-8", newline="") as rows:
                figures[name] = sum(1 for _ in csv.reader(rows)) - 1
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--formats", default="graphml,gexf,json,csv")
    parser.add_argument("--python", default=sys.executable, help="the Python whose policykg exports")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    store = _store(args.work, args.documents)
    results = []
    for fmt in args.formats.split(","):
        target = args.work / "out" / (fmt if fmt == "csv" else f"net.{fmt}")
        target.parent.mkdir(parents=True, exist_ok=True)
        results.append(_measure(args.python, store, fmt, target))
        print(json.dumps(results[-1]), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
