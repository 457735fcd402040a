"""The store seam: both stores are a ``backend.GraphStore`` with one result type,
services depend on the Protocol (not on a store), the remote store runs without
pyoxigraph, and the local store's query errors keep their types and messages."""

from __future__ import annotations

import ast
import inspect
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef

from policykg.graph import backend, remote, stats
from policykg.graph import store as local
from policykg.graph.backend import GraphStore, QueryResult
from policykg.graph.export import write_rdf
from policykg.graph.queries import QueryError, run_query
from policykg.graph.remote import RemoteStore
from policykg.graph.stats import graph_stats
from policykg.graph.store import Store

from .test_endpoints import oxigraph_server  # noqa: F401 (a fixture)

GRAPH_DIR = Path(backend.__file__).parent
# Services that work on either store; ingest.py also needs Store (bulk loading).
SERVICES = ("curation", "export", "queries", "stats", "trace", "validate")
EX = "http://example.org/"


def _as_graph_store(store: GraphStore) -> GraphStore:
    """A type checker accepts both stores here only if they match the Protocol."""
    return store


def _protocol_members() -> list[str]:
    return [name for name, value in vars(GraphStore).items()
            if callable(value) or isinstance(value, property)
            if not name.startswith("_") or name in ("__len__", "__enter__", "__exit__")]


def _imports(module_file: str) -> set[str]:
    """Every module ``module_file`` imports, relative ones as ``.name``."""
    tree = ast.parse(Path(module_file).read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            names.add("." * node.level + (node.module or ""))
    return names


def _sample() -> Graph:
    graph = Graph()
    graph.add((URIRef(EX + "a"), URIRef(EX + "p"), Literal("één")))
    graph.add((URIRef(EX + "a"), URIRef(EX + "q"), URIRef(EX + "b")))
    return graph


@pytest.mark.parametrize("make", [lambda: Store(), lambda: RemoteStore("http://127.0.0.1:1/query")],
                         ids=["Store", "RemoteStore"])
def test_both_stores_have_every_protocol_member_with_its_parameters(make):
    store = _as_graph_store(make())
    members = _protocol_members()
    assert {"query", "replace_graph", "remove_graph", "graph_names", "write_rdf", "flush", "path"} <= set(members)
    for name in members:
        assert hasattr(store, name), name
        wanted = getattr(GraphStore, name)
        if isinstance(wanted, property):
            continue
        expected = list(inspect.signature(wanted).parameters)[1:]
        actual = inspect.signature(getattr(store, name)).parameters
        assert list(actual)[:len(expected)] == expected, name
        extra = list(actual.values())[len(expected):]
        assert all(p.default is not p.empty for p in extra), name


def test_there_is_one_query_result_type():
    assert local.QueryResult is remote.QueryResult is QueryResult
    assert QueryResult.__module__ == backend.__name__


def test_stores_import_the_backend_not_each_other():
    assert ".backend" in _imports(remote.__file__) and ".backend" in _imports(local.__file__)
    assert not {".store", "policykg.graph.store", "pyoxigraph"} & _imports(remote.__file__)
    assert not {".remote", "pyoxigraph", "SPARQLWrapper"} & _imports(backend.__file__)
    assert ".remote" not in _imports(local.__file__)


def test_the_remote_store_loads_without_pyoxigraph():
    code = "import sys, policykg.graph.remote; print('pyoxigraph' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("service", SERVICES)
def test_services_depend_on_the_protocol_not_on_a_store(service):
    imported = _imports(str(GRAPH_DIR / f"{service}.py"))
    assert not {".store", ".remote", "pyoxigraph"} & imported, service
    assert "isinstance(store" not in (GRAPH_DIR / f"{service}.py").read_text(encoding="utf-8")


def test_graph_stats_lives_in_a_service_and_counts_any_store():
    assert not hasattr(local, "graph_stats") and stats.graph_stats is graph_stats
    store = Store()
    store.replace_graph(URIRef(EX + "g"), _sample())
    counts = dict(graph_stats(store))
    assert counts["quads"] == 2 and counts["triples (distinct)"] == 2 and counts["named graphs"] == 1
    assert counts["motions"] == 0 and len(counts) == 10


def test_a_parameter_the_query_does_not_select_is_a_value_error():
    store = Store()
    with pytest.raises(ValueError, match="a query parameter must be a variable the query SELECTs$"):
        store.query("SELECT ?x WHERE { ?x ?p ?o }", {"y": Literal("a")})


def test_run_query_turns_the_store_errors_into_query_errors(tmp_path):
    unprojected, broken = tmp_path / "unprojected.rq", tmp_path / "broken.rq"
    unprojected.write_text("# param: y = a value\nSELECT ?x WHERE { ?x ?p ?o }\n", encoding="utf-8")
    broken.write_text("SELECT ?x WHERE { ?x ?p\n", encoding="utf-8")
    with pytest.raises(QueryError, match=r"^query 'unprojected': .*SELECT projection: a query parameter must"):
        run_query(Store(), str(unprojected), {"y": "a"})
    with pytest.raises(QueryError, match=r"^query 'broken': error at"):
        run_query(Store(), str(broken))


def test_only_a_refused_substitution_counts_as_unprojected():
    assert local._is_unprojected_substitution(
        RuntimeError("The SPARQL query does not contains variable ?y in its SELECT projection"))
    assert not local._is_unprojected_substitution(RuntimeError("some other failure"))


def test_a_construct_query_answers_with_a_graph():
    store = Store()
    store.replace_graph(URIRef(EX + "g"), _sample())
    result = store.query("CONSTRUCT { ?o ?p ?s } WHERE { ?s ?p ?o FILTER (isIRI(?o)) }")
    assert result.graph is not None and not result.rows and result.boolean is None
    assert set(result.graph) == {(URIRef(EX + "b"), URIRef(EX + "q"), URIRef(EX + "a"))}


@pytest.mark.parametrize("fmt", sorted(backend.RDF_FORMATS))
def test_the_local_store_writes_every_format_with_the_named_graphs_where_kept(fmt, tmp_path):
    store = Store()
    store.replace_graph(URIRef(EX + "g"), _sample())
    target = tmp_path / f"out.{fmt}"
    write_rdf(store, fmt, target)
    if fmt in backend.DATASET_FORMATS:
        data = Dataset()
        data.parse(str(target), format=backend.RDF_FORMATS[fmt])
        assert set(data.graph(URIRef(EX + "g"))) == set(_sample())
    else:
        assert set(Graph().parse(str(target), format=backend.RDF_FORMATS[fmt])) == set(_sample())


def test_remote_store_replaces_writes_and_removes_graphs(oxigraph_server, tmp_path):  # noqa: F811
    name = URIRef("https://w3id.org/policykg/graph/g")  # a remote store's graphs are policykg's own
    there = RemoteStore(oxigraph_server + "/query", oxigraph_server + "/update")
    here = Store()
    for store in (there, here):
        _as_graph_store(store).replace_graph(name, _sample())
    assert graph_stats(there) == graph_stats(here)
    write_rdf(there, "nquads", tmp_path / "there.nq")
    write_rdf(here, "nquads", tmp_path / "here.nq")
    lines = [sorted(filter(None, p.read_text(encoding="utf-8").splitlines()))
             for p in (tmp_path / "there.nq", tmp_path / "here.nq")]
    assert lines[0] == lines[1] and len(lines[0]) == 2
    assert there.remove_graph(name) and there.graph_names() == []
    assert not there.remove_graph(name)
