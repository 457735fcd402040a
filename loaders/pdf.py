"""Text from a Rijksoverheid PDF (letter or beslisnota), read from the page layout.

pdfplumber gives every word with its position and font size. From those:

- the template's side column (sender, "Datum", "Kenmerk", right of the body) is kept
  once, from the first page, as a block before the body (the metadata reader looks
  there), and dropped from later pages where it only repeats;
- running footers ("Pagina 2 van 11") are dropped;
- a raised number in a smaller font after a word is a footnote marker and becomes
  ``<sup>N</sup>``; the small-font lines at the foot of the page that start with a
  number are the footnotes and become ``<sup>N</sup> text`` lines after the page's body;
- a word broken at the end of a line ("Kamer-" / "stukken") is joined.

The produced text is what provenance offsets point into; ``policykg extract
--text`` prints it, so every quote can be checked.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from . import patterns as p
from .text import SourceError

_SIDE_FROM = 0.68  # words starting right of this share of the page width are the side column
_LINE_TOLERANCE = 2.5  # points: words whose tops differ less share a line


@dataclass(frozen=True)
class _Word:
    text: str
    x0: float
    top: float
    bottom: float
    size: float


@dataclass
class _Line:
    words: list[_Word]

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def size(self) -> float:
        return Counter(round(w.size, 1) for w in self.words).most_common(1)[0][0]

    def text(self, body_size: float) -> str:
        """Words joined by spaces; a raised small number glued to a word is a marker."""
        out, body_line = "", self.size >= body_size * 0.9
        for w in sorted(self.words, key=lambda w: w.x0):
            marker = body_line and w.text.isdigit() and w.size < body_size * 0.8 and out
            if marker:
                out += f"<sup>{w.text}</sup>"
            else:
                out += (" " if out else "") + w.text
        return out


def _lines(words: list[_Word], body_size: float) -> list[_Line]:
    """Words grouped into lines by baseline; a raised small word joins the line
    it is raised above (a footnote marker), not a line of its own."""
    small = [w for w in words if w.size < body_size * 0.8]
    lines: list[_Line] = []
    for w in sorted((w for w in words if w not in small), key=lambda w: (w.bottom, w.x0)):
        if lines and abs(lines[-1].words[0].bottom - w.bottom) < _LINE_TOLERANCE:
            lines[-1].words.append(w)
        else:
            lines.append(_Line([w]))
    for w in sorted(small, key=lambda w: (w.bottom, w.x0)):
        host = next((l for l in lines if l.size >= body_size * 0.9 and l.top - 2 <= w.top
                     and w.bottom < l.words[0].bottom - 1 and w.bottom > l.top), None)
        if host:
            host.words.append(w)
        elif lines and lines[-1].size < body_size * 0.9 and abs(lines[-1].words[0].bottom - w.bottom) < _LINE_TOLERANCE:
            lines[-1].words.append(w)
        else:
            lines.append(_Line([w]))
    return sorted(lines, key=lambda l: l.words[0].bottom)


def _join_hyphenated(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if out and re.search(r"[a-zà-ÿ]-$", out[-1]) and re.match(r"[a-zà-ÿ]", line):
            out[-1] = out[-1][:-1] + line
        else:
            out.append(line)
    return out


@dataclass
class _Page:
    side: list[str]
    body: list[str]
    notes: list[str]


def _page(words: list[_Word], width: float, body_size: float) -> _Page:
    side = [w for w in words if w.x0 >= width * _SIDE_FROM]
    main = [w for w in words if w.x0 < width * _SIDE_FROM]
    body, notes = [], []
    for line in _lines(main, body_size):
        text = line.text(body_size)
        if p.PAGE_FOOTER.fullmatch(text):
            continue
        if line.size < body_size * 0.9 and re.match(r"\d{1,3}\s", text):
            number, rest = text.split(" ", 1)
            notes.append(f"<sup>{number}</sup> {rest}")
        elif notes and line.size < body_size * 0.9:
            notes[-1] += "\n" + text  # a footnote running onto a second line
        else:
            body.append(text)
    return _Page([line.text(body_size) for line in _lines(side, body_size)], _join_hyphenated(body), notes)


def _join_across_pages(pages: list[_Page]) -> None:
    """A word hyphenated at the foot of one page and ended on the next."""
    for this, nxt in zip(pages, pages[1:]):
        if this.body and nxt.body and re.search(r"[a-zà-ÿ]-$", this.body[-1]) and re.match(r"[a-zà-ÿ]", nxt.body[0]):
            head, _, rest = nxt.body[0].partition(" ")
            this.body[-1] = this.body[-1][:-1] + head
            nxt.body[0:1] = [rest] if rest else []


def _text(pages: list[_Page]) -> str:
    parts = ["\n".join(pages[0].side)] if pages and pages[0].side else []
    for page in pages:
        parts += ["\n".join(page.body), "\n".join(page.notes)]
    return "\n\n".join(p for p in parts if p)


def _words(page) -> list[_Word]:
    return [_Word(w["text"], w["x0"], w["top"], w["bottom"], float(w.get("size") or 0))
            for w in page.extract_words(extra_attrs=["size"], use_text_flow=False, keep_blank_chars=False)]


def read_pdf(path: Path) -> tuple[str, str]:
    """``(text, "sha256:<hex of the PDF bytes>")``; SourceError names the file and the problem."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    if not data.startswith(b"%PDF"):
        raise SourceError(f"{path}: not a PDF (no %PDF header); corrupt or misnamed")
    try:
        with pdfplumber.open(path) as pdf:
            pages = [(_words(p), float(p.width)) for p in pdf.pages]
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise SourceError(f"{path}: encrypted PDF; decrypt it first (e.g. qpdf --decrypt in.pdf out.pdf)") from exc
    except (PDFSyntaxError, ValueError, KeyError, TypeError, AssertionError) as exc:
        raise SourceError(f"{path}: corrupt PDF: {type(exc).__name__}: {exc}") from exc
    except Exception as exc:  # pdfminer raises many kinds on damaged files; pdfplumber wraps them
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)) or "password" in repr(cause).lower():
            raise SourceError(f"{path}: encrypted PDF; decrypt it first (e.g. qpdf --decrypt in.pdf out.pdf)") from exc
        raise SourceError(f"{path}: corrupt PDF: {type(cause).__name__}: {cause}".rstrip(": ")) from exc
    sizes = Counter(round(w.size, 1) for words, _ in pages for w in words)
    if not sizes:
        raise SourceError(f"{path}: the PDF has no text layer (a scan?); OCR is out of scope: "
                          "run OCR first (e.g. ocrmypdf in.pdf out.pdf)")
    body_size = sizes.most_common(1)[0][0]
    laid_out = [_page(words, width, body_size) for words, width in pages]
    _join_across_pages(laid_out)
    return _text(laid_out) + "\n", "sha256:" + hashlib.sha256(data).hexdigest()
