"""policykg from Python, for notebooks and scripts: the same functions the command
line calls, with answers as Python values.

    import policykg

    with policykg.open("demo-output/store") as kg:            # or "http://host/sparql"
        kg.query("citations", doc="kst-30950-319").to_pandas()
        print(kg.trace("kst-30950-295"))                         # the tree, with its quotes
        net = kg.network()                                        # a networkx MultiDiGraph
        kg.validate().findings

Errors are ``policykg.errors.PolicyKGError`` subclasses whose message names the
store, query or node and the problem, as the command line prints them.
"""

from __future__ import annotations

import datetime as dt
from collections import namedtuple
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any, Self, overload

from rdflib import XSD, Literal
from rdflib.term import Node

import policykg.render as render
from policykg.errors import NotInstalledError, QueryError
from policykg.graph import export as exporting
from policykg.graph.backend import GraphStore, QueryResult
from policykg.graph.connect import Location, open_graph_store
from policykg.graph.lookup import find_node
from policykg.graph.network import Cut
from policykg.graph.queries import NamedQuery, named_queries, run_query, run_sparql
from policykg.graph.stats import graph_stats
from policykg.graph.trace import Step, render_tree, trace_known
from policykg.graph.validate import ValidationReport, validate_store

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

Value = str | int | float | bool | dt.date | dt.datetime | None

_INTEGERS = {XSD[t] for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
                              "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt",
                              "unsignedShort", "unsignedByte")}
_FLOATS = {XSD.double, XSD.float, XSD.decimal}
_SHOWN = 20  # rows a Rows shows as text


def open(location: Location = None, *, read_only: bool = True) -> KnowledgeGraph:
    """The knowledge graph at ``location``: a store folder (default: ``$POLICYKG_STORE``,
    else ``~/.local/share/policykg/store``) or the URL of a SPARQL 1.1 endpoint
    (``policykg serve``'s ``/sparql``, an Oxigraph server, Fuseki ...).

    A folder is opened ``read_only`` by default: no lock, so ``policykg serve`` or
    another notebook may read it too, and it is seen as it was when opened (open it
    again after an ingest; do not ingest while it is open). Use it as a context
    manager, or call ``close()``."""
    return KnowledgeGraph(open_graph_store(location, read_only=read_only,
                                           hint="give the folder of a store or the URL of a SPARQL endpoint, "
                                                "or run `policykg ingest` first"))


class KnowledgeGraph:
    """A policykg graph store with the researcher's questions as methods."""

    def __init__(self, store: GraphStore):
        self.store = store

    @property
    def location(self) -> str:
        """The store's folder or the endpoint's URL."""
        return str(self.store.path)

    def __repr__(self) -> str:
        return f"<policykg.KnowledgeGraph {self.location}>"

    def close(self) -> None:
        """Release the store (a local store's folder); query it no more after."""
        self.store.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def query(self, name_or_sparql: str, *, limit: int | None = None, offset: int = 0,
              **params: str | int) -> Rows:
        """The rows of a named query (``kg.queries()``), a ``.rq`` file, or SELECT/ASK
        text; ``params`` are bound as RDF terms (an IRI for a value starting with
        http(s)://, else a string), never pasted into the query. All rows, or a page:
        at most ``limit`` after the first ``offset`` (``Rows.more``: more follow)."""
        values = {name: _param(name, value) for name, value in params.items()}
        run = run_sparql if _is_sparql(name_or_sparql) else run_query
        return Rows.of(run(self.store, name_or_sparql, values, limit=limit, offset=offset))

    def queries(self) -> dict[str, NamedQuery]:
        """The named queries by name, each with ``purpose``, ``params`` and ``returns``."""
        return dict(sorted(named_queries().items()))

    def iri(self, name: str) -> str:
        """The IRI of the node ``name`` names: an official id, document key, exact label,
        prefixed name or IRI (as ``policykg trace`` takes it)."""
        return str(find_node(self.store, name))

    def trace(self, identifier: str, *, depth: int = 4, curation: bool = True) -> TraceNode:
        """What followed a motion (or a document, measure, debate or body), as
        ``policykg trace`` shows it: a tree of ``TraceNode`` with the evidence of each
        step. ``curation=False`` shows extraction only."""
        root = trace_known(self.store, identifier, depth=depth, curation="include" if curation else "exclude")
        return TraceNode.of(root)

    def network(self, **options: Any) -> nx.MultiDiGraph:
        """The citation network as ``policykg export`` writes it (GraphML, GEXF, CSV):
        a networkx ``MultiDiGraph`` of IRIs with node and edge attributes; ``options``
        cut the network as ``policykg.graph.network.Cut`` does: ``relations``,
        ``dossier``, ``around`` with ``depth``, ``since``, ``until``."""
        if "relations" in options:
            options["relations"] = tuple(options["relations"])
        return exporting.citation_network(self.store, Cut(**options) if options else None)

    def validate(self, engine: str = "sparql", full: bool = False) -> ValidationReport:
        """The SHACL findings (``.findings``, ``.conforms``, ``.summary()``); ``engine``
        and ``full`` as ``policykg validate --engine --full`` take them: "sparql" (in the
        store, fast: the findings stored at ingest plus the cross-document checks, or
        with ``full`` every check on the whole store) or "pyshacl" (the reference
        engine on a copy)."""
        if engine not in ("sparql", "pyshacl"):
            raise ValueError(f"engine {engine!r}: choose 'sparql' or 'pyshacl'")
        return validate_store(self.store, engine, full)

    def stats(self) -> dict[str, int]:
        """The counts ``policykg stats`` prints, by label."""
        return dict(graph_stats(self.store))


def _param(name: str, value: object) -> str:
    """A parameter as the command line's ``--param name=value`` gives it."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise QueryError(f"parameter {name}: give a string or an integer, not {type(value).__name__}")
    return str(value)


def _is_sparql(text: str) -> bool:
    """Whether ``text`` is a query rather than a query's name or ``.rq`` file: it has a group."""
    return "{" in text


class Rows(Sequence[dict[str, Value]]):
    """The answer of a query: a sequence of rows as dicts (``variables`` as keys),
    values as Python values (``python_value``); ``tuples()``, ``to_pandas()``. An ASK
    query has no rows and ``boolean`` True or False."""

    def __init__(self, variables: Sequence[str], values: Sequence[Sequence[Value]], boolean: bool | None = None,
                 more: bool = False):
        self.variables = tuple(variables)
        self.values = tuple(tuple(row) for row in values)
        self.boolean = boolean
        self.more = more  # a page (kg.query's limit), and more rows follow

    @classmethod
    def of(cls, result: QueryResult) -> Rows:
        return cls(result.variables, [[python_value(cell) for cell in row] for row in result.rows], result.boolean,
                   result.more)

    def __len__(self) -> int:
        return len(self.values)

    @overload
    def __getitem__(self, index: int) -> dict[str, Value]: ...
    @overload
    def __getitem__(self, index: slice) -> Rows: ...
    def __getitem__(self, index: int | slice) -> dict[str, Value] | Rows:
        if isinstance(index, slice):
            return Rows(self.variables, self.values[index], self.boolean)
        return dict(zip(self.variables, self.values[index], strict=True))

    def __iter__(self) -> Iterator[dict[str, Value]]:
        return (dict(zip(self.variables, row, strict=True)) for row in self.values)

    def tuples(self) -> list[Any]:
        """The rows as named tuples (a variable that is no Python name is renamed ``_1`` ...)."""
        row_type = namedtuple("Row", self.variables, rename=True)  # type: ignore[misc]
        return [row_type(*row) for row in self.values]

    def column(self, name: str) -> list[Value]:
        """The values of one variable, row by row."""
        if name not in self.variables:
            raise KeyError(f"{name!r} is not a variable of these rows; they have {', '.join(self.variables)}")
        index = self.variables.index(name)
        return [row[index] for row in self.values]

    def to_pandas(self) -> pd.DataFrame:
        """A pandas DataFrame, one column per variable (pandas: ``pip install 'policykg[pandas]'``)."""
        try:
            import pandas
        except ImportError as exc:
            raise NotInstalledError("Rows.to_pandas needs pandas, which is not installed: "
                                    "pip install 'policykg[pandas]' (or pip install pandas)") from exc
        return pandas.DataFrame(list(self.values), columns=list(self.variables))

    def __str__(self) -> str:
        if self.boolean is not None:
            return str(self.boolean).lower()
        text = render.query_result(self.variables, self.values[:_SHOWN], None, "table")
        return text if len(self) <= _SHOWN else text.replace(f"({_SHOWN} rows)", f"({len(self)} rows, {_SHOWN} shown)")

    def __repr__(self) -> str:
        if self.boolean is not None:
            return f"<Rows ASK {self.boolean}>"
        return f"<Rows {len(self)} × ({', '.join(self.variables)})>"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:  # IPython shows the table
        printer.text(str(self))


def python_value(term: Node | None) -> Value:
    """An RDF term as a Python value: integers as ``int``, decimals and doubles as
    ``float``, booleans as ``bool``, ``xsd:date`` as ``datetime.date``,
    ``xsd:dateTime`` as ``datetime.datetime``; IRIs, other literals and a value not
    in its datatype's form as text; unbound as None."""
    if term is None:
        return None
    if not isinstance(term, Literal) or term.datatype is None:
        return str(term)
    text = str(term)
    try:
        if term.datatype in _INTEGERS:
            return int(text)
        if term.datatype in _FLOATS:
            return float(text)
        if term.datatype == XSD.boolean:
            return {"true": True, "1": True, "false": False, "0": False}[text.strip()]
        if term.datatype == XSD.date:
            return dt.date.fromisoformat(text)
        if term.datatype == XSD.dateTime:
            return dt.datetime.fromisoformat(text)
    except (ValueError, KeyError):
        return text
    return text


@dataclass(frozen=True)
class Evidence:
    """What a step of a trace rests on: a quote with its file, line and rule, or the
    curator who asserted it and why."""

    quote: str | None = None
    file: str | None = None
    line: int | None = None
    rule: str | None = None
    curator: str | None = None
    note: str | None = None

    @classmethod
    def of(cls, record: dict) -> Evidence:
        """From a trace step's evidence record (``graph.trace.Step.evidence``)."""
        return cls(**{f.name: record.get(f.name) for f in fields(cls)})

    @property
    def curated(self) -> bool:
        return self.curator is not None

    def __str__(self) -> str:
        if self.curated:
            return f"asserted by {self.curator}: {self.note}"
        return f"“{' '.join((self.quote or '').split())}” ({self.file}:{self.line})"


@dataclass(frozen=True)
class TraceNode:
    """One node of a trace: how its parent reached it (``relation``, None at the
    root), what it is, the ``evidence`` of that step, and what followed it
    (``children``). ``str()`` is the tree ``policykg trace`` prints."""

    relation: str | None
    iri: str
    identifier: str | None
    label: str | None
    type: str | None
    date: dt.date | str | None  # a date, or as written when only a year or month is known
    submitters: str | None
    evidence: tuple[Evidence, ...]
    children: tuple[TraceNode, ...]
    _step: Step = field(repr=False, compare=False)

    @classmethod
    def of(cls, step: Step) -> TraceNode:
        return cls(step.relation, step.iri, step.identifier, step.label, step.type, _date(step.date),
                   step.submitters, tuple(Evidence.of(ev) for ev in step.evidence),
                   tuple(cls.of(child) for child in step.children), step)

    def walk(self) -> Iterator[TraceNode]:
        """This node and every node under it, depth first, in the order printed."""
        yield self
        for child in self.children:
            yield from child.walk()

    def evidence_rows(self) -> Rows:
        """One row per evidence record of every step under this node (parent, relation,
        node, label, type and the evidence), e.g. for ``.to_pandas()``."""
        names = ("parent", "relation", "node", "label", "type", "quote", "file", "line", "rule", "curator", "note")
        values = [(node.identifier or node.label or node.iri, child.relation, child.identifier or child.iri,
                   child.label, child.type, ev.quote, ev.file, ev.line, ev.rule, ev.curator, ev.note)
                  for node in self.walk() for child in node.children for ev in child.evidence]
        return Rows(names, values)

    def as_dict(self) -> dict:
        """As ``policykg trace --format json`` writes it."""
        return self._step.as_dict()

    def __str__(self) -> str:
        return render_tree(self._step)

    def __repr__(self) -> str:
        name = self.identifier or self.label or self.iri
        children = f"{len(self.children)} {'child' if len(self.children) == 1 else 'children'}"
        return f"<TraceNode {name} [{self.type}], {children}, {sum(1 for _ in self.walk())} nodes>"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:  # IPython shows the tree
        printer.text(str(self))


def _date(text: str | None) -> dt.date | str | None:
    try:
        return dt.date.fromisoformat(text) if text and len(text) == 10 else text
    except ValueError:
        return text
