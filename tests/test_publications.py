"""officielebekendmakingen XML and HTML: identifier and metadata from the
publication's metadata, the same references as the markdown, and XML with a
DTD or external entity refused without fetching or expanding anything."""

from collections import Counter

import pytest

from policykg.graph.ingest import ingest
from policykg.loaders.document import extract_file
from policykg.loaders.officielebekendmakingen import read_publication
from policykg.loaders.text import SourceError

from .conftest import CORPUS
from .corpus_expected import KST
from .ob_publication import write_publication


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    return write_publication(tmp_path_factory.mktemp("ob"), (CORPUS / KST).read_text(encoding="utf-8"))


@pytest.mark.parametrize("kind", ["xml", "html"])
def test_identifier_and_metadata_come_from_the_publication(published, kind):
    ex = extract_file(published[kind])  # file name "publication.*": nothing to guess from
    meta = ex.metadata
    assert ex.key == "kst-30950-319" and meta.identifier == "kst-30950-319"
    expected = ("Letter", "2022-10-21", "30950", "H.G.J. Bruins Slot")
    assert (meta.kind, meta.date, meta.dossier, meta.signatory) == expected


@pytest.mark.parametrize("kind", ["xml", "html"])
def test_same_references_as_the_markdown(published, kind):
    def refs(ex):
        return Counter((r.type, r.id, r.submitters) for r in ex.references)
    assert refs(extract_file(published[kind])) == refs(extract_file(CORPUS / KST))


def test_html_scripts_and_head_are_not_text(published):
    text, _, _ = read_publication(published["html"])
    assert "1 234, nr. 5" not in text and "<title>" not in text


XXE = """<?xml version="1.0"?>
<!DOCTYPE kamerstuk [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
<kamerstuk><al>&secret;</al></kamerstuk>
"""
BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<kamerstuk><al>&lol2;</al></kamerstuk>
"""


@pytest.mark.parametrize("content", [XXE, BOMB], ids=["external-entity", "entity-expansion"])
def test_xml_with_entities_is_refused(tmp_path, content):
    path = tmp_path / "hostile.xml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(SourceError) as info:
        read_publication(path)
    assert str(path) in str(info.value) and "DOCTYPE" in str(info.value)


def test_bad_xml_in_a_batch_is_named_and_the_rest_loads(fresh_store, tmp_path, published):
    (tmp_path / "hostile.xml").write_text(XXE, encoding="utf-8")
    (tmp_path / "broken.xml").write_text("<kamerstuk><al>unclosed", encoding="utf-8")
    (tmp_path / "kst.xml").write_bytes(published["xml"].read_bytes())
    (tmp_path / "kst.metadata.xml").write_bytes(published["metadata"].read_bytes())
    report = ingest(fresh_store, [tmp_path])  # the folder: kst.metadata.xml is read with kst.xml, not alone
    reasons = dict(report.failed)
    assert "refused" in reasons[str(tmp_path / "hostile.xml")]
    assert "not well-formed XML" in reasons[str(tmp_path / "broken.xml")]
    assert report.loaded == [str(tmp_path / "kst.xml")]
