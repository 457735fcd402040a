"""Read any supported source document into the text extraction works on."""

from __future__ import annotations

from pathlib import Path

from .text import TEXT_SUFFIXES, read_text

DOCUMENT_SUFFIXES = TEXT_SUFFIXES + (".pdf",)


def read_source(path: Path) -> tuple[str, str]:
    """``(text, "sha256:<hex>")`` of a text, markdown or PDF file (SourceError on bad input)."""
    if path.suffix.lower() == ".pdf":
        from .pdf import read_pdf  # pdfplumber is imported only when a PDF is read

        return read_pdf(path)
    return read_text(path)
