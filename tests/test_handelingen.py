"""Handelingen: motions moved, listed and voted, outcomes, party votes and appraisals,
on the real items in ../shared/, and the motion as one node with Open Data and letters."""

import copy
import json
import re
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from policykg.graph.ingest import ingest
from policykg.loaders import patterns as p
from policykg.loaders.document import extract_file, extract_text

from .growth import assert_linear, assert_linear_in_count
from .tk_server import FIXTURES

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
DEBATE_XML = SHARED / "samples" / "2018_h-tk-20172018-61-10_vao-ondernemen-bedrijfsfinanciering-moties.xml"
STEMMINGEN = SHARED / "real" / "2006-2007_h-tk-20062007-2622-2622-1_stemmingen-moties-debat-discriminatie.txt"
KUZU = SHARED / "real" / "2018-2019_h-tk-20182019-55-25_stemming-motie-kuzu-politieke-participatie.txt"
OZUTOK = SHARED / "real" / "2018-2019_h-tk-20182019-62-6_vao-discriminatie-moties-ozutok.txt"
HELD = SHARED / "real" / "2016-2017_h-tk-20162017-97-26_stemming-aangehouden-motie-discriminatie-grondwet.txt"
PKG = "https://w3id.org/policykg/def#"


def real(path: Path):
    if not path.exists():
        pytest.skip(f"../shared/{path.parent.name}/{path.name} not present (CI has it beside the clone)")
    return extract_file(path)


def motions(ex) -> list[tuple[str, tuple[str, ...], str]]:
    return [(r.id, r.submitters, r.rule) for r in ex.references if r.type == "motion"]


def events(ex, motion: str, kind: str) -> list:
    return [e for e in ex.motion_events if e.motion == motion and e.kind == kind]


def test_every_motion_moved_in_a_debate_with_all_submitters_and_its_number():
    ex = real(DEBATE_XML)
    assert ex.key == "h-tk-20172018-61-10" and ex.metadata.kind == "Proceedings"
    assert [m for m in motions(ex) if m[2] == "motion-moved"] == [
        ("kst-31311-199", ("Wörsdörfer", "Bruins", "Amhaouch"), "motion-moved"),
        ("kst-31311-200", ("Paternotte", "Wörsdörfer", "Van der Lee"), "motion-moved"),
        ("kst-31311-201", ("Van der Lee", "Paternotte", "Moorlag", "Wörsdörfer", "Amhaouch"), "motion-moved"),
        ("kst-31311-202", ("Graus",), "motion-moved"),
        ("kst-31311-203", ("Graus",), "motion-moved"),
        ("kst-31311-204", ("Graus", "Paternotte"), "motion-moved"),
    ]
    first = next(r for r in ex.references if r.type == "motion")
    assert first.text.startswith("Deze motie is voorgesteld door de leden Wörsdörfer")
    assert first.text.endswith("Zij krijgt nr. 199 (31311)")
    numbered = [r for r in ex.references if r.type == "kamerstuk" and r.text == "nr. 199 (31311)"]
    assert len(numbered) == 1 and numbered[0].id == "kst-31311-199"


def test_the_motion_read_out_is_the_evidence_of_its_request():
    ex = real(DEBATE_XML)
    requests = {e.motion: e for e in ex.motion_events if e.kind == "request"}
    assert sorted(requests) == [f"kst-31311-{n}" for n in range(199, 205)]
    first = requests["kst-31311-199"]
    assert first.value.startswith("in het voor de zomer beloofde mkb-actieplan")
    assert first.quote.startswith("De Kamer,") and first.quote.endswith("en gaat over tot de orde van de dag.")
    assert "overwegende dat het krijgen van financiering" in first.quote
    assert "verzoekt de regering voorts" in requests["kst-31311-200"].value  # both requests of nr. 200


def test_motions_named_again_by_number_take_the_moved_motions_dossier():
    ex = real(DEBATE_XML)
    again = [(r.id, r.submitters, r.text) for r in ex.references if r.rule == "motion-on-paper"]
    assert again == [
        ("kst-31311-199", ("Wörsdöfer", "Bruins", "Amhaouch"),  # the source's typo, as written
         "de motie op stuk nr. 199 van de leden Wörsdöfer, Bruins en Amhaouch"),
        ("kst-31311-200", ("Paternotte", "Wörsdörfer", "Van der Lee"),
         "de motie op stuk nr. 200 van de leden Paternotte, Wörsdörfer en Van der Lee"),
        ("kst-31311-201", ("Van der Lee",), "de motie-Van der Lee c.s. op stuk nr. 201"),
        ("kst-31311-202", ("Graus",), "motie op stuk nr. 202 van de heer Graus"),
        ("kst-31311-203", ("Graus",), "de motie van de heer Graus op stuk nr. 203"),
        ("kst-31311-204", ("Graus",), "de motie van de heer Graus op stuk nr. 204"),
        ("kst-31311-204", ("Graus",), "de motie op stuk nr. 204 van mij"),  # said by Graus
        ("kst-31311-204", (), "de motie op stuk nr. 204"),
    ]


def test_the_ministers_appraisal_is_tied_to_the_motion_it_is_about():
    ex = real(DEBATE_XML)
    got = {e.motion: e.value for e in ex.motion_events if e.kind == "appraisal"}
    assert got == {"kst-31311-199": "Oordeel Kamer", "kst-31311-200": "Ontraden",
                   "kst-31311-201": "Oordeel Kamer", "kst-31311-202": "Ontraden",
                   "kst-31311-203": "Oordeel Kamer", "kst-31311-204": "Oordeel Kamer"}
    for e in ex.motion_events:
        assert ex.content[e.start:e.end] == e.quote
        assert (e.rule == "motion-appraisal") == (e.kind == "appraisal")
    # the member who thanks for the "oordeel Kamer" is not the cabinet
    assert all("Dank voor" not in e.quote for e in ex.motion_events if e.kind == "appraisal")


def test_a_stemmingen_list_names_every_motion_with_its_submitters():
    ex = real(STEMMINGEN)
    listed = [(i, s) for i, s, rule in motions(ex) if rule == "motion-vote-list"]
    assert listed[:5] == [("kst-30950-3", ("Teeven",)), ("kst-30950-4", ("Jasper van Dijk",)),
                          ("kst-30950-5", ("Jasper van Dijk",)), ("kst-30950-6", ("Fritsma", "Teeven")),
                          ("kst-30950-7", ("Dibi",))]
    first = next(r for r in ex.references if r.type == "motion")
    assert first.text.startswith("de motie-Teeven over één aangewezen") and first.text.endswith("(30950, nr. 3")
    # every citation once: the list form does not add a second kamerstuk row for the same text
    spans = [(r.id, r.start, r.end) for r in ex.references if r.type == "kamerstuk"]
    assert len(spans) == len(set(spans)) == 7


def test_the_vote_gives_outcome_and_parties_with_evidence():
    ex = real(STEMMINGEN)
    assert [e.value for e in events(ex, "kst-30950-3", "outcome")] == ["verworpen"]
    voted_for = {e.value for e in events(ex, "kst-30950-3", "vote") if e.choice == "Voor"}
    assert voted_for == {"SP", "GroenLinks", "D66", "PvdD", "VVD", "SGP"}
    assert [e.value for e in events(ex, "kst-30950-3", "others")] == ["Tegen"]
    quote = events(ex, "kst-30950-3", "outcome")[0].quote
    assert quote.startswith("Ik constateer dat de aanwezige leden") and quote.endswith("zodat zij is verworpen")
    assert not events(ex, "kst-30950-4", "outcome")  # the retrieved text stops in that finding


def test_a_single_vote_and_a_motion_named_after_it_that_is_not_voted():
    ex = real(KUZU)
    assert [(e.kind, e.value, e.choice) for e in ex.motion_events if e.kind != "vote"] == [
        ("others", "Tegen", None), ("outcome", "verworpen", None)]
    assert {e.value for e in events(ex, "kst-29614-109", "vote")} == {"PvdA", "GroenLinks", "PvdD", "DENK"}
    assert not [e for e in ex.motion_events if e.motion == "kst-27923-355"]
    # "een zojuist aangenomen motie van mij", said by Bruins, then named by its number
    assert ("kst-27923-355", ("Bruins",), "motion-on-paper") in motions(ex)
    assert not ex.key.startswith("h-tk-")  # the page names no vergaderjaar: no own id


def test_own_id_and_motion_moved_by_one_member():
    held, ozutok = real(HELD), real(OZUTOK)
    assert held.key == "h-tk-20162017-97-26" and ozutok.key == "h-tk-20182019-62-6"
    senate = real(SHARED / "real" / ("2021-02-23_ek-2020-2021-nr26_eerste-kamer-stemming-"
                                     "onderzoeksvoorstel-antidiscriminatiewetgeving.txt"))
    assert senate.key == "h-ek-20202021-26" and senate.metadata.kind == "Proceedings"
    assert not senate.motion_events  # a vote on a report, not on a motion
    assert motions(ozutok) == [("kst-30950-163", ("Özütok",), "motion-moved")]


FORMS = """Aan de orde zijn de stemmingen over moties, te weten:

- de gewijzigde motie-Asscher/Pieter Heerma over een Staatscommissie tegen discriminatie (30950, nr. 201, was nr. 188);

- de motie-Gijs van Dijk c.s. over meldpunten (30950, nr. 190).

In stemming komt de gewijzigde motie-Asscher/Pieter Heerma (30950, nr. 201, was nr. 188).

De voorzitter:

Ik constateer dat deze gewijzigde motie met algemene stemmen is aangenomen.

In stemming komt de motie-Gijs van Dijk c.s. (30950, nr. 190).

De voorzitter:

Ik constateer dat de leden van de fracties van de PVV en de SGP tegen deze motie hebben gestemd \
en die van de overige fracties ervoor, zodat zij is aangenomen.

Op verzoek van de heer Van der Staaij stel ik voor, zijn motie (30950, nr. 191) aan te houden.

In stemming komt de motie-Kuzu (30950, nr. 192).

De voorzitter:

Ik constateer dat deze motie is verworpen.

Aangezien de motie-Jasper van Dijk (30950, nr. 193) is ingetrokken, maakt zij geen onderwerp van beraadslaging meer uit.
"""


def test_forms_of_the_issue_gewijzigd_unanimous_against_and_held():
    ex = extract_text(FORMS, "forms.txt")
    assert ("kst-30950-201", ("Asscher", "Pieter Heerma"), "motion-vote-list") in motions(ex)
    assert ("kst-30950-190", ("Gijs van Dijk",), "motion-vote-list") in motions(ex)
    gewijzigd = next(r for r in ex.references if r.type == "motion")
    assert gewijzigd.text.endswith("(30950, nr. 201") and gewijzigd.note == "gewijzigde"
    assert {(r.id, r.text) for r in ex.references if r.id == "kst-30950-188"} == {("kst-30950-188", "nr. 188")}
    assert {e.value for e in events(ex, "kst-30950-201", "replaces")} == {"kst-30950-188"}
    assert [e.value for e in events(ex, "kst-30950-201", "outcome")] == ["aangenomen"]
    assert {(e.value, e.choice) for e in events(ex, "kst-30950-190", "vote")} == {("PVV", "Tegen"), ("SGP", "Tegen")}
    assert [e.value for e in events(ex, "kst-30950-190", "others")] == ["Voor"]
    assert [e.value for e in events(ex, "kst-30950-191", "outcome")] == ["aangehouden"]
    assert [(e.kind, e.value) for e in ex.motion_events if e.motion == "kst-30950-192"] == [("outcome", "verworpen")]
    assert [(e.value, e.rule) for e in events(ex, "kst-30950-193", "outcome")] == [("ingetrokken", "motion-withdrawn")]


# Held-out forms of the public record (officielebekendmakingen.nl items not in ../shared), kept
# to the form itself: (form, motion id, submitters, rule).
HELD_OUT_FORMS = [
    # h-tk-19961997-3369-3373 (stemmingen HSL-Zuid): initials, a prefix after the hyphen
    ("- de gewijzigde motie-M.B. Vos over X (22026, nr. 59);", "kst-22026-59", ("M.B. Vos",),
     "motion-vote-list"),
    ("- de motie-Aiking-van Wageningen over X (22026, nr. 45);", "kst-22026-45", ("Aiking-van Wageningen",),
     "motion-vote-list"),
    # Verslag EK 2021/2022 nr. 19 (stemmingen moties regeringsverklaring): a Senate paper on a bill
    (" • de motie-Faber-van de Klashorst c.s. over X (35788, letter D);", "kst-35788-D",
     ("Faber-van de Klashorst",), "motion-vote-list"),
    ("de motie-Rosenmöller c.s. over X (35 570 VII, G).", "kst-35570-VII-G", ("Rosenmöller",), "motion-vote-list"),
    # h-tk-20072008-7103-7103 (stemmingen biodiversiteit): changed, signed by more members
    ("De motie-Polderman/Jacobi (26407, nr. 32) is in die zin gewijzigd dat zij thans is ondertekend "
     "door de leden Polderman, Jacobi en Ouwehand.\n\nZij krijgt nr. 34 (26407).", "kst-26407-34",
     ("Polderman", "Jacobi", "Ouwehand"), "motion-changed"),
    # h-tk-20152016-11-8 (Regeling van werkzaamheden): changed text, same submitters
    ("De motie-Gesthuizen/Sjoerdsma (32317, nr. 347) is in die zin gewijzigd dat zij thans luidt:\n\n"
     "Motie\n\nDe Kamer, ...\n\nZij krijgt nr. 348, was nr. 347 (32317).", "kst-32317-348",
     ("Gesthuizen", "Sjoerdsma"), "motion-changed"),
]


@pytest.mark.parametrize("form,ident,submitters,rule", HELD_OUT_FORMS, ids=[f[1] for f in HELD_OUT_FORMS])
def test_held_out_motion_forms_give_the_motion_with_its_submitters(form, ident, submitters, rule):
    ex = extract_text(form, "form.txt")
    assert (ident, submitters, rule) in motions(ex)
    motion = next(r for r in ex.references if r.type == "motion" and r.id == ident and r.rule == rule)
    assert form[motion.start:motion.end] == motion.text


def test_one_motion_put_to_the_vote_without_in_stemming_komt():
    """h-tk-19981999-5629-5629-3: the item votes on one motion; the finding has "constateer, dat"."""
    text = ("Aan de orde is de stemming over een motie, ingediend tijdens het debat over X, te weten:\n\n"
            "- de motie-Witteveen-Hevinga c.s. over Y (26431, nr. 3).\n\nDe voorzitter:\n\n"
            "Ik constateer, dat de aanwezige leden van de fractie van de VVD tegen deze motie hebben gestemd "
            "en die van de overige fracties ervoor, zodat zij is aangenomen.")
    ex = extract_text(text, "vote.txt")
    assert [e.value for e in events(ex, "kst-26431-3", "outcome")] == ["aangenomen"]
    assert {(e.value, e.choice) for e in events(ex, "kst-26431-3", "vote")} == {("VVD", "Tegen")}
    two = text.replace("(26431, nr. 3).", "(26431, nr. 3);\n- de motie-Atsma over Z (26431, nr. 4).")
    assert not extract_text(two, "vote.txt").motion_events  # which of the two is not said


@pytest.mark.parametrize("pattern", [p.H_MOTION, p.H_MOVED, p.H_CHANGED, p.H_SINGLE_VOTE, p.H_VOTE_RESULT,
                                     p.H_VOTE_OTHERS, p.H_CHAIR_PROPOSAL, p.H_SPEAKER, p.H_APPRAISAL, p.H_ON_PAPER,
                                     p.H_PAPER_MOTION, p.H_OWN_MOTION, p.H_ITEM_ID, p.H_EK_SITTING,
                                     p.H_MOTION_OPEN, p.H_MOTION_CLOSE, p.H_MOTION_ASKS, p.H_WITHDRAWN])
@pytest.mark.parametrize("unit", ["de motie-Van Der ", "Deze motie is voorgesteld door de leden A, ",
                                  "Ik constateer dat de leden van de fracties van de SP, ", "het oordeel over ",
                                  "over a ", "stel ik voor, ", "De heer X ", "\n", "motie van de leden A, B ",
                                  "Tweede Kamer der Staten-Generaal 2019-2020 ", "(2020/2021 nr. 2",
                                  "de motie-A (x) is in die zin gewijzigd dat zij thans luidt ", "M.B. "])
def test_handelingen_patterns_stay_linear_on_hostile_text(pattern, unit):
    assert_linear(lambda text: list(pattern.finditer(text)), unit * (50_000 // len(unit)))


def test_replacement_evidence_is_the_text_at_its_span():
    text = ("In stemming komt de gewijzigde motie-Asscher/Pieter Heerma c.s. (30950, nr. 201, was nr. 188)."
            "\n\nIk constateer dat deze motie met algemene stemmen is aangenomen.\n")
    events = extract_text(text, "stemmingen.txt").motion_events
    replaced = [e for e in events if e.kind == "replaces"]
    assert [(e.motion, e.value) for e in replaced] == [("kst-30950-201", "kst-30950-188")]
    assert all(text[e.start:e.end] == e.quote for e in events)
    assert replaced[0].quote.endswith("was nr. 188")


# A list of members whose every word could be a first name or a prefix ("De Van De Vries"):
# read one way only, the work grows with the list, not with the ways to split it.
NAME_LISTS = [(p.H_MOVED, "Deze motie is voorgesteld door de leden ", " en "),
              (p.H_MOTION, "de motie van de leden ", " en "), (p.H_CHANGED, "De motie-", "/"),
              (p.H_PAPER_MOTION, "de motie op stuk nr. 1 van de leden ", ", ")]


@pytest.mark.parametrize("pattern,head,separator", NAME_LISTS, ids=[h for _, h, _ in NAME_LISTS])
@pytest.mark.parametrize("name", ["De Van De Vries", "Jan-De Vries", "M.B. Van De Ter"])
def test_member_lists_stay_linear_in_their_length(pattern, head, separator, name):
    def build(count):
        return head + separator.join([name] * count) + separator + "x\n"
    assert_linear_in_count(lambda text: list(pattern.finditer(text)), build)


LETTER = """Geachte voorzitter,

Met deze brief reageer ik op de motie van het lid Kuzu (Kamerstuk 29 614, nr. 109) over de
oorzaken van de weerstand tegen de politieke participatie van minderheden.
"""


def open_data_record() -> list[dict]:
    """A Zaak record in the shape of the fixture (tests/fixtures/tk), for the motion the
    Handelingen item votes on; submitter and the one vote as the real record states them."""
    zaak = copy.deepcopy(json.loads((FIXTURES / "zaken-30950.json").read_text(encoding="utf-8"))[0])
    zaak["Onderwerp"] = zaak["Document"][0]["Onderwerp"] = "Motie van het lid Kuzu"
    zaak["Document"][0]["Volgnummer"] = 109
    zaak["Document"][0]["Kamerstukdossier"][0]["Nummer"] = 29614
    zaak["ZaakActor"] = [dict(zaak["ZaakActor"][0], ActorNaam="Kuzu", ActorFractie="DENK")]
    besluit = dict(zaak["Besluit"][-1], BesluitSoort="Stemmen - verworpen", BesluitTekst="Verworpen.")
    besluit["Stemming"] = [dict(besluit["Stemming"][0], Soort="Voor", ActorNaam="DENK", ActorFractie="DENK",
                                FractieGrootte=3)]
    zaak["Besluit"] = [besluit]
    return [zaak]


def test_handelingen_letter_and_open_data_give_one_motion_node(fresh_store, tmp_path):
    if not KUZU.exists():
        pytest.skip(f"../shared/real/{KUZU.name} not present (CI has it beside the clone)")
    letter, page = tmp_path / "brief-motie-kuzu.txt", tmp_path / "zaken-29614.json"
    letter.write_text(LETTER, encoding="utf-8")
    page.write_text(json.dumps({"value": open_data_record()}), encoding="utf-8")
    report = ingest(fresh_store, [KUZU, letter, page])
    assert not report.failed, report.failed
    node = URIRef("https://zoek.officielebekendmakingen.nl/kst-29614-109")
    same = fresh_store.query(f"SELECT DISTINCT ?id ?m WHERE {{ ?m <{PKG}identifier> ?id }}",
                             {"id": Literal("kst-29614-109")}).rows
    assert [str(m) for _, m in same] == [str(node)]
    citing = fresh_store.query(f"SELECT DISTINCT ?m ?d WHERE {{ ?d <{PKG}cites> ?m }}", {"m": node}).rows
    assert len(citing) == 2  # the Handelingen item and the letter
    submitters = fresh_store.query(
        f"SELECT DISTINCT ?m ?n WHERE {{ ?m <{PKG}submittedBy>/<http://xmlns.com/foaf/0.1/name> ?n }}",
        {"m": node}).rows
    assert {str(n) for _, n in submitters} == {"Kuzu"}
    votes = fresh_store.query(
        f"""SELECT DISTINCT ?m ?v ?party ?choice WHERE {{ ?m <{PKG}outcome> "verworpen" ; <{PKG}vote> ?v .
            ?v <{PKG}choice> ?choice ; <{PKG}party>/<http://www.w3.org/2004/02/skos/core#prefLabel> ?party }}""",
        {"m": node}).rows
    assert sorted((str(party), str(c)) for _, _, party, c in votes) == [
        ("DENK", "Voor"), ("GroenLinks", "Voor"), ("PvdA", "Voor"), ("PvdD", "Voor")]  # DENK: one vote node
    evidence = fresh_store.query(
        f"""SELECT ?m ?quote ?rule ?start WHERE {{ GRAPH ?g {{
            ?e <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> ?m ;
            <http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> <{PKG}vote> ; <{PKG}quote> ?quote ;
            <{PKG}rule> ?rule ; <{PKG}start> ?start ; <{PKG}sourceDocument> ?doc }} }}""", {"m": node}).rows
    assert len(evidence) == 4 and {str(r) for _, _, r, _ in evidence} == {"motion-vote"}
    text = KUZU.read_text(encoding="utf-8")
    for _, quote, _, start in evidence:
        assert text[int(start):int(start) + len(str(quote))] == str(quote)
        assert re.match(r"Ik constateer dat de leden van de fracties van de PvdA", str(quote))
    others = fresh_store.query(f"SELECT ?m ?c WHERE {{ ?m <{PKG}otherPartiesChoice> ?c }}", {"m": node}).rows
    assert [str(c) for _, c in others] == ["Tegen"]


def test_appraisal_and_request_become_the_open_data_properties_with_evidence():
    from rdflib import RDF, Namespace

    from policykg.graph.build import build_graph

    ex = real(DEBATE_XML)
    g, pkg = build_graph(ex), Namespace(PKG)
    motion = URIRef("https://zoek.officielebekendmakingen.nl/kst-31311-200")
    assert set(g.objects(motion, pkg.cabinetAppraisal)) == {Literal("Ontraden")}
    read_out = next(e for e in ex.motion_events if e.motion == "kst-31311-200" and e.kind == "request")
    assert Literal(read_out.value, lang="nl") in set(g.objects(motion, pkg.requestText))
    assert {str(n) for n in g.objects(motion, pkg.submittedBy)} >= {
        "https://w3id.org/policykg/id/person/paternotte", "https://w3id.org/policykg/id/person/van-der-lee"}
    evidence = [e for e in g.subjects(RDF.subject, motion) if (e, RDF.predicate, pkg.cabinetAppraisal) in g]
    assert len(evidence) == 1
    assert str(g.value(evidence[0], pkg.quote)) == "Voorzitter, ik ontraad deze motie."
    assert str(g.value(evidence[0], pkg.rule)) == "motion-appraisal"
    assert g.value(evidence[0], pkg.sourceDocument) == URIRef(
        "https://zoek.officielebekendmakingen.nl/h-tk-20172018-61-10")


@pytest.mark.parametrize("path", [HELD, OZUTOK], ids=["97-26", "62-6"])
def test_the_items_own_id_has_the_span_that_states_it(path):
    ex = real(path)
    span = ex.metadata.spans["identifier"]
    assert ex.metadata.identifier.startswith("h-tk-")
    assert ex.content[span.start:span.end] == span.text and "nr." in span.text
