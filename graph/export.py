"""Export the graph as RDF, or the citation network for Gephi, Cytoscape,
pandas and R (GraphML, GEXF, nodes.csv + edges.csv)."""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter
from rdflib import Literal
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, SKOS
from rdflib.term import Node

from policykg.errors import OutputError
from policykg.namespaces import OEP, PKG
from policykg.text import spreadsheet_safe

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
    """nodes.csv and edges.csv in ``folder``, each cell ``spreadsheet_safe``."""
    if folder.exists() and not folder.is_dir():
        raise OutputError("is a file; --format csv writes nodes.csv and edges.csv into a folder", path=folder)
    _make_folder(folder)
    node_fields = ["id", "identifier", "label", "type", "date", "file", "ingested"]
    nodes = [{"id": node, **{k: attrs.get(k, "") for k in node_fields[1:]}}
             for node, attrs in sorted(net.nodes(data=True))]
    edge_fields = ["source", "target", "relation", "evidence", "quote"]
    edges = [{"source": s, "target": t, **{k: attrs[k] for k in edge_fields[2:]}}
             for s, t, attrs in sorted(net.edges(data=True), key=lambda e: (e[0], e[1], e[2]["relation"]))]
    _replace_file(folder / "nodes.csv", lambda out: _csv_rows(out, node_fields, nodes))
    _replace_file(folder / "edges.csv", lambda out: _csv_rows(out, edge_fields, edges))
    return [folder / "nodes.csv", folder / "edges.csv"]


def _csv_rows(out: BinaryIO, fields: list[str], rows: list[dict]) -> None:
    text = io.TextIOWrapper(out, encoding="utf-8", newline="")
    writer = csv.DictWriter(text, fields)
    writer.writeheader()
    writer.writerows({k: spreadsheet_safe(str(v)) for k, v in row.items()} for row in rows)
    text.flush()
    text.detach()


def write_network(net: nx.MultiDiGraph, fmt: str, target) -> None:
    """Write GraphML or GEXF to a path or a binary file object."""
    if fmt == "graphml":
        nx.write_graphml(net, target)
        return
    writer = GEXFWriter()
    writer.add_graph(net)
    _date_gexf(writer.xml, net)
    writer.write(target)


def _date_gexf(root, net: nx.MultiDiGraph) -> None:
    """GEXF's ``lastmodifieddate`` from the data (its newest node date), not from the clock,
    so the same graph gives the same file on any day."""
    meta = root.find("meta")
    if meta is None:
        return
    dates = [str(d) for _, d in net.nodes(data="date") if d]
    if dates:
        meta.set("lastmodifieddate", max(dates)[:10])
    else:
        meta.attrib.pop("lastmodifieddate", None)


def export_network(store: GraphStore, fmt: str, output: Path) -> list[Path]:
    """Write the citation network; ``csv`` writes nodes.csv and edges.csv into a folder."""
    return export_to(store, fmt, output)


def export_to(store: GraphStore, fmt: str, output: Path) -> list[Path]:
    """Write ``fmt`` (any of ``FORMATS``) to the file ``output``, replaced in one step
    when it exists (a reader never sees half of it; a failed write leaves the old
    one), or for ``csv`` nodes.csv and edges.csv into the folder ``output``. An
    ``OutputError`` names the path and the problem: a folder where a file is
    expected, a file where a folder is, a full disk, no permission."""
    try:
        if fmt == "csv":
            return _write_csv(citation_network(store), output)
        if fmt in RDF_FORMATS:
            _replace_file(output, lambda out: write_rdf(store, fmt, out))
        else:
            net = citation_network(store)
            _replace_file(output, lambda out: write_network(net, fmt, out))
        return [output]
    except OSError as exc:
        raise OutputError(f"cannot write: {_reason(exc)}", path=exc.filename or output) from exc


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError) as exc:
        raise OutputError("cannot create this folder: a file is in the way", path=folder) from exc


def _replace_file(path: Path, write: Callable[[BinaryIO], None]) -> None:
    """Write ``path`` through ``write``: into a temporary file beside it, then renamed
    over it. A device or pipe (``/dev/stdout``) is written directly."""
    if path.is_dir():
        raise OutputError("is a folder; give the name of a file to write", path=path)
    if path.exists() and not path.is_file():
        with path.open("wb") as out:
            write(out)
        return
    _make_folder(path.parent)
    fd, partial = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial")
    try:
        with os.fdopen(fd, "wb") as out:
            write(out)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(partial, _file_mode(path))
        os.replace(partial, path)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise


def _file_mode(path: Path) -> int:
    """The mode ``path`` has, or the one a new file gets under the umask."""
    if path.exists():
        return path.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _reason(exc: OSError) -> str:
    """The operating system's words for ``exc`` (``No space left on device``)."""
    return exc.strerror or str(exc)
