"""What a document says about itself: kind, date, subject, kenmerk, sender,
addressee, and its official identifier when it is a Kamerstuk.

Two layouts occur: the officielebekendmakingen markdown of a Kamerstuk, and the
text of a Rijksoverheid PDF (letter or beslisnota) whose template side column
("Datum", "Kenmerk", the sender's directorate) is interleaved with the body.
"""

from __future__ import annotations

import re
from dataclasses import replace

from . import patterns as p
from .find import iso_date
from .models import Mention, Metadata, Span

_KST_YEAR = re.compile(r"(?m)^[ \t]{0,3}Vergaderjaar[ \t]{1,4}(?P<vj>\d{4}\s{0,2}[–/-]\s{0,2}\d{2,4})")
_KST_DOSSIER = re.compile(
    r"(?m)^[ \t]{0,3}\*\*(?P<dossier>\d{2,3} \d{3}|\d{4,6})(?:[ -](?P<toev>[IVXLC]{1,6}))?\*\*[ \t]*\n"
    r"\s{0,4}(?:\*\*(?P<title>[^*\n]{1,200})\*\*)?"
)
_KST_NR = re.compile(r"(?m)^[ \t]{0,3}\*\*Nr\.[ \t]{0,3}(?P<nr>\d{1,5})\*\*")
_KST_HEADING = re.compile(
    r"\*\*(?P<heading>(?P<kind>BRIEF|MOTIE|GEWIJZIGDE MOTIE|VERSLAG|NOTA|AMENDEMENT|"
    r"VOORSTEL VAN WET|MEMORIE VAN TOELICHTING)\b[^*]{0,400})\*\*"
)
_PLACE_DATE = re.compile(rf"(?m)^[ \t]{{0,3}}Den Haag,[ \t]{{1,3}}{p.DATE.pattern}")
_HEADING_KINDS = {"BRIEF": "Letter", "MOTIE": "Motion", "GEWIJZIGDE MOTIE": "Motion",
                  "VERSLAG": "Report"}

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


def _kamerstuk(text: str, mentions: list[Mention]) -> Metadata | None:
    year, dossier, nr = _KST_YEAR.search(text), _KST_DOSSIER.search(text), _KST_NR.search(text)
    if not (year and dossier and nr):
        return None
    dossier_id = dossier["dossier"].replace(" ", "") + (f"-{dossier['toev']}" if dossier["toev"] else "")
    heading = _KST_HEADING.search(text)
    kind = _HEADING_KINDS.get(heading["kind"], "ParliamentaryPaper") if heading else "ParliamentaryPaper"
    spans = {"identifier": _span(nr), "dossier": _span(dossier, "dossier")}
    title = None
    if heading:
        title = re.sub(r"\s+", " ", heading["heading"]).strip()
        spans["title"] = _span(heading, "heading")
    date = _PLACE_DATE.search(text)
    if date:
        spans["date"] = _span(date)
    sender = _first(mentions, {"Ministry"}, heading.start(), heading.end()) if heading else None
    signature_ministry, signatory = _signature(text, mentions)
    sender = sender or signature_ministry
    addressee = _first(mentions, {"Parliament"}, 0, 2000)
    return _finish(Metadata(
        kind=kind, identifier=f"kst-{dossier_id}-{nr['nr']}", date=iso_date(date) if date else None,
        title=title, dossier=dossier_id, dossier_title=dossier["title"],
        signatory=signatory.text if signatory else None, spans=spans,
    ), sender, addressee, signatory)


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
        kind = "Letter" if subject or date else "Document"
        sender, signatory = _signature(text, mentions)
        addressee = _first(mentions, {"Parliament"}, 0, 800)
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


def read_metadata(text: str, mentions: list[Mention]) -> Metadata:
    """Metadata of a document in either layout; ``mentions`` from the gazetteer."""
    return _kamerstuk(text, mentions) or _rijksoverheid(text, mentions)


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
    return replace(
        meta, identifier=published["identifier"], kind=kind,
        date=date[:10] if date and re.match(r"\d{4}-\d{2}-\d{2}", date) else meta.date,
        dossier=dossier.replace(" ", "") if dossier else meta.dossier,
        dossier_title=published.get("dossier_title") or meta.dossier_title,
        title=published.get("document_title") or published.get("title") or meta.title,
        signatory=published.get("signatory") or (indieners[0] if indieners else meta.signatory),
    )
