"""Arbitrary and hostile text: nothing raises, offsets are exact, output is deterministic."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.loaders.document import extract_text
from policykg.loaders.find import find_citations
from policykg.loaders.layout import clean_text

from .growth import assert_linear

# Fragments of real citation syntax, so generated text exercises the patterns.
FRAGMENTS = st.sampled_from([
    "Kamerstuk", "Kamerstukken II", " 30 950", ", nr. ", "nrs. ", " en ", "2019/20", ",", " ", "\n",
    "<sup>4</sup>", "de motie van het lid ", "Mutluer", " c.s.", "Stcr.", "*", " 2022", "11349",
    "Handelingen", "item 7", "NCDR", "Staatscommissie", "zie onder andere (", ")", "Datum ", "Betreft ",
    "brief van 27 juni 2022", "ten grondslag", "die zien op ", ".", "é", "Artikel 1 van onze ", "Grondwet",
    # PDF layout and named references
    "1", "12", "\n1\n", "brief3 ", "Racisme.4 ", "2023,1 ", "Pagina 2 van 3\n", "Datum\n", "Kamer-\n",
    "stukken", "rapport ", "«", "»", "‘", "’", "“", "”", "\"", "het lid ", "de leden ", "Van Baarle",
    "debat over ", "op 4 april 2024 per brief", "motie-", "(30 950, nr. 295)", "36 200 VII", "ECLI:NL:HR:2005:AT4537",
    # measures and relations
    "Het is mijn inzet om ", "wordt onderzocht of ", "zullen ", " worden georganiseerd", "komend najaar",
    "naar aanleiding van diverse moties ", "Ter uitvoering van de motie ", ", die de regering verzoekt om «",
    "Aanbeveling paragraaf 96:\n", "Reactie kabinet:\n", "ingesteld in mei 2022,", "heeft verzocht om een brief",
    # citation variants of the real record and identifiers of their own kind
    "Kamerstuk 35510-21", "21 501-02", "-20", " A", ", was nr. 188", "ter vervanging van die gedrukt onder nr. ",
    "TER VERVANGING VAN DIE GEDRUKT ONDER NR. ", "op stuk nr. ", "Zij krijgt nr. 199 (31311)", " en 32 761",
    "(CXLVI, X)", "CXLIII, letter A", "2020D29967", "2022Z12624", "W16.19.0159/II", "nr.W13.20.0180/III",
    "PbEU 2016, L 119", "PB L 119 van 4.5.2016", "Pb EU L 119/1", "2020/C 124 I/01", "kst-21501-02-3121",
    "Tweede Kamer, vergaderjaar 2019–2020, ", "\nISSN 0921 - 7371", "officiële HTML versie (", "kst-CXLVI-AA",
    "Aanhangsel Handelingen, vergaderjaar 2024–2025, nr. 1028", "Handelingen I 2020/21, 26, item 7",
    "Staten-Generaal 2 Kamerstukken ", "TK 2004-2005, ", "(35 570 VII, G)", "’s-Gravenhage<sup>2020</sup> ",
    " nr. 4 12\n", "Handelingen Eerste Kamer ", "(was nr. 188)", " en nr. 296",
    # held-out forms: changed motions, dossier before "op stuk", motions listed by id, initials
    "Zij krijgt nr. 348, was nr. 347 (32317)", " is in die zin gewijzigd dat zij thans luidt:",
    " is in die zin gewijzigd dat zij thans is ondertekend door de leden ", "bij 27565, de motie ",
    "moties opnieuw aan te houden: ", "29911-226; ", "21501-08-765", "motie-M.B. Vos", "Aiking-van Wageningen",
    # named references of the real record: letters, debates, members, footnote names
    "brief van de Minister van ", " d.d. ", "Kamerbrief «", "kamerbrieven van respectievelijk 6 en ",
    " toegezonden brief", "brief heeft uw Kamer op ", " ontvangen", "brief inzake ", "Kabinetsmissive",
    " jl.", "Op 6 augustus jl. heeft de AP bij ", "commissiedebat, gehouden op ", " overleg gevoerd",
    "debat in de Tweede Kamer op ", "vragenuurtje op ", "regeling van werkzaamheden van ", "AO d.d. 14/02",
    "notaoverleg ", "De heer Graus (PVV):\n", "de heer ", "Mevrouw ", "meneer ", "mijnheer ", "Pouw",
    "leden der Kamer, te weten: ", "De Boer", "Mei Li Vos", "die van ", "motie op stuk nr. 199 van ",
    ", Minister", "X Noot\n1\n\n", "»?1", "Zie ook de ", "Vergelijk ", "juni 2022", ", «", "Turkse ",
    "art. 3:46 , 3:47 ", "Awb", "college van burgemeester en wethouders",
    # laws by markdown link, factions
    "Deze motie is voorgesteld door de leden ", "Zij krijgt nr. 201, was nr. 188 (30950).",
    "In stemming komt de motie-Teeven (30950, nr. 3).", " Ik constateer dat deze motie is aangenomen.",
    "Minister Grapperhaus:\n", "Oordeel Kamer.", "[Vacatiegeldenbesluit 1988](", "../../AMvB/", "/BWBR0004317",
    "/README.md)", "]", "[", "de leden van de ",
])
TEXT = st.one_of(st.text(max_size=400), st.lists(FRAGMENTS, max_size=80).map("".join))


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_extraction_never_raises_and_offsets_are_exact(text):
    first = extract_text(text, "generated.txt")
    for item in first.references + first.mentions:
        assert text[item.start:item.end] == item.text
    for measure in first.measures:
        assert text[measure.start:measure.end] == measure.quote
    for event in first.motion_events:
        assert text[event.start:event.end] == event.quote
    for span in first.metadata.spans.values():
        assert text[span.start:span.end] == span.text
    assert extract_text(text, "generated.txt") == first


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_clean_view_maps_every_character_back(text):
    view = clean_text(text)
    for i, char in enumerate(view.text):
        assert text[view.offset(i)] == char
    offsets = [view.offset(i) for i in range(len(view.text))]
    assert offsets == sorted(set(offsets))  # order kept, nothing duplicated


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_citations_with_own_dossier_have_exact_offsets(text):
    """Numbers placed in the document's own dossier ("op stuk nr. 199") keep exact spans."""
    refs = find_citations(text, dossier="36600-XII")
    for ref in refs:
        assert text[ref.start:ref.end] == ref.text
    assert find_citations(text, dossier="36600-XII") == refs


HOSTILE_RUNS = [
    "Kamerstuk 35510-" * 4000, "21 501-02, " * 4000, "nr. " * 10000, ", was nr. 1" * 4000,
    "op stuk nrs. 1, " * 4000, "krijgt nr. 1 (31311" * 4000, "(CXLVI, " * 4000, "2020/C 124 I/" * 4000,
    "PbEU 2016, L 119/" * 4000, "W16.19.0159/" * 4000, "Tweede Kamer, vergaderjaar 2019–2020, " * 3000,
    "Kamerstukken 26 643 en " * 4000, "krijgt nr. 1 (31311) op stuk nr. 1 " * 3000,
    "krijgt nr. 1, was nr. " * 4000, "moties: 29911-226; " * 4000, "moties aan te houden: 21501-08-" * 3000,
    "bij 27565, de motie op stuk nr. 70 " * 3000, "27565, de motie op stuk " * 4000,
]
# Runs of the named-reference syntax, through the whole extraction (patterns and resolution).
NAMED_RUNS = [
    "brief van de Minister van " * 3000, "commissiedebat Discriminatie, racisme " * 3000,
    "de heer Van " * 4000, "De heer Graus (PVV):\n" + "Dank u, meneer Graus. " * 3000,
    "leden der Kamer, te weten: " + "De Boer, " * 5000, "Op 6 augustus jl. heeft de " * 3000,
    "<sup>1</sup> Zie ook de " * 3000, "<sup>1</sup>\n<sup>1</sup> " + "Europees Comité, " * 4000,
    "brief inzake (Kamerstuk 30 950, nr. 1) " * 2000, "Kamerbrief «" * 4000, "AO d.d. 1/" * 5000,
    "X Noot\n1\n\n" * 3000, "woord1 " * 50000 + "X Noot\n1\n\n" * 3000, "art. 3:46 , " * 4000 + "Awb",
]


@pytest.mark.parametrize("text", NAMED_RUNS, ids=[t[:20] for t in NAMED_RUNS])
def test_named_reference_patterns_stay_linear(text):
    """Long runs of letter, debate, member and footnote syntax: time grows linearly."""
    assert_linear(lambda t: extract_text(t, "hostile.txt"), text)


@pytest.mark.parametrize("text", HOSTILE_RUNS, ids=[t[:20] for t in HOSTILE_RUNS])
def test_citation_patterns_stay_linear(text):
    """Long runs of citation syntax: time grows linearly."""
    assert_linear(lambda t: find_citations(t, dossier="30950"), text)
