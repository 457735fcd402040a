"""What a page about one node shows, as data: its types, labels, identifiers and
dates, what it cites and what cites it, its other relations in both directions,
each fact with its provenance (the quote, file and line of extraction evidence,
the Open Data record, or the curator's word), and its trace (``trace.py``).

Works on any ``GraphStore``: the queries are ``queries/lookup/node-*.rq``, the
node bound as an RDF term. Rendering is the site's job (``policykg/site``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, RDFS, SKOS
from rdflib.term import Node

from policykg import resources
from policykg.errors import PolicyKGError
from policykg.namespaces import PKG

from .backend import GraphStore
from .trace import Step, trace

LABELS = (DCTERMS.title, RDFS.label, SKOS.prefLabel, FOAF.name, SKOS.altLabel)  # as a title prefers them
DATES = (PKG.date, PKG.startDate, PKG.year, PKG.deadline, DCTERMS.created, DCTERMS.modified)
IDENTIFIERS = (PKG.identifier,)
INCOMING_LIMIT = 1000  # relations towards a node shown; node-in.rq asks one more to tell


@dataclass(frozen=True)
class Value:
    """One end of a fact: a node (``iri`` set, with what the store says it is
    called) or a literal (``text``, ``lang``, ``datatype``)."""

    text: str
    iri: str | None = None
    label: str | None = None
    type: str | None = None  # the pkg: class's local name ("Motion")
    identifier: str | None = None
    lang: str | None = None
    datatype: str | None = None

    @property
    def name(self) -> str:
        """What to call it: label, else identifier, else the IRI or the text."""
        return self.label or self.identifier or self.text


@dataclass(frozen=True)
class Provenance:
    """Where one fact comes from. ``kind`` is ``Evidence`` (extracted: quote,
    file, line, rule), ``DataRecord`` (Open Data: source URL, saved file),
    ``Assertion`` or ``Rejection`` (a curator's word: curator, note)."""

    record: str
    kind: str
    subject: str
    predicate: str
    object: Value
    quote: str | None = None
    file: str | None = None
    line: int | None = None
    rule: str | None = None
    curator: str | None = None
    note: str | None = None
    source: str | None = None
    saved: str | None = None


@dataclass
class Fact:
    """One triple about the node, seen from the node: ``other`` is the object of
    an outgoing fact, the subject of an incoming one; ``predicate_label`` the
    ontology's English label of the predicate."""

    predicate: str
    predicate_label: str | None
    other: Value
    outgoing: bool
    provenance: list[Provenance] = field(default_factory=list)

    @property
    def rejected_by(self) -> list[Provenance]:
        return [p for p in self.provenance if p.kind == "Rejection"]

    @property
    def asserted_by(self) -> list[Provenance]:
        return [p for p in self.provenance if p.kind == "Assertion"]


@dataclass
class Description:
    """Everything a node page shows."""

    iri: str
    types: list[Value]
    labels: list[Fact]  # titles, labels and names, as LABELS ranks them
    identifiers: list[Value]
    dates: list[Fact]
    attributes: list[Fact]  # other literal values
    cites: list[Fact]
    cited_by: list[Fact]
    outgoing: list[Fact]  # other relations to nodes
    incoming: list[Fact]
    curation: list[Provenance]  # the curators' word on facts about the node
    trace: Step | None
    incoming_truncated: bool = False

    @property
    def title(self) -> str:
        """The node's name: its identifier (kst-30950-295), else its title, label or
        name (Dutch or plain first), else the IRI."""
        if self.identifiers:
            return self.identifiers[0].text
        return self.label or self.iri

    @property
    def label(self) -> str | None:
        """Its title, label or name, Dutch or plain before other languages."""
        ranked = sorted((f.other for f in self.labels), key=lambda v: v.lang not in (None, "nl"))
        return " ".join(ranked[0].text.split()) if ranked else None

    @property
    def type_names(self) -> list[str]:
        """The local names of its classes ("Motion", "ParliamentaryPaper")."""
        return [_local_name(URIRef(t.text)) or t.text for t in self.types]


def known(store: GraphStore, iri: URIRef) -> bool:
    """Whether the store holds any triple that names ``iri``."""
    return bool(store.query(resources.lookup_query("node-known"), {"node": iri}).boolean)


def describe(store: GraphStore, iri: URIRef, with_trace: bool = True) -> Description | None:
    """What the store says of ``iri``, or None when it says nothing."""
    if not known(store, iri):
        return None
    provenance = _provenance(store, iri)
    out = [_fact(row, "value", True, provenance) for row in _rows(store, "node-out", iri)]
    incoming_rows = _rows(store, "node-in", iri)
    incoming = [_fact(row, "subject", False, provenance) for row in incoming_rows[:INCOMING_LIMIT]]
    node_values = [f for f in out if f.other.iri is not None and f.predicate != str(RDF.type)]
    literal_values = [f for f in out if f.other.iri is None]
    return Description(
        iri=str(iri),
        types=[f.other for f in out if f.predicate == str(RDF.type)],
        labels=sorted((f for f in literal_values if URIRef(f.predicate) in LABELS),
                      key=lambda f: LABELS.index(URIRef(f.predicate))),
        identifiers=[f.other for f in literal_values if URIRef(f.predicate) in IDENTIFIERS],
        dates=[f for f in literal_values if URIRef(f.predicate) in DATES],
        attributes=[f for f in literal_values if URIRef(f.predicate) not in (*LABELS, *IDENTIFIERS, *DATES)],
        cites=[f for f in node_values if f.predicate == str(PKG.cites)],
        cited_by=[f for f in incoming if f.predicate == str(PKG.cites)],
        outgoing=[f for f in node_values if f.predicate != str(PKG.cites)],
        incoming=[f for f in incoming if f.predicate != str(PKG.cites)],
        curation=[p for records in provenance.values() for p in records if p.kind in ("Assertion", "Rejection")],
        trace=_trace(store, iri) if with_trace and _traced(out) else None,
        incoming_truncated=len(incoming_rows) > INCOMING_LIMIT,
    )


def _rows(store: GraphStore, name: str, iri: URIRef) -> list[dict[str, Node | None]]:
    return store.query(resources.lookup_query(name), {"node": iri}).dicts()


def _value(term: Node, row: dict[str, Node | None]) -> Value:
    if isinstance(term, Literal):
        return Value(str(term), lang=term.language, datatype=str(term.datatype) if term.datatype else None)
    return Value(str(term), iri=str(term), label=_text(row.get("label")), type=_local_name(row.get("type")),
                 identifier=_text(row.get("identifier")))


def _fact(row: dict[str, Node | None], end: str, outgoing: bool,
          provenance: dict[tuple[str, str, str], list[Provenance]]) -> Fact:
    other, node, prop = row[end], row["node"], row["property"]
    assert other is not None and node is not None and prop is not None  # bound by the pattern
    key = (str(node), str(prop), str(other)) if outgoing else (str(other), str(prop), str(node))
    return Fact(str(prop), _text(row.get("property_label")), _value(other, row), outgoing,
                list(provenance.get(key, [])))


def _provenance(store: GraphStore, iri: URIRef) -> dict[tuple[str, str, str], list[Provenance]]:
    """The provenance records of the facts about ``iri``, by (subject, property, object)."""
    found: dict[tuple[str, str, str], list[Provenance]] = {}
    seen: set[str] = set()
    for row in _rows(store, "node-evidence", iri):
        record = str(row["record"])
        if record in seen:  # a record of two kinds (rare): shown once
            continue
        seen.add(record)
        obj = row["object"]
        assert obj is not None
        item = Provenance(
            record=record, kind=_local_name(row["kind"]) or "", subject=str(row["subject"]),
            predicate=str(row["property"]), object=_value(obj, {}),
            quote=_raw(row["quote"]), file=_raw(row["file"]),
            line=int(str(row["line"])) if row["line"] is not None else None, rule=_raw(row["rule"]),
            curator=_raw(row["curator"]), note=_raw(row["note"]), source=_raw(row["source"]),
            saved=_raw(row["saved"]))
        found.setdefault((item.subject, item.predicate, str(obj)), []).append(item)
    return found


def _traced(out: list[Fact]) -> bool:
    """Whether a page shows the node's trace: not for a source document (its page
    lists what it announces and cites, each with its quote), but for a motion,
    measure, debate, body or any other node."""
    is_source = any(f.predicate == str(PKG.sourceFile) for f in out)
    is_motion = any(f.predicate == str(RDF.type) and f.other.iri == str(PKG.Motion) for f in out)
    return is_motion or not is_source


def _trace(store: GraphStore, iri: URIRef) -> Step | None:
    """The node's trace (motion -> citing document -> measure -> instruments and
    actors), or None where nothing followed from it."""
    try:
        root = trace(store, str(iri))
    except PolicyKGError:  # an IRI the trace cannot take as a name: no trace
        return None
    return root if root.children else None


def _local_name(term: Node | None) -> str | None:
    return re.split(r"[#/]", str(term))[-1] if term is not None else None


def _text(term: Node | None) -> str | None:
    return " ".join(str(term).split()) if term is not None else None


def _raw(term: Node | None) -> str | None:
    return str(term) if term is not None else None
