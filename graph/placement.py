"""Where the embedded store writes each triple of a named graph: each fact once.

A source states facts (``s p o``), the records that say where each fact comes
from (``pkg:Evidence``, ``pkg:DataRecord``, ``pkg:Assertion``, ``pkg:Rejection``:
nodes with ``rdf:subject``, ``rdf:predicate`` and ``rdf:object``) and plain
descriptions that no record names (its own metadata; the class and identifier of
what it cites). The store writes

- the records into the source's named graph only;
- the facts that a supporting record (Evidence, DataRecord, Assertion; not a
  Rejection) names into the default graph only, once for the whole store;
- the descriptions into the named graph and the default graph, since nothing
  else says which sources state them.

So queries read facts and descriptions from the default graph and records with
``GRAPH ?g { ... }``, and a fact stays while some record or named graph still
supports it (``Store._supported_outside``). A named graph "as its source states it" is its
triples plus the facts its records name (``with_facts``): export and push give
that, the same graphs as before the facts were written once (docs/data-model.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyoxigraph as ox
from rdflib import RDF

from . import records

RECORD_SUBJECT, RECORD_PREDICATE, RECORD_OBJECT = (ox.NamedNode(str(p)) for p in (RDF.subject, RDF.predicate,
                                                                                   RDF.object))
TYPE = ox.NamedNode(str(RDF.type))
SUPPORTING = frozenset(ox.NamedNode(str(c)) for c in records.SUPPORTING)


def _records(triples: Iterable[ox.Triple]) -> tuple[set, dict[ox.Triple, None]]:
    """The record nodes among ``triples`` and the facts their supporting records name, in order."""
    nodes: set = set()
    parts: dict = {}
    for s, p, o in triples:
        if p == RECORD_SUBJECT:
            nodes.add(s)
        if p in (RECORD_SUBJECT, RECORD_PREDICATE, RECORD_OBJECT) or (p == TYPE and o in SUPPORTING):
            parts.setdefault(s, {})[p] = o
    named: dict[ox.Triple, None] = {}
    for record in parts.values():
        if TYPE in record and all(k in record for k in (RECORD_SUBJECT, RECORD_PREDICATE, RECORD_OBJECT)):
            s, p, o = record[RECORD_SUBJECT], record[RECORD_PREDICATE], record[RECORD_OBJECT]
            if isinstance(p, ox.NamedNode) and not isinstance(s, ox.Literal):
                named[ox.Triple(s, p, o)] = None
    return nodes, named


def facts(triples: Iterable[ox.Triple]) -> dict[ox.Triple, None]:
    """The facts that the supporting records among ``triples`` name, in order."""
    return _records(triples)[1]


def split(triples: Iterable[ox.Triple]) -> tuple[list[ox.Triple], list[ox.Triple]]:
    """A source's triples as (its named graph, its share of the default graph):
    the facts its records name leave the named graph; records stay out of the default graph."""
    ordered = list(dict.fromkeys(triples))
    nodes, named_facts = _records(ordered)
    named = [t for t in ordered if t not in named_facts]
    descriptions = [t for t in named if t.subject not in nodes]
    return named, list(dict.fromkeys([*descriptions, *named_facts]))


def default_share(named: Iterable[ox.Triple]) -> set[ox.Triple]:
    """What a named graph as stored (``split``'s first part) puts in the default graph."""
    held = list(named)
    nodes, named_facts = _records(held)
    return {t for t in held if t.subject not in nodes} | set(named_facts)


def with_facts(named: Iterable[ox.Triple]) -> Iterator[ox.Triple]:
    """A named graph as stored, then the facts its records name: the graph as its source states it."""
    held = list(named)
    present = set(held)
    yield from held
    yield from (t for t in facts(held) if t not in present)
