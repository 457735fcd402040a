"""The scale benchmark's table (benchmarks/scale.py): a ratio only where both stacks did
the same work on the same documents; "stopped at N s" where a stack was stopped."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def scale():
    spec = importlib.util.spec_from_file_location("bench_scale", ROOT / "benchmarks" / "scale.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _stack(**figures) -> dict:
    base = {"ingest_1core_docs_per_s": 40.0, "ingest_1core_mb_per_s": 0.3, "quads": 1000,
            "triples_per_s": 500.0, "queries": {"node": {"p50_ms": 2.0, "p95_ms": 3.0, "rows": 1},
                                                "documents": {"p50_ms": 10.0, "p95_ms": 12.0, "rows": 50}},
            "trace_5hop": {"p50_ms": 50.0, "p95_ms": 60.0}, "validate_s": 3.0, "export_graphml_s": 1.0,
            "export_turtle_s": 1.0, "peak_memory_mb": 200.0}
    return base | figures


def _result(plain: dict, plain_documents: int = 100, virtuoso: dict | None = None) -> dict:
    policykg = _stack(cores=2, ingest_all_docs_per_s=70.0, ingest_all_mb_per_s=0.5)
    result = {"documents": 100, "megabytes": 1.0, "machine": "test", "single_core_documents": 50,
              "policykg": policykg, "plain": plain, "plain_documents": plain_documents}
    if virtuoso is not None:
        result["virtuoso"] = virtuoso
    return result


def _row(text: str, label: str) -> list[str]:
    line = next(line for line in text.splitlines() if line.startswith(f"| {label}"))
    return [cell.strip() for cell in line.strip("|").split("|")]


def test_ratios_say_how_many_times_faster_policykg_is(scale):
    plain = _stack(ingest_1core_docs_per_s=20.0, queries={"node": {"p50_ms": 30.0, "p95_ms": 40.0, "rows": 1},
                                                          "documents": {"p50_ms": 5.0, "p95_ms": 6.0, "rows": 50}},
                   peak_memory_mb=500.0, timeout_s=10.0)
    text = scale.table(_result(plain))
    assert _row(text, "ingest, 1 core, first 50 documents: documents/s")[1:] == ["40.0", "20.0", "2.0x"]
    assert _row(text, "query `node`")[1:] == ["2.0 / 3.0", "30.0 / 40.0", "15.0x"]
    assert _row(text, "query `documents`")[-1] == "0.5x"  # slower than the other stack: below 1
    assert _row(text, "peak memory, MB")[-1] == "2.5x"
    assert _row(text, "triples/s into the store")[-1] == ""  # all cores against one: not the same work


def test_a_stopped_measurement_says_so_and_has_no_ratio(scale):
    plain = _stack(queries={"node": {"timeout_s": 10.0}, "documents": {"failed": "error: NotBoundError"}},
                   validate_s=None, timeout_s=10.0)
    text = scale.table(_result(plain))
    assert _row(text, "query `node`")[2:] == ["stopped at 10 s", ""]
    assert _row(text, "query `documents`")[2:] == ["error: NotBoundError", ""]
    assert _row(text, "validation, s")[2:] == ["stopped at 10 s", ""]


def test_no_ratio_on_other_documents_or_a_different_answer(scale):
    plain = _stack(queries={"node": {"p50_ms": 30.0, "p95_ms": 40.0, "rows": 1},
                            "documents": {"p50_ms": 30.0, "p95_ms": 40.0, "rows": 7}}, timeout_s=10.0)
    same = scale.table(_result(plain))
    assert _row(same, "query `node`")[-1] == "15.0x"
    assert _row(same, "query `documents`")[2:] == ["30.0 / 40.0 (7 rows)", ""]
    fewer = scale.table(_result(plain, plain_documents=10))
    assert all(cell == "" for cell in _row(fewer, "query `node`")[3::2])


def test_virtuoso_gets_its_columns_or_the_reason_it_did_not_run(scale):
    plain = _stack(timeout_s=10.0)
    virtuoso = {"timeout_s": 10.0, "version": "7.2", "push_s": 4.0, "triples_per_s": 250.0,
                "queries": {"node": {"p50_ms": 8.0, "p95_ms": 9.0, "rows": 1}}, "trace_5hop": {"timeout_s": 10.0}}
    text = scale.table(_result(plain, virtuoso=virtuoso))
    assert "Virtuoso 7.2 (pushed)" in text.splitlines()[3]
    assert _row(text, "query `node`")[-2:] == ["8.0 / 9.0", "4.0x"]
    assert _row(text, "trace, 5 hops")[-2:] == ["stopped at 10 s", ""]
    assert _row(text, "push to the store, s")[-2:] == ["4.0", ""]
    skipped = scale.table(_result(plain, virtuoso={"skipped": "not installed"}))
    assert "Virtuoso: not run (not installed)" in skipped
    assert "Virtuoso" not in skipped.splitlines()[3]


def _servers_in(folder: Path) -> list[int]:
    """Processes whose command line names ``folder`` (a Virtuoso started there)."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and str(folder) in (proc / "cmdline").read_bytes().decode(errors="replace"):
                found.append(int(proc.name))
        except OSError:
            continue
    return found


def test_the_virtuoso_run_pushes_queries_and_stops_its_server(scale, tmp_path):
    from policykg.graph.ingest import ingest
    from policykg.graph.store import Store

    from .conftest import CORPUS
    from .virtuoso_server import MISSING, installed

    if not installed():
        pytest.skip(MISSING)
    with Store(tmp_path / "store") as store:
        ingest(store, [CORPUS], jobs=1)
        params = scale._parameters(store)
        named = sum(len(store.graph(name)) for name in store.graph_names())
    out = scale.bench_virtuoso(tmp_path / "store", tmp_path, timeout=60.0, params=params)
    assert out["pushed_triples"] == named > 0
    assert all("p50_ms" in figures for figures in out["queries"].values()), out["queries"]
    assert "p50_ms" in out["trace_5hop"]
    assert _servers_in(tmp_path / "virtuoso") == []
