"""Each fact written once (graph/placement.py): records in their source's named graph,
facts once in the default graph, nothing kept that no source supports."""

import shutil

import pyoxigraph as ox
from rdflib import URIRef

from policykg.graph import placement
from policykg.graph.curation import load_curation
from policykg.graph.ingest import ingest, ingest_tk_page, remove_sources
from policykg.graph.store import DEFAULT_GRAPH, Store

from .conftest import CORPUS, ROOT
from .tk_server import FIXTURES

CURATION = ROOT / "examples" / "curation" / "corpus.csv"
MOTIONS = FIXTURES / "zaken-30950.json"
# the corpus letter that the others cite most, and a memo that cites what others cite too
LETTER = "2022-10-21_kst-30950-319_reactie-amnesty-discriminerende-risicoprofielen.md"
MEMO = "2025-01_beslisnota-kabinetsreactie-amnesty-etnisch-profileren.txt"


def _quads(store: Store, graph) -> set[ox.Triple]:
    return {q.triple for q in store._ox.quads_for_pattern(None, None, None, graph)}


def _named(store: Store) -> dict:
    return {g: _quads(store, g) for g in store._ox.named_graphs()}


def _build(tmp_path, name: str, sources: list[str], extra=True) -> Store:
    """A store of the corpus files ``sources``, the Open Data motions and the corpus curation."""
    folder = tmp_path / f"{name}-corpus"
    folder.mkdir()
    for source in sources:
        shutil.copy(CORPUS / source, folder / source)
    store = Store(tmp_path / name)
    assert not ingest(store, [folder]).failed
    if extra:
        ingest_tk_page(store, MOTIONS)
        load_curation(store, CURATION)
    return store


def test_each_fact_is_written_once(corpus_store):
    default = _quads(corpus_store, DEFAULT_GRAPH)
    named = _named(corpus_store)
    records = {t.subject for triples in named.values() for t in triples if t.predicate == placement.RECORD_SUBJECT}
    assert len(records) > 200
    assert not [t for t in default if t.subject in records], "a record in the default graph"
    for graph, triples in named.items():
        assert not triples & set(placement.facts(triples)), f"{graph} holds a fact its records name"
        assert placement.default_share(triples) <= default, f"{graph}'s facts are not all in the default graph"
    shares = set().union(*(placement.default_share(t) for t in named.values()))
    assert default == shares, "the default graph holds what no graph supports"


def test_a_graph_as_its_source_states_it_has_its_facts_back(corpus_store):
    name = URIRef("https://w3id.org/policykg/graph/kst-30950-319")
    stated = corpus_store.graph(name)
    stored = _quads(corpus_store, ox.NamedNode(str(name)))
    assert len(stated) > len(stored)  # the facts its evidence names are back
    cites = URIRef("https://w3id.org/policykg/def#cites")
    assert len(list(stated.triples((None, cites, None)))) > 10
    assert not [t for t in stored if str(t.predicate) == str(cites)]


def test_removing_a_document_leaves_what_a_store_built_without_it_holds(tmp_path):
    sources = sorted(p.name for p in CORPUS.iterdir() if p.suffix in (".txt", ".md"))
    full = _build(tmp_path, "full", sources)
    without = _build(tmp_path, "without", [s for s in sources if s != MEMO])
    assert remove_sources(full, [MEMO])[MEMO]
    assert full.nquads() == without.nquads()


def test_removing_every_source_leaves_no_fact(tmp_path):
    sources = sorted(p.name for p in CORPUS.iterdir() if p.suffix in (".txt", ".md"))
    store = _build(tmp_path, "all", sources, extra=False)
    assert all(remove_sources(store, sources).values())
    empty = _build(tmp_path, "none", [], extra=False)
    assert store.nquads() == empty.nquads()


def test_replacing_a_document_keeps_the_facts_others_still_support(tmp_path):
    sources = [LETTER, MEMO]
    store = _build(tmp_path, "replaced", sources, extra=False)
    changed = tmp_path / "replaced-corpus" / MEMO
    changed.write_text(changed.read_text(encoding="utf-8").replace("Kamerstuk", "Stuk"), encoding="utf-8")
    assert not ingest(store, [changed]).failed
    fresh = _build(tmp_path, "fresh", [LETTER], extra=False)
    assert not ingest(fresh, [changed]).failed
    assert store.nquads() == fresh.nquads()


def test_a_store_written_with_facts_twice_is_rewritten_once_on_opening(tmp_path, closed_corpus_store):
    """A store of the earlier layout (records in the default graph, facts in the named
    graphs beside their records) opens as the store built now."""
    with Store.read_only(closed_corpus_store) as built:
        expected = built.nquads()
        graphs = {g: list(built._stated(g)) for g in built._ox.named_graphs()}
    old = tmp_path / "old"
    with Store(old) as store:
        quads = [ox.Quad(*t, g) for g, triples in graphs.items() for t in triples]
        quads += [ox.Quad(*t, DEFAULT_GRAPH) for triples in graphs.values() for t in triples]
        store._ox.extend(quads)
        assert store._layout_old()
    with Store(old) as reopened:
        assert reopened.nquads() == expected


def test_a_rejection_supports_no_fact():
    ev, s, o = ox.NamedNode("urn:r"), ox.NamedNode("urn:s"), ox.NamedNode("urn:o")
    p = ox.NamedNode("https://w3id.org/policykg/def#cites")
    rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    triples = [ox.Triple(ev, ox.NamedNode(rdf + "type"), ox.NamedNode("https://w3id.org/policykg/def#Rejection")),
               ox.Triple(ev, placement.RECORD_SUBJECT, s), ox.Triple(ev, placement.RECORD_PREDICATE, p),
               ox.Triple(ev, placement.RECORD_OBJECT, o)]
    named, default = placement.split(triples)
    assert named == triples and default == []
    supported = [ox.Triple(ev, ox.NamedNode(rdf + "type"), ox.NamedNode("https://w3id.org/policykg/def#Evidence")),
                 *triples[1:]]
    assert placement.split(supported)[1] == [ox.Triple(s, p, o)]
