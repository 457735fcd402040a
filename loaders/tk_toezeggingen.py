"""Undertakings (toezeggingen) from the Tweede Kamer's Open Data (OData v4, entity
``Toezegging``): what a minister or state secretary committed to in a debate, by whom, in
which activity, about which papers, by when, and which letter fulfilled it.

Input is a page as ``policykg fetch dossier`` saves it
(``{"@odata.context": ".../$metadata#Toezegging", "value": [...], "@odata.nextLink": ...}``),
fetched with::

    Toezegging?$filter=Verwijderd eq false and Activiteit/any(a: a/Zaak/any(z:
      z/Kamerstukdossier/any(k: k/Nummer eq 30950)))
    &$expand=Activiteit($expand=Zaak($expand=Document($expand=Kamerstukdossier))),
      KamerbriefNakoming($expand=Kamerstukdossier)
    &$orderby=GewijzigdOp

(a plain list of such records or one record work too; ``tk_opendata.read_open_data``
recognises them). Every expansion is optional: without ``Activiteit`` the debate and the
papers it concerns are unknown, without ``KamerbriefNakoming`` the fulfilling letter.

The data's traps, handled here:

- the person is in ``Voornaam``/``Tussenvoegsel``/``Achternaam`` (sometimes only
  ``Initialen``), or only in ``Naam`` written surname first ("Wiersma, F.M.": F.M. Wiersma);
- a missing deadline is the sentinel ``0001-01-01T00:00:00Z``, not null;
- a Toezegging has no Zaak or dossier of its own: the papers it concerns are the
  Documents of the Zaken of its Activiteit (a Document's Kamerstukdossier plus Volgnummer
  gives its official id, kst-30950-295, as for motions);
- ``KamerbriefNakoming`` are Documents: a letter filed in a dossier gets its kst id, one
  not (yet) filed is known by its DocumentNummer (2025D12345);
- a record marked ``Verwijderd`` is ignored and counted; a record without a TZ number or
  a text cannot be loaded and says why; a value of the wrong type counts as missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .models import DebateRef
from .tk_records import document_kst_id, guid, iso_date, live, number, short, stamp, text

TZ_NUMBER = re.compile(r"TZ[0-9]{6}-[0-9]{3}")  # "TZ202412-116": registration month and a serial
_DOCUMENT_NUMBER = re.compile(r"[0-9]{4}D[0-9]{5}")  # "2025D12345"
_CONTEXT = re.compile(r"#Toezegging(?:$|[(/])")  # ".../$metadata#Toezegging", "#Toezegging/$entity"
_NO_DATE = "0001-01-01"  # the API's sentinel for a date not set
_PARTICLES = re.compile(r"\s+")
# How text names the kind of an activity that Open Data names otherwise, so that a debate
# from both is one node (loaders.find: the kind is the keyword as written, lower case).
_DEBATE_KINDS = {"plenair debat": "debat", "algemeen overleg": "ao", "notaoverleg": "notaoverleg"}


@dataclass(frozen=True)
class Activity:
    """The activity (debate, meeting) an undertaking was made in."""

    number: str | None  # Activiteit.Nummer, "2024A05766"
    kind: str | None  # Soort, "Commissiedebat"
    subject: str | None  # Onderwerp
    date: str | None  # ISO date
    debate: DebateRef | None  # date and kind as a debate named in a text is known


@dataclass(frozen=True)
class Letter:
    """A document that fulfils an undertaking (KamerbriefNakoming)."""

    id: str  # kst-30950-319 where filed in a dossier, else the DocumentNummer 2025D12345
    kind: str | None  # Soort, "Brief regering"
    date: str | None


@dataclass(frozen=True)
class Undertaking:
    """One undertaking (toezegging) as the Tweede Kamer's register knows it."""

    number: str  # Nummer, "TZ202412-116"
    text: str  # Tekst
    minister: str | None  # "F.M. Wiersma"
    function: str | None  # Functie, "Minister van Landbouw, Visserij, Voedselzekerheid en Natuur"
    ministry: str | None  # Ministerie
    status: str | None  # Status, "Openstaand", "Voldaan", ...
    deadline: str | None  # DatumNakoming as an ISO date; None for the sentinel
    created: str | None  # Aanmaakdatum as an ISO date
    modified: str  # the newest GewijzigdOp of anything in this record
    api_id: str  # Toezegging.Id (GUID), "" when missing
    activity: Activity | None
    concerns: tuple[str, ...]  # official ids of the Documents of the activity's Zaken
    fulfilled_by: tuple[Letter, ...]
    source: str = ""  # file it was read from


@dataclass(frozen=True)
class NotLoadable:
    """A Toezegging record that cannot be loaded, and why."""

    source: str
    record: str  # "Toezegging TZ202412-116", "Toezegging <Id>" or "record 3"
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.record}: {self.reason}"


class _Bad(Exception):
    """Why a record cannot be loaded."""


def is_toezegging_page(data) -> bool:
    """Whether saved JSON is a page of Toezegging records by its ``@odata.context``."""
    context = data.get("@odata.context") if isinstance(data, dict) else None
    return isinstance(context, str) and _CONTEXT.search(context) is not None


def looks_like_toezegging(record) -> bool:
    """A record with a TZ number and a text is a Toezegging, whatever file it came in."""
    return (isinstance(record, dict) and TZ_NUMBER.fullmatch(text(record.get("Nummer")) or "") is not None
            and "Tekst" in record)


def _person(record: dict) -> str | None:
    """"Hanke Bruins Slot" from Voornaam/Tussenvoegsel/Achternaam (or Initialen), else
    Naam turned around: "Wiersma, F.M." is F.M. Wiersma."""
    surname = text(record.get("Achternaam"))
    first = text(record.get("Voornaam")) or text(record.get("Initialen"))
    if surname and first:
        return " ".join(p for p in (first, text(record.get("Tussenvoegsel")), surname) if p)
    name = text(record.get("Naam"))
    if name and "," in name:
        last, _, rest = name.partition(",")
        name = f"{rest.strip()} {last.strip()}".strip()
    return _PARTICLES.sub(" ", name) if name else surname


def _deadline(value) -> str | None:
    day = iso_date(value)
    return None if day is None or day == _NO_DATE else day


def debate_kind(soort: str) -> str:
    """The kind of a debate as a text names it: "Commissiedebat" is "commissiedebat",
    "Plenair debat" "debat" (the keyword "het plenaire debat van ..." gives)."""
    kind = _PARTICLES.sub(" ", soort).strip().lower()
    return _DEBATE_KINDS.get(kind, kind)


def _activities(record: dict) -> list[dict]:
    return sorted(live(record.get("Activiteit")), key=lambda a: (text(a.get("Nummer")) or "", stamp(a)))


def _activity(activities: list[dict]) -> Activity | None:
    """The first activity (a Toezegging is made in one; the API lists it as a collection)."""
    if not activities:
        return None
    a = activities[0]
    kind, day = text(a.get("Soort")), iso_date(a.get("Datum"))
    debate = DebateRef(day, debate_kind(kind)) if kind and day and day != _NO_DATE else None
    return Activity(text(a.get("Nummer")), kind, text(a.get("Onderwerp")), day if day != _NO_DATE else None, debate)


def _concerns(activities: list[dict]) -> tuple[str, ...]:
    ids = {found for a in activities for zaak in live(a.get("Zaak")) for document in live(zaak.get("Document"))
           if (found := document_kst_id(document))}
    return tuple(sorted(ids))


def _letters(record: dict) -> tuple[Letter, ...]:
    letters: dict[str, Letter] = {}
    for document in live(record.get("KamerbriefNakoming")):
        nummer = text(document.get("DocumentNummer"))
        found = document_kst_id(document) or (nummer if nummer and _DOCUMENT_NUMBER.fullmatch(nummer) else None)
        if found and found not in letters:
            day = iso_date(document.get("Datum"))
            letters[found] = Letter(found, text(document.get("Soort")), day if day != _NO_DATE else None)
    return tuple(letters[k] for k in sorted(letters))


def _modified(record: dict) -> str:
    stamps = [stamp(record)]
    for activity in live(record.get("Activiteit")):
        stamps.append(stamp(activity))
        for zaak in live(activity.get("Zaak")):
            stamps.append(stamp(zaak))
            stamps.extend(stamp(d) for d in live(zaak.get("Document")))
    stamps.extend(stamp(d) for d in live(record.get("KamerbriefNakoming")))
    return max(stamps)


def undertaking_from_record(record: dict, source: str = "") -> Undertaking | None:
    """The undertaking a Toezegging record states; None when it is deleted (Verwijderd);
    ``_Bad`` (inside this module) when it cannot be loaded."""
    if record.get("Verwijderd"):
        return None
    raw = record.get("Nummer")
    nummer = text(raw)
    if nummer is None:
        raise _Bad("no Nummer (the TZ number names the undertaking)" if raw is None
                   else f"Nummer is not text but {type(raw).__name__}")
    if not TZ_NUMBER.fullmatch(nummer):
        raise _Bad(f"Nummer {short(nummer, 40)!r} is not a TZ number (TZyyyymm-nnn)")
    body = text(record.get("Tekst"))
    if body is None:
        raise _Bad("no Tekst: the undertaking's text is missing or not text")
    activities = _activities(record)
    return Undertaking(
        number=nummer, text=body, minister=_person(record), function=text(record.get("Functie")),
        ministry=text(record.get("Ministerie")), status=text(record.get("Status")),
        deadline=_deadline(record.get("DatumNakoming")), created=iso_date(record.get("Aanmaakdatum")),
        modified=_modified(record), api_id=guid(record.get("Id")), activity=_activity(activities),
        concerns=_concerns(activities), fulfilled_by=_letters(record), source=source)


def _label(record: dict, position: int) -> str:
    for key in ("Nummer", "Id"):
        value = text(record.get(key)) or number(record.get(key))
        if value:
            return f"Toezegging {short(str(value), 60)}"
    return f"record {position}"


def read_record(record, position: int, source: str) -> Undertaking | NotLoadable | None:
    """One record of a Toezegging page: the undertaking, why it cannot be loaded, or
    None when it is deleted. Never raises on what the record holds."""
    if not isinstance(record, dict):
        return NotLoadable(source, f"record {position}", f"not a JSON object but a {type(record).__name__}")
    label = _label(record, position)
    try:
        return undertaking_from_record(record, source)
    except _Bad as why:
        return NotLoadable(source, label, str(why))
    except Exception as exc:  # a shape not foreseen: this record is not loadable, the rest still is
        kind = f"{type(exc).__name__}: {short(str(exc), 80)}"
        return NotLoadable(source, label, f"a value of an unexpected kind ({kind})")
