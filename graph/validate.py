"""Validate the graph against the SHACL shapes (pySHACL) and report it in
words a researcher understands."""

from __future__ import annotations

from dataclasses import dataclass
from typing import overload

from pyshacl import validate as shacl_validate
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.term import Node

from policykg.errors import ShapesError
from policykg.namespaces import SH
from policykg.reference import ontology_graph, shapes_graph

from . import iris
from .backend import GraphStore
from .ingest_validation import stored_and_cross
from .sparql_validation import Check, focus_value_rows, packaged_checks


@dataclass(frozen=True)
class Finding:
    severity: str  # Violation, Warning, Info
    focus: str
    path: str | None
    value: str | None
    message: str
    shape: str


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    findings: list[Finding]

    def count(self, severity: str) -> int:
        return sum(f.severity == severity for f in self.findings)

    @property
    def violations(self) -> int:
        return self.count("Violation")

    def summary(self) -> str:
        state = "conforms" if self.violations == 0 else "does NOT conform"
        return (f"The graph {state}: {self.violations} violation(s), "
                f"{self.count('Warning')} warning(s), {self.count('Info')} info.")

    def text(self, limit: int = 50) -> str:
        lines = [self.summary()]
        for f in sorted(self.findings, key=lambda f: (f.severity != "Violation", f.shape, f.focus))[:limit]:
            where = f" {f.path}" if f.path else ""
            value = f" = {f.value}" if f.value else ""
            lines.append(f"  {f.severity.upper()}: {f.message}\n    at {f.focus}{where}{value}\n    shape {f.shape}")
        if len(self.findings) > limit:
            lines.append(f"  ... and {len(self.findings) - limit} more (use --limit)")
        return "\n".join(lines)


def _message(results: Graph, result: Node) -> str:
    messages = list(results.objects(result, SH.resultMessage))
    english = [m for m in messages if isinstance(m, Literal) and m.language == "en"]
    return str((english or messages or ["(no message)"])[0])


_SHORT_PREFIXES = (
    ("https://w3id.org/policykg/def#", "pkg:"),
    ("https://w3id.org/policykg/shapes#", "pkgsh:"),
    ("https://zoek.officielebekendmakingen.nl/", ""),
    ("https://w3id.org/policykg/id/", "pkgid:"),
)


@overload
def _short(node: Node) -> str: ...
@overload
def _short(node: Node | None) -> str | None: ...
def _short(node: Node | None) -> str | None:
    if node is None:
        return None
    text = str(node)
    for prefix, short in _SHORT_PREFIXES:
        if text.startswith(prefix):
            return short + text[len(prefix):]
    return text


def _required(results: Graph, result: Node, key: URIRef) -> Node:
    """A value every SHACL validation result has (``sh:focusNode``, ``sh:sourceShape``)."""
    value = results.value(result, key)
    if value is None:
        raise ShapesError(f"pySHACL reported a result without {key}")
    return value


def validate_graph(data: Graph) -> ValidationReport:
    """Validate ``data`` with the packaged shapes; the ontology supplies subclasses."""
    _, results, text = shacl_validate(data, shacl_graph=shapes_graph(), ont_graph=ontology_graph(),
                                      inference="none", advanced=True, allow_warnings=True)
    if not isinstance(results, Graph):  # pySHACL reports a broken shape this way
        raise ShapesError(f"the shapes could not be applied: {text}")
    findings = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        severity = results.value(result, SH.resultSeverity)
        findings.append(Finding(
            severity=str(severity).rsplit("#", 1)[-1],
            focus=_short(_required(results, result, SH.focusNode)),
            path=_short(results.value(result, SH.resultPath)),
            value=_short(results.value(result, SH.value)),
            message=_message(results, result),
            shape=_short(_required(results, result, SH.sourceShape)),
        ))
    return _report(findings)


def _report(findings: list[Finding]) -> ValidationReport:
    findings = sorted(set(findings), key=lambda f: (f.severity, f.shape or "", f.focus or "", f.value or ""))
    return ValidationReport(conforms=not any(f.severity == "Violation" for f in findings), findings=findings)


def _finding(check: Check, this: Node, value: Node | None) -> Finding:
    return Finding(check.severity, _short(this), _short(check.path),
                   _short(value) if check.reports_value else None, check.message, _short(check.shape))


def validate_in_store(store: GraphStore) -> ValidationReport:
    """The shapes as SPARQL queries answered by the store itself, every check on
    the whole store (see graph/sparql_validation.py). The ontology graph in the
    store supplies subclasses."""
    whole = store.with_records()
    return _report([_finding(check, this, value) for check in packaged_checks()
                    for this, value in focus_value_rows(whole.query(check.sparql))])


def validate_stored(store: GraphStore) -> ValidationReport:
    """The findings stored at ingest plus the cross-document checks
    (graph/ingest_validation.py); the whole store checked when that cannot answer."""
    found = stored_and_cross(store.with_records())
    if found is None:
        return validate_in_store(store)
    return _report([_finding(check, this, value) for check, this, value in found])


def validate_store(store: GraphStore, engine: str = "sparql", full: bool = False) -> ValidationReport:
    """``engine="sparql"``: in the store, fast: the findings stored at ingest and the
    cross-document checks, or with ``full`` every check on the whole store;
    ``"pyshacl"``: the reference implementation on a copy of the whole graph (slow
    beyond a few thousand triples)."""
    if engine == "sparql":
        return validate_in_store(store) if full else validate_stored(store)
    return validate_graph(store.union(exclude=[iris.ONTOLOGY_GRAPH]))
