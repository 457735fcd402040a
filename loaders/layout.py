"""A reading view of PDF text with the layout noise taken out, mapped back to
the original offsets.

Text extracted from a Rijksoverheid PDF interleaves the letter template's side
column ("Datum", "Onze referentie", the directorate) with body lines, carries
page footers ("Pagina 2 van 11") and footnote numbers on lines of their own,
and splits words across lines ("Kamer-" / "stukken"). Citations are found in
the clean view; :meth:`CleanText.span` turns a clean span into the span of the
original text, so every quote is still ``original[start:end]``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass

from . import patterns as p

_LINE = re.compile(r"[^\n]*\n|[^\n]+$")
_LABEL = re.compile(
    r"[ \t]{0,8}(?:Datum|Onze referentie|Uw referentie|Ons kenmerk|Uw kenmerk|Kenmerk|"
    r"Bijlage\(?n\)?|Contactpersoon|Inlichtingen)[ \t]*"
)
# A side-column value: a date or a reference number, alone on its line.
_VALUE = re.compile(
    r"[ \t]{0,8}(?:\d{1,2}-\d{1,2}-\d{4}|\d{1,2}[ \t]{1,2}[a-z]{3,9}[ \t]{1,2}\d{4}|\d{4}-\d{6,12}|\d{1,3})[ \t]*"
)
_MARKER_LINE = re.compile(r"[ \t]{0,3}\d{1,2}[ \t]{0,3}")
_NUMBER_WORD_END = re.compile(r"(?:nrs?\.?|nummers?)[ \t]{0,3}\n$")  # "nr." + "295" on the next line
# A word broken at the end of a line: "Kamer-" + "stukken" (lower case on both sides).
_HYPHEN_END = re.compile(r"[a-zà-ÿ]-[ \t]{0,3}\n$")
_LOWER_START = re.compile(r"[ \t]{0,8}(?=[a-zà-ÿ])")
_REPEATS = 3  # a short line seen this often is template (running header, side column)
_SHORT = 40


@dataclass(frozen=True)
class CleanText:
    """The clean text and, per kept piece, where it starts in both texts."""

    text: str
    clean_starts: tuple[int, ...]
    original_starts: tuple[int, ...]

    def offset(self, clean_offset: int) -> int:
        """The original offset of the character at ``clean_offset``."""
        i = bisect_right(self.clean_starts, clean_offset) - 1
        return self.original_starts[i] + clean_offset - self.clean_starts[i]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the clean span ``[start, end)``."""
        if end <= start:
            return self.offset(start), self.offset(start)
        return self.offset(start), self.offset(end - 1) + 1


def _lines(text: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group()) for m in _LINE.finditer(text)]


def _noise(lines: list[tuple[int, str]]) -> set[int]:
    """Indexes of lines that belong to the page template, not the body."""
    counts = Counter(line.strip() for _, line in lines)
    noise = set()
    for i, (_, line) in enumerate(lines):
        body = line.rstrip("\n")
        stripped = body.strip()
        if not stripped:
            continue
        after_number_word = i and _NUMBER_WORD_END.search(lines[i - 1][1])
        if (p.PAGE_FOOTER.fullmatch(body) or _LABEL.fullmatch(body)
                or (_MARKER_LINE.fullmatch(body) and not after_number_word)
                or (len(stripped) <= _SHORT and counts[stripped] >= _REPEATS)):
            noise.add(i)
        elif i and (i - 1) in noise and _LABEL.fullmatch(lines[i - 1][1].rstrip("\n")) \
                and _VALUE.fullmatch(body):
            noise.add(i)
    return noise


def _pieces(lines: list[tuple[int, str]], noise: set[int]) -> list[tuple[int, int]]:
    """Original ``(start, end)`` of the kept text, line by line."""
    kept = [lines[i] for i in range(len(lines)) if i not in noise]
    pieces, skip = [], 0
    for i, (start, line) in enumerate(kept):
        end = start + len(line)
        nxt = _LOWER_START.match(kept[i + 1][1]) if i + 1 < len(kept) else None
        hyphen = _HYPHEN_END.search(line)
        if hyphen and nxt:
            end = start + hyphen.start() + 1  # keep the letter, drop "-" and the line break
        pieces.append((start + skip, end))
        skip = nxt.end() if hyphen and nxt else 0
    return pieces


def clean_text(text: str) -> CleanText:
    """Drop template lines and join words hyphenated across lines."""
    lines = _lines(text)
    clean_starts, original_starts, parts, pos = [0], [0], [], 0
    for start, end in _pieces(lines, _noise(lines)):
        if end <= start:
            continue
        clean_starts.append(pos)
        original_starts.append(start)
        parts.append(text[start:end])
        pos += end - start
    if len(clean_starts) > 1:  # the first real piece replaces the placeholder
        clean_starts, original_starts = clean_starts[1:], original_starts[1:]
    return CleanText("".join(parts), tuple(clean_starts), tuple(original_starts))
