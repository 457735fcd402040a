"""Citations and motions of the corpus, row by row against tests/corpus_expected.py."""

import pytest

from policykg.loaders.document import extract_file

from .conftest import CORPUS
from .corpus_expected import FILES, KST, MOTIONS, OFFICIAL_CITATIONS

OFFICIAL_TYPES = {"kamerstuk", "staatscourant", "staatsblad", "tractatenblad", "handelingen", "aanhangsel"}


@pytest.fixture(scope="module")
def extractions():
    return {name: extract_file(CORPUS / name) for name in FILES}


@pytest.mark.parametrize("name,ident,text", OFFICIAL_CITATIONS, ids=[r[1] for r in OFFICIAL_CITATIONS])
def test_official_citation_found(extractions, name, ident, text):
    refs = [r for r in extractions[name].references if r.type in OFFICIAL_TYPES]
    assert any(r.id == ident and r.text == text for r in refs), [(r.id, r.text) for r in refs]


@pytest.mark.parametrize("name", FILES)
def test_no_spurious_official_citation(extractions, name):
    expected = sorted((i, t) for f, i, t in OFFICIAL_CITATIONS if f == name)
    found = sorted((r.id, r.text) for r in extractions[name].references if r.type in OFFICIAL_TYPES)
    assert found == expected


@pytest.mark.parametrize("ident,submitters,phrase", MOTIONS, ids=[m[0] for m in MOTIONS])
def test_motion_with_submitters(extractions, ident, submitters, phrase):
    motions = [r for r in extractions[KST].references if r.type == "motion" and r.id == ident]
    assert len(motions) == 1, motions
    assert motions[0].submitters == submitters
    assert motions[0].text.startswith(phrase)


def test_only_the_named_motions(extractions):
    found = sorted(r.id for name in FILES for r in extractions[name].references if r.type == "motion")
    assert found == sorted(m[0] for m in MOTIONS)


@pytest.mark.parametrize("name", FILES)
def test_offsets_point_into_the_text(extractions, name):
    ex = extractions[name]
    spans = list(ex.references) + list(ex.mentions) + list(ex.measures)
    for item in spans:
        assert ex.content[item.start:item.end] == (item.text if hasattr(item, "text") else item.quote)


def test_extraction_is_deterministic():
    first = extract_file(CORPUS / KST)
    assert extract_file(CORPUS / KST) == first


# Real documents nobody here wrote (../shared/real, ../shared/samples): every citation and
# identifier of its own kind in each, as (file, type, id, text). Own ids (headers, page
# furniture, "kst-..." imprints) are not citations and must not be found.
SHARED = CORPUS.parent.parent.parent / "shared"
SHARED_ABSENT = "../shared/ is not beside the clone (CI has it): real documents are read from there"
KINDS = OFFICIAL_TYPES | {"staatsblad", "tk-document", "tk-zaak", "raad-van-state", "eu-journal"}
STEMMINGEN_2007 = "real/2006-2007_h-tk-20062007-2622-2622-1_stemmingen-moties-debat-discriminatie.txt"
REFERENDUM = "real/2017-04-19_kst-32824-194_kamerbrief-referendum-turkije-moties-ongewenste-beinvloeding.txt"
KUZU = "real/2018-2019_h-tk-20182019-55-25_stemming-motie-kuzu-politieke-participatie.txt"
TOESLAGEN = "real/2020-03-13_kst-31066-613_kamerbrief-kabinetsreactie-adviescommissie-uitvoering-toeslagen.txt"
VOORTGANG = "real/2021-06-24_kst-30950-250_kamerbrief-voortgang-aanpak-discriminatie-en-racisme.txt"
AFKOMST = "real/2023-01-31_kst-26643-967_verslag-schriftelijk-overleg-afkomstgerelateerde-gegevens-bzk.txt"
CD_2023 = "real/2023-02-15_kst-30950-327_verslag-commissiedebat-discriminatie-racisme-mensenrechten.txt"
TOEZICHT = "real/2023-05-24_kst-26643-1029_kamerbrief-toezicht-digitale-domein-algoritmes.txt"
EK_VERSLAG = "real/2023-06-20_kst-CXLVI-AA_eerste-kamer-verslag-mondeling-overleg-antidiscriminatiewetgeving.txt"
EK_STEMMING = ("real/2021-02-23_ek-2020-2021-nr26_eerste-kamer-stemming-"
               "onderzoeksvoorstel-antidiscriminatiewetgeving.txt")
INBRENG = "real/2024_nds-tk-2024D19625_inbreng-schriftelijk-overleg-voortgang-aanpak-discriminatie.txt"
ALGORITMES = "real/2025-02-18_kst-26643-1283_verslag-commissiedebat-inzet-algoritmes-data-ethiek.txt"
VAO_2018 = "samples/2018_h-tk-20172018-61-10_vao-ondernemen-bedrijfsfinanciering-moties.xml"
EERDMANS = "real/2024-03-12_kst-36372-23_gewijzigde-motie-eerdmans-justitieel-complex-vlissingen.txt"
KOSTIC = "real/2024-10-15_kst-36600-XII-57_gewijzigde-motie-kostic-gezondheidsonderzoek-luchtvaart.txt"

REAL_CITATIONS = [
    (STEMMINGEN_2007, "kamerstuk", "kst-30950-3", "30950, nr. 3"),  # listed
    (STEMMINGEN_2007, "kamerstuk", "kst-30950-4", "30950, nr. 4"),
    (STEMMINGEN_2007, "kamerstuk", "kst-30950-5", "30950, nr. 5"),
    (STEMMINGEN_2007, "kamerstuk", "kst-30950-6", "30950, nr. 6"),
    (STEMMINGEN_2007, "kamerstuk", "kst-30950-7", "30950, nr. 7"),
    (STEMMINGEN_2007, "kamerstuk", "kst-30950-3", "30950, nr. 3"),  # "In stemming komt ..."
    (STEMMINGEN_2007, "kamerstuk", "kst-30950-4", "30950, nr. 4"),
    (REFERENDUM, "handelingen", "h-tk-20162017-66-6", "Handelingen II 2016/17, nr. 66, item 6"),
    (REFERENDUM, "kamerstuk", "kst-32824-148", "Kamerstukken 32 824 en 29 279, nr. 148"),
    (KUZU, "kamerstuk", "kst-29614-109", "29614, nr. 109"),
    (KUZU, "kamerstuk", "kst-29614-109", "29614, nr. 109"),
    (KUZU, "kamerstuk", "kst-27923-355", "27923, nr. 355"),  # "de aangenomen motie 27923, nr. 355"
    ("real/2018-2019_h-tk-20182019-62-6_vao-discriminatie-moties-ozutok.txt",
     "kamerstuk", "kst-30950-163", "nr. 163 (30950)"),  # "Zij krijgt nr. 163 (30950)."
    (TOESLAGEN, "tk-document", "2020D10555", "2020D10555"),  # "Nummer: 2020D10555, datum"
    (TOESLAGEN, "tk-zaak", "2020Z05095", "2020Z05095"),  # "Onderdeel van zaak 2020Z05095:"
    ("real/2021-02-09_kst-31066-783_kamerbrief-bzk-motie-azarkan-van-weyenberg-nationaliteit-risicoprofilering.txt",
     "kamerstuk", "kst-31066-782", "Kamerstuk 31 066, nr. 782"),
    (EK_STEMMING, "kamerstuk", "kst-CXLIII-A", "CXLIII, A"),  # "(CXLIII, A)"
    (EK_STEMMING, "kamerstuk", "kst-CXLIII-A", "CXLIII, letter A"),
    (VOORTGANG, "tk-document", "2021D25185", "2021D25185"),
    (VOORTGANG, "tk-zaak", "2021Z11614", "2021Z11614"),
    (VOORTGANG, "kamerstuk", "kst-35510-2", "Kamerstuk 35 510, nr. 2"),
    (AFKOMST, "kamerstuk", "kst-26643-938", "Kamerstuk 26643-938"),  # in the page title
    (AFKOMST, "tk-document", "2023D03153", "2023D03153"),
    (AFKOMST, "tk-zaak", "2023Z01342", "2023Z01342"),
    (AFKOMST, "kamerstuk", "kst-26643-938", "Kamerstukken 26 643 en 32 761, nr. 938"),
    (CD_2023, "tk-document", "2023D04161", "2023D04161"),
    (CD_2023, "tk-zaak", "2022Z17249", "2022Z17249"),
    (CD_2023, "kamerstuk", "kst-30950-316", "Kamerstuk 30 950, nr. 316"),
    (CD_2023, "kamerstuk", "kst-36200-VII-139", "Kamerstuk 36 200 VII, nr. 139"),
    (CD_2023, "kamerstuk", "kst-30950-322", "Kamerstuk 30 950, nr. 322"),
    (TOEZICHT, "tk-document", "2023D22054", "2023D22054"),
    (TOEZICHT, "tk-zaak", "2023Z09180", "2023Z09180"),
    ("real/2023-05-25_kst-35510-130_verslag-schriftelijk-overleg-ongekend-onrecht-correspondentie.txt",
     "kamerstuk", "kst-35510-115", "Kamerstuk 35 510, nr. 115"),
    (EK_VERSLAG, "kamerstuk", "kst-CXLVI-X", "CXLVI, X"),
    (EK_VERSLAG, "kamerstuk", "kst-CXLVI-Y", "CXLVI, Y"),
    (EK_VERSLAG, "kamerstuk", "kst-CXLVI-Z", "CXLVI, Z"),
    ("real/2024-10-09_kst-32317-898_motie-diederik-van-dijk-eerdmans-verdeelsleutel.xml",
     "kamerstuk", "kst-36410-VI-87", "36 410-VI, nr. 87"),  # <extref doc="kst-36410-VI-87">
    (INBRENG, "tk-document", "2024D19625", "2024D19625"),
    (INBRENG, "kamerstuk", "kst-30950-365", "Kamerstuk 30 950, nr. 365"),
    ("real/2025-02-04_2025D04328_antwoord-kamervragen-erkens-adviesorganen-rijksoverheid.txt",
     "aanhangsel", "ah-tk-20242025-1028", "Aanhangsel Handelingen, vergaderjaar 2024–2025, nr. 1028"),
    (ALGORITMES, "kamerstuk", "kst-26643-1207", "Kamerstuk 26 643, nr. 1207"),
    (ALGORITMES, "kamerstuk", "kst-32761-309", "Kamerstuk 32 761, nr. 309"),
    (ALGORITMES, "kamerstuk", "kst-35510-21", "Kamerstuk 35 510, nr. 21"),
    (ALGORITMES, "kamerstuk", "kst-26643-1247", "Kamerstuk 26 643, nr. 1247"),
    (ALGORITMES, "kamerstuk", "kst-32761-310", "Kamerstuk\n32 761, nr. 310"),
    ("real/2025-07-07_kst-30950-463_kamerbrief-voortgang-discriminatie-en-racisme-juni-2025.txt",
     "kamerstuk", "kst-30950-455", "Kamerstuk 30 950, nr. 455"),
    ("real/2005_stcrt-BWBR0018792_instellingsbesluit-begeleidingscommissie-evaluatie-awgb.md",
     "staatsblad", "stb-1988-205", "Stb. 1988, 205"),
    ("samples/2024-04-25_kst-30950-388_motie-diederik-van-dijk-flach-antisemitisme-inburgering.xml",
     "kamerstuk", "kst-36410-VI-69", "36\u00a0410\u00a0VI, nr. 69"),  # no-break spaces kept
    *[(VAO_2018, "kamerstuk", f"kst-31311-{n}", f"nr. {n} (31311)") for n in range(199, 205)],
    # "de motie op stuk nr. 199 van de leden ..." (the debate's dossier); nr. 204 is named thrice
    *[(VAO_2018, "kamerstuk", f"kst-31311-{n}", f"nr. {n}") for n in (199, 200, 201, 202, 203, 204, 204, 204)],
    # gewijzigde moties: the number replaced, in the document's own dossier
    (EERDMANS, "kamerstuk", "kst-36372-19", "NR. 19"),
    (KOSTIC, "kamerstuk", "kst-36600-XII-45", "NR. 45"),
]
# The document's own dossier, as its header states it, for the forms that need it.
OWN_DOSSIER = {EERDMANS: "36372", KOSTIC: "36600-XII"}
# Documents with nothing to find: motions (their header is their own id), letters, Staatsblad.
WITHOUT_CITATIONS = [
    "real/2003-09-16_03M459859_brief-minister-president-notitie-positie-kabinet-der-koningin.txt",
    "real/2012-12-28_kv-tk-2012Z22998_kamervragen-arib-vreemdelingenpolitie-huidskleur.txt",
    "real/2015-11-26_kst-34300-VI-61_motie-kuzu-etnisch-profileren-politie.txt",
    "real/2016-2017_h-tk-20162017-97-26_stemming-aangehouden-motie-discriminatie-grondwet.txt",
    "real/2019-03-13_kst-30950-170_motie-gijs-van-dijk-van-den-hul-discriminatie-moslims.txt",
    "real/2022-07-11_2022D30848_antwoord-kamervragen-van-baarle-discriminatie-brp-controle.txt",
    "real/2022-09-19_kst-30950-316_kamerbrief-nationaal-programma-tegen-discriminatie-en-racisme.txt",
    "real/2023-07-07_kst-CXLVI-AB_eerste-kamer-brief-bzk-reactie-gelijk-recht-doen.txt",
    "real/2024-03-13_stb-2024-71_besluit-inwerkingtreding-art16-wet-herstel-voorzieningen-sint-eustatius.txt",
    "real/2024-04-17_kst-36410-VII-108_motie-van-oostenbruggen-palmen-opleiding-ambtenaren.txt",
    "real/2024-04-25_kst-30950-377_motie-eerdmans-cs-landelijke-dag-tegen-antisemitisme.txt",
    "real/2024-05-30_kst-32824-424_motie-koekkoek-voorschool-kinderen-arbeidsmigranten.txt",
    "real/2024-11-25_kst-36600-A-34_motie-vedder-cs-haven-werkendam.txt",
    "real/2024-12-17_kst-21501-20-2146_motie-dijk-staalindustrie.txt",
    "real/2025-02-05_kst-36541-13_motie-krul-vergunningsstelsel-tabak.txt",
    "real/2025-03-19_kst-30950-443_motie-van-baarle-moslimhaat.txt",
    "samples/2023-12-04_ams-sv-236_schriftelijke-vragen-profileringscriteria-algoritmes.pdf",
    "samples/2020-08-12_landsadvocaat-notitie_juridische-analyse-ap-advies-coronamelder.pdf",
    "samples/2025-04-10_kst-21501-02-3121_motie-ceder-gaza.pdf",
]


def _shared(name: str):
    if not SHARED.is_dir():
        pytest.skip(SHARED_ABSENT)
    return SHARED / name


def _found(name: str) -> list[tuple]:
    from policykg.loaders.find import find_citations
    from policykg.loaders.sources import read_source

    text = read_source(_shared(name)).text
    refs = find_citations(text, dossier=OWN_DOSSIER.get(name))
    return sorted((r.type, r.id, r.text) for r in refs if r.type in KINDS)


@pytest.mark.parametrize("name", sorted({r[0] for r in REAL_CITATIONS}) + WITHOUT_CITATIONS)
def test_real_document_citations(name):
    """Exactly the citations of the table: nothing missed, nothing found that is not one."""
    expected = sorted(row[1:] for row in REAL_CITATIONS if row[0] == name)
    assert _found(name) == expected


@pytest.mark.parametrize("name", sorted({r[0] for r in REAL_CITATIONS if r[0] not in OWN_DOSSIER}))
def test_extract_shows_real_ids(name):
    """`policykg extract FILE` gives the same ids (documents that need no own dossier)."""
    ex = extract_file(_shared(name))
    found = sorted(r.id for r in ex.references if r.type in KINDS)
    assert found == sorted(row[2] for row in REAL_CITATIONS if row[0] == name)


def test_typeset_kamerstuk_identifiers():
    """The typeset Kamerstuk 35 538, nr. 4 (PDF): its three Kamerstuk citations in footnotes,
    Raad van State advice numbers, Tweede Kamer document numbers and an EU notice as their
    own kinds; its own id (imprint "kst-35538-4", running header "..., 35 538, nr. 4") is not
    a citation."""
    ex = extract_file(_shared("samples/2020-08-21_kst-35538-4_advies-raad-van-state-nader-rapport-coronamelder.pdf"))
    assert {(r.type, r.id) for r in ex.references if r.type in KINDS} == {
        ("kamerstuk", "kst-25295-219"), ("kamerstuk", "kst-35447-4"), ("kamerstuk", "kst-35515-4"),
        ("raad-van-state", "W13.20.0254/III"), ("raad-van-state", "W16.19.0159/II"),
        ("raad-van-state", "W13.19.0425/III"), ("raad-van-state", "W05.20.0077/I"),
        ("raad-van-state", "W13.20.0180/III"), ("tk-document", "2020D29967"),
        ("tk-document", "2020D29960"), ("eu-journal", "OJ C 124I, 2020")}
