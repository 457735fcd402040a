"""Write a corpus letter as a PDF in the Rijksoverheid letter layout, for tests:
body in the left column, the template's side column on the right of every page,
footnote markers as raised small numbers, footnotes at the foot of their page,
"Pagina N van M" footers, and long words hyphenated across lines."""

from __future__ import annotations

import re
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from policykg.loaders.footnotes import find_footnotes

FONT, SIZE, NOTE_SIZE, MARK_SIZE = "Helvetica", 10.0, 7.0, 6.0
LEFT, BODY_WIDTH, SIDE_X = 70.0, 330.0, 440.0
TOP, BOTTOM, LEADING = 780.0, 110.0, 13.0
_MARK = re.compile(r"<sup>(\d{1,3})</sup>")


def letter_parts(text: str) -> tuple[str, dict[str, str]]:
    """The body with markers as ``<sup>N</sup>`` and the footnotes by number, from
    the PDF text of a corpus letter (its footnote lines taken out)."""
    notes = find_footnotes(text)
    edits = [(m.start, m.end, f"<sup>{n}</sup>") for n, m in notes.markers.items()]
    for span in notes.bodies.values():
        line_start = text.rfind("\n", 0, span.start) + 1  # the line "3 Kamerstukken ..." whole
        edits.append((line_start, span.end, ""))
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    bodies = {n: re.sub(r"\s+", " ", span.text).strip() for n, span in notes.bodies.items()}
    return text, bodies


def _wrap(paragraph: str) -> list[str]:
    """Lines that fit the body width; a long word that does not fit is hyphenated."""
    lines, line = [], ""
    for word in paragraph.split():
        candidate = f"{line} {word}" if line else word
        if stringWidth(_MARK.sub(r"\1", candidate), FONT, SIZE) <= BODY_WIDTH:
            line = candidate
            continue
        plain = _MARK.sub("", word)
        if len(plain) >= 12 and plain.isalpha() and plain[len(plain) // 2 - 1].islower():
            head = word[: len(plain) // 2]
            if stringWidth(f"{line} {head}-", FONT, SIZE) <= BODY_WIDTH:
                lines.append(f"{line} {head}-" if line else f"{head}-")
                line = word[len(plain) // 2:]
                continue
        lines.append(line)
        line = word
    if line:
        lines.append(line)
    return lines


def _wrap_note(text: str) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if stringWidth(candidate, FONT, NOTE_SIZE) > BODY_WIDTH and line:
            lines.append(line)
            line = word
        else:
            line = candidate
    return lines + ([line] if line else [])


def _draw_line(canvas: Canvas, y: float, line: str) -> list[str]:
    """Draw a body line; returns the footnote numbers whose markers it holds."""
    x, marks = LEFT, []
    for i, part in enumerate(_MARK.split(line)):
        if i % 2:
            canvas.setFont(FONT, MARK_SIZE)
            canvas.drawString(x, y + 4, part)
            x += stringWidth(part, FONT, MARK_SIZE)
            marks.append(part)
        elif part:
            canvas.setFont(FONT, SIZE)
            canvas.drawString(x, y, part)
            x += stringWidth(part, FONT, SIZE)
    return marks


def _pages(lines: list[str]) -> list[list[str]]:
    per_page = int((TOP - BOTTOM) // LEADING) - 6  # room for the footnotes
    return [lines[i:i + per_page] for i in range(0, len(lines), per_page)] or [[]]


def write_letter_pdf(path: Path, header: list[str], body: str, footnotes: dict[str, str], side: list[str],
                     repeated_side: list[str]):
    """``header`` lines as they are, then ``body`` wrapped; ``side`` on the first
    page's side column, ``repeated_side`` on the others."""
    lines = list(header)
    for paragraph in re.split(r"\n\s*\n", body):
        lines += _wrap(paragraph) + [""]
    pages = _pages(lines)
    canvas = Canvas(str(path), pagesize=A4)
    for number, page_lines in enumerate(pages, start=1):
        y, marks = TOP, []
        for line in page_lines:
            marks += _draw_line(canvas, y, line) if line else []
            y -= LEADING
        canvas.setFont(FONT, NOTE_SIZE)
        y_note = BOTTOM - 10
        for mark in marks:
            for k, note_line in enumerate(_wrap_note(f"{mark} {footnotes[mark]}")):
                canvas.drawString(LEFT + (8 if k else 0), y_note, note_line)
                y_note -= NOTE_SIZE + 3
        for i, item in enumerate(side if number == 1 else repeated_side):
            canvas.drawString(SIDE_X, TOP - i * (NOTE_SIZE + 4), item)
        canvas.drawString(LEFT, 40, f"Pagina {number} van {len(pages)}")
        canvas.showPage()
    canvas.save()
