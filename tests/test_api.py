"""The Python API (policykg.open) on a local store of the sample corpus and on a
real Oxigraph server it was pushed to: the same answers as the command line, as
Python values."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import Literal, URIRef

import policykg
from policykg.api import KnowledgeGraph, Rows, python_value
from policykg.cli import main
from policykg.errors import NameNotFound, NotFoundError, NotInstalledError, QueryError, RemoteError, StoreError
from policykg.graph.curation import load_curation
from policykg.graph.ingest import ingest
from policykg.graph.push import push_graphs
from policykg.graph.remote import RemoteStore
from policykg.graph.store import Store

from .conftest import CORPUS, ROOT
from .test_architecture import imported_names
from .test_endpoints import oxigraph_server  # noqa: F401 (a fixture)

MOTION = "kst-30950-295"
XSD = "http://www.w3.org/2001/XMLSchema#"
NCDR = "Nationaal Coördinator tegen Discriminatie en Racisme"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("api") / "store"
    with Store(path) as store:
        assert not ingest(store, [CORPUS]).failed
        assert load_curation(store, ROOT / "examples" / "curation" / "corpus.csv") == 2
    return path


@pytest.fixture
def kg(store_path):
    with policykg.open(store_path) as graph:
        yield graph


def cli(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    return result.output


def test_open_is_exported_and_the_cli_still_runs(store_path):
    assert policykg.open is __import__("policykg.api", fromlist=["open"]).open
    done = subprocess.run([sys.executable, "-m", "policykg.cli", "stats", "--store", str(store_path)],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0 and re.search(r"^source documents +5$", done.stdout, re.M), done.stderr
    with pytest.raises(AttributeError, match="no attribute 'opne'"):
        policykg.opne  # noqa: B018


def test_the_api_is_loaded_only_when_used_and_knows_nothing_of_the_cli():
    probe = ("import sys, policykg, policykg.loaders.document, policykg.graph.store\n"
             "print('policykg.api' in sys.modules, 'pandas' in sys.modules)\n"
             "policykg.open\n"
             "print('policykg.api' in sys.modules, 'policykg.cli' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=False)
    assert done.stdout.split() == ["False", "False", "True", "False"], done.stderr
    api = ROOT / "policykg" / "api.py"
    assert not any(n.startswith("policykg.cli") for n in imported_names("policykg.api", api.read_text("utf-8")))


def test_a_named_query_gives_rows_of_python_values(kg, store_path):
    rows = kg.query("citations", doc="kst-30950-319")
    assert rows.variables == ("doc", "cited", "type", "quote", "line", "rule")
    as_cli = json.loads(cli("query", "citations", "--param", "doc=kst-30950-319", "--format", "json",
                            "--store", str(store_path)))
    assert [{k: "" if v is None else v if isinstance(v, (int, float)) else str(v) for k, v in row.items()}
            for row in rows] == as_cli  # numbers are JSON numbers in `--format json` too
    motion = next(row for row in rows if row["cited"] == MOTION and row["rule"] == "kamerstuk")
    assert motion["line"] == 26 and isinstance(motion["line"], int) and motion["type"] == "Motion"
    assert rows[0] == next(iter(rows)) and len(rows[2:5]) == 3 and rows[2:5].variables == rows.variables


def test_dates_are_dates_and_counts_are_ints(kg):
    documents = {row["document"]: row["date"] for row in kg.query("documents")}
    assert documents["kst-30950-319"] == dt.date(2022, 10, 21)
    assert documents["2024-01-beslisnota-monitor-lokaal-antidiscriminatiebeleid"] is None
    counts = kg.query("most-cited").column("citing_documents")
    assert counts and all(type(n) is int for n in counts)


def test_rows_as_named_tuples_and_as_text(kg):
    rows = kg.query("citations", doc="kst-30950-319")
    first = rows.tuples()[0]
    assert (first.doc, first.line) == (rows[0]["doc"], rows[0]["line"])
    assert str(rows).splitlines()[0].split() == list(rows.variables) and f"({len(rows)} rows)" in str(rows)
    assert Rows(["class", "a b"], [[1, 2]]).tuples()[0] == (1, 2)  # names that are no Python names


def test_rows_to_pandas(kg):
    pandas = pytest.importorskip("pandas")
    rows = kg.query("citations", doc="kst-30950-319")
    frame = rows.to_pandas()
    assert list(frame.columns) == list(rows.variables) and len(frame) == len(rows)
    assert frame["line"].dtype.kind == "i" and frame.loc[0, "doc"] == "kst-30950-319"
    assert isinstance(frame, pandas.DataFrame)


def test_to_pandas_without_pandas_says_how_to_install_it(kg, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # what Python does when pandas is not installed
    with pytest.raises(NotInstalledError, match=r"pip install 'policykg\[pandas\]'"):
        kg.query("most-cited").to_pandas()


def test_sparql_text_with_a_parameter_bound_never_pasted(kg):
    hostile = 'x" } ; DROP ALL ; SELECT * { "'
    rows = kg.query("SELECT ?value ?length WHERE { BIND(STRLEN(?value) AS ?length) }", value=hostile)
    assert list(rows) == [{"value": hostile, "length": len(hostile)}]
    iri = kg.query("SELECT ?node ?type WHERE { ?node a ?type }", node=kg.iri(MOTION))
    assert "https://w3id.org/policykg/def#Motion" in iri.column("type")
    ask = kg.query("ASK { ?s ?p ?o }")
    assert ask.boolean is True and len(ask) == 0 and str(ask) == "true"


def test_query_errors_name_the_problem(kg):
    with pytest.raises(QueryError, match="no named query 'no-such-query'"):
        kg.query("no-such-query")
    with pytest.raises(QueryError, match="needs --param doc"):
        kg.query("citations")
    with pytest.raises(QueryError, match="has no parameter colour"):
        kg.query("citations", doc="kst-30950-319", colour="red")
    with pytest.raises(QueryError, match="SPARQL text"):
        kg.query("SELECT ?x WHERE { ?x ?y }")
    with pytest.raises(QueryError, match="parameter doc: give a string or an integer"):
        kg.query("citations", doc=["kst-30950-319"])  # type: ignore[arg-type]


def test_an_integer_parameter_is_its_text(kg, store_path):
    by_int = kg.query("motions", dossier=30950)
    assert len(by_int) == 4 and list(by_int) == list(kg.query("motions", dossier="30950"))
    assert len(kg.query("motions")) == 6


def test_the_trace_is_a_tree_with_evidence(kg, store_path):
    root = kg.trace(MOTION)
    assert (root.identifier, root.type, root.relation, root.submitters) == (MOTION, "Motion", None, "Westerveld")
    letter = root.children[0]
    assert (letter.relation, letter.identifier, letter.type, letter.date) == (
        "cited by", "kst-30950-319", "Letter", dt.date(2022, 10, 21))
    assert {(ev.file.split("_")[1], ev.line, ev.rule) for ev in letter.evidence} >= {("kst-30950-319", 26, "kamerstuk")}
    measure = letter.children[0]
    assert (measure.relation, measure.label, measure.type) == ("led to", "uitrol van het toetsingskader", "Measure")
    assert {n.type for n in root.walk()} == {"Motion", "Letter", "Measure", "Ministry", "Instrument"}
    assert str(root) + "\n" == cli("trace", MOTION, "--store", str(store_path))
    assert root.as_dict() == json.loads(cli("trace", MOTION, "--format", "json", "--store", str(store_path)))
    table = root.evidence_rows()
    assert len(table) == sum(len(n.evidence) for n in root.walk())
    assert {"parent", "relation", "quote", "file", "line", "rule", "curator"} <= set(table.variables)


def test_a_curated_step_and_the_trace_without_curation(kg):
    curated = [n for n in kg.trace("debat 2020-07-01").walk() if n.label == NCDR]
    assert len(curated) == 1 and curated[0].evidence[0].curated
    assert curated[0].evidence[0].curator == "policykg maintainers" and curated[0].evidence[0].quote is None
    assert NCDR not in {n.label for n in kg.trace("debat 2020-07-01", curation=False).walk()}


def test_a_name_that_names_nothing(kg):
    with pytest.raises(NameNotFound, match="names nothing in the store"):
        kg.trace("no such motion")
    with pytest.raises(NotFoundError, match="is in no statement of the store"):
        kg.trace("https://example.org/not-here")


def test_the_network_is_the_exported_one(kg, store_path, tmp_path):
    net = kg.network()
    assert isinstance(net, nx.MultiDiGraph)
    motion = kg.iri(MOTION)
    assert net.nodes[motion]["type"] == "Motion"
    assert "cites" in {r for s, _, r in net.in_edges(motion, data="relation") if s == kg.iri("kst-30950-319")}
    cli("export", "--format", "graphml", "--output", str(tmp_path / "n.graphml"), "--store", str(store_path))
    exported = nx.read_graphml(tmp_path / "n.graphml")
    assert set(exported.nodes) == set(net.nodes) and exported.number_of_edges() == net.number_of_edges()


def test_validate_and_stats_as_the_cli_says(kg, store_path):
    report = kg.validate()
    assert report.conforms and report.summary() == cli("validate", "--store", str(store_path)).splitlines()[0]
    assert [(f.severity, f.shape) for f in report.findings] == [("Warning", "pkgsh:DecisionMemo-sender")]
    with pytest.raises(ValueError, match="choose 'sparql' or 'pyshacl'"):
        kg.validate("shacl")
    stats = kg.stats()
    printed = cli("stats", "--store", str(store_path)).splitlines()[1:]
    assert [f"{label:<28}{count:>8}" for label, count in stats.items()] == printed
    assert stats["motions"] == 6


def test_a_missing_store_is_named_and_not_created(tmp_path):
    missing = tmp_path / "typo"
    with pytest.raises(StoreError, match=f"no policykg store at {missing}"):
        policykg.open(missing)
    assert not missing.exists()
    with pytest.raises(RemoteError, match="an endpoint must be an http"):
        policykg.open("ftp://127.0.0.1/sparql")


def test_read_only_takes_no_lock_and_the_default_store_is_the_env_one(store_path, monkeypatch):
    with policykg.open(store_path) as first, policykg.open(store_path) as second:
        assert first.stats() == second.stats()
        assert "source documents" in cli("stats", "--store", str(store_path))  # the CLI opens it meanwhile
    monkeypatch.setenv("POLICYKG_STORE", str(store_path))
    with policykg.open() as default:
        assert default.location == str(store_path)


def test_writable_opening_holds_the_lock(store_path):
    with policykg.open(store_path, read_only=False) as kg:
        assert kg.stats()["motions"] == 6
        with pytest.raises(StoreError, match="in use by another process"):
            policykg.open(store_path, read_only=False)


def test_closed_means_closed(store_path):
    kg = policykg.open(store_path)
    kg.close()
    with pytest.raises(StoreError, match="closed"):
        kg.query("most-cited")


@pytest.mark.parametrize("term,value", [
    (Literal("26", datatype=XSD + "integer"), 26),
    (Literal("2.50", datatype=XSD + "decimal"), 2.5),
    (Literal("1e3", datatype=XSD + "double"), 1000.0),
    (Literal("true", datatype=XSD + "boolean"), True),
    (Literal("0", datatype=XSD + "boolean"), False),
    (Literal("2022-10-21", datatype=XSD + "date"), dt.date(2022, 10, 21)),
    (Literal("2022-10-21T09:30:00", datatype=XSD + "dateTime"), dt.datetime(2022, 10, 21, 9, 30)),
    (Literal("2022-05", datatype=XSD + "gYearMonth"), "2022-05"),
    (Literal("not a number", datatype=XSD + "integer"), "not a number"),
    (Literal("2022-13-45", datatype=XSD + "date"), "2022-13-45"),
    (Literal("motie", lang="nl"), "motie"),
    (URIRef("https://w3id.org/policykg/def#Motion"), "https://w3id.org/policykg/def#Motion"),
    (None, None),
])
def test_python_values(term, value):
    converted = python_value(term)
    assert converted == value and type(converted) is type(value)


def test_the_same_answers_from_an_oxigraph_server(oxigraph_server, store_path):  # noqa: F811
    with Store.read_only(store_path) as local:
        names = local.graph_names()
        push_graphs(local, RemoteStore(oxigraph_server + "/query", oxigraph_server + "/update"), names)
    with policykg.open(store_path) as here, policykg.open(oxigraph_server + "/query") as there:
        assert isinstance(there, KnowledgeGraph) and there.location == oxigraph_server + "/query"
        for name, params in (("citations", {"doc": "kst-30950-319"}), ("documents", {}), ("most-cited", {})):
            assert sorted(map(repr, there.query(name, **params))) == sorted(map(repr, here.query(name, **params)))
        assert str(there.trace(MOTION)) == str(here.trace(MOTION))
        assert there.trace("debat 2020-07-01").as_dict() == here.trace("debat 2020-07-01").as_dict()
        remote_net, local_net = there.network(), here.network()
        assert sorted(remote_net.nodes(data=True)) == sorted(local_net.nodes(data=True))
        assert sorted(remote_net.edges(data="relation")) == sorted(local_net.edges(data="relation"))
        assert there.validate().findings == here.validate().findings
        assert there.stats() == here.stats()
        text = "SELECT ?doc ?date WHERE { ?d <https://w3id.org/policykg/def#identifier> ?doc ; " \
               "<https://w3id.org/policykg/def#date> ?date }"
        assert there.query(text, doc="kst-30950-319")[0]["date"] == dt.date(2022, 10, 21)
