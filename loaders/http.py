"""A polite, bounded HTTP client for every fetcher (standard library only).

Polite: a User-Agent that names policykg, one request at a time per host, a pause
between requests to the same host, retries with exponential backoff on 429/5xx,
timeouts and dropped connections, Retry-After honoured (up to a maximum wait).
Bounded: each attempt has one deadline (connect, headers, body and any redirects
together, however slowly a server trickles) and each answer a size limit (lower for
an API page: ``limited``). Safe: only http(s), redirects only within the scheme, host and
port asked for. Every failure is a ``FetchError`` with the URL and the reason.
"""

from __future__ import annotations

import dataclasses
import email.utils
import http.client
import socket
import threading
import time
import urllib.parse
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata

from policykg.errors import FetchError

CONTACT = "https://w3id.org/policykg"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
MAX_REDIRECTS = 10
CHUNK = 64 * 1024
DEFAULT_PORTS = {"http": 80, "https": 443}
API_PAGE_BYTES = 20_000_000  # one page of an API listing (OData, SRU): far above a real one


def user_agent() -> str:
    """``policykg/<version> (+<contact>)``; without an installed version, ``policykg (+...)``."""
    try:
        return f"policykg/{metadata.version('policykg')} (+{CONTACT})"
    except metadata.PackageNotFoundError:
        return f"policykg (+{CONTACT})"


USER_AGENT = user_agent()


def origin(url: str) -> tuple[str, str, int]:
    """``(scheme, host, port)`` of an http(s) URL, default ports filled in; a
    ``FetchError`` for any other URL."""
    try:
        parts = urllib.parse.urlsplit(url)
        scheme, host, port = parts.scheme.lower(), parts.hostname, parts.port
    except ValueError as exc:
        raise FetchError(f"not a valid URL ({exc})", url=url) from exc
    if scheme not in DEFAULT_PORTS:
        raise FetchError("only http(s) URLs are fetched", url=url)
    if not host:
        raise FetchError("the URL names no host", url=url)
    return scheme, host, port or DEFAULT_PORTS[scheme]


def same_origin(url: str, base: str) -> bool:
    """Whether ``url`` has exactly the scheme, host and port of ``base``."""
    return origin(url) == origin(base)


def _show(site: tuple[str, str, int]) -> str:
    scheme, host, port = site
    return f"{scheme}://{host}:{port}"


@dataclass(frozen=True)
class Response:
    """An answer: ``status`` 200 (or another 2xx) with its body, or 304 (unchanged, empty body)."""

    url: str
    status: int
    body: bytes
    etag: str | None = None
    last_modified: str | None = None

    @property
    def unchanged(self) -> bool:
        return self.status == 304


class _Retry(Exception):
    """A transient failure: try again after ``wait`` seconds (None: the backoff)."""

    def __init__(self, reason: str, wait: float | None = None):
        super().__init__(reason)
        self.reason, self.wait = reason, wait


class _Host:
    """One host's turn: its lock and when its last request ended."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.last = float("-inf")


_HOSTS: dict[tuple[str, str, int], _Host] = {}
_HOSTS_LOCK = threading.Lock()


def _host(site: tuple[str, str, int]) -> _Host:
    with _HOSTS_LOCK:
        return _HOSTS.setdefault(site, _Host())


def retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds asked for by a Retry-After header (seconds or an HTTP date); None if absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


@dataclass
class Client:
    """``Client().get(url)``. ``timeout`` is the deadline of one attempt (connect,
    headers, body and redirects); ``pause`` the least time between requests to one host;
    ``backoff`` the first retry's wait (doubled each time) unless Retry-After says
    otherwise, which is honoured up to ``max_wait`` seconds."""

    timeout: float = 60.0
    pause: float = 1.0
    attempts: int = 4
    backoff: float = 1.0
    max_wait: float = 120.0
    max_bytes: int = 50_000_000
    answer: str = "answer"  # what one answer is, for the size-limit message ("API page")

    def limited(self, max_bytes: int, answer: str) -> Client:
        """This client with a lower size limit for one kind of ``answer`` (an API page)."""
        return dataclasses.replace(self, max_bytes=min(self.max_bytes, max_bytes), answer=answer)

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None,
            accept: str = "*/*") -> Response:
        """GET ``url`` (conditionally, given ``etag`` or ``last_modified``), following
        redirects within its origin; a ``FetchError`` when it cannot."""
        site = origin(url)
        headers = {"User-Agent": USER_AGENT, "Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        host = _host(site)
        with host.lock:
            try:
                return self._with_retries(url, headers, host)
            finally:
                host.last = time.monotonic()

    def _with_retries(self, url: str, headers: dict[str, str], host: _Host) -> Response:
        for attempt in range(1, self.attempts + 1):
            time.sleep(max(0.0, host.last + self.pause - time.monotonic()))
            try:
                return self._follow(url, headers)
            except _Retry as retry:
                host.last = time.monotonic()
                if attempt == self.attempts:
                    raise FetchError(f"{retry.reason}, still after {self.attempts} attempts", url=url) from None
                time.sleep(self._wait(retry, attempt, url))
        raise FetchError("no attempt made (attempts must be at least 1)", url=url)

    def _wait(self, retry: _Retry, attempt: int, url: str) -> float:
        if retry.wait is None:
            return self.backoff * 2 ** (attempt - 1)
        if retry.wait > self.max_wait:
            raise FetchError(f"{retry.reason}: the server asks to wait {retry.wait:.0f} s (Retry-After), "
                             f"longer than the {self.max_wait:.0f} s policykg waits; try again later", url=url)
        return retry.wait

    def _follow(self, url: str, headers: dict[str, str]) -> Response:
        """One attempt: the request and its redirects, all within one ``timeout``."""
        start, end = url, time.monotonic() + self.timeout
        for _ in range(MAX_REDIRECTS + 1):
            response = self._attempt(url, headers, end)
            if response.status not in REDIRECT_STATUSES:
                return response
            url = self._redirect(start, url, response)
        raise FetchError(f"more than {MAX_REDIRECTS} redirects", url=start)

    @staticmethod
    def _redirect(start: str, url: str, response: Response) -> str:
        if not response.url:
            raise FetchError(f"HTTP {response.status} without a Location to follow", url=url)
        target = urllib.parse.urljoin(url, response.url)
        if origin(target) != origin(start):
            raise FetchError(f"redirected to {target}, which is not on {_show(origin(start))}; "
                             "refusing to follow", url=start)
        return target

    def _attempt(self, url: str, headers: dict[str, str], end: float) -> Response:
        """One request, done by ``end`` (a ``time.monotonic()``); a redirect comes back
        as a Response whose ``url`` is its Location."""
        deadline = _Deadline(end - time.monotonic())
        if deadline.left() <= 0:
            raise _Retry(f"no complete answer within {self.timeout:g} s")
        conn = _connection(url, deadline.left())
        try:
            conn.connect()
            deadline.watch(conn.sock)
            conn.request("GET", _target(url), headers=headers)
            response = conn.getresponse()
            return self._answer(url, response, deadline)
        except FetchError:
            raise
        except TimeoutError:
            raise _Retry(f"no complete answer within {self.timeout:g} s") from None
        except (ConnectionResetError, BrokenPipeError, http.client.IncompleteRead,
                http.client.RemoteDisconnected, http.client.BadStatusLine) as exc:
            if deadline.expired:
                raise _Retry(f"no complete answer within {self.timeout:g} s") from None
            raise _Retry(f"connection broken ({type(exc).__name__}: {exc})") from None
        except (OSError, http.client.HTTPException, UnicodeError, ValueError) as exc:
            if deadline.expired:
                raise _Retry(f"no complete answer within {self.timeout:g} s") from None
            raise FetchError(f"cannot connect or read ({type(exc).__name__}: {exc})", url=url) from None
        finally:
            deadline.stop()
            conn.close()

    def _answer(self, url: str, response: http.client.HTTPResponse, deadline: _Deadline) -> Response:
        status = response.status
        if status in RETRY_STATUSES:
            raise _Retry(f"HTTP {status} {response.reason}", retry_after(response.getheader("Retry-After")))
        if status in REDIRECT_STATUSES:
            return Response(url=response.getheader("Location") or "", status=status, body=b"")
        if status != 304 and not 200 <= status < 300:
            raise FetchError(f"HTTP {status} {response.reason}", url=url)
        body = b"" if status == 304 else self._read(url, response, deadline)
        return Response(url=url, status=status, body=body, etag=response.getheader("ETag"),
                        last_modified=response.getheader("Last-Modified"))

    def _read(self, url: str, response: http.client.HTTPResponse, deadline: _Deadline) -> bytes:
        """The body, read in chunks: past ``max_bytes`` or the deadline is an error."""
        length = response.getheader("Content-Length")
        if length and length.isdigit() and int(length) > self.max_bytes:
            raise self._too_large(url)
        chunks, size = [], 0
        while chunk := response.read1(CHUNK):
            size += len(chunk)
            if size > self.max_bytes:
                raise self._too_large(url)
            if deadline.left() <= 0:
                raise TimeoutError
            chunks.append(chunk)
        if deadline.expired:
            raise TimeoutError
        if response.length:  # the connection ended before Content-Length bytes came
            raise http.client.IncompleteRead(b"", response.length)
        return b"".join(chunks)

    def _too_large(self, url: str) -> FetchError:
        return FetchError(f"the {self.answer} is larger than the limit of {self.max_bytes:,} bytes", url=url)


class _Deadline:
    """The end of one attempt: bounds every socket wait and, through a watchdog that
    shuts the socket, a server that trickles its headers or body."""

    def __init__(self, seconds: float):
        self.end = time.monotonic() + seconds
        self.expired = False
        self._timer: threading.Timer | None = None

    def left(self) -> float:
        return self.end - time.monotonic()

    def watch(self, sock: socket.socket | None) -> None:
        if sock is None:
            return
        sock.settimeout(max(0.001, self.left()))
        self._timer = threading.Timer(max(0.0, self.left()), self._expire, args=(sock,))
        self._timer.daemon = True
        self._timer.start()

    def _expire(self, sock: socket.socket) -> None:
        self.expired = True
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.cancel()


def _connection(url: str, timeout: float) -> http.client.HTTPConnection:
    scheme, host, port = origin(url)
    cls = http.client.HTTPSConnection if scheme == "https" else http.client.HTTPConnection
    return cls(host, port, timeout=max(0.001, timeout))


def _target(url: str) -> str:
    """The request target: path and query (never the fragment)."""
    parts = urllib.parse.urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
