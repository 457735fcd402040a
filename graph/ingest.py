"""Load source documents into the store: one named graph per document.

A bad source is reported with its file name and skipped; the rest of the batch
still loads and nothing already in the store is lost. Re-ingesting an
unchanged source is skipped (same content hash); a changed one replaces its
named graph, so the store after a second ingest is the same as after the first.
"""

from __future__ import annotations

import hashlib
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import partial
from itertools import islice
from pathlib import Path
from typing import TypeVar

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import DCTERMS
from rdflib.term import Node

from policykg.loaders.document import extract_file
from policykg.loaders.officielebekendmakingen import is_companion
from policykg.loaders.sources import DOCUMENT_SUFFIXES, MAX_SOURCE_MB, check_size
from policykg.loaders.sru import SEARCH_PAGE_SUFFIX
from policykg.loaders.text import SourceError, check_source_file
from policykg.loaders.tk_fetch import STATE_FILE
from policykg.loaders.tk_opendata import OpenDataFile, Unplaced, read_open_data
from policykg.loaders.tk_records import short
from policykg.loaders.tk_toezeggingen import TZ_NUMBER, NotLoadable
from policykg.namespaces import PKG
from policykg.reference import ontology_graph, vocabulary_graph

from . import iris
from .backend import GraphStore
from .build import build_triples
from .ingest_validation import document_findings
from .motions import build_motion_graph
from .store import Store, document_nquads
from .undertakings import build_undertaking_graph

# .json: Tweede Kamer Open Data (a page, a list of Zaak records, one record)
SOURCE_SUFFIXES = DOCUMENT_SUFFIXES + (".json",)
# documents per bulk write, overlapping extraction
# (1,024 loads faster alone but a 1k ingest then waits for one load at the end)
BATCH = 256
# Files submitted to the workers and not yet written: two batches (``_in_order``).
IN_FLIGHT = 2 * BATCH


def _is_open_data(path: str | Path) -> bool:
    return Path(path).suffix.lower() == ".json"


@dataclass
class IngestReport:
    """Documents per file; Open Data per motion and per undertaking (a file of records is no one thing)."""

    loaded: list[str] = field(default_factory=list)  # files that loaded something
    skipped: list[str] = field(default_factory=list)  # unchanged since the last ingest
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    motions: int = 0  # Open Data motions loaded
    motions_unchanged: int = 0
    unplaced: list[Unplaced] = field(default_factory=list)  # Open Data motions that could not be placed
    ignored: Counter = field(default_factory=Counter)  # Open Data records that are no motion, by why
    empty: list[str] = field(default_factory=list)  # Open Data files without records
    undertakings: int = 0  # Open Data undertakings (toezeggingen) loaded
    undertakings_unchanged: int = 0
    not_loadable: list[NotLoadable] = field(default_factory=list)  # Toezegging records that could not be loaded
    failed_records: list[str] = field(default_factory=list)  # Open Data records read but not stored, and why
    unsupported: list[Path] = field(default_factory=list)  # files in the folders given of a type policykg does not read
    document_files: int = 0
    open_data_files: int = 0

    @property
    def complete(self) -> bool:
        """Nothing failed and nothing was left out: the exit code is 0."""
        return not self.failed and not self.unplaced and not self.not_loadable and not self.failed_records

    def summary(self) -> str:
        """One line: documents as files; Open Data as motions, with what was not placed."""
        parts = []
        if self.document_files or not self.open_data_files:
            parts.append(f"{sum(not _is_open_data(f) for f in self.loaded)} loaded, "
                         f"{sum(not _is_open_data(f) for f in self.skipped)} unchanged, "
                         f"{sum(not _is_open_data(f) for f, _ in self.failed)} failed")
        if self.open_data_files:
            parts.append(self._open_data_summary())
        return "; ".join(parts)

    def _open_data_summary(self) -> str:
        """Motions always; undertakings when a file held any; the rest when not zero."""
        always = [(self.motions, "motion", "loaded"), (self.motions_unchanged, "", "unchanged"),
                  (len(self.unplaced), "", "not placed")]
        if self.undertakings or self.undertakings_unchanged or self.not_loadable:
            always += [(self.undertakings, "undertaking", "loaded"), (self.undertakings_unchanged, "", "unchanged"),
                       (len(self.not_loadable), "", "not loadable")]
        others = [(sum(self.ignored.values()), "other record", "ignored"),
                  (len(self.failed_records), "record", "failed"),
                  (sum(_is_open_data(f) for f, _ in self.failed), "file", "failed"),
                  (len(self.empty), "file", "without records")]
        shown = always + [c for c in others if c[0]]
        return "Open Data: " + ", ".join(
            f"{n} {noun}{'s' * (n != 1 and bool(noun))}{' ' * bool(noun)}{what}" for n, noun, what in shown)

    def details(self) -> list[str]:
        """What the summary counts but does not name: each record not placed, what was ignored."""
        lines = [f"not placed: {u}" for u in self.unplaced]
        lines += [f"not loadable: {u}" for u in self.not_loadable]
        lines += [f"failed: {record}" for record in self.failed_records]
        if self.ignored:
            ignored = ", ".join(f"{why}: {n}" for why, n in sorted(self.ignored.items()))
            lines.append("ignored (not motions or undertakings): " + ignored if self.undertakings
                         or self.undertakings_unchanged or self.not_loadable else "ignored (not motions): " + ignored)
        lines += [f"no records: {f}" for f in self.empty]
        if self.unsupported:
            lines.append(unsupported_line(self.unsupported))
        return lines


def unsupported_line(files: list[Path]) -> str:
    """The files of other types found in the folders, by suffix, a few named: "not read
    (policykg reads ...): .doc: 2 (a.doc, b.doc; save as .docx or PDF)"."""
    by_suffix: dict[str, list[Path]] = {}
    for f in files:
        by_suffix.setdefault(f.suffix.lower() or "(no suffix)", []).append(f)
    parts = []
    for suffix, found in sorted(by_suffix.items()):
        names = ", ".join(str(f) for f in found[:3]) + (", …" if len(found) > 3 else "")
        parts.append(f"{suffix}: {len(found)} ({names}{_HINTS.get(suffix, '')})")
    return f"not read (policykg reads {' '.join(SOURCE_SUFFIXES)}): " + "; ".join(parts)


_HINTS = {".doc": "; save as .docx or PDF", ".odt": "; save as .docx or PDF", ".rtf": "; save as .docx or PDF"}


@dataclass
class Sources:
    """What a walk over the given paths found: the files to ingest, and the files of
    other types inside the folders (named in the report, never read)."""

    files: list[Path] = field(default_factory=list)
    unsupported: list[Path] = field(default_factory=list)


def find_sources(paths: Iterable[Path]) -> Sources:
    """The given files, and the source files inside given folders (sorted); a folder's
    hidden files, a fetcher's records, companion metadata and Word's lock files are left
    out without a word, and so is all under a hidden folder (.git) but its sources."""
    found = Sources()
    for path in paths:
        if not path.is_dir():
            found.files.append(path)
            continue
        for f in sorted(path.rglob("*")):
            if f.is_dir() or is_companion(f) or is_fetch_record(f) or f.name.startswith("~$"):
                continue  # ~$: Word's lock file beside an open .docx
            if f.suffix.lower() in SOURCE_SUFFIXES:
                found.files.append(f)
            elif not any(part.startswith(".") for part in f.relative_to(path).parts):
                found.unsupported.append(f)
    return found


def source_files(paths: Iterable[Path]) -> list[Path]:
    """Files to ingest: the given files, and the source files inside given folders."""
    return find_sources(paths).files


def is_fetch_record(path: Path) -> bool:
    """What a fetcher keeps beside its sources: sync state, search pages, hidden journals."""
    return path.name == STATE_FILE or path.name.startswith(".") or path.name.endswith(SEARCH_PAGE_SUFFIX)


def stable_blank_nodes(graph: Graph) -> Graph:
    """The graph with each blank node (an owl:unionOf list, say) replaced by a
    skolem IRI derived from the graph's canonical form: the store renames blank
    nodes on every load, skolem IRIs stay the same, so reloads diff cleanly."""
    canonical, out = to_canonical_graph(graph), Graph()
    for s, p, o in canonical:
        out.add((_skolemized(s), _skolemized(p), _skolemized(o)))
    return out


def _skolemized(term: Node) -> Node:
    return iris.skolem(str(term)) if isinstance(term, BNode) else term


def load_reference_data(store: GraphStore) -> None:
    """(Re)load the ontology and vocabularies into their own named graphs."""
    store.replace_graph(iris.ONTOLOGY_GRAPH, stable_blank_nodes(ontology_graph()))
    store.replace_graph(iris.VOCABULARY_GRAPH, stable_blank_nodes(vocabulary_graph()))


def _ingested(store: GraphStore) -> set[tuple[str, str]]:
    """(file name, content hash) of every source in the store, read once."""
    rows = store.query(f"SELECT ?file ?hash WHERE {{ ?doc <{PKG.contentHash}> ?hash ; <{PKG.sourceFile}> ?file }}").rows
    return {(str(file), str(content_hash)) for file, content_hash in rows}


_MODIFIED = "SELECT ?g ?modified WHERE { GRAPH ?g { ?g <http://purl.org/dc/terms/modified> ?modified } }"


def _stored(store: GraphStore, graph: URIRef) -> tuple[str, int] | None:
    """``(modified, triples)`` of a motion graph in the store (as its source states it,
    facts included), or None."""
    rows = store.query(_MODIFIED, {"g": graph}).rows
    return (str(rows[0][1]), len(store.graph(graph))) if rows else None


def _keeps(stored: tuple[str, int] | None, modified: str, size: int) -> bool:
    """Whether the stored version stays: it is newer, or as new and at least as full
    (a record saved with more expansions is not undone by the same record with fewer)."""
    return stored is not None and (stored[0] > modified or (stored[0] == modified and stored[1] >= size))


@dataclass
class PageLoad:
    """What one Open Data file held and what of it was written to the store."""

    found: OpenDataFile
    motions: int = 0
    motions_unchanged: int = 0
    undertakings: int = 0
    undertakings_unchanged: int = 0
    failed: list[str] = field(default_factory=list)  # records read but not stored: "file: motion ...: why"


def _replace_unless_kept(store: GraphStore, name: URIRef, graph: Graph, modified: str, force: bool) -> bool:
    """Write ``graph`` as the named graph ``name`` unless the store holds a version at
    least as new (``_keeps``); whether it was written."""
    graph.add((name, DCTERMS.modified, Literal(modified)))
    if not force and _keeps(_stored(store, name), modified, len(graph)):
        return False
    store.replace_graph(name, graph)
    return True


def ingest_tk_page(store: GraphStore, path: Path, force: bool = False) -> PageLoad:
    """Load one saved Tweede Kamer Open Data file (a page, a list of records or one
    record): each motion and each undertaking replaces its own graph unless the store
    already holds a version at least as new. Returns what the file holds and what loaded."""
    load = PageLoad(read_open_data(path))
    for motion in load.found.motions:
        written = _store_record(store, load, path, f"motion {motion.id}", motion.modified, force,
                                lambda m: (iris.motion_graph(m.id), build_motion_graph(m)), motion)
        if written is not None:
            load.motions += written
            load.motions_unchanged += not written
    for undertaking in load.found.undertakings:
        written = _store_record(store, load, path, f"undertaking {undertaking.number}", undertaking.modified,
                                force, lambda u: (iris.undertaking_graph(u.number), build_undertaking_graph(u)),
                                undertaking)
        if written is not None:
            load.undertakings += written
            load.undertakings_unchanged += not written
    return load


_R = TypeVar("_R")  # a record read from Open Data (a motion, an undertaking)


def _store_record(store: GraphStore, load: PageLoad, path: Path, label: str, modified: str, force: bool,
                     build: Callable[[_R], tuple[URIRef, Graph]], record: _R) -> bool | None:
    """Build a record's named graph and write it (``_replace_unless_kept``): whether it was
    written; None, with the reason in ``load.failed``, when it could not be built or stored
    (the other records still are). The store's own failures (a full disk) stop the ingest."""
    try:
        name, graph = build(record)
        return _replace_unless_kept(store, name, graph, modified, force)
    except OSError:
        raise
    except Exception as exc:
        load.failed.append(f"{path.name}: {label}: cannot be stored: {type(exc).__name__}: {short(str(exc), 160)}")
        return None


@dataclass(frozen=True)
class _Extracted:
    """What a worker sends back: the document's named graph and its N-Quads, or the failure."""

    path: Path
    graph: URIRef | None = None
    nquads: bytes = b""
    error: str | None = None


def _extract(path: Path, max_source_mb: float = MAX_SOURCE_MB) -> _Extracted:
    """Read, extract and build one document (runs in a worker process)."""
    try:
        extraction = extract_file(path, max_mb=max_source_mb)
        name, triples = iris.named_graph(extraction.key), build_triples(extraction)
        triples += document_findings(extraction.key, triples)  # validated here, stored with it
        return _Extracted(path, name, document_nquads(name, triples))
    except SourceError as exc:
        return _Extracted(path, error=str(exc))
    except Exception as exc:  # one bad document must not stop the batch
        return _Extracted(path, error=f"{path}: building its graph failed: {type(exc).__name__}: {exc}")


def _file_hash(path: Path) -> str | None:
    try:
        with path.open("rb") as stream:  # in chunks: a file over the size limit is not read whole
            return "sha256:" + hashlib.file_digest(stream, "sha256").hexdigest()
    except OSError:
        return None  # the worker reports the problem


def _documents(paths: list[Path], jobs: int, max_source_mb: float = MAX_SOURCE_MB) -> Iterator[_Extracted]:
    """Extractions in input order (so the last of two files with one key wins, as
    in a single process), over ``jobs`` processes. A worker that dies (the kernel's
    out-of-memory killer, a crash in a library) breaks the pool: the next file is then
    extracted in a process of its own, which names it when it dies too, and a new pool
    takes the rest; no file is lost with the pool."""
    extract = partial(_extract, max_source_mb=max_source_mb)
    if jobs <= 1 or len(paths) < 2:
        yield from map(extract, paths)
        return
    start = 0
    while start < len(paths):
        try:
            with ProcessPoolExecutor(max_workers=jobs) as pool:
                for done in _in_order(pool, extract, paths[start:]):
                    start += 1
                    yield done
        except BrokenProcessPool:
            yield _alone(extract, paths[start])
            start += 1


def _in_order(pool: ProcessPoolExecutor, extract: Callable[[Path], _Extracted],
              paths: list[Path]) -> Iterator[_Extracted]:
    """``extract`` of each path over ``pool``, in order, with at most ``IN_FLIGHT`` files
    submitted and not yet taken: when the store writes slower than the workers extract
    (a large store), the extracted documents wait in the workers, not in this process's
    memory (``pool.map`` submits every file at once: the main process grew to 2 GB at 100,000)."""
    pending: deque[Future[_Extracted]] = deque()
    files = iter(paths)
    for path in islice(files, IN_FLIGHT):
        pending.append(pool.submit(extract, path))
    while pending:
        done = pending.popleft().result()
        for path in islice(files, 1):
            pending.append(pool.submit(extract, path))
        yield done


def _alone(extract: Callable[[Path], _Extracted], path: Path) -> _Extracted:
    """``extract(path)`` in a process of its own; a failure naming the file if it dies."""
    try:
        with ProcessPoolExecutor(max_workers=1) as pool:
            return pool.submit(extract, path).result()
    except BrokenProcessPool:
        return _Extracted(path, error=f"{path}: the process extracting it died (out of memory, or a crash "
                                      "in a library reading it)")


def ingest(store: Store, paths: Iterable[Path] | Sources, force: bool = False,
           progress: Callable[[Path], None] | None = None, jobs: int = 1,
           max_source_mb: float = MAX_SOURCE_MB) -> IngestReport:
    """Extract each source and write its named graph; documents are extracted
    over ``jobs`` processes, and the store ends up the same for any ``jobs``.
    ``paths`` are files and folders (or what ``find_sources`` found in them).
    Whatever goes wrong with one source is reported with its name (a source larger
    than ``max_source_mb`` MB too); the rest still loads."""
    found = paths if isinstance(paths, Sources) else find_sources(paths)
    report = IngestReport(unsupported=list(found.unsupported))
    if force:
        store.repair_union()  # --force also mends a default graph an older version left inconsistent
    load_reference_data(store)
    files = _readable(found.files, report, progress)
    known = set() if force else _ingested(store)  # empty: nothing to compare, no hashing
    todo = []
    for path in files:
        if _is_open_data(path):
            continue
        report.document_files += 1
        content_hash = None if force or not known else _file_hash(path)
        if content_hash and (path.name, content_hash) in known:
            report.skipped.append(str(path))
            if progress:
                progress(path)
        else:
            todo.append(path)
    batch: list[tuple[URIRef, bytes]] = []
    for done in _documents(todo, jobs, max_source_mb):
        if done.graph is None:  # extraction failed; done.error says why
            report.failed.append((str(done.path), done.error or "extraction failed"))
        else:
            batch.append((done.graph, done.nquads))
            report.loaded.append(str(done.path))
        if len(batch) >= BATCH:
            store.load_documents(batch)
            batch.clear()
        if progress:
            progress(done.path)
    store.load_documents(batch)
    for path in (f for f in files if _is_open_data(f)):
        _ingest_page(store, path, force, report, max_source_mb)
        if progress:
            progress(path)
    store.flush()
    return report


def _readable(files: list[Path], report: IngestReport, progress: Callable[[Path], None] | None) -> list[Path]:
    """The files that can be read; each other one (a named pipe, an empty file, a file name
    not in UTF-8) is a failure in ``report`` before anything waits on it."""
    readable = []
    for path in files:
        try:
            check_source_file(path)
            readable.append(path)
        except SourceError as exc:
            report.failed.append((str(path), str(exc)))
            if _is_open_data(path):
                report.open_data_files += 1
            else:
                report.document_files += 1
            if progress:
                progress(path)
    return readable


def _ingest_page(store: GraphStore, path: Path, force: bool, report: IngestReport,
                 max_source_mb: float = MAX_SOURCE_MB) -> None:
    """One Open Data file into the report: counted by motion and undertaking; a file that
    loads neither is never "loaded", and one whose records are none of them either fails."""
    report.open_data_files += 1
    try:
        check_size(path, max_source_mb)
        load = ingest_tk_page(store, path, force)
    except SourceError as exc:
        report.failed.append((str(path), str(exc)))
        return
    except OSError:
        raise  # the store's failure (a full disk), not this file's
    except Exception as exc:  # a surprise on hostile data is this file's problem, never the batch's
        report.failed.append((str(path), f"{path}: cannot be loaded: {type(exc).__name__}: {short(str(exc), 160)}"))
        return
    found = load.found
    report.failed_records.extend(load.failed)
    report.motions += load.motions
    report.motions_unchanged += load.motions_unchanged
    report.undertakings += load.undertakings
    report.undertakings_unchanged += load.undertakings_unchanged
    report.unplaced.extend(found.unplaced)
    report.not_loadable.extend(found.not_loadable)
    report.ignored.update(found.ignored)
    if load.motions or load.undertakings:
        report.loaded.append(str(path))
    elif load.motions_unchanged or load.undertakings_unchanged:
        report.skipped.append(str(path))
    elif not found.records:
        report.empty.append(str(path))
    elif not found.unplaced and not found.not_loadable and set(found.ignored) != {"deleted (Verwijderd)"}:
        kinds = ", ".join(f"{why}: {n}" for why, n in sorted(found.ignored.items()))
        report.failed.append((str(path), f"{path}: no motion in its {found.records} records ({kinds}); "
                                         "policykg loads Zaak records of Soort 'Motie' and Toezegging records"))


# By file name, or by identifier: the document node named, then the graph that holds its
# content hash (the graphs that state an identifier are the document's and those of every
# document citing it: 2.4 s at 100,000 documents when each was searched for a hash).
_SOURCE_GRAPHS = """
PREFIX pkg: <https://w3id.org/policykg/def#>
SELECT DISTINCT ?name ?g WHERE {
  { GRAPH ?g { ?doc pkg:sourceFile ?name ; pkg:contentHash ?hash } }
  UNION { ?doc pkg:identifier ?name . GRAPH ?g { ?doc pkg:contentHash ?hash } }
}
"""
_GRAPH_HELD = "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1"


def remove_sources(store: GraphStore, names: Iterable[str]) -> dict[str, list[URIRef]]:
    """Drop the named graphs of sources, given by file name (or path), document
    key or official id; a motion loaded from open data by its official id, an undertaking
    by its number (TZ202412-116).
    Returns the graphs removed per name (empty: nothing matched)."""
    removed: dict[str, list[URIRef]] = {}
    for name in names:
        key = Path(name).name
        graphs = [row[1] for row in store.query(_SOURCE_GRAPHS, {"name": Literal(key)}).rows]
        tk = iris.undertaking_graph(key) if TZ_NUMBER.fullmatch(key) else iris.motion_graph(key)
        if store.query(_GRAPH_HELD, {"g": tk}).rows:  # not graph_names(): seconds at 100,000
            graphs.append(tk)
        removed[name] = sorted(set(graphs))
    held = set(store.remove_graphs(g for graphs in removed.values() for g in graphs))  # one transaction
    claimed: set[URIRef] = set()
    for name, graphs in removed.items():  # a graph two names share is reported for the first
        removed[name] = [g for g in graphs if g in held and g not in claimed]
        claimed.update(removed[name])
    store.flush()
    return removed
