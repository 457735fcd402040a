"""One resolver from a name to a node: what it accepts, when it refuses (with the
candidates), and that trace and curate read every name the same way."""

import csv

import pytest
from click.testing import CliRunner
from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef

from policykg import resources
from policykg.cli import main
from policykg.errors import AmbiguousName, LookupFailure, NameNotFound
from policykg.graph.curation import CurationError, read_curation
from policykg.graph.lookup import SHOWN, find_node
from policykg.graph.queries import NamedQuery, named_queries
from policykg.graph.store import Store
from policykg.graph.trace import trace
from policykg.namespaces import OEP, PKG, PKGG, PKGID

ORG = "https://w3id.org/policykg/id/org/"
LAW = "https://w3id.org/policykg/id/law/"

CORPUS_NAMES = [
    ("kst-30950-295", str(OEP["kst-30950-295"])),  # official identifier
    ("stcrt-2022-11349", str(OEP["stcrt-2022-11349"])),
    ("bzk-2023-0000048297", str(PKGID["doc/bzk-2023-0000048297"])),  # document key
    ("report-xenofobe-machines", str(PKGID["doc/report-xenofobe-machines"])),
    ("30950", str(OEP["dossier/30950"])),
    (str(OEP["kst-30950-293"]), str(OEP["kst-30950-293"])),  # IRI
    ("https://example.org/not-in-the-store", "https://example.org/not-in-the-store"),  # IRIs as written
    ("oep:kst-30950-295", str(OEP["kst-30950-295"])),  # prefixed
    ("oep:dossier/30950", str(OEP["dossier/30950"])),
    ("pkgid:person/belhaj", str(PKGID["person/belhaj"])),
    ("pkg:Motion", str(PKG.Motion)),
    ("debat 2020-07-01", str(PKGID["debate/2020-07-01-debat"])),  # a debate's label
    ("Staatscommissie tegen Discriminatie en Racisme", ORG + "staatscommissie-discriminatie-racisme"),  # nl
    ("State Commission against Discrimination and Racism", ORG + "staatscommissie-discriminatie-racisme"),  # en
    ("NCDR", ORG + "ncdr"),  # altLabel
    ("Grondwet", LAW + "grondwet"),
    ("Belhaj", str(PKGID["person/belhaj"])),  # a person's name
    ("gebruik van nationaliteit en etniciteit in risicoprofielen meegenomen",  # a measure
     str(PKGID["measure/kst-30950-319/gebruik-van-nationaliteit-en-etniciteit-in-risicoprofielen-meegenomen"])),
]

CORPUS_FAILURES = [
    ("kst-0-0", NameNotFound, []),
    ("no such thing", NameNotFound, []),
    ('x" } ; DROP ALL ; #', NameNotFound, []),  # bound as a literal, never pasted
    ("https://a b", NameNotFound, []),  # not a valid IRI
    ("fractie", AmbiguousName, [str(PKG.Party), str(PKG.party)]),  # two ontology terms
    ("BWBR0001840", AmbiguousName, [LAW + "grondwet", "https://wetten.overheid.nl/BWBR0001840"]),  # two identifiers
]


@pytest.mark.parametrize("text,iri", CORPUS_NAMES)
def test_a_name_finds_its_node_in_the_corpus(corpus_store, text, iri):
    assert find_node(corpus_store, text) == URIRef(iri)


@pytest.mark.parametrize("text,error,candidates", CORPUS_FAILURES)
def test_a_name_that_fails_says_why_with_the_candidates(corpus_store, text, error, candidates):
    with pytest.raises(error) as info:
        find_node(corpus_store, text)
    assert [c.iri for c in info.value.candidates] == candidates
    assert info.value.text == text and repr(text) in str(info.value)
    for candidate in info.value.candidates:
        assert candidate.iri in str(info.value) and candidate.type and candidate.label


def test_ambiguity_lists_iri_type_and_label(corpus_store):
    with pytest.raises(AmbiguousName) as info:
        find_node(corpus_store, "BWBR0001840")
    assert str(info.value) == ("'BWBR0001840' names 2 nodes; give one by its IRI:\n"
                               f"  {LAW}grondwet [Legislation] «Grondwet»\n"
                               "  https://wetten.overheid.nl/BWBR0001840 [Legislation] «BWBR0001840»")


def _small_graph() -> Graph:
    g, ex = Graph(), "https://example.org/"
    g.add((URIRef(ex + "a-labelled"), RDFS.label, Literal("X-1")))  # sorts before the one with the id
    g.add((URIRef(ex + "b-identified"), PKG.identifier, Literal("X-1")))
    g.add((URIRef(ex + "b-identified"), RDF.type, PKG.Motion))
    g.add((OEP["h-tk-20192020-85-7"], PKG.identifier, Literal("h-tk-20192020-85-7")))
    g.add((URIRef(ex + "en-only"), SKOS.prefLabel, Literal("English only", lang="en")))
    for i in (2, 1):
        g.add((URIRef(f"{ex}twin-{i}"), SKOS.prefLabel, Literal("twin", lang="nl")))
        g.add((URIRef(f"{ex}twin-{i}"), RDF.type, PKG.Measure))
    for i in range(SHOWN + 2):
        g.add((URIRef(f"{ex}many-{i}"), RDFS.label, Literal("many")))
    return g


@pytest.fixture
def small_store(tmp_path):
    store = Store(tmp_path / "small")
    store.replace_graph(PKGG["test"], _small_graph())
    store.flush()
    yield store
    store.close()


@pytest.mark.parametrize("text,iri", [
    ("X-1", "https://example.org/b-identified"),  # an identifier beats a label
    ("h-tk-20192020-85-7", str(OEP["h-tk-20192020-85-7"])),
    ("English only", "https://example.org/en-only"),
])
def test_a_name_finds_its_node_in_a_small_store(small_store, text, iri):
    assert find_node(small_store, text) == URIRef(iri)


def test_candidates_are_sorted_and_capped_with_a_count(small_store):
    with pytest.raises(AmbiguousName) as info:
        find_node(small_store, "twin")
    assert str(info.value).splitlines()[1:] == ["  https://example.org/twin-1 [Measure] «twin»",
                                                 "  https://example.org/twin-2 [Measure] «twin»"]
    with pytest.raises(AmbiguousName) as info:
        find_node(small_store, "many")
    iris = [f"https://example.org/many-{i}" for i in range(SHOWN + 2)]
    assert [c.iri for c in info.value.candidates] == sorted(iris)
    lines = str(info.value).splitlines()
    assert len(lines) == 1 + SHOWN + 1 and lines[-1] == "  … and 2 more"


# Trace and curate must read every name the same way.
AGREEMENT = [text for text, _ in CORPUS_NAMES] + [text for text, _, _ in CORPUS_FAILURES]


def _curated_subject(store: Store, text: str, folder) -> URIRef:
    path = folder / "one.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["action", "subject", "relation", "object", "curator", "note"],
                                      ["assert", text, "ledTo", "kst-30950-295", "A. Researcher", "test"]])
    return read_curation(store, path)[0].subject


@pytest.mark.parametrize("text", AGREEMENT)
def test_trace_and_curate_resolve_a_name_alike(corpus_store, tmp_path, text):
    try:
        traced = URIRef(trace(corpus_store, text, depth=1).iri)
    except LookupFailure as exc:
        with pytest.raises(CurationError) as info:
            _curated_subject(corpus_store, text, tmp_path)
        assert str(info.value) == f"{tmp_path / 'one.csv'}:2: {exc}"  # the same failure, candidates and all
    else:
        assert _curated_subject(corpus_store, text, tmp_path) == traced


def test_cli_trace_and_curate_report_an_ambiguous_name(small_store, tmp_path):
    small_store.close()
    store = str(tmp_path / "small")
    traced = CliRunner().invoke(main, ["trace", "twin", "--store", store])
    assert traced.exit_code == 1 and "'twin' names 2 nodes" in traced.output
    assert "https://example.org/twin-1 [Measure] «twin»" in traced.output
    path = tmp_path / "twin.csv"
    path.write_text("action,subject,relation,object,curator,note\nassert,twin,ledTo,X-1,A. Researcher,why\n",
                    encoding="utf-8")
    curated = CliRunner().invoke(main, ["curate", str(path), "--store", store])
    assert curated.exit_code == 1 and f"{path}:2: 'twin' names 2 nodes" in curated.output
    assert "https://example.org/twin-2 [Measure] «twin»" in curated.output


def test_the_lookup_query_has_a_header_and_is_not_listed():
    query = NamedQuery.parse("find-node", resources.lookup_query("find-node"))
    assert query.name == "find-node" and query.purpose and query.returns and set(query.params) == {"name"}
    assert "find-node" not in named_queries()
