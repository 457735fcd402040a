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
from policykg.loaders.tk_opendata import motion_from_zaak, read_open_data, read_page

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
    ('{"items": []}', "not Tweede Kamer Open Data: expected a page"),
    ('{"value": {"Id": 1}}', '"value" is not a list of Zaak records'),
    ("[" * 100_000, "JSON nested too deeply"),
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


# Open Data as users have it: pages, plain lists, single records, fewer expansions.

ZAKEN = {z["Nummer"]: z for z in PAGE["value"]}


def _write(tmp_path, data, name="records.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_plain_list_and_a_single_record_read_as_a_page_does(page, tmp_path):
    listed = read_open_data(FIXTURES / "zaken-30950.json")
    assert [m.id for m in listed.motions] == [m.id for m in read_page(page)]
    assert not listed.unplaced and dict(listed.ignored) == {"deleted (Verwijderd)": 1}
    single = read_open_data(_write(tmp_path, ZAKEN["2022Z04350"]))
    assert [m.id for m in single.motions] == ["kst-30950-295"] and single.records == 1


def test_dossier_from_the_zaak_when_the_document_lacks_it():
    found = read_open_data(FIXTURES / "page-30950-expand-zaak-kamerstukdossier.json")
    (motion,) = found.motions
    assert (motion.id, motion.dossier, motion.dossier_title) == ("kst-30950-295", "30950", "Racisme en discriminatie")
    assert motion.case_number == "2022Z04350" and not motion.submitters  # ZaakActor not expanded


def test_gewijzigde_motie_placed_by_what_it_replaces_and_the_rest_named():
    found = read_open_data(FIXTURES / "page-30950-expand-document.json")
    assert [(m.id, m.replaces) for m in found.motions] == [("kst-30950-237", "kst-30950-234")]
    (unplaced,) = found.unplaced
    assert (unplaced.source, unplaced.record, unplaced.soort) == ("page-30950-expand-document.json", "Zaak 2022Z04340",
                                                                  "Motie")
    assert "no Kamerstukdossier" in unplaced.reason and unplaced.fix == "add $expand=Document($expand=Kamerstukdossier)"
    assert "Ceder en Mutluer" in str(unplaced)


def test_a_zaak_alone_is_not_placed_by_its_own_volgnummer():
    found = read_open_data(FIXTURES / "zaak-2022Z04360.json")
    assert not found.motions and found.records == 1
    (unplaced,) = found.unplaced
    assert unplaced.record == "Zaak 2022Z04360" and unplaced.reason.startswith("no Document")
    assert "kst-" not in str(unplaced) and "4360" not in unplaced.reason


@pytest.mark.parametrize("change,reason", [
    (lambda z: z["Document"][0].update(Volgnummer=None), "has no Volgnummer yet"),
    (lambda z: z["Document"][0].pop("Volgnummer"), "has no Volgnummer field"),
    (lambda z: z.update(Document=[]), "none of its 0 Documents is the motion"),
    (lambda z: z["Document"][0].update(Soort="Brief regering"), "none of its 1 Documents is the motion"),
    (lambda z: z["Document"][0]["Kamerstukdossier"][0].update(Verwijderd=True), "no Kamerstukdossier"),
])
def test_why_a_motion_is_not_placed(tmp_path, change, reason):
    zaak = json.loads(json.dumps(ZAKEN["2022Z04340"]))
    change(zaak)
    (unplaced,) = read_open_data(_write(tmp_path, [zaak])).unplaced
    assert reason in unplaced.reason and unplaced.fix


def test_records_that_are_no_motion_are_counted_not_placed(tmp_path):
    amendement = dict(ZAKEN["2022Z04340"], Soort="Amendement", Nummer="2022Z09999")
    found = read_open_data(_write(tmp_path, {"value": [amendement, ZAKEN["2022Z04321"], 7, {"Nummer": "2022Z1"}]}))
    assert [m.id for m in found.motions] == ["kst-30950-293"]
    assert dict(found.ignored) == {"Soort 'Amendement'": 1}
    assert [(u.record, u.reason.split(":")[0]) for u in found.unplaced] == [
        ("record 3", "not a JSON object but a int"), ("Zaak 2022Z1", "no Soort")]


def test_a_list_of_pages_and_a_document_record_with_its_zaak(tmp_path):
    pages = [{"value": [ZAKEN["2022Z04321"]]}, {"value": [ZAKEN["2022Z04340"]]}]
    assert [m.id for m in read_page(_write(tmp_path, pages))] == ["kst-30950-293", "kst-30950-296"]
    zaak = ZAKEN["2022Z04340"]
    document = dict(zaak["Document"][0], Zaak=[{k: v for k, v in zaak.items() if k != "Document"}])
    (motion,) = read_page(_write(tmp_path, [document]))
    assert motion.id == "kst-30950-296" and [s.name for s in motion.submitters] == ["Ceder", "Mutluer"]


@pytest.mark.parametrize("tvv,replaced", [
    ("(t.v.v. 21501-02-3121)", "kst-21501-02-3121"), ("(t.v.v. 36410-VII-95)", "kst-36410-VII-95"),
    ("(t.v.v. 30950-22)", "kst-30950-22"), ("(t.v.v. 30950, nr. 229)", "kst-30950-229"),
])
def test_what_a_gewijzigde_motie_replaces_with_any_toevoeging(tvv, replaced):
    zaak = json.loads(json.dumps(ZAKEN["2022Z04330"]))
    title = f"Gewijzigde motie van het lid Belhaj c.s. {tvv} over"
    zaak["Document"][0]["Titel"] = zaak["Document"][0]["Onderwerp"] = title
    assert motion_from_zaak(zaak).replaces == replaced


@pytest.mark.parametrize("toevoeging,placed", [("02", "kst-21501-02-296"), ("VII", "kst-21501-VII-296"),
                                               ("(R2107)", "kst-21501-296"), (None, "kst-21501-296"),
                                               ("VII; nr 3", None)])
def test_dossier_toevoeging_numeric_roman_or_not_printed(tmp_path, toevoeging, placed):
    zaak = json.loads(json.dumps(ZAKEN["2022Z04340"]))
    zaak["Document"][0]["Kamerstukdossier"][0].update(Nummer=21501, Toevoeging=toevoeging)
    found = read_open_data(_write(tmp_path, [zaak]))
    assert [m.id for m in found.motions] == ([placed] if placed else [])
    assert placed or "Toevoeging not understood" in found.unplaced[0].reason


def test_fields_of_the_wrong_type_are_missing_not_a_crash(tmp_path):
    zaak = json.loads(json.dumps(ZAKEN["2022Z04321"]))
    zaak.update(Id={"x": 1}, Titel=["a"], Onderwerp=7, Kabinetsappreciatie=True, GestartOp="gisteren")
    zaak["Document"][0].update(Titel=None, Onderwerp={"a": 1}, Datum=3, Volgnummer="293")
    zaak["ZaakActor"][0].update(ActorNaam=["Mutluer"])
    zaak["Besluit"] = {"Status": "Besluit", "BesluitSoort": 5, "Stemming": "Voor"}
    (motion,) = read_page(_write(tmp_path, [zaak]))
    assert (motion.id, motion.api_id, motion.title, motion.date, motion.cabinet_appraisal) == (
        "kst-30950-293", "", None, None, None)
    assert [s.name for s in motion.submitters] == ["Simons"] and motion.votes == ()


def test_fetch_takes_a_numeric_toevoeging():
    from policykg.loaders.tk_fetch import first_url
    assert "Toevoeging%20eq%20%2702%27" in first_url("http://127.0.0.1/OData/v4/2.0/", "21501-02", None)
