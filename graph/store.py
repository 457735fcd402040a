"""The embedded persistent store: Oxigraph (pyoxigraph), one named graph per
source document, read through rdflib terms.

Chosen by measurement (benchmarks/store_choice.py, figures in the README):
Oxigraph loads and answers our property-path and aggregate queries one to two
orders of magnitude faster than rdflib's in-memory store, persists to a
directory, and binds query parameters without touching the query text.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

ENV_VAR = "POLICYKG_STORE"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def default_location() -> Path:
    """``$POLICYKG_STORE``, else ``$XDG_DATA_HOME/policykg/store``
    (``~/.local/share/policykg/store``)."""
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR])
    data_home = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(data_home) / "policykg" / "store"


def to_rdflib(term) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value, datatype=None if datatype == _XSD_STRING else datatype)
    raise TypeError(f"unsupported term {term!r}")


def to_oxigraph(term: Node):
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype and str(term.datatype) not in (_XSD_STRING, _LANG_STRING):
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"unsupported term {term!r}")


class QueryResult:
    """Rows of a SELECT (``variables``, ``rows``), or an ASK (``boolean``)."""

    def __init__(self, variables: list[str], rows: list[tuple], boolean: bool | None = None):
        self.variables, self.rows, self.boolean = variables, rows, boolean

    def dicts(self) -> list[dict[str, Node | None]]:
        return [dict(zip(self.variables, row)) for row in self.rows]


class Store:
    """A quad store in a directory (or in memory when ``path`` is None)."""

    def __init__(self, path: Path | None = None):
        self.path = path
        if path is not None:
            path.mkdir(parents=True, exist_ok=True)
        self._ox = ox.Store(str(path)) if path is not None else ox.Store()

    def close(self) -> None:
        """Release the directory (Oxigraph holds a lock on it while open)."""
        self.flush()
        self._ox = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __len__(self) -> int:
        return len(self._ox)

    def graph_names(self) -> list[URIRef]:
        return sorted(URIRef(g.value) for g in self._ox.named_graphs() if isinstance(g, ox.NamedNode))

    def replace_graph(self, name: URIRef, graph: Graph | bytes) -> None:
        """Make named graph ``name`` hold exactly ``graph`` (an rdflib Graph, or N-Triples bytes)."""
        target = ox.NamedNode(str(name))
        data = graph if isinstance(graph, bytes) else graph.serialize(format="nt", encoding="utf-8")
        self._ox.remove_graph(target)
        self._ox.load(data, ox.RdfFormat.N_TRIPLES, to_graph=target)

    def remove_graph(self, name: URIRef) -> bool:
        target = ox.NamedNode(str(name))
        if not self._ox.contains_named_graph(target):
            return False
        self._ox.remove_graph(target)
        return True

    def graph(self, name: URIRef) -> Graph:
        """A copy of one named graph as an rdflib Graph."""
        data = self._ox.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(str(name)))
        return Graph().parse(data=data.decode("utf-8"), format="nt")

    def union(self, exclude: Iterable[URIRef] = ()) -> Graph:
        """All named graphs (but ``exclude``) merged into one rdflib Graph."""
        merged = Graph()
        skip = set(exclude)
        for name in self.graph_names():
            if name not in skip:
                merged += self.graph(name)
        return merged

    def nquads(self) -> bytes:
        """Every quad as N-Quads, sorted: equal stores give equal bytes."""
        lines = self._ox.dump(format=ox.RdfFormat.N_QUADS).splitlines()
        return b"\n".join(sorted(lines)) + b"\n"

    def dataset(self) -> Dataset:
        data = self._ox.dump(format=ox.RdfFormat.N_QUADS)
        ds = Dataset()
        ds.parse(data=data.decode("utf-8"), format="nquads")
        return ds

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        """Run a SELECT or ASK over the union of all graphs; ``bindings`` are
        substituted as RDF terms (SEP-0007), never pasted into the text."""
        subs = {ox.Variable(k): to_oxigraph(v) for k, v in (bindings or {}).items()}
        try:
            result = self._ox.query(sparql, use_default_graph_as_union=True, substitutions=subs or None)
        except RuntimeError as exc:
            if "projection" in str(exc):
                raise ValueError(f"{exc}: a query parameter must be a variable the query SELECTs") from exc
            raise
        if isinstance(result, ox.QueryBoolean):
            return QueryResult([], [], bool(result))
        if not isinstance(result, ox.QuerySolutions):
            raise ValueError("only SELECT and ASK queries return rows; use export for graphs")
        variables = [v.value for v in result.variables]
        rows = [tuple(None if s[v] is None else to_rdflib(s[v]) for v in variables) for s in result]
        return QueryResult(variables, rows)

    def flush(self) -> None:
        if self.path is not None and self._ox is not None:
            self._ox.flush()


def graph_stats(store: Store) -> list[tuple[str, int]]:
    """Counts of what the store holds, for `policykg stats`."""
    counts = [("quads", len(store)), ("named graphs", len(store.graph_names()))]
    for label, pattern in (
        ("source documents", "?x <https://w3id.org/policykg/def#sourceFile> ?o"),
        ("citations (cites)", "?x <https://w3id.org/policykg/def#cites> ?o"),
        ("motions", "?x a <https://w3id.org/policykg/def#Motion>"),
        ("measures", "?x a <https://w3id.org/policykg/def#Measure>"),
        ("ledTo links", "?x <https://w3id.org/policykg/def#ledTo> ?o"),
        ("concept mentions", "?x <https://w3id.org/policykg/def#mentions> ?o"),
        ("evidence records", "?x a <https://w3id.org/policykg/def#Evidence>"),
    ):
        result = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT * WHERE {{ {pattern} }} }}")
        counts.append((label, int(result.rows[0][0])))
    return counts
