"""Text -> citation References, normalised to official identifiers."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from . import patterns as p
from .layout import CleanText, clean_text
from .models import Reference, Span
from .spans import SpanIndex


def vergaderjaar(text: str) -> str:
    """Normalise "2019/20", "2019/2020", "2022–2023" to "20192020"."""
    first, second = re.split(r"\s*[/–-]\s*", text.strip())
    if len(second) == 2:
        second = first[:2] + second
    return first + second


def _dossier(match: re.Match) -> str:
    dossier = re.sub(r"\s", "", match["dossier"])
    return f"{dossier}-{match['toev']}" if match["toev"] else dossier


def _numbers(text: str) -> list[str]:
    return re.findall(r"\d{1,5}", text)


def _kamerstukken(match: re.Match, rule: str) -> Iterator[Reference]:
    dossier = _dossier(match)
    numbers = _numbers(match["nrs"]) if match["nrs"] else [match["letter"]]
    pin = re.sub(r"\s+", " ", match["pin"]) if match["pin"] else None
    for number in numbers:
        yield Reference("kamerstuk", f"kst-{dossier}-{number}", match.group(), match.start(),
                        match.end(), rule=rule, pinpoint=pin)


def find_kamerstukken(text: str) -> Iterator[Reference]:
    """Kamerstuk citations; "nrs. 293 en 296" gives one reference per number."""
    claimed = []
    for m in p.KAMERSTUK.finditer(text):
        claimed.append(Span(m.group(), m.start(), m.end()))
        yield from _kamerstukken(m, "kamerstuk")
    cited = SpanIndex(claimed)
    for m in p.BARE_KAMERSTUK.finditer(text):
        before = cited.last_starting_before(m.start())
        if not (before and before.end > m.start()):
            yield from _kamerstukken(m, "kamerstuk-bare")


def find_handelingen(text: str) -> Iterator[Reference]:
    for m in p.HANDELINGEN.finditer(text):
        chamber = "ek" if m["chamber"] == "I" else "tk"
        year = vergaderjaar(m["vj"])
        if m["aanhangsel"]:
            yield Reference("aanhangsel", f"ah-{chamber}-{year}-{m['nr']}",
                            m.group(), m.start(), m.end(), rule="aanhangsel")
            continue
        ident = f"h-{chamber}-{year}-{m['nr']}" + (f"-{m['item']}" if m["item"] else "")
        yield Reference("handelingen", ident, m.group(), m.start(), m.end(), rule="handelingen",
                        pinpoint=f"item {m['item']}" if m["item"] else None)


_GAZETTES = {
    "Stcrt": ("staatscourant", "stcrt"), "Stcr": ("staatscourant", "stcrt"),
    "Staatscourant": ("staatscourant", "stcrt"),
    "Stb": ("staatsblad", "stb"), "Staatsblad": ("staatsblad", "stb"),
    "Trb": ("tractatenblad", "trb"), "Tractatenblad": ("tractatenblad", "trb"),
}


def find_gazettes(text: str) -> Iterator[Reference]:
    for m in p.GAZETTE.finditer(text):
        kind, prefix = _GAZETTES[m["kw"]]
        yield Reference(kind, f"{prefix}-{m['year']}-{m['nr']}", m.group(), m.start(), m.end(),
                        rule="gazette")


def find_identifiers(text: str) -> Iterator[Reference]:
    """ECLI, BWB ids and bare official ids ("kst-30950-295")."""
    for m in p.ECLI.finditer(text):
        yield Reference("ecli", m.group(), m.group(), m.start(), m.end(), rule="ecli")
    for m in p.BWB.finditer(text):
        yield Reference("bwb", m.group(), m.group(), m.start(), m.end(), rule="bwb")
    kinds = {"kst": "kamerstuk", "stcrt": "staatscourant", "stb": "staatsblad",
             "trb": "tractatenblad", "h": "handelingen", "ah": "aanhangsel"}
    for m in p.OFFICIAL_ID.finditer(text):
        kind = kinds[m.group().split("-", 1)[0]]
        yield Reference(kind, m.group(), m.group(), m.start(), m.end(), rule="official-id")


def iso_date(match: re.Match) -> str | None:
    """ISO date from a DATE match; "--MM-DD" when the text gives no year."""
    month = p.MONTHS[match["month"]]
    if not match["year"]:
        return f"--{month:02d}-{int(match['day']):02d}"
    return f"{match['year']}-{month:02d}-{int(match['day']):02d}"


def _kind(match: re.Match) -> str:
    return re.sub(r"\s+", " ", match["kw"]).lower()


def find_by_date(text: str) -> Iterator[Reference]:
    """Letters and debates named by date; they have no official id yet."""
    for kind, pattern in (("letter", p.LETTER_BY_DATE), ("letter", p.LETTER_DATE_FIRST),
                          ("debate", p.DEBATE_BY_DATE)):
        rule = "letter-by-date" if kind == "letter" else "debate-by-date"
        for m in pattern.finditer(text):
            yield Reference(kind, None, m.group(), m.start(), m.end(), rule=rule,
                            date=iso_date(m), note=_kind(m))


def find_letters_with_marker(text: str) -> Iterator[Reference]:
    """"per brief3": a letter named only by its footnote (resolved later)."""
    for m in p.LETTER_WITH_MARKER.finditer(text):
        yield Reference("letter", None, m.group(), m.start(), m.end(), rule="letter-by-footnote",
                        note=_kind(m))


def _title(match: re.Match) -> str:
    title = next(match[g] for g in ("t1", "t2", "t3", "t4") if match[g] is not None)
    return re.sub(r"\s+", " ", title).strip()


def find_reports(text: str) -> Iterator[Reference]:
    """Documents named by a quoted title: "het rapport «Xenofobe Machines»"."""
    for m in p.REPORT_TITLE.finditer(text):
        yield Reference("report", None, m.group(), m.start(), m.end(), rule="report-by-title",
                        name=_title(m), note=_kind(m))


def find_members(text: str) -> Iterator[Reference]:
    """Members named outside a motion: "het lid Van Baarle" (one reference per name)."""
    for m in p.MEMBER.finditer(text):
        names = re.split(r"\s{0,2},\s{1,4}|\s{1,4}en\s{1,4}", m["names"])
        for name in names:
            yield Reference("member", None, m.group(), m.start(), m.end(), rule="member-by-name",
                            name=re.sub(r"\s+", " ", name).strip())


FINDERS = (find_kamerstukken, find_handelingen, find_gazettes, find_identifiers, find_by_date,
           find_letters_with_marker, find_reports, find_members)


def reference_order(ref: Reference) -> tuple:
    """Document order, ties broken so that the same input always sorts the same."""
    return (ref.start, ref.end, ref.type, ref.id or "", ref.name or "")


def in_original(ref: Reference, view: CleanText, text: str) -> Reference:
    """``ref`` found in the clean view, with its span and text in the original text."""
    start, end = view.span(ref.start, ref.end)
    return replace(ref, text=text[start:end], start=start, end=end)


def find_citations(text: str, view: CleanText | None = None) -> list[Reference]:
    """All citations and named references in ``text``, in document order.

    Patterns run over the clean view (layout noise removed); spans point into ``text``.
    """
    view = view or clean_text(text)
    found = {in_original(ref, view, text) for finder in FINDERS for ref in finder(view.text)}
    return sorted(found, key=reference_order)
