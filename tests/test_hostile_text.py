"""Arbitrary and hostile text: nothing raises, offsets are exact, output is deterministic."""

from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.loaders.document import extract_text

# Fragments of real citation syntax, so generated text exercises the patterns.
FRAGMENTS = st.sampled_from([
    "Kamerstuk", "Kamerstukken II", " 30 950", ", nr. ", "nrs. ", " en ", "2019/20", ",", " ", "\n",
    "<sup>4</sup>", "de motie van het lid ", "Mutluer", " c.s.", "Stcr.", "*", " 2022", "11349",
    "Handelingen", "item 7", "NCDR", "Staatscommissie", "zie onder andere (", ")", "Datum ", "Betreft ",
    "brief van 27 juni 2022", "ten grondslag", "die zien op ", ".", "é", "Artikel 1 van onze ", "Grondwet",
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
