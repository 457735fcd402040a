"""The site in a real browser: Debian's headless Chromium (tests/browser.py) on
`policykg serve` over the corpus. A researcher's path: the front page, a search, a
node page with its quotes and file:line, and a named query run from the query page.
Skipped with the reason where Chromium or its driver is not installed."""

from __future__ import annotations

import re
import struct
from collections.abc import Iterator

import pytest

from policykg.graph.curation import load_curation
from policykg.graph.ingest import ingest
from policykg.graph.store import Store

from .browser import CHROMEDRIVER, CHROMIUM, MISSING, chromium
from .conftest import CORPUS, ROOT
from .served import Served, policykg_serve

pytestmark = pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason=MISSING)

FILE_LINE = re.compile(r"\.(?:md|txt|xml|pdf|docx|json|csv):\d+")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[Served]:
    """`policykg serve` over the corpus with its curation; stopped at the end."""
    folder = tmp_path_factory.mktemp("site")
    with Store(folder / "store") as store:
        assert not ingest(store, [CORPUS]).failed
        load_curation(store, ROOT / "examples" / "curation" / "corpus.csv")
    with policykg_serve(folder / "store", folder / "serve.log") as served:
        yield served


@pytest.fixture(scope="module")
def browser() -> Iterator:
    with chromium() as driver:
        yield driver


def _by(kind: str):
    from selenium.webdriver.common.by import By
    return getattr(By, kind)


def navigate(browser, act) -> None:
    """Run ``act`` (a click, a submit) and wait until the browser shows the next page,
    so no element of the old page is read after it."""
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.wait import WebDriverWait

    old = browser.find_element(_by("TAG_NAME"), "html")
    act()
    WebDriverWait(browser, 30).until(expected_conditions.staleness_of(old))
    WebDriverWait(browser, 30).until(lambda b: b.execute_script("return document.readyState") == "complete")


def click(browser, element) -> None:
    navigate(browser, element.click)


def search(browser, text: str) -> None:
    """Type ``text`` into the header's search box and submit it, as a reader would."""
    box = browser.find_element(_by("CSS_SELECTOR"), "header input[type=search]")
    box.clear()
    box.send_keys(text)
    navigate(browser, box.submit)


def test_the_front_page_offers_search_dossiers_and_documents(site, browser):
    browser.get(site.base + "/")
    assert "policykg" in browser.title
    headings = [h.text for h in browser.find_elements(_by("TAG_NAME"), "h2")]
    assert {"Dossiers", "Documents", "Most cited"} <= set(headings)
    dossiers = [a.text for a in browser.find_elements(_by("CSS_SELECTOR"), "a[href^='/doc/dossier/']")]
    assert "Dossier 30950" in dossiers


def test_a_search_by_id_leads_to_the_node_page_with_its_quotes(site, browser):
    browser.get(site.base + "/")
    search(browser, "kst-30950-295")
    assert "/search?q=kst-30950-295" in browser.current_url
    click(browser, browser.find_element(_by("CSS_SELECTOR"), "main a[href='/doc/kst-30950-295']"))
    assert browser.current_url == site.base + "/doc/kst-30950-295"
    assert browser.find_element(_by("TAG_NAME"), "h1").text == "kst-30950-295"
    types = [t.text for t in browser.find_elements(_by("CSS_SELECTOR"), "main .type")]
    assert any(t.startswith("Motion") for t in types)
    quotes = [q.text for q in browser.find_elements(_by("CSS_SELECTOR"), "blockquote q")]
    assert any("Kamerstuk 30 950, nr. 295" in q for q in quotes)
    places = [w.text for w in browser.find_elements(_by("CSS_SELECTOR"), "blockquote .where")]
    assert places and all(FILE_LINE.search(p) for p in places), places


def test_a_search_by_name_finds_the_submitter_and_a_click_follows_a_link(site, browser):
    browser.get(site.base + "/")
    search(browser, "Westerveld")
    click(browser, browser.find_element(_by("LINK_TEXT"), "Westerveld"))
    assert browser.current_url.endswith("/id/person/westerveld")
    assert browser.find_element(_by("TAG_NAME"), "h1").text
    motion_links = browser.find_elements(_by("CSS_SELECTOR"), "main a[href^='/doc/kst-']")
    assert motion_links, "a submitter's page links to the motions"
    target = motion_links[0].get_attribute("href")
    click(browser, motion_links[0])
    assert browser.current_url == target


def test_the_query_page_runs_a_named_query_with_its_parameter(site, browser):
    browser.get(site.base + "/query")
    click(browser, browser.find_element(_by("CSS_SELECTOR"), "a[href='/query?name=citations']"))
    parameter = browser.find_element(_by("NAME"), "param.doc")
    parameter.clear()
    parameter.send_keys("kst-30950-319")
    click(browser, browser.find_element(_by("CSS_SELECTOR"), "form.query-form button[type=submit]"))
    rows = browser.find_elements(_by("CSS_SELECTOR"), "main table tbody tr")
    assert len(rows) >= 5, browser.find_element(_by("TAG_NAME"), "main").text[:2000]
    cells = [row.text for row in rows]
    assert any("kst-30950-295" in c and "Kamerstuk 30 950, nr. 295" in c for c in cells), cells
    count = browser.find_element(_by("CSS_SELECTOR"), "main p.count").text
    assert count.startswith(f"{len(rows)} rows")


def test_an_unknown_node_is_a_page_that_says_so(site, browser):
    browser.get(site.base + "/doc/kst-99999-1")
    text = browser.find_element(_by("TAG_NAME"), "body").text
    assert "kst-99999-1" in text and "not" in text.lower()


def test_a_node_page_renders_to_a_screenshot(site, browser, tmp_path):
    """The README's picture is taken the same way (tests/site_screenshot.py)."""
    shot = tmp_path / "node.png"
    browser.get(site.base + "/doc/kst-30950-295")
    assert browser.save_screenshot(str(shot))
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert width >= 600 and height >= 400
    assert len(data) > 20_000, "a rendered page, not a blank one"
