"""Load source documents into the store: one named graph per document.

A bad source is reported with its file name and skipped; the rest of the batch
still loads and nothing already in the store is lost. Re-ingesting an
unchanged source is skipped (same content hash); a changed one replaces its
named graph, so the store after a second ingest is the same as after the first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from policykg import resources
from policykg.loaders.document import extract_text
from policykg.loaders.gazetteer import vocabulary_graph
from policykg.loaders.officielebekendmakingen import is_companion
from policykg.loaders.sources import DOCUMENT_SUFFIXES, read_source
from policykg.loaders.text import SourceError
from policykg.loaders.tk_opendata import read_page
from policykg.namespaces import PKG

from . import iris
from .build import build_graph
from .motions import build_motion_graph, motion_graph_name
from .store import Store


SOURCE_SUFFIXES = DOCUMENT_SUFFIXES + (".json",)  # .json: pages saved by `policykg fetch tk`


@dataclass
class IngestReport:
    loaded: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # unchanged since the last ingest
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)

    def summary(self) -> str:
        return f"{len(self.loaded)} loaded, {len(self.skipped)} unchanged, {len(self.failed)} failed"


def source_files(paths: Iterable[Path]) -> list[Path]:
    """Files to ingest: the given files, and the text files inside given folders."""
    found = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(f for f in path.rglob("*")
                                if f.suffix.lower() in SOURCE_SUFFIXES and not is_companion(f)))
        else:
            found.append(path)
    return found


def ontology_graph() -> Graph:
    return Graph().parse(data=resources.ontology_file().read_text(encoding="utf-8"), format="turtle")


def load_reference_data(store: Store) -> None:
    """(Re)load the ontology and vocabularies into their own named graphs."""
    store.replace_graph(iris.ONTOLOGY_GRAPH, ontology_graph())
    store.replace_graph(iris.VOCABULARY_GRAPH, vocabulary_graph())


def _unchanged(store: Store, path: Path, content_hash: str) -> bool:
    """True when this file, byte for byte, is already in the store."""
    result = store.query(
        "ASK { ?doc <%s> ?hash ; <%s> ?file }" % (PKG.contentHash, PKG.sourceFile),
        {"hash": Literal(content_hash), "file": Literal(path.name)},
    )
    return bool(result.boolean)


_MODIFIED = "SELECT ?g ?modified WHERE { GRAPH ?g { ?g <http://purl.org/dc/terms/modified> ?modified } }"


def _stored_modified(store: Store, graph: URIRef) -> str | None:
    rows = store.query(_MODIFIED, {"g": graph}).rows
    return str(rows[0][1]) if rows else None


def ingest_tk_page(store: Store, path: Path, force: bool = False) -> tuple[int, int]:
    """Load one saved Tweede Kamer Open Data page: each motion replaces its own
    graph unless the store already holds a version at least as new.
    Returns ``(loaded, unchanged)`` motions."""
    loaded = unchanged = 0
    for motion in read_page(path):
        name = motion_graph_name(motion.id)
        stored = _stored_modified(store, name)
        if not force and stored is not None and stored >= motion.modified:
            unchanged += 1
            continue
        graph = build_motion_graph(motion)
        graph.add((name, DCTERMS.modified, Literal(motion.modified)))
        store.replace_graph(name, graph)
        loaded += 1
    return loaded, unchanged


def _ingest_one(store: Store, path: Path, force: bool, report: IngestReport) -> None:
    if path.suffix.lower() == ".json":
        loaded, unchanged = ingest_tk_page(store, path, force)
        (report.loaded if loaded or not unchanged else report.skipped).append(str(path))
        return
    source = read_source(path)
    if not force and _unchanged(store, path, source.content_hash):
        report.skipped.append(str(path))
        return
    extraction = extract_text(source.text, path.name, source.content_hash, published=source.metadata)
    store.replace_graph(iris.named_graph(extraction.key), build_graph(extraction))
    report.loaded.append(str(path))


def ingest(store: Store, paths: Iterable[Path], force: bool = False,
           progress: Callable[[Path], None] | None = None) -> IngestReport:
    """Extract each source and write its named graph."""
    report = IngestReport()
    load_reference_data(store)
    for path in source_files(paths):
        if progress:
            progress(path)
        try:
            _ingest_one(store, path, force, report)
        except SourceError as exc:
            report.failed.append((str(path), str(exc)))
        except Exception as exc:  # one bad document must not stop the batch
            report.failed.append((str(path), f"{path}: extraction failed: {type(exc).__name__}: {exc}"))
    store.flush()
    return report


_SOURCE_GRAPHS = """
PREFIX pkg: <https://w3id.org/policykg/def#>
SELECT DISTINCT ?name ?g WHERE {
  GRAPH ?g { ?doc pkg:sourceFile|pkg:identifier ?name ; pkg:contentHash ?hash }
}
"""


def remove_sources(store: Store, names: Iterable[str]) -> dict[str, list[URIRef]]:
    """Drop the named graphs of sources, given by file name (or path), document
    key or official id; a motion loaded from open data by its official id.
    Returns the graphs removed per name (empty: nothing matched)."""
    removed: dict[str, list[URIRef]] = {}
    for name in names:
        key = Path(name).name
        graphs = [row[1] for row in store.query(_SOURCE_GRAPHS, {"name": Literal(key)}).rows]
        motion = motion_graph_name(key)
        if motion in store.graph_names():
            graphs.append(motion)
        removed[name] = [g for g in sorted(set(graphs)) if store.remove_graph(g)]
    store.flush()
    return removed
