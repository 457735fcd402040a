"""A remote SPARQL 1.1 store (Fuseki, GraphDB, Virtuoso, Neptune, an Oxigraph
server, ...) as a ``backend.GraphStore``, like the embedded store: reads, and the
writes that ``policykg push`` needs.

Queries go through SPARQLWrapper. A parameter's value never enters a query as
raw text: it is serialised as an RDF term (IRIs checked, literals escaped by
rdflib) and bound with ``VALUES ?name { term }`` in every group of the query that
uses the variable (sub-selects included), the same answers as the embedded
store's substitution (``bind``). Credentials come from the environment
(``POLICYKG_ENDPOINT_USER``, ``POLICYKG_ENDPOINT_PASSWORD``), never from the
command line.

The named queries assume the default graph is the union of the named graphs:
Oxigraph's server with ``--union-default-graph``, Fuseki/TDB2 with
``tdb2:unionDefaultGraph true``; GraphDB, Virtuoso and Neptune do this already.
Such a union view repeats a triple once per graph that holds it, so the named
queries count and list with DISTINCT where they mean a set.

What differs between stores is made equal here, and tested on an Oxigraph server
and Virtuoso 7.2 (tests/test_parity.py): a store without LATERAL gets the plain
query (``without_lateral``); ``xsd:string`` literals come back plain and typed
values in canonical form (Virtuoso's boolean "1" is "true"); only policykg's own
named graphs (``pkgg:``) are read as the store's graphs (Virtuoso holds system
graphs too); an answer the store cut off at its row limit is an error, never a
partial result. GROUP_CONCAT lists are normalised for every store in
``queries.sorted_lists``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Self

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from policykg.errors import RemoteError
from policykg.namespaces import PKGG

from . import records
from .backend import Output, QueryResult, UnstorableTerm, sorted_graph, write_with_rdflib

# Only policykg's own named graphs are read as the store's graphs: a shared store
# holds others too (Virtuoso its system graphs, such as virtrdf:).
_OWN_GRAPHS = f'FILTER (STRSTARTS(STR(?g), "{PKGG}"))'
# A supporting record ?r of the fact ?s ?p ?o (graph/records.py).
_RECORD = records.record_pattern("?r", "?s", "?p", "?o")
_ALL_QUADS = f"SELECT ?g ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {_OWN_GRAPHS} }}"
USER_VAR, PASSWORD_VAR = "POLICYKG_ENDPOINT_USER", "POLICYKG_ENDPOINT_PASSWORD"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
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


# What a query's text is made of, as far as binding needs it: strings, IRIs and
# comments (skipped whole, so a brace or a "?x" inside them is never touched),
# variables, braces, and words (keywords and prefixed names).
_TOKEN = re.compile(r"""
    (?P<string>'{3}(?:[^'\\]|\\.|'(?!''))*'{3}|"{3}(?:[^"\\]|\\.|"(?!""))*"{3}
               |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\s]*>)
  | (?P<comment>\#[^\n]*)
  | (?P<var>[?$][A-Za-z0-9_]+)
  | (?P<open>\{) | (?P<close>\})
  | (?P<word>[A-Za-z_][A-Za-z0-9_.-]*(?::[A-Za-z0-9_.-]*)?)
""", re.VERBOSE)


@dataclass
class _Group:
    start: int  # offset just after its "{"
    variables: set[str] = field(default_factory=set)
    data: bool = False  # a VALUES block or a CONSTRUCT template, not a group
    subselect: bool = False  # "{ SELECT ... }": nothing may precede the SELECT


def _groups(sparql: str) -> list[_Group]:
    """The brace blocks of ``sparql`` in order of opening, each with the variables
    written inside it (nested blocks included)."""
    groups: list[_Group] = []
    open_: list[_Group] = []
    values_pending = template_pending = False
    tokens = [(m.lastgroup, m.group(), m.end()) for m in _TOKEN.finditer(sparql)
              if m.lastgroup not in ("comment", "string", "iri")]
    for i, (kind, text, end) in enumerate(tokens):
        if kind == "word" and text.upper() == "VALUES":
            values_pending = True
        elif kind == "word" and text.upper() == "CONSTRUCT":
            template_pending = True
        elif kind == "word" and text.upper() == "WHERE":
            template_pending = False  # CONSTRUCT WHERE { ... }: the pattern is the template
        elif kind == "open":
            inside_data = any(g.data for g in open_)
            following = tokens[i + 1][1].upper() if i + 1 < len(tokens) else ""
            group = _Group(end, data=values_pending or template_pending or inside_data,
                           subselect=following == "SELECT")
            values_pending = template_pending = False
            groups.append(group)
            open_.append(group)
        elif kind == "close" and open_:
            open_.pop()
        elif kind == "var":
            for group in open_:
                group.variables.add(text[1:])
    return groups


def bind(sparql: str, bindings: Mapping[str, Node] | None) -> str:
    """``sparql`` with each parameter bound to its value everywhere the query uses
    it, as the embedded store substitutes it: ``VALUES ?name { term }`` opens the
    query's outermost group and every group (sub-select, UNION branch, OPTIONAL,
    MINUS ...) that uses the variable, so a sub-select that filters on a parameter
    sees its value. (One difference with substitution: a MINUS whose only shared
    variable is a parameter removes the rows it matches; none of ours is written so.)"""
    if not bindings:
        return sparql
    names = list(bindings)
    if not all(_NAME.match(n) for n in names):
        raise ValueError(f"bad parameter name in {names}")
    values = {n: f"VALUES ?{n} {{ {term(bindings[n])} }}" for n in names}
    groups = [g for g in _groups(sparql) if not g.data and not g.subselect]
    if not groups:
        raise ValueError("the query has no group pattern to bind parameters in")
    pieces, last = [], 0
    for index, group in enumerate(groups):
        used = names if index == 0 else [n for n in names if n in group.variables]
        if used:
            pieces += [sparql[last:group.start], " ", " ".join(values[n] for n in used), " "]
            last = group.start
    return "".join(pieces) + sparql[last:]


# A group may hold groups of its own one level deep (``GRAPH ?g { ... }``); a brace opens
# only the inner alternative, so the match never backtracks.
_GROUPS = r"(?:[^{}]|\{[^{}]*\})*"
_LATERAL_OPTIONAL = re.compile(r"LATERAL \{ (OPTIONAL \{" + _GROUPS + r"\}) \}")
_LATERAL_GROUP = re.compile(r"LATERAL \{(" + _GROUPS + r")\}")
_SUB_SELECT = re.compile(r"\bSELECT\b", re.IGNORECASE)
_NOT_PLAIN = re.compile(r"\b(?:FILTER|BIND|OPTIONAL|VALUES|MINUS|SERVICE|GRAPH)\b", re.IGNORECASE)


def _plain_group(match: re.Match) -> str:
    """``LATERAL { X }`` as ``X .`` when X is triple patterns only (the same join,
    and Virtuoso 7.2 then sees X's variables in the enclosing group), else ``{ X }``."""
    body = match.group(1).strip()
    if _SUB_SELECT.search(body):
        return match.group(0)  # not the same query without LATERAL: the store says so
    if _NOT_PLAIN.search(body):
        return "{ " + body + " }"
    return body if body.endswith(".") else body + " ."


def without_lateral(sparql: str) -> str:
    """The query for stores without LATERAL: ``P LATERAL { OPTIONAL { X } }`` as
    ``P OPTIONAL { X }``, ``P LATERAL { X }`` as ``P X .`` (triple patterns) or
    ``P { X }``; the same answers when X's groups nest no deeper than one ``GRAPH``
    and P binds what X uses, as in our named queries."""
    return _LATERAL_GROUP.sub(_plain_group, _LATERAL_OPTIONAL.sub(_plain_optional, sparql))


def _plain_optional(match: re.Match) -> str:
    """``LATERAL { OPTIONAL { X } }`` as ``OPTIONAL { X }``; kept when X is a sub-select
    (its LIMIT or aggregate would no longer be per row)."""
    return match.group(0) if _SUB_SELECT.search(match.group(1)) else match.group(1)


def _to_rdflib(cell: dict | None) -> Node | None:
    """A term of a JSON result as the embedded store gives it: ``xsd:string`` as a
    plain literal, typed values in their canonical form (rdflib normalises them:
    Virtuoso's boolean "1" is "true")."""
    if cell is None:
        return None
    kind, value = cell["type"], cell["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if "xml:lang" in cell:
        return Literal(value, lang=cell["xml:lang"])
    datatype = cell.get("datatype")
    return Literal(value, datatype=None if datatype == _XSD_STRING else datatype)


def _graph(turtle: bytes) -> Graph:
    """The Turtle a store answered a CONSTRUCT or DESCRIBE with, as a sorted graph
    with ``xsd:string`` literals plain (as the embedded store gives them)."""
    parsed = Graph().parse(data=turtle.decode("utf-8"), format="turtle")
    return sorted_graph((s, p, _plain(o)) for s, p, o in parsed)


def _plain(value: Node) -> Node:
    if isinstance(value, Literal) and value.datatype is not None and str(value.datatype) == _XSD_STRING:
        return Literal(str(value))
    return value


# Triples per update request: Virtuoso 7.2's SPARQL parser runs out of stack ("SP030 ...
# memory exhausted") at about 4,990 triples in one INSERT DATA (tests/test_parity.py).
DEFAULT_BATCH = 2000
# Virtuoso's header on an answer cut off at its ResultSetMaxRows.
_CAPPED = "X-SPARQL-MaxRows"


class AnswerCutOff(RemoteError):
    """The store answered with only part of the rows (its result-size limit)."""


def _reason(exc: Exception) -> str:
    """One line on why a request failed: the store's own message where it gave one
    (Virtuoso: "Virtuoso 37000 Error SP030: SPARQL compiler, line 13: syntax error at
    'LATERAL'"), else the exception's first line."""
    text = f"{type(exc).__name__}: {exc}"
    if "Response:" in text:
        body = text.split("Response:", 1)[1].strip()
        body = body[2:] if body.startswith(("b'", 'b"')) else body
        first = body.replace("\\n", "\n").strip().splitlines()
        if first and first[0].strip():
            return f"the store refused the query: {first[0].strip()}"
    return text.splitlines()[0]


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
        """The answer to ``sparql``: the JSON of a SELECT or ASK, or a ``Graph`` for
        a CONSTRUCT or DESCRIBE (asked for as Turtle)."""
        from SPARQLWrapper import JSON, TURTLE

        # comment lines go: SPARQLWrapper guesses the query form from keywords, comments included
        self._client.setQuery("\n".join(line for line in sparql.splitlines() if not line.lstrip().startswith("#")))
        graph_form = self._client.queryType in ("CONSTRUCT", "DESCRIBE")
        self._client.setReturnFormat(TURTLE if graph_form else JSON)
        try:
            answer = self._client.query()
            cap = answer.response.headers.get(_CAPPED)
            data = _graph(answer.response.read()) if graph_form else answer.convert()
        except Exception as exc:  # SPARQLWrapper raises urllib and its own errors
            raise RemoteError(_reason(exc), url=self.endpoint) from exc
        if cap:
            raise AnswerCutOff(f"the store cut the answer off at {cap} rows; policykg never uses a partial "
                              "answer: raise the limit (Virtuoso: ResultSetMaxRows in [SPARQL] of virtuoso.ini)",
                              url=self.endpoint)
        return data

    def with_records(self) -> RemoteStore:
        """This store: its default graph is the union of its graphs already."""
        return self

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        text = without_lateral(sparql) if self._plain_optionals else sparql
        try:
            data = self._run(bind(text, bindings))
        except AnswerCutOff:
            raise
        except RemoteError:
            if self._plain_optionals or without_lateral(sparql) == sparql:
                raise
            self._plain_optionals = True  # the store does not know LATERAL: ask again without
            data = self._run(bind(without_lateral(sparql), bindings))
        if isinstance(data, Graph):
            return QueryResult([], [], graph=data)
        if "boolean" in data:
            return QueryResult([], [], bool(data["boolean"]))
        variables = data["head"]["vars"]
        rows = [tuple(_to_rdflib(b.get(v)) for v in variables) for b in data["results"]["bindings"]]
        return QueryResult(variables, rows)

    streams = False  # pages need an order: the store sorts each answer whole

    def select(self, sparql: str, bindings: Mapping[str, Node] | None = None,
               page: int = 5000) -> Iterator[dict[str, Node | None]]:
        """The rows of an ORDER BY query, ``page`` at a time (LIMIT/OFFSET): an answer
        stays under the store's row limit, and in memory one page at a time."""
        offset = 0
        while True:
            result = self.query(f"{sparql}\nLIMIT {page} OFFSET {offset}", bindings)
            yield from result.dicts()
            if len(result.rows) < page:
                return
            offset += page

    def graph_names(self) -> list[URIRef]:
        rows = self.query(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {_OWN_GRAPHS} }}").rows
        return sorted(r[0] for r in rows)

    def __len__(self) -> int:
        """Quads in the named graphs as their sources state them: those there and the facts
        their records name that a graph does not hold itself (a store that policykg serves
        writes each fact once: graph/placement.py)."""
        held = self.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {_OWN_GRAPHS} }}")
        named = self.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?g ?s ?p ?o WHERE {{ GRAPH ?g {{ "
                           f"{_RECORD} FILTER NOT EXISTS {{ ?s ?p ?o }} }} {_OWN_GRAPHS} }} }}")
        return int(held.rows[0][0]) + int(named.rows[0][0])

    def triple_count(self) -> int:
        """Distinct triples the named graphs state: theirs and the facts their records name."""
        return int(self.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?p ?o WHERE {{ "
                              f"{{ GRAPH ?g {{ ?s ?p ?o }} {_OWN_GRAPHS} }} UNION "
                              f"{{ GRAPH ?g {{ {_RECORD} }} {_OWN_GRAPHS} }} }} }}").rows[0][0])

    def graph(self, name: URIRef) -> Graph:
        graph = Graph()
        for s, p, o, _ in self.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": name}).rows:
            graph.add((s, p, o))
        return graph

    def union(self, exclude: Iterable[URIRef] = ()) -> Graph:
        merged, skip = Graph(), set(exclude)
        for g, s, p, o in self.query(_ALL_QUADS).rows:
            if g not in skip:
                merged.add((s, p, o))
        return merged

    def dataset(self) -> Dataset:
        ds = Dataset()
        for g, s, p, o in self.query(_ALL_QUADS).rows:
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
            raise RemoteError(_reason(exc), url=self.update_endpoint) from exc

    def replace_graph(self, name: URIRef, graph: Graph, batch: int = DEFAULT_BATCH) -> None:
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
