"""Text from a PDF (a Rijksoverheid letter or beslisnota, a typeset Kamerstuk, a
memo), read from the page layout that the words on the page show.

pdfplumber gives every character with its position, font size and angle;
:mod:`.pdf_layout` turns them into lines and blocks in reading order (columns,
the letter template's side column, text set at an angle). From those:

- the template's side column (sender, "Datum", "Kenmerk", right of the body) is
  kept once, as a block before the body (the metadata reader looks there), and
  its lines that only repeat on later pages are dropped;
- page furniture, lines in the top or bottom margin that recur on other pages
  (the running header "Tweede Kamer, vergaderjaar 2019–2020, 35 538, nr. 4"), is
  kept once at the top of the text without its page number; page numbers and
  footers ("Pagina 2 van 11", "2/10") are dropped;
- a raised number in a smaller font after a word is a footnote marker and becomes
  ``<sup>N</sup>``; the small print below a page's last body line is its
  footnotes, each written on one line as ``<sup>N</sup> text`` after the page's
  body, whether its number stands before the note, raised, or on a line of its
  own above it; small print far below the notes (a colophon) follows them;
- a word broken at the end of a line ("Kamer-" / "stukken") is joined.

The produced text is what provenance offsets point into; ``policykg extract
--text`` prints it, so every quote can be checked.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from . import patterns as p
from .pdf_layout import Line, Word, blocks, frames, lines
from .text import SourceError

_MARGIN = 0.12  # share of the page height at top and bottom where furniture stands
_RECURS = 0.5  # furniture recurs, at the same place, on at least this share of the pages
_SAME_PLACE = 3.0  # points: how far apart the same furniture line may stand on two pages
# A page number alone: "2", "2/10", "- 2 -", "pagina 2".
_PAGE_NUMBER = re.compile(r"[ \t]{0,4}(?:[Pp]agina[ \t]{1,3})?[-–]?[ \t]{0,2}\d{1,4}(?:[ \t]{0,2}/[ \t]{0,2}\d{1,4})?"
                          r"[ \t]{0,2}[-–]?[ \t]{0,4}")
_NOTE_NUMBER = re.compile(r"\d{1,3}")
_HYPHEN_END = re.compile(r"[a-zà-ÿ]-$")
_LOWER_START = re.compile(r"[a-zà-ÿ]")
_DIGIT_HYPHEN_END = re.compile(r"\d-$")  # "kenmerk 1722926-208233-" broken before "DICIO"


def _text(line: Line, body_size: float) -> str:
    """Words joined by spaces; a raised small number glued to a word is a marker."""
    out, body_line, before = "", line.size >= body_size * 0.9, None
    for w in line.sorted_words():
        raised = before is not None and w.bottom < before.bottom - 1
        if body_line and raised and w.text.isdigit() and w.size < body_size * 0.8 and id(w) not in line.leads:
            out += f"<sup>{w.text}</sup>"
        else:
            out += (" " if out else "") + w.text
        before = w
    return out


def _plain(line: Line) -> str:
    return " ".join(w.text for w in line.sorted_words())


def _joined(head: str, tail: str) -> str:
    """Two lines of one note: a word hyphenated at the line end is joined; a number
    or a URL broken after its own hyphen ("1722926-208233-" / "DICIO") keeps it."""
    last = head.rsplit(" ", 1)[-1]
    url = "://" in last or last.startswith("www.")
    if head.endswith("-") and tail[:1].strip() and (url or _DIGIT_HYPHEN_END.search(head)):
        return head + tail
    if _HYPHEN_END.search(head) and _LOWER_START.match(tail):
        return head[:-1] + tail
    return f"{head} {tail}"


def _join_hyphenated(texts: list[str]) -> list[str]:
    out: list[str] = []
    for text in texts:
        if out and _HYPHEN_END.search(out[-1]) and _LOWER_START.match(text):
            out[-1] = out[-1][:-1] + text
        else:
            out.append(text)
    return out


@dataclass
class _Page:
    side: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    foot: list[str] = field(default_factory=list)


@dataclass
class _Laid:
    """A page as blocks of lines, before furniture is known."""

    height: float
    side: list[list[Line]]
    text: list[list[Line]]  # per block, top to bottom


class _Notes:
    """Footnote numbering across the document, to tell a note from a line that
    happens to start with a number."""

    def __init__(self):
        self.last = 0

    def start(self, line: Line, left: float, body_size: float) -> tuple[str, str] | None:
        """``(number, rest)`` when ``line`` starts a footnote."""
        words = line.sorted_words()
        first = words[0]
        if len(words) < 2 or not _NOTE_NUMBER.fullmatch(first.text) or first.size >= body_size * 0.9:
            return None
        number = int(first.text)
        set_apart = id(first) in line.leads or first.size < words[1].size * 0.85
        at_margin = line.x0 <= left + 1.5 and self.last < number <= self.last + 3
        if not (set_apart or at_margin):
            return None
        self.last = max(self.last, number)
        return first.text, " ".join(w.text for w in words[1:])


def _classify(block: list[Line], page: _Page, notes: _Notes, body_size: float, height: float) -> None:
    """Body lines, then the small print below the last body line (a line in the
    bottom margin, such as a colophon, does not count): footnotes, and what stands
    far below them."""
    body_lines = [i for i, line in enumerate(block)
                  if line.size >= body_size * 0.9 and line.top < height * (1 - _MARGIN)]
    last = body_lines[-1] if body_lines else -1
    body = [_text(line, body_size) for line in block[:last + 1]]
    tail = block[last + 1:]
    left = min((line.x0 for line in tail), default=0.0)
    found: list[str] = []
    previous = None
    for line in tail:
        far = previous is not None and line.top - previous.bottom > 2.5 * (previous.bottom - previous.top)
        if page.foot or (found and (far or line.size >= body_size * 0.9)):
            page.foot.append(_text(line, body_size))
            continue
        start = notes.start(line, left, body_size)
        if start:
            found.append(f"<sup>{start[0]}</sup> {start[1]}")
        elif found:
            found[-1] = _joined(found[-1], _text(line, body_size))
        else:
            body.append(_text(line, body_size))
        previous = line
    page.body += body
    page.notes += found


def _furniture_key(line: Line, laid: _Laid) -> tuple[str, str] | None:
    if line.bottom <= laid.height * _MARGIN:
        band = "top"
    elif line.top >= laid.height * (1 - _MARGIN):
        band = "bottom"
    else:
        return None
    return band, re.sub(r"\d{1,12}", "#", _plain(line))


def _furniture(pages: list[_Laid]) -> tuple[set[int], list[str]]:
    """Ids of furniture lines, and the text kept once of each kind that recurs."""
    seen: dict[tuple[str, str], list[tuple[int, Line]]] = {}
    drop: set[int] = set()
    for n, laid in enumerate(pages):
        for line in (line for block in laid.text for line in block):
            key = _furniture_key(line, laid)
            if key is None:
                continue
            if p.PAGE_FOOTER.fullmatch(_plain(line)) or _PAGE_NUMBER.fullmatch(_plain(line)):
                drop.add(id(line))
            else:
                seen.setdefault(key, []).append((n, line))
    kept = []
    for occurrences in seen.values():
        at = sorted(line.bottom for _, line in occurrences)[len(occurrences) // 2]
        occurrences = [(n, line) for n, line in occurrences if abs(line.bottom - at) <= _SAME_PLACE]
        if len({n for n, _ in occurrences}) < max(2, _RECURS * len(pages)):
            continue
        drop.update(id(line) for _, line in occurrences)
        words = [[w.text for w in line.sorted_words()] for _, line in occurrences]
        same = [t for i, t in enumerate(words[0]) if all(len(ws) > i and ws[i] == t for ws in words)]
        text = " ".join(same)
        if re.search(r"[^\W\d_]", text):
            kept.append(text)
    return drop, kept


def _lay_out(page, body_size: float, side_at: list[float]) -> list[_Laid]:
    """The page's frames (upright text, then text set at other angles) as blocks;
    ``side_at`` holds where the first side column found started."""
    out = []
    for n, (words, height) in enumerate(page):
        side, text = [], []
        for block in blocks(words, body_size, side_at=side_at[0] if side_at and n == 0 else None):
            if block.kind == "side":
                side.append(lines(block.words, body_size))
                if n == 0 and not side_at:
                    side_at.append(min(w.x0 for w in block.words))
            else:
                text.append(lines(block.words, body_size))
        out.append(_Laid(height, side, text))
    return out


def _pages(raw: list[list[tuple[list[Word], float]]], body_size: float) -> tuple[list[_Page], list[str]]:
    side_at: list[float] = []
    laid = [_lay_out(frames_, body_size, side_at) for frames_ in raw]
    drop, furniture = _furniture([frames_[0] for frames_ in laid if frames_])
    pages, notes, side_seen = [], _Notes(), set()
    for frames_ in laid:
        page = _Page()
        for frame in frames_:
            for block in frame.side:
                for line in block:
                    text = _text(line, body_size)
                    if text not in side_seen:
                        side_seen.add(text)
                        page.side.append(text)
            for block in frame.text:
                _classify([line for line in block if id(line) not in drop], page, notes, body_size, frame.height)
        page.body = _join_hyphenated(page.body)
        pages.append(page)
    return pages, furniture


def _join_across_pages(pages: list[_Page]) -> None:
    """A word hyphenated at the foot of one page and ended on the next."""
    for this, nxt in pairwise(pages):
        if this.body and nxt.body and _HYPHEN_END.search(this.body[-1]) and _LOWER_START.match(nxt.body[0]):
            head, _, rest = nxt.body[0].partition(" ")
            this.body[-1] = this.body[-1][:-1] + head
            nxt.body[0:1] = [rest] if rest else []


def _assemble(pages: list[_Page], furniture: list[str]) -> str:
    side = [line for page in pages for line in page.side]
    parts = ["\n".join(furniture), "\n".join(side)]
    for page in pages:
        parts += ["\n".join(page.body), "\n".join(page.notes), "\n".join(page.foot)]
    return "\n\n".join(p for p in parts if p)


def _read(path: Path):
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        with pdfplumber.open(path) as pdf:
            return [frames(page) for page in pdf.pages]
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise SourceError("encrypted PDF; decrypt it first (e.g. qpdf --decrypt in.pdf out.pdf)", path=path) from exc
    except (PDFSyntaxError, ValueError, KeyError, TypeError, AssertionError) as exc:
        raise SourceError(f"corrupt PDF: {type(exc).__name__}: {exc}", path=path) from exc
    except Exception as exc:  # pdfminer raises many kinds on damaged files; pdfplumber wraps them
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)) or "password" in repr(cause).lower():
            raise SourceError("encrypted PDF; decrypt it first (e.g. qpdf --decrypt in.pdf out.pdf)",
                              path=path) from exc
        raise SourceError(f"corrupt PDF: {type(cause).__name__}: {cause}".rstrip(": "), path=path) from exc


def read_pdf(path: Path) -> tuple[str, str]:
    """``(text, "sha256:<hex of the PDF bytes>")``; SourceError names the file and the problem."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror or exc}", path=path) from exc
    if not data.startswith(b"%PDF"):
        raise SourceError("not a PDF (no %PDF header); corrupt or misnamed", path=path)
    raw = _read(path)
    sizes = Counter(round(w.size, 1) for page in raw for words, _ in page for w in words)
    if not sizes:
        raise SourceError("the PDF has no text layer (a scan?); OCR is out of scope: "
                          "run OCR first (e.g. ocrmypdf in.pdf out.pdf)", path=path)
    pages, furniture = _pages(raw, sizes.most_common(1)[0][0])
    _join_across_pages(pages)
    return _assemble(pages, furniture) + "\n", "sha256:" + hashlib.sha256(data).hexdigest()
