"""Text -> citation References, normalised to official identifiers."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date

from . import patterns as p
from .layout import CleanText, clean_text
from .models import Reference, Span
from .names import dossier_of, split_names
from .spans import SpanIndex


def vergaderjaar(text: str) -> str:
    """Normalise "2019/20", "2019/2020", "2022–2023" to "20192020"."""
    first, second = re.split(r"\s*[/–-]\s*", text.strip())
    if len(second) == 2:
        second = first[:2] + second
    return first + second


def _numbers(text: str) -> list[str]:
    return re.findall(r"\d{1,5}", text)


def _kamerstukken(match: re.Match, rule: str) -> Iterator[Reference]:
    dossier = dossier_of(match)
    groups = match.groupdict()
    if groups.get("hnr"):
        numbers = [match["hnr"]]
    else:
        numbers = _numbers(match["nrs"]) if match["nrs"] else [match["letter"]]
    pin = re.sub(r"\s+", " ", match["pin"]) if match["pin"] else None
    for number in numbers:
        yield Reference("kamerstuk", f"kst-{dossier}-{number}", match.group(), match.start(),
                        match.end(), rule=rule, pinpoint=pin)


def _was_number(text: str, match: re.Match, dossier: str | None = None) -> Iterator[Reference]:
    """"(30950, nr. 201, was nr. 188)", "op stuk nr. 201 (was nr. 188)": the number a
    gewijzigde motie replaces, in the same dossier."""
    was = p.WAS_NUMBER.match(text, match.end())
    if was:
        yield Reference("kamerstuk", f"kst-{dossier or dossier_of(match)}-{was['nr']}", was["ref"],
                        was.start("ref"), was.end("ref"), rule="kamerstuk-was")


def _running_headers(text: str) -> list[Span]:
    """Typeset page headers: with a page number or the imprint, the text's first line, or
    repeated on several pages."""
    lines = list(p.RUNNING_HEADER.finditer(text))
    seen = Counter(re.sub(r"\s+", " ", m["line"]) for m in lines)
    first = len(text) - len(text.lstrip())
    return [Span(m.group(), m.start(), m.end()) for m in lines
            if m["page"] or m["imprint"] or m.start("line") == first
            or seen[re.sub(r"\s+", " ", m["line"])] > 1]


def _senate(text: str, m: re.Match) -> bool:
    """A Senate paper "(CXLVI, X)": with "Kamerstukken", the word "letter", or in brackets."""
    bracketed = text[m.start() - 1:m.start()] == "(" and text[m.end():m.end() + 1] == ")"
    return bool(m["kw"] or m["lw"] or bracketed)


def _heading(text: str, start: int) -> bool:
    """"Tweede Kamer der Staten-Generaal 2 Kamerstukken 32 317": the document's own heading."""
    return bool(p.HEADING_BEFORE.search(text, max(start - 40, 0), start))


def find_kamerstukken(text: str) -> Iterator[Reference]:
    """Kamerstuk citations; "nrs. 293 en 296" gives one reference per number.

    A running page header ("Tweede Kamer, vergaderjaar 2019–2020, 35 538, nr. 4") and the
    Kamerstuk heading name the document itself and are not citations.
    """
    claimed = _running_headers(text)
    headers = SpanIndex(claimed)
    for m in p.KAMERSTUK.finditer(text):
        if headers.covers(m.start()) or _heading(text, m.start()):
            continue
        claimed.append(Span(m.group(), m.start(), m.end()))
        yield from _kamerstukken(m, "kamerstuk")
        yield from _was_number(text, m)
    cited = SpanIndex(claimed)
    for m in p.SENATE_KAMERSTUK.finditer(text):
        if _senate(text, m) and not cited.covers(m.start()):
            claimed.append(Span(m.group(), m.start(), m.end()))
            dossier = m["roman"] or dossier_of(m)
            yield Reference("kamerstuk", f"kst-{dossier}-{m['letter']}", m.group(), m.start(),
                            m.end(), rule="kamerstuk-senate")
    cited = SpanIndex(claimed)
    for m in p.BARE_KAMERSTUK.finditer(text):
        if not cited.covers(m.start()):
            yield from _kamerstukken(m, "kamerstuk-bare")
            yield from _was_number(text, m)
    cited = SpanIndex(claimed)
    for listed in p.LISTED_IDS.finditer(text):  # "moties opnieuw aan te houden: 29911-226; ..."
        for m in p.LISTED_ID.finditer(text, listed.start("list"), listed.end("list")):
            if not cited.covers(m.start()):
                yield Reference("kamerstuk", f"kst-{dossier_of(m)}-{m['nr']}", m.group(), m.start(),
                                m.end(), rule="kamerstuk-listed-id")
    for m in p.MOTION_NUMBER.finditer(text):
        yield Reference("kamerstuk", f"kst-{dossier_of(m)}-{m['nrs']}", m["ref"], m.start("ref"),
                        m.end("ref"), rule="kamerstuk-motion-number")
        if m["old"]:  # "Zij krijgt nr. 348, was nr. 347 (32317)"
            yield Reference("kamerstuk", f"kst-{dossier_of(m)}-{m['old']}", m["wref"], m.start("wref"),
                            m.end("wref"), rule="kamerstuk-was")
        yield from _was_number(text, m)


def _debate_dossier(text: str) -> Callable[[int], str | None]:
    """The dossier of the last "Zij krijgt nr. 199 (31311)" (a motion moved in the debate)
    before an offset."""
    found = [(m.start(), dossier_of(m)) for m in p.MOTION_NUMBER.finditer(text)]
    starts = [at for at, _ in found]

    def before(offset: int) -> str | None:
        i = bisect_left(starts, offset) - 1
        return found[i][1] if i >= 0 else None
    return before


def find_numbers_only(text: str, dossier: str | None = None) -> Iterator[Reference]:
    """Numbers without a dossier: "ter vervanging van die gedrukt onder nr. 19", "op stuk
    nr. 199". The dossier is the one named just before ("bij 27565, de motie op stuk nr. 70"),
    else ``dossier`` (the document's own), else that of the last "Zij krijgt nr. ... (dossier)"
    before it in a debate; else nothing is found (never a guess from other citations)."""
    debate = _debate_dossier(text) if dossier is None else None
    for m in p.NUMBER_ONLY.finditer(text):
        named = p.DOSSIER_BEFORE_NUMBER.search(text, max(m.start("ref") - 80, 0), m.start("ref"))
        own = (dossier_of(named) if named else None) or dossier or (debate(m.start()) if debate else None)
        if not own:
            continue
        own = re.sub(r"\s", "", own)
        for number in _numbers(m["nrs"]):
            yield Reference("kamerstuk", f"kst-{own}-{number}", m["ref"],
                            m.start("ref"), m.end("ref"), rule="kamerstuk-own-dossier")
        yield from _was_number(text, m, own)


def find_handelingen(text: str) -> Iterator[Reference]:
    for m in p.HANDELINGEN.finditer(text):
        chamber = "ek" if m["chamber"] in ("I", "EK") or (m["chamber"] or "").startswith("Eerste") else "tk"
        year = vergaderjaar(m["vj"])
        nr, item = m["nr"] or m["nr2"], m["item"] or m["item2"]
        if m["aanhangsel"]:
            yield Reference("aanhangsel", f"ah-{chamber}-{year}-{nr}",
                            m.group(), m.start(), m.end(), rule="aanhangsel")
            continue
        ident = f"h-{chamber}-{year}-{nr}" + (f"-{item}" if item else "")
        yield Reference("handelingen", ident, m.group(), m.start(), m.end(), rule="handelingen",
                        pinpoint=f"item {item}" if item else None)


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


def _own_id(text: str, m: re.Match) -> bool:
    """A bare id that names the document itself (page furniture, a typeset imprint)."""
    return bool(p.OWN_ID_BEFORE.search(text, max(m.start() - 40, 0), m.start())
                or p.OWN_ID_AFTER.match(text, m.end()))


def find_identifiers(text: str) -> Iterator[Reference]:
    """ECLI, BWB ids and bare official ids ("kst-30950-295")."""
    for m in p.ECLI.finditer(text):
        yield Reference("ecli", m.group(), m.group(), m.start(), m.end(), rule="ecli")
    for m in p.BWB.finditer(text):
        yield Reference("bwb", m.group(), m.group(), m.start(), m.end(), rule="bwb")
    kinds = {"kst": "kamerstuk", "stcrt": "staatscourant", "stb": "staatsblad",
             "trb": "tractatenblad", "h": "handelingen", "ah": "aanhangsel"}
    for m in p.OFFICIAL_ID.finditer(text):
        if not _own_id(text, m):
            kind = kinds[m.group().split("-", 1)[0]]
            yield Reference(kind, m.group(), m.group(), m.start(), m.end(), rule="official-id")


def _oj_key(series: str, number: str, year: str | None) -> str:
    """"OJ L 119, 2016"; "OJ C 124I, 2020"; "OJ L 119" when the text gives no year."""
    key = f"OJ {series} {number.replace(' ', '')}"
    return f"{key}, {year}" if year else key


def find_other_identifiers(text: str) -> Iterator[Reference]:
    """Identifiers of their own kind, not citations of an official publication: Tweede
    Kamer document and zaak numbers, Raad van State advice numbers, the EU Official Journal."""
    for m in p.TK_NUMBER.finditer(text):
        kind = "tk-document" if m["kind"] == "D" else "tk-zaak"
        yield Reference(kind, m.group(), m.group(), m.start(), m.end(), rule=kind)
    for m in p.RAAD_VAN_STATE.finditer(text):
        yield Reference("raad-van-state", m.group(), m.group(), m.start(), m.end(),
                        rule="raad-van-state")
    for m in p.EU_JOURNAL.finditer(text):
        series, number = m["series"] or m["series2"], m["nr"] or m["nr2"]
        year = m["year"] or m["dyear"] or m["myear"]
        yield Reference("eu-journal", _oj_key(series, number, year), m.group(), m.start(),
                        m.end(), rule="eu-journal")
    for m in p.EU_NOTICE.finditer(text):
        yield Reference("eu-journal", _oj_key(m["series"], m["nr"], m["year"]), m.group(),
                        m.start(), m.end(), rule="eu-notice")


def _date(year: str | None, month: int, day: int) -> str | None:
    """"2020-06-19", or "--06-19" without a year; None for a day the month does not have
    ("31 juni"; 29 February only in a leap year, and in any year where none is given)."""
    try:
        date(int(year) if year else 2000, month, day)
    except ValueError:
        return None
    return f"{year}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"


def iso_date(match: re.Match) -> str | None:
    """ISO date from a DATE match; "--MM-DD" when the text gives no year; "AO d.d. 14/02"
    (day/month) too. None for a date that does not exist."""
    if match.groupdict().get("nmonth"):
        return _date(None, int(match["nmonth"]), int(match["nday"]))
    return _date(match["year"], p.MONTHS[match["month"]], int(match["day"]))


def _kind(match: re.Match) -> str:
    return re.sub(r"\s+", " ", match["kw"]).lower()


_BY_DATE = (("letter", "letter-by-date", p.LETTER_BY_DATE),
            ("letter", "letter-by-date", p.LETTER_DATE_FIRST),
            ("letter", "letter-by-date", p.LETTER_RECEIVED),
            ("debate", "debate-by-date", p.DEBATE_BY_DATE),
            ("debate", "debate-by-date", p.DEBATE_DATE_FIRST),
            ("debate", "debate-by-date", p.DEBATE_ABBREVIATED))


def _two_letters(m: re.Match) -> Iterator[Reference]:
    """"kamerbrieven van respectievelijk 6 en 19 mei 2020": two letters, one phrase."""
    second = iso_date(m)
    if not second:
        return
    month = p.MONTHS[m["fmonth"]] if m["fmonth"] else int(second[-5:-3])
    first = _date(m["year"], month, int(m["first"]))
    for day in (first, second):
        if day:
            yield Reference("letter", None, m.group(), m.start(), m.end(), rule="letters-by-date",
                            date=day, note=_kind(m))


def find_by_date(text: str) -> Iterator[Reference]:
    """Letters and debates named by date; they have no official id yet."""
    for kind, rule, pattern in _BY_DATE:
        for m in pattern.finditer(text):
            day = iso_date(m)
            if day:
                yield Reference(kind, None, m.group(), m.start(), m.end(), rule=rule,
                                date=day, note=_kind(m))
    for m in p.LETTERS_BY_DATES.finditer(text):
        yield from _two_letters(m)


def find_letters_with_marker(text: str) -> Iterator[Reference]:
    """"per brief3": a letter named only by its footnote; "de brief inzake ... (Kamerstuk
    30 950, nr. 365)": by its subject and an inline citation (both resolved later, and dropped
    where nothing resolves them)."""
    for m in p.LETTER_WITH_MARKER.finditer(text):
        yield Reference("letter", None, m.group(), m.start(), m.end(), rule="letter-by-footnote",
                        note=_kind(m))
    for m in p.LETTER_ABOUT.finditer(text):
        yield Reference("letter", None, m.group(), m.start(), m.end(), rule="letter-by-subject",
                        note=_kind(m))
    for m in p.LETTER_BARE.finditer(text):
        yield Reference("letter", None, m.group(), m.start(), m.end(), rule="letter-bare",
                        note=_kind(m))


def _title(match: re.Match) -> str:
    title = next(match[g] for g in ("t1", "t2", "t3", "t4") if match[g] is not None)
    return re.sub(r"\s+", " ", title).strip()


def find_reports(text: str) -> Iterator[Reference]:
    """Documents named by a quoted title: "het rapport «Xenofobe Machines»"."""
    for m in p.REPORT_TITLE.finditer(text):
        yield Reference("report", None, m.group(), m.start(), m.end(), rule="report-by-title",
                        name=_title(m), note=_kind(m))


def _submits(text: str, m: re.Match) -> bool:
    """The names submit a motion: "de motie van de leden X en Y", "de leden X en Y hebben een
    motie ingediend"."""
    return bool(p.SUBMITTER_BEFORE.search(text, max(m.start() - 60, 0), m.start())
                or p.SUBMITTER_AFTER.match(text, m.end()))


def _titled_members(text: str) -> Iterator[Reference]:
    """"de heer Graus", "Mevrouw Pouw": only in a spoken record (one with speakers' labels),
    not in a label itself, nor a member of government ("mevrouw Bruins Slot, Minister")."""
    labels = SpanIndex(Span(m.group(), m.start(), m.end()) for m in p.MEMBER_SPEAKER.finditer(text))
    if not labels.items:
        return
    for m in p.MEMBER_TITLED.finditer(text):
        if labels.covers(m.start()) or _submits(text, m) or p.GOVERNMENT_AFTER.match(text, m.end()):
            continue
        yield Reference("member", None, m.group(), m.start(), m.end(), rule="member-titled",
                        name=re.sub(r"\s+", " ", m["names"]))


def find_members(text: str) -> Iterator[Reference]:
    """Members named outside a motion: "het lid Van Baarle" (one reference per name), "de heer
    Graus" in a debate, the members present at a meeting ("leden der Kamer, te weten: ...").
    None in a municipality's text that never names parliament (its "leden" sit in the council)."""
    if p.MUNICIPAL.search(text) and not p.PARLIAMENT.search(text):
        return
    for m in p.MEMBER.finditer(text):
        if _submits(text, m):
            continue
        for name in split_names(m["names"]):
            yield Reference("member", None, m.group(), m.start(), m.end(), rule="member-by-name",
                            name=name)
    for m in p.MEMBERS_PRESENT.finditer(text):
        start = m.start()
        for name in split_names(m["names"]):
            yield Reference("member", None, text[start:m.end()], start, m.end(),
                            rule="member-present", name=name)
    yield from _titled_members(text)


FINDERS = (find_kamerstukken, find_handelingen, find_gazettes, find_identifiers,
           find_other_identifiers, find_by_date, find_letters_with_marker, find_reports, find_members)


def reference_order(ref: Reference) -> tuple:
    """Document order, ties broken so that the same input always sorts the same."""
    return (ref.start, ref.end, ref.type, ref.id or "", ref.name or "", ref.date or "", ref.rule, repr(ref))


def in_original(ref: Reference, view: CleanText, text: str) -> Reference:
    """``ref`` found in the clean view, with its span and text in the original text."""
    start, end = view.span(ref.start, ref.end)
    return replace(ref, text=text[start:end], start=start, end=end)


def find_citations(text: str, view: CleanText | None = None,
                   dossier: str | None = None) -> list[Reference]:
    """All citations and named references in ``text``, in document order.

    Patterns run over the clean view (layout noise removed); spans point into ``text``.
    ``dossier`` is the document's own dossier ("36372", "36600-XII"): a number cited without
    one ("ter vervanging van die gedrukt onder nr. 19", "op stuk nr. 199") belongs to it.
    """
    view = view or clean_text(text)
    refs = [ref for finder in FINDERS for ref in finder(view.text)]
    refs += find_numbers_only(view.text, dossier)
    return sorted({in_original(ref, view, text) for ref in refs}, key=reference_order)
