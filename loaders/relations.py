"""Relations the text states between documents, requests and bodies:

- ``responds-to-request``: the sentence that says who asked for this document
  ("Tijdens het ordedebat van 13 december 2022 heeft het lid Van Baarle mij om
  een brief gevraagd", "heeft ... op 4 april 2024 per brief verzocht om met een
  kabinetsreactie te komen") -> this document ``respondsTo`` that debate or letter.
- ``body-established``: a commission "ingesteld in mei 2022" with a footnote that
  cites the Staatscourant -> ``establishedBy`` that decision, and its start date.
- ``body-started``: "In 2021 is de Nationaal Coördinator ... (NCDR) gestart" ->
  the body's ``startDate``.
- ``motion-request``: what a motion asks, as the citing text words it ("de
  gewijzigde motie van het lid Belhaj c.s., die de regering verzoekt om «...»",
  "waarin wordt verzocht om te verkennen of ...") -> the motion's ``requestText``.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from . import patterns as p
from .footnotes import Footnotes
from .models import SELF, ConceptRef, DebateRef, DocumentRef, Link, Mention, Reference
from .spans import SpanIndex
from .text import Sentences

_REQUEST = re.compile(r"(?<!\w)(?:verzocht|gevraagd|verzoek|vroeg|vroegen|heeft\s{1,3}gevraagd)(?!\w)")
_ASKED_FOR = re.compile(r"(?<!\w)(?:brief|reactie|kabinetsreactie|antwoord|beantwoording)(?!\w)")
_ESTABLISHED = re.compile(r"(?<!\w)(?:ingesteld|opgericht|geïnstalleerd|gestart|van\s{1,3}start\s{1,3}gegaan)(?!\w)")
_IN_TIME = re.compile(rf"(?<!\w)(?:[Ii]n|[Ss]inds|[Pp]er)\s{{1,3}}(?:(?P<month>{p._MONTHS})\s{{1,3}})?"
                      r"(?P<year>(?:19|20)\d\d)(?!\d)")
_BODIES = {"Commission", "Coordinator", "HumanRightsInstitute"}
_GAZETTES = {"staatscourant", "staatsblad"}


def debate_ref(debate: Reference) -> DocumentRef | DebateRef:
    """How links name a debate: by its official id, else by date and kind."""
    if debate.id:
        return DocumentRef(debate.id)
    assert debate.date is not None  # a debate without an id is known by its date
    return DebateRef(debate.date, debate.note or "debat")


def letter_key(date: str) -> str:
    """The identifier of a letter known only by its date ("mijn brief van 27 juni 2022")."""
    return f"letter-{date}"


def _target(ref: Reference) -> DocumentRef | DebateRef:
    if ref.type == "debate":
        return debate_ref(ref)
    if ref.id:
        return DocumentRef(ref.id)
    assert ref.date is not None  # responds_to names only references with an id or a date
    return DocumentRef(letter_key(ref.date))


def responds_to(text: str, refs: list[Reference], sentences: Sentences) -> list[Link]:
    named = SpanIndex(r for r in refs if r.type in ("debate", "letter") and (r.id or r.date)
                      and not (r.date or "").startswith("--"))
    links = []
    for m in _REQUEST.finditer(text):
        start, end = sentences.around(m.start())
        asked = [r for r in named.within(start, end) if r.start < m.start()]
        if asked and _ASKED_FOR.search(text[start:asked[0].start] + " " + text[asked[0].end:end]):
            links.append(Link(SELF, "respondsTo", _target(asked[0]), text[start:end], start, end,
                              rule="responds-to-request", confidence=0.8))
    return links


def _start_date(match: re.Match) -> str:
    month = p.MONTHS.get(match["month"] or "")
    return f"{match['year']}-{month:02d}" if month else match["year"]


def established(text: str, refs: list[Reference], mentions: list[Mention], footnotes: Footnotes,
                sentences: Sentences) -> list[Link]:
    bodies, index, links = SpanIndex(m for m in mentions if m.kind in _BODIES), SpanIndex(refs), []
    for m in _ESTABLISHED.finditer(text):
        start, end = sentences.around(m.start())
        named = [b for b in bodies.within(start, m.start())]
        if not named:
            continue
        body, quote = ConceptRef(named[-1].concept), text[start:end]
        when = _IN_TIME.search(text, start, end)
        if when:
            links.append(Link(body, "startDate", _start_date(when), quote, start, end, rule="body-started"))
        for number in footnotes.markers_within(m.start(), end)[:1]:
            note = footnotes.bodies.get(number)
            cited = [r for r in index.starting_in(note.start, note.end) if r.type in _GAZETTES] if note else []
            for decision in cited[:1]:
                links.append(Link(body, "establishedBy", DocumentRef(decision.known_id()), quote, start, end,
                                  rule="body-established", confidence=0.9))
    return links


_ASKS = re.compile(
    r"\s{0,3},?\s{0,3}(?:die\s{1,3}(?:de\s{1,3}regering|het\s{1,3}kabinet)\s{1,3}verzoekt|waarin\s{1,3}"
    r"(?:de\s{1,3}regering\s{1,3}|het\s{1,3}kabinet\s{1,3})?(?:wordt\s{1,3})?(?:verzocht|verzoekt))"
    r"\s{1,3}(?:om\s{1,3})?"
)
# "om «...»" or "om ... te onderzoeken," ends at the infinitive before a comma, stop or closing quote.
_UNTIL_INFINITIVE = re.compile(r"[^.;]{3,400}?\bte\s{1,3}[a-zë]{2,30}en(?=[\s»”’]{0,3}[,.;]|[»”’])")


def motion_requests(text: str, refs: list[Reference], sentences: Sentences) -> list[Link]:
    motions = sorted((r for r in refs if r.type == "motion"), key=lambda r: r.start)
    starts, links = [m.start for m in motions], []
    for motion in motions:
        asks = _ASKS.match(text, motion.end)
        if not asks:
            continue
        _, s_end = sentences.around(motion.start)
        after = bisect_right(starts, asks.end())  # the next motion phrase ends this request
        stop = min(s_end, starts[after]) if after < len(starts) else s_end
        ends = _UNTIL_INFINITIVE.match(text, asks.end(), stop)
        end = ends.end() if ends else stop
        request = re.sub(r"\s+", " ", text[asks.end():end]).strip(" ,;.«»“”‘’")
        request = re.sub(r"\s(?:en|of)$", "", request)
        if len(request) >= 5:
            links.append(Link(DocumentRef(motion.known_id()), "requestText", request, text[motion.start:end],
                              motion.start, end, rule="motion-request", confidence=0.9))
    return links
