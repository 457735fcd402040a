"""Supporting records in SPARQL, for both stores: a fact ``?s ?p ?o`` is supported
by an Evidence, DataRecord or Assertion node that names it (graph/placement.py
says where each triple is written)."""

from __future__ import annotations

from policykg.namespaces import PKG

SUPPORTING = (PKG.Evidence, PKG.DataRecord, PKG.Assertion)
_SUPPORTING_LIST = ", ".join(f"<{c}>" for c in SUPPORTING)
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


def record_pattern(record: str, s: str, p: str, o: str) -> str:
    """SPARQL: ``record`` is a supporting record of the fact ``s p o`` (inside a GRAPH)."""
    return (f"{record} <{_RDF}subject> {s} ; <{_RDF}predicate> {p} ; <{_RDF}object> {o} ; "
            f"<{_RDF}type> {record}_kind FILTER ({record}_kind IN ({_SUPPORTING_LIST}))")


# SPARQL: the default graph's share of named graph ?g (a description it holds, or a fact
# one of its supporting records names), bound as ?s ?p ?o.
SHARE_OF_GRAPH = ("{ GRAPH ?g { ?s ?p ?o FILTER NOT EXISTS { ?s <" + _RDF + "subject> ?any } } }\n"
                  "UNION { GRAPH ?g { " + record_pattern("?record", "?s", "?p", "?o") + " } }")
