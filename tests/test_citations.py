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
