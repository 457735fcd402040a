"""PDF layout: the clean view, footnotes in both layouts, named references resolved."""

from policykg.loaders.document import extract_file, extract_text
from policykg.loaders.footnotes import find_footnotes
from policykg.loaders.layout import clean_text

from .conftest import CORPUS
from .corpus_expected import RACISME, VN

LETTER = """Directie X
Datum
14 maart 2024
Aan de Kamer. Zie Kamer-
Directie X
stukken II 2022/23, 30950,
1
nr. 338, p. 3, en de Staten-
Generaal.
Directie X
Pagina 1 van 2
"""


def test_clean_view_drops_template_lines_and_joins_hyphenated_words():
    view = clean_text(LETTER)
    assert "Kamerstukken II 2022/23, 30950,\nnr. 338" in view.text
    assert "Directie X" not in view.text and "Pagina" not in view.text and "Datum" not in view.text
    assert "Staten-\nGeneraal" in view.text  # capital after the hyphen: a real hyphen


def test_citation_through_layout_noise_keeps_original_offsets():
    refs = [r for r in extract_text(LETTER, "letter.txt").references if r.type == "kamerstuk"]
    assert [r.id for r in refs] == ["kst-30950-338"]
    assert refs[0].text == LETTER[refs[0].start:refs[0].end]
    assert refs[0].text.startswith("Kamer-\nDirectie X\nstukken") and refs[0].pinpoint == "p. 3"


def test_pdf_footnotes_on_own_line_and_glued():
    vn = find_footnotes((CORPUS / VN).read_text(encoding="utf-8"))
    assert sorted(vn.bodies) == ["1", "3"]  # footnote 2 was cut from the source with its page
    assert vn.bodies["3"].text == "Kamerstukken II 2019/20, 30950, nr. 185."
    racisme = find_footnotes((CORPUS / RACISME).read_text(encoding="utf-8"))
    assert sorted(racisme.bodies) == ["1", "2", "3", "4", "5"]
    assert racisme.bodies["4"].text.endswith("30950, \nnr. 316, pag 24-25")  # runs onto a second line
    assert racisme.markers["3"].start < racisme.bodies["3"].start


def test_numbered_list_without_markers_is_not_a_footnote():
    text = "Bijlagen\n1 Concept kabinetsreactie\n2 Rapport van Amnesty\n"
    assert find_footnotes(text).bodies == {}


def test_letter_by_date_resolved_through_its_footnote():
    refs = extract_file(CORPUS / VN).references
    letters = {r.text: r for r in refs if r.type == "letter"}
    letter = letters["Kamerbrief d.d. 27 januari 2020"]
    assert letter.id == "kst-26150-185" and letter.footnote == "1" and letter.date == "2020-01-27"
    assert letters["voortgangsbrief van 15 juni \n2020"].id == "kst-30950-185"


def test_motion_footnote_in_pdf_text_with_sentence_as_quote():
    text = ("Wij voeren de motie van het lid Simons c.s.4 uit. Ook iets anders.\n\n"
            "4 Kamerstukken II 2022/23, 30 950, nr. 349.\n")
    motion = next(r for r in extract_text(text, "x.txt").references if r.type == "motion")
    assert (motion.id, motion.submitters, motion.footnote) == ("kst-30950-349", ("Simons",), "4")
    assert text[motion.sentence[0]:motion.sentence[1]] == "Wij voeren de motie van het lid Simons c.s.4 uit."
