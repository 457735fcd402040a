"""What the API stand-ins serve for dossier 30950: real documents (the corpus letter
kst-30950-319, real motions, letters and a Handelingen item from ../shared/real and
../shared/samples) as the repository publishes them (document XML + metadata.xml),
the motion cases of tests/fixtures/tk, the undertakings of tests/fixtures/tk, and one
motion that Open Data offers only as a DOCX file. See tests/fixtures/dossier/README.md."""

from __future__ import annotations

import copy
import json
import re
from html import escape
from pathlib import Path

from .api_standins import Publication
from .docx_writer import paragraph, write_docx
from .ob_publication import write_publication

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
ABSENT = "../shared is not beside the clone (CI has it): the stand-ins serve real documents from there"
FIXTURES = Path(__file__).parent / "fixtures"
DOSSIER = json.loads((FIXTURES / "dossier" / "publications.json").read_text(encoding="utf-8"))
DOCX_MOTION = DOSSIER["docx_only"]
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _metadata(fields: dict[str, str]) -> bytes:
    rows = "\n".join(f'<metadata name="{k}" scheme="" content="{escape(v)}"/>' for k, v in fields.items())
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<metadata_gegevens>\n{rows}\n</metadata_gegevens>\n'.encode()


def _wrapped(text: str, identifier: str) -> bytes:
    """A real text in the repository's XML: one <al> per paragraph (blank-line blocks)."""
    blocks = [re.sub(r"\s+", " ", b).strip() for b in re.split(r"\n\s*\n", text)]
    body = "\n".join(f"<al>{escape(b, quote=False)}</al>" for b in blocks if b)
    record = f"https://zoek.officielebekendmakingen.nl/{identifier}/metadata.xml"
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<officiele-publicatie><metadata>'
            f'<meta name="OVERHEIDop.externMetadataRecord" scheme="" content="{record}"/></metadata>'
            f"<stuk>\n{body}\n</stuk></officiele-publicatie>\n").encode()


def _files(entry: dict, scratch: Path) -> dict[str, bytes]:
    source = entry["source"]
    meta = _metadata(entry["metadata"])
    if source.startswith("corpus:"):
        paths = write_publication(scratch, (ROOT / "examples" / "corpus" / source[7:]).read_text("utf-8"),
                                  entry["identifier"])
        return {"xml": paths["xml"].read_bytes(), "metadata": paths["metadata"].read_bytes()}
    path = SHARED / source
    if path.suffix == ".xml":
        return {"xml": path.read_bytes(), "metadata": meta}
    return {"xml": _wrapped(path.read_text(encoding="utf-8"), entry["identifier"]), "metadata": meta}


def publications(scratch: Path) -> list[Publication]:
    """The search stand-in's publications (needs ../shared)."""
    return [Publication(identifier=e["identifier"], publication=e["publicatienaam"], subtype=e["subrubriek"],
                        title=e["metadata"].get("DC.title", e["identifier"]), modified=e["modified"],
                        dossier="30950", files=_files(e, scratch))
            for e in DOSSIER["publications"]]


def motion_cases() -> list[dict]:
    """The motion cases of tests/fixtures/tk (zaken-30950.json, and the adopted motion
    nr. 330 that nothing follows up), and the case of the DOCX-only motion.

    The fixture's Documents carry ContentType application/pdf; the stand-in has no PDF
    of those invented cases, so it serves them without ContentType (as a $select that
    leaves it out would) and the fetcher does not ask for their files."""
    cases = json.loads((FIXTURES / "tk" / "zaken-30950.json").read_text(encoding="utf-8"))
    cases.append(json.loads((FIXTURES / "tk" / "zaak-2023Z02330.json").read_text(encoding="utf-8")))
    for case in cases:
        for document in case.get("Document") or []:
            document.pop("ContentType", None)
    return cases + [copy.deepcopy(DOCX_MOTION["zaak"])]


def undertakings() -> list[dict]:
    path = FIXTURES / "tk" / "toezeggingen-30950.json"
    data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else []
    return data.get("value", []) if isinstance(data, dict) else data


def docx_files(scratch: Path) -> dict[str, tuple[str, bytes]]:
    """The DOCX-only motion's file: its real text as Word writes it, a paragraph per line."""
    text = (SHARED / DOCX_MOTION["source"]).read_text(encoding="utf-8")
    body = [paragraph(line, seed=n) for n, line in enumerate(text.splitlines()) if line.strip()]
    path = write_docx(scratch / "kst-30950-443.docx", body)
    return {DOCX_MOTION["zaak"]["Document"][0]["Id"]: (DOCX, path.read_bytes())}
