"""The query page of ``policykg serve`` (``/query``): a plain HTML form (no JavaScript)
with our prefixes set, every named query as a ready example with its parameters filled
from the example its header gives, and the answer as a table whose IRIs link to the
node pages and whose ontology terms link to the data model (``/def``).

A named query's parameters are bound as RDF terms, as ``policykg query --param`` binds
them (an IRI when the value starts with http:// or https://, else a string); they are
never pasted into the text.
"""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass, field
from typing import Any

from policykg.graph.queries import NamedQuery
from policykg.namespaces import PKG

from .layout import esc, node_href
from .sparql_endpoint import PREFIXES

_EXAMPLE = re.compile(r"\be\.g\.\s{1,4}(?P<value>[^\s,;]{1,300})")
_QUOTED = re.compile(r'"(?P<value>[^"]{1,100})"')
_SHOWN_PREFIXES = ("pkg", "pkgid", "oep", "rdf", "rdfs", "skos", "dcterms", "foaf")
DEFAULT_QUERY = "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in _SHOWN_PREFIXES) + """
# The ingested documents, newest first
SELECT ?document ?kind ?date ?title WHERE {
  ?doc pkg:sourceFile ?file ; pkg:identifier ?document ; a ?class .
  FILTER (STRSTARTS(STR(?class), STR(pkg:)) && ?class != pkg:ParliamentaryPaper)
  BIND (STRAFTER(STR(?class), "#") AS ?kind)
  OPTIONAL { ?doc pkg:date ?date }
  OPTIONAL { ?doc dcterms:title ?title }
}
ORDER BY DESC(?date) ?document
LIMIT 100
"""


def example_value(description: str) -> str:
    """The value a parameter's description gives as its example ("e.g. kst-30950-319",
    else the first quoted value), or ""."""
    found = _EXAMPLE.search(description) or _QUOTED.search(description)
    return found["value"] if found else ""


def example_values(query: NamedQuery) -> dict[str, str]:
    return {name: example_value(doc) for name, (_, doc) in query.params.items()}


@dataclass
class QueryForm:
    """What the form holds: the query text, the named query it came from, its parameters."""

    text: str
    name: str | None = None
    params: dict[str, str] = field(default_factory=dict)
    run: bool = False

    @classmethod
    def read(cls, fields: dict[str, list[str]], queries: dict[str, NamedQuery]) -> QueryForm:
        """The form from the request's fields; a named query alone gives its text and examples."""
        name = _first(fields, "name")
        named = queries.get(name or "")
        text = _first(fields, "query")
        if named is None:
            return cls(text if text is not None else DEFAULT_QUERY, None, {}, text is not None)
        params = {p: _first(fields, f"param.{p}") for p in named.params}
        if text is None:
            return cls(named.text, named.name, example_values(named), False)
        return cls(text, named.name, {p: v or "" for p, v in params.items()}, True)

    def bindings(self) -> dict[str, dict[str, str]]:
        """The filled parameters as SPARQL JSON cells (how the worker takes them)."""
        return {name: _cell(value) for name, value in self.params.items() if value.strip()}


def _first(fields: dict[str, list[str]], name: str) -> str | None:
    values = fields.get(name)
    return values[0] if values else None


def _cell(value: str) -> dict[str, str]:
    value = value.strip()
    if value.startswith(("http://", "https://")):
        return {"type": "uri", "value": value}
    return {"type": "literal", "value": value}


def named_query_list(queries: dict[str, NamedQuery], current: str | None) -> str:
    """Every named query as a link that fills the form with it and its example
    parameters; its purpose shows on hover and, once chosen, above the form."""
    links = []
    for name, query in sorted(queries.items()):
        href = "/query?" + urllib.parse.urlencode({"name": name})
        marker = ' aria-current="page"' if name == current else ""
        shown = f"<strong>{esc(name)}</strong>" if name == current else esc(name)
        links.append(f'<a href="{esc(href)}" title="{esc(query.purpose)}"{marker}>{shown}</a>')
    return '<p class="named-queries">Named queries, ready to run: ' + " · ".join(links) + "</p>"


def query_form(form: QueryForm, queries: dict[str, NamedQuery]) -> str:
    """The form: the query text, the parameters of the named query, Run."""
    named = queries.get(form.name or "")
    parts = ['<form method="get" action="/query" class="query-form">']
    if named is not None:
        parts.append(f'<input type="hidden" name="name" value="{esc(named.name)}">')
        parts.append(f"<p>Named query <code>{esc(named.name)}</code>: {esc(named.purpose)}</p>")
        for param, (required, doc) in named.params.items():
            value = form.params.get(param, "")
            parts.append(f'<p><label>{esc(param)}{"" if required else " (optional)"} '
                         f'<input type="text" name="param.{esc(param)}" value="{esc(value)}" size="60"></label>'
                         f"<br><small>{esc(doc)}</small></p>")
        if named.params:
            parts.append("<p><small>Parameters are bound as RDF terms (an IRI when the value starts with "
                         "http:// or https://, else a string), never pasted into the query.</small></p>")
    parts.append('<p><label for="query">SPARQL query</label><br>'
                 f'<textarea id="query" name="query" rows="20" cols="100" spellcheck="false">'
                 f"{esc(form.text)}</textarea></p>")
    parts.append('<p><button type="submit">Run</button> <a href="/query">clear</a></p></form>')
    return "".join(parts)


def outcome(answer: dict[str, Any] | None, error: str | None, max_rows: int) -> str:
    """The answer of a run: a table, a boolean, RDF text, or the error."""
    if error is not None:
        return f'<div class="error" role="alert"><p><strong>Error:</strong> {esc(error)}</p></div>'
    if answer is None:
        return ""
    if "ask" in answer:
        return f'<p class="answer">Answer: <strong>{"yes" if answer["ask"] else "no"}</strong></p>'
    if "graph" in answer:
        return f'<p>{answer["triples"]} triples</p><pre class="rdf">{esc(answer["graph"])}</pre>'
    return result_table(answer["select"], max_rows)


def result_table(select: dict[str, Any], max_rows: int) -> str:
    count = len(select["rows"])
    head = "".join(f"<th>{esc(v)}</th>" for v in select["vars"])
    body = "".join("<tr>" + "".join(f"<td>{cell_html(c)}</td>" for c in row) + "</tr>" for row in select["rows"])
    note = f'<p class="count">{count} row{"" if count == 1 else "s"} (limit {max_rows})</p>'
    return f'{note}<table class="results"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def cell_html(cell: dict[str, Any] | None) -> str:
    """A term for a table cell: an IRI as a link (ontology terms to /def, others to their
    node page) showing its prefixed name, a literal as its text with its language (its
    datatype on hover)."""
    if cell is None:
        return ""
    kind, value = cell["type"], cell["value"]
    if kind == "uri":
        return f'<a href="{esc(iri_href(value))}" title="{esc(value)}">{esc(compact(value))}</a>'
    if kind == "bnode":
        return f"<code>_:{esc(value)}</code>"
    if kind == "triple":
        return "&lt;&lt; " + " ".join(cell_html(value[k]) for k in ("subject", "predicate", "object")) + " &gt;&gt;"
    if "xml:lang" in cell:
        return f'{esc(value)} <small class="muted">@{esc(cell["xml:lang"])}</small>'
    if "datatype" in cell:
        return f'<span title="{esc(compact(cell["datatype"]))}">{esc(value)}</span>'
    return esc(value)


def compact(iri: str) -> str:
    """``pkg:Letter`` for an IRI in one of our namespaces, else the IRI."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def iri_href(iri: str) -> str:
    """Where a result's IRI links: the data model for ontology terms, else the node page."""
    ontology = str(PKG._NS)
    if iri.startswith(ontology):
        return "/def#" + urllib.parse.quote(iri[len(ontology):])
    return node_href(iri)


def query_page_body(form: QueryForm, queries: dict[str, NamedQuery], answer: dict[str, Any] | None,
                    error: str | None, max_rows: int) -> str:
    """The page's content (the shell is the site's layout): the named queries, the form, the answer."""
    prefixes = " ".join(f"<code>{esc(p)}:</code>" for p in sorted(PREFIXES))
    return (
        "<h1>Query the graph</h1>"
        f"<p>SPARQL 1.1, read-only. Known without a PREFIX line: {prefixes}. "
        'The data model: <a href="/def">classes and properties</a> '
        '(<a href="/ontology.ttl">ontology.ttl</a>). '
        "Other clients query <code>/sparql</code> (SPARQL 1.1 protocol).</p>"
        + named_query_list(queries, form.name)
        + query_form(form, queries) + outcome(answer, error, max_rows)
    )
