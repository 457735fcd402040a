"""What the command line prints, rendered without it; and the push loop as a library."""

import json
from collections import Counter
from types import SimpleNamespace

import pytest
from rdflib import Graph, Literal, URIRef

from policykg import render
from policykg.errors import NotFoundError
from policykg.graph.ingest import IngestReport
from policykg.graph.push import graphs_to_push, push_graphs
from policykg.loaders.document import extract_file

from .conftest import CORPUS
from .corpus_expected import KST


def test_table_pads_rules_and_cuts_long_cells():
    assert render.table(["a", "bb"], [["xyz", "1"], ["", "22"]]) == "a    bb\n---  --\nxyz  1\n     22\n"
    cut = render.table(["h"], [["x" * 10]], width=5).splitlines()[2]
    assert cut == "xxxx…"


VARIABLES = ["doc", "note"]
ROWS = [(URIRef("https://x/kst-1"), Literal("two\n  lines")), (Literal("b"), None)]


def test_query_rows_as_table_with_count():
    assert render.query_result(VARIABLES, ROWS, None, "table").splitlines() == [
        "doc              note",
        "---------------  ---------",
        "https://x/kst-1  two lines",  # white space collapsed in a table only
        "b",
        "(2 rows)",
    ]


def test_query_rows_as_csv_and_json_keep_text_as_is():
    assert render.query_result(VARIABLES, ROWS, None, "csv") == (
        'doc,note\r\nhttps://x/kst-1,"two\n  lines"\r\nb,\r\n')
    assert json.loads(render.query_result(VARIABLES, ROWS, None, "json")) == [
        {"doc": "https://x/kst-1", "note": "two\n  lines"}, {"doc": "b", "note": ""}]
    assert render.query_result(VARIABLES, [], None, "json") == "[]\n"


@pytest.mark.parametrize("fmt", render.QUERY_FORMATS)
def test_ask_answers_true_or_false_in_every_format(fmt):
    assert render.query_result([], [], True, fmt) == "true\n"
    assert render.query_result([], [], False, fmt) == "false\n"


def test_extraction_records_as_jsonl_and_table():
    extraction = extract_file(CORPUS / KST)
    refs = render.extraction_records(extraction, KST)
    assert len(refs) == len(extraction.references) and all(r["file"] == KST for r in refs)
    quoted = next(r for r in refs if "quote" in r)
    assert quoted["quote"] in extraction.content
    everything = render.extraction_records(extraction, KST, everything=True)
    assert everything[:len(refs)] == refs and everything[len(refs)]["type"] == "metadata"
    lines = render.records(refs, "jsonl").splitlines()
    assert [json.loads(line) for line in lines] == refs
    table = render.records(refs, "table").splitlines()
    assert table[0].split() == ["type", "id", "start", "text", "submitters"] and len(table) == len(refs) + 2


def test_ingest_report_names_failures_on_stderr_and_what_was_not_placed():
    report = IngestReport(loaded=["a.md"], failed=[("b.txt", "b.txt: binary file")],
                          ignored=Counter({"deleted (Verwijderd)": 1}), document_files=2, open_data_files=1)
    printed = render.ingest_report(report, "/s", 12)
    assert printed.err == "error: b.txt: binary file\n"
    assert printed.out == (f"{report.summary()}; store /s holds 12 quads\n"
                           "  ignored (not motions): deleted (Verwijderd): 1\n")


def test_query_list_and_counts():
    queries = {"b": SimpleNamespace(purpose="B.", params={"x": (True, "an x"), "y": (False, "a y")}),
               "a": SimpleNamespace(purpose="A.", params={})}
    assert render.query_list(queries) == (
        "a\n  A.\nb\n  B.\n  --param x=...  an x\n  --param y=...  (optional) a y\n")
    assert render.counts([("quads", 5), ("named graphs", 12345)]) == (
        "quads                              5\nnamed graphs                   12345\n")


class _Target:
    """A remote store that records what it was sent."""

    def __init__(self):
        self.sent = []

    def replace_graph(self, name, graph, batch):
        self.sent.append((name, len(graph), batch))


def test_push_sends_each_graph_and_counts_triples(fresh_store):
    names = [URIRef("urn:g:1"), URIRef("urn:g:2")]
    for i, name in enumerate(names, 1):
        graph = Graph()
        for j in range(i):
            graph.add((URIRef(f"urn:s{j}"), URIRef("urn:p"), Literal(j)))
        fresh_store.replace_graph(name, graph)
    assert sorted(graphs_to_push(fresh_store)) == names
    assert graphs_to_push(fresh_store, ["urn:g:2"]) == [names[1]]
    target, seen = _Target(), []
    assert push_graphs(fresh_store, target, names, batch=100, progress=seen.append) == 3
    assert target.sent == [(names[0], 1, 100), (names[1], 2, 100)] and seen == names


def test_push_refuses_graphs_not_in_the_store(fresh_store):
    with pytest.raises(NotFoundError, match="not in the local store: urn:none") as info:
        graphs_to_push(fresh_store, ["urn:none"])
    assert info.value.names == ("urn:none",)
