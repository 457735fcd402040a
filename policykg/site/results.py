"""Query answers as the SPARQL 1.1 result formats (JSON, XML, CSV, TSV) and the choice
among them by the request's Accept header.

An answer is what a query worker returns (``worker.py``): ``{"select": {"vars",
"rows"}}`` with SPARQL JSON cells, ``{"ask": bool}``, or ``{"graph": text}``
already written in the RDF syntax asked for.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any
from xml.sax.saxutils import escape, quoteattr

JSON, XML = "application/sparql-results+json", "application/sparql-results+xml"
CSV, TSV = "text/csv", "text/tab-separated-values"
TURTLE = "text/turtle"
# Accepted media type -> the format answered (aliases clients send).
RESULT_TYPES = {JSON: JSON, "application/json": JSON, XML: XML, "application/xml": XML, "text/xml": XML,
                CSV: CSV, TSV: TSV}
GRAPH_TYPES = {TURTLE: TURTLE, "application/x-turtle": TURTLE, "application/n-triples": "application/n-triples",
               "text/plain": "application/n-triples", "application/rdf+xml": "application/rdf+xml",
               "application/ld+json": "application/ld+json"}


def accepted(accept: str | None) -> list[str]:
    """The media types of an Accept header, most wanted first (q=0 left out)."""
    ranked = []
    for position, part in enumerate((accept or "").split(",")):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        quality = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality > 0:
            ranked.append((-quality, position, fields[0].lower()))
    return [media for _, _, media in sorted(ranked)]


def choose(accept: str | None, types: dict[str, str], default: str) -> str:
    """The first wanted type among ``types`` (mapped), else ``default``."""
    return next((types[t] for t in accepted(accept) if t in types), default)


def prefers_html(accept: str | None) -> bool:
    """Whether a browser asks: text/html comes before every SPARQL result type."""
    for media in accepted(accept):
        if media in ("text/html", "application/xhtml+xml"):
            return True
        if media in RESULT_TYPES or media in GRAPH_TYPES:
            return False
    return False


def serialize(answer: dict[str, Any], media: str) -> tuple[str, bytes]:
    """(content type, body) of a SELECT or ASK answer in ``media`` (a RESULT_TYPES value);
    an ASK asked for as CSV or TSV, which have no boolean form, is answered in JSON."""
    if "ask" in answer and media in (CSV, TSV):
        media = JSON
    writer: Callable[[dict[str, Any]], str] = {JSON: to_json, XML: to_xml, CSV: to_csv, TSV: to_tsv}[media]
    charset = "; charset=utf-8"
    return media + charset, writer(answer).encode("utf-8")


def to_json(answer: dict[str, Any]) -> str:
    if "ask" in answer:
        return json.dumps({"head": {}, "boolean": answer["ask"]})
    select = answer["select"]
    bindings = [{v: c for v, c in zip(select["vars"], row, strict=True) if c is not None} for row in select["rows"]]
    return json.dumps({"head": {"vars": select["vars"]}, "results": {"bindings": bindings}}, ensure_ascii=False)


def to_xml(answer: dict[str, Any]) -> str:
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    if "ask" in answer:
        out.append(f"<head/><boolean>{'true' if answer['ask'] else 'false'}</boolean></sparql>\n")
        return "".join(out)
    select = answer["select"]
    out.append("<head>" + "".join(f"<variable name={quoteattr(v)}/>" for v in select["vars"]) + "</head><results>")
    for row in select["rows"]:
        out.append("<result>")
        out.extend(f"<binding name={quoteattr(v)}>{_xml_term(c)}</binding>"
                   for v, c in zip(select["vars"], row, strict=True) if c is not None)
        out.append("</result>")
    out.append("</results></sparql>\n")
    return "".join(out)


def _xml_term(cell: dict[str, Any]) -> str:
    kind, value = cell["type"], cell["value"]
    if kind == "uri":
        return f"<uri>{escape(value)}</uri>"
    if kind == "bnode":
        return f"<bnode>{escape(value)}</bnode>"
    if kind == "triple":
        parts = "".join(f"<{k}>{_xml_term(value[k])}</{k}>" for k in ("subject", "predicate", "object"))
        return f"<triple>{parts}</triple>"
    if "xml:lang" in cell:
        return f"<literal xml:lang={quoteattr(cell['xml:lang'])}>{escape(value)}</literal>"
    if "datatype" in cell:
        return f"<literal datatype={quoteattr(cell['datatype'])}>{escape(value)}</literal>"
    return f"<literal>{escape(value)}</literal>"


def to_csv(answer: dict[str, Any]) -> str:
    """SPARQL 1.1 CSV: plain values (IRIs, lexical forms, ``_:label``), CRLF lines."""
    select = answer["select"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(select["vars"])
    for row in select["rows"]:
        writer.writerow(["" if c is None else _csv_value(c) for c in row])
    return out.getvalue()


def _csv_value(cell: dict[str, Any]) -> str:
    if cell["type"] == "bnode":
        return "_:" + cell["value"]
    if cell["type"] == "triple":
        return ntriples(cell)
    return cell["value"]


def to_tsv(answer: dict[str, Any]) -> str:
    """SPARQL 1.1 TSV: ``?var`` headers, terms in N-Triples syntax."""
    select = answer["select"]
    lines = ["\t".join("?" + v for v in select["vars"])]
    lines.extend("\t".join("" if c is None else ntriples(c) for c in row) for row in select["rows"])
    return "\n".join(lines) + "\n"


_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def ntriples(cell: dict[str, Any]) -> str:
    """A cell as an N-Triples term."""
    kind, value = cell["type"], cell["value"]
    if kind == "uri":
        return f"<{value}>"
    if kind == "bnode":
        return f"_:{value}"
    if kind == "triple":
        return "<< " + " ".join(ntriples(value[k]) for k in ("subject", "predicate", "object")) + " >>"
    text = '"' + value.translate(_ESCAPES) + '"'
    if "xml:lang" in cell:
        return f"{text}@{cell['xml:lang']}"
    if "datatype" in cell:
        return f"{text}^^<{cell['datatype']}>"
    return text
