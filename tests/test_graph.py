"""The corpus graph end to end: IRIs, idempotent ingest, queries, trace."""

from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from policykg.graph import iris
from policykg.graph.ingest import ingest
from policykg.graph.queries import QueryError, run_query
from policykg.graph.store import Store
from policykg.graph.trace import trace
from policykg.loaders.document import extract_text
from policykg.namespaces import OEP, PKG

from .conftest import CORPUS
from .corpus_expected import KST, MOTION_OUTCOMES, MOTIONS, OFFICIAL_CITATIONS


def test_official_ids_become_official_iris():
    assert iris.document("kst-30950-295") == URIRef("https://zoek.officielebekendmakingen.nl/kst-30950-295")
    assert iris.document("BWBR0001840") == URIRef("https://wetten.overheid.nl/BWBR0001840")
    # Kamervragen have an official id too (../shared/real: kv-tk-2012Z22998)
    assert iris.document("kv-tk-2012Z22998") == URIRef("https://zoek.officielebekendmakingen.nl/kv-tk-2012Z22998")
    assert iris.person("Van Baarle") == URIRef("https://w3id.org/policykg/id/person/van-baarle")


def test_every_document_has_its_own_named_graph(corpus_store):
    names = {str(n).rsplit("/", 1)[-1] for n in corpus_store.graph_names()}
    assert {"kst-30950-319", "bzk-2023-0000048297", "szw-2020-0000148620", "ontology", "vocab", "summaries"} <= names
    assert len(names) == 8  # five documents, the ontology, the vocabulary, the summaries (graph/summaries.py)


def test_ingesting_twice_gives_the_same_graph(fresh_store):
    ingest(fresh_store, [CORPUS])
    first = fresh_store.dataset()
    count = len(fresh_store)
    again = ingest(fresh_store, [CORPUS])
    assert len(again.skipped) == 5 and not again.loaded
    forced = ingest(fresh_store, [CORPUS], force=True)
    assert len(forced.loaded) == 5
    assert len(fresh_store) == count
    second = fresh_store.dataset()
    for name in {g.identifier for g in first.graphs()}:
        a, b = first.graph(name), second.graph(name)
        if not isomorphic(a, b):
            _, only_a, only_b = graph_diff(to_isomorphic(a), to_isomorphic(b))
            pytest.fail(f"{name} differs:\n-{only_a.serialize(format='nt')}\n+{only_b.serialize(format='nt')}")


def test_every_corpus_citation_is_in_the_graph(corpus_store):
    for name, ident, _ in OFFICIAL_CITATIONS:
        rows = run_query(corpus_store, "cited-by", {"doc": ident}).dicts()
        assert any(str(r["file"]) == name for r in rows), (ident, rows)


def test_motions_query_lists_submitters(corpus_store):
    rows = {str(r["motion"]): str(r["submitters"]) for r in run_query(corpus_store, "motions").dicts()}
    for ident, submitters, _ in MOTIONS:
        assert sorted(rows[ident].split(", ")) == sorted(submitters)


def test_motions_query_filters_by_dossier(corpus_store):
    rows = run_query(corpus_store, "motions", {"dossier": "35510"}).dicts()
    assert sorted(str(r["motion"]) for r in rows) == ["kst-35510-16", "kst-35510-21"]


@pytest.mark.parametrize("motion,outcome", MOTION_OUTCOMES, ids=[m[0] for m in MOTION_OUTCOMES])
def test_motion_measures_query(corpus_store, motion, outcome):
    rows = run_query(corpus_store, "motion-measures", {"motion": motion}).dicts()
    assert any(outcome in str(r["outcome"]) for r in rows), rows


def test_parameters_are_bound_not_pasted(corpus_store):
    hostile = 'kst-30950-295" } } DROP ALL ; SELECT * { ?s ?p "'
    assert run_query(corpus_store, "cited-by", {"doc": hostile}).rows == []
    assert run_query(corpus_store, "cited-by", {"doc": "kst-30950-295"}).rows


def test_unknown_and_missing_parameters_are_explained(corpus_store):
    with pytest.raises(QueryError, match="needs --param doc"):
        run_query(corpus_store, "cited-by", {})
    with pytest.raises(QueryError, match="no parameter colour"):
        run_query(corpus_store, "cited-by", {"doc": "x", "colour": "red"})


def test_unresolved_references_are_the_cited_documents_not_ingested(corpus_store):
    rows = {str(r["cited"]) for r in run_query(corpus_store, "unresolved-references").dicts()}
    assert "kst-30950-295" in rows and "stcrt-2022-11349" in rows
    assert "kst-30950-319" not in rows


def test_mentions_over_time_in_date_order(corpus_store):
    rows = run_query(corpus_store, "mentions-over-time", {"concept": "NCDR"}).dicts()
    dated = [str(r["date"]) for r in rows if r["date"] is not None]
    assert dated == sorted(dated) and "2022-10-21" in dated and "2023-01-25" in dated


def _walk(step):
    yield step
    for child in step.children:
        yield from _walk(child)


def test_trace_of_westerveld_reaches_the_rollout_with_its_quote(corpus_store):
    root = trace(corpus_store, "kst-30950-295")
    assert root.submitters == "Westerveld"
    measures = [s for s in _walk(root) if s.relation == "led to"]
    rollout = [s for s in measures if "uitrol van het toetsingskader" in (s.label or "")]
    assert rollout, [s.label for s in measures]
    text = (CORPUS / KST).read_text(encoding="utf-8")
    evidence = rollout[0].evidence[0]
    assert evidence["quote"] in text and evidence["file"] == KST
    instruments = [s for s in rollout[0].children if s.relation == "uses instrument"]
    assert any("toetsingskader" in (s.label or "").lower() for s in instruments)


@pytest.mark.parametrize("motion,outcome", MOTION_OUTCOMES, ids=[m[0] for m in MOTION_OUTCOMES])
def test_trace_of_each_motion_reaches_its_outcome_verbatim(corpus_store, motion, outcome):
    text = (CORPUS / KST).read_text(encoding="utf-8")
    steps = [s for s in _walk(trace(corpus_store, motion)) if s.relation == "led to"]
    hits = [s for s in steps if outcome in (s.label or "")]
    assert hits, [s.label for s in steps]
    assert all(ev["quote"] in text for s in hits for ev in s.evidence) and hits[0].evidence


def test_evidence_quote_is_the_text_at_its_span(corpus_store):
    text = (CORPUS / KST).read_text(encoding="utf-8")
    rows = corpus_store.query(
        "PREFIX pkg: <https://w3id.org/policykg/def#> SELECT ?d ?q ?s ?e WHERE { "
        "GRAPH ?g { ?ev pkg:sourceDocument ?d ; pkg:quote ?q ; pkg:start ?s ; pkg:end ?e . } }",
        {"d": OEP["kst-30950-319"]},
    ).rows
    assert len(rows) > 20
    for _, quote, start, end in rows:
        assert text[int(start):int(end)] == str(quote)


def test_remove_a_document_graph(fresh_store):
    ingest(fresh_store, [CORPUS / KST])
    name = iris.named_graph("kst-30950-319")
    assert fresh_store.remove_graph(name)
    assert not fresh_store.query(f"ASK {{ ?d <{PKG.sourceFile}> ?f }}").boolean
    assert Literal("kst-30950-319") not in {r[0] for r in fresh_store.query(
        "SELECT ?i WHERE { ?d <https://w3id.org/policykg/def#identifier> ?i }").rows}


def test_timeline_of_the_staatscommissie_in_date_order(corpus_store):
    rows = run_query(corpus_store, "timeline", {"concept": "Staatscommissie"}).dicts()
    events = [(str(r["date"]), str(r["event"]), str(r["document"])) for r in rows]
    assert events[0] == ("2022-05", "established by", "stcrt-2022-11349"), events
    dated = [e[0] for e in events if e[0]]
    assert dated == sorted(dated) and ("2022-10-21", "named in", "kst-30950-319") in events


def test_timeline_lists_announced_measures_with_period(corpus_store):
    rows = run_query(corpus_store, "timeline", {"concept": "Movisie"}).dicts()
    announced = [r for r in rows if str(r["event"]).startswith("measure announced")]
    assert any(str(r["subject"]) == "workshops per organisatie" and "komend najaar" in str(r["event"])
               for r in announced), rows


@pytest.mark.parametrize("motion,outcome", MOTION_OUTCOMES, ids=[m[0] for m in MOTION_OUTCOMES])
def test_trace_motion_query_gives_document_and_line(corpus_store, motion, outcome):
    rows = run_query(corpus_store, "trace-motion", {"motion": motion}).dicts()
    hits = [r for r in rows if outcome in str(r["outcome"])]
    assert hits and str(hits[0]["document"]) == "kst-30950-319" and str(hits[0]["file"]) == KST
    text = (CORPUS / KST).read_text(encoding="utf-8")
    assert str(hits[0]["quote"]) in text
    assert text.splitlines()[int(hits[0]["line"]) - 1] in text


def test_trace_nests_what_a_document_says_under_it(corpus_store):
    root = trace(corpus_store, "kst-30950-295")
    letter = next(c for c in root.children if c.relation == "cited by")
    assert any(c.relation == "led to" and "uitrol" in c.label for c in letter.children)


def test_parallel_ingest_gives_the_same_store(tmp_path):
    sources = [CORPUS, Path(__file__).parent / "gold" / "documents"]
    one, two = Store(tmp_path / "one"), Store(tmp_path / "two")
    first = ingest(one, sources, jobs=1)
    second = ingest(two, sources, jobs=2)
    assert sorted(first.loaded) == sorted(second.loaded) and len(first.loaded) == 12
    assert one.nquads() == two.nquads()


def _union_of_named_graphs(store: Store) -> set:
    return {(s, p, o) for name in store.graph_names() for s, p, o in store.graph(name)}


def _default_graph(store: Store) -> set:
    return set(store.union())


def test_default_graph_is_the_union_of_the_named_graphs_after_ingest_and_remove(fresh_store):
    ingest(fresh_store, [CORPUS])
    assert _default_graph(fresh_store) == _union_of_named_graphs(fresh_store)
    graphs = {name: set(fresh_store.graph(name)) for name in fresh_store.graph_names()}
    shared = next(t for t in sorted(_union_of_named_graphs(fresh_store))
                  if t[1] == PKG.identifier and sum(t in g for g in graphs.values()) >= 2)
    holders = [name for name, g in graphs.items() if shared in g]  # documents citing one document
    fresh_store.remove_graph(holders[0])
    assert shared in _default_graph(fresh_store)  # another document still says it
    for name in holders[1:]:
        fresh_store.remove_graph(name)
    assert shared not in _default_graph(fresh_store)
    assert _default_graph(fresh_store) == _union_of_named_graphs(fresh_store)


def test_store_without_the_union_gets_it_when_opened(tmp_path):
    import pyoxigraph as ox
    raw = ox.Store(str(tmp_path / "old"))
    raw.add(ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:p"), ox.Literal("x"), ox.NamedNode("urn:g")))
    raw.flush()
    del raw
    store = Store(tmp_path / "old")
    assert store.query("ASK { <urn:a> <urn:p> 'x' }").boolean
    assert len(store) == 1 and store.triple_count() == 1


def test_a_repeated_mention_keeps_its_first_occurrence_and_counts_the_rest(corpus_store):
    rows = corpus_store.query(
        "PREFIX pkg: <https://w3id.org/policykg/def#> PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> "
        "SELECT ?d ?c ?start ?n WHERE { GRAPH ?g { ?ev rdf:subject ?d ; rdf:predicate pkg:mentions ; rdf:object ?c ; "
        "pkg:start ?start ; pkg:occurrences ?n } }", {"d": OEP["kst-30950-319"]}).rows
    rows = [r[1:] for r in rows]
    text = (CORPUS / KST).read_text(encoding="utf-8")
    mentions = [m for m in extract_text(text, KST).mentions if m.concept.endswith("/ncdr")]
    assert len({r[0] for r in rows}) == len(rows) > 5  # one evidence per mentioned concept
    ncdr = [r for r in rows if str(r[0]).endswith("/ncdr")]
    assert len(mentions) >= 2 and int(ncdr[0][2]) == len(mentions)
    assert int(ncdr[0][1]) == mentions[0].start


def test_streamed_exports_hold_the_union_and_the_named_graphs(corpus_store, tmp_path):
    from rdflib import Dataset, Graph

    from policykg.graph.export import write_rdf

    write_rdf(corpus_store, "turtle", tmp_path / "all.ttl")
    write_rdf(corpus_store, "nquads", tmp_path / "all.nq")
    merged = Graph().parse(tmp_path / "all.ttl", format="turtle")
    assert set(merged) == _union_of_named_graphs(corpus_store)
    dataset = Dataset().parse(tmp_path / "all.nq", format="nquads")
    assert not len(dataset.default_graph)  # the union copy stays in the store
    names = {g.identifier for g in dataset.graphs() if len(g)}
    assert names == set(corpus_store.graph_names())
    name = iris.named_graph("kst-30950-319")
    assert set(dataset.graph(name)) == set(corpus_store.graph(name))


def test_mentions_over_time_counts_every_occurrence(corpus_store):
    rows = run_query(corpus_store, "mentions-over-time", {"concept": "NCDR"}).dicts()
    text = (CORPUS / KST).read_text(encoding="utf-8")
    mentions = [m for m in extract_text(text, KST).mentions if m.concept.endswith("/ncdr")]
    row = next(r for r in rows if str(r["document"]) == "kst-30950-319")
    assert int(row["mentions"]) == len(mentions) >= 2


def test_workers_get_at_most_in_flight_files_ahead_of_the_writer():
    """A slow writer (a large store) leaves the extracted documents in the workers, not
    in the writing process's memory: files are submitted only as results are taken."""
    from concurrent.futures import ThreadPoolExecutor
    from pathlib import Path

    from policykg.graph import ingest as ingesting

    submitted = []

    def extract(path):
        submitted.append(path)
        return path

    paths = [Path(f"{i}.txt") for i in range(ingesting.IN_FLIGHT * 3)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = ingesting._in_order(pool, extract, paths)
        taken = [next(results) for _ in range(10)]
        assert len(submitted) <= ingesting.IN_FLIGHT + 10
        assert taken == paths[:10] and list(results) == paths[10:]
