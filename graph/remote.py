"""A remote SPARQL 1.1 store (Fuseki, GraphDB, Virtuoso, Neptune, an Oxigraph
server, ...) as a ``backend.GraphStore``, like the embedded store: reads, and the
writes that ``policykg push`` needs.

Queries go through SPARQLWrapper. A parameter's value never enters a query as
raw text: it is serialised as an RDF term (IRIs checked, literals escaped by
rdflib) and bound with ``BIND(term AS ?name)`` at the start of the query's
WHERE group, the same result as the embedded store's binding. Credentials come from the
environment (``POLICYKG_ENDPOINT_USER``, ``POLICYKG_ENDPOINT_PASSWORD``), never
from the command line.

The named queries assume the default graph is the union of the named graphs:
Oxigraph's server with ``--union-default-graph``, Fuseki/TDB2 with
``tdb2:unionDefaultGraph true``; GraphDB, Virtuoso and Neptune do this already.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from typing import Self

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from policykg.errors import RemoteError

from .backend import Output, QueryResult, UnstorableTerm, write_with_rdflib

USER_VAR, PASSWORD_VAR = "POLICYKG_ENDPOINT_USER", "POLICYKG_ENDPOINT_PASSWORD"
_SAFE_IRI = re.compile(r"^[^\s<>\"{}|^`\\]+$")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def term(value: Node) -> str:
    """An RDF term as SPARQL syntax, safe to place in a query."""
    if isinstance(value, URIRef):
        if not _SAFE_IRI.match(str(value)):
            raise ValueError(f"not a valid IRI: {str(value)!r}")
        return f"<{value}>"
    if isinstance(value, Literal):
        return value.n3()  # rdflib escapes quotes, backslashes and line breaks
    raise ValueError(f"cannot bind {value!r} in a query")


_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def bind(sparql: str, bindings: Mapping[str, Node] | None) -> str:
    """``sparql`` with each parameter bound, as the embedded store binds it: a
    ``BIND(term AS ?name)`` opening the outermost WHERE group (so FILTERs see the
    value), or a trailing VALUES block when the query has no WHERE keyword."""
    if not bindings:
        return sparql
    names = list(bindings)
    if not all(_NAME.match(n) for n in names):
        raise ValueError(f"bad parameter name in {names}")
    where = _WHERE.search(sparql)
    if where:
        binds = " ".join(f"BIND ({term(bindings[n])} AS ?{n})" for n in names)
        return f"{sparql[:where.end()]} {binds}\n{sparql[where.end():]}"
    row = " ".join(term(bindings[n]) for n in names)
    return f"{sparql.rstrip()}\nVALUES ({' '.join('?' + n for n in names)}) {{ ({row}) }}\n"


_LATERAL_OPTIONAL = re.compile(r"LATERAL \{ (OPTIONAL \{[^{}]*\}) \}")
_LATERAL_GROUP = re.compile(r"LATERAL (\{[^{}]*\})")


def without_lateral(sparql: str) -> str:
    """The query for stores without LATERAL: ``P LATERAL { OPTIONAL { X } }`` as
    ``P OPTIONAL { X }`` and ``P LATERAL { X }`` as ``P { X }``; the same answers
    when X has no nested groups and P binds what X uses, as in our named queries."""
    return _LATERAL_GROUP.sub(r"\1", _LATERAL_OPTIONAL.sub(r"\1", sparql))


def _to_rdflib(cell: dict | None) -> Node | None:
    if cell is None:
        return None
    kind, value = cell["type"], cell["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if "xml:lang" in cell:
        return Literal(value, lang=cell["xml:lang"])
    return Literal(value, datatype=cell.get("datatype"))


class RemoteStore:
    """Reads (and, for push, writes) a SPARQL 1.1 endpoint."""

    def __init__(self, endpoint: str, update_endpoint: str | None = None, timeout: int = 60):
        from SPARQLWrapper import SPARQLWrapper

        if not endpoint.startswith(("http://", "https://")):
            raise RemoteError("an endpoint must be an http(s) URL", url=endpoint)
        self.path = endpoint  # shown where the CLI shows the store's location
        self.endpoint, self.update_endpoint = endpoint, update_endpoint
        self._plain_optionals = False
        self._client = SPARQLWrapper(endpoint, updateEndpoint=update_endpoint)
        self._client.setTimeout(timeout)
        self._client.setMethod("POST")
        user, password = os.environ.get(USER_VAR), os.environ.get(PASSWORD_VAR)
        if user:
            self._client.setCredentials(user, password or "")

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        pass

    def _run(self, sparql: str):
        from SPARQLWrapper import JSON

        # comment lines go: SPARQLWrapper guesses the query form from keywords, comments included
        self._client.setQuery("\n".join(line for line in sparql.splitlines() if not line.lstrip().startswith("#")))
        self._client.setReturnFormat(JSON)
        try:
            return self._client.queryAndConvert()
        except Exception as exc:  # SPARQLWrapper raises urllib and its own errors
            raise RemoteError(f"{type(exc).__name__}: {exc}".splitlines()[0], url=self.endpoint) from exc

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        text = bind(sparql, bindings)
        if self._plain_optionals:
            text = without_lateral(text)
        try:
            data = self._run(text)
        except RemoteError:
            if self._plain_optionals or without_lateral(text) == text:
                raise
            self._plain_optionals = True  # the store does not know LATERAL: ask again without
            data = self._run(without_lateral(text))
        if "boolean" in data:
            return QueryResult([], [], bool(data["boolean"]))
        variables = data["head"]["vars"]
        rows = [tuple(_to_rdflib(b.get(v)) for v in variables) for b in data["results"]["bindings"]]
        return QueryResult(variables, rows)

    def graph_names(self) -> list[URIRef]:
        rows = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }").rows
        return sorted(r[0] for r in rows)

    def __len__(self) -> int:
        return int(self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows[0][0])

    def triple_count(self) -> int:
        """Distinct triples over all graphs."""
        return int(self.query("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { "
                              "GRAPH ?g { ?s ?p ?o } } }").rows[0][0])

    def graph(self, name: URIRef) -> Graph:
        graph = Graph()
        for s, p, o, _ in self.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": name}).rows:
            graph.add((s, p, o))
        return graph

    def union(self, exclude: Iterable[URIRef] = ()) -> Graph:
        merged, skip = Graph(), set(exclude)
        for g, s, p, o in self.query("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }").rows:
            if g not in skip:
                merged.add((s, p, o))
        return merged

    def dataset(self) -> Dataset:
        ds = Dataset()
        for g, s, p, o in self.query("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }").rows:
            ds.graph(g).add((s, p, o))
        return ds

    def update(self, sparql: str) -> None:
        from SPARQLWrapper import POST

        if not self.update_endpoint:
            raise RemoteError("no update endpoint given (--update-endpoint)", url=self.endpoint)
        self._client.setQuery(sparql)
        self._client.setMethod(POST)
        try:
            self._client.query()
        except Exception as exc:
            raise RemoteError(f"{type(exc).__name__}: {exc}".splitlines()[0], url=self.update_endpoint) from exc

    def replace_graph(self, name: URIRef, graph: Graph, batch: int = 5000) -> None:
        """Make the remote named graph ``name`` hold exactly ``graph``: every term is
        checked first (``UnstorableTerm``, nothing sent); then DROP and the first
        ``batch`` triples in one update request (one transaction on stores that run a
        request as one, so a graph of up to ``batch`` triples is swapped whole), the
        rest in further requests (blank nodes are not expected in our graphs)."""
        triples = sorted(graph, key=lambda t: (str(t[0]), str(t[1]), str(t[2])))
        inserts = [f"INSERT DATA {{ GRAPH {term(name)} {{\n{body} .\n}} }}"
                   for body in (_batch_body(triples[i:i + batch]) for i in range(0, len(triples), batch))]
        drop = f"DROP SILENT GRAPH {term(name)}"
        for request in [" ;\n".join([drop, *inserts[:1]]), *inserts[1:]]:
            self.update(request)

    def remove_graph(self, name: URIRef) -> bool:
        exists = self.query("ASK { GRAPH ?g { ?s ?p ?o } }", {"g": name}).boolean
        self.update(f"DROP SILENT GRAPH {term(name)}")
        return bool(exists)

    def remove_graphs(self, names: Iterable[URIRef]) -> list[URIRef]:
        """Drop the named graphs ``names`` in one update request (one transaction on
        stores that run a request as one)."""
        held = [name for name in dict.fromkeys(names)
                if self.query("ASK { GRAPH ?g { ?s ?p ?o } }", {"g": name}).boolean]
        if held:
            self.update(" ;\n".join(f"DROP SILENT GRAPH {term(name)}" for name in held))
        return held

    def write_rdf(self, fmt: str, output: Output, prefixes: Mapping[str, str] | None = None) -> None:
        """As ``backend.GraphStore.write_rdf``, through a copy of the graphs in rdflib."""
        write_with_rdflib(self, fmt, output, prefixes)

    def flush(self) -> None:
        pass


def _batch_body(triples: list) -> str:
    """Triples as SPARQL data; a term no request can carry raises ``UnstorableTerm``."""
    lines = []
    for triple in triples:
        try:
            lines.append(" ".join(_data_term(x) for x in triple))
        except ValueError as exc:
            raise UnstorableTerm(next((x for x in triple if not _carried(x)), triple), str(exc)) from exc
    return " .\n".join(lines)


def _carried(value: Node) -> bool:
    try:
        _data_term(value)
    except ValueError:
        return False
    return True


def _data_term(value: Node) -> str:
    if isinstance(value, BNode):
        return f"_:{value}"
    return term(value)
