"""Fetching Tweede Kamer Open Data safely (issue 15): next links only on the base's
scheme, host and port, a loop or the page limit fails loudly, and a bad
``GewijzigdOp`` neither crashes the fetch nor reaches the sync state."""

import json

import pytest

from policykg.errors import FetchError
from policykg.loaders.http import Client
from policykg.loaders.tk_fetch import DEFAULT_BASE, STATE_FILE, fetch_motions, last_sync, next_link

from .tk_server import FIXTURES, TkServer

FAST = Client(pause=0.0, backoff=0.01, attempts=2)


def _zaken() -> list[dict]:
    return json.loads((FIXTURES / "zaken-30950.json").read_text("utf-8"))


@pytest.mark.parametrize("link", [
    "http://{host}@evil.example{path}",  # passes a string prefix check, goes to evil.example
    "http://127.0.0.1:1{path}",  # another port
    "https://{host}{path}",  # another scheme
])
def test_a_next_link_off_the_base_is_refused(tmp_path, link):
    with TkServer(next_link=link) as base, pytest.raises(FetchError, match="refusing to follow"):
        fetch_motions(tmp_path, "30950", base=base, client=FAST)
    assert not (tmp_path / STATE_FILE).exists()


@pytest.mark.parametrize("link", ["https://gegevensmagazijn.tweedekamer.nl.evil.example/OData/v4/2.0/Zaak",
                                  "https://gegevensmagazijn.tweedekamer.nl:8443/OData/v4/2.0/Zaak"])
def test_a_look_alike_host_or_port_of_the_real_api_is_refused(link):
    with pytest.raises(FetchError, match="refusing to follow") as info:
        next_link({"@odata.nextLink": link}, DEFAULT_BASE + "Zaak", DEFAULT_BASE, set())
    assert info.value.url == link


def test_a_next_link_loop_is_an_error(tmp_path):
    server = TkServer(next_link="http://{host}{path}")  # every page links to itself
    with server as base, pytest.raises(FetchError, match="@odata.nextLink runs in a loop"):
        fetch_motions(tmp_path, "30950", base=base, client=FAST)
    assert len(server.handler.requests) == 1 and not (tmp_path / STATE_FILE).exists()


def test_reaching_the_page_limit_is_an_error_that_says_how_to_continue(tmp_path):
    with TkServer() as base, pytest.raises(FetchError, match="limit of 2 pages with more to come") as info:
        fetch_motions(tmp_path, "30950", base=base, client=FAST, max_pages=2)
    assert "fetch again with --since 2022-02-22" in str(info.value) and not (tmp_path / STATE_FILE).exists()


@pytest.mark.parametrize("stamp", [20220223, "not a date", "2022-13-45T00:00:00Z", None, ["2022-02-23"], {"a": 1}])
def test_a_bad_gewijzigd_op_neither_crashes_nor_reaches_the_sync_state(tmp_path, stamp):
    (tmp_path / STATE_FILE).write_text(json.dumps({"30950": "2020-01-01"}), encoding="utf-8")
    before = (tmp_path / STATE_FILE).read_bytes()
    zaken = [dict(z, GewijzigdOp=stamp) for z in _zaken()]
    with TkServer(zaken) as base:
        report = fetch_motions(tmp_path, "30950", since="2000-01-01", base=base, client=FAST)
    assert report.zaken == 6 and report.newest is None
    assert (tmp_path / STATE_FILE).read_bytes() == before


def test_the_newest_valid_stamp_is_kept_beside_bad_ones(tmp_path):
    zaken = _zaken()
    zaken[0]["GewijzigdOp"] = "9999-99-99"
    zaken[1]["GewijzigdOp"] = 12345
    with TkServer(zaken) as base:
        fetch_motions(tmp_path, "30950", base=base, client=FAST)
    assert last_sync(tmp_path, "30950") == "2022-02-23T10:00:00+01:00"


def test_a_poisoned_sync_state_is_ignored(tmp_path):
    (tmp_path / STATE_FILE).write_text(json.dumps({"30950": 12345}), encoding="utf-8")
    assert last_sync(tmp_path, "30950") is None
    with TkServer() as base:
        report = fetch_motions(tmp_path, "30950", base=base, client=FAST)
    assert report.zaken == 6 and last_sync(tmp_path, "30950") == "2022-02-23T10:00:00+01:00"
