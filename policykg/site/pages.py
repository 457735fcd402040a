"""The site's pages, as functions of a store: the front page, search, a page per
node (HTML) and a node's description in RDF (Turtle or JSON-LD).

The HTTP server maps requests onto them:

- ``GET /`` -> ``front_page(store)``; ``GET /?iri=<IRI>`` -> ``iri_from_text(iri)`` (None:
  400), then as below
- ``GET /search?q=<text>`` -> ``search_page(store, text)``
- ``GET /id/...`` and ``GET /doc/...`` -> ``iri_for_path(path)`` (None: 404), then
  ``node_page(store, iri)`` (None: 404), or ``node_rdf(store, iri, "turtle" | "json-ld")``
  when the request accepts ``text/turtle`` or ``application/ld+json``, or asks
  ``?format=turtle`` / ``?format=json-ld`` (the links a node page offers);
  ``RDF_FORMATS`` gives each format's media type.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, PROV, RDF, RDFS, SKOS
from rdflib.term import Node

from policykg import resources
from policykg.errors import AmbiguousName, NameNotFound
from policykg.graph import iris
from policykg.graph.backend import GraphStore
from policykg.graph.describe import INCOMING_LIMIT, Description, Fact, Provenance, Value, describe, known
from policykg.graph.lookup import PREFIXES, find_node
from policykg.graph.stats import graph_stats
from policykg.graph.trace import Step

from .layout import esc, node_href, node_link, page, search_form

RDF_FORMATS = {"turtle": ("turtle", "text/turtle"), "json-ld": ("json-ld", "application/ld+json")}
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]{0,30}:[^\s<>\"{}|^`\\]{1,2000}")
_LOCAL = re.compile(r"[A-Za-z0-9][A-Za-z0-9._~-]{0,199}(?:/[A-Za-z0-9._~-]{1,200}){0,8}")
_QUOTE_WIDTH = 400
_RDF_PREFIXES = {**PREFIXES, "rdf": str(RDF), "rdfs": str(RDFS), "skos": str(SKOS), "dcterms": str(DCTERMS),
                 "foaf": str(FOAF), "prov": str(PROV)}
SEARCH_LIMIT = 100  # search-nodes.rq asks one more to tell
SEARCH_TEXT = 200  # characters of a search text that count
FRONT_LIMIT = 50  # dossiers and documents on the front page; their queries ask one more


# --- paths ---------------------------------------------------------------


def iri_for_path(path: str) -> URIRef | None:
    """The node a site path names: ``/id/<local>`` is ``pkgid:<local>``,
    ``/doc/<local>`` is ``oep:<local>`` (``/doc/kst-30950-295``,
    ``/doc/dossier/30950``). None for any other or malformed path (empty or
    dot segments, characters an identifier never has, a query string)."""
    for base, mint in (("/id/", iris.minted), ("/doc/", iris.published)):
        if path.startswith(base):
            local = unquote(path[len(base):], errors="strict") if "%" in path else path[len(base):]
            if not _LOCAL.fullmatch(local) or any(part in (".", "..") for part in local.split("/")):
                return None
            return mint(local)
    return None


def iri_from_text(text: str) -> URIRef | None:
    """The IRI of a ``?iri=`` parameter, or None where ``text`` is no absolute IRI."""
    return URIRef(text) if _IRI.fullmatch(text) else None


# --- front page ----------------------------------------------------------


def front_page(store: GraphStore) -> str:
    """What the store holds (counts), a search box, and ways in: dossiers, the
    documents, the most-cited nodes."""
    counts = "".join(f"<tr><td>{esc(label)}</td><td>{n}</td></tr>" for label, n in graph_stats(store))
    body = [
        "<h1>policykg</h1>",
        "<p>A knowledge graph of Dutch policy documents: what they cite, the motions and what "
        "followed from them, each fact with its quote and <code>file:line</code>. Search a "
        "document, motion, person or body by name or id, or start below.</p>",
        search_form(),
        _section("Dossiers", _dossiers(store)),
        _section("Documents", _documents(store)),
        _section("Most cited", _most_cited(store)),
        _section("What the store holds", f'<table class="counts"><tbody>{counts}</tbody></table>'),
    ]
    return page("policykg", "\n".join(b for b in body if b))


def _section(title: str, content: str) -> str:
    return f"<h2>{esc(title)}</h2>\n{content}" if content else ""


def _dossiers(store: GraphStore) -> str:
    rows = store.query(resources.lookup_query("site-dossiers")).dicts()
    items = []
    for r in rows[:FRONT_LIMIT]:
        name = "Dossier " + str(r["identifier"] or _local(r["dossier"]))
        title = f" · {esc(r['label'])}" if r["label"] else ""
        counts = f"{_plural(_count(r['documents']), 'document')}, {_plural(_count(r['motions']), 'motion')}"
        items.append(f'<li>{node_link(str(r["dossier"]), name)}{title} <span class="muted">({counts})</span></li>')
    more = f'<p class="muted">The {FRONT_LIMIT} with the most documents; search for others.</p>' \
        if len(rows) > FRONT_LIMIT else ""
    return f"<ul>{''.join(items)}</ul>{more}" if items else ""


def _documents(store: GraphStore) -> str:
    rows = store.query(resources.lookup_query("site-documents")).dicts()
    cells = [f"<tr><td>{esc(r['date'] or '')}</td><td>{node_link(str(r['doc']), _plain(r['identifier']))}</td>"
             f"<td>{esc(r['kind'] or '')}</td><td>{esc(_plain(r['title']) or '')}</td></tr>"
             for r in rows[:FRONT_LIMIT]]
    if not cells:
        return ""
    more = f'<p class="muted">The {FRONT_LIMIT} latest; search for others.</p>' if len(rows) > FRONT_LIMIT else ""
    return ("<table><thead><tr><th>date</th><th>document</th><th>kind</th><th>title</th></tr></thead>"
            f"<tbody>{''.join(cells)}</tbody></table>{more}")


def _most_cited(store: GraphStore) -> str:
    rows = store.query(resources.lookup_query("site-most-cited")).dicts()
    items = []
    for r in rows:
        identifier, label = _plain(r["identifier"]), _plain(r["label"])
        also = f' <span class="muted">{esc(identifier)}</span>' if label and identifier and label != identifier else ""
        items.append(f"<li>{node_link(str(r['node']), label or identifier)}{also} "
                     f"<span class=\"muted\">cited by {_plural(_count(r['citing']), 'document')}</span></li>")
    return f"<ol>{''.join(items)}</ol>" if items else ""


# --- search --------------------------------------------------------------


def search_page(store: GraphStore, text: str) -> str:
    """Nodes by name or id: an exact identifier, label or IRI first, then every
    node whose identifier, label or name contains ``text`` (case ignored)."""
    text = " ".join(text.split())[:SEARCH_TEXT]
    if not text:
        return page("Search", "<h1>Search</h1>" + search_form() + "<p>Type a name or an id.</p>")
    exact = _exact(store, text)
    rows = store.query(resources.lookup_query("search-nodes"), {"text": Literal(text.lower())}).dicts()
    found = [Value(str(r["node"]), iri=str(r["node"]), label=_plain(r["label"]), type=_local(r["type"]),
                   identifier=_plain(r["identifier"])) for r in rows]
    exact_iris = {v.iri for v in exact}
    results = exact + sorted((v for v in found[:SEARCH_LIMIT] if v.iri not in exact_iris),
                             key=lambda v: _relevance(v, text.lower()))
    body = [f"<h1>Search: {esc(text)}</h1>", search_form(text)]
    if not results:
        body.append(f"<p>Nothing in the store is called {esc(text)}.</p>")
    else:
        more = f" (the first {SEARCH_LIMIT})" if len(found) > SEARCH_LIMIT else ""
        body.append(f"<p>{_plural(len(results), 'node')}{more}:</p>")
        body.append('<table class="results"><thead><tr><th>node</th><th>type</th><th>identifier</th>'
                    "<th>IRI</th></tr></thead><tbody>")
        body += [f"<tr><td>{node_link(v.iri or v.text, v.label or v.identifier)}</td><td>{esc(v.type or '')}</td>"
                 f"<td>{esc(v.identifier or '')}</td><td class=\"iri\">{esc(v.iri)}</td></tr>" for v in results]
        body.append("</tbody></table>")
    return page(f"Search: {text}", "\n".join(body), search=text)


def _relevance(value: Value, text: str) -> tuple:
    """Names that start with the text first, then the rest, each by name."""
    names = [n.lower() for n in (value.label, value.identifier) if n]
    return (not any(n.startswith(text) for n in names), (value.label or value.identifier or value.text).lower(),
            value.text)


def _exact(store: GraphStore, text: str) -> list[Value]:
    """The nodes ``text`` names exactly (as ``policykg trace`` reads a name)."""
    try:
        iri = find_node(store, text)
    except AmbiguousName as exc:
        return [Value(c.iri, iri=c.iri, label=c.label, type=c.type) for c in exc.candidates]
    except NameNotFound:
        return []
    if not known(store, iri):
        return []
    described = describe(store, iri, with_trace=False)
    if described is None:
        return []
    identifier = described.identifiers[0].text if described.identifiers else None
    return [Value(str(iri), iri=str(iri), label=described.label or described.title,
                  type=", ".join(described.type_names), identifier=identifier)]


# --- node page -----------------------------------------------------------


def node_page(store: GraphStore, iri: URIRef) -> str | None:
    """The page of ``iri``: what it is, what it cites and what cites it (with
    quote and file:line), its trace, its other relations and the curators' word.
    None where the store knows nothing of ``iri``."""
    d = describe(store, iri) if iri_from_text(str(iri)) else None
    if d is None:
        return None
    body = [
        '<p class="muted">' + "".join(f'<span class="type">{node_link(t.iri or t.text, _type_label(t))}</span>'
                                      for t in d.types) + "</p>",
        f"<h1>{esc(d.title)}</h1>",
        f'<p class="lead">{esc(d.label)}</p>' if d.label and d.label != d.title else "",
        f'<p class="iri">{esc(d.iri)}</p>',
        _about(d, _Quotes()),
        _section("Cites", _facts(d.cites, _Quotes())),
        _section("Cited by", _facts(d.cited_by, _Quotes())),
        _section("Trace: what followed", _trace(d.trace, _Quotes()) if d.trace else ""),
        _section("Relations", _facts(d.outgoing, _Quotes())),
        _section("Referred to by", _facts(d.incoming, _Quotes()) + (
            f'<p class="muted">Only the first {INCOMING_LIMIT} are shown.</p>' if d.incoming_truncated else "")),
        _section("The curators' word", _curation(d.curation)),
        _section("As RDF", _rdf_links(d.iri)),
    ]
    return page(d.title, "\n".join(b for b in body if b))


class _Quotes:
    """Renders quotes with their place, for one section of a page: in full the
    first time, by its place (file:line) after that."""

    def __init__(self) -> None:
        self.shown: set[tuple[str, str | None, object]] = set()

    def __call__(self, quote: str, file: str | None, line: object, rule: str | None = None) -> str:
        where = f"{file}:{line}" if file and line is not None else (file or "")
        place = f'<span class="where">{esc(where)}</span>' + (
            f' <span class="muted">rule {esc(rule)}</span>' if rule else "")
        key = (quote, file, line)
        if key in self.shown:
            return f'<p class="again"><span class="muted">the same sentence as above,</span> {place}</p>'
        self.shown.add(key)
        return f"<blockquote><q>{esc(_shorten(quote))}</q> {place}</blockquote>"


def _type_label(t: Value) -> str:
    """A class by its name and its Dutch label: "Motion (motie)"."""
    return _local(t.text) + (f" ({t.label})" if t.label else "")


def _about(d: Description, quotes: _Quotes) -> str:
    rows = [("identifier", esc(value.text)) for value in d.identifiers]
    for fact in d.labels + d.dates + d.attributes:
        rows.append((fact.predicate_label or _words(_local(fact.predicate)),
                     _literal(fact) + _evidence_list(fact.provenance, quotes)))
    items = "".join(f"<dt>{esc(k)}</dt><dd>{v}</dd>" for k, v in rows)
    return f'<dl class="facts">{items}</dl>' if items else ""


def _literal(fact: Fact) -> str:
    value = fact.other
    text = esc(value.text)
    if value.text.startswith(("http://", "https://")):
        text = f'<a href="{esc(value.text)}" rel="nofollow">{text}</a>'
    return text + (f' <span class="muted">@{esc(value.lang)}</span>' if value.lang else "")


def _facts(facts: list[Fact], quotes: _Quotes) -> str:
    if not facts:
        return ""
    rows = []
    for fact in facts:
        other = fact.other
        name = node_link(other.iri, other.name) if other.iri else esc(other.text)
        kind = f' <span class="type">{esc(other.type)}</span>' if other.type else ""
        ident = (f' <span class="muted">{esc(other.identifier)}</span>'
                 if other.identifier and other.identifier != other.name else "")
        relation = esc(fact.predicate_label or _words(_local(fact.predicate)))
        css = ' class="rejected"' if fact.rejected_by else ""
        rows.append(f"<tr><td>{relation}</td><td{css}>{name}{kind}{ident}</td>"
                    f"<td>{_evidence_list(fact.provenance, quotes)}</td></tr>")
    return ("<table><thead><tr><th>relation</th><th>node</th><th>evidence</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")


def _evidence_list(provenance: list[Provenance], quotes: _Quotes) -> str:
    return "".join(_evidence(p, quotes) for p in provenance)


def _evidence(p: Provenance, quotes: _Quotes) -> str:
    if p.kind in ("Assertion", "Rejection"):
        verb = "asserted" if p.kind == "Assertion" else "rejected"
        return (f'<blockquote class="curated">{verb} by <strong class="curator">{esc(p.curator or "?")}</strong>: '
                f"{esc(p.note or '')}</blockquote>")
    if p.kind == "DataRecord":
        source = esc(_record_name(p.source)) if p.source else ""
        if p.source and p.source.startswith(("https://", "http://")):
            source = f'<a href="{esc(p.source)}" rel="nofollow">{source}</a>'

        saved = f' <span class="where">({esc(p.saved)})</span>' if p.saved else ""
        return f"<blockquote>Open Data record {source}{saved}</blockquote>"
    return quotes(p.quote, p.file, p.line, p.rule) if p.quote else ""


def _record_name(url: str) -> str:
    """An API record's URL by its last part: ``Zaak(b78de80f…)``."""
    name = url.rstrip("/").rsplit("/", 1)[-1]
    return re.sub(r"\(([0-9a-f]{8})[0-9a-f-]{20,}\)", r"(\1…)", name)


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _QUOTE_WIDTH else text[: _QUOTE_WIDTH - 1] + "…"


def _curation(records: list[Provenance]) -> str:
    items = []
    for p in records:
        verb = "asserts" if p.kind == "Assertion" else "rejects"
        fact = (f"{node_link(p.subject)} <code>{esc(_local(p.predicate))}</code> "
                f"{node_link(p.object.iri, p.object.name) if p.object.iri else esc(p.object.text)}")
        items.append(f"<li><strong class=\"curator\">{esc(p.curator or '?')}</strong> {verb}: {fact}"
                     f"<blockquote class=\"curated\">{esc(p.note or '')}</blockquote></li>")
    return f"<ul>{''.join(items)}</ul>" if items else ""


def _trace(root: Step, quotes: _Quotes) -> str:
    return f'<ul class="trace">{"".join(_trace_step(c, quotes) for c in root.children)}</ul>'


def _trace_step(step: Step, quotes: _Quotes) -> str:
    """One step of a trace, its evidence and the steps under it."""
    name = step.label if step.label and step.label != step.identifier else None
    title = node_link(step.iri, step.identifier or name or step.iri)
    if name and step.identifier:
        title += f" «{esc(_shorten(name))}»"
    extra = "".join(f' <span class="{c}">{esc(v)}</span>' for c, v in
                    (("type", step.type), ("muted", step.date),
                     ("muted", step.submitters and f"submitted by {step.submitters}")) if v)
    evidence = "".join(_step_evidence(ev, quotes) for ev in step.evidence[:3])
    children = "".join(_trace_step(c, quotes) for c in step.children)
    return (f"<li><em>{esc(step.relation or '')}</em>: {title}{extra}{evidence}"
            f"{f'<ul>{children}</ul>' if children else ''}</li>")


def _step_evidence(ev: dict, quotes: _Quotes) -> str:
    if "curator" in ev:
        return (f'<blockquote class="curated">asserted by <strong class="curator">{esc(ev["curator"])}</strong>: '
                f"{esc(_shorten(ev['note']))}</blockquote>")
    return quotes(ev["quote"], ev["file"], ev["line"])


def _rdf_links(iri: str) -> str:
    href = node_href(iri)
    joiner = "&" if "?" in href else "?"
    return ("<p>This description as RDF: ask the same URL with <code>Accept: text/turtle</code> or "
            f"<code>Accept: application/ld+json</code> (<a href=\"{esc(href + joiner + 'format=turtle')}\">Turtle</a>, "
            f"<a href=\"{esc(href + joiner + 'format=json-ld')}\">JSON-LD</a>).</p>")


# --- RDF -----------------------------------------------------------------


def node_rdf(store: GraphStore, iri: URIRef, fmt: str) -> bytes | None:
    """The description of ``iri`` in ``fmt`` (``turtle`` or ``json-ld``): the
    triples with it as subject or object, and the provenance records of those
    facts (evidence, Open Data records, curation). None where the store knows
    nothing of ``iri``."""
    if fmt not in RDF_FORMATS:
        raise ValueError(f"unknown RDF format {fmt!r}; one of {', '.join(RDF_FORMATS)}")
    if not iri_from_text(str(iri)) or not known(store, iri):
        return None
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in _RDF_PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    for row in store.query(resources.lookup_query("node-out"), {"node": iri}).dicts():
        graph.add((iri, _term(row["property"]), _term(row["value"])))
    for row in store.query(resources.lookup_query("node-in"), {"node": iri}).dicts():
        graph.add((_term(row["subject"]), _term(row["property"]), iri))
    for row in store.query(resources.lookup_query("node-records"), {"node": iri}).dicts():
        graph.add((_term(row["record"]), _term(row["property"]), _term(row["value"])))
    if fmt == "json-ld":  # compact IRIs with our prefixes as the context
        return graph.serialize(format="json-ld", context=_RDF_PREFIXES, encoding="utf-8")
    return graph.serialize(format=RDF_FORMATS[fmt][0], encoding="utf-8")


def _term(term: Node | None) -> Node:
    if term is None:
        raise ValueError("a triple's term is unbound")
    return term


# --- small helpers -------------------------------------------------------


def _words(name: str) -> str:
    """A camel-case name as words: "prefLabel" -> "pref label"."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).lower()


def _local(term: object) -> str:
    return re.split(r"[#/]", str(term))[-1] if term is not None else ""


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _count(term: Node | None) -> int:
    return int(str(term)) if term is not None else 0


def _plain(term: Node | None) -> str | None:
    return " ".join(str(term).split()) if term is not None else None
