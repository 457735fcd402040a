"""Time per MB of `policykg ingest` for one text file of 1, 5, 10, 25 and 50 MB.

Each source is real documents laid end to end (the text and markdown files of
../shared/real and examples/corpus, in name order, repeated until the size is
reached, a blank line between them), so it has the density of references,
footnotes, motions and measures of real text. Each size runs the real command
(`policykg ingest --quiet` in a child process, into a fresh store) and is timed from
start to exit, so start-up, reading, extraction, building the triples and the bulk
load into Oxigraph all count; wall-clock and CPU time (user + system of the child:
less disturbed by other work on a shared machine), and the child's peak memory.
Work linear in the input keeps seconds per MB flat; the goal (issue 15) is that
50 MB finishes and its time per MB is within 1.5x of 1 MB's. Prints a table and
writes benchmarks/results/ingest_linearity.json.

Run: .venv/bin/python benchmarks/ingest_linearity.py [--sizes 1 5 10 25 50] [--work DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = (ROOT.parent / "shared" / "real", ROOT / "examples" / "corpus")
RESULTS = ROOT / "benchmarks" / "results" / "ingest_linearity.json"
POLICYKG = Path(sys.executable).with_name("policykg")
MB = 1_000_000


def real_texts() -> list[str]:
    """The real text and markdown documents available here, in a fixed order."""
    files = sorted(p for folder in SOURCES if folder.is_dir() for p in folder.iterdir()
                   if p.suffix in (".txt", ".md"))
    return [p.read_text(encoding="utf-8") for p in files]


def write_source(path: Path, megabytes: float, texts: list[str]) -> int:
    """Real documents end to end up to ``megabytes`` MB; the bytes written."""
    parts, size, i = [], 0, 0
    while size < megabytes * MB:
        text = texts[i % len(texts)]
        parts.append(text)
        size += len(text.encode("utf-8")) + 2
        i += 1
    data = "\n\n".join(parts).encode("utf-8")
    path.write_bytes(data)
    return len(data)


def run_ingest(source: Path, store: Path, limit_mb: float) -> dict:
    """Seconds, peak memory (MB) and the summary line of one `policykg ingest`."""
    start = time.perf_counter()
    child = subprocess.Popen([str(POLICYKG), "ingest", "--quiet", "--store", str(store),
                              "--max-source-mb", str(limit_mb), str(source)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    out = child.stdout.read().decode() if child.stdout else ""
    err = child.stderr.read().decode() if child.stderr else ""
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"policykg ingest failed ({child.returncode}) on {source}: {err or out}")
    return {"seconds": seconds, "cpu_seconds": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024,
            "summary": out.strip()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 5, 10, 25, 50], help="MB per source")
    parser.add_argument("--work", type=Path, help="folder for the sources and stores (default: a temporary one)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="policykg-linearity-"))
    work.mkdir(parents=True, exist_ok=True)
    texts = real_texts()
    rows = []
    try:
        for megabytes in args.sizes:
            source, store = work / f"real-{megabytes:g}mb.txt", work / f"store-{megabytes:g}mb"
            shutil.rmtree(store, ignore_errors=True)
            size = write_source(source, megabytes, texts)
            run = run_ingest(source, store, limit_mb=size / MB + 1)
            rows.append({"megabytes": size / MB, **run, "seconds_per_mb": run["seconds"] / (size / MB),
                         "cpu_seconds_per_mb": run["cpu_seconds"] / (size / MB)})
            print(f"{size / MB:7.1f} MB  {run['seconds']:8.1f} s  {rows[-1]['seconds_per_mb']:6.2f} s/MB  "
                  f"{rows[-1]['cpu_seconds_per_mb']:6.2f} CPU s/MB  {run['peak_mb']:8.0f} MB peak  {run['summary']}",
                  flush=True)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    first = rows[0]
    vs = f"vs {first['megabytes']:.0f} MB"
    print(f"\n| source MB | seconds | s/MB | {vs} | CPU s/MB | {vs} | peak memory MB |\n"
          "|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        row["ratio"] = row["seconds_per_mb"] / first["seconds_per_mb"]
        row["cpu_ratio"] = row["cpu_seconds_per_mb"] / first["cpu_seconds_per_mb"]
        print(f"| {row['megabytes']:.1f} | {row['seconds']:.1f} | {row['seconds_per_mb']:.2f} | {row['ratio']:.2f}x "
              f"| {row['cpu_seconds_per_mb']:.2f} | {row['cpu_ratio']:.2f}x | {row['peak_mb']:,.0f} |")
    result = {"machine": f"{platform.machine()}, {os.cpu_count()} cores", "python": platform.python_version(),
              "documents": len(texts), "rows": rows}
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"written: {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
