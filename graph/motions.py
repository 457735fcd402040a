"""Motions from the Tweede Kamer's Open Data -> RDF, one named graph per motion.

The motion's IRI is its official id (kst-30950-293), the same IRI a letter that
cites it uses, so both become one node. Every fact that a shape asks provenance
for gets a ``pkg:DataRecord``: the fact, the API URL of the Zaak it came from,
the saved file and the record's modification time.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import RDF, XSD, Graph, Literal
from rdflib.namespace import DCTERMS, PROV

from policykg.loaders.tk_opendata import TkMotion
from policykg.namespaces import PKG

from . import iris
from .nodes import add_dossier, add_motion, add_paper, add_party, add_person


class _MotionBuilder:
    def __init__(self, motion: TkMotion):
        self.m, self.g = motion, Graph()
        self.api = iris.tk_zaak(motion.api_id) if motion.api_id else None

    def record(self, s, p, o):
        """``s p o`` and the data record that says where it came from."""
        self.g.add((s, p, o))
        rec = iris.evidence(f"tk-{self.m.id}", s, p, o)
        for triple in ((rec, RDF.type, PKG.DataRecord),
                       (rec, RDF.subject, s), (rec, RDF.predicate, p), (rec, RDF.object, o),
                       (rec, DCTERMS.modified, Literal(self.m.modified)),
                       (rec, DCTERMS.source, Literal(self.m.source))):
            self.g.add(triple)
        if self.api is not None:
            self.g.add((rec, PROV.wasDerivedFrom, self.api))

    def build(self) -> Graph:
        m, g = self.m, self.g
        node = add_motion(g.add, m.id)
        g.add((node, PKG.partOfDossier, add_dossier(g.add, m.dossier, m.dossier_title)))
        for value, prop in ((m.title, DCTERMS.title), (m.subject, DCTERMS.description)):
            if value:
                g.add((node, prop, Literal(value, lang="nl")))
        if m.date:
            g.add((node, PKG.date, Literal(m.date, datatype=XSD.date)))
        if m.case_number:
            g.add((node, PKG.caseNumber, Literal(m.case_number)))
        for s in m.submitters:
            person = add_person(g.add, s.name)
            self.record(node, PKG.submittedBy, person)
            if s.party:
                self.record(person, PKG.memberOf, add_party(g.add, s.party))
        for value, prop in ((m.outcome, PKG.outcome), (m.decision_text, PKG.decisionText),
                            (m.cabinet_appraisal, PKG.cabinetAppraisal)):
            if value:
                self.record(node, prop, Literal(value))
        if m.replaces:
            self.record(node, PKG.replaces, add_paper(g.add, m.replaces))
        for v in m.votes:
            vote = iris.vote(m.id, v.party)
            g.add((vote, RDF.type, PKG.Vote))
            g.add((vote, PKG.party, add_party(g.add, v.party)))
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
        node = add_motion(builder.add, ev.motion)
        literal = ox.Literal(ev.value)
        if ev.kind in _LITERAL_FACTS:
            builder.fact(node, _LITERAL_FACTS[ev.kind], literal, ev.start, ev.end, ev.rule)
        elif ev.kind == "request":
            builder.fact(node, PKG.requestText, ox.Literal(ev.value, language="nl"), ev.start, ev.end, ev.rule)
        elif ev.kind == "replaces":
            builder.fact(node, PKG.replaces, add_paper(builder.add, ev.value), ev.start, ev.end, ev.rule)
        elif ev.kind == "vote":
            vote, party_node = iris.vote(ev.motion, ev.value), add_party(builder.add, ev.value)
            builder.add((vote, RDF.type, PKG.Vote))
            builder.add((vote, PKG.party, party_node))
            builder.fact(vote, PKG.choice, ox.Literal(ev.choice), ev.start, ev.end, ev.rule)
            builder.fact(node, PKG.vote, vote, ev.start, ev.end, ev.rule)


_LITERAL_FACTS = {"outcome": PKG.outcome, "appraisal": PKG.cabinetAppraisal,
                  "others": PKG.otherPartiesChoice}
