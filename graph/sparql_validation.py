"""The packaged SHACL shapes, checked as SPARQL queries inside the store.

pySHACL copies the whole graph into rdflib and is far too slow for a corpus of
any size. The shapes use a small part of SHACL, so each constraint compiles to
one SELECT that the store answers directly: targets (``sh:targetClass``, with
subclasses, and ``sh:targetSubjectsOf``), property shapes on a predicate path
with ``minCount``, ``maxCount``, ``datatype``, ``class``, ``nodeKind sh:IRI``,
``minInclusive``/``maxInclusive``, ``minLength``, ``pattern``, a node-level
``sh:or`` of ``minCount`` alternatives, and SPARQL-based constraints. A shape
using anything else is refused when compiled, so nothing is silently skipped.
tests/test_shapes.py checks that both engines report the same findings on every
fixture and on the corpus.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from policykg.namespaces import SH
from policykg.reference import shapes_graph

from .backend import QueryResult

RDFS_SUBCLASS = "<http://www.w3.org/2000/01/rdf-schema#subClassOf>"
_SUPPORTED = {SH.path, SH.minCount, SH.maxCount, SH.datatype, SH["class"], SH.nodeKind, SH.minInclusive,
              SH.maxInclusive, SH.minLength, SH.pattern, SH.severity, SH.message, RDF.type, SH.name,
              SH.description, SH.flags}


@dataclass(frozen=True)
class Check:
    """One compiled constraint: a SELECT of ``?this ?value`` that lists violations."""

    shape: Node  # an IRI, or a blank node for an unnamed property shape
    path: URIRef | None
    severity: str
    message: str
    sparql: str
    reports_value: bool = True  # False for counts: like pySHACL, no sh:value then
    kind: str = "value"  # count, value, class, or, sparql (graph/ingest_validation.py sorts by it)
    target: str = ""  # the target pattern binding ?this
    focused: str = ""  # the same check, the targets first: fast with ?this bound or few targets

    @property
    def focused_sparql(self) -> str:
        return self.focused or self.sparql


def _message(shapes: Graph, node: Node, fallback: Node | None = None) -> str:
    messages = list(shapes.objects(node, SH.message))
    if not messages and fallback:
        messages = list(shapes.objects(fallback, SH.message))
    english = [m for m in messages if isinstance(m, Literal) and m.language == "en"]
    return str((english or messages or ["(no message)"])[0])


def _severity(shapes: Graph, node: Node, fallback: Node | None = None) -> str:
    value = shapes.value(node, SH.severity) or (shapes.value(fallback, SH.severity) if fallback else None)
    return str(value or SH.Violation).rsplit("#", 1)[-1]


def _targets(shapes: Graph, shape: Node) -> list[str]:
    patterns = [f"?this a/{RDFS_SUBCLASS}* <{c}> ." for c in shapes.objects(shape, SH.targetClass)]
    patterns += [f"?this <{p}> ?target_any ." for p in shapes.objects(shape, SH.targetSubjectsOf)]
    return patterns


def _target_block(targets: list[str]) -> str:
    if len(targets) == 1:
        return targets[0]
    return " UNION ".join("{ " + t + " }" for t in targets)


def _literal(value: Node) -> str:
    return value.n3()


def _integer(shapes: Graph, node: Node, key: URIRef) -> int | None:
    """The integer value of ``key`` (``sh:minCount``, ``sh:minLength``...), None if absent."""
    value = shapes.value(node, key)
    return None if value is None else int(str(value))


def _value_checks(shapes: Graph, prop: Node) -> list[tuple[str, str]]:
    """Patterns over ``?this <path> ?value`` (written as PATH) that find the violating
    values, each with its kind: "class" (needs the values' types), else "value"."""
    checks: list[tuple[str, str]] = []
    datatype = shapes.value(prop, SH.datatype)
    if datatype is not None:
        checks.append(("value", f"?this PATH ?value FILTER (!isLiteral(?value) || datatype(?value) != <{datatype}>)"))
    cls = shapes.value(prop, SH["class"])
    if cls is not None:
        # a set difference with the class's instances, not one lookup per value; the
        # class and its subclasses found first: Virtuoso 7.2 matches nothing with a
        # zero-or-more path (a/rdfs:subClassOf*) inside MINUS
        classes = f"{{ BIND (<{cls}> AS ?type) }} UNION {{ ?type {RDFS_SUBCLASS}+ <{cls}> }}"
        minus = f"MINUS {{ {{ SELECT ?type WHERE {{ {classes} }} }} ?value a ?type }}"
        checks.append(("class", f"?this PATH ?value {minus}"))
    kind = shapes.value(prop, SH.nodeKind)
    if kind is not None:
        if kind != SH.IRI:
            raise NotImplementedError(f"sh:nodeKind {kind}")
        checks.append(("value", "?this PATH ?value FILTER (!isIRI(?value))"))
    for key, op in ((SH.minInclusive, ">="), (SH.maxInclusive, "<=")):
        bound = shapes.value(prop, key)
        if bound is not None:
            checks.append(("value", f"?this PATH ?value FILTER (!COALESCE(?value {op} {_literal(bound)}, false))"))
    length = _integer(shapes, prop, SH.minLength)
    if length is not None:
        checks.append(("value", f"?this PATH ?value FILTER (isBlank(?value) || STRLEN(STR(?value)) < {length})"))
    pattern = shapes.value(prop, SH.pattern)
    if pattern is not None:
        flags = shapes.value(prop, SH.flags)
        flag_arg = f", {Literal(str(flags)).n3()}" if flags else ""
        regex = Literal(str(pattern)).n3()
        checks.append(("value", f"?this PATH ?value "
                       f"FILTER (isBlank(?value) || !REGEX(STR(?value), {regex}{flag_arg}))"))
    return checks


def _count_check(path: URIRef, low: int | None, high: int | None, target: str) -> str:
    """Targets with fewer than ``low`` or more than ``high`` values. The common
    cases are set operations over the whole predicate (minCount 1: MINUS; maxCount:
    a grouped count of subjects with several values), not a count per target."""
    parts = []
    if low == 1:
        parts.append(f"{{ {{ SELECT DISTINCT ?this WHERE {{ {target} }} }} "
                     f"MINUS {{ ?this <{path}> ?v }} BIND (0 AS ?n) }}")
    elif low is not None and low > 1:
        parts.append(f"""{{ {{ SELECT ?this (COUNT(DISTINCT ?v) AS ?n) WHERE {{
      {{ SELECT DISTINCT ?this WHERE {{ {target} }} }} OPTIONAL {{ ?this <{path}> ?v }} }} GROUP BY ?this }}
    FILTER (?n < {low}) }}""")
    if high is not None:
        parts.append(f"""{{ {{ SELECT ?this (COUNT(DISTINCT ?v) AS ?n) WHERE {{ ?this <{path}> ?v }}
      GROUP BY ?this HAVING (COUNT(DISTINCT ?v) > {high}) }}
    {{ SELECT DISTINCT ?this WHERE {{ {target} }} }} }}""")
    return f"SELECT ?this (?n AS ?value) WHERE {{\n  {' UNION '.join(parts)}\n}}"


def _count_by_target(path: URIRef, low: int | None, high: int | None, target: str) -> str:
    """The same as ``_count_check``, counted per target: fast when the targets are few
    (or bound), where ``_count_check`` reads the whole predicate."""
    bounds = ([f"COUNT(DISTINCT ?v) < {low}"] if low else []) + ([f"COUNT(DISTINCT ?v) > {high}"]
                                                                  if high is not None else [])
    return f"""SELECT ?this (COUNT(DISTINCT ?v) AS ?value) WHERE {{
  {{ SELECT DISTINCT ?this WHERE {{ {target} }} }} OPTIONAL {{ ?this <{path}> ?v }}
}} GROUP BY ?this HAVING ({" || ".join(bounds)})"""


def _value_by_target(pattern: str, target: str) -> str:
    """A value check with the targets first (OPTIONAL makes the store start from them):
    fast when the targets are few or bound. ``pattern``: ``?this <p> ?value FILTER (...)``
    or, for ``sh:class``, ``... MINUS {...}``."""
    triple, keyword, rest = pattern.partition(" FILTER ")
    head = f"SELECT DISTINCT ?this ?value WHERE {{\n  {{ SELECT DISTINCT ?this WHERE {{ {target} }} }}\n"
    if not keyword:
        return f"{head}  {pattern}\n}}"
    return f"{head}  OPTIONAL {{ {triple} }} FILTER (BOUND(?value) && {rest})\n}}"


def _property_checks(shapes: Graph, shape: Node, prop: Node, target: str) -> list[Check]:
    unknown = set(shapes.predicates(prop)) - _SUPPORTED
    if unknown:
        raise NotImplementedError(f"{prop}: {sorted(map(str, unknown))}")
    path = shapes.value(prop, SH.path)
    if not isinstance(path, URIRef):
        raise NotImplementedError(f"{prop}: only predicate paths")
    severity, message, checks = _severity(shapes, prop, shape), _message(shapes, prop, shape), []
    name = prop if isinstance(prop, URIRef) else shape
    low, high = _integer(shapes, prop, SH.minCount), _integer(shapes, prop, SH.maxCount)
    if (low is not None and low > 0) or high is not None:
        checks.append(Check(name, path, severity, message, reports_value=False, kind="count", target=target,
                            sparql=_count_check(path, low, high, target),
                            focused=_count_by_target(path, low, high, target)))
    for kind, violation in _value_checks(shapes, prop):
        pattern = violation.replace("PATH", f"<{path}>")
        # the violating values first (one pass over the predicate), then their targets;
        # focused: the targets first
        checks.append(Check(name, path, severity, message, kind=kind, target=target, sparql=f"""
SELECT DISTINCT ?this ?value WHERE {{
  {{ SELECT DISTINCT ?this ?value WHERE {{ {pattern} }} }}
  {{ SELECT DISTINCT ?this WHERE {{ {target} }} }}
}}""", focused=_value_by_target(pattern, target)))
    return checks


def _requires_one(shapes: Graph, alternative: Node) -> bool:
    """Whether an ``sh:or`` alternative is just ``sh:path`` with ``sh:minCount 1``."""
    others = set(shapes.predicates(alternative)) - {SH.path, SH.minCount}
    return _integer(shapes, alternative, SH.minCount) == 1 and not others


def _or_check(shapes: Graph, shape: Node, either: Node, target: str) -> Check:
    """``either``: the RDF list of ``shape``'s ``sh:or`` alternatives."""
    alternatives: list[str] = []
    for alt in Collection(shapes, either):
        path = shapes.value(alt, SH.path)
        if not isinstance(path, URIRef) or not _requires_one(shapes, alt):
            raise NotImplementedError(f"{shape}: sh:or supports property shapes with sh:minCount 1 only")
        alternatives.append(f"EXISTS {{ ?this <{path}> ?any_{len(alternatives)} }}")
    return Check(shape, None, _severity(shapes, shape), _message(shapes, shape), reports_value=False, kind="or",
                 target=target, sparql=f"""
SELECT DISTINCT ?this (?this AS ?value) WHERE {{
  {{ SELECT DISTINCT ?this WHERE {{ {target} }} }}
  FILTER (!({' || '.join(alternatives)}))
}}""")


def _prefixes(shapes: Graph, constraint: Node) -> str:
    lines = []
    for owner in shapes.objects(constraint, SH.prefixes):
        for decl in shapes.objects(owner, SH.declare):
            lines.append(f"PREFIX {shapes.value(decl, SH.prefix)}: <{shapes.value(decl, SH.namespace)}>")
    return "\n".join(sorted(set(lines)))


_NOT_EXISTS = re.compile(r"FILTER\s+NOT\s+EXISTS\s*\{")


def _sparql_check(shapes: Graph, shape: Node, constraint: Node, target: str) -> Check:
    select = original = str(shapes.value(constraint, SH.select)).replace("$this", "?this")
    if len(_NOT_EXISTS.findall(select)) == 1:
        # SHACL forbids MINUS in constraints, but here it means the same (the inner
        # pattern shares ?this and ?value with the outer one) and the store answers it
        # as one set difference instead of one lookup per row.
        select = _NOT_EXISTS.sub("MINUS {", select)
    prefixes = _prefixes(shapes, constraint)
    return Check(shape, None, _severity(shapes, shape), _message(shapes, constraint, shape),
                 f"{prefixes}\n{_with_target(select, target)}", kind="sparql", target=target,
                 focused=f"{prefixes}\n{_with_target(original, target)}")


def _with_target(select: str, target: str) -> str:
    """A constraint's SELECT with its targets joined first."""
    where = select.index("{", select.upper().index("WHERE"))
    return f"{select[:where + 1]}\n  {{ SELECT DISTINCT ?this WHERE {{ {target} }} }}\n{select[where + 1:]}"


def compile_shapes(shapes: Graph) -> list[Check]:
    checks = []
    for shape in sorted(set(shapes.subjects(RDF.type, SH.NodeShape)), key=str):
        targets = _targets(shapes, shape)
        if not targets:
            continue
        target = _target_block(targets)
        for prop in sorted(shapes.objects(shape, SH.property), key=str):
            checks += _property_checks(shapes, shape, prop, target)
        either = shapes.value(shape, SH["or"])
        if either is not None:
            checks.append(_or_check(shapes, shape, either, target))
        for constraint in shapes.objects(shape, SH.sparql):
            checks.append(_sparql_check(shapes, shape, constraint, target))
    return checks


def focus_value_rows(result: QueryResult) -> list[tuple[Node, Node | None]]:
    """``(?this, ?value)`` of each row of a check's answer, by name (a SPARQL
    constraint may select ``?path`` between them)."""
    this, value = result.variables.index("this"), result.variables.index("value")
    return [(row[this], row[value]) for row in result.rows]


@cache
def packaged_checks() -> tuple[Check, ...]:
    return tuple(compile_shapes(shapes_graph()))
