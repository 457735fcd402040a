"""Footnotes: which footnote a marker in the text points to.

Markdown from officielebekendmakingen marks footnotes as ``<sup>4</sup>`` in the
text and ``<sup>4</sup> Kamerstuk 30 950, nr. 293.`` at the start of a line.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import patterns as p
from .models import Span


@dataclass(frozen=True)
class Footnotes:
    """Footnote bodies by marker, and the spans they occupy."""

    bodies: dict[str, Span]

    def containing(self, offset: int) -> str | None:
        """The marker of the footnote whose body holds ``offset``, if any."""
        for marker, span in self.bodies.items():
            if span.start <= offset < span.end:
                return marker
        return None


def find_footnotes(text: str) -> Footnotes:
    bodies = {}
    for m in p.SUP_FOOTNOTE.finditer(text):
        bodies.setdefault(m["n"], Span(m["body"], m.start("body"), m.end("body")))
    return Footnotes(bodies)
