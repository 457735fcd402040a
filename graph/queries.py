"""Named SPARQL queries (``queries/*.rq``) with safely bound parameters.

Each query file starts with a header::

    # name: citations
    # purpose: what the document cites, with the quote and line of each citation
    # param: doc = identifier of the citing document, e.g. kst-30950-319
    # returns: ...
    # page: 100

A query that lists the corpus names its default page size (``# page:``): the
command line shows that many rows and says when more follow (``run_query``
takes ``limit`` and ``offset``, appended to the query as LIMIT and OFFSET, so
its ORDER BY must order the rows completely for pages to be stable). A query that
reads summary rows pages the rows by their order key in a sub-select and marks
where its LIMIT and OFFSET go with a line ``# the page goes here``; the outer
query then only completes the page's rows. Where rows may share a key, a line
``# the first rows go here`` marks where the first keys are cut (as many as the
page and the rows before it), the page then cut from the rows they stand for.
Keys kept in buckets (graph/summaries.py: a concept's keys per month, with their
count) are read from the first buckets only: ``# the first buckets go here`` closes
a sub-select grouped by each bucket and ``?n``, its count, where ``?n2`` are the
counts of it and of the buckets before it, and keeps those with fewer keys before
them than the first rows. Where undated rows come last, ``# the undated rows'
condition goes here`` closes a sub-select grouped by the concept whose ``?datedKeys``
count its dated keys: it keeps the concept only when they are fewer than the first
rows (else no undated row can be on the page).

A parameter value is bound to the variable of the same name as an RDF term:
an IRI when it starts with http:// or https://, else a plain string literal.
It is never pasted into the query text. A SELECT query projects its parameter
variables (Oxigraph substitutes only projected variables).

SPARQL leaves the order of GROUP_CONCAT's items to the store, and stores differ
(Oxigraph keeps a common language tag and leaves an empty list unbound; Virtuoso
gives a plain "" then). So that every store gives the same answer, each column a
query computes with ``GROUP_CONCAT(... ; separator="S") AS ?col`` is normalised:
its items sorted, as a plain literal, an empty list unbound (``sorted_lists``).
Items are told apart by the separator, so a query joins with one its items cannot
contain (identifiers and names with ", ", labels with "; ").
"""

from __future__ import annotations

import codecs
import io
import math
import re
from dataclasses import dataclass, replace
from pathlib import Path

from rdflib import XSD, Dataset, Graph, Literal
from rdflib.term import Node

import policykg.resources as resources
from policykg.errors import QueryError

from . import iris, jsonld
from .backend import GraphStore, QueryResult

_HEADER = re.compile(r"^#\s{0,4}(?P<key>name|purpose|param|returns|page):\s{0,4}(?P<value>.{0,500})$", re.M)
_SERVICE = re.compile(r"\bSERVICE\b", re.I)
_PARAM = re.compile(r"^(?P<name>\w{1,40})(?P<optional>\?)?\s{0,4}=\s{0,4}(?P<doc>.{0,400})$")


@dataclass(frozen=True)
class NamedQuery:
    name: str
    text: str
    purpose: str
    params: dict[str, tuple[bool, str]]  # name -> (required, description)
    returns: str
    page: int | None = None  # the default page size of a query that lists the corpus

    @classmethod
    def parse(cls, name: str, text: str) -> NamedQuery:
        header: dict[str, list[str]] = {"purpose": [], "param": [], "returns": [], "name": [], "page": []}
        for m in _HEADER.finditer(text):
            header[m["key"]].append(m["value"].strip())
        params = {}
        for line in header["param"]:
            param = _PARAM.match(line)
            if param:
                params[param["name"]] = (not param["optional"], param["doc"].strip())
        page = next((int(v) for v in header["page"] if v.isdigit() and int(v) > 0), None)
        return cls(header["name"][0] if header["name"] else name, text,
                   " ".join(header["purpose"]), params, " ".join(header["returns"]), page)

    def bindings(self, values: dict[str, str]) -> dict[str, Node]:
        unknown = sorted(set(values) - set(self.params))
        if unknown:
            raise QueryError(f"query {self.name!r} has no parameter {', '.join(unknown)}; "
                             f"it takes: {', '.join(self.params) or 'none'}")
        missing = [p for p, (required, _) in self.params.items() if required and p not in values]
        if missing:
            raise QueryError(f"query {self.name!r} needs --param {missing[0]}=... "
                             f"({self.params[missing[0]][1]})")
        try:
            return {k: to_term(v) for k, v in values.items()}
        except ValueError as exc:
            raise QueryError(f"query {self.name!r}, --param: {exc}") from exc


def to_term(value: str) -> Node:
    """An IRI (checked: a ``ValueError`` if it is not one) when ``value`` starts with
    http:// or https://, else a plain literal; a ``ValueError`` for text that is not UTF-8."""
    if not is_text(value):
        raise ValueError(f"{value!r} is not valid text (bytes that are not UTF-8)")
    if value.startswith(("http://", "https://")):
        return iris.checked(value)
    return Literal(value)


def is_text(value: str) -> bool:
    """Whether ``value`` is text RDF can hold: no stray bytes of an argument that was
    not UTF-8 (Python keeps those as lone surrogates)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def named_queries() -> dict[str, NamedQuery]:
    return {name: NamedQuery.parse(name, text) for name, text in resources.named_queries().items()}


def load_query(name_or_file: str) -> NamedQuery:
    """A named query, or a ``.rq`` file given by path."""
    queries = named_queries()
    if name_or_file in queries:
        return queries[name_or_file]
    path = Path(name_or_file)
    if path.suffix == ".rq" and path.is_file():
        return NamedQuery.parse(path.stem, read_query_file(path))
    raise QueryError(f"no named query {name_or_file!r} and no such .rq file; "
                     f"named queries: {', '.join(sorted(queries))}")


# Byte order marks, longest first (UTF-32 LE starts with UTF-16 LE's mark).
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def read_query_file(path: Path) -> str:
    """The text of a ``.rq`` file: UTF-8, or UTF-8/16/32 with a byte order mark; a
    ``QueryError`` naming the file for any other encoding (Latin-1, say)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise QueryError(f"cannot read: {exc.strerror or exc}", path=path) from exc
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), "utf-8")
    if encoding == "utf-8" and b"\x00" in data:
        raise QueryError("holds NUL bytes (UTF-16 or UTF-32 without a byte order mark?): "
                         "save the query as UTF-8", path=path)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        hint = " (Latin-1 or Windows-1252?)" if encoding == "utf-8" else ""
        raise QueryError(f"not {encoding.removesuffix('-sig').upper()} text{hint}: byte 0x{data[exc.start]:02x} at "
                         f"offset {exc.start}; save the query as UTF-8", path=path) from exc
    return text


# GROUP_CONCAT([DISTINCT] ?x [; separator="S"]) AS ?column
_CONCAT = re.compile(r'GROUP_CONCAT\s{0,9}\(\s{0,9}(?:DISTINCT\s{1,9})?[?$]\w{1,60}\s{0,9}'
                     r'(?:;\s{0,9}separator\s{0,9}=\s{0,9}"(?P<sep>[^"\\\n]{0,20})"\s{0,9})?\)\s{1,9}AS\s{1,9}'
                     r'[?$](?P<column>\w{1,60})', re.IGNORECASE)


# A header naming a column that holds such a list made earlier (a summary of graph/summaries.py).
_LIST = re.compile(r'^#\s{0,4}list:\s{0,4}(?P<column>\w{1,60})\s{0,4}=\s{0,4}"(?P<sep>[^"\\\n]{1,20})"', re.M)


def concatenated_columns(sparql: str) -> dict[str, str]:
    """The columns ``sparql`` computes with GROUP_CONCAT, or names in a ``# list:``
    header, and their separators."""
    columns = {m["column"]: " " if m["sep"] is None else m["sep"] for m in _CONCAT.finditer(sparql)}
    return columns | {m["column"]: m["sep"] for m in _LIST.finditer(sparql)}


def sorted_lists(sparql: str, result: QueryResult) -> QueryResult:
    """``result`` with each GROUP_CONCAT column normalised: items sorted, a plain
    literal, unbound when empty; the same on every store."""
    columns = {result.variables.index(c): sep for c, sep in concatenated_columns(sparql).items()
               if c in result.variables}
    if not columns:
        return result

    def normal(index: int, cell: Node | None) -> Node | None:
        if index not in columns or cell is None or str(cell) == "":
            return None if index in columns else cell
        return Literal(columns[index].join(sorted(str(cell).split(columns[index]))))

    rows = [tuple(normal(i, cell) for i, cell in enumerate(row)) for row in result.rows]
    return replace(result, rows=rows)


def answer(store: GraphStore, query: NamedQuery, bindings: dict[str, Node]) -> QueryResult:
    """``query``'s rows on ``store`` with ``bindings``, its lists normalised (``sorted_lists``)."""
    return sorted_lists(query.text, store.query(query.text, bindings))


def run_query(store: GraphStore, name_or_file: str, params: dict[str, str] | None = None,
              limit: int | None = None, offset: int = 0) -> QueryResult:
    """The rows of a named query or ``.rq`` file; at most ``limit`` of them after the
    first ``offset`` (None: all), ``more`` telling whether rows follow. A ``QueryError``
    for a query that cannot run: bad syntax or parameters, or a SERVICE endpoint that
    cannot be reached."""
    query = load_query(name_or_file)
    return _run(store, paged(query, limit, offset), query.bindings(params or {}), limit)


def run_sparql(store: GraphStore, sparql: str, params: dict[str, str] | None = None,
               limit: int | None = None, offset: int = 0) -> QueryResult:
    """The rows of a SELECT or ASK given as text, each parameter bound as ``to_term``
    binds it (never pasted), paged as ``run_query`` pages; the same errors."""
    query = NamedQuery("(SPARQL text)", sparql, "", {}, "")
    try:
        bindings = {name: to_term(value) for name, value in (params or {}).items()}
    except ValueError as exc:
        raise QueryError(f"query {query.name!r}, parameter: {exc}") from exc
    return _run(store, paged(query, limit, offset), bindings, limit)


# A query that ends in its own LIMIT or OFFSET (a comment may follow).
_PAGE_HERE = re.compile(r"# the page goes here$", re.M)
# Where a query reads the first rows of an order with ties (offset + limit + 1 of them):
# its page is among the rows they stand for.
_FIRST_HERE = re.compile(r"# the first rows go here$", re.M)
_FIRST_BUCKETS_HERE = re.compile(r"# the first buckets go here$", re.M)
_UNDATED_HERE = re.compile(r"# the undated rows' condition goes here$", re.M)
_ENDS_PAGED = re.compile(r"\b(?:LIMIT|OFFSET)\s{1,9}\d{1,12}\s{0,9}(?:#[^\n]{0,500})?\s{0,9}$", re.IGNORECASE)


def paged(query: NamedQuery, limit: int | None, offset: int = 0) -> NamedQuery:
    """``query`` with ``LIMIT limit + 1 OFFSET offset`` appended (one row more than
    asked tells whether more follow); unchanged for ``limit`` None and no offset.
    The numbers are Python ints, never text from outside."""
    if limit is None and not offset:
        return query
    if (limit is not None and limit < 1) or offset < 0:
        raise QueryError(f"query {query.name!r}: the limit must be at least 1 and the offset at least 0")
    if _ENDS_PAGED.search(query.text):
        raise QueryError(f"query {query.name!r} ends in its own LIMIT or OFFSET: it cannot be paged")
    page = (f"LIMIT {int(limit) + 1}" if limit is not None else "") + f" OFFSET {int(offset)}"
    text = query.text
    if limit is not None:
        first = int(offset) + int(limit) + 1
        text = _FIRST_HERE.sub(f"LIMIT {first}", text)
        text = _FIRST_BUCKETS_HERE.sub(f"HAVING (SUM(?n2) - ?n < {first})", text)
        text = _UNDATED_HERE.sub(f"HAVING (SUM(?datedKeys) < {first})", text)
    if _PAGE_HERE.search(text):
        return replace(query, text=_PAGE_HERE.sub(page, text, count=1))
    return replace(query, text=f"{text.rstrip()}\n{page}\n")


def _run(store: GraphStore, query: NamedQuery, bindings: dict[str, Node], limit: int | None = None) -> QueryResult:
    try:
        result = answer(store, query, bindings)
        if limit is not None and len(result.rows) > limit:
            return replace(result, rows=result.rows[:limit], more=True)
        return result
    except (SyntaxError, ValueError) as exc:
        raise QueryError(f"query {query.name!r}: {exc}") from exc
    except OSError as exc:
        hint = " (a SERVICE endpoint it calls could not be reached?)" if _SERVICE.search(query.text) else ""
        raise QueryError(f"query {query.name!r} failed{hint}: {exc.strerror or exc}") from exc


GRAPH_FORMATS = ("turtle", "jsonld")


def graph_text(graph: Graph, fmt: str) -> bytes:
    """The graph of a CONSTRUCT or DESCRIBE as Turtle (with the context's prefixes)
    or compacted JSON-LD (``jsonld.write_compacted``)."""
    if fmt == "jsonld":
        dataset = Dataset()
        dataset.default_graph += graph
        out = io.BytesIO()
        jsonld.write_compacted(dataset, out)
        return out.getvalue()
    if fmt != "turtle":
        raise ValueError(f"a graph is written as {' or '.join(GRAPH_FORMATS)}, not {fmt}")
    for prefix, namespace in jsonld.prefixes().items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph.serialize(format="turtle", encoding="utf-8")


_INTEGERS = frozenset(XSD[t] for t in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger", "negativeInteger",
    "nonPositiveInteger", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte"))
_REALS = frozenset({XSD.decimal, XSD.double, XSD.float})


def _not_finite(number: float) -> str:
    """NaN and the infinities as XML Schema writes them."""
    if math.isnan(number):
        return "NaN"
    return "INF" if number > 0 else "-INF"


def json_value(cell: Node | None) -> str | int | float | bool:
    """A cell of a row as JSON has it: numbers (``xsd:integer`` and its kinds,
    ``decimal``, ``double``, ``float``) as numbers, ``xsd:boolean`` as true/false,
    anything else (and a value not valid for its type) as its text, NaN and INF
    (JSON has no numbers for them) as "NaN", "INF", "-INF"; unbound as the empty string."""
    if cell is None:
        return ""
    datatype = cell.datatype if isinstance(cell, Literal) and not cell.ill_typed else None
    text = str(cell)
    try:
        if datatype in _INTEGERS:
            return int(text)
        if datatype in _REALS:
            number = float(text)
            return number if math.isfinite(number) else _not_finite(number)
    except ValueError:
        return text
    if datatype == XSD.boolean and text in ("true", "false", "1", "0"):
        return text in ("true", "1")
    return text
