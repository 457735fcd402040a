"""The SPARQL 1.1 protocol of ``policykg serve`` (``/sparql``): a query from GET
``?query=``, a POSTed form or an ``application/sparql-query`` body, run read-only by a
query worker within the server's limits, answered in the format the Accept header asks.

Refused with a clear message: updates (403), ``SERVICE`` unless the server allows
federation (403), a query running past the timeout (503), an answer larger than the
row limit (413). The prefixes of ``PREFIXES`` are known without a PREFIX line.
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass, field
from typing import Any

from policykg.graph.export import PREFIXES as EXPORT_PREFIXES
from policykg.graph.lookup import PREFIXES as OUR_PREFIXES

from . import results
from .query_checks import is_update, uses_service
from .workers import QueryTimeout, WorkerFailed, WorkerPool

PREFIXES = {**EXPORT_PREFIXES, **OUR_PREFIXES}
MAX_BODY = 1 << 20  # bytes of a POSTed query
READ_ONLY = "this endpoint is read-only: SPARQL updates are refused"


@dataclass(frozen=True)
class Limits:
    """What one query may take: seconds, rows (or triples), and whether SERVICE may fetch URLs."""

    timeout: float = 30.0
    max_rows: int = 10_000
    allow_federation: bool = False


class Refused(Exception):
    """A request answered with an error: HTTP ``status`` and a message for the user."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


@dataclass
class Answer:
    """An HTTP answer."""

    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


class SparqlService:
    """Runs queries on the worker pool, within ``limits``."""

    def __init__(self, pool: WorkerPool, limits: Limits):
        self.pool, self.limits = pool, limits

    def run(self, query: str, bindings: dict[str, dict] | None = None, rdf_format: str = results.TURTLE,
            default_graphs: list[str] | None = None, named_graphs: list[str] | None = None) -> dict[str, Any]:
        """The worker's answer to ``query`` (``bindings``: SPARQL JSON cells); Refused otherwise."""
        check(query, self.limits)
        request = {"query": query, "bindings": bindings or {}, "prefixes": PREFIXES,
                   "max_rows": self.limits.max_rows, "rdf_format": rdf_format,
                   "default_graphs": default_graphs or [], "named_graphs": named_graphs or []}
        try:
            answer = self.pool.run(request, self.limits.timeout)
        except QueryTimeout as timeout:
            if timeout.busy:
                raise Refused(503, f"no query worker became free within {self.limits.timeout:g} s: the server "
                                   "is busy; try again") from None
            raise Refused(503, f"the query ran longer than {self.limits.timeout:g} s, this server's limit "
                               "(policykg serve --timeout); narrow the query or add a LIMIT") from None
        except WorkerFailed as exc:
            raise Refused(500, f"the query could not run: {exc}") from None
        if "error" in answer:
            status = {"syntax": 400, "failed": 400, "too-many-rows": 413}.get(answer["error"], 500)
            raise Refused(status, answer["message"])
        return answer


def check(query: str, limits: Limits) -> None:
    """Refuse what this server never runs: updates, and SERVICE unless federation is allowed."""
    if is_update(query):
        raise Refused(403, READ_ONLY)
    if uses_service(query) and not limits.allow_federation:
        raise Refused(403, "SERVICE is refused: this server does not fetch other endpoints "
                           "(start it with --allow-federation to allow it)")


@dataclass(frozen=True)
class ProtocolRequest:
    """What a SPARQL protocol request asks."""

    query: str
    default_graphs: list[str]
    named_graphs: list[str]


def parse_request(method: str, query_string: str, content_type: str | None, body: bytes) -> ProtocolRequest:
    """The query and dataset of a GET or POST request; Refused when there is none or
    the request is an update."""
    params = urllib.parse.parse_qs(query_string, keep_blank_values=True)
    media = (content_type or "").split(";")[0].strip().lower()
    if method == "POST" and media == "application/sparql-update":
        raise Refused(403, READ_ONLY)
    if method == "POST" and media == "application/sparql-query":
        params.setdefault("query", []).append(_text(body))
    elif method == "POST" and media == "application/x-www-form-urlencoded":
        for name, values in urllib.parse.parse_qs(_text(body), keep_blank_values=True).items():
            params.setdefault(name, []).extend(values)
    elif method == "POST":
        raise Refused(415, "POST a query as application/sparql-query or as a form "
                           "(application/x-www-form-urlencoded) with query=...")
    if "update" in params:
        raise Refused(403, READ_ONLY)
    queries = params.get("query", [])
    if len(queries) != 1 or not queries[0].strip():
        raise Refused(400, "give one SPARQL query: ?query=... (GET), or POST it as a form or "
                           "as application/sparql-query")
    return ProtocolRequest(queries[0], params.get("default-graph-uri", []), params.get("named-graph-uri", []))


def _text(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise Refused(400, "the request body is not UTF-8") from None


def answer_protocol(service: SparqlService, request: ProtocolRequest, accept: str | None) -> Answer:
    """The protocol answer: results or RDF in the format ``accept`` asks, or the error."""
    rdf_format = results.choose(accept, results.GRAPH_TYPES, results.TURTLE)
    try:
        found = service.run(request.query, rdf_format=rdf_format, default_graphs=request.default_graphs,
                            named_graphs=request.named_graphs)
    except Refused as refused:
        return error_answer(refused)
    if "graph" in found:
        return Answer(200, rdf_format + "; charset=utf-8", found["graph"].encode("utf-8"))
    content_type, body = results.serialize(found, results.choose(accept, results.RESULT_TYPES, results.JSON))
    return Answer(200, content_type, body)


def error_answer(refused: Refused) -> Answer:
    """A refusal as plain text, one line."""
    return Answer(refused.status, "text/plain; charset=utf-8", (refused.message + "\n").encode("utf-8"))
