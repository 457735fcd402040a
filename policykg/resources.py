"""The one accessor for packaged data: ontology, vocabularies, shapes, queries.

Everything is read through importlib.resources, never relative to the working
directory, so an installed policykg finds its data wherever it runs.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable


def _ttl(package: str) -> list[Traversable]:
    return sorted(
        (f for f in files(package).iterdir() if f.name.endswith(".ttl")),
        key=lambda f: f.name,
    )


def ontology_file() -> Traversable:
    """The OWL ontology, ``ontology/policykg.ttl``."""
    return files("policykg.ontology") / "policykg.ttl"


def context_file() -> Traversable:
    """The JSON-LD context generated from the ontology, ``ontology/context.jsonld``."""
    return files("policykg.ontology") / "context.jsonld"


def vocabulary_files() -> list[Traversable]:
    """The SKOS vocabularies, ``ontology/vocab/*.ttl``."""
    return _ttl("policykg.ontology.vocab")


def shape_files() -> list[Traversable]:
    """The SHACL shapes, ``shapes/*.ttl``."""
    return _ttl("policykg.shapes")


@cache
def named_queries() -> dict[str, str]:
    """Named SPARQL queries: ``{name: text}`` from ``queries/*.rq``."""
    root = files("policykg.queries")
    return {
        f.name.removesuffix(".rq"): f.read_text(encoding="utf-8")
        for f in sorted(root.iterdir(), key=lambda f: f.name)
        if f.name.endswith(".rq")
    }


def lookup_query(name: str) -> str:
    """A query of ``queries/lookup/``: used by code, not listed as a named query."""
    return (files("policykg.queries") / "lookup" / f"{name}.rq").read_text(encoding="utf-8")
