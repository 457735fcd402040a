"""Export the graph as RDF, or the citation network for Gephi, Cytoscape,
pandas and R (GraphML, GEXF, nodes.csv + edges.csv)."""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx
from rdflib import Literal
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, SKOS
from rdflib.term import Node

from policykg.namespaces import OEP, PKG

from .backend import RDF_FORMATS, GraphStore, Output

NETWORK_FORMATS = ("graphml", "gexf", "csv")
FORMATS = tuple(RDF_FORMATS) + NETWORK_FORMATS

# Evidence is read in one pass over the evidence records of these relations and
# joined to the edges; node attributes are looked up per node (LATERAL, see
# queries/trace-edges.rq). MIN, not SAMPLE, and of the text (STR) where Virtuoso
# orders stored terms otherwise, so that every store picks the same value.
_NETWORK_QUERY = """
PREFIX pkg: <https://w3id.org/policykg/def#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT ?s ?p ?o (COUNT(DISTINCT ?ev) AS ?evidence) (MIN(STR(?q)) AS ?quote) WHERE {
  { VALUES ?p { pkg:cites pkg:ledTo pkg:usesInstrument pkg:submittedBy pkg:responsibleFor } ?s ?p ?o }
  OPTIONAL { SELECT ?s ?p ?o ?ev ?q WHERE {
    VALUES ?p { pkg:cites pkg:ledTo pkg:usesInstrument pkg:submittedBy pkg:responsibleFor }
    ?ev rdf:predicate ?p ; rdf:subject ?s ; rdf:object ?o ; pkg:quote ?q } }
}
GROUP BY ?s ?p ?o ORDER BY ?s ?p ?o
"""
_NODE_QUERY = """
PREFIX pkg: <https://w3id.org/policykg/def#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?n (MIN(STR(?i)) AS ?identifier) (MIN(STR(?l)) AS ?label) (IRI(MIN(STR(?t))) AS ?type) (MIN(?d) AS ?date)
       (MIN(STR(?f)) AS ?file) WHERE {
  # no DISTINCT sub-select of the nodes first: Virtuoso 7.2 then mixes up the rows of
  # different nodes (MIN is the same over repeated rows)
  { ?n pkg:cites|pkg:ledTo|pkg:usesInstrument|pkg:submittedBy|pkg:responsibleFor ?x }
  UNION { ?x pkg:cites|pkg:ledTo|pkg:usesInstrument|pkg:submittedBy|pkg:responsibleFor ?n }
  LATERAL { OPTIONAL { ?n pkg:identifier ?i } }
  LATERAL { OPTIONAL { ?n skos:prefLabel|rdfs:label|dcterms:title ?l FILTER (lang(?l) IN ("nl", "")) } }
  LATERAL { OPTIONAL { ?n a ?t FILTER (STRSTARTS(STR(?t), STR(pkg:)) && ?t != pkg:ParliamentaryPaper) } }
  LATERAL { OPTIONAL { ?n pkg:date ?d } }
  LATERAL { OPTIONAL { ?n pkg:sourceFile ?f } }
}
GROUP BY ?n ORDER BY ?n
"""


PREFIXES = {"pkg": str(PKG._NS), "oep": str(OEP), "dcterms": str(DCTERMS),
            "skos": str(SKOS), "foaf": str(FOAF), "prov": str(PROV), "org": str(ORG),
            "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
            "xsd": "http://www.w3.org/2001/XMLSchema#"}


def write_rdf(store: GraphStore, fmt: str, output: Output) -> None:
    """Serialise everything to ``output`` (a path or binary file) with our prefixes:
    dataset formats keep the named graphs, others merge them."""
    store.write_rdf(fmt, output, PREFIXES)


def citation_network(store: GraphStore) -> nx.MultiDiGraph:
    """Documents, motions, measures, instruments and people with the relations
    between them; edges carry the relation, the evidence count and a quote."""
    net = nx.MultiDiGraph()
    for row in store.query(_NODE_QUERY).dicts():
        iri = str(row["n"])
        net.add_node(iri, **{k: str(v) for k, v in row.items() if k != "n" and v is not None},
                     ingested=row["file"] is not None)
        net.nodes[iri]["type"] = net.nodes[iri].get("type", "").rsplit("#", 1)[-1]
        net.nodes[iri].setdefault("label", net.nodes[iri].get("identifier", iri))
    for row in store.query(_NETWORK_QUERY).dicts():
        relation = str(row["p"]).rsplit("#", 1)[-1]
        net.add_edge(str(row["s"]), str(row["o"]), key=relation, relation=relation,
                     evidence=_count(row["evidence"]), quote=" ".join(str(row["quote"] or "").split()))
    return net


def _count(value: Node | None) -> int:
    """A number the query always binds (a COUNT)."""
    if not isinstance(value, Literal):
        raise TypeError(f"expected a count, got {value!r}")
    return int(value)


def _write_csv(net: nx.MultiDiGraph, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    node_fields = ["id", "identifier", "label", "type", "date", "file", "ingested"]
    with (folder / "nodes.csv").open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, node_fields)
        writer.writeheader()
        for node, attrs in sorted(net.nodes(data=True)):
            writer.writerow({"id": node, **{k: attrs.get(k, "") for k in node_fields[1:]}})
    with (folder / "edges.csv").open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, ["source", "target", "relation", "evidence", "quote"])
        writer.writeheader()
        for s, t, attrs in sorted(net.edges(data=True), key=lambda e: (e[0], e[1], e[2]["relation"])):
            writer.writerow({"source": s, "target": t, **{k: attrs[k] for k in ("relation", "evidence", "quote")}})
    return [folder / "nodes.csv", folder / "edges.csv"]


def write_network(net: nx.MultiDiGraph, fmt: str, target) -> None:
    """Write GraphML or GEXF to a path or a binary file object."""
    (nx.write_graphml if fmt == "graphml" else nx.write_gexf)(net, target)


def export_network(store: GraphStore, fmt: str, output: Path) -> list[Path]:
    """Write the citation network; ``csv`` writes nodes.csv and edges.csv into a folder."""
    net = citation_network(store)
    if fmt == "csv":
        return _write_csv(net, output)
    output.parent.mkdir(parents=True, exist_ok=True)
    write_network(net, fmt, output)
    return [output]
