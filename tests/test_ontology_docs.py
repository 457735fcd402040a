"""The ontology documentation: every class and property of ontology/policykg.ttl with its
English and Dutch labels, its alignments and an anchor; ``make docs`` writes it and
``policykg serve`` shows the same document at ``/def``."""

from __future__ import annotations

import urllib.request
from html.parser import HTMLParser
from pathlib import Path

from rdflib import RDFS, Graph, URIRef

from policykg.graph.store import Store
from policykg.namespaces import PKG
from policykg.reference import ontology_graph
from policykg.site.layout import esc
from policykg.site.model_page import ALIGNMENTS, compact, ontology_document, ontology_terms, write_docs

from .served import policykg_serve

ROOT = Path(__file__).resolve().parents[1]


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.ids.update(value for name, value in attrs if name == "id")


def _anchors(html: str) -> set[str]:
    parser = _Anchors()
    parser.feed(html)
    return parser.ids


def test_every_term_has_an_anchor() -> None:
    graph = ontology_graph()
    terms = ontology_terms(graph)
    assert len(terms) > 80
    local = {str(t)[len(str(PKG._NS)):] for t in terms}
    assert local <= _anchors(ontology_document())


def test_every_term_shows_both_labels_and_its_alignments() -> None:
    graph: Graph = ontology_graph()
    html = ontology_document()
    for term in ontology_terms(graph):
        local = str(term)[len(str(PKG._NS)):]
        entry = html.split(f"<dt id='{local}'>", 1)[1].split("<dt ", 1)[0]
        languages = {label.language for label in graph.objects(term, RDFS.label)}
        assert {"en", "nl"} <= languages, term
        for label in graph.objects(term, RDFS.label):
            assert f"{esc(label)} <small>@{label.language}</small>" in entry, (term, label)
        for _, prop in ALIGNMENTS:
            for target in graph.objects(term, prop):
                if isinstance(target, URIRef):
                    assert esc(compact(graph, str(target))) in entry, (term, target)


def test_outside_alignments_are_shown() -> None:
    html = ontology_document()
    assert "eli:LegalResource" in html and "prov:Entity" in html


def test_make_docs_writes_the_document_and_the_committed_copy_is_current(tmp_path: Path) -> None:
    written = write_docs(tmp_path / "docs" / "ontology.html")
    assert written.read_text(encoding="utf-8") == ontology_document()
    committed = ROOT / "docs" / "ontology.html"
    assert committed.read_text(encoding="utf-8") == ontology_document(), "run `make docs`"


def test_def_on_a_served_store_is_the_same_document(tmp_path: Path) -> None:
    with Store(tmp_path / "store"):
        pass  # an empty store: /def does not depend on the data
    with policykg_serve(tmp_path / "store", tmp_path / "serve.log") as served:
        with urllib.request.urlopen(served.base + "/def", timeout=30) as reply:
            body = reply.read().decode("utf-8")
    assert body == ontology_document()
