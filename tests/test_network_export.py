"""The network exports on the sample corpus with its Open Data and curation: every
relation of the data model, each measure tied to the document that announces it, a
type on every node, unique edge ids, evidence, file, line and curator on the edges;
GraphML, GEXF and JSON load in networkx with these attributes; the cuts."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import OWL, RDF, URIRef

from policykg.cli import main
from policykg.errors import QueryError
from policykg.graph import network
from policykg.graph.curation import load_curation
from policykg.graph.export import citation_network, export_network
from policykg.graph.ingest import ingest
from policykg.graph.network import Cut
from policykg.graph.store import Store
from policykg.reference import ontology_graph

from .conftest import CORPUS, ROOT

OPEN_DATA = ROOT / "tests" / "fixtures" / "tk"
CURATION = ROOT / "examples" / "curation" / "corpus.csv"
OEP = "https://zoek.officielebekendmakingen.nl/"
PKG = "https://w3id.org/policykg/def#"
KST_295 = OEP + "kst-30950-295"


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Store:
    """The corpus, its Open Data motions and undertakings, and its curation."""
    path = tmp_path_factory.mktemp("network") / "store"
    store = Store(path)
    ingest(store, [CORPUS, OPEN_DATA])
    assert load_curation(store, CURATION) > 0
    return store


@pytest.fixture(scope="module")
def written(store, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("written")
    out = {fmt: folder / f"net.{fmt}" for fmt in ("graphml", "gexf", "json")} | {"csv": folder / "csv"}
    for fmt, path in out.items():
        export_network(store, fmt, path)
    return out


@pytest.fixture(scope="module")
def graphml(written) -> nx.MultiDiGraph:
    return nx.read_graphml(written["graphml"], force_multigraph=True)


def _store_rows(store: Store, sparql: str) -> list[tuple[str, ...]]:
    return [tuple(str(c) for c in row) for row in store.query(sparql).rows]


def test_the_relations_are_the_ontologys_object_properties_between_nodes():
    properties = {str(p)[len(PKG):] for p in ontology_graph().subjects(RDF.type, OWL.ObjectProperty)
                  if str(p).startswith(PKG)}
    assert {"announces", "respondsTo", "establishedBy", "cites", "ledTo"} <= set(network.relations())
    assert set(network.relations()) == properties - {"sourceDocument", "curator"}


def test_every_relation_in_the_store_is_in_the_export(store, graphml):
    values = " ".join(f"<{PKG}{r}>" for r in network.relations())
    in_store = {p.rsplit("#", 1)[-1] for (p,) in _store_rows(
        store, f"SELECT DISTINCT ?p WHERE {{ VALUES ?p {{ {values} }} ?s ?p ?o FILTER (isIRI(?o)) }}")}
    exported = {d["relation"] for _, _, d in graphml.edges(data=True)}
    assert {"announces", "respondsTo", "establishedBy"} <= exported
    assert exported == in_store
    facts = _store_rows(store, f"SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?p {{ {values} }} ?s ?p ?o "
                               "FILTER (isIRI(?o)) }")
    assert graphml.number_of_edges() == len(facts)


def test_each_measure_is_linked_to_the_document_that_announces_it(store, graphml):
    announced = set(_store_rows(store, f"SELECT ?d ?m WHERE {{ ?m a <{PKG}Measure> . ?d <{PKG}announces> ?m }}"))
    measures = {m for (m,) in _store_rows(store, f"SELECT ?m WHERE {{ ?m a <{PKG}Measure> }}")}
    assert len(measures) > 10 and {m for _, m in announced} == measures
    edges = {(s, t) for s, t, d in graphml.edges(data=True) if d["relation"] == "announces"}
    assert announced == edges
    for document, measure in edges:
        assert graphml.nodes[measure]["type"] == "Measure"
        assert graphml.nodes[document]["type"] not in ("", "Node")


def test_no_node_has_an_empty_type(graphml):
    classes = {str(c)[len(PKG):] for c in ontology_graph().subjects() if str(c).startswith(PKG)}
    types = {n: d.get("type", "") for n, d in graphml.nodes(data=True)}
    assert all(types.values()), [n for n, t in types.items() if not t]
    assert set(types.values()) - {"Document", "Node"} <= classes
    # once without a type: cited papers only known as a parliamentary paper
    assert types[OEP + "kst-30950-316"] == "ParliamentaryPaper"
    assert types[KST_295] == "Motion"


def test_edge_ids_are_unique_and_the_same_in_every_export(store, written, graphml, tmp_path):
    ids = [key for _, _, key in graphml.edges(keys=True)]
    assert len(ids) > 100 and len(set(ids)) == len(ids)
    again = export_network(store, "graphml", tmp_path / "again.graphml")[0]
    assert again.read_bytes() == written["graphml"].read_bytes()
    gexf_ids = {key for _, _, key in nx.read_gexf(written["gexf"]).edges(keys=True)}
    assert gexf_ids == set(ids)


def test_extracted_edges_carry_their_evidence_file_line_and_rule(graphml):
    extracted = [d for _, _, d in graphml.edges(data=True) if "extracted" in d["origin"]]
    assert len(extracted) > 100
    for d in extracted:
        assert d["evidence"] >= 1 and d["quote"] and d["rule"], d
        assert d["file"].endswith((".txt", ".md", ".pdf", ".docx", ".xml", ".html")), d
        assert isinstance(d["line"], int) and d["line"] >= 1, d


def test_a_curated_edge_shows_its_curator(graphml):
    curated = {(s.rsplit("/", 1)[-1], t.rsplit("/", 1)[-1]): d for s, t, d in graphml.edges(data=True)
               if "curated" in d["origin"]}
    assert set(curated) == {("versterking-van-de-gezamenlijke-aanpak-van-racisme-en-discriminatie", "ncdr"),
                            ("kst-30950-319", "report-discriminerende-risicoprofielen")}
    for d in curated.values():
        assert d["curator"] == "policykg maintainers" and d["note"] and d["evidence"] == 0


def test_open_data_edges_name_their_saved_file(graphml):
    records = [d for _, _, d in graphml.edges(data=True) if d["origin"] == "open data"]
    assert {d["relation"] for d in records} >= {"submittedBy", "vote", "madeBy"}
    assert all(d["file"].endswith(".json") and d["evidence"] == 0 for d in records)


def test_motions_carry_outcome_submitters_and_dossier(graphml):
    motions = {n: d for n, d in graphml.nodes(data=True) if d["type"] == "Motion"}
    assert motions[KST_295]["submitters"] == "Westerveld"
    assert motions[KST_295]["dossier"] == "30950" and motions[KST_295]["date"] == "2022-02-10"
    assert any(d.get("outcome") for d in motions.values())


def test_gexf_and_json_hold_the_same_network_with_its_attributes(written, graphml):
    gexf = nx.read_gexf(written["gexf"])
    assert set(gexf.nodes) == set(graphml.nodes) and gexf.number_of_edges() == graphml.number_of_edges()
    assert gexf.nodes[KST_295]["type"] == "Motion" and gexf.nodes[KST_295]["label"]
    edge = next(d for _, _, d in gexf.edges(data=True) if d.get("curator"))
    assert edge["relation"] in ("ledTo", "respondsTo") and edge["evidence"] == 0
    data = json.loads(written["json"].read_text(encoding="utf-8"))
    linked = nx.node_link_graph(data, edges="links")
    assert set(linked.nodes) == set(graphml.nodes) and linked.number_of_edges() == graphml.number_of_edges()
    assert {link["id"] for link in data["links"]} == {k for _, _, k in graphml.edges(keys=True)}
    assert linked.nodes[KST_295]["type"] == "Motion"


def test_csv_rows_are_the_nodes_and_edges(written, graphml):
    with (written["csv"] / "nodes.csv").open(encoding="utf-8") as f:
        nodes = list(csv.DictReader(f))
    with (written["csv"] / "edges.csv").open(encoding="utf-8") as f:
        edges = list(csv.DictReader(f))
    assert {n["id"] for n in nodes} == set(graphml.nodes) and all(n["type"] for n in nodes)
    assert len(edges) == graphml.number_of_edges() and len({e["id"] for e in edges}) == len(edges)
    assert {"curator", "file", "line", "origin", "quote"} <= set(edges[0])


def test_the_store_streams_the_same_rows_as_it_answers(store):
    nodes = network.Network(store).node_list()
    lists = [network.node_list_query(Cut()), network.node_list_query(Cut(), ordered=False)]
    for query in [*lists, *network.node_queries(nodes), network.edge_query(Cut(), nodes)]:
        streamed = store.select(query)
        assert not isinstance(streamed, list)
        rows = list(streamed)
        assert len(rows) > 100 and rows == store.query(query).dicts()


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_a_network_read_in_small_chunks_is_the_same(store, written, tmp_path, monkeypatch, fmt):
    monkeypatch.setattr(network, "CHUNK", 7)  # the corpus's nodes in dozens of chunks
    chunked = export_network(store, fmt, tmp_path / f"chunked.{fmt}")[0]
    assert chunked.read_bytes() == written[fmt].read_bytes()


def test_a_node_list_holds_each_end_of_each_edge_once(store, graphml):
    nodes = network.Network(store).node_list()
    assert len(nodes) == len(set(nodes)) == graphml.number_of_nodes() and nodes == sorted(nodes, key=str)


@pytest.mark.parametrize("cut", [Cut(), Cut(dossier="30950", since="2022")])
def test_the_streamed_and_the_ordered_node_lists_are_the_same(store, cut):
    params = network.bindings(cut)
    ordered = [r[0] for r in store.query(network.node_list_query(cut), params).rows]
    streamed = store.query(network.node_list_query(cut, ordered=False), params).rows
    assert store.streams and network.Network(store, cut).node_list() == ordered
    assert {n for row in streamed for n in (row[0], row[2])} == set(ordered) and len(streamed) > len(ordered)


@pytest.mark.parametrize("cut", [Cut(), Cut(relations=("cites", "ledTo", "respondsTo")),
                                 Cut(dossier="30950", since="2022")])
def test_edges_joined_on_disk_are_the_edges_read_a_chunk_at_a_time(store, cut, monkeypatch):
    joined = list(network.Network(store, cut).edges())
    monkeypatch.setattr(store, "streams", False)  # as a remote store is read
    chunked = list(network.Network(store, cut).edges())
    assert len(joined) > 10 and joined == chunked
    origins = {e.attrs["origin"] for e in joined}
    assert "extracted" in origins and (cut.dossier or any("curated" in o for o in origins))


def test_an_iri_that_cannot_stand_in_a_query_is_refused():
    with pytest.raises(QueryError, match="not an IRI"):
        network.edge_query(Cut(), [URIRef("https://example.org/a> } ?s ?p ?o {")])


# -- cuts -------------------------------------------------------------------------------------

def test_relations_cut(store):
    net = citation_network(store, Cut(relations=("cites", "ledTo")))
    assert net.number_of_edges() > 10
    assert {d["relation"] for _, _, d in net.edges(data=True)} == {"cites", "ledTo"}


def test_dossier_cut_keeps_the_edges_with_an_end_in_the_dossier(store, graphml):
    net = citation_network(store, Cut(dossier="30950"))

    def in_dossier(node: str) -> bool:
        d = graphml.nodes[node]
        return "30950" in d.get("dossier", "").split("; ") or (d["type"] == "Dossier"
                                                              and d.get("identifier") == "30950")

    expected = {k for s, t, k in graphml.edges(keys=True) if in_dossier(s) or in_dossier(t)}
    assert len(expected) > 20 and set(k for _, _, k in net.edges(keys=True)) == expected


@pytest.mark.parametrize("depth", [0, 1, 2])
def test_around_cut_is_the_neighbourhood(store, graphml, depth):
    net = citation_network(store, Cut(relations=("cites", "ledTo", "announces"), around="kst-30950-295",
                                      depth=depth))
    full = nx.MultiDiGraph((s, t, k, d) for s, t, k, d in graphml.edges(keys=True, data=True)
                           if d["relation"] in ("cites", "ledTo", "announces"))
    ego = nx.ego_graph(full, KST_295, radius=depth, undirected=True)
    assert set(net.nodes) == set(ego.nodes)
    assert set(net.edges(keys=True)) == set(ego.edges(keys=True))
    if depth:
        assert net.number_of_edges() > 0


def test_date_cut_leaves_out_nodes_dated_outside(store, graphml):
    net = citation_network(store, Cut(since="2022", until="2022-10"))

    def inside(node: str) -> bool:
        date = graphml.nodes[node].get("date", "")
        return not date or "2022" <= date[:4] and date[:7] <= "2022-10"

    expected = {k for s, t, k in graphml.edges(keys=True) if inside(s) and inside(t)}
    assert 0 < len(expected) < graphml.number_of_edges()
    assert set(k for _, _, k in net.edges(keys=True)) == expected
    assert all(inside(n) for n in net.nodes)


@pytest.mark.parametrize(("args", "words"), [
    (["--relations", "cites,nothing"], "unknown relation 'nothing'"),
    (["--since", "last year"], "--since 'last year'"),
    (["--around", "no-such-node-at-all"], "no-such-node-at-all"),
])
def test_a_bad_cut_is_an_error_naming_it(tmp_path, args, words):
    store = Store(tmp_path / "store")
    ingest(store, [CORPUS / "2022-10-21_kst-30950-319_reactie-amnesty-discriminerende-risicoprofielen.md"])
    store.close()
    result = CliRunner().invoke(main, ["export", "--format", "json", *args, "--store", str(tmp_path / "store")])
    assert result.exit_code != 0 and words in result.output and "Traceback" not in result.output


def test_a_cut_of_an_rdf_export_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(main, ["export", "--format", "turtle", "--dossier", "30950",
                                       "--store", str(tmp_path / "none")])
    assert result.exit_code == 2 and "cut a network" in result.output
