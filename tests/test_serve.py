"""`policykg serve` as a real process on 127.0.0.1 (a free port it picks itself) over the
real corpus: it stops on SIGTERM and Ctrl-C with nothing left running (its query
workers die with it even when it is killed), refuses updates and SERVICE (but not the
word in a string or comment), stops long queries and refuses large answers with clear
errors, speaks the SPARQL 1.1 protocol that `policykg query --endpoint` uses, and
has a query page with every named query. Every test stops what it started."""

from __future__ import annotations

import csv
import io
import json
import signal
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, URIRef
from rdflib.plugins.sparql.parser import parseQuery

from policykg.cli import main
from policykg.graph.curation import load_curation
from policykg.graph.ingest import ingest
from policykg.graph.queries import named_queries
from policykg.graph.store import Store
from policykg.loaders.safexml import parse_tree
from policykg.reference import ontology_graph
from policykg.site.query_checks import is_update, uses_service
from policykg.site.query_page import example_values

from .conftest import CORPUS, ROOT
from .served import Served, children, policykg_serve, running

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
# Runs far longer than any timeout of these tests (the store's triples, cubed).
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
SERVICE = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> Path:
    """The corpus with its curation, closed again (the server opens it read-only)."""
    path = tmp_path_factory.mktemp("served") / "store"
    with Store(path) as store:
        assert not ingest(store, [CORPUS]).failed
        load_curation(store, ROOT / "examples" / "curation" / "corpus.csv")
    return path


def port_open(port: int) -> bool:
    import socket
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", port)) == 0


@dataclass
class Reply:
    status: int
    content_type: str
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


def fetch(url: str, data: bytes | None = None, headers: dict[str, str] | None = None, timeout: float = 60) -> Reply:
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            return Reply(answer.status, answer.headers["Content-Type"], answer.read())
    except urllib.error.HTTPError as error:
        return Reply(error.code, error.headers["Content-Type"], error.read())


def sparql(base: str, query: str, accept: str = "application/sparql-results+json", timeout: float = 60) -> Reply:
    return fetch(f"{base}/sparql?" + urllib.parse.urlencode({"query": query}), headers={"Accept": accept},
                 timeout=timeout)


def count(base: str) -> int:
    reply = sparql(base, COUNT)
    assert reply.status == 200, reply.text
    return int(json.loads(reply.body)["results"]["bindings"][0]["n"]["value"])


@pytest.fixture(scope="module")
def server(store_dir, tmp_path_factory) -> Iterator[Served]:
    """One server for the tests that only ask: 2 s per query, 200 rows."""
    log = tmp_path_factory.mktemp("log") / "serve.log"
    with policykg_serve(store_dir, log, "--timeout", "2", "--max-rows", "200") as served:
        yield served


# --- the process ---------------------------------------------------------


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_stops_the_server_and_its_workers_even_mid_query(store_dir, tmp_path, stop):
    with policykg_serve(store_dir, tmp_path / "serve.log", "--timeout", "120") as served:
        workers = children(served.process.pid)
        assert len(workers) == 2 and all(running(pid) for pid in workers), "two query workers"
        busy = threading.Thread(target=_cut_off, args=(served.base,), daemon=True)
        busy.start()
        time.sleep(0.5)  # a worker is now deep in a query
        served.process.send_signal(stop)
        assert served.process.wait(timeout=20) == 0
        assert [pid for pid in workers if running(pid)] == [], "a worker outlived the server"
        assert not port_open(served.port)
        busy.join(timeout=10)
    assert "Traceback" not in (tmp_path / "serve.log").read_text(encoding="utf-8")


def _cut_off(base: str) -> None:
    """A query that the server's stop cuts off."""
    try:
        sparql(base, ENDLESS)
    except OSError:
        pass


def test_workers_die_with_a_killed_server(store_dir, tmp_path):
    with policykg_serve(store_dir, tmp_path / "serve.log") as served:
        workers = children(served.process.pid)
        assert workers
        served.process.kill()
        served.process.wait(timeout=10)
        deadline = time.monotonic() + 10
        while any(running(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert [pid for pid in workers if running(pid)] == [], "the parent-death signal did not stop a worker"


def test_a_taken_port_is_a_one_line_error(server, store_dir):
    result = CliRunner().invoke(main, ["serve", "--store", str(store_dir), "--port", str(server.port)])
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1].startswith(f"Error: cannot listen on 127.0.0.1:{server.port}: ")
    assert count(server.base) > 1000  # the first server still answers


def test_no_store_is_a_one_line_error(tmp_path):
    result = CliRunner().invoke(main, ["serve", "--store", str(tmp_path / "none")])
    assert result.exit_code == 1 and "no store at" in result.output and "Traceback" not in result.output


def test_the_store_is_opened_read_only_and_stays_readable_by_the_command_line(server, store_dir):
    result = CliRunner().invoke(main, ["query", "most-cited", "--store", str(store_dir), "--format", "csv"])
    assert result.exit_code == 0 and "kst-30950-295" in result.output  # no lock held by the server
    store = Store.read_only(store_dir)
    try:
        with pytest.raises(RuntimeError, match="read-write"):
            one = URIRef("urn:policykg:test")
            store.replace_graph(one, Graph().add((one, one, one)))
    finally:
        store.close()


# --- what the endpoint refuses -------------------------------------------


@pytest.mark.parametrize("query", [
    SERVICE,
    "select * where { service silent <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s a pkg:Letter .SERVICE<http://127.0.0.1:9/>{?s ?p ?o} }",
    "SELECT * WHERE { ?s ?p ?o FILTER(?s<?p&&?o>?s) SERVICE ?endpoint { ?s ?p ?o } }",
])
def test_service_is_refused(server, query):
    reply = sparql(server.base, query)
    assert reply.status == 403 and "SERVICE is refused" in reply.text and "--allow-federation" in reply.text


@pytest.mark.parametrize("query", [
    'SELECT ?s WHERE { ?s ?p "SERVICE <http://127.0.0.1:9/> { ?s ?p ?o }" }',
    "SELECT ?s WHERE { ?s ?p '''it's a SERVICE''' }",
    "SELECT ?s WHERE { ?s ?p ?o } # SERVICE <http://127.0.0.1:9/> { }\nLIMIT 1",
    "PREFIX ex: <http://example.org/SERVICE#> SELECT ?service WHERE { ?service ex:SERVICE ?o }",
    'SELECT ?s WHERE { ?s ?p "x"@service }',
])
def test_the_word_service_in_a_string_comment_iri_or_name_is_no_service(server, query):
    reply = sparql(server.base, query)
    assert reply.status == 200, reply.text
    assert "head" in json.loads(reply.body)


def test_the_service_check_agrees_with_rdflibs_parser():
    """On the queries rdflib reads, the tokens say SERVICE exactly where its parse tree has one."""
    queries = [SERVICE, 'SELECT * WHERE { ?s ?p "SERVICE <x:y> {}" }', "SELECT * WHERE { ?s ?p ?o } # SERVICE",
               "SELECT * WHERE { ?s <http://x/SERVICE> ?o }", "SELECT * { ?s ?p ?o SERVICE SILENT ?e { ?s ?p ?o } }",
               "PREFIX SERVICE: <http://x/> SELECT * { ?s SERVICE:p ?o }", "ASK { ?s ?p '''a\nSERVICE <x:y> {}''' }"]
    for query in queries + [q.text for q in named_queries().values() if "LATERAL" not in q.text]:
        assert uses_service(query) == ("ServiceGraphPattern" in repr(parseQuery(query))), query


# What can end a graph pattern just before a SERVICE clause, and the ways to glue them.
PATTERN_ENDS = ["?o", "true", "false", "1", "1.5", "()", "[]", '"x"', "'x'", '"x"^^<http://x>', '"x"@en',
                "?o FILTER(?o)", "?o FILTER isIRI(?s)", "?o FILTER EXISTS{?s ?p ?o}", "?o BIND(1 AS ?x)",
                "?o OPTIONAL{?s ?p ?o}", "?o MINUS{?a ?b ?c}", "?o .", "?o VALUES ?x {UNDEF}", "?o {?s ?p ?o}"]
GLUE = ["", " ", "\n", "\t", " # SERVICE\n", "/**/"]


@pytest.fixture(scope="module")
def judge():
    """Oxigraph in memory with a few triples, and a SERVICE URL on a closed port of
    127.0.0.1: ``judge(query)`` says whether Oxigraph calls the SERVICE (it fails at once)."""
    import socket

    import pyoxigraph as ox
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{s.getsockname()[1]}/"
    store = ox.Store()
    a, b, xsd = ox.NamedNode("http://a"), ox.NamedNode("http://b"), "http://www.w3.org/2001/XMLSchema#"
    for value, datatype in (("true", "boolean"), ("false", "boolean"), ("1", "integer"), ("1.5", "decimal")):
        store.add(ox.Quad(a, b, ox.Literal(value, datatype=ox.NamedNode(xsd + datatype))))
    for obj in (ox.Literal("x"), ox.Literal("x", language="en"), ox.Literal("x", datatype=ox.NamedNode("http://x")),
                ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#nil")):
        store.add(ox.Quad(a, b, obj))

    def calls(query: str) -> bool:
        try:
            list(store.query(query.replace("<CLOSED>", f"<{closed}>")))
        except OSError:
            return True
        except SyntaxError:
            return False
        return False
    return calls


def _judged(judge, queries) -> tuple[int, list[str]]:
    """How many of ``queries`` call their SERVICE, and those the check lets through."""
    called = [q for q in queries if judge(q)]
    return len(called), [q for q in called if not uses_service(q.replace("<CLOSED>", "<http://127.0.0.1:9/>"))]


def test_every_service_oxigraph_would_call_next_to_a_pattern_is_refused(judge):
    queries = [f"SELECT * WHERE {{ ?s ?p {end}{glue}{keyword}{gap}<CLOSED>{{ ?a ?b ?c }} }}"
               for end in PATTERN_ENDS for glue in GLUE for keyword in ("SERVICE", "service", "SeRvIcE")
               for gap in ("", " ")]
    called, missed = _judged(judge, queries)
    assert called > 300 and missed == []


# Fragments that may open a string or comment in one reading and not in another: an
# escape in an IRI (\u0027 is a quote to Oxigraph), a name, a string, a language tag.
HIDERS = ["FILTER(?o != <http://x/{e}{o}>)", "OPTIONAL {{ ?s ex:a{e}{o} ?x }}", "OPTIONAL {{ ?s ex:a{e} ?x }} # {o}",
          "FILTER(?o != '{e}{o}')", 'FILTER(?o != "{e}{o}")', "FILTER(?o != '''{e}{o}''')",
          'FILTER(?o != "x"@en{e}{o})', "OPTIONAL {{ ?s ?p _:b{e}{o} }}", "FILTER(?o != ?v{e}{o})",
          "FILTER(?o < <x{e}{o}>)"]
ESCAPES = ["\\u0027", "\\U00000027", "\\u0022", "\\u003E", "\\u003c", "\\u0023", "a", "\\'", '\\"',
           "\\\\", "%27"]
OPENERS = [("'", "#'"), ('"', '#"'), ("'''", "#'''"), ('"""', '#"""'), ("#", "")]


def test_no_string_comment_or_iri_hides_a_service_oxigraph_would_call(judge):
    queries = [f"PREFIX ex: <http://x/> SELECT * WHERE {{ ?s ?p ?o {hider.format(e=e, o=o)} "
               f"SERVICE <CLOSED> {{ ?a ?b ?c }} }} {close}"
               for hider in HIDERS for e in ESCAPES for o, close in OPENERS]
    called, missed = _judged(judge, queries)
    assert called > 100 and missed == []


def test_federation_works_when_allowed(store_dir, tmp_path):
    with policykg_serve(store_dir, tmp_path / "serve.log", "--allow-federation") as served:
        inner = "SELECT (COUNT(*) AS ?n) WHERE { ?d a <https://w3id.org/policykg/def#Letter> }"
        reply = sparql(served.base, f"SELECT ?n WHERE {{ SERVICE <{served.base}/sparql> {{ {inner} }} }}")
        assert reply.status == 200, reply.text
        assert json.loads(reply.body)["results"]["bindings"] == json.loads(sparql(served.base, inner).body)[
            "results"]["bindings"]


def test_updates_are_refused(server):
    before = count(server.base)
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    answers = [
        fetch(server.base + "/sparql", b"DROP ALL", {"Content-Type": "application/sparql-update"}),
        fetch(server.base + "/sparql", b"update=DROP%20ALL", form),
        fetch(server.base + "/update", b"update=DROP%20ALL", form),
        fetch(server.base + "/sparql", b"PREFIX a: <x:> DELETE WHERE { ?s ?p ?o }",
              {"Content-Type": "application/sparql-query"}),
        sparql(server.base, "INSERT DATA { <x:a> <x:b> <x:c> }"),
    ]
    assert [a.status for a in answers] == [403] * 5
    assert all("read-only" in a.text for a in answers)
    assert count(server.base) == before
    assert not is_update("SELECT ?insert WHERE { ?s <x:DROP> ?insert } # DELETE")


def test_a_long_query_is_stopped_with_a_clear_error_and_the_server_goes_on(server):
    started = time.monotonic()
    reply = sparql(server.base, ENDLESS)
    assert reply.status == 503 and time.monotonic() - started < 20
    assert "ran longer than 2 s" in reply.text and "--timeout" in reply.text
    assert count(server.base) > 1000  # a new worker took the stopped one's place


def test_a_large_answer_is_refused_with_a_clear_error(server):
    reply = sparql(server.base, "SELECT * WHERE { ?s ?p ?o }")
    assert reply.status == 413
    assert "more than 200 rows" in reply.text and "--max-rows" in reply.text and "LIMIT 200" in reply.text
    limited = sparql(server.base, "SELECT * WHERE { ?s ?p ?o } LIMIT 200")
    assert limited.status == 200 and len(json.loads(limited.body)["results"]["bindings"]) == 200


def test_a_syntax_error_is_a_400_with_the_parsers_message(server):
    reply = sparql(server.base, "SELECT * WHERE { ?s ?p }")
    assert reply.status == 400 and "error at 1:" in reply.text


# --- the SPARQL 1.1 protocol ---------------------------------------------


QUERY = """SELECT ?doc ?title WHERE { ?d a pkg:Letter ; pkg:identifier ?doc ; dcterms:title ?title }
ORDER BY ?doc"""


def test_every_result_format_gives_the_same_rows(server):
    as_json = json.loads(sparql(server.base, QUERY).body)
    rows = [(b["doc"]["value"], b["title"]["value"]) for b in as_json["results"]["bindings"]]
    assert len(rows) >= 3 and as_json["head"]["vars"] == ["doc", "title"]

    xml = parse_tree(sparql(server.base, QUERY, "application/sparql-results+xml").body)
    ns = "{http://www.w3.org/2005/sparql-results#}"
    assert [tuple(b.findtext(f"{ns}literal") for b in r.findall(f"{ns}binding"))
            for r in xml.iter(f"{ns}result")] == rows

    table = list(csv.reader(io.StringIO(sparql(server.base, QUERY, "text/csv").text)))
    assert table[0] == ["doc", "title"] and [tuple(r) for r in table[1:]] == rows

    tsv = sparql(server.base, QUERY, "text/tab-separated-values").text.splitlines()
    assert tsv[0] == "?doc\t?title" and [tuple(v[1:-1] for v in line.split("\t")) for line in tsv[1:]] == rows


def test_get_and_both_posts_give_the_same_answer(server):
    get = sparql(server.base, QUERY).body
    body = QUERY.encode("utf-8")
    direct = fetch(server.base + "/sparql", body, {"Content-Type": "application/sparql-query"}).body
    form = fetch(server.base + "/sparql", urllib.parse.urlencode({"query": QUERY}).encode(),
                 {"Content-Type": "application/x-www-form-urlencoded"}).body
    assert get == direct == form


def test_ask_and_construct(server):
    ask = sparql(server.base, "ASK { ?s a pkg:Motion }")
    assert json.loads(ask.body) == {"head": {}, "boolean": True}
    construct = sparql(server.base, "CONSTRUCT { ?d a pkg:Letter } WHERE { ?d a pkg:Letter }", "text/turtle")
    assert construct.content_type.startswith("text/turtle")
    assert len(Graph().parse(data=construct.text, format="turtle")) >= 3


def test_query_endpoint_gives_the_same_rows_as_the_local_store(server, store_dir):
    def rows(*where: str) -> list[str]:
        result = CliRunner().invoke(main, ["query", "citations", "--param", "doc=kst-30950-319", "--format", "csv",
                                           *where], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return sorted(result.output.splitlines())

    remote = rows("--endpoint", server.base + "/sparql")
    assert len(remote) > 10 and remote == rows("--store", str(store_dir))
    traced = CliRunner().invoke(main, ["trace", "kst-30950-295", "--endpoint", server.base + "/sparql"])
    assert traced.exit_code == 0 and "uitrol van het toetsingskader" in traced.output


# --- the query page ------------------------------------------------------


class Links(HTMLParser):
    def __init__(self, html: str):
        super().__init__()
        self.hrefs: list[str] = []
        self.inputs: dict[str, str] = {}
        self.textarea, self._in_textarea = "", False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        if tag == "a" and found.get("href"):
            self.hrefs.append(found["href"] or "")
        if tag == "input" and found.get("name"):
            self.inputs[found["name"] or ""] = found.get("value") or ""
        self._in_textarea = tag == "textarea"

    def handle_endtag(self, tag):
        self._in_textarea = False

    def handle_data(self, data):
        if self._in_textarea:
            self.textarea += data


def page(server: Served, path: str, **fields: str) -> Reply:
    query = "?" + urllib.parse.urlencode(fields) if fields else ""
    return fetch(server.base + path + query, headers={"Accept": "text/html"})


def test_the_query_page_lists_every_named_query_and_the_data_model(server):
    reply = page(server, "/query")
    assert reply.status == 200 and reply.content_type.startswith("text/html")
    links = Links(reply.text)
    assert {f"/query?name={name}" for name in named_queries()} <= set(links.hrefs)
    assert "/def" in links.hrefs
    for prefix in ("pkg", "pkgid", "oep"):
        assert f"PREFIX {prefix}: <" in links.textarea


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_each_named_query_runs_from_the_page_with_its_example_values(server, name):
    query = named_queries()[name]
    form = Links(page(server, "/query", name=name).text)
    assert form.textarea == query.text
    examples = example_values(query)
    assert all(examples.values()), f"a parameter of {name} has no example (e.g. ...) in its header"
    assert {k: form.inputs[f"param.{k}"] for k in query.params} == examples
    ran = page(server, "/query", name=name, query=form.textarea, **{f"param.{k}": v for k, v in examples.items()})
    assert ran.status == 200, ran.text
    if name not in ("dossier-motions", "motion-followup"):  # these need Open Data, not in the corpus
        assert '<table class="results">' in ran.text and "<td>" in ran.text


def test_result_iris_link_to_node_pages_and_terms_to_the_data_model(server):
    ran = page(server, "/query", query="SELECT ?d ?class WHERE { ?d a ?class ; pkg:identifier 'kst-30950-295' }")
    hrefs = Links(ran.text).hrefs
    assert "/doc/kst-30950-295" in hrefs and "/def#Motion" in hrefs
    assert page(server, "/doc/kst-30950-295").status == 200
    model = page(server, "/def")
    assert model.status == 200 and 'id="Motion"' in model.text.replace("'", '"')


def test_the_page_shows_errors_in_the_page(server):
    refused = page(server, "/query", query=SERVICE)
    assert refused.status == 403 and "SERVICE is refused" in refused.text and "<textarea" in refused.text
    hostile = page(server, "/query", query="SELECT ('<script>alert(1)</script>' AS ?x) WHERE {}")
    assert "<script>alert" not in hostile.text and "&lt;script&gt;" in hostile.text


def test_a_sparql_client_at_query_gets_results_a_browser_the_page(server):
    client = fetch(server.base + "/query?" + urllib.parse.urlencode({"query": COUNT}),
                   headers={"Accept": "application/sparql-results+json"})
    assert client.content_type.startswith("application/sparql-results+json")
    browser = page(server, "/query", query=COUNT)
    assert browser.content_type.startswith("text/html") and '<table class="results">' in browser.text


def test_the_ontology_is_served_as_turtle(server):
    for reply in (fetch(server.base + "/ontology.ttl"), fetch(server.base + "/def", headers={"Accept": "text/turtle"})):
        assert reply.status == 200 and reply.content_type.startswith("text/turtle")
        assert Graph().parse(data=reply.text, format="turtle").isomorphic(ontology_graph())


# --- node pages through the server (the pages themselves: tests/test_pages.py) ---


def test_node_urls_answer_html_or_rdf_by_accept(server):
    html = fetch(server.base + "/doc/kst-30950-295", headers={"Accept": "text/html"})
    assert html.status == 200 and "kst-30950-295" in html.text
    turtle = fetch(server.base + "/doc/kst-30950-295", headers={"Accept": "text/turtle"})
    assert turtle.content_type.startswith("text/turtle") and len(Graph().parse(data=turtle.text, format="turtle"))
    jsonld = fetch(server.base + "/?" + urllib.parse.urlencode({"iri": "https://zoek.officielebekendmakingen.nl/"
                                                                       "kst-30950-295"}),
                   headers={"Accept": "application/ld+json"})
    assert jsonld.content_type.startswith("application/ld+json") and json.loads(jsonld.body)
    assert fetch(server.base + "/doc/kst-30950-295?format=turtle").content_type.startswith("text/turtle")
    assert fetch(server.base + "/doc/kst-99999-1").status == 404
    assert fetch(server.base + "/nothing/here").status == 404
    assert "Westerveld" in fetch(server.base + "/search?q=westerveld").text
    assert "Dossier" in fetch(server.base + "/").text
