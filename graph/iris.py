"""Mint IRIs: official identifiers where they exist, deterministic otherwise.

See docs/data-model.md. The same input always gives the same IRI, so graphs
built by different people from the same documents merge.
"""

from __future__ import annotations

import hashlib

from rdflib import URIRef

from policykg.loaders.document import slug
from policykg.namespaces import OEP, PKGG, PKGID

_OFFICIAL_PREFIXES = ("kst-", "stcrt-", "stb-", "trb-", "h-tk-", "h-ek-", "ah-tk-", "ah-ek-", "kv-tk-", "kv-ek-")


def is_official(identifier: str) -> bool:
    return identifier.startswith(_OFFICIAL_PREFIXES)


def document(identifier: str) -> URIRef:
    """A document by identifier: official ids resolve at officielebekendmakingen.nl,
    BWB ids at wetten.overheid.nl, ECLIs at rechtspraak.nl, others are minted."""
    if is_official(identifier):
        return OEP[identifier]
    if identifier.startswith(("BWBR", "BWBV")):
        return URIRef(f"https://wetten.overheid.nl/{identifier}")
    if identifier.startswith("ECLI:"):
        return URIRef(f"https://deeplink.rechtspraak.nl/uitspraak?id={identifier}")
    return PKGID[f"doc/{slug(identifier)}"]


def dossier(number: str) -> URIRef:
    return OEP[f"dossier/{number}"]


def person(name: str) -> URIRef:
    return PKGID[f"person/{slug(name)}"]


def measure(doc_key: str, label: str) -> URIRef:
    return PKGID[f"measure/{slug(doc_key)}/{slug(label)[:80].strip('-')}"]


def report_by_title(title: str) -> str:
    """Identifier of a document known by its title only («Xenofobe Machines»)."""
    return f"report-{slug(title)[:120].strip('-')}"


def recommendation(doc_key: str, number: str) -> URIRef:
    """A recommendation as the document that answers it numbers it ("97-a")."""
    return PKGID[f"recommendation/{slug(doc_key)}/{slug(number)}"]


def debate(date: str, kind: str) -> URIRef:
    return PKGID[f"debate/{date}-{slug(kind)}"]


def evidence(doc_key: str, *parts: object) -> URIRef:
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:16]
    return PKGID[f"evidence/{slug(doc_key)}/{digest}"]


def named_graph(doc_key: str) -> URIRef:
    return PKGG[slug(doc_key)]


ONTOLOGY_GRAPH = PKGG["ontology"]
VOCABULARY_GRAPH = PKGG["vocab"]
