"""`policykg ingest` on Tweede Kamer Open Data as users save it: a plain list of Zaak
records, pages, records with fewer expansions; what cannot be placed is named and
makes the exit code 1; a file that loads nothing is never counted as loaded."""

import json
import shutil

from click.testing import CliRunner
from rdflib import Literal

from policykg.cli import main
from policykg.graph.store import Store

from .conftest import CORPUS
from .corpus_expected import KST
from .tk_server import FIXTURES, TkServer

LIST = FIXTURES / "zaken-30950.json"
NO_DOSSIER = FIXTURES / "page-30950-expand-document.json"
ZAAK_DOSSIER = FIXTURES / "page-30950-expand-zaak-kamerstukdossier.json"
BARE_ZAAK = FIXTURES / "zaak-2022Z04360.json"


def run(*args, store):
    return CliRunner().invoke(main, [*args, "--store", str(store)], catch_exceptions=False)


def motions(store_path, dossier="30950"):
    out = run("query", "dossier-motions", "--param", f"dossier={dossier}", "--format", "json", store=store_path)
    return {row["motion"]: row for row in json.loads(out.output)}


def test_a_plain_list_of_zaak_records_loads(tmp_path):
    result = run("ingest", "--quiet", str(LIST), store=tmp_path / "s")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Open Data: 5 motions loaded, 0 unchanged, 0 not placed, 1 other record ignored")
    rows = motions(tmp_path / "s")
    assert sorted(rows) == ["kst-30950-237", "kst-30950-293", "kst-30950-295", "kst-30950-296", "kst-30950-299"]
    assert rows["kst-30950-293"]["outcome"] == "aangenomen" and "Mutluer (PvdA)" in rows["kst-30950-293"]["submitters"]


def test_an_unplaceable_record_is_named_exit_1_and_the_rest_loads(tmp_path):
    result = run("ingest", "--quiet", str(NO_DOSSIER), str(ZAAK_DOSSIER), store=tmp_path / "s")
    assert result.exit_code == 1
    assert "Open Data: 2 motions loaded, 0 unchanged, 1 not placed" in result.output
    line = next(x for x in result.output.splitlines() if "not placed:" in x)
    for part in ("page-30950-expand-document.json", "Zaak 2022Z04340", "Soort 'Motie'", "Ceder en Mutluer",
                 "no Kamerstukdossier", "add $expand=Document($expand=Kamerstukdossier)"):
        assert part in line
    store = Store(tmp_path / "s")
    ids = {str(r[0]) for r in store.query("SELECT ?id WHERE { ?m <https://w3id.org/policykg/def#caseNumber> ?c ; "
                                          "<https://w3id.org/policykg/def#identifier> ?id }").rows}
    assert ids == {"kst-30950-237", "kst-30950-295"}  # the gewijzigde motie by "t.v.v.", 295 by the Zaak's dossier


def test_nothing_is_loaded_with_nothing_in_it(tmp_path):
    only_unplaced = run("ingest", "--quiet", str(BARE_ZAAK), store=tmp_path / "s")
    assert only_unplaced.exit_code == 1 and "1 loaded" not in only_unplaced.output
    assert only_unplaced.output.startswith("Open Data: 0 motions loaded, 0 unchanged, 1 not placed;")
    assert "zaak-2022Z04360.json: Zaak 2022Z04360" in only_unplaced.output and "no Document" in only_unplaced.output

    amendments = tmp_path / "amendementen.json"
    amendments.write_text(json.dumps([dict(z, Soort="Amendement") for z in json.loads(LIST.read_text("utf-8"))]),
                          encoding="utf-8")
    none = run("ingest", "--quiet", str(amendments), store=tmp_path / "s")
    assert none.exit_code == 1 and "1 file failed" in none.output
    assert (f"error: {amendments}: no motion in its 6 records "
            "(Soort 'Amendement': 5, deleted (Verwijderd): 1)") in none.output

    empty = tmp_path / "empty.json"
    empty.write_text('{"@odata.context": "x", "value": []}', encoding="utf-8")
    nothing = run("ingest", "--quiet", str(empty), store=tmp_path / "s")
    assert nothing.exit_code == 0
    assert "0 motions loaded" in nothing.output and "1 file without records" in nothing.output


def test_documents_and_open_data_are_counted_apart(tmp_path):
    result = run("ingest", "--quiet", str(CORPUS / KST), str(BARE_ZAAK), str(ZAAK_DOSSIER), store=tmp_path / "s")
    assert result.exit_code == 1
    assert result.output.startswith("1 loaded, 0 unchanged, 0 failed; "
                                    "Open Data: 1 motion loaded, 0 unchanged, 1 not placed;")
    cited = run("query", "cited-by", "--param", "doc=kst-30950-295", "--format", "json", store=tmp_path / "s")
    assert json.loads(cited.output)[0]["citing"] == "kst-30950-319"
    store = Store(tmp_path / "s")
    nodes = store.query("SELECT DISTINCT ?id ?m WHERE { ?m <https://w3id.org/policykg/def#identifier> ?id }",
                        {"id": Literal("kst-30950-295")}).rows
    assert len(nodes) == 1


def test_same_records_same_graph_whatever_the_wrapping_or_order(tmp_path):
    records = json.loads(LIST.read_text("utf-8"))
    stores = {}
    for kind, data in (("list", records), ("page", {"@odata.context": "x", "value": records}),
                       ("pages", [{"value": records[:3]}, {"value": records[3:]}])):
        folder = tmp_path / kind
        folder.mkdir()
        (folder / "motions.json").write_text(json.dumps(data), encoding="utf-8")
        assert run("ingest", "--quiet", str(folder / "motions.json"), store=tmp_path / f"s-{kind}").exit_code == 0
        stores[kind] = Store(tmp_path / f"s-{kind}").nquads()
    assert stores["list"] == stores["page"] == stores["pages"]
    # a record saved with fewer expansions (same GewijzigdOp) does not undo the fuller one, in either order
    for name, order in (("full-first", [LIST, NO_DOSSIER]), ("full-last", [NO_DOSSIER, LIST])):
        for source in order:
            run("ingest", "--quiet", str(source), store=tmp_path / name)
    assert Store(tmp_path / "full-first").nquads() == Store(tmp_path / "full-last").nquads()
    assert "Belhaj (D66)" in motions(tmp_path / "full-first")["kst-30950-237"]["submitters"]


def test_fetched_folder_ingests_again_without_its_sync_state(tmp_path):
    with TkServer() as base:
        fetched = run("fetch", "tk", "--dossier", "30950", "--base-url", base, "--out", str(tmp_path / "tk"),
                      store=tmp_path / "s")
        again = run("fetch", "tk", "--dossier", "30950", "--base-url", base, "--out", str(tmp_path / "tk"),
                    store=tmp_path / "s")
    assert fetched.exit_code == 0 and "Open Data: 5 motions loaded" in fetched.output
    # incremental: the one case changed since is a deleted one
    assert again.exit_code == 0 and "fetched 1 cases" in again.output
    assert "Open Data: 0 motions loaded, 0 unchanged, 0 not placed, 1 other record ignored" in again.output
    copy = tmp_path / "copy"
    shutil.copytree(tmp_path / "tk", copy)
    assert (copy / "sync-state.json").exists()
    reloaded = run("ingest", "--quiet", str(copy), store=tmp_path / "s")
    assert reloaded.exit_code == 0 and reloaded.output.startswith("Open Data: 0 motions loaded, 5 unchanged")
