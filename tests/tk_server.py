"""A local stand-in for the Tweede Kamer's OData API: serves tests/fixtures/tk on
127.0.0.1 in pages with ``@odata.nextLink``, honouring the dossier and
``GewijzigdOp ge`` parts of ``$filter`` that ``policykg fetch tk`` sends. Given
``next_link`` (a format with ``{host}`` and ``{path}``, the request's), every page
links there instead: a loop, another host or another port."""

from __future__ import annotations

import json
import re
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures" / "tk"
PAGE = 2


def _in_dossier(zaak: dict, number: int) -> bool:
    return any(d["Nummer"] == number for doc in zaak["Document"] for d in doc["Kamerstukdossier"])


class _Handler(BaseHTTPRequestHandler):
    zaken: list[dict] = []
    requests: list[str] = []
    next_link: str | None = None

    def log_message(self, *args):  # keep test output quiet
        pass

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        self.requests.append(self.path)
        if url.path != "/OData/v4/2.0/Zaak":
            self.send_error(404)
            return
        query = urllib.parse.parse_qs(url.query)
        filt = query.get("$filter", [""])[0]
        dossier = re.search(r"d/Nummer eq (\d+)", filt)
        since = re.search(r"GewijzigdOp ge (\S+)", filt)
        rows = [z for z in self.zaken
                if (not dossier or _in_dossier(z, int(dossier[1])))
                and (not since or str(z["GewijzigdOp"])[:10] >= since[1][:10])]
        rows.sort(key=lambda z: str(z["GewijzigdOp"]))
        skip = int(query.get("$skip", ["0"])[0])
        context = f"http://{self.headers['Host']}/OData/v4/2.0/$metadata#Zaak"
        body = {"@odata.context": context, "value": rows[skip:skip + PAGE]}
        if self.next_link:
            body["@odata.nextLink"] = self.next_link.format(host=self.headers["Host"], path=self.path)
        elif skip + PAGE < len(rows):
            rest = dict(query, **{"$skip": [str(skip + PAGE)]})
            body["@odata.nextLink"] = (f"http://{self.headers['Host']}{url.path}?"
                                       + urllib.parse.urlencode(rest, doseq=True, quote_via=urllib.parse.quote))
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "application/json; odata.metadata=minimal; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


class TkServer:
    """``with TkServer() as base:`` gives the base URL of a running server."""

    def __init__(self, zaken: list[dict] | None = None, next_link: str | None = None):
        handler = type("Handler", (_Handler,), {
            "zaken": zaken if zaken is not None else json.loads((FIXTURES / "zaken-30950.json").read_text("utf-8")),
            "requests": [], "next_link": next_link})
        self.handler = handler
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        host, port = self.server.server_address
        return f"http://{host}:{port}/OData/v4/2.0/"

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
