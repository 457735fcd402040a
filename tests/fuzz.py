"""Fuzz the extractor and the loaders with atheris (coverage-guided, libFuzzer's mutations).

Targets, each started from real seeds and run in its own child process:

- ``text``: bytes as text through the extractor and the graph builder (``extract_text``,
  ``build_triples``: references, footnotes, motions, measures, line numbers);
- ``xml``, ``html``: officielebekendmakingen publications (``read_publication``);
- ``opendata``: saved Tweede Kamer Open Data JSON (``read_open_data``);
- ``curation``: curation CSV rows resolved against a small store (``read_curation``);
- ``docx``: Word documents (``read_docx``: a zip of XML parts).

A crash is any exception other than the loaders' documented per-source errors
(``SourceError``; ``CurationError`` for curation files). Each distinct crash (type and
place) is kept in the report with the first input that raised it (written to
``--out``); so is the slowest input of each target. Prints a table: inputs, inputs/s,
crashes, slowest input.

Run: make fuzz   (1,000,000 inputs in all), or
     .venv/bin/python -m tests.fuzz --inputs 20000 [--targets text xml] [--jobs 2]
Needs the ``fuzz`` extra (atheris): .venv/bin/pip install -e '.[fuzz]'
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import json
import os
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "real"
SAMPLES = ROOT.parent / "shared" / "samples"
CORPUS = ROOT / "examples" / "corpus"
FIXTURES = ROOT / "tests" / "fixtures"
# each target's share of the inputs, and the longest input it is given
SHARES = {"text": 0.15, "xml": 0.25, "html": 0.2, "opendata": 0.2, "curation": 0.05, "docx": 0.15}
INSTRUMENTED = ["policykg.loaders.officielebekendmakingen", "policykg.loaders.safexml", "policykg.loaders.docx",
                "policykg.loaders.tk_opendata", "policykg.loaders.tk_records", "policykg.loaders.tk_toezeggingen"]
MAX_LEN = {"text": 1024, "xml": 4096, "html": 4096, "opendata": 4096, "curation": 512, "docx": 8192}


# --- seeds: real documents, cut into pieces of the target's input length ---

def _pieces(data: bytes, size: int) -> list[bytes]:
    return [data[i:i + size] for i in range(0, len(data), size)] or [data]


def _real_texts() -> list[Path]:
    return sorted(p for folder in (REAL, CORPUS) if folder.is_dir() for p in folder.iterdir()
                  if p.suffix in (".txt", ".md"))


def seeds(target: str) -> list[bytes]:
    """Real inputs of the target's kind (the first ``MAX_LEN`` bytes of each, or pieces)."""
    size = MAX_LEN[target]
    if target == "text":
        return [piece for p in _real_texts() for piece in _pieces(p.read_bytes(), size)]
    if target == "xml":
        files = sorted([*REAL.glob("*.xml"), *SAMPLES.glob("*.xml")])
        return [piece for p in files for piece in _pieces(p.read_bytes(), size)][:200]
    if target == "html":
        from tests.ob_publication import write_publication

        with tempfile.TemporaryDirectory() as folder:
            return [write_publication(Path(folder), p.read_text(encoding="utf-8"))["html"].read_bytes()[:size]
                    for p in _real_texts()[:20]]
    if target == "opendata":
        return [p.read_bytes()[:size] for p in sorted(FIXTURES.rglob("*.json"))]
    if target == "curation":
        files = sorted((ROOT / "examples" / "curation").glob("*.csv"))
        return [p.read_bytes()[:size] for p in files] + [
            b"action,subject,relation,object,curator,note\nreject,kst-30950-319,cites,kst-30950-295,a,b\n"]
    if target == "docx":
        from tests.docx_writer import paragraph, write_docx

        with tempfile.TemporaryDirectory() as folder:
            out = []
            for i, p in enumerate(_real_texts()[:10]):
                lines = [line for line in p.read_text(encoding="utf-8").splitlines() if line.strip()][:6]
                path = write_docx(Path(folder) / f"{i}.docx", [paragraph(line, seed=i) for line in lines],
                                  footnotes={"1": "Kamerstuk 30 950, nr. 295"})
                out.append(path.read_bytes())
            return out
    raise ValueError(f"unknown target {target!r}")


# --- targets: one input in, the loader's own errors allowed ---

def _target(name: str, scratch: Path) -> tuple[Callable[[bytes], object], tuple[type[BaseException], ...]]:
    """The function that takes one input, and the exceptions that are its documented errors."""
    from policykg.errors import CurationError, SourceError

    if name == "text":
        from policykg.graph.build import build_triples
        from policykg.loaders.document import extract_text
        from policykg.loaders.gazetteer import default_gazetteer

        gazetteer = default_gazetteer()

        def text(data: bytes) -> object:
            return build_triples(extract_text(data.decode("utf-8", "replace"), "fuzz.txt", gazetteer=gazetteer))
        return text, (SourceError,)
    if name in ("xml", "html", "opendata", "docx"):
        from policykg.loaders.docx import read_docx
        from policykg.loaders.officielebekendmakingen import read_publication
        from policykg.loaders.tk_opendata import read_open_data

        reader: Callable[[Path], object] = {"xml": read_publication, "html": read_publication,
                                            "opendata": read_open_data, "docx": read_docx}[name]
        path = scratch / f"fuzz.{ {'opendata': 'json'}.get(name, name)}"

        def from_file(data: bytes) -> object:
            path.write_bytes(data)
            return reader(path)
        return from_file, (SourceError,)
    if name == "curation":
        from policykg.graph.curation import read_curation
        from policykg.graph.ingest import ingest
        from policykg.graph.store import Store

        store = Store()  # in memory: the corpus, so that names resolve
        ingest(store, [CORPUS])
        path = scratch / "fuzz.csv"

        def curation(data: bytes) -> object:
            path.write_bytes(data)
            return read_curation(store, path)
        return curation, (CurationError,)
    raise ValueError(f"unknown target {name!r}")


# --- one target in this process ---

class Tally:
    """What one target's run found."""

    def __init__(self, target: str, inputs: int, out: Path):
        self.target, self.inputs, self.out = target, inputs, out
        self.count = self.rejected = 0
        self.crashes: dict[str, dict] = {}
        self.slowest: dict = {"seconds": 0.0}
        self.start = time.perf_counter()

    def crash(self, data: bytes, exc: BaseException) -> None:
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if "/policykg/" in f.filename
                  or str(ROOT) in f.filename] or traceback.extract_tb(exc.__traceback__)
        place = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"
        key = f"{type(exc).__name__} at {place}"
        if key not in self.crashes:
            name = self.out / f"crash-{self.target}-{hashlib.sha256(data).hexdigest()[:16]}"
            name.write_bytes(data)
            self.crashes[key] = {"count": 0, "message": str(exc)[:300], "input": str(name)}
        self.crashes[key]["count"] += 1

    def timed(self, data: bytes, seconds: float) -> None:
        if seconds > self.slowest["seconds"]:
            name = self.out / f"slowest-{self.target}"
            name.write_bytes(data)
            self.slowest = {"seconds": seconds, "bytes": len(data), "input": str(name)}

    def report(self) -> dict:
        seconds = time.perf_counter() - self.start
        return {"target": self.target, "inputs": self.count, "seconds": seconds,
                "inputs_per_s": self.count / seconds if seconds else 0.0, "rejected": self.rejected,
                "crashes": self.crashes, "slowest": self.slowest}


def run_target(target: str, inputs: int, out: Path, report: Path, seed: int) -> None:
    """Fuzz ``target`` for ``inputs`` inputs with atheris; writes the report (JSON) and exits."""
    import atheris

    # coverage guidance for the parsers written in Python; the extractor's work is in
    # regular expressions (C), where line coverage guides little and costs 10x the time
    with atheris.instrument_imports(include=INSTRUMENTED):
        for module in INSTRUMENTED:
            importlib.import_module(module)
    corpus = out / f"corpus-{target}"  # libFuzzer adds the inputs it finds interesting here
    corpus.mkdir(parents=True, exist_ok=True)
    for data in seeds(target):
        (corpus / hashlib.sha256(data).hexdigest()[:16]).write_bytes(data)
    scratch = Path(tempfile.mkdtemp(prefix=f"policykg-fuzz-{target}-", dir="/dev/shm" if Path("/dev/shm").is_dir()
                                    else None))
    one, allowed = _target(target, scratch)
    tally = Tally(target, inputs, out)

    def test_one_input(data: bytes) -> None:
        started = time.perf_counter()
        try:
            one(data)
        except allowed:
            tally.rejected += 1
        except Exception as exc:  # the finding: recorded, and the run goes on
            tally.crash(data, exc)
        tally.timed(data, time.perf_counter() - started)
        tally.count += 1
        if tally.count >= inputs:
            report.write_text(json.dumps(tally.report(), indent=2) + "\n", encoding="utf-8")
            os._exit(0)

    atheris.Setup([sys.argv[0], "-runs=-1", f"-max_len={MAX_LEN[target]}", f"-seed={seed}", "-timeout=60",
                   "-rss_limit_mb=4096", "-print_final_stats=0", str(corpus)], test_one_input)
    atheris.Fuzz()


# --- all targets, in child processes ---

def _child(target: str, inputs: int, out: Path, seed: int) -> dict:
    report = out / f"report-{target}.json"
    report.unlink(missing_ok=True)
    with (out / f"libfuzzer-{target}.log").open("wb") as log:
        done = subprocess.run([sys.executable, "-m", "tests.fuzz", "--child", target, "--inputs", str(inputs),
                               "--out", str(out), "--seed", str(seed)], cwd=ROOT, stdout=log, stderr=log)
    if report.exists():
        return json.loads(report.read_text(encoding="utf-8"))
    # libFuzzer stopped the child: a timeout, out of memory, or a crash in native code
    return {"target": target, "inputs": 0, "seconds": 0.0, "inputs_per_s": 0.0, "rejected": 0,
            "crashes": {f"child stopped (exit {done.returncode})": {"count": 1, "message":
                        f"see {out / f'libfuzzer-{target}.log'}", "input": ""}}, "slowest": {"seconds": 0.0}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=1_000_000, help="inputs in all, shared by the targets")
    parser.add_argument("--targets", nargs="+", choices=sorted(SHARES), default=list(SHARES))
    parser.add_argument("--jobs", type=int, default=2, help="targets fuzzed at once")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "fuzz", help="crashing and slowest inputs")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--child", choices=sorted(SHARES), help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    if args.child:
        run_target(args.child, args.inputs, args.out, args.out / f"report-{args.child}.json", args.seed)
        return
    total = sum(SHARES[t] for t in args.targets)
    counts = {t: max(1, round(args.inputs * SHARES[t] / total)) for t in args.targets}
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        reports = list(pool.map(lambda t: _child(t, counts[t], args.out, args.seed), args.targets))
    print_table(reports, time.perf_counter() - started, args.out)
    raise SystemExit(1 if any(r["crashes"] for r in reports) else 0)


def print_table(reports: list[dict], seconds: float, out: Path) -> None:
    print(f"{'target':10} {'inputs':>10} {'inputs/s':>9} {'rejected':>9} {'crashes':>8} {'slowest':>9}")
    for r in reports:
        slow = r["slowest"]
        print(f"{r['target']:10} {r['inputs']:>10,} {r['inputs_per_s']:>9,.0f} {r['rejected']:>9,} "
              f"{len(r['crashes']):>8} {slow['seconds'] * 1000:>7.0f}ms"
              + (f" ({slow['bytes']:,} bytes: {slow['input']})" if slow.get("bytes") is not None else ""))
    inputs = sum(r["inputs"] for r in reports)
    print(f"{'all':10} {inputs:>10,} {inputs / seconds:>9,.0f}   ({seconds:,.0f} s wall clock)")
    for r in reports:
        for key, crash in r["crashes"].items():
            print(f"crash in {r['target']}: {key} ({crash['count']}x): {crash['message']}  input: {crash['input']}")
    (out / "summary.json").write_text(json.dumps(reports, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
