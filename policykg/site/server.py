"""``policykg serve``: one HTTP server (the standard library's, a thread per request)
for the site and the SPARQL endpoint of a store, read-only.

Routes:

- ``/sparql``: the SPARQL 1.1 protocol (``sparql_endpoint.py``); ``/query`` answers it
  too when the client does not ask for HTML (the path Oxigraph's server used);
  ``/update`` refuses.
- ``/query``: the query page (``query_page.py``); ``/def``: the data model, as HTML
  or, asked for ``text/turtle``, the ontology (also ``/ontology.ttl``).
- ``/``, ``/?iri=``, ``/search?q=``, ``/id/...``, ``/doc/...``: the pages of
  ``pages.py``; a node in RDF where the request accepts ``text/turtle`` or
  ``application/ld+json`` (or says ``?format=turtle|json-ld``).

SPARQL runs in query workers (``workers.py``) that a query past the timeout costs
their life; pages run our own queries on the store opened read-only in this process.
A SIGTERM or Ctrl-C stops the server, kills the workers and waits for them, so
nothing keeps running.
"""

from __future__ import annotations

import signal
import socket
import sys
import urllib.parse
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import FrameType

from rdflib import URIRef

from policykg.errors import ServeError, StoreError
from policykg.graph.queries import NamedQuery, named_queries
from policykg.graph.store import Store

from . import pages, results
from .layout import esc, page
from .model_page import ontology_document, ontology_turtle
from .query_page import QueryForm, query_page_body
from .sparql_endpoint import (
    MAX_BODY,
    READ_ONLY,
    Answer,
    Limits,
    Refused,
    SparqlService,
    answer_protocol,
    error_answer,
    parse_request,
)
from .workers import WorkerPool

LOOPBACK = ("127.0.0.1", "::1", "localhost")
_NODE_RDF = {"text/turtle": "turtle", "application/ld+json": "json-ld"}


@dataclass
class Site:
    """What the request handlers share."""

    store: Store
    service: SparqlService
    queries: dict[str, NamedQuery]


class SiteServer(ThreadingHTTPServer):
    daemon_threads = True  # a request in flight does not hold up the stop
    block_on_close = False

    def __init__(self, address: tuple[str, int], site: Site):
        self.site = site
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, Handler)


class Handler(BaseHTTPRequestHandler):
    server: SiteServer
    server_version = "policykg"
    protocol_version = "HTTP/1.1"
    timeout = 60  # seconds a connection may stay silent

    def do_GET(self) -> None:
        self._answer("GET")

    def do_HEAD(self) -> None:
        self._answer("HEAD")

    def do_POST(self) -> None:
        self._answer("POST")

    def _answer(self, method: str) -> None:
        try:
            answer = self._route(method)
        except Refused as refused:
            answer = self._refusal(refused)
        except Exception as exc:  # the one place a request's failure becomes a 500
            self.log_error("failed: %s: %s", type(exc).__name__, exc)
            answer = Answer(500, "text/plain; charset=utf-8", f"the server failed: {exc}\n".encode())
        self._send(answer, with_body=method != "HEAD")

    def _refusal(self, refused: Refused) -> Answer:
        """A refusal: a page for a browser, one line of text for any other client."""
        if results.prefers_html(self._accept()):
            return _html(page("Refused", f"<h1>Refused</h1><p>{esc(refused.message)}</p>"), refused.status)
        return error_answer(refused)

    def _route(self, method: str) -> Answer:
        url = urllib.parse.urlsplit(self.path)
        path, fields = url.path, urllib.parse.parse_qs(url.query, keep_blank_values=True)
        site = self.server.site
        if path == "/update":
            raise Refused(403, READ_ONLY)
        if path == "/sparql" or (path == "/query" and self._protocol_at_query(method, fields)):
            request = parse_request(method, url.query, self.headers.get("Content-Type"), self._body(method))
            return answer_protocol(site.service, request, self._accept())
        if method == "POST":
            raise Refused(405, f"{path} takes GET; SPARQL queries go to /sparql")
        if path == "/query":
            return self._query_page(fields)
        if path in ("/def", "/ontology.ttl"):
            return self._model(path)
        if path == "/search":
            return _html(pages.search_page(site.store, _field(fields, "q")))
        if path == "/":
            iri = _field(fields, "iri").strip()
            return self._node(_iri(iri), fields) if iri else _html(pages.front_page(site.store))
        node = pages.iri_for_path(path)
        if node is not None:
            return self._node(node, fields)
        return _not_found(f"nothing at {path}")

    def _protocol_at_query(self, method: str, fields: dict[str, list[str]]) -> bool:
        """Whether a request to /query is a SPARQL client's (not the browser's form)."""
        if method == "POST":
            return True
        return "query" in fields and not results.prefers_html(self._accept())

    def _query_page(self, fields: dict[str, list[str]]) -> Answer:
        site = self.server.site
        form = QueryForm.read(fields, site.queries)
        answer, refused = None, None
        if form.run:
            try:
                answer = site.service.run(form.text, form.bindings())
            except Refused as why:
                refused = why
        body = query_page_body(form, site.queries, answer, refused.message if refused else None,
                               site.service.limits.max_rows)
        return _html(page("Query", body), refused.status if refused else 200)

    def _model(self, path: str) -> Answer:
        wanted = results.choose(self._accept(), {"text/turtle": "turtle", "text/html": "html"}, "html")
        if path == "/ontology.ttl" or wanted == "turtle":
            return Answer(200, "text/turtle; charset=utf-8", ontology_turtle())
        return _html(ontology_document())

    def _node(self, iri: URIRef, fields: dict[str, list[str]]) -> Answer:
        site = self.server.site
        asked = _field(fields, "format")
        fmt = asked if asked in pages.RDF_FORMATS else results.choose(
            self._accept(), {**_NODE_RDF, "text/html": "html"}, "html")
        if fmt == "html":
            found = pages.node_page(site.store, iri)
            return _html(found) if found is not None else _not_found(f"the store knows nothing of {iri}")
        data = pages.node_rdf(site.store, iri, fmt)
        if data is None:
            return _not_found(f"the store knows nothing of {iri}")
        return Answer(200, pages.RDF_FORMATS[fmt][1] + "; charset=utf-8", data, {"Vary": "Accept"})

    def _accept(self) -> str | None:
        return self.headers.get("Accept")

    def _body(self, method: str) -> bytes:
        if method != "POST":
            return b""
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            raise Refused(411, "a POST needs a Content-Length")
        if int(length) > MAX_BODY:
            raise Refused(413, f"the request body is larger than {MAX_BODY} bytes")
        return self.rfile.read(int(length))

    def _send(self, answer: Answer, with_body: bool) -> None:
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.content_type)
        self.send_header("Content-Length", str(len(answer.body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in answer.headers.items():
            self.send_header(name, value)
        if answer.status >= 400:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if with_body:
            self.wfile.write(answer.body)


def _iri(text: str) -> URIRef:
    iri = pages.iri_from_text(text)
    if iri is None:
        raise Refused(400, f"not an absolute IRI: {text[:200]!r}")
    return iri


def _field(fields: dict[str, list[str]], name: str) -> str:
    values = fields.get(name)
    return values[0] if values else ""


def _html(text: str, status: int = 200) -> Answer:
    return Answer(status, "text/html; charset=utf-8", text.encode("utf-8"), {"Vary": "Accept"})


def _not_found(message: str) -> Answer:
    return _html(page("Not found", f"<h1>Not found</h1><p>{esc(message)}.</p>"), 404)


class _Stopped(Exception):
    """SIGTERM arrived."""


def _stop(signum: int, frame: FrameType | None) -> None:
    raise _Stopped


def serve(store_dir: Path, host: str = "127.0.0.1", port: int = 7878, limits: Limits | None = None) -> int:
    """Serve ``store_dir`` until SIGTERM or Ctrl-C (then 0). Call from the main thread."""
    if not store_dir.is_dir():
        raise StoreError(f"no store at {store_dir}; run `policykg ingest` first", path=store_dir)
    limits = limits or Limits()
    previous = {s: signal.signal(s, _stop) for s in (signal.SIGTERM,)}
    pool = WorkerPool(store_dir)
    store: Store | None = None
    httpd: SiteServer | None = None
    try:
        store = Store.read_only(store_dir)  # first: it repairs a store left to repair
        pool.start()
        httpd = _listen(host, port, Site(store, SparqlService(pool, limits), named_queries()))
        _announce(store_dir, httpd, limits)
        httpd.serve_forever()
    except (KeyboardInterrupt, _Stopped):
        return 0
    finally:
        _shut_down(httpd, pool, store, previous)
    return 0


def _listen(host: str, port: int, site: Site) -> SiteServer:
    try:
        return SiteServer((host, port), site)
    except OSError as exc:
        raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc


def _announce(store_dir: Path, httpd: SiteServer, limits: Limits) -> None:
    host, port = str(httpd.server_address[0]), int(httpd.server_address[1])
    shown = f"[{host}]" if ":" in str(host) else host
    lines = [f"serving {store_dir} read-only at http://{shown}:{port}/ "
             f"(SPARQL: /sparql, query page: /query; timeout {limits.timeout:g} s, at most {limits.max_rows} rows"
             f"{', federation allowed' if limits.allow_federation else ''})"]
    if host not in LOOPBACK:
        lines.append(f"warning: {host} is not a loopback address: anyone who reaches it can query the store")
    print("\n".join(lines), file=sys.stderr, flush=True)


def _shut_down(httpd: SiteServer | None, pool: WorkerPool, store: Store | None, previous: dict) -> None:
    """Stop listening, kill the workers, close the store; a second signal meanwhile waits."""
    ignored = {s: signal.signal(s, signal.SIG_IGN) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        if httpd is not None:
            httpd.server_close()
        pool.close()
        if store is not None:
            store.close()
    finally:
        for number, handler in {**ignored, **previous}.items():
            signal.signal(number, handler)

