"""Undertakings (toezeggingen) from the Tweede Kamer's Open Data -> RDF, one named graph
per undertaking (``pkgg:tk/TZ202412-116``), beside the motions' graphs.

The undertaking's IRI is minted from its register number; the debate it was made in is
the debate node a text names by the same date and kind (``iris.debate``); the papers it
concerns and the letter that fulfils it are the official ids letters cite, so all of them
merge with what the documents say. Every link and every fact of the register (status,
deadline) gets a ``pkg:DataRecord``: the fact, the API URL of the Toezegging, the saved
file and the record's modification time, as for motions (``graph/motions.py``).
"""

from __future__ import annotations

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from policykg.loaders.tk_toezeggingen import Letter, Undertaking
from policykg.namespaces import PKG

from . import iris
from .nodes import add_paper, add_person


class _UndertakingBuilder:
    def __init__(self, undertaking: Undertaking):
        self.u, self.g = undertaking, Graph()
        self.api = iris.tk_toezegging(undertaking.api_id) if undertaking.api_id else None

    def record(self, s, p, o) -> None:
        """``s p o`` and the data record that says where it came from."""
        self.g.add((s, p, o))
        rec = iris.evidence(f"tk-{self.u.number}", s, p, o)
        for triple in ((rec, RDF.type, PKG.DataRecord),
                       (rec, RDF.subject, s), (rec, RDF.predicate, p), (rec, RDF.object, o),
                       (rec, DCTERMS.modified, Literal(self.u.modified)),
                       (rec, DCTERMS.source, Literal(self.u.source))):
            self.g.add(triple)
        if self.api is not None:
            self.g.add((rec, PROV.wasDerivedFrom, self.api))

    def letter(self, letter: Letter) -> URIRef:
        """A fulfilling letter: a Kamerstuk by its official id, else a document by its
        Tweede Kamer document number (pkgid:doc/2025d12345)."""
        if iris.is_official(letter.id):
            node = add_paper(self.g.add, letter.id)
        else:
            node = iris.document(letter.id)
            self.g.add((node, RDF.type, PKG.Document))
            self.g.add((node, PKG.identifier, Literal(letter.id)))
        if letter.date:
            self.g.add((node, PKG.date, Literal(letter.date, datatype=XSD.date)))
        return node

    def build(self) -> Graph:
        u, g = self.u, self.g
        node = iris.undertaking(u.number)
        g.add((node, RDF.type, PKG.Undertaking))
        g.add((node, PKG.identifier, Literal(u.number)))
        g.add((node, RDFS.label, Literal(f"toezegging {u.number}", lang="nl")))
        g.add((node, PKG.text, Literal(u.text, lang="nl")))
        for value, prop in ((u.ministry, PKG.ministry), (u.function, PKG.function)):
            if value:
                g.add((node, prop, Literal(value)))
        if u.created:
            g.add((node, DCTERMS.created, Literal(u.created, datatype=XSD.date)))
        if u.status:
            self.record(node, PKG.status, Literal(u.status))
        if u.deadline:
            self.record(node, PKG.deadline, Literal(u.deadline, datatype=XSD.date))
        if u.minister:
            self.record(node, PKG.madeBy, add_person(g.add, u.minister))
        debate = u.activity.debate if u.activity else None
        if u.activity and debate:
            self.record(node, PKG.madeIn, self.debate(debate.date, debate.kind, u.activity.subject))
        for paper in u.concerns:
            self.record(node, PKG.concerns, add_paper(g.add, paper))
        for letter in u.fulfilled_by:
            self.record(self.letter(letter), PKG.fulfils, node)
        return g

    def debate(self, date: str, kind: str, subject: str | None) -> URIRef:
        """The debate as ``graph/build.py`` names one a text mentions (same IRI, label,
        date), with the activity's subject (Onderwerp) as its title."""
        debate = iris.debate(date, kind)
        self.g.add((debate, RDF.type, PKG.Debate))
        self.g.add((debate, RDFS.label, Literal(f"{kind} {date}", lang="nl")))
        self.g.add((debate, PKG.date, Literal(date, datatype=XSD.date)))
        if subject:
            self.g.add((debate, DCTERMS.title, Literal(subject, lang="nl")))
        return debate


def build_undertaking_graph(undertaking: Undertaking) -> Graph:
    return _UndertakingBuilder(undertaking).build()
