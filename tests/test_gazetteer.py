"""The gazetteer is compiled from the SKOS vocabularies: data, not code."""

from rdflib import Graph

from policykg.loaders.document import extract_file
from policykg.loaders.gazetteer import compile_gazetteer, default_gazetteer
from policykg.reference import concepts_of

from .conftest import CORPUS
from .corpus_expected import KST, RACISME, VN

NCDR = "https://w3id.org/policykg/id/org/ncdr"


def _concepts(name):
    return {m.concept for m in extract_file(CORPUS / name).mentions}


def test_ncdr_under_all_its_names():
    texts = [m.text for m in extract_file(CORPUS / RACISME).mentions if m.concept == NCDR]
    assert "Nationaal Coördinator tegen Discriminatie en Racisme" in texts
    assert "Nationaal Coördinator \nRacisme en Discriminatie" in texts  # variant name across a line break
    assert "NCDR" in texts
    assert NCDR in _concepts(VN)  # "nationaal coördinator", studied in 2020


def test_commission_institute_and_instrument_in_the_kamerstuk():
    kinds = {m.kind for m in extract_file(CORPUS / KST).mentions}
    assert {"Commission", "HumanRightsInstitute", "Coordinator", "Instrument", "NGO"} <= kinds


def test_adding_a_concept_to_turtle_makes_it_found():
    ttl = """
    @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
    @prefix pkg: <https://w3id.org/policykg/def#> .
    <https://example.org/movisie-test> a skos:Concept, pkg:NGO ;
        skos:prefLabel "Kenniscentrum Test Voor Gelijkwaardigheid"@nl ; skos:altLabel "KTG" .
    """
    gazetteer = compile_gazetteer(concepts_of(Graph().parse(data=ttl, format="turtle")))
    text = "Het kenniscentrum test voor\ngelijkwaardigheid (KTG) en ktg."
    found = [(m.text, m.kind) for m in gazetteer.find(text)]
    # three words or more: case-insensitive across a line break; short labels: exact case
    assert found == [("kenniscentrum test voor\ngelijkwaardigheid", "NGO"), ("KTG", "NGO")]


def test_longest_label_wins():
    mentions = default_gazetteer().find("de Staatscommissie tegen Discriminatie en Racisme")
    assert [m.text for m in mentions] == ["Staatscommissie tegen Discriminatie en Racisme"]
