"""Motions named in the text ("de motie van het lid Mutluer c.s."), tied to
their Kamerstuk through a footnote marker or an inline citation."""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import patterns as p
from .footnotes import Footnotes
from .models import Reference


def _submitters(names: str) -> tuple[str, ...]:
    return tuple(re.sub(r"\s+", " ", n).strip() for n in names.split("/"))


def _note(adj: str | None, cs: str | None) -> str | None:
    parts = [re.sub(r"\s+", " ", adj).strip()] if adj else []
    if cs:
        parts.append("c.s.")
    return " ".join(parts) or None


def _phrases(text: str) -> Iterator[re.Match]:
    """Each motion phrase, and each "en van het lid Y" that continues it."""
    for m in p.MOTION.finditer(text):
        yield m
        pos = m.end()
        marker = p.SUP_MARKER.match(text, pos)
        while True:
            if marker:
                pos = marker.end()
            nxt = p.MOTION_CONTINUATION.match(text, pos)
            if not nxt:
                break
            yield nxt
            pos = nxt.end()
            marker = p.SUP_MARKER.match(text, pos)


def find_motions(text: str, citations: list[Reference], footnotes: Footnotes) -> list[Reference]:
    """Motion references; ``citations`` are the Kamerstuk citations already found."""
    kamerstukken = [c for c in citations if c.type == "kamerstuk"]
    found = []
    for m in _phrases(text):
        adj = m.groupdict().get("adj")
        start = m.start("phrase") if "phrase" in m.re.groupindex else m.start()
        submitters, note = _submitters(m["names"]), _note(adj, m["cs"])
        marker = p.SUP_MARKER.match(text, m.end())
        if marker and marker["n"] in footnotes.bodies:
            body = footnotes.bodies[marker["n"]]
            targets = [c for c in kamerstukken if body.start <= c.start < body.end]
            end, rule, fn = marker.end(), "motion-footnote", marker["n"]
        else:
            lead = p.INLINE_LEAD.match(text, m.end())
            targets = [c for c in kamerstukken if c.start == lead.end()]
            end, rule, fn = (targets[0].end if targets else m.end()), "motion-inline", None
        for target in targets[:1]:
            found.append(Reference(
                "motion", target.id, text[start:end], start, end, rule=rule,
                submitters=submitters, footnote=fn, note=note,
            ))
    return found
