"""Undertakings (toezeggingen) from Tweede Kamer Open Data: parsing the Toezegging records of
tests/fixtures/tk/toezeggingen-30950.json, loading them beside the corpus and the motions,
re-ingest, the motion-followup query (embedded and on a remote Oxigraph), hostile records."""

import copy
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Literal

from policykg.graph import iris
from policykg.graph.ingest import ingest
from policykg.graph.queries import load_query, run_query
from policykg.graph.remote import RemoteStore
from policykg.graph.store import Store
from policykg.loaders.tk_opendata import read_open_data
from policykg.loaders.tk_toezeggingen import NotLoadable, Undertaking, debate_kind, read_record
from policykg.namespaces import PKG

from .conftest import CORPUS
from .test_endpoints import oxigraph_server, run  # noqa: F401  (the fixture)
from .tk_server import FIXTURES

PAGE = FIXTURES / "toezeggingen-30950.json"
LATER_MOTION = FIXTURES / "zaak-2023Z02330.json"  # adopted, cited by nothing
SOURCES = [CORPUS, FIXTURES / "zaken-30950.json", PAGE, LATER_MOTION]
RECORDS = {r["Nummer"]: r for r in json.loads(PAGE.read_text(encoding="utf-8"))["value"]
           if isinstance(r.get("Nummer"), str)}


def _parsed() -> dict[str, Undertaking]:
    return {u.number: u for u in read_open_data(PAGE).undertakings}


def _write(tmp_path: Path, data, name="toezeggingen-30950-p0001.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


# --- parsing -------------------------------------------------------------------------------

def test_the_page_gives_three_undertakings_one_deleted_one_not_loadable():
    found = read_open_data(PAGE)
    assert sorted(u.number for u in found.undertakings) == ["TZ202007-015", "TZ202202-101", "TZ202202-102"]
    assert dict(found.ignored) == {"deleted (Verwijderd)": 1}  # TZ202202-103
    (bad,) = found.not_loadable
    assert bad.reason == "Nummer is not text but int" and bad.record.startswith("Toezegging ")
    assert not found.motions and not found.unplaced and found.records == 5


def test_the_open_one_with_a_deadline():
    u = _parsed()["TZ202007-015"]
    assert (u.status, u.deadline, u.created) == ("Openstaand", "2020-12-31", "2020-07-02")
    assert u.minister == "A.B. Voorbeeld"  # Voornaam null: Initialen + Achternaam
    assert u.ministry == "Binnenlandse Zaken en Koninkrijksrelaties" and u.function.startswith("Minister van")
    assert u.activity and (u.activity.number, u.activity.kind, u.activity.date) == ("2020A03456", "Plenair debat",
                                                                                  "2020-07-01")
    assert (u.activity.debate.date, u.activity.debate.kind) == ("2020-07-01", "debat")
    assert u.concerns == ("kst-30950-190",) and u.fulfilled_by == ()


def test_the_fulfilled_one_names_its_letter():
    u = _parsed()["TZ202202-101"]
    assert u.status == "Voldaan" and u.minister == "H.G.J. Bruins Slot"
    assert [(f.id, f.kind, f.date) for f in u.fulfilled_by] == [("kst-30950-319", "Brief regering", "2022-10-21")]
    assert u.concerns == ("kst-30950-295",)
    assert u.modified == "2022-10-24T09:30:00+02:00"  # the newest GewijzigdOp, the letter's expansion included
    assert u.api_id == RECORDS["TZ202202-101"]["Id"]


def test_the_sentinel_is_no_deadline_and_voornaam_comes_first():
    u = _parsed()["TZ202202-102"]
    assert RECORDS["TZ202202-102"]["DatumNakoming"] == "0001-01-01T00:00:00Z" and u.deadline is None
    assert u.minister == "Hanke Bruins Slot"  # Voornaam before Initialen
    assert u.concerns == ("kst-30950-295",)


@pytest.mark.parametrize("fields, expected", [
    ({"Naam": "Wiersma, F.M."}, "F.M. Wiersma"),  # the register's sample, surname first
    ({"Naam": "Burg, E. van der"}, "E. van der Burg"),
    ({"Voornaam": "Eric", "Tussenvoegsel": "van der", "Achternaam": "Burg", "Naam": "Burg, E. van der"},
     "Eric van der Burg"),
    ({"Achternaam": "Wiersma", "Initialen": "F.M."}, "F.M. Wiersma"),
    ({"Naam": ["Wiersma"]}, None),  # not text: missing
], ids=["naam", "naam-tussenvoegsel", "parts", "initials", "list"])
def test_the_person(fields, expected):
    record = {"Nummer": "TZ202412-116", "Tekst": "De minister stuurt in maart 2025 een brief.", **fields}
    u = read_record(record, 1, "x.json")
    assert isinstance(u, Undertaking) and u.minister == expected


@pytest.mark.parametrize("soort, kind", [("Commissiedebat", "commissiedebat"), ("Plenair debat", "debat"),
                                         ("Tweeminutendebat", "tweeminutendebat"), ("Algemeen  overleg", "ao")])
def test_debate_kinds_as_a_text_names_them(soort, kind):
    assert debate_kind(soort) == kind


def test_a_letter_not_in_a_dossier_is_known_by_its_document_number():
    record = copy.deepcopy(RECORDS["TZ202202-101"])
    record["KamerbriefNakoming"] = [{"Id": "x", "Soort": "Brief regering", "DocumentNummer": "2025D12345",
                                     "Volgnummer": None, "Datum": "2025-03-01T00:00:00+01:00",
                                     "Kamerstukdossier": [], "Verwijderd": False},
                                    {"DocumentNummer": "not a number", "Verwijderd": False}, None]
    u = read_record(record, 1, "x.json")
    assert isinstance(u, Undertaking)
    assert [(f.id, f.date) for f in u.fulfilled_by] == [("2025D12345", "2025-03-01")]


@pytest.mark.parametrize("change, reason", [
    ({"Nummer": None}, "no Nummer"),
    ({"Nummer": "2022Z04350"}, "is not a TZ number"),
    ({"Tekst": 12}, "no Tekst"),
], ids=["no-number", "zaak-number", "text-not-text"])
def test_not_loadable_says_why(change, reason):
    record = dict(copy.deepcopy(RECORDS["TZ202202-102"]), **change)
    read = read_record(record, 3, "x.json")
    assert isinstance(read, NotLoadable) and reason in read.reason


def test_a_list_without_context_is_recognised_by_the_records(tmp_path):
    records = [RECORDS["TZ202202-101"], RECORDS["TZ202202-102"]]
    assert len(read_open_data(_write(tmp_path, records, "list.json")).undertakings) == 2
    single = read_open_data(_write(tmp_path, RECORDS["TZ202202-101"], "one.json"))
    assert [u.number for u in single.undertakings] == ["TZ202202-101"]
    entity = {"@odata.context": "https://x/OData/v4/2.0/$metadata#Toezegging/$entity", "value": [{"Nummer": 5}]}
    assert len(read_open_data(_write(tmp_path, entity, "entity.json")).not_loadable) == 1


_JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=12),
                     lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                                 max_size=3), max_leaves=12)
_KEYS = ["Id", "Nummer", "Tekst", "Naam", "Voornaam", "Achternaam", "Initialen", "Tussenvoegsel", "Status",
         "DatumNakoming", "Aanmaakdatum", "GewijzigdOp", "Verwijderd", "Activiteit", "KamerbriefNakoming",
         "Functie", "Ministerie"]


@settings(max_examples=300, deadline=None)
@given(base=st.sampled_from(sorted(RECORDS)), changes=st.dictionaries(st.sampled_from(_KEYS), _JSON, max_size=6),
       nested=_JSON)
def test_hostile_records_never_raise(base, changes, nested):
    record = dict(copy.deepcopy(RECORDS[base]), **changes)
    if isinstance(record.get("Activiteit"), list) and record["Activiteit"]:
        record["Activiteit"][0] = dict(record["Activiteit"][0], Zaak=nested) if isinstance(
            record["Activiteit"][0], dict) else nested
    read = read_record(record, 1, "hostile.json")
    assert read is None or isinstance(read, NotLoadable | Undertaking)
    if isinstance(read, Undertaking):
        assert read.number == record["Nummer"].strip() and all(c.startswith("kst-") for c in read.concerns)


@settings(max_examples=100, deadline=None)
@given(record=_JSON)
def test_any_json_as_a_record_never_raises(record):
    read = read_record(record, 1, "hostile.json")
    assert read is None or isinstance(read, NotLoadable | Undertaking)


# --- the graph -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def store_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("tz") / "store"
    with Store(path) as s:
        report = ingest(s, SOURCES)
    assert not report.failed, report.failed
    assert (report.motions, report.undertakings, len(report.not_loadable)) == (6, 3, 1)
    assert not report.complete  # the hostile record is reported, so the exit code is not 0
    assert "3 undertakings loaded" in report.summary() and "1 not loadable" in report.summary()
    return path


@pytest.fixture
def store(store_path):
    with Store(store_path) as s:
        yield s


def _ask(store, sparql: str) -> bool:
    return store.query("PREFIX pkg: <https://w3id.org/policykg/def#>\nASK { " + sparql + " }").boolean


def test_nodes_and_links(store):
    u = iris.undertaking("TZ202202-101")
    assert str(u) == "https://w3id.org/policykg/id/undertaking/TZ202202-101"
    assert iris.undertaking_graph("TZ202202-101") in store.graph_names()
    letter, motion = iris.document("kst-30950-319"), iris.document("kst-30950-295")
    assert _ask(store, f"<{u}> a pkg:Undertaking ; pkg:identifier 'TZ202202-101' ; pkg:status 'Voldaan' ; "
                       f"pkg:deadline '2022-10-31'^^<http://www.w3.org/2001/XMLSchema#date> ; pkg:concerns <{motion}>")
    # the fulfilling letter is the corpus letter itself: its text's graph and the register meet
    assert _ask(store, f"<{letter}> pkg:fulfils <{u}> ; pkg:sourceFile ?file ; a pkg:Letter")
    # the minister is the letter's signatory
    assert _ask(store, f"<{u}> pkg:madeBy ?p . <{letter}> <http://purl.org/dc/terms/creator> ?p")
    # the plenary debate of 1 July 2020 is the debate the corpus letter of 18 November 2020 names
    debate = iris.debate("2020-07-01", "debat")
    assert _ask(store, f"<{iris.undertaking('TZ202007-015')}> pkg:madeIn <{debate}> . ?doc pkg:mentions <{debate}> ;"
                       " pkg:sourceFile ?file")
    # no deadline for the sentinel; nothing of the deleted or the hostile record
    assert not _ask(store, f"<{iris.undertaking('TZ202202-102')}> pkg:deadline ?d")
    assert not _ask(store, f"<{iris.undertaking('TZ202202-103')}> ?p ?o")
    # every register link has its data record, pointing at the API's Toezegging
    assert _ask(store, f"GRAPH ?g {{ ?r a pkg:DataRecord ; <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> "
                       f"<{letter}> ; <http://www.w3.org/1999/02/22-rdf-syntax-ns#object> <{u}> ; "
                       f"<http://www.w3.org/ns/prov#wasDerivedFrom> "
                       f"<{iris.tk_toezegging(RECORDS['TZ202202-101']['Id'])}> }}")


def test_the_store_conforms(store):
    from policykg.graph.validate import validate_store

    report = validate_store(store)
    assert report.conforms, report.text()


def test_reingest_is_idempotent(tmp_path):
    with Store(tmp_path / "store") as s:
        ingest(s, SOURCES)
        before = _nquads(s)
        report = ingest(s, SOURCES)
        assert (report.undertakings, report.undertakings_unchanged) == (0, 3)
        assert _nquads(s) == before
        forced = ingest(s, SOURCES, force=True)
        assert forced.undertakings == 3 and _nquads(s) == before


def _nquads(store: Store) -> list[str]:
    return sorted(store.nquads().decode("utf-8").splitlines())


def test_a_newer_record_replaces_an_older_one_never_the_reverse(tmp_path):
    page = json.loads(PAGE.read_text(encoding="utf-8"))
    newer = copy.deepcopy(page)
    record = next(r for r in newer["value"] if r.get("Nummer") == "TZ202007-015")
    record.update({"Status": "Voldaan", "GewijzigdOp": "2021-01-15T10:00:00+01:00"})
    status = f"SELECT ?s WHERE {{ <{iris.undertaking('TZ202007-015')}> <{PKG.status}> ?s }}"
    with Store(tmp_path / "store") as s:
        ingest(s, [_write(tmp_path, newer, "new.json")])
        ingest(s, [PAGE])  # older: kept out
        assert s.query(status).rows == [(Literal("Voldaan"),)]


# --- motion-followup --------------------------------------------------------------------

EXPECTED = [
    ("kst-30950-237", "2021-03-02", "kst-30950-319 (2022-10-21)", "cited later"),
    ("kst-30950-293", "2022-02-10", "kst-30950-319 (2022-10-21)", "cited later"),
    ("kst-30950-295", "2022-02-10", "kst-30950-319 (2022-10-21)", "cited later"),
    ("kst-30950-296", "2022-02-10", "kst-30950-319 (2022-10-21)", "cited later"),
    ("kst-30950-330", "2023-02-09", None, "no follow-up"),  # adopted (zaak-2023Z02330.json), cited by nothing
]


def _rows(result) -> list[dict]:
    return [{v: (None if c is None else str(c)) for v, c in zip(result.variables, row, strict=True)}
            for row in result.rows]


def test_motion_followup(store):
    rows = _rows(run_query(store, "motion-followup", {"dossier": "30950"}))
    assert [(r["motion"], r["date"], r["cited_by"], r["follow_up"]) for r in rows] == EXPECTED
    assert all(r["dossier"] == "30950" for r in rows)  # 299 is rejected, 300 deleted: not listed
    by = {r["motion"]: r for r in rows}
    assert by["kst-30950-295"]["undertakings"] == ("TZ202202-101 (Voldaan, deadline 2022-10-31); "
                                                   "TZ202202-102 (Openstaand)")
    assert by["kst-30950-295"]["measures"] == "uitrol van het toetsingskader"
    assert by["kst-30950-293"]["undertakings"] is None and by["kst-30950-330"]["measures"] is None
    assert run_query(store, "motion-followup", {"dossier": "36200-VII"}).rows == []


def test_an_undertaking_alone_is_not_no_follow_up(tmp_path):
    page = json.loads(PAGE.read_text(encoding="utf-8"))
    record = next(r for r in page["value"] if r.get("Nummer") == "TZ202007-015")
    zaak = json.loads(LATER_MOTION.read_text(encoding="utf-8"))
    record["Activiteit"][0]["Zaak"] = [{k: v for k, v in zaak.items() if k not in ("ZaakActor", "Besluit")}]
    with Store(tmp_path / "store") as s:
        ingest(s, [FIXTURES / "zaken-30950.json", LATER_MOTION, _write(tmp_path, page)])
        rows = {r["motion"]: r for r in _rows(run_query(s, "motion-followup", {"dossier": "30950"}))}
    assert rows["kst-30950-330"]["follow_up"] == "undertaking only"
    assert rows["kst-30950-330"]["undertakings"] == "TZ202007-015 (Openstaand, deadline 2020-12-31)"


def test_motion_followup_on_a_remote_oxigraph_gives_the_same_rows(oxigraph_server, store_path):  # noqa: F811
    query, update = oxigraph_server + "/query", oxigraph_server + "/update"
    pushed = run("push", "--store", str(store_path), "--endpoint", query, "--update-endpoint", update)
    assert pushed.exit_code == 0, pushed.output
    named = load_query("motion-followup")
    bindings = named.bindings({"dossier": "30950"})
    remote = RemoteStore(query).query(named.text, bindings)
    with Store(store_path) as store:
        local = store.query(named.text, bindings)
    assert remote.variables == local.variables and remote.rows == local.rows and len(local.rows) == 5
    as_csv = ["query", "motion-followup", "--param", "dossier=30950", "--format", "csv"]
    assert run(*as_csv, "--endpoint", query).output == run(*as_csv, "--store", str(store_path)).output
