"""Trace a motion (or any node) to what followed it, with evidence per step.

Walks the named query ``trace-edges`` breadth-first from the start node:
documents that cite it, measures or bodies it led to, the instruments and
actors of those measures.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from rdflib import Literal, URIRef

from policykg.errors import NotFoundError

from .backend import GraphStore
from .lookup import find_node
from .queries import answer, load_query

# Which relations to follow from a node reached through a relation. A citing
# document is expanded only by the "led to" steps its own text states (see
# _nest_under_citing); other reached nodes are leaves.
_FOLLOW = {
    None: None,  # the start node: every relation
    "led to": {"led to", "uses instrument", "responsible", "established by"},
    "announces": {"uses instrument", "responsible"},
    "led from": set(), "cited by": set(), "uses instrument": set(), "responsible": set(),
    "announced in": set(), "established by": set(), "responds to": set(), "answered by": set(),
}


@dataclass
class Step:
    relation: str | None
    iri: str
    identifier: str | None
    label: str | None
    type: str | None
    date: str | None
    submitters: str | None
    evidence: list[dict] = field(default_factory=list)  # {quote, file, line, rule} or {curator, note}
    children: list[Step] = field(default_factory=list)
    also: list[tuple[str, str]] = field(default_factory=list)  # (relation, IRI) to nodes drawn elsewhere

    @property
    def unknown(self) -> bool:
        """Whether the store says nothing of this node: no name, type or date, no step from it."""
        return not self.children and not any((self.identifier, self.label, self.type, self.date))

    def as_dict(self) -> dict:
        data = {k: v for k, v in self.__dict__.items() if k not in ("children", "also") and v not in (None, [], "")}
        data["children"] = [c.as_dict() for c in self.children]
        return data


def _describe(store: GraphStore, iri: URIRef, relation: str | None) -> Step:
    row = answer(store, load_query("node"), {"node": iri}).dicts()[0]
    text = {k: (str(v) if v is not None else None) for k, v in row.items()}
    kind = text["type"].rsplit("#", 1)[-1] if text["type"] else None
    return Step(relation, str(iri), text["identifier"], text["label"], kind, text["date"],
                text["submitters"] or None)


def _evidence(row: dict) -> dict | None:
    if row["quote"] is not None:
        return {"quote": str(row["quote"]), "file": str(row["file"]), "line": int(row["line"]),
                "rule": str(row["rule"])}
    if row["curator"] is not None:
        return {"curator": str(row["curator"]), "note": str(row["note"])}
    return None


def _children(store: GraphStore, step: Step, seen: set[str], curation: str) -> list[Step]:
    follow = _FOLLOW.get(step.relation, set())
    if follow is not None and not follow:  # a leaf: nothing of its edges would be kept
        return []
    children: dict[tuple[str, str], Step] = {}
    rows = answer(store, load_query("trace-edges"), {"node": URIRef(step.iri), "curation": Literal(curation)}).dicts()
    for row in rows:
        relation, target = str(row["relation"]), str(row["target"])
        if follow is not None and relation not in follow:
            continue
        if target in seen:
            if (relation, target) not in step.also:
                step.also.append((relation, target))
            continue
        key = (relation, target)
        if key not in children:
            children[key] = _describe(store, URIRef(target), relation)
        evidence = _evidence(row)
        if evidence and evidence not in children[key].evidence:
            children[key].evidence.append(evidence)
    return list(children.values())


def _nest_under_citing(children: list[Step]) -> list[Step]:
    """Move a "led to" step under the citing document whose text states it, so the
    tree reads motion -> document -> measure."""
    citing: dict[str | None, Step] = {}
    for child in children:
        if child.relation == "cited by":
            for ev in child.evidence:
                citing.setdefault(ev.get("file"), child)
    kept = []
    for child in children:
        files = {ev.get("file") for ev in child.evidence}
        if child.relation == "led to" and len(files) == 1 and next(iter(files)) in citing:
            citing[next(iter(files))].children.append(child)
        else:
            kept.append(child)
    return kept


def trace(store: GraphStore, identifier: str, depth: int = 4, curation: str = "include") -> Step:
    """The tree of what followed ``identifier`` (any name ``find_node`` takes),
    ``depth`` steps deep. With ``curation="exclude"`` only extracted facts count;
    with "include" curated assertions are added and rejected facts left out. An IRI
    the store says nothing about gives a bare root (``Step.unknown``)."""
    root = _describe(store, find_node(store, identifier), None)
    seen, frontier = {root.iri}, [root]
    for _ in range(depth):
        next_frontier: list[Step] = []
        for step in frontier:
            children = _children(store, step, seen, curation)
            seen.update(c.iri for c in children)
            # a citing document may already hold the "led to" steps nested under it
            step.children += _nest_under_citing(children) if step.relation is None else children
            next_frontier.extend(c for c in children)
        frontier = next_frontier
    return root


def trace_known(store: GraphStore, identifier: str, depth: int = 4, curation: str = "include") -> Step:
    """``trace``, but a ``NotFoundError`` for an IRI (taken as written: it may lie
    outside the store) that the store never mentions, instead of a bare root."""
    root = trace(store, identifier, depth=depth, curation=curation)
    if root.unknown:
        raise NotFoundError(f"{identifier!r} ({root.iri}) is in no statement of the store: nothing to trace",
                            names=[root.iri])
    return root


def _one_line(text: str, width: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _title(step: Step) -> str:
    parts = [step.identifier] if step.identifier else []
    if step.label and step.label != step.identifier:
        parts.append(f"«{_one_line(step.label, 90)}»")
    if not parts:
        parts.append(step.iri.rsplit("/", 1)[-1])
    if step.type:
        parts.append(f"[{step.type}]")
    if step.date:
        parts.append(step.date)
    if step.submitters:
        parts.append(f"submitted by {step.submitters}")
    return " ".join(parts)


def _evidence_line(ev: dict) -> str:
    if "curator" in ev:
        return f"asserted by {ev['curator']}: {_one_line(ev['note'])}"
    return f"“{_one_line(ev['quote'])}” ({ev['file']}:{ev['line']})"


def render_tree(root: Step) -> str:
    lines = [_title(root)]

    def walk(step: Step, prefix: str):
        for i, child in enumerate(step.children):
            last = i == len(step.children) - 1
            lines.append(f"{prefix}{'└── ' if last else '├── '}{child.relation}: {_title(child)}")
            inner = prefix + ("    " if last else "│   ")
            for ev in child.evidence[:3]:
                lines.append(f"{inner}  {_evidence_line(ev)}")
            walk(child, inner)

    walk(root, "")
    return "\n".join(lines)


def render_json(root: Step) -> str:
    return json.dumps(root.as_dict(), ensure_ascii=False, indent=2)


def _dot_id(iri: str) -> str:
    return '"' + iri.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _dot_label(text: str) -> str:
    return '"' + _one_line(text, 60).replace("\\", "\\\\").replace('"', '\\"') + '"'


def render_dot(root: Step) -> str:
    """Graphviz DOT: one node per step, edges labelled with the relation and the
    evidence (file:line, or the curator) in the tooltip."""
    lines = ["digraph trace {", "  rankdir=LR;", '  node [shape=box, fontname="Helvetica"];']
    nodes: dict[str, Step] = {}

    def walk(step: Step):
        nodes.setdefault(step.iri, step)
        for child in step.children:
            nodes.setdefault(child.iri, child)
            where = "; ".join(f"{e['file']}:{e['line']}" if "file" in e else f"asserted by {e['curator']}"
                              for e in child.evidence)
            style = ", style=dashed" if child.evidence and all("curator" in e for e in child.evidence) else ""
            lines.append(f"  {_dot_id(step.iri)} -> {_dot_id(child.iri)} "
                         f"[label={_dot_label(child.relation or '')}, tooltip={_dot_label(where)}{style}];")
            walk(child)

    walk(root)
    for iri, step in sorted(nodes.items()):
        lines.insert(3, f"  {_dot_id(iri)} [label={_dot_label(_title(step))}];")
    return "\n".join(lines + ["}"]) + "\n"
