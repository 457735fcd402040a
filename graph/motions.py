"""Motions from the Tweede Kamer's Open Data -> RDF, one named graph per motion.

The motion's IRI is its official id (kst-30950-293), the same IRI a letter that
cites it uses, so both become one node. Every fact that a shape asks provenance
for gets a ``pkg:DataRecord``: the fact, the API URL of the Zaak it came from,
the saved file and the record's modification time.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, PROV, SKOS

from policykg.loaders.document import slug
from policykg.loaders.tk_opendata import TkMotion
from policykg.namespaces import PKG, PKGG, PKGID

from . import iris

API = "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/"


def motion_graph_name(motion_id: str) -> URIRef:
    return PKGG[f"tk/{motion_id}"]


def party(name: str) -> URIRef:
    return PKGID[f"party/{slug(name)}"]


class _MotionBuilder:
    def __init__(self, motion: TkMotion):
        self.m, self.g = motion, Graph()
        self.node = iris.document(motion.id)
        self.api = URIRef(f"{API}Zaak({motion.api_id})") if motion.api_id else None

    def record(self, s, p, o):
        """``s p o`` and the data record that says where it came from."""
        self.g.add((s, p, o))
        rec = iris.evidence(f"tk-{self.m.id}", s, p, o)
        for triple in ((rec, RDF.type, PKG.DataRecord), (rec, RDF.type, RDF.Statement),
                       (rec, RDF.subject, s), (rec, RDF.predicate, p), (rec, RDF.object, o),
                       (rec, DCTERMS.modified, Literal(self.m.modified)),
                       (rec, DCTERMS.source, Literal(self.m.source))):
            self.g.add(triple)
        if self.api is not None:
            self.g.add((rec, PROV.wasDerivedFrom, self.api))

    def party(self, name: str) -> URIRef:
        node = party(name)
        self.g.add((node, RDF.type, PKG.Party))
        self.g.add((node, SKOS.prefLabel, Literal(name, lang="nl")))
        return node

    def build(self) -> Graph:
        m, node, g = self.m, self.node, self.g
        for kind in (PKG.Motion, PKG.ParliamentaryPaper):
            g.add((node, RDF.type, kind))
        g.add((node, PKG.identifier, Literal(m.id)))
        dossier = iris.dossier(m.dossier)
        g.add((dossier, RDF.type, PKG.Dossier))
        g.add((dossier, PKG.identifier, Literal(m.dossier)))
        g.add((node, PKG.partOfDossier, dossier))
        if m.dossier_title:
            g.add((dossier, DCTERMS.title, Literal(m.dossier_title, lang="nl")))
        for value, prop in ((m.title, DCTERMS.title), (m.subject, DCTERMS.description)):
            if value:
                g.add((node, prop, Literal(value, lang="nl")))
        if m.date:
            g.add((node, PKG.date, Literal(m.date, datatype=XSD.date)))
        if m.case_number:
            g.add((node, PKG.caseNumber, Literal(m.case_number)))
        for s in m.submitters:
            person = iris.person(s.name)
            g.add((person, RDF.type, PKG.Person))
            g.add((person, FOAF.name, Literal(s.name)))
            g.add((person, RDFS.label, Literal(s.name)))
            self.record(node, PKG.submittedBy, person)
            if s.party:
                self.record(person, PKG.memberOf, self.party(s.party))
        for value, prop in ((m.outcome, PKG.outcome), (m.decision_text, PKG.decisionText),
                            (m.cabinet_appraisal, PKG.cabinetAppraisal)):
            if value:
                self.record(node, prop, Literal(value))
        if m.replaces:
            self.record(node, PKG.replaces, iris.document(m.replaces))
            g.add((iris.document(m.replaces), RDF.type, PKG.ParliamentaryPaper))  # a motion, but its submitters are unknown here
            g.add((iris.document(m.replaces), PKG.identifier, Literal(m.replaces)))
        for v in m.votes:
            vote = PKGID[f"vote/{m.id}/{slug(v.party)}"]
            g.add((vote, RDF.type, PKG.Vote))
            g.add((vote, PKG.party, self.party(v.party)))
            g.add((vote, PKG.choice, Literal(v.choice)))
            if v.seats is not None:
                g.add((vote, PKG.seats, Literal(v.seats, datatype=XSD.integer)))
            g.add((vote, PKG.mistake, Literal(v.mistake)))
            self.record(node, PKG.vote, vote)
        return g


def build_motion_graph(motion: TkMotion) -> Graph:
    return _MotionBuilder(motion).build()


def add_debate_facts(builder, events) -> None:
    """What a debate or vote states about motions (``Extraction.motion_events``) as the
    triples Open Data gives the same motion: ``pkg:outcome``, ``pkg:vote`` (the same vote
    node per party), ``pkg:cabinetAppraisal``, ``pkg:replaces``, ``pkg:requestText``; each with its evidence
    (document, span, quote, rule) through ``builder.fact``. "De overige fracties", whom the
    chair does not name, are ``pkg:otherPartiesChoice``."""
    for ev in events:
        node = iris.document(ev.motion)
        for kind in (PKG.Motion, PKG.ParliamentaryPaper):
            builder.add((node, RDF.type, kind))
        builder.add((node, PKG.identifier, ox.Literal(ev.motion)))
        literal = ox.Literal(ev.value)
        if ev.kind in _LITERAL_FACTS:
            builder.fact(node, _LITERAL_FACTS[ev.kind], literal, ev.start, ev.end, ev.rule)
        elif ev.kind == "request":
            builder.fact(node, PKG.requestText, ox.Literal(ev.value, language="nl"), ev.start, ev.end, ev.rule)
        elif ev.kind == "replaces":
            old = iris.document(ev.value)
            builder.add((old, RDF.type, PKG.ParliamentaryPaper))
            builder.add((old, PKG.identifier, literal))
            builder.fact(node, PKG.replaces, old, ev.start, ev.end, ev.rule)
        elif ev.kind == "vote":
            vote, party_node = PKGID[f"vote/{ev.motion}/{slug(ev.value)}"], party(ev.value)
            builder.add((party_node, RDF.type, PKG.Party))
            builder.add((party_node, SKOS.prefLabel, ox.Literal(ev.value, language="nl")))
            builder.add((vote, RDF.type, PKG.Vote))
            builder.add((vote, PKG.party, party_node))
            builder.fact(vote, PKG.choice, ox.Literal(ev.choice), ev.start, ev.end, ev.rule)
            builder.fact(node, PKG.vote, vote, ev.start, ev.end, ev.rule)


_LITERAL_FACTS = {"outcome": PKG.outcome, "appraisal": PKG.cabinetAppraisal,
                  "others": PKG.otherPartiesChoice}
