"""Kamerstukken as officielebekendmakingen.nl publishes them: the XML of the
document, its ``metadata.xml``, or its HTML page.

The identifier, dossier, number, vergaderjaar, type, date and indiener come from
the publication's metadata (``DC.identifier``, ``OVERHEIDop.dossiernummer``,
``OVERHEIDop.ondernummer``, ...), never from the file name. The text is the
document's paragraphs in order, footnotes as ``<sup>N</sup>`` markers with their
bodies after the text (the layout the markdown loader reads).

XML is parsed with a parser that refuses any DOCTYPE, so no entity, internal or
external, is ever expanded or fetched.
"""

from __future__ import annotations

import hashlib
import re
import xml.parsers.expat
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from .safexml import safe_parser
from .text import SourceError

_PARAGRAPHS = {"al", "p", "titel", "tussenkop", "kop", "li", "h1", "h2", "h3", "h4", "tr"}
_VOID = {"meta", "metadata", "br", "img", "link", "hr", "input", "col", "area", "base", "source", "wbr"}
_META_FIELDS = {
    "DC.identifier": "identifier", "DC.type": "type", "DC.title": "title", "DC.creator": "creator",
    "OVERHEIDop.dossiernummer": "dossier", "OVERHEIDop.dossiertitel": "dossier_title",
    "OVERHEIDop.ondernummer": "number", "OVERHEIDop.vergaderjaar": "vergaderjaar",
    "OVERHEIDop.documenttitel": "document_title", "DCTERMS.issued": "issued",
    "OVERHEIDop.datumBrief": "letter_date", "OVERHEIDop.indiener": "indiener",
    "OVERHEIDop.ondertekenaar": "signatory", "OVERHEIDop.externMetadataRecord": "record",
}
# A Handelingen item names itself only in the URL of its metadata record:
# "https://zoek.officielebekendmakingen.nl/h-tk-20172018-61-10/metadata.xml".
_RECORD_ID = re.compile(r"/(?P<id>(?:h-tk|h-ek|ah-tk|ah-ek|kst|stcrt|stb|trb)-[\w-]{1,40})/metadata\.xml$")
_ID = re.compile(r"^(?:kst|stcrt|stb|trb|h-tk|h-ek|ah-tk|ah-ek|kv-tk|kv-ek)-[\w-]{1,40}$")
# "https://zoek.officielebekendmakingen.nl/kst-30950-388/metadata.xml": the record of this publication


@dataclass
class Publication:
    """What a publication says about itself, and its text."""

    meta: dict[str, list[str]] = field(default_factory=dict)
    paragraphs: list[str] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (number, body)

    def first(self, key: str) -> str | None:
        values = self.meta.get(key) or []
        return values[0] if values else None

    def text(self) -> str:
        lines = [p for p in self.paragraphs if p.strip()]
        lines += [f"<sup>{n}</sup> {body}" for n, body in self.notes]
        return "\n\n".join(lines) + "\n"


class _Collector:
    """Shared by the XML and the HTML reader: paragraphs, footnotes, meta fields."""

    def __init__(self):
        self.pub = Publication()
        self.stack: list[str] = []  # open elements, innermost last
        self.open: Counter[str] = Counter()  # how often each tag is open (the stack as a multiset)
        self.buffer: list[str] = []
        self.note: tuple[str, list[str]] | None = None

    def meta(self, attrs: dict) -> None:
        name, content = attrs.get("name"), attrs.get("content")
        if name in _META_FIELDS and content:
            self.pub.meta.setdefault(_META_FIELDS[name], []).append(content.strip())

    def start(self, tag: str, attrs: dict) -> None:
        tag = tag.lower().split("}")[-1]
        if tag in ("meta", "metadata"):
            self.meta(attrs)
        if tag in _VOID:
            return
        if tag == "noot":
            number = attrs.get("nr") or str(len(self.pub.notes) + 1)
            self.buffer.append(f"<sup>{number}</sup>")
            self.note = (number, [])
        elif tag == "sup":
            (self.note[1] if self.note else self.buffer).append("<sup>")
        elif tag in _PARAGRAPHS and self.note is None:
            self.flush()
        self.stack.append(tag)
        self.open[tag] += 1

    def end(self, tag: str) -> None:
        tag = tag.lower().split("}")[-1]
        if self.open[tag]:  # HTML may leave elements unclosed: close up to the matching one
            self.close(tag)
        if tag == "noot" and self.note:
            number, parts = self.note
            self.pub.notes.append((number, re.sub(r"\s+", " ", "".join(parts)).strip()))
            self.note = None
        elif tag == "sup":
            (self.note[1] if self.note else self.buffer).append("</sup>")
        elif tag in _PARAGRAPHS and self.note is None:
            self.flush()

    def close(self, tag: str) -> None:
        """Pop the stack down to and including the innermost open ``tag``. Each element is
        pushed once and popped once, so a whole document costs time linear in its
        elements however deep it nests (no copy or scan of the stack per element)."""
        while True:
            top = self.stack.pop()
            self.open[top] -= 1
            if top == tag:
                return

    def data(self, text: str) -> None:
        if self.open["script"] or self.open["style"] or self.open["head"]:
            return
        (self.note[1] if self.note else self.buffer).append(text)

    def flush(self) -> None:
        text = re.sub(r"[ \t\r\n]+", " ", "".join(self.buffer)).strip()
        if text:
            self.pub.paragraphs.append(text)
        self.buffer = []


def parse_xml(data: bytes) -> Publication:
    collector = _Collector()
    parser = safe_parser()
    parser.StartElementHandler = collector.start
    parser.EndElementHandler = collector.end
    parser.CharacterDataHandler = collector.data
    parser.Parse(data, True)
    collector.flush()
    return collector.pub


class HtmlRefused(Exception):
    """Markup ``html.parser`` gives up on (it raises AssertionError, e.g. at ``<![ x``)."""


class _Html(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.collector = _Collector()

    def handle_starttag(self, tag, attrs):
        self.collector.start(tag, dict(attrs))

    def handle_endtag(self, tag):
        self.collector.end(tag)

    def handle_data(self, data):
        self.collector.data(data)


def parse_html(data: bytes) -> Publication:
    """The publication in an HTML page; ``HtmlRefused`` for markup ``html.parser`` gives up on."""
    parser = _Html()
    try:
        parser.feed(data.decode("utf-8"))
        parser.close()
    except AssertionError as exc:  # html.parser's way to refuse a bad "<![...": found by tests/fuzz.py
        raise HtmlRefused(str(exc)) from exc
    parser.collector.flush()
    return parser.collector.pub


def _companion_metadata(path: Path) -> Publication | None:
    """``kst-30950-319.xml`` may come with ``kst-30950-319.metadata.xml`` or a
    ``metadata.xml`` in the same folder; a problem in it is reported with its own name."""
    for candidate in (path.with_name(path.stem + ".metadata.xml"), path.with_name("metadata.xml")):
        if candidate.exists() and candidate != path:
            role = f" (the metadata of {path.name})"
            return _parsed(candidate, _bytes(candidate, role), parse_xml, role)
    return None


def _bytes(path: Path, role: str = "") -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror or exc}{role}", path=path) from exc


def _parsed(path: Path, data: bytes, parse: Callable[[bytes], Publication], role: str = "") -> Publication:
    """``parse(data)``; any failure a SourceError naming ``path`` (and its ``role``)."""
    try:
        return parse(data)
    except UnicodeDecodeError as exc:
        problem = f"not valid UTF-8 (byte {exc.start})"
    except ValueError as exc:
        problem = f"refused: {exc}"
    except HtmlRefused as exc:
        problem = f"not readable HTML: {exc}"
    except LookupError as exc:  # <?xml encoding="..."?> names an encoding Python does not know
        problem = f"not readable XML: {exc}"
    except xml.parsers.expat.ExpatError as exc:
        problem = f"not well-formed XML: {exc}"
    except Exception as exc:  # a parser's surprise on hostile input is still this file's problem
        problem = f"cannot be parsed: {type(exc).__name__}: {exc}"
    raise SourceError(problem + role, path=path)


def read_publication(path: Path) -> tuple[str, str, dict[str, str | list[str] | None]]:
    """``(text, "sha256:...", metadata)`` of an officielebekendmakingen XML or HTML file."""
    data = _bytes(path)
    xml_file = path.suffix.lower() == ".xml"
    pub = _parsed(path, data, parse_xml if xml_file else parse_html)
    extra = _companion_metadata(path) if xml_file else None
    if extra:
        for key, values in extra.meta.items():
            pub.meta.setdefault(key, values)
    record = _RECORD_ID.search(pub.first("record") or "")
    identifier = pub.first("identifier") or (record["id"] if record else None)
    if identifier is not None and not _ID.match(identifier):
        identifier = None
    meta: dict[str, str | list[str] | None] = {k: (v if k == "indiener" else v[0]) for k, v in pub.meta.items()}
    meta["identifier"] = identifier
    if not pub.paragraphs:
        raise SourceError("no document text (a metadata.xml on its own? ingest the document "
                          "XML beside it, which reads it)", path=path)
    return pub.text(), "sha256:" + hashlib.sha256(data).hexdigest(), meta


def is_companion(path: Path) -> bool:
    """A metadata file read together with the document XML beside it."""
    return path.name == "metadata.xml" or path.name.endswith(".metadata.xml")
