"""`policykg query` runs CONSTRUCT and DESCRIBE too (Turtle or JSON-LD), on the
embedded store and on remote stores, and its JSON keeps numbers and booleans typed."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import XSD

from policykg.cli import main
from policykg.graph.queries import json_value, run_query
from policykg.graph.remote import bind
from policykg.namespaces import OEP, PKG

from .conftest import CORPUS
from .test_parity import cli_store, oxigraph_store, parity_store, remote, virtuoso_store  # noqa: F401 (fixtures)

KST_319 = URIRef(f"{OEP}kst-30950-319")
CITES = """# name: cites-graph
# purpose: what a document cites, as a graph
# param: doc = identifier of the citing document, e.g. kst-30950-319
PREFIX pkg: <https://w3id.org/policykg/def#>
CONSTRUCT { ?d pkg:cites ?c . ?c pkg:identifier ?i . }
WHERE { ?d pkg:identifier ?doc ; pkg:cites ?c . OPTIONAL { ?c pkg:identifier ?i } }
"""
DESCRIBE = f"DESCRIBE <{KST_319}>\n"
# Stored values (Virtuoso computes `true` in a BIND as the number 1; what it stores it gives as stored).
STORED = """PREFIX pkg: <https://w3id.org/policykg/def#>
SELECT ?mistake (MAX(?s) AS ?seats) (MIN(?c) AS ?confidence) (COUNT(DISTINCT ?vote) AS ?votes) WHERE {
  { ?vote pkg:mistake ?mistake ; pkg:seats ?s } UNION { ?e pkg:confidence ?c }
} GROUP BY ?mistake ORDER BY ?mistake
"""
TYPED = """SELECT ?integer ?decimal ?double ?boolean ?text ?date ?unbound WHERE {
  BIND (42 AS ?integer) BIND (2.50 AS ?decimal) BIND (1.5e3 AS ?double) BIND (true AS ?boolean)
  BIND ("7" AS ?text) BIND ("2022-10-21"^^<http://www.w3.org/2001/XMLSchema#date> AS ?date)
  OPTIONAL { <urn:x:none> <urn:x:none> ?unbound }
}
"""


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> Path:
    """The corpus ingested by the command line, in a store no test holds open."""
    path = tmp_path_factory.mktemp("forms") / "store"
    result = CliRunner().invoke(main, ["ingest", "--quiet", "--store", str(path), str(CORPUS)])
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture(scope="module")
def queries(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("rq")
    files = {"cites": CITES, "describe": DESCRIBE, "typed": TYPED, "stored": STORED}
    for name, text in files.items():
        (folder / f"{name}.rq").write_text(text, encoding="utf-8")
    return {name: folder / f"{name}.rq" for name in files}


def _run(*args: str) -> tuple[int, bytes, str]:
    result = CliRunner().invoke(main, ["query", *args])
    return result.exit_code, result.stdout_bytes, result.output


def test_construct_writes_turtle_by_default(store_dir, queries):
    code, out, _ = _run(str(queries["cites"]), "--param", "doc=kst-30950-319", "--store", str(store_dir))
    assert code == 0
    graph = Graph().parse(data=out.decode("utf-8"), format="turtle")
    cited = set(graph.objects(KST_319, PKG.cites))
    assert URIRef(f"{OEP}kst-30950-295") in cited and len(cited) > 5
    assert set(graph.subjects(PKG.cites, None)) == {KST_319}  # the parameter chose the document
    assert out.startswith(b"@prefix ") and b"oep:kst-30950-295" in out
    assert _run(str(queries["cites"]), "-p", "doc=kst-30950-319", "--store", str(store_dir))[1] == out


def test_construct_as_json_ld_is_compacted_and_the_same_graph(store_dir, queries):
    args = [str(queries["cites"]), "-p", "doc=kst-30950-319", "--store", str(store_dir)]
    turtle = Graph().parse(data=_run(*args)[1].decode("utf-8"), format="turtle")
    code, out, _ = _run(*args, "--format", "jsonld")
    assert code == 0
    document = json.loads(out)
    node = next(n for n in document["@graph"] if n["@id"] == "oep:kst-30950-319")
    assert "oep:kst-30950-295" in node["cites"]
    parsed = Dataset().parse(data=out.decode("utf-8"), format="json-ld")
    assert len(turtle) > 5 and isomorphic(Graph() + parsed.default_graph, turtle)


def test_describe_gives_the_node(store_dir, queries):
    code, out, _ = _run(str(queries["describe"]), "--store", str(store_dir))
    assert code == 0
    graph = Graph().parse(data=out.decode("utf-8"), format="turtle")
    assert graph.value(KST_319, PKG.identifier) == Literal("kst-30950-319")
    assert URIRef(f"{OEP}kst-30950-295") in set(graph.objects(KST_319, PKG.cites))


def test_a_format_that_does_not_fit_the_answer_is_a_usage_error(store_dir, queries):
    code, _, output = _run(str(queries["cites"]), "-p", "doc=kst-30950-319", "--format", "csv",
                           "--store", str(store_dir))
    assert code == 2 and "answers with a graph" in output and "--format turtle" in output
    code, _, output = _run("most-cited", "--format", "turtle", "--store", str(store_dir))
    assert code == 2 and "answers with rows" in output


def test_json_keeps_numbers_and_booleans_typed(store_dir, queries):
    code, out, _ = _run(str(queries["typed"]), "--format", "json", "--store", str(store_dir))
    assert code == 0
    assert json.loads(out) == [{"integer": 42, "decimal": 2.5, "double": 1500.0, "boolean": True, "text": "7",
                                "date": "2022-10-21", "unbound": ""}]
    code, out, _ = _run("most-cited", "--format", "json", "--store", str(store_dir))
    counts = [row["citing_documents"] for row in json.loads(out)]
    assert counts and all(isinstance(n, int) for n in counts) and counts == sorted(counts, reverse=True)


@pytest.mark.parametrize(("literal", "expected"), [
    (Literal("12", datatype=XSD.nonNegativeInteger), 12), (Literal("-0.5", datatype=XSD.decimal), -0.5),
    (Literal("false", datatype=XSD.boolean), False), (Literal("abc", datatype=XSD.integer), "abc"),
    (Literal("INF", datatype=XSD.double), "INF"), (Literal("-INF", datatype=XSD.float), "-INF"),
    (Literal("NaN", datatype=XSD.double), "NaN"), (Literal("1.0", datatype=XSD.string), "1.0"),
    (Literal("3", lang="nl"), "3"), (URIRef("http://example.org/5"), "http://example.org/5"), (None, ""),
])
def test_a_cell_as_json(literal, expected):
    value = json_value(literal)
    assert value == expected and type(value) is type(expected)
    assert not (isinstance(value, float) and not math.isfinite(value))


def test_a_parameter_is_never_bound_in_a_construct_template():
    text = bind(CITES, {"doc": Literal("kst-30950-319")})
    template, where = text.split("WHERE", 1)
    assert "VALUES" not in template and 'VALUES ?doc { "kst-30950-319" }' in where


def test_construct_gives_the_same_graph_on_a_remote_store(parity_store, remote):  # noqa: F811
    local = _graph_of(parity_store, CITES, {"doc": "kst-30950-319"})
    assert len(local) > 5 and isomorphic(local, _graph_of(remote, CITES, {"doc": "kst-30950-319"}))


def test_describe_on_a_remote_store_holds_the_node_s_triples(parity_store, remote):  # noqa: F811
    """SPARQL leaves what DESCRIBE answers to the store: Oxigraph gives the node's own
    triples, Virtuoso adds the triples that point at it."""
    local, theirs = _graph_of(parity_store, DESCRIBE, {}), _graph_of(remote, DESCRIBE, {})
    assert len(local) > 5 and set(local) <= set(theirs)
    assert set(theirs.subjects()) == {KST_319} or set(theirs - local) <= set(theirs.triples((None, None, KST_319)))


def _graph_of(store, sparql: str, params: dict[str, str]) -> Graph:
    from policykg.graph.queries import NamedQuery, answer

    query = NamedQuery.parse("q", sparql)
    graph = answer(store, query, query.bindings(params)).graph
    assert graph is not None
    return graph


@pytest.mark.parametrize("fmt", ["turtle", "jsonld"])
def test_the_command_line_prints_the_same_graph_for_a_remote_store(cli_store, queries, remote, fmt):  # noqa: F811
    args = [str(queries["cites"]), "-p", "doc=kst-30950-319", "--format", fmt]
    local = _run(*args, "--store", str(cli_store))[1]
    assert b"kst-30950-295" in local and _run(*args, "--endpoint", str(remote.path))[1] == local


def test_typed_json_is_the_same_for_a_remote_store(cli_store, queries, remote):  # noqa: F811
    stored = [str(queries["stored"]), "--format", "json"]
    local = _run(*stored, "--store", str(cli_store))[1]
    rows = json.loads(local)
    assert [row["mistake"] for row in rows] == ["", False, True] and isinstance(rows[1]["seats"], int)
    assert isinstance(rows[0]["confidence"], float) and isinstance(rows[0]["votes"], int)
    assert _run(*stored, "--endpoint", str(remote.path))[1] == local


def test_run_query_returns_the_graph(parity_store, queries):  # noqa: F811
    result = run_query(parity_store, str(queries["cites"]), {"doc": "kst-30950-319"})
    assert result.graph is not None and not result.rows and result.boolean is None
    assert set(result.graph.subjects(PKG.cites, None)) == {KST_319}
