"""The ontology documentation (``make docs`` writes it to ``docs/ontology.html``;
``policykg serve`` shows the same document at ``/def``): every class and property of
``ontology/policykg.ttl`` with its English and Dutch labels and definitions, its domain and
range, and its alignments (superclasses, superproperties, equivalences and SKOS matches) to
the public vocabularies, each term under its own anchor (``/def#Letter``), so a result or a
node page links a term to its definition. The Turtle file itself is ``/ontology.ttl``."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

from rdflib import OWL, RDF, RDFS, SKOS, BNode, Graph, URIRef
from rdflib.collection import Collection

from policykg import resources
from policykg.namespaces import PKG
from policykg.reference import ontology_graph

from .layout import esc

_SECTIONS = (("Classes", OWL.Class), ("Relations (object properties)", OWL.ObjectProperty),
             ("Values (datatype properties)", OWL.DatatypeProperty))
LANGUAGES = ("en", "nl")
ALIGNMENTS = (("subclass of", RDFS.subClassOf), ("subproperty of", RDFS.subPropertyOf),
              ("equivalent class", OWL.equivalentClass), ("equivalent property", OWL.equivalentProperty),
              ("exact match", SKOS.exactMatch), ("close match", SKOS.closeMatch),
              ("broad match", SKOS.broadMatch), ("narrow match", SKOS.narrowMatch),
              ("related match", SKOS.relatedMatch))
_STYLE = ("body{font-family:sans-serif;max-width:60em;margin:1em auto;padding:0 1em;line-height:1.4}"
          "dt{margin-top:1em;font-weight:bold}dd{margin-left:1.5em}small{color:#444}")


@cache
def ontology_turtle() -> bytes:
    return resources.ontology_file().read_bytes()


def ontology_terms(graph: Graph) -> list[URIRef]:
    """Every class and property the ontology defines in the ``pkg:`` namespace."""
    return sorted({t for _, kind in _SECTIONS for t in graph.subjects(RDF.type, kind)
                   if isinstance(t, URIRef) and _ours(t)})


@cache
def model_page_body() -> str:
    graph = ontology_graph()
    sections = []
    for title, kind in _SECTIONS:
        terms = sorted(t for t in graph.subjects(RDF.type, kind) if isinstance(t, URIRef) and _ours(t))
        sections.append(f"<h2>{esc(title)}</h2><dl class='model'>"
                        + "".join(_term(graph, t) for t in terms) + "</dl>")
    return ("<h1>policykg ontology</h1><p>The policykg ontology (<code>pkg:</code> "
            f"<code>{esc(str(PKG._NS))}</code>) with English and Dutch labels; as Turtle: "
            "<a href='/ontology.ttl'>ontology.ttl</a>. Query it on the <a href='/query'>query page</a>.</p>"
            + _contents(graph) + "".join(sections))


@cache
def ontology_document() -> str:
    """The whole documentation as one HTML document (the file ``make docs`` writes)."""
    return ("<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
            "<title>policykg ontology</title>"
            f"<style>{_STYLE}</style></head><body>{model_page_body()}</body></html>\n")


def write_docs(target: Path) -> Path:
    """Write the ontology documentation to ``target`` (``make docs``)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(ontology_document(), encoding="utf-8")
    return target


def _contents(graph: Graph) -> str:
    links = ", ".join(f"<a href='#{esc(_local(t))}'>{esc(_local(t))}</a>" for t in ontology_terms(graph))
    return f"<p><small>Terms: {links}</small></p>"


def _ours(term: URIRef) -> bool:
    return str(term).startswith(str(PKG._NS))


def _local(term: URIRef) -> str:
    return str(term)[len(str(PKG._NS)):]


def _term(graph: Graph, term: URIRef) -> str:
    local = _local(term)
    labels = " / ".join(f"{esc(text)} <small>@{lang}</small>" for lang, text in _texts(graph, term, RDFS.label)
                        + _texts(graph, term, SKOS.prefLabel))
    definitions = "".join(f"<p lang='{lang}'>{esc(text)} <small>@{lang}</small></p>"
                          for lang, text in _texts(graph, term, SKOS.definition))
    facts = [f"{label} " + ", ".join(_link(graph, v) for v in _objects(graph, term, prop))
             for label, prop in ALIGNMENTS + (("domain", RDFS.domain), ("range", RDFS.range))
             if _objects(graph, term, prop)]
    return (f"<dt id='{esc(local)}'><code>pkg:{esc(local)}</code> {labels}</dt><dd>{definitions}"
            + (f"<small>{'; '.join(facts)}</small>" if facts else "") + "</dd>")


def _texts(graph: Graph, term: URIRef, prop: URIRef) -> list[tuple[str, str]]:
    """``(language, text)`` pairs of ``prop``: English, then Dutch, then any other."""
    values = [(getattr(v, "language", None) or "", str(v)) for v in graph.objects(term, prop)]
    order = {lang: i for i, lang in enumerate(LANGUAGES)}
    return sorted(values, key=lambda pair: (order.get(pair[0], len(order)), pair))


def _objects(graph: Graph, term: URIRef, prop: URIRef) -> list:
    return sorted(graph.objects(term, prop), key=lambda v: (isinstance(v, BNode), str(v)))


def _link(graph: Graph, value: object) -> str:
    if isinstance(value, BNode):
        union = graph.value(value, OWL.unionOf)
        members = list(Collection(graph, union)) if union is not None else []
        return "any of (" + ", ".join(_link(graph, m) for m in members) + ")" if members else "(anonymous)"
    iri = str(value)
    if iri.startswith(str(PKG._NS)):
        return f"<a href='#{esc(_local(URIRef(iri)))}'>{esc(compact(graph, iri))}</a>"
    return f"<a href='{esc(iri)}'><code>{esc(compact(graph, iri))}</code></a>"


def compact(graph: Graph, iri: str) -> str:
    """``eli:LegalResource``: the IRI under the ontology's own prefixes (the longest namespace), else the IRI."""
    matches = [(len(str(ns)), prefix, str(ns)) for prefix, ns in graph.namespaces()
               if prefix and iri.startswith(str(ns)) and len(iri) > len(str(ns))]
    if not matches:
        return iri
    _, prefix, namespace = max(matches)
    return f"{prefix}:{iri[len(namespace):]}"


if __name__ == "__main__":
    print(write_docs(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/ontology.html")))
