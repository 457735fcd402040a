"""Recommendations a document answers one by one, as a cabinet response does:

    Aanbeveling paragraaf 97, sub a:
    (a) Adopt a definition of racial discrimination ...
    Reactie kabinet:
    De kabinetsbrede aanpak van discriminatie ...

Each heading becomes a recommendation the document ``respondsTo``; a measure
announced in its "Reactie kabinet" section is one the recommendation ``ledTo``
(rule ``measure-in-response``, lower confidence: the section answers the
recommendation, it need not say the measure follows from it).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from .models import SELF, Link, Measure, MeasureRef, RecommendationRef

_HEADING = re.compile(
    r"(?m)^[ \t]{0,3}(?P<heading>Aanbeveling(?:en)?[ \t]{1,3}(?:paragraaf|par\.|§)[ \t]{0,3}(?P<par>\d{1,4})"
    r"(?:[ \t]{0,2},?[ \t]{0,3}sub[ \t]{1,3}(?P<sub>[a-z]{1,2}))?)[ \t]{0,3}:?"
)
_RESPONSE = re.compile(r"(?m)^[ \t]{0,3}Reactie(?:[ \t]{1,3}(?:kabinet|van[ \t]{1,3}het[ \t]{1,3}kabinet))?[ \t]{0,3}:")


@dataclass(frozen=True)
class Section:
    key: str  # "96", "97-a"
    heading: str
    start: int
    end: int
    response_start: int | None  # where "Reactie kabinet:" begins, if it does


def sections(text: str) -> list[Section]:
    heads = list(_HEADING.finditer(text))
    found = []
    for i, m in enumerate(heads):
        end = heads[i + 1].start() if i + 1 < len(heads) else len(text)
        response = _RESPONSE.search(text, m.end(), end)
        key = m["par"] + (f"-{m['sub']}" if m["sub"] else "")
        found.append(Section(key, re.sub(r"\s+", " ", m["heading"]), m.start("heading"), end,
                             response.start() if response else None))
    return found


def recommendation_links(text: str, measures: list[Measure]) -> list[Link]:
    links = []
    # the measures by start, so a section finds its own by binary search (each
    # section scanning every measure is quadratic on a long text)
    by_start = sorted((m.start, i) for i, m in enumerate(measures))
    starts = [start for start, _ in by_start]
    for section in sections(text):
        recommendation = RecommendationRef(section.key, section.heading)
        line_end = text.find("\n", section.start)
        head_end = section.start + len(text[section.start:line_end if line_end >= 0 else len(text)].rstrip())
        links.append(Link(SELF, "respondsTo", recommendation, text[section.start:head_end], section.start, head_end,
                          rule="recommendation-heading", confidence=0.9))
        if section.response_start is None:
            continue
        inside = by_start[bisect_left(starts, section.response_start):bisect_left(starts, section.end)]
        for m in (measures[i] for i in sorted(i for _, i in inside)):
            links.append(Link(recommendation, "ledTo", MeasureRef(m.label), m.quote, m.start, m.end,
                              rule="measure-in-response", confidence=0.6))
    return links
