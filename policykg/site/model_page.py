"""The data model page of ``policykg serve`` (``/def``): every class and property of the
ontology (``ontology/policykg.ttl``) with its label, definition, superclass, domain and
range, each term under its own anchor (``/def#Letter``), so a result or a node page
links a term to its definition. The Turtle file itself is ``/ontology.ttl``."""

from __future__ import annotations

from functools import cache

from rdflib import OWL, RDF, RDFS, SKOS, Graph, URIRef

from policykg import resources
from policykg.namespaces import PKG
from policykg.reference import ontology_graph

from .layout import esc
from .query_page import compact, iri_href

_SECTIONS = (("Classes", OWL.Class), ("Relations (object properties)", OWL.ObjectProperty),
             ("Values (datatype properties)", OWL.DatatypeProperty))


@cache
def ontology_turtle() -> bytes:
    return resources.ontology_file().read_bytes()


@cache
def model_page_body() -> str:
    graph = ontology_graph()
    sections = []
    for title, kind in _SECTIONS:
        terms = sorted(t for t in graph.subjects(RDF.type, kind) if isinstance(t, URIRef) and _ours(t))
        sections.append(f"<h2>{esc(title)}</h2><dl class='model'>"
                        + "".join(_term(graph, t) for t in terms) + "</dl>")
    return ("<h1>Data model</h1><p>The policykg ontology (<code>pkg:</code> "
            f"<code>{esc(str(PKG._NS))}</code>); as Turtle: <a href='/ontology.ttl'>ontology.ttl</a>. "
            "Query it on the <a href='/query'>query page</a>.</p>" + "".join(sections))


def _ours(term: URIRef) -> bool:
    return str(term).startswith(str(PKG._NS))


def _term(graph: Graph, term: URIRef) -> str:
    local = str(term)[len(str(PKG._NS)):]
    facts = []
    for label, prop in (("subclass of", RDFS.subClassOf), ("subproperty of", RDFS.subPropertyOf),
                        ("domain", RDFS.domain), ("range", RDFS.range)):
        values = sorted(str(v) for v in graph.objects(term, prop) if isinstance(v, URIRef))
        if values:
            facts.append(f"{label} " + ", ".join(_link(v) for v in values))
    return (f"<dt id='{esc(local)}'><code>pkg:{esc(local)}</code> {esc(_text(graph, term, RDFS.label))}"
            f"</dt><dd>{esc(_text(graph, term, SKOS.definition))}"
            + (f"<br><small>{'; '.join(facts)}</small>" if facts else "") + "</dd>")


def _text(graph: Graph, term: URIRef, prop: URIRef) -> str:
    """The English value of ``prop``, else any."""
    values = list(graph.objects(term, prop))
    english = [v for v in values if getattr(v, "language", None) == "en"]
    chosen = english or values
    return str(chosen[0]) if chosen else ""


def _link(iri: str) -> str:
    if iri.startswith(str(PKG._NS)):
        return f"<a href='{esc(iri_href(iri))}'>{esc(compact(iri))}</a>"
    return f"<code>{esc(compact(iri))}</code>"
