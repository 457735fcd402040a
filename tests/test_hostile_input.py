"""A hostile corpus, generated here: every input path is total. Each case is a defect
found by trying policykg as an adversary would (issue 15), reproduced as a real file in
a temporary folder and run through ``policykg ingest`` / ``curate`` as a user would:
never a traceback; a bad source is named with its problem; the batch goes on; the
summary is printed; the exit code is 1 when something failed."""

import copy
import json
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from policykg.cli import main
from policykg.graph import iris
from policykg.graph.curation import curation_graph
from policykg.graph.ingest import ingest
from policykg.graph.store import Store
from policykg.namespaces import PKG

from .conftest import CORPUS, ROOT
from .corpus_expected import KST
from .docx_writer import paragraph, write_docx
from .ob_publication import write_publication
from .tk_server import FIXTURES

ZAKEN = json.loads((FIXTURES / "zaken-30950.json").read_text(encoding="utf-8"))
TOEZEGGINGEN = json.loads((FIXTURES / "toezeggingen-30950.json").read_text(encoding="utf-8"))
GOOD_PAGE = FIXTURES / "zaak-2023Z02330.json"  # motion kst-30950-330
GOOD_MOTION = "kst-30950-330"
HEADER = "action,subject,relation,object,curator,note\n"
ROW = "assert,kst-30950-319,cites,kst-30950-295,{curator},{note}\n"


def run(*args, store):
    return CliRunner().invoke(main, [*args, "--store", str(store)], catch_exceptions=False)


def policykg(*args, timeout=120):
    """The command as a user runs it, in its own process (a hang fails, not blocks, the test)."""
    return subprocess.run([sys.executable, "-m", "policykg.cli", *args], capture_output=True, text=True,
                          timeout=timeout, check=False)


def _graphs(store_path: Path) -> list:
    with Store(store_path) as store:
        return store.graph_names()


# --- one bad Open Data page aborted the whole ingest ------------------------------------------

def _zaak(change):
    zaken = copy.deepcopy(ZAKEN)
    change(zaken[0])
    return zaken


def _toezegging(change):
    page = copy.deepcopy(TOEZEGGINGEN)
    change(page["value"][0])
    return page


def _each(key, value):
    return lambda items: [item.__setitem__(key, value) for item in items if isinstance(item, dict)]


def _documents(key, value):
    return lambda zaak: _each(key, value)(zaak["Document"])


def _activities(key, value):
    return lambda record: _each(key, value)(record["Activiteit"])


def _deep(depth: int) -> str:
    return "[" * depth + "1" + "]" * depth


# Each page either loses only its bad record (named, exit 1) or loads whole; either way
# the good page after it loads and the summary is printed. Per defect: the page, what of it
# loads (motions + undertakings; None: the page is a file failure), and whether the exit
# code is 0 (the Toezegging fixture holds a record that is never loadable: always 1).
OPEN_DATA_DEFECTS = {
    "missing_keys": (_zaak(lambda z: [z.pop(k) for k in ("Soort", "Document")]), 4, False),
    "null_where_a_list_is_expected": (_zaak(lambda z: z.__setitem__("Document", [None, 5, "x"])), 4, False),
    "number_where_an_object_is_expected": (_zaak(lambda z: z.__setitem__("Document", 7)), 4, False),
    "list_where_a_string_is_expected": (_zaak(lambda z: z.__setitem__("Soort", ["Motie"])), 4, False),
    "non_date_dates": (_zaak(_documents("Datum", "2022-13-45")), 5, True),
    "date_with_leading_space_made_an_invalid_iri": (_toezegging(_activities("Datum", " 2020-07-01x")), 3, False),
    "unicode_digits_in_a_date": (_toezegging(_activities("Datum", "٢٠٢٠-٠٧-٠١")), 3, False),
    "ids_with_spaces_quotes_gt_and_unicode": (
        _zaak(lambda z: [z.__setitem__("Id", 'a b>"c'), _documents("Volgnummer", "٢٩٥")(z),
                         z["ZaakActor"][0].__setitem__("ActorNaam", 'x" <y> \u202e')]), 4, False),
    "unicode_digits_in_an_undertaking_number": (
        _toezegging(lambda r: r.__setitem__("Nummer", "TZ٢٠٢٠٠٧-٠١٥")), 2, False),
    "lone_surrogate_in_a_name": (_zaak(lambda z: z["ZaakActor"][0].__setitem__("ActorFractie", "\udfff")), 5, True),
    "lone_surrogate_in_an_undertaking": (_toezegging(lambda r: r.__setitem__("Tekst", "a \ud800 b")), 3, False),
    "huge_strings": (_zaak(lambda z: z.__setitem__("Onderwerp", "x" * 2_000_000)), 5, True),
    "deeply_nested_json": (_deep(100_000), None, False),
    "deeply_nested_in_a_record": (None, 1, True),  # written below: a record with 400 levels inside
    "a_value_that_is_not_a_list": ({"value": {"Soort": "Motie"}}, None, False),
    "empty_file": ("", None, False),
}


def _write_page(path: Path, name: str, data) -> None:
    if name == "deeply_nested_in_a_record":
        record = json.dumps(ZAKEN[0])[:-1] + ', "Besluit": ' + _deep(400) + "}"
        path.write_text("[" + record + "]", encoding="utf-8")
    elif isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_text(json.dumps(data), encoding="utf-8")


@pytest.mark.parametrize("defect", sorted(OPEN_DATA_DEFECTS))
def test_one_bad_open_data_page_does_not_abort_the_ingest(tmp_path, defect):
    data, loads, complete = OPEN_DATA_DEFECTS[defect]
    folder = tmp_path / "in"
    folder.mkdir()
    _write_page(folder / "a-bad.json", defect, data)
    (folder / "b-good.json").write_bytes(GOOD_PAGE.read_bytes())
    result = run("ingest", "--quiet", str(folder), store=tmp_path / "s")
    assert "Traceback" not in result.output
    assert result.exit_code == (0 if complete else 1), result.output
    assert result.output.count("Open Data:") == 1, result.output  # the summary
    assert iris.motion_graph(GOOD_MOTION) in _graphs(tmp_path / "s"), result.output
    summary = result.output.split("Open Data: ")[1]
    motions = int(summary.split(" motion")[0])
    undertakings = int(summary.split(" undertaking")[0].rsplit(" ", 1)[-1]) if " undertaking" in summary else 0
    if loads is None:
        assert f"{folder / 'a-bad.json'}: " in result.output and "1 file failed" in summary, result.output
    else:
        assert motions + undertakings == loads + 1, result.output  # + the good page's motion
    if not complete:
        assert "a-bad.json: " in result.output, result.output  # what was left out is named


def test_a_hostile_date_never_reaches_the_graph_as_a_date(tmp_path):
    """A non-date date was written as an ill-typed xsd:date (and logged a traceback)."""
    page = tmp_path / "page.json"
    page.write_text(json.dumps(_zaak(_documents("Datum", "2022-02-30T00:00:00"))), encoding="utf-8")
    result = run("ingest", "--quiet", str(page), store=tmp_path / "s")
    assert result.exit_code == 0 and "Traceback" not in result.output
    with Store(tmp_path / "s") as store:
        dates = store.query("SELECT ?m ?p ?d WHERE { ?m ?p ?d }", {"m": iris.document("kst-30950-293"),
                                                                  "p": PKG.date}).rows
    assert dates and all(str(row[2]) != "2022-02-30" for row in dates)


def test_a_lone_surrogate_is_stored_as_a_replacement_character(tmp_path):
    page = tmp_path / "page.json"
    page.write_text(json.dumps(_zaak(lambda z: z["ZaakActor"][0].__setitem__("ActorFractie", "D\udfff66"))),
                    encoding="utf-8")
    assert run("ingest", "--quiet", str(page), store=tmp_path / "s").exit_code == 0
    with Store(tmp_path / "s") as store:
        parties = {str(r[1]) for r in store.query(
            "SELECT ?c ?n WHERE { ?p a ?c ; <http://www.w3.org/2004/02/skos/core#prefLabel> ?n }",
            {"c": PKG.Party}).rows}
    assert "D\ufffd66" in parties


# --- silent behaviour -------------------------------------------------------------------------

def test_empty_files_are_reported_per_file_not_loaded_as_documents(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.md").write_text("  \n\n\t\n", encoding="utf-8")
    (folder / "bom-only.txt").write_bytes(b"\xef\xbb\xbf")
    (folder / KST).write_bytes((CORPUS / KST).read_bytes())
    result = run("ingest", "--quiet", str(folder), store=tmp_path / "s")
    assert result.exit_code == 1
    assert f"{folder / 'empty.txt'}: empty file (0 bytes)" in result.output
    assert f"{folder / 'blank.md'}: no text" in result.output
    assert f"{folder / 'bom-only.txt'}: no text" in result.output
    assert "1 loaded, 0 unchanged, 3 failed" in result.output


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_fifo_in_a_folder_is_skipped_with_a_message_not_waited_on(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")
    os.mkfifo(folder / "pipe.json")
    (folder / KST).write_bytes((CORPUS / KST).read_bytes())
    done = policykg("ingest", "--quiet", "--jobs", "1", "--store", str(tmp_path / "s"), str(folder), timeout=120)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"{folder / 'pipe.txt'}: not a regular file but a named pipe (FIFO); skipped" in done.stderr
    assert f"{folder / 'pipe.json'}: not a regular file but a named pipe (FIFO); skipped" in done.stderr
    assert "1 loaded, 0 unchanged, 1 failed; Open Data: 0 motions loaded" in done.stdout
    extracted = policykg("extract", str(folder / "pipe.txt"), timeout=60)
    assert extracted.returncode == 1 and "not a regular file" in extracted.stderr


def test_docx_files_are_loaded_and_other_types_are_named(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write_docx(folder / "brief.docx", [paragraph("Zie de motie, Kamerstuk 30 950, nr. 295, over racisme.")])
    (folder / "oud.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    (folder / "notes.odt").write_bytes(b"PK\x03\x04")
    (folder / ".git").mkdir()
    (folder / ".git" / "config").write_text("[core]\n", encoding="utf-8")  # under a hidden folder: not named
    result = run("ingest", "--quiet", str(folder), store=tmp_path / "s")
    assert result.exit_code == 0, result.output
    assert "1 loaded, 0 unchanged, 0 failed" in result.output
    named = [line for line in result.output.splitlines() if line.strip().startswith("not read")]
    assert len(named) == 1 and ".docx" in named[0], result.output
    assert f".doc: 1 ({folder / 'oud.doc'}; save as .docx or PDF)" in named[0]
    assert f".odt: 1 ({folder / 'notes.odt'}; save as .docx or PDF)" in named[0]
    assert "config" not in named[0]


def test_a_non_utf8_file_name_is_named_not_a_crash(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    name = os.fsdecode(b"brief-\xff.txt")
    try:
        (folder / name).write_bytes((CORPUS / KST).read_bytes())
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system refuses names that are not UTF-8")
    (folder / KST).write_bytes((CORPUS / KST).read_bytes())
    result = run("ingest", "--quiet", str(folder), store=tmp_path / "s")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "the file name is not valid UTF-8" in result.output and "1 loaded" in result.output


def test_a_folder_named_like_a_source_is_walked_not_read(tmp_path):
    folder = tmp_path / "in"
    (folder / "letters.txt").mkdir(parents=True)
    (folder / "letters.txt" / KST).write_bytes((CORPUS / KST).read_bytes())
    result = run("ingest", "--quiet", str(folder), store=tmp_path / "s")
    assert result.exit_code == 0 and "1 loaded, 0 unchanged, 0 failed" in result.output, result.output


def test_an_xxe_in_companion_metadata_names_the_metadata_file(tmp_path):
    paths = write_publication(tmp_path, (CORPUS / KST).read_text(encoding="utf-8"), name="doc")
    paths["html"].unlink()
    meta = paths["metadata"].read_text(encoding="utf-8")
    paths["metadata"].write_text(meta.replace("?>", '?>\n<!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]>', 1),
                                 encoding="utf-8")
    result = run("ingest", "--quiet", str(tmp_path), store=tmp_path / "s")
    assert result.exit_code == 1
    assert f"{paths['metadata']}: refused: the XML declares a DOCTYPE" in result.output, result.output
    assert "(the metadata of doc.xml)" in result.output


@pytest.mark.parametrize("problem, content", [
    ("truncated", b'<?xml version="1.0"?>\n<metadata_gegevens><metadata name="DC.identifier"'),
    ("not_utf8", '<?xml version="1.0"?><m><metadata name="DC.title" content="co\xf6rdinatie"/></m>'.encode("latin-1")),
])
def test_a_bad_companion_metadata_names_the_metadata_file(tmp_path, problem, content):
    paths = write_publication(tmp_path, (CORPUS / KST).read_text(encoding="utf-8"), name="doc")
    paths["html"].unlink()
    paths["metadata"].write_bytes(content)
    result = run("ingest", "--quiet", str(tmp_path), store=tmp_path / "s")
    assert result.exit_code == 1 and f"{paths['metadata']}: " in result.output, result.output


# --- curation ---------------------------------------------------------------------------------

@pytest.fixture
def corpus_copy(closed_corpus_store) -> Path:
    """A store with the corpus, for curation runs that change it (copied per test)."""
    return closed_corpus_store


def _store_copy(corpus_copy: Path, tmp_path: Path) -> Path:
    target = tmp_path / "store"
    shutil.copytree(corpus_copy, target)  # closed, so the folder is the whole store
    return target


def test_a_curation_csv_with_a_bom_is_read(tmp_path, corpus_copy):
    store = _store_copy(corpus_copy, tmp_path)
    path = tmp_path / "excel.csv"
    path.write_bytes(b"\xef\xbb\xbf" + (HEADER + ROW.format(curator="A. Researcher", note="saved by Excel"))
                     .replace("\n", "\r\n").encode("utf-8"))
    result = run("curate", str(path), store=store)
    assert result.exit_code == 0 and f"{path}: 1 curated links loaded" in result.output, result.output


def test_cur_and_cur_bang_get_graphs_of_their_own(tmp_path, corpus_copy):
    store = _store_copy(corpus_copy, tmp_path)
    first, second = tmp_path / "cur.csv", tmp_path / "cur!.csv"
    first.write_text(HEADER + ROW.format(curator="A. Researcher", note="one"), encoding="utf-8")
    second.write_text(HEADER + ROW.format(curator="B. Researcher", note="two"), encoding="utf-8")
    assert run("curate", str(first), str(second), store=store).exit_code == 0
    assert curation_graph(first) != curation_graph(second)
    assert {curation_graph(first), curation_graph(second)} <= set(_graphs(store))
    assert run("curate", "--remove", str(second), store=store).exit_code == 0
    with Store(store) as s:
        assert curation_graph(first) in s.graph_names() and curation_graph(second) not in s.graph_names()
        assert len(s.graph(curation_graph(first))) > 0


def test_curation_graph_names_are_injective_and_keep_the_shipped_name():
    stems = ["cur", "cur!", "Cur", "cur ", "cur%21", "cur-21", "cür", "c\u0075\u0308r", os.fsdecode(b"cur\xff"), ""]
    names = [iris.curation_graph(stem) for stem in stems]
    assert len(set(names)) == len(stems)
    assert str(iris.curation_graph("corpus")).endswith("/curation/corpus")  # the shipped file's graph kept its name
    assert curation_graph(ROOT / "examples" / "curation" / "corpus.csv") == iris.curation_graph("corpus")


def test_a_fifo_given_to_curate_is_refused_not_waited_on(tmp_path, corpus_copy):
    if not hasattr(os, "mkfifo"):
        pytest.skip("named pipes are POSIX")
    store = _store_copy(corpus_copy, tmp_path)
    os.mkfifo(tmp_path / "pipe.csv")
    good = tmp_path / "good.csv"
    good.write_text(HEADER + ROW.format(curator="A. Researcher", note="good"), encoding="utf-8")
    done = policykg("curate", "--store", str(store), str(tmp_path / "pipe.csv"), str(good), timeout=120)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"{tmp_path / 'pipe.csv'}: not a regular file" in done.stderr
    assert f"{good}: 1 curated links loaded" in done.stdout


# --- done when --------------------------------------------------------------------------------

def test_corpus_bad_page_bad_text_good_page_loads_all_good_names_both_exits_1_with_summary(tmp_path):
    """The issue's "done when": a folder with the corpus, a bad Open Data page, a bad text
    file and a good page loads everything good, names both bad files, exits 1, and prints
    the summary."""
    folder = tmp_path / "in"
    folder.mkdir()
    for source in CORPUS.iterdir():
        (folder / source.name).write_bytes(source.read_bytes())
    bad_page = folder / "a-bad-page.json"  # an invalid IRI aborted the ingest; a number no TZ number
    page = _toezegging(_activities("Datum", " 2020-07-01x"))
    page["value"][1]["Nummer"] = "TZ٢٠٢٠٠٧-٠١٥"
    bad_page.write_text(json.dumps(page), encoding="utf-8")
    bad_text = folder / "bad-text.txt"
    bad_text.write_bytes("Betreft co\xf6rdinatie van beleid".encode("latin-1"))
    (folder / "z-good-page.json").write_bytes(GOOD_PAGE.read_bytes())
    done = policykg("ingest", "--quiet", "--store", str(tmp_path / "s"), str(folder), timeout=600)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr + done.stdout
    assert f"error: {bad_text}: not valid UTF-8" in done.stderr
    number = "TZ٢٠٢٠٠٧-٠١٥"
    assert f"not loadable: a-bad-page.json: Toezegging {number}: Nummer '{number}' is not a TZ number" in done.stdout
    corpus_files = len(list(CORPUS.iterdir()))
    assert done.stdout.startswith(f"{corpus_files} loaded, 0 unchanged, 1 failed; Open Data: 1 motion loaded, "
                                  "0 unchanged, 0 not placed, 2 undertakings loaded, 0 unchanged, 2 not loadable"), \
        done.stdout
    assert iris.motion_graph(GOOD_MOTION) in _graphs(tmp_path / "s")
    with Store(tmp_path / "s") as store:
        files = {str(r[1]) for r in store.query("SELECT ?p ?f WHERE { ?d ?p ?f }", {"p": PKG.sourceFile}).rows}
    assert {f.name for f in CORPUS.iterdir()} <= files and bad_text.name not in files


# --- a worker process that dies ---------------------------------------------------------------

def test_a_worker_killed_mid_ingest_loses_no_file(tmp_path):
    """A worker that dies (here SIGKILL, as the kernel's out-of-memory killer sends it) broke
    the process pool and aborted the ingest with a traceback; now its files are extracted
    again and every file loads."""
    folder = tmp_path / "in"
    for copy_ in ("a", "b", "c"):
        (folder / copy_).mkdir(parents=True)
        for source in CORPUS.iterdir():
            (folder / copy_ / source.name).write_bytes(source.read_bytes())
    killed: list[int] = []

    def kill_a_worker(_path):
        workers = multiprocessing.active_children()
        if not killed and workers:
            killed.append(workers[0].pid)
            os.kill(workers[0].pid, signal.SIGKILL)

    with Store(tmp_path / "s") as store:
        report = ingest(store, [folder], jobs=2, progress=kill_a_worker)
        sources = {str(r[1]) for r in store.query("SELECT ?p ?f WHERE { ?d ?p ?f }", {"p": PKG.sourceFile}).rows}
    assert killed, "no worker was running"
    assert report.failed == [] and len(report.loaded) == 3 * len(list(CORPUS.iterdir()))
    assert sources == {f.name for f in CORPUS.iterdir()}


# --- gold files -------------------------------------------------------------------------------

@pytest.mark.parametrize("content, problem", [
    ("# document: x.txt\nletter\tkst-1-2\tbrief \xff\n".encode("latin-1"), "not valid UTF-8 (byte"),
    (b"", "no '# document: <path>' line"),
])
def test_a_gold_file_not_in_utf8_is_named_not_a_crash(tmp_path, content, problem):
    gold = tmp_path / "gold.tsv"
    gold.write_bytes(content)
    result = CliRunner().invoke(main, ["eval", str(gold)], catch_exceptions=False)
    assert result.exit_code == 1 and f"Error: {gold}: {problem}" in result.output, result.output
