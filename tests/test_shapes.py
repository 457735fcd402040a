"""Each shape against its fixtures in tests/shapes/, and the corpus graph as a whole."""

import re
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from policykg.graph import iris
from policykg.graph.ingest import stable_blank_nodes
from policykg.graph.store import Store
from policykg.graph.validate import validate_graph, validate_in_store, validate_store
from policykg.reference import ontology_graph

FIXTURES = Path(__file__).parent / "shapes"
VALID = sorted(FIXTURES.glob("*-valid.ttl"))
INVALID = sorted(FIXTURES.glob("*-invalid-*.ttl"))


def _expected_shape(path: Path) -> str:
    match = re.search(r"^# expect: pkgsh:(\S+)", path.read_text(encoding="utf-8"), re.M)
    assert match, f"{path.name} must say which shape it breaks (# expect: pkgsh:...)"
    return "pkgsh:" + match[1]


def test_there_are_fixtures_for_every_shape_file():
    from policykg import resources

    for shape in resources.shape_files():
        stem = shape.name.removesuffix(".ttl")
        assert (FIXTURES / f"{stem}-valid.ttl").exists(), stem
        assert list(FIXTURES.glob(f"{stem}-invalid-*.ttl")), stem


@pytest.mark.parametrize("path", VALID, ids=[p.name for p in VALID])
def test_valid_fixture_conforms(path):
    report = validate_graph(Graph().parse(path))
    assert report.conforms, report.text()


@pytest.mark.parametrize("path", INVALID, ids=[p.name for p in INVALID])
def test_invalid_fixture_fails_on_the_named_shape(path):
    report = validate_graph(Graph().parse(path))
    shapes = {f.shape for f in report.findings}
    assert _expected_shape(path) in shapes, report.text()
    assert all(f.message and f.message != "(no message)" for f in report.findings)


def test_corpus_graph_conforms(corpus_store):
    report = validate_store(corpus_store)
    assert report.conforms, report.text()


def test_motion_without_submitter_fails_readably(corpus_store):
    data = corpus_store.union()
    motion = URIRef("https://zoek.officielebekendmakingen.nl/kst-30950-295")
    data.remove((motion, URIRef("https://w3id.org/policykg/def#submittedBy"), None))
    report = validate_graph(data)
    assert not report.conforms
    hits = [f for f in report.findings if f.shape == "pkgsh:Motion-submitter"]
    assert hits and hits[0].focus == "kst-30950-295"
    assert "submitter" in hits[0].message
    assert "kst-30950-295" in report.text()


@pytest.mark.parametrize("path", VALID + INVALID, ids=[p.name for p in VALID + INVALID])
def test_sparql_engine_finds_what_pyshacl_finds(path):
    """The in-store engine against the reference implementation, fixture by fixture."""
    data = Graph().parse(path)
    store = Store()
    store.replace_graph(URIRef("urn:fixture"), data)
    store.replace_graph(iris.ONTOLOGY_GRAPH, stable_blank_nodes(ontology_graph()))
    fast = {(f.shape, f.focus, f.severity) for f in validate_in_store(store).findings}
    reference = {(f.shape, f.focus, f.severity) for f in validate_graph(data).findings}
    assert fast == reference


def test_sparql_engine_agrees_on_the_corpus(corpus_store):
    fast = {(f.shape, f.focus, f.severity) for f in validate_store(corpus_store, "sparql").findings}
    assert fast == {(f.shape, f.focus, f.severity) for f in validate_store(corpus_store, "pyshacl").findings}


def test_every_shape_compiles():
    from policykg.graph.sparql_validation import packaged_checks

    shapes = {str(c.shape) for c in packaged_checks()}
    assert len(packaged_checks()) >= 40 and "https://w3id.org/policykg/shapes#Provenance-cites" in shapes
