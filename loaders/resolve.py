"""Resolve named references (letters and debates by date, "per brief3") to the
official id their footnote gives, and keep what a footnote names by title.

Rules, each recorded in the reference's ``rule``:

- ``...+footnote``: a marker right after the phrase, or the only free marker in
  its sentence, points to a footnote that holds exactly one official citation.
- ``...+same-date``: a letter named by date whose date is the only date in the
  sentence of another footnote marker ("Ik heb de Kamer op 27 juni 2022 ...
  geïnformeerd.5"), so that footnote's citation names the same letter.
- ``debate-by-date`` without a year takes it from an earlier debate of the
  same day in the document ("het debat van 1 juli" after "het debat van 1 juli 2020").
- ``footnote-title``: a footnote with no official citation that names a
  document ("1 Rapportage Personeelsenquête Rijk (PER) ..., februari 2022.").
"""

from __future__ import annotations

import re
from dataclasses import replace

from . import patterns as p
from .find import iso_date
from .footnotes import Footnotes
from .models import Reference
from .spans import SpanIndex
from .text import Sentences

OFFICIAL = {"kamerstuk", "handelingen", "aanhangsel", "staatscourant", "staatsblad",
            "tractatenblad", "ecli", "bwb"}
_NOT_A_TITLE = re.compile(r"(?i)(?:zie|idem|ibid|id\.|vgl|cf|https?:|www\.)")


def _official_in(refs: SpanIndex, footnotes: Footnotes, number: str) -> list[Reference]:
    body = footnotes.bodies.get(number)
    if body is None:
        return []
    return [r for r in refs.starting_in(body.start, body.end) if r.type in OFFICIAL]


def _footnote_of(ref: Reference, footnotes: Footnotes, sentences: Sentences, claimed: set) -> str | None:
    return footnotes.marker_at(ref.end) or footnotes.only_free_marker(*sentences.around(ref.start), claimed)


def _by_footnote(refs, footnotes, sentences, claimed) -> list[Reference]:
    index, out = SpanIndex(refs), []
    for ref in refs:
        if ref.type in ("letter", "debate") and ref.id is None:
            number = _footnote_of(ref, footnotes, sentences, claimed)
            cited = _official_in(index, footnotes, number) if number else []
            if len(cited) == 1:
                ref = replace(ref, id=cited[0].id, footnote=number, rule=f"{ref.rule}+footnote",
                              sentence=sentences.around(ref.start))
        out.append(ref)
    return out


def _dated_footnotes(text, refs, footnotes, sentences) -> dict[str, str]:
    """date -> official id, for footnote markers whose sentence names exactly one date."""
    dated, index = {}, SpanIndex(refs)
    for number, marker in footnotes.markers.items():
        cited = _official_in(index, footnotes, number)
        start, end = sentences.around(marker.start)
        dates = [iso_date(m) for m in p.DATE.finditer(text, start, end)]
        dates = [d for d in dates if not d.startswith("--")]
        if len(cited) == 1 and len(dates) == 1:
            dated.setdefault(dates[0], cited[0].id)
    return dated


def _by_same_date(text, refs, footnotes, sentences) -> list[Reference]:
    dated = _dated_footnotes(text, refs, footnotes, sentences)
    return [replace(r, id=dated[r.date], rule=f"{r.rule}+same-date")
            if r.type == "letter" and r.id is None and r.date in dated else r for r in refs]


def _complete_years(refs: list[Reference]) -> list[Reference]:
    seen: dict[tuple[str, str], str] = {}
    out = []
    for ref in refs:
        if ref.type == "debate" and ref.date:
            if ref.date.startswith("--") and (ref.type, ref.date[2:]) in seen:
                ref = replace(ref, date=seen[(ref.type, ref.date[2:])] + ref.date[1:],
                              rule=f"{ref.rule}+same-day")
            elif not ref.date.startswith("--"):
                seen.setdefault((ref.type, ref.date[5:]), ref.date[:4])
        out.append(ref)
    return out


def footnote_titles(refs: list[Reference], footnotes: Footnotes) -> list[Reference]:
    """Footnotes that name a document by title and cite nothing official."""
    found, index = [], SpanIndex(refs)
    for number, body in footnotes.bodies.items():
        if _official_in(index, footnotes, number) or _NOT_A_TITLE.match(body.text):
            continue
        if not body.text[:1].isupper():
            continue
        title = re.sub(r"\s+", " ", body.text).strip().rstrip(".")
        found.append(Reference("report", None, body.text, body.start, body.end, rule="footnote-title",
                               footnote=number, name=title))
    return found


def drop_motion_members(refs: list[Reference]) -> list[Reference]:
    """A member named inside a motion phrase is the motion's submitter, not a reference."""
    motions = SpanIndex(r for r in refs if r.type == "motion")
    return [r for r in refs if r.type != "member" or not _inside(motions, r.start)]


def _inside(index: SpanIndex, offset: int) -> bool:
    before = index.last_starting_before(offset)
    return bool(before and before.end > offset)


def resolve(text: str, refs: list[Reference], footnotes: Footnotes, sentences: Sentences) -> list[Reference]:
    """``refs`` with named references resolved where footnotes allow."""
    claimed = {r.footnote for r in refs if r.type == "motion" and r.footnote}
    refs = _by_footnote(refs, footnotes, sentences, claimed)
    refs = _by_same_date(text, refs, footnotes, sentences)
    refs = _complete_years(refs)
    return drop_motion_members(refs + footnote_titles(refs, footnotes))
