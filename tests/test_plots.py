"""Pictures: the network and trace drawn by Graphviz, the timeline by matplotlib."""

from __future__ import annotations

import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from policykg import plots
from policykg.graph.export import citation_network
from policykg.graph.network import Cut
from policykg.graph.queries import run_query
from policykg.graph.trace import trace
from policykg.loaders.safexml import parse_tree

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"
SVG = "{http://www.w3.org/2000/svg}"
needs_dot = pytest.mark.skipif(shutil.which("dot") is None,
                               reason="Graphviz is not installed (apt-get install graphviz)")


def _svg_nodes(svg: bytes) -> dict[str, tuple[str, str]]:
    """Node name -> (its text, its fill colour) in a Graphviz SVG."""
    start = svg.find(b"<!DOCTYPE")  # Graphviz's own doctype; parse_tree refuses every doctype
    if start >= 0:
        svg = svg[:start] + svg[svg.index(b">", start) + 1:]
    root = parse_tree(svg)
    found = {}
    for group in root.iter(f"{SVG}g"):
        if group.get("class") != "node":
            continue
        name = group.find(f"{SVG}title").text
        text = " ".join(t.text or "" for t in group.iter(f"{SVG}text"))
        fills = [p.get("fill") for p in group.iter(f"{SVG}path")] + [p.get("fill") for p in group.iter(f"{SVG}polygon")]
        found[name] = (" ".join(text.split()), next((f for f in fills if f and f != "none"), ""))
    return found


@needs_dot
def test_network_svg_has_every_node_with_full_label_and_a_colour_per_type(corpus_store):
    graph = citation_network(corpus_store, Cut(dossier="30950"))
    assert graph.number_of_nodes() > 10
    drawn = _svg_nodes(plots.graphviz(plots.network_dot(graph), "svg", engine="sfdp"))
    colour_of: dict[str, str] = {}
    for node, attrs in graph.nodes(data=True):
        text, fill = drawn[node]
        assert text == " ".join(plots.node_text(attrs).split())
        assert colour_of.setdefault(attrs["type"], fill) == fill
    assert len(set(colour_of.values())) == len(colour_of)
    assert "legend:types" in drawn


def test_trace_dot_holds_every_edge_and_full_labels(corpus_store):
    root = trace(corpus_store, "kst-30950-295")
    dot = plots.trace_dot(root)
    tree_edges = []

    def walk(step):
        tree_edges.extend((step.iri, relation, target) for relation, target in step.also)
        for child in step.children:
            tree_edges.append((step.iri, child.relation, child.iri))
            walk(child)
            assert plots.dot_quote(child.label or "")[1:-1] in dot.replace("\\n", " ") or not child.label
    walk(root)
    assert tree_edges
    for source, relation, target in tree_edges:
        assert f"{plots.dot_quote(source)} -> {plots.dot_quote(target)} [label={plots.dot_quote(relation)}" in dot
    assert len(plots.trace_edges(root)) == dot.count(" -> ")
    long_labels = [line for line in dot.splitlines() if "label=" in line and len(line) > 200]
    assert long_labels, "no label longer than the old 60-character cut"


@needs_dot
def test_trace_svg_parses_with_a_node_per_step(corpus_store):
    root = trace(corpus_store, "kst-30950-295")
    drawn = _svg_nodes(plots.graphviz(plots.trace_dot(root), "svg"))
    assert root.iri in drawn and "Motion" in drawn[root.iri][0]
    assert all(child.iri in drawn for child in root.children)


def test_hostile_labels_are_escaped_in_dot():
    import networkx as nx
    graph = nx.MultiDiGraph()
    hostile = 'a "quoted" <b>{x}</b> \\ back\nline'
    graph.add_node('n"1', type="Thing<>", identifier=hostile, label="}; digraph evil {")
    graph.add_edge('n"1', 'n"1', relation='rel"}')
    dot = plots.network_dot(graph)
    assert '"n\\"1"' in dot and "\\\"quoted\\\"" in dot and 'label="rel\\"}"' in dot
    assert "\\\\ back" in dot and "Thing&lt;&gt;" in dot
    if shutil.which("dot"):
        drawn = _svg_nodes(plots.graphviz(dot, "svg", engine="dot"))
        assert drawn['n"1'][0] == " ".join((hostile + " }; digraph evil {").split())


def test_timeline_png_is_a_real_png_of_the_expected_size(corpus_store, tmp_path):
    pytest.importorskip("matplotlib", reason="the plots extra is not installed")
    mentions = run_query(corpus_store, "mentions-over-time", {"concept": "Staatscommissie"}).dicts()
    events = run_query(corpus_store, "timeline", {"concept": "Staatscommissie"}).dicts()
    assert mentions and events
    out = tmp_path / "timeline.png"
    plots.timeline_figure(mentions, events, "Staatscommissie", out)
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (1000, 600)


def _cli(args: list[str], path: str | None = None, prelude: str = "") -> subprocess.CompletedProcess:
    env = {"PATH": path or str(Path(sys.executable).parent), "HOME": "/tmp"}
    code = f"import sys; {prelude}from policykg.cli import main; main()"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=300)


@pytest.fixture(scope="module")
def small_store(tmp_path_factory) -> Path:
    store = tmp_path_factory.mktemp("plots") / "store"
    done = _cli(["ingest", "--quiet", "--store", str(store), str(next(CORPUS.glob("*kst-30950-319*")))])
    assert done.returncode == 0, done.stderr
    return store


def test_graphviz_missing_is_a_clear_error(small_store, tmp_path):
    out = tmp_path / "n.svg"
    done = _cli(["plot", "network", "--store", str(small_store), "--output", str(out)])
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert "apt-get install graphviz" in done.stderr and not out.exists()
    done = _cli(["trace", "kst-30950-295", "--store", str(small_store), "--format", "svg"])
    assert done.returncode != 0 and "apt-get install graphviz" in done.stderr


def test_matplotlib_missing_is_a_clear_error(small_store, tmp_path):
    done = _cli(["plot", "timeline", "--concept", "Staatscommissie", "--store", str(small_store),
                 "--output", str(tmp_path / "t.png")], prelude="sys.modules['matplotlib'] = None; ")
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert "policykg[plots]" in done.stderr, done.stderr
