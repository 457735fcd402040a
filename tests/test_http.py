"""The HTTP client every fetcher uses (loaders/http.py), against scripted servers on
127.0.0.1: retries, Retry-After, the deadline, the size limit, redirects, conditional
requests, the User-Agent and one request at a time per host. Timings here check
behaviour (a wait happened, a deadline held), not speed."""

import re
import threading
import time
from datetime import UTC, datetime

import pytest

from policykg.errors import FetchError
from policykg.loaders.http import USER_AGENT, Client, origin, retry_after, same_origin

from .fault_server import FaultServer, Reply

FAST = {"pause": 0.0, "backoff": 0.01}


def test_a_503_is_retried_then_the_answer_returned():
    server = FaultServer({"/a": [Reply(503), Reply(body=b"fine")]})
    with server as root:
        answer = Client(**FAST).get(f"{root}/a")
    assert (answer.status, answer.body, answer.url) == (200, b"fine", f"{root}/a")
    assert len(server.seen) == 2


def test_retries_end_with_an_error_naming_the_status():
    server = FaultServer({"/a": [Reply(502)]})
    with server as root, pytest.raises(FetchError, match="HTTP 502 Bad Gateway, still after 3 attempts") as info:
        Client(attempts=3, **FAST).get(f"{root}/a")
    assert info.value.url == f"{root}/a" and len(server.seen) == 3


def test_a_429_with_retry_after_waits_that_long():
    with FaultServer({"/a": [Reply(429, headers={"Retry-After": "1"}), Reply()]}) as root:
        start = time.monotonic()
        answer = Client(**FAST).get(f"{root}/a")
        waited = time.monotonic() - start
    assert answer.status == 200 and waited >= 0.9


def test_a_retry_after_longer_than_the_maximum_is_an_error():
    with FaultServer({"/a": [Reply(503, headers={"Retry-After": "3600"}), Reply()]}) as root:
        with pytest.raises(FetchError, match=r"asks to wait 3600 s \(Retry-After\), longer than the 120 s"):
            Client(**FAST).get(f"{root}/a")


def test_retry_after_as_seconds_or_an_http_date():
    now = datetime(2024, 5, 1, 12, 0, 0, tzinfo=UTC)
    assert retry_after("7") == 7.0
    assert retry_after("Wed, 01 May 2024 12:00:30 GMT", now) == 30.0
    assert retry_after("Wed, 01 May 2024 11:00:00 GMT", now) == 0.0
    assert retry_after("soon") is None and retry_after(None) is None


def test_a_trickling_body_fails_at_the_deadline():
    body = b"x" * 20  # one byte every 0.2 s: 4 s in all
    with FaultServer({"/slow": [Reply(body=body, trickle=0.2)]}) as root:
        start = time.monotonic()
        with pytest.raises(FetchError, match="no complete answer within 1 s"):
            Client(timeout=1.0, attempts=1, **FAST).get(f"{root}/slow")
        took = time.monotonic() - start
    assert took < 1.0 + 0.5


def test_trickling_headers_fail_at_the_deadline_too():
    with FaultServer({"/slow": [Reply(delay=3.0)]}) as root:
        start = time.monotonic()
        with pytest.raises(FetchError, match="no complete answer within 0.5 s, still after 2 attempts"):
            Client(timeout=0.5, attempts=2, **FAST).get(f"{root}/slow")
        took = time.monotonic() - start
    assert took < 2 * 0.5 + 0.5


def test_an_oversize_body_is_an_error_naming_the_limit():
    with FaultServer({"/big": [Reply(body=b"x" * 2000)]}) as root:
        with pytest.raises(FetchError, match="larger than the limit of 1,000 bytes") as info:
            Client(max_bytes=1000, **FAST).get(f"{root}/big")
    assert info.value.url == f"{root}/big"


def test_an_oversize_body_without_content_length_is_cut_off_too():
    huge = Reply(body=b"x" * 200_000, headers={"Content-Length": "", "Connection": "close"})
    with FaultServer({"/big": [huge]}) as root:
        with pytest.raises(FetchError, match="larger than the limit of 100,000 bytes"):
            Client(max_bytes=100_000, **FAST).get(f"{root}/big")


def test_a_truncated_body_is_retried():
    cut = Reply(body=b"half", headers={"Content-Length": "10"})
    server = FaultServer({"/a": [cut, Reply(body=b"whole body")]})
    with server as root:
        assert Client(**FAST).get(f"{root}/a").body == b"whole body"
    assert len(server.seen) == 2


def test_a_redirect_on_the_same_origin_is_followed():
    with FaultServer({"/old": [Reply(301, headers={"Location": "/new"})], "/new": [Reply(body=b"here")]}) as root:
        answer = Client(**FAST).get(f"{root}/old")
    assert (answer.body, answer.url) == (b"here", f"{root}/new")


def test_a_redirect_to_another_port_or_scheme_is_refused():
    with FaultServer({"/x": [Reply(body=b"elsewhere")]}) as other:
        routes = {"/port": [Reply(302, headers={"Location": f"{other}/x"})],
                  "/scheme": [Reply(302, headers={"Location": "https://127.0.0.1/x"})]}
        with FaultServer(routes) as root:
            with pytest.raises(FetchError, match=f"redirected to {other}/x, which is not on {root}; refusing"):
                Client(**FAST).get(f"{root}/port")
            with pytest.raises(FetchError, match="redirected to https://127.0.0.1/x, which is not on"):
                Client(**FAST).get(f"{root}/scheme")


def test_a_304_answers_a_conditional_request():
    etag, modified = '"v1"', "Wed, 01 May 2024 12:00:00 GMT"
    fresh = Reply(body=b"data", headers={"ETag": etag, "Last-Modified": modified})
    server = FaultServer({"/a": [fresh, Reply(304, b"", headers={"ETag": etag})]})
    with server as root:
        first = Client(**FAST).get(f"{root}/a")
        again = Client(**FAST).get(f"{root}/a", etag=first.etag, last_modified=first.last_modified)
    assert (first.status, first.etag, first.last_modified) == (200, etag, modified)
    assert again.status == 304 and again.unchanged and again.body == b""
    sent = server.seen[1][1]
    assert sent["If-None-Match"] == etag and sent["If-Modified-Since"] == modified


def test_the_user_agent_names_policykg_and_its_version():
    server = FaultServer({"/a": [Reply()]})
    with server as root:
        Client(**FAST).get(f"{root}/a", accept="application/json")
    headers = server.seen[0][1]
    assert headers["User-Agent"] == USER_AGENT and headers["Accept"] == "application/json"
    assert USER_AGENT.startswith("policykg/") and "(+https://w3id.org/policykg)" in USER_AGENT


def test_an_http_error_is_not_retried():
    server = FaultServer({})
    with server as root, pytest.raises(FetchError, match="HTTP 404 Not Found"):
        Client(**FAST).get(f"{root}/missing")
    assert len(server.seen) == 1


def test_only_http_urls_with_a_host():
    for url, problem in [("ftp://example.org/a", "only http(s)"), ("file:///etc/passwd", "only http(s)"),
                         ("http:///a", "names no host"), ("http://example.org:99999/", "not a valid URL")]:
        with pytest.raises(FetchError, match=re.escape(problem)) as info:
            Client(**FAST).get(url)
        assert info.value.url == url


def test_origins_compare_scheme_host_and_port():
    assert origin("HTTPS://Example.org/a") == ("https", "example.org", 443)
    assert same_origin("http://example.org:80/a", "http://example.org/b")
    assert not same_origin("http://example.org.evil.example/a", "http://example.org/")
    assert not same_origin("http://example.org@evil.example/a", "http://example.org/")
    assert not same_origin("http://example.org:8080/a", "http://example.org/")
    assert not same_origin("http://example.org/a", "https://example.org/")


def test_one_request_at_a_time_per_host_with_a_pause_between():
    server = FaultServer({"/a": [Reply(delay=0.2)]})
    with server as root:
        client = Client(pause=0.3, backoff=0.01)
        client.get(f"{root}/a")  # the host's last request ends now
        start = time.monotonic()
        threads = [threading.Thread(target=client.get, args=(f"{root}/a",)) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        took = time.monotonic() - start
    assert server.most_at_once == 1 and len(server.seen) == 3
    assert took >= 2 * (0.3 + 0.2) - 0.1  # each waited its turn and the pause


def test_slow_redirects_cannot_run_past_the_deadline_of_one_attempt():
    """Each hop answers within the timeout, but the request as a whole must not run past it."""
    hops = {f"/hop{i}": [Reply(302, headers={"Location": f"/hop{i + 1}"}, delay=0.4)] for i in range(6)}
    with FaultServer({**hops, "/hop6": [Reply(body=b"finally")]}) as root:
        start = time.monotonic()
        with pytest.raises(FetchError, match="no complete answer within 1 s"):
            Client(timeout=1.0, attempts=1, **FAST).get(f"{root}/hop0")
        took = time.monotonic() - start
    assert took < 1.0 + 0.5


def test_an_api_page_over_its_limit_is_an_error_naming_the_limit():
    with FaultServer({"/page": [Reply(body=b"{}" * 600)]}) as root:
        client = Client(**FAST)
        assert len(client.get(f"{root}/page").body) == 1200  # the client's own limit is far higher
        with pytest.raises(FetchError, match="the API page is larger than the limit of 1,000 bytes"):
            client.limited(1000, "API page").get(f"{root}/page")
