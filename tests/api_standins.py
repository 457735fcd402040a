"""Local stand-ins on 127.0.0.1 for the two public APIs `policykg fetch dossier` reads.

``SearchStandIn``: officielebekendmakingen's SRU 2.0 search API (``/sru``) answering in
its ``searchRetrieveResponse`` shape with ``gzd`` records and paging
(``startRecord``/``maximumRecords``/``nextRecordPosition``), and the repository's files
(``/frbr/...``) the records point to. ``OpenDataStandIn``: Tweede Kamer Open Data
(OData v4): ``Zaak`` and ``Toezegging`` in pages with ``@odata.nextLink``, and
``Document(<Id>)/resource``. Where each shape comes from: tests/fixtures/dossier/README.md.

Both serve scripted faults per path (``faults``: a list of ``Fault`` taken one per
request, then the real answer) and log every request, so a test can count downloads.
"""

from __future__ import annotations

import json
import re
import threading
import urllib.parse
from collections import Counter
from dataclasses import dataclass
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SRU_PAGE = 3
ODATA_PAGE = 2


@dataclass
class Fault:
    """One scripted answer instead of the real one: a status (503, 429, 404, ...) with
    headers, or ``truncate``: the real answer cut to half its Content-Length; status 0
    is the real answer (to script a fault for a later request)."""

    status: int = 503
    headers: tuple[tuple[str, str], ...] = ()
    truncate: bool = False


class Gate:
    """Shared by stand-ins: the ``after``-th request (over all of them) is held until
    ``release()``; ``reached`` is set when it arrives, so a test can kill the client then."""

    def __init__(self, after: int):
        self.after, self.count, self.held = after, 0, None
        self.lock, self.reached, self.released = threading.Lock(), threading.Event(), threading.Event()

    def passing(self, path: str) -> None:
        with self.lock:
            self.count += 1
            hold = self.count == self.after
            if hold:
                self.held = path
        if hold:
            self.reached.set()
            self.released.wait(60)

    def release(self) -> None:
        self.released.set()


@dataclass(frozen=True)
class Publication:
    """What the search stand-in lists: a record's fields and its files by manifestation."""

    identifier: str
    publication: str  # publicatienaam
    subtype: str  # subrubriek
    title: str
    modified: str
    dossier: str
    files: dict[str, bytes]  # manifestation ("xml", "metadata", "pdf") -> bytes

    def path(self, manifestation: str) -> str:
        kind = self.identifier.split("-")[0]
        name = {"metadata": "metadata.xml"}.get(manifestation, f"{self.identifier}.{manifestation}")
        return f"/frbr/officielepublicaties/{kind}/{self.dossier}/{self.identifier}/1/{manifestation}/{name}"


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, *args):  # keep test output quiet
        pass

    def do_GET(self):
        server = self.server
        with server.lock:
            server.requests[self.path] += 1
            path = urllib.parse.urlsplit(self.path).path
            faults = server.faults.get(path)
            fault = faults.pop(0) if faults else None
        if server.gate is not None:
            server.gate.passing(self.path)
        try:
            status, content_type, body = server.answer(self)
        except Exception as exc:  # a bug in the stand-in shows in the test, not as a hang
            status, content_type, body = 500, "text/plain", repr(exc).encode()
        if fault is not None and fault.status and not fault.truncate:
            status, body = fault.status, f"scripted {fault.status}".encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in fault.headers if fault else ():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body[: len(body) // 2] if fault and fault.truncate else body)
        except OSError:  # the client is gone (killed by the test)
            pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.lock = threading.Lock()
        self.requests: Counter[str] = Counter()
        self.faults: dict[str, list[Fault]] = {}
        self.gate: Gate | None = None

    def answer(self, handler: _Handler) -> tuple[int, str, bytes]:
        raise NotImplementedError


class _StandIn:
    def __init__(self, server: _Server):
        self.server = server
        self.thread = threading.Thread(target=server.serve_forever, daemon=True)

    @property
    def root(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def requests(self) -> Counter[str]:
        return self.server.requests

    def gate(self, gate: Gate | None) -> None:
        self.server.gate = gate

    def fault(self, path: str, *faults: Fault) -> None:
        with self.server.lock:
            self.server.faults.setdefault(path, []).extend(faults)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        if self.server.gate is not None:
            self.server.gate.release()
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


# -- the search API -------------------------------------------------------------------------

_NS = ('xmlns:sru="http://docs.oasis-open.org/ns/search-ws/sruResponse" '
       'xmlns:gzd="http://standaarden.overheid.nl/sru" '
       'xmlns:overheidwetgeving="http://standaarden.overheid.nl/wetgeving/" '
       'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:c="http://standaarden.overheid.nl/collectie/" '
       'xmlns:cd="http://standaarden.overheid.nl/cup/data"')


def _gzd(pub: Publication, root: str) -> str:
    items = "".join(f'<gzd:itemUrl manifestation="{m}">{root}{pub.path(m)}</gzd:itemUrl>'
                    for m in sorted(pub.files))
    main = "xml" if "xml" in pub.files else "pdf"
    return f"""<gzd:gzd><gzd:originalData><overheidwetgeving:meta>
<overheidwetgeving:owmskern><dcterms:identifier>{pub.identifier}</dcterms:identifier>
<dcterms:title>{escape(pub.title)}</dcterms:title><dcterms:language>nl</dcterms:language>
<dcterms:type scheme="OVERHEIDop.Parlementair">{escape(pub.publication)}</dcterms:type>
<dcterms:creator scheme="OVERHEID.StatenGeneraal">Tweede Kamer der Staten-Generaal</dcterms:creator>
<dcterms:modified>{pub.modified[:10]}</dcterms:modified></overheidwetgeving:owmskern>
<overheidwetgeving:owmsmantel><dcterms:available>{pub.modified[:10]}</dcterms:available></overheidwetgeving:owmsmantel>
<overheidwetgeving:tpmeta><c:product-area>officielepublicaties</c:product-area>
<overheidwetgeving:dossiernummer>{pub.dossier}</overheidwetgeving:dossiernummer>
<overheidwetgeving:publicatienaam>{escape(pub.publication)}</overheidwetgeving:publicatienaam>
<overheidwetgeving:subrubriek scheme="OVERHEIDop.KamerstukTypen">{escape(pub.subtype)}</overheidwetgeving:subrubriek>
<cd:datumTijdstipWijzigingExpression>{pub.modified}</cd:datumTijdstipWijzigingExpression>
</overheidwetgeving:tpmeta></overheidwetgeving:meta></gzd:originalData>
<gzd:enrichedData><gzd:url>{root}{pub.path(main)}</gzd:url>
<gzd:preferredUrl>https://zoek.officielebekendmakingen.nl/{pub.identifier}.html</gzd:preferredUrl>{items}
<gzd:timestamp>{pub.modified}</gzd:timestamp></gzd:enrichedData></gzd:gzd>"""


def _matches(pub: Publication, query: str) -> bool:
    dossier = re.search(r'w\.dossiernummer=="([^"]+)"', query)
    identifier = re.search(r'dt\.identifier=="([^"]+)"', query)
    since = re.search(r"dt\.modified>=(\d{4}-\d{2}-\d{2})", query)
    return ((not dossier or pub.dossier == dossier[1]) and (not identifier or pub.identifier == identifier[1])
            and (not since or pub.modified[:10] >= since[1]))


def search_response(hits: list[Publication], root: str, start: int = 1, size: int = SRU_PAGE,
                    query: str = "") -> bytes:
    """A ``searchRetrieveResponse`` page: the ``size`` hits from position ``start`` (1-based)."""
    shown = hits[start - 1: start - 1 + size]
    records = "".join(
        f"<sru:record><sru:recordSchema>http://standaarden.overheid.nl/sru/</sru:recordSchema>"
        f"<sru:recordPacking>xml</sru:recordPacking><sru:recordData>{_gzd(p, root)}</sru:recordData>"
        f"<sru:recordPosition>{start + i}</sru:recordPosition></sru:record>" for i, p in enumerate(shown))
    following = (f"<sru:nextRecordPosition>{start + size}</sru:nextRecordPosition>"
                 if start - 1 + size < len(hits) else "")
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<sru:searchRetrieveResponse {_NS}>'
            f"<sru:version>2.0</sru:version><sru:numberOfRecords>{len(hits)}</sru:numberOfRecords>"
            f"<sru:records>{records}</sru:records>{following}"
            f"<sru:echoedSearchRetrieveRequest><sru:query>{escape(query)}</sru:query>"
            f"<sru:startRecord>{start}</sru:startRecord></sru:echoedSearchRetrieveRequest>"
            "<sru:resultCountPrecision>info:srw/vocabulary/resultCountPrecision/1/estimate"
            "</sru:resultCountPrecision></sru:searchRetrieveResponse>").encode()


class _SearchServer(_Server):
    def __init__(self, publications: list[Publication]):
        super().__init__()
        self.publications = publications
        self.files = {p.path(m): body for p in publications for m, body in p.files.items()}

    def answer(self, handler: _Handler) -> tuple[int, str, bytes]:
        url = urllib.parse.urlsplit(handler.path)
        if url.path in self.files:
            kind = "application/pdf" if url.path.endswith(".pdf") else "application/xml"
            return 200, kind, self.files[url.path]
        if url.path != "/sru":
            return 404, "text/plain", b"not found"
        params = dict(urllib.parse.parse_qsl(url.query))
        root = f"http://{handler.headers['Host']}"
        hits = sorted((p for p in self.publications if _matches(p, params.get("query", ""))),
                      key=lambda p: p.identifier)
        start, size = int(params.get("startRecord", "1")), min(int(params.get("maximumRecords", "10")), SRU_PAGE)
        body = search_response(hits, root, start, size, params.get("query", ""))
        return 200, "application/xml; charset=utf-8", body


class SearchStandIn(_StandIn):
    """``with SearchStandIn(publications) as api:``; ``api.url`` is the SRU endpoint."""

    def __init__(self, publications: list[Publication]):
        super().__init__(_SearchServer(publications))

    @property
    def url(self) -> str:
        return self.root + "/sru"


# -- Tweede Kamer Open Data -------------------------------------------------------------------

_BASE = "/OData/v4/2.0/"


def _dicts(value) -> list[dict]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _dossier_number(record: dict) -> set[int]:
    """Dossier numbers a Zaak (via its Documents) or a Toezegging (via its activity's Zaken)
    is in; a record of a hostile shape is in none."""
    zaken = [record] + [z for a in _dicts(record.get("Activiteit")) for z in _dicts(a.get("Zaak"))]
    return {k.get("Nummer") for z in zaken for d in _dicts(z.get("Document")) + [z]
            for k in _dicts(d.get("Kamerstukdossier"))}


class _OpenDataServer(_Server):
    def __init__(self, entities: dict[str, list[dict]], files: dict[str, tuple[str, bytes]]):
        super().__init__()
        self.entities, self.files = entities, files

    def answer(self, handler: _Handler) -> tuple[int, str, bytes]:
        url = urllib.parse.urlsplit(handler.path)
        name = url.path.removeprefix(_BASE)
        if resource := re.fullmatch(r"Document\(([0-9a-f-]{36})\)/resource", name):
            if resource[1] not in self.files:
                return 404, "application/json", b'{"error": "not found"}'
            kind, body = self.files[resource[1]]
            return 200, kind, body
        if name not in self.entities:
            return 404, "application/json", b'{"error": "no such entity set"}'
        query = dict(urllib.parse.parse_qsl(url.query))
        filt = query.get("$filter", "")
        dossier = re.search(r"/Nummer eq (\d+)", filt)
        since = re.search(r"GewijzigdOp ge (\S+)", filt)
        rows = sorted((r for r in self.entities[name]
                       if (not dossier or int(dossier[1]) in _dossier_number(r))
                       and (not since or str(r["GewijzigdOp"])[:10] >= since[1][:10])),
                      key=lambda r: str(r["GewijzigdOp"]))
        skip = int(query.get("$skip", "0"))
        host = handler.headers["Host"]
        body: dict = {"@odata.context": f"http://{host}{_BASE}$metadata#{name}", "value": rows[skip:skip + ODATA_PAGE]}
        if skip + ODATA_PAGE < len(rows):
            rest = dict(query, **{"$skip": str(skip + ODATA_PAGE)})
            body["@odata.nextLink"] = (f"http://{host}{url.path}?"
                                       + urllib.parse.urlencode(rest, quote_via=urllib.parse.quote))
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        return 200, "application/json; odata.metadata=minimal; charset=utf-8", data


class OpenDataStandIn(_StandIn):
    """``with OpenDataStandIn({"Zaak": [...], "Toezegging": [...]}, files) as api:``;
    ``api.url`` is the OData base; ``files`` maps a Document Id to (content type, bytes)."""

    def __init__(self, entities: dict[str, list[dict]], files: dict[str, tuple[str, bytes]] | None = None):
        super().__init__(_OpenDataServer(entities, files or {}))

    @property
    def url(self) -> str:
        return self.root + _BASE

    def resource(self, document_id: str) -> str:
        return f"{_BASE}Document({document_id})/resource"
