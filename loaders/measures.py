"""Measures and the links that tie motions to them, from the sentences that
announce them. Each rule names a Dutch turn of phrase:

- ``measure-see-motion``: "... om te komen tot een uitrol van het toetsingskader
  (zie onder andere de motie van het lid Westerveld: Kamerstuk 30 950, nr. 295)"
- ``measure-motions-concern``: "... coördineert de Staatssecretaris ... de
  uitvoering van de moties van ... die zien op het inventariseren, ..."
- ``commission-founding-motions``: "Een viertal moties liggen hieraan ten
  grondslag, waaronder de motie ..." (and the next sentence's motion that "valt
  onder dezelfde reikwijdte")
- the commitment rules of ``loaders.commitments`` (intention, wish, planned,
  following motions, in execution of a motion).

A measure's actors are the sender when the sentence speaks in the first person
("ik", "mijn", "wij") and the organisations the sentence names; its instruments
are the instruments the sentence names; its period is the sentence's first time
expression ("komend najaar", "voorjaar 2023").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import commitments as c
from .models import Link, Measure, Mention, Metadata, Reference
from .relations import debate_key
from .spans import SpanIndex
from .text import MAX_SENTENCE, Sentences

_SEE = re.compile(r"\(\s{0,2}zie(?:\s{1,3}(?:onder\s{1,3}andere|ook|bijvoorbeeld|o\.a\.))?\s{1,3}$")
_LABEL_START = re.compile(r"(?<!\w)(?:tot|aan)\s{1,3}(?:een|de|het)\s{1,3}")
_CONCERN = re.compile(r"(?<!\w)uitvoering\s{1,3}van\s{1,3}de\s{1,3}moties\b")
_CONCERN_WHAT = re.compile(r"(?<!\w)die\s{1,3}zien\s{1,3}op\s{1,3}(?P<what>[^.]{5,400})")
_FOUNDING = re.compile(r"(?<!\w)(?:liggen|ligt|lagen)\s{1,3}(?:hieraan|daaraan)\s{1,3}ten\s{1,3}grondslag")
_SAME_SCOPE = re.compile(r"(?<!\w)onder\s{1,3}dezelfde\s{1,3}reikwijdte")
_FIRST_PERSON = re.compile(r"(?<!\w)(?:ik|mijn|wij|we|ons|onze)(?!\w)", re.IGNORECASE)
_ACTORS = {"Ministry", "Commission", "Coordinator", "HumanRightsInstitute", "ExecutiveAgency", "NGO"}


def _clean(text: str) -> str:
    text = re.sub(r"<sup>\d{1,3}</sup>", "", text)
    return re.sub(r"\s+", " ", text).strip(" ,;:")


@dataclass
class _Context:
    text: str
    motions: SpanIndex
    debates: SpanIndex
    mentions: SpanIndex
    sentences: Sentences
    meta: Metadata

    def instruments(self, start: int, end: int) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.concept for m in self.mentions.within(start, end) if m.kind == "Instrument"))

    def actors(self, start: int, end: int) -> tuple[str, ...]:
        named = [m.concept for m in self.mentions.within(start, end) if m.kind in _ACTORS]
        first = [self.meta.sender] if self.meta.sender and _FIRST_PERSON.search(self.text, start, end) else []
        return tuple(dict.fromkeys(first + named))

    def measure(self, label: str, start: int, end: int, rule: str, led_from=(), confidence=0.8,
                actors_end: int | None = None) -> Measure:
        """A measure stated by the sentence ``[start, end)``; its actors are named
        before ``actors_end`` (default: anywhere in the sentence)."""
        period, year = c.period(self.text[start:end], self.meta.date)
        return Measure(label=label, quote=self.text[start:end], start=start, end=end, rule=rule,
                       led_from=tuple(led_from), instruments=self.instruments(start, end),
                       responsible=self.actors(start, actors_end or end), confidence=confidence,
                       period=period, date=year)


def _see_motion(cx: _Context) -> list[Measure]:
    found = {}
    for motion in cx.motions.items:
        head = cx.text[max(motion.start - 40, 0):motion.start]
        see = _SEE.search(head)
        if not see:
            continue
        paren = motion.start - len(head) + see.start()
        s_start, s_end = cx.sentences.around(paren)
        starts = list(_LABEL_START.finditer(cx.text, s_start, paren))
        label_start = starts[-1].end() if starts else s_start
        prev = found.get((label_start, paren))
        measure = cx.measure(_clean(cx.text[label_start:paren]), s_start, s_end, "measure-see-motion",
                             (prev.led_from if prev else ()) + (motion.id,), confidence=0.9)
        found[(label_start, paren)] = measure
    return list(found.values())


def _motions_concern(cx: _Context) -> list[Measure]:
    found = []
    for m in _CONCERN.finditer(cx.text):
        s_start, s_end = cx.sentences.around(m.start())
        what = _CONCERN_WHAT.search(cx.text, m.end(), s_end)
        if not what:
            continue
        led = tuple(r.id for r in cx.motions.within(m.start(), what.start()))
        found.append(cx.measure(_clean(what["what"]), s_start, s_end, "measure-motions-concern", led,
                                confidence=0.9))
    return found


def _following_motions(cx: _Context) -> list[Measure]:
    """"naar aanleiding van diverse moties tijdens het debat van 1 juli, <measure>"."""
    found = []
    for m in c.FOLLOWING_MOTIONS.finditer(cx.text):
        s_start, s_end = cx.sentences.around(m.start())
        named = [r.id for r in cx.motions.within(s_start, s_end)]
        debates = [d for d in cx.debates.within(m.start(), s_end) if d.date]
        what = m["rest"].split(",", 1)[1] if "," in m["rest"] else cx.text[s_start:m.start()]
        led = named or [debate_key(d) for d in debates[:1]]
        found.append(cx.measure(c.label(re.sub(r"\(.*$", "", what, flags=re.S)), s_start, s_end,
                                "measure-following-motions", led, confidence=0.7, actors_end=m.start()))
    return found


def _in_execution(cx: _Context) -> list[Measure]:
    found = []
    for m in c.IN_EXECUTION.finditer(cx.text):
        s_start, s_end = cx.sentences.around(m.start())
        motions = cx.motions.within(s_start, s_end)
        if not motions:
            continue
        clause = cx.text[max(m.end(), motions[-1].end):s_end]
        found.append(cx.measure(c.label(clause), s_start, s_end, "measure-in-execution",
                                [r.id for r in motions], confidence=0.8))
    return found


def _announced(cx: _Context) -> list[Measure]:
    """Intentions, wishes and planned actions; "wordt ... gestart" only with a time expression."""
    found = []
    for rule, pattern in (("measure-intention", c.INTENTION), ("measure-wish", c.WISH),
                          ("measure-planned", c.PLANNED)):
        for m in pattern.finditer(cx.text):
            s_start, s_end = cx.sentences.around(m.start())
            sentence = cx.text[s_start:s_end]
            if rule == "measure-planned" and not m.group().startswith(("zal", "zullen")) \
                    and not c.TIME.search(sentence):
                continue
            name = c.label(m["what"])
            if len(name) >= 5:
                found.append(cx.measure(name, s_start, s_end, rule, confidence=0.7))
    return found


def _studies(cx: _Context) -> list[Measure]:
    """A study under way; its label is "onderzoek " and what it asks."""
    found = []
    for m in c.STUDY.finditer(cx.text):
        s_start, s_end = cx.sentences.around(m.start())
        what = re.sub(r"\s+", " ", m["what"]).strip(" ,;:")
        found.append(cx.measure(f"onderzoek {what}"[:120], s_start, s_end, "measure-study", confidence=0.7))
    return found


def _founding(cx: _Context) -> list[Link]:
    links = []
    for m in _FOUNDING.finditer(cx.text):
        i = cx.sentences.index(m.start())
        before_start = max(cx.sentences.bounds[max(i - 2, 0)][0], m.start() - MAX_SENTENCE)
        bodies = [x for x in cx.mentions.within(before_start, m.start()) if x.kind == "Commission"]
        if not bodies:
            continue
        scope = [cx.sentences.around(m.start())]
        if i + 1 < len(cx.sentences.bounds):
            nxt = cx.sentences.around(cx.sentences.bounds[i + 1][0])
            if _SAME_SCOPE.search(cx.text, nxt[0], nxt[1]):
                scope.append(nxt)
        for s_start, s_end in scope:
            for motion in cx.motions.within(s_start, s_end):
                links.append(Link(motion.id, "ledTo", bodies[-1].concept, cx.text[s_start:s_end],
                                  s_start, s_end, rule="commission-founding-motions"))
    return links


def _one_per_sentence(measures: list[Measure]) -> list[Measure]:
    """The first rule that found a measure in a sentence wins (rules run most specific first)."""
    seen, starts, kept = set(), set(), []
    for m in measures:
        if (m.start, m.label) in seen or (m.rule not in _MULTI and m.start in starts):
            continue
        seen.add((m.start, m.label))
        starts.add(m.start)
        kept.append(m)
    return kept


_MULTI = {"measure-see-motion"}  # one sentence can name several measures with "(zie ... motie)"


def find_measures(text: str, references: list[Reference], mentions: list[Mention],
                  meta: Metadata, sentences: Sentences | None = None) -> tuple[list[Measure], list[Link]]:
    cx = _Context(text, SpanIndex(r for r in references if r.type == "motion"),
                  SpanIndex(r for r in references if r.type == "debate"),
                  SpanIndex(mentions), sentences or Sentences(text), meta)
    measures = (_see_motion(cx) + _motions_concern(cx) + _following_motions(cx) + _in_execution(cx)
                + _announced(cx) + _studies(cx))
    return _one_per_sentence(measures), _founding(cx)
