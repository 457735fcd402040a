"""Extraction throughput on the sample corpus, and time on hostile text.

Extracts the corpus documents over and over until at least --megabytes of text
have been read (one process, the packaged gazetteer compiled once), and reports
MB/s and documents/s. Then times extraction of 1 MB of hostile text of each kind
(long runs of digits, commas, "nr." and spaces, and a mix) and of half and a
quarter of it, so growth with input size is visible: linear growth doubles the
time when the input doubles. Prints a table and writes
benchmarks/results/extraction_throughput.json.

Run: make bench-extras   (or: .venv/bin/python benchmarks/extraction_throughput.py --megabytes 50)
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from pathlib import Path
from typing import Any

from policykg.loaders.document import extract_text
from policykg.loaders.gazetteer import default_gazetteer

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "examples" / "corpus"
RESULTS = ROOT / "benchmarks" / "results" / "extraction_throughput.json"
MB = 1_000_000
HOSTILE = {
    "digits": "1234567890",
    "commas": ", , ,,, ",
    "nr.": "nr. nr.nr. ",
    "spaces": " \t  \n ",
    "mix": "Kamerstuk 30 950, nrs. 1, 2, 3 en 4, nr. 5, ",
    "footnote-like": "1\n2 Kamerstukken\nbrief3 ",
    "quotes": "rapport «a ‘b “c \"d ",
    "measure cues": "Het is mijn inzet om wordt onderzocht of zullen worden georganiseerd ",
    "founding": "Staatscommissie liggen hieraan ten grondslag de motie van het lid A (30 950, nr. 1) ",
}


def corpus_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(CORPUS.iterdir()) if p.suffix in (".txt", ".md")]


def throughput(megabytes: float) -> dict:
    texts, gazetteer = corpus_texts(), default_gazetteer()
    chars = documents = 0
    start = time.perf_counter()
    while chars < megabytes * MB:
        for text in texts:
            extract_text(text, "bench.txt", gazetteer=gazetteer)
            chars += len(text.encode("utf-8"))
            documents += 1
    seconds = time.perf_counter() - start
    return {"megabytes": chars / MB, "documents": documents, "seconds": seconds,
            "mb_per_s": chars / MB / seconds, "documents_per_s": documents / seconds}


def hostile_times() -> dict:
    gazetteer = default_gazetteer()
    out: dict[str, dict[int, float]] = {}
    for name, unit in HOSTILE.items():
        out[name] = {}
        for size in (MB // 4, MB // 2, MB):
            text = (unit * (size // len(unit) + 1))[:size]
            start = time.perf_counter()
            extract_text(text, "hostile.txt", gazetteer=gazetteer)
            out[name][size] = time.perf_counter() - start
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=50.0)
    args = parser.parse_args()
    result: dict[str, Any] = {"machine": f"{platform.machine()} {platform.processor() or ''}".strip(),
              "python": platform.python_version(), "throughput": throughput(args.megabytes),
              "hostile_seconds": hostile_times()}
    t = result["throughput"]
    print(f"corpus x{t['documents'] // 5}: {t['megabytes']:.1f} MB, {t['documents']} documents "
          f"in {t['seconds']:.1f} s = {t['mb_per_s']:.2f} MB/s, {t['documents_per_s']:.0f} documents/s")
    print(f"{'hostile text':<16}{'0.25 MB':>10}{'0.5 MB':>10}{'1 MB':>10}   (seconds)")
    for name, times in result["hostile_seconds"].items():
        print(f"{name:<16}" + "".join(f"{s:>10.3f}" for s in times.values()))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"written: {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
