"""The network written as it is read, a node or an edge at a time: GraphML and GEXF
(Gephi, Cytoscape; both load in networkx), a JSON node-link document (D3,
networkx's ``node_link_graph``; Cytoscape.js after renaming ``links`` to edges)
and CSV rows (pandas, R), each cell spreadsheet-safe. Memory stays what one row
needs, whatever the size of the network."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from typing import BinaryIO
from xml.sax.saxutils import escape, quoteattr

from policykg.text import spreadsheet_safe

from .network import EDGE_ATTRS, EDGE_FIELDS, NODE_ATTRS, NODE_FIELDS, NetEdge, NetNode, Network

STREAM_FORMATS = ("graphml", "gexf", "json")
# Characters XML 1.0 does not allow, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Attributes and their types; what is not named here is a string.
_INTEGERS = frozenset({"evidence", "line"})
_BOOLEANS = frozenset({"ingested"})


def _xml_text(value: object) -> str:
    return _NOT_XML.sub("", str(value).lower() if isinstance(value, bool) else str(value))


def _attr(value: object) -> str:
    return quoteattr(_xml_text(value))


def _present(value: object) -> bool:
    """Whether an attribute has a value to write (an empty string or line has none)."""
    return isinstance(value, bool) or value != ""


class _Text:
    """UTF-8 text to a binary stream, which stays open whatever happens (standard output)."""

    def __init__(self, out: BinaryIO):
        self.out = io.TextIOWrapper(out, encoding="utf-8", newline="\n", write_through=False)

    def __call__(self, text: str) -> None:
        self.out.write(text)

    def __enter__(self) -> _Text:
        return self

    def __exit__(self, *exc: object) -> None:
        self.out.flush()
        self.out.detach()


# -- GraphML ------------------------------------------------------------------------------------

def _graphml_type(name: str) -> str:
    return "int" if name in _INTEGERS else "boolean" if name in _BOOLEANS else "string"


def write_graphml(net: Network, out: BinaryIO) -> None:
    with _Text(out) as w:
        w("<?xml version='1.0' encoding='utf-8'?>\n"
          '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
          'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
          'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
          'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')
        for kind, names in (("node", NODE_ATTRS), ("edge", EDGE_ATTRS)):
            for name in names:
                kind_type = _graphml_type(name)
                w(f'  <key id="{kind[0]}_{name}" for="{kind}" attr.name="{name}" attr.type="{kind_type}" />\n')
        w('  <graph edgedefault="directed">\n')
        for node in net.nodes():
            w(f"    <node id={_attr(node.id)}>\n{_graphml_data('n', node.attrs)}    </node>\n")
        for edge in net.edges():
            w(f"    <edge id={_attr(edge.id)} source={_attr(edge.source)} target={_attr(edge.target)}>\n"
              f"{_graphml_data('e', edge.attrs)}    </edge>\n")
        w("  </graph>\n</graphml>\n")


def _graphml_data(prefix: str, attrs: dict) -> str:
    return "".join(f'      <data key="{prefix}_{k}">{escape(_xml_text(v))}</data>\n'
                   for k, v in attrs.items() if _present(v))


# -- GEXF ---------------------------------------------------------------------------------------

def _gexf_type(name: str) -> str:
    return "integer" if name in _INTEGERS else "boolean" if name in _BOOLEANS else "string"


# GEXF gives a node its label as an XML attribute; the other attributes are declared.
_GEXFNODE_ATTRS = tuple(n for n in NODE_ATTRS if n != "label")


def write_gexf(net: Network, out: BinaryIO) -> None:
    """GEXF 1.2; ``lastmodifieddate`` is the newest node date (from the data, not the
    clock, so the same graph gives the same file on any day)."""
    with _Text(out) as w:
        newest = net.newest_date()
        dated = f" lastmodifieddate={_attr(newest)}" if newest else ""
        w("<?xml version='1.0' encoding='utf-8'?>\n"
          '<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
          'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">\n'
          f"  <meta{dated}>\n    <creator>policykg</creator>\n  </meta>\n"
          '  <graph defaultedgetype="directed" mode="static" name="">\n')
        for kind, names in (("node", _GEXFNODE_ATTRS), ("edge", EDGE_ATTRS)):
            w(f'    <attributes mode="static" class="{kind}">\n')
            for name in names:
                w(f'      <attribute id="{kind[0]}_{name}" title="{name}" type="{_gexf_type(name)}" />\n')
            w("    </attributes>\n")
        w("    <nodes>\n")
        for node in net.nodes():
            attrs = {k: v for k, v in node.attrs.items() if k != "label"}
            w(f"      <node id={_attr(node.id)} label={_attr(node.attrs['label'])}>\n{_gexf_values('n', attrs)}"
              "      </node>\n")
        w("    </nodes>\n    <edges>\n")
        for edge in net.edges():
            w(f"      <edge source={_attr(edge.source)} target={_attr(edge.target)} id={_attr(edge.id)} "
              f"label={_attr(edge.attrs['relation'])}>\n{_gexf_values('e', edge.attrs)}      </edge>\n")
        w("    </edges>\n  </graph>\n</gexf>\n")


def _gexf_values(prefix: str, attrs: dict) -> str:
    values = "".join(f'          <attvalue for="{prefix}_{k}" value={_attr(v)} />\n'
                     for k, v in attrs.items() if _present(v))
    return f"        <attvalues>\n{values}        </attvalues>\n" if values else ""


# -- JSON node-link -----------------------------------------------------------------------------

def write_json(net: Network, out: BinaryIO) -> None:
    """``{"directed": true, "multigraph": true, "graph": {}, "nodes": [...], "links": [...]}``:
    each node ``{"id": ..., attributes}``, each link ``{"source", "target", "key", attributes}``."""
    with _Text(out) as w:
        w('{"directed": true, "multigraph": true, "graph": {},\n "nodes": [')
        _json_items(w, ({"id": n.id, **n.attrs} for n in net.nodes()))
        w('],\n "links": [')
        _json_items(w, ({"source": e.source, "target": e.target, "key": e.id, "id": e.id, **e.attrs}
                        for e in net.edges()))
        w("]}\n")


def _json_items(w: _Text, items: Iterable[dict]) -> None:
    for i, item in enumerate(items):
        w(("," if i else "") + "\n  " + json.dumps(item, ensure_ascii=False, sort_keys=False))
    w("\n ")


# -- CSV ----------------------------------------------------------------------------------------

def write_nodes_csv(nodes: Iterable[NetNode], out: BinaryIO) -> None:
    _csv(out, NODE_FIELDS, ({"id": n.id, **n.attrs} for n in nodes))


def write_edges_csv(edges: Iterable[NetEdge], out: BinaryIO) -> None:
    _csv(out, EDGE_FIELDS, ({"id": e.id, "source": e.source, "target": e.target, **e.attrs} for e in edges))


def _csv(out: BinaryIO, fields: tuple[str, ...], rows: Iterable[dict]) -> None:
    text = io.TextIOWrapper(out, encoding="utf-8", newline="")
    writer = csv.DictWriter(text, fields)
    writer.writeheader()
    for row in rows:
        writer.writerow({k: spreadsheet_safe(str(v)) for k, v in row.items()})
    text.flush()
    text.detach()


WRITERS = {"graphml": write_graphml, "gexf": write_gexf, "json": write_json}
