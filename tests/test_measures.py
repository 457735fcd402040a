"""Measures and relations the corpus letters state, each with its sentence."""


import pytest

from policykg.loaders.document import extract_file, extract_text
from policykg.loaders.models import SELF, ConceptRef, DebateRef, DocumentRef, MeasureRef, RecommendationRef

from .conftest import CORPUS
from .corpus_expected import KST, MONITOR, RACISME, VN
from .growth import assert_linear

AMNESTY = "2025-01_beslisnota-kabinetsreactie-amnesty-etnisch-profileren.txt"

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
    assert study.led_from == (DebateRef("2020-07-01", "debat"),)


@pytest.mark.parametrize("name,relation,target,rule", [
    (RACISME, "respondsTo", DebateRef("2022-12-13", "ordedebat"), "responds-to-request"),
    (MONITOR, "respondsTo", DebateRef("2023-12-22", "procedurevergadering"), "responds-to-request"),
    (KST, "establishedBy", DocumentRef("stcrt-2022-11349"), "body-established"),
    (KST, "startDate", "2022-05", "body-started"),
    (RACISME, "startDate", "2021", "body-started"),
])
def test_relations(extractions, name, relation, target, rule):
    links = [(link.relation, link.target, link.rule) for link in extractions[name].links]
    assert (relation, target, rule) in links, links


def test_a_body_is_named_as_a_concept(extractions):
    founded = [link for link in extractions[KST].links if link.rule in ("body-established", "body-started")]
    assert founded and all(isinstance(link.source, ConceptRef) for link in founded)


def test_in_execution_of_a_motion():
    text = ("Ter uitvoering van de motie van het lid Simons (Kamerstuk 30 950, nr. 349) wordt in 2024 "
            "een meldpunt voor discriminatie bij de overheid ingericht.")
    measure = extract_text(text, "x.txt").measures[0]
    assert measure.rule == "measure-in-execution" and measure.led_from == (DocumentRef("kst-30950-349"),)
    assert "meldpunt voor discriminatie" in measure.label and measure.date == "2024"


def test_reflexive_commitment_is_not_a_measure():
    text = "Ik wil me onverminderd blijven inzetten voor gelijke kansen."
    assert extract_text(text, "x.txt").measures == ()


def test_cabinet_response_answers_each_recommendation(extractions):
    links = [link for link in extractions[VN].links if link.rule == "recommendation-heading"]
    assert [link.target.number for link in links] == ["96", "97-a", "97-d", "97-e", "98-a", "98-b", "98-e"]
    assert all(link.source == SELF and link.relation == "respondsTo" for link in links)
    assert all(isinstance(link.target, RecommendationRef) for link in links)
    answers = [link for link in extractions[VN].links if link.rule == "measure-in-response"]
    assert all(isinstance(link.target, MeasureRef) for link in answers)
    led = {(link.source.number, link.target.label) for link in answers}
    assert ("96", "versterking van de gezamenlijke aanpak van racisme en discriminatie") in led
    assert any(number == "98-a" and "proactieve controle" in label for number, label in led)
    assert not any("MEOS-toepassing" in label for number, label in led)  # the CBS studies it: others


@pytest.mark.parametrize("motion,asked", [
    ("kst-30950-237", "overheidsinstanties etniciteit niet te laten gebruiken om fraude te bestrijden"),
    ("kst-30950-296", "een expliciet verbod op het gebruik van etniciteit en/of nationaliteit "
                      "(zonder gerichte aanleiding) in risicoprofielen te onderzoeken"),
    ("kst-30950-293", "te verkennen of het mogelijk is dat onderscheid op grond van ras of nationaliteit in "
                      "risicoprofielen alleen toegepast mag worden ter bescherming dan wel ter ondersteuning "
                      "van mensen"),
])
def test_what_each_motion_asks(extractions, motion, asked):
    asks = {link.source.identifier: link for link in extractions[KST].links
            if link.relation == "requestText"}
    assert asks[motion].target == asked
    assert extractions[KST].content[asks[motion].start:asks[motion].end] == asks[motion].quote


def test_a_noun_onderzoeken_is_not_a_study():
    text = "De diverse onderzoeken daarover zijn net klaar of binnenkort klaar."
    assert extract_text(text, "x.txt").measures == ()


# --- measure-commitment: measures found by the structure of the sentence -------------

LETTER = "BRIEF VAN DE MINISTER VAN BINNENLANDSE ZAKEN EN KONINKRIJKSRELATIES\n\n"
SHARED = CORPUS.parent.parent.parent / "shared"
SHARED_ABSENT = "../shared/ is not beside the clone (CI has it): real documents are read from there"


def _commitments(text: str, name: str = "x.txt") -> list:
    return [m for m in extract_text(text, name).measures if m.rule == "measure-commitment"]


@pytest.mark.parametrize("name,label,sentence_start", [
    (RACISME, "uitrollen van het toetsingskader van het College voor de Rechten van de Mens over etnisch profileren",
     "In het kader van erkennen en voorkomen zet het kabinet verschillende maatregelen"),
    (AMNESTY, "mensenrechtentoets voor specifieke typen algoritmes meer bindend maken",
     "Het kabinet wil een mensenrechtentoets"),
    (AMNESTY, "herziening van het stelsel van ADV’s", "Daarnaast werkt het ministerie van BZK aan"),
    (AMNESTY, "volgende versie van het Algoritmekader voor de overheid", "Het kabinet werkt aan"),
    (RACISME, "nader verkennen in hoeverre een minder vrijblijvend karakter bij de inzet van bepaalde "
              "instrumenten tot de",
     "Ik wil nader verkennen"),
    (VN, "maatregelen om stagediscriminatie tegen te gaan", "In het mbo neemt de minister van OCW"),
])
def test_commitments_in_the_corpus(name, label, sentence_start):
    ex = extract_file(CORPUS / name)
    found = [m for m in ex.measures if m.label == label]
    assert found, [m.label for m in ex.measures if m.rule == "measure-commitment"]
    measure = found[0]
    assert measure.rule == "measure-commitment"
    # the quote is the sentence itself: no heading or footnote lines glued before it, no bullet
    assert " ".join(measure.quote.split()).startswith(sentence_start) and measure.quote[-1] in ".!?"
    assert ex.content[measure.start:measure.end] == measure.quote


def test_a_heading_glued_to_the_sentence_is_not_quoted():
    measure = next(m for m in extract_file(CORPUS / RACISME).measures if m.label.startswith("nader verkennen"))
    assert measure.quote.startswith("Ik wil nader verkennen"), measure.quote  # not "Minder vrijblijvendheid"


@pytest.mark.parametrize("sentence,label", [
    ("Daarnaast werkt het ministerie van BZK aan een herziening van het stelsel van antidiscriminatievoorzieningen.",
     "herziening van het stelsel van antidiscriminatievoorzieningen"),
    ("Het kabinet gaat het toetsingskader bij alle uitvoeringsorganisaties uitrollen.",
     "toetsingskader bij alle uitvoeringsorganisaties uitrollen"),
    ("Ik zal een meldpunt voor discriminatie bij de overheid inrichten.",
     "meldpunt voor discriminatie bij de overheid inrichten"),
    ("Tot slot zet het kabinet ook in op het bijstaan en beschermen van slachtoffers.",
     "bijstaan en beschermen van slachtoffers"),
    ("De minister van OCW versterkt de ondersteuning van scholen bij burgerschapsonderwijs.",
     "versterken van de ondersteuning van scholen bij burgerschapsonderwijs"),
    ("Wij breiden de capaciteit van de antidiscriminatievoorzieningen uit.",
     "uitbreiden van de capaciteit van de antidiscriminatievoorzieningen"),
    ("Verder is van belang dat de ministeries van JenV en BZK de mogelijkheden onderzoeken om algoritmes te toetsen.",
     "onderzoeken van de mogelijkheden om algoritmes te toetsen"),
    ("De staatssecretaris rolt het toetsingskader uit.", "uitrollen van het toetsingskader"),
    ("Het kabinet maakt de mensenrechtentoets (IAMA) meer bindend.",
     "mensenrechtentoets (IAMA) meer bindend maken"),
    ("Voor de zomer komt het kabinet met een wetsvoorstel over de discriminatietoets.",
     "wetsvoorstel over de discriminatietoets"),
    ("Afgelopen juni heeft het ministerie een startbijeenkomst georganiseerd.",  # what it reports it has done
     "startbijeenkomst georganiseerd"),
    ("Zoals toegezegd heb ik een inventarisatie laten doen van de instrumenten.", "inventarisatie laten doen"),
])
def test_structure_of_a_commitment(sentence, label):
    found = _commitments(LETTER + sentence)
    assert [m.label for m in found] == [label]
    assert found[0].quote == sentence


@pytest.mark.parametrize("sentence", [
    "Ik zal uw Kamer in het voorjaar informeren over de voortgang.",  # the letter, not an action
    "Daarna zal ik in deze brief ingaan op de aanpak van institutioneel racisme.",
    "Via deze brief ga ik in op verschillende vragen en toezeggingen.",
    "Gaat het kabinet het toetsingskader uitrollen?",  # a question
    "De motie verzoekt de regering om een meldpunt in te richten.",  # a request
    "Het lid vroeg “hoe wij de strijd tegen racisme gaan opvoeren”.",  # quoted, and asked
    "De Staatscommissie ontwikkelt een werkprogramma.",  # others
    "De NCDR gaat een expertmeeting organiseren.",
    "Het kabinet wil geen verbod op het gebruik van nationaliteit invoeren.",  # a denial
    "Met deze aanpak wil ik discriminatie verder kunnen terugdringen.",  # an aim
    "Ik wil me blijven inzetten voor gelijke kansen.",  # reflexive
    "Afgelopen juni heeft de NCDR een startbijeenkomst georganiseerd.",  # a past event, by someone else
    "Ook heb ik het werk van de Staatscommissie, ingesteld in mei 2022, benoemd.",  # "ingesteld" is not my deed
    "Ik stel voor de brief te verzenden.",  # "stel ... voor" is not "stel ... in"
    "Dit wil het kabinet aanpakken, omdat niemand uitgesloten mag worden.",  # no object
])
def test_not_a_commitment(sentence):
    assert _commitments(LETTER + sentence) == []


@pytest.mark.parametrize("heading", [
    "MOTIE VAN HET LID VAN BAARLE\n\nVoorgesteld 19 maart 2025\n\n",
    "VERSLAG VAN EEN SCHRIFTELIJK OVERLEG\n\nVastgesteld 31 januari 2023\n\n",
    "",  # no heading: nothing says the government wrote it
])
def test_only_a_government_document_commits_the_government(heading):
    assert _commitments(heading + "Het kabinet zal een meldpunt voor discriminatie inrichten.") == []


def test_hostile_text_stays_linear():
    """Sentences full of commitment cues: time grows linearly with the text."""
    cue = "Ik zal het kabinet werkt aan dat de ministeries van A B C D E F wil ik zet het kabinet in, zoals "
    sentence = (cue * 15)[:1900] + ". "

    assert_linear(lambda text: extract_text(LETTER + text, "hostile.txt"), sentence * (50_000 // len(sentence)))


def _real_documents():
    if not SHARED.is_dir():
        pytest.skip(SHARED_ABSENT)
    return sorted(p for p in (SHARED / "real").iterdir() if p.suffix in (".txt", ".md", ".xml"))


def test_real_documents_commit_only_where_the_government_writes():
    """The real record (../shared/real): motions, Handelingen, verslagen and Kamervragen
    commit nobody; of the government's own texts only these sentences commit."""
    found = {}
    for path in _real_documents():
        for m in extract_file(path).measures:
            found.setdefault(path.name, []).append((m.label, " ".join(m.quote.split())))
    assert found == {
        "1995-09-28_stcrt-BWBR0007580_klachtenregeling-rassendiscriminatie-biza.md": [
            ("klachtencommissie rassendiscriminatie",
             "De minister stelt een klachtencommissie rassendiscriminatie in, bestaande uit drie leden, "
             "waaronder de voorzitter.")],
        "2003-09-16_03M459859_brief-minister-president-notitie-positie-kabinet-der-koningin.txt": [
            ("motie uitvoeren",
             "De minister-president heeft toen, namens het kabinet, toegezegd de motie te zullen uitvoeren.")],
        "2022-09-19_kst-30950-316_kamerbrief-nationaal-programma-tegen-discriminatie-en-racisme.txt": [
            ("onderzoek laten doen",  # across the inserted phrase
             "Het vorige kabinet heeft, ter uitvoering van de moties, onderzoek laten doen door ABD Topconsult."),
            ("profiel opgesteld", "Op basis van dit onderzoek heeft het kabinet een profiel opgesteld, met daarin een "
                                  "opdracht voor een Nationaal Coördinator tegen Discrimi")],  # the opening stops here
        "2022-07-11_2022D30848_antwoord-kamervragen-van-baarle-discriminatie-brp-controle.txt": [
            ("per 24 juni 2022 gegund", "De opdracht is per 24 juni 2022 gegund aan Integis BV.")],
        "2025-07-07_kst-30950-463_kamerbrief-voortgang-discriminatie-en-racisme-juni-2025.txt": [
            ("ieder jaar in opdracht van het Ministerie van BZK een multi-agencyrapportage opgesteld",
             "Sinds 2016 wordt ieder jaar in opdracht van het Ministerie van BZK een multi-agencyrapportage opgesteld "
             "met informatie over de meldingen en registraties van (ervaren) discriminatie in het afgelopen jaar.")],
    }, found


# --- measure-passive: what is being done, in the passive voice ------------------------

def _passive(text: str) -> list:
    return [m for m in extract_text(text, "x.txt").measures if m.rule == "measure-passive"]


@pytest.mark.parametrize("sentence,label", [
    ("Hiertoe worden jaarlijks middelen beschikbaar gesteld voor het onderwijsachterstandenbeleid.",
     "jaarlijks middelen beschikbaar gesteld"),
    ("Zoals in het nationaal programma vermeld, wordt hiervoor een algemene handreiking voor inspecties ontwikkeld.",
     "algemene handreiking voor inspecties ontwikkeld"),
    ("Onder andere met dit doel is in 2022 een interdepartementale werkgroep opgestart.",
     "interdepartementale werkgroep opgestart"),
    ("Het advies van de Afdeling is overgenomen.", "advies van de Afdeling overgenomen"),
    ("Ook het privacy statement zal worden aangepast.", "privacy statement aangepast"),
    ("Ook wordt door dit kabinet de faillissementswetgeving ingrijpend gemoderniseerd.",
     "faillissementswetgeving ingrijpend gemoderniseerd"),
    ("Er wordt gewerkt aan inclusievere werving en selectie door middel van trainingen.",
     "gewerkt aan inclusievere werving en selectie"),
    ("Alle uitvoeringsorganisaties worden verzocht de bestrijding van racisme op te nemen in de cyclus.",
     "uitvoeringsorganisaties verzocht"),
    ("Voor de feitelijke invoering zal, aldus de Kamerbrief, de juridische grondslag nog worden geëxpliciteerd.",
     "juridische grondslag geëxpliciteerd"),  # the future tense: any participle
    ("Het is de bedoeling dat de app vervolgens op 1 september landelijk wordt uitgerold.", "landelijk uitgerold"),
    ("Om alle misverstanden uit te sluiten zijn er ook schriftelijke afspraken met Apple gemaakt.",
     "schriftelijke afspraken met Apple gemaakt"),
])
def test_passive_acts_of_the_government(sentence, label):
    found = _passive(LETTER + sentence)
    assert [m.quote for m in found] == [sentence]
    assert label in found[0].label, found[0].label


@pytest.mark.parametrize("sentence", [
    "De private markt voor risicokapitaal is in Nederland onvoldoende ontwikkeld.",  # a state
    "Leerlingen worden hoger geplaatst in het voortgezet onderwijs.",  # an adjective, not a participle
    "In dergelijke gevallen worden de gegevens slechts lokaal op de smartphone verwerkt.",  # how it works
    "De voorgestelde app komt overeen met de app zoals die wordt ontwikkeld in Duitsland.",  # subordinate
    "Voor de app wordt gebruik gemaakt van de api die door Google en Apple is ontwikkeld.",  # others
    "Het programma is opgesteld onder coördinatie van de Nationaal Coördinator tegen Discriminatie en Racisme.",
    "Op welke wijze deze aanpak versterkt kan worden, is nog niet duidelijk.",  # a possibility
    "Regels moeten worden teruggebracht.",  # an obligation
    "Onder andere de volgende instrumenten worden ingezet:",  # opens a list
    "Wordt er een meldpunt ingericht?",  # a question
    "Alle werkzaamheden worden verricht op grond van een overeenkomst van opdracht.",  # no study
    "De Kamer zal hier nader over geïnformeerd worden in de Kamerbrief.",  # talk, as "u informeren"
    "Dit besluit zal met de toelichting in de Staatscourant worden geplaatst.",  # the document itself
    "U wordt gevraagd de bijgevoegde brief te ondertekenen.",  # a letter to sign
    "In de motie van de heer Graus wordt gevraagd om een plan van aanpak te maken.",  # a motion's request
    "Er wordt een fonds opgezet door de banken.",  # others
    "Hieronder zijn opgenomen het advies van de Afdeling en het nader rapport.",  # the document's parts
    "Uit de toelichting blijkt niet in hoeverre de minister zijn beheerstaak heeft uitgevoerd.",
])
def test_passive_that_is_no_act(sentence):
    assert _passive(LETTER + sentence) == []


def test_passive_only_where_the_government_writes():
    text = "MOTIE VAN HET LID VAN BAARLE\n\nVoorgesteld 19 maart 2025\n\nEr wordt een meldpunt ingericht."
    assert _passive(text) == []


DEBATE = ("De voorzitter:\nHet woord is aan de heer Graus.\n\nDe heer Graus (PVV):\n"
          "Er wordt een fonds voor ondernemers opgezet. Ik zal een meldpunt voor ondernemers inrichten.\n\n"
          "Staatssecretaris Keijzer:\nOp mijn ministerie wordt gewerkt aan het verbeteren van het systeem.\n\n"
          "De heer Blok (minister van Economische Zaken):\nIk zal een meldpunt voor discriminatie inrichten.\n\n"
          "Mevrouw Özütok (GroenLinks):\nIk zal een meldpunt voor ondernemers inrichten.\n")


def test_only_the_ministers_turns_in_a_debate_commit():
    found = [" ".join(m.quote.split()) for m in sorted(extract_text(DEBATE, "h-tk.txt").measures,
                                                       key=lambda m: m.start)]
    assert found == ["Op mijn ministerie wordt gewerkt aan het verbeteren van het systeem.",
                     "Ik zal een meldpunt voor discriminatie inrichten."], found


def test_a_note_to_the_minister_reports_the_ministers_acts():
    note = ("Notitie\nvoor Minister van Volksgezondheid, Welzijn en Sport\n\n"
            "Wij zullen een meldpunt voor discriminatie inrichten. De minister heeft een deel van de "
            "aanbevelingen overgenomen. Ook het privacy statement zal worden aangepast.")
    found = [" ".join(m.quote.split()) for m in extract_text(note, "x.txt").measures]
    assert found == ["De minister heeft een deel van de aanbevelingen overgenomen.",
                     "Ook het privacy statement zal worden aangepast."], found


def _sample(name: str):
    path = SHARED / "samples" / name
    if not path.is_file():
        pytest.skip(f"../shared/samples/{name} not present (CI has it beside the clone)")
    return extract_file(path)


def test_nader_rapport_is_the_ministers_own_text():
    """A real Kamerstuk (advies Raad van State en nader rapport): the minister reports the changes made."""
    ex = _sample("2020-08-21_kst-35538-4_advies-raad-van-state-nader-rapport-coronamelder.pdf")
    quotes = {" ".join(m.quote.split()) for m in ex.measures}
    assert "Het advies van de Afdeling is overgenomen." in quotes
    assert "Hiertoe is een nieuw tweede lid en derde lid ingevoegd in artikel 6d." in quotes
    assert not any("door Google en Apple" in q for q in quotes)


def test_real_debate_measures_come_from_the_state_secretary():
    """A real VAO (officielebekendmakingen XML): members' turns state no measure."""
    ex = _sample("2018_h-tk-20172018-61-10_vao-ondernemen-bedrijfsfinanciering-moties.xml")
    turn = ex.content.index("Staatssecretaris Keijzer")
    assert ex.measures and all(m.start > turn for m in ex.measures)
    assert any("faillissementswetgeving" in m.quote for m in ex.measures)


@pytest.mark.parametrize("cue", [
    # passives: auxiliaries, inserted phrases, brackets and participles with nothing to close them
    "Hiertoe worden er, net als de minister, ook (zie) de werkgroep wordt is zijn 3.1 ingezet op dat die ",
    # a debate: a minister's turn after every line
    "Staatssecretaris Keijzer:\nIk ben in gesprek met de banken en wordt gewerkt aan het plan \n",
])
def test_hostile_passives_and_turns_stay_linear(cue):
    """A text full of passive or debate cues: time grows linearly."""
    assert_linear(lambda text: extract_text(LETTER + text, "hostile.txt"), cue * (25_000 // len(cue)))


@pytest.mark.parametrize("sentence,found", [
    ("Ook nu weer ben ik in gesprek met VNG en IPO om te bezien welke stappen we zetten.", True),
    ("Ik ben hierover in contact met alternatieve financiers, waaronder crowdfundingpartijen.", True),
    ("Het kabinet is op dit moment aan het werken aan een plan van aanpak.", True),
    ("De NVB is in gesprek met de banken.", False),  # others
    ("Is het kabinet in gesprek met de banken?", False),  # a question
])
def test_engaged_in_a_conversation_or_work(sentence, found):
    measures = [m for m in extract_text(LETTER + sentence, "x.txt").measures if m.rule == "measure-engaged"]
    assert [m.quote for m in measures] == ([sentence] if found else [])


@pytest.mark.parametrize("sentence,found", [
    ("Om meer inzicht te krijgen onderzoekt het CBS of de data hiervoor mogelijkheden bieden.", False),  # others
    ("Daarom onderzoekt TNO hoe de toets kan worden verbeterd.", False),
    ("Op dit moment wordt onderzocht op welke wijze de implementatie kan worden gemonitord.", True),
    ("Daarom onderzoekt het kabinet of de toets bindend kan worden.", True),
])
def test_a_study_is_the_governments_own(sentence, found):
    studies = [m for m in extract_text(LETTER + sentence, "x.txt").measures if m.rule == "measure-study"]
    assert [m.quote for m in studies] == ([sentence] if found else [])
