"""Members and laws named in real text: what is a reference and what only looks like one."""

from pathlib import Path

import pytest

from policykg.loaders.document import extract_file, extract_text

SHARED = Path(__file__).parent.parent.parent / "shared"
AWGB_DECREE = SHARED / "real" / "2005_stcrt-BWBR0018792_instellingsbesluit-begeleidingscommissie-evaluatie-awgb.md"

MEMBER_ROWS = [
    # 2024_nds-tk-2024D19625_...: "De leden van de GroenLinks-PvdA-fractie" is a faction
    ("faction", "De leden van de GroenLinks-PvdA-fractie hebben kennisgenomen.", []),
    ("faction lower case", "Ook de leden van de Volt-fractie vragen dit.", []),
    # corpus 2023 letter: "het lid Van Baarle"
    ("member", "Tijdens het ordedebat heeft het lid Van Baarle gevraagd.", ["Van Baarle"]),
    ("two members", "De leden Mutluer en Ceder vragen dit.", ["Mutluer", "Ceder"]),
]


@pytest.mark.parametrize("text,expected", [r[1:] for r in MEMBER_ROWS], ids=[r[0] for r in MEMBER_ROWS])
def test_members_not_factions(text, expected):
    found = [r.name for r in extract_text(text, "t.txt").references if r.type == "member"]
    assert sorted(found) == sorted(expected)


def test_law_named_by_a_link_to_its_bwb_id():
    """A markdown link to a regulation names it; its path is not a citation of its own."""
    text = ("Op de Commissie is het [Vacatiegeldenbesluit 1988](../../AMvB/vacatiegeldenbesluit/1988/"
            "BWBR0004317/README.md) (Stb. 1988, 205) van toepassing.")
    refs = [(r.type, r.id, r.text) for r in extract_text(text, "t.md").references]
    assert refs == [("law", "BWBR0004317", "Vacatiegeldenbesluit 1988"),
                    ("staatsblad", "stb-1988-205", "Stb. 1988, 205")]


def test_linked_law_named_by_the_vocabulary_is_found_once():
    if not AWGB_DECREE.exists():
        pytest.skip("../shared/real is absent (CI has it beside the clone)")
    laws = [(r.id, r.text, r.rule) for r in extract_file(AWGB_DECREE).references if r.type in ("law", "bwb")]
    assert laws.count(("BWBR0004317", "Vacatiegeldenbesluit 1988", "law-link")) == 2
    assert all(rule in ("law-name", "law-link") for _, _, rule in laws)
    assert len([law for law in laws if law[0] == "BWBR0006502"]) == 6
