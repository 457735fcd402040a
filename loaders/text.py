"""Read a source file into the text that all offsets point into."""

from __future__ import annotations

import hashlib
import re
import stat
from array import array
from bisect import bisect_left, bisect_right
from pathlib import Path

from policykg.errors import SourceError

TEXT_SUFFIXES = (".txt", ".md", ".markdown")


_KINDS = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISDIR, "a folder"))


def check_source_file(path: Path) -> None:
    """SourceError unless ``path`` is a regular, non-empty file with a UTF-8 name; asked
    before anything reads it (reading a named pipe waits for a writer, perhaps forever)."""
    try:
        info = path.stat()
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror or exc}", path=path) from exc
    kind = next((name for test, name in _KINDS if test(info.st_mode)), None)
    if kind or not stat.S_ISREG(info.st_mode):
        raise SourceError(f"not a regular file but {kind or 'a special file'}; skipped", path=path)
    if info.st_size == 0:
        raise SourceError("empty file (0 bytes)", path=path)
    try:
        path.name.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise SourceError("the file name is not valid UTF-8 (it is written in the graph); rename the file",
                          path=path) from exc


def read_text(path: Path) -> tuple[str, str]:
    """Return ``(text, "sha256:<hex>")`` for a UTF-8 text file.

    Newlines are kept exactly (no universal-newline translation), so offsets
    point into the file's own characters.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror or exc}", path=path) from exc
    if b"\x00" in data[:8192]:
        raise SourceError("binary file (NUL bytes), not a text document", path=path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(
            f"not valid UTF-8 (byte {exc.start}: {data[exc.start:exc.start + 1]!r}); "
            "convert it with e.g. `iconv -f latin1 -t utf-8`"
        , path=path) from exc
    if not text.strip():
        raise SourceError("no text: the file holds only whitespace", path=path)
    return text, "sha256:" + hashlib.sha256(data).hexdigest()


class LineIndex:
    """The offsets of a text's newlines, found once, so that the line of any offset is
    a binary search (the line of each of n references costs log n, not a count from
    the start of the text)."""

    def __init__(self, text: str):
        self._newlines = array("q", (m.start() for m in re.finditer("\n", text)))  # 8 bytes a line

    def line(self, offset: int) -> int:
        """1-based line number of ``offset``: 1 + the newlines before it."""
        return bisect_left(self._newlines, offset) + 1


# A sentence ends at . ! ? (and a footnote marker after it: "<sup>4</sup>" or a
# bare "5" in PDF text) before a capital,
# or at a blank line.
_SENTENCE_END = re.compile(r"[.!?](?:<sup>\d{1,3}</sup>|\d{1,2})?(?=\s{1,8}[A-Z«“\"(])|\n[ \t]{0,8}\n")


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence, whitespace trimmed."""
    bounds, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        bounds.append((start, m.end()))
        start = m.end()
    bounds.append((start, len(text)))
    trimmed = []
    for s, e in bounds:
        chunk = text[s:e]
        lead = len(chunk) - len(chunk.lstrip())
        s, e = s + lead, s + len(chunk.rstrip())
        if e > s:
            trimmed.append((s, e))
    return trimmed


MAX_SENTENCE = 2000


class Sentences:
    """The sentences of a text, and which one holds an offset."""

    def __init__(self, text: str):
        self.bounds = sentence_bounds(text)
        self._starts = [s for s, _ in self.bounds]

    def index(self, offset: int) -> int:
        return max(bisect_right(self._starts, offset) - 1, 0)

    def around(self, offset: int) -> tuple[int, int]:
        """``(start, end)`` of the sentence that holds ``offset``. A "sentence" longer
        than MAX_SENTENCE (text without full stops) is cut to a window around
        ``offset``, so that work per match stays bounded on hostile text."""
        if not self.bounds:
            return 0, 0
        start, end = self.bounds[self.index(offset)]
        if end - start > MAX_SENTENCE:
            half = MAX_SENTENCE // 2
            start, end = max(start, offset - half), min(end, offset + half)
        return start, end
