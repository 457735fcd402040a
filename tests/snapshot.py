"""What policykg answers on the sample corpus: the graph, every named query, trace,
validate, stats, extract and the network exports, as the CLI prints or writes them; and
on the gold documents (tests/gold/documents) every named query, trace and validate
(``gold-*``).

A refactoring must give the same answers (tests/test_snapshot.py compares). Where a change
is meant to change them, write the snapshot anew and review its diff:

    .venv/bin/python -m tests.snapshot --write
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

from click.testing import CliRunner

from policykg.cli import main

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOTS = ROOT / "tests" / "snapshots"
CORPUS = ROOT / "examples" / "corpus"
OPEN_DATA = ROOT / "tests" / "fixtures" / "tk"
CURATION = ROOT / "examples" / "curation" / "corpus.csv"

PARAMS = {"citations": ["doc=kst-30950-319"], "cited-by": ["doc=kst-30950-295"],
          "dossier-motions": ["dossier=30950"], "mentions-over-time": ["concept=NCDR"],
          "motion-followup": ["dossier=30950"],
          "motion-measures": [], "motions": ["dossier=30950"], "timeline": ["concept=Staatscommissie"],
          "node": ["node=https://zoek.officielebekendmakingen.nl/kst-30950-295"],
          "trace-edges": ["node=https://zoek.officielebekendmakingen.nl/kst-30950-295", "curation=include"],
          "trace-motion": ["motion=kst-30950-295"]}
TRACES = ["kst-30950-295", "kst-30950-293", "debat 2020-07-01"]
GOLD = ROOT / "tests" / "gold" / "documents"
GOLD_PARAMS = {"citations": ["doc=kst-36410-VII-52"], "cited-by": ["doc=kst-30950-295"],
               "dossier-motions": ["dossier=30950"], "mentions-over-time": ["concept=NCDR"],
               "motion-followup": ["dossier=30950"], "motion-measures": [], "motions": ["dossier=30950"],
               "timeline": ["concept=Staatscommissie"],
               "node": ["node=https://zoek.officielebekendmakingen.nl/kst-30950-360"],
               "trace-edges": ["node=https://zoek.officielebekendmakingen.nl/kst-30950-295", "curation=include"],
               "trace-motion": ["motion=kst-30950-360"]}
GOLD_TRACES = ["kst-30950-295", "kst-30950-360", "kst-36200-VII-41"]


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return f"exit {result.exit_code}\n{result.output}"


def _queries(store: str, parameters: dict[str, list[str]] = PARAMS) -> dict[str, str]:
    names = re.findall(r"(?m)^(\S+)$", _run("queries"))
    out = {}
    for name in names:
        params = [arg for p in parameters.get(name, []) for arg in ("--param", p)]
        for fmt in ("table", "csv", "json"):
            out[f"query-{name}.{fmt}"] = _run("query", name, "--store", store, "--format", fmt, *params)
    return out


def _exports(store: str, folder: Path) -> dict[str, str]:
    out = {}
    for fmt in ("nquads", "graphml", "gexf"):
        target = folder / f"export.{fmt}"
        out[f"export-{fmt}.log"] = _run("export", "--store", store, "--format", fmt, "--output", str(target))
        text = target.read_text(encoding="utf-8")
        out[f"export.{fmt}"] = "".join(sorted(text.splitlines(keepends=True))) if fmt == "nquads" else text
    _run("export", "--store", store, "--format", "csv", "--output", str(folder / "csv"))
    for table in sorted((folder / "csv").iterdir()):
        out[f"export-csv-{table.name}"] = table.read_text(encoding="utf-8")
    return out


def outputs() -> dict[str, str]:
    """File name -> what the CLI printed or wrote, paths of the temporary folder masked."""
    with tempfile.TemporaryDirectory() as tmp:
        store = str(Path(tmp) / "store")
        out = {"ingest.log": _run("ingest", "--quiet", "--store", store, str(CORPUS), str(OPEN_DATA)),
               "curate.log": _run("curate", "--store", store, str(CURATION)),
               "stats.txt": _run("stats", "--store", store),
               "validate.txt": _run("validate", "--store", store, "--limit", "10"),
               "extract.jsonl": _run("extract", "--all", *sorted(map(str, CORPUS.iterdir())))}
        out.update(_queries(store))
        for i, identifier in enumerate(TRACES):
            for fmt in ("tree", "json", "dot"):
                out[f"trace-{i}.{fmt}"] = _run("trace", identifier, "--store", store, "--format", fmt)
        out.update(_exports(store, Path(tmp)))
        out.update(gold_outputs(Path(tmp) / "gold"))
        return {name: text.replace(tmp, "<tmp>").replace(str(ROOT), "<root>") for name, text in out.items()}


def gold_outputs(folder: Path) -> dict[str, str]:
    """The gold documents' answers: every named query, trace and validate (``gold-*``)."""
    store = str(folder / "store")
    _run("ingest", "--quiet", "--store", store, str(GOLD))
    out = {"gold-validate.txt": _run("validate", "--store", store, "--limit", "100")}
    out.update({f"gold-{name}": text for name, text in _queries(store, GOLD_PARAMS).items()})
    for i, identifier in enumerate(GOLD_TRACES):
        for fmt in ("tree", "json"):
            out[f"gold-trace-{i}.{fmt}"] = _run("trace", identifier, "--store", store, "--format", fmt)
    return out


def write() -> None:
    for old in SNAPSHOTS.glob("*"):
        old.unlink()
    for name, text in outputs().items():
        (SNAPSHOTS / name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        sys.exit(__doc__)
    write()
