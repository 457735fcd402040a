"""Read any supported source document into the text extraction works on."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .text import TEXT_SUFFIXES, SourceError, check_source_file, read_text

PUBLICATION_SUFFIXES = (".xml", ".html", ".htm")
DOCUMENT_SUFFIXES = TEXT_SUFFIXES + (".pdf", ".docx") + PUBLICATION_SUFFIXES


@dataclass(frozen=True)
class Source:
    text: str
    content_hash: str
    metadata: dict = field(default_factory=dict)  # what the publication's own metadata says


def read_source(path: Path) -> Source:
    """A text, markdown, PDF, Word (.docx) or officielebekendmakingen XML/HTML file; SourceError
    names the file and the problem, whatever the problem (a reader's surprise included)."""
    check_source_file(path)
    try:
        return _read(path)
    except SourceError:
        raise
    except Exception as exc:  # hostile input may surprise a reader; it is still this file's problem
        raise SourceError(f"cannot be read: {type(exc).__name__}: {exc}", path=path) from exc


def _read(path: Path) -> Source:
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        from .pdf import read_pdf  # pdfplumber is imported only when a PDF is read

        return Source(*read_pdf(path))
    if suffix == ".docx":
        from .docx import read_docx

        return Source(*read_docx(path))
    if suffix in PUBLICATION_SUFFIXES:
        from .officielebekendmakingen import read_publication

        return Source(*read_publication(path))
    return Source(*read_text(path))
