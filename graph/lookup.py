"""One way from a name to a node, for every command that takes one (trace,
curate) and for pages per node.

``find_node`` accepts:

- an IRI (``https://...``), taken as written: it may name a node the store does
  not hold (a curated link can point outside the corpus);
- a prefixed name in one of policykg's namespaces (``oep:kst-30950-295``,
  ``pkgid:person/belhaj``; see docs/data-model.md), read as its IRI;
- an official identifier or document key (``kst-30950-295``, ``stcrt-2022-11349``,
  ``bzk-2023-0000048297``), or an exact label or name (``debat 2020-07-01``, a
  person, a concept, a measure), plain or tagged Dutch or English.

A text that exactly one node holds as its identifier means that node, whatever
carries it as a label. Otherwise the text must name exactly one node: nothing
raises ``NameNotFound``, several raise ``AmbiguousName``; both list what the
text names (IRI, type, label), sorted by IRI. The text is bound to the query as
an RDF literal, never pasted into it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.term import Node

import policykg.resources as resources
from policykg.errors import AmbiguousName, NameNotFound
from policykg.namespaces import OEP, PKG, PKGG, PKGID, PKGSH

from . import iris
from .backend import GraphStore
from .queries import is_text

PREFIXES = {"pkg": str(PKG._NS), "pkgsh": str(PKGSH), "pkgid": str(PKGID), "pkgg": str(PKGG), "oep": str(OEP)}
SHOWN = 5  # candidates listed in an error; the rest are counted
_PREFIXED = re.compile(r"^(?P<prefix>[a-z]+):(?P<local>[^\s/][^\s]*)$")
_IRI = re.compile(r"^https?://[^\s<>\"{}|^`\\]+$")
_HINT = ("give an official id (kst-30950-295), a document key, an exact label or name, "
         "a prefixed name (oep:kst-30950-295) or an IRI")


@dataclass(frozen=True)
class Candidate:
    """A node a name could mean, as an error lists it."""

    iri: str
    type: str | None  # the class's local name, e.g. "Motion"
    label: str | None

    def describe(self) -> str:
        parts = [self.iri] + ([f"[{self.type}]"] if self.type else []) + ([f"«{self.label}»"] if self.label else [])
        return " ".join(parts)


def find_node(store: GraphStore, text: str) -> URIRef:
    """The node ``text`` names: an IRI, a prefixed name, an identifier or a label."""
    if not is_text(text):
        raise NameNotFound(text, f"{text!r} is not valid text (bytes that are not UTF-8); {_HINT}")
    if text.startswith(("http://", "https://")):
        return _iri(text)
    prefixed = _PREFIXED.match(text)
    if prefixed and prefixed["prefix"] in PREFIXES:
        return _iri(PREFIXES[prefixed["prefix"]] + prefixed["local"])
    candidates, by_identifier = _matches(store, text)
    return _choose(text, [c for c in candidates if c.iri in by_identifier] or candidates)


def _iri(text: str) -> URIRef:
    """``text`` as an IRI, checked before any query sees it."""
    if not _IRI.match(text):
        raise NameNotFound(text, f"{text!r} is not a valid IRI; {_HINT}")
    try:
        return iris.checked(text)
    except ValueError as exc:
        raise NameNotFound(text, f"{exc}; {_HINT}") from exc


def _matches(store: GraphStore, text: str) -> tuple[list[Candidate], set[str]]:
    """Every node called ``text`` (sorted by IRI), and the IRIs of those that
    hold it as their identifier. One index lookup per literal form."""
    query = resources.lookup_query("find-node")
    found: dict[str, Candidate] = {}
    by_identifier: set[str] = set()
    for form in (Literal(text), Literal(text, lang="nl"), Literal(text, lang="en")):
        for row in store.query(query, {"name": form}).dicts():
            iri = str(row["node"])
            found.setdefault(iri, Candidate(iri, _local_name(row["type"]), _text(row["label"])))
            if str(row["match"]) == "identifier":
                by_identifier.add(iri)
    return sorted(found.values(), key=lambda c: c.iri), by_identifier


def _choose(text: str, candidates: list[Candidate]) -> URIRef:
    if len(candidates) == 1:
        return URIRef(candidates[0].iri)
    if not candidates:
        raise NameNotFound(text, f"{text!r} names nothing in the store; {_HINT}")
    lines = [f"  {c.describe()}" for c in candidates[:SHOWN]]
    if len(candidates) > SHOWN:
        lines.append(f"  … and {len(candidates) - SHOWN} more")
    message = f"{text!r} names {len(candidates)} nodes; give one by its IRI:\n" + "\n".join(lines)
    raise AmbiguousName(text, message, tuple(candidates))


def _local_name(term: Node | None) -> str | None:
    return re.split(r"[#/]", str(term))[-1] if term is not None else None


def _text(term: Node | None) -> str | None:
    return " ".join(str(term).split()) if term is not None else None
