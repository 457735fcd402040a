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
from policykg.graph.ingest_validation import document_findings, stored_checks
from policykg.graph.store import Store, document_nquads, to_oxigraph
from policykg.graph.validate import validate_store
from policykg.namespaces import PKG, SH

from .conftest import CORPUS

ROOT = Path(__file__).resolve().parent.parent
SHAPES = sorted((ROOT / "tests" / "shapes").glob("*.ttl"))
GOLD = ROOT / "tests" / "gold"


def _both(store: Store) -> tuple[set, set]:
    stored = set(validate_store(store).findings)
    full = set(validate_store(store, full=True).findings)
    return stored, full


def _load_as_document(store: Store, name: URIRef, data: Graph) -> None:
    """``data`` as a document graph, validated as ingest validates one."""
    triples = [tuple(map(to_oxigraph, t)) for t in data]
    triples.append((ox.NamedNode(str(name)), ox.NamedNode(str(PKG.contentHash)), ox.Literal("sha256:test")))
    triples += document_findings(str(name), triples)
    store.load_documents([(name, document_nquads(name, triples))])


def test_stored_equals_full_on_the_corpus_and_the_gold_documents():
    store = Store()
    ingest(store, [CORPUS, GOLD])
    stored, full = _both(store)
    assert stored == full
    reference = {(f.shape, f.focus, f.severity) for f in validate_store(store, "pyshacl").findings}
    assert {(f.shape, f.focus, f.severity) for f in stored} == reference


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
    store.replace_graph(URIRef("urn:fixture:other"), Graph().parse(path))
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
