"""The summaries kept at ingest (graph/summaries.py) equal what the full queries
compute from the facts: after ingest, re-ingest of a changed document, remove and
curation; and the queries that read them page their rows."""

from __future__ import annotations

import shutil
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

import policykg
from policykg.cli import main
from policykg.graph.curation import load_curation
from policykg.graph.ingest import ingest, remove_sources
from policykg.graph.queries import NamedQuery, answer, named_queries, run_query
from policykg.graph.store import Store

from .conftest import CORPUS, ROOT
from .dossier_data import SHARED

OPEN_DATA = ROOT / "tests" / "fixtures" / "tk"
CHANGED = "2022-10-21_kst-30950-319_reactie-amnesty-discriminerende-risicoprofielen.md"
REMOVED = "2023-01-25_kamerbrief-aanpak-institutioneel-racisme.txt"

# The queries as they were before the summaries: computed from the facts alone.
_FULL = {
    "most-cited": """PREFIX pkg: <https://w3id.org/policykg/def#>
SELECT ?cited (COUNT(DISTINCT ?source) AS ?citing_documents) WHERE {
  ?source pkg:cites ?target . ?target pkg:identifier ?cited .
} GROUP BY ?cited""",
    "unresolved-references": """PREFIX pkg: <https://w3id.org/policykg/def#>
SELECT ?cited (IRI(MIN(STR(?t))) AS ?type) (COUNT(DISTINCT ?source) AS ?times_cited)
       (GROUP_CONCAT(DISTINCT ?citing; separator=", ") AS ?cited_by) WHERE {
  { SELECT DISTINCT ?source ?target ?citing ?cited WHERE {
      ?source pkg:cites ?target ; pkg:identifier ?citing .
      ?target pkg:identifier ?cited .
      FILTER NOT EXISTS { ?target pkg:sourceFile ?file } } }
  OPTIONAL { SELECT DISTINCT ?target ?t WHERE { ?target a ?t FILTER (?t != pkg:ParliamentaryPaper) } }
} GROUP BY ?cited""",
    "documents": """PREFIX pkg: <https://w3id.org/policykg/def#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?document ?kind ?date ?title ?sender ?file WHERE {
  ?doc pkg:sourceFile ?file ; pkg:identifier ?document ; a ?class .
  FILTER (?class IN (pkg:Letter, pkg:DecisionMemo, pkg:Motion, pkg:Report, pkg:Decision, pkg:Document,
                     pkg:Proceedings)
          || (?class = pkg:ParliamentaryPaper && NOT EXISTS { ?doc a ?known FILTER (?known IN (
                pkg:Letter, pkg:DecisionMemo, pkg:Motion, pkg:Report, pkg:Decision, pkg:Document, pkg:Proceedings)) }))
  BIND (STRAFTER(STR(?class), "#") AS ?kind)
  OPTIONAL { ?doc pkg:date ?date }
  OPTIONAL { ?doc dcterms:title ?title }
  OPTIONAL { ?doc pkg:sender/skos:prefLabel ?sender FILTER (lang(?sender) = "nl") }
}""",
    "motions": """PREFIX pkg: <https://w3id.org/policykg/def#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
SELECT ?motion ?dossier (GROUP_CONCAT(DISTINCT ?name; separator=", ") AS ?submitters)
       (GROUP_CONCAT(DISTINCT ?citing; separator=", ") AS ?cited_in) WHERE {
  { SELECT DISTINCT ?m ?motion ?dossier WHERE {
      ?m a pkg:Motion ; pkg:identifier ?motion ; pkg:partOfDossier/pkg:identifier ?dossier } }
  OPTIONAL { SELECT DISTINCT ?m ?name WHERE { ?m pkg:submittedBy/foaf:name ?name } }
  OPTIONAL { SELECT DISTINCT ?m ?citing WHERE { ?d pkg:cites ?m ; pkg:sourceFile ?file ; pkg:identifier ?citing } }
} GROUP BY ?motion ?dossier""",
    "mentions-over-time": """PREFIX pkg: <https://w3id.org/policykg/def#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?concept ?date ?document ?title (SUM(?n) AS ?mentions) (MIN(?line) AS ?first_line) WHERE {
  { SELECT DISTINCT ?concept ?date ?document ?title ?ev ?line ?n WHERE {
    { SELECT DISTINCT ?concept ?c WHERE {
        ?c skos:prefLabel|skos:altLabel|skos:hiddenLabel ?label . FILTER (str(?label) = ?concept) } }
    ?doc pkg:mentions ?c ; pkg:identifier ?document ; pkg:sourceFile ?file .
    OPTIONAL { ?doc pkg:date ?date }
    OPTIONAL { ?doc dcterms:title ?title }
    OPTIONAL { GRAPH ?g { ?ev rdf:subject ?doc ; rdf:predicate pkg:mentions ; rdf:object ?c ;
                          pkg:line ?line ; pkg:occurrences ?n } } } }
} GROUP BY ?concept ?date ?document ?title""",
    "timeline": """PREFIX pkg: <https://w3id.org/policykg/def#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?concept ?date ?event ?subject ?document (MIN(STR(?q)) AS ?quote) WHERE {
  {
    SELECT DISTINCT ?concept ?c WHERE {
      ?c skos:prefLabel|skos:altLabel ?name FILTER (str(?name) = ?concept)
    }
  }
  ?c skos:prefLabel ?subjectLabel FILTER (lang(?subjectLabel) = "nl")
  {
    ?c pkg:establishedBy ?decision .
    OPTIONAL { ?c pkg:startDate ?start }
    BIND (COALESCE(STR(?start), "") AS ?date)
    BIND ("established by" AS ?event)
    OPTIONAL { ?decision pkg:identifier ?documentId }
    BIND (?c AS ?s) BIND (pkg:establishedBy AS ?p) BIND (?decision AS ?o)
  } UNION {
    ?c pkg:startDate ?start .
    FILTER NOT EXISTS { ?c pkg:establishedBy ?any }
    BIND (STR(?start) AS ?date) BIND ("started" AS ?event)
    BIND (?c AS ?s) BIND (pkg:startDate AS ?p) BIND (?start AS ?o)
  } UNION {
    { ?c pkg:responsibleFor ?m BIND (pkg:responsibleFor AS ?p) BIND (?c AS ?s) BIND (?m AS ?o) }
    UNION { ?m pkg:usesInstrument ?c BIND (pkg:usesInstrument AS ?p) BIND (?m AS ?s) BIND (?c AS ?o) }
    UNION { ?c pkg:ledTo ?m BIND (pkg:ledTo AS ?p) BIND (?c AS ?s) BIND (?m AS ?o) }
    ?m rdfs:label ?measureLabel .
    ?doc pkg:announces ?m ; pkg:identifier ?documentId .
    OPTIONAL { ?doc pkg:date ?docDate }
    OPTIONAL { ?m pkg:period ?period }
    BIND (COALESCE(STR(?docDate), "") AS ?date)
    # COALESCE, not BOUND: in a UNION branch Virtuoso 7.2 takes an unmatched OPTIONAL
    # variable as bound (BOUND true, CONCAT "()"); COALESCE still sees it unbound
    BIND (STR(COALESCE(?period, "")) AS ?periodText)
    BIND (IF(?periodText != "", CONCAT("measure announced (", ?periodText, ")"), "measure announced") AS ?event)
  } UNION {
    { ?doc pkg:mentions ?c BIND (pkg:mentions AS ?p) } UNION { ?doc pkg:cites ?c BIND (pkg:cites AS ?p) }
    LATERAL { ?doc pkg:identifier ?documentId }
    LATERAL { OPTIONAL { ?doc pkg:date ?docDate } }
    BIND (COALESCE(STR(?docDate), "") AS ?date)
    BIND ("named in" AS ?event) BIND (?doc AS ?s) BIND (?c AS ?o)
  }
  BIND (COALESCE(?measureLabel, ?subjectLabel) AS ?subject)
  BIND (COALESCE(?documentId, "") AS ?document)
  LATERAL { OPTIONAL { GRAPH ?evidenceGraph { ?ev rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; pkg:quote ?q } } }
}
GROUP BY ?concept ?date ?event ?subject ?document
ORDER BY (?date = "") ?date ?document ?event ?subject""",
}
CASES = [("most-cited", {}), ("unresolved-references", {}), ("documents", {}), ("motions", {}),
         ("motions", {"dossier": "30950"}), ("mentions-over-time", {"concept": "NCDR"}),
         ("mentions-over-time", {"concept": "Staatscommissie"}), ("mentions-over-time", {"concept": "IAMA"}),
         ("timeline", {"concept": "Staatscommissie"}), ("timeline", {"concept": "NCDR"})]


def assert_summaries_hold(store: Store) -> None:
    """The kept summary graph is the one a rebuild makes, and each summary-based
    query answers as the full query does (every row, as a multiset)."""
    kept = store.summary_nquads()
    store.rebuild_summaries()
    assert store.summary_nquads() == kept
    queries = named_queries()
    for name, params in CASES:
        summarised = run_query(store, name, params).rows
        full = answer(store, NamedQuery.parse(name, _FULL[name]), queries[name].bindings(params)).rows
        assert Counter(summarised) == Counter(full), name
    assert run_query(store, "documents").rows, "the corpus is there"
    assert run_query(store, "motions", {"dossier": "30950"}).rows, "motions of dossier 30950 are there"


@pytest.fixture
def sources(tmp_path) -> Path:
    folder = tmp_path / "sources"
    shutil.copytree(CORPUS, folder)
    return folder


def test_summaries_equal_the_full_queries_after_ingest_reingest_remove_and_curation(tmp_path, sources):
    store = Store(tmp_path / "store")
    assert not ingest(store, [sources, OPEN_DATA]).failed
    assert_summaries_hold(store)
    cited_before = dict(run_query(store, "most-cited").rows)
    # a changed document: it cites another paper and loses its date line
    doc = sources / CHANGED
    doc.write_text(doc.read_text(encoding="utf-8") + "\nZie ook Kamerstukken II 2015/16, 34300, nr. 7.\n",
                   encoding="utf-8")
    assert ingest(store, [sources]).loaded == [str(doc)]
    assert_summaries_hold(store)
    assert dict(run_query(store, "most-cited").rows) != cited_before, "the change shows in the summary"
    assert remove_sources(store, [REMOVED])[REMOVED]
    assert_summaries_hold(store)
    curation = tmp_path / "curation.csv"
    curation.write_text("action,subject,relation,object,curator,note\n"
                        "assert,kst-30950-319,cites,kst-30950-295,A. Curator,said in a footnote\n"
                        "reject,kst-30950-319,cites,kst-30950-295,A. Curator,not a citation\n", encoding="utf-8")
    assert load_curation(store, curation) == 2
    assert_summaries_hold(store)
    store.close()


# A store of an older version: no summaries, or rows without their order key.
_NO_SUMMARIES = "DROP GRAPH <https://w3id.org/policykg/graph/summaries>"
_EARLIER_FORM = """PREFIX sum: <https://w3id.org/policykg/summary#>
DELETE { GRAPH ?g { ?s ?p ?o } ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o }
  FILTER (?p IN (sum:form, sum:documentsOrder, sum:mostCitedOrder, sum:unresolvedOrder)) }"""


@pytest.mark.parametrize("older", [_NO_SUMMARIES, _EARLIER_FORM], ids=["none", "earlier-form"])
def test_a_store_without_current_summaries_gets_them_when_opened(tmp_path, older):
    store = Store(tmp_path / "store")
    assert not ingest(store, [CORPUS]).failed
    kept = store.summary_nquads()
    store._ox.update(older)
    assert store.summary_nquads() != kept
    store.close()
    with Store.read_only(tmp_path / "store") as read:  # as a read command or the server opens it
        assert read.summary_nquads() == kept
    with Store(tmp_path / "store") as reopened:
        assert reopened.summary_nquads() == kept


@pytest.mark.parametrize(("name", "params"), [("unresolved-references", {}), ("most-cited", {}), ("documents", {}),
                                              ("motions", {}), ("mentions-over-time", {"concept": "NCDR"})])
def test_pages_are_slices_of_the_whole_answer(corpus_store, name, params):
    """Pages cut in a sub-select (by the rows' order keys, or the page's documents before
    their evidence) are the whole answer, cut."""
    whole = run_query(corpus_store, name, params).rows
    assert len(whole) >= 4
    pages = [run_query(corpus_store, name, params, limit=2, offset=o) for o in range(0, len(whole), 2)]
    assert [row for page in pages for row in page.rows] == whole
    assert [page.more for page in pages] == [True] * (len(pages) - 1) + [False]


def test_ingest_force_repairs_summaries_that_differ_from_the_facts(tmp_path):
    store = Store(tmp_path / "store")
    assert not ingest(store, [CORPUS]).failed
    kept = store.summary_nquads()
    store._ox.update("DELETE WHERE { GRAPH <https://w3id.org/policykg/graph/summaries> "
                     "{ ?row <https://w3id.org/policykg/summary#citingDocuments> ?n } }")  # damaged
    assert store.summary_nquads() != kept
    ingest(store, [CORPUS], force=True)
    assert store.summary_nquads() == kept
    store.close()


@pytest.fixture
def corpus_path(closed_corpus_store) -> Path:
    return closed_corpus_store


def test_the_command_line_shows_a_page_and_says_how_to_get_more(corpus_path):
    with Store(corpus_path) as store:
        whole = run_query(store, "unresolved-references").rows
    args = ["query", "unresolved-references", "--store", str(corpus_path), "--format", "csv"]
    first = CliRunner().invoke(main, [*args, "--limit", "3"])
    assert first.exit_code == 0, first.output
    assert len(first.stdout.splitlines()) == 1 + 3
    assert "--offset 3 for the next page" in first.stderr
    rest = CliRunner().invoke(main, [*args, "--limit", "0"])
    assert len(rest.stdout.splitlines()) == 1 + len(whole) and "more follow" not in rest.stderr


def test_the_python_api_pages_too(corpus_path):
    with policykg.open(corpus_path) as kg:
        whole = kg.query("documents")
        page = kg.query("documents", limit=2, offset=1)
    assert page.values == whole.values[1:3] and page.more and not whole.more


# Texts around every boundary of the order key's encoding: printable ASCII at both ends,
# quotes and backslashes, characters below and above it, prefixes, and text longer than
# the 13 characters the key holds.
_TEXTS = ["", " ", "!", "~", "a", "a ", "a!", "a~", "a\u00e9", "a\u00e9z", "a\x01", "a\x01z", "a\tb", "ab",
          "\"quoted\"", "back\\slash", "kst-30950-295", "kst-30950-2950", "kst-30950-29", "kst-30950-3",
          "report-ervaren-discriminatie-in-nederland", "report-ervaren-discriminatie-in-nederland-ii",
          "\u00e9", "\u4e2d\u6587", "Z", "z", "0", "9"]


@pytest.mark.parametrize("key", ["date", "count"])
def test_an_order_key_never_puts_a_text_before_one_that_sorts_before_it(key):
    """Each text's key (computed by the SPARQL that writes rows) is monotone in the text:
    a text that sorts before another never gets the greater key."""
    import pyoxigraph as ox

    from policykg.graph import summaries
    store = ox.Store()
    for i, text in enumerate(_TEXTS):
        store.add(ox.Quad(ox.NamedNode(f"http://example.org/{i}"), ox.NamedNode("http://example.org/text"),
                          ox.Literal(text)))
    bind = (summaries._date_then_text('"2022-05-01"', "?text") if key == "date"
            else summaries._count_down_then_text("3", "?text"))
    rows = store.query(f"PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\nSELECT ?text ?key WHERE {{ "
                       f"?s <http://example.org/text> ?text {bind} }}")
    keys = {row["text"].value: row["key"] for row in rows}
    assert set(keys) == set(_TEXTS) and all(k is not None for k in keys.values())
    values = {text: Decimal(k.value) for text, k in keys.items()}
    for a in _TEXTS:
        for b in _TEXTS:
            if a < b:
                assert values[a] <= values[b], (a, b)
    assert values["kst-30950-29"] < values["kst-30950-295"] < values["kst-30950-3"]
    assert all(len(k.value.replace(".", "").lstrip("0")) <= 35 for k in keys.values()), "Virtuoso keeps 35 digits"


def test_the_motions_a_write_touches_include_those_it_reaches_through_a_name():
    """A motion's row lists its dossier's identifier and its submitters' names: a write of
    either touches it; a citation of it does not (the query looks those up per page)."""
    import pyoxigraph as ox

    from policykg.graph import summaries
    pkg = "https://w3id.org/policykg/def#"
    motion, other, person, dossier, doc = (ox.NamedNode(f"https://example.org/{n}")
                                           for n in ("motion", "letter", "person", "dossier", "doc"))
    a_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    store = ox.Store()
    for s, p, o in [(motion, a_type, ox.NamedNode(pkg + "Motion")),
                    (motion, ox.NamedNode(pkg + "submittedBy"), person),
                    (motion, ox.NamedNode(pkg + "partOfDossier"), dossier)]:
        store.add(ox.Quad(s, p, o, ox.DefaultGraph()))
    name = ox.NamedNode("http://xmlns.com/foaf/0.1/name")
    for written in [(person, name, ox.Literal("A. Member")),
                    (dossier, ox.NamedNode(pkg + "identifier"), ox.Literal("30950")),
                    (motion, ox.NamedNode(pkg + "identifier"), ox.Literal("kst-30950-295"))]:
        assert summaries.motions(store, [ox.Triple(*written)]) == {motion}, written
    assert summaries.motions(store, [ox.Triple(other, name, ox.Literal("not a person"))]) == set()
    assert summaries.motions(store, [ox.Triple(doc, ox.NamedNode(pkg + "cites"), motion)]) == set()


_LISTS = """PREFIX sum: <https://w3id.org/policykg/summary#>
SELECT ?list ?key WHERE { ?list sum:concept ?c OPTIONAL { ?list sum:mentionedAt|sum:measureAt ?key } }
ORDER BY ?list ?key"""


def test_documents_that_share_an_order_key_stay_in_a_mention_list_until_the_last_goes(tmp_path):
    """Two documents with one order key (undated, identifiers alike in their first 13
    characters) share their key in a concept's mention list: it stays while either
    mentions the concept, and the list goes with the last. Pages cut between them."""
    memo = CORPUS / "2024-01_beslisnota-monitor-lokaal-antidiscriminatiebeleid.txt"
    folder = tmp_path / "sources"
    folder.mkdir()
    names = [f"{memo.stem}-{suffix}{memo.suffix}" for suffix in ("a", "b")]
    for name in names:
        shutil.copy(memo, folder / name)
    store = Store(tmp_path / "store")
    assert not ingest(store, [folder]).failed

    def listed() -> list[str]:
        kept = store.summary_nquads()
        store.rebuild_summaries()
        assert store.summary_nquads() == kept
        return [str(row[2]) for row in run_query(store, "mentions-over-time", {"concept": "NCDR"}).rows]

    both = listed()
    assert both == ["2024-01-beslisnota-monitor-lokaal-antidiscriminatiebeleid-a",
                    "2024-01-beslisnota-monitor-lokaal-antidiscriminatiebeleid-b"]
    keys = {row[1] for row in store.query(_LISTS).rows}
    assert len(keys) == 1, "the two documents share one key"
    pages = [run_query(store, "mentions-over-time", {"concept": "NCDR"}, limit=1, offset=o) for o in (0, 1)]
    assert [str(p.rows[0][2]) for p in pages] == both and [p.more for p in pages] == [True, False]
    assert remove_sources(store, [names[0]])[names[0]]
    assert listed() == both[1:]
    assert {row[1] for row in store.query(_LISTS).rows} == keys
    assert remove_sources(store, [names[1]])[names[1]]
    assert listed() == []
    assert store.query(_LISTS).rows == [], "no list is left without keys"
    store.close()


@pytest.fixture(scope="module")
def real_store(tmp_path_factory):
    """The real documents of ../shared (texts, PDFs, official XML) and the corpus, ingested."""
    if not (SHARED / "real").is_dir():
        pytest.skip("../shared/real is not beside the clone (CI has it)")
    store = Store(tmp_path_factory.mktemp("real") / "store")
    assert not ingest(store, [SHARED / "real", SHARED / "samples", CORPUS]).failed
    yield store
    store.close()


_MENTIONED_LABELS = """PREFIX pkg: <https://w3id.org/policykg/def#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?label WHERE { ?doc pkg:mentions ?c . ?c skos:prefLabel|skos:altLabel ?label } ORDER BY ?label"""


def test_on_the_real_documents_the_lists_answer_as_the_full_queries_for_every_concept(real_store):
    """mentions-over-time and timeline for every label of a mentioned concept: the same
    rows as computed from the facts alone, and pages of three are slices of them."""
    labels = [str(row[0]) for row in real_store.query(_MENTIONED_LABELS).rows]
    assert len(labels) > 50
    queries = named_queries()
    for label in labels:
        for name in ("mentions-over-time", "timeline"):
            params = {"concept": label}
            whole = run_query(real_store, name, params).rows
            full = answer(real_store, NamedQuery.parse(name, _FULL[name]), queries[name].bindings(params)).rows
            assert Counter(whole) == Counter(full), (name, label)
            pages = [run_query(real_store, name, params, limit=3, offset=o).rows for o in range(0, len(whole), 3)]
            assert [row for page in pages for row in page] == whole, (name, label)


def test_on_the_real_documents_the_listings_are_complete_and_in_order(real_store):
    """Every ingested document is listed (Handelingen and papers of no other kind too),
    by date (undated first) then identifier; most-cited by count down, then identifier."""
    documents = run_query(real_store, "documents").rows
    sourced = real_store.query("PREFIX pkg: <https://w3id.org/policykg/def#> "
                               "SELECT DISTINCT ?id WHERE { ?d pkg:sourceFile ?f ; pkg:identifier ?id }").rows
    assert {str(row[0]) for row in documents} == {str(row[0]) for row in sourced}
    order = [(str(row[2] or ""), str(row[0])) for row in documents]
    assert order == sorted(order)
    cited = [(-int(row[1]), str(row[0])) for row in run_query(real_store, "most-cited").rows]
    assert len(cited) > 20 and cited == sorted(cited)


def test_timeline_pages_hold_measure_events_of_one_date_in_document_order(tmp_path):
    """Three undated documents announce a measure of Movisie; the last one's event text
    ("measure announced") sorts before the others' ("measure announced (binnenkort)"). The
    timeline orders by date, then document, as the measure list's keys do: pages of one
    are slices of the whole answer, which is the full query's."""
    memo = (CORPUS / "2024-01_beslisnota-monitor-lokaal-antidiscriminatiebeleid.txt").read_text(encoding="utf-8")
    folder = tmp_path / "sources"
    folder.mkdir()
    for name in ("a", "b"):
        (folder / f"{name}-memo.txt").write_text(memo, encoding="utf-8")
    (folder / "c-memo.txt").write_text(memo.replace("wordt binnenkort ook", "wordt ook"), encoding="utf-8")
    store = Store(tmp_path / "store")
    assert not ingest(store, [folder]).failed
    params = {"concept": "Movisie"}
    whole = run_query(store, "timeline", params).rows
    full = answer(store, NamedQuery.parse("timeline", _FULL["timeline"]),
                  named_queries()["timeline"].bindings(params)).rows
    assert whole == full
    measures = [(str(row[4]), str(row[2])) for row in whole if str(row[2]).startswith("measure")]
    assert measures == [("a-memo", "measure announced (binnenkort)"), ("b-memo", "measure announced (binnenkort)"),
                        ("c-memo", "measure announced")]
    pages = [run_query(store, "timeline", params, limit=1, offset=o) for o in range(len(whole))]
    assert [row for page in pages for row in page.rows] == whole
    store.close()


def test_a_measure_list_follows_a_link_another_source_states(tmp_path):
    """A curator links the NCDR to a measure a letter announces: the NCDR's measure list
    gains the letter's key (timeline shows the event); the same file, rewritten to reject
    the link, takes it out again; the summaries stay what a rebuild makes."""
    store = Store(tmp_path / "store")
    assert not ingest(store, [CORPUS]).failed
    measure = store.query("PREFIX pkg: <https://w3id.org/policykg/def#> SELECT ?m WHERE { "
                          "?d pkg:identifier 'kst-30950-319' ; pkg:announces ?m } ORDER BY ?m LIMIT 1").rows[0][0]

    def announced_in() -> list[str]:
        return [str(row[4]) for row in run_query(store, "timeline", {"concept": "NCDR"}).rows
                if str(row[2]).startswith("measure")]

    before = announced_in()
    assert "kst-30950-319" not in before
    for action in ("assert", "reject"):
        curation = tmp_path / "links.csv"
        curation.write_text("action,subject,relation,object,curator,note\n"
                            f"{action},NCDR,responsibleFor,{measure},A. Curator,checked\n", encoding="utf-8")
        assert load_curation(store, curation) == 1
        assert_summaries_hold(store)
        assert ("kst-30950-319" in announced_in()) == (action == "assert"), action
    assert announced_in() == before
    store.close()


def test_summaries_computed_anew_are_current_only_after_their_last_step(tmp_path):
    """Computed anew in steps (one transaction each), the summaries lose their form at the
    first and get it back at the last: a store left between two is computed anew when
    next opened (tests/test_crash_safety.py kills the command at each)."""
    from policykg.graph import summaries
    store = Store(tmp_path / "store")
    assert not ingest(store, [CORPUS]).failed
    kept = store.summary_nquads()
    steps = summaries.rebuild_requests()
    assert len(steps) > 2
    for i, step in enumerate(steps):
        store._ox.update(step)
        assert summaries.current(store._ox) == (i == len(steps) - 1), i
    assert store.summary_nquads() == kept
    store.close()
