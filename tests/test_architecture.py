"""The import structure and the IRI rule (issue 12): every module imports alone,
no module imports another in a cycle (function-level imports included), loaders/
knows no RDF and nothing of graph/, graph/ nothing of the CLI, and only
graph/iris.py builds IRIs in policykg's namespaces."""

from __future__ import annotations

import ast
import configparser
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RDF_LIBRARIES = {"rdflib", "pyoxigraph", "pyshacl"}
OUR_NAMESPACES = {"PKGID", "PKGG", "OEP"}
IRI_MINTER = "policykg.graph.iris"


def _package_dirs() -> dict[str, Path]:
    """Import package -> folder, as setup.cfg maps them."""
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg")
    lines = [line.split("=") for line in config["options"]["package_dir"].strip().splitlines()]
    return {package.strip(): ROOT / folder.strip() for package, folder in lines}


def package_modules() -> dict[str, Path]:
    """Every module of the package: dotted name -> file."""
    modules = {}
    for package, folder in _package_dirs().items():
        for path in sorted(folder.glob("*.py")):
            modules[package if path.stem == "__init__" else f"{package}.{path.stem}"] = path
    return modules


def _base(module: str, is_package: bool, level: int) -> str:
    """The package a relative import of ``level`` dots starts from."""
    parts = module.split(".") if is_package else module.split(".")[:-1]
    return ".".join(parts[:len(parts) - level + 1])


def imported_names(module: str, source: str, is_package: bool = False) -> set[str]:
    """Absolute names of what ``source`` imports anywhere (in functions too): for
    ``from X import y`` both ``X`` and ``X.y`` (y may be a submodule)."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _base(module, is_package, node.level) if node.level else ""
            target = ".".join(p for p in (base, node.module or "") if p)
            names.add(target)
            names.update(f"{target}.{alias.name}" for alias in node.names)
    return names


def module_graph(modules: dict[str, Path]) -> dict[str, set[str]]:
    """Module -> the package modules it imports."""
    graph = {}
    for name, path in modules.items():
        found = imported_names(name, path.read_text(encoding="utf-8"), path.stem == "__init__")
        graph[name] = {n for n in found if n in modules and n != name}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a path (first module repeated at the end), or None."""
    state: dict[str, str] = {}  # "open" while on the stack, "done" after

    def visit(node: str, path: list[str]) -> list[str] | None:
        state[node] = "open"
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                return path[path.index(nxt):] + [nxt]
            if nxt not in state and (cycle := visit(nxt, path + [nxt])):
                return cycle
        state[node] = "done"
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start, [start])):
            return cycle
    return None


def _is_our_namespace(node: ast.AST) -> bool:
    name = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else None
    return name in OUR_NAMESPACES


def _called(node: ast.Call) -> str | None:
    func = node.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None


def minted_iris(source: str) -> list[int]:
    """Lines that build an IRI: indexing or an attribute of PKGID, PKGG or OEP
    (``PKGID[...]``, ``PKGID.term(...)``), a new ``Namespace``, or ``URIRef``/``NamedNode``
    of a string made here (a literal, an f-string, a concatenation). Converting an IRI
    that exists (``URIRef(value)``) is no minting."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.Subscript, ast.Attribute)) and _is_our_namespace(node.value):
            lines.append(node.lineno)
        elif isinstance(node, ast.Call) and _called(node) == "Namespace":
            lines.append(node.lineno)
        elif isinstance(node, ast.Call) and _called(node) in ("URIRef", "NamedNode") and node.args and \
                isinstance(node.args[0], (ast.JoinedStr, ast.BinOp, ast.Constant)):
            lines.append(node.lineno)
    return sorted(set(lines))


MODULES = package_modules()


def test_the_package_is_found():
    assert {"policykg.cli", "policykg.graph.iris", "policykg.loaders.gazetteer", "policykg.reference"} <= set(MODULES)


def test_every_module_imports_alone_in_a_fresh_interpreter():
    probe = ("import importlib, sys, traceback\n"
             "failed = []\n"
             "for name in sys.argv[1:]:\n"
             "    for loaded in [m for m in sys.modules if m == 'policykg' or m.startswith('policykg.')]:\n"
             "        del sys.modules[loaded]\n"
             "    try:\n"
             "        importlib.import_module(name)\n"
             "    except Exception:\n"
             "        failed.append(name + ': ' + traceback.format_exc(limit=-1))\n"
             "print('\\n'.join(failed))\n")
    out = subprocess.run([sys.executable, "-c", probe, *sorted(MODULES)], cwd=ROOT, capture_output=True,
                         text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""


def test_no_import_cycle():
    cycle = find_cycle(module_graph(MODULES))
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_the_cycle_check_sees_function_level_and_relative_imports():
    sources = {"policykg.graph.a": "from .b import x\n",
               "policykg.graph.b": "def f():\n    from policykg.graph import a\n"}
    graph = {name: {n for n in imported_names(name, source) if n in sources} for name, source in sources.items()}
    assert find_cycle(graph) == ["policykg.graph.a", "policykg.graph.b", "policykg.graph.a"]
    assert imported_names("policykg.graph", "from ..loaders import models\n", is_package=True) >= {
        "policykg.loaders.models"}


def _violations(prefix: str, forbidden) -> list[str]:
    graph_names = {name: imported_names(name, path.read_text(encoding="utf-8"), path.stem == "__init__")
                   for name, path in MODULES.items() if name.startswith(prefix)}
    return sorted(f"{name} imports {imported}" for name, found in graph_names.items()
                  for imported in found if forbidden(imported))


def test_loaders_know_no_rdf_and_nothing_of_the_graph():
    assert _violations("policykg.loaders", lambda n: n.split(".")[0] in RDF_LIBRARIES
                       or n.startswith("policykg.graph")) == []


def test_the_graph_knows_nothing_of_the_cli():
    assert _violations("policykg.graph", lambda n: n.startswith("policykg.cli")) == []


def test_only_iris_mints_iris():
    exempt = {IRI_MINTER, "policykg.namespaces"}  # namespaces.py defines them
    found = {name: minted_iris(path.read_text(encoding="utf-8")) for name, path in MODULES.items()
             if name not in exempt}
    assert {name: lines for name, lines in found.items() if lines} == {}


@pytest.mark.parametrize("source,minted", [
    ('node = PKGID[f"person/{name}"]', True),
    ("node = namespaces.PKGG['x']", True),
    ('node = PKGID.term("x")', True),
    ('node = URIRef(f"https://w3id.org/policykg/id/{x}")', True),
    ("node = URIRef(BASE + x)", True),
    ('NS = Namespace("https://example.org/")', True),
    ("node = ox.NamedNode('https://example.org/x')", True),
    ("node = URIRef(value)", False),
    ("node = iris.person(name)", False),
    ("prefixes = {'oep': str(OEP)}", False),
])
def test_the_iri_rule_sees_minting(source, minted):
    assert bool(minted_iris(source)) is minted
