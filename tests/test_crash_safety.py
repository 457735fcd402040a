"""Crash safety: nothing is lost, nothing is left half-written (issue 15).

`policykg ingest`, a re-ingest after a change, `remove` and `curate` run as real
processes and are killed with SIGKILL at every point between two of their store
transactions, and at staggered moments (inside a transaction, or in a worker); the
command then runs again and the store must equal a clean build, compared as sorted
N-Quads. Between the kill and the next run the store must already be whole: every
named graph as the old or the new build has it, and the default graph exactly what
the named graphs put there (``graph/placement.py``: each fact once, the descriptions).

The points between transactions come from a test-only hook in ``graph/store.py``:
with ``$POLICYKG_TEST_KILL_AFTER_WRITES=N`` a process kills itself when it is about
to start its write transaction N + 1. Unset (every normal run), it does nothing.

The regression tests below are named after the defects found: a bad curation row or
Open Data value deleted what the file or motion had; an interrupted remove left orphan
triples (the document's hash among them, so the next ingest skipped it); an
interrupted re-ingest left a stale hash that even ``--force`` kept.
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
import signal
import subprocess
import sys
import time
from collections import defaultdict
from itertools import count
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef

from policykg.graph import iris, placement, summaries
from policykg.graph.backend import UnstorableTerm
from policykg.graph.remote import RemoteStore
from policykg.graph.store import KILL_ENV_VAR, Store, document_nquads

from .conftest import CORPUS, ROOT
from .test_endpoints import oxigraph_server  # noqa: F401 (a fixture)
from .tk_server import FIXTURES

POLICYKG = [sys.executable, "-m", "policykg.cli"]
KILLED = -signal.SIGKILL
MOTIONS = FIXTURES / "zaken-30950.json"
CURATION = ROOT / "examples" / "curation" / "corpus.csv"
CHANGED_DOC = "2024-01_beslisnota-monitor-lokaal-antidiscriminatiebeleid.txt"
ADDED = ("\nDe minister heeft toegezegd de motie van het lid Westerveld (Kamerstuk 30 950, nr. 295) "
         "uit te voeren met een nieuwe monitor.\n")
HEADER = "action,subject,relation,object,curator,note\n"
TIMEOUT = 180


# --- running policykg as a process that can be killed ------------------------------


def _command(args: list[str], store: Path, kill_after: int | None = None) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != KILL_ENV_VAR}
    if kill_after is not None:
        env[KILL_ENV_VAR] = str(kill_after)
    return subprocess.Popen([*POLICYKG, *args, "--store", str(store)], env=env, start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _finish(process: subprocess.Popen, deadline: float = TIMEOUT) -> tuple[int, str]:
    """Wait for the process; then kill its group, so no worker outlives the test."""
    try:
        out, err = process.communicate(timeout=deadline)
    finally:
        _kill_group(process)
    return process.returncode, out + err


def _kill_group(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait()


def run(args: list[str], store: Path, kill_after: int | None = None) -> tuple[int, str]:
    """Run policykg to the end (or to its hook's kill); (exit code, output)."""
    return _finish(_command(args, store, kill_after))


def run_killed_after(args: list[str], store: Path, seconds: float) -> int:
    """Run policykg and SIGKILL it (and its workers) after ``seconds``; its exit code."""
    process = _command(args, store)
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        pass
    _kill_group(process)
    process.communicate()
    return process.returncode


def timed(args: list[str], store: Path) -> float:
    start = time.monotonic()
    code, out = run(args, store)
    assert code == 0, out
    return time.monotonic() - start


# --- the store, read back ------------------------------------------------------------


def nquads(store: Path) -> bytes:
    with Store(store) as opened:
        return opened.nquads()


def graphs(store: Path) -> dict[str, set[str]]:
    """The quads of every graph as stored, as N-Triples lines, by graph ('' is the default graph)."""
    return {name: {_line(t) for t in triples} for name, triples in _triples(store).items()}


def _triples(store: Path) -> dict[str, list[ox.Triple]]:
    by_graph: dict[str, list[ox.Triple]] = defaultdict(list)
    for quad in ox.parse(nquads(store), ox.RdfFormat.N_QUADS):
        name = "" if isinstance(quad.graph_name, ox.DefaultGraph) else str(quad.graph_name)
        by_graph[name].append(quad.triple)
    return by_graph


def _line(triple: ox.Triple) -> str:
    return f"{triple.subject} {triple.predicate} {triple.object}"


def assert_whole(store: Path, *builds: dict[str, set[str]]) -> None:
    """Every named graph of ``store`` is one of ``builds``' versions of it (or absent), the
    summaries are what its facts give (derived, they change with every write), and the
    default graph holds exactly what the named graphs put there (graph/placement.py)."""
    stored = _triples(store)
    shares = {_line(t) for name, triples in stored.items() if name for t in placement.default_share(triples)}
    held = {name: {_line(t) for t in triples} for name, triples in stored.items()}
    default = held.pop("", set())
    assert default == shares, "the default graph is not what the named graphs put there"
    held.pop(f"<{iris.SUMMARY_GRAPH}>", None)  # graph names as N-Triples terms
    assert_summaries_follow_the_facts(store)
    for name, triples in held.items():
        assert any(build.get(name) == triples for build in builds), f"{name} is half-written"


def assert_summaries_follow_the_facts(store: Path) -> None:
    """The summary rows of ``store`` are the ones a rebuild from its facts gives (checked on
    a copy, so the store stays as the kill left it; the rows' form, which a rebuild states
    even when there are no rows, is left out)."""
    copy = store.parent / f"{store.name}-summaries-check"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(store, copy)
    try:
        with Store(copy) as opened:
            kept = _summary_rows(opened)
            opened.rebuild_summaries()
            assert _summary_rows(opened) == kept, "the summaries are not what the facts give"
    finally:
        shutil.rmtree(copy, ignore_errors=True)


def _summary_rows(store: Store) -> list[bytes]:
    return [line for line in store.summary_nquads().splitlines() if b"/summary#form>" not in line]


def clean_build(tmp_path: Path, sources: Path, name: str) -> bytes:
    store = tmp_path / name
    code, out = run(["ingest", "--quiet", "--jobs", "1", str(sources)], store)
    assert code == 0, out
    return nquads(store)


def sources_folder(tmp_path: Path) -> Path:
    """The sample corpus and a page of motions, in a folder the test may change."""
    folder = tmp_path / "sources"
    shutil.copytree(CORPUS, folder)
    shutil.copy(MOTIONS, folder / MOTIONS.name)
    return folder


def change(sources: Path) -> None:
    """A re-ingest's reason: one document gains a sentence (its graph and hash change),
    and every motion record is newer, one with another cabinet appraisal."""
    doc = sources / CHANGED_DOC
    doc.write_text(doc.read_text(encoding="utf-8") + ADDED, encoding="utf-8")
    records = json.loads((sources / MOTIONS.name).read_text(encoding="utf-8"))
    for record in records:
        record["GewijzigdOp"] = "2030-01-01T12:00:00+01:00"
    records[0]["Kabinetsappreciatie"] = "Oordeel Kamer"
    (sources / MOTIONS.name).write_text(json.dumps(records), encoding="utf-8")


def kill_at_every_point(args: list[str], start: Path, work: Path, check, rerun: list[str] | None = None) -> int:
    """For N = 0, 1, ...: copy the ``start`` store, run ``args`` on it killed before
    write N + 1, ``check(store, killed=True)``, run ``rerun`` (default ``args``) to the
    end and ``check(store, killed=False)``; until a run ends by itself. Returns the
    number of points killed at."""
    for n in count():
        store = work / f"kill-{n}"
        if start.exists():
            shutil.copytree(start, store)
        code, out = run(args, store, kill_after=n)
        if code != KILLED:
            return n
        check(store, killed=True)
        code, out = run(rerun or args, store)
        check(store, killed=False)
    raise AssertionError("unreachable")


# --- the kill test ---------------------------------------------------------------------


def test_ingest_killed_at_every_point_then_run_again_equals_a_clean_build(tmp_path):
    sources = sources_folder(tmp_path)
    clean = clean_build(tmp_path, sources, "clean")
    build = graphs(tmp_path / "clean")
    args = ["ingest", "--quiet", "--jobs", "1", str(sources)]

    def check(store, killed):
        if killed:
            assert_whole(store, build)
        else:
            assert nquads(store) == clean

    points = kill_at_every_point(args, tmp_path / "none", tmp_path, check)
    assert points >= 8, f"only {points} points: the reference graphs, the documents and each motion are writes"


def test_reingest_of_a_changed_source_killed_at_every_point_equals_a_clean_build(tmp_path):
    sources = sources_folder(tmp_path)
    clean_build(tmp_path, sources, "before")
    before = graphs(tmp_path / "before")
    change(sources)
    clean = clean_build(tmp_path, sources, "clean")
    after = graphs(tmp_path / "clean")
    args = ["ingest", "--quiet", "--jobs", "1", str(sources)]

    def check(store, killed):
        if killed:
            assert_whole(store, before, after)
        else:
            assert nquads(store) == clean

    assert kill_at_every_point(args, tmp_path / "before", tmp_path, check) >= 4


def test_summaries_computed_anew_killed_at_every_point_are_whole_when_next_opened(tmp_path):
    """``ingest --force`` computes the summaries anew in steps (``rebuild_requests``: the
    drop first, the form last); killed before any write, the store opened again holds what
    a clean build holds, summaries included."""
    sources = tmp_path / "sources"
    sources.mkdir()
    for name in (CHANGED_DOC, "2023-01-25_kamerbrief-aanpak-institutioneel-racisme.txt"):
        shutil.copy(CORPUS / name, sources / name)
    clean = clean_build(tmp_path, sources, "clean")
    args = ["ingest", "--quiet", "--force", "--jobs", "1", str(sources)]

    def check(store, killed):
        assert nquads(store) == clean, f"killed: {killed}"

    points = kill_at_every_point(args, tmp_path / "clean", tmp_path, check)
    assert points > len(summaries.rebuild_requests()), "each step of the summaries is a point"


def test_remove_killed_at_every_point_is_all_or_nothing_and_the_next_ingest_restores(tmp_path):
    sources = sources_folder(tmp_path)
    clean = clean_build(tmp_path, sources, "before")
    removed = tmp_path / "removed"
    shutil.copytree(tmp_path / "before", removed)
    args = ["remove", CHANGED_DOC, "kst-30950-295"]
    code, out = run(args, removed)
    assert code == 0, out
    states = {clean, nquads(removed)}
    ingest = ["ingest", "--quiet", "--jobs", "1", str(sources)]

    def check(store, killed):
        if killed:
            assert nquads(store) in states, "a killed remove left part of what it removes"
        else:
            assert nquads(store) == clean, "the next ingest did not load the removed sources again"

    assert kill_at_every_point(args, tmp_path / "before", tmp_path, check, rerun=ingest) >= 1


def test_curate_killed_at_every_point_is_all_or_nothing(tmp_path):
    sources = sources_folder(tmp_path)
    before = clean_build(tmp_path, sources, "before")
    curated = tmp_path / "curated"
    shutil.copytree(tmp_path / "before", curated)
    args = ["curate", str(CURATION)]
    assert run(args, curated)[0] == 0
    after = nquads(curated)

    def check(store, killed):
        assert nquads(store) in ({before, after} if killed else {after})

    assert kill_at_every_point(args, tmp_path / "before", tmp_path, check) >= 1


@pytest.mark.parametrize("command", ["ingest", "reingest", "remove", "curate"])
def test_killed_at_staggered_moments_then_run_again_equals_a_clean_build(tmp_path, command):
    """Kills that fall anywhere: in a transaction, in extraction, in a worker (two jobs)."""
    sources = sources_folder(tmp_path)
    start = tmp_path / "start"
    if command != "ingest":
        clean_build(tmp_path, sources, "start")
    if command == "reingest":
        change(sources)
    args = {"ingest": ["ingest", "--quiet", "--jobs", "2", str(sources)],
            "reingest": ["ingest", "--quiet", "--jobs", "2", str(sources)],
            "remove": ["remove", CHANGED_DOC, "kst-30950-295"],
            "curate": ["curate", str(CURATION)]}[command]
    reference = tmp_path / "reference"
    if start.exists():
        shutil.copytree(start, reference)
    seconds = timed(args, reference)
    expected = nquads(reference)
    killed = 0
    for i in range(6):
        store = tmp_path / f"killed-{i}"
        if start.exists():
            shutil.copytree(start, store)
        killed += run_killed_after(args, store, seconds * (i + 0.5) / 6) == KILLED
        assert_whole(store, *([graphs(start)] if start.exists() else []), graphs(reference))
        run(args, store)
        assert nquads(store) == expected, f"killed after {seconds * (i + 0.5) / 6:.2f} s"
    assert killed >= 3, "most runs must be killed, not end before their moment"


# --- regression tests, named after the defects --------------------------------------------


def test_a_bad_curation_row_keeps_the_quads_the_file_had(tmp_path):
    """The defect: one bad row took the corpus curation graph from 18 quads to 0 (16 since
    records carry one type, 14 since the asserted facts are in the default graph only)."""
    sources = sources_folder(tmp_path)
    store = tmp_path / "store"
    clean_build(tmp_path, sources, "store")
    curation = tmp_path / "corpus.csv"
    shutil.copy(CURATION, curation)
    assert run(["curate", str(curation)], store)[0] == 0
    graph = str(ox.NamedNode(str(iris.curation_graph("corpus"))))
    had = graphs(store)[graph]
    assert len(had) == 14
    for bad, problem in (("assert,kst-30950-319,respondsTo,http://example.org/a#b#c,A. Researcher,why",
                          "'http://example.org/a#b#c' is not a valid IRI"),
                         ("assert,kst-30950-319,leadsTo,kst-30950-295,A. Researcher,why", "unknown relation")):
        curation.write_text(CURATION.read_text(encoding="utf-8") + bad + "\n", encoding="utf-8")
        code, out = run(["curate", str(curation)], store)
        assert code == 1 and f"{curation}:4: " in out and problem in out and "Traceback" not in out, out
        assert graphs(store)[graph] == had


def test_a_bad_open_data_value_never_empties_the_motion(tmp_path):
    """The defect: one bad value in a page took a motion from 227 quads to 0. Now a record
    is built whole before its graph is swapped; a lone surrogate is read as U+FFFD
    (tests/test_hostile_input.py), so the newer record replaces the old one whole."""
    store = tmp_path / "store"
    assert run(["ingest", "--quiet", str(MOTIONS)], store)[0] == 0
    graph = str(ox.NamedNode(str(iris.motion_graph("kst-30950-293"))))
    had = graphs(store)[graph]
    assert len(had) > 50
    records = json.loads(MOTIONS.read_text(encoding="utf-8"))
    for record in records:
        record["GewijzigdOp"] = "2030-01-01T12:00:00+01:00"  # newer: it would replace what the store has
    records[0]["Nummer"] = "2022Z04321\ud800"  # a lone surrogate, as JSON may hold it ("\\ud800")
    page = tmp_path / "page.json"
    page.write_text(json.dumps(records), encoding="utf-8")
    code, out = run(["ingest", "--quiet", str(page)], store)
    assert code in (0, 1) and "Traceback" not in out, out
    now = graphs(store)[graph]
    assert len(now) >= len(had), "the motion lost quads"
    assert any("\ufffd" in quad for quad in now) or now == had


def test_an_interrupted_remove_leaves_no_orphan_triples_and_the_next_ingest_loads_the_document(tmp_path):
    sources = sources_folder(tmp_path)
    clean = clean_build(tmp_path, sources, "store")
    store = tmp_path / "store"
    assert run(["remove", CHANGED_DOC], store, kill_after=0)[0] == KILLED
    assert nquads(store) == clean, "a remove killed before its one transaction changed nothing"
    assert run(["remove", CHANGED_DOC], store)[0] == 0
    assert_whole(store, graphs(tmp_path / "store"))
    with Store(store) as opened:
        assert not opened.query("ASK { ?doc ?p ?file }", {"file": Literal(CHANGED_DOC)}).boolean
    code, out = run(["ingest", "--jobs", "1", str(sources)], store)
    assert code == 0 and "1 loaded, 4 unchanged" in out, out
    assert nquads(store) == clean


def test_an_interrupted_reingest_then_force_rebuilds_the_clean_store(tmp_path):
    sources = sources_folder(tmp_path)
    clean_build(tmp_path, sources, "store")
    change(sources)
    clean = clean_build(tmp_path, sources, "clean")
    store = tmp_path / "store"
    args = ["ingest", "--quiet", "--jobs", "1", str(sources)]
    assert run(args, store, kill_after=2)[0] == KILLED  # after the reference graphs, before the documents
    assert run([*args, "--force"], store)[0] == 0
    assert nquads(store) == clean
    with Store(store) as opened:
        hashes = opened.query("SELECT ?file ?h WHERE { ?doc <https://w3id.org/policykg/def#sourceFile> ?file ; "
                              "<https://w3id.org/policykg/def#contentHash> ?h }", {"file": Literal(CHANGED_DOC)})
    assert len(hashes.rows) == 1, "one content hash per document, the new one"


# --- the store's own promises ---------------------------------------------------------------


def _graph(*objects: str) -> Graph:
    g = Graph()
    for o in objects:
        g.add((URIRef("http://example.org/s"), URIRef("http://example.org/p"), Literal(o)))
    return g


def test_replace_graph_with_an_unstorable_term_keeps_the_graph(fresh_store):
    name = URIRef("http://example.org/g")
    fresh_store.replace_graph(name, _graph("a", "b"))
    before = fresh_store.nquads()
    bad = _graph("c")
    bad.add((URIRef("http://example.org/a#b#c"), URIRef("http://example.org/p"), Literal("d")))
    with pytest.raises(UnstorableTerm, match="a#b#c"):
        fresh_store.replace_graph(name, bad)
    with pytest.raises(UnstorableTerm):
        fresh_store.replace_graph(name, _graph("lone \ud800"))
    assert fresh_store.nquads() == before


def test_replacing_and_removing_keep_the_default_graph_the_union(fresh_store):
    one, two = URIRef("http://example.org/g1"), URIRef("http://example.org/g2")
    fresh_store.replace_graph(one, _graph("shared", "only one"))
    fresh_store.replace_graph(two, _graph("shared", "only two"))
    fresh_store.replace_graph(one, _graph("new"))
    assert sorted(str(r[0]) for r in fresh_store.query("SELECT ?o WHERE { ?s ?p ?o }").rows) == [
        "new", "only two", "shared"]
    assert fresh_store.remove_graphs([one, two, URIRef("http://example.org/none")]) == [one, two]
    assert fresh_store.nquads() == b"\n" and not fresh_store.remove_graph(one)


def test_a_bulk_load_interrupted_at_each_step_is_undone_when_the_store_is_next_opened(tmp_path):
    """New documents are bulk-loaded under a journal graph; a store opened with the
    journal still there drops what that load wrote, leaving the store as it was."""
    shared = URIRef("http://example.org/shared")
    (old := Store(tmp_path / "start")).replace_graph(URIRef("http://example.org/old"), _graph("shared"))
    old.close()
    before = nquads(tmp_path / "start")
    documents = [(URIRef(f"http://example.org/new{i}"),
                  document_nquads(URIRef(f"http://example.org/new{i}"),
                                  [(ox.NamedNode(str(shared)), ox.NamedNode("http://example.org/p"), ox.Literal(v))
                                   for v in ("shared", f"only {i}")])) for i in range(3)]
    batch = tmp_path / "batch.pickle"
    batch.write_bytes(pickle.dumps(documents))
    for n in range(4):  # journal, named graphs, default share, journal dropped
        store = tmp_path / f"kill-{n}"
        shutil.copytree(tmp_path / "start", store)
        done = subprocess.run([sys.executable, "-c", LOAD, str(store), str(batch)], check=False,
                              env={**os.environ, KILL_ENV_VAR: str(n)}, capture_output=True, text=True)
        assert done.returncode == KILLED, done.stderr
        assert nquads(store) == before
        assert_whole(store, graphs(tmp_path / "start"))


LOAD = """
import pickle, sys
from pathlib import Path
from policykg.graph.store import Store
Store(Path(sys.argv[1])).load_documents(pickle.loads(Path(sys.argv[2]).read_bytes()))
"""


def test_a_graph_with_blank_nodes_is_replaced_whole(fresh_store):
    name, shared = URIRef("http://example.org/g"), URIRef("http://example.org/shared")
    fresh_store.replace_graph(URIRef("http://example.org/other"), _graph("kept"))
    for label in ("first", "second", "second"):
        graph = _graph("kept")
        graph.add((BNode(), URIRef("http://example.org/p"), Literal(label)))
        graph.add((shared, URIRef("http://example.org/q"), BNode()))
        fresh_store.replace_graph(name, graph)
        assert len(fresh_store.graph(name)) == 3
    assert sorted(str(r[0]) for r in fresh_store.query("SELECT ?o WHERE { ?s ?p ?o FILTER isLiteral(?o) }").rows) == [
        "kept", "second"]
    assert fresh_store.triple_count() == 3


def test_a_remote_graph_replaced_with_an_unstorable_term_stays(oxigraph_server):  # noqa: F811
    there = RemoteStore(oxigraph_server + "/query", oxigraph_server + "/update")
    name = URIRef("http://example.org/g")
    there.replace_graph(name, _graph("a", "b"))
    bad = _graph("c")
    bad.add((URIRef("http://example.org/a b"), URIRef("http://example.org/p"), Literal("d")))
    with pytest.raises(UnstorableTerm, match="a b"):
        there.replace_graph(name, bad)
    assert sorted(str(o) for o in there.graph(name).objects()) == ["a", "b"]
    there.replace_graph(name, _graph("c"), batch=1)
    assert sorted(str(o) for o in there.graph(name).objects()) == ["c"]


def test_force_mends_the_orphan_hash_an_older_interrupted_reingest_left(tmp_path):
    """Stores written before writes were whole can hold a triple in the default graph
    that no named graph holds (here an old content hash), and miss others; ``--force``
    makes the default graph the union again."""
    sources = sources_folder(tmp_path)
    clean = clean_build(tmp_path, sources, "store")
    store = tmp_path / "store"
    opened = ox.Store(str(store))
    doc = next(q.subject for q in opened.quads_for_pattern(
        None, ox.NamedNode("https://w3id.org/policykg/def#sourceFile"), ox.Literal(CHANGED_DOC), ox.DefaultGraph()))
    opened.add(ox.Quad(doc, ox.NamedNode("https://w3id.org/policykg/def#contentHash"), ox.Literal("sha256:stale")))
    missing = next(q for q in opened.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    opened.remove(missing)
    opened.flush()
    del opened
    assert nquads(store) != clean
    assert run(["ingest", "--quiet", "--force", "--jobs", "1", str(sources)], store)[0] == 0
    assert nquads(store) == clean


def test_a_bulk_load_that_fails_is_undone_at_once(fresh_store):
    fresh_store.replace_graph(URIRef("http://example.org/old"), _graph("kept"))
    before = fresh_store.nquads()
    good = document_nquads(URIRef("http://example.org/new"), [
        (ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p"), ox.Literal("new"))])
    broken = good + b"<http://example.org/s> <http://example.org/p> not-a-term .\n"  # in the default-graph share
    with pytest.raises(SyntaxError):
        fresh_store.load_documents([(URIRef("http://example.org/new"), broken)])
    assert fresh_store.nquads() == before
    assert fresh_store.graph_names() == [URIRef("http://example.org/old")]
