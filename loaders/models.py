"""Frozen records of what the loaders find; every one knows its span.

Invariant for every record with ``start``/``end``: ``text == content[start:end]``
where ``content`` is the document text as read (see ``loaders.text``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Span:
    """A stretch of the document text."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Reference:
    """A citation of another document, normalised to its official id.

    ``type`` is one of ``kamerstuk``, ``handelingen``, ``aanhangsel``,
    ``staatscourant``, ``staatsblad``, ``tractatenblad``, ``ecli``, ``bwb``,
    ``law`` (a named law, resolved to its BWB id through the vocabulary),
    ``motion`` (a motion named in the text, tied to its Kamerstuk), and the
    named references that have no id in the text: ``letter`` and ``debate``
    (by date; a footnote can resolve them to an id), ``report`` (by title) and
    ``member`` (a member of parliament by name).

    Identifiers of their own kind, not citations of an official publication:
    ``tk-document`` ("2020D29967") and ``tk-zaak`` ("2022Z12624"), Tweede Kamer
    numbers; ``raad-van-state`` ("W16.19.0159/II"), an advice of the Raad van
    State; ``eu-journal`` (id "OJ L 119, 2016"), the Official Journal of the EU.
    """

    type: str
    id: str | None
    text: str
    start: int
    end: int
    rule: str
    submitters: tuple[str, ...] = ()
    pinpoint: str | None = None  # "pag 24-25", "artikel 1", "item 7"
    date: str | None = None  # ISO date for references by date; "--01-29" when the year is not given
    footnote: str | None = None  # the footnote marker this reference hangs on
    note: str | None = None  # e.g. "gewijzigd", "aangenomen", "c.s.", the kind of letter or debate
    name: str | None = None  # the title of a report, the name of a member
    sentence: tuple[int, int] | None = None  # the sentence that states it, when wider than ``text``

    def as_dict(self) -> dict:
        """Plain fields; ``id`` always (None until resolved), others when set."""
        always = ("type", "id", "text", "start", "end", "rule")
        data = {k: v for k, v in asdict(self).items() if k in always or v not in (None, ())}
        if self.type == "motion":
            data["submitters"] = list(self.submitters)
        if self.sentence:
            data["sentence"] = list(self.sentence)
        return data

    def known_id(self) -> str:
        """``id`` of a reference found with one: a citation of an official id, a motion
        (only named references, resolved later, start without)."""
        assert self.id is not None, f"{self.type} reference without an id: {self.text!r}"
        return self.id


@dataclass(frozen=True)
class Mention:
    """A vocabulary concept named in the text."""

    concept: str  # concept IRI from ontology/vocab
    kind: str  # the concept's pkg class local name: Ministry, Instrument, ...
    text: str
    start: int
    end: int
    rule: str = "gazetteer"


@dataclass(frozen=True)
class ThisDocument:
    """The document the extraction is of."""

    def __str__(self) -> str:
        return "self"


SELF = ThisDocument()


@dataclass(frozen=True)
class DocumentRef:
    """A document by official id or document key ("kst-30950-295", "letter-2022-06-27")."""

    identifier: str

    def __str__(self) -> str:
        return self.identifier


@dataclass(frozen=True)
class ConceptRef:
    """A vocabulary concept by IRI."""

    iri: str

    def __str__(self) -> str:
        return self.iri


@dataclass(frozen=True)
class DebateRef:
    """A debate known by its date and kind only ("ordedebat")."""

    date: str
    kind: str

    def __str__(self) -> str:
        return f"debate:{self.date}:{self.kind}"


@dataclass(frozen=True)
class MeasureRef:
    """A measure of this document, by label."""

    label: str

    def __str__(self) -> str:
        return f"measure:{self.label}"


@dataclass(frozen=True)
class RecommendationRef:
    """A recommendation this document answers, by its number ("97-a") and heading."""

    number: str
    heading: str

    def __str__(self) -> str:
        return f"recommendation:{self.number}:{self.heading}"


# What a link or a measure's origin names; ``str()`` gives the key ``policykg extract`` writes.
NodeRef = ThisDocument | DocumentRef | ConceptRef | DebateRef | MeasureRef | RecommendationRef


def _plain(value):
    """A field as ``policykg extract`` writes it: node references as keys, tuples as lists."""
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return str(value) if isinstance(value, NodeRef) else value


@dataclass(frozen=True)
class Measure:
    """Something the government does or promises, as a sentence states it."""

    label: str
    quote: str
    start: int
    end: int
    rule: str
    led_from: tuple[DocumentRef | DebateRef, ...] = ()  # motions, or a debate
    instruments: tuple[str, ...] = ()  # concept IRIs
    responsible: tuple[str, ...] = ()  # concept IRIs of actors
    confidence: float = 0.8  # the rule's; the graph has it once, on the rule's node (ontology/vocab/rules.ttl)
    period: str | None = None  # the time expression as written: "komend najaar", "voorjaar 2023"
    date: str | None = None  # the year the period names, when it names one

    def as_dict(self) -> dict:
        return {k: _plain(v) for k, v in vars(self).items()}


@dataclass(frozen=True)
class Link:
    """A relation the text states, e.g. the motions that "liggen ten grondslag" at
    a commission (``motion ledTo body``), or the request a letter answers
    (``document respondsTo debate``).

    ``source`` and ``target`` are node references; for ``startDate`` the target is
    a year or date, for ``requestText`` the text asked for.
    """

    source: NodeRef
    relation: str  # local name of a pkg property: "ledTo", "respondsTo", "establishedBy", "startDate"
    target: NodeRef | str
    quote: str
    start: int
    end: int
    rule: str
    confidence: float = 0.8  # the rule's; the graph has it once, on the rule's node (ontology/vocab/rules.ttl)

    def as_dict(self) -> dict:
        return {k: _plain(v) for k, v in vars(self).items()}


@dataclass(frozen=True)
class MotionEvent:
    """What a debate or a vote states about a motion (see ``loaders.handelingen``).

    ``kind`` is ``outcome`` (value "aangenomen", "verworpen", "aangehouden"), ``vote`` (value
    a party, ``choice`` "Voor" or "Tegen"), ``others`` (how the parties the chair does not
    name voted: value "Voor" or "Tegen"), ``appraisal`` (the cabinet's: "Oordeel Kamer",
    "Ontraden", ...), ``replaces`` (value the official id of the motion it replaces) or
    ``request`` (value what the motion asks, the quote the whole motion as read out).
    """

    motion: str  # official id
    kind: str
    value: str
    quote: str  # == content[start:end]
    start: int
    end: int
    rule: str
    choice: str | None = None


@dataclass(frozen=True)
class Metadata:
    """What the document says about itself."""

    kind: str  # Letter, DecisionMemo, Motion, Report, Decision, Proceedings, GazettePublication, Document
    identifier: str | None = None  # official id the document states about itself: "kst-30950-443"
    date: str | None = None  # ISO date
    title: str | None = None
    kenmerk: str | None = None
    dossier: str | None = None  # "30950" or "36200-VII"
    dossier_title: str | None = None
    sender: str | None = None  # concept IRI of the sending organisation
    signatory: str | None = None  # person name
    addressee: str | None = None  # concept IRI
    # a motion as published: every signatory in printed order ("Van Baarle", "Diederik van Dijk"),
    # the considerations ("constaterende dat ...") and requests ("verzoekt de regering ...") as
    # quoted, and the official id of the motion a gewijzigde motie replaces
    submitters: tuple[str, ...] = ()
    considerations: tuple[str, ...] = ()
    requests: tuple[str, ...] = ()
    replaces: str | None = None
    # evidence per field; per item for a motion: "submitter-1", "consideration-1", "request-1"
    spans: dict[str, Span] = field(default_factory=dict)


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one source document."""

    source: str  # file name
    content: str
    content_hash: str
    metadata: Metadata
    references: tuple[Reference, ...]
    mentions: tuple[Mention, ...]
    measures: tuple[Measure, ...]
    links: tuple[Link, ...]
    key: str  # the document key: official id, or sender + kenmerk, or the file name's slug
    motion_events: tuple[MotionEvent, ...] = ()  # outcomes, votes, appraisals a debate states
