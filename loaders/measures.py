"""Measures and the links that tie motions to them, from the sentences that
announce them. Each rule names a Dutch turn of phrase:

- ``measure-see-motion``: "... om te komen tot een uitrol van het toetsingskader
  (zie onder andere de motie van het lid Westerveld: Kamerstuk 30 950, nr. 295)"
- ``measure-motions-concern``: "... coördineert de Staatssecretaris ... de
  uitvoering van de moties van ... die zien op het inventariseren, ..."
- ``commission-founding-motions``: "Een viertal moties liggen hieraan ten
  grondslag, waaronder de motie ..." (and the next sentence's motion that "valt
  onder dezelfde reikwijdte")
"""

from __future__ import annotations

import re

from .models import Link, Measure, Mention, Metadata, Reference
from .spans import SpanIndex
from .text import Sentences

_SEE = re.compile(r"\(\s{0,2}zie(?:\s{1,3}(?:onder\s{1,3}andere|ook|bijvoorbeeld|o\.a\.))?\s{1,3}$")
_LABEL_START = re.compile(r"(?<!\w)(?:tot|aan)\s{1,3}(?:een|de|het)\s{1,3}")
_CONCERN = re.compile(r"(?<!\w)uitvoering\s{1,3}van\s{1,3}de\s{1,3}moties\b")
_CONCERN_WHAT = re.compile(r"(?<!\w)die\s{1,3}zien\s{1,3}op\s{1,3}(?P<what>[^.]{5,400})")
_FOUNDING = re.compile(r"(?<!\w)(?:liggen|ligt|lagen)\s{1,3}(?:hieraan|daaraan)\s{1,3}ten\s{1,3}grondslag")
_SAME_SCOPE = re.compile(r"(?<!\w)onder\s{1,3}dezelfde\s{1,3}reikwijdte")
_FIRST_PERSON = re.compile(r"(?<!\w)(?:ik|mijn)(?!\w)")
_ACTORS = {"Ministry", "Commission", "Coordinator", "HumanRightsInstitute", "ExecutiveAgency", "NGO"}


def _clean(text: str) -> str:
    text = re.sub(r"<sup>\d{1,3}</sup>", "", text)
    return re.sub(r"\s+", " ", text).strip(" ,;:")


def _within(items: SpanIndex, start: int, end: int):
    return items.within(start, end)


def _instruments(mentions, start, end):
    return tuple(dict.fromkeys(m.concept for m in _within(mentions, start, end) if m.kind == "Instrument"))


def _see_motion(text, motions, mentions, sentences, meta) -> list[Measure]:
    found = {}
    for motion in motions.items:
        head = text[max(motion.start - 40, 0):motion.start]
        see = _SEE.search(head)
        if not see:
            continue
        paren = motion.start - len(head) + see.start()
        s_start, _ = sentences.bounds[sentences.index(paren)]
        clause = text[s_start:paren]
        starts = list(_LABEL_START.finditer(clause))
        label_start = s_start + (starts[-1].end() if starts else 0)
        s_end = sentences.bounds[sentences.index(paren)][1]
        key = (label_start, paren)
        prev = found.get(key)
        responsible = (meta.sender,) if meta.sender and _FIRST_PERSON.search(clause) else ()
        found[key] = Measure(
            label=_clean(text[label_start:paren]), quote=text[s_start:s_end], start=s_start, end=s_end,
            rule="measure-see-motion",
            led_from=(prev.led_from if prev else ()) + (motion.id,),
            instruments=_instruments(mentions, label_start, paren), responsible=responsible,
        )
    return list(found.values())


def _motions_concern(text, motions, mentions, sentences) -> list[Measure]:
    found = []
    for m in _CONCERN.finditer(text):
        s_start, s_end = sentences.bounds[sentences.index(m.start())]
        what = _CONCERN_WHAT.search(text, m.end(), s_end)
        if not what:
            continue
        led = tuple(r.id for r in _within(motions, m.start(), what.start()))
        actors = [x for x in _within(mentions, s_start, m.start()) if x.kind in _ACTORS]
        found.append(Measure(
            label=_clean(what["what"]), quote=text[s_start:s_end], start=s_start, end=s_end,
            rule="measure-motions-concern", led_from=led,
            instruments=_instruments(mentions, what.start("what"), what.end("what")),
            responsible=tuple(dict.fromkeys(a.concept for a in actors)),
        ))
    return found


def _founding(text, motions, mentions, sentences) -> list[Link]:
    links = []
    for m in _FOUNDING.finditer(text):
        i = sentences.index(m.start())
        before_start = sentences.bounds[max(i - 2, 0)][0]
        bodies = [x for x in _within(mentions, before_start, m.start()) if x.kind == "Commission"]
        if not bodies:
            continue
        scope = [sentences.bounds[i]]
        if i + 1 < len(sentences.bounds):
            nxt = sentences.bounds[i + 1]
            if _SAME_SCOPE.search(text, nxt[0], nxt[1]):
                scope.append(nxt)
        for s_start, s_end in scope:
            for motion in _within(motions, s_start, s_end):
                links.append(Link(motion.id, "ledTo", bodies[-1].concept, text[s_start:s_end],
                                  s_start, s_end, rule="commission-founding-motions"))
    return links


def find_measures(text: str, references: list[Reference], mentions: list[Mention],
                  meta: Metadata) -> tuple[list[Measure], list[Link]]:
    motions = SpanIndex(r for r in references if r.type == "motion")
    mentions = SpanIndex(mentions)
    sentences = Sentences(text)
    measures = _see_motion(text, motions, mentions, sentences, meta)
    measures += _motions_concern(text, motions, mentions, sentences)
    return measures, _founding(text, motions, mentions, sentences)
