"""The extraction rules of the vocabulary (ontology/vocab/rules.ttl): every rule the
extractor can emit has its pkg:Rule node, with the confidence the extractor gives it,
and evidence finds its rule's confidence through the rule's name."""

from __future__ import annotations

import ast
import re
import sys
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph

from policykg import resources
from policykg.graph.build import build_triples
from policykg.loaders.document import extract_file
from policykg.loaders.models import Extraction
from policykg.namespaces import PKG

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SOURCES = (".txt", ".md", ".pdf", ".xml", ".docx", ".html")
# The code that names rules: the extractor, and the builder's metadata rules.
EXTRACTOR = sorted((ROOT / "loaders").glob("*.py")) + [ROOT / "graph" / "build.py", ROOT / "graph" / "motions.py"]
_RULE_SHAPED = re.compile(r"[a-z]+(?:-[a-z]+)+")


@cache
def _rules() -> dict[str, Decimal | None]:
    """Rule name -> its confidence (None where it states none), from the packaged file."""
    rules_file = next(f for f in resources.vocabulary_files() if f.name == "rules.ttl")
    graph = Graph().parse(data=rules_file.read_text(encoding="utf-8"), format="turtle")
    out: dict[str, Decimal | None] = {}
    for rule in graph.subjects(PKG.ruleName, None):
        name = str(graph.value(rule, PKG.ruleName))
        assert name not in out, f"two nodes for {name}"
        assert str(rule).endswith("/rule/" + name), rule
        confidence = graph.value(rule, PKG.confidence)
        out[name] = Decimal(str(confidence)) if confidence is not None else None
    return out


def _parts(name: str) -> list[str]:
    """A rule name as its base rule and its resolution steps: "a+b+c" -> ["a", "+b", "+c"]."""
    base, *steps = name.split("+")
    return [base] + ["+" + step for step in steps]


def _documents() -> list[Path]:
    folders = [ROOT / "examples" / "corpus", ROOT / "tests" / "gold" / "documents",
               SHARED / "real", SHARED / "samples"]
    return [p for folder in folders if folder.is_dir() for p in sorted(folder.iterdir()) if p.suffix in SOURCES]


def _synthetic(folder: Path) -> list[Path]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from synthetic import generate
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    generate(folder, 60)
    return sorted(folder.iterdir())


def _emitted(ex: Extraction) -> set[str]:
    """Every rule name an extraction carries, and those its graph's evidence names."""
    names = {r.rule for r in ex.references} | {m.rule for m in ex.mentions} | {m.rule for m in ex.measures}
    names |= {link.rule for link in ex.links} | {ev.rule for ev in ex.motion_events}
    return names | {str(o.value) for _, p, o in build_triples(ex) if p.value == str(PKG.rule)}


@pytest.fixture(scope="module")
def extractions(tmp_path_factory) -> list[Extraction]:
    files = _documents() + _synthetic(tmp_path_factory.mktemp("synthetic"))
    return [extract_file(path) for path in files]


def test_every_emitted_rule_has_its_node(extractions):
    emitted = set().union(*map(_emitted, extractions))
    assert len(emitted) > 50
    missing = sorted({(name, part) for name in emitted for part in _parts(name) if part not in _rules()})
    assert not missing, f"rules without a pkg:Rule node in ontology/vocab/rules.ttl: {missing}"


def test_every_rule_named_in_the_extractor_has_its_node():
    """Rule names written in the code: a new rule of a known family ("measure-...") that
    no test document exercises yet still needs its node."""
    families = {name.split("-", 1)[0] for name in _rules() if "-" in name}
    missing = set()
    for path in EXTRACTOR:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        in_fstrings = {id(v) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for v in node.values}
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in in_fstrings
                    and _RULE_SHAPED.fullmatch(node.value) and node.value.split("-", 1)[0] in families
                    and node.value not in _rules()):
                missing.add((path.name, node.value))
    assert not missing, f"rule-like names without a pkg:Rule node: {sorted(missing)}"


def test_the_confidence_of_each_rule_is_the_extractors(extractions):
    given = {(x.rule, Decimal(str(x.confidence))) for ex in extractions for x in (*ex.measures, *ex.links)}
    assert given
    differ = sorted((rule, confidence, _rules().get(rule)) for rule, confidence in given
                    if _rules().get(rule) != confidence)
    assert not differ, f"(rule, extractor's confidence, rules.ttl's): {differ}"


def test_evidence_finds_its_rule_and_confidence_in_the_store(corpus_store):
    """The rules are in the vocabulary graph; a record's confidence is its rule's."""
    rows = corpus_store.query("""PREFIX pkg: <https://w3id.org/policykg/def#>
        SELECT ?name (COUNT(?e) AS ?records) (SAMPLE(?c) AS ?confidence) WHERE {
          GRAPH ?g { ?e a pkg:Evidence ; pkg:rule ?name FILTER NOT EXISTS { ?e pkg:confidence ?own } }
          BIND (STRBEFORE(CONCAT(?name, "+"), "+") AS ?base)
          OPTIONAL { ?rule pkg:ruleName ?base . OPTIONAL { ?rule pkg:confidence ?c } }
        } GROUP BY ?name""").rows
    found = {str(name): None if c is None else Decimal(str(c)) for name, _, c in rows}
    assert "measure-see-motion" in found and "kamerstuk" in found
    assert found == {name: _rules()[_parts(name)[0]] for name in found}
    unknown = corpus_store.query("""PREFIX pkg: <https://w3id.org/policykg/def#>
        SELECT ?name WHERE { GRAPH ?g { ?e a pkg:Evidence ; pkg:rule ?name }
          BIND (STRBEFORE(CONCAT(?name, "+"), "+") AS ?base) FILTER NOT EXISTS { ?rule pkg:ruleName ?base } }""")
    assert not unknown.rows


def test_records_carry_one_type_and_no_confidence(corpus_store):
    """pkg:Evidence is an rdf:Statement by the ontology, not by a second type on every record."""
    rows = corpus_store.query("""PREFIX pkg: <https://w3id.org/policykg/def#>
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        SELECT (COUNT(*) AS ?n) WHERE { { ?e a rdf:Statement } UNION { ?e a pkg:Evidence ; pkg:confidence ?c } }""")
    assert int(rows.rows[0][0]) == 0
    ontology = Graph().parse(data=resources.ontology_file().read_text(encoding="utf-8"), format="turtle")
    for kind in (PKG.Evidence, PKG.DataRecord, PKG.Curation):
        assert (kind, RDFS.subClassOf, RDF.Statement) in ontology, kind
