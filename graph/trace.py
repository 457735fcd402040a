"""Trace a motion (or any node) to what followed it, with evidence per step.

Walks the named query ``trace-edges`` breadth-first from the start node:
documents that cite it, measures or bodies it led to, the instruments and
actors of those measures.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from rdflib import Literal, URIRef

from .queries import QueryError, load_query
from .store import Store

# Which relations to follow from a node reached through a relation; a citing
# document is a leaf (its own citations would wander off the trace).
_FOLLOW = {None: None, "led to": None, "cited by": set(), "uses instrument": set(), "responsible": set()}


@dataclass
class Step:
    relation: str | None
    iri: str
    identifier: str | None
    label: str | None
    type: str | None
    date: str | None
    submitters: str | None
    evidence: list[dict] = field(default_factory=list)  # {quote, file, line, rule}
    children: list[Step] = field(default_factory=list)

    def as_dict(self) -> dict:
        data = {k: v for k, v in self.__dict__.items() if k != "children" and v not in (None, [], "")}
        data["children"] = [c.as_dict() for c in self.children]
        return data


def resolve(store: Store, identifier: str) -> URIRef:
    """The IRI of a node given by identifier, label or IRI."""
    if identifier.startswith(("http://", "https://")):
        return URIRef(identifier)
    found = store.query(
        "PREFIX pkg: <https://w3id.org/policykg/def#> "
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        "SELECT DISTINCT ?id ?n WHERE { ?n pkg:identifier|skos:prefLabel|skos:altLabel|rdfs:label ?l "
        "FILTER (str(?l) = ?id) } ORDER BY ?n LIMIT 1",
        {"id": Literal(identifier)},
    )
    if found.rows:
        return found.rows[0][1]
    raise QueryError(f"nothing in the store is called {identifier!r}; "
                     "try an official id such as kst-30950-295 (see `policykg query motions`)")


def _describe(store: Store, iri: URIRef, relation: str | None) -> Step:
    row = store.query(load_query("node").text, {"node": iri}).dicts()[0]
    text = {k: (str(v) if v is not None else None) for k, v in row.items()}
    kind = text["type"].rsplit("#", 1)[-1] if text["type"] else None
    return Step(relation, str(iri), text["identifier"], text["label"], kind, text["date"],
                text["submitters"] or None)


def trace(store: Store, identifier: str, depth: int = 4) -> Step:
    """The tree of what followed ``identifier``, ``depth`` steps deep."""
    edges = load_query("trace-edges").text
    root = _describe(store, resolve(store, identifier), None)
    seen = {root.iri}
    frontier = [root]
    for _ in range(depth):
        next_frontier = []
        for step in frontier:
            follow = _FOLLOW.get(step.relation)
            children: dict[tuple[str, str], Step] = {}
            for row in store.query(edges, {"node": URIRef(step.iri)}).dicts():
                relation, target = str(row["relation"]), str(row["target"])
                if follow is not None and relation not in follow:
                    continue
                key = (relation, target)
                if key not in children:
                    if target in seen:
                        continue
                    children[key] = _describe(store, URIRef(target), relation)
                child = children[key]
                if row["quote"] is not None:
                    child.evidence.append({"quote": str(row["quote"]), "file": str(row["file"]),
                                           "line": int(row["line"]), "rule": str(row["rule"])})
            step.children = list(children.values())
            seen.update(c.iri for c in step.children)
            next_frontier.extend(step.children)
        frontier = next_frontier
    return root


def _one_line(text: str, width: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _title(step: Step) -> str:
    parts = [step.identifier or step.iri.rsplit("/", 1)[-1]]
    if step.label and step.label != step.identifier:
        parts.append(f"«{_one_line(step.label, 90)}»")
    if step.type:
        parts.append(f"[{step.type}]")
    if step.date:
        parts.append(step.date)
    if step.submitters:
        parts.append(f"submitted by {step.submitters}")
    return " ".join(parts)


def render_tree(root: Step) -> str:
    lines = [_title(root)]

    def walk(step: Step, prefix: str):
        for i, child in enumerate(step.children):
            last = i == len(step.children) - 1
            lines.append(f"{prefix}{'└── ' if last else '├── '}{child.relation}: {_title(child)}")
            inner = prefix + ("    " if last else "│   ")
            for ev in child.evidence[:3]:
                lines.append(f"{inner}  “{_one_line(ev['quote'])}” ({ev['file']}:{ev['line']})")
            walk(child, inner)

    walk(root, "")
    return "\n".join(lines)


def render_json(root: Step) -> str:
    return json.dumps(root.as_dict(), ensure_ascii=False, indent=2)
