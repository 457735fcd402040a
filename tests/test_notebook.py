"""The example notebook (examples/policykg.ipynb) runs end to end on a store built
from the sample corpus, in a real Jupyter kernel (nbclient + ipykernel), and every
cell shows what the API and the command line say of the same store."""

from __future__ import annotations

import ast
import re
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

import policykg
from policykg.cli import main
from policykg.graph.curation import load_curation
from policykg.graph.ingest import ingest
from policykg.graph.queries import named_queries
from policykg.graph.store import Store

from .conftest import CORPUS, ROOT

nbclient = pytest.importorskip("nbclient", reason="the notebook test needs nbclient: pip install -e '.[test]'")
nbformat = pytest.importorskip("nbformat", reason="the notebook test needs nbformat: pip install -e '.[test]'")
pytest.importorskip("ipykernel", reason="the notebook test needs a Python kernel: pip install -e '.[test]'")
pytest.importorskip("pandas", reason="the notebook uses pandas: pip install -e '.[test]'")

NOTEBOOK = ROOT / "examples" / "policykg.ipynb"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory) -> Path:
    """The sample corpus and its curation, as `make demo` builds demo-output/store."""
    path = tmp_path_factory.mktemp("notebook") / "store"
    with Store(path) as store:
        assert not ingest(store, [CORPUS]).failed
        assert load_curation(store, ROOT / "examples" / "curation" / "corpus.csv") > 0
    return path


@pytest.fixture(scope="module")
def outputs(store_path, tmp_path_factory) -> dict[str, str]:
    """Each code cell's output text (printed text, then the value shown), by the cell's tag."""
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("POLICYKG_STORE", str(store_path))  # the first cell reads it
        client = nbclient.NotebookClient(notebook, timeout=300, kernel_name="python3",
                                         resources={"metadata": {"path": str(NOTEBOOK.parent)}})
        client.execute()
    return {cell.metadata["tags"][0]: _text(cell) for cell in notebook.cells if cell.cell_type == "code"}


def _text(cell) -> str:
    parts = []
    for output in cell.outputs:
        assert output.output_type != "error", f"cell {cell.id} failed: {output.get('evalue')}"
        if output.output_type == "stream":
            parts.append(output.text)
        elif "data" in output:
            parts.append(output.data.get("text/plain", ""))
    return "".join(parts)


def cli(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    return result.output


def test_the_notebook_is_stored_without_outputs():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code and all(not cell.outputs and cell.execution_count is None for cell in code)


def test_it_opens_the_store_it_is_given_and_shows_its_counts(outputs, store_path):
    with policykg.open(store_path) as kg:
        assert ast.literal_eval(outputs["open"]) == kg.stats()
    assert ast.literal_eval(outputs["open"])["source documents"] == 5


def test_it_lists_the_named_queries(outputs):
    listed = ast.literal_eval(outputs["queries"])
    assert listed == {name: query.purpose for name, query in named_queries().items()}
    assert "citations" in listed and "trace-motion" in listed


def test_a_named_query_to_pandas_shows_every_citation(outputs, store_path):
    with policykg.open(store_path) as kg:
        rows = kg.query("citations", doc="kst-30950-319")
    table = outputs["citations"]
    assert re.search(rf"^{len(rows) - 1}\s", table, re.M) and not re.search(rf"^{len(rows)}\s", table, re.M)
    assert {row["cited"] for row in rows} <= set(table.split())
    types = Counter(row["type"] for row in rows if row["type"])
    shown = {m["type"]: int(m["n"]) for m in re.finditer(r"^(?P<type>\S.*?)\s+(?P<n>\d+)$",
                                                         outputs["citation-types"], re.M)}
    assert shown == dict(types) and shown["Motion"] >= 6


def test_dates_come_as_dates(outputs):
    assert "2022-10-21" in outputs["documents"] and "szw-2020-0000148620" in outputs["documents"]


def test_the_trace_is_the_one_the_command_line_prints(outputs, store_path):
    printed = cli("trace", "kst-30950-295", "--store", str(store_path))
    assert outputs["trace"] == printed
    assert "led to: «uitrol van het toetsingskader» [Measure]" in printed and ".md:26)" in printed


def test_the_evidence_of_the_trace_as_a_table(outputs):
    table = outputs["trace-evidence"]
    for rule in ("kamerstuk", "motion-inline", "measure-see-motion"):
        assert rule in table
    assert re.search(r"^4\s+uitrol van het toetsingskader\s+uses instrument", table, re.M)  # five records
    walked = ast.literal_eval(outputs["trace-walk"])
    assert walked[0] == (None, "kst-30950-295", "Motion")
    assert ("led to", "uitrol van het toetsingskader", "Measure") in walked


def test_a_curated_step_names_its_curator_and_goes_without_curation(outputs, store_path):
    text = outputs["curated"]
    assert text.startswith(cli("trace", "debat 2020-07-01", "--store", str(store_path)))
    assert "1 curated step(s), asserted by ['policykg maintainers']" in text
    without = ast.literal_eval(text.split("without curation: ", 1)[1].strip())
    assert "Nationaal Coördinator tegen Discriminatie en Racisme" not in without
    assert "Nationaal Coördinator tegen Discriminatie en Racisme" in text


def test_the_network_is_the_exported_one(outputs, store_path):
    with policykg.open(store_path) as kg:
        net = kg.network()
    assert outputs["network"].startswith(f"{net.number_of_nodes()} nodes, {net.number_of_edges()} edges\n")
    motions = sorted(n for n, kind in net.nodes(data="type") if kind == "Motion")
    assert len(motions) == 6
    table = outputs["network-motions"]
    assert all(net.nodes[m]["label"] in table for m in motions) and "Westerveld" in table
    around = ast.literal_eval(outputs["network-motion"])
    assert ("Person", "Westerveld") in around and ("Measure", "uitrol van het toetsingskader") in around


def test_validation_shows_the_findings(outputs, store_path):
    printed = cli("validate", "--store", str(store_path))
    assert outputs["validate"].startswith(printed.splitlines()[0] + "\n")
    assert "Warning" in outputs["validate"] and "pkg:sender" in outputs["validate"]
