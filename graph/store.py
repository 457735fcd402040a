"""The embedded persistent store: Oxigraph (pyoxigraph), one named graph per
source document, read through rdflib terms.

The default graph is kept equal to the union of the named graphs, each triple
once: a document writes its triples into its own graph and into the default
graph, and dropping a graph removes from the default graph only what no other
graph holds. Queries run on that default graph, so a node cited by thousands of
documents is described once, not once per citing document (the union view of a
quad store returns a triple once per graph that holds it, which made joins grow
with the square of a node's citations).

Chosen by measurement (benchmarks/store_choice.py, figures in the README):
Oxigraph loads and answers our property-path and aggregate queries one to two
orders of magnitude faster than rdflib's in-memory store, persists to a
directory, and binds query parameters without touching the query text.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Self

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from policykg.errors import StoreError

from .backend import DATASET_FORMATS, Output, QueryResult, write_with_rdflib

ENV_VAR = "POLICYKG_STORE"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
DEFAULT_GRAPH = ox.DefaultGraph()
# The syntaxes of backend.RDF_FORMATS that Oxigraph writes itself, streaming.
_STREAMED = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "trig": ox.RdfFormat.TRIG,
             "nquads": ox.RdfFormat.N_QUADS}


def default_location() -> Path:
    """``$POLICYKG_STORE``, else ``$XDG_DATA_HOME/policykg/store``
    (``~/.local/share/policykg/store``)."""
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR])
    data_home = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(data_home) / "policykg" / "store"


def is_store(path: Path) -> bool:
    """Whether ``path`` holds a store (Oxigraph's RocksDB directory, named by its CURRENT file)."""
    return (path / "CURRENT").is_file()


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


def document_nquads(name: URIRef, triples: Iterable[tuple]) -> bytes:
    """N-Quads for named graph ``name`` and its share of the default graph, from
    triples of Oxigraph terms: what ``Store.load_documents`` takes (built where
    the document is extracted)."""
    graph = str(ox.NamedNode(str(name)))  # str() of an Oxigraph term is its N-Triples form
    return "".join(f"{s} {p} {o} {graph} .\n{s} {p} {o} .\n" for s, p, o in triples).encode("utf-8")


class Store:
    """A quad store in a directory (or in memory when ``path`` is None); a
    ``backend.GraphStore``, plus bulk loading (``load_documents``) and sorted
    N-Quads (``nquads``)."""

    def __init__(self, path: Path | None = None):
        self.path = path
        if path is not None:
            path.mkdir(parents=True, exist_ok=True)
        self._open: ox.Store | None = ox.Store(str(path)) if path is not None else ox.Store()
        self._read_only = False
        self._materialize_union()

    @classmethod
    def read_only(cls, path: Path) -> Store:
        """The store in ``path`` opened for reading only, as ``policykg serve`` opens it:
        no lock on the directory (other readers may open it too) and every write fails;
        it must not be written by another process meanwhile."""
        if not path.is_dir():
            raise StoreError(f"no store at {path}; run `policykg ingest` first", path=path)
        store = cls.__new__(cls)
        store.path = path
        try:
            store._open = ox.Store.read_only(str(path))
        except OSError as exc:
            raise StoreError(f"cannot open the store at {path} to read: {exc}", path=path) from exc
        store._read_only = True
        return store

    @property
    def _ox(self) -> ox.Store:
        """The Oxigraph store; an error once closed."""
        if self._open is None:
            raise StoreError("the store is closed", path=self.path)
        return self._open

    def close(self) -> None:
        """Release the directory (Oxigraph holds a lock on it while open)."""
        self.flush()
        self._open = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __len__(self) -> int:
        """Quads in the named graphs (the default graph repeats them)."""
        return len(self._ox) - self.triple_count()

    def triple_count(self) -> int:
        """Distinct triples: the size of the default graph."""
        result = self._ox.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        if not isinstance(result, ox.QuerySolutions):  # a SELECT answers with solutions
            raise TypeError(f"unexpected query result {result!r}")
        return int(next(iter(result))["n"].value)

    def graph_names(self) -> list[URIRef]:
        return sorted(URIRef(g.value) for g in self._ox.named_graphs() if isinstance(g, ox.NamedNode))

    def replace_graph(self, name: URIRef, graph: Graph) -> None:
        """Make named graph ``name`` hold exactly ``graph``."""
        target = ox.NamedNode(str(name))
        self._drop(target)
        triples = ox.parse(graph.serialize(format="nt", encoding="utf-8"), ox.RdfFormat.N_TRIPLES)
        self._ox.extend([ox.Quad(t.subject, t.predicate, t.object, g)
                         for t in triples for g in (target, DEFAULT_GRAPH)])

    def load_documents(self, documents: Iterable[tuple[URIRef, bytes]]) -> None:
        """Replace many named graphs at once with the N-Quads of
        ``document_nquads``; a name given twice keeps its last data. Loads with
        Oxigraph's bulk loader (fast, not one transaction: an interrupted load
        leaves the graphs it reached; loading again completes it)."""
        latest = dict(documents)
        for name in latest:
            self._drop(ox.NamedNode(str(name)))
        if latest:
            self._ox.bulk_load(b"".join(latest.values()), ox.RdfFormat.N_QUADS)

    def remove_graph(self, name: URIRef) -> bool:
        return self._drop(ox.NamedNode(str(name)))

    def _drop(self, target: ox.NamedNode) -> bool:
        """Remove a named graph, and from the default graph each of its triples
        that no other named graph holds."""
        if not self._ox.contains_named_graph(target):
            return False
        triples = [(q.subject, q.predicate, q.object) for q in self._ox.quads_for_pattern(None, None, None, target)]
        self._ox.remove_graph(target)
        for s, p, o in triples:
            if not any(q.graph_name != DEFAULT_GRAPH for q in self._ox.quads_for_pattern(s, p, o)):
                self._ox.remove(ox.Quad(s, p, o, DEFAULT_GRAPH))
        return True

    def _materialize_union(self) -> None:
        """Fill the default graph of a store written before it held the union."""
        if next(iter(self._ox.quads_for_pattern(None, None, None, DEFAULT_GRAPH)), None) is not None:
            return
        if next(iter(self._ox.named_graphs()), None) is None:
            return
        self._ox.bulk_extend(ox.Quad(q.subject, q.predicate, q.object, DEFAULT_GRAPH) for q in self._named_quads())

    def _named_quads(self):
        """The quads of every named graph (not the default graph's copy)."""
        for graph in self._ox.named_graphs():
            yield from self._ox.quads_for_pattern(None, None, None, graph)

    def graph(self, name: URIRef) -> Graph:
        """A copy of one named graph as an rdflib Graph."""
        data = _returned(self._ox.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(str(name))))
        return Graph().parse(data=data.decode("utf-8"), format="nt")

    def union(self, exclude: Iterable[URIRef] = ()) -> Graph:
        """All named graphs (but ``exclude``) merged into one rdflib Graph."""
        merged = Graph()
        skip = set(exclude)
        if not skip:
            data = _returned(self._ox.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=DEFAULT_GRAPH))
            return merged.parse(data=data.decode("utf-8"), format="nt")
        for name in self.graph_names():
            if name not in skip:
                merged += self.graph(name)
        return merged

    def nquads(self) -> bytes:
        """Every quad as N-Quads, sorted: equal stores give equal bytes."""
        lines = _returned(self._ox.dump(format=ox.RdfFormat.N_QUADS)).splitlines()
        return b"\n".join(sorted(lines)) + b"\n"

    def write_rdf(self, fmt: str, output: Output, prefixes: Mapping[str, str] | None = None) -> None:
        """Stream every graph in ``fmt`` to ``output`` (no copy in memory), as
        ``backend.GraphStore.write_rdf``; JSON-LD goes through rdflib."""
        if fmt not in _STREAMED:
            write_with_rdflib(self, fmt, output, prefixes)
            return
        used = dict(prefixes) if prefixes is not None and fmt in ("turtle", "trig") else None
        if fmt in DATASET_FORMATS:
            self._dump_named(_STREAMED[fmt], output, used)
        else:
            self._ox.dump(output, format=_STREAMED[fmt], from_graph=DEFAULT_GRAPH, prefixes=used)

    def _dump_named(self, fmt: ox.RdfFormat, output: Output | None = None,
                    prefixes: dict[str, str] | None = None) -> bytes | None:
        """Every named graph (N-Quads or TriG), without the default graph's copy."""
        return ox.serialize(self._named_quads(), output, fmt, prefixes=prefixes)

    def dataset(self) -> Dataset:
        data = _returned(self._dump_named(ox.RdfFormat.N_QUADS))
        ds = Dataset()
        ds.parse(data=data.decode("utf-8"), format="nquads")
        return ds

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        """Run a SELECT or ASK over the union of all graphs (the default graph);
        ``bindings`` are substituted as RDF terms (SEP-0007), never pasted into the text."""
        subs = {ox.Variable(k): to_oxigraph(v) for k, v in (bindings or {}).items()}
        try:
            result = self._ox.query(sparql, substitutions=subs or None)
        except RuntimeError as exc:
            if subs and _is_unprojected_substitution(exc):
                raise ValueError(f"{exc}: a query parameter must be a variable the query SELECTs") from exc
            raise
        if isinstance(result, ox.QueryBoolean):
            return QueryResult([], [], bool(result))
        if not isinstance(result, ox.QuerySolutions):
            raise ValueError("only SELECT and ASK queries return rows; use export for graphs")
        variables = [v.value for v in result.variables]
        rows = [tuple(None if s[v] is None else to_rdflib(s[v]) for v in variables) for s in result]
        return QueryResult(variables, rows)

    def select(self, sparql: str, bindings: Mapping[str, Node] | None = None,
               page: int = 5000) -> Iterator[dict[str, Node | None]]:
        """The rows of a SELECT as Oxigraph yields them (``page`` is for remote stores)."""
        subs = {ox.Variable(k): to_oxigraph(v) for k, v in (bindings or {}).items()}
        try:
            result = self._ox.query(sparql, substitutions=subs or None)
        except RuntimeError as exc:
            if subs and _is_unprojected_substitution(exc):
                raise ValueError(f"{exc}: a query parameter must be a variable the query SELECTs") from exc
            raise
        if not isinstance(result, ox.QuerySolutions):
            raise ValueError("select runs SELECT queries only")
        variables = [v.value for v in result.variables]
        for solution in result:
            yield {v: None if solution[v] is None else to_rdflib(solution[v]) for v in variables}

    def flush(self) -> None:
        if self.path is not None and self._open is not None and not self._read_only:
            self._open.flush()


def _returned(data: bytes | None) -> bytes:
    """What Oxigraph's dump and serialize return when given no output: the bytes
    (pyoxigraph types the result ``bytes | None`` for every call)."""
    if data is None:
        raise TypeError("Oxigraph wrote to an output instead of returning the bytes")
    return data


def _is_unprojected_substitution(error: RuntimeError) -> bool:
    """Whether Oxigraph refused a substitution because the query does not SELECT
    that variable. pyoxigraph (0.5) raises a bare RuntimeError for this, and
    offers no way to read a query's projection before running it, so its message
    is the only sign: "... does not contains variable ?x in its SELECT projection"."""
    return "projection" in str(error)
