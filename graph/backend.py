"""What the services need from a graph store, whichever holds the graph: the
embedded Oxigraph store (``store.Store``) or a SPARQL 1.1 endpoint
(``remote.RemoteStore``). Services take a ``GraphStore``; only what truly needs
the local store takes a ``Store``: ``ingest.ingest``, which bulk-loads documents.

This module imports neither pyoxigraph nor SPARQLWrapper: both stores import it,
not each other.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol, Self

from rdflib import Dataset, Graph, URIRef
from rdflib.term import Node

# RDF syntaxes every store writes: our name -> rdflib's name.
RDF_FORMATS = {"turtle": "turtle", "nt": "nt", "jsonld": "json-ld", "trig": "trig", "nquads": "nquads"}
# The syntaxes that keep one named graph per source document; the others merge them.
DATASET_FORMATS = frozenset({"jsonld", "trig", "nquads"})

Output = Path | BinaryIO


class UnstorableTerm(ValueError):
    """A term a store cannot hold (an invalid IRI, a string with a lone surrogate);
    raised before anything is written. ``term`` is the term, ``reason`` the store's word."""

    def __init__(self, term: object, reason: str):
        self.term, self.reason = term, reason
        super().__init__(f"cannot store {str(term)!r}: {reason}")


@dataclass
class QueryResult:
    """Rows of a SELECT (``variables``, ``rows``), an ASK (``boolean``), or the
    graph of a CONSTRUCT or DESCRIBE (``graph``)."""

    variables: list[str]
    rows: list[tuple]
    boolean: bool | None = None
    graph: Graph | None = None
    more: bool = False  # a page of the rows, and more rows follow (queries.run_query)

    def dicts(self) -> list[dict[str, Node | None]]:
        return [dict(zip(self.variables, row, strict=True)) for row in self.rows]


class GraphStore(Protocol):
    """A quad store with one named graph per source; its default graph (where
    queries run) is the union of the named graphs."""

    @property
    def path(self) -> Path | str | None:
        """Where the store is, as the CLI shows it: a directory, None in memory, or an endpoint URL."""

    def __enter__(self) -> Self: ...

    def __exit__(self, *exc: object) -> None: ...

    def close(self) -> None: ...

    def flush(self) -> None:
        """Make the writes so far durable."""

    def __len__(self) -> int:
        """Quads in the named graphs."""

    def triple_count(self) -> int:
        """Distinct triples over all graphs."""

    def with_records(self) -> GraphStore:
        """The store whose queries see every graph as one, records included (graph/placement.py:
        the embedded store keeps records out of its default graph); a union view repeats a
        triple once per graph that holds it. Validation reads the store so."""

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        """Run a SELECT, ASK, CONSTRUCT or DESCRIBE on the union of the graphs;
        ``bindings`` are bound as RDF terms, never pasted into the text. A malformed
        query raises SyntaxError or ValueError."""

    @property
    def streams(self) -> bool:
        """Whether ``select`` yields the rows of any query as the store evaluates
        them (no ORDER BY needed); False where it pages by LIMIT/OFFSET."""

    def select(self, sparql: str, bindings: Mapping[str, Node] | None = None,
               page: int = 5000) -> Iterator[dict[str, Node | None]]:
        """The rows of a SELECT one at a time, never the whole answer in memory: the
        embedded store streams them, a remote store asks for ``page`` rows at a time
        (LIMIT/OFFSET; ``sparql`` must ORDER BY a key unique per row)."""

    def graph_names(self) -> list[URIRef]:
        """The named graphs, sorted."""

    def graph(self, name: URIRef) -> Graph:
        """A copy of one named graph."""

    def union(self, exclude: Iterable[URIRef] = ()) -> Graph:
        """All named graphs but ``exclude`` merged into one graph."""

    def dataset(self) -> Dataset:
        """A copy of every named graph."""

    def replace_graph(self, name: URIRef, graph: Graph) -> None:
        """Make named graph ``name`` hold exactly ``graph``; a term the store cannot
        hold raises ``UnstorableTerm`` and the graph stays as it was."""

    def remove_graph(self, name: URIRef) -> bool:
        """Drop named graph ``name``; False when there was none."""

    def remove_graphs(self, names: Iterable[URIRef]) -> list[URIRef]:
        """Drop the named graphs ``names`` in one request; the ones that were there."""

    def write_rdf(self, fmt: str, output: Output, prefixes: Mapping[str, str] | None = None) -> None:
        """Write every graph in ``fmt`` (a key of ``RDF_FORMATS``) to ``output`` (a
        path or binary file): ``DATASET_FORMATS`` keep the named graphs, the others
        merge them."""


def sorted_graph(triples: Iterable[tuple[Node, Node, Node]]) -> Graph:
    """A graph of ``triples`` added in sorted order, so that it serialises the same
    way whatever order a store answered in."""
    graph = Graph()
    for triple in sorted(triples, key=lambda t: tuple(term.n3() for term in t)):
        graph.add(triple)
    return graph


def write_with_rdflib(store: GraphStore, fmt: str, output: Output,
                      prefixes: Mapping[str, str] | None = None) -> None:
    """``write_rdf`` through a copy of the graphs in rdflib, for any store and any
    of ``RDF_FORMATS``; JSON-LD compacted with the ontology's context (``jsonld``),
    which holds the prefixes."""
    if fmt == "jsonld":
        from .jsonld import write_compacted

        write_compacted(store.dataset(), output)
        return
    graph = store.dataset() if fmt in DATASET_FORMATS else store.union()
    for prefix, namespace in (prefixes or {}).items():
        graph.bind(prefix, namespace, override=True)
    graph.serialize(output if not isinstance(output, Path) else str(output), format=RDF_FORMATS[fmt],
                    encoding="utf-8")
