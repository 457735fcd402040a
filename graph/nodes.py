"""Nodes that documents and Open Data records share, built one way: persons,
parties, dossiers and the parliamentary papers they name.

Each function adds the node's triples through ``add`` (``Graph.add`` or a
builder's ``add``) as rdflib terms and returns the node's IRI.
"""

from __future__ import annotations

from collections.abc import Callable

from rdflib import RDF, RDFS, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, SKOS
from rdflib.term import Node

from policykg.namespaces import PKG

from . import iris

Add = Callable[[tuple[Node, Node, Node]], object]


def add_person(add: Add, name: str) -> URIRef:
    person = iris.person(name)
    add((person, RDF.type, PKG.Person))
    add((person, FOAF.name, Literal(name)))
    add((person, RDFS.label, Literal(name)))
    return person


def add_party(add: Add, name: str) -> URIRef:
    party = iris.party(name)
    add((party, RDF.type, PKG.Party))
    add((party, SKOS.prefLabel, Literal(name, lang="nl")))
    return party


def add_dossier(add: Add, number: str, title: str | None = None) -> URIRef:
    dossier = iris.dossier(number)
    add((dossier, RDF.type, PKG.Dossier))
    add((dossier, PKG.identifier, Literal(number)))
    if title:
        add((dossier, DCTERMS.title, Literal(title, lang="nl")))
    return dossier


def add_paper(add: Add, identifier: str) -> URIRef:
    """A Kamerstuk known by its id only (a motion whose submitters are not known here)."""
    paper = iris.document(identifier)
    add((paper, RDF.type, PKG.ParliamentaryPaper))
    add((paper, PKG.identifier, Literal(identifier)))
    return paper


def add_motion(add: Add, identifier: str) -> URIRef:
    motion = iris.document(identifier)
    for kind in (PKG.Motion, PKG.ParliamentaryPaper):
        add((motion, RDF.type, kind))
    add((motion, PKG.identifier, Literal(identifier)))
    return motion
