"""Letter metadata read despite the PDF template noise, one row per document; the own
official id of real documents from their headers."""

from pathlib import Path

import pytest

from policykg.loaders.document import extract_file
from policykg.loaders.metadata import read_metadata
from policykg.loaders.officielebekendmakingen import read_publication

from .conftest import CORPUS
from .corpus_expected import AMNESTY, KST, MONITOR, RACISME, VN

ORG = "https://w3id.org/policykg/id/org/"

# file -> expected fields (None: the text does not say)
EXPECTED = {
    VN: dict(kind="Letter", key="szw-2020-0000148620", date="2020-11-18", kenmerk="2020-0000148620",
             title="Kabinetsreactie rapport VN Speciaal Rapporteur Racisme 2019-2020",
             sender=ORG + "szw", addressee=ORG + "tweede-kamer", signatory="W. Koolmees"),
    KST: dict(kind="Letter", key="kst-30950-319", date="2022-10-21", dossier="30950",
              dossier_title="Racisme en Discriminatie", sender=ORG + "bzk", addressee=ORG + "tweede-kamer",
              signatory="H.G.J. Bruins Slot"),
    RACISME: dict(kind="Letter", key="bzk-2023-0000048297", date="2023-01-25", kenmerk="2023-0000048297",
                  title="Aanpak (institutioneel) racisme", sender=ORG + "bzk",
                  addressee=ORG + "tweede-kamer", signatory="Hanke Bruins Slot"),
    # The memo names no date and no ministry of its own: both stay unknown.
    MONITOR: dict(kind="DecisionMemo", key="2024-01-beslisnota-monitor-lokaal-antidiscriminatiebeleid",
                  date=None, sender=None),
    AMNESTY: dict(kind="DecisionMemo", date=None, sender=ORG + "bzk",
                  title="Reactie op het rapport van Amnesty International over etnisch profileren"),
}


@pytest.mark.parametrize("name", EXPECTED)
def test_metadata(name):
    ex = extract_file(CORPUS / name)
    got = {"key": ex.key, **ex.metadata.__dict__}
    for field, want in EXPECTED[name].items():
        assert got[field] == want, field


@pytest.mark.parametrize("name", [VN, KST, RACISME])
def test_metadata_spans_point_into_the_text(name):
    ex = extract_file(CORPUS / name)
    assert {"date", "sender", "addressee"} <= set(ex.metadata.spans)
    for span in ex.metadata.spans.values():
        assert ex.content[span.start:span.end] == span.text


# --- The document's own official id, from its header, on real documents nobody here wrote ---

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
ABSENT = "../shared/ is not beside the clone (CI has it): the real documents are read from there"

# file -> (own id, dossier); None where the text states no id of its own (never from the file name).
# The motions are in tests/test_motion_documents.py.
OWN_IDS = {
    # markdown of a consolidated regulation (wetten.overheid.nl): no header
    "real/1995-09-28_stcrt-BWBR0007580_klachtenregeling-rassendiscriminatie-biza.md": (None, None),
    # letter template (Postadres, Datum, Kenmerk): a kenmerk, no official id
    "real/2003-09-16_03M459859_brief-minister-president-notitie-positie-kabinet-der-koningin.txt": (None, None),
    # Kamervragen page without the zaak number above the questions
    "real/2012-12-28_kv-tk-2012Z22998_kamervragen-arib-vreemdelingenpolitie-huidskleur.txt": (None, None),
    # Handelingen metadata table "Tweede Kamer der Staten-Generaal | 2016-2017 | nr. 97, item 26"
    # (read by loaders.handelingen)
    "real/2016-2017_h-tk-20162017-97-26_stemming-aangehouden-motie-discriminatie-grondwet.txt":
        ("h-tk-20162017-97-26", None),
    # web page opening "32 824 Integratiebeleid" / "Nr. 194 BRIEF VAN DE MINISTERS ..."
    "real/2017-04-19_kst-32824-194_kamerbrief-referendum-turkije-moties-ongewenste-beinvloeding.txt":
        ("kst-32824-194", "32824"),
    # tkconv page: navigation, "officiële HTML versie (kst-31066-613)", then the printed header
    "real/2020-03-13_kst-31066-613_kamerbrief-kabinetsreactie-adviescommissie-uitvoering-toeslagen.txt":
        ("kst-31066-613", "31066"),
    "real/2021-02-09_kst-31066-783_kamerbrief-bzk-motie-azarkan-van-weyenberg-nationaliteit-risicoprofilering.txt":
        ("kst-31066-783", "31066"),
    "real/2021-06-24_kst-30950-250_kamerbrief-voortgang-aanpak-discriminatie-en-racisme.txt":
        ("kst-30950-250", "30950"),
    # tweedekamer.nl answer to Kamervragen: a document number (2022D30848), no official id
    "real/2022-07-11_2022D30848_antwoord-kamervragen-van-baarle-discriminatie-brp-controle.txt": (None, None),
    # tweedekamer.nl title line "Brief regering : ...", then "30 950 Racisme en Discriminatie" / "Nr. 316"
    "real/2022-09-19_kst-30950-316_kamerbrief-nationaal-programma-tegen-discriminatie-en-racisme.txt":
        ("kst-30950-316", "30950"),
    # two dossiers "26 643 ..." and "32 761 ...": the first; the title cites "(Kamerstuk 26643-938)"
    "real/2023-01-31_kst-26643-967_verslag-schriftelijk-overleg-afkomstgerelateerde-gegevens-bzk.txt":
        ("kst-26643-967", "26643"),
    # two dossiers "30 950 ..." and "33 826 ...": the first
    "real/2023-02-15_kst-30950-327_verslag-commissiedebat-discriminatie-racisme-mensenrechten.txt":
        ("kst-30950-327", "30950"),
    # tkconv page whose header rows end in " |"
    "real/2023-05-24_kst-26643-1029_kamerbrief-toezicht-digitale-domein-algoritmes.txt":
        ("kst-26643-1029", "26643"),
    "real/2023-05-25_kst-35510-130_verslag-schriftelijk-overleg-ongekend-onrecht-correspondentie.txt":
        ("kst-35510-130", "35510"),
    # Eerste Kamer: "CXLVI Parlementaire onderzoekscommissie ..." / "AA VERSLAG VAN EEN MONDELING OVERLEG"
    "real/2023-06-20_kst-CXLVI-AA_eerste-kamer-verslag-mondeling-overleg-antidiscriminatiewetgeving.txt":
        ("kst-CXLVI-AA", "CXLVI"),
    "real/2023-07-07_kst-CXLVI-AB_eerste-kamer-brief-bzk-reactie-gelijk-recht-doen.txt": ("kst-CXLVI-AB", "CXLVI"),
    # Staatsblad page opening with the decree's title, not with "Staatsblad 2024, 71"
    "real/2024-03-13_stb-2024-71_besluit-inwerkingtreding-art16-wet-herstel-voorzieningen-sint-eustatius.txt":
        (None, None),
    # "2024D19625 INBRENG VERSLAG ...": a Tweede Kamer document number, not an official id
    "real/2024_nds-tk-2024D19625_inbreng-schriftelijk-overleg-voortgang-aanpak-discriminatie.txt": (None, None),
    # "26 643 Informatie- ..." / "32 761" / "Verwerking ..." / "Nr. 1283": the first dossier
    "real/2025-02-18_kst-26643-1283_verslag-commissiedebat-inzet-algoritmes-data-ethiek.txt":
        ("kst-26643-1283", "26643"),
    "real/2025-07-07_kst-30950-463_kamerbrief-voortgang-discriminatie-en-racisme-juni-2025.txt":
        ("kst-30950-463", "30950"),
    # Handelingen XML: the id in its metadata record URL (h-tk-20172018-61-10/metadata.xml)
    "samples/2018_h-tk-20172018-61-10_vao-ondernemen-bedrijfsfinanciering-moties.xml": ("h-tk-20172018-61-10", None),
    # typeset Kamerstuk PDF: "35 538 Tijdelijke bepalingen ..." / "Nr. 4 ADVIES ..."
    "samples/2020-08-21_kst-35538-4_advies-raad-van-state-nader-rapport-coronamelder.pdf": ("kst-35538-4", "35538"),
    # a legal memo and municipal council questions: no official id
    "samples/2020-08-12_landsadvocaat-notitie_juridische-analyse-ap-advies-coronamelder.pdf": (None, None),
    "samples/2023-12-04_ams-sv-236_schriftelijke-vragen-profileringscriteria-algoritmes.pdf": (None, None),
}


@pytest.mark.parametrize("name", OWN_IDS)
def test_own_id_of_real_documents(name):
    path = SHARED / name
    if not path.exists():
        pytest.skip(ABSENT)
    ex = extract_file(path)
    assert (ex.metadata.identifier, ex.metadata.dossier) == OWN_IDS[name]
    if (ex.metadata.identifier or "").startswith("kst-"):  # stated in the text: its evidence is there
        span = ex.metadata.spans["identifier"]
        assert ex.content[span.start:span.end] == span.text


# Header forms the real files above do not carry, in the words the publications print.
HEADERS = {
    "Tweede Kamer, vergaderjaar 2019–2020, 35 538, nr. 4\nTweede Kamer der Staten-Generaal": "kst-35538-4",
    "Tweede Kamer, vergaderjaar 2024–2025, 21 501-02, nr. 3121\n": "kst-21501-02-3121",
    "Tweede Kamer, vergaderjaar 2022–2023, 30 950 / 33 826, nr. 327\n": "kst-30950-327",
    "Eerste Kamer, vergaderjaar 2022–2023, CXLVI, AA\n": "kst-CXLVI-AA",
    "Vergaderjaar 2022-2023\n30 950 / 33 826\nNr. 327 VERSLAG VAN EEN COMMISSIEDEBAT\n": "kst-30950-327",
    "Vergaderjaar 2024-2025\n36 600\nA\nVaststelling van de begrotingsstaat\nNr.\n34\nMOTIE VAN HET LID VEDDER C.S.\n":
        "kst-36600-A-34",
    "2012Z22998\n\nVragen van het lid Arib (PvdA) aan de staatssecretaris": "kv-tk-2012Z22998",
    "Staatsblad van het Koninkrijk der Nederlanden\nJaargang 2024\n71\nBesluit van 13 maart 2024": "stb-2024-71",
    "Staatsblad 2024, 71\n\nBesluit van 13 maart 2024": "stb-2024-71",
    "Staatscourant 2024, 12345\n\nRegeling van de Minister": "stcrt-2024-12345",
    # a citation is not the document's own id
    "De brief (Kamerstuk 26643-938) en Staatsblad 2024, 71 over Nr. 5.\n": None,
    "Zie Tweede Kamer der Staten-Generaal.\nNr. 5 van de lijst\n": None,
    "Geachte voorzitter,\n\nIn mijn brief (Tweede Kamer, vergaderjaar 2019–2020, 30 950, nr. 185)\n": None,
    "Tweede Kamer, vergaderjaar 2019–2020, 35 538, nr. 4 2\n": "kst-35538-4",  # with its page number
}


@pytest.mark.parametrize("text", HEADERS)
def test_own_id_header_forms(text):
    assert read_metadata(text, []).identifier == HEADERS[text]


def test_xml_metadata_record_names_the_publication(tmp_path):
    # the officielebekendmakingen XML of a motion states its id only in its metadata record URL
    path = SHARED / "samples/2024-04-25_kst-30950-388_motie-diederik-van-dijk-flach-antisemitisme-inburgering.xml"
    if not path.exists():
        pytest.skip(ABSENT)
    _, _, meta = read_publication(path)
    assert meta["identifier"] == "kst-30950-388"
    renamed = tmp_path / "unnamed.xml"
    renamed.write_bytes(path.read_bytes().replace(b"kst-30950-388/metadata.xml", b"not-an-id/metadata.xml"))
    assert read_publication(renamed)[2]["identifier"] is None


@pytest.mark.parametrize("name, sender", [
    # "BRIEF VAN DE STAATSSECRETARIS VAN FINANCIËN": the heading in capitals names the sender
    ("real/2020-03-13_kst-31066-613_kamerbrief-kabinetsreactie-adviescommissie-uitvoering-toeslagen.txt", "fin"),
    # "BRIEF VAN DE MINISTERS VAN BUITENLANDSE ZAKEN EN VAN SOCIALE ZAKEN ...": the first named
    ("real/2017-04-19_kst-32824-194_kamerbrief-referendum-turkije-moties-ongewenste-beinvloeding.txt", "bz"),
])
def test_sender_from_a_heading_in_capitals(name, sender):
    path = SHARED / name
    if not path.exists():
        pytest.skip(ABSENT)
    ex = extract_file(path)
    assert (ex.metadata.kind, ex.metadata.sender) == ("Letter", ORG + sender)
    span = ex.metadata.spans["sender"]
    assert ex.content[span.start:span.end] == span.text
