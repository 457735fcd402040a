"""Counts of what a graph store holds, for ``policykg stats``: on any
``backend.GraphStore``, local or remote, through SPARQL."""

from __future__ import annotations

from policykg.namespaces import PKG

from .backend import GraphStore

_PKG = f"PREFIX pkg: <{PKG._NS}>\n"
# Label -> the pattern whose distinct solutions are counted.
_COUNTED = (
    ("source documents", "?x pkg:sourceFile ?o"),
    ("citations (cites)", "?x pkg:cites ?o"),
    ("motions", "?x a pkg:Motion"),
    ("measures", "?x a pkg:Measure"),
    ("ledTo links", "?x pkg:ledTo ?o"),
    ("concept mentions", "?x pkg:mentions ?o"),
    ("evidence records", "GRAPH ?g { ?x a pkg:Evidence }"),
)


def graph_stats(store: GraphStore) -> list[tuple[str, int]]:
    """(label, count): quads, distinct triples and named graphs, then documents,
    citations, motions, measures, ledTo links, concept mentions and evidence."""
    counts = [("quads", len(store)), ("triples (distinct)", store.triple_count()),
              ("named graphs", len(store.graph_names()))]
    for label, pattern in _COUNTED:
        result = store.query(f"{_PKG}SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT * WHERE {{ {pattern} }} }}")
        counts.append((label, int(result.rows[0][0])))
    return counts
