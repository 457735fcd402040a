"""Citation forms of ../shared/GLOSSARY.md, one row each: (text, expected ids)."""

import pytest

from policykg.loaders.find import find_citations

ROWS = [
    # Forms seen in the corpus
    ("Kamerstuk 30 950, nr. 295", ["kst-30950-295"]),
    ("Kamerstukken II 2019/2020, 26150, nr. 185", ["kst-26150-185"]),
    ("Kamerstukken II 2019/20, 30950, nr. 185", ["kst-30950-185"]),
    ("Kamerstukken 2021/22, 30950, nr. 315", ["kst-30950-315"]),
    ("kamerstukken II, 2021/22, 30950, \nnr. 316, pag 24-25", ["kst-30950-316"]),
    ("Kamerstukken II 2021/22, 31 490, nr. 317", ["kst-31490-317"]),
    ("*Stcr.* 2022, 11349", ["stcrt-2022-11349"]),
    # Forms in the wild (glossary: "Other forms exist in the wild")
    ("Kamerstukken I 2014/15, 33802, C", ["kst-33802-C"]),
    ("Kamerstuk 36 200 VII, nr. 12", ["kst-36200-VII-12"]),
    ("Kamerstuk 36200-VII, nr. 12", ["kst-36200-VII-12"]),
    ("Kamerstuk 30 950, nrs. 293 en 296", ["kst-30950-293", "kst-30950-296"]),
    ("Handelingen II 2019/20, nr. 85, item 7", ["h-tk-20192020-85-7"]),
    ("Aanhangsel Handelingen II 2022/23, nr. 1234", ["ah-tk-20222023-1234"]),
    ("Stb. 2021, 123", ["stb-2021-123"]),
    ("Stcrt. 2022, 11349", ["stcrt-2022-11349"]),
    ("Trb. 2020, 45", ["trb-2020-45"]),
    ("zie ECLI:NL:HR:2005:AT4537.", ["ECLI:NL:HR:2005:AT4537"]),
    ("BWBR0001840", ["BWBR0001840"]),
    ("zie kst-30950-295 en stcrt-2022-11349", ["kst-30950-295", "stcrt-2022-11349"]),
    # Not citations
    ("In 2021 is de Nationaal Coördinator gestart; 30 950 mensen, nr. 3", []),
    ("de Kamerstukken die ik noemde", []),
]


@pytest.mark.parametrize("text,expected", ROWS, ids=[r[0][:40] for r in ROWS])
def test_citation_form(text, expected):
    refs = find_citations(text)
    assert [r.id for r in refs if r.id] == expected
    for ref in refs:
        assert text[ref.start:ref.end] == ref.text
