"""Write Word documents (.docx) for tests, shaped the way Word writes them: a
paragraph's text in runs split anywhere (mid-word too, as editing sessions leave
them, each with its own rsid and properties), spelling marks (``w:proofErr``) and
bookmarks between the runs, ``<sup>N</sup>`` markers as footnote references whose
ids are not their numbers, a footnotes part with Word's separator notes, the notes
in another order than the references, and ``docProps/core.xml``.

``paragraph`` and ``table`` give body XML; what they do not cover (a tracked
change, a field, a text box) a test writes as raw XML in ``W``'s namespace."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NAMESPACES = (f'xmlns:w="{W_NS}" '
               'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
               'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
               'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
               'xmlns:v="urn:schemas-microsoft-com:vml" '
               'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14"')
_MARK = re.compile(r"<sup>(\d{1,3})</sup>")
_CUTS = (7, 3, 12, 5, 9, 2, 15, 4)  # run lengths, cycled: Word splits runs at arbitrary places
_RPR = ('<w:rPr><w:rFonts w:ascii="Verdana" w:hAnsi="Verdana"/><w:sz w:val="18"/></w:rPr>',
        '<w:rPr><w:lang w:val="nl-NL"/></w:rPr>', "")


def note_id(number: str) -> str:
    """The w:id of footnote ``number``: Word's ids need not be the numbers it shows."""
    return str(100 + 7 * int(number))


_SPECIAL = {"\t": "<w:tab/>", "\n": "<w:br/>", "\u00ad": "<w:softHyphen/>", "\u2011": "<w:noBreakHyphen/>"}


def _plain_runs(text: str, seed: int) -> str:
    """``text`` as runs of a few characters each, with spelling marks and a bookmark
    between some of them; a tab, a line break, a soft hyphen (U+00AD) and a
    non-breaking hyphen (U+2011) become Word's elements for them."""
    out, i, k = [], 0, seed
    while i < len(text):
        size = _CUTS[k % len(_CUTS)]
        chunk, i, k = text[i:i + size], i + size, k + 1
        if k % 5 == 0:
            out.append('<w:proofErr w:type="spellStart"/>')
        parts = re.split("([\t\n\u00ad\u2011])", chunk)
        inner = "".join(_SPECIAL.get(p) or f'<w:t xml:space="preserve">{escape(p)}</w:t>' for p in parts if p)
        out.append(f'<w:r w:rsidR="00{k % 97:06X}">{_RPR[k % len(_RPR)]}{inner}</w:r>')
        if k % 5 == 0:
            out.append('<w:proofErr w:type="spellEnd"/>')
        if k % 11 == 0:
            out.append(f'<w:bookmarkStart w:id="{k}" w:name="_Ref{k}"/><w:bookmarkEnd w:id="{k}"/>')
    return "".join(out)


def runs(text: str, seed: int = 0) -> str:
    """Runs for ``text``, each ``<sup>N</sup>`` a footnote reference as Word writes it."""
    out = []
    for n, part in enumerate(_MARK.split(text)):
        if n % 2:
            out.append('<w:r><w:rPr><w:rStyle w:val="Voetnootmarkering"/></w:rPr>'
                       f'<w:footnoteReference w:id="{note_id(part)}"/></w:r>')
        elif part:
            out.append(_plain_runs(part, seed + n))
    return "".join(out)


def paragraph(text: str, seed: int = 0, style: str | None = None) -> str:
    props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f'<w:p w:rsidR="00A1B2C3" w14:paraId="{seed & 0xFFFFFFF:08X}">{props}{runs(text, seed)}</w:p>'


def table(rows: list[list[str]]) -> str:
    """A table; each cell's text is split into paragraphs at blank lines."""
    xml = ['<w:tbl><w:tblPr><w:tblStyle w:val="Tabelraster"/><w:tblW w:w="0" w:type="auto"/></w:tblPr>'
           '<w:tblGrid>' + '<w:gridCol w:w="3000"/>' * max(map(len, rows)) + '</w:tblGrid>']
    for r, row in enumerate(rows):
        cells = "".join("<w:tc><w:tcPr><w:tcW w:w=\"3000\" w:type=\"dxa\"/></w:tcPr>"
                        + "".join(paragraph(p, seed=r * 31 + c) for p in cell.split("\n\n")) + "</w:tc>"
                        for c, cell in enumerate(row))
        xml.append(f"<w:tr>{cells}</w:tr>")
    return "".join(xml) + "</w:tbl>"


def _notes_part(kind: str, notes: dict[str, str]) -> str:
    xml = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:{kind}s {_NAMESPACES}>',
           f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>',
           f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>'
           f'</w:p></w:{kind}>']
    for number, body in reversed(list(notes.items())):  # the part's order is not the numbering
        xml.append(f'<w:{kind} w:id="{note_id(number)}"><w:p><w:pPr><w:pStyle w:val="Voetnoottekst"/></w:pPr>'
                   f'<w:r><w:rPr><w:rStyle w:val="Voetnootmarkering"/></w:rPr><w:{kind}Ref/></w:r>'
                   f'<w:r><w:t xml:space="preserve"> </w:t></w:r>{runs(body, int(number))}</w:p></w:{kind}>')
    return "".join(xml) + f"</w:{kind}s>"


CORE = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties '
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>Sjabloon brief</dc:title>'
        '<dcterms:created xsi:type="dcterms:W3CDTF">2023-01-20T09:12:00Z</dcterms:created></cp:coreProperties>')
CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                 '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 '<Default Extension="xml" ContentType="application/xml"/>'
                 '<Override PartName="/word/document.xml" ContentType="application/'
                 'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="word/document.xml"/></Relationships>')


def document_xml(body: list[str]) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {_NAMESPACES}><w:body>'
            + "".join(body) + '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>')


def write_docx(path: Path, body: list[str], footnotes: dict[str, str] | None = None,
               endnotes: dict[str, str] | None = None, parts: dict[str, str | bytes | None] | None = None) -> Path:
    """A .docx whose document holds ``body`` (XML of paragraphs and tables); ``parts``
    adds or replaces parts by name (a value of None is not written)."""
    files: dict[str, str | bytes | None] = {"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": RELS,
                                     "docProps/core.xml": CORE, "word/document.xml": document_xml(body)}
    if footnotes:
        files["word/footnotes.xml"] = _notes_part("footnote", footnotes)
    if endnotes:
        files["word/endnotes.xml"] = _notes_part("endnote", endnotes)
    files.update(parts or {})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            if data is not None:
                archive.writestr(name, data)
    return path
