"""Same answers on every store: the sample corpus with its Open Data and curation,
in the embedded store, pushed to an Oxigraph server (``--union-default-graph``) and
to Virtuoso Open Source, all on 127.0.0.1. Every named query with the corpus's
parameters, trace, validate, export and stats must give identical results: rows
as multisets, and in the same order as far as the query's ORDER BY decides it."""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import RDFS, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic, to_isomorphic

from policykg.cli import main, oxigraph_binary
from policykg.errors import RemoteError
from policykg.graph import network
from policykg.graph.backend import GraphStore, QueryResult
from policykg.graph.curation import load_curation
from policykg.graph.export import citation_network, export_network, write_rdf
from policykg.graph.ingest import ingest
from policykg.graph.network import Cut
from policykg.graph.push import DEFAULT_BATCH, push_graphs
from policykg.graph.queries import named_queries, run_query
from policykg.graph.remote import AnswerCutOff, RemoteStore, bind, without_lateral
from policykg.graph.stats import graph_stats
from policykg.graph.store import Store
from policykg.graph.trace import render_json, trace
from policykg.graph.validate import validate_store

from . import virtuoso_server
from .conftest import CORPUS, ROOT
from .virtuoso_server import free_port, stop, wait_until_answers

OPEN_DATA = ROOT / "tests" / "fixtures" / "tk"
CURATION = ROOT / "examples" / "curation" / "corpus.csv"
KST_295 = "https://zoek.officielebekendmakingen.nl/kst-30950-295"

# The corpus's parameters: the examples of the queries' `# param:` headers, as the
# README and `make demo` run them.
PARAMETERS: dict[str, dict[str, str]] = {
    "citations": {"doc": "kst-30950-319"}, "cited-by": {"doc": "kst-30950-295"},
    "documents": {}, "dossier-motions": {"dossier": "30950"},
    "mentions-over-time": {"concept": "NCDR"}, "most-cited": {},
    "motion-followup": {"dossier": "30950"}, "motion-measures": {}, "motions": {"dossier": "30950"},
    "node": {"node": KST_295}, "timeline": {"concept": "Staatscommissie"},
    "trace-edges": {"node": KST_295, "curation": "include"},
    "trace-motion": {"motion": "kst-30950-295"}, "unresolved-references": {},
}
# More parameter values that select other rows (and other branches of the queries).
MORE_PARAMETERS: list[tuple[str, dict[str, str]]] = [
    ("mentions-over-time", {"concept": "Staatscommissie"}), ("timeline", {"concept": "NCDR"}),
    ("timeline", {"concept": "toetsingskader"}), ("motion-measures", {"motion": "kst-30950-295"}),
    ("motions", {}), ("citations", {"doc": "2025-01-beslisnota-kabinetsreactie-amnesty-etnisch-profileren"}),
    ("cited-by", {"doc": "BWBR0001840"}),
    ("trace-edges", {"node": KST_295, "curation": "exclude"}),
    ("trace-motion", {"motion": "kst-35510-21"}),
]
REMOTES = ("oxigraph", "virtuoso")


@pytest.fixture(scope="session")
def parity_store(tmp_path_factory) -> Store:
    """The corpus, its Open Data motions and undertakings, and its curation."""
    store = Store(tmp_path_factory.mktemp("parity") / "store")
    report = ingest(store, [CORPUS, OPEN_DATA])
    assert not report.failed, report.failed
    assert load_curation(store, CURATION) > 0
    return store


@pytest.fixture(scope="session")
def cli_store(tmp_path_factory) -> Path:
    """The same corpus loaded by the command line, in a store no test holds open."""
    path = tmp_path_factory.mktemp("parity-cli") / "store"
    for args in (["ingest", "--quiet", str(CORPUS), str(OPEN_DATA)], ["curate", str(CURATION)]):
        CliRunner().invoke(main, [*args, "--store", str(path)], catch_exceptions=False)
    return path


def _pushed(local: Store, endpoint: str) -> RemoteStore:
    remote = RemoteStore(endpoint, endpoint.replace("/query", "/update"))
    assert push_graphs(local, remote, local.graph_names()) > 0
    return remote


@pytest.fixture(scope="session")
def oxigraph_store(tmp_path_factory, parity_store):
    port = free_port()
    process = subprocess.Popen(
        [oxigraph_binary(), "serve", "--location", str(tmp_path_factory.mktemp("oxigraph") / "db"),
         "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        wait_until_answers(f"http://127.0.0.1:{port}/", process)
        yield _pushed(parity_store, f"http://127.0.0.1:{port}/query")
    finally:
        stop(process)


@pytest.fixture(scope="session")
def virtuoso_store(virtuoso, parity_store):
    return _pushed(parity_store, virtuoso.endpoint)


@pytest.fixture(params=REMOTES)
def remote(request) -> GraphStore:
    return request.getfixturevalue(f"{request.param}_store")


def _order_keys(sparql: str, result: QueryResult) -> list[int]:
    """The columns the outermost ORDER BY sorts by (those projected)."""
    modifiers = sparql[sparql.rindex("}"):]
    order = re.search(r"ORDER\s+BY(.*?)(?:LIMIT|OFFSET|$)", modifiers, re.S | re.I)
    if not order:
        return []
    names = re.findall(r"[?$](\w+)", order.group(1))
    return [result.variables.index(n) for n in dict.fromkeys(names) if n in result.variables]


def assert_same_rows(sparql: str, expected: QueryResult, actual: QueryResult, where: str) -> None:
    assert actual.variables == expected.variables, where
    assert actual.boolean == expected.boolean, where
    missing = Counter(expected.rows) - Counter(actual.rows)
    extra = Counter(actual.rows) - Counter(expected.rows)
    assert not missing and not extra, f"{where}: missing {list(missing)[:3]}, extra {list(extra)[:3]}"
    keys = _order_keys(sparql, expected)
    if keys:
        order = [[row[k] for k in keys] for row in expected.rows]
        assert [[row[k] for k in keys] for row in actual.rows] == order, f"{where}: rows in another order"
    elif re.search(r"ORDER\s+BY", sparql[sparql.rindex("}"):], re.I):  # by what it does not project
        assert actual.rows == expected.rows, f"{where}: rows in another order"


def _cases() -> list[tuple[str, dict[str, str]]]:
    return sorted(PARAMETERS.items()) + MORE_PARAMETERS


def test_every_named_query_has_its_parameters_here():
    assert sorted(PARAMETERS) == sorted(named_queries())
    for name, query in named_queries().items():
        required = {p for p, (needed, _) in query.params.items() if needed}
        assert required <= set(PARAMETERS[name]), name


@pytest.mark.parametrize(("name", "params"), _cases(), ids=[f"{n}-{'-'.join(p.values())}" for n, p in _cases()])
def test_named_query_gives_the_same_rows(parity_store, remote, name, params):
    expected = run_query(parity_store, name, params)
    assert expected.rows, f"{name} {params}: no rows on the local store, nothing compared"
    actual = run_query(remote, name, params)
    assert_same_rows(named_queries()[name].text, expected, actual, f"{name} {params} on {remote.path}")


@pytest.mark.parametrize("name", ["documents", "most-cited", "unresolved-references", "motions"])
def test_a_page_is_the_same_on_every_store(parity_store, remote, name):
    """A page is cut in the sub-select by the rows' order keys (decimals every store keeps)."""
    page = run_query(parity_store, name, limit=3, offset=2)
    assert len(page.rows) == 3 and page.more
    assert run_query(remote, name, limit=3, offset=2) == page


@pytest.mark.parametrize("name", ["timeline", "mentions-over-time"])
def test_a_parameter_filters_on_every_store(parity_store, remote, name):
    rows = run_query(remote, name, {"concept": "Staatscommissie"}).rows
    assert rows and rows == run_query(parity_store, name, {"concept": "Staatscommissie"}).rows
    assert {str(r[0]) for r in rows} == {"Staatscommissie"}
    other = run_query(remote, name, {"concept": "NCDR"}).rows
    assert other and not set(other) & set(rows)  # another value, other rows
    assert run_query(remote, name, {"concept": "no such concept"}).rows == []


def test_cited_by_lists_each_citation_once(parity_store, remote):
    rows = run_query(remote, "cited-by", {"doc": "kst-30950-295"}).rows
    assert rows and len(rows) == len(set(rows))
    assert sorted(rows) == sorted(run_query(parity_store, "cited-by", {"doc": "kst-30950-295"}).rows)


@pytest.mark.parametrize("identifier", ["kst-30950-295", "kst-30950-293", "debat 2020-07-01"])
@pytest.mark.parametrize("curation", ["include", "exclude"])
def test_trace_is_the_same(parity_store, remote, identifier, curation):
    expected = render_json(trace(parity_store, identifier, curation=curation))
    assert render_json(trace(remote, identifier, curation=curation)) == expected


def test_the_curated_step_is_traced_remotely(remote):
    assert "'curator': 'policykg maintainers'" in str(trace(remote, "debat 2020-07-01").as_dict())


@pytest.mark.parametrize("engine", ["sparql", "pyshacl"])
def test_validate_is_the_same(parity_store, remote, engine):
    expected = validate_store(parity_store, engine=engine)
    assert expected.findings
    assert validate_store(remote, engine=engine).text(limit=1000) == expected.text(limit=1000)


def test_stats_are_the_same(parity_store, remote):
    assert graph_stats(remote) == graph_stats(parity_store)


def test_graph_names_are_the_same(parity_store, remote):
    assert remote.graph_names() == parity_store.graph_names()


def _written(store: GraphStore, fmt: str, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{fmt}.out"
    write_rdf(store, fmt, target)
    return target


def test_nquads_export_is_the_same(parity_store, remote, tmp_path):
    local = sorted(_written(parity_store, "nquads", tmp_path / "local").read_text(encoding="utf-8").splitlines())
    written = _written(remote, "nquads", tmp_path / "remote").read_text(encoding="utf-8")
    theirs = [line for line in written.splitlines() if line]
    assert sorted(theirs) == local


@pytest.mark.parametrize("fmt", ["turtle", "jsonld", "trig"])
def test_rdf_export_is_the_same_graph(parity_store, remote, tmp_path, fmt):
    reader = {"turtle": "turtle", "jsonld": "json-ld", "trig": "trig"}[fmt]
    if fmt == "turtle":
        local = Graph().parse(_written(parity_store, fmt, tmp_path / "local"), format=reader)
        theirs = Graph().parse(_written(remote, fmt, tmp_path / "remote"), format=reader)
        assert len(local) > 1000 and isomorphic(local, theirs)
        return
    local_ds = Dataset().parse(_written(parity_store, fmt, tmp_path / "local"), format=reader)
    theirs_ds = Dataset().parse(_written(remote, fmt, tmp_path / "remote"), format=reader)
    graphs = {g.identifier: to_isomorphic(g) for g in local_ds.graphs() if len(g)}
    assert graphs and graphs == {g.identifier: to_isomorphic(g) for g in theirs_ds.graphs() if len(g)}


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "csv"])
def test_network_export_is_the_same(parity_store, remote, tmp_path, fmt):
    written = {}
    for side, store in (("local", parity_store), ("remote", remote)):
        paths = export_network(store, fmt, tmp_path / side / (fmt if fmt == "csv" else f"net.{fmt}"))
        written[side] = [p.read_text(encoding="utf-8") for p in paths]
    assert "kst-30950-295" in written["local"][0] and written["remote"] == written["local"]


NETWORK_CUTS = [Cut(dossier="30950"), Cut(around="kst-30950-295", depth=2), Cut(since="2022", until="2022-10"),
                Cut(relations=("announces", "cites", "ledTo"), dossier="30950", since="2021")]


@pytest.mark.parametrize("cut", NETWORK_CUTS, ids=["dossier", "around", "dates", "relations-dossier-since"])
def test_a_cut_network_is_the_same(parity_store, remote, tmp_path, cut):
    written = {}
    for side, store in (("local", parity_store), ("remote", remote)):
        written[side] = export_network(store, "json", tmp_path / f"{side}.json", cut)[0].read_text(encoding="utf-8")
    assert '"relation"' in written["local"] and written["remote"] == written["local"]


def test_a_network_read_in_small_pages_is_the_same(parity_store, remote, tmp_path, monkeypatch):
    monkeypatch.setattr(network, "PAGE", 50)  # the corpus's 415 edges in 9 pages
    local = export_network(parity_store, "graphml", tmp_path / "local.graphml")[0].read_bytes()
    assert export_network(remote, "graphml", tmp_path / "remote.graphml")[0].read_bytes() == local


def test_citation_network_is_the_same(parity_store, remote):
    local, theirs = citation_network(parity_store), citation_network(remote)
    assert local.number_of_edges() > 10
    assert sorted(theirs.nodes(data=True)) == sorted(local.nodes(data=True))
    assert sorted(theirs.edges(data=True, keys=True)) == sorted(local.edges(data=True, keys=True))


def test_a_parameter_is_bound_in_every_group_that_uses_it():
    query = """SELECT ?c ?n WHERE {
  { SELECT DISTINCT ?c WHERE { ?c <label> ?l FILTER (str(?l) = ?c) } }
  VALUES ?p { <a> <b> }
  ?x ?p ?n . # a comment with ?c and { braces
  FILTER (?n != "?c } {")
}"""
    text = bind(query, {"c": Literal("Staatscommissie")})
    assert text.count('VALUES ?c { "Staatscommissie" }') == 2  # the outer group and the sub-select
    assert 'WHERE { VALUES ?c { "Staatscommissie" }  ?c <label>' in text  # inside the sub-select's group
    assert "VALUES ?p { <a> <b> }" in text  # a data block is left alone
    assert '# a comment with ?c and { braces\n  FILTER (?n != "?c } {")' in text  # strings and comments too
    assert bind(query, {}) == query


def test_a_parameter_reaches_a_filter_in_a_union_branch(parity_store):
    query = """SELECT ?curation ?s WHERE {
  { ?s a <https://w3id.org/policykg/def#Debate> OPTIONAL { ?s ?p ?o FILTER (?curation = "include") } } UNION { }
}"""
    text = bind(query, {"curation": Literal("include")})
    assert text.count('VALUES ?curation { "include" }') == 3  # outer group, branch, optional
    rows = parity_store.query(text).rows
    substituted = parity_store.query(query, {"curation": Literal("include")}).rows
    assert len(rows) > 1 and Counter(rows) == Counter(substituted)


def test_lateral_of_triple_patterns_is_joined_in_place():
    plain = without_lateral("SELECT * WHERE { ?m <p> ?x LATERAL { ?x <q>* ?y } LATERAL { ?y <r> ?z FILTER (?z) } }")
    assert plain == "SELECT * WHERE { ?m <p> ?x ?x <q>* ?y . { ?y <r> ?z FILTER (?z) } }"


def test_lateral_of_a_graph_pattern_is_joined_in_place():
    query = ("SELECT * WHERE { ?m <p> ?x LATERAL { OPTIONAL { GRAPH ?g { ?x <q> ?y } ?y <r> ?z } } "
             "LATERAL { GRAPH ?g { ?x <s> ?w } } LATERAL { SELECT ?v WHERE { ?x <t> ?v } LIMIT 1 } }")
    assert without_lateral(query) == ("SELECT * WHERE { ?m <p> ?x OPTIONAL { GRAPH ?g { ?x <q> ?y } ?y <r> ?z } "
                                      "{ GRAPH ?g { ?x <s> ?w } } LATERAL { SELECT ?v WHERE { ?x <t> ?v } LIMIT 1 } }")


def test_an_answer_the_store_cut_off_is_an_error(tmp_path, parity_store):
    if not virtuoso_server.installed():
        pytest.skip(virtuoso_server.MISSING)
    with virtuoso_server.running_virtuoso(tmp_path / "virtuoso", max_rows=50) as server:
        remote = _pushed(parity_store, server.endpoint)
        assert len(run_query(remote, "documents").rows) == len(run_query(parity_store, "documents").rows) < 50
        with pytest.raises(AnswerCutOff, match="cut the answer off at 50 rows.*ResultSetMaxRows"):
            remote.union()  # every triple: thousands of rows
        with pytest.raises(AnswerCutOff):
            write_rdf(remote, "nquads", tmp_path / "cut.nq")


def test_a_query_the_store_cannot_run_names_the_store_and_the_feature(virtuoso):
    remote = RemoteStore(virtuoso.endpoint)
    with pytest.raises(RemoteError, match=r"^http://127\.0\.0\.1:\d+/sparql: the store refused the query: "
                                          r"Virtuoso .*syntax error at 'LATERAL'"):
        remote.query("SELECT * WHERE { ?s ?p ?o LATERAL { SELECT ?x WHERE { ?s ?q ?x } LIMIT 1 } }")


@pytest.mark.parametrize("args", [["query", "timeline", "--param", "concept=Staatscommissie"],
                                  ["query", "cited-by", "--param", "doc=kst-30950-295", "--format", "csv"],
                                  ["trace", "debat 2020-07-01"], ["validate"], ["stats"]])
def test_the_command_line_prints_the_same(cli_store, remote, args):
    def printed(*where: str) -> list[str]:
        result = CliRunner().invoke(main, [*args, *where], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result.output.splitlines()[1:] if args == ["stats"] else result.output.splitlines()

    assert printed("--endpoint", str(remote.path)) == printed("--store", str(cli_store))


def test_a_graph_of_many_batches_is_pushed_whole(remote):
    """The summaries graph of 1,000 documents is one graph of thousands of triples: a
    request of 5,000 overflowed Virtuoso's SPARQL parser ("memory exhausted")."""
    name = URIRef("urn:policykg:test:large")
    graph = Graph()
    for i in range(DEFAULT_BATCH * 2 + 1):
        graph.add((URIRef(f"https://w3id.org/policykg/summary/test/{i:06d}"), RDFS.label,
                   Literal(f"row {i} of a graph pushed in several requests", lang="nl")))
    try:
        remote.replace_graph(name, graph, batch=DEFAULT_BATCH)
        count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
        assert int(remote.query(count, {"g": name}).rows[0][0]) == len(graph)
    finally:
        remote.remove_graph(name)
