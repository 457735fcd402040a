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
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .document import extract_file
from .models import Reference

Row = tuple[str, str, str]
_ESCAPES = {"\\n": "\n", "\\t": "\t", "\\\\": "\\"}


class GoldError(ValueError):
    """A gold file that cannot be read; the message names the file and line."""


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


@dataclass(frozen=True)
class Gold:
    path: Path
    document: Path
    rows: Counter


def read_gold(path: Path) -> Gold:
    document, rows = None, Counter()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith("# document:"):
            document = (path.parent / line.split(":", 1)[1].strip()).resolve()
        elif line.strip() and not line.startswith("#"):
            parts = line.split("\t")
            if len(parts) != 3:
                raise GoldError(f"{path}:{number}: expected 3 tab-separated fields, got {len(parts)}")
            rows[(parts[0], parts[1], unescape(parts[2]))] += 1
    if document is None:
        raise GoldError(f"{path}: no '# document: <path>' line")
    return Gold(path, document, rows)


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


@dataclass
class Evaluation:
    scores: dict[str, Score] = field(default_factory=dict)
    missed: list[tuple[Path, Row]] = field(default_factory=list)
    spurious: list[tuple[Path, Row]] = field(default_factory=list)
    documents: int = 0

    def total(self) -> Score:
        total = Score()
        for s in self.scores.values():
            total.gold, total.found, total.correct = (
                total.gold + s.gold, total.found + s.found, total.correct + s.correct)
        return total

    def add(self, gold: Gold, found: Counter) -> None:
        self.documents += 1
        for row in (gold.rows | found):
            score = self.scores.setdefault(row[0], Score())
            score.gold += gold.rows[row]
            score.found += found[row]
            score.correct += min(gold.rows[row], found[row])
        self.missed += [(gold.document, r) for r in sorted((gold.rows - found).elements())]
        self.spurious += [(gold.document, r) for r in sorted((found - gold.rows).elements())]


def found_rows(document: Path) -> Counter:
    return Counter((r.type, key_of(r), r.text) for r in extract_file(document).references)


def gold_files(paths: list[Path]) -> list[Path]:
    """The .tsv files among ``paths``, folders searched recursively, in a stable order."""
    files = []
    for path in paths:
        files += sorted(path.rglob("*.tsv")) if path.is_dir() else [path]
    return files


def evaluate(paths: list[Path]) -> Evaluation:
    result = Evaluation()
    for path in gold_files(paths):
        gold = read_gold(path)
        result.add(gold, found_rows(gold.document))
    return result


def render(result: Evaluation) -> str:
    lines = [f"{'type':<14}{'gold':>6}{'found':>7}{'right':>7}{'precision':>11}{'recall':>8}"]
    rows = sorted(result.scores.items()) + [("all", result.total())]
    for name, s in rows:
        lines.append(f"{name:<14}{s.gold:>6}{s.found:>7}{s.correct:>7}{s.precision:>11.3f}{s.recall:>8.3f}")
    lines.append(f"({result.documents} documents)")
    return "\n".join(lines) + "\n"


def render_errors(result: Evaluation) -> str:
    lines = []
    for label, items in (("missed", result.missed), ("spurious", result.spurious)):
        for document, (kind, key, text) in items:
            lines.append(f"{label}\t{document.name}\t{kind}\t{key}\t{escape(text)}")
    return "\n".join(lines) + ("\n" if lines else "")
