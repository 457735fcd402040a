"""Load source documents into the store: one named graph per document.

A bad source is reported with its file name and skipped; the rest of the batch
still loads and nothing already in the store is lost. Re-ingesting an
unchanged source is skipped (same content hash); a changed one replaces its
named graph, so the store after a second ingest is the same as after the first.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import DCTERMS
from rdflib.term import Node

from policykg.loaders.document import extract_text
from policykg.loaders.officielebekendmakingen import is_companion
from policykg.loaders.sources import DOCUMENT_SUFFIXES, read_source
from policykg.loaders.sru import SEARCH_PAGE_SUFFIX
from policykg.loaders.text import SourceError
from policykg.loaders.tk_fetch import STATE_FILE
from policykg.loaders.tk_opendata import OpenDataFile, Unplaced, read_open_data
from policykg.loaders.tk_toezeggingen import TZ_NUMBER, NotLoadable
from policykg.namespaces import PKG
from policykg.reference import ontology_graph, vocabulary_graph

from . import iris
from .backend import GraphStore, UnstorableTerm
from .build import build_triples
from .motions import build_motion_graph
from .store import Store, document_nquads
from .undertakings import build_undertaking_graph

# .json: Tweede Kamer Open Data (a page, a list of Zaak records, one record)
SOURCE_SUFFIXES = DOCUMENT_SUFFIXES + (".json",)
# documents per bulk write, overlapping extraction
# (1,024 loads faster alone but a 1k ingest then waits for one load at the end)
BATCH = 256


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
    document_files: int = 0
    open_data_files: int = 0

    @property
    def complete(self) -> bool:
        """Nothing failed and nothing was left out: the exit code is 0."""
        return not self.failed and not self.unplaced and not self.not_loadable

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
                  (sum(_is_open_data(f) for f, _ in self.failed), "file", "failed"),
                  (len(self.empty), "file", "without records")]
        shown = always + [c for c in others if c[0]]
        return "Open Data: " + ", ".join(
            f"{n} {noun}{'s' * (n != 1 and bool(noun))}{' ' * bool(noun)}{what}" for n, noun, what in shown)

    def details(self) -> list[str]:
        """What the summary counts but does not name: each record not placed, what was ignored."""
        lines = [f"not placed: {u}" for u in self.unplaced]
        lines += [f"not loadable: {u}" for u in self.not_loadable]
        if self.ignored:
            ignored = ", ".join(f"{why}: {n}" for why, n in sorted(self.ignored.items()))
            lines.append("ignored (not motions or undertakings): " + ignored if self.undertakings
                         or self.undertakings_unchanged or self.not_loadable else "ignored (not motions): " + ignored)
        lines += [f"no records: {f}" for f in self.empty]
        return lines


def source_files(paths: Iterable[Path]) -> list[Path]:
    """Files to ingest: the given files, and the text files inside given folders."""
    found = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(f for f in path.rglob("*") if f.suffix.lower() in SOURCE_SUFFIXES
                                and not is_companion(f) and not is_fetch_record(f)
                                and not f.name.startswith("~$")))  # Word's lock file beside an open .docx
        else:
            found.append(path)
    return found


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


_STORED = ("SELECT ?g ?modified (COUNT(*) AS ?size) WHERE { GRAPH ?g { ?g <http://purl.org/dc/terms/modified> "
           "?modified . ?s ?p ?o } } GROUP BY ?g ?modified")


def _stored(store: GraphStore, graph: URIRef) -> tuple[str, int] | None:
    """``(modified, triples)`` of a motion graph in the store, or None."""
    rows = store.query(_STORED, {"g": graph}).rows
    return (str(rows[0][1]), int(rows[0][2])) if rows else None


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
        name = iris.motion_graph(motion.id)
        if _replace_storable(store, path, f"motion {motion.id}", name, build_motion_graph(motion),
                             motion.modified, force):
            load.motions += 1
        else:
            load.motions_unchanged += 1
    for undertaking in load.found.undertakings:
        if _replace_storable(store, path, f"undertaking {undertaking.number}",
                             iris.undertaking_graph(undertaking.number),
                             build_undertaking_graph(undertaking), undertaking.modified, force):
            load.undertakings += 1
        else:
            load.undertakings_unchanged += 1
    return load


def _replace_storable(store: GraphStore, path: Path, what: str, name: URIRef, graph: Graph,
                      modified: str, force: bool) -> bool:
    """``_replace_unless_kept`` for one record; a value the store cannot hold is a
    ``SourceError`` naming the file and the record, and the record's graph stays as it was."""
    try:
        return _replace_unless_kept(store, name, graph, modified, force)
    except UnstorableTerm as exc:
        raise SourceError(f"{what}: {exc}", path=path) from exc


@dataclass(frozen=True)
class _Extracted:
    """What a worker sends back: the document's named graph and its N-Quads, or the failure."""

    path: Path
    graph: URIRef | None = None
    nquads: bytes = b""
    error: str | None = None


def _extract(path: Path) -> _Extracted:
    """Read, extract and build one document (runs in a worker process)."""
    try:
        source = read_source(path)
        extraction = extract_text(source.text, path.name, source.content_hash, published=source.metadata)
        name = iris.named_graph(extraction.key)
        return _Extracted(path, name, document_nquads(name, build_triples(extraction)))
    except SourceError as exc:
        return _Extracted(path, error=str(exc))
    except Exception as exc:  # one bad document must not stop the batch
        return _Extracted(path, error=f"{path}: extraction failed: {type(exc).__name__}: {exc}")


def _file_hash(path: Path) -> str | None:
    try:
        return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None  # the worker reports the problem


def _documents(paths: list[Path], jobs: int) -> Iterator[_Extracted]:
    """Extractions in input order (so the last of two files with one key wins, as
    in a single process), over ``jobs`` processes."""
    if jobs <= 1 or len(paths) < 2:
        yield from map(_extract, paths)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(_extract, paths, chunksize=max(1, min(32, len(paths) // (jobs * 4))))


def ingest(store: Store, paths: Iterable[Path], force: bool = False,
           progress: Callable[[Path], None] | None = None, jobs: int = 1) -> IngestReport:
    """Extract each source and write its named graph; documents are extracted
    over ``jobs`` processes, and the store ends up the same for any ``jobs``."""
    report = IngestReport()
    if force:
        store.repair_union()  # --force also mends a default graph an older version left inconsistent
    load_reference_data(store)
    files = source_files(paths)
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
    for done in _documents(todo, jobs):
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
        _ingest_page(store, path, force, report)
        if progress:
            progress(path)
    store.flush()
    return report


def _ingest_page(store: GraphStore, path: Path, force: bool, report: IngestReport) -> None:
    """One Open Data file into the report: counted by motion and undertaking; a file that
    loads neither is never "loaded", and one whose records are none of them either fails."""
    report.open_data_files += 1
    try:
        load = ingest_tk_page(store, path, force)
    except SourceError as exc:
        report.failed.append((str(path), str(exc)))
        return
    found = load.found
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


_SOURCE_GRAPHS = """
PREFIX pkg: <https://w3id.org/policykg/def#>
SELECT DISTINCT ?name ?g WHERE {
  GRAPH ?g { ?doc pkg:sourceFile|pkg:identifier ?name ; pkg:contentHash ?hash }
}
"""


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
        if tk in store.graph_names():
            graphs.append(tk)
        removed[name] = sorted(set(graphs))
    held = set(store.remove_graphs(g for graphs in removed.values() for g in graphs))  # one transaction
    claimed: set[URIRef] = set()
    for name, graphs in removed.items():  # a graph two names share is reported for the first
        removed[name] = [g for g in graphs if g in held and g not in claimed]
        claimed.update(removed[name])
    store.flush()
    return removed
