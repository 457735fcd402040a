"""Extraction -> the RDF of one source document (its named graph).

Every extracted fact ``s p o`` is written with an Evidence node that records
the document, the character span, the quote, the line and the rule's name; the
rule's confidence and description are on its ``pkg:Rule`` node in the
vocabulary (``ontology/vocab/rules.ttl``), written once, not on every record.

Terms are built as Oxigraph terms (the store's own, made in Rust): ingest
sends them straight to the store; ``build_graph`` gives rdflib terms for
everything else.
"""

from __future__ import annotations

from functools import lru_cache

import pyoxigraph as ox
from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from policykg.loaders.models import (
    ConceptRef,
    DebateRef,
    DocumentRef,
    Extraction,
    Link,
    MeasureRef,
    NodeRef,
    RecommendationRef,
    Reference,
    ThisDocument,
)
from policykg.loaders.relations import letter_key
from policykg.loaders.text import LineIndex
from policykg.namespaces import PKG

from . import iris
from .motions import add_debate_facts
from .nodes import add_dossier, add_paper, add_person
from .store import to_oxigraph, to_rdflib

# The class a cited document gets from the kind of its citation.
_CITED_CLASS = {
    "kamerstuk": PKG.ParliamentaryPaper, "motion": PKG.Motion,
    "handelingen": PKG.Proceedings, "aanhangsel": PKG.Proceedings,
    "staatscourant": PKG.GazettePublication, "staatsblad": PKG.GazettePublication,
    "tractatenblad": PKG.GazettePublication, "ecli": PKG.CourtDecision,
    "bwb": PKG.Legislation, "law": PKG.Legislation,
    # a letter known only by its date: its sender is not known, so not yet a pkg:Letter
    "letter": PKG.Document, "debate": PKG.Proceedings,
    # identifiers of their own kind: a Tweede Kamer document number ("2020D29967"), a Raad
    # van State advice ("W16.19.0159/II"), an issue of the EU Official Journal
    "tk-document": PKG.Document, "raad-van-state": PKG.Document, "eu-journal": PKG.GazettePublication,
}
# A zaak number ("2022Z12624") names a parliamentary matter, not a document: it stays in the
# extraction (policykg extract, eval) and is not cited in the graph.
_NOT_CITED = {"tk-zaak"}


@lru_cache(maxsize=8192)
def _node(iri: str) -> ox.NamedNode:
    """The Oxigraph node of an IRI (rdflib URIRef or str); the vocabulary's are reused."""
    return ox.NamedNode(iri)


def _term(term):
    """An Oxigraph term of an rdflib term (a Literal or an IRI) or of an Oxigraph term."""
    if isinstance(term, Literal):
        return to_oxigraph(term)
    return _node(term) if isinstance(term, str) else term


def _literal(value, datatype: str | None = None, lang: str | None = None) -> ox.Literal:
    """An Oxigraph literal."""
    if lang:
        return ox.Literal(str(value), language=lang)
    if datatype:
        return ox.Literal(str(value), datatype=_node(datatype))
    return ox.Literal(str(value))


_MENTIONS = _node(PKG.mentions)
_TYPE, _EVIDENCE = _node(RDF.type), _node(PKG.Evidence)  # pkg:Evidence is an rdf:Statement by the ontology
_SUBJECT, _PREDICATE, _OBJECT = _node(RDF.subject), _node(RDF.predicate), _node(RDF.object)
_SOURCE, _START, _END, _LINE = _node(PKG.sourceDocument), _node(PKG.start), _node(PKG.end), _node(PKG.line)
_QUOTE, _RULE = _node(PKG.quote), _node(PKG.rule)


def _full_date(date: str | None) -> bool:
    """An ISO date with a year (not "--01-29")."""
    return bool(date and not date.startswith("--"))


class _Builder:
    def __init__(self, ex: Extraction):
        self.ex = ex
        self.triples: dict[tuple, None] = {}  # an ordered set
        self.doc = _node(iris.document(ex.key))
        self.mentioned: dict[tuple, URIRef] = {}  # (s, o) of a mention -> its evidence
        self.occurrences: dict[URIRef, int] = {}
        self.lines = LineIndex(ex.content)

    def add(self, triple: tuple) -> None:
        self.triples[tuple(map(_term, triple))] = None

    def fact(self, s, p, o, start: int, end: int, rule: str):
        """Add ``s p o`` and the evidence for it. A mention repeated in the text
        keeps the evidence of its first occurrence and counts the others."""
        s, p, o = _term(s), _term(p), _term(o)
        mention = p == _MENTIONS
        if mention and (s, o) in self.mentioned:
            self.occurrences[self.mentioned[s, o]] += 1
            return
        self.add((s, p, o))
        ev = iris.evidence(self.ex.key, s.value, p.value, o.value, start, end, rule)
        if mention:
            self.mentioned[s, o], self.occurrences[ev] = ev, 1
        quote = self.ex.content[start:end]
        line = self.lines.line(start)
        evidence = ox.NamedNode(ev)  # not cached: one per fact
        for prop, value in (
            (_TYPE, _EVIDENCE), (_SUBJECT, s), (_PREDICATE, p), (_OBJECT, o),
            (_SOURCE, self.doc), (_START, _literal(start, XSD.integer)), (_END, _literal(end, XSD.integer)),
            (_LINE, _literal(line, XSD.integer)), (_QUOTE, _literal(quote)), (_RULE, _literal(rule)),
        ):
            self.add((evidence, prop, value))

    def span_fact(self, s, p, o, field: str, rule: str):
        span = self.ex.metadata.spans.get(field)
        if span:
            self.fact(s, p, o, span.start, span.end, rule)
        else:
            self.add((s, p, o))

    def document(self):
        meta, doc, add = self.ex.metadata, self.doc, self.add
        add((doc, RDF.type, getattr(PKG, meta.kind)))
        if meta.identifier and meta.identifier.startswith("kst-"):
            add((doc, RDF.type, PKG.ParliamentaryPaper))
        add((doc, PKG.identifier, _literal(self.ex.key)))
        add((doc, PKG.sourceFile, _literal(self.ex.source)))
        add((doc, PKG.contentHash, _literal(self.ex.content_hash)))
        if meta.title:
            self.span_fact(doc, DCTERMS.title, _literal(meta.title), "title", "metadata-title")
        if meta.date:
            self.span_fact(doc, PKG.date, _literal(meta.date, datatype=XSD.date), "date", "metadata-date")
        if meta.kenmerk:
            self.span_fact(doc, PKG.kenmerk, _literal(meta.kenmerk), "kenmerk", "metadata-kenmerk")
        if meta.dossier:
            dossier = add_dossier(add, meta.dossier, meta.dossier_title)
            self.span_fact(doc, PKG.partOfDossier, dossier, "dossier", "metadata-dossier")
        for field, prop in (("sender", PKG.sender), ("addressee", PKG.addressee)):
            if getattr(meta, field):
                self.span_fact(doc, prop, URIRef(getattr(meta, field)), field, f"metadata-{field}")
        if meta.signatory:
            person = add_person(add, meta.signatory)
            self.span_fact(doc, DCTERMS.creator, person, "signatory", "metadata-signatory")
        if meta.kind == "Motion":
            self.motion()

    def motion(self):
        """A motion as published: the document node is the motion (kst-30950-443, the node
        Open Data and citing letters use), with its signatories, considerations, request
        and the motion it replaces."""
        meta, doc = self.ex.metadata, self.doc
        for i, name in enumerate(meta.submitters, 1):
            self.span_fact(doc, PKG.submittedBy, add_person(self.add, name), f"submitter-{i}", "motion-signatory")
        for field, prop, values in (("consideration", PKG.consideration, meta.considerations),
                                    ("request", PKG.requestText, meta.requests)):
            for i, value in enumerate(values, 1):
                self.span_fact(doc, prop, _literal(value, lang="nl"), f"{field}-{i}", f"motion-{field}")
        if meta.replaces:
            replaced = add_paper(self.add, meta.replaces)
            self.span_fact(doc, PKG.replaces, replaced, "replaces", "motion-replaces")

    def cited(self, ref: Reference, identifier: str) -> URIRef:
        target = iris.document(identifier)
        # a motion named without its submitters ("bij motie (36 410-VI, nr. 87)") is known here
        # only as a Kamerstuk: pkg:Motion asks for a submitter (shapes/motion.ttl)
        unsigned = ref.type == "motion" and not ref.submitters
        self.add((target, RDF.type, PKG.ParliamentaryPaper if unsigned else _CITED_CLASS[ref.type]))
        self.add((target, PKG.identifier, _literal(identifier)))
        if identifier.startswith("kst-"):
            self.add((target, RDF.type, PKG.ParliamentaryPaper))
            dossier = add_dossier(self.add, identifier[4:].rsplit("-", 1)[0])
            self.add((target, PKG.partOfDossier, dossier))
        if ref.type == "letter" and _full_date(ref.date):
            self.add((target, PKG.date, _literal(ref.date, datatype=XSD.date)))
        return target

    def report(self, ref: Reference) -> URIRef:
        identifier = iris.report_by_title(_name(ref))
        report = iris.document(identifier)
        self.add((report, RDF.type, PKG.Report))
        self.add((report, PKG.identifier, _literal(identifier)))
        self.add((report, DCTERMS.title, _literal(ref.name, lang="nl")))
        return report

    def debate(self, date: str, kind: str) -> URIRef:
        debate = iris.debate(date, kind)
        self.add((debate, RDF.type, PKG.Debate))
        self.add((debate, RDFS.label, _literal(f"{kind} {date}", lang="nl")))
        if _full_date(date):
            self.add((debate, PKG.date, _literal(date, datatype=XSD.date)))
        return debate

    def reference(self, ref: Reference):
        start, end = ref.sentence or (ref.start, ref.end)
        if ref.type in _NOT_CITED:
            return
        if ref.type == "member":
            self.fact(self.doc, PKG.mentions, add_person(self.add, _name(ref)), ref.start, ref.end, ref.rule)
        elif ref.type == "report":
            self.fact(self.doc, PKG.cites, self.report(ref), ref.start, ref.end, ref.rule)
        elif ref.type == "debate" and not ref.id:
            if ref.date:
                debate = self.debate(ref.date, ref.note or "debat")
                self.fact(self.doc, PKG.mentions, debate, ref.start, ref.end, ref.rule)
        elif identifier := _cited_identifier(ref):
            target = self.cited(ref, identifier)
            self.fact(self.doc, PKG.cites, target, start, end, ref.rule)
            for name in ref.submitters:
                self.fact(target, PKG.submittedBy, add_person(self.add, name), start, end, ref.rule)

    def node(self, ref: NodeRef) -> URIRef | ox.NamedNode:
        """The node a link or measure names: this document, a concept, a debate, a measure,
        a recommendation or a document."""
        match ref:
            case ThisDocument():
                return self.doc
            case ConceptRef(iri):
                return URIRef(iri)
            case DebateRef(date, kind):
                return self.debate(date, kind)
            case MeasureRef(label):
                return iris.measure(self.ex.key, label)
            case RecommendationRef(number, heading):
                return self.recommendation(number, heading)
            case DocumentRef(identifier):
                return iris.document(identifier)
        raise TypeError(f"not a node reference: {ref!r}")

    def recommendation(self, number: str, heading: str) -> URIRef:
        node = iris.recommendation(self.ex.key, number)
        self.add((node, RDF.type, PKG.Recommendation))
        self.add((node, RDFS.label, _literal(heading, lang="nl")))
        return node

    def measures(self):
        for m in self.ex.measures:
            node = iris.measure(self.ex.key, m.label)
            self.add((node, RDF.type, PKG.Measure))
            self.add((node, RDFS.label, _literal(m.label, lang="nl")))
            self.fact(self.doc, PKG.announces, node, m.start, m.end, m.rule)
            if m.period:
                self.fact(node, PKG.period, _literal(m.period, lang="nl"), m.start, m.end, m.rule)
            if m.date:
                self.fact(node, PKG.year, _literal(m.date, datatype=XSD.gYear), m.start, m.end, m.rule)
            for source in m.led_from:
                self.fact(self.node(source), PKG.ledTo, node, m.start, m.end, m.rule)
            for instrument in m.instruments:
                self.fact(node, PKG.usesInstrument, URIRef(instrument), m.start, m.end, m.rule)
            for actor in m.responsible:
                self.fact(URIRef(actor), PKG.responsibleFor, node, m.start, m.end, m.rule)

    def links(self):
        for link in self.ex.links:
            source, target = self.node(link.source), self.link_target(link)
            if link.relation == "establishedBy":
                self.add((target, RDF.type, PKG.Decision))
            self.fact(source, getattr(PKG, link.relation), target, link.start, link.end, link.rule)

    def link_target(self, link: Link) -> ox.Literal | URIRef | ox.NamedNode:
        """The object of a link: a literal for a start date or a request, else a node."""
        target = link.target
        if not isinstance(target, str):
            return self.node(target)
        if link.relation == "startDate":
            return _literal(target, datatype=XSD.gYearMonth if len(target) == 7 else XSD.gYear)
        if link.relation == "requestText":
            return _literal(target, lang="nl")
        raise TypeError(f"not a node reference: {target!r}")


def _name(ref: Reference) -> str:
    """The name of a member, the title of a report: such references always have one."""
    if ref.name is None:
        raise ValueError(f"a {ref.type} reference without a name: {ref.text!r}")
    return ref.name


def _cited_identifier(ref: Reference) -> str | None:
    """The identifier of the document a reference cites: its id, or a letter's date key."""
    if ref.id:
        return ref.id
    if ref.type == "letter" and ref.date:
        return letter_key(ref.date)
    return None


def build_triples(ex: Extraction) -> list[tuple]:
    """The triples of one source document, evidence included, in a stable order."""
    builder = _Builder(ex)
    builder.document()
    for ref in ex.references:
        builder.reference(ref)
    for mention in ex.mentions:
        builder.fact(builder.doc, PKG.mentions, URIRef(mention.concept), mention.start, mention.end,
                     mention.rule)
    builder.measures()
    builder.links()
    add_debate_facts(builder, ex.motion_events)  # outcomes, votes, appraisals from Handelingen
    for ev, count in builder.occurrences.items():
        builder.add((ev, PKG.occurrences, _literal(count, datatype=XSD.integer)))
    return list(builder.triples)


def build_graph(ex: Extraction) -> Graph:
    """The named graph of one source document as an rdflib Graph."""
    graph = Graph()
    for s, p, o in build_triples(ex):
        graph.add((to_rdflib(s), to_rdflib(p), to_rdflib(o)))
    return graph
