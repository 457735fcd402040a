"""Fetching Tweede Kamer Open Data safely (issue 15): next links only on the base's
scheme, host and port, a loop or the page limit fails loudly, and a bad
``GewijzigdOp`` neither crashes the fetch nor reaches the sync state."""

import json
import subprocess
import sys
import textwrap
import time

import pytest
from click.testing import CliRunner

from policykg.cli import main
from policykg.errors import FetchError
from policykg.loaders.http import Client
from policykg.loaders.tk_fetch import (
    DEFAULT_BASE,
    STATE_FILE,
    fetch_motions,
    first_url,
    last_sync,
    next_link,
    write_state,
)

from .fault_server import FaultServer, Reply
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


@pytest.mark.parametrize("stamp", ["12345", "not a date", "2022-13-45T00:00:00Z", ""])
def test_the_sync_state_is_written_only_from_a_valid_date(tmp_path, stamp):
    write_state(tmp_path, "30950", "2022-02-23T10:00:00+01:00")
    before = (tmp_path / STATE_FILE).read_bytes()
    with pytest.raises(ValueError, match="not a date-time"):
        write_state(tmp_path, "30950", stamp)
    assert (tmp_path / STATE_FILE).read_bytes() == before


def test_an_api_page_over_the_size_limit_fails_the_fetch_naming_the_limit(tmp_path, monkeypatch):
    monkeypatch.setattr("policykg.loaders.tk_fetch.API_PAGE_BYTES", 500)
    with TkServer() as base, pytest.raises(FetchError, match="the API page is larger than the limit of 500 bytes"):
        fetch_motions(tmp_path, "30950", base=base, client=FAST)
    assert not (tmp_path / STATE_FILE).exists()


# -- the command line: each defect exits 1 with a message, never 0, never a traceback ------------


def fetch_tk(base: str, home, *extra: str):
    return CliRunner().invoke(main, ["fetch", "tk", "--dossier", "30950", "--base-url", base,
                                     "--store", str(home / "store"), *extra], catch_exceptions=False)


@pytest.mark.parametrize("link", ["http://{host}@evil.example{path}", "http://127.0.0.1:1{path}"])
def test_fetch_tk_refuses_a_next_link_to_a_look_alike_host_or_another_port(tmp_path, link):
    with TkServer(next_link=link) as base:
        result = fetch_tk(base, tmp_path)
    assert result.exit_code == 1 and result.stderr.startswith("Error: http://")
    assert "(scheme, host and port must match); refusing to follow" in result.stderr
    assert not (tmp_path / "tk-opendata" / STATE_FILE).exists() and not (tmp_path / "store").exists()


def test_fetch_tk_with_a_next_link_loop_exits_1_instead_of_running_to_the_page_limit(tmp_path):
    server = TkServer(next_link="http://{host}{path}")
    with server as base:
        result = fetch_tk(base, tmp_path)
    assert result.exit_code == 1 and "@odata.nextLink runs in a loop" in result.stderr
    assert len(server.handler.requests) == 1 and not (tmp_path / "tk-opendata" / STATE_FILE).exists()


def test_fetch_tk_at_the_page_limit_exits_1_instead_of_stopping_silently(tmp_path):
    with TkServer() as base:
        result = fetch_tk(base, tmp_path, "--max-pages", "2")
    assert result.exit_code == 1
    assert "stopped at the limit of 2 pages with more to come; nothing recorded as synced" in result.stderr
    assert not (tmp_path / "tk-opendata" / STATE_FILE).exists()


def test_fetch_tk_with_integer_gewijzigd_op_loads_and_does_not_poison_the_sync_state(tmp_path):
    zaken = [dict(z, GewijzigdOp=20220223) for z in _zaken()]
    with TkServer(zaken) as base:
        result = fetch_tk(base, tmp_path)
    assert result.exit_code == 0, result.output
    assert "5 motions loaded" in result.stdout and not (tmp_path / "tk-opendata" / STATE_FILE).exists()
    with TkServer() as base:  # the next fetch is not stuck on a bad stamp
        assert fetch_tk(base, tmp_path).exit_code == 0
    assert last_sync(tmp_path / "tk-opendata", "30950") == "2022-02-23T10:00:00+01:00"


def test_fetch_tk_from_a_trickling_server_fails_at_the_timeout(tmp_path):
    """One byte every 0.5 s: the first page would take minutes; the attempt ends at 1 s."""
    path = first_url("http://api.example/OData/v4/2.0/", "30950", None).removeprefix("http://api.example")
    page = (FIXTURES / "zaken-30950.json").read_bytes()[:400]
    with FaultServer({path: [Reply(body=page, trickle=0.5)]}) as root:
        start = time.monotonic()
        result = fetch_tk(f"{root}/OData/v4/2.0/", tmp_path, "--timeout", "1", "--retries", "0")
        took = time.monotonic() - start
    assert result.exit_code == 1 and "no complete answer within 1 s, still after 1 attempts" in result.stderr
    assert took < 1.0 + 1.5 and not (tmp_path / "tk-opendata" / STATE_FILE).exists()


def test_fetch_tk_on_a_full_disk_is_an_error_naming_the_file_not_a_traceback(tmp_path):
    script = textwrap.dedent("""
        import resource, signal, sys
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (1000, 1000))  # each file at most 1,000 bytes
        from policykg.cli import main
        main(sys.argv[1:], prog_name="policykg")
    """)
    with TkServer() as base:
        done = subprocess.run([sys.executable, "-c", script, "fetch", "tk", "--dossier", "30950", "--base-url", base,
                               "--store", str(tmp_path / "store")], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.startswith(f"Error: {tmp_path / 'tk-opendata'}/tk-30950-") and "File too large" in done.stderr


def test_fetch_tk_does_not_follow_a_redirect_to_another_origin(tmp_path):
    path = first_url("http://api.example/OData/v4/2.0/", "30950", None).removeprefix("http://api.example")
    with TkServer() as elsewhere:
        other = FaultServer({path: [Reply(302, headers={"Location": f"{elsewhere}Zaak"})]})
        with other as root:
            result = fetch_tk(f"{root}/OData/v4/2.0/", tmp_path, "--retries", "0")
    assert result.exit_code == 1 and f"redirected to {elsewhere}Zaak, which is not on" in result.stderr
    assert "refusing to follow" in result.stderr and not (tmp_path / "tk-opendata" / STATE_FILE).exists()
