"""The curated overlay: asserted links appear with their curator, rejected ones
disappear from the trace, and bad files are refused with file:line."""


import pytest
from rdflib import Literal

from policykg.graph.curation import CurationError, curation_graph, load_curation, remove_curation
from policykg.graph.ingest import ingest
from policykg.graph.queries import run_query
from policykg.graph.trace import render_dot, render_tree, trace

from .conftest import CORPUS, ROOT

SHIPPED = ROOT / "examples" / "curation" / "corpus.csv"
STUDY = "versterking van de gezamenlijke aanpak van racisme en discriminatie"
NCDR = "Nationaal Coördinator tegen Discriminatie en Racisme"
ROLLOUT = "uitrol van het toetsingskader"
HEADER = "action,subject,relation,object,curator,note\n"


@pytest.fixture
def store(fresh_store):
    assert not ingest(fresh_store, [CORPUS]).failed
    return fresh_store


def _steps(step):
    yield step
    for child in step.children:
        yield from _steps(child)


def _labels(root, relation):
    return {s.label for s in _steps(root) if s.relation == relation}


def _outcomes(store, motion):
    """The outcomes the named query trace-motion lists for ``motion``."""
    return {str(row["outcome"]) for row in run_query(store, "trace-motion", {"motion": motion}).dicts()}


def test_shipped_assertion_appears_with_its_curator(store):
    assert NCDR not in _labels(trace(store, STUDY), "led to")
    assert load_curation(store, SHIPPED) == 2
    led = [s for s in _steps(trace(store, STUDY)) if s.relation == "led to" and s.label == NCDR]
    assert led and led[0].evidence[0]["curator"] == "policykg maintainers"
    assert "asserted by policykg maintainers" in render_tree(trace(store, STUDY))
    assert NCDR not in _labels(trace(store, STUDY, curation="exclude"), "led to")


def test_rejected_link_disappears_from_the_trace(store, tmp_path):
    assert ROLLOUT in _labels(trace(store, "kst-30950-295"), "led to")
    assert ROLLOUT in _outcomes(store, "kst-30950-295")
    rejections = tmp_path / "rejections.csv"
    rejections.write_text(HEADER + f"reject,kst-30950-295,ledTo,{ROLLOUT},A. Researcher,"
                          "\"test: the letter cites the motion as an example only\"\n", encoding="utf-8")
    load_curation(store, rejections)
    assert ROLLOUT not in _labels(trace(store, "kst-30950-295"), "led to")
    assert ROLLOUT not in _outcomes(store, "kst-30950-295")
    assert ROLLOUT in _labels(trace(store, "kst-30950-295", curation="exclude"), "led to")
    rows = store.query("PREFIX pkg: <https://w3id.org/policykg/def#> "
                       "SELECT ?motion ?outcome WHERE { ?m pkg:identifier ?motion ; pkg:ledTo ?x . "
                       "?x <http://www.w3.org/2000/01/rdf-schema#label> ?outcome }",
                       {"motion": Literal("kst-30950-295")}).rows
    assert rows, "the extracted fact itself stays in the document graph"
    remove_curation(store, rejections)
    assert ROLLOUT in _labels(trace(store, "kst-30950-295"), "led to")
    assert ROLLOUT in _outcomes(store, "kst-30950-295")


def test_loading_twice_changes_nothing(store):
    load_curation(store, SHIPPED)
    first = len(store)
    load_curation(store, SHIPPED)
    assert len(store) == first and curation_graph(SHIPPED) in store.graph_names()


@pytest.mark.parametrize("row,problem", [
    ("assert,kst-30950-295,ledTo,no such thing,A. Researcher,why", "'no such thing' names nothing"),
    (f"assert,kst-30950-295,leadsTo,{ROLLOUT},A. Researcher,why", "unknown relation 'leadsTo'"),
    (f"maybe,kst-30950-295,ledTo,{ROLLOUT},A. Researcher,why", "action must be assert or reject"),
    (f"assert,kst-30950-295,ledTo,{ROLLOUT},,why", "empty curator"),
    (f"reject,kst-30950-295,ledTo,{NCDR},A. Researcher,why", "nothing to reject"),
])
def test_bad_rows_are_named_with_file_and_line(store, tmp_path, row, problem):
    path = tmp_path / "bad.csv"
    path.write_text(HEADER + f"assert,kst-30950-319,respondsTo,report-xenofobe-machines,A. Researcher,ok\n{row}\n",
                    encoding="utf-8")
    with pytest.raises(CurationError) as info:
        load_curation(store, path)
    assert f"{path}:3: " in str(info.value) and problem in str(info.value)
    assert curation_graph(path) not in store.graph_names()  # a bad file loads nothing


def test_dot_output_marks_curated_edges(store):
    load_curation(store, SHIPPED)
    dot = render_dot(trace(store, STUDY))
    assert dot.startswith("digraph trace {") and dot.rstrip().endswith("}")
    assert "style=dashed" in dot and '"https://w3id.org/policykg/id/org/ncdr"' in dot
