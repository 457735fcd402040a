"""Work linear in the input (issue 15): line numbers from a line index, deep XML and HTML
read without recursion or a copy of the open elements per node, and a size limit per
source. No timing here (benchmarks/ingest_linearity.py measures); these check that the
results are right and that nothing overflows."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from policykg.cli import main
from policykg.graph.build import build_triples
from policykg.graph.ingest import ingest
from policykg.loaders.document import extract_file
from policykg.loaders.officielebekendmakingen import read_publication
from policykg.loaders.sources import check_size
from policykg.loaders.text import LineIndex, SourceError
from policykg.namespaces import PKG

from .conftest import CORPUS, ROOT
from .corpus_expected import KST

REAL = ROOT.parent / "shared" / "real"
DEPTH = 100_000
META = ('<metadata name="DC.identifier" content="kst-30950-319"/>'
        '<metadata name="DC.type" content="Kamerstuk"/>')


def _real_texts() -> list[Path]:
    return sorted(p for folder in (CORPUS, REAL) if folder.is_dir() for p in folder.iterdir()
                  if p.suffix in (".txt", ".md"))


@pytest.mark.parametrize("path", _real_texts(), ids=lambda p: p.name[:40])
def test_line_index_equals_a_count_from_the_start_on_real_files(path):
    text = path.read_text(encoding="utf-8")
    index = LineIndex(text)
    newlines = [i for i, c in enumerate(text) if c == "\n"]
    # every offset at and around each line break, and the ends
    offsets = {0, len(text), *(o + d for o in newlines for d in (-1, 0, 1) if 0 <= o + d <= len(text))}
    assert len(newlines) > 10
    assert all(index.line(o) == text.count("\n", 0, o) + 1 for o in sorted(offsets))


def test_evidence_lines_are_the_lines_of_their_spans():
    ex = extract_file(CORPUS / KST)
    lines = {}
    evidence_start = {}
    for s, p, o in build_triples(ex):
        if p.value == str(PKG.line):
            lines[s.value] = int(o.value)
        elif p.value == str(PKG.start):
            evidence_start[s.value] = int(o.value)
    assert len(lines) > 20 and lines.keys() == evidence_start.keys()
    assert all(lines[e] == ex.content.count("\n", 0, evidence_start[e]) + 1 for e in lines)


def test_a_publication_nested_100k_deep_loads_with_its_text(tmp_path):
    inner = "<al>Zie Kamerstuk 30 950, nr. 295.</al>"
    xml = (f"<officiele-publicatie>{META}" + "<div>" * DEPTH + inner + "</div>" * DEPTH
           + "<al>Slot.</al></officiele-publicatie>")
    path = tmp_path / "deep.xml"
    path.write_text(xml, encoding="utf-8")
    text, _, meta = read_publication(path)
    assert text == "Zie Kamerstuk 30 950, nr. 295.\n\nSlot.\n" and meta["identifier"] == "kst-30950-319"


def test_html_nested_100k_deep_with_unclosed_elements_loads(tmp_path):
    # 100k <div> and <span> never closed, then a <p> and </body>: the end tag closes
    # everything still open inside it, as a browser does
    html = ("<html><head><script>Kamerstuk 1 234, nr. 5</script></head><body>"
            + "<div><span>" * DEPTH + "<p>Zie Kamerstuk 30 950, nr. 295.</p></body><p>Daarna.</p></html>")
    path = tmp_path / "deep.html"
    path.write_text(html, encoding="utf-8")
    text, _, _ = read_publication(path)
    assert text == "Zie Kamerstuk 30 950, nr. 295.\n\nDaarna.\n"


def test_html_end_tag_without_start_and_hidden_text(tmp_path):
    html = ("<html><head><title>kop</title><style>p {}</style></head><body></div></span>"
            "<p>een <b>vet</p> woord</b><script>geheim</script><p>slot</p></body></html>")
    path = tmp_path / "odd.html"
    path.write_text(html, encoding="utf-8")
    assert read_publication(path)[0] == "een vet\n\nwoord\n\nslot\n"


def test_an_xml_encoding_python_does_not_know_is_a_source_error(tmp_path):
    path = tmp_path / "odd.xml"
    path.write_bytes(b'<?xml version="1.0" encoding="utf-8EEE"?><a><al>x</al></a>')
    with pytest.raises(SourceError, match="odd.xml"):
        read_publication(path)


def test_a_source_over_the_size_limit_fails_by_name_and_the_batch_loads(tmp_path, fresh_store):
    big, small = CORPUS / KST, CORPUS / "2024-01_beslisnota-monitor-lokaal-antidiscriminatiebeleid.txt"
    page = tmp_path / "page.json"
    page.write_text('{"value": [' + ", ".join(['{"Id": "x"}'] * 400) + "]}", encoding="utf-8")
    limit_mb = 5_000 / 1_000_000  # between the small file (2.4 KB) and the others (7.9 KB)
    report = ingest(fresh_store, [big, small, page], max_source_mb=limit_mb)
    assert report.loaded == [str(small)]
    failed = dict(report.failed)
    assert set(failed) == {str(big), str(page)}
    assert all("larger than the limit of 0.005 MB" in why and "--max-source-mb" in why for why in failed.values())
    assert str(big) in failed[str(big)]


def test_check_size_names_the_file_and_a_file_at_the_limit_passes(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 1000)
    check_size(path, 0.001)  # exactly 1,000 bytes: at the limit
    with pytest.raises(SourceError, match=r"a\.txt: 1,000 bytes .* larger than the limit of 0\.000999 MB"):
        check_size(path, 0.000999)


def test_ingest_max_source_mb_option(tmp_path):
    small = CORPUS / "2024-01_beslisnota-monitor-lokaal-antidiscriminatiebeleid.txt"
    result = CliRunner().invoke(main, ["ingest", "-q", "--store", str(tmp_path / "s"), "--max-source-mb", "0.005",
                                       str(CORPUS / KST), str(small)])
    assert result.exit_code == 1
    assert "1 loaded, 0 unchanged, 1 failed" in result.output
    assert f"{CORPUS / KST}: 7,883 bytes (0.0 MB), larger than the limit of 0.005 MB" in result.output


def test_a_word_document_nested_100k_deep_loads(tmp_path):
    from policykg.loaders.docx import read_docx

    from .docx_writer import paragraph, write_docx

    body = ["<w:sdt><w:sdtContent>" * DEPTH + paragraph("Zie Kamerstuk 30 950, nr. 295.")
            + "</w:sdtContent></w:sdt>" * DEPTH,
            "<w:tbl><w:tr><w:tc>" * 1000 + paragraph("cel") + "</w:tc></w:tr></w:tbl>" * 1000]
    text = read_docx(write_docx(tmp_path / "deep.docx", body))[0]
    assert text == "Zie Kamerstuk 30 950, nr. 295.\n\ncel\n"


@pytest.mark.parametrize("markup", ["<p>a</p><![ unri", "<p>a</p><![te[x]]>"])
def test_html_that_html_parser_gives_up_on_is_a_source_error(tmp_path, markup):
    # found by tests/fuzz.py: html.parser raises AssertionError on a bad marked section
    path = tmp_path / "odd.html"
    path.write_text(markup, encoding="utf-8")
    with pytest.raises(SourceError, match=r"odd\.html: not readable HTML"):
        read_publication(path)
