"""The CLI in-process (click's runner), on the real corpus."""

import json

import networkx as nx
from click.testing import CliRunner
from rdflib import RDF, Dataset, Graph

from policykg.cli import main
from policykg.graph import iris
from policykg.graph.store import Store
from policykg.namespaces import PKG

from .conftest import CORPUS
from .corpus_expected import KST, MOTIONS


def run(*args, store=None):
    extra = ["--store", str(store)] if store else []
    return CliRunner().invoke(main, [*args, *extra], catch_exceptions=False)


def test_extract_jsonl_fields_and_offsets():
    result = run("extract", str(CORPUS / KST))
    assert result.exit_code == 0
    text = (CORPUS / KST).read_text(encoding="utf-8")
    records = [json.loads(line) for line in result.output.splitlines()]
    for rec in records:
        assert {"type", "id", "text", "start", "end"} <= set(rec)
        assert text[rec["start"]:rec["end"]] == rec["text"]
    motions = {r["id"]: r["submitters"] for r in records if r["type"] == "motion"}
    assert motions == {ident: list(subs) for ident, subs, _ in MOTIONS}


def test_bad_sources_are_named_and_the_rest_loads(tmp_path):
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04")
    (batch / "latin1.txt").write_bytes("Betreft co\xf6rdinatie".encode("latin-1"))
    (batch / KST).write_text((CORPUS / KST).read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", str(batch), "--store", str(tmp_path / "s")])
    assert result.exit_code == 1
    assert "binary.txt: binary file" in result.output
    assert "latin1.txt: not valid UTF-8" in result.output
    assert "1 loaded" in result.output
    cited = run("query", "cited-by", "--param", "doc=kst-30950-295", "--format", "json", store=tmp_path / "s")
    assert json.loads(cited.output)[0]["citing"] == "kst-30950-319"


def test_query_trace_validate_export_stats(tmp_path):
    store = tmp_path / "store"
    assert run("ingest", "--quiet", str(CORPUS), store=store).exit_code == 0

    table = run("query", "citations", "--param", "doc=kst-30950-319", store=store)
    assert "kst-30950-295" in table.output and "(12 rows)" not in table.output
    csv_out = run("query", "most-cited", "--format", "csv", store=store)
    assert csv_out.stdout.splitlines()[0] == "cited,citing_documents"

    tree = run("trace", "kst-30950-295", store=store)
    assert tree.exit_code == 0
    assert "led to: " in tree.output and "uitrol van het toetsingskader" in tree.output
    assert f"({KST}:" in tree.output
    as_json = json.loads(run("trace", "kst-30950-295", "--format", "json", store=store).output)
    assert as_json["identifier"] == "kst-30950-295"

    validated = run("validate", store=store)
    assert validated.exit_code == 0 and "conforms" in validated.output

    ttl = run("export", "--format", "turtle", store=store)
    assert len(Graph().parse(data=ttl.output, format="turtle")) > 500
    nq = run("export", "--format", "nquads", store=store)
    assert len(list(Dataset().parse(data=nq.output, format="nquads").graphs())) >= 7
    run("export", "--format", "graphml", "--output", str(tmp_path / "c.graphml"), store=store)
    net = nx.read_graphml(tmp_path / "c.graphml")
    assert net.has_edge("https://zoek.officielebekendmakingen.nl/kst-30950-319",
                        "https://zoek.officielebekendmakingen.nl/kst-30950-295")
    run("export", "--format", "gexf", "--output", str(tmp_path / "c.gexf"), store=store)
    assert nx.read_gexf(tmp_path / "c.gexf").number_of_edges() > 10
    run("export", "--format", "csv", "--output", str(tmp_path / "csv"), store=store)
    edges = (tmp_path / "csv" / "edges.csv").read_text(encoding="utf-8").splitlines()
    assert edges[0] == "source,target,relation,evidence,quote,file,line,rule,origin,curator,note,id" and len(edges) > 10

    stats = run("stats", store=store)
    assert "source documents" in stats.output and "       5" in stats.output


def test_validate_exits_1_on_violations(tmp_path):
    store = tmp_path / "store"
    run("ingest", "--quiet", str(CORPUS / KST), store=store)
    with Store(store) as s:
        g = s.graph(iris.named_graph("kst-30950-319"))
        g.remove((None, PKG.submittedBy, None))
        for record in list(g.subjects(RDF.predicate, PKG.submittedBy)):  # a fact stays while a record names it
            g.remove((record, None, None))
        s.replace_graph(iris.named_graph("kst-30950-319"), g)
    result = run("validate", store=store)
    assert result.exit_code == 1
    assert "VIOLATION" in result.output and "submitter" in result.output


def test_unknown_query_is_explained(tmp_path):
    Store(tmp_path / "s").close()
    result = CliRunner().invoke(main, ["query", "nope", "--store", str(tmp_path / "s")])
    assert result.exit_code == 1 and "named queries:" in result.output


def test_eval_curate_and_dot(tmp_path):
    evaluated = run("eval", str(CORPUS.parent.parent / "tests" / "gold"))
    assert evaluated.exit_code == 0, evaluated.output
    assert "documents written for the gold set" in evaluated.output
    assert any(line.startswith("official ids") for line in evaluated.output.splitlines())
    store = tmp_path / "store"
    run("ingest", "--quiet", str(CORPUS), store=store)
    curated = run("curate", str(CORPUS.parent / "curation" / "corpus.csv"), store=store)
    assert curated.exit_code == 0 and "2 curated links loaded" in curated.output
    dot = run("trace", "kst-30950-295", "--format", "dot", store=store)
    assert dot.output.startswith("digraph trace {")
    bad = tmp_path / "bad.csv"
    bad.write_text("action,subject\nassert,x\n", encoding="utf-8")
    refused = run("curate", str(bad), store=store)
    assert refused.exit_code == 1


def test_remove_by_file_name_key_or_id(tmp_path):
    store = tmp_path / "store"
    run("ingest", "--quiet", str(CORPUS), store=store)
    removed = run("remove", KST, "no-such-source", store=store)
    assert removed.exit_code == 1 and f"{KST}: removed 1 graph(s)" in removed.output
    assert "no-such-source: not in the store" in removed.output
    again = run("ingest", "--quiet", str(CORPUS), store=store)
    assert again.output.startswith("1 loaded, 4 unchanged, 0 failed")


def test_fetch_tk_joins_open_data_to_the_cited_motion(tmp_path):
    from .tk_server import TkServer

    store = tmp_path / "store"
    run("ingest", "--quiet", str(CORPUS / KST), store=store)
    with TkServer() as base:
        fetched = run("fetch", "tk", "--dossier", "30950", "--base-url", base, "--out", str(tmp_path / "tk"),
                      store=store)
    assert fetched.exit_code == 0 and "fetched 6 cases in 3 pages" in fetched.output
    rows = run("query", "dossier-motions", "--param", "dossier=30950", "--format", "csv", store=store).output
    mutluer = next(line for line in rows.splitlines() if line.startswith("30950,kst-30950-293,"))
    assert ",aangenomen,Oordeel Kamer," in mutluer and mutluer.endswith(",1")  # cited once, by the letter


def test_extract_text_prints_what_offsets_point_into():
    result = run("extract", "--text", str(CORPUS / KST))
    assert result.exit_code == 0 and result.output == (CORPUS / KST).read_text(encoding="utf-8")
