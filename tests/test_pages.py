"""The site's pages (policykg/site) on the real corpus store with its curation:
node pages with quotes and file:line, traces, the curators' word, search, the
front page, RDF descriptions, paths, and escaping of hostile text."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef

from policykg import resources
from policykg.graph import iris
from policykg.graph.curation import load_curation
from policykg.graph.ingest import ingest
from policykg.graph.push import graphs_to_push, push_graphs
from policykg.graph.remote import RemoteStore, without_lateral
from policykg.graph.store import Store
from policykg.namespaces import PKG
from policykg.site.layout import node_href, node_link
from policykg.site.pages import (
    front_page,
    iri_for_path,
    iri_from_text,
    node_page,
    node_rdf,
    search_page,
)

ROOT = Path(__file__).resolve().parent.parent
OEP = "https://zoek.officielebekendmakingen.nl/"
PKGID = "https://w3id.org/policykg/id/"
MOTION = URIRef(OEP + "kst-30950-295")
LETTER_FILE = "2022-10-21_kst-30950-319_reactie-amnesty-discriminerende-risicoprofielen.md"
MEASURE = URIRef(PKGID + "measure/kst-30950-319/uitrol-van-het-toetsingskader")
VOID = {"meta", "input", "br", "img", "link", "hr"}
BLOCKS = {"p", "li", "ul", "ol", "td", "th", "tr", "dt", "dd", "blockquote", "table", "header", "main", "form"}


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Store:
    """The corpus with its curation file, as `make demo` builds it."""
    store = Store(tmp_path_factory.mktemp("site") / "store")
    assert not ingest(store, [ROOT / "examples" / "corpus"]).failed
    load_curation(store, ROOT / "examples" / "curation" / "corpus.csv")
    return store


class Page(HTMLParser):
    """A page read back: its text per section (the h1, then each h2), its links,
    and whether every element that was opened was closed."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.sections: dict[str, list[str]] = {"": []}
        self.links: dict[str, list[str]] = {"": []}
        self.current, self.stack, self.in_heading, self.heading = "", [], False, ""
        self.unbalanced: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append(tag)
        if tag in BLOCKS:
            self.handle_data(" ")
        if tag in ("h1", "h2"):
            self.in_heading, self.heading = True, ""
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.links.setdefault(self.current, []).append(href)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.unbalanced.append(tag)
        else:
            self.stack.pop()
        if tag in ("h1", "h2"):
            self.in_heading = False
            self.current = self.heading.strip() if tag == "h2" else ""
            self.sections.setdefault(self.current, []).append(self.heading if tag == "h1" else "")
            self.links.setdefault(self.current, [])

    def handle_data(self, data):
        if self.in_heading:
            self.heading += data
        else:
            self.sections.setdefault(self.current, []).append(data)

    def text(self, section: str) -> str:
        return " ".join("".join(self.sections[section]).split())


def read(html: str | None) -> Page:
    assert html is not None
    page = Page(html)
    assert page.unbalanced == [] and page.stack == [], (page.unbalanced, page.stack)
    return page


# --- node pages ----------------------------------------------------------


def test_the_page_of_a_motion_shows_its_type_who_cites_it_with_quotes_and_its_trace(store):
    page = read(node_page(store, MOTION))
    top = page.text("")
    assert "Motion" in top and "kst-30950-295" in top and str(MOTION) in top
    cited_by = page.text("Cited by")
    assert "BRIEF VAN DE MINISTER VAN BINNENLANDSE ZAKEN EN KONINKRIJKSRELATIES" in cited_by
    assert "Kamerstuk 30 950, nr. 295" in cited_by and f"{LETTER_FILE}:26" in cited_by
    assert "/doc/kst-30950-319" in page.links["Cited by"]
    trace = page.text("Trace: what followed")
    assert "cited by" in trace and "led to" in trace and "uitrol van het toetsingskader" in trace
    assert node_href(str(MEASURE)) in page.links["Trace: what followed"]
    assert "/id/person/westerveld" in page.links["Relations"]
    assert "/doc/dossier/30950" in page.links["Relations"]
    assert node_href(str(PKG.Motion)) in page.links[""]  # its class, whose page lists the motions
    motions = read(node_page(store, PKG.Motion))
    assert "/doc/kst-30950-295" in motions.links["Referred to by"] and "motie" in motions.text("")


def test_the_page_of_a_measure_shows_where_it_came_from_and_who_carries_it(store):
    page = read(node_page(store, MEASURE))
    assert "Measure" in page.text("") and "uitrol van het toetsingskader" in page.text("")
    referred = page.text("Referred to by")
    assert "led to" in referred and "announces" in referred and "responsible for" in referred
    assert {"/doc/kst-30950-295", "/doc/kst-30950-319", "/id/org/bzk"} <= set(page.links["Referred to by"])
    assert "/id/instrument/toetsingskader-risicoprofielen" in page.links["Relations"]
    assert f"{LETTER_FILE}:26" in page.text("Relations")


def test_a_curated_edge_shows_the_curator_and_the_note(store):
    ncdr = URIRef(PKGID + "org/ncdr")
    page = read(node_page(store, ncdr))
    referred = page.text("Referred to by")
    assert "asserted by policykg maintainers" in referred
    word = page.text("The curators' word")
    assert "policykg maintainers asserts" in word and "szw-2020-0000148620, line 100" in word
    assert node_href(str(ncdr)) in page.links["The curators' word"]


def test_a_document_page_shows_what_it_cites_and_its_dates(store):
    page = read(node_page(store, URIRef(OEP + "kst-30950-319")))
    assert "2022-10-21" in page.text("")
    assert "/doc/kst-30950-295" in page.links["Cites"]
    assert f"{LETTER_FILE}:26" in page.text("Cites")
    # what a curator asserted this letter answers
    assert "asserted by policykg maintainers" in page.text("Relations")


def test_a_node_the_store_does_not_know_has_no_page(store):
    for iri in (URIRef(OEP + "kst-99999-1"), URIRef(PKGID + "person/nobody"), URIRef("https://example.org/x")):
        assert node_page(store, iri) is None
        assert node_rdf(store, iri, "turtle") is None


def test_a_rejected_fact_is_shown_struck_through_with_the_curator(tmp_path):
    store = Store(tmp_path / "store")
    assert not ingest(store, [ROOT / "examples" / "corpus" / LETTER_FILE]).failed
    csv = tmp_path / "review.csv"
    csv.write_text("action,subject,relation,object,curator,note\n"
                   "reject,kst-30950-319,cites,kst-30950-295,A. Reviewer,<not> a citation & \"wrong\"\n",
                   encoding="utf-8")
    load_curation(store, csv)
    html = node_page(store, MOTION)
    page = read(html)
    assert "rejected by A. Reviewer: <not> a citation & \"wrong\"" in page.text("Cited by")
    assert "A. Reviewer rejects" in page.text("The curators' word")
    assert '<td class="rejected"><a href="/doc/kst-30950-319">' in html


def test_an_iri_parameter_must_be_an_absolute_iri(store):
    assert iri_from_text(str(MOTION)) == MOTION
    assert iri_from_text("urn:isbn:9789012345678") == URIRef("urn:isbn:9789012345678")
    for text in ("", "kst-30950-295", "https://x y", 'https://a/"><script>', "https://a/<b>", "//no-scheme"):
        assert iri_from_text(text) is None, text
        assert node_page(store, URIRef(text)) is None
        assert node_rdf(store, URIRef(text), "turtle") is None


# --- RDF -----------------------------------------------------------------


@pytest.mark.parametrize("fmt,parser", [("turtle", "turtle"), ("json-ld", "json-ld")])
def test_the_rdf_description_parses_and_holds_the_node_and_its_evidence(store, fmt, parser):
    data = node_rdf(store, MOTION, fmt)
    assert data is not None
    graph = Graph().parse(data=data.decode("utf-8"), format=parser)
    letter = URIRef(OEP + "kst-30950-319")
    assert (MOTION, RDF.type, PKG.Motion) in graph
    assert (MOTION, PKG.identifier, Literal("kst-30950-295")) in graph
    assert (MOTION, PKG.submittedBy, URIRef(PKGID + "person/westerveld")) in graph
    assert (letter, PKG.cites, MOTION) in graph
    evidence = set(graph.subjects(RDF.object, MOTION)) & set(graph.subjects(RDF.predicate, PKG.cites))
    assert evidence, "no evidence record of the citation"
    quotes = {str(graph.value(e, PKG.quote)) for e in evidence}
    assert "Kamerstuk 30 950, nr. 295" in quotes
    assert {graph.value(e, PKG.sourceDocument) for e in evidence} == {letter}
    if fmt == "json-ld":
        assert isinstance(json.loads(data), (list, dict))


def test_the_rdf_description_of_a_curated_fact_holds_the_assertion(store):
    data = node_rdf(store, URIRef(PKGID + "org/ncdr"), "turtle")
    assert data is not None
    graph = Graph().parse(data=data.decode("utf-8"), format="turtle")
    assertions = set(graph.subjects(RDF.type, PKG.Assertion))
    assert len(assertions) == 1
    assert graph.value(next(iter(assertions)), PKG.curator) == URIRef(PKGID + "person/policykg-maintainers")


def test_an_unknown_rdf_format_is_refused(store):
    with pytest.raises(ValueError, match="unknown RDF format"):
        node_rdf(store, MOTION, "rdfxml")


# --- search and the front page -------------------------------------------


def found(html: str) -> list[str]:
    """The links of a search page's results (the header's links left out)."""
    return [link for link in read(html).links[""] if link not in ("/", "/query", "/def")]


def test_search_finds_a_node_by_id_and_by_name(store):
    assert found(search_page(store, "kst-30950-295"))[0] == "/doc/kst-30950-295"
    assert found(search_page(store, "oep:kst-30950-295"))[0] == "/doc/kst-30950-295"
    assert found(search_page(store, "Westerveld"))[0] == "/id/person/westerveld"
    assert found(search_page(store, " westerveld "))[0] == "/id/person/westerveld"
    assert {node_href(str(MEASURE)), "/id/instrument/toetsingskader-risicoprofielen"} <= set(
        found(search_page(store, "Toetsingskader")))
    # names that start with the text first
    ranked = found(search_page(store, "aanpak"))
    assert ranked.index("/id/doc/bzk-2023-0000048297") < ranked.index(
        "/id/measure/szw-2020-0000148620/versterking-van-de-gezamenlijke-aanpak-van-racisme-en-discriminatie")
    nothing = read(search_page(store, "no such thing anywhere"))
    assert "Nothing in the store is called no such thing anywhere" in nothing.text("")
    assert found(search_page(store, "no such thing anywhere")) == []
    long = "Westerveld" + " x" * 100_000
    cut = search_page(store, long)
    assert "Search: Westerveld x x" in read(cut).text("") and len(cut) < 20_000  # the text cut to 200 characters


def test_the_front_page_shows_counts_dossiers_documents_and_the_most_cited(store):
    page = read(front_page(store))
    assert "/doc/dossier/30950" in page.links["Dossiers"]
    assert "Racisme en Discriminatie" in page.text("Dossiers")
    assert {"/doc/kst-30950-319", "/id/doc/bzk-2023-0000048297"} <= set(page.links["Documents"])
    assert page.links["Most cited"]
    holds = page.text("What the store holds")
    assert "source documents 5" in holds and "motions" in holds
    assert any(link.startswith("/search") or link == "/" for link in page.links[""])


def test_an_empty_store_has_a_front_page_and_finds_nothing(tmp_path):
    store = Store(tmp_path / "store")
    page = read(front_page(store))
    assert "quads 0" in page.text("What the store holds")
    assert "Dossiers" not in page.sections and "Most cited" not in page.sections
    assert found(search_page(store, "kst-30950-295")) == []
    assert "Type a name or an id" in read(search_page(store, "   ")).text("")


# --- paths and links -----------------------------------------------------


@pytest.mark.parametrize("path,iri", [
    ("/doc/kst-30950-295", OEP + "kst-30950-295"),
    ("/doc/dossier/30950", OEP + "dossier/30950"),
    ("/id/person/van-baarle", PKGID + "person/van-baarle"),
    ("/id/undertaking/TZ202412-116", PKGID + "undertaking/TZ202412-116"),
    ("/id/measure/kst-30950-319/uitrol-van-het-toetsingskader", str(MEASURE)),
    ("/id/person/van%2Dbaarle", PKGID + "person/van-baarle"),
])
def test_a_path_names_its_node(path, iri):
    assert iri_for_path(path) == URIRef(iri)


@pytest.mark.parametrize("path", [
    "/doc/", "/id/", "/id//x", "/id/person/", "/id/../graph/x", "/id/person/../../x", "/doc/kst 1",
    "/doc/kst-1?x=1", "/id/a%2F..%2Fb", "/id/<script>", '/doc/"x"', "/other/kst-1", "/", "/id/a%zz",
    "/doc/kst-1#frag", "/id/" + "a" * 300,
])
def test_a_malformed_path_names_nothing(path):
    assert iri_for_path(path) is None


def test_links_go_to_the_node_pages():
    assert node_href(OEP + "kst-30950-295") == "/doc/kst-30950-295"
    assert node_href(PKGID + "person/van-baarle") == "/id/person/van-baarle"
    assert node_href("https://wetten.overheid.nl/BWBR0001840") == "/?iri=https%3A%2F%2Fwetten.overheid.nl%2FBWBR0001840"
    assert iri_for_path(node_href(str(MEASURE))) == MEASURE
    assert node_link('https://example.org/"><script>', "<b>") == (
        '<a href="/?iri=https%3A%2F%2Fexample.org%2F%22%3E%3Cscript%3E">&lt;b&gt;</a>')


# --- hostile text --------------------------------------------------------

HOSTILE = '<script>alert("x")</script> \'quoted\' & "more"'


def test_hostile_text_in_labels_quotes_and_search_is_escaped(tmp_path):
    store = Store(tmp_path / "store")
    g = Graph()
    doc, target = iris.document("kst-11111-1"), iris.document("kst-22222-2")
    evidence = iris.evidence("kst-11111-1", "hostile")
    g.add((doc, RDF.type, PKG.Letter))
    g.add((doc, RDFS.label, Literal(HOSTILE)))
    g.add((doc, PKG.identifier, Literal("kst-11111-1")))
    g.add((doc, PKG.cites, target))
    g.add((doc, PKG.sourceFile, Literal('<img src=x onerror="alert(1)">.txt')))
    for p, o in ((RDF.type, PKG.Evidence), (RDF.subject, doc), (RDF.predicate, PKG.cites), (RDF.object, target),
                 (PKG.quote, Literal(HOSTILE)), (PKG.line, Literal(3)), (PKG.rule, Literal("<rule>")),
                 (PKG.sourceDocument, doc)):
        g.add((evidence, p, o))
    store.replace_graph(iris.named_graph("hostile"), g)
    pages = [node_page(store, doc), node_page(store, target), search_page(store, "script"),
             search_page(store, HOSTILE), front_page(store)]
    for html in pages:
        assert html is not None
        assert "<script>" not in html and "onerror=\"" not in html and "<rule>" not in html
        read(html)
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &#x27;quoted&#x27; &amp; &quot;more&quot;" in pages[0]
    cited = read(pages[1])
    assert HOSTILE in cited.text("Cited by")  # shown as the text it is
    assert "/doc/kst-11111-1" in found(pages[2])


# --- the same pages from a remote store ------------------------------------


def _oxigraph() -> str:
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if not found:
        pytest.skip("the oxigraph server is not installed (pip install oxigraph)")
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def remote(store, tmp_path_factory):
    """The corpus store pushed to a real Oxigraph server on 127.0.0.1 (stopped after)."""
    port = _free_port()
    process = subprocess.Popen([_oxigraph(), "serve", "--location", str(tmp_path_factory.mktemp("server")),
                                "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            assert process.poll() is None, "the oxigraph server exited"
            try:
                urllib.request.urlopen(base + "/", timeout=1)
                break
            except urllib.error.HTTPError:
                break  # it answers
            except OSError:
                assert time.monotonic() < deadline, "the oxigraph server did not answer in 20 s"
                time.sleep(0.1)
        remote = RemoteStore(base + "/query", base + "/update")
        push_graphs(store, remote, graphs_to_push(store))
        yield RemoteStore(base + "/query")
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_a_remote_store_gives_the_same_pages(store, remote):
    for iri in (MOTION, MEASURE, URIRef(OEP + "kst-30950-319"), URIRef(PKGID + "person/westerveld")):
        assert node_page(remote, iri) == node_page(store, iri), iri
        local_rdf, remote_rdf = node_rdf(store, iri, "turtle"), node_rdf(remote, iri, "turtle")
        assert local_rdf is not None and remote_rdf is not None
        local_graph = Graph().parse(data=local_rdf.decode("utf-8"), format="turtle")
        assert set(Graph().parse(data=remote_rdf.decode("utf-8"), format="turtle")) == set(local_graph)
    for text in ("kst-30950-295", "Westerveld", "racisme"):
        assert search_page(remote, text) == search_page(store, text)
    assert front_page(remote) == front_page(store)
    assert node_page(remote, URIRef(OEP + "kst-99999-1")) is None


def test_a_remote_store_gives_the_same_trace_of_a_curated_step(store, remote):
    ncdr = URIRef(PKGID + "org/ncdr")
    assert "asserted by policykg maintainers" in read(node_page(store, ncdr)).text("Trace: what followed")
    assert node_page(remote, ncdr) == node_page(store, ncdr)


@pytest.mark.parametrize("name", ["node-evidence", "node-records"])
def test_lookup_queries_without_lateral_give_the_same_rows(store, name):
    query = resources.lookup_query(name)
    plain = without_lateral(query)
    assert "LATERAL {" in query and "LATERAL {" not in plain
    for iri in (MOTION, MEASURE, URIRef(PKGID + "org/ncdr")):
        rows = store.query(query, {"node": iri}).rows
        assert rows and rows == store.query(plain, {"node": iri}).rows
