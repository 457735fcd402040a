"""Validation at ingest (graph/ingest_validation.py): the findings stored with each
document plus the cross-document checks equal every check run on the whole store
(``--full``) and pySHACL, on the corpus, the gold documents, the shape fixtures as
documents and as other graphs, after a document changes and after it is removed."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDF, Graph, URIRef

from policykg.graph import iris
from policykg.graph.curation import load_curation
from policykg.graph.ingest import ingest, load_reference_data, remove_sources
from policykg.graph.ingest_validation import document_findings, stored_and_cross, stored_checks
from policykg.graph.store import Store, document_nquads, to_oxigraph
from policykg.graph.validate import validate_store
from policykg.namespaces import PKG, SH

from .conftest import CORPUS

ROOT = Path(__file__).resolve().parent.parent
SHAPES = sorted((ROOT / "tests" / "shapes").glob("*.ttl"))
GOLD = ROOT / "tests" / "gold"
OPEN_DATA = ROOT / "tests" / "fixtures" / "tk"
CURATION = ROOT / "examples" / "curation" / "corpus.csv"


def _both(store: Store) -> tuple[set, set]:
    assert stored_and_cross(store) is not None  # the stored findings answered, not a whole run
    stored = set(validate_store(store).findings)
    full = set(validate_store(store, full=True).findings)
    return stored, full


def _load_as_document(store: Store, name: URIRef, data: Graph) -> None:
    """``data`` as a document graph, validated as ingest validates one."""
    triples = [tuple(map(to_oxigraph, t)) for t in data]
    triples.append((ox.NamedNode(str(name)), ox.NamedNode(str(PKG.contentHash)), ox.Literal("sha256:test")))
    triples += document_findings(str(name), triples)
    store.load_documents([(name, document_nquads(name, triples))])


@pytest.fixture(scope="module")
def everything() -> Store:
    """The corpus, the gold documents, the Open Data fixtures and the corpus's curation."""
    store = Store()
    ingest(store, [CORPUS, GOLD, OPEN_DATA])
    load_curation(store, CURATION)
    return store


def test_stored_equals_full_and_pyshacl_on_corpus_gold_open_data_and_curation(everything):
    stored, full = _both(everything)
    assert stored == full and full
    reference = {(f.shape, f.focus, f.severity) for f in validate_store(everything, "pyshacl").findings}
    assert {(f.shape, f.focus, f.severity) for f in stored} == reference


def test_no_document_writes_about_another_documents_evidence(everything):
    """Why evidence checks are stored: an evidence record is described by its own graph only."""
    shared = f"""SELECT ?e WHERE {{ GRAPH ?g {{ ?e a <{PKG.Evidence}> }} GRAPH ?other {{ ?e ?p ?o }}
      FILTER (?other != ?g) }} LIMIT 1"""
    assert not everything.query(shared).rows


@pytest.mark.parametrize("path", SHAPES, ids=[p.name for p in SHAPES])
def test_stored_equals_full_on_a_fixture_as_a_document(path):
    data = Graph().parse(path)
    store = Store()
    load_reference_data(store)
    _load_as_document(store, URIRef("urn:fixture:doc"), data)
    stored, full = _both(store)
    assert stored == full
    reference = {(f.shape, f.focus, f.severity) for f in validate_store(store, "pyshacl").findings}
    assert {(f.shape, f.focus, f.severity) for f in stored} == reference


@pytest.mark.parametrize("path", [p for p in SHAPES if "-invalid-" in p.name],
                         ids=[p.name for p in SHAPES if "-invalid-" in p.name])
def test_stored_equals_full_with_a_fixture_as_another_graph(path):
    """A graph that is no document (Open Data, a curation): its nodes checked on the store."""
    store = Store()
    ingest(store, [GOLD])
    data = Graph().parse(path)
    data.remove((None, PKG.contentHash, None))  # a graph with a content hash is a document's
    store.replace_graph(URIRef("urn:fixture:other"), data)
    stored, full = _both(store)
    assert stored == full and full


def _broken_document() -> Graph:
    """A document stating a fact without evidence and an evidence record without a quote."""
    data = Graph().parse(ROOT / "tests" / "shapes" / "evidence-valid.ttl")
    doc = next(data.subjects(RDF.type, PKG.Letter), None) or URIRef("https://example.org/doc")
    data.add((doc, PKG.cites, URIRef("https://example.org/uncited")))
    evidence = next(data.subjects(RDF.type, PKG.Evidence))
    data.remove((evidence, PKG.quote, None))
    return data


def test_findings_are_stored_replaced_and_removed_with_the_document(tmp_path):
    store = Store()
    load_reference_data(store)
    name = iris.named_graph("broken")
    _load_as_document(store, name, _broken_document())
    stored_in_graph = {str(s) for s in store.graph(name).objects(None, SH.sourceShape)}
    assert any("Evidence-quote" in s for s in stored_in_graph)
    assert any("Provenance-cites" in s for s in stored_in_graph)
    stored, full = _both(store)
    assert stored == full and len(full) >= 2
    _load_as_document(store, name, Graph().parse(ROOT / "tests" / "shapes" / "evidence-valid.ttl"))  # changed
    stored, full = _both(store)
    assert stored == full
    assert not any("Provenance-cites" in f.shape or "Evidence-quote" in f.shape for f in stored)
    store.remove_graph(name)
    assert not store.query(f"ASK {{ ?r a <{SH.ValidationResult}> }}").boolean
    assert set(validate_store(store).findings) == set(validate_store(store, full=True).findings)


def test_a_curation_clears_a_stored_provenance_finding(tmp_path):
    """A fact without evidence in its document, asserted by a curator: no finding."""
    store = Store()
    load_reference_data(store)
    data = _broken_document()
    _load_as_document(store, iris.named_graph("broken"), data)
    doc = next(s for s, _, _ in data.triples((None, PKG.cites, URIRef("https://example.org/uncited"))))
    csv = tmp_path / "cur.csv"
    csv.write_text("action,subject,relation,object,curator,note\n"
                   f"assert,{doc},cites,https://example.org/uncited,Jan Jansen,checked by hand\n",
                   encoding="utf-8")
    load_curation(store, csv)
    stored, full = _both(store)
    assert stored == full
    assert not any("Provenance-cites" in f.shape for f in stored)


def test_a_store_without_stored_findings_is_validated_whole():
    """A document written by an older version holds no report: the store is checked whole."""
    store = Store()
    ingest(store, [GOLD])
    graph, report = store.query(f"SELECT ?g ?r WHERE {{ GRAPH ?g {{ ?r a <{SH.ValidationReport}> }} }}").rows[0]
    data = store.graph(graph)
    data.remove((report, None, None))
    store.replace_graph(graph, data)
    assert set(validate_store(store).findings) == set(validate_store(store, full=True).findings)


def test_the_stored_checks_are_the_evidence_and_provenance_checks():
    shapes = {str(c.shape).rsplit("#", 1)[-1] for c in stored_checks()}
    assert all(s.startswith(("Evidence-", "Provenance-")) for s in shapes)
    assert "Provenance-mentions" in shapes and "Evidence-quote" in shapes
    assert not any(s.startswith(("Document-", "Letter-", "Curation-")) for s in shapes)


def test_remove_sources_removes_the_findings():
    store = Store()
    ingest(store, [GOLD])
    files = [str(r[0]) for r in store.query(f"SELECT ?f WHERE {{ ?d <{PKG.sourceFile}> ?f }}").rows]
    remove_sources(store, files)
    assert not store.query(f"ASK {{ ?r a <{SH.ValidationReport}> }}").boolean


def test_another_document_clears_a_stored_class_or_provenance_finding():
    """Stored findings that data elsewhere can clear are checked again on the store: a
    source document typed by another document, a fact whose record another graph holds."""
    data = _broken_document()
    evidence = next(data.subjects(RDF.type, PKG.Evidence))
    source = data.value(evidence, PKG.sourceDocument)
    data.remove((source, RDF.type, None))
    doc = next(s for s, _, _ in data.triples((None, PKG.cites, URIRef("https://example.org/uncited"))))
    store = Store()
    load_reference_data(store)
    _load_as_document(store, iris.named_graph("a"), data)
    shapes = {f.shape for f in validate_store(store).findings}
    assert {"pkgsh:Evidence-sourceDocument", "pkgsh:Provenance-cites"} <= shapes
    other = Graph()
    other.add((source, RDF.type, PKG.Letter))
    record = URIRef("https://example.org/record")
    for p, o in ((RDF.type, PKG.Assertion), (RDF.subject, doc), (RDF.predicate, PKG.cites),
                 (RDF.object, URIRef("https://example.org/uncited"))):
        other.add((record, p, o))
    _load_as_document(store, iris.named_graph("b"), other)
    stored, full = _both(store)
    assert stored == full
    assert not {"pkgsh:Evidence-sourceDocument", "pkgsh:Provenance-cites"} & {f.shape for f in stored}
