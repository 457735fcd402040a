"""Summaries of the whole corpus, kept at every write, for the queries that count
or list it (most-cited, unresolved-references, documents, motions, mentions-over-time,
timeline).

They live in the named graph ``SUMMARY_GRAPH`` (and, like every description, in
the default graph), one node per row: ``sum:CitedRow`` (how many documents cite
an identifier), ``sum:UnresolvedRow`` (a cited identifier no source was ingested
for, with its citing documents), ``sum:DocumentRow`` (a row of the documents
list) and ``sum:MotionRow`` (a motion with its dossier and submitters). Each row
is what the full query computes for its key, so a query reads a page of rows
instead of aggregating the corpus; each row carries its order key, a decimal, so
a page is cut without sorting the rows' text (docs/data-model.md). Per mentioned
concept, a mention list holds the order keys of the document rows that mention it, and a
measure list those of the rows whose document announces a measure linked to it.

The store keeps them (graph/store.py): every write request that changes named
graphs ends with ``refresh_request``, which recomputes in the same transaction
the rows whose key the changed triples touch: a summary is never older than the
facts. ``rebuild_requests`` recompute everything (a store that has none yet,
``ingest --force``). Terms reach the requests only as Oxigraph writes them
(N-Triples), never as text from outside.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import FOAF, RDF, RDFS, SKOS, URIRef

from policykg.namespaces import PKG

from . import iris

SUMMARY_GRAPH_IRI = str(iris.SUMMARY_GRAPH)
SUM = iris.SUMMARY_TERMS
ROW_BASE = iris.SUMMARY_ROWS
_PKG = str(PKG)
_GRAPH = f"<{SUMMARY_GRAPH_IRI}>"
_PREFIXES = (f"PREFIX pkg: <{_PKG}>\nPREFIX sum: <{SUM}>\n"
             "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n"
             "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
             "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
             "PREFIX dcterms: <http://purl.org/dc/terms/>\n"
             "PREFIX foaf: <http://xmlns.com/foaf/0.1/>\n"
             "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n")


def _node(term: URIRef) -> ox.NamedNode:
    return ox.NamedNode(str(term))


_TYPE, _PREF_LABEL = _node(RDF.type), _node(SKOS.prefLabel)
_IDENTIFIER, _CITES, _SOURCE_FILE, _SENDER, _MENTIONS = map(_node, (PKG.identifier, PKG.cites, PKG.sourceFile,
                                                                   PKG.sender, PKG.mentions))
_MOTION, _DOSSIER, _SUBMITTED_BY, _NAME = map(_node, (PKG.Motion, PKG.partOfDossier, PKG.submittedBy, FOAF.name))
_ANNOUNCES, _RESPONSIBLE_FOR, _LED_TO, _USES_INSTRUMENT, _LABEL = map(_node, (
    PKG.announces, PKG.responsibleFor, PKG.ledTo, PKG.usesInstrument, RDFS.label))
_DEFAULT = ox.DefaultGraph()
# Keys per operation: Oxigraph joins a short VALUES block row by row, a long one by hashing
# the whole pattern (a write's refresh would then cost what the store holds).
_CHUNK = 100


def affected(store: ox.Store, triples: Iterable[ox.Triple]) -> dict[str, set]:
    """The keys of the rows that a write may change whose default graph gains or loses
    ``triples``, read before the write from ``store`` and ``triples``: ``?doc``, the
    documents whose facts they touch, or whose sender's label;
    ``?cited``, the identifiers they touch, and those of nodes they cite, type, file or
    name, and of what a document whose identifier changes cites; ``?m``, the motions
    whose row they touch (``motions``); ``?c``, the concepts whose mention or measure list
    may lose its last document: those the triples name as mentioned, those the documents
    mention, and those of ``measured``; ``?announcing``, the documents of ``measured``."""
    triples = list(triples)
    subjects: set[ox.NamedNode] = set()
    documents: set[ox.NamedNode] = set()  # what the write makes or unmakes a document
    labelled: set[ox.NamedNode] = set()
    targets: set[ox.NamedNode] = set()
    renamed: set[ox.NamedNode] = set()
    identifiers: set[ox.Literal] = set()
    for t in triples:
        s, p, o = t.subject, t.predicate, t.object
        if not isinstance(s, ox.NamedNode) or s.value.startswith(ROW_BASE):
            continue
        subjects.add(s)
        if p == _SOURCE_FILE:
            documents.add(s)
        elif p == _PREF_LABEL:
            labelled.add(s)
        if p == _CITES and isinstance(o, ox.NamedNode):
            targets.add(o)
        elif p in (_IDENTIFIER, _SOURCE_FILE, _TYPE):
            targets.add(s)
        if p == _IDENTIFIER:
            renamed.add(s)
            if isinstance(o, ox.Literal):
                identifiers.add(o)
    for sender in labelled:
        subjects.update(q.subject for q in store.quads_for_pattern(None, _SENDER, sender, _DEFAULT)
                        if isinstance(q.subject, ox.NamedNode))
    docs = {d for d in subjects if d in documents or _has(store, d, _SOURCE_FILE)}
    concepts = {t.object for t in triples if t.predicate == _MENTIONS and isinstance(t.object, ox.NamedNode)}
    for doc in docs:
        concepts.update(q.object for q in store.quads_for_pattern(doc, _MENTIONS, None, _DEFAULT)
                        if isinstance(q.object, ox.NamedNode))
    for source in renamed:
        targets.update(q.object for q in store.quads_for_pattern(source, _CITES, None, _DEFAULT)
                       if isinstance(q.object, ox.NamedNode))
    for target in targets:
        identifiers.update(q.object for q in store.quads_for_pattern(target, _IDENTIFIER, None, _DEFAULT)
                           if isinstance(q.object, ox.Literal))
    announcing, linked = measured(store, triples, docs)
    return {"?doc": docs, "?cited": identifiers, "?m": motions(store, triples), "?c": concepts | linked,
            "?announcing": announcing}


def measured(store: ox.Store, triples: list[ox.Triple], docs: set) -> tuple[set, set]:
    """For the measure lists: the documents announcing a measure whose link to a concept,
    label or announcement the triples write (their keys are listed anew), and the concepts
    linked to those measures or to one that ``docs`` announce (their list may lose its last
    key)."""
    measures: set = set()
    announcing: set = set()
    linked: set = set()
    for t in triples:
        s, p, o = t.subject, t.predicate, t.object
        if p == _ANNOUNCES:
            announcing.add(s)
            measures.add(o)
        elif p in (_RESPONSIBLE_FOR, _LED_TO):
            linked.add(s)
            measures.add(o)
        elif p in (_USES_INSTRUMENT, _LABEL):
            measures.add(s)
            if p == _USES_INSTRUMENT:
                linked.add(o)
    for m in measures:
        announcing.update(q.subject for q in store.quads_for_pattern(None, _ANNOUNCES, m, _DEFAULT))
    for doc in docs:
        measures.update(q.object for q in store.quads_for_pattern(doc, _ANNOUNCES, None, _DEFAULT))
    for m in measures:
        linked.update(q.subject for p in (_RESPONSIBLE_FOR, _LED_TO)
                      for q in store.quads_for_pattern(None, p, m, _DEFAULT))
        linked.update(q.object for q in store.quads_for_pattern(m, _USES_INSTRUMENT, None, _DEFAULT))
    return ({d for d in announcing if isinstance(d, ox.NamedNode)},
            {c for c in linked if isinstance(c, ox.NamedNode)})


def motions(store: ox.Store, triples: list[ox.Triple]) -> set[ox.NamedNode]:
    """The motions whose row a write of ``triples`` may change: those the triples type,
    name, place in a dossier or give a submitter; those of a dossier or a submitter whose
    identifier or name they write. (Who cites a motion is not in its row: a batch of
    documents would recount the citations of every motion it cites.)"""
    typed: set = set()
    candidates: set = set()
    for t in triples:
        s, p = t.subject, t.predicate
        if p == _TYPE and t.object == _MOTION:
            typed.add(s)
        elif p in (_IDENTIFIER, _DOSSIER, _SUBMITTED_BY):
            candidates.add(s)
        if p == _IDENTIFIER:  # a dossier's
            candidates.update(q.subject for q in store.quads_for_pattern(None, _DOSSIER, s, _DEFAULT))
        elif p == _NAME:  # a submitter's
            candidates.update(q.subject for q in store.quads_for_pattern(None, _SUBMITTED_BY, s, _DEFAULT))
    return {m for m in typed | candidates if isinstance(m, ox.NamedNode)
            and (m in typed or ox.Quad(m, _TYPE, _MOTION, _DEFAULT) in store)}


def _has(store: ox.Store, node: ox.NamedNode, predicate: ox.NamedNode) -> bool:
    return next(iter(store.quads_for_pattern(node, predicate, None, _DEFAULT)), None) is not None


def _values(var: str, terms: Iterable[ox.NamedNode | ox.Literal]) -> str:
    """``VALUES var { ... }`` of Oxigraph terms in their N-Triples form, sorted."""
    return f"VALUES {var} {{ {' '.join(sorted(map(str, terms)))} }}"


def _row(kind: str, name: str, *parts: str) -> str:
    """``BIND`` of ``?r``, the row's IRI: ``name`` (the identifier it lists, so rows of
    equal order keys sort by it: "!" sorts before every character ENCODE_FOR_URI leaves)
    and the SHA-1 of its key parts (SPARQL expressions)."""
    joined = ', "\\n", '.join(f"COALESCE({p}, \"-\")" for p in parts)
    return (f'BIND (IRI(CONCAT("{ROW_BASE}{kind}/", ENCODE_FOR_URI(STR({name})), "!", '
            f'SHA1(CONCAT({joined})))) AS ?r)')


def _term(var: str) -> str:
    """A term as text that tells its kind, language and datatype apart."""
    return f'CONCAT(STR({var}), "@", LANG({var}), "^", STR(DATATYPE({var})))'


# A row's order key (``sum:...Order``): one xsd:decimal that sorts as the row's query
# orders it, so a page is the first rows of one predicate's values. A decimal is stored
# inline, a long string is not: Oxigraph sorts 100,000 decimals in about 50 ms and
# 100,000 long strings in seconds (it reads each string again at every comparison).
# Text enters the key as two digits a character (printable ASCII by its place from " "
# to "~", 01 to 95; any other character as 00 below or 96 above it, after which the
# text counts as ended): a key never sorts a row before one whose text sorts before it;
# rows with equal keys are ordered by their IRI, which starts with the identifier.
_ASCII = "".join(chr(c) for c in range(0x20, 0x7F))
_ASCII_LITERAL = '"' + _ASCII.replace("\\", "\\\\").replace('"', '\\"') + '"'
_CODES = "".join(f"{c:02d}" for c in range(1, 96))


def _text_digits(expr: str, count: int) -> str:
    """BINDs of ``?orderDigits``: the first ``count`` characters of ``expr``'s text (an
    unbound ``expr`` as empty text) as ``2 * count`` digits."""
    digits = []
    for i in range(1, count + 1):
        code = f"SUBSTR(\"{_CODES}\", 2 * STRLEN(STRBEFORE({_ASCII_LITERAL}, SUBSTR(?orderAscii, {i}, 1))) + 1, 2)"
        after = f"IF({i} = ?orderLength + 1 && SUBSTR(?orderText, {i}, 1) > \"~\", \"96\", \"00\")"
        digits.append(f"IF({i} <= ?orderLength, {code}, {after})")
    return (f"\n    BIND (COALESCE(STR({expr}), \"\") AS ?orderText)"
            f"\n    BIND (REPLACE(?orderText, \"[^ -~].*\", \"\", \"s\") AS ?orderAscii)"
            f"\n    BIND (STRLEN(?orderAscii) AS ?orderLength)"
            f"\n    BIND (CONCAT({', '.join(digits)}) AS ?orderDigits)")


def _decimal_key(whole: str, fraction: str) -> str:
    """BIND of ``?key``: the decimal ``whole.fraction1`` (digit strings; at most 35 digits
    in all, as Virtuoso keeps). The last digit 1 keeps every store's lexical form the same
    (an integral decimal is written "5" by one and "5.0" by another)."""
    return f"\n    BIND (xsd:decimal(CONCAT({whole}, \".\", {fraction}, \"1\")) AS ?key)"


def _date_then_text(date: str, text: str) -> str:
    """BINDs of ``?key``: a date (as yyyymmdd, a month or year with zeros for what it lacks,
    none as 0), then the first 13 characters of ``text``."""
    date_digits = f'SUBSTR(CONCAT(REPLACE(COALESCE(STR({date}), ""), "[^0-9]", ""), "00000000"), 1, 8)'
    return (_text_digits(text, 13)
            + _decimal_key(f"{date_digits}, SUBSTR(?orderDigits, 1, 12)", "SUBSTR(?orderDigits, 13, 14)"))


def _text(text: str) -> str:
    """BINDs of ``?key``: the first 17 characters of ``text``."""
    return (_text_digits(text, 17)
            + _decimal_key("SUBSTR(?orderDigits, 1, 20)", "SUBSTR(?orderDigits, 21, 14)"))


def _count_down_then_text(count: str, text: str) -> str:
    """BINDs of ``?key``: a count from high to low (7 digits of 9999999 minus it; a higher
    count as 9999999), then the first 13 characters of ``text``."""
    rest = f"(9999999 - IF({count} > 9999999, 9999999, {count}))"
    inverse = f'SUBSTR(CONCAT("0000000", STR{rest}), STRLEN(STR{rest}) + 1)'
    return (_text_digits(text, 13)
            + _decimal_key(f"{inverse}, SUBSTR(?orderDigits, 1, 12)", "SUBSTR(?orderDigits, 13, 14)"))


# Each summary: its row class, its key (``affected`` finds the keys a write touches),
# and the pattern of its rows, restricted to some keys where KEYS stands.
@dataclass(frozen=True)
class _Summary:
    row: str  # the row class, sum:...
    key: str  # the key variable
    rows: str  # pattern binding ?r and a row's values; KEYS stands where the keys restrict it
    template: str  # the row's triples (?r ...)


# The kinds a document row lists; a parliamentary paper of none of them (an advice, a
# bill) is listed as one.
_KINDS = "pkg:Letter, pkg:DecisionMemo, pkg:Motion, pkg:Report, pkg:Decision, pkg:Document, pkg:Proceedings"

_DOCUMENT = _Summary(
    row="sum:DocumentRow", key="?doc",
    rows="""{ SELECT DISTINCT ?doc ?document ?kind ?date ?title ?sender ?file WHERE {
      KEYS ?doc pkg:sourceFile ?file ; pkg:identifier ?document ; a ?class .
      FILTER (?class IN (""" + _KINDS + """, pkg:ParliamentaryPaper))
      LATERAL { OPTIONAL { SELECT ?doc (true AS ?kindKnown) WHERE {
        ?doc a ?known FILTER (?known IN (""" + _KINDS + """)) } LIMIT 1 } }
      FILTER (?class != pkg:ParliamentaryPaper || !BOUND(?kindKnown))
      BIND (STRAFTER(STR(?class), "#") AS ?kind)
      OPTIONAL { ?doc pkg:date ?date }
      OPTIONAL { ?doc dcterms:title ?title }
      OPTIONAL { ?doc pkg:sender/skos:prefLabel ?sender FILTER (lang(?sender) = "nl") } } }
    """ + _row("document", "?document", "STR(?doc)", _term("?document"), "?kind", _term("?date"), _term("?title"),
               _term("?sender"), _term("?file"))
    + _date_then_text("?date", "?document"),
    template="?r a sum:DocumentRow ; sum:about ?doc ; sum:document ?document ; sum:kind ?kind ; "
             "sum:date ?date ; sum:title ?title ; sum:sender ?sender ; sum:file ?file ; "
             "sum:documentsOrder ?key .")

_CITED = _Summary(
    row="sum:CitedRow", key="?cited",
    rows="""{ SELECT ?cited (COUNT(DISTINCT ?source) AS ?n) WHERE {
      KEYS ?target pkg:identifier ?cited . ?source pkg:cites ?target } GROUP BY ?cited }
    """ + _row("cited", "?cited", _term("?cited")) + _count_down_then_text("?n", "?cited"),
    template="?r a sum:CitedRow ; sum:cited ?cited ; sum:citingDocuments ?n ; sum:mostCitedOrder ?key .")

_UNRESOLVED = _Summary(
    row="sum:UnresolvedRow", key="?cited",
    rows="""{ SELECT ?cited (IRI(MIN(STR(?t))) AS ?type) (COUNT(DISTINCT ?source) AS ?times)
             (GROUP_CONCAT(DISTINCT ?citing; separator=", ") AS ?citedBy) WHERE {
      # the targets without a source first: a target ingested and cited by half the
      # corpus cost 0.66 s a write when its citing documents were joined before the filter
      { SELECT DISTINCT ?target ?cited WHERE {
          KEYS ?target pkg:identifier ?cited . FILTER NOT EXISTS { ?target pkg:sourceFile ?file } } }
      LATERAL { ?source pkg:cites ?target ; pkg:identifier ?citing }
      LATERAL { OPTIONAL { ?target a ?t FILTER (?t != pkg:ParliamentaryPaper) } }
    } GROUP BY ?cited }
    """ + _row("unresolved", "?cited", _term("?cited")) + _count_down_then_text("?times", "?cited"),
    template="?r a sum:UnresolvedRow ; sum:cited ?cited ; sum:type ?type ; sum:timesCited ?times ; "
             "sum:citedBy ?citedBy ; sum:unresolvedOrder ?key .")

_MOTIONS = _Summary(
    row="sum:MotionRow", key="?m",
    rows="""{ SELECT ?m ?motion ?dossier (GROUP_CONCAT(DISTINCT ?name; separator=", ") AS ?submitters) WHERE {
      { SELECT DISTINCT ?m ?motion ?dossier WHERE {
          KEYS ?m a pkg:Motion ; pkg:identifier ?motion ; pkg:partOfDossier/pkg:identifier ?dossier } }
      LATERAL { OPTIONAL { SELECT DISTINCT ?m ?name WHERE { ?m pkg:submittedBy/foaf:name ?name } } }
    } GROUP BY ?m ?motion ?dossier }
    """ + _row("motion", "?motion", "STR(?m)", _term("?motion"), _term("?dossier")) + _text("?motion"),
    template="?r a sum:MotionRow ; sum:about ?m ; sum:motion ?motion ; sum:dossier ?dossier ; "
             "sum:submitters ?submitters ; sum:motionsOrder ?key .")

SUMMARIES = (_DOCUMENT, _CITED, _UNRESOLVED, _MOTIONS)

# Lists of order keys, per concept and month: a node (``sum:concept``, ``sum:bucket``: the
# month of its keys as yyyymm, 0 for undated documents) holding the order key
# (``sum:documentsOrder``) of each document row whose document stands in a relation to the
# concept, one triple per key that sorts by the key alone, and how many keys it holds. A
# page is among the concept's first keys, and those are in the first months: the months
# with fewer keys before them than the page and the rows before it (``# the first
# buckets go here``, graph/queries.py), so a query reads those months' keys only. Mention
# lists (``sum:mentionedAt``, ``sum:mentionKeys``: the document mentions the concept) are
# read by mentions-over-time and by timeline's "named in" events; measure lists
# (``sum:measureAt``, ``sum:measureKeys``: the document announces a measure that the
# concept carries, uses or led to, one timeline event each) by timeline's measure events.
# Documents with equal keys share a triple, so a key is written while any document of it
# stands in the relation.
@dataclass(frozen=True)
class _KeyList:
    kind: str  # the list's IRI segment
    predicate: str  # of its keys
    count: str  # of how many keys it holds
    relation: str  # pattern relating a document (DOC) to the concept ?c

    def node(self) -> str:
        """BINDs of ``?bucket``, the month of the key ``?k``, and ``?list``, the list of
        ``?c`` for that month."""
        return (f"BIND (xsd:integer(FLOOR(?k / 100000000000000)) AS ?bucket)\n"
                f'  BIND (IRI(CONCAT("{ROW_BASE}{self.kind}/", ENCODE_FOR_URI(STR(?c)), "/", STR(?bucket))) AS ?list)')

    def keys(self) -> str:
        return f"?list sum:concept ?c ; sum:bucket ?bucket ; {self.predicate} ?k ."

    def of(self, doc: str) -> str:
        """The relation, of the document ``doc`` (a variable)."""
        return self.relation.replace("DOC", doc)


_MENTION_LIST = _KeyList("mentions", "sum:mentionedAt", "sum:mentionKeys", "DOC pkg:mentions ?c FILTER (isIRI(?c))")
# as timeline.rq's measure events: an identified document announces a labelled measure
_MEASURE_LIST = _KeyList("measures", "sum:measureAt", "sum:measureKeys", """
    DOC pkg:announces ?m ; pkg:identifier ?anyId . ?m rdfs:label ?anyLabel .
    { ?c pkg:responsibleFor ?m } UNION { ?m pkg:usesInstrument ?c } UNION { ?c pkg:ledTo ?m }
    FILTER (isIRI(?c))""")
KEY_LISTS = (_MENTION_LIST, _MEASURE_LIST)


def _counted(keys: _KeyList, change: str) -> str:
    """Add to the count of each list ``change`` (a SELECT of ``?list`` and ``?change``) names."""
    count = keys.count
    return (f"DELETE {{ GRAPH {_GRAPH} {{ ?list {count} ?n }} ?list {count} ?n }}\n"
            f"INSERT {{ GRAPH {_GRAPH} {{ ?list {count} ?sum }} ?list {count} ?sum }} WHERE {{\n"
            f"  {{ {change} }}\n"
            f"  LATERAL {{ OPTIONAL {{ GRAPH {_GRAPH} {{ ?list {count} ?n }} }} }}\n"
            f"  BIND (COALESCE(?n, 0) + ?change AS ?sum) }}")


def _unlisted(keys: _KeyList, docs: list, everyone: str) -> str:
    """Delete the keys of the document rows of ``docs`` (before their rows are written
    anew) from the lists of concepts that no other document of the same key stands in the
    relation to (``everyone``: all the documents whose keys the request lists anew,
    ", "-separated), counting them off first."""
    where = (f"  {_values('?doc', docs)}\n"
             f"  GRAPH {_GRAPH} {{ ?old sum:about ?doc ; sum:documentsOrder ?k .\n"
             f"    ?list {keys.predicate} ?k ; sum:concept ?c }}\n"
             f"  LATERAL {{ OPTIONAL {{ SELECT ?k ?c (true AS ?kept) WHERE {{\n"
             f"    GRAPH {_GRAPH} {{ ?other sum:documentsOrder ?k ; sum:about ?d }} {keys.of('?d')}\n"
             f"    FILTER (?d NOT IN ({everyone})) }} LIMIT 1 }} }}\n"
             f"  FILTER (!BOUND(?kept))")
    gone = f"SELECT ?list (0 - COUNT(DISTINCT ?k) AS ?change) WHERE {{\n{where} }} GROUP BY ?list"
    return (_counted(keys, gone) + " ;\n"
            f"DELETE {{ GRAPH {_GRAPH} {{ ?list {keys.predicate} ?k }} ?list {keys.predicate} ?k }} WHERE {{\n"
            f"{where} }}")


def _listing(keys: _KeyList, select: str = "", keep: str = "") -> str:
    """Pattern of each list key (``?list``, ``?k``, ``?c``, ``?bucket``) of the document rows
    of the documents ``select`` binds (a VALUES block, before the rows: joined row by row)
    and ``keep`` keeps (a FILTER, after them: before, a shard of the rebuild took 68 s
    instead of 50 at 100,000 documents)."""
    return (f"  {select}\n"
            f"  GRAPH {_GRAPH} {{ ?row sum:about ?doc ; sum:documentsOrder ?k }} {keep}\n"
            f"  {keys.of('?doc')}\n"
            f"  {keys.node()}")


def _listed(keys: _KeyList, select: str) -> str:
    """Add the keys of the document rows of the documents ``select`` binds (after their
    rows are written) to the lists of the concepts they stand in the relation to, counting
    those a list does not hold yet first."""
    where = _listing(keys, select)
    new = (f"SELECT ?list (COUNT(DISTINCT ?k) AS ?change) WHERE {{\n{where}\n"
           f"  FILTER NOT EXISTS {{ GRAPH {_GRAPH} {{ ?list {keys.predicate} ?k }} }} }} GROUP BY ?list")
    return (_counted(keys, new) + " ;\n"
            f"INSERT {{ GRAPH {_GRAPH} {{ {keys.keys()} }} {keys.keys()} }} WHERE {{\n{where} }}")


def _emptied(concepts: list) -> str:
    """Delete the lists of ``concepts`` that hold no key any more (their count is 0)."""
    counts = "|".join(k.count for k in KEY_LISTS)
    return (f"DELETE {{ GRAPH {_GRAPH} {{ ?list ?p ?o }} ?list ?p ?o }} WHERE {{\n"
            f"  {_values('?c', concepts)} GRAPH {_GRAPH} {{ ?list sum:concept ?c ; {counts} 0 . ?list ?p ?o }} }}")


# The rows' form, stated in the summary graph by every write of rows: a store whose
# summaries have another form (or none) gets them anew when opened to write.
FORM = "6"  # 2: rows carry their order key; 3: motions; 4: mention lists; 5: measure lists;
# 6: lists per month, with their counts
_FORM_TRIPLE = f'{_GRAPH} sum:form "{FORM}" .'
_WRITE_FORM = f"INSERT DATA {{ GRAPH {_GRAPH} {{ {_FORM_TRIPLE} }} {_FORM_TRIPLE} }}"
# The predicate that names a row's key, per key.
_KEY_PREDICATE = {"?doc": "sum:about", "?cited": "sum:cited", "?m": "sum:about"}


def _operations(summary: _Summary, keys: Iterable[ox.NamedNode | ox.Literal]) -> str:
    """Delete the rows of ``keys``, then write them anew (in the summary graph and the
    default graph, which holds every description: graph/placement.py). The keys are a VALUES
    block inside the innermost pattern, so only their rows are computed."""
    values = _values(summary.key, keys)
    delete = (f"DELETE {{ GRAPH {_GRAPH} {{ ?r ?p ?o }} ?r ?p ?o }} WHERE {{ {values}\n"
              f"  GRAPH {_GRAPH} {{ ?r {_KEY_PREDICATE[summary.key]} {summary.key} ; a {summary.row} ; ?p ?o }} }}")
    return delete + " ;\n" + _insert(summary, values)


def _insert(summary: _Summary, select: str | None) -> str:
    """Write the rows of the keys ``select`` binds or keeps (a VALUES block, a FILTER;
    None: of every key)."""
    return (f"INSERT {{ GRAPH {_GRAPH} {{ {summary.template} }} {summary.template} }}\n"
            f"WHERE {{ {summary.rows.replace('KEYS', select or '')} }}")


def with_refresh(store: ox.Store, request: str, triples: Iterable[ox.Triple]) -> str:
    """``request`` (SPARQL Update of full IRIs) followed, in the same request, by the
    recomputation of the rows that ``triples`` (those it removes or adds) touch. Run
    before ``request``: the keys are read from the store as it is and from ``triples``."""
    refresh = refresh_request(affected(store, triples))
    return _PREFIXES + request + " ;\n" + refresh if refresh else request


def refresh_request(keys: dict[str, set]) -> str:
    """SPARQL Update (its prefixes declared before it: ``_PREFIXES``) that recomputes
    the rows of ``keys`` (``affected``; "" for none); it reads the store as it is when
    it runs, so it goes last in the request that writes."""
    listed = {_MENTION_LIST: keys.get("?doc", set()),
              _MEASURE_LIST: keys.get("?doc", set()) | keys.get("?announcing", set())}
    operations = []
    for key_list, docs in listed.items():
        everyone = ", ".join(sorted(map(str, docs)))
        operations += [_unlisted(key_list, chunk, everyone) for chunk in _chunks(docs)]
    operations += [_operations(s, chunk) for s in SUMMARIES for chunk in _chunks(keys.get(s.key, ()))]
    operations += [_listed(key_list, _values("?doc", chunk)) for key_list, docs in listed.items()
                   for chunk in _chunks(docs)]
    operations += [_emptied(chunk) for chunk in _chunks(keys.get("?c", ()))]
    return " ;\n".join([*operations, _WRITE_FORM]) if operations else ""


def current(store: ox.Store) -> bool:
    """Whether ``store`` holds summaries of the current form."""
    graph = _node(iris.SUMMARY_GRAPH)
    return ox.Quad(graph, _node(iris.SUMMARY_FORM), ox.Literal(FORM), graph) in store


def _chunks(keys: Iterable) -> Iterator[list]:
    ordered = sorted(keys, key=str)
    return (ordered[i:i + _CHUNK] for i in range(0, len(ordered), _CHUNK))


# Computing the summaries anew, the drop, each summary's rows and each key list go in one
# transaction per shard: the nodes (rows, keys, documents) whose SHA-1 starts with one of
# its hex digits. In one transaction the mention lists took 14 GB of memory at 100,000
# documents, the document rows 5 GB.
_SHARDS = ("0123", "4567", "89ab", "cdef")


def _shard(var: str, digits: str) -> str:
    listed = ", ".join(f'"{d}"' for d in digits)
    return f"FILTER (SUBSTR(SHA1(STR({var})), 1, 1) IN ({listed}))"


def _listed_anew(keys: _KeyList, digits: str) -> str:
    """Add the keys of the rows of the documents of one shard to the lists, uncounted."""
    return (f"INSERT {{ GRAPH {_GRAPH} {{ {keys.keys()} }} {keys.keys()} }} WHERE {{\n"
            f"{_listing(keys, keep=_shard('?doc', digits))} }}")


def _counted_anew(keys: _KeyList) -> str:
    """Write the count of every list."""
    return (f"INSERT {{ GRAPH {_GRAPH} {{ ?list {keys.count} ?n }} ?list {keys.count} ?n }} WHERE {{\n"
            f"  {{ SELECT ?list (COUNT(?k) AS ?n) WHERE {{ GRAPH {_GRAPH} {{ ?list {keys.predicate} ?k }} }}\n"
            f"    GROUP BY ?list }} }}")


def rebuild_requests() -> list[str]:
    """SPARQL Updates, one transaction each in this order, that drop every summary and
    compute them all from the facts: the form goes first and comes back last, so a store
    left between two of them has no summaries of the current form and gets them anew when
    next opened to write."""
    unform = (f"DELETE WHERE {{ GRAPH {_GRAPH} {{ {_GRAPH} sum:form ?form }} }} ;\n"
              f"DELETE WHERE {{ {_GRAPH} sum:form ?form }}")
    drops = [f"DELETE {{ GRAPH {_GRAPH} {{ ?r ?p ?o }} ?r ?p ?o }} WHERE {{\n"
             f"  GRAPH {_GRAPH} {{ ?r ?p ?o }} {_shard('?r', d)} }}" for d in _SHARDS]
    lists = [step for k in KEY_LISTS for step in [*(_listed_anew(k, d) for d in _SHARDS), _counted_anew(k)]]
    rows = [_insert(s, _shard(s.key, d)) for s in SUMMARIES for d in _SHARDS]
    steps = [unform, *drops, f"DROP SILENT GRAPH {_GRAPH}", *rows, *lists, _WRITE_FORM]
    return [_PREFIXES + step for step in steps]
