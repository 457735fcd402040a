"""Motions from the Tweede Kamer's Open Data (OData v4, gegevensmagazijn.tweedekamer.nl):
submitters and their parties, the decision, the per-party votes, the cabinet's
appraisal, and what a gewijzigde motie replaces.

Input is the API's own JSON as users have it: a page as ``policykg fetch tk`` saves
it (``{"@odata.context": ..., "value": [Zaak, ...], "@odata.nextLink": ...}``), a plain
list of Zaak records, a list of pages, or one Zaak record. Expansions are optional:
``Document($expand=Kamerstukdossier)``, ``Kamerstukdossier`` on the Zaak itself,
``ZaakActor``, ``Besluit($expand=Stemming)`` each add what they carry.

Where a motion is placed (its printed number), in this order:

- the Volgnummer of its motion Document plus the Document's Kamerstukdossier;
- else the Kamerstukdossier expanded on the Zaak (``Zaak?$expand=Kamerstukdossier,Document``);
- else, for a gewijzigde motie, the dossier of the motion it replaces: "ter vervanging
  van die gedrukt onder nr. 229" is a number in the same dossier.

A Zaak alone cannot be placed: its own Volgnummer is the serial of its Zaak number
(2022Z04321 -> 4321), not the printed one. A motion that cannot be placed is returned
as an ``Unplaced`` with the reason and the expansion that would place it, never dropped.

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

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .text import SourceError
from .tk_records import Unplaceable, guid, kst_id
from .tk_records import dossier_id as _dossier_id
from .tk_records import iso_date as _date
from .tk_records import live as _live
from .tk_records import load_json as _load_json
from .tk_records import newest as _newest
from .tk_records import number as _number
from .tk_records import short as _short
from .tk_records import stamp as _stamp
from .tk_records import text as _text
from .tk_toezeggingen import NotLoadable, Undertaking, is_toezegging_page, looks_like_toezegging, read_record

# "(t.v.v. 30950-229)", "t.v.v. 36410-VII-95", "t.v.v. 21501-02-3121", "t.v.v. 30950, nr. 229"
_TVV = re.compile(r"t\.\s?v\.\s?v\.\s{0,3}(?P<dossier>[0-9]{2,6})(?:[ -](?P<toev>[IVXLC]{1,6}|[A-Z]{1,2}|[0-9]{2}))?"
                  r"\s{0,2}[-,]\s{0,2}(?:nr\.\s{0,2})?(?P<nr>[0-9]{1,5})\b")
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


@dataclass(frozen=True)
class Unplaced:
    """A motion record whose printed number cannot be known from what was saved."""

    source: str  # file it was read from
    record: str  # "Zaak 2022Z04321", "Zaak <Id>", "Document 2022D04321" or "record 3"
    soort: str | None
    title: str | None  # Titel (of a Zaak: the dossier's title)
    subject: str | None  # Onderwerp ("Motie van het lid ... over ...")
    reason: str
    fix: str  # what would place it, e.g. "add $expand=Document($expand=Kamerstukdossier)"

    def __str__(self) -> str:
        what = "; ".join(f"{k} {_short(v)!r}" for k, v in (("Soort", self.soort), ("Titel", self.title),
                                                           ("Onderwerp", self.subject)) if v)
        return f"{self.source}: {self.record}{f' ({what})' if what else ''}: {self.reason}; {self.fix}"


@dataclass
class OpenDataFile:
    """What one saved file holds: motions placed, motions not placed, undertakings
    (``tk_toezeggingen``) loadable and not, other records."""

    records: int = 0
    motions: list[TkMotion] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)
    ignored: Counter = field(default_factory=Counter)  # why a record is not a motion -> count
    undertakings: list[Undertaking] = field(default_factory=list)
    not_loadable: list[NotLoadable] = field(default_factory=list)  # Toezegging records that cannot be loaded


_EXPAND = "add $expand=Document($expand=Kamerstukdossier)"
def _is_motion_document(document: dict) -> bool:
    soort = (_text(document.get("Soort")) or "").lower()
    return soort.startswith("motie") or soort.startswith("gewijzigde motie")


def _motion_document(zaak: dict) -> dict:
    """The newest numbered motion Document of the Zaak; Unplaceable says what is missing."""
    if "Document" not in zaak:
        raise Unplaceable("no Document: the printed number (Volgnummer) is on the motion's Document", _EXPAND)
    documents = [d for d in _live(zaak["Document"]) if _is_motion_document(d)]
    if not documents:
        raise Unplaceable(f"none of its {len(_live(zaak['Document']))} Documents is the motion itself "
                          "(Soort 'Motie'); it may not be published yet", f"fetch it again later; {_EXPAND}")
    numbered = [d for d in documents if _number(d.get("Volgnummer")) is not None]
    if not numbered:
        name = _text(documents[0].get("DocumentNummer")) or "its motion Document"
        if all("Volgnummer" not in d for d in documents):
            raise Unplaceable(f"{name} has no Volgnummer field", "keep Volgnummer in the Document's $select")
        raise Unplaceable(f"{name} has no Volgnummer yet (not numbered)", "fetch it again once it is numbered")
    return _newest(numbered)[0]


def _placed_dossier(zaak: dict, document: dict) -> tuple[str, str | None]:
    """``(dossier id, dossier title)``: the Document's Kamerstukdossier, else the Zaak's,
    else the dossier of the motion a gewijzigde motie replaces (same dossier)."""
    for holder in (document, zaak):
        dossiers = [d for d in _live(holder.get("Kamerstukdossier")) if _number(d.get("Nummer")) is not None]
        if dossiers:
            return _dossier_id(dossiers[0]), _text(dossiers[0].get("Titel"))
    replaced = _replaced(document) or _replaced(zaak)
    if replaced:
        return replaced[0], None
    raise Unplaceable("no Kamerstukdossier on its Document or on the Zaak, so no dossier number", _EXPAND)


def _decision(zaak: dict) -> dict | None:
    """The newest decision; a vote that was postponed counts only if nothing followed."""
    besluiten = _newest(b for b in _live(zaak.get("Besluit")) if (b.get("Status") or "Besluit") == "Besluit")
    decided = [b for b in besluiten if "uitgesteld" not in str(b.get("BesluitSoort") or "").lower()]
    return decided[0] if decided else besluiten[0] if besluiten else None


def _outcome(besluit: dict | None) -> str | None:
    if not besluit:
        return None
    words = f"{_text(besluit.get('BesluitSoort')) or ''} {_text(besluit.get('BesluitTekst')) or ''}".lower()
    return next((o for o in _OUTCOMES if o in words), None)


def _votes(besluit: dict | None) -> tuple[Vote, ...]:
    """Per party the newest vote (the API can list a party's vote twice)."""
    latest: dict[str, dict] = {}
    for stemming in _newest(_live((besluit or {}).get("Stemming"))):
        party = _text(stemming.get("ActorFractie")) or _text(stemming.get("ActorNaam"))
        if party and party not in latest:
            latest[party] = stemming
    return tuple(Vote(party, _text(s.get("Soort")) or "", _number(s.get("FractieGrootte")), s.get("Vergissing") is True)
                 for party, s in sorted(latest.items()))


def _submitters(zaak: dict) -> tuple[Submitter, ...]:
    actors = [a for a in _live(zaak.get("ZaakActor")) if a.get("Relatie") in ("Indiener", "Medeindiener")]
    actors.sort(key=lambda a: (a.get("Relatie") != "Indiener", _text(a.get("ActorNaam")) or ""))
    return tuple(Submitter(name, _text(a.get("ActorFractie")), a["Relatie"])
                 for a in actors if (name := _text(a.get("ActorNaam"))))


def _replaced(record: dict) -> tuple[str, str] | None:
    """``(dossier, number)`` of the motion a gewijzigde motie replaces ("t.v.v. 30950-229")."""
    for text in (record.get("Titel"), record.get("Onderwerp")):
        m = _TVV.search(text) if isinstance(text, str) else None
        if m:
            return m["dossier"] + (f"-{m['toev']}" if m["toev"] else ""), m["nr"]
    return None


def _replaces(document: dict, zaak: dict) -> str | None:
    replaced = _replaced(document) or _replaced(zaak)
    return f"kst-{replaced[0]}-{replaced[1]}" if replaced else None


def _modified(zaak: dict) -> str:
    stamps = [_stamp(zaak)]
    for key in ("Document", "ZaakActor", "Besluit"):
        for item in _live(zaak.get(key)):
            stamps.append(_stamp(item))
            stamps.extend(_stamp(sub) for sub in _live(item.get("Stemming")))
    return max(stamps)


def _is_motion(zaak: dict) -> bool:
    return (_text(zaak.get("Soort")) or "").lower() == "motie"


def motion_from_zaak(zaak: dict, source: str = "") -> TkMotion | None:
    """The motion a Zaak describes; None when it is not a motion (or deleted);
    Unplaceable when it is one but its printed number cannot be known."""
    if not _is_motion(zaak) or zaak.get("Verwijderd"):
        return None
    document = _motion_document(zaak)
    dossier, dossier_title = _placed_dossier(zaak, document)
    besluit = _decision(zaak)
    return TkMotion(
        id=kst_id(dossier, _number(document['Volgnummer'])), case_number=_text(zaak.get("Nummer")),
        title=_text(document.get("Titel")) or _text(zaak.get("Titel")),
        subject=_text(document.get("Onderwerp")) or _text(zaak.get("Onderwerp")),
        date=_date(document.get("Datum")) or _date(zaak.get("GestartOp")), vergaderjaar=_text(zaak.get("Vergaderjaar")),
        dossier=dossier, dossier_title=dossier_title, submitters=_submitters(zaak),
        outcome=_outcome(besluit), decision_text=_text((besluit or {}).get("BesluitTekst")),
        decision_date=_date((besluit or {}).get("GewijzigdOp")), votes=_votes(besluit),
        cabinet_appraisal=_text(zaak.get("Kabinetsappreciatie")), replaces=_replaces(document, zaak),
        modified=_modified(zaak), api_id=_api_id(zaak), source=source,
    )


def _api_id(zaak: dict) -> str:
    """Zaak.Id when it is a GUID (it goes into the API URL of the provenance)."""
    return guid(zaak.get("Id"))


def _label(record: dict, position: int) -> str:
    for key in ("Nummer", "Id"):
        value = _text(record.get(key)) or _number(record.get(key))
        if value:
            return f"Zaak {str(value)[:60]}"
    return f"record {position}"


def _as_zaak(document: dict) -> dict:
    """A motion Document record (``Document?$expand=Kamerstukdossier,Zaak(...)``) as the
    Zaak it belongs to, holding that Document; without its Zaak, a bare motion Zaak."""
    zaken = [z for z in _live(document.get("Zaak")) if _is_motion(z)]
    zaak = _newest(zaken)[0] if zaken else {"Soort": "Motie", "GewijzigdOp": document.get("GewijzigdOp")}
    return dict(zaak, Document=[{k: v for k, v in document.items() if k != "Zaak"}])


def _classify(record, position: int, source: str, found: OpenDataFile) -> None:
    """Add one record to ``found``: a motion, an unplaced motion, or an ignored record."""
    if not isinstance(record, dict):
        found.unplaced.append(Unplaced(source, f"record {position}", None, None, None,
                                       f"not a JSON object but a {type(record).__name__}",
                                       "save Zaak records as JSON objects"))
        return
    label, soort = _label(record, position), _text(record.get("Soort"))
    title, subject = _text(record.get("Titel")), _text(record.get("Onderwerp"))
    if "DocumentNummer" in record:  # a Document record, not a Zaak
        if record.get("Verwijderd") or not _is_motion_document(record):
            deleted = record.get("Verwijderd")
            found.ignored["deleted (Verwijderd)" if deleted else f"Document Soort {_short(soort or '', 40)!r}"] += 1
            return
        label = f"Document {_short(_text(record['DocumentNummer']) or '?', 60)}"
        record = _as_zaak(record)
    if soort is None:
        found.unplaced.append(Unplaced(source, label, None, title, subject,
                                       "no Soort: cannot tell whether it is a motion",
                                       "keep Soort in the Zaak's $select"))
        return
    if record.get("Verwijderd"):
        found.ignored["deleted (Verwijderd)"] += 1
        return
    if not _is_motion(record):
        found.ignored[f"Soort {_short(soort, 40)!r}"] += 1
        return
    try:
        motion = motion_from_zaak(record, source)
        assert motion is not None  # None only for a record that is no motion or deleted, both ruled out above
        found.motions.append(motion)
    except Unplaceable as why:
        found.unplaced.append(Unplaced(source, label, soort, title, subject, why.reason, why.fix))


def _records(data, path: Path) -> list:
    """The records of a page, of a list of records or pages, or one record."""
    if isinstance(data, dict) and "value" in data:
        if not isinstance(data["value"], list):
            raise SourceError("\"value\" is not a list of Zaak records", path=path)
        return data["value"]
    if isinstance(data, dict) and any(k in data for k in ("Soort", "Nummer", "Id")):
        return [data]
    if isinstance(data, list):
        pages = [item for item in data if isinstance(item, dict) and isinstance(item.get("value"), list)]
        return [r for page in pages for r in page["value"]] if pages and len(pages) == len(data) else data
    raise SourceError("not Tweede Kamer Open Data: expected a page ({\"value\": [...]}), "
                      "a list of Zaak records, or one Zaak record", path=path)


def _undertaking(record, position: int, source: str, found: OpenDataFile) -> None:
    """Add one Toezegging record to ``found``: an undertaking, one not loadable, or deleted."""
    read = read_record(record, position, source)
    if read is None:
        found.ignored["deleted (Verwijderd)"] += 1
    elif isinstance(read, NotLoadable):
        found.not_loadable.append(read)
    else:
        found.undertakings.append(read)


def _is_toezegging_file(data) -> bool:
    """A page of Toezegging records (``@odata.context`` ".../$metadata#Toezegging"), or a list of them."""
    pages = data if isinstance(data, list) else [data]
    return any(is_toezegging_page(page) for page in pages)


def read_open_data(path: Path) -> OpenDataFile:
    """Everything in one saved file; SourceError names the file when it is not Open Data.
    A page of Toezegging records, and any record with a TZ number and a text, is read as
    undertakings (``tk_toezeggingen``); every other record as a Zaak (or motion Document)."""
    data = _load_json(path)
    records = _records(data, path)
    found = OpenDataFile(records=len(records))
    toezeggingen = _is_toezegging_file(data)
    for position, record in enumerate(records, 1):
        try:
            if toezeggingen or looks_like_toezegging(record):
                _undertaking(record, position, path.name, found)
            else:
                _classify(record, position, path.name, found)
        except Exception as exc:  # a shape not foreseen: this record is not placed, the rest still is
            found.unplaced.append(Unplaced(path.name, f"record {position}", None, None, None,
                                           f"a value of an unexpected kind ({type(exc).__name__}: "
                                           f"{_short(str(exc), 80)})", "check the record"))
    return found


def read_page(path: Path) -> list[TkMotion]:
    """The motions placed in one saved file (see ``read_open_data`` for the rest)."""
    return read_open_data(path).motions
