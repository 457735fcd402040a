"""Mint IRIs: official identifiers where they exist, deterministic otherwise.

The only module that builds IRIs of policykg's data (documents, persons,
parties, votes, measures, evidence, curation records, named graphs, skolem
nodes); tests/test_architecture.py checks that. See docs/data-model.md. The same
input always gives the same IRI, so graphs built by different people from the
same documents merge.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import quote

import pyoxigraph as ox
from rdflib import URIRef

from policykg.namespaces import OEP, PKGG, PKGID
from policykg.text import slug

_OFFICIAL_PREFIXES = ("kst-", "stcrt-", "stb-", "trb-", "h-tk-", "h-ek-", "ah-tk-", "ah-ek-", "kv-tk-", "kv-ek-")
_SKOLEM = "https://w3id.org/policykg/.well-known/genid/"
_TZ_NUMBER = re.compile(r"TZ[0-9]{6}-[0-9]{3}")
_TK_API = "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/"


def checked(text: str) -> URIRef:
    """``text`` as an IRI, checked as the store checks it (RFC 3987); a ``ValueError``
    saying what is wrong (a space, ``<``, ``>``, ``"``, a bad %-escape, no scheme)."""
    try:
        ox.NamedNode(text)
    except ValueError as exc:
        raise ValueError(f"{text!r} is not a valid IRI: {exc}") from exc
    return URIRef(text)


def is_official(identifier: str) -> bool:
    return identifier.startswith(_OFFICIAL_PREFIXES)


def _digest(*parts: object) -> str:
    """A short stable hash of ``parts`` (a lone surrogate hashed as written, never an error)."""
    return hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8", "surrogatepass")).hexdigest()[:16]


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


def party(name: str) -> URIRef:
    return PKGID[f"party/{slug(name)}"]


def vote(motion_id: str, party_name: str) -> URIRef:
    """One party's vote on a motion (the same node from Open Data and from the debate)."""
    return PKGID[f"vote/{motion_id}/{slug(party_name)}"]


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
    return PKGID[f"evidence/{slug(doc_key)}/{_digest(*parts)}"]


def validation_report(doc_key: str) -> URIRef:
    """The report of the checks run on a document at ingest, stored in its graph."""
    return PKGID[f"validation/{slug(doc_key)}"]


def validation_result(doc_key: str, *parts: object) -> URIRef:
    """One finding of that report, by its shape, focus node and value."""
    return PKGID[f"validation/{slug(doc_key)}/{_digest(*parts)}"]


def shapes_version(sha256: str) -> URIRef:
    """The packaged shapes and ontology by the digest of their files."""
    return URIRef(f"https://w3id.org/policykg/shapes?sha256={sha256}")


def _file_part(file_stem: str) -> str:
    """A file name as one IRI path segment, different for different names (``cur`` and
    ``cur!`` must not share a graph, as a slug would make them): the UTF-8 bytes (a lone
    surrogate of a name that is no UTF-8 as its own three), unreserved characters kept,
    all else %XX."""
    return quote(file_stem.encode("utf-8", "surrogatepass"), safe="-._~")


def curation_record(file_stem: str, *parts: object) -> URIRef:
    """An assertion or rejection of a curation file, by what it states."""
    return PKGID[f"curation/{_file_part(file_stem)}/{_digest(*parts)}"]


def named_graph(doc_key: str) -> URIRef:
    return PKGG[slug(doc_key)]


def motion_graph(motion_id: str) -> URIRef:
    """The named graph of a motion loaded from Open Data."""
    return PKGG[f"tk/{motion_id}"]


def undertaking(number: str) -> URIRef:
    """An undertaking (toezegging) by its number in the Tweede Kamer's register, as
    written: ``pkgid:undertaking/TZ202412-116``."""
    if not _TZ_NUMBER.fullmatch(number):
        raise ValueError(f"not a toezegging number (TZyyyymm-nnn): {number!r}")
    return PKGID[f"undertaking/{number}"]


def undertaking_graph(number: str) -> URIRef:
    """The named graph of an undertaking loaded from Open Data (beside its motions')."""
    undertaking(number)  # checks the number
    return PKGG[f"tk/{number}"]


def curation_graph(file_stem: str) -> URIRef:
    """The named graph of a curation file: ``pkgg:curation/corpus`` for corpus.csv,
    ``pkgg:curation/cur%21`` for cur!.csv."""
    return PKGG[f"curation/{_file_part(file_stem)}"]


def minted(local: str) -> URIRef:
    """The ``pkgid:`` IRI with local part ``local`` (``person/van-baarle``), as the
    path ``/id/person/van-baarle`` of a node page names it; the caller checks ``local``."""
    return PKGID[local]


def published(local: str) -> URIRef:
    """The ``oep:`` IRI with local part ``local`` (``kst-30950-295``, ``dossier/30950``),
    as the path ``/doc/kst-30950-295`` of a node page names it; the caller checks ``local``."""
    return OEP[local]


def skolem(blank_node_id: str) -> URIRef:
    """The IRI that stands for a blank node of the reference data."""
    return URIRef(_SKOLEM + blank_node_id)


def tk_zaak(api_id: str) -> URIRef:
    """A Zaak record at the Tweede Kamer's Open Data API."""
    return URIRef(f"{_TK_API}Zaak({api_id})")


def tk_toezegging(api_id: str) -> URIRef:
    """A Toezegging record at the Tweede Kamer's Open Data API."""
    return URIRef(f"{_TK_API}Toezegging({api_id})")


ONTOLOGY_GRAPH = PKGG["ontology"]
VOCABULARY_GRAPH = PKGG["vocab"]
# The summaries kept at ingest (graph/summaries.py): their graph, the namespace of
# their terms (derived data, not the ontology's) and of their rows.
SUMMARY_GRAPH = PKGG["summaries"]
SUMMARY_TERMS = "https://w3id.org/policykg/summary#"
SUMMARY_FORM = URIRef(SUMMARY_TERMS + "form")  # the summaries' form (graph/summaries.py)
SUMMARY_ROWS = "https://w3id.org/policykg/summary/"
# The journal of a bulk load under way (store.Store._bulk_load_new) and its one
# predicate: never data, gone when the load ends or the store is next opened.
PENDING_LOAD_GRAPH = URIRef("urn:policykg:pending-load")
LOADING = URIRef("urn:policykg:loading")
# The graph an ingest worker validates a document in (graph/ingest_validation.py; never stored).
VALIDATING_GRAPH = URIRef("urn:policykg:validating")
