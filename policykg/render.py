"""What the command line prints, as text: query rows (table, CSV, JSON), extraction
records (JSON lines, table), the ingest report, the query list and the counts.

Every function returns the text and prints nothing, so a test (or another front end)
reads exactly what the command line shows.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policykg.text import spreadsheet_safe

if TYPE_CHECKING:
    from policykg.graph.ingest import IngestReport
    from policykg.graph.queries import NamedQuery
    from policykg.loaders.dossier_fetch import DossierReport
    from policykg.loaders.models import Extraction, Reference

QUERY_FORMATS = ("table", "csv", "json")
RECORD_FORMATS = ("jsonl", "table")
CELL_WIDTH = 70


@dataclass(frozen=True)
class Printout:
    """Text for standard output and for standard error (printed first)."""

    out: str
    err: str = ""


def table(headers: Sequence[str], rows: Iterable[Sequence[str]], width: int = CELL_WIDTH) -> str:
    """Columns padded to their widest cell, a dashed rule under the headers; a cell
    longer than ``width`` is cut with an ellipsis."""
    cells = [list(headers)] + [[c if len(c) <= width else c[: width - 1] + "…" for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"


def query_result(variables: Sequence[str], rows: Iterable[Sequence[Any]], boolean: bool | None,
                 fmt: str) -> str:
    """An ASK answer as true/false; SELECT rows as a table (with the row count), CSV
    (each cell ``spreadsheet_safe``) or a JSON list of objects (numbers and booleans
    kept as they are, anything else as text). An unbound value is the empty string."""
    if boolean is not None:
        return "true\n" if boolean else "false\n"
    if fmt == "json":
        objects = [{k: _json_cell(v) for k, v in zip(variables, row, strict=True)} for row in rows]
        return json.dumps(objects, ensure_ascii=False, indent=2) + "\n"
    cells = [["" if v is None else str(v) for v in row] for row in rows]
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(variables)
        writer.writerows([spreadsheet_safe(c) for c in row] for row in cells)
        return buf.getvalue()
    return table(variables, [[" ".join(c.split()) for c in r] for r in cells]) + f"({len(cells)} rows)\n"


def _json_cell(value: Any) -> Any:
    if value is None:
        return ""
    return value if isinstance(value, (bool, int, float)) else str(value)


def extraction_records(extraction: Extraction, name: str, everything: bool = False) -> list[dict]:
    """One record per reference in ``extraction`` of the file ``name`` (with its quote);
    with ``everything`` also the metadata, mentions, measures, links and motion events."""
    records = [_reference_record(r, extraction.content, name) for r in extraction.references]
    return records + _extra_records(extraction, name) if everything else records


def _reference_record(ref: Reference, content: str, name: str) -> dict:
    record = {"file": name, **ref.as_dict()}
    if ref.sentence:
        record["quote"] = content[ref.sentence[0]:ref.sentence[1]]
    return record


def _extra_records(ex: Extraction, name: str) -> list[dict]:
    meta = {k: v for k, v in ex.metadata.__dict__.items() if k != "spans" and v is not None}
    records = [{"file": name, "type": "metadata", "key": ex.key, **meta}]
    records += [{"file": name, "type": "mention", **m.__dict__} for m in ex.mentions]
    records += [{"file": name, "type": "measure", **m.as_dict()} for m in ex.measures]
    records += [{"file": name, "type": "link", **link.as_dict()} for link in ex.links]
    records += [{"file": name, "type": "motion-event", **e.__dict__} for e in ex.motion_events]
    return records


def records(items: Sequence[Mapping[str, Any]], fmt: str) -> str:
    """Records as JSON lines, or a table of type, id (else date), start, text and submitters."""
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in items)
    rows = [[r.get("type", ""), r.get("id") or r.get("date") or "", str(r.get("start", "")),
             " ".join(str(r.get("text", "")).split()), ", ".join(r.get("submitters", []))] for r in items]
    return table(["type", "id", "start", "text", "submitters"], rows)


def ingest_report(report: IngestReport, store_path: Path | str | None, quads: int) -> Printout:
    """Each failed file (on standard error); the summary with the store's size, then
    every Open Data record not placed, with why and what would place it."""
    err = "".join(f"error: {reason}\n" for _, reason in report.failed)
    out = f"{report.summary()}; store {store_path} holds {quads} quads\n"
    return Printout(out + "".join(f"  {line}\n" for line in report.details()), err)


def query_list(queries: Mapping[str, NamedQuery]) -> str:
    """Each named query with its purpose and parameters (optional ones marked)."""
    lines = []
    for name, q in sorted(queries.items()):
        lines += [name, f"  {q.purpose}"]
        lines += [f"  --param {param}=...  {'' if required else '(optional) '}{doc}"
                  for param, (required, doc) in q.params.items()]
    return "".join(line + "\n" for line in lines)


def counts(labelled: Iterable[tuple[str, int]]) -> str:
    """One label and its right-aligned count per line."""
    return "".join(f"{label:<28}{count:>8}\n" for label, count in labelled)


_STAGE_ITEMS = {"search": "records", "publications": "publications", "motions": "cases",
                "undertakings": "undertakings", "files": "Open Data files", "cited": "cited publications"}


def _count(n: int, noun: str) -> str:
    return f"{n} {noun if n != 1 else noun.removesuffix('s')}"


def dossier_report(report: DossierReport) -> Printout:
    """Per stage what was listed, fetched, unchanged and failed; each failure with its URL."""
    lines = []
    for name, stage in report.stages.items():
        tally = stage.tally
        parts = [_count(stage.items, _STAGE_ITEMS.get(name, "items"))]
        if stage.pages:
            parts.append(f"{_count(stage.pages, 'pages')} ({stage.pages_fetched} fetched now)")
        if name in ("publications", "files", "cited"):
            parts.append(f"{_count(len(tally.fetched), 'files')} downloaded, {len(tally.unchanged)} unchanged")
        parts.append(f"{len(tally.failed)} failed")
        if tally.absent:
            parts.append(f"not in the repository: {', '.join(tally.absent)}")
        lines.append(f"{name}: " + ", ".join(parts))
    failures = [f"failed: {where}: {why}" for where, why in report.failed]
    return Printout("".join(line + "\n" for line in lines), "".join(line + "\n" for line in failures))
