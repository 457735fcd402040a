"""The packaged reference data, parsed: the ontology, the SKOS vocabularies and
the SHACL shapes (``resources`` finds the files).

Graphs are parsed afresh on every call (callers may change them); the
vocabulary's concepts are also given as plain Python data, for the extractor,
which knows no RDF.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from rdflib import RDF, SKOS, Graph, URIRef

import policykg.resources as resources
from policykg.namespaces import PKG

_LABELS = (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)


@dataclass(frozen=True)
class VocabularyConcept:
    """A SKOS concept as the gazetteer needs it."""

    iri: str
    kind: str  # local name of its pkg class ("Ministry"), else "Concept"
    label: str  # Dutch prefLabel (else any prefLabel, else the IRI)
    notation: str | None  # e.g. the BWB id of a law
    labels: tuple[str, ...]  # every prefLabel, altLabel and hiddenLabel


def _parse(files) -> Graph:
    graph = Graph()
    for f in files:
        graph.parse(data=f.read_text(encoding="utf-8"), format="turtle", publicID=f.name)
    return graph


def ontology_graph() -> Graph:
    """The OWL ontology."""
    return Graph().parse(data=resources.ontology_file().read_text(encoding="utf-8"), format="turtle")


def vocabulary_graph() -> Graph:
    """The SKOS vocabularies, all in one graph."""
    return _parse(resources.vocabulary_files())


def shapes_graph() -> Graph:
    """The SHACL shapes, all in one graph."""
    return _parse(resources.shape_files())


def _kind(graph: Graph, iri: URIRef) -> str:
    namespace = str(PKG._NS)
    kinds = sorted(str(t)[len(namespace):] for t in graph.objects(iri, RDF.type) if str(t).startswith(namespace))
    return kinds[0] if kinds else "Concept"


def _concept(graph: Graph, iri: URIRef) -> VocabularyConcept:
    pref = graph.value(iri, SKOS.prefLabel)  # any language; Dutch preferred below
    for lit in graph.objects(iri, SKOS.prefLabel):
        if getattr(lit, "language", None) == "nl":
            pref = lit
    notation = graph.value(iri, SKOS.notation)
    labels = tuple(str(lit) for prop in _LABELS for lit in graph.objects(iri, prop))
    return VocabularyConcept(str(iri), _kind(graph, iri), str(pref or iri), str(notation) if notation else None,
                             labels)


def concepts_of(graph: Graph) -> tuple[VocabularyConcept, ...]:
    """The SKOS concepts of ``graph`` named by an IRI, ordered by IRI."""
    named = {s for s in graph.subjects(RDF.type, SKOS.Concept) if isinstance(s, URIRef)}
    return tuple(_concept(graph, iri) for iri in sorted(named))


@cache
def vocabulary_concepts() -> tuple[VocabularyConcept, ...]:
    """The concepts of the packaged vocabularies (parsed once per process)."""
    return concepts_of(vocabulary_graph())
