"""Gather a whole dossier from the public APIs into a folder, resumably.

Stages: the publications the officielebekendmakingen search API lists for the
dossier (their XML and metadata, or the PDF where there is no XML), the dossier's
motions and undertakings (toezeggingen) from Tweede Kamer Open Data, and the
files of Open Data documents that have no publication (``Document(..)/resource``,
PDF or DOCX). Every URL of a publication comes from its search record.

Layout of ``out``: ``search/`` the search pages, ``publications/`` the documents,
``tk/`` the Open Data pages, ``files/`` the Open Data files, ``sync-state.json``
what the last complete run saw. A run killed at any point and started again
resumes (the page journals of ``loaders/pages.py``, the download log of
``loaders/downloads.py``); a later run asks only for what changed.
"""

from __future__ import annotations

import json
import re
import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from policykg.errors import FetchError

from . import sru, tk_fetch
from .downloads import Downloads, Tally
from .http import API_PAGE_BYTES, Client, origin
from .pages import PageRun
from .tk_records import document_kst_id, guid, live, text

UNDERTAKING_EXPAND = ("Activiteit($expand=Zaak($expand=Document($expand=Kamerstukdossier))),"
                      "KamerbriefNakoming($expand=Kamerstukdossier)")
_DOCUMENT_NUMBER = re.compile(r"\d{4}D\d{5,6}")
FILE_TYPES = {"application/pdf": ".pdf",
              "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx"}


class Progress(Protocol):
    """Shows a stage's progress: ``start`` it with its size (None: unknown), ``advance`` per item."""

    def start(self, stage: str, total: int | None) -> None: ...

    def advance(self, item: str) -> None: ...

    def finish(self) -> None: ...


class Quiet:
    def start(self, stage: str, total: int | None) -> None:
        pass

    def advance(self, item: str) -> None:
        pass

    def finish(self) -> None:
        pass


@dataclass
class StageReport:
    """One stage: pages listed (asked for now / taken from an interrupted run) and items."""

    pages: int = 0
    pages_fetched: int = 0
    items: int = 0
    tally: Tally = field(default_factory=Tally)


@dataclass
class DossierReport:
    stages: dict[str, StageReport] = field(default_factory=dict)
    sources: list[Path] = field(default_factory=list)  # what ingest should load

    @property
    def failed(self) -> list[tuple[str, str]]:
        return [f for stage in self.stages.values() for f in stage.tally.failed]


@dataclass
class DossierFetch:
    """``DossierFetch(out, "30950").run()``: everything of the dossier into ``out``."""

    out: Path
    dossier: str
    since: str | None = None
    kinds: frozenset[str] = frozenset(sru.KINDS)
    ob_url: str = sru.DEFAULT_SRU
    tk_url: str = tk_fetch.DEFAULT_BASE
    client: Client = field(default_factory=Client)
    progress: Progress = field(default_factory=Quiet)
    max_pages: int = 10_000  # per listing; more is a failure of that stage
    report: DossierReport = field(default_factory=DossierReport)
    _seen: tuple[list[sru.SruRecord], list[Path], list[Path]] = ([], [], [])

    def run(self) -> DossierReport:
        origin(self.ob_url), origin(self.tk_url)
        self.out.mkdir(parents=True, exist_ok=True)
        records = self.search()
        self.publications(records)
        motions = self.open_data("motions", "tk", tk_fetch.first_url(self.tk_url, self.dossier, self._since("tk")))
        undertakings = self.open_data("undertakings", "tz", self._undertakings_url())
        if "kst" in self.kinds:  # the files are Kamerstukken that have no publication (yet)
            held = {p.name.split(".")[0] for p in (self.out / "publications").glob("*.*")}
            self.files(sorted((self.out / "tk").glob("*.json")), held | {r.identifier for r in records})
        self._seen = (records, motions, undertakings)
        return self.report

    # -- the search API ---------------------------------------------------------------------

    def search(self) -> list[sru.SruRecord]:
        stage = self.report.stages.setdefault("search", StageReport())
        since = self._since("ob")
        first = sru.search_url(self.ob_url, sru.dossier_query(self.dossier, since))
        run = PageRun(self.out / "search", f"ob-{self.dossier}-{_slug(since)}", sru.SEARCH_PAGE_SUFFIX[1:],
                      max_pages=self.max_pages)
        self.progress.start("search", None)
        try:
            listing = run.fetch(self.client, first, self._next_search, accept="application/xml",
                                on_page=self.progress.advance)
        except FetchError as exc:  # the Open Data stages still run
            stage.tally.failed.append((exc.url or first, exc.problem))
            return []
        finally:
            self.progress.finish()
        stage.pages, stage.pages_fetched = len(listing.pages), listing.fetched
        records: dict[str, sru.SruRecord] = {}
        for page in listing.pages:
            parsed = sru.parse_page(page.read_bytes(), str(page))
            stage.tally.failed.extend((str(page), why) for why in parsed.skipped)
            records.update((r.identifier, r) for r in parsed.records if r.kind in self.kinds)
        stage.items = len(records)
        return [records[k] for k in sorted(records)]

    @staticmethod
    def _next_search(body: bytes, url: str, seen: set[str]) -> str | None:
        return sru.next_url(sru.parse_page(body, url), url, seen)

    def publications(self, records: Iterable[sru.SruRecord]) -> None:
        """Each record's XML and metadata (or its PDF) into ``publications/``."""
        records = list(records)
        stage = self.report.stages.setdefault("publications", StageReport(items=len(records)))
        downloads = Downloads(self.out / "publications", self.client, stage.tally)
        self.progress.start("publications", len(records))
        for record in records:
            self._publication(downloads, record)
            self.progress.advance(record.identifier)
        self.progress.finish()

    def _publication(self, downloads: Downloads, record: sru.SruRecord) -> None:
        wanted = ([(f"{record.identifier}.xml", record.xml_url),
                   (f"{record.identifier}.metadata.xml", record.metadata_url)] if record.xml_url
                  else [(f"{record.identifier}.pdf", record.pdf_url)] if record.pdf_url else [])
        if not wanted:
            downloads.tally.failed.append((record.identifier, "the search record offers no XML or PDF"))
        for name, url in wanted:
            if url is None:
                continue
            if not _on(url, self.ob_url):
                downloads.tally.failed.append((url, f"{record.identifier}: not on the search API's host; "
                                                    "not fetched"))
                continue
            path = downloads.fetch(name, url, record.modified, accept="application/xml")
            if path is not None and path.suffix in (".xml", ".pdf") and not name.endswith(".metadata.xml"):
                self.report.sources.append(path)

    def cited(self, identifiers: Iterable[str]) -> None:
        """Publications the dossier's documents cite (a Staatscourant decision, say),
        each found by its identifier in the search API and fetched from its record."""
        identifiers = sorted(set(identifiers))
        stage = self.report.stages.setdefault("cited", StageReport(items=len(identifiers)))
        downloads = Downloads(self.out / "publications", self.client, stage.tally)
        self.progress.start("cited", len(identifiers))
        for identifier in identifiers:
            url = sru.search_url(self.ob_url, sru.identifier_query(identifier), size=1)
            try:
                answer = self.client.limited(API_PAGE_BYTES, "API page").get(url, accept="application/xml")
                page = sru.parse_page(answer.body, url)
            except FetchError as exc:
                stage.tally.failed.append((url, exc.problem))
                continue
            record = next((r for r in page.records if r.identifier == identifier), None)
            if record is None:
                stage.tally.absent.append(identifier)
            else:
                self._publication(downloads, record)
            self.progress.advance(identifier)
        self.progress.finish()

    # -- Tweede Kamer Open Data -----------------------------------------------------------------

    def _undertakings_url(self) -> str:
        m = tk_fetch.check_dossier(self.dossier)
        parts = [f"Activiteit/any(a: a/Zaak/any(z: z/Kamerstukdossier/any(k: k/Nummer eq {int(m['nr'])}"
                 + (f" and k/Toevoeging eq '{m['toev']}'" if m["toev"] else "") + ")))"]
        if since := self._since("tz"):
            parts.append(f"GewijzigdOp ge {tk_fetch.as_moment(since)}")
        query = urllib.parse.urlencode({"$filter": " and ".join(parts), "$expand": UNDERTAKING_EXPAND,
                                        "$orderby": "GewijzigdOp"}, quote_via=urllib.parse.quote)
        return f"{self.tk_url.rstrip('/')}/Toezegging?{query}"

    def open_data(self, stage_name: str, key: str, first: str) -> list[Path]:
        """An OData listing (motions or undertakings) into ``tk/``, page by page."""
        stage = self.report.stages.setdefault(stage_name, StageReport())
        prefix = {"tk": "tk", "tz": "toezeggingen"}[key]
        run = PageRun(self.out / "tk", f"{prefix}-{self.dossier}-{_slug(self._since(key))}", max_pages=self.max_pages)
        self.progress.start(stage_name, None)
        try:
            listing = run.fetch(self.client, first, self._next_odata, accept="application/json",
                                on_page=self.progress.advance)
        except FetchError as exc:
            stage.tally.failed.append((exc.url or first, exc.problem))
            return []
        finally:
            self.progress.finish()
        stage.pages, stage.pages_fetched = len(listing.pages), listing.fetched
        stage.items = sum(len(_values(p)) for p in listing.pages)
        self.report.sources.extend(listing.pages)
        return listing.pages

    def _next_odata(self, body: bytes, url: str, seen: set[str]) -> str | None:
        return tk_fetch.next_link(tk_fetch.read_json(body, url), url, self.tk_url, seen)

    def files(self, pages: list[Path], published: set[str]) -> None:
        """The files of Open Data documents (motions', fulfilling letters') with no publication."""
        wanted = sorted({(name, doc_id, stamp) for page in pages for name, doc_id, stamp in _documents(page)
                         if name.rsplit(".", 1)[0] not in published})
        stage = self.report.stages.setdefault("files", StageReport(items=len(wanted)))
        downloads = Downloads(self.out / "files", self.client, stage.tally)
        self.progress.start("files", len(wanted))
        for name, doc_id, stamp in wanted:
            url = f"{self.tk_url.rstrip('/')}/Document({doc_id})/resource"
            if (path := downloads.fetch(name, url, stamp)) is not None:
                self.report.sources.append(path)
            self.progress.advance(name)
        self.progress.finish()

    # -- state ----------------------------------------------------------------------------------

    def _since(self, key: str) -> str | None:
        return self.since or tk_fetch.last_sync(self.out, f"{key}:{self.dossier}")

    def complete(self) -> None:
        """Call when everything fetched is loaded: records what this run saw, for each
        stage that finished without a failure, and drops the page journals, so the next
        run lists afresh from there. Until then a new run resumes this one."""
        records, motions, undertakings = self._seen
        stages = self.report.stages
        if not stages["search"].tally.failed and not stages["publications"].tally.failed:
            newest = tk_fetch.newest(r.modified for r in records)
            if newest:
                tk_fetch.write_state(self.out, f"ob:{self.dossier}", newest)
        for key, pages, stage in (("tk", motions, "motions"), ("tz", undertakings, "undertakings")):
            newest = tk_fetch.newest(z.get("GewijzigdOp") for p in pages for z in _values(p))
            if newest and not stages[stage].tally.failed:
                tk_fetch.write_state(self.out, f"{key}:{self.dossier}", newest)
        for folder in ("search", "tk"):
            for journal in (self.out / folder).glob(".*.journal.json"):
                journal.unlink()


def _on(url: str, base: str) -> bool:
    try:
        return origin(url) == origin(base)
    except FetchError:
        return False


def _slug(since: str | None) -> str:
    return "since-" + "".join(c for c in since[:19] if c.isalnum()) if since else "all"


def _values(page: Path) -> list[dict]:
    try:
        data = json.loads(page.read_bytes())
    except (OSError, ValueError, RecursionError):
        return []
    values = data.get("value") if isinstance(data, dict) else None
    return [v for v in values if isinstance(v, dict)] if isinstance(values, list) else []


def _document_file(document: dict) -> tuple[str, str, str] | None:
    """``(file name, Document Id, version)`` of a Document whose file policykg reads."""
    doc_id, kind = guid(document.get("Id")), FILE_TYPES.get(text(document.get("ContentType")) or "")
    if not doc_id or not kind:
        return None
    name = document_kst_id(document) or _safe_name(text(document.get("DocumentNummer"))) or doc_id
    return f"{name}{kind}", doc_id, text(document.get("GewijzigdOp")) or ""


def _safe_name(value: str | None) -> str | None:
    """A DocumentNummer such as 2025D11682 as a file name; None for anything else."""
    return value if value and _DOCUMENT_NUMBER.fullmatch(value) else None


def _documents(page: Path) -> Iterable[tuple[str, str, str]]:
    """The Documents of a saved page: a Zaak's, and an undertaking's fulfilling letters."""
    for record in _values(page):
        for document in live(record.get("Document")) + live(record.get("KamerbriefNakoming")):
            if (found := _document_file(document)) is not None:
                yield found
