"""A scripted HTTP server on 127.0.0.1 for the HTTP client's tests: each path answers
with its list of ``Reply``s in turn (the last one repeats), so a test can serve a 503
and then a 200, a 429 with Retry-After, a body that trickles, a redirect, a 304."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    status: int = 200
    body: bytes = b"ok"
    headers: dict[str, str] = field(default_factory=dict)
    trickle: float = 0.0  # seconds between bytes of the body
    delay: float = 0.0  # seconds before answering


class _Handler(BaseHTTPRequestHandler):
    routes: dict[str, list[Reply]] = {}
    seen: list[tuple[str, dict[str, str]]] = []
    busy: list[int] = []  # [in flight now, most in flight at once]
    lock = threading.Lock()

    def log_message(self, *args):  # keep test output quiet
        pass

    def do_GET(self):
        with self.lock:
            self.seen.append((self.path, dict(self.headers)))
            self.busy[0] += 1
            self.busy[1] = max(self.busy)
            replies = self.routes.get(self.path) or [Reply(404, b"not here")]
            reply = replies.pop(0) if len(replies) > 1 else replies[0]
        try:
            time.sleep(reply.delay)
            self._send(reply)
        except OSError:  # the client gave up
            pass
        finally:
            with self.lock:
                self.busy[0] -= 1

    def _send(self, reply: Reply):
        self.send_response(reply.status)
        headers = {"Content-Length": str(len(reply.body)), **reply.headers}
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if not reply.trickle:
            self.wfile.write(reply.body)
            return
        for byte in reply.body:
            self.wfile.write(bytes([byte]))
            self.wfile.flush()
            time.sleep(reply.trickle)


class FaultServer:
    """``with FaultServer({"/a": [Reply(503), Reply()]}) as root:`` gives
    ``http://127.0.0.1:PORT``; ``seen`` lists (path, headers) of each request."""

    def __init__(self, routes: dict[str, list[Reply]]):
        self.handler = type("Handler", (_Handler,), {
            "routes": {path: list(replies) for path, replies in routes.items()},
            "seen": [], "busy": [0, 0], "lock": threading.Lock()})
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self.handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def seen(self) -> list[tuple[str, dict[str, str]]]:
        return self.handler.seen

    @property
    def most_at_once(self) -> int:
        return self.handler.busy[1]

    def __enter__(self) -> str:
        self.thread.start()
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()
