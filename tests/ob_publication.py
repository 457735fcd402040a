"""Write a corpus Kamerstuk as officielebekendmakingen.nl publishes it: the
document XML (kamerstukkop, dossier, stuk, paragraphs as <al>, footnotes as
<noot nr="N"> where their marker stands), its metadata.xml, and its HTML page."""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

from policykg.loaders.footnotes import find_footnotes

METADATA = {
    "DC.identifier": "kst-30950-319", "DC.type": "Kamerstuk", "DC.creator": "Tweede Kamer der Staten-Generaal",
    "OVERHEIDop.dossiernummer": "30950", "OVERHEIDop.dossiertitel": "Racisme en discriminatie",
    "OVERHEIDop.ondernummer": "319", "OVERHEIDop.vergaderjaar": "2022-2023",
    "OVERHEIDop.documenttitel": "Brief regering; Reactie op het standpunt van Amnesty International",
    "DCTERMS.issued": "2022-10-21", "OVERHEIDop.indiener": "H.G.J. Bruins Slot",
    "OVERHEIDop.publicationName": "Kamerstuk",
}


def _paragraphs(markdown: str) -> tuple[list[str], dict[str, str]]:
    """Body paragraphs (markers kept as <sup>N</sup>) and the footnotes by number."""
    notes = find_footnotes(markdown)
    bodies = {n: re.sub(r"\s+", " ", span.text).strip() for n, span in notes.bodies.items()}
    paragraphs = []
    for block in re.split(r"\n\s*\n", markdown):
        block = re.sub(r"\s+", " ", block.replace("**", "")).strip()
        if block and not re.match(r"<sup>\d+</sup> ", block):
            paragraphs.append(block)
    return paragraphs, bodies


def _html_text(paragraph: str) -> str:
    parts = re.split(r"<sup>(\d{1,3})</sup>", paragraph)
    out = escape(parts[0], quote=False)
    for number, rest in zip(parts[1::2], parts[2::2], strict=True):
        out += f"<sup>{number}</sup>" + escape(rest, quote=False)
    return out


def _xml_text(paragraph: str, bodies: dict[str, str]) -> str:
    parts = re.split(r"<sup>(\d{1,3})</sup>", paragraph)
    out = escape(parts[0], quote=False)
    for number, rest in zip(parts[1::2], parts[2::2], strict=True):
        out += f'<noot nr="{number}" type="exp"><al>{escape(bodies.get(number, ""), quote=False)}</al></noot>'
        out += escape(rest, quote=False)
    return out


_RECORD = ('<metadata><meta name="OVERHEIDop.externMetadataRecord" scheme="" '
           'content="https://zoek.officielebekendmakingen.nl/kst-30950-319/metadata.xml"/></metadata>')
_KAMERSTUKKOP = ('<kamerstukkop><kamer nummer="2">Tweede Kamer der Staten-Generaal</kamer>'
                 '<vergaderjaar>Vergaderjaar 2022-2023</vergaderjaar></kamerstukkop>')
_DOSSIER = ('<dossier><dossiernummer><dossiernr>30950</dossiernr></dossiernummer>'
            '<titel>Racisme en Discriminatie</titel></dossier>')


def write_publication(folder: Path, markdown: str, name: str = "publication") -> dict[str, Path]:
    paragraphs, bodies = _paragraphs(markdown)
    body = "\n".join(f"      <al>{_xml_text(p, bodies)}</al>" for p in paragraphs)
    xml = f"""<?xml version="1.0" encoding="UTF-8"?>
<officiele-publicatie>
  {_RECORD}
  <kamerstuk>
    {_KAMERSTUKKOP}
    {_DOSSIER}
    <stuk><stuknr><ondernummer>319</ondernummer></stuknr>
      <brief>
{body}
      </brief>
    </stuk>
  </kamerstuk>
</officiele-publicatie>
"""
    meta = "\n".join(f'<metadata name="{k}" scheme="" content="{escape(v)}"/>' for k, v in METADATA.items())
    html_body = "\n".join(f"<p>{_html_text(p)}</p>" for p in paragraphs)
    html_notes = "\n".join(f'<p class="noot"><sup>{n}</sup> {escape(b, quote=False)}</p>' for n, b in bodies.items())
    metas = "\n".join(f'<meta name="{k}" content="{escape(v)}">' for k, v in METADATA.items())
    html = f"""<!DOCTYPE html>
<html lang="nl"><head><title>Kamerstuk 30950, nr. 319</title>
{metas}
<script>var x = "Kamerstuk 1 234, nr. 5";</script></head>
<body><div id="broodtekst">
{html_body}
<div class="voetnoten">{html_notes}</div>
</div></body></html>
"""
    paths = {"xml": folder / f"{name}.xml", "metadata": folder / f"{name}.metadata.xml",
             "html": folder / f"{name}.html"}
    paths["xml"].write_text(xml, encoding="utf-8")
    metadata = f'<?xml version="1.0" encoding="UTF-8"?>\n<metadata_gegevens>\n{meta}\n</metadata_gegevens>\n'
    paths["metadata"].write_text(metadata, encoding="utf-8")
    paths["html"].write_text(html, encoding="utf-8")
    return paths
