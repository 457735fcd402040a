"""Installed import names are unambiguous, data ships, code matches the ontology."""

import subprocess
import sys
from importlib.util import find_spec

from rdflib import OWL, RDF, Graph

from policykg import resources
from policykg.namespaces import PKG


def test_no_bare_top_level_modules(tmp_path):
    probe = ("import importlib.util as u; "
             "print([n for n in ('graph','loaders','queries','shapes','ontology') if u.find_spec(n)])")
    out = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    assert find_spec("policykg.graph") and find_spec("policykg.loaders")


def test_package_data_is_found():
    assert resources.ontology_file().is_file()
    assert len(resources.vocabulary_files()) >= 2
    assert len(resources.shape_files()) >= 5
    assert {"citations", "cited-by", "motions", "motion-measures", "mentions-over-time",
            "unresolved-references"} <= set(resources.named_queries())


def test_namespace_matches_ontology():
    onto = Graph().parse(data=resources.ontology_file().read_text(encoding="utf-8"), format="turtle")
    ns = str(PKG._NS)
    declared = {str(s)[len(ns):] for t in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
                for s in onto.subjects(RDF.type, t) if str(s).startswith(ns)}
    in_code = set(PKG.__annotations__)
    assert declared == in_code, (sorted(declared - in_code), sorted(in_code - declared))


def test_every_named_query_has_a_header():
    from policykg.graph.queries import named_queries

    for name, query in named_queries().items():
        assert query.name == name and query.purpose and query.returns, name
