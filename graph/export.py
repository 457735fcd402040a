"""Export the graph as RDF, or its network for Gephi, Cytoscape, D3, pandas and R
(GraphML, GEXF, JSON node-link, nodes.csv + edges.csv; see ``network``)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import networkx as nx
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, SKOS

from policykg.errors import OutputError
from policykg.namespaces import OEP, PKG

from .backend import RDF_FORMATS, GraphStore, Output
from .network import Cut, Network
from .network_formats import WRITERS, write_edges_csv, write_nodes_csv

NETWORK_FORMATS = ("graphml", "gexf", "json", "csv")
FORMATS = tuple(RDF_FORMATS) + NETWORK_FORMATS

PREFIXES = {"pkg": str(PKG._NS), "oep": str(OEP), "dcterms": str(DCTERMS),
            "skos": str(SKOS), "foaf": str(FOAF), "prov": str(PROV), "org": str(ORG),
            "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
            "xsd": "http://www.w3.org/2001/XMLSchema#"}


def write_rdf(store: GraphStore, fmt: str, output: Output) -> None:
    """Serialise everything to ``output`` (a path or binary file) with our prefixes:
    dataset formats keep the named graphs, others merge them."""
    store.write_rdf(fmt, output, PREFIXES)


def citation_network(store: GraphStore, cut: Cut | None = None) -> nx.MultiDiGraph:
    """The network (``network.Network``) as a networkx graph, for a notebook; the
    exports stream it instead."""
    net = Network(store, cut)
    graph = nx.MultiDiGraph()
    for node in net.nodes():
        graph.add_node(node.id, **node.attrs)
    for edge in net.edges():
        graph.add_edge(edge.source, edge.target, key=edge.id, **edge.attrs)
    return graph


def _write_csv(net: Network, folder: Path) -> list[Path]:
    """nodes.csv and edges.csv in ``folder``, each cell ``spreadsheet_safe``."""
    if folder.exists() and not folder.is_dir():
        raise OutputError("is a file; --format csv writes nodes.csv and edges.csv into a folder", path=folder)
    _make_folder(folder)
    _replace_file(folder / "nodes.csv", lambda out: write_nodes_csv(net.nodes(), out))
    _replace_file(folder / "edges.csv", lambda out: write_edges_csv(net.edges(), out))
    return [folder / "nodes.csv", folder / "edges.csv"]


def write_network(store: GraphStore, fmt: str, out: BinaryIO, cut: Cut | None = None) -> None:
    """Write the network as GraphML, GEXF or JSON node-link to a binary file, a row at a time."""
    net = Network(store, cut)
    net.ball()  # an unknown --around fails before anything is written
    WRITERS[fmt](net, out)


def export_network(store: GraphStore, fmt: str, output: Path, cut: Cut | None = None) -> list[Path]:
    """Write the network; ``csv`` writes nodes.csv and edges.csv into a folder."""
    return export_to(store, fmt, output, cut)


def export_to(store: GraphStore, fmt: str, output: Path, cut: Cut | None = None) -> list[Path]:
    """Write ``fmt`` (any of ``FORMATS``) to the file ``output``, replaced in one step
    when it exists (a reader never sees half of it; a failed write leaves the old
    one), or for ``csv`` nodes.csv and edges.csv into the folder ``output``. An
    ``OutputError`` names the path and the problem: a folder where a file is
    expected, a file where a folder is, a full disk, no permission."""
    try:
        if fmt == "csv":
            return _write_csv(Network(store, cut), output)
        if fmt in RDF_FORMATS:
            _replace_file(output, lambda out: write_rdf(store, fmt, out))
        else:
            net = Network(store, cut)
            net.ball()  # an unknown --around fails before any file is touched
            _replace_file(output, lambda out: WRITERS[fmt](net, out))
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
