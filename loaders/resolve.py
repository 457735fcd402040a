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
- ``...+footnote-date``: the footnote names one letter by date ("Kamerbrief van 16
  juli 2020, «...»"): a letter by kind word alone, or "van 16 juli j.l.", takes its date.
- ``...+inline``: exactly one inline citation of its kind (Kamerstuk for a letter,
  Handelingen for a debate) in the clause after the phrase, not a motion's.
- a letter named by subject ("de brief inzake ...") or kind word alone is dropped
  where nothing resolves it, and where a stronger rule found the same words.
- ``footnote-title``: a footnote with no official citation that names a
  document by author, title and date ("1 Rapportage Personeelsenquête Rijk (PER)
  ..., februari 2022.", "Zie ook de juridische analyse ... van 12 augustus 2020, p. 3").
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


def _official_in(refs: SpanIndex, footnotes: Footnotes, number: str) -> list[Reference]:
    body = footnotes.bodies.get(number)
    if body is None:
        return []
    return [r for r in refs.starting_in(body.start, body.end) if r.type in OFFICIAL]


def _footnote_of(ref: Reference, footnotes: Footnotes, sentences: Sentences, claimed: set) -> str | None:
    return footnotes.marker_at(ref.end) or footnotes.only_free_marker(*sentences.around(ref.start), claimed)


def _same_day(ref: Reference, date: str | None) -> bool:
    """A letter without a date, or "van 16 juli j.l." and a footnote's "16 juli 2020"."""
    if not date:
        return False
    return ref.date is None or ref.date == date or (ref.date.startswith("--") and ref.date[1:] == date[4:])


def _letter_in(refs: SpanIndex, footnotes: Footnotes, number: str) -> list[Reference]:
    """Letters named by date in a footnote: "Kamerbrief van 16 juli 2020, «...», kenmerk ..."."""
    body = footnotes.bodies.get(number)
    if body is None:
        return []
    return [r for r in refs.starting_in(body.start, body.end) if r.type == "letter" and r.date]


def _by_footnote(refs, footnotes, sentences, claimed) -> list[Reference]:
    """A footnote with one official citation gives the id; one that names a single letter by
    date ("Kamerbrief van 16 juli 2020, ...") gives a letter its date."""
    index, out = SpanIndex(refs), []
    for ref in refs:
        if ref.type in ("letter", "debate") and ref.id is None:
            number = _footnote_of(ref, footnotes, sentences, claimed)
            cited = _official_in(index, footnotes, number) if number and ref.rule != "letter-bare" else []
            letters = _letter_in(index, footnotes, number) if number and ref.type == "letter" else []
            if len(cited) == 1:
                ref = replace(ref, id=cited[0].id, footnote=number, rule=f"{ref.rule}+footnote",
                              sentence=sentences.around(ref.start))
            elif not cited and len(letters) == 1 and _same_day(ref, letters[0].date):
                ref = replace(ref, date=letters[0].date, footnote=number,
                              rule=f"{ref.rule}+footnote-date", sentence=sentences.around(ref.start))
        out.append(ref)
    return out


_CITES = {"letter": ("kamerstuk",), "debate": ("handelingen",)}
_BRACKET_NEXT = re.compile(r"\s{0,3}\(")


def _clause_end(text: str, ref: Reference, sentences: Sentences) -> int:
    """Where the clause after ``ref`` ends: its sentence's end or a semicolon before it (the
    items of an agenda list). A bracket right after "jl." ("op 11 april jl. (Handelingen ...")
    goes on in the next sentence."""
    end = sentences.around(ref.start)[1]
    bracket = _BRACKET_NEXT.match(text, end)
    if bracket:
        end = sentences.around(bracket.end())[1]
    semicolon = text.find(";", ref.end, end)
    return semicolon if semicolon >= 0 else end


def _by_inline_citation(text, refs, sentences) -> list[Reference]:
    """A letter or debate followed in its clause by exactly one inline citation of its kind
    that no motion claims ("brief van 10 februari 2023 ... (Kamerstuk 35 510, nr. 115)",
    "het vragenuurtje op 11 april jl. (Handelingen II 2016/17, nr. 66, item 6)") is the
    document that citation names. Another letter or debate of the same kind ends the clause.
    A letter by its kind word alone is resolved only by its footnote."""
    index = SpanIndex(refs)
    motions = SpanIndex(r for r in refs if r.type == "motion")
    out = []
    for ref in refs:
        if ref.type in _CITES and ref.id is None and ref.rule != "letter-bare":
            end = _clause_end(text, ref, sentences)
            after = index.starting_in(ref.end, end)
            rival = next((r.start for r in after if r.type == ref.type and r.rule != "letter-bare"), end)
            cited = {(r.id, r.start) for r in after if r.type in _CITES[ref.type]
                     and r.start < rival and not motions.covers(r.start)}
            if len({ident for ident, _ in cited}) == 1:
                ref = replace(ref, id=min(cited)[0], rule=f"{ref.rule}+inline",
                              sentence=sentences.around(ref.start))
        out.append(ref)
    return out


# Letters found by a weaker rule give way to one found by a stronger rule over the same words.
_LETTER_RANK = (("letter-by-date", "letters-"), ("letter-by-footnote", "letter-by-subject"), ("letter-bare",))


def _rank(ref: Reference) -> int:
    return next(i for i, rules in enumerate(_LETTER_RANK) if ref.rule.startswith(rules))


def _unresolved_or_twice(refs: list[Reference]) -> list[Reference]:
    """Drop a letter named by subject or kind word alone that nothing resolved, and a letter
    inside one found by a stronger rule ("Kamerbrief" inside "Kamerbrief van 16 juli 2020")."""
    letters = [r for r in refs if r.type == "letter"]
    stronger = [SpanIndex(r for r in letters if _rank(r) < rank) for rank in range(len(_LETTER_RANK))]
    out = []
    for ref in refs:
        if ref.type == "letter" and _rank(ref) > 0:
            if ref.id is None and ref.date is None or stronger[_rank(ref)].overlaps(ref.start, ref.end):
                continue
        out.append(ref)
    return out


def _dated_footnotes(text, refs, footnotes, sentences) -> dict[str, str]:
    """date -> official id, for footnote markers whose sentence names exactly one date."""
    dated: dict[str, str] = {}
    index = SpanIndex(refs)
    for number, marker in footnotes.markers.items():
        cited = _official_in(index, footnotes, number)
        start, end = sentences.around(marker.start)
        found = [iso_date(m) for m in p.DATE.finditer(text, start, end)]
        dates = [d for d in found if d is not None and not d.startswith("--")]  # None: no such day
        if len(cited) == 1 and len(dates) == 1:
            dated.setdefault(dates[0], cited[0].known_id())
    return dated


def _by_same_date(text, refs, footnotes, sentences) -> list[Reference]:
    dated = _dated_footnotes(text, refs, footnotes, sentences)
    return [replace(r, id=dated[r.date], rule=f"{r.rule}+same-date")
            if r.type == "letter" and r.id is None and r.date in dated else r for r in refs]


def _complete_years(refs: list[Reference]) -> list[Reference]:
    seen: dict[tuple[str, str], str] = {}
    out = []
    for ref in refs:
        date = ref.date
        if ref.type == "debate" and date:
            if date.startswith("--") and (ref.type, date[2:]) in seen:
                ref = replace(ref, date=seen[(ref.type, date[2:])] + date[1:], rule=f"{ref.rule}+same-day")
            elif not date.startswith("--"):
                seen.setdefault((ref.type, date[5:]), date[:4])
        out.append(ref)
    return out


def _named_in(text: str, start: int, end: int) -> tuple[int, int, str] | None:
    """The first name of a document in ``text[start:end]`` (a footnote): (start, end, key)."""
    starts = [start] + [m.end() for m in p.FOOTNOTE_SENTENCE.finditer(text, start, end)]
    for at in starts:
        lead = p.FOOTNOTE_LEAD.match(text, at, end)
        m = p.FOOTNOTE_NAME.match(text, lead.end() if lead else at, end)
        if not m or not (lead or text[m.start()].isupper() or text[m.start()] == "«"):
            continue
        quoted = p.QUOTED_NAME.match(text, m.start(), m.end("name"))
        if quoted:
            return quoted.start(), quoted.end(), quoted["title"]
        stop = m.end()
        if m.end() == end - 1 and text[m.end()] == ".":  # the whole footnote, its full stop too
            stop = end
        key = m["title"] or re.sub(r"\s+", " ", m["name"]).strip()
        return m.start(), stop, key
    return None


def footnote_titles(refs: list[Reference], footnotes: Footnotes, text: str) -> list[Reference]:
    """Footnotes that name a document by author, title and date and cite nothing official
    (the name ends at its date, without a locator such as "p. 13"); not a letter by date."""
    found, index = [], SpanIndex(refs)
    letters = SpanIndex(r for r in refs if r.type == "letter")
    for number, body in footnotes.bodies.items():
        if _official_in(index, footnotes, number):
            continue
        named = _named_in(text, body.start, body.end)
        if not named or letters.starting_in(named[0], named[1]):
            continue
        start, end, key = named
        found.append(Reference("report", None, text[start:end], start, end, rule="footnote-title",
                               footnote=number, name=key))
    return found


def drop_motion_members(refs: list[Reference]) -> list[Reference]:
    """A member named inside a motion phrase is the motion's submitter, not a reference."""
    motions = SpanIndex(r for r in refs if r.type == "motion")
    return [r for r in refs if r.type != "member" or not motions.covers(r.start)]


def resolve(text: str, refs: list[Reference], footnotes: Footnotes, sentences: Sentences) -> list[Reference]:
    """``refs`` with named references resolved where footnotes allow."""
    claimed = {r.footnote for r in refs if r.type == "motion" and r.footnote}
    refs = _by_footnote(refs, footnotes, sentences, claimed)
    refs = _by_inline_citation(text, refs, sentences)
    refs = _by_same_date(text, refs, footnotes, sentences)
    refs = _unresolved_or_twice(refs)
    refs = _complete_years(refs)
    return drop_motion_members(refs + footnote_titles(refs, footnotes, text))
