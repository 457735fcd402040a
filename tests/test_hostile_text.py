"""Arbitrary and hostile text: nothing raises, offsets are exact, output is deterministic."""

from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.loaders.document import extract_text
from policykg.loaders.layout import clean_text

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
    assert extract_text(text, "generated.txt") == first


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_clean_view_maps_every_character_back(text):
    view = clean_text(text)
    for i, char in enumerate(view.text):
        assert text[view.offset(i)] == char
    offsets = [view.offset(i) for i in range(len(view.text))]
    assert offsets == sorted(set(offsets))  # order kept, nothing duplicated
