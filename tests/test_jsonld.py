"""JSON-LD export compacted with the context generated from the ontology: the
shipped context is up to date, the corpus reads compactly and parses back to the
same dataset, the same graph gives the same bytes."""

from __future__ import annotations

import io
import json
import typing
from pathlib import Path

from click.testing import CliRunner
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import to_isomorphic
from rdflib.namespace import XSD

from policykg import resources
from policykg.cli import main
from policykg.graph.export import export_to
from policykg.graph.jsonld import Compactor, build_context, generated_context, shipped_context, write_compacted
from policykg.namespaces import OEP, PKG, PKGG, PKGID

KST_295 = "oep:kst-30950-295"


def _graphs(dataset: Dataset) -> dict:
    return {g.identifier: to_isomorphic(g) for g in dataset.graphs() if len(g)}


def _compacted(dataset: Dataset) -> bytes:
    out = io.BytesIO()
    write_compacted(dataset, out)
    return out.getvalue()


def _nodes(document: dict) -> dict[str, dict]:
    """Every node object of a compacted document, by @id (named graphs flattened)."""
    found = {}
    for entry in document["@graph"]:
        for node in entry.get("@graph", [entry]):
            found[node["@id"]] = node
    return found


def test_the_shipped_context_is_the_one_the_ontology_gives():
    assert shipped_context() == generated_context(), \
        "ontology/context.jsonld is out of date: run `python -m policykg.graph.jsonld`"
    assert resources.context_file().read_text(encoding="utf-8").endswith("}\n")


def test_every_class_and_property_of_the_ontology_is_a_term():
    context = shipped_context()["@context"]
    names = {n for n in typing.get_type_hints(PKG) if not n.startswith("_")}  # the ontology's terms
    assert len(names) > 80 and names <= set(context)
    assert context["Motion"] == "pkg:Motion" and context["type"] == "@type"
    assert context["submittedBy"] == {"@id": "pkg:submittedBy", "@type": "@id"}
    assert context["date"] == {"@id": "pkg:date", "@type": "xsd:date"}
    assert context["quote"] == "pkg:quote"  # a plain string needs no coercion
    assert {context[p] for p in ("oep", "pkgid", "pkgg", "pkg")} == {str(OEP), str(PKGID), str(PKGG), str(PKG._NS)}


def test_a_term_named_like_a_prefix_is_refused():
    ontology = Graph(bind_namespaces="none")
    ontology.bind("cites", "http://example.org/cites/")
    ontology.parse(data=resources.ontology_file().read_text(encoding="utf-8"), format="turtle")
    try:
        build_context(ontology)
    except ValueError as exc:
        assert "cites" in str(exc)
    else:
        raise AssertionError("a clash of a term and a prefix went unnoticed")


def test_the_corpus_export_is_compact_and_parses_back_to_the_same_dataset(corpus_store, tmp_path):
    target = tmp_path / "graph.jsonld"
    assert export_to(corpus_store, "jsonld", target) == [target]
    document = json.loads(target.read_text(encoding="utf-8"))
    assert document["@context"] == shipped_context()["@context"]
    motion = _nodes(document)[KST_295]
    assert list(motion)[:2] == ["@id", "type"] and "Motion" in motion["type"]
    assert motion["submittedBy"] == "pkgid:person/westerveld"
    assert motion["identifier"] == "kst-30950-295"
    graphs = [entry["@id"] for entry in document["@graph"]]
    assert graphs == sorted(graphs) and all(g.startswith("pkgg:") for g in graphs)
    assert _graphs(Dataset().parse(target, format="json-ld")) == _graphs(corpus_store.dataset())
    nquads = tmp_path / "graph.nq"
    export_to(corpus_store, "nquads", nquads)
    assert target.stat().st_size < nquads.stat().st_size


def test_the_same_graph_gives_the_same_bytes(corpus_store):
    first = _compacted(corpus_store.dataset())
    assert first == _compacted(corpus_store.dataset())
    shuffled = Dataset()
    for quad in sorted(corpus_store.dataset().quads(), key=str, reverse=True):
        shuffled.add(quad)
    assert _compacted(shuffled) == first


def test_values_the_context_cannot_coerce_keep_their_type():
    ds = Dataset()
    node, other = URIRef(f"{OEP}kst-1-2"), URIRef("http://example.org/elsewhere")
    g = ds.graph(URIRef(f"{PKGG}doc/x"))
    values = [(PKG.date, Literal("2022-05", datatype=XSD.gYearMonth)),
              (PKG.date, Literal("2022-05-01", datatype=XSD.date)),
              (PKG.cites, Literal("not an IRI")), (PKG.quote, other), (PKG.period, Literal("in 2024", lang="nl")),
              (PKG.seats, Literal("8", datatype=XSD.integer)),
              (PKG.mistake, Literal(True)), (PKG.confidence, Literal("0.50", datatype=XSD.decimal)),
              (PKG.text, Literal("1.5E0", datatype=XSD.double)), (URIRef("http://example.org/p"), BNode("b1"))]
    for p, o in values:
        g.add((node, p, o))
    g.add((BNode("b1"), PKG.note, Literal("a blank node")))
    ds.default_graph.add((other, PKG.identifier, Literal("in the default graph")))
    text = _compacted(ds)
    nodes = _nodes(json.loads(text))
    written = nodes["oep:kst-1-2"]
    assert written["pkg:date"] == {"@value": "2022-05", "@type": "xsd:gYearMonth"} and written["date"] == "2022-05-01"
    assert written["seats"] == 8 and written["text"]["@type"] == "xsd:double"
    assert written["mistake"] is True and written["pkg:cites"] == "not an IRI"
    assert nodes["http://example.org/elsewhere"]["identifier"] == "in the default graph"
    assert _graphs(Dataset().parse(data=text, format="json-ld")) == _graphs(ds)


def test_a_compact_iri_is_never_read_as_an_iri_of_its_own():
    compactor = Compactor(shipped_context())
    assert compactor.compact_iri(f"{PKGID}doc/a") == "pkgid:doc/a"  # the longest prefix, not pkg's
    assert compactor.compact_iri(f"{OEP}//x") == f"{OEP}//x"  # oep://x would be an IRI


def test_a_number_is_native_only_in_its_canonical_form():
    compactor = Compactor(shipped_context())
    assert compactor.value(Literal("42", datatype=XSD.integer)) == 42
    assert compactor.value(Literal("007", datatype=XSD.integer, normalize=False)) == {
        "@value": "007", "@type": "xsd:integer"}  # 7 would be another literal
    assert compactor.value(Literal("x", datatype=XSD.boolean, normalize=False)) == {
        "@value": "x", "@type": "xsd:boolean"}


def test_the_command_line_writes_compacted_json_ld(tmp_path):
    store = tmp_path / "store"
    corpus = Path(__file__).resolve().parent.parent / "examples" / "corpus"
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", "--quiet", "--store", str(store), str(corpus)]).exit_code == 0
    result = runner.invoke(main, ["export", "--format", "jsonld", "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert _nodes(json.loads(result.stdout_bytes))[KST_295]["submittedBy"] == "pkgid:person/westerveld"
