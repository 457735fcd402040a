"""Validation at ingest: a document's own checks run once, in the worker that builds
it, and their findings are stored in its named graph (so they are replaced and
removed with it, in the same transaction); ``policykg validate`` then reports the
stored findings plus the cross-document checks run in the store.

Which checks a document decides alone (docs/data-model.md, "Validation findings"):

- *stored*: the checks of shapes that target ``pkg:Evidence``, but ``sh:class``.
  An evidence record's IRI is minted from its document's key (``iris.evidence``),
  so only that document writes about it: its triples and the ontology decide.
- *stored, verified*: ``sh:class`` on evidence records (another graph may type the
  value) and the provenance constraints (``sh:targetSubjectsOf`` with ``FILTER NOT
  EXISTS``: a curation or an Open Data record elsewhere may give the record). Data
  elsewhere can only clear such a finding, never add one for a fact the document
  holds, so the stored findings are re-run on the store for their focus nodes.
- *cross-document*: every other check (documents, letters, motions, persons,
  organisations, undertakings, curations: nodes that citing documents, Open Data
  and curation graphs describe too, so ``maxCount``, ``minCount`` and ``class``
  depend on many graphs); run on the whole store at each ``validate``.

Nodes of stored checks that a graph other than a validated document describes
(Open Data, curations) are checked again on the whole store. A store holding a
document validated with other shapes or ontology (another ``shapes_version``), or
none, is validated whole.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from functools import cache

import pyoxigraph as ox
from rdflib import RDF, XSD, URIRef
from rdflib.namespace import DCTERMS
from rdflib.term import Node

import policykg.resources as resources
from policykg.namespaces import PKG, SH
from policykg.reference import ontology_graph

from . import iris
from .backend import GraphStore
from .sparql_validation import RDFS_SUBCLASS, Check, focus_value_rows, packaged_checks
from .store import to_oxigraph

_EVIDENCE_TARGET = f"?this a/{RDFS_SUBCLASS}* <{PKG.Evidence}> ."
_DOCUMENT = to_oxigraph(iris.VALIDATING_GRAPH)
_TYPE, _BOOLEAN = to_oxigraph(RDF.type), to_oxigraph(XSD.boolean)
_SH = {name: to_oxigraph(SH[name]) for name in (
    "ValidationReport", "ValidationResult", "conforms", "result", "focusNode", "sourceShape", "resultPath",
    "value", "resultSeverity")}
_CONFORMS_TO = to_oxigraph(DCTERMS.conformsTo)


def _private(check: Check) -> bool:
    """Whether the check's focus nodes are evidence records (minted by their document)."""
    return check.target == _EVIDENCE_TARGET


def _provenance(check: Check) -> bool:
    """A constraint that only a record elsewhere can satisfy: targets are the subjects
    of a predicate, and the constraint asks that no record exists."""
    return check.kind == "sparql" and "NOT EXISTS" in check.focused_sparql and _subjects_of(check.target)


def is_stored(check: Check) -> bool:
    """Whether the check runs at ingest, its findings stored with the document."""
    return _private(check) or _provenance(check)


def is_verified(check: Check) -> bool:
    """A stored check whose findings are re-run on the store (data elsewhere may clear them)."""
    return _provenance(check) or (_private(check) and check.kind == "class")


@cache
def stored_checks() -> tuple[Check, ...]:
    return tuple(c for c in packaged_checks() if is_stored(c))


@cache
def shapes_version() -> URIRef:
    """The shapes and the ontology the stored findings were computed with, by digest."""
    digest = hashlib.sha256()
    for f in [*resources.shape_files(), resources.ontology_file()]:
        digest.update(f.read_bytes())
    return iris.shapes_version(digest.hexdigest())


def _merged(checks: Sequence[Check], sparql: str = "sparql", first: int = 0) -> str:
    """One SELECT of ``?check ?this ?value`` for all ``checks``, numbered from ``first``
    (prefixes moved up)."""
    prefixes: set[str] = set()
    parts = []
    for i, check in enumerate(checks, first):
        lines = getattr(check, sparql).strip().splitlines()
        prefixes.update(line for line in lines if line.startswith("PREFIX"))
        body = "\n".join(line for line in lines if not line.startswith("PREFIX"))
        parts.append(f"{{ {{ {body} }} BIND ({i} AS ?check) }}")
    return "\n".join(sorted(prefixes)) + "\nSELECT ?check ?this ?value WHERE {\n" + "\nUNION\n".join(parts) + "\n}"


# checks per merged query: a few queries of about nine checks each answered fastest
# (benchmarks/validation.py; on 100 synthetic documents 6.4 ms each against 10.9 ms for
# one query of all 34 and 7.0 ms for one query per check)
MERGED = 9


@cache
def _merged_stored() -> tuple[str, ...]:
    checks = stored_checks()
    return tuple(_merged(checks[i:i + MERGED], first=i) for i in range(0, len(checks), MERGED))


@cache
def _ontology_quads() -> tuple[ox.Quad, ...]:
    graph = to_oxigraph(iris.ONTOLOGY_GRAPH)
    return tuple(ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), graph) for s, p, o in ontology_graph())


def worker_store() -> ox.Store:
    """A new in-memory store holding the ontology (for subclasses). One per document: a
    store that documents are added to and removed from gets slower with each."""
    store = ox.Store()
    store.extend(_ontology_quads())
    return store


def document_findings(key: str, triples: Iterable[tuple]) -> list[tuple]:
    """Run the stored checks on one document's triples (Oxigraph terms) with the
    ontology, in a few merged queries; the validation report to store in its graph, as triples."""
    store = worker_store()
    store.extend(ox.Quad(s, p, o, _DOCUMENT) for s, p, o in triples)
    rows = []
    for query in _merged_stored():
        result = store.query(query, use_default_graph_as_union=True)
        if not isinstance(result, ox.QuerySolutions):
            raise TypeError(f"unexpected query result {result!r}")
        rows += [(int(r["check"].value), r["this"], r["value"]) for r in result]
    return _report_triples(key, rows)


def _report_triples(key: str, rows: list[tuple[int, ox.NamedNode, object]]) -> list[tuple]:
    checks = stored_checks()
    report = to_oxigraph(iris.validation_report(key))
    version = to_oxigraph(shapes_version())
    out: list[tuple] = [(report, _TYPE, _SH["ValidationReport"]), (report, _CONFORMS_TO, version)]
    violations = False
    for index, this, value in sorted(set(rows), key=str):
        check = checks[index]
        shown = value if check.reports_value else None
        node = to_oxigraph(iris.validation_result(key, check.shape, this.value, shown))
        violations |= check.severity == "Violation"
        out += [(report, _SH["result"], node), (node, _TYPE, _SH["ValidationResult"]),
                (node, _SH["focusNode"], this), (node, _SH["sourceShape"], to_oxigraph(check.shape)),
                (node, _SH["resultSeverity"], to_oxigraph(SH[check.severity]))]
        if check.path is not None:
            out.append((node, _SH["resultPath"], to_oxigraph(check.path)))
        if shown is not None:
            out.append((node, _SH["value"], shown))
    # the triples are a set: a finding found by two checks of one shape is written once
    out.append((report, _SH["conforms"], ox.Literal("false" if violations else "true", datatype=_BOOLEAN)))
    return list(dict.fromkeys(out))


# --- validate: stored findings + cross-document checks ----------------------------------

_DOCUMENT_GRAPHS = f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?doc <{PKG.contentHash}> ?hash }} }}"
_REPORTS = f"""SELECT ?g ?version WHERE {{ GRAPH ?g {{ ?report a <{SH.ValidationReport}> ;
  <{DCTERMS.conformsTo}> ?version }} }}"""
_STORED = f"""PREFIX sh: <{SH}>
SELECT ?shape ?this ?path ?value ?severity WHERE {{
  ?result a sh:ValidationResult ; sh:sourceShape ?shape ; sh:focusNode ?this ; sh:resultSeverity ?severity .
  OPTIONAL {{ ?result sh:resultPath ?path }} OPTIONAL {{ ?result sh:value ?value }}
}}"""


def document_graphs(store: GraphStore) -> list[URIRef] | None:
    """The document graphs, if each holds a report of the current shapes; else None."""
    documents = [row[0] for row in store.query(_DOCUMENT_GRAPHS).rows]
    versions = {row[0]: row[1] for row in store.query(_REPORTS).rows}
    if any(versions.get(g) != shapes_version() for g in documents):
        return None
    return [URIRef(str(g)) for g in documents]


def _subjects_of(target: str) -> bool:
    """Whether a target pattern is ``sh:targetSubjectsOf`` (``?this <p> ?target_any .``)."""
    return target.startswith("?this <") and target.endswith("?target_any .")


def _foci_elsewhere(store: GraphStore, documents: list[URIRef]) -> dict[str, set[Node]]:
    """Per target pattern of the stored checks, its focus nodes that a graph other than a
    document describes: a fact of it there (``targetSubjectsOf``), else any triple of it.
    The summary graph is not read: its subjects are its own rows (graph/summaries.py),
    and reading it took 57 s at 100,000 documents."""
    known = {*documents, iris.SUMMARY_GRAPH}
    others = " ".join(f"<{g}>" for g in store.graph_names() if g not in known)
    found: dict[str, set[Node]] = {}
    if not others:
        return found
    for target in sorted({c.target for c in stored_checks()}):
        inside = target if _subjects_of(target) else "?this ?p ?o"
        outside = "" if _subjects_of(target) else target
        query = f"SELECT DISTINCT ?this WHERE {{ VALUES ?g {{ {others} }} GRAPH ?g {{ {inside} }} {outside} }}"
        found[target] = {row[0] for row in store.query(query).rows}
    return found


def focused_rows(store: GraphStore, checks: Iterable[Check], focus: Node) -> list[tuple[Check, Node, Node | None]]:
    """The findings of ``checks`` on one focus node, on the whole store."""
    rows = []
    for check in checks:
        for this, value in focus_value_rows(store.query(check.focused_sparql, {"this": focus})):
            rows.append((check, this, value))
    return rows


FEW_TARGETS = 1000


def _cross_query(store: GraphStore, check: Check, few: dict[str, bool]) -> str:
    """A cross-document check's query: counts and values per target when its targets are
    few (curations, undertakings), else over the whole predicate (``few`` caches the counts)."""
    if check.kind not in ("count", "value"):
        return check.sparql
    if check.target not in few:
        rows = store.query(f"SELECT ?this WHERE {{ {check.target} }} LIMIT {FEW_TARGETS + 1}").rows
        few[check.target] = len(rows) <= FEW_TARGETS
    return check.focused_sparql if few[check.target] else check.sparql


def stored_and_cross(store: GraphStore) -> list[tuple[Check, Node, Node | None]] | None:
    """Every finding of the packaged checks from the stored findings and the
    cross-document checks, as ``(check, focus, value)``; None when the store cannot
    answer that way (a document validated with other shapes): validate it whole."""
    documents = document_graphs(store)
    if documents is None:
        return None
    found: list[tuple[Check, Node, Node | None]] = []
    few: dict[str, bool] = {}
    for check in packaged_checks():
        if not is_stored(check):
            rows = focus_value_rows(store.query(_cross_query(store, check, few)))
            found += [(check, this, value) for this, value in rows]
    elsewhere = _foci_elsewhere(store, documents)
    by_shape: dict[Node, list[Check]] = {}
    for check in stored_checks():
        by_shape.setdefault(check.shape, []).append(check)
    rerun = {this for foci in elsewhere.values() for this in foci}
    verify: set[tuple[Node, Node]] = set()
    for shape, this, path, value, severity in store.query(_STORED).rows:
        checks = by_shape.get(shape, [])
        if this in rerun or any(is_verified(c) for c in checks):
            verify.add((shape, this))
            continue
        same = next((c for c in checks if c.path == path and str(severity).endswith(c.severity)
                     and c.reports_value == (value is not None)), None)
        if same is None:
            return None  # a finding these shapes cannot give: the shapes changed
        found.append((same, this, value))
    for shape, this in sorted(verify, key=str):
        found += focused_rows(store, by_shape[shape], this)
    for target, foci in elsewhere.items():
        checks = [c for c in stored_checks() if c.target == target]
        for this in sorted(foci, key=str):
            found += focused_rows(store, checks, this)
    return found
