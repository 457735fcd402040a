"""The search API's answers read (loaders/sru.py), and the resumable pieces of fetching:
page journals (loaders/pages.py) and the download log (loaders/downloads.py)."""

from __future__ import annotations

import pytest

from policykg.errors import FetchError
from policykg.loaders import sru
from policykg.loaders.downloads import LOG, Downloads
from policykg.loaders.http import Client
from policykg.loaders.pages import PageRun

from .api_standins import Fault, Publication, SearchStandIn, search_response
from .fault_server import FaultServer, Reply

FAST = Client(pause=0.0, backoff=0.01, attempts=2)
ROOT = "https://repository.example"
ENVELOPE = ('<sru:searchRetrieveResponse xmlns:sru="http://docs.oasis-open.org/ns/search-ws/sruResponse" '
            'xmlns:diag="http://docs.oasis-open.org/ns/search-ws/diagnostic">{}</sru:searchRetrieveResponse>')


def _publication(identifier: str, files=None) -> Publication:
    return Publication(identifier, "Kamerstuk", "Brief", f"Brief {identifier}", "2024-01-02T10:00:00+01:00", "30950",
                       files if files is not None else {"xml": b"<x/>", "metadata": b"<m/>"})


def _page(*publications: Publication, following: int | None = None) -> bytes:
    """A search page of ``publications`` at repository.example; ``following``: its nextRecordPosition."""
    page = search_response(list(publications), ROOT, size=len(publications))
    if following is None:
        return page
    return page.replace(b"<sru:echoed", f"<sru:nextRecordPosition>{following}</sru:nextRecordPosition><sru:echoed"
                        .encode(), 1)


def test_a_record_gives_the_urls_its_enriched_data_names():
    page = sru.parse_page(_page(_publication("kst-30950-319")), "u")
    (record,) = page.records
    assert record.identifier == "kst-30950-319" and record.kind == "kst" and record.subtype == "Brief"
    assert record.xml_url == ("https://repository.example/frbr/officielepublicaties/kst/30950/kst-30950-319/1/"
                              "xml/kst-30950-319.xml")
    assert record.metadata_url.endswith("/1/metadata/metadata.xml") and record.pdf_url is None
    assert record.modified == "2024-01-02T10:00:00+01:00"


def test_a_record_without_an_official_identifier_is_skipped_with_a_reason():
    page = _page(_publication("kst-30950-1"), _publication("kst-30950-2"))
    page = sru.parse_page(page.replace(b"kst-30950-1</dcterms:identifier>", b"x y</dcterms:identifier>", 1), "u")
    assert [r.identifier for r in page.records] == ["kst-30950-2"]
    assert "no official identifier" in page.skipped[0]


@pytest.mark.parametrize("body, problem", [
    (b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>', "DOCTYPE"),
    (b"<html><body>maintenance</body></html>", "not an SRU searchRetrieveResponse"),
    (b"<sru:searchRetrieveResponse", "not a search result"),
    (ENVELOPE.format("<sru:diagnostics><diag:diagnostic><diag:message>Query syntax error</diag:message>"
                     "</diag:diagnostic></sru:diagnostics>").encode(), "refused the query: Query syntax error"),
])
def test_what_is_no_search_result_is_an_error_naming_the_url(body, problem):
    with pytest.raises(FetchError, match=problem) as caught:
        sru.parse_page(body, "https://r.example/sru?q")
    assert caught.value.url == "https://r.example/sru?q"


def test_the_next_page_moves_forward_or_the_listing_stops():
    url = sru.search_url("https://r.example/sru", sru.dossier_query("30950"))
    page = sru.parse_page(_page(_publication("kst-30950-2"), following=101), url)
    following = sru.next_url(page, url, {url})
    assert "startRecord=101" in following and "w.dossiernummer" in following.replace("%3D", "=").replace("%2E", ".")
    backwards = sru.parse_page(_page(_publication("kst-30950-2"), following=1), url)
    with pytest.raises(FetchError, match="does not move forward"):
        sru.next_url(backwards, url, {url})


@pytest.mark.parametrize("dossier", ['30950" or dt.type=="x', "30950)", "", "3095O"])
def test_a_dossier_that_is_not_a_dossier_number_never_reaches_the_query(dossier):
    with pytest.raises(FetchError, match="expected a number"):
        sru.dossier_query(dossier)


def test_an_identifier_that_is_not_one_never_reaches_the_query():
    with pytest.raises(FetchError, match="not an official identifier"):
        sru.identifier_query('stcrt-1" or c.product-area==x')


def test_a_listing_killed_after_its_second_page_goes_on_from_the_third(tmp_path):
    publications = [_publication(f"kst-30950-{n}") for n in range(1, 9)]  # 3 pages of 3
    with SearchStandIn(publications) as api:
        first = sru.search_url(api.url, sru.dossier_query("30950"))
        run = PageRun(tmp_path, "ob-30950-all", "sru.xml")
        api.fault("/sru", Fault(0), Fault(0), Fault(500), Fault(500))  # the 3rd page fails twice
        next_page = lambda body, url, seen: sru.next_url(sru.parse_page(body, url), url, seen)  # noqa: E731
        with pytest.raises(FetchError):
            run.fetch(FAST, first, next_page)
        assert sorted(p.name for p in tmp_path.glob("*.sru.xml")) == ["ob-30950-all-p0001.sru.xml",
                                                                      "ob-30950-all-p0002.sru.xml"]
        api.requests.clear()
        listing = run.fetch(FAST, first, next_page)
        assert len(listing.pages) == 3 and listing.fetched == 1
        assert [p for p in api.requests if "startRecord=1&" in p] == []
        records = [r.identifier for p in listing.pages for r in sru.parse_page(p.read_bytes(), "").records]
        assert records == sorted(p.identifier for p in publications)


def test_a_download_held_is_not_asked_for_again_and_a_changed_one_is_asked_conditionally(tmp_path):
    server = FaultServer({"/a": [Reply(200, b"first", {"ETag": '"v1"'})]})
    with server as base:
        downloads = Downloads(tmp_path, FAST)
        assert downloads.fetch("a.xml", base + "/a", "2024-01-01").read_bytes() == b"first"
        again = Downloads(tmp_path, FAST)
        again.fetch("a.xml", base + "/a", "2024-01-01")
        assert len(server.seen) == 1 and again.tally.unchanged == [base + "/a"]
        again.fetch("a.xml", base + "/a", "2024-02-01")
        assert server.seen[-1][1].get("If-None-Match") == '"v1"'


def test_a_log_line_cut_off_by_a_kill_is_ignored(tmp_path):
    (tmp_path / "a.xml").write_bytes(b"x")
    (tmp_path / LOG).write_text('{"path": "a.xml", "url": "http://h/a", "version": "1"}\n{"path": "b.x',
                                encoding="utf-8")
    downloads = Downloads(tmp_path, FAST)
    assert downloads.held("a.xml", "http://h/a", "1") and not downloads.held("b.xml", "http://h/b", None)


def test_a_failed_download_is_reported_with_its_url_and_nothing_is_written(tmp_path):
    with FaultServer({"/gone": [Reply(404, b"no")]}) as base:
        downloads = Downloads(tmp_path, FAST)
        assert downloads.fetch("gone.xml", base + "/gone", "1") is None
    assert downloads.tally.failed == [(base + "/gone", "HTTP 404 Not Found")]
    assert not (tmp_path / "gone.xml").exists()
