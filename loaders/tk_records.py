"""Values of Tweede Kamer Open Data records (OData v4, gegevensmagazijn.tweedekamer.nl),
read the same way for every entity policykg loads (Zaak in ``tk_opendata``, Toezegging
in ``tk_toezeggingen``): text and dates that may be of any JSON type, expansions that may
be null, one entity or a list, entities marked deleted, dossier numbers and the official
id a numbered Kamerstuk gets, and the saved file itself.

A value of the wrong type counts as missing, and so does a date that is no calendar date;
a lone surrogate (JSON allows "\\ud800", UTF-8 does not) is read as U+FFFD; nothing here
trusts the record.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

from .text import SourceError, check_source_file

ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # "2022-02-10T00:00:00+01:00" (the date part)
GUID = re.compile(r"[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}")  # an entity's Id
_DIGITS = re.compile(r"[0-9]{1,6}")  # a number as text: "293"
_TOEVOEGING = re.compile(r"[A-Z]{1,6}|[0-9]{1,3}|[A-Z]{1,6}-[0-9]{1,3}")  # "VII", "A", "02"
_SURROGATE = re.compile(r"[\ud800-\udfff]")


class Unplaceable(Exception):
    """A record that cannot be placed: ``reason`` and the ``fix`` that would place it."""

    def __init__(self, reason: str, fix: str):
        super().__init__(reason)
        self.reason, self.fix = reason, fix


def short(text: str, width: int = 90) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def text(value) -> str | None:
    """A string field as text; anything else (a number, a list, an object) as missing.
    A lone surrogate, which no UTF-8 output can hold, becomes U+FFFD."""
    return (_SURROGATE.sub("\ufffd", value).strip() or None) if isinstance(value, str) else None


def iso_date(value) -> str | None:
    """The calendar date a value starts with ("2022-02-10T00:00:00+01:00": "2022-02-10");
    None for anything else ("2022-13-45", " 2022", "٢٠٢٢-٠١-٠١", a number)."""
    found = text(value) or ""
    if not ISO_DATE.match(found):
        return None
    try:
        return date.fromisoformat(found[:10]).isoformat()
    except ValueError:
        return None


def stamp(item: dict) -> str:
    return text(item.get("GewijzigdOp")) or ""


def live(items) -> list[dict]:
    """Entities not marked deleted (``Verwijderd``), nulls and missing lists as empty;
    a single expanded entity counts as a list of one."""
    items = [items] if isinstance(items, dict) else items
    return [i for i in (items if isinstance(items, list) else []) if isinstance(i, dict) and not i.get("Verwijderd")]


def newest(items) -> list[dict]:
    return sorted(items, key=stamp, reverse=True)


def number(value) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value < 10_000_000:
        return value
    if isinstance(value, str) and _DIGITS.fullmatch(value.strip()):
        return int(value)
    return None


def guid(value) -> str:
    """An entity's Id when it is a GUID (it goes into the API URL of the provenance), else ""."""
    found = text(value) or ""
    return found if GUID.fullmatch(found) else ""


def dossier_id(dossier: dict) -> str:
    """"30950", "36410-VII", "21501-02"; a toevoeging in brackets ("(R2107)") is not printed."""
    nummer = str(number(dossier["Nummer"]))
    toevoeging = text(dossier.get("Toevoeging"))
    if not toevoeging or toevoeging.startswith("("):
        return nummer
    if not _TOEVOEGING.fullmatch(toevoeging):
        raise Unplaceable(f"Kamerstukdossier {nummer} has a Toevoeging not understood: {toevoeging[:20]!r}",
                          "check the record")
    return f"{nummer}-{toevoeging}"


def kst_id(dossier: str, volgnummer: int | None) -> str:
    """The official id of a Kamerstuk: kst-<dossier>[-<toevoeging>]-<volgnummer>."""
    return f"kst-{dossier}-{volgnummer}"


def document_kst_id(document: dict) -> str | None:
    """The official id of a Document (a motion, a letter) filed in a Kamerstukdossier
    under a Volgnummer (``Document?$expand=Kamerstukdossier``); None when it is not
    numbered, has no dossier expanded, or the dossier's Toevoeging is not understood."""
    volgnummer = number(document.get("Volgnummer"))
    dossiers = [d for d in live(document.get("Kamerstukdossier")) if number(d.get("Nummer")) is not None]
    if volgnummer is None or not dossiers:
        return None
    try:
        return kst_id(dossier_id(dossiers[0]), volgnummer)
    except Unplaceable:
        return None


def load_json(path: Path):
    """A saved file's JSON; SourceError names the file and the problem."""
    check_source_file(path)
    try:
        data = path.read_bytes()
        if not data.strip():
            raise SourceError("no JSON: the file holds only whitespace", path=path)
        return json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise SourceError(f"not UTF-8 JSON (byte {exc.start})", path=path) from exc
    except json.JSONDecodeError as exc:
        raise SourceError(f"not valid JSON (truncated or damaged?): {exc.msg} at line {exc.lineno}, "
                          f"column {exc.colno}", path=path) from exc
    except RecursionError as exc:
        raise SourceError("JSON nested too deeply", path=path) from exc
    except ValueError as exc:  # e.g. a number of more than 4,300 digits
        raise SourceError(f"not valid JSON: {exc}", path=path) from exc
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror or exc}", path=path) from exc
