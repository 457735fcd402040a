"""Text from a Word document (``.docx``, Office Open XML), with the standard library only.

The text is laid out the way :mod:`.officielebekendmakingen` lays out a publication,
which the footnote reader (:mod:`.footnotes`) takes as markdown:

- each paragraph (``w:p``) of ``word/document.xml`` is one block, blocks are separated
  by a blank line, empty paragraphs are left out; the runs of a paragraph (``w:r``,
  which Word splits anywhere, mid-word too) are joined as they are;
- ``w:tab`` (and ``w:ptab``) is a tab, ``w:br`` and ``w:cr`` a newline,
  ``w:noBreakHyphen`` a hyphen; ``w:softHyphen`` is left out;
- a table is read row by row: each row (``w:tr``) is one block, its cells separated by
  a tab, the paragraphs of a cell by a newline;
- what Word shows is kept: inserted text (``w:ins``, ``w:moveTo``), hyperlink text, the
  result of a field; what it does not show is left out: deleted text (``w:del``,
  ``w:delText``, ``w:moveFrom``), field codes (``w:instrText``, between a field's
  ``begin`` and ``separate``), hidden runs (``w:vanish``), the fallback copy of a
  drawing (``mc:Fallback``, a second copy of a text box's text); a paragraph whose
  mark is a tracked deletion runs on into the next;
- a text box's paragraphs (``w:txbxContent``) come as blocks of their own, before the
  paragraph that holds the box;
- a footnote reference (``w:footnoteReference``) becomes ``<sup>N</sup>``, N counting
  the references in document order as Word numbers them by default; the notes of
  ``word/footnotes.xml`` follow the text, each on one line as ``<sup>N</sup> text``.
  Endnotes (``word/endnotes.xml``, which Word numbers i, ii, ...) and notes with a mark
  of their own (``w:customMarkFollows``, the mark then left out) are numbered on after
  the footnotes, so that every number names one note.

Headers, footers, comments and ``docProps/core.xml`` are not read: the document's
title and dates there are the template's and the file's, not the letter's, and only
an official identifier makes the extractor take a publication's metadata.

Every XML part is parsed with a parser that refuses a DOCTYPE (so no entity is
expanded or fetched), after its uncompressed size is checked against
:data:`MAX_PART_BYTES` (a zip bomb is refused, not inflated).
"""

from __future__ import annotations

import hashlib
import io
import re
import xml.parsers.expat
import zipfile
import zlib
from pathlib import Path

from .safexml import DoctypeRefused, safe_parser
from .text import SourceError

MAX_PART_BYTES = 64 * 1024 * 1024  # uncompressed size of any part read
DOCUMENT = "word/document.xml"
FOOTNOTES = "word/footnotes.xml"
ENDNOTES = "word/endnotes.xml"

_W = {"http://schemas.openxmlformats.org/wordprocessingml/2006/main",  # transitional (what Word writes)
      "http://purl.oclc.org/ooxml/wordprocessingml/main"}  # strict
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a Word 97-2003 .doc, or an encrypted OOXML package
_OFF = {"0", "false", "off"}


def _attr(attrs: dict[str, str], local: str) -> str | None:
    """An attribute by its local name (``w:id``, ``w:val``), whatever its namespace."""
    for key, value in attrs.items():
        if key.rpartition(" ")[2] == local:
            return value
    return None


class _Part:
    """One XML part (the document, the footnotes or the endnotes) read into blocks.

    ``refs`` lists the document's note references in order as ``(kind, id, custom)``;
    each stands in the text as a NUL, its index and a NUL (XML text holds no NUL)
    until the notes are numbered. ``notes`` maps the id of each note of a notes part
    to its text, on one line."""

    def __init__(self, note_tag: str | None = None):
        self.note_tag = note_tag  # "w:footnote" or "w:endnote" in a notes part
        self.blocks: list[str] = []
        self.notes: dict[str, str] = {}
        self.refs: list[tuple[str, str, bool]] = []
        self.stack: list[str] = []  # open elements: "w:p", "mc:Fallback", "*:txbx", ...
        self.paragraphs: list[list[str]] = []  # open paragraphs (a text box opens one inside another)
        self.containers: list[list[str]] = [self.blocks]  # where a finished paragraph goes
        self.rows: list[list[str]] = []  # open table rows: the text of their cells
        self.deleted = 0  # open w:del / w:moveFrom
        self.fallback = 0  # open mc:Fallback
        self.fields: list[bool] = []  # per open complex field: whether past its "separate"
        self.codes = 0  # open fields not yet past their "separate" (their code is not shown)
        self.hidden_run = False  # the open run is hidden (w:vanish)
        self.custom_mark = False  # the open run's text is a note's own mark
        self.marks: list[bool] = []  # per open paragraph: its mark is a tracked deletion
        self.carry: list[str] = []  # a paragraph whose mark was deleted: it joins the next one
        self.note: str | None = None  # the id of the open note
        self.capture = False

    @staticmethod
    def _name(tag: str) -> str:
        uri, _, local = tag.rpartition(" ")
        if uri in _W:
            return "w:" + local
        return ("mc:" if uri == _MC else "*:") + local

    def _shown(self) -> bool:
        return not (self.deleted or self.fallback or self.hidden_run or self.codes)

    def _add(self, text: str) -> None:
        if self.paragraphs and self._shown():
            self.paragraphs[-1].append(text)

    def _close(self, paragraph: list[str]) -> None:
        text = "".join(paragraph).strip()
        if text:
            self.containers[-1].append(text)

    def _flush_carry(self) -> None:
        if self.carry:
            self._close(self.carry)
            self.carry = []

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        name, parent = self._name(tag), (self.stack[-1] if self.stack else "")
        self.stack.append(name)
        if parent == "w:r":
            self._run_child(name, attrs)
        elif name in ("w:del", "w:moveFrom"):
            if parent == "w:rPr" and self.stack[-3:-2] == ["w:pPr"] and self.marks:
                self.marks[-1] = True  # the paragraph mark: this paragraph runs on into the next
            elif parent not in ("w:rPr", "w:trPr", "w:tcPr"):
                self.deleted += 1
        elif name == "mc:Fallback":
            self.fallback += 1
        elif name == "w:p":
            if self.paragraphs:  # in a text box
                self.paragraphs.append([])
            else:
                self.paragraphs.append(self.carry)
                self.carry = []
            self.marks.append(False)
        elif name == "w:r":
            self.hidden_run = self.custom_mark = False
        elif name == "w:vanish" and parent == "w:rPr" and self.stack[-3:-2] == ["w:r"]:
            self.hidden_run = (_attr(attrs, "val") or "true") not in _OFF
        elif name == "w:tc":
            self.containers.append([])
        elif name == "w:tr":
            self.rows.append([])
        elif name == self.note_tag and parent[2:] == name[2:] + "s" and _attr(attrs, "type") in (None, "normal"):
            self.note = _attr(attrs, "id") or ""
            self.containers.append([])

    def _run_child(self, name: str, attrs: dict[str, str]) -> None:
        if name == "w:t":
            self.capture = self._shown() and not self.custom_mark
        elif name in ("w:tab", "w:ptab"):
            self._add("\t")
        elif name in ("w:br", "w:cr"):
            self._add("\n")
        elif name == "w:noBreakHyphen":
            self._add("-")
        elif name == "w:fldChar":
            kind = _attr(attrs, "fldCharType")
            if kind == "begin":
                self.fields.append(False)
                self.codes += 1
            elif kind == "separate" and self.fields and not self.fields[-1]:
                self.fields[-1] = True
                self.codes -= 1
            elif kind == "end" and self.fields:
                if not self.fields.pop():
                    self.codes -= 1
        elif (name in ("w:footnoteReference", "w:endnoteReference") and self.note_tag is None
              and self.paragraphs and self._shown()):
            self.custom_mark = (_attr(attrs, "customMarkFollows") or "0") not in _OFF
            self.refs.append((name[2:-9], _attr(attrs, "id") or "", self.custom_mark))
            self.paragraphs[-1].append(f"\x00{len(self.refs) - 1}\x00")

    def end(self, _tag: str) -> None:
        name = self.stack.pop()
        parent = self.stack[-1] if self.stack else ""
        if name == "w:t":
            self.capture = False
        elif name in ("w:del", "w:moveFrom"):
            if parent not in ("w:rPr", "w:trPr", "w:tcPr"):
                self.deleted -= 1
        elif name == "mc:Fallback":
            self.fallback -= 1
        elif name == "w:p":
            paragraph, mark_deleted = self.paragraphs.pop(), self.marks.pop()
            if mark_deleted and not self.paragraphs:
                self.carry = paragraph
            else:
                self._close(paragraph)
        elif name == "w:r":
            self.hidden_run = self.custom_mark = False
        elif name == "w:tc":
            self._flush_carry()
            cell = self.containers.pop()
            if self.rows:
                self.rows[-1].append("\n".join(cell))
        elif name == "w:tr":
            row = self.rows.pop()
            if any(row):
                self.containers[-1].append("\t".join(row).strip())
        elif name == self.note_tag and self.note is not None and parent[2:] == name[2:] + "s":
            self._flush_carry()
            self.notes.setdefault(self.note, re.sub(r"\s+", " ", " ".join(self.containers.pop())).strip())
            self.note = None
        elif not self.stack:
            self._flush_carry()

    def data(self, text: str) -> None:
        if self.capture and self.paragraphs:
            self.paragraphs[-1].append(text)


def _parse(data: bytes, part: _Part) -> _Part:
    parser = safe_parser(namespace_separator=" ")
    parser.StartElementHandler = part.start
    parser.EndElementHandler = part.end
    parser.CharacterDataHandler = part.data
    parser.buffer_text = True
    parser.Parse(data, True)
    return part


def _read_part(archive: zipfile.ZipFile, names: dict[str, zipfile.ZipInfo], name: str, path: Path) -> bytes | None:
    """The part's bytes (None when the package has no such part), at most MAX_PART_BYTES
    of them however the zip declares its size."""
    info = names.get(name.lower())  # part names are case-insensitive (OPC)
    if info is None:
        return None
    too_big = (f"{name} is larger than {MAX_PART_BYTES:,} bytes uncompressed (a zip bomb?); "
               "refused (raise policykg.loaders.docx.MAX_PART_BYTES to read it)")
    if info.file_size > MAX_PART_BYTES:
        raise SourceError(too_big, path=path)
    if info.flag_bits & 0x1:
        raise SourceError(f"{name} is encrypted inside the zip archive (not as Word saves a document)", path=path)
    with archive.open(info) as stream:
        data = stream.read(MAX_PART_BYTES + 1)
    if len(data) > MAX_PART_BYTES:
        raise SourceError(too_big, path=path)
    return data


def _parsed(archive: zipfile.ZipFile, names: dict[str, zipfile.ZipInfo], name: str, path: Path,
            part: _Part) -> _Part | None:
    data = _read_part(archive, names, name, path)
    if data is None:
        return None
    try:
        return _parse(data, part)
    except DoctypeRefused as exc:
        raise SourceError(f"refused: {name}: {exc}", path=path) from exc
    except xml.parsers.expat.ExpatError as exc:
        raise SourceError(f"corrupt DOCX: {name} is not well-formed XML ({exc})", path=path) from exc


def _text(document: _Part, notes: dict[str, dict[str, str]]) -> str:
    """The blocks with each note reference numbered, then the notes."""
    order = sorted(range(len(document.refs)),  # footnotes, then endnotes, then notes with marks of their own
                   key=lambda i: (document.refs[i][2], document.refs[i][0] != "footnote", i))
    numbers: dict[tuple[str, str], str] = {}
    for i in order:
        kind, note_id, _ = document.refs[i]
        numbers.setdefault((kind, note_id), str(len(numbers) + 1))

    def marker(m: re.Match) -> str:
        kind, note_id, _ = document.refs[int(m[1])]
        return f"<sup>{numbers[(kind, note_id)]}</sup>"

    blocks = [_PLACEHOLDER.sub(marker, block) for block in document.blocks]
    for (kind, note_id), number in numbers.items():
        body = notes[kind].get(note_id)
        if body:
            blocks.append(f"<sup>{number}</sup> {body}")
    return "\n\n".join(blocks) + "\n"


_PLACEHOLDER = re.compile("\x00(\\d{1,9})\x00")


def read_docx(path: Path) -> tuple[str, str]:
    """``(text, "sha256:<hex of the file's bytes>")``; SourceError names the file and the problem."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror or exc}", path=path) from exc
    if data.startswith(_OLE2):
        raise SourceError("not a DOCX: an OLE2 file (a Word 97-2003 .doc, or a password-protected "
                          "DOCX); save it as .docx without a password, or as PDF", path=path)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = {info.filename.lower(): info for info in archive.infolist()}
            document = _parsed(archive, names, DOCUMENT, path, _Part())
            if document is None:
                raise SourceError(f"not a Word document: no {DOCUMENT} in the zip archive", path=path)
            notes = {}
            for kind, name in (("footnote", FOOTNOTES), ("endnote", ENDNOTES)):
                part = _parsed(archive, names, name, path, _Part("w:" + kind)) if document.refs else None
                notes[kind] = part.notes if part else {}
    except zipfile.BadZipFile as exc:
        if not data.startswith(b"PK"):
            raise SourceError("not a DOCX (not a zip archive); corrupt or misnamed", path=path) from exc
        raise SourceError(f"corrupt DOCX: damaged zip archive ({exc})".replace("\n", " "), path=path) from exc
    except (zlib.error, EOFError, RuntimeError, NotImplementedError, ValueError, OSError) as exc:
        raise SourceError(f"corrupt DOCX: {type(exc).__name__}: {exc}".replace("\n", " "), path=path) from exc
    text = _text(document, notes)
    if not text.strip():
        raise SourceError(f"no text in {DOCUMENT} (only images or drawings?)", path=path)
    return text, "sha256:" + hashlib.sha256(data).hexdigest()
