"""PDF sources: a corpus letter written as a letter-layout PDF yields the same
references and metadata as its text; encrypted, scanned and corrupt PDFs are
refused with a clear message, and the rest of a batch still loads."""

import re
from collections import Counter

import pytest
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from policykg.graph.ingest import ingest
from policykg.loaders.document import extract_file
from policykg.loaders.pdf import read_pdf
from policykg.loaders.pdf_layout import Word, _gutters
from policykg.loaders.text import SourceError

from .conftest import CORPUS
from .corpus_expected import RACISME
from .pdf_letter import letter_parts, write_letter_pdf

HEADER = ["Aan de Voorzitter van de Tweede Kamer der Staten-Generaal", "Postbus 20018", "2500 EA Den Haag", "",
          "Datum 25 januari 2023", "Betreft Aanpak (institutioneel) racisme", ""]
SIDE = ["Directie Ambtenaar en", "Organisatie", "Minister van BZK", "Turfmarkt 147", "Den Haag",
        "www.rijksoverheid.nl", "", "Kenmerk", "2023-0000048297"]


@pytest.fixture(scope="module")
def letter_pdf(tmp_path_factory):
    """The 2023 letter of the corpus in the Rijksoverheid letter layout."""
    body, notes = letter_parts((CORPUS / RACISME).read_text(encoding="utf-8"))
    path = tmp_path_factory.mktemp("pdf") / "2023-01-25_kamerbrief-aanpak-institutioneel-racisme.pdf"
    write_letter_pdf(path, HEADER, body[body.index("Tijdens het ordedebat"):], notes, SIDE,
                     ["Kenmerk", "2023-0000048297"])
    return path


def _references(ex):
    return Counter((r.type, r.id or r.date or r.name) for r in ex.references)


def test_pdf_yields_the_references_of_the_text(letter_pdf):
    from_text, from_pdf = extract_file(CORPUS / RACISME), extract_file(letter_pdf)
    assert _references(from_pdf) == _references(from_text)
    for ref in from_pdf.references:
        assert from_pdf.content[ref.start:ref.end] == ref.text  # offsets point into the produced text


def test_pdf_yields_the_metadata_of_the_text(letter_pdf):
    text_meta, pdf_meta = extract_file(CORPUS / RACISME).metadata, extract_file(letter_pdf).metadata
    for field in ("kind", "date", "kenmerk", "sender", "title"):
        assert getattr(pdf_meta, field) == getattr(text_meta, field), field


def test_layout_noise_is_gone_and_words_are_joined(letter_pdf):
    text, digest = read_pdf(letter_pdf)
    assert "Pagina" not in text and text.count("2023-0000048297") == 1  # side column kept once
    assert "discri-" not in text and "discriminatie aanlopen" in text  # hyphenation joined
    assert "geloofsovertuiging.<sup>1</sup>" in text and "<sup>3</sup> Kamerstukken 2021/22, 30950, nr. 315" in text
    assert digest.startswith("sha256:") and read_pdf(letter_pdf) == (text, digest)  # deterministic


def _encrypted(path, source):
    writer = PdfWriter(clone_from=PdfReader(source))
    writer.encrypt(user_password="secret", owner_password="owner")
    writer.write(path)


def _scanned(path):
    canvas = Canvas(str(path), pagesize=A4)
    canvas.rect(60, 400, 400, 300, fill=1)  # an image of a page, no text layer
    canvas.showPage()
    canvas.save()


@pytest.mark.parametrize("kind,problem", [
    ("encrypted", "encrypted PDF"), ("scanned", "no text layer (a scan?); OCR is out of scope"),
    ("corrupt", "corrupt PDF"), ("not-pdf", "not a PDF"),
])
def test_bad_pdfs_are_refused_clearly(tmp_path, letter_pdf, kind, problem):
    path = tmp_path / f"{kind}.pdf"
    if kind == "encrypted":
        _encrypted(path, letter_pdf)
    elif kind == "scanned":
        _scanned(path)
    elif kind == "corrupt":
        path.write_bytes(letter_pdf.read_bytes()[:3000])
    else:
        path.write_bytes(b"\x00\x01binary junk")
    with pytest.raises(SourceError) as info:
        read_pdf(path)
    message = str(info.value)
    assert message.startswith(str(path)) and problem in message and "\n" not in message


def test_bad_sources_in_a_batch_are_named_and_the_rest_loads(fresh_store, tmp_path, letter_pdf):
    (tmp_path / "corrupt.pdf").write_bytes(letter_pdf.read_bytes()[:3000])
    (tmp_path / "truncated.json").write_text('{"value": [{"Id": ', encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "latin1.txt").write_bytes("Kamerstuk 30 950, nr. 295 \xe9".encode("latin-1"))
    (tmp_path / "good.txt").write_text("Zie Kamerstuk 30 950, nr. 295.", encoding="utf-8")
    report = ingest(fresh_store, [tmp_path])
    failed = {name.rsplit("/", 1)[-1]: reason for name, reason in report.failed}
    assert set(failed) == {"corrupt.pdf", "truncated.json", "binary.txt", "latin1.txt"}
    assert all(str(tmp_path) in reason and "\n" not in reason for reason in failed.values())
    assert [p.rsplit("/", 1)[-1] for p in report.loaded] == ["good.txt"]


# Layouts the real samples do not have: two columns, a table, text set at an angle.
_PHRASE = "de minister heeft de Kamer op tijd geïnformeerd over het beleid en de uitvoering".split()


def _numbered(tag: str, count: int, words: int) -> list[str]:
    return [f"{tag}{i:02d} " + " ".join(_PHRASE[(i + k) % len(_PHRASE)] for k in range(words)) for i in range(count)]


def _order(text: str, tag: str) -> list[str]:
    return re.findall(rf"\b{tag}\d\d\b", text)


def test_two_columns_are_read_one_after_the_other(tmp_path):
    """Staatscourant-like page: a title over two columns of running text; the left
    column is read whole before the right, the title first."""
    path = tmp_path / "columns.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont("Helvetica-Bold", 14)
    canvas.drawString(57, 800, "Besluit van de minister over de twee kolommen van deze pagina")
    canvas.setFont("Helvetica", 9)
    for x, tag in ((57, "L"), (307, "R")):
        for i, line in enumerate(_numbered(tag, 50, 5)):
            canvas.drawString(x, 770 - i * 12, line)
    canvas.showPage()
    canvas.save()
    text, _ = read_pdf(path)
    assert text.startswith("Besluit van de minister")
    assert re.findall(r"\b[LR]\d\d\b", text) == [f"L{i:02d}" for i in range(50)] + [f"R{i:02d}" for i in range(50)]


def test_a_table_keeps_its_row_order(tmp_path):
    path = tmp_path / "table.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont("Helvetica", 10)
    for r in range(8):
        for k, x in enumerate((70, 230, 390)):
            canvas.drawString(x, 750 - r * 16, f"rij{r} kolom{k}")
    for i, line in enumerate(_numbered("T", 10, 10)):
        canvas.drawString(70, 600 - i * 13, line)
    canvas.showPage()
    canvas.save()
    text, _ = read_pdf(path)
    cells = re.findall(r"rij\d kolom\d", text)
    assert cells == [f"rij{r} kolom{k}" for r in range(8) for k in range(3)]
    assert _order(text, "T") == [f"T{i:02d}" for i in range(10)]


def test_rotated_pages_and_turned_text_read_upright(tmp_path):
    """A landscape page stored with /Rotate 90 and a block of text turned up the page
    (words with upright=False) come out as words and lines in their own order."""
    source, path = tmp_path / "flat.pdf", tmp_path / "rotated.pdf"
    canvas = Canvas(str(source), pagesize=A4)
    canvas.setFont("Helvetica", 10)
    canvas.drawString(70, 780, "Deze pagina staat rechtop.")
    canvas.saveState()
    canvas.translate(300, 300)
    canvas.rotate(90)
    for i, line in enumerate(_numbered("U", 3, 6)):
        canvas.drawString(0, -i * 13, line)
    canvas.restoreState()
    canvas.showPage()
    canvas.setPageSize((A4[1], A4[0]))
    canvas.setFont("Helvetica", 10)
    for i, line in enumerate(_numbered("Q", 6, 9)):
        canvas.drawString(70, 500 - i * 13, line)
    canvas.showPage()
    canvas.save()
    writer = PdfWriter(clone_from=PdfReader(source))
    writer.pages[1].rotate(90)
    writer.write(path)
    text, _ = read_pdf(path)
    lines = text.splitlines()
    for line in _numbered("U", 3, 6) + _numbered("Q", 6, 9):
        assert line in lines
    assert _order(text, "U") == ["U00", "U01", "U02"] and _order(text, "Q") == [f"Q{i:02d}" for i in range(6)]
    assert text.index("Deze pagina staat rechtop.") < text.index("U00") < text.index("Q00")


def test_a_glyph_far_off_the_page_costs_no_memory():
    """Gutters are found from where the words are, not by walking every point of the x-range
    (a stray glyph at x = 10**12 once asked for a list of 10**12 counters)."""
    words = [Word("links", 10, 60, 0, 10, 10), Word("rechts", 200, 260, 0, 10, 10),
             Word("ver", 1e12, 1e12 + 20, 0, 10, 10)]
    gutters = _gutters(words, 20, 0)
    assert [(g.left, g.right) for g in gutters[:1]] == [(60.5, 199.5)]
    assert len(gutters) == 2
