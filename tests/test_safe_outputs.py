"""Safe outputs (issue 15): CSV cells a spreadsheet would run are neutralised, IRIs are
checked before use, and every misuse found by the hostile review is a clear error (a
message naming the problem, exit code not 0) instead of a traceback. Each test is named
after the defect it guards against; each runs the real command line on a real store."""

from __future__ import annotations

import csv
import io
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from policykg.cli import main
from policykg.text import spreadsheet_safe

from .conftest import CORPUS, ROOT

CURATION_FILE = ROOT / "examples" / "curation" / "corpus.csv"

# A document whose file name starts a formula, citing a motion (so it is in the network).
FORMULA_FILE = "=HYPERLINK(x)|cmd.md"
HOSTILE_CELLS = ['=HYPERLINK("http://evil.example","klik")', "+31 6 1234", "-2+3", "@SUM(A1:A9)",
                 "\tTAB", "\r=1", "  =1+1", "\u3000=1", "＝1+1", "- a bullet", "-", "=cmd|' /C calc'!A0"]
HARMLESS_CELLS = ["-1", "+2.5", "-3e4", ".5", "1-2", "normal text", "kst-30950-295", "https://example.org/-x", ""]


def cli(*args: str, store: Path | None = None):
    """The command line in-process; an exception that is not a policykg error propagates
    (catch_exceptions=False), so a traceback fails the test."""
    extra = ["--store", str(store)] if store else []
    return CliRunner().invoke(main, [*args, *extra], catch_exceptions=False)


def cli_process(*args: str, limit: int | None = None) -> subprocess.CompletedProcess:
    """The command line as a separate process; ``limit`` caps the size of every file
    it writes (RLIMIT_FSIZE, SIGXFSZ ignored), so a write past it fails as on a full disk."""
    script = textwrap.dedent(f"""
        import resource, signal, sys
        limit = {limit!r}
        if limit is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
        from policykg.cli import main
        main(sys.argv[1:], prog_name="policykg")
    """)
    return subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    """A store with two corpus documents and one whose file name starts a formula."""
    folder = tmp_path_factory.mktemp("sources")
    (folder / FORMULA_FILE).write_text("# Brief\n\nZie Kamerstuk 30 950, nr. 295 over de motie.\n", encoding="utf-8")
    for name in ("2022-10-21_kst-30950-319_reactie-amnesty-discriminerende-risicoprofielen.md",
                 "2023-01-25_kamerbrief-aanpak-institutioneel-racisme.txt"):
        (folder / name).write_bytes((CORPUS / name).read_bytes())
    path = tmp_path_factory.mktemp("store") / "store"
    result = cli("ingest", "--quiet", "--jobs", "1", str(folder), store=path)
    assert result.exit_code == 0, result.output
    return path


def _no_traceback(result) -> None:
    assert "Traceback" not in result.output and "Traceback" not in (result.stderr or "")


# -- CSV formula injection -------------------------------------------------------------------


@pytest.mark.parametrize("cell", HOSTILE_CELLS)
def test_a_cell_that_starts_a_formula_gets_a_leading_quote(cell):
    assert spreadsheet_safe(cell) == "'" + cell


@pytest.mark.parametrize("cell", HARMLESS_CELLS)
def test_numbers_and_plain_text_are_written_as_they_are(cell):
    assert spreadsheet_safe(cell) == cell


def test_query_csv_does_not_write_formula_cells_unchanged(store, tmp_path):
    literals = " ".join('"' + c.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\r", "\\r")
                        + '"' for c in HOSTILE_CELLS + HARMLESS_CELLS)
    rq = tmp_path / "cells.rq"
    rq.write_text(f"SELECT ?cell WHERE {{ VALUES ?cell {{ {literals} }} }}\n", encoding="utf-8")
    result = cli("query", str(rq), "--format", "csv", store=store)
    assert result.exit_code == 0, result.output
    cells = [row[0] for row in csv.reader(io.StringIO(result.stdout, newline=""))][1:]
    assert cells == ["'" + c for c in HOSTILE_CELLS] + HARMLESS_CELLS


def test_query_json_keeps_the_values_as_they_are(store, tmp_path):
    rq = tmp_path / "one.rq"
    rq.write_text('SELECT ?cell WHERE { VALUES ?cell { "=1+1" } }\n', encoding="utf-8")
    assert '"cell": "=1+1"' in cli("query", str(rq), "--format", "json", store=store).stdout


def test_export_csv_does_not_write_a_formula_file_name_unchanged(store, tmp_path):
    result = cli("export", "--format", "csv", "--output", str(tmp_path / "csv"), store=store)
    assert result.exit_code == 0, result.output
    with (tmp_path / "csv" / "nodes.csv").open(encoding="utf-8", newline="") as f:
        files = {row["file"] for row in csv.DictReader(f)}
    assert "'" + FORMULA_FILE in files and FORMULA_FILE not in files
    every_cell = [c for name in ("nodes.csv", "edges.csv")
                  for row in csv.reader((tmp_path / "csv" / name).open(encoding="utf-8", newline="")) for c in row]
    assert not [c for c in every_cell if c != spreadsheet_safe(c)]


# -- IRIs checked before use -----------------------------------------------------------------


@pytest.mark.parametrize("iri", ["https://example.org/a b", "https://example.org/a>b", 'https://example.org/a"b',
                                 "https://example.org/%zz", "https://[::1/x", "oep:kst-1>2", "oep:%zz"])
def test_trace_with_an_iri_holding_a_space_angle_bracket_or_quote_is_an_error(store, iri):
    result = cli("trace", iri, store=store)
    assert result.exit_code == 1 and "is not a valid IRI" in result.stderr
    _no_traceback(result)


@pytest.mark.parametrize("iri", ["https://example.org/nothing", "oep:kst-99999-1"])
def test_trace_of_an_iri_the_store_knows_nothing_about_is_an_error_not_an_empty_tree(store, iri):
    result = cli("trace", iri, store=store)
    assert (result.exit_code, result.stdout) == (1, "")
    assert "is in no statement of the store: nothing to trace" in result.stderr


def test_a_query_parameter_that_is_a_broken_iri_is_an_error(store):
    result = cli("query", "cited-by", "--param", "doc=https://example.org/%zz", store=store)
    assert result.exit_code == 1 and "--param: 'https://example.org/%zz' is not a valid IRI" in result.stderr


def test_trace_with_an_argument_that_is_not_utf8_is_an_error(store):
    result = cli_process("trace", "--store", str(store), b"motie \xff".decode("utf-8", "surrogateescape"))
    assert result.returncode == 1 and "is not valid text (bytes that are not UTF-8)" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_query_parameter_that_is_not_utf8_is_an_error(store):
    result = cli("query", "cited-by", "--param", "doc=\udcff", store=store)
    assert result.exit_code == 1 and "--param: '\\udcff' is not valid text" in result.stderr


# -- export to a path that is in the way ----------------------------------------------------


@pytest.mark.parametrize("fmt", ["turtle", "trig", "jsonld", "graphml", "gexf"])
def test_export_to_an_existing_folder_is_an_error_naming_it(store, tmp_path, fmt):
    result = cli("export", "--format", fmt, "--output", str(tmp_path), store=store)
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path}: is a folder; give the name of a file to write\n"


@pytest.mark.parametrize("fmt", ["turtle", "nquads", "gexf"])
def test_export_to_an_existing_file_replaces_it_in_one_step(store, tmp_path, fmt):
    target = tmp_path / "out"
    target.write_text("old content\n", encoding="utf-8")
    target.chmod(0o640)
    result = cli("export", "--format", fmt, "--output", str(target), store=store)
    assert result.exit_code == 0, result.output
    assert "old content" not in target.read_text(encoding="utf-8") and target.stat().st_size > 1000
    assert target.stat().st_mode & 0o777 == 0o640  # the file's mode is kept
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no temporary file left behind


def test_export_csv_to_an_existing_file_is_an_error(store, tmp_path):
    (tmp_path / "nodes").write_text("x", encoding="utf-8")
    result = cli("export", "--format", "csv", "--output", str(tmp_path / "nodes"), store=store)
    assert result.exit_code == 1 and "is a file; --format csv writes nodes.csv and edges.csv into a folder" \
        in result.stderr


def test_export_where_a_file_stands_in_the_way_of_a_folder_is_an_error(store, tmp_path):
    (tmp_path / "plain").write_text("x", encoding="utf-8")
    result = cli("export", "--format", "turtle", "--output", str(tmp_path / "plain" / "all.ttl"), store=store)
    assert result.exit_code == 1 and "a file is in the way" in result.stderr and str(tmp_path / "plain") \
        in result.stderr


def test_export_csv_into_an_existing_folder_replaces_both_files(store, tmp_path):
    (tmp_path / "nodes.csv").write_text("old\n", encoding="utf-8")
    result = cli("export", "--format", "csv", "--output", str(tmp_path), store=store)
    assert result.exit_code == 0 and (tmp_path / "nodes.csv").read_text("utf-8").startswith("id,identifier")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["edges.csv", "nodes.csv"]


def test_export_on_a_full_disk_names_the_error_and_keeps_the_old_file(store, tmp_path):
    target = tmp_path / "all.ttl"
    target.write_text("the previous export\n", encoding="utf-8")
    done = cli_process("export", "--format", "turtle", "--output", str(target), "--store", str(store),
                       limit=200_000)
    assert done.returncode == 1 and done.stderr.startswith(f"Error: {tmp_path}") and "File too large" in done.stderr
    assert "Traceback" not in done.stderr
    assert target.read_text(encoding="utf-8") == "the previous export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["all.ttl"]


# -- .rq files in other encodings -----------------------------------------------------------

QUERY = 'SELECT ?word WHERE { VALUES ?word { "café" } }\n'


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "utf-8-sig"])
def test_a_query_file_with_a_byte_order_mark_is_read(store, tmp_path, encoding):
    rq = tmp_path / "q.rq"
    rq.write_text(QUERY, encoding=encoding)
    result = cli("query", str(rq), "--format", "csv", store=store)
    assert (result.exit_code, result.stdout.splitlines()) == (0, ["word", "café"])


@pytest.mark.parametrize(("encoding", "problem"), [
    ("latin-1", "not UTF-8 text (Latin-1 or Windows-1252?): byte 0xe9 at offset 40; save the query as UTF-8"),
    ("utf-16-le", "holds NUL bytes (UTF-16 or UTF-32 without a byte order mark?): save the query as UTF-8"),
])
def test_a_query_file_in_latin1_or_utf16_without_bom_is_an_error_naming_file_and_encoding(store, tmp_path,
                                                                                          encoding, problem):
    rq = tmp_path / "q.rq"
    rq.write_bytes(QUERY.encode(encoding))
    result = cli("query", str(rq), store=store)
    assert (result.exit_code, result.stderr) == (1, f"Error: {rq}: {problem}\n")


# -- SERVICE to a closed port -----------------------------------------------------------------


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_service_clause_to_a_closed_port_is_an_error(store, tmp_path):
    rq = tmp_path / "remote.rq"
    rq.write_text(f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{_closed_port()}/sparql> {{ ?s ?p ?o }} }}\n",
                  encoding="utf-8")
    result = cli("query", str(rq), store=store)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: query 'remote' failed (a SERVICE endpoint it calls could not be reached?)")
    assert "refused" in result.stderr.lower()


# -- the store: missing, full disk, in use ----------------------------------------------------


@pytest.mark.parametrize(("args", "code"), [(["stats"], 1), (["query", "documents"], 1),
                                            (["trace", "kst-30950-295"], 1), (["validate"], 2),
                                            (["export", "--format", "nt"], 1),
                                            (["remove", "kst-30950-295"], 1),
                                            (["curate", str(CURATION_FILE)], 1)])
def test_a_read_command_on_a_mistyped_store_is_refused_and_creates_nothing(tmp_path, args, code):
    mistyped = tmp_path / "stroe"
    result = cli(*args, store=mistyped)
    assert result.exit_code == code and result.stdout == ""
    assert result.stderr == (f"Error: no policykg store at {mistyped}; check --store (or $POLICYKG_STORE), "
                             "or run `policykg ingest` first\n")
    assert not mistyped.exists()


def test_a_read_command_on_a_folder_that_is_no_store_writes_nothing_into_it(tmp_path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    result = cli("stats", store=tmp_path)
    assert result.exit_code == 1 and "no policykg store at" in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_a_writer_on_a_full_disk_reports_the_os_error_not_another_process(store, tmp_path):
    done = cli_process("remove", "nothing.txt", "--store", str(store), limit=0)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.startswith(f"Error: cannot open the store at {store}: ") and "File too large" in done.stderr
    assert "another" not in done.stderr


def test_a_reader_on_a_full_disk_still_answers(store, tmp_path):
    done = cli_process("stats", "--store", str(store), limit=0)
    assert done.returncode == 0 and "source documents" in done.stdout


def test_a_store_in_use_is_reported_as_in_use(store):
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys, pyoxigraph
        held = pyoxigraph.Store({str(store)!r})
        print("held", flush=True)
        sys.stdin.read()
    """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        result = cli("remove", "nothing.txt", store=store)
        read = cli("stats", store=store)
    finally:
        holder.communicate("", timeout=60)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: the store at {store} is in use by another process")
    assert read.exit_code == 0 and "source documents" in read.stdout  # a reader takes no lock


@pytest.mark.parametrize("command", [["stats"], ["query", "most-cited"], ["validate"], ["export", "--format", "nt"],
                                     ["trace", "kst-30950-295"]])
def test_a_read_command_changes_no_file_of_the_store(store, command):
    """A server reads the store read-only; a reader that opened it to write would flush
    and compact, deleting files under the server."""
    before = _files(store)
    assert cli(*command, store=store).exit_code == 0
    assert _files(store) == before


def _files(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


def test_a_store_that_is_there_still_answers(store):
    result = cli("stats", store=store)
    assert result.exit_code == 0 and "source documents                   3" in result.stdout


def test_output_to_a_reader_that_went_away_stops_quietly(store):
    """`policykg export | head -1`: no traceback and no error message for a closed pipe."""
    reader = subprocess.Popen([sys.executable, "-m", "policykg.cli", "export", "--format", "nt", "--store", str(store)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert reader.stdout is not None and reader.stderr is not None
    assert reader.stdout.readline().startswith(b"<")
    reader.stdout.close()
    assert reader.wait(timeout=120) == 1
    assert reader.stderr.read() == b""
