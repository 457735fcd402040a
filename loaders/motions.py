"""Motions named in the text ("de motie van het lid Mutluer c.s."), tied to
their Kamerstuk through a footnote marker or an inline citation.

Phrases are found in the clean view of the text (see ``loaders.layout``) and
tied in the original text, where the footnotes and citations live.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import patterns as p
from .footnotes import Footnotes
from .handelingen import find_debate_motions
from .layout import CleanText
from .models import Reference
from .names import motion_note, split_names
from .spans import SpanIndex
from .text import Sentences


def _phrases(text: str) -> Iterator[re.Match]:
    """Each motion phrase, and each "en van het lid Y" that continues it."""
    for m in p.MOTION.finditer(text):
        yield m
        pos = m.end()
        while True:
            marker = p.SUP_MARKER.match(text, pos)
            nxt = p.MOTION_CONTINUATION.match(text, marker.end() if marker else pos)
            if not nxt:
                break
            yield nxt
            pos = nxt.end()


def _in_body(kamerstukken: SpanIndex, footnotes: Footnotes, number: str) -> list[Reference]:
    body = footnotes.bodies[number]
    return kamerstukken.starting_in(body.start, body.end)


def _target(text, start, end, kamerstukken, footnotes, sentences, claimed):
    """``(citation, end, rule, footnote)`` for the phrase ``text[start:end]``, or None."""
    number = footnotes.marker_at(end)
    if number and number in footnotes.bodies:
        targets = _in_body(kamerstukken, footnotes, number)
        marker = footnotes.markers[number]
        return (targets[0], marker.end, "motion-footnote", number) if targets else None
    lead = p.INLINE_LEAD.match(text, end)
    assert lead is not None  # every part of the pattern is optional, so it always matches
    inline = kamerstukken.starting_at(lead.end())
    if inline:
        return inline[0], inline[0].end, "motion-inline", None
    number = footnotes.only_free_marker(*sentences.around(start), claimed)
    if number in footnotes.bodies:
        targets = _in_body(kamerstukken, footnotes, number)
        return (targets[0], end, "motion-footnote-sentence", number) if len(targets) == 1 else None
    return None


def find_motions(text: str, view: CleanText, citations: list[Reference], footnotes: Footnotes,
                 sentences: Sentences) -> list[Reference]:
    """Motion references; ``citations`` are the citations already found in ``text``.

    The forms of the Handelingen (``loaders.handelingen``) come first; a phrase found
    inside one of them is not found again. Their citations not in ``citations`` come too.
    """
    debate = find_debate_motions(text, citations)
    taken = SpanIndex(r for r in debate if r.type == "motion")
    kamerstukken = SpanIndex([c for c in citations if c.type == "kamerstuk"]
                             + [r for r in debate if r.type == "kamerstuk"])
    phrases = []
    for m in _phrases(view.text):
        clean_start = m.start("phrase") if "phrase" in m.re.groupindex else m.start()
        start, end = view.span(clean_start, m.end())
        phrases.append((m, start, end))
    claimed = {footnotes.marker_at(end) for _, _, end in phrases} - {None}
    found = []
    for m, start, end in phrases:
        if taken.overlaps(start, end):
            continue
        target = _target(text, start, end, kamerstukken, footnotes, sentences, claimed)
        if not target:
            continue
        citation, end, rule, number = target
        found.append(Reference(
            "motion", citation.id, text[start:end], start, end, rule=rule,
            submitters=split_names(m["names"]), footnote=number,
            note=motion_note(m.groupdict().get("adj"), bool(m["cs"])), sentence=sentences.around(start),
        ))
    return sorted(found + debate, key=lambda r: (r.start, r.end, r.type, r.id or ""))
