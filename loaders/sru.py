"""The search API of officielebekendmakingen (KOOP's repository, SRU 2.0 with
``gzd`` records): the query for a dossier's publications, and the records of a
``searchRetrieveResponse`` page with the URLs of each publication's XML, PDF and
metadata as the record gives them (never guessed).

Shape: ``sru:records/sru:record/sru:recordData/gzd:gzd``, with ``gzd:originalData``
(``owmskern``: identifier, title, type, modified; ``tpmeta``: publicatienaam,
subrubriek, dossiernummer, ...) and ``gzd:enrichedData`` (``gzd:itemUrl
manifestation="xml|pdf|metadata|..."``); paging by ``sru:nextRecordPosition``.
"""

from __future__ import annotations

import re
import urllib.parse
import xml.parsers.expat
from dataclasses import dataclass
from xml.etree.ElementTree import Element

from policykg.errors import FetchError

from .safexml import parse_tree

DEFAULT_SRU = "https://repository.overheid.nl/sru"
PAGE_SIZE = 100
SEARCH_PAGE_SUFFIX = ".sru.xml"  # saved search pages: not publications, never ingested
SRU = "{http://docs.oasis-open.org/ns/search-ws/sruResponse}"
DIAG = "{http://docs.oasis-open.org/ns/search-ws/diagnostic}"
GZD = "{http://standaarden.overheid.nl/sru}"
W = "{http://standaarden.overheid.nl/wetgeving/}"
DCT = "{http://purl.org/dc/terms/}"
CD = "{http://standaarden.overheid.nl/cup/data}"
_DOSSIER = re.compile(r"^\d{1,6}(?:-(?:[A-Z]{1,6}|\d{2,3}))?$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_IDENTIFIER = re.compile(r"^[a-z]{1,6}(?:-[A-Za-z0-9]{1,20}){1,6}$")  # kst-30950-319, h-tk-20172018-61-10
# What ``--kinds`` chooses from, by the identifier's prefix.
KINDS = {"kst": ("kst-",), "h": ("h-tk-", "h-ek-"), "ah": ("ah-tk-", "ah-ek-"), "kv": ("kv-tk-", "kv-ek-"),
         "blg": ("blg-",), "stcrt": ("stcrt-",), "stb": ("stb-",)}


@dataclass(frozen=True)
class SruRecord:
    """One publication as the search API describes it."""

    identifier: str
    title: str | None
    publication: str | None  # publicatienaam: Kamerstuk, Handelingen, Staatscourant, ...
    subtype: str | None  # subrubriek: Motie, Brief, ...
    modified: str | None  # the version: when the publication last changed
    xml_url: str | None
    pdf_url: str | None
    metadata_url: str | None

    @property
    def kind(self) -> str | None:
        """The ``--kinds`` key of this publication (kst, h, ah, ...), None for others."""
        return next((k for k, prefixes in KINDS.items() if self.identifier.startswith(prefixes)), None)


@dataclass(frozen=True)
class SruPage:
    records: tuple[SruRecord, ...]
    skipped: tuple[str, ...]  # records that could not be read, each with the reason
    total: int | None
    next_position: int | None


def dossier_query(dossier: str, since: str | None = None) -> str:
    """CQL for the publications of ``dossier`` (and the Handelingen that treat it), changed since ``since``."""
    if not _DOSSIER.match(dossier):
        raise FetchError(f"dossier {dossier!r}: expected a number with an optional toevoeging, "
                         "e.g. 30950, 36200-VII or 21501-02")
    query = (f'c.product-area==officielepublicaties and (w.dossiernummer=="{dossier}" '
             f'or w.behandeldDossier=="{dossier}")')
    if since:
        if not _DATE.match(since[:10]):
            raise FetchError(f"--since {since!r}: expected a date such as 2022-01-01")
        query += f" and dt.modified>={since[:10]}"
    return query


def identifier_query(identifier: str) -> str:
    """CQL for one publication by its official identifier."""
    if not _IDENTIFIER.match(identifier):
        raise FetchError(f"{identifier!r} is not an official identifier such as stcrt-2022-11349")
    return f'c.product-area==officielepublicaties and dt.identifier=="{identifier}"'


def search_url(base: str, query: str, start: int = 1, size: int = PAGE_SIZE) -> str:
    params = {"operation": "searchRetrieve", "version": "2.0", "query": query, "startRecord": str(start),
              "maximumRecords": str(size), "recordSchema": "gzd"}
    return f"{base}?{urllib.parse.urlencode(params, quote_via=urllib.parse.quote)}"


def _text(element: Element | None) -> str | None:
    value = (element.text or "").strip() if element is not None else ""
    return value or None


def _item_url(gzd: Element, manifestation: str) -> str | None:
    for item in gzd.iterfind(f"{GZD}enrichedData/{GZD}itemUrl"):
        if item.get("manifestation") == manifestation:
            return _text(item)
    return None


def _record(gzd: Element) -> SruRecord:
    meta = gzd.find(f"{GZD}originalData/{W}meta")
    if meta is None:
        raise ValueError("no gzd:originalData/overheidwetgeving:meta")
    kern, tp = meta.find(f"{W}owmskern"), meta.find(f"{W}tpmeta")
    identifier = _text(kern.find(f"{DCT}identifier")) if kern is not None else None
    if not identifier or not _IDENTIFIER.match(identifier):
        raise ValueError(f"no official identifier (dcterms:identifier {identifier!r})")
    changed = tp.find(f"{CD}datumTijdstipWijzigingExpression") if tp is not None else None
    modified = _text(changed) or (_text(kern.find(f"{DCT}modified")) if kern is not None else None)
    return SruRecord(
        identifier=identifier, title=_text(kern.find(f"{DCT}title")) if kern is not None else None,
        publication=_text(tp.find(f"{W}publicatienaam")) if tp is not None else None,
        subtype=_text(tp.find(f"{W}subrubriek")) if tp is not None else None,
        modified=modified, xml_url=_item_url(gzd, "xml"), pdf_url=_item_url(gzd, "pdf"),
        metadata_url=_item_url(gzd, "metadata"))


def _diagnostics(root: Element) -> str | None:
    messages = [" ".join(filter(None, (_text(d.find(f"{DIAG}message")), _text(d.find(f"{DIAG}details")))))
                for d in root.iter(f"{DIAG}diagnostic")]
    return "; ".join(m for m in messages if m) or None


def _number(element: Element | None) -> int | None:
    value = _text(element)
    return int(value) if value and value.isdigit() and len(value) < 10 else None


def parse_page(data: bytes, url: str) -> SruPage:
    """The records of one ``searchRetrieveResponse``; a ``FetchError`` for anything else."""
    try:
        root = parse_tree(data)
    except (ValueError, xml.parsers.expat.ExpatError) as exc:
        raise FetchError(f"the answer is not a search result ({exc})", url=url) from exc
    if root.tag != f"{SRU}searchRetrieveResponse":
        raise FetchError(f"the answer is not an SRU searchRetrieveResponse (root {root.tag!r})", url=url)
    if problem := _diagnostics(root):
        raise FetchError(f"the search API refused the query: {problem}", url=url)
    records, skipped = [], []
    for position, record in enumerate(root.iterfind(f"{SRU}records/{SRU}record"), 1):
        gzd = record.find(f"{SRU}recordData/{GZD}gzd")
        try:
            if gzd is None:
                raise ValueError("no gzd record (recordSchema=gzd was asked for)")
            records.append(_record(gzd))
        except ValueError as exc:
            skipped.append(f"record {position}: {exc}")
    return SruPage(tuple(records), tuple(skipped), _number(root.find(f"{SRU}numberOfRecords")),
                   _number(root.find(f"{SRU}nextRecordPosition")))


def next_url(page: SruPage, url: str, seen: set[str]) -> str | None:
    """The URL of the page after ``page`` (same query, ``startRecord`` moved on), or None."""
    if page.next_position is None or not page.records:
        return None
    parts = urllib.parse.urlsplit(url)
    params = dict(urllib.parse.parse_qsl(parts.query, keep_blank_values=True))
    if page.next_position <= int(params.get("startRecord", "1")):
        raise FetchError(f"nextRecordPosition {page.next_position} does not move forward; stopped", url=url)
    params["startRecord"] = str(page.next_position)
    following = urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(
        params, quote_via=urllib.parse.quote)))
    if following in seen:
        raise FetchError("the next page was fetched before; stopped", url=following)
    return following
