"""The PDF loader on real PDFs nobody here made (../shared/samples/*.pdf, so a new
one is covered): it keeps the words that pdfplumber's plain ``extract_text`` finds
on the same pages, in reading order, and the footnotes of a typeset Kamerstuk
come out whole, each citation with its own number.

The reference is the plain text with page furniture counted once: a line at the
top or bottom of a page that recurs on other pages (digits aside) is the running
header or footer, which the loader keeps once; a page number alone ("2/10",
"Pagina 2 van 3") is dropped by design. Words are compared after joining words
hyphenated across lines ("Kamer-" / "stukken") in both texts, splitting words at
hyphens, and setting footnote markers apart ("Apple.46", "<sup>46</sup>").
"""

import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from policykg.loaders.document import extract_file
from policykg.loaders.pdf import read_pdf

SAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "samples"
ABSENT = "../shared/samples is not beside the clone (CI has it): the real PDFs are read from there"
PDFS = sorted(SAMPLES.glob("*.pdf")) if SAMPLES.is_dir() else []
KST_35538_4 = "2020-08-21_kst-35538-4_advies-raad-van-state-nader-rapport-coronamelder.pdf"

_EDGE_TOP, _EDGE_BOTTOM = 2, 3  # lines of a page's plain text where header and footer stand
_PAGE_NUMBER = re.compile(r"(?:[Pp]agina )?\d{1,4}(?:(?: van |/)\d{1,4})?")
_SOFT_HYPHEN = re.compile(r"([a-zà-ÿ])-\n[ \t]{0,4}([a-zà-ÿ])")
_GLUED_MARKER = re.compile(r"([^\W\d_][.,;:»”’)\"]{0,2})(\d{1,3})(?=\s|$)")
_PUNCTUATION = ".,;:()[]{}\"'“”‘’!?«»*•–—/"


def _reference(path: Path) -> str:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        pages = [(page.extract_text() or "").split("\n") for page in pdf.pages]
    edges = [set(lines[:_EDGE_TOP] + lines[-_EDGE_BOTTOM:]) for lines in pages]
    recurring = Counter(re.sub(r"\d+", "#", line) for edge in edges for line in edge)
    seen, out = set(), []
    for lines in pages:
        for i, line in enumerate(lines):
            key = re.sub(r"\d+", "#", line)
            if i < _EDGE_TOP or i >= len(lines) - _EDGE_BOTTOM:
                if _PAGE_NUMBER.fullmatch(line.strip()):
                    continue
                if recurring[key] >= 2 and key in seen:
                    continue
                seen.add(key)
            out.append(line)
    return "\n".join(out)


@cache
def _loaded(path: Path) -> str:
    return read_pdf(path)[0]


@cache
def _extracted(path: Path):
    return extract_file(path)


def _words(text: str) -> list[str]:
    text = re.sub(r"<sup>(\d{1,3})</sup>", r" \1 ", text)
    text = _GLUED_MARKER.sub(r"\1 \2", text)
    text = _SOFT_HYPHEN.sub(r"\1\2", text)
    words = (w.strip(_PUNCTUATION) for token in text.split() for w in re.split(r"[-‐­]", token))
    return [w for w in words if w]


def _common_subsequence(a: list[str], b: list[str]) -> int:
    """Length of the longest common subsequence (bit-parallel, fast on long texts)."""
    ids: dict[str, int] = {}
    positions: dict[int, int] = {}
    for i, word in enumerate(b):
        key = ids.setdefault(word, len(ids))
        positions[key] = positions.get(key, 0) | (1 << i)
    row = 0
    for word in a:
        match = positions.get(ids.get(word, -1), 0)
        both = row | match
        row = both & ~(both - ((row << 1) | 1))
    return bin(row).count("1")


def test_common_subsequence_counts_order():
    assert _common_subsequence("a b c d".split(), "a c b d".split()) == 3
    assert _common_subsequence("a b c".split(), "x y".split()) == 0


@pytest.fixture(params=PDFS or [None], ids=lambda p: p.name if p else "absent")
def pdf(request):
    if request.param is None:
        pytest.skip(ABSENT)
    return request.param


def test_every_word_of_the_page_is_kept(pdf):
    """At least 99.5 % of the plain text's words (as a multiset) are in the loader's text."""
    reference, loaded = Counter(_words(_reference(pdf))), Counter(_words(_loaded(pdf)))
    lost = reference - loaded
    kept = 1 - sum(lost.values()) / sum(reference.values())
    assert kept >= 0.995, f"{pdf.name}: {kept:.4f} of the words kept; lost {sorted(lost.items())[:40]}"


def test_words_come_in_reading_order(pdf):
    """The loader's words follow the plain text's order: a common subsequence of at
    least 99 % of the words (footnotes stand after their page's body in both)."""
    reference, loaded = _words(_reference(pdf)), _words(_loaded(pdf))
    in_order = _common_subsequence(reference, loaded) / len(reference)
    assert in_order >= 0.99, f"{pdf.name}: {in_order:.4f} of the words in order"


def _kamerstuk():
    path = SAMPLES / KST_35538_4
    if not path.is_file():
        pytest.skip(ABSENT)
    return path


def test_running_header_is_kept_once_at_the_top():
    text = _loaded(_kamerstuk())
    header = "Tweede Kamer, vergaderjaar 2019–2020, 35 538, nr. 4"
    assert text.startswith(header + "\n")
    assert text.count(header) == 2  # the header once, and the imprint of the first page
    assert "’s-Gravenhage 2020 Tweede Kamer, vergaderjaar 2019–2020, 35 538, nr. 4" in text


def test_typeset_footnotes_are_whole_and_numbered():
    """Footnote numbers set on a line of their own above the note become ``<sup>N</sup>``
    notes on one line, so a citation broken over two lines stays whole."""
    text = _loaded(_kamerstuk())
    notes = dict(re.findall(r"(?m)^<sup>(\d{1,2})</sup> ([^\n]{1,2000})$", text))
    assert sorted(map(int, notes)) == list(range(1, 63))
    assert notes["3"].endswith("Bijlage 929506 bij Kamerstukken II 2019/20, 25 295, nr. 219.")
    assert notes["49"] == "Aanwijzing 2.24, Aanwijzingen voor de regelgeving."
    assert "contactopsporing.<sup>13</sup>" in text  # the marker in the body


@pytest.mark.parametrize("number,kamerstuk,cited", [
    ("3", "kst-25295-219", "Kamerstukken II 2019/20, 25 295, nr. 219"),
    ("48", "kst-35447-4", "Kamerstukken II 2019/20, 35 447, nr. 4"),
    ("50", "kst-35515-4", "Kamerstukken II 2019/20, 35 515, nr. 4"),
])
def test_kamerstuk_citations_in_footnotes_come_out_whole(number, kamerstuk, cited):
    """`policykg extract` finds each Kamerstuk citation of the footnotes, with its own number
    (not cut at the line break, not glued to the next footnote's number)."""
    ex = _extracted(_kamerstuk())
    found = [r for r in ex.references if r.type == "kamerstuk" and r.id == kamerstuk]
    assert [r.text for r in found] == [cited]
    line_start = ex.content.rfind("\n", 0, found[0].start) + 1
    assert ex.content.startswith(f"<sup>{number}</sup> ", line_start)
    assert {r.id for r in ex.references if r.type == "kamerstuk"} <= {"kst-25295-219", "kst-35447-4",
                                                                       "kst-35515-4", "kst-35538-4"}
