"""Measures and relations the corpus letters state, each with its sentence."""

import pytest

from policykg.loaders.document import extract_file, extract_text

from .conftest import CORPUS
from .corpus_expected import KST, MONITOR, RACISME, VN

ORG = "https://w3id.org/policykg/id/org/"


@pytest.fixture(scope="module")
def extractions():
    return {name: extract_file(CORPUS / name) for name in (VN, KST, RACISME, MONITOR)}


@pytest.mark.parametrize("name,label,rule,period,actors", [
    (KST, "workshops per organisatie", "measure-planned", "komend najaar", {"crm", "movisie"}),
    (RACISME, "Rijksbrede klachtenregeling ongewenste omgangsvormen", "measure-intention", None, {"bzk"}),
    (RACISME, "nieuw PER onderzoek met een speciale focus op discriminatie en racisme op de werkvloer",
     "measure-intention", "dit jaar", {"bzk"}),
    (RACISME, "extra module over ongewenste omgangsvormen door derden", "measure-wish", "voorjaar 2023", {"bzk"}),
    (VN, "versterking van de gezamenlijke aanpak van racisme en discriminatie", "measure-following-motions",
     None, {"bzk"}),
])
def test_announced_measures(extractions, name, label, rule, period, actors):
    ex = extractions[name]
    found = [m for m in ex.measures if m.label == label]
    assert found, [m.label for m in ex.measures]
    measure = found[0]
    assert (measure.rule, measure.period) == (rule, period)
    assert {a.removeprefix(ORG) for a in measure.responsible} == actors
    assert ex.content[measure.start:measure.end] == measure.quote


def test_relative_period_counts_from_the_document_date(extractions):
    per = next(m for m in extractions[RACISME].measures if m.label.startswith("nieuw PER"))
    assert per.date == "2023"  # "dit jaar" in a letter of 25 January 2023


def test_measure_following_motions_of_a_debate(extractions):
    study = next(m for m in extractions[VN].measures if m.rule == "measure-following-motions")
    assert study.led_from == ("debate:2020-07-01:debat",)


@pytest.mark.parametrize("name,relation,target,rule", [
    (RACISME, "respondsTo", "debate:2022-12-13:ordedebat", "responds-to-request"),
    (MONITOR, "respondsTo", "debate:2023-12-22:procedurevergadering", "responds-to-request"),
    (KST, "establishedBy", "stcrt-2022-11349", "body-established"),
    (KST, "startDate", "2022-05", "body-started"),
    (RACISME, "startDate", "2021", "body-started"),
])
def test_relations(extractions, name, relation, target, rule):
    links = [(l.relation, l.target, l.rule) for l in extractions[name].links]
    assert (relation, target, rule) in links, links


def test_in_execution_of_a_motion():
    text = ("Ter uitvoering van de motie van het lid Simons (Kamerstuk 30 950, nr. 349) wordt in 2024 "
            "een meldpunt voor discriminatie bij de overheid ingericht.")
    measure = extract_text(text, "x.txt").measures[0]
    assert measure.rule == "measure-in-execution" and measure.led_from == ("kst-30950-349",)
    assert "meldpunt voor discriminatie" in measure.label and measure.date == "2024"


def test_reflexive_commitment_is_not_a_measure():
    text = "Ik wil me onverminderd blijven inzetten voor gelijke kansen."
    assert extract_text(text, "x.txt").measures == ()


def test_cabinet_response_answers_each_recommendation(extractions):
    links = [l for l in extractions[VN].links if l.rule == "recommendation-heading"]
    assert [l.target.split(":")[1] for l in links] == ["96", "97-a", "97-d", "97-e", "98-a", "98-b", "98-e"]
    assert all(l.source == "self" and l.relation == "respondsTo" for l in links)
    led = {(l.source.split(":")[1], l.target.split(":", 1)[1]) for l in extractions[VN].links
           if l.rule == "measure-in-response"}
    assert ("96", "versterking van de gezamenlijke aanpak van racisme en discriminatie") in led
    assert any(number == "98-a" and "MEOS" in label for number, label in led)


@pytest.mark.parametrize("motion,asked", [
    ("kst-30950-237", "overheidsinstanties etniciteit niet te laten gebruiken om fraude te bestrijden"),
    ("kst-30950-296", "een expliciet verbod op het gebruik van etniciteit en/of nationaliteit "
                      "(zonder gerichte aanleiding) in risicoprofielen te onderzoeken"),
    ("kst-30950-293", "te verkennen of het mogelijk is dat onderscheid op grond van ras of nationaliteit in "
                      "risicoprofielen alleen toegepast mag worden ter bescherming dan wel ter ondersteuning van mensen"),
])
def test_what_each_motion_asks(extractions, motion, asked):
    asks = {l.source: l for l in extractions[KST].links if l.relation == "requestText"}
    assert asks[motion].target == asked
    assert extractions[KST].content[asks[motion].start:asks[motion].end] == asks[motion].quote


def test_a_noun_onderzoeken_is_not_a_study():
    text = "De diverse onderzoeken daarover zijn net klaar of binnenkort klaar."
    assert extract_text(text, "x.txt").measures == ()
