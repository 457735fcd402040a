"""Footnotes: which footnote a marker in the text points to.

Three layouts occur:

- markdown from officielebekendmakingen: ``<sup>4</sup>`` in the text and
  ``<sup>4</sup> Kamerstuk 30 950, nr. 293.`` at the start of a line;
- a web page as text: "X Noot", the number and the note, each on a line, at the end;
- text from a PDF: the marker is a bare number glued to a word
  ("geïnformeerd.5", "per brief3") or on a line of its own (a superscript the
  PDF reader put on a separate line), and the footnote is a line at the foot of
  the page that starts with the number ("5 Kamerstukken II ...", or "3" on its
  own line and the text on the next).

PDF numbers are ambiguous (a list item, an attachment count), so a footnote
is only accepted when the numbers run upward through the document and a
marker with the same number stands before it, after the previous marker.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from . import patterns as p
from .models import Span

# "...geïnformeerd.5 Deze", "per brief3 geïnformeerd", "c.s.4,", "oktober 2023,1": digits
# right after a letter, after a letter and a closing punctuation mark, or after a year and
# a comma or full stop.
_GLUED = re.compile(
    r"(?:(?<=[^\W\d_])[.,;:)”’\"»?!]{0,2}|(?<=(?<!\d)(?:19|20)\d\d[.,]))(?P<n>\d{1,2})(?=[\s.,;:)]|$)"
)
_OWN_LINE = re.compile(r"(?m)^[ \t]{0,3}(?P<n>\d{1,2})[ \t]{0,3}$")
# "5 Kamerstukken II 2021/22, 31 490, nr. 317" or "3" + newline + " Kamerstukken ...".
_BODY_START = re.compile(
    r"(?m)^[ \t]?(?P<n>\d{1,2})(?:[ \t]{1,3}|[ \t]{0,3}\n[ \t]?)(?=[A-Z«“‘\"(\[])"
)
# A web page of officielebekendmakingen.nl / tweedekamer.nl as text: each note at the foot is
# "X Noot" (its close button), the number on a line of its own, a blank line, the note.
_WEB_NOTE = re.compile(
    r"(?m)^[ \t]{0,3}X[ \t]{1,3}Noot[ \t]{0,3}\n[ \t]{0,3}(?P<n>\d{1,3})[ \t]{0,3}\n"
    r"(?:[ \t]{0,3}\n){0,2}[ \t]{0,3}(?P<body>[^\n]{1,2000})"
)
_LINE_REST = re.compile(r"[^\n]{0,2000}")
_CONTINUATION = re.compile(r"\n(?=[^\s\d])(?!Pagina )[^\n]{1,2000}")
_MAX_LINES = 4


@dataclass(frozen=True)
class Footnotes:
    """Footnote bodies and in-text markers, by footnote number."""

    bodies: dict[str, Span]
    markers: dict[str, Span]

    def marker_at(self, offset: int, slack: int = 2) -> str | None:
        """The number of a marker that starts within ``slack`` characters after ``offset``."""
        for number, span in self.markers.items():
            if offset <= span.start <= offset + slack:
                return number
        return None

    def markers_within(self, start: int, end: int) -> list[str]:
        return [n for n, span in self.markers.items() if start <= span.start < end]

    def only_free_marker(self, start: int, end: int, claimed: set) -> str | None:
        """The one marker in ``[start, end)`` (a sentence) that no phrase claims, if
        there is exactly one: a PDF often puts a marker away from its phrase."""
        free = [n for n in self.markers_within(start, end) if n not in claimed]
        return free[0] if len(free) == 1 else None


def _markdown(text: str) -> Footnotes:
    bodies: dict[str, Span] = {}
    markers: dict[str, Span] = {}
    for m in p.SUP_FOOTNOTE.finditer(text):
        bodies.setdefault(m["n"], Span(m["body"], m.start("body"), m.end("body")))
    heads = {m.start() for m in p.SUP_FOOTNOTE.finditer(text)}
    for m in p.SUP_ANY.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        if m["n"] in bodies and not (line_start in heads and not text[line_start:m.start()].strip()):
            markers.setdefault(m["n"], Span(m.group(), m.start(), m.end()))
    return Footnotes(bodies, markers)


def _pdf_body(text: str, match: re.Match) -> Span:
    """The footnote's text: the rest of its line, and lines that continue it."""
    start = match.end()
    rest = _LINE_REST.match(text, start)
    assert rest is not None  # the pattern matches the empty string, so always matches
    end = rest.end()
    for _ in range(_MAX_LINES - 1):
        more = _CONTINUATION.match(text, end)
        if not more or _BODY_START.match(text, end + 1):
            break
        end = more.end()
    body = text[start:end].rstrip()
    return Span(body, start, start + len(body))


def _marker_candidates(text: str, heads: set[tuple[int, str]]) -> dict[str, list[Span]]:
    """Possible markers by number, in document order."""
    found = [m for m in _GLUED.finditer(text)]
    found += [m for m in _OWN_LINE.finditer(text) if (m.start("n"), m["n"]) not in heads]
    by_number: dict[str, list[Span]] = {}
    for m in sorted(found, key=lambda m: m.start("n")):
        by_number.setdefault(m["n"], []).append(Span(m["n"], m.start("n"), m.end("n")))
    return by_number


def _pdf(text: str) -> Footnotes:
    starts = list(_BODY_START.finditer(text))
    candidates = _marker_candidates(text, {(m.start("n"), m["n"]) for m in starts})
    bodies, markers, last_marker, last_number = {}, {}, -1, 0
    for head in starts:
        number = int(head["n"])
        spans = candidates.get(head["n"], [])
        i = bisect_left([s.start for s in spans], head.start()) - 1  # last one before the head
        if number <= last_number or i < 0 or spans[i].start <= last_marker:
            continue
        markers[head["n"]] = spans[i]
        bodies[head["n"]] = _pdf_body(text, head)
        last_marker, last_number = spans[i].start, number
    return Footnotes(bodies, markers)


def _web(text: str, notes: list[re.Match]) -> Footnotes:
    """Notes of a web page ("X Noot", "1", the note); each marker is the last number glued to
    a word before the notes ("... huidskleur»?1")."""
    first = notes[0].start()
    last_before = {n: spans[i - 1] for n, spans in _marker_candidates(text, set()).items()
                   if (i := bisect_left([s.start for s in spans], first)) > 0}
    bodies, markers = {}, {}
    for note in notes:
        if note["n"] in last_before and note["n"] not in bodies:
            bodies[note["n"]] = Span(note["body"], note.start("body"), note.end("body"))
            markers[note["n"]] = last_before[note["n"]]
    return Footnotes(bodies, markers)


def find_footnotes(text: str) -> Footnotes:
    """Markdown footnotes when the text has any; the notes of a web page; else PDF-style
    footnotes."""
    if p.SUP_ANY.search(text):
        return _markdown(text)
    notes = list(_WEB_NOTE.finditer(text))
    if notes:
        return _web(text, notes)
    return _pdf(text)
