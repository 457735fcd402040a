"""Read any supported source document into the text extraction works on."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .text import TEXT_SUFFIXES, SourceError, check_source_file, read_text

PUBLICATION_SUFFIXES = (".xml", ".html", ".htm")
DOCUMENT_SUFFIXES = TEXT_SUFFIXES + (".pdf", ".docx") + PUBLICATION_SUFFIXES
MB = 1_000_000
# The largest source file read (`policykg ingest --max-source-mb`). Ingest holds a
# document's text, extraction, triples and N-Quads in memory at once, at the peak 60-90
# MB per MB of text (benchmarks/ingest_linearity.py), so this bounds what one source
# takes (about 3 GB for 50 MB, 6 GB at the limit); the largest real publications are a
# few MB of text, and a 50 MB dump still loads without a flag.
MAX_SOURCE_MB = 64.0


@dataclass(frozen=True)
class Source:
    text: str
    content_hash: str
    metadata: dict = field(default_factory=dict)  # what the publication's own metadata says


def check_size(path: Path, max_mb: float = MAX_SOURCE_MB) -> None:
    """SourceError, naming the file, when it is larger than ``max_mb`` MB (10^6 bytes).
    A file that cannot be looked at is left to its reader to report."""
    try:
        size = path.stat().st_size
    except OSError:
        return
    if size > max_mb * MB:
        raise SourceError(f"{size:,} bytes ({size / MB:,.1f} MB), larger than the limit of {max_mb:g} MB "
                          "for one source; skipped (raise the limit with --max-source-mb)", path=path)


def read_source(path: Path, max_mb: float = MAX_SOURCE_MB) -> Source:
    """A text, markdown, PDF, Word (.docx) or officielebekendmakingen XML/HTML file; SourceError
    names the file and the problem, whatever the problem (a reader's surprise included, and a
    file larger than ``max_mb`` MB)."""
    check_source_file(path)
    check_size(path, max_mb)
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
