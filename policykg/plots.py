"""Pictures: the network and a trace as Graphviz DOT (rendered by the ``dot`` or
``sfdp`` binary), a concept's timeline with matplotlib (the ``plots`` extra)."""

from __future__ import annotations

import html
import shutil
import subprocess
import textwrap
from collections.abc import Iterable
from pathlib import Path

import networkx as nx

from policykg.errors import NotInstalledError, OutputError
from policykg.graph.trace import Step

PALETTE = ("#8dd3c7", "#ffffb3", "#bebada", "#fb8072", "#80b1d3", "#fdb462",
           "#b3de69", "#fccde5", "#d9d9d9", "#bc80bd", "#ccebc5", "#ffed6f",
           "#a6cee3", "#fdbf6f", "#cab2d6", "#b2df8a", "#fb9a99", "#e5c494", "#66c2a5", "#e78ac3")
PICTURE_FORMATS = ("svg", "png")
TIMEOUT = 120


def dot_quote(text: str) -> str:
    """``text`` as a DOT double-quoted string: backslashes and quotes escaped,
    control characters dropped, line breaks as centred ``\\n``."""
    text = "".join(c for c in text if c == "\n" or c >= " ")
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def _wrap(text: str, width: int = 32) -> str:
    lines = textwrap.wrap(" ".join(text.split()), width, break_long_words=False, break_on_hyphens=False)
    return "\n".join(lines) or text


def type_colours(types: Iterable[str]) -> dict[str, str]:
    """One colour per type, in sorted order (the same types, the same colours)."""
    return {t: PALETTE[i % len(PALETTE)] for i, t in enumerate(sorted(set(types)))}


def node_text(attrs: dict) -> str:
    """The full text of a node: identifier, then label where it says more."""
    identifier, label = attrs.get("identifier") or "", attrs.get("label") or ""
    parts = [identifier] if identifier else []
    if label and label != identifier:
        parts.append(label)
    return " ".join(parts)


def network_dot(graph: nx.MultiDiGraph) -> str:
    """The network as DOT: nodes filled by type, a legend, edges labelled by relation."""
    colours = type_colours(str(a.get("type") or "Thing") for _, a in graph.nodes(data=True))
    lines = ["digraph network {", "  graph [overlap=false, splines=true, fontname=Helvetica];",
             '  node [shape=box, style="rounded,filled", fontname=Helvetica, fontsize=10];',
             "  edge [fontname=Helvetica, fontsize=8, color=\"#555555\"];"]
    for node, attrs in sorted(graph.nodes(data=True)):
        kind = str(attrs.get("type") or "Thing")
        text = node_text(attrs) or str(node).rsplit("/", 1)[-1]
        lines.append(f"  {dot_quote(str(node))} [label={dot_quote(_wrap(text))}, "
                     f"fillcolor={dot_quote(colours[kind])}, tooltip={dot_quote(kind + ': ' + text)}];")
    for source, target, attrs in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1], str(e[2].get("relation")))):
        lines.append(f"  {dot_quote(str(source))} -> {dot_quote(str(target))} "
                     f"[label={dot_quote(str(attrs.get('relation') or ''))}];")
    rows = "".join(f'<tr><td bgcolor="{colour}">{html.escape(kind)}</td></tr>' for kind, colour in colours.items())
    lines.append(f'  "legend:types" [shape=plaintext, style="", label=<<table border="0" cellborder="1" '
                 f'cellspacing="0"><tr><td><b>Types</b></td></tr>{rows}</table>>];')
    lines.append("}")
    return "\n".join(lines) + "\n"


def _trace_title(step: Step) -> str:
    parts = [step.identifier or step.iri.rsplit("/", 1)[-1]]
    if step.label and step.label != step.identifier:
        parts.append(step.label)
    if step.type:
        parts.append(f"[{step.type}]")
    if step.date:
        parts.append(step.date)
    return " ".join(" ".join(parts).split())


def trace_edges(root: Step) -> list[tuple[str, str, str]]:
    """Every edge of a trace: (source IRI, relation, target IRI), the tree's and those
    to nodes already drawn (``Step.also``)."""
    edges: list[tuple[str, str, str]] = []

    def walk(step: Step) -> None:
        edges.extend((step.iri, relation, target) for relation, target in step.also)
        for child in step.children:
            edges.append((step.iri, child.relation or "", child.iri))
            walk(child)

    walk(root)
    return list(dict.fromkeys(edges))


def trace_dot(root: Step) -> str:
    """A trace as DOT: full labels with type and date, every edge; a curated-only
    step dashed, the evidence (file:line or curator) as the edge tooltip."""
    nodes: dict[str, Step] = {}
    evidence: dict[tuple[str, str, str], list[dict]] = {}

    def walk(step: Step) -> None:
        nodes.setdefault(step.iri, step)
        for child in step.children:
            evidence[(step.iri, child.relation or "", child.iri)] = child.evidence
            walk(child)

    walk(root)
    colours = type_colours(s.type or "Thing" for s in nodes.values())
    lines = ["digraph trace {", "  rankdir=LR;",
             '  node [shape=box, style="rounded,filled", fontname=Helvetica, fontsize=10];',
             "  edge [fontname=Helvetica, fontsize=9];"]
    for iri, step in sorted(nodes.items()):
        lines.append(f"  {dot_quote(iri)} [label={dot_quote(_wrap(_trace_title(step), 40))}, "
                     f"fillcolor={dot_quote(colours[step.type or 'Thing'])}];")
    for source, relation, target in trace_edges(root):
        found = evidence.get((source, relation, target), [])
        where = "; ".join(f"{e['file']}:{e['line']}" if "file" in e else f"asserted by {e['curator']}" for e in found)
        style = ", style=dashed" if found and all("curator" in e for e in found) else ""
        lines.append(f"  {dot_quote(source)} -> {dot_quote(target)} "
                     f"[label={dot_quote(relation)}, tooltip={dot_quote(where or relation)}{style}];")
    return "\n".join(lines + ["}"]) + "\n"


def graphviz(dot_text: str, fmt: str, engine: str = "dot", timeout: float = TIMEOUT) -> bytes:
    """Lay out and draw ``dot_text`` with the Graphviz binary ``engine`` as ``fmt``."""
    binary = shutil.which(engine)
    if binary is None:
        raise NotInstalledError(f"Graphviz is not installed (no `{engine}` on PATH): "
                          "install it with `apt-get install graphviz` (Debian package graphviz)")
    try:
        done = subprocess.run([binary, f"-T{fmt}"], input=dot_text.encode(), capture_output=True,
                              timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise OutputError(f"Graphviz `{engine}` took more than {timeout:g} s: draw a smaller cut") from None
    if done.returncode != 0:
        raise OutputError(f"Graphviz `{engine}` failed: {done.stderr.decode(errors='replace').strip()}")
    return done.stdout


def picture_format(path: Path) -> str:
    """svg or png, from the file name."""
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in PICTURE_FORMATS:
        raise OutputError("give a file ending in .svg or .png", path=path)
    return fmt


def timeline_figure(mentions: list[dict], events: list[dict], concept: str, output: Path) -> None:
    """Mentions per document (top) and events (bottom) over time, 1000 x 600 pixels."""
    try:
        import matplotlib
    except ImportError:
        raise NotInstalledError("matplotlib is not installed: pip install 'policykg[plots]' "
                          "(the plots extra) to draw a timeline") from None
    matplotlib.use("Agg")
    from datetime import date

    import matplotlib.pyplot as plt

    def when(text: object) -> date | None:
        parts = str(text or "").split("-")
        try:
            return date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
        except (ValueError, IndexError):
            return None

    fig, (top, bottom) = plt.subplots(2, 1, figsize=(10, 6), dpi=100, sharex=True)
    dated = [(when(m["date"]), int(str(m["mentions"]))) for m in mentions if when(m["date"])]
    if dated:
        top.bar([d for d, _ in dated], [n for _, n in dated], width=40, color=PALETTE[4])
    top.set_ylabel("mentions per document")
    top.set_title(f"{concept}: mentions and events over time")
    kinds = sorted({str(e["event"]).split(" (")[0] for e in events if when(e["date"])})
    for row, kind in enumerate(kinds):
        days = [when(e["date"]) for e in events if str(e["event"]).split(" (")[0] == kind and when(e["date"])]
        bottom.scatter(days, [row] * len(days), color=PALETTE[(row + 3) % len(PALETTE)], edgecolor="black", zorder=3)
    bottom.set_yticks(range(len(kinds)), kinds)
    bottom.set_ylim(-0.5, max(len(kinds), 1) - 0.5)
    bottom.grid(axis="x", alpha=0.3)
    fig.subplots_adjust(left=0.22, right=0.97, top=0.93, bottom=0.08)
    fig.savefig(output, format=picture_format(output), dpi=100)
    plt.close(fig)
