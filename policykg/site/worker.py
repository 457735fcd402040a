"""A query worker of ``policykg serve``: a child process that opens the store read-only
and answers one query at a time, so the server can stop a query that runs too long by
killing its worker (Oxigraph's Python binding has no query timeout).

Run as ``python -m policykg.site.worker STORE_DIR PARENT_PID``. It dies with the server:
Linux's parent-death signal (prctl) kills it when the server thread that started it
ends, it leaves when its standard input closes, and the server kills it on shutdown.
Messages both ways are frames: 4 bytes big-endian length, then UTF-8 JSON.

Request: ``{"query", "bindings": {name: cell}, "prefixes", "max_rows", "rdf_format",
"default_graphs", "named_graphs"}``. Answer: ``{"select": {"vars", "rows"}}`` (each
row a list of SPARQL JSON cells or null), ``{"ask": bool}``, ``{"graph": text,
"triples": n}``, or ``{"error": kind, "message": text}`` with kind ``syntax``,
``too-many-rows``, ``failed`` (evaluation) or ``io`` (reading the store or a SERVICE
endpoint). A cell is a term as SPARQL 1.1 Query Results JSON writes it
(``{"type": "uri", "value": ...}``).

This module imports only the standard library and pyoxigraph, so a worker starts fast.
"""

from __future__ import annotations

import ctypes
import json
import os
import signal
import struct
import sys
from typing import IO, Any

import pyoxigraph as ox

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_PR_SET_PDEATHSIG = 1
RDF_FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE, "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML, "application/ld+json": ox.RdfFormat.JSON_LD,
}


def read_frame(stream: IO[bytes]) -> Any | None:
    """The next message, or None at the end of the stream."""
    header = stream.read(4)
    if len(header) < 4:
        return None
    (size,) = struct.unpack(">I", header)
    data = stream.read(size)
    if len(data) < size:
        return None
    return json.loads(data.decode("utf-8"))


def write_frame(stream: IO[bytes], message: Any) -> None:
    data = json.dumps(message, ensure_ascii=False).encode("utf-8")
    stream.write(struct.pack(">I", len(data)) + data)
    stream.flush()


def cell(term: Any) -> dict[str, Any]:
    """An Oxigraph term as a SPARQL JSON results cell."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        found: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            found["xml:lang"] = term.language
        elif term.datatype.value != _XSD_STRING:
            found["datatype"] = term.datatype.value
        return found
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": cell(term.subject), "predicate": cell(term.predicate),
                                            "object": cell(term.object)}}
    raise TypeError(f"unsupported term {term!r}")


def term(value: dict[str, Any]) -> Any:
    """A SPARQL JSON results cell as an Oxigraph term (for a bound parameter)."""
    if value["type"] == "uri":
        return ox.NamedNode(value["value"])
    if value["type"] == "bnode":
        return ox.BlankNode(value["value"])
    if "xml:lang" in value:
        return ox.Literal(value["value"], language=value["xml:lang"])
    if value.get("datatype"):
        return ox.Literal(value["value"], datatype=ox.NamedNode(value["datatype"]))
    return ox.Literal(value["value"])


def answer(store: ox.Store, request: dict[str, Any]) -> dict[str, Any]:
    """Run one request; every failure becomes an error answer."""
    try:
        result = store.query(
            request["query"], prefixes=request.get("prefixes") or None,
            substitutions={ox.Variable(k): term(v) for k, v in request.get("bindings", {}).items()} or None,
            default_graph=[ox.NamedNode(g) for g in request.get("default_graphs", [])] or None,
            named_graphs=[ox.NamedNode(g) for g in request.get("named_graphs", [])] or None)
        return _collect(result, request)
    except SyntaxError as exc:
        return {"error": "syntax", "message": str(exc)}
    except OSError as exc:  # reading the store, or a SERVICE endpoint
        return {"error": "io", "message": f"the query failed: {exc}"}
    except (RuntimeError, ValueError, TypeError) as exc:
        return {"error": "failed", "message": f"the query failed: {exc}"}


def _collect(result: Any, request: dict[str, Any]) -> dict[str, Any]:
    limit = int(request["max_rows"])
    if isinstance(result, ox.QueryBoolean):
        return {"ask": bool(result)}
    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        rows: list[list[dict[str, Any] | None]] = []
        for solution in result:
            if len(rows) == limit:
                return _too_many(limit, "rows")
            rows.append([None if solution[v] is None else cell(solution[v]) for v in names])
        return {"select": {"vars": names, "rows": rows}}
    triples: list[ox.Triple] = []
    for triple in result:
        if len(triples) == limit:
            return _too_many(limit, "triples")
        triples.append(triple)
    fmt = RDF_FORMATS.get(request.get("rdf_format", ""), ox.RdfFormat.TURTLE)
    data = ox.serialize(triples, format=fmt, prefixes=request.get("prefixes") or None)
    return {"graph": (data or b"").decode("utf-8"), "triples": len(triples)}


def _too_many(limit: int, what: str) -> dict[str, Any]:
    return {"error": "too-many-rows",
            "message": f"the answer has more than {limit} {what}, this server's limit (policykg serve "
                       f"--max-rows); add LIMIT {limit} or less, or narrow the query"}


def die_with_parent(parent: int) -> None:
    """Ask Linux to kill this process when its parent goes; leave now if it went already."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass  # not Linux: the server's explicit kill and the closed pipe remain
    if os.getppid() != parent:
        sys.exit(0)


def main(argv: list[str]) -> int:
    store_dir, parent = argv[0], int(argv[1])
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the server, which stops us
    die_with_parent(parent)
    requests, answers = sys.stdin.buffer, sys.stdout.buffer
    try:
        store = ox.Store.read_only(store_dir)
    except (OSError, RuntimeError) as exc:
        write_frame(answers, {"error": "failed", "message": f"cannot open the store at {store_dir}: {exc}"})
        return 1
    write_frame(answers, {"ready": True})
    while (request := read_frame(requests)) is not None:
        write_frame(answers, answer(store, request))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
