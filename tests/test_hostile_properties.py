"""Property-based: generated hostile Open Data records, curation rows, XML/HTML trees,
search API answers and IRIs. Whatever they hold, policykg never raises an uncaught exception: a source is
loaded, or it is named with its problem (file and reason), and what was loaded before
stays. See tests/test_hostile_input.py for the cases found by hand, one test each."""

import copy
import csv
import io
import json
import logging
import tempfile
from contextlib import contextmanager
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policykg.errors import CurationError, FetchError, SourceError
from policykg.graph import iris
from policykg.graph.curation import load_curation
from policykg.graph.ingest import ingest, ingest_tk_page
from policykg.graph.store import Store
from policykg.loaders.document import extract_file
from policykg.loaders.officielebekendmakingen import parse_xml
from policykg.loaders.sources import read_source
from policykg.loaders.sru import parse_page

from .conftest import CORPUS
from .tk_server import FIXTURES

ZAKEN = json.loads((FIXTURES / "zaken-30950.json").read_text(encoding="utf-8"))
TOEZEGGINGEN = json.loads((FIXTURES / "toezeggingen-30950.json").read_text(encoding="utf-8"))["value"]
GOOD_PAGE = FIXTURES / "zaak-2023Z02330.json"
GOOD_GRAPH = iris.motion_graph("kst-30950-330")
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# What the data's traps and an adversary put where text, numbers, dates and ids go.
HOSTILE = ["", " ", "a b", '"', ">", "<a>", "\\", "{}", "%", "\ud800", "\udfff x", "\x00", "\x07", "\u202e", "\ufeff",
           "٢٩٥", "295", " 293 ", "-1", "1e9", "2022-13-45", "2022-02-30T00:00:00", " 2020-07-01", "2020-07-01x",
           "0001-01-01T00:00:00Z", "t.v.v. 30950-229", "t.v.v. ٣٠٩٥٠-٢٢٩", "TZ202007-015", "TZ٢٠٢٠٠٧-٠١٥", "kst-1 2",
           "VII", "VII-02", "(R2107)", "Motie", "motie", "Indiener", "Medeindiener", "Besluit", "aangenomen",
           "Voor", "Plenair debat", "2025D12345", "x" * 5000]
TEXT = (st.sampled_from(HOSTILE) | st.text(st.characters(exclude_categories=()), max_size=16)
        | st.characters(categories=["Cs"]).map(lambda c: f"D{c}66"))  # a lone surrogate, as JSON may escape one
JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | TEXT,
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
                    max_leaves=10)
VALUE = st.one_of(TEXT, TEXT, JSON)  # most fields hold text


def _paths(prefix: tuple, keys: str) -> list[tuple]:
    return [prefix + (key,) for key in keys.split()]


ZAAK_PATHS = (_paths((), "Soort Nummer Id Titel Onderwerp GestartOp GewijzigdOp Verwijderd Kabinetsappreciatie "
                         "Vergaderjaar Document ZaakActor Besluit Kamerstukdossier")
              + _paths(("Document", 0), "Soort Volgnummer Datum Titel Onderwerp Kamerstukdossier DocumentNummer "
                                        "GewijzigdOp Verwijderd Zaak")
              + _paths(("Document", 0, "Kamerstukdossier", 0), "Nummer Toevoeging Titel Verwijderd")
              + _paths(("ZaakActor", 0), "ActorNaam ActorFractie Relatie GewijzigdOp Verwijderd")
              + _paths(("Besluit", 0), "Status BesluitSoort BesluitTekst GewijzigdOp Stemming Verwijderd")
              + _paths(("Besluit", 0, "Stemming", 0), "ActorFractie ActorNaam Soort FractieGrootte Vergissing "
                                                      "GewijzigdOp"))
TOEZEGGING_PATHS = (_paths((), "Id Nummer Tekst Naam Voornaam Achternaam Initialen Tussenvoegsel Functie Status "
                               "DatumNakoming Aanmaakdatum Ministerie GewijzigdOp Verwijderd Activiteit "
                               "KamerbriefNakoming")
                    + _paths(("Activiteit", 0), "Nummer Soort Datum Onderwerp Zaak GewijzigdOp")
                    + _paths(("Activiteit", 0, "Zaak", 0, "Document", 0), "Volgnummer Kamerstukdossier Soort")
                    + _paths(("KamerbriefNakoming", 0), "DocumentNummer Datum Soort Kamerstukdossier Volgnummer"))


def _set(record, path: tuple, value) -> None:
    """``record[path] = value`` where the path leads somewhere; otherwise nothing."""
    target = record
    for step in path[:-1]:
        fits = (isinstance(target, dict) and isinstance(target.get(step), dict | list)) or (
            isinstance(target, list) and isinstance(step, int) and step < len(target))
        if not fits:
            return
        target = target[step]
    if isinstance(target, dict):
        target[path[-1]] = value


@st.composite
def hostile_record(draw):
    """A real Zaak or Toezegging record with a few values replaced by hostile ones, or any JSON."""
    if draw(st.integers(0, 9)) == 0:
        return draw(JSON)
    zaak = draw(st.booleans())
    record = copy.deepcopy(draw(st.sampled_from(ZAKEN if zaak else TOEZEGGINGEN)))
    for path, value in draw(st.lists(st.tuples(st.sampled_from(ZAAK_PATHS if zaak else TOEZEGGING_PATHS), VALUE),
                                     min_size=1, max_size=5)):
        _set(record, path, value)
    return record


def _wrapped(records: list, how: str):
    if how == "page":
        return {"@odata.context": "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/$metadata#Zaak",
                "value": records}
    if how == "toezegging page":
        return {"@odata.context": "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/$metadata#Toezegging",
                "value": records}
    return records[0] if how == "record" else records


@contextmanager
def _logged_tracebacks():
    """Log records with a traceback (rdflib logs one for an ill-typed literal), collected."""
    found: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = lambda record: found.append(record) if record.exc_info else None  # type: ignore[method-assign]
    logging.getLogger().addHandler(handler)
    try:
        yield found
    finally:
        logging.getLogger().removeHandler(handler)


@pytest.fixture(scope="module")
def store_with_a_motion():
    """An in-memory store that holds a good motion before any hostile page is loaded."""
    store = Store()
    assert ingest(store, [GOOD_PAGE]).motions == 1
    return store


@SETTINGS
@given(records=st.lists(hostile_record(), min_size=1, max_size=3),
       how=st.sampled_from(["page", "toezegging page", "list", "record"]))
def test_hostile_open_data_is_loaded_or_named_never_raised(store_with_a_motion, records, how):
    with tempfile.TemporaryDirectory() as folder, _logged_tracebacks() as tracebacks:
        path = Path(folder) / "hostile.json"
        path.write_text(json.dumps(_wrapped(records, how)), encoding="utf-8")
        try:
            load = ingest_tk_page(store_with_a_motion, path)
        except SourceError as exc:
            assert str(exc).startswith(f"{path}: ")
        else:
            assert load.failed == []  # every record read is stored: no graph a store refuses
            named = [str(u) for u in load.found.unplaced] + [str(n) for n in load.found.not_loadable]
            assert all(line.startswith("hostile.json: ") for line in named)
    assert not tracebacks, [r.getMessage() for r in tracebacks]
    assert GOOD_GRAPH in store_with_a_motion.graph_names()  # nothing loaded before is lost


# --- curation rows ------------------------------------------------------------------------------

CELLS = ["", " ", "assert", "reject", " Assert ", "cites", "ledTo", "nope", "kst-30950-295", "kst-30950-319",
         "oep:kst-30950-295", "pkgid:", "pkgid:person/x y", "http://a b", "https://x/<y>", "https://ok.example/x",
         "http://a\x00b", "http://a\x07", "<>", '"', "=1+1", "\ufeff", "a,b", "a\nb", '"quoted"', "\x00",
         "Nationaal Coördinator tegen Discriminatie en Racisme", "x" * 140_000]
CELL = st.sampled_from(CELLS) | st.text(st.characters(exclude_categories=("Cs",)), max_size=16)
COLUMNS = ["action", "subject", "relation", "object", "curator", "note"]


@st.composite
def curation_file(draw) -> bytes:
    """A curation CSV as a person, a spreadsheet or an adversary writes it."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.binary(max_size=200))
    header = draw(st.sampled_from([COLUMNS, COLUMNS[::-1], COLUMNS[:4], COLUMNS + ["extra"], ["\ufeffaction"]
                                   + COLUMNS[1:], [" action "] + COLUMNS[1:]]))
    rows = draw(st.lists(st.lists(CELL, min_size=0, max_size=8), max_size=4))
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    text = buffer.getvalue()
    if draw(st.booleans()):  # written by hand: no quoting at all
        text = "\n".join(",".join(row) for row in [header, *rows])
    return (b"\xef\xbb\xbf" if draw(st.booleans()) else b"") + text.encode("utf-8")


@pytest.fixture(scope="module")
def corpus_in_memory():
    store = Store()
    assert not ingest(store, [CORPUS]).failed
    return store


@SETTINGS
@given(content=curation_file())
def test_hostile_curation_rows_are_loaded_or_named_never_raised(corpus_in_memory, content):
    with tempfile.TemporaryDirectory() as folder:
        path, good = Path(folder) / "hostile.csv", Path(folder) / "good.csv"
        path.write_bytes(content)
        try:
            assert load_curation(corpus_in_memory, path) >= 0
        except CurationError as exc:
            assert all(line.startswith(f"{path}") for line in str(exc).splitlines() if not line.startswith("  "))
        good.write_text(",".join(COLUMNS) + "\nassert,kst-30950-319,cites,kst-30950-295,A. Researcher,good\n",
                        encoding="utf-8")
        assert load_curation(corpus_in_memory, good) == 1  # the next file still loads


# --- XML and HTML trees -------------------------------------------------------------------------

TAGS = ["al", "p", "titel", "tussenkop", "kop", "li", "tr", "h1", "noot", "sup", "meta", "metadata", "script",
        "style", "head", "div", "span", "x:y", "br", "a"]
ATTRIBUTES = st.dictionaries(st.sampled_from(["nr", "name", "content", "scheme", "class", "x:z"]),
                             st.sampled_from(["DC.identifier", "DC.type", "OVERHEIDop.dossiernummer",
                                              "OVERHEIDop.externMetadataRecord", "kst-30950-295", "1", "",
                                              "https://zoek.officielebekendmakingen.nl/kst-1-2/metadata.xml"])
                             | TEXT.filter(lambda t: "\x00" not in t), max_size=3)
WORDS = st.sampled_from(["Kamerstuk 30 950, nr. 295", "Stcrt. 2022, 11349", "de motie van het lid Van Baarle",
                         "brief van 27 juni 2022", "<sup>1</sup>", "&", "]]>", "\u202e"]) | TEXT


@st.composite
def element(draw, depth: int = 0):
    tag, attrs = draw(st.sampled_from(TAGS)), draw(ATTRIBUTES)
    children = draw(st.lists(WORDS if depth > 3 else st.one_of(WORDS, element(depth + 1)), max_size=4))
    return tag, attrs, children


def _xml(node, html: bool) -> str:
    if isinstance(node, str):
        return node if html else escape(node)
    tag, attrs, children = node
    attributes = "".join(f" {k}={quoteattr(v)}" for k, v in attrs.items())
    inner = "".join(_xml(child, html) for child in children)
    return f"<{tag}{attributes}>{inner}" + ("" if html and tag in ("p", "li", "br") else f"</{tag}>")


def _clean(text: str) -> str:
    """Characters XML 1.0 cannot hold at all (a test of the parser, not of the writer, else)."""
    return "".join(c for c in text if c in "\t\n\r" or " " <= c <= "\ud7ff" or "\ue000" <= c <= "\ufffd"
                   or c >= "\U00010000")


@st.composite
def publication(draw) -> tuple[bytes, bytes | None, str]:
    """An officielebekendmakingen XML (with a companion metadata file) or HTML file, well
    formed or damaged: cut short, a DOCTYPE with an external entity, an undefined entity,
    Latin-1 bytes, a deep chain of elements."""
    html = draw(st.booleans())
    root = draw(element())
    body = _xml(("officiele-publicatie" if not html else "html", {}, [root]), html)
    if draw(st.integers(0, 5)) == 0:
        depth = draw(st.integers(100, 3000))
        body = "<al>" * depth + "Kamerstuk 30 950, nr. 295" + "</al>" * depth
    text = (_clean(body) if not html else body)
    damage = draw(st.sampled_from(["none", "none", "cut", "doctype", "entity", "latin1", "surrogate"]))
    if damage == "doctype":
        text = '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>' + text
    elif damage == "entity":
        text = text.replace(">", ">&e;", 1)
    elif damage == "cut":
        text = text[: draw(st.integers(0, max(0, len(text) - 1)))]
    data = text.encode("utf-8", "surrogatepass") if damage == "surrogate" else text.encode("utf-8", "replace")
    if damage == "latin1":
        data = text.encode("latin-1", "replace")
    metadata = None
    if not html and draw(st.booleans()):
        meta = draw(element())
        metadata = ('<?xml version="1.0"?>' + _clean(_xml(("metadata_gegevens", {}, [meta]), False))).encode()
        if draw(st.booleans()):
            metadata = metadata[: draw(st.integers(0, len(metadata)))]
    return data, metadata, ".html" if html else ".xml"


@SETTINGS
@given(source=publication())
def test_hostile_xml_and_html_trees_are_read_or_named_never_raised(source):
    data, metadata, suffix = source
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"doc{suffix}"
        path.write_bytes(data)
        if metadata is not None:
            (Path(folder) / "doc.metadata.xml").write_bytes(metadata)
        companion = Path(folder) / "doc.metadata.xml"
        for read in (read_source, extract_file):
            try:
                read(path)
            except SourceError as exc:
                blamed = companion if metadata is not None and _parses(data) and "no document text" not in str(
                    exc) else path
                assert str(exc).startswith(f"{blamed}: "), str(exc)  # the file that is wrong, by its name


def _parses(data: bytes) -> bool:
    try:
        parse_xml(data)
        return True
    except Exception:
        return False


# --- IRIs ---------------------------------------------------------------------------------------

ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=40) | st.sampled_from(HOSTILE)


@settings(max_examples=300, deadline=None)
@given(text=ANY_TEXT)
def test_every_iri_minted_from_any_text_is_a_valid_iri(text):
    """What a record or a file name says goes into an IRI only through iris.py, which
    makes any text a valid IRI (or refuses it with ValueError)."""
    minted = [iris.person(text), iris.party(text), iris.vote("kst-30950-295", text), iris.measure(text, text),
              iris.debate("2020-07-01", text), iris.evidence(text, text), iris.curation_record(text, text),
              iris.curation_graph(text), iris.named_graph(text), iris.recommendation(text, text),
              iris.document(iris.report_by_title(text))]
    for mint in (iris.undertaking, iris.undertaking_graph):
        try:
            minted.append(mint(text))
        except ValueError:
            pass
    for iri in minted:
        assert ox.NamedNode(str(iri)).value == str(iri)


# --- API answers: a search page of the officielebekendmakingen SRU API --------------------------

SRU_NAMES = {"sru": "http://docs.oasis-open.org/ns/search-ws/sruResponse",
             "diag": "http://docs.oasis-open.org/ns/search-ws/diagnostic", "gzd": "http://standaarden.overheid.nl/sru",
             "w": "http://standaarden.overheid.nl/wetgeving/", "dcterms": "http://purl.org/dc/terms/",
             "c": "http://standaarden.overheid.nl/cup/data"}
SRU_TAGS = ["sru:records", "sru:record", "sru:recordData", "gzd:gzd", "gzd:originalData", "w:meta", "w:owmskern",
            "w:tpmeta", "dcterms:identifier", "dcterms:title", "dcterms:modified", "gzd:enrichedData",
            "gzd:itemUrl", "sru:numberOfRecords", "sru:nextRecordPosition", "diag:diagnostic", "diag:message",
            "w:publicatienaam", "c:datumTijdstipWijzigingExpression"]
SRU_TEXT = st.sampled_from(["kst-30950-319", "stcrt-2022-11349", "kst 1", "99999999999", "٣", "-1", "xml", "",
                            "https://repository.overheid.nl/x.xml"]) | TEXT.map(_clean)


@st.composite
def sru_element(draw, depth: int = 0):
    tag = draw(st.sampled_from(SRU_TAGS))
    attrs = draw(st.dictionaries(st.just("manifestation"), st.sampled_from(["xml", "pdf", "metadata", "x"]),
                                 max_size=1))
    children = draw(st.lists(SRU_TEXT if depth > 5 else st.one_of(SRU_TEXT, sru_element(depth + 1)), max_size=4))
    return tag, attrs, children


@SETTINGS
@given(root=sru_element(), cut=st.none() | st.integers(0, 400))
def test_hostile_search_pages_are_read_or_named_never_raised(root, cut):
    """What the search API answers is parsed into records, a record it cannot read is
    skipped with why, and anything else is a FetchError naming the URL."""
    declarations = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in SRU_NAMES.items())
    body = _xml(("sru:searchRetrieveResponse", {}, [root]), False).replace(
        "<sru:searchRetrieveResponse>", f"<sru:searchRetrieveResponse {declarations}>", 1)
    data = body.encode("utf-8")[:cut]
    url = "https://repository.overheid.nl/sru?query=x"
    try:
        page = parse_page(data, url)
    except FetchError as exc:
        assert str(exc).startswith(f"{url}: ")
    else:
        assert all(record.identifier for record in page.records)
