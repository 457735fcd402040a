"""Compacted JSON-LD with a context generated from the ontology.

The context (``ontology/context.jsonld``, shipped with the package) holds a prefix
for each namespace of ``policykg.namespaces`` and of the ontology file, ``type``
for ``@type``, a term per class (``"Motion": "pkg:Motion"``) and per property of
the ontology: object properties take IRIs (``"@type": "@id"``), datatype
properties with a date, year or decimal range are typed with it; strings,
language strings, integers and booleans need no coercion (JSON-LD has them).
``python -m policykg.graph.jsonld`` writes it again after the ontology changed;
``tests/test_jsonld.py`` checks that it is up to date.

``write_compacted`` writes a dataset with that context, one ``@graph`` entry per
named graph and one node a line, everything sorted (graphs, nodes, keys, values), so equal datasets
give equal bytes (blank node labels aside). A value the context cannot coerce (a
``pkg:date`` that is an ``xsd:gYearMonth``) is written under the compact IRI of
its property (``"pkg:date": {"@value": "2022-05", "@type": "xsd:gYearMonth"}``).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cache
from itertools import chain
from pathlib import Path
from typing import Any, BinaryIO

from rdflib import OWL, RDF, RDFS, XSD, BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import DefinedNamespace
from rdflib.term import Node

import policykg.namespaces as namespaces
import policykg.resources as resources

ID, TYPE_KEY = "@id", "type"
# Ranges given to a datatype property's values in the context; the others are
# JSON's own (strings, numbers, booleans) or carry a language.
_COERCED = frozenset({XSD.date, XSD.gYear, XSD.gYearMonth, XSD.decimal, XSD.dateTime})
# Literals written as JSON numbers and booleans (when their text is canonical).
_NATIVE: dict[URIRef, Callable[[str], Any]] = {
    XSD.integer: int, XSD.boolean: lambda text: {"true": True, "false": False}[text]}


def _own_namespaces() -> dict[str, str]:
    """The prefixes of ``policykg.namespaces``: ``PKGID`` -> ``pkgid``."""
    found = {}
    for name, value in vars(namespaces).items():
        if isinstance(value, Namespace) and name.isupper():
            found[name.lower()] = str(value)
        elif isinstance(value, type) and issubclass(value, DefinedNamespace) and value is not DefinedNamespace:
            found[name.lower()] = str(value._NS)
    return found


def build_context(ontology: Graph) -> dict[str, Any]:
    """The JSON-LD context of ``ontology`` (the parsed ``policykg.ttl``, its own
    prefix declarations only) and ``policykg.namespaces``."""
    prefixes = {p: str(ns) for p, ns in ontology.namespaces() if p} | _own_namespaces()
    terms: dict[str, Any] = {name: f"pkg:{name}" for name, _ in _own_terms(ontology, OWL.Class)}
    terms |= {name: {ID: f"pkg:{name}", "@type": ID} for name, _ in _own_terms(ontology, OWL.ObjectProperty)}
    for name, prop in _own_terms(ontology, OWL.DatatypeProperty):
        rng = ontology.value(prop, RDFS.range)
        terms[name] = ({ID: f"pkg:{name}", "@type": f"xsd:{str(rng)[len(str(XSD)):]}"} if rng in _COERCED
                       else f"pkg:{name}")
    clash = sorted((set(terms) | {TYPE_KEY}) & set(prefixes))
    if clash:
        raise ValueError(f"a term of the ontology has the name of a prefix: {', '.join(clash)}")
    return {"@context": {**dict(sorted(prefixes.items())), TYPE_KEY: "@type", **terms}}


def _own_terms(ontology: Graph, kind: URIRef) -> list[tuple[str, URIRef]]:
    """The local names and IRIs of the ontology's own terms of ``kind``, sorted."""
    pkg = str(namespaces.PKG._NS)
    return sorted((str(s)[len(pkg):], s) for s in ontology.subjects(RDF.type, kind)
                  if isinstance(s, URIRef) and str(s).startswith(pkg))


def generated_context() -> dict[str, Any]:
    """``build_context`` of the packaged ontology."""
    ontology = Graph(bind_namespaces="none")
    ontology.parse(data=resources.ontology_file().read_text(encoding="utf-8"), format="turtle")
    return build_context(ontology)


def context_text(context: Mapping[str, Any]) -> str:
    return json.dumps(context, ensure_ascii=False, indent=2) + "\n"


@cache
def shipped_context() -> dict[str, Any]:
    """The packaged ``ontology/context.jsonld``."""
    return json.loads(resources.context_file().read_text(encoding="utf-8"))


def prefixes() -> dict[str, str]:
    """The prefixes of the shipped context: ``{"pkg": "https://w3id.org/policykg/def#", ...}``."""
    return {name: iri for name, iri in shipped_context()["@context"].items()
            if isinstance(iri, str) and iri.endswith(("/", "#"))}


class Compactor:
    """Turns rdflib terms into compacted JSON-LD with one context."""

    def __init__(self, context: Mapping[str, Any]):
        body = context["@context"]
        self.prefixes = sorted(((iri, name) for name, iri in body.items() if isinstance(iri, str)
                                and iri.endswith(("/", "#"))), key=lambda p: -len(p[0]))
        self.terms: dict[str, tuple[str, str | None]] = {}  # IRI -> (term, coercion)
        for name, definition in body.items():
            if name.startswith("@") or name == TYPE_KEY or name in {n for _, n in self.prefixes}:
                continue
            iri, coercion = (definition, None) if isinstance(definition, str) else (definition[ID],
                                                                                     definition.get("@type"))
            self.terms[self.expand(iri)] = (name, None if coercion is None else
                                            coercion if coercion == ID else self.expand(coercion))

    def expand(self, value: str) -> str:
        prefix, _, rest = value.partition(":")
        return next((iri + rest for iri, name in self.prefixes if name == prefix), value)

    def compact_iri(self, iri: str) -> str:
        """``oep:kst-30950-295`` for the IRI, by the longest prefix; the IRI itself
        where no prefix fits (or the rest would read as an IRI of its own)."""
        for namespace, name in self.prefixes:
            rest = iri[len(namespace):]
            if iri.startswith(namespace) and not rest.startswith("//"):
                return f"{name}:{rest}"
        return iri

    def node_id(self, node: Node) -> str:
        return f"_:{node}" if isinstance(node, BNode) else self.compact_iri(str(node))

    def type_name(self, cls: Node) -> str:
        term = self.terms.get(str(cls))
        return term[0] if term and isinstance(cls, URIRef) else self.node_id(cls)

    def entry(self, predicate: URIRef, obj: Node) -> tuple[str, Any]:
        """The key and the JSON value of one ``predicate obj`` of a node."""
        name, coercion = self.terms.get(str(predicate), (None, None))
        if name is not None and coercion == ID and not isinstance(obj, Literal):
            return name, self.node_id(obj)
        if name is not None and coercion not in (None, ID) and isinstance(obj, Literal) \
                and obj.datatype is not None and str(obj.datatype) == coercion:
            return name, str(obj)
        if name is not None and coercion is None:
            return name, self.value(obj)
        return self.compact_iri(str(predicate)), self.value(obj)

    def value(self, obj: Node) -> Any:
        if not isinstance(obj, Literal):
            return {ID: self.node_id(obj)}
        text = str(obj)
        if obj.language:
            return {"@value": text, "@language": obj.language}
        if obj.datatype is None or obj.datatype == XSD.string:
            return text
        native = _NATIVE.get(URIRef(obj.datatype))
        if native is not None:
            try:
                value = native(text)
            except (ValueError, KeyError):
                value = None
            if value is not None and json.dumps(value) == text:
                return value
        return {"@value": text, "@type": self.type_name(URIRef(obj.datatype))}

    def node(self, graph: Graph, subject: Node) -> dict[str, Any]:
        """One subject of ``graph`` as a node object: ``@id``, ``type``, then its keys sorted."""
        types: list[str] = []
        keyed: dict[str, list[Any]] = {}
        for predicate, obj in graph.predicate_objects(subject):
            if predicate == RDF.type and not isinstance(obj, Literal):
                types.append(self.type_name(obj))
                continue
            key, value = self.entry(URIRef(str(predicate)), obj)
            keyed.setdefault(key, []).append(value)
        node: dict[str, Any] = {ID: self.node_id(subject)}
        if types:
            node[TYPE_KEY] = _one_or_list(sorted(types))
        for key in sorted(keyed):
            node[key] = _one_or_list(sorted(keyed[key], key=_sort_key))
        return node

    def graph(self, graph: Graph) -> list[dict[str, Any]]:
        return [self.node(graph, s) for s in sorted(set(graph.subjects()), key=self.node_id)]


def _one_or_list(values: list) -> Any:
    return values[0] if len(values) == 1 else values


def _sort_key(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def compacted_chunks(dataset: Dataset, context: Mapping[str, Any]) -> Iterator[str]:
    """The text of ``dataset`` as compacted JSON-LD, in pieces (one per named graph):
    ``{"@context": ..., "@graph": [{"@id": graph, "@graph": [nodes]}, ...]}``."""
    compactor = Compactor(context)
    yield '{\n  "@context": ' + _indented(context["@context"], 2) + ',\n  "@graph": ['
    graphs = sorted((g for g in dataset.graphs() if len(g)), key=lambda g: compactor.node_id(g.identifier))
    entries = (_line(node) for node in compactor.graph(dataset.default_graph)) if len(
        dataset.default_graph) else iter(())
    named = (_named_graph(compactor.node_id(g.identifier), compactor.graph(g))
             for g in graphs if g.identifier != DATASET_DEFAULT_GRAPH_ID)
    for index, entry in enumerate(chain(entries, named)):
        yield ("," if index else "") + "\n    " + entry
    yield "\n  ]\n}\n"


def _line(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _named_graph(name: str, nodes: list[dict[str, Any]]) -> str:
    """A named graph with one node a line."""
    body = ",\n      ".join(_line(node) for node in nodes)
    return f'{{"@id": {_line(name)}, "@graph": [\n      {body}\n    ]}}'


def _indented(value: Any, level: int) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + " " * level)


def write_compacted(dataset: Dataset, output: Path | BinaryIO, context: Mapping[str, Any] | None = None) -> None:
    """``dataset`` as compacted JSON-LD (``compacted_chunks``) to a path or binary file."""
    chunks = compacted_chunks(dataset, context or shipped_context())
    if isinstance(output, Path):
        with output.open("wb") as out:
            _write_all(chunks, out)
    else:
        _write_all(chunks, output)


def _write_all(chunks: Iterable[str], out: BinaryIO) -> None:
    for chunk in chunks:
        out.write(chunk.encode("utf-8"))


def main(argv: list[str]) -> int:
    """Write the context generated from the ontology to ``argv[0]`` (default:
    ``ontology/context.jsonld`` beside this package's ontology)."""
    target = Path(argv[0]) if argv else Path(__file__).resolve().parents[1] / "ontology" / "context.jsonld"
    target.write_text(context_text(generated_context()), encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
