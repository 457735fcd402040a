"""`policykg fetch dossier` against local stand-ins of both public APIs (tests/api_standins.py):
the dossier's letters, motions, Handelingen and undertakings become nodes; a run killed
at any point and started again ends with the same graph without downloading anything
twice; a second run with nothing changed asks only for the search pages; each fault is
retried or reported per item."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from policykg.graph import iris
from policykg.graph.queries import run_query
from policykg.graph.store import Store
from policykg.loaders import sru
from policykg.loaders.dossier_fetch import DossierFetch
from policykg.loaders.http import Client
from policykg.namespaces import PKG

from . import dossier_data
from .api_standins import Fault, Gate, OpenDataStandIn, SearchStandIn

pytestmark = pytest.mark.skipif(not dossier_data.SHARED.is_dir(), reason=dossier_data.ABSENT)
POLICYKG = str(Path(sys.executable).with_name("policykg"))


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The stand-ins' data, built once."""
    scratch = tmp_path_factory.mktemp("standin")
    return (dossier_data.publications(scratch), dossier_data.motion_cases(), dossier_data.undertakings(),
            dossier_data.docx_files(scratch))


@pytest.fixture
def apis(served):
    publications, cases, undertakings, files = served
    with (SearchStandIn(publications) as ob,
          OpenDataStandIn({"Zaak": cases, "Toezegging": undertakings}, files) as tk):
        yield ob, tk


def fetch(apis, home: Path, *extra: str, wait: bool = True):
    ob, tk = apis
    command = [POLICYKG, "fetch", "dossier", "30950", "--ob-url", ob.url, "--tk-url", tk.url,
               "--store", str(home / "store"), "--pause", "0", "--quiet", *extra]
    if not wait:
        return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return subprocess.run(command, capture_output=True, text=True, timeout=300)


def nquads(home: Path) -> list[str]:
    with Store(home / "store") as store:
        return store.nquads().decode("utf-8").splitlines()


def rows(home: Path, name: str, **params) -> list[dict[str, str]]:
    with Store(home / "store") as store:
        result = run_query(store, name, params)
        return [{k: str(v) for k, v in zip(result.variables, row, strict=True) if v is not None}
                for row in result.rows]


def test_a_dossier_becomes_a_graph(apis, tmp_path):
    done = fetch(apis, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    documents = {r["document"]: r for r in rows(tmp_path, "documents")}
    assert {"kst-30950-319", "kst-30950-316", "kst-30950-463"} <= documents.keys()  # letters
    assert documents["kst-30950-319"]["kind"] == "Letter"
    assert documents["kst-30950-377"]["kind"] == "Motion"
    motions = {r["motion"]: r for r in rows(tmp_path, "dossier-motions", dossier="30950")}
    assert motions["kst-30950-295"]["outcome"] == "aangenomen"
    assert "Westerveld" in motions["kst-30950-295"]["submitters"]
    assert "VVD" in motions["kst-30950-295"]["voted_for"]
    for identifier, kind in (("h-tk-20182019-62-6", "Proceedings"), ("kst-30950-443", "Motion")):
        (node,) = rows(tmp_path, "node", node=str(iris.document(identifier)))
        assert node.get("type") == str(PKG[kind]), node  # kst-30950-443: only a DOCX at Open Data
    trace = subprocess.run([POLICYKG, "trace", "kst-30950-295", "--store", str(tmp_path / "store")],
                           capture_output=True, text=True, check=True).stdout
    assert "cited by: kst-30950-319" in trace and "[Measure]" in trace


def test_undertakings_are_nodes_and_motion_followup_names_what_followed_and_what_did_not(apis, tmp_path):
    assert fetch(apis, tmp_path).returncode == 0
    (undertaking,) = rows(tmp_path, "node", node=str(iris.undertaking("TZ202202-101")))
    assert undertaking.get("type") == str(PKG.Undertaking)
    followup = {r["motion"]: r for r in rows(tmp_path, "motion-followup", dossier="30950")}
    assert set(followup) == {"kst-30950-237", "kst-30950-293", "kst-30950-295", "kst-30950-296",
                             "kst-30950-330"}  # the adopted ones; 299 and 443 were rejected
    assert followup["kst-30950-295"]["cited_by"] == "kst-30950-319 (2022-10-21)"
    assert "uitrol van het toetsingskader" in followup["kst-30950-295"]["measures"]
    assert "TZ202202-101 (Voldaan" in followup["kst-30950-295"]["undertakings"]
    assert followup["kst-30950-330"]["follow_up"] == "no follow-up"
    assert "cited_by" not in followup["kst-30950-330"]


def test_a_second_run_with_nothing_changed_asks_only_for_the_lists_and_changes_nothing(apis, tmp_path):
    ob, tk = apis
    assert fetch(apis, tmp_path).returncode == 0
    before, files = nquads(tmp_path), {**ob.requests, **tk.requests}
    ob.requests.clear(), tk.requests.clear()
    again = fetch(apis, tmp_path)
    assert again.returncode == 0, again.stdout + again.stderr
    asked = set(ob.requests) | set(tk.requests)
    assert all(path.startswith(("/sru?", "/OData/v4/2.0/Zaak?", "/OData/v4/2.0/Toezegging?")) for path in asked), asked
    assert not asked & {p for p in files if "/frbr/" in p or "/resource" in p}
    assert nquads(tmp_path) == before


@pytest.mark.parametrize("after", [2, 6, 11, 17, 22, 24])
def test_killed_at_any_point_and_started_again_it_ends_as_an_uninterrupted_run(served, tmp_path, after):
    publications, cases, undertakings, files = served
    with (SearchStandIn(publications) as ob,
          OpenDataStandIn({"Zaak": cases, "Toezegging": undertakings}, files) as tk):
        assert fetch((ob, tk), tmp_path / "whole").returncode == 0
        whole = nquads(tmp_path / "whole")
        ob.requests.clear(), tk.requests.clear()
        gate = Gate(after)
        ob.gate(gate), tk.gate(gate)
        child = fetch((ob, tk), tmp_path / "cut", wait=False)
        assert gate.reached.wait(120), "the run ended before the request to cut at"
        os.kill(child.pid, signal.SIGKILL)
        child.communicate()
        gate.release()
        ob.gate(None), tk.gate(None)
        resumed = fetch((ob, tk), tmp_path / "cut")
        assert resumed.returncode == 0, resumed.stdout + resumed.stderr
        twice = {path: n for path, n in (ob.requests + tk.requests).items() if n > 1 and path != gate.held}
        cited = {p for p in twice if "dt.identifier" in p}  # asked again each run, by design
        assert set(twice) == cited, twice
    assert nquads(tmp_path / "cut") == whole


def test_each_fault_is_retried_or_reported_and_the_rest_loads(apis, tmp_path):
    ob, tk = apis
    gone = next(p for p in ob.server.files if p.endswith("kst-30950-170.xml"))
    letter = next(p for p in ob.server.files if p.endswith("kst-30950-316.xml"))
    ob.fault("/sru", Fault(429, (("Retry-After", "1"),)))
    ob.fault(letter, Fault(503))
    ob.fault(gone, *[Fault(404)] * 10)
    tk.fault("/OData/v4/2.0/Zaak", Fault(truncate=True))
    done = fetch(apis, tmp_path)
    assert done.returncode == 1
    assert f"failed: {ob.root}{gone}: HTTP 404" in done.stderr
    assert done.stderr.count("failed:") == 1, done.stderr
    assert ob.requests[[p for p in ob.requests if p.startswith("/sru?")][0]] == 2  # after the 429
    assert sum(n for p, n in ob.requests.items() if p == letter) == 2  # after the 503
    documents = {r["document"] for r in rows(tmp_path, "documents")}
    assert "kst-30950-316" in documents and "kst-30950-170" not in documents
    assert {"kst-30950-295", "kst-30950-293"} <= {r["motion"] for r in rows(tmp_path, "dossier-motions",
                                                                              dossier="30950")}


def test_kinds_choose_what_is_fetched(apis, tmp_path):
    ob, _ = apis
    done = fetch(apis, tmp_path, "--kinds", "h")
    assert done.returncode == 0, done.stderr
    assert not [p for p in ob.requests if "/kst/" in p]
    assert [p for p in ob.requests if "h-tk-20182019-62-6" in p]


def test_an_unknown_kind_is_refused(apis, tmp_path):
    done = fetch(apis, tmp_path, "--kinds", "kst,memo")
    assert done.returncode == 2 and "memo" in done.stderr


def test_a_search_api_that_fails_is_reported_and_open_data_still_loads(apis, tmp_path):
    ob, _ = apis
    ob.fault("/sru", *[Fault(503)] * 8)
    done = fetch(apis, tmp_path, "--retries", "1")
    assert done.returncode == 1
    assert "failed: " + ob.url in done.stderr and "HTTP 503" in done.stderr
    assert "kst-30950-295" in {r["motion"] for r in rows(tmp_path, "dossier-motions", dossier="30950")}


def test_a_record_pointing_to_another_host_is_not_followed(tmp_path):
    record = sru.SruRecord("kst-30950-1", None, "Kamerstuk", "Brief", "2024-01-01",
                           "http://elsewhere.example/kst-30950-1.xml", None, None)
    job = DossierFetch(tmp_path, "30950", ob_url="http://127.0.0.1:9/sru", tk_url="http://127.0.0.1:9/",
                       client=Client(pause=0, attempts=1))
    job.publications([record])
    (failure,) = job.report.stages["publications"].tally.failed
    assert failure == ("http://elsewhere.example/kst-30950-1.xml",
                       "kst-30950-1: not on the search API's host; not fetched")
    assert not (tmp_path / "publications" / "kst-30950-1.xml").exists()


def test_a_listing_past_the_page_limit_fails_its_stage_loudly_and_records_nothing(apis, tmp_path):
    done = fetch(apis, tmp_path, "--max-pages", "1")
    assert done.returncode == 1
    assert "stopped at the limit of 1 pages with more to come" in done.stderr
    assert "Traceback" not in done.stderr
    state = tmp_path / "dossier-30950" / "sync-state.json"
    assert not state.exists() or "ob:30950" not in state.read_text("utf-8")
