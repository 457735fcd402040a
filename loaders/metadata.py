"""What a document says about itself: kind, date, subject, kenmerk, sender,
addressee, its own official identifier, and for a motion its signatories,
considerations, request and the motion it replaces.

The own id comes only from what the text states: the printed header of a Kamerstuk
in any layout (officielebekendmakingen markdown, XML text, web pages with their
furniture, text other tools extracted with one element per line, a typeset PDF and
its running header "Tweede Kamer, vergaderjaar 2019–2020, 35 538, nr. 4"), Eerste
Kamer papers numbered by letter ("CXLVI" / "AA VERSLAG ..."), Kamervragen by their
zaak number, and the Staatsblad or Staatscourant header. Never the file name.

Letters without a Kamerstuk header are read from the Rijksoverheid template (PDF
text whose side column "Datum", "Kenmerk", the sender's directorate is interleaved
with the body).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from . import patterns as p
from .find import iso_date
from .models import Mention, Metadata, Span

_PLACE_DATE = re.compile(rf"(?m)^[ \t]{{0,3}}Den Haag,[ \t]{{1,3}}{p.DATE.pattern}")
_HEADING_KIND = re.compile(r"(?i)(?P<kind>GEWIJZIGDE[ \t]MOTIE|MOTIE|BRIEF|VERSLAG)\b")
_HEADING_KINDS = {"BRIEF": "Letter", "MOTIE": "Motion", "GEWIJZIGDE MOTIE": "Motion", "VERSLAG": "Report"}
_VASTGESTELD = re.compile(rf"(?m)^[ \t]{{0,3}}Vastgesteld[ \t]{{1,3}}{p.DATE.pattern}")

_DATUM = re.compile(rf"(?m)^[ \t]{{0,3}}Datum\s{{1,6}}(?:{p.DATE.pattern}|(?P<numeric>\d{{1,2}}-\d{{1,2}}-\d{{4}}))")
_BETREFT = re.compile(r"(?m)^[ \t]{0,3}Betreft[ \t]{1,4}(?P<subject>\S[^\n]{0,200})")
_KENMERK = re.compile(
    r"(?m)^[ \t]{0,3}(?:Onze referentie|Ons kenmerk|Kenmerk)[ \t]{0,4}\n?[ \t]{0,4}"
    r"(?P<kenmerk>\d{4}-\d{6,12}|[A-Z0-9][\w/.-]{3,40})[ \t]*$"
)
_MEMO = re.compile(r"(?m)^[ \t]{0,3}Geadviseerd besluit")
_MEMO_TITLE_END = re.compile(r"(?m)^[ \t]{0,3}Aanleiding[ \t]*$")
_SIGNATURE = re.compile(r"(?<!\w)[Dd]e\s{1,3}(?:[Mm]inister|[Ss]taatssecretaris)\s{1,3}(?:van|voor)\s")
_SIGNATORY = re.compile(
    r"(?m)^[ \t]{0,3}(?P<name>(?:[A-Z]\.){1,5}[ \t]?[A-Z][\w'’ -]{1,40}?|[A-Z][a-z]{1,20} [A-Z][\w'’ -]{1,40}?)[ \t]*$"
)


def _span(match: re.Match, group: str | int = 0) -> Span:
    return Span(match[group], match.start(group), match.end(group))


def _first(mentions: list[Mention], kinds: set[str], start: int = 0, end: int | None = None):
    for m in mentions:
        if m.kind in kinds and m.start >= start and (end is None or m.end <= end):
            return m
    return None


def _date(match: re.Match) -> str | None:
    if match["numeric"] if "numeric" in match.re.groupindex else False:
        d, mth, y = match["numeric"].split("-")
        return f"{y}-{int(mth):02d}-{int(d):02d}"
    return iso_date(match)


def _signature(text: str, mentions: list[Mention]) -> tuple[Mention | None, Span | None]:
    """The sending ministry and the signatory from the closing signature block."""
    tail_start = int(len(text) * 0.7)
    blocks = list(_SIGNATURE.finditer(text, tail_start))
    if not blocks:
        return None, None
    block = blocks[-1]
    ministry = _first(mentions, {"Ministry"}, block.start(), block.end() + 120)
    after = ministry.end if ministry else block.end()
    name = _SIGNATORY.search(text, after)
    signatory = _span(name, "name") if name and not name["name"].startswith("Pagina") else None
    return ministry, signatory


# --- The document's own id, from its header --------------------------------------------

_HEAD = 6000  # the header stands in the first characters (after a web page's furniture)
# A header line that ends the look-back from "Nr.": "Vergaderjaar 2024-2025",
# "Tweede Kamer der Staten-Generaal", "Kamerstukken", "Preview document"
_STOP = re.compile(
    r"Vergaderjaar\b|Kamerstukken?$|(?:Tweede|Eerste) Kamer der Staten-Generaal|Preview document|Den Haag,"
)
# "30 950", "30950", "21 501-02", "21 501 -02", "34 300 VI", "36 410-VI", "36 600 A" at the start
# of a header line, the rest being the dossier's title; "... Kamerstukken 30 950" (XML kop)
_DOSSIER_LINE = re.compile(
    r"(?P<dossier>\d{2,3}[ \u00a0]\d{3}|\d{5})(?!\d)"
    r"(?:[ \t]{0,2}-[ \t]{0,2}(?P<ntoev>\d{1,3})(?![\d,])|[ \t\u00a0-](?P<toev>[IVXLC]{1,7}[AB]?|[A-Z]{1,2})(?![\w-]))?"
    r"(?P<rest>(?:[ \t\u00a0][^\n]{0,300})?)$"
)
# An Eerste Kamer inquiry dossier: "CXLVI Parlementaire onderzoekscommissie ..."
_ROMAN_DOSSIER = re.compile(r"(?P<dossier>[CLXVI]{2,8})(?P<rest>[ \t]{1,3}[A-Z][a-z][^\n]{0,300})$")
_XML_KOP = re.compile(r"Kamerstukken[ \t\u00a0]{1,3}(?=\d)")
_TOEV_LINE = re.compile(r"(?:[IVXLC]{1,7}[AB]?|[A-Z]{1,2})$")  # "VII", "A" on a line of their own
# "Nr. 443 MOTIE VAN ...", "Nr. 443", "Nr." (the number on the next line)
_NR_LINE = re.compile(r"Nr\.?(?:[ \t\u00a0]{0,3}(?P<nr>\d{1,5})(?!\d))?(?:[ \t\u00a0]{1,3}(?P<heading>[^\n]{1,400}))?$")
# An Eerste Kamer paper numbered by letter: "AA VERSLAG VAN EEN MONDELING OVERLEG", "B MEMORIE VAN ANTWOORD"
_LETTER_LINE = re.compile(
    r"(?P<nr>[A-Z]{1,3})[ \t]{1,3}(?P<heading>(?:BRIEF|VERSLAG|MOTIE|GEWIJZIGDE|MEMORIE|NOTA|NADERE|VOORSTEL|"
    r"AMENDEMENT|ADVIES|EINDVERSLAG|VOORLOPIG|LIJST|KONINKLIJKE|HERDRUK|INBRENG)\b[^\n]{0,400})$"
)
_CAPS_LINE = re.compile(r"[^a-z\n]{3,400}$")  # a heading line: no lower-case letter
# a heading as some tools give it, not in capitals: "Motie van het lid Van Baarle"
_HEADING_START = re.compile(r"(?i)(?:gewijzigde[ \t])?motie[ \t]van[ \t]|brief[ \t]van[ \t]|verslag[ \t]van[ \t]")
# The running page header of a typeset Kamerstuk: "Tweede Kamer, vergaderjaar 2019–2020, 35 538, nr. 4",
# "Tweede Kamer, vergaderjaar 2024–2025, 21 501-02, nr. 3121", "Eerste Kamer, vergaderjaar 2022–2023, CXLVI, AA";
# of two dossiers the first: "Tweede Kamer, vergaderjaar 2022–2023, 30 950 / 33 826, nr. 327"
# It stands on a line of its own (a page number may follow), never inside a sentence that cites it.
_RUNNING = re.compile(
    r"(?m)^[ \t]{0,3}(?:Tweede|Eerste)[ \t\u00a0]Kamer,[ \t\u00a0]vergaderjaar"
    r"[ \t\u00a0]\d{4}[ \t\u00a0]{0,2}[–/-][ \t\u00a0]{0,2}\d{2,4},"
    r"[ \t\u00a0](?P<dossier>\d{2,3}[ \u00a0]\d{3}|\d{5}|[CLXVI]{2,8})"
    r"(?:[ \t\u00a0]{0,2}-[ \t\u00a0]{0,2}(?P<ntoev>\d{1,3})|[ \t\u00a0-](?P<toev>[IVXLC]{1,7}[AB]?|[A-Z]{1,2}))?"
    # "30 950 / 33 826"
    r"(?:[ \t\u00a0]{0,2}(?:/|en)[ \t\u00a0]{0,2}(?:\d{2,3}[ \u00a0]\d{3}|\d{5})(?:[ \t\u00a0-][IVXLC0-9]{1,7})?)?,"
    r"[ \t\u00a0](?:nr\.[ \t\u00a0](?P<nr>\d{1,5})|(?P<letter>[A-Z]{1,3}))(?![\w.])"
    r"(?:[ \t\u00a0]{1,3}\d{1,3})?[ \t\u00a0]{0,3}$"
)
# Web-page furniture that states the page's own Kamerstuk:
# tkconv "officiële HTML versie (kst-31066-613)"; officielebekendmakingen
# "Tweede Kamer der Staten-Generaal2015-201634300-VI nr. 61"
_WEB_OWN = re.compile(r"officiële HTML versie \((?P<id>kst-\d{5}(?:-[A-Z0-9]{1,7})?-\d{1,5})\)")
_OB_TABLE = re.compile(
    r"(?:Tweede|Eerste) Kamer der Staten-Generaal[ \t|]{0,4}\d{4}-\d{4}[ \t|]{0,4}"
    r"(?P<dossier>\d{5})(?:-(?P<toev>[IVXLC]{1,7}[AB]?|[A-Z]{1,2}|\d{1,3}))?[ \t]nr\.[ \t](?P<nr>\d{1,5})"
)
# Kamervragen as published: the zaak number above "Vragen van het lid ..."
_KV = re.compile(r"(?m)^[ \t]{0,3}(?P<zaak>\d{4}Z\d{5})[ \t]*\n\s{0,6}(?:Vragen|Schriftelijke vragen)[ \t]")
# "Staatsblad 2024, 71" or "Staatscourant 2024, 12345" on a line of its own; the typeset
# "Staatsblad van het Koninkrijk der Nederlanden\nJaargang 2024\n71"
_GAZETTE = re.compile(
    r"(?m)^[ \t]{0,3}(?:(?P<kind>Staatsblad|Staatscourant)[ \t]{1,3}(?P<year>\d{4}),?[ \t]{1,3}"
    r"(?:nr\.[ \t]{0,2})?(?P<nr>\d{1,6})[ \t]*$"
    r"|Staatsblad van het Koninkrijk der Nederlanden\s{1,4}Jaargang[ \t]{1,3}(?P<jyear>\d{4})"
    r"\s{1,4}(?P<jnr>\d{1,6})[ \t]*$)"
)
_GAZETTE_PREFIX = {"Staatsblad": "stb", "Staatscourant": "stcrt"}


@dataclass(frozen=True)
class _Line:
    text: str  # the line without surrounding space, markdown bold or table bars
    start: int  # offset of ``text`` in the document


def _lines(text: str, limit: int) -> list[_Line]:
    """The non-blank lines of ``text[:limit]``, stripped of "**" and trailing " |"."""
    lines, pos = [], 0
    while pos < min(limit, len(text)):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        raw = text[pos:end]
        core = raw.strip().strip("*|").strip()
        if core:
            lines.append(_Line(core, pos + raw.index(core)))
        pos = end + 1
    return lines


@dataclass(frozen=True)
class OwnId:
    """The document's own official id as its header states it."""

    identifier: str
    span: Span  # the number ("Nr. 443", "443", "AA") or the whole header line
    dossier: str | None = None  # "30950", "36600-XII", "21501-20"
    dossier_span: Span | None = None
    dossier_title: str | None = None
    heading: Span | None = None  # "MOTIE VAN HET LID VAN BAARLE"


def _line_span(line: _Line, match: re.Match, group: str) -> Span:
    return Span(match[group], line.start + match.start(group), line.start + match.end(group))


def _dossier_match(line: _Line, roman: bool) -> re.Match[str] | None:
    kop = _XML_KOP.search(line.text)
    if kop:
        return _DOSSIER_LINE.match(line.text, kop.end())
    m = _DOSSIER_LINE.match(line.text)
    return m or (_ROMAN_DOSSIER.match(line.text) if roman else None)


def _dossier_before(lines: list[_Line], i: int, roman: bool) -> int | None:
    """Index of the first dossier line of the header block that ends at line ``i``
    ("30 950 Racisme en Discriminatie" before "33 826 Mensenrechten": the first)."""
    found = None
    for j in range(i - 1, max(i - 9, -1), -1):
        if _dossier_match(lines[j], roman):
            found = j
        if _STOP.match(lines[j].text):
            break
    return found


def _dossier(lines: list[_Line], j: int, end: int, roman: bool) -> tuple[str, Span, str | None]:
    """Dossier id, its span and title from line ``j`` and the lines after it up to ``end``."""
    line = lines[j]
    m = _dossier_match(line, roman)
    assert m is not None  # line j is one _dossier_before found to match
    number = re.sub(r"\s", "", m["dossier"])
    toev = m.groupdict().get("toev") or m.groupdict().get("ntoev")
    if m.groupdict().get("toev"):
        span_end = m.end("toev")
    elif m.groupdict().get("ntoev"):
        span_end = m.end("ntoev")
    else:
        span_end = m.end("dossier")
    rest, k = m["rest"].strip(), j + 1
    if not toev and not rest and k < end:
        if _TOEV_LINE.match(lines[k].text):  # "36 410" / "VII"
            toev, k = lines[k].text, k + 1
        elif lines[k].text == "-" and k + 1 < end and lines[k + 1].text.isdigit():  # "21 501" / "-" / "20"
            toev, k = lines[k + 1].text, k + 2
    title_lines = [rest] if rest and not rest.startswith("/") else []  # "30 950 / 33 826": no title
    while k < end and not _dossier_match(lines[k], roman) and len(title_lines) < 6:
        title_lines.append(lines[k].text)
        k += 1
    dossier_id = number + (f"-{toev}" if toev else "")
    span = Span(line.text[m.start("dossier"):span_end], line.start + m.start("dossier"), line.start + span_end)
    title = re.sub(r"\s+", " ", " ".join(title_lines)).strip(" /") or None
    return dossier_id, span, title


def _heading_after(text: str, lines: list[_Line], i: int, same_line: Span | None) -> Span | None:
    """The heading ("MOTIE VAN HET LID ...") on the number's line or the lines after it,
    continued over the next lines while they are in capitals."""
    k = i + 1
    if same_line is None:
        if k >= len(lines) or not (_heading_line(lines[k].text) or _HEADING_START.match(lines[k].text)):
            return None
        same_line = _whole(lines[k])
        k += 1
    end = same_line.end
    while k < len(lines) and _heading_line(lines[k].text):
        end = lines[k].start + len(lines[k].text)
        k += 1
    return Span(text[same_line.start:end], same_line.start, end)


def _heading_line(line: str) -> bool:
    return bool(_CAPS_LINE.match(line)) and any(c.isalpha() for c in line[:3])


def _whole(line: _Line) -> Span:
    return Span(line.text, line.start, line.start + len(line.text))


def _number_at(lines: list[_Line], i: int) -> tuple[Span, int, Span | None, bool] | None:
    """The paper's number on line ``i``: (number, the line its heading follows, the heading
    on the same line, numbered by letter). "Nr. 443 MOTIE ...", "Nr." / "443", "AA VERSLAG ..."."""
    line = lines[i]
    nr = _NR_LINE.match(line.text)
    if nr and nr["nr"]:
        heading = _line_span(line, nr, "heading") if nr["heading"] else None
        return _line_span(line, nr, "nr"), i, heading, False
    if nr:
        if i + 1 < len(lines) and re.fullmatch(r"\d{1,5}", lines[i + 1].text):
            return _whole(lines[i + 1]), i + 1, None, False
        return None
    letter = _LETTER_LINE.match(line.text)
    if letter:
        return _line_span(line, letter, "nr"), i, _line_span(line, letter, "heading"), True
    return None


def _printed_header(text: str) -> OwnId | None:
    """"30 950 Racisme en Discriminatie / Nr. 443 MOTIE ..." in any of its layouts."""
    lines = _lines(text, _HEAD)
    for i in range(len(lines)):
        found = _number_at(lines, i)
        if not found:
            continue
        number, heading_at, same_line, roman = found
        j = _dossier_before(lines, i, roman)
        if j is None:
            continue
        dossier, dossier_span, title = _dossier(lines, j, i, roman)
        heading = _heading_after(text, lines, heading_at, same_line)
        return OwnId(f"kst-{dossier}-{number.text}", number, dossier, dossier_span, title, heading)
    return None


def _running_header(text: str) -> OwnId | None:
    """The PDF loader keeps the running header once, at the top of the text."""
    m = _RUNNING.search(text[:600])
    if not m:
        return None
    dossier = re.sub(r"\s", "", m["dossier"]) + (f"-{m['toev'] or m['ntoev']}" if m["toev"] or m["ntoev"] else "")
    return OwnId(f"kst-{dossier}-{m['nr'] or m['letter']}", _span(m), dossier, _span(m, "dossier"))


def _furniture(text: str) -> OwnId | None:
    """What a web page says about the document it shows (tkconv, officielebekendmakingen)."""
    head = text[:_HEAD]
    web = _WEB_OWN.search(head)
    if web:
        dossier = web["id"][4:].rsplit("-", 1)[0]
        return OwnId(web["id"], _span(web, "id"), dossier)
    table = _OB_TABLE.search(head)
    if not table:
        return None  # a Handelingen item's own id: loaders.handelingen.item_id
    dossier = table["dossier"] + (f"-{table['toev']}" if table["toev"] else "")
    return OwnId(f"kst-{dossier}-{table['nr']}", _span(table), dossier)


def _other_publication(text: str) -> OwnId | None:
    """Kamervragen by their zaak number, a Staatsblad or Staatscourant by year and number,
    where the text begins with them (a citation further on is not the document's own)."""
    head = text[:400]
    kv = _KV.search(head)
    if kv:
        return OwnId(f"kv-tk-{kv['zaak']}", _span(kv, "zaak"))
    gazette = _GAZETTE.search(head)
    if gazette:
        prefix = _GAZETTE_PREFIX[gazette["kind"]] if gazette["kind"] else "stb"
        year, nr = gazette["year"] or gazette["jyear"], gazette["nr"] or gazette["jnr"]
        return OwnId(f"{prefix}-{year}-{nr}", _span(gazette))
    return None


def own_id(text: str) -> OwnId | None:
    """The document's own official id from its header, or None when the text states none."""
    return _running_header(text) or _printed_header(text) or _furniture(text) or _other_publication(text)


# --- A motion as published ------------------------------------------------------------

# where the clauses begin: after "gehoord de beraadslaging," or, without it, after "De Kamer,"
_HEARD = re.compile(r"(?m)^[ \t]{0,3}gehoord de beraadslaging,?[ \t]{0,4}$")
_THE_CHAMBER = re.compile(r"(?m)^[ \t]{0,3}De Kamer,[ \t]{0,4}$")
# the names may follow on the same line when a tool joined the lines
_ORDER_OF_THE_DAY = re.compile(
    r"(?m)^[ \t]{0,3}en[ \t]gaat[ \t]over[ \t]tot[ \t]de[ \t]orde[ \t]van[ \t]de[ \t]dag\b[.,;]?"
)
# A clause of a motion begins a paragraph: "constaterende dat", "overwegende dat", "van mening
# dat", ... (a consideration) or "verzoekt de regering", "roept ... op", "spreekt uit", "besluit"
# (the request, the dictum)
_CONSIDERATION = re.compile(
    r"(?:(?:voorts|tevens|ook|verder|mede|eveneens|nogmaals)[ \t]{1,3})?(?:constaterende|overwegende|"
    r"van[ \t]mening|van[ \t]oordeel|gelet[ \t]op|gezien|erkennende|vaststellende|concluderende|"
    r"benadrukkende|betreurende|signalerende|wijzende[ \t]op|in[ \t]aanmerking[ \t]nemende|"
    r"onderkennende|veroordelende|verwelkomende|opmerkende)\b"
)
_DICTUM = re.compile(r"(?:verzoekt|roept|spreekt|besluit|draagt|dringt|nodigt|vraagt)\b")
_CLAUSE_END = ";,:"
# "TER VERVANGING VAN DIE GEDRUKT ONDER NR. 19"
_REPLACES = re.compile(
    r"(?i)ter[ \t]vervanging[ \t]van[ \t]die[ \t]gedrukt[ \t]onder\s{1,3}nr\.?[ \t]{0,2}(?P<nr>\d{1,5})"
)
_VOORGESTELD = re.compile(
    rf"Voorgesteld(?:[ \t]{{1,3}}(?:tijdens|in|bij|op)[ \t][^\n]{{0,80}})?\s{{1,4}}{p.DATE.pattern}"
)
# "MOTIE VAN HET LID VAN BAARLE", "MOTIE VAN DE LEDEN GIJS VAN DIJK EN VAN DEN HUL",
# "GEWIJZIGDE MOTIE VAN KOSTIĆ TER VERVANGING ..."
_HEADING_NAMES = re.compile(
    r"(?i)(?:GEWIJZIGDE[ \t])?MOTIE[ \t]VAN[ \t](?:HET[ \t]LID[ \t]|DE[ \t]LEDEN[ \t])?(?P<names>[^\x00]{1,300})"
)
_NAME_PREFIXES = {"van", "de", "der", "den", "het", "ter", "ten", "te", "in", "'t", "’t", "op", "la", "le",
                  "du", "von", "d'", "d’", "el", "al", "da", "dos", "di", "del", "des", "uit"}
_NAME_WORD = re.compile(r"[^\W\d_][\w'’.-]{0,30}")


def _is_name(line: str) -> bool:
    """A member's name as printed at the foot of a motion: "Van Baarle", "Diederik van Dijk"."""
    words = line.split()
    if not 1 <= len(words) <= 6 or len(line) > 60 or not words[0][:1].isupper():
        return False
    return all(_NAME_WORD.fullmatch(w) and (w[:1].isupper() or w in _NAME_PREFIXES) for w in words)


def _signatories(text: str, start: int) -> list[Span]:
    """The names on the lines after "en gaat over tot de orde van de dag", in order."""
    names, pos = [], start
    while pos < len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line = text[pos:end].strip().strip("*").strip()
        if line:
            if not _is_name(line):
                break
            at = text.index(line, pos)
            names.append(Span(line, at, at + len(line)))
        pos = end + 1
    return names


def _surname_case(name: str) -> str:
    """"VAN DEN HUL" -> "Van den Hul", "GIJS VAN DIJK" -> "Gijs van Dijk"."""
    words = []
    for word in name.split():
        low = word.lower()
        words.append(low if low in _NAME_PREFIXES else "-".join(w[:1].upper() + w[1:] for w in low.split("-")))
    return (words[0][:1].upper() + words[0][1:] + "".join(" " + w for w in words[1:])) if words else ""


def _heading_signatories(heading: Span) -> list[tuple[str, Span]]:
    """The names of the heading, when none are printed at the foot: (name, span)."""
    m = _HEADING_NAMES.search(heading.text)
    if not m:
        return []
    names = re.split(r"(?i)\s{1,3}TER\s{1,3}VERVANGING\b", m["names"])[0]
    names = re.sub(r"(?i)\s{1,3}C\.\s?S\.?\s{0,3}$", "", names.strip())
    found, cursor = [], m.start("names")
    for part in re.split(r"(?i),[ \t]{1,3}|\s{1,3}EN\s{1,3}", names):
        words = part.split()
        if not words:
            continue
        at = heading.text.find(words[0], cursor)
        end = heading.text.find(words[-1], at) + len(words[-1])
        cursor = end
        found.append((_surname_case(part), Span(heading.text[at:end], heading.start + at, heading.start + end)))
    return found


def _clauses(text: str, start: int, end: int) -> list[Span]:
    """The motion's paragraphs between "gehoord de beraadslaging," and "en gaat over tot
    de orde van de dag": a clause begins a line after a line that ends a clause."""
    starts, pos, ended = [], start, True
    while pos < end:
        line_end = text.find("\n", pos)
        line_end = end if line_end < 0 or line_end > end else line_end
        line = text[pos:line_end]
        stripped = line.strip()
        if stripped:
            lead = pos + len(line) - len(line.lstrip())
            if ended and (_CONSIDERATION.match(text, lead) or _DICTUM.match(text, lead)):
                starts.append(lead)
            ended = stripped[-1] in _CLAUSE_END
        else:
            ended = True
        pos = line_end + 1
    spans = []
    for i, s in enumerate(starts):
        e = starts[i + 1] if i + 1 < len(starts) else end
        quote = text[s:e].rstrip().rstrip(_CLAUSE_END).rstrip()
        spans.append(Span(quote, s, s + len(quote)))
    return spans


def _motion(text: str, meta: Metadata, own: OwnId) -> Metadata:
    """A motion's signatories, date, considerations, request and what it replaces."""
    spans = dict(meta.spans)
    heard, order = _HEARD.search(text) or _THE_CHAMBER.search(text), _ORDER_OF_THE_DAY.search(text)
    names = [(n.text, n) for n in _signatories(text, order.end())] if order else []
    heading = _heading_signatories(own.heading) if own.heading else []
    if len(heading) > len(names):  # none at the foot, or a tool joined them on one line
        names = heading
    for i, (_, span) in enumerate(names, 1):
        spans[f"submitter-{i}"] = span
    considerations: list[Span] = []
    requests: list[Span] = []
    if heard and order and heard.end() < order.start():
        for clause in _clauses(text, heard.end(), order.start()):
            (requests if _DICTUM.match(clause.text) else considerations).append(clause)
    for kind, clauses in (("consideration", considerations), ("request", requests)):
        for i, clause in enumerate(clauses, 1):
            spans[f"{kind}-{i}"] = clause
    head = own.heading
    replaces = _REPLACES.search(head.text) if head else None
    if head and replaces:
        spans["replaces"] = Span(replaces.group(), head.start + replaces.start(), head.start + replaces.end())
    date = _VOORGESTELD.search(text, 0, min(len(text), _HEAD))
    if date:
        spans["date"] = _span(date)
    spans.pop("addressee", None)  # the chamber's name in the header is the motion's author, not its addressee
    return replace(
        meta, kind="Motion", spans=spans, addressee=None, submitters=tuple(name for name, _ in names),
        considerations=tuple(c.text for c in considerations), requests=tuple(r.text for r in requests),
        replaces=f"kst-{meta.dossier}-{replaces['nr']}" if replaces and meta.dossier else None,
        date=iso_date(date) if date else meta.date,
    )


_LOWER_WORDS = {"van", "de", "der", "en", "voor", "het", "een", "over", "inzake", "met"}


def _heading_mentions(text: str, heading: Span, gazetteer) -> list[Mention]:
    """Concepts named in a heading in capitals ("BRIEF VAN DE STAATSSECRETARIS VAN
    FINANCIËN"), found in it as written in running text ("... van Financiën")."""
    if gazetteer is None:
        return []
    cased = re.sub(r"[^\W\d_]{1,60}", lambda m: m[0].lower() if m[0].lower() in _LOWER_WORDS
                   else m[0][:1] + m[0][1:].lower(), heading.text)
    if len(cased) != len(heading.text):
        return []
    return [replace(m, text=heading.text[m.start:m.end], start=heading.start + m.start, end=heading.start + m.end)
            for m in gazetteer.find(cased)]


def _kamerstuk(text: str, mentions: list[Mention], own: OwnId, gazetteer=None) -> Metadata:
    heading = own.heading
    kind_match = _HEADING_KIND.match(re.sub(r"\s+", " ", heading.text)) if heading else None
    kind = _HEADING_KINDS[re.sub(r"\s", " ", kind_match["kind"].upper())] if kind_match else "ParliamentaryPaper"
    spans = {"identifier": own.span}
    if own.dossier_span:
        spans["dossier"] = own.dossier_span
    title = None
    if heading:
        title = re.sub(r"\s+", " ", heading.text).strip()
        spans["title"] = heading
    date = _PLACE_DATE.search(text) or _VASTGESTELD.search(text, 0, _HEAD)
    if date:
        spans["date"] = _span(date)
    named = sorted(mentions + _heading_mentions(text, heading, gazetteer), key=lambda m: m.start) if heading else []
    sender = _first(named, {"Ministry"}, heading.start, heading.end) if heading else None
    signature_ministry, signatory = _signature(text, mentions)
    sender = sender or signature_ministry
    addressee = _first(mentions, {"Parliament"}, 0, 2000)
    meta = _finish(Metadata(
        kind=kind, identifier=own.identifier, date=iso_date(date) if date else None,
        title=title, dossier=own.dossier, dossier_title=own.dossier_title,
        signatory=signatory.text if signatory else None, spans=spans,
    ), sender, addressee, signatory)
    return _motion(text, meta, own) if kind == "Motion" else meta


def _finish(meta: Metadata, sender, addressee, signatory) -> Metadata:
    spans = dict(meta.spans)
    if sender:
        spans["sender"] = Span(sender.text, sender.start, sender.end)
    if addressee:
        spans["addressee"] = Span(addressee.text, addressee.start, addressee.end)
    if signatory:
        spans["signatory"] = signatory
    return Metadata(**{**meta.__dict__, "sender": sender.concept if sender else None,
                       "addressee": addressee.concept if addressee else None, "spans": spans})


def _memo_title(text: str) -> Span | None:
    end = _MEMO_TITLE_END.search(text)
    if not end:
        return None
    head = text[:end.start()]
    stripped = head.strip()
    if not stripped:
        return None
    start = head.index(stripped)
    title = re.sub(r"^\d{1,2}\.\s*", "", re.sub(r"\s+", " ", stripped))
    return Span(title, start, start + len(stripped))


def _rijksoverheid(text: str, mentions: list[Mention]) -> Metadata:
    spans: dict[str, Span] = {}
    memo = _MEMO.search(text)
    date = _DATUM.search(text)
    subject = _BETREFT.search(text)
    kenmerk = _KENMERK.search(text)
    title = None
    if subject:
        title, span_end = _subject(text, subject)
        spans["title"] = Span(text[subject.start("subject"):span_end], subject.start("subject"), span_end)
    if date:
        spans["date"] = _span(date)
    if kenmerk:
        spans["kenmerk"] = _span(kenmerk, "kenmerk")
    if memo:
        kind = "DecisionMemo"
        memo_title = _memo_title(text)
        if memo_title and not title:
            title, spans["title"] = memo_title.text, memo_title
        advice_end = text.find("\n\n", memo.end())
        sender = _first(mentions, {"Ministry"}, memo.start(), advice_end if advice_end > 0 else None)
        addressee, signatory = sender, None
    else:
        sender, signatory = _signature(text, mentions)
        addressee = _first(mentions, {"Parliament"}, 0, 800)
        # a government letter: dated or with a subject, from a ministry or to parliament
        # (council questions with a "Datum" line are not)
        kind = "Letter" if (subject or date) and (sender or addressee) else "Document"
    return _finish(Metadata(
        kind=kind, date=_date(date) if date else None, title=title,
        kenmerk=kenmerk["kenmerk"] if kenmerk else None,
        signatory=signatory.text if signatory else None, spans=spans,
    ), sender, addressee, signatory)


def _subject(text: str, match: re.Match) -> tuple[str, int]:
    """The "Betreft" line plus a continuation line before the first blank line."""
    end = match.end("subject")
    nxt = text.find("\n", end + 1)
    continuation = text[end + 1: nxt if nxt > 0 else len(text)]
    if continuation.strip() and len(continuation.strip()) < 60 and not continuation.startswith(" "):
        end = end + 1 + len(continuation.rstrip())
    subject = re.sub(r"\s+", " ", text[match.start("subject"):end]).strip()
    return subject, end


_OTHER_KINDS = {"stb-": "GazettePublication", "stcrt-": "GazettePublication"}


def read_metadata(text: str, mentions: list[Mention], gazetteer=None) -> Metadata:
    """Metadata of a document in any of its layouts; ``mentions`` from the ``gazetteer``
    (which also reads a heading in capitals). The official id comes only from what the
    document states about itself."""
    own = own_id(text)
    if own and own.identifier.startswith("kst-"):
        return _kamerstuk(text, mentions, own, gazetteer)
    meta = _rijksoverheid(text, mentions)
    if not own:
        return meta
    kind = next((k for prefix, k in _OTHER_KINDS.items() if own.identifier.startswith(prefix)), meta.kind)
    return replace(meta, identifier=own.identifier, kind=kind, spans={**meta.spans, "identifier": own.span})


_PUBLISHED_KINDS = (("motie", "Motion"), ("brief", "Letter"), ("verslag", "Report"), ("besluit", "Decision"))


def with_published(meta: Metadata, published: dict) -> Metadata:
    """``meta`` with what the publication's metadata says (identifier, dossier,
    date, kind, signatory) taking precedence: it is the authority on itself."""
    if not published.get("identifier"):
        return meta
    dossier = published.get("dossier")
    title = (published.get("document_title") or published.get("title") or "").lower()
    kind = next((k for word, k in _PUBLISHED_KINDS if title.startswith(word)), meta.kind)
    date = published.get("letter_date") or published.get("issued")
    indieners = published.get("indiener") or []
    if kind == "Motion" and not meta.submitters and indieners:
        meta = replace(meta, submitters=tuple(indieners))
    return replace(
        meta, identifier=published["identifier"], kind=kind,
        date=date[:10] if date and re.match(r"\d{4}-\d{2}-\d{2}", date) else meta.date,
        dossier=dossier.replace(" ", "") if dossier else meta.dossier,
        dossier_title=published.get("dossier_title") or meta.dossier_title,
        title=published.get("document_title") or published.get("title") or meta.title,
        signatory=published.get("signatory") or (indieners[0] if indieners and kind != "Motion" else meta.signatory),
    )
