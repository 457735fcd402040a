"""Page geometry for the PDF loader: words in an upright frame, lines, and the
page's blocks in reading order, all measured from the words on the page.

- Text set at an angle (a rotated page, a landscape table turned on a portrait
  page, a label up the margin) is turned upright first, from each character's
  text matrix, so its words and lines come out in their own reading order.
- A vertical gutter is a band of x positions that (almost) no word covers. It
  splits the page into two text columns when running text stands on both sides
  (most rows fill their side) across most of the page height; rows that cross
  the gutter (a title over both columns) cut the page into bands read in turn.
- A narrow block of short lines right of the running text, with a gutter
  between and its own baselines, is the letter template's side column
  (sender, Datum, Kenmerk).
- Anything else (a table, labels in the left margin, numbered paragraphs) is
  read row by row across the full width, so a table keeps its row order.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from statistics import median

LINE_TOLERANCE = 2.5  # points: words whose bottoms differ less share a line
_COLUMN_HEIGHT = 0.5  # a column gutter runs along at least this share of the text height
_CROSSING = 0.08  # share of rows that may cross a gutter (titles, a long URL)
_COLUMN_FILL = 0.6  # in running text the median row fills this share of its column
_SIDE_WIDTH = 0.35  # a side column is at most this share of the text width
_MAX_DEPTH = 3
_SIDE_AGAIN = 12  # points: a side column on a later page starts about where it did before
_SKEW = 10  # degrees: text set at less than this angle is read as upright
_SIZE_JUMP = 0.85  # a font size below this share of its neighbour's starts a new word


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


@dataclass
class Line:
    words: list[Word]
    leads: set = field(default_factory=set)  # ids of small numbers set before the line (a note's number)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def size(self) -> float:
        return Counter(round(w.size, 1) for w in self.words).most_common(1)[0][0]

    def sorted_words(self) -> list[Word]:
        return sorted(self.words, key=lambda w: w.x0)


@dataclass(frozen=True)
class Block:
    kind: str  # "text" or "side"
    words: list[Word]


# --- words, upright ---------------------------------------------------------------------------

def _angle(char: dict) -> int:
    """The direction the character's text runs in, in degrees: 0 for upright text
    (a slight skew, as in an OCR text layer, counts as upright), else to 5 degrees."""
    a, b = char["matrix"][0], char["matrix"][1]
    angle = math.degrees(math.atan2(b, a)) % 360
    if angle < _SKEW or angle > 360 - _SKEW:
        return 0
    return int(5 * round(angle / 5)) % 360


def _upright(chars: list[dict], angle: int) -> list[dict]:
    """Characters set at ``angle`` turned so their text runs left to right."""
    cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    out = []
    for c in chars:
        corners = [(x, y) for x in (c["x0"], c["x1"]) for y in (c["y0"], c["y1"])]
        us = [x * cos + y * sin for x, y in corners]
        vs = [-x * sin + y * cos for x, y in corners]
        out.append({**c, "x0": min(us), "x1": max(us), "top": -max(vs), "bottom": -min(vs),
                    "doctop": -max(vs), "upright": True, "width": max(us) - min(us),
                    "height": max(vs) - min(vs),
                    "size": max(vs) - min(vs)})  # pdfminer measured it along the turned line
    left, top = min(c["x0"] for c in out), min(c["top"] for c in out)
    for c in out:  # keep the frame's coordinates positive, like a page's
        c["x0"], c["x1"], c["top"], c["bottom"], c["doctop"] = (
            c["x0"] - left, c["x1"] - left, c["top"] - top, c["bottom"] - top, c["doctop"] - top)
    return out


def _word(chars: list[dict]) -> Word:
    size = Counter(round(float(c.get("size") or 0), 1) for c in chars).most_common(1)[0][0]
    return Word("".join(c["text"] for c in chars), min(c["x0"] for c in chars), max(c["x1"] for c in chars),
                min(c["top"] for c in chars), max(c["bottom"] for c in chars), size)


def _by_size(chars: list[dict]) -> list[Word]:
    """A word split where the font size jumps (a footnote marker set against its
    word, "Apple.46"); a slight change ("501-02" set partly smaller) stays one word."""
    parts: list[list[dict]] = [[]]
    for c in chars:
        if parts[-1]:
            a, b = float(parts[-1][-1].get("size") or 0), float(c.get("size") or 0)
            if min(a, b) < _SIZE_JUMP * max(a, b):
                parts.append([])
        parts[-1].append(c)
    return [_word(part) for part in parts if part]


def frames(page) -> list[tuple[list[Word], float]]:
    """The page's words as ``(words, frame height)`` per text direction: the upright
    text first (in page coordinates), then each other angle turned upright."""
    from pdfplumber.utils.text import extract_words

    by_angle: dict[int, list[dict]] = {}
    for char in page.chars:
        by_angle.setdefault(_angle(char), []).append(char)
    out = []
    for angle in sorted(by_angle, key=lambda a: (a != 0, -len(by_angle[a]), a)):
        chars = by_angle[angle] if angle == 0 else _upright(by_angle[angle], angle)
        found = extract_words(chars, use_text_flow=False, keep_blank_chars=False, return_chars=True)
        words = [w for found_word in found for w in _by_size(found_word["chars"])]
        height = float(page.height) if angle == 0 else max((w.bottom for w in words), default=0.0)
        if words:
            out.append((words, height))
    return out


# --- lines ------------------------------------------------------------------------------------

def rows(words: list[Word]) -> list[list[Word]]:
    """Words grouped by baseline, top to bottom."""
    out: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.bottom, w.x0)):
        if out and abs(out[-1][0].bottom - w.bottom) < LINE_TOLERANCE:
            out[-1].append(w)
        else:
            out.append([w])
    return out


def _small_number(w: Word, body_size: float) -> bool:
    return w.text.isdigit() and len(w.text) <= 3 and w.size < body_size * 0.8


def _marker_host(w: Word, lines: list[Line], body_size: float) -> Line | None:
    """A body line that the raised small number ``w`` stands above the baseline of."""
    for line in lines:
        if (line.size >= body_size * 0.9 and line.top - 2 <= w.top and line.top < w.bottom < line.bottom - 1
                and line.x0 - 1 <= w.x0 <= max(x.x1 for x in line.words) + 2):
            return line
    return None


def _note_host(w: Word, lines: list[Line]) -> Line | None:
    """A line that the small number ``w`` is set before, raised or on a line of its
    own just above its first word (a footnote's number)."""
    for line in lines:
        if w.x1 <= line.x0 + 1 and line.top - 1 <= w.bottom <= line.bottom + 0.5 and line.x0 - w.x1 < 12:
            return line
    return None


def lines(words: list[Word], body_size: float) -> list[Line]:
    """Words grouped into lines; a small number raised beside a word joins that line
    (a footnote marker), one set just before a line joins it as its lead (a
    footnote's number), so neither becomes a line of its own."""
    kept: list[Line] = []
    lone: list[Word] = []
    for row in rows(words):
        if all(_small_number(w, body_size) for w in row):
            lone.extend(row)
        else:
            kept.append(Line(row))
    for w in sorted(lone, key=lambda w: (w.bottom, w.x0)):
        host = _marker_host(w, kept, body_size)
        if host is None:
            host = _note_host(w, kept)
            if host is not None:
                host.leads.add(id(w))
        if host is not None:
            host.words.append(w)
        else:
            kept.append(Line([w]))
    return sorted(kept, key=lambda line: (line.bottom, line.x0))


# --- blocks -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Gutter:
    left: float  # x where the gutter starts (right edge of the left side)
    right: float  # x where it ends (left edge of the right side)


def _gutters(words: list[Word], min_width: float, allowed: int) -> list[_Gutter]:
    """Bands at least ``min_width`` wide that at most ``allowed`` words cover.

    A word covers the whole points from ``ceil(x0)`` to ``x1``; a sweep over where the
    cover changes, so the work depends on the number of words, not on their coordinates."""
    start = int(min(w.x0 for w in words))
    change: Counter[float] = Counter()  # at whole points; float keys for the math.inf sentinel below
    for w in words:
        first, last = int(math.ceil(w.x0)), int(w.x1)
        if first <= last:
            change[first] += 1
            change[last + 1] -= 1
    out: list[_Gutter] = []
    run: float | None = None
    cover = 0
    at: float = start
    for x in [*sorted(change), math.inf]:
        if at < x:  # the points from ``at`` up to ``x`` all have ``cover``
            if cover <= allowed and run is None:
                run = at
            elif cover > allowed and run is not None:
                if at - run >= min_width and run > start:
                    out.append(_Gutter(run - 0.5, at - 0.5))
                run = None
        cover += change.get(x, 0)
        at = x
    return out


def _sides(words: list[Word], g: _Gutter) -> tuple[list[Word], list[Word], list[Word]]:
    left = [w for w in words if w.x1 <= g.left + 1]
    right = [w for w in words if w.x0 >= g.right - 1]
    cross = [w for w in words if not (w.x1 <= g.left + 1 or w.x0 >= g.right - 1)]
    return left, right, cross


def _span(words: list[Word]) -> float:
    return max(w.x1 for w in words) - min(w.x0 for w in words)


def _text_column(words: list[Word], width: float) -> bool:
    """Running text: several rows of several words that fill the side."""
    rs = rows(words)
    span = _span(words)
    return (len(rs) >= 5 and span >= 0.2 * width and median(len(r) for r in rs) >= 3
            and median(max(w.x1 for w in r) - min(w.x0 for w in r) for r in rs) >= _COLUMN_FILL * span)


def _height(words: list[Word]) -> float:
    return max(w.bottom for w in words) - min(w.top for w in words)


def _shared_baselines(a: list[Word], b: list[Word]) -> float:
    """Share of ``b``'s rows that have a row of ``a`` on the same baseline."""
    bottoms = [r[0].bottom for r in rows(a)]
    rs = rows(b)
    return sum(any(abs(x - r[0].bottom) < LINE_TOLERANCE for x in bottoms) for r in rs) / len(rs)


def _is_side(left: list[Word], right: list[Word], width: float) -> bool:
    """The letter template's side column: a narrow block of short lines right of the
    running text, on baselines of its own."""
    return (len(rows(right)) >= 2 and _span(right) <= _SIDE_WIDTH * width and _span(left) >= 1.5 * _span(right)
            and _text_column(left, width) and _shared_baselines(left, right) <= 0.5)


def _is_columns(left: list[Word], right: list[Word], words: list[Word], width: float) -> bool:
    both = min(max(w.bottom for w in left), max(w.bottom for w in right)) - \
        max(min(w.top for w in left), min(w.top for w in right))
    return (_text_column(left, width) and _text_column(right, width)
            and both >= _COLUMN_HEIGHT * _height(words))


def _banded(words: list[Word], g: _Gutter, body_size: float, depth: int) -> list[Block]:
    """Two columns: each band between rows that cross the gutter, left then right."""
    out: list[Block] = []
    left: list[Word] = []
    right: list[Word] = []

    def flush():
        for side in (left, right):
            if side:
                out.extend(blocks(list(side), body_size, depth + 1))
            side.clear()

    for row in rows(words):
        on_left, on_right, cross = _sides(row, g)
        if cross:
            flush()
            out.append(Block("text", row))
        else:
            left.extend(on_left)
            right.extend(on_right)
    flush()
    return out


def _is_repeated_side(right: list[Word], width: float, side_at: float | None) -> bool:
    """The side column where an earlier page had it (a later page's body can be too
    short to tell running text by itself)."""
    return (side_at is not None and abs(min(w.x0 for w in right) - side_at) < _SIDE_AGAIN
            and _span(right) <= _SIDE_WIDTH * width)


def blocks(words: list[Word], body_size: float, depth: int = 0, side_at: float | None = None) -> list[Block]:
    """The words as blocks in reading order (see the module docstring); ``side_at`` is
    where an earlier page's side column started."""
    if not words:
        return []
    width = _span(words)
    if depth >= _MAX_DEPTH or width <= 0:
        return [Block("text", words)]
    allowed = int(_CROSSING * len(rows(words)))
    found = []
    for g in _gutters(words, max(6.0, 0.8 * body_size), allowed):
        left, right, _ = _sides(words, g)
        if not left or not right:
            continue
        if _is_columns(left, right, words, width):
            found.append((g.right - g.left, "columns", g))
        elif _is_side(left, right, width) or _is_repeated_side(right, width, side_at):
            found.append((g.right - g.left, "side", g))
    if not found:
        return [Block("text", words)]
    _, kind, g = max(found, key=lambda f: (f[0], f[2].left))
    if kind == "side":
        left, right, cross = _sides(words, g)
        return [Block("side", right)] + blocks(left + cross, body_size, depth + 1)
    return _banded(words, g, body_size, depth)
