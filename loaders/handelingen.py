"""Handelingen: the motions a debate or a vote names, and what it says about them.

- moved in the debate: "Deze motie is voorgesteld door de leden A, B en C. ... Zij krijgt
  nr. 199 (31311)." -> a motion reference with all submitters (rule ``motion-moved``);
- listed or put to the vote: "de motie-Asscher/Pieter Heerma over ... (30950, nr. 186)",
  "de gewijzigde motie-A c.s. (30950, nr. 201, was nr. 188)" (rule ``motion-vote-list``);
- the vote: "In stemming komt de motie-X (...). ... Ik constateer dat de leden van de
  fracties van ... voor deze motie hebben gestemd en die van de overige fracties ertegen,
  zodat zij is verworpen." -> outcome and each party's vote (``MotionEvent``);
- the chair's proposal to hold a motion or adopt it without a vote; a motion withdrawn;
- the text of a motion read out before it is moved, its request ("verzoekt de regering");
- the cabinet's appraisal in the debate ("Oordeel Kamer", "ik ontraad deze motie"), tied to
  the motion the minister last turned to ("de motie op stuk nr. 199").

Spans follow the gold conventions (tests/gold/README.md, issue 11 item 3). Patterns run on
the text as read: speaker lines ("De voorzitter:") repeat, so the clean view would drop them.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace

from . import patterns as p
from .find import vergaderjaar as _vergaderjaar
from .models import Metadata, MotionEvent, Reference, Span
from .names import dossier_of, motion_note, split_names
from .spans import SpanIndex
from .text import Sentences

_APPRAISALS = (("kamer", "Oordeel Kamer"), ("ontraden", "Ontraden"),
               ("beleid", "Ondersteuning beleid"), ("overbodig", "Overbodig"))


def _note(match: re.Match) -> str | None:
    groups = match.groupdict()
    return motion_note(groups.get("adj"), any(groups.get(g) for g in ("cs", "cs2", "cs3")))


def _senate(dossier: str) -> str:
    """"CXLVI" stays; "35 570 VII" -> "35570-VII" (a Senate paper on a bill)."""
    if not dossier[0].isdigit():
        return dossier
    return re.sub(r"[ \u00a0]", "", re.sub(r"[ \u00a0-]+(?=[IVXLC]+$)", "-", dossier))


def _moved(text: str) -> list[Reference]:
    """Motions moved in the debate, and the citation "nr. 199 (31311)" that numbers them."""
    found = []
    for m in p.H_MOVED.finditer(text):
        ident = f"kst-{dossier_of(m)}-{m['nr']}"
        found.append(Reference("motion", ident, m.group(), m.start(), m.end(), rule="motion-moved",
                               submitters=split_names(m["names"]), note=_note(m)))
        found.append(Reference("kamerstuk", ident, m["number"], m.start("number"), m.end(),
                               rule="kamerstuk-motion-number"))
        if m["old"]:
            found.append(_was(text, m))
    return found


def _changed(text: str) -> list[Reference]:
    """A motion changed before the vote: the new number, its submitters (those who now sign
    it, else those of the motion it replaces)."""
    found = []
    for m in p.H_CHANGED.finditer(text):
        ident = f"kst-{dossier_of(m)}-{m['nr']}"
        names = split_names(m["names"] or m["mnames"])
        found.append(Reference("motion", ident, m.group(), m.start(), m.end(), rule="motion-changed",
                               submitters=names, note="gewijzigde"))
        found.append(Reference("kamerstuk", ident, m["number"], m.start("number"), m.end(),
                               rule="kamerstuk-motion-number"))
        if m["old"]:
            found.append(_was(text, m))
    return found


def _was(text: str, m: re.Match) -> Reference:
    """"was nr. 188": the motion a gewijzigde motie replaces, in the same dossier."""
    start = m.start("was") + m["was"].index("nr.")
    return Reference("kamerstuk", f"kst-{dossier_of(m)}-{m['old']}", text[start:m.end("was")],
                     start, m.end("was"), rule="kamerstuk-was")


def _listed(text: str) -> list[Reference]:
    """Motions named with their citation: stemmingen lists and votes."""
    found = []
    for m in p.H_MOTION.finditer(text):
        if not (m["names"] or m["art"] or re.search(r"(?<!\w)bij\s{1,3}$", text[max(m.start() - 8, 0):m.start()])):
            continue  # "ingediende motie (...)": only "de motie (...)" and "bij motie (...)" stand alone
        ident = f"kst-{_senate(m['senate'])}-{m['letter']}" if m["senate"] else f"kst-{dossier_of(m)}-{m['nr']}"
        names = split_names(m["names"]) if m["names"] else ()
        found.append(Reference("motion", ident, text[m.start():m.end("cit")], m.start(), m.end("cit"),
                               rule="motion-vote-list", submitters=names, note=_note(m)))
        found.append(Reference("kamerstuk", ident, m["cit"], m.start("cit"), m.end("cit"),
                               rule="kamerstuk-motion-list"))
        if m["old"]:
            found.append(_was(text, m))
    return found


def _speaker(who: str) -> str:
    """"De heer Graus (PVV)" -> "Graus"."""
    name = re.sub(r"\s{0,3}\([^)]{0,80}\)\s{0,3}$", "", who.strip())
    return re.sub(r"^(?:De\s{1,2}heer|Mevrouw)\s{1,3}", "", name).strip()


def _containing(spans: list[tuple], offset: int) -> tuple | None:
    """The span ``(start, end, ...)`` holding ``offset``, of spans sorted and not overlapping."""
    i = bisect_right(spans, (offset, float("inf"))) - 1
    return spans[i] if i >= 0 and spans[i][0] <= offset < spans[i][1] else None


def _own_turns(text: str, papers: list[re.Match]) -> list[tuple[int, int, str]]:
    """Members' turns in which the speaker calls a motion "van mij" without its number."""
    numbered = [(m.start(), m.end()) for m in papers if m["mine"]]  # sorted, apart
    found = []
    for start, end, government, who in speaker_turns(text):
        if government or who.startswith("De voorzitter"):
            continue
        own = [m for m in p.H_OWN_MOTION.finditer(text, start, end) if not _containing(numbered, m.start())]
        if own:
            found.append((start, end, _speaker(who)))
    return found


def _paper_submitters(m: re.Match, turns, own) -> tuple[str, ...]:
    names = m["hnames"] or m["bnames"] or m["anames"]
    if names:
        return split_names(names)
    if m["mine"]:
        turn = _containing(turns, m.start())
        return (_speaker(turn[3]),) if turn else ()
    turn = _containing(own, m.start())
    return (turn[2],) if turn else ()


def _on_paper(text: str, citations: list[Reference], moved: list[Reference]) -> list[Reference]:
    """Motions named again by number: "de motie op stuk nr. 199 van de leden A, B en C",
    "de aangenomen motie 27923, nr. 355"; the dossier of "op stuk nr." from the citation
    found there, else the motion moved in this item with that number, else the item's one dossier."""
    papers = list(p.H_PAPER_MOTION.finditer(text))
    turns, own = speaker_turns(text), _own_turns(text, papers)
    by_number = {r.known_id().rsplit("-", 1)[1]: r.known_id() for r in moved if r.type == "motion"}
    dossiers = {r.known_id()[4:].rsplit("-", 1)[0] for r in moved if r.type == "motion"}
    cited = {c.start: c.id for c in sorted(citations, key=lambda c: (c.start, c.end), reverse=True)
             if c.type == "kamerstuk"}
    found = []
    for m in papers:
        start = m.start("number") if m["number"] else m.start("cit")
        if start in cited:
            ident = cited[start]
        elif m["cit"]:
            ident = f"kst-{dossier_of(m)}-{m['cnr']}"
        else:
            ident = _paper_id(m["nr"], by_number, dossiers)
        if ident is None:
            continue
        found.append(Reference("motion", ident, m.group(), m.start(), m.end(), rule="motion-on-paper",
                               submitters=_paper_submitters(m, turns, own), note=_note(m)))
        end = m.end("number") if m["number"] else m.end("cit")
        found.append(Reference("kamerstuk", ident, text[start:end], start, end, rule="kamerstuk-on-paper"))
    return found


def find_debate_motions(text: str, citations: list[Reference]) -> list[Reference]:
    """Motion references of a Handelingen item, and the citations their forms carry that
    ``citations`` (found already) does not hold at the same place."""
    refs = _moved(text) + _changed(text) + _listed(text)
    listed = [(r.start, r.end) for r in refs if r.type == "motion"]
    refs += [r for r in _on_paper(text, citations, refs)
             if not any(s <= r.start < e or r.start <= s < r.end for s, e in listed)]
    have = {(c.id, c.start) for c in citations if c.type == "kamerstuk"}
    have |= {(c.id, c.end) for c in citations if c.type == "kamerstuk"}
    return [r for r in refs if r.type == "motion" or ((r.id, r.start) not in have and (r.id, r.end) not in have)]


def _replaces(text: str, refs: list[Reference]) -> list[MotionEvent]:
    """"(30950, nr. 201, was nr. 188)": the gewijzigde motie replaces nr. 188."""
    events = []
    olds = SpanIndex(r for r in refs if r.rule == "kamerstuk-was")
    for r in refs:
        if r.type != "motion":
            continue
        for old in olds.starting_in(r.start, r.end + 20):
            if old.end > r.start:
                events.append(MotionEvent(r.known_id(), "replaces", old.known_id(), text[r.start:max(r.end, old.end)],
                                          r.start, max(r.end, old.end), "motion-was"))
    return events


def _parties(listing: str) -> list[str]:
    return [p.H_PARTY_ARTICLE.sub("", part.strip()) for part in p.H_PARTY_SPLIT.split(listing)
            if part.strip()]


def _vote_events(motion: str, m: re.Match, text: str) -> list[MotionEvent]:
    quote, start, end = m.group(), m.start(), m.end()
    events = [MotionEvent(motion, "outcome", m["outcome"], quote, start, end, "motion-vote")]
    if m["unanimous"]:
        return events + [MotionEvent(motion, "others", "Voor", quote, start, end, "motion-vote")]
    if not m["parties"]:
        return events  # "Ik constateer dat deze motie is verworpen.": no party named
    side = "Voor" if m["side"] == "voor" else "Tegen"
    events += [MotionEvent(motion, "vote", party, quote, start, end, "motion-vote", choice=side)
               for party in _parties(m["parties"])]
    others = p.H_VOTE_OTHERS.search(m["rest"])
    if others:
        choice = "Tegen" if others["side"] == "ertegen" else "Voor"
        if others["others"]:
            events.append(MotionEvent(motion, "others", choice, quote, start, end, "motion-vote"))
        else:
            events += [MotionEvent(motion, "vote", party, quote, start, end, "motion-vote", choice=choice)
                       for party in _parties(others["parties"])]
    return events


def _votes(text: str, motions: SpanIndex) -> list[MotionEvent]:
    """Each finding of the chair, tied to the motion the last "In stemming komt" names."""
    leads = [m.end() for m in p.H_VOTE_LEAD.finditer(text)]
    single = p.H_SINGLE_VOTE.search(text)
    events = []
    for m in p.H_VOTE_RESULT.finditer(text):
        before = bisect_right(leads, m.start())
        if before:
            voted = [r.id for r in motions.starting_at(leads[before - 1])]
        elif single and single.end() <= m.start():  # "de stemming over een motie": the one listed
            voted = sorted({r.id for r in motions.starting_in(single.end(), m.start())})
            voted = voted if len(voted) == 1 else []
        else:
            voted = []
        if voted:
            events += _vote_events(voted[0], m, text)
    return events


def _withdrawn(text: str, motions: SpanIndex) -> list[MotionEvent]:
    """"Aangezien de motie-X (30950, nr. 5) is ingetrokken, ...": outcome "ingetrokken"."""
    events = []
    for r in motions.items:
        m = p.H_WITHDRAWN.match(text, r.end)
        if m:
            events.append(MotionEvent(r.id, "outcome", "ingetrokken", text[r.start:m.end()], r.start, m.end(),
                                      "motion-withdrawn"))
    return events


def _proposals(text: str, refs: SpanIndex) -> list[MotionEvent]:
    """"stel ik voor, haar motie (30950, nr. 163) aan te houden" / "zonder stemming aan te nemen"."""
    events = []
    for m in p.H_CHAIR_PROPOSAL.finditer(text):
        named = [r for r in refs.starting_in(m.start("what"), m.end("what")) if r.type == "kamerstuk"]
        if len(named) != 1:
            continue
        outcome, rule = ("aangehouden", "motion-held") if m["held"] else ("aangenomen", "motion-without-vote")
        events.append(MotionEvent(named[0].id, "outcome", outcome, m.group(), m.start(), m.end(), rule))
    return events


def speaker_turns(text: str) -> list[tuple[int, int, bool, str]]:
    """``(start, end, government, speaker line)`` of each speaker's turn."""
    heads = list(p.H_SPEAKER.finditer(text))
    return [(h.end(), heads[i + 1].start() if i + 1 < len(heads) else len(text), bool(h["gov"]), h["who"])
            for i, h in enumerate(heads)]


def _paper_id(number: str, moved: dict[str, str], dossiers: set[str]) -> str | None:
    """The motion "op stuk nr. N" names: one moved in this item, else in the item's one dossier."""
    if number in moved:
        return moved[number]
    return f"kst-{next(iter(dossiers))}-{number}" if len(dossiers) == 1 else None


def _appraisals(text: str, refs: list[Reference], sentences: Sentences) -> list[MotionEvent]:
    """The cabinet's appraisal of each motion; the last one a minister states counts."""
    motions = SpanIndex(r for r in refs if r.type == "motion")
    moved = {r.known_id().rsplit("-", 1)[1]: r.known_id() for r in motions.items if r.rule == "motion-moved"}
    dossiers = {r.known_id()[4:].rsplit("-", 1)[0] for r in motions.items}
    latest: dict[str, MotionEvent] = {}
    for start, end, government, _ in speaker_turns(text):
        if not government:
            continue
        marks = [(r.start, r.id or "") for r in motions.starting_in(start, end)]
        marks += [(m.start(), _paper_id(m["nr"], moved, dossiers) or "")
                  for m in p.H_ON_PAPER.finditer(text, start, end)]
        marks.sort()
        for m in p.H_APPRAISAL.finditer(text, start, end):
            before = bisect_left(marks, (m.start(),)) - 1  # the last mark before the appraisal
            if before < 0 or not marks[before][1]:
                continue
            ident = marks[before][1]
            value = next(v for group, v in _APPRAISALS if m[group])
            s, e = sentences.around(m.start())
            s, e = max(s, start), min(e, end)
            latest[ident] = MotionEvent(ident, "appraisal", value, text[s:e].strip(),
                                        s + len(text[s:e]) - len(text[s:e].lstrip()),
                                        e - len(text[s:e]) + len(text[s:e].rstrip()), "motion-appraisal")
    return sorted(latest.values(), key=lambda ev: ev.start)


def item_id(text: str) -> tuple[str, Span] | None:
    """The item's own id where the page prints it ("... | 2016-2017 | nr. 97, item 26"),
    with the span that states it."""
    m = p.H_ITEM_ID.search(text, 0, 4000)
    if m:
        chamber = "tk" if m["chamber"] == "Tweede" else "ek"
        ident = f"h-{chamber}-{_vergaderjaar(m['vj'])}-{m['nr']}-{m['item']}"
    else:
        m = p.H_EK_SITTING.search(text, 0, 4000)
        if not m:
            return None
        ident = f"h-ek-{_vergaderjaar(m['vj'])}-{m['nr']}"
    return ident, Span(m.group(), m.start(), m.end())


def debate_metadata(text: str, meta: Metadata) -> Metadata:
    """``meta`` with the item's own id when the text states it and nothing else gave one;
    a Handelingen item is a pkg:Proceedings."""
    if not meta.identifier:
        own = item_id(text)
        if own:
            meta = replace(meta, identifier=own[0], spans={**meta.spans, "identifier": own[1]})
    if meta.identifier and meta.identifier.startswith(("h-tk-", "h-ek-")) and meta.kind == "Document":
        meta = replace(meta, kind="Proceedings")
    return meta


def _requests(text: str, refs: list[Reference]) -> list[MotionEvent]:
    """The text read out before "Deze motie is voorgesteld door ...": its request
    ("verzoekt de regering ...") as the value, the whole motion (considerations and
    request, from "De Kamer," to "de orde van de dag.") as the evidence."""
    events, floor = [], 0
    for r in sorted((r for r in refs if r.rule == "motion-moved"), key=lambda r: r.start):
        closes = list(p.H_MOTION_CLOSE.finditer(text, max(floor, r.start - 6000), r.start))
        opens = list(p.H_MOTION_OPEN.finditer(text, max(floor, r.start - 6000), closes[-1].start())) if closes else []
        floor = r.end
        asks = p.H_MOTION_ASKS.search(text, opens[-1].end(), closes[-1].start()) if opens else None
        if not asks:
            continue
        request = re.sub(r"\s+", " ", text[asks.end():closes[-1].start()]).strip(" ,;")
        start, end = opens[-1].start(), closes[-1].end()
        events.append(MotionEvent(r.known_id(), "request", request, text[start:end], start, end, "motion-text"))
    return events


def find_motion_events(text: str, references: list[Reference], sentences: Sentences) -> list[MotionEvent]:
    """Outcomes, party votes, appraisals and replacements the text states, with evidence."""
    debate = [r for r in references if r.rule.startswith(("motion-moved", "motion-vote-list", "kamerstuk"))]
    motions = SpanIndex(r for r in references if r.rule == "motion-vote-list")
    events = _replaces(text, debate) + _votes(text, motions) + _withdrawn(text, motions)
    events += _proposals(text, SpanIndex(references)) + _appraisals(text, references, sentences)
    events += _requests(text, references)
    return sorted(events, key=lambda ev: (ev.start, ev.end, ev.motion, ev.kind, ev.value))
