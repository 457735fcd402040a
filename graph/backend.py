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


@dataclass
class QueryResult:
    """Rows of a SELECT (``variables``, ``rows``), or an ASK (``boolean``)."""

    variables: list[str]
    rows: list[tuple]
    boolean: bool | None = None

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

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        """Run a SELECT or ASK on the union of the graphs; ``bindings`` are bound as
        RDF terms, never pasted into the text. A malformed query raises SyntaxError
        or ValueError."""

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
        """Make named graph ``name`` hold exactly ``graph``."""

    def remove_graph(self, name: URIRef) -> bool:
        """Drop named graph ``name``; False when there was none."""

    def write_rdf(self, fmt: str, output: Output, prefixes: Mapping[str, str] | None = None) -> None:
        """Write every graph in ``fmt`` (a key of ``RDF_FORMATS``) to ``output`` (a
        path or binary file): ``DATASET_FORMATS`` keep the named graphs, the others
        merge them."""


def write_with_rdflib(store: GraphStore, fmt: str, output: Output,
                      prefixes: Mapping[str, str] | None = None) -> None:
    """``write_rdf`` through a copy of the graphs in rdflib, for any store and any
    of ``RDF_FORMATS``."""
    graph = store.dataset() if fmt in DATASET_FORMATS else store.union()
    for prefix, namespace in (prefixes or {}).items():
        graph.bind(prefix, namespace, override=True)
    graph.serialize(output if not isinstance(output, Path) else str(output), format=RDF_FORMATS[fmt],
                    encoding="utf-8")
