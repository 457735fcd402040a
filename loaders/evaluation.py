"""Precision and recall of reference extraction against hand-annotated gold files.

A gold file is tab-separated text (see tests/gold/README.md)::

    # document: documents/pdf-letter-layout.txt
    # any other comment line: where the forms come from
    type<TAB>key<TAB>text

``key`` is the normalised id (for a motion followed by " by " and its
submitters, "kst-30950-296 by Ceder/Mutluer"), or for a named reference
without one its date (letters, debates) or name (reports, members). ``text`` is the exact quote,
with ``\\n`` for a line break. Rows are compared as a multiset of
``(type, key, text)``, so a reference found twice where it occurs once counts
once right and once spurious.

Besides references, a gold file scores what the document says about itself: its own
official id (``document<TAB>kst-30950-443<TAB>``) and a motion's signatories
(``signatories<TAB>kst-30950-443 by Van Baarle<TAB>``). A file with the line
``# measures: annotated`` also scores measures (``measure<TAB>label<TAB>sentence``),
compared on type and sentence only: the label is for the reader.

Gold files are scored in groups: ``real`` (a folder named ``real``: documents nobody in
the project wrote), ``corpus`` (``corpus-*.tsv``) and ``written`` (documents written for
the set). A gold file whose document is absent (``../shared/`` not checked out) is
skipped and named.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from policykg.errors import GoldError

from .document import extract_file
from .models import Extraction, Reference
from .sources import read_source

Row = tuple[str, str, str]
_ESCAPES = {"\\n": "\n", "\\t": "\t", "\\\\": "\\"}
MEASURES_ANNOTATED = "# measures: annotated"
GROUPS = ("real", "corpus", "written")
# The summary lines of a group: which row types each one adds up.
METRICS = {
    "official ids": ("kamerstuk", "handelingen", "aanhangsel", "staatscourant", "staatsblad",
                     "tractatenblad", "ecli", "bwb", "document"),
    "motion submitters": ("motion", "signatories"),
}


def unescape(text: str) -> str:
    out, i = [], 0
    while i < len(text):
        pair = text[i:i + 2]
        if pair in _ESCAPES:
            out.append(_ESCAPES[pair])
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def key_of(ref: Reference) -> str:
    """What a reference is compared on besides type and text; a motion's
    submitters count too: "kst-30950-296 by Ceder/Mutluer"."""
    if ref.type == "motion":
        return f"{ref.id} by {'/'.join(ref.submitters)}"
    return ref.id or ref.date or ref.name or ""


_BULLET = re.compile(r"^[^\w(«“‘\"']{1,3}\s")


def _row(kind: str, key: str, text: str) -> Row:
    """A row as compared: a measure on its sentence only, spaces and line breaks
    collapsed and a list bullet before it dropped."""
    if kind != "measure":
        return (kind, key, text)
    return (kind, "", _BULLET.sub("", " ".join(text.split())))


@dataclass(frozen=True)
class Gold:
    path: Path
    document: Path
    rows: Counter[Row]  # as compared (see _row)
    measures: bool = False  # the file annotates measures
    quoted: tuple[Row, ...] = ()  # the rows as written, each text exactly as in the document

    @property
    def group(self) -> str:
        if self.path.parent.name == "real":
            return "real"
        return "corpus" if self.path.name.startswith("corpus-") else "written"


def _gold_text(path: Path) -> str:
    """The gold file's text; GoldError names the file when it cannot be read as UTF-8."""
    if path.exists() and not path.is_file():  # a named pipe would wait for a writer
        raise GoldError("not a regular file", path=path)
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise GoldError(f"cannot read: {exc.strerror or exc}", path=path) from exc
    except UnicodeDecodeError as exc:
        raise GoldError(f"not valid UTF-8 (byte {exc.start})", path=path) from exc


def read_gold(path: Path) -> Gold:
    document: Path | None = None
    rows: Counter[Row] = Counter()
    measures, quoted = False, []
    for number, line in enumerate(_gold_text(path).splitlines(), start=1):
        if line.startswith("# document:"):
            document = (path.parent / line.split(":", 1)[1].strip()).resolve()
        elif line.strip() == MEASURES_ANNOTATED:
            measures = True
        elif line.strip() and not line.startswith("#"):
            parts = line.split("\t")
            if len(parts) != 3:
                raise GoldError(f"expected 3 tab-separated fields, got {len(parts)}", path=path, line=number)
            quoted.append((parts[0], parts[1], unescape(parts[2])))
            rows[_row(*quoted[-1])] += 1
    if document is None:
        raise GoldError("no '# document: <path>' line", path=path)
    return Gold(path, document, rows, measures, tuple(quoted))


@dataclass
class Score:
    gold: int = 0
    found: int = 0
    correct: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 1.0

    def __iadd__(self, other: Score) -> Score:
        self.gold, self.found, self.correct = (
            self.gold + other.gold, self.found + other.found, self.correct + other.correct)
        return self


@dataclass
class Evaluation:
    scores: dict[str, Score] = field(default_factory=dict)
    missed: list[tuple[Path, Row]] = field(default_factory=list)
    spurious: list[tuple[Path, Row]] = field(default_factory=list)
    documents: int = 0
    skipped: list[Path] = field(default_factory=list)  # gold files whose document is absent

    def metric(self, kinds) -> Score:
        """The scores of ``kinds`` added up."""
        total = Score()
        for kind in kinds:
            total += self.scores.get(kind, Score())
        return total

    def total(self) -> Score:
        return self.metric(self.scores)

    def add(self, gold: Gold, found: Counter) -> None:
        self.documents += 1
        for row in (gold.rows | found):
            score = self.scores.setdefault(row[0], Score())
            score.gold += gold.rows[row]
            score.found += found[row]
            score.correct += min(gold.rows[row], found[row])
        self.missed += [(gold.document, r) for r in sorted((gold.rows - found).elements())]
        self.spurious += [(gold.document, r) for r in sorted((found - gold.rows).elements())]


def extraction_rows(ex: Extraction, measures: bool = False) -> Counter:
    """What an extraction is scored on: references, the document's own id and
    signatories, and (where the gold annotates them) measures."""
    rows = Counter((r.type, key_of(r), r.text) for r in ex.references)
    meta = ex.metadata
    if meta.identifier:
        rows[("document", meta.identifier, "")] += 1
        submitters = getattr(meta, "submitters", ())
        if submitters:
            rows[("signatories", f"{meta.identifier} by {'/'.join(submitters)}", "")] += 1
    if measures:
        rows.update(_row("measure", m.label, m.quote) for m in ex.measures)
    return rows


def found_rows(document: Path, measures: bool = False) -> Counter:
    return extraction_rows(extract_file(document), measures)


def document_text(document: Path) -> str:
    """The text a gold file quotes: the loader's text (PDF and XML too)."""
    return read_source(document).text


def gold_files(paths: list[Path]) -> list[Path]:
    """The .tsv files among ``paths``, folders searched recursively, in a stable order."""
    files = []
    for path in paths:
        files += sorted(path.rglob("*.tsv")) if path.is_dir() else [path]
    return files


def evaluate_groups(paths: list[Path]) -> dict[str, Evaluation]:
    """One evaluation per group (real, corpus, written) that has gold files."""
    groups: dict[str, Evaluation] = {}
    for path in gold_files(paths):
        gold = read_gold(path)
        result = groups.setdefault(gold.group, Evaluation())
        if not gold.document.exists():
            result.skipped.append(path)
            continue
        result.add(gold, found_rows(gold.document, gold.measures))
    return {name: groups[name] for name in GROUPS if name in groups}


def evaluate(paths: list[Path]) -> Evaluation:
    """All gold files in ``paths`` scored together."""
    merged = Evaluation()
    for result in evaluate_groups(paths).values():
        for kind, score in result.scores.items():
            merged.scores.setdefault(kind, Score()).__iadd__(score)
        merged.missed += result.missed
        merged.spurious += result.spurious
        merged.documents += result.documents
        merged.skipped += result.skipped
    return merged


_TITLES = {"real": "real documents (nobody in this project wrote them)",
           "corpus": "sample corpus (real documents the extractor was built with)",
           "written": "documents written for the gold set"}


def _line(name: str, s: Score) -> str:
    return f"{name:<18}{s.gold:>6}{s.found:>7}{s.correct:>7}{s.precision:>11.3f}{s.recall:>8.3f}"


def render(result: Evaluation, title: str | None = None) -> str:
    lines = [title] if title else []
    lines.append(f"{'type':<18}{'gold':>6}{'found':>7}{'right':>7}{'precision':>11}{'recall':>8}")
    lines += [_line(name, s) for name, s in sorted(result.scores.items())]
    lines += [_line(name, result.metric(kinds)) for name, kinds in METRICS.items()]
    lines.append(_line("all", result.total()))
    lines.append(f"({result.documents} documents)")
    if result.skipped:
        names = [p.name for p in result.skipped]
        shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        lines.append(f"({len(names)} gold files skipped, their documents are absent "
                     f"(../shared/ not beside the clone?): {shown})")
    return "\n".join(lines) + "\n"


def render_groups(groups: dict[str, Evaluation]) -> str:
    return "\n".join(render(result, _TITLES[name]) for name, result in groups.items())


def render_errors(result: Evaluation) -> str:
    lines = []
    for label, items in (("missed", result.missed), ("spurious", result.spurious)):
        for document, (kind, key, text) in items:
            lines.append(f"{label}\t{document.name}\t{kind}\t{key}\t{escape(text)}")
    return "\n".join(lines) + ("\n" if lines else "")
