"""Tweede Kamer Open Data: parsing the API's JSON, fetching it from a local
server on 127.0.0.1, and joining its motions with the motions letters cite."""

import json
from urllib.parse import unquote

import pytest
from rdflib import Literal

from policykg.graph.ingest import ingest
from policykg.graph.queries import run_query
from policykg.loaders.text import SourceError
from policykg.loaders.tk_fetch import FetchError, fetch_motions, last_sync
from policykg.loaders.tk_opendata import read_page

from .conftest import CORPUS
from .corpus_expected import KST
from .tk_server import FIXTURES, TkServer

PAGE = {"@odata.context": "http://127.0.0.1/OData/v4/2.0/$metadata#Zaak",
        "value": json.loads((FIXTURES / "zaken-30950.json").read_text(encoding="utf-8"))}


@pytest.fixture
def page(tmp_path):
    path = tmp_path / "page.json"
    path.write_text(json.dumps(PAGE), encoding="utf-8")
    return path


@pytest.fixture
def motions(page):
    return {m.id: m for m in read_page(page)}


def test_official_id_from_dossier_and_volgnummer_never_the_case_number(motions):
    assert sorted(motions) == ["kst-30950-237", "kst-30950-293", "kst-30950-295", "kst-30950-296", "kst-30950-299"]
    assert motions["kst-30950-293"].case_number == "2022Z04321"


def test_newest_decision_counts_after_a_postponed_vote(motions):
    assert motions["kst-30950-293"].outcome == "aangenomen"
    assert motions["kst-30950-299"].outcome == "verworpen"


def test_a_vote_listed_twice_counts_once_the_newest(motions):
    votes = {v.party: v for v in motions["kst-30950-293"].votes}
    assert votes["VVD"].choice == "Voor" and len(motions["kst-30950-293"].votes) == len(votes)
    assert votes["FVD"].mistake is True and votes["VVD"].seats == 34


def test_gewijzigde_motie_records_what_it_replaces_and_appraisal(motions):
    assert motions["kst-30950-237"].replaces == "kst-30950-234"
    assert motions["kst-30950-296"].cabinet_appraisal == "Ontraden"
    assert motions["kst-30950-237"].cabinet_appraisal is None  # null in the source


def test_submitters_with_party_indiener_first(motions):
    assert [(s.name, s.party, s.role) for s in motions["kst-30950-296"].submitters] == [
        ("Ceder", "ChristenUnie", "Indiener"), ("Mutluer", "PvdA", "Medeindiener")]


@pytest.mark.parametrize("content,problem", [
    ('{"value": [{"Id": 1', "not valid JSON (truncated or damaged?)"),
    ('{"items": []}', 'no "value" list'),
])
def test_bad_pages_are_named(tmp_path, content, problem):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(SourceError) as info:
        read_page(path)
    assert str(path) in str(info.value) and problem in str(info.value)


def test_fetch_pages_through_next_links_and_syncs_incrementally(tmp_path):
    server = TkServer()
    with server as base:
        report = fetch_motions(tmp_path, "30950", base=base)
        assert len(report.pages) == 3 and report.zaken == 6  # pages of two, as served
        assert all(json.loads(p.read_text("utf-8"))["value"] for p in report.pages)  # raw pages saved
        assert last_sync(tmp_path, "30950") == "2022-02-23T10:00:00+01:00"
        again = fetch_motions(tmp_path, "30950", base=base)
    assert "GewijzigdOp ge 2022-02-23" in unquote(server.handler.requests[-1])
    assert again.zaken == 1


def test_fetch_refuses_a_bad_dossier_and_reports_http_errors(tmp_path):
    with pytest.raises(FetchError, match="expected a number"):
        fetch_motions(tmp_path, "30950; drop", base="http://127.0.0.1:9/")
    with TkServer() as base:
        with pytest.raises(FetchError, match="HTTP 404"):
            fetch_motions(tmp_path, "30950", base=base.replace("/OData/v4/2.0/", "/nothing/"))


def test_cited_motion_and_open_data_motion_are_one_node(fresh_store, page):
    assert not ingest(fresh_store, [CORPUS / KST, page]).failed
    rows = {str(r["motion"]): r for r in run_query(fresh_store, "dossier-motions", {"dossier": "30950"}).dicts()}
    mutluer = rows["kst-30950-293"]
    assert str(mutluer["outcome"]) == "aangenomen" and int(mutluer["cited_by"]) == 1
    assert "Mutluer (PvdA)" in str(mutluer["submitters"]) and "VVD (34)" in str(mutluer["voted_for"])
    assert str(rows["kst-30950-299"]["outcome"]) == "verworpen" and int(rows["kst-30950-299"]["cited_by"]) == 0
    iris = fresh_store.query("SELECT DISTINCT ?id ?m WHERE { ?m <https://w3id.org/policykg/def#identifier> ?id }",
                             {"id": Literal("kst-30950-293")}).rows
    assert len(iris) == 1


def test_reloading_a_page_changes_nothing(fresh_store, page):
    ingest(fresh_store, [page])
    size = len(fresh_store)
    report = ingest(fresh_store, [page])
    assert report.skipped == [str(page)] and len(fresh_store) == size
