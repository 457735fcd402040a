"""Motions from the Tweede Kamer's Open Data (OData v4, gegevensmagazijn.tweedekamer.nl):
submitters and their parties, the decision, the per-party votes, the cabinet's
appraisal, and what a gewijzigde motie replaces.

Input is the API's own JSON, one page per file as ``policykg fetch tk`` saves it:
``{"@odata.context": ..., "value": [Zaak, ...], "@odata.nextLink": ...}`` where each
Zaak (Soort "Motie") is expanded with ``Document($expand=Kamerstukdossier)``,
``ZaakActor`` and ``Besluit($expand=Stemming)``.

The data's traps, handled here:

- the number a citation prints ("35 510, nr. 21") is the Kamerstukdossier's Nummer
  (and Toevoeging) plus the Document's Volgnummer; Zaak.Nummer ("2021Z01234") is
  never printed, so it is kept as a property, never used in an IRI;
- a gewijzigde motie has its own number and says what it replaces
  ("(t.v.v. 30950-229)", ter vervanging van);
- a Besluit can be postponed and repeated, and votes can be listed twice: the
  newest decision counts, and per party the newest vote.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from .text import SourceError

_TVV = re.compile(r"t\.\s?v\.\s?v\.\s{0,3}(?P<dossier>\d{2,6})(?:[ -](?P<toev>[IVXLC]{1,6}))?\s{0,2}[-,]\s{0,2}(?:nr\.\s{0,2})?(?P<nr>\d{1,5})")
_OUTCOMES = ("aangenomen", "verworpen", "aangehouden", "ingetrokken", "uitgesteld", "vervallen")


@dataclass(frozen=True)
class Submitter:
    name: str
    party: str | None
    role: str  # "Indiener" or "Medeindiener"


@dataclass(frozen=True)
class Vote:
    party: str
    choice: str  # "Voor", "Tegen", "Niet deelgenomen"
    seats: int | None
    mistake: bool


@dataclass(frozen=True)
class TkMotion:
    """One motion as the Tweede Kamer's data knows it."""

    id: str  # official id: kst-<dossier>[-<toevoeging>]-<volgnummer>
    case_number: str | None  # Zaak.Nummer, e.g. "2022Z12345" (never printed in citations)
    title: str | None
    subject: str | None
    date: str | None  # ISO date the motion was submitted
    vergaderjaar: str | None
    dossier: str
    dossier_title: str | None
    submitters: tuple[Submitter, ...]
    outcome: str | None  # aangenomen, verworpen, aangehouden, ...
    decision_text: str | None
    decision_date: str | None
    votes: tuple[Vote, ...]
    cabinet_appraisal: str | None
    replaces: str | None  # official id of the motion a gewijzigde motie replaces
    modified: str  # the newest GewijzigdOp of anything in this record
    api_id: str  # Zaak.Id (GUID)
    source: str = ""  # file it was read from


def _date(value: str | None) -> str | None:
    return value[:10] if value else None


def _live(items) -> list[dict]:
    """Entities not marked deleted (``Verwijderd``), nulls and missing lists as empty."""
    return [i for i in (items or []) if isinstance(i, dict) and not i.get("Verwijderd")]


def _newest(items: list[dict]) -> list[dict]:
    return sorted(items, key=lambda i: i.get("GewijzigdOp") or "", reverse=True)


def _dossier_id(dossier: dict) -> str:
    number = str(dossier["Nummer"])
    toevoeging = (dossier.get("Toevoeging") or "").strip()
    return f"{number}-{toevoeging}" if toevoeging and "(" not in toevoeging else number


def _motion_document(zaak: dict) -> dict | None:
    documents = [d for d in _live(zaak.get("Document")) if str(d.get("Soort") or "").startswith("Motie")]
    numbered = [d for d in documents if d.get("Volgnummer") is not None and _live(d.get("Kamerstukdossier"))]
    return _newest(numbered)[0] if numbered else None


def _decision(zaak: dict) -> dict | None:
    """The newest decision; a vote that was postponed counts only if nothing followed."""
    besluiten = _newest(b for b in _live(zaak.get("Besluit")) if (b.get("Status") or "Besluit") == "Besluit")
    decided = [b for b in besluiten if "uitgesteld" not in (b.get("BesluitSoort") or "").lower()]
    return (decided or besluiten or [None])[0]


def _outcome(besluit: dict | None) -> str | None:
    if not besluit:
        return None
    words = f"{besluit.get('BesluitSoort') or ''} {besluit.get('BesluitTekst') or ''}".lower()
    return next((o for o in _OUTCOMES if o in words), None)


def _votes(besluit: dict | None) -> tuple[Vote, ...]:
    """Per party the newest vote (the API can list a party's vote twice)."""
    latest: dict[str, dict] = {}
    for stemming in _newest(_live((besluit or {}).get("Stemming"))):
        party = stemming.get("ActorFractie") or stemming.get("ActorNaam")
        if party and party not in latest:
            latest[party] = stemming
    return tuple(Vote(party, s.get("Soort") or "", s.get("FractieGrootte"), bool(s.get("Vergissing")))
                 for party, s in sorted(latest.items()))


def _submitters(zaak: dict) -> tuple[Submitter, ...]:
    actors = [a for a in _live(zaak.get("ZaakActor")) if a.get("Relatie") in ("Indiener", "Medeindiener")]
    actors.sort(key=lambda a: (a.get("Relatie") != "Indiener", a.get("ActorNaam") or ""))
    return tuple(Submitter(a.get("ActorNaam") or "", a.get("ActorFractie"), a["Relatie"])
                 for a in actors if a.get("ActorNaam"))


def _replaces(document: dict) -> str | None:
    for text in (document.get("Titel"), document.get("Onderwerp")):
        m = _TVV.search(text or "")
        if m:
            dossier = m["dossier"] + (f"-{m['toev']}" if m["toev"] else "")
            return f"kst-{dossier}-{m['nr']}"
    return None


def _modified(zaak: dict) -> str:
    stamps = [zaak.get("GewijzigdOp") or ""]
    for key in ("Document", "ZaakActor", "Besluit"):
        for item in zaak.get(key) or []:
            stamps.append(item.get("GewijzigdOp") or "")
            for sub in item.get("Stemming") or []:
                stamps.append(sub.get("GewijzigdOp") or "")
    return max(stamps)


def motion_from_zaak(zaak: dict, source: str = "") -> TkMotion | None:
    """The motion a Zaak describes, or None when it is not a numbered motion."""
    if zaak.get("Soort") != "Motie" or zaak.get("Verwijderd"):
        return None
    document = _motion_document(zaak)
    if document is None:
        return None
    dossier = _live(document["Kamerstukdossier"])[0]
    besluit = _decision(zaak)
    return TkMotion(
        id=f"kst-{_dossier_id(dossier)}-{document['Volgnummer']}", case_number=zaak.get("Nummer"),
        title=document.get("Titel") or zaak.get("Titel"), subject=document.get("Onderwerp") or zaak.get("Onderwerp"),
        date=_date(document.get("Datum") or zaak.get("GestartOp")), vergaderjaar=zaak.get("Vergaderjaar"),
        dossier=_dossier_id(dossier), dossier_title=dossier.get("Titel"), submitters=_submitters(zaak),
        outcome=_outcome(besluit), decision_text=(besluit or {}).get("BesluitTekst"),
        decision_date=_date((besluit or {}).get("GewijzigdOp")), votes=_votes(besluit),
        cabinet_appraisal=zaak.get("Kabinetsappreciatie"), replaces=_replaces(document),
        modified=_modified(zaak), api_id=str(zaak.get("Id") or ""), source=source,
    )


def read_page(path: Path) -> list[TkMotion]:
    """The motions in one saved API page; SourceError names the file and the problem."""
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise SourceError(f"{path}: not UTF-8 JSON (byte {exc.start})") from exc
    except json.JSONDecodeError as exc:
        raise SourceError(f"{path}: not valid JSON (truncated or damaged?): {exc.msg} at line {exc.lineno}, "
                          f"column {exc.colno}") from exc
    except OSError as exc:
        raise SourceError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("value"), list):
        raise SourceError(f"{path}: not a Tweede Kamer Open Data page (no \"value\" list)")
    return [m for m in (motion_from_zaak(z, path.name) for z in data["value"] if isinstance(z, dict)) if m]
