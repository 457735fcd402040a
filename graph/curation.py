"""Curated overlay: researchers assert links that no rule finds, or reject
extracted ones, in CSV files (format: docs/curation.md).

Each file loads into its own named graph ``pkgg:curation/<file stem>`` (percent-encoded),
replaced on every load, so loading twice changes nothing. An asserted link is
written as the triple itself plus a ``pkg:Assertion``; a rejection only as a
``pkg:Rejection`` (the extracted fact and its evidence stay where they are).
Both record the curator (``pkg:curator``, "asserted by") and the reason.
Queries choose: ``policykg trace`` applies curation unless ``--no-curation``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import OWL, RDF, Graph, Literal, URIRef
from rdflib.namespace import FOAF

from policykg.errors import CurationError, LookupFailure
from policykg.namespaces import PKG
from policykg.reference import ontology_graph

from . import iris
from .backend import GraphStore, UnstorableTerm
from .lookup import find_node

COLUMNS = ("action", "subject", "relation", "object", "curator", "note")


@dataclass(frozen=True)
class Row:
    line: int
    action: str
    subject: URIRef
    relation: URIRef
    object: URIRef
    curator: str
    note: str


def curation_graph(path: Path) -> URIRef:
    return iris.curation_graph(path.stem)


@lru_cache(maxsize=1)
def _relations() -> frozenset[str]:
    """The ontology's object properties by local name (parsed once: the ontology is packaged data)."""
    onto = ontology_graph()
    return frozenset(str(p)[len(str(PKG)):] for p in onto.subjects(RDF.type, OWL.ObjectProperty)
                     if str(p).startswith(str(PKG)))


def _node(store: GraphStore, name: str, where: str) -> URIRef:
    """The node ``name`` names (``find_node``); a failure is reported with ``where``."""
    try:
        return find_node(store, name)
    except LookupFailure as exc:
        raise CurationError(f"{where}: {exc}") from exc


def _row(store: GraphStore, record: dict, where: str, line: int, relations: frozenset[str]) -> Row:
    missing = [c for c in COLUMNS if not (record.get(c) or "").strip()]
    if missing:
        raise CurationError(f"{where}: empty {', '.join(missing)}")
    action, relation = record["action"].strip().lower(), record["relation"].strip()
    if action not in ("assert", "reject"):
        raise CurationError(f"{where}: action must be assert or reject, not {action!r}")
    if relation not in relations:
        raise CurationError(f"{where}: unknown relation {relation!r}; one of {', '.join(sorted(relations))}")
    subject = _node(store, record["subject"].strip(), where)
    obj = _node(store, record["object"].strip(), where)
    predicate: URIRef = getattr(PKG, relation)  # a known relation: checked above
    if action == "reject" and not store.query("ASK { ?s ?p ?o }", {"s": subject, "p": predicate, "o": obj}).boolean:
        raise CurationError(f"{where}: nothing to reject: the store has no {relation} from "
                            f"{record['subject'].strip()!r} to {record['object'].strip()!r}")
    return Row(line, action, subject, predicate, obj, record["curator"].strip(), record["note"].strip())


def read_curation(store: GraphStore, path: Path) -> list[Row]:
    """The rows of a curation file, each resolved against the store; every bad
    row is reported (file:line), and then none is loaded."""
    if path.exists() and not path.is_file():  # a named pipe would wait for a writer, perhaps forever
        raise CurationError(f"{path}: not a regular file; skipped")
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:  # Excel's "CSV UTF-8" starts with a BOM
            reader = csv.DictReader(handle)
            if not reader.fieldnames or not set(COLUMNS) <= {f.strip() for f in reader.fieldnames}:
                raise CurationError(f"{path}: the header must name the columns {', '.join(COLUMNS)}")
            records = [(reader.line_num, {k.strip(): v for k, v in r.items() if k}) for r in reader]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise CurationError(f"{path}: cannot read: {exc}") from exc
    relations, rows, errors = _relations(), [], []
    for line, record in records:
        try:
            rows.append(_row(store, record, f"{path}:{line}", line, relations))
        except CurationError as exc:
            errors.append(str(exc))
        except Exception as exc:  # a row no check foresaw is still this row's problem
            errors.append(f"{path}:{line}: cannot be read: {type(exc).__name__}: {exc}")
    if errors:
        raise CurationError("\n".join(errors))
    return rows


def remove_curation(store: GraphStore, path: Path) -> None:
    store.remove_graph(curation_graph(path))
    store.flush()


def build_curation(path: Path, rows: list[Row]) -> Graph:
    g = Graph()
    for row in rows:
        node = iris.curation_record(path.stem, row.action, row.subject, row.relation, row.object)
        curator = iris.person(row.curator)
        g.add((curator, RDF.type, PKG.Person))
        g.add((curator, FOAF.name, Literal(row.curator)))
        kind = PKG.Assertion if row.action == "assert" else PKG.Rejection
        for triple in ((node, RDF.type, kind),
                       (node, RDF.subject, row.subject), (node, RDF.predicate, row.relation),
                       (node, RDF.object, row.object), (node, PKG.curator, curator),
                       (node, PKG.note, Literal(row.note))):
            g.add(triple)
        if row.action == "assert":
            g.add((row.subject, row.relation, row.object))
    return g


def load_curation(store: GraphStore, path: Path) -> int:
    """Replace the curation graph of ``path``; returns the number of rows loaded."""
    rows = read_curation(store, path)
    try:
        store.replace_graph(curation_graph(path), build_curation(path, rows))  # one transaction
    except UnstorableTerm as exc:  # the graph of ``path`` stays as it was
        lines = [f":{row.line}" for row in rows if exc.term in (row.subject, row.object)]
        raise CurationError(f"{path}{(lines or [''])[0]}: {exc}") from exc
    store.flush()
    return len(rows)
