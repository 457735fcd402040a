"""The network of the graph for Gephi, Cytoscape, D3, pandas and R: its nodes and
edges as rows, cut by relation, dossier, neighbourhood and date, and never the whole
network in memory, in Python or in the store's answer: nodes are read a chunk at a
time; edges with their records are read once from a store that streams and joined on
disk (``edge_table``), else a chunk of subjects at a time.

Every relation of the data model between nodes (the ontology's object properties,
but those of the provenance records) is an edge; each edge carries its evidence
(count, and the first record's quote, file, line and rule), where it came from
(extracted, open data, curated) and its curator. A rejected fact is left out, as
``policykg trace`` leaves it out. Nodes carry their most specific type, identifier,
label, date, dossier and, for motions, outcome and submitters.

All queries go through the ``GraphStore`` protocol with the user's values bound as
RDF terms; they give the same rows on every store (tests/test_parity.py): MIN of the
text rather than SAMPLE, GROUP_CONCAT lists sorted here, COUNT(DISTINCT ...).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache

from rdflib import OWL, RDF, RDFS, Literal, URIRef
from rdflib.term import Node

from policykg.errors import QueryError
from policykg.namespaces import OEP, PKG
from policykg.reference import ontology_graph

from .backend import GraphStore
from .edge_table import EdgeTable
from .lookup import find_node

# Object properties of records about facts, not relations between nodes.
_NOT_BETWEEN_NODES = frozenset({"sourceDocument", "curator"})
# Where a paper was published says less than what it is (a Motion, a Letter).
_LESS_SPECIFIC = frozenset({"ParliamentaryPaper"})
CHUNK = 500  # nodes per query: what a chunk costs in memory, whatever the graph's size
PAGE = 5000  # rows per query of a remote store: what a page costs in memory, whatever the graph's size
_SAFE_IRI = re.compile(r'^[^\x00-\x20<>"{}|^`\\]+$')
_DATE = re.compile(r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")

NODE_ATTRS = ("identifier", "label", "type", "date", "dossier", "outcome", "submitters", "file", "ingested")
EDGE_ATTRS = ("relation", "evidence", "quote", "file", "line", "rule", "origin", "curator", "note")
# CSV columns: the first ones as before the edge ids and the other attributes came
NODE_FIELDS = ("id", *NODE_ATTRS)
EDGE_FIELDS = ("source", "target", *EDGE_ATTRS, "id")


@dataclass(frozen=True)
class Cut:
    """Which part of the network: relations (names in ``pkg:``; empty = all), a
    dossier number, a node and a depth around it, dates (YYYY, YYYY-MM or
    YYYY-MM-DD) since and until which dated nodes are kept."""

    relations: tuple[str, ...] = ()
    dossier: str | None = None
    around: str | None = None
    depth: int = 1
    since: str | None = None
    until: str | None = None


@dataclass
class NetNode:
    id: str
    attrs: dict[str, str | bool] = field(default_factory=dict)


@dataclass
class NetEdge:
    id: str
    source: str
    target: str
    attrs: dict[str, str | int] = field(default_factory=dict)


@cache
def relations() -> tuple[str, ...]:
    """Every relation between nodes of the data model, sorted."""
    onto = ontology_graph()
    names = (str(p)[len(str(PKG)):] for p in onto.subjects(RDF.type, OWL.ObjectProperty)
             if str(p).startswith(str(PKG)))
    return tuple(sorted(n for n in names if n not in _NOT_BETWEEN_NODES))


def check_cut(cut: Cut) -> None:
    """A ``QueryError`` naming the first bad value of ``cut``."""
    unknown = [r for r in cut.relations if r not in relations()]
    if unknown:
        raise QueryError(f"unknown relation {unknown[0]!r}; one of {', '.join(relations())}")
    for name, value in (("--since", cut.since), ("--until", cut.until)):
        if value is not None and not _DATE.match(value):
            raise QueryError(f"{name} {value!r}: give a date as YYYY, YYYY-MM or YYYY-MM-DD")
    if cut.depth < 0:
        raise QueryError(f"--depth {cut.depth}: give 0 or more")


# -- the queries -------------------------------------------------------------------------------

_PREFIXES = """PREFIX pkg: <https://w3id.org/policykg/def#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
"""
_NONE = "urn:policykg:none"  # stands for "no record": an unbound ?first would match every record


def _in_range(var: str, cut: Cut) -> str:
    """A filter that drops an edge whose end ``var`` has a date outside the cut."""
    tests = []
    if cut.since is not None:
        tests.append("SUBSTR(STR(?d_), 1, STRLEN(?since)) < ?since")
    if cut.until is not None:
        tests.append("SUBSTR(STR(?d_), 1, STRLEN(?until)) > ?until")
    if not tests:
        return ""
    return f"FILTER NOT EXISTS {{ {var} pkg:date ?d_ FILTER ({' || '.join(tests)}) }}\n"


def _in_dossier(cut: Cut, ends: tuple[str, str]) -> str:
    """A filter that keeps an edge one of whose ``ends`` is the dossier or is filed in it."""
    if cut.dossier is None:
        return ""
    tests = [f"EXISTS {{ {v} pkg:partOfDossier ?dn_ . ?dn_ a pkg:Dossier ; pkg:identifier ?dossierNumber }}"
             for v in ends]
    tests += [f"EXISTS {{ {v} a pkg:Dossier ; pkg:identifier ?dossierNumber }}" for v in ends]
    return f"FILTER ({' || '.join(tests)})\n"


def edge_pattern(cut: Cut, s: str = "?s", o: str = "?o") -> str:
    """The edges ``s ?p o`` of the cut (but for ``around``), rejected facts left out.
    ``s`` or ``o`` may be ``?focus``: the embedded store binds a parameter as a join
    with the whole pattern, so a parameter must stand in the triple pattern itself
    (a ``BIND (?focus AS ?s)`` before it would see it unbound)."""
    chosen = cut.relations or relations()
    values = " ".join(f"pkg:{r}" for r in chosen)
    return (f"VALUES ?p {{ {values} }}\n{s} ?p {o} . FILTER (isIRI({o}))\n"
            f"MINUS {{ GRAPH ?rejectionGraph_ {{ ?rejection_ a pkg:Rejection ; rdf:subject {s} ; rdf:predicate ?p ; "
            f"rdf:object {o} }} }}\n"
            + _in_dossier(cut, (s, o)) + _in_range(s, cut) + _in_range(o, cut))


def _node_source(cut: Cut) -> str:
    """Where ?n comes from: each end of every edge (repeated: no DISTINCT sub-select of
    the nodes first, as Virtuoso 7.2 then mixes up the rows of different nodes)."""
    pattern = edge_pattern(cut)
    return f"{{ {pattern} BIND (?s AS ?n) }} UNION {{ {pattern} BIND (?o AS ?n) }}"


def node_list_query(cut: Cut, ordered: bool = True) -> str:
    """The nodes of the cut: each end of its edges, once and in order; or, not
    ``ordered``, each end of each edge as the store finds it (no DISTINCT or ORDER BY
    for the store to hold whole: a million edges are a million rows, streamed)."""
    params = _projected(cut)
    if not ordered:
        return edge_stream_query(cut)
    return _PREFIXES + f"SELECT DISTINCT ?n{params} WHERE {{ {_node_source(cut)} }} ORDER BY ?n"


def edge_stream_query(cut: Cut) -> str:
    """Every edge of the cut (but for ``around``) as the store finds it: no DISTINCT or
    ORDER BY for the store to hold whole (a million edges are a million rows, streamed)."""
    return _PREFIXES + f"SELECT ?s ?p ?o{_projected(cut)} WHERE {{ {edge_pattern(cut)} }}"


def _values(var: str, nodes: Sequence[URIRef]) -> str:
    """``VALUES var { <iri> ... }`` for IRIs read from the store (checked again here:
    text of the store reaches the query only as a well-formed IRI)."""
    for node in nodes:
        if not isinstance(node, URIRef) or not _SAFE_IRI.match(node):
            raise QueryError(f"not an IRI a query can hold: {str(node)[:200]!r}")
    return f"VALUES {var} {{ {' '.join(f'<{n}>' for n in nodes)} }}"


# A node's attributes in two queries over the same nodes, zipped (``Network.nodes``):
# in one, Virtuoso 7.2 drops a value of some node.
_NODE_COLUMNS = (
    ("""(GROUP_CONCAT(DISTINCT STR(?t); separator=" ") AS ?types) (MIN(STR(?i)) AS ?identifier)
  (MIN(STR(?l)) AS ?label) (MIN(STR(?d)) AS ?date) (MIN(STR(?f)) AS ?file)""",
     """LATERAL { OPTIONAL { ?n a ?t FILTER (STRSTARTS(STR(?t), STR(pkg:))) } }
  LATERAL { OPTIONAL { ?n pkg:identifier ?i } }
  LATERAL { OPTIONAL { ?n skos:prefLabel|rdfs:label|dcterms:title ?l FILTER (lang(?l) IN ("nl", "")) } }
  LATERAL { OPTIONAL { ?n pkg:date ?d } }
  LATERAL { OPTIONAL { ?n pkg:sourceFile ?f } }"""),
    ("""(GROUP_CONCAT(DISTINCT STR(?dn); separator="\\n") AS ?dossier) (MIN(STR(?out)) AS ?outcome)
  (GROUP_CONCAT(DISTINCT STR(?sub); separator="\\n") AS ?submitters)""",
     """LATERAL { OPTIONAL { ?n pkg:partOfDossier/pkg:identifier ?dn } }
  LATERAL { OPTIONAL { ?n pkg:outcome ?out } }
  LATERAL { OPTIONAL { ?n pkg:submittedBy/foaf:name ?sub } }"""),
)


def node_queries(nodes: Sequence[URIRef]) -> list[str]:
    """Queries of one row per node of ``nodes``, in the same order: its attributes, each
    the least of its values as text (or every value, for GROUP_CONCAT columns; sorted
    by ``_split``)."""
    return [_PREFIXES + f"""SELECT ?n {columns} WHERE {{
  {_values("?n", nodes)}
  {lookups}
}}
GROUP BY ?n ORDER BY ?n""" for columns, lookups in _NODE_COLUMNS]


@dataclass(frozen=True)
class RecordKind:
    """A kind of record about an edge: its ``edge_table`` table, its pattern (binding
    ?s ?p ?o), the record's variable, and the variables whose texts, joined by line
    breaks, make its key (the first record is the least key: MIN picks its parts
    together); no key: the columns are ``columns`` as they are."""

    table: str
    pattern: str
    record: str = ""
    key: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()

    def key_column(self) -> str:
        return f"{self.record}Key"

    def chunk_pattern(self) -> str:
        """The pattern with its key computed in the query (for the chunked edge query)."""
        if not self.key:
            return self.pattern
        parts = ', "\\n", '.join(f"STR(?{v})" for v in self.key)
        return f"{self.pattern}\n    BIND (CONCAT({parts}) AS ?{self.key_column()})"

    def chunk_variables(self) -> str:
        names = (self.record, self.key_column()) if self.key else self.columns
        return " ".join(f"?{v}" for v in names)


# An edge's records: evidence (its first record's IRI, line, rule, file and quote as one
# key), Open Data records, curated assertions.
# (Records live in the named graph of their source: graph/placement.py.)
_RECORD_KINDS = (
    RecordKind("evidence", """GRAPH ?evg_ { ?ev rdf:predicate ?p ; rdf:subject ?s ; rdf:object ?o ; a pkg:Evidence ;
      pkg:quote ?q ; pkg:line ?l ; pkg:rule ?r ; pkg:sourceDocument/pkg:sourceFile ?f }""",
               "ev", ("ev", "l", "r", "f", "q")),
    RecordKind("record", """GRAPH ?recg_ { ?rec rdf:predicate ?p ; rdf:subject ?s ; rdf:object ?o ; a pkg:DataRecord ;
      dcterms:source ?src }""", "rec", ("rec", "src")),
    RecordKind("assertion", """GRAPH ?asg_ { ?as rdf:predicate ?p ; rdf:subject ?s ; rdf:object ?o ; a pkg:Assertion ;
      pkg:curator/foaf:name ?cn ; pkg:note ?cnote }""", columns=("cn", "cnote")),
)


def _record_lookups(cut: Cut, subjects: str) -> str:
    """The records of the edges from ``subjects`` (a VALUES clause): one pass over
    each kind of record of those subjects, joined to the edges (a lookup per edge
    costs more: a document's records share its subject)."""
    values = " ".join(f"pkg:{r}" for r in cut.relations or relations())
    return "\n  ".join(f"OPTIONAL {{ SELECT ?s ?p ?o {k.chunk_variables()} WHERE {{ {subjects} "
                        f"VALUES ?p {{ {values} }} {k.chunk_pattern()} }} }}" for k in _RECORD_KINDS)


def record_stream_queries(cut: Cut) -> list[tuple[RecordKind, str]]:
    """Each kind of record with a query of every record of the cut's relations as the
    store finds it. The key is made in Python (``stream_row``): a string a query
    computes is kept by Oxigraph until the query ends, so a key made in a query over
    millions of records would hold them all in memory."""
    values = " ".join(f"pkg:{r}" for r in cut.relations or relations())
    queries = []
    for kind in _RECORD_KINDS:
        names = (kind.record, *kind.key) if kind.key else kind.columns
        projected = " ".join(dict.fromkeys(f"?{v}" for v in names))
        queries.append((kind, _PREFIXES + f"SELECT ?s ?p ?o {projected} WHERE {{ VALUES ?p {{ {values} }} "
                                          f"{kind.pattern} }}"))
    return queries


def stream_row(kind: RecordKind, row: Mapping[str, Node | None]) -> tuple[str | None, ...]:
    """A row of a record stream query as a row of the kind's ``edge_table`` table."""
    ends = (str(row["s"]), str(row["p"]), str(row["o"]))
    if not kind.key:
        return (*ends, *(_cell(row[v]) for v in kind.columns))
    return (*ends, str(row[kind.record]), "\n".join(str(row[v]) for v in kind.key))


def edge_query(cut: Cut, subjects: Sequence[URIRef]) -> str:
    """One row per edge ``?s ?p ?o`` of the cut from one of ``subjects``: how many
    evidence and data records it has, its curator, and the first record's IRI, line,
    rule, file and quote (first by IRI; ``?first``, split by ``to_edge``) or the first
    data record's IRI and file."""
    params = _projected(cut)
    chosen = _values("?s", subjects)
    return _PREFIXES + f"""SELECT ?s ?p ?o{params} (COUNT(DISTINCT ?ev) AS ?evidence) (COUNT(DISTINCT ?rec) AS ?records)
  (MIN(?evKey) AS ?first) (MIN(?recKey) AS ?firstRecord) (MIN(STR(?cn)) AS ?curator) (MIN(STR(?cnote)) AS ?note)
WHERE {{
  {{ {chosen} {edge_pattern(cut)} }}
  {_record_lookups(cut, chosen)}
}}
GROUP BY ?s ?p ?o{params} ORDER BY ?s ?p ?o"""


def neighbour_query(cut: Cut) -> str:
    """The nodes one edge of the cut away from ?focus, either way."""
    params = _projected(cut) + " ?focus"
    return _PREFIXES + f"""SELECT DISTINCT ?x{params} WHERE {{
  {{ {edge_pattern(cut, s='?focus')} BIND (?o AS ?x) }} UNION {{ {edge_pattern(cut, o='?focus')} BIND (?s AS ?x) }}
}} ORDER BY ?x"""


def date_query(nodes: Sequence[URIRef]) -> str:
    """The newest of the dates of ``nodes`` (each node's least)."""
    return _PREFIXES + f"""SELECT (MAX(?date) AS ?newest) WHERE {{
  {{ SELECT ?n (MIN(STR(?d)) AS ?date) WHERE {{ {_values("?n", nodes)} ?n pkg:date ?d }} GROUP BY ?n }}
}}"""


_PARAMETERS = {"dossier": "dossierNumber", "since": "since", "until": "until"}  # cut -> query


def _projected(cut: Cut) -> str:
    """The parameters a query of ``cut`` uses, to project, in every sub-select too: the
    embedded store binds a parameter by joining the answer with its value, so only what
    a select projects is bound, and only after it is evaluated."""
    names = [_PARAMETERS[n] for n in _PARAMETERS if getattr(cut, n) is not None]
    return "".join(f" ?{n}" for n in names)


def bindings(cut: Cut) -> dict[str, Node]:
    """The cut's values as RDF terms, for the parameters its queries use."""
    values: dict[str, Node] = {}
    for name, parameter in _PARAMETERS.items():
        value = getattr(cut, name)
        if value is not None:
            values[parameter] = Literal(value)
    return values


# -- reading rows -------------------------------------------------------------------------------

def paged(store: GraphStore, sparql: str, params: Mapping[str, Node]) -> Iterator[dict[str, Node | None]]:
    """The rows of an ORDER BY query as the store gives them (``GraphStore.select``)."""
    return store.select(sparql, params, PAGE)


def _text(value: object) -> str:
    """A cell as one line of text: whitespace runs (line breaks, form feeds) as one space."""
    return " ".join(str(value).split()) if value is not None else ""


def _split(value: Node | None) -> list[str]:
    """A GROUP_CONCAT column as its sorted items (every store concatenates in its own order)."""
    return sorted(item for item in str(value or "").split("\n") if item)


@cache
def _class_depths() -> dict[str, int]:
    """How deep each class of ``pkg:`` lies below the top (more = more specific)."""
    onto = ontology_graph()

    def depth(cls: URIRef, seen: frozenset = frozenset()) -> int:
        parents = [p for p in onto.objects(cls, RDFS.subClassOf)
                   if isinstance(p, URIRef) and str(p).startswith(str(PKG)) and p not in seen]
        return 1 + max((depth(p, seen | {cls}) for p in parents), default=0)

    return {str(c)[len(str(PKG)):]: depth(c) for c in onto.subjects(RDF.type, OWL.Class)
            if isinstance(c, URIRef) and str(c).startswith(str(PKG))}


def node_type(iri: str, types: list[str]) -> str:
    """The most specific known class among ``types`` (full IRIs); without one,
    ``Document`` for a publication's IRI and ``Node`` otherwise. Never empty."""
    depths = _class_depths()
    names = [t[len(str(PKG)):] for t in types if t[len(str(PKG)):] in depths]
    preferred = [n for n in names if n not in _LESS_SPECIFIC] or names
    if preferred:
        return sorted(preferred, key=lambda n: (-depths[n], n))[0]
    return "Document" if iri.startswith(str(OEP)) else "Node"


def to_node(row: Mapping[str, Node | None]) -> NetNode:
    iri = str(row["n"])
    identifier = _text(row["identifier"])
    attrs: dict[str, str | bool] = {
        "identifier": identifier, "label": _text(row["label"]) or identifier or iri,
        "type": node_type(iri, str(row["types"] or "").split()),
        "date": _text(row["date"]), "dossier": "; ".join(_split(row["dossier"])),
        "outcome": _text(row["outcome"]), "submitters": "; ".join(_split(row["submitters"])),
        "file": _text(row["file"]), "ingested": row["file"] is not None}
    return NetNode(iri, attrs)


def _joined(rows: tuple[dict[str, Node | None], ...]) -> dict[str, Node | None]:
    """The rows of one node from each of ``node_queries``, as one."""
    if len({str(r["n"]) for r in rows}) != 1:
        raise RuntimeError(f"the node queries went out of step: {[str(r['n']) for r in rows]}")
    return {k: v for r in rows for k, v in r.items()}


def edge_id(source: str, relation: str, target: str) -> str:
    """A short id, the same for the same edge in every export."""
    return "e" + hashlib.sha256(f"{source} {relation} {target}".encode()).hexdigest()[:16]


def _origin(evidence: int, records: int, curator: str) -> str:
    parts = [name for name, present in (("extracted", evidence), ("open data", records), ("curated", curator))
             if present]
    return ", ".join(parts) or "metadata"  # a source's own structure (a vote's party, a dossier)


def to_edge(row: Mapping[str, object]) -> NetEdge:
    source, target = str(row["s"]), str(row["o"])
    relation = str(row["p"]).rsplit("#", 1)[-1]
    evidence, records = int(str(row["evidence"])), int(str(row["records"]))
    curator = _text(row["curator"])
    _, line, rule, file, quote = (str(row["first"]).split("\n", 4) if row["first"] else ["", "", "", "", ""])
    if not file and row["firstRecord"]:
        file = str(row["firstRecord"]).split("\n", 1)[-1].rsplit("/", 1)[-1]
    attrs: dict[str, str | int] = {
        "relation": relation, "evidence": evidence, "quote": " ".join(quote.split()), "file": file,
        "line": int(line) if line else "", "rule": rule,
        "origin": _origin(evidence, records, curator), "curator": curator, "note": _text(row["note"])}
    return NetEdge(edge_id(source, relation, target), source, target, attrs)


# -- the network, whole or cut --------------------------------------------------------------------

class Network:
    """The nodes and edges of ``cut`` in ``store``, each read when iterated: the list
    of the cut's nodes first (IRIs only), then their attributes ``CHUNK`` nodes at a
    time, then the edges (``edges``), so that memory stays flat in the size of the graph."""

    def __init__(self, store: GraphStore, cut: Cut | None = None):
        self.store, self.cut = store, cut or Cut()
        check_cut(self.cut)
        self.params = bindings(self.cut)
        self._ball: list[URIRef] | None = None
        self._nodes: list[URIRef] | None = None

    def ball(self) -> list[URIRef] | None:
        """The nodes around ``cut.around`` (sorted), or None when the cut has no centre."""
        if self.cut.around is None:
            return None
        if self._ball is None:
            self._ball = self._walk(find_node(self.store, self.cut.around))
        return self._ball

    def _walk(self, centre: URIRef) -> list[URIRef]:
        seen, frontier = {centre}, [centre]
        query = neighbour_query(self.cut)
        for _ in range(self.cut.depth):
            found: set[URIRef] = set()
            for node in frontier:
                rows = self.store.query(query, {**self.params, "focus": node}).rows
                found.update(row[0] for row in rows if isinstance(row[0], URIRef))
            frontier = sorted(found - seen)
            seen |= found
        return sorted(seen, key=str)

    def node_list(self) -> list[URIRef]:
        """The IRIs of the cut's nodes, sorted: the ball around its centre, or each end
        of its edges."""
        ball = self.ball()
        if ball is not None:
            return ball
        if self._nodes is None:
            streams = self.store.streams
            rows = paged(self.store, node_list_query(self.cut, ordered=not streams), self.params)
            ends = (r[v] for r in rows for v in (("s", "o") if streams else ("n",)))
            self._nodes = sorted({n for n in ends if isinstance(n, URIRef)}, key=str)
        return self._nodes

    def _chunks(self) -> Iterator[list[URIRef]]:
        nodes = self.node_list()
        for start in range(0, len(nodes), CHUNK):
            yield nodes[start:start + CHUNK]

    def nodes(self) -> Iterator[NetNode]:
        for chunk in self._chunks():
            answers = [_sorted_rows(paged(self.store, q, {}), "n") for q in node_queries(chunk)]
            yield from (to_node(_joined(rows)) for rows in zip(*answers, strict=True))

    def edges(self) -> Iterator[NetEdge]:
        """The edges of the cut in the order of their IRIs as text: from a store that
        streams, read whole and joined on disk (``edge_table``); else a chunk of
        subjects at a time."""
        if self.store.streams and self.ball() is None:
            yield from self._joined_on_disk()
            return
        inside = None if self.ball() is None else {str(n) for n in self.node_list()}
        for chunk in self._chunks():
            rows = _sorted_rows(paged(self.store, edge_query(self.cut, chunk), self.params), "s", "p", "o")
            yield from (to_edge(r) for r in rows if inside is None or str(r["o"]) in inside)

    def _joined_on_disk(self) -> Iterator[NetEdge]:
        with EdgeTable() as table:
            rows = self.store.select(edge_stream_query(self.cut), self.params)
            table.add("edge", ((str(r["s"]), str(r["p"]), str(r["o"])) for r in rows if isinstance(r["s"], URIRef)))
            for kind, query in record_stream_queries(self.cut):
                table.add(kind.table, (stream_row(kind, r) for r in self.store.select(query)))
            yield from (to_edge(row) for row in table.joined())

    def newest_date(self) -> str | None:
        """The newest node date (YYYY-MM-DD at most), for GEXF's date of change."""
        dates = [str(rows[0][0]) for chunk in self._chunks()
                 if (rows := self.store.query(date_query(chunk)).rows) and rows[0][0] is not None and str(rows[0][0])]
        return max(dates)[:10] if dates else None


def _cell(value: Node | None) -> str | None:
    return None if value is None else str(value)


def _sorted_rows(rows: Iterable[dict[str, Node | None]], *keys: str) -> list[dict[str, Node | None]]:
    """A chunk's rows in the order of their ``keys`` as text: the same on every store."""
    return sorted(rows, key=lambda r: tuple(str(r[k]) for k in keys))


def parse_relations(text: str | None) -> tuple[str, ...]:
    """``a,b`` as ("a", "b"); None or empty for all."""
    return tuple(sorted({r.strip() for r in (text or "").split(",") if r.strip()}))
