"""The page shell of the site: plain HTML with a small inline style sheet, no
JavaScript; HTML escaping; links to node pages.

Every text that comes from the store or the request goes through ``esc`` (or
``node_link``, which escapes), so a label such as ``<script>`` shows as text.
"""

from __future__ import annotations

from html import escape
from urllib.parse import quote, urlencode

from policykg.namespaces import OEP, PKGID

CSS = """
:root { --ink: #1b1f23; --muted: #5a6570; --line: #d8dee4; --accent: #0b5394; --bg: #fbfbfa; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
       color: var(--ink); background: var(--bg); }
header { background: #fff; border-bottom: 1px solid var(--line); padding: .6rem 1rem;
         display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: center; }
header .brand { font-weight: 700; color: var(--ink); text-decoration: none; }
header nav a { margin-right: 1rem; }
header form { margin-left: auto; display: flex; gap: .4rem; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
a { color: var(--accent); }
h1 { font-size: 1.5rem; margin: .5rem 0; overflow-wrap: anywhere; }
.lead { font-size: 1.1rem; margin: 0 0 .4rem; }
h2 { font-size: 1.15rem; margin: 1.6rem 0 .5rem; border-bottom: 1px solid var(--line); }
input[type=search] { padding: .35rem .5rem; min-width: 16rem; border: 1px solid var(--line); border-radius: 4px; }
button { padding: .35rem .8rem; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f1f3f5; font-weight: 600; }
code, .iri { font-family: ui-monospace, "SFMono-Regular", Menlo, monospace; font-size: .88em; overflow-wrap: anywhere; }
.muted, .where { color: var(--muted); }
.type { display: inline-block; background: #e8f0fe; color: #174ea6; border-radius: 3px; padding: 0 .4rem;
        font-size: .85em; margin-right: .3rem; }
blockquote { margin: .3rem 0 .3rem 0; padding: .2rem .6rem; border-left: 3px solid var(--line); background: #fff; }
.again { margin: .2rem 0; font-size: .9em; }
.curated { border-left-color: #e69138; }
.rejected { text-decoration: line-through; color: var(--muted); }
ul.trace, ul.trace ul { list-style: none; padding-left: 1.2rem; border-left: 1px dotted var(--line); }
ul.trace { padding-left: 0; border-left: 0; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.counts td:last-child { text-align: right; }
"""


def esc(text: object) -> str:
    """``text`` as HTML text or attribute value: ``<``, ``>``, ``&`` and quotes escaped."""
    return escape(str(text), quote=True)


def node_href(iri: str) -> str:
    """The site's path of a node page: ``/doc/<id>`` for ``oep:``, ``/id/<local>``
    for ``pkgid:``, ``/?iri=<iri>`` for any other IRI."""
    for namespace, base in ((str(OEP), "/doc/"), (str(PKGID), "/id/")):
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return base + quote(iri[len(namespace):], safe="/-._~")
    return "/?" + urlencode({"iri": iri})


def node_link(iri: str, label: str | None = None) -> str:
    """An ``<a>`` to the node page of ``iri``, showing ``label`` (else the IRI)."""
    return f'<a href="{esc(node_href(iri))}">{esc(label if label else iri)}</a>'


def search_form(text: str = "") -> str:
    return ('<form action="/search" method="get" role="search">'
            f'<input type="search" name="q" value="{esc(text)}" placeholder="name or id, e.g. kst-30950-295" '
            'aria-label="Search by name or id">'
            '<button type="submit">Search</button></form>')


def page(title: str, body: str, search: str = "") -> str:
    """A whole HTML document: the header (home, query page, data model, search box)
    and ``body``, which must already be escaped HTML."""
    return ("<!DOCTYPE html>\n"
            '<html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{esc(title)} · policykg</title><style>{CSS}</style></head>\n"
            '<body><header><a class="brand" href="/">policykg</a>'
            '<nav><a href="/">Home</a><a href="/query">Query</a><a href="/def">Data model</a></nav>'
            f"{search_form(search)}</header>\n<main>\n{body}\n</main></body></html>\n")
