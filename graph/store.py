"""The embedded persistent store: Oxigraph (pyoxigraph), one named graph per
source document, read through rdflib terms.

Each fact is written once (graph/placement.py): a document's named graph holds its
evidence records and its descriptions; the default graph holds every fact that
a record names, once for the whole store, and the descriptions of all named
graphs. Dropping a graph removes from the default graph only what no other
graph or record still supports. Queries run on that default graph, reading
records with ``GRAPH``, so a node cited by thousands of documents is described
once, not once per citing document (the union view of a quad store returns a
triple once per graph that holds it, which made joins grow with the square of a
node's citations). ``graph``, ``dataset`` and the exports give each named graph
as its source states it, facts included; ``nquads`` gives the quads as stored.

No write leaves a graph half-written: a graph is replaced, and graphs removed, in
one SPARQL Update request each (one transaction); new documents are bulk-loaded
under a journal graph that the next opening undoes if the load did not finish.
tests/test_crash_safety.py kills commands between and inside these writes.

The summaries of the corpus (graph/summaries.py) are kept the same way: each
request that changes named graphs ends by recomputing the summary rows its
triples touch, so they change in the same transaction as the facts.

Chosen by measurement (benchmarks/store_choice.py, figures in the README):
Oxigraph loads and answers our property-path and aggregate queries one to two
orders of magnitude faster than rdflib's in-memory store, persists to a
directory, and binds query parameters without touching the query text.
"""

from __future__ import annotations

import copy
import os
import signal
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import partial
from pathlib import Path
from typing import Self

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from policykg.errors import StoreError

from . import iris, placement, records, summaries
from .backend import DATASET_FORMATS, Output, QueryResult, UnstorableTerm, sorted_graph, write_with_rdflib

ENV_VAR = "POLICYKG_STORE"
# Test-only: the number of write transactions after which a process kills itself
# (Store._crash_if_due); unset in normal runs.
KILL_ENV_VAR = "POLICYKG_TEST_KILL_AFTER_WRITES"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
DEFAULT_GRAPH = ox.DefaultGraph()
# The journal of a bulk load under way (Store._bulk_load_new): the graphs it writes.
PENDING_LOAD = ox.NamedNode(str(iris.PENDING_LOAD_GRAPH))
_LOADING = ox.NamedNode(str(iris.LOADING))
# The comment line between a document's named graph and its default-graph share.
DEFAULT_PART = b"# default graph\n"
# The syntaxes of backend.RDF_FORMATS that Oxigraph writes itself, streaming.
_STREAMED = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "trig": ox.RdfFormat.TRIG,
             "nquads": ox.RdfFormat.N_QUADS}


def default_location() -> Path:
    """``$POLICYKG_STORE``, else ``$XDG_DATA_HOME/policykg/store``
    (``~/.local/share/policykg/store``)."""
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR])
    data_home = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(data_home) / "policykg" / "store"


def is_store(path: Path) -> bool:
    """Whether ``path`` holds a store (Oxigraph's RocksDB directory, named by its CURRENT file)."""
    return (path / "CURRENT").is_file()


def to_rdflib(term) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value, datatype=None if datatype == _XSD_STRING else datatype)
    raise TypeError(f"unsupported term {term!r}")


def to_oxigraph(term: Node):
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype and str(term.datatype) not in (_XSD_STRING, _LANG_STRING):
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"unsupported term {term!r}")


def document_nquads(name: URIRef, triples: Iterable[tuple]) -> bytes:
    """N-Quads for named graph ``name``, then, after the comment line
    ``DEFAULT_PART``, its share of the default graph (``placement.split``), from
    triples of Oxigraph terms: what ``Store.load_documents`` takes (built where
    the document is extracted)."""
    graph = str(ox.NamedNode(str(name)))  # str() of an Oxigraph term is its N-Triples form
    named, default = placement.split(ox.Triple(*t) for t in triples)
    # encoded line by line: one text of the whole document and its bytes beside it would
    # double the peak memory of a large source (a text with one accented letter is 2-4
    # bytes per character)
    return (b"".join(f"{s} {p} {o} {graph} .\n".encode() for s, p, o in named) + DEFAULT_PART
            + b"".join(f"{s} {p} {o} .\n".encode() for s, p, o in default))


class Store:
    """A quad store in a directory (or in memory when ``path`` is None); a
    ``backend.GraphStore``, plus bulk loading (``load_documents``) and sorted
    N-Quads (``nquads``)."""

    def __init__(self, path: Path | None = None):
        self.path = path
        if path is not None:
            path.mkdir(parents=True, exist_ok=True)
        self._open: ox.Store | None = ox.Store(str(path)) if path is not None else ox.Store()
        self._read_only = False
        self._union = False
        self._writes = 0
        self._kill_after = _kill_after()
        self._undo_pending_load()
        self._materialize_union()
        self._summarize_if_missing()

    @classmethod
    def read_only(cls, path: Path) -> Store:
        """The store in ``path`` opened for reading only, as ``policykg serve`` and the
        read commands open it: no lock on the directory (other readers may open it too,
        and a reader never rewrites files a server is reading) and every write fails;
        it must not be written by another process meanwhile. A store left to repair (an
        interrupted bulk load, no summaries or union yet) is first opened once to write."""
        store = cls._opened_read_only(path)
        if store._needs_repair():
            store.close()
            try:
                cls(path).close()  # opening to write is what repairs it
            except OSError as exc:
                raise StoreError(store_open_problem(path, exc), path=path) from exc
            store = cls._opened_read_only(path)
        return store

    def _needs_repair(self) -> bool:
        """Whether opening to write would change the store (the repairs of ``__init__``)."""
        return (self._load_pending() or self._layout_old() or self._union_missing()
                or self._summaries_missing())

    def _load_pending(self) -> bool:
        return self._ox.contains_named_graph(PENDING_LOAD)

    def _union_missing(self) -> bool:
        """Named graphs but an empty default graph: a store written before it held the union."""
        empty = next(iter(self._ox.quads_for_pattern(None, None, None, DEFAULT_GRAPH)), None) is None
        return empty and next(iter(self._ox.named_graphs()), None) is not None

    def _summaries_missing(self) -> bool:
        """Facts but no summaries of the current form: a store written before they were
        kept, or kept as they are now."""
        return not summaries.current(self._ox) and bool(self._ox.query(_HAS_FACTS))

    @classmethod
    def _opened_read_only(cls, path: Path) -> Store:
        if not path.is_dir():
            raise StoreError(f"no store at {path}; run `policykg ingest` first", path=path)
        store = cls.__new__(cls)
        store.path = path
        try:
            store._open = ox.Store.read_only(str(path))
        except OSError as exc:
            raise StoreError(f"cannot open the store at {path} to read: {exc}", path=path) from exc
        store._read_only = True
        store._union = False
        store._writes, store._kill_after = 0, None
        return store

    @property
    def _ox(self) -> ox.Store:
        """The Oxigraph store; an error once closed."""
        if self._open is None:
            raise StoreError("the store is closed", path=self.path)
        return self._open

    def close(self) -> None:
        """Release the directory (Oxigraph holds a lock on it while open)."""
        self.flush()
        self._open = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __len__(self) -> int:
        """Quads in the named graphs as their sources state them (``graph``): those
        stored there and the facts their records name."""
        return len(self._ox) - self._count(_DEFAULT_TRIPLES) + self._count(_STATED_FACTS)

    def quads_stored(self) -> int:
        """The quads the store holds, every graph (instant; ``len`` counts the graphs as
        their sources state them, which reads every record: minutes at 100,000 documents)."""
        return len(self._ox)

    def triple_count(self) -> int:
        """Distinct triples the named graphs state: the default graph and the records."""
        return self._count(_DEFAULT_TRIPLES) + self._count(_RECORD_TRIPLES)

    def _count(self, query: str) -> int:
        result = self._ox.query(query)
        if not isinstance(result, ox.QuerySolutions):  # a SELECT answers with solutions
            raise TypeError(f"unexpected query result {result!r}")
        return int(next(iter(result))["n"].value)

    def graph_names(self) -> list[URIRef]:
        return sorted(URIRef(g.value) for g in self._ox.named_graphs() if isinstance(g, ox.NamedNode))

    def replace_graph(self, name: URIRef, graph: Graph) -> None:
        """Make named graph ``name`` hold exactly ``graph``, in one transaction. Every
        term is checked before the store is touched: a term Oxigraph cannot store
        raises ``UnstorableTerm`` and leaves the graph as it was."""
        self._swap({ox.NamedNode(str(name)): [_triple(t) for t in graph]})

    def load_documents(self, documents: Iterable[tuple[URIRef, bytes]]) -> None:
        """Replace many named graphs at once with the N-Quads of ``document_nquads``;
        a name given twice keeps its last data. A document is there whole, with its
        content hash, or not at all: graphs the store holds are swapped in one
        transaction (``_swap``); new ones are bulk-loaded (three times faster than a
        transactional load) under a journal (``_bulk_load_new``)."""
        latest = {ox.NamedNode(str(name)): data for name, data in dict(documents).items()}
        held = [name for name in latest if self._ox.contains_named_graph(name)]
        new = [name for name in latest if name not in held]
        if new:
            self._bulk_load_new({name: latest[name] for name in new})
        if held:
            quads = ox.parse(b"".join(latest[name] for name in held), ox.RdfFormat.N_QUADS)
            graphs: dict[ox.NamedNode, list[ox.Triple]] = {name: [] for name in held}
            for q in quads:
                if isinstance(q.graph_name, ox.NamedNode):
                    graphs[q.graph_name].append(q.triple)
            self._swap(graphs)

    def _bulk_load_new(self, documents: Mapping[ox.NamedNode, bytes]) -> None:
        """Bulk-load graphs the store does not hold, resumably: the journal graph
        ``PENDING_LOAD`` names them (one transaction), the named graphs are loaded,
        then their default-graph share, then the journal is dropped (one transaction).
        A store opened with a journal undoes the load (``_undo_pending_load``)."""
        parts = [data.partition(DEFAULT_PART) for data in documents.values()]
        if any(not separator for _, separator, _ in parts):
            raise ValueError("load_documents takes the N-Quads of document_nquads")
        journal = "".join(f"{PENDING_LOAD} {_LOADING} {name} .\n" for name in documents)
        added = (q.triple for q in ox.parse(b"".join(default for _, _, default in parts), ox.RdfFormat.N_QUADS))
        refresh = summaries.with_refresh(self._ox, f"DROP GRAPH {PENDING_LOAD}",
                                         (t for t in added if not self._in_union(t)))
        self._write(lambda: self._ox.update(f"INSERT DATA {{ GRAPH {PENDING_LOAD} {{\n{journal}}} }}"))
        try:
            self._write(lambda: self._ox.bulk_load(b"".join(named for named, _, _ in parts), ox.RdfFormat.N_QUADS))
            self._write(lambda: self._ox.bulk_load(b"".join(default for _, _, default in parts),
                                                   ox.RdfFormat.N_QUADS))
        except BaseException:  # a full disk, Ctrl-C: undo now (else the next opening does)
            self._undo_pending_load()
            raise
        # the journal goes with the summaries' refresh: the load is done, summaries included
        self._write(lambda: self._ox.update(refresh))

    def _undo_pending_load(self) -> None:
        """Drop what an interrupted ``_bulk_load_new`` wrote, in one transaction: its
        graphs were new, so this is the store as it was. The default-graph share is
        loaded after the named graphs are complete, so ``_drop_request`` finds all of it."""
        if not self._load_pending():
            return
        names = [q.object for q in self._ox.quads_for_pattern(None, _LOADING, None, PENDING_LOAD)]
        graphs = [name for name in names if isinstance(name, ox.NamedNode)]
        request = (self._drop_request(graphs)[0] + " ;\n" if graphs else "") + f"DROP SILENT GRAPH {PENDING_LOAD}"
        self._write(lambda: self._ox.update(request))

    def remove_graph(self, name: URIRef) -> bool:
        return bool(self.remove_graphs([name]))

    def remove_graphs(self, names: Iterable[URIRef]) -> list[URIRef]:
        """Drop the named graphs ``names`` in one transaction; the ones there were."""
        held = [URIRef(n.value) for n in dict.fromkeys(ox.NamedNode(str(name)) for name in names)
                if self._ox.contains_named_graph(n)]
        if held:
            graphs = [ox.NamedNode(str(name)) for name in held]
            drop, orphans = self._drop_request(graphs)
            request = summaries.with_refresh(self._ox, drop, orphans)
            self._write(lambda: self._ox.update(request))
        return held

    def _swap(self, graphs: Mapping[ox.NamedNode, list[ox.Triple]]) -> None:
        """Make each named graph hold what its triples state (``placement.split``), in one
        SPARQL Update request (one transaction) that writes only the difference: the
        triples a graph loses, and from the default graph those nothing supports
        afterwards; the triples it gains, in its graph, and its new share of the
        default graph. A graph left empty is dropped; one that holds blank nodes
        (which no request can name) is dropped and written anew."""
        new, new_share = {}, {}
        for name, triples in graphs.items():
            named, share = placement.split(triples)
            new[name], new_share[name] = set(named), set(share)
        old = {name: set(self._stored(name)) for name in new}
        old_share = {name: placement.default_share(old[name]) for name in new}
        anew = [name for name in new if any(_has_blank_node(t) for t in old[name])]
        # _drop_request removes from the default graph what of these nothing else supports
        dropped = {t for name in anew for t in old_share[name]}
        for name in anew:
            old[name] = set()
        lost = {name: old[name] - new[name] for name in new}
        gained = {name: new[name] - old[name] for name in new}
        kept = set().union(*new_share.values())
        orphans = {t for name in new if name not in anew for t in old_share[name]
                   if t not in kept and not self._supported_outside(t, new)}
        added = {t for t in kept if t in dropped or not self._in_union(t)}
        request = [self._drop_request(anew)[0]] if anew else []
        if orphans or any(lost.values()):
            request.append("DELETE DATA {\n" + "".join(f"GRAPH {name} {{\n{_lines(triples)}}}\n"
                                                      for name, triples in lost.items() if triples)
                           + _lines(orphans) + "}")
        if any(gained.values()) or added:
            request.append("INSERT DATA {\n" + "".join(f"GRAPH {name} {{\n{_lines(triples)}}}\n"
                                                      for name, triples in gained.items() if triples)
                           + _lines(added) + "}")
        request += [f"DROP SILENT GRAPH {name}" for name, triples in new.items()
                    if not triples and self._ox.contains_named_graph(name)]
        if request:
            touched = dropped | orphans | added  # what the default graph loses or gains
            update = summaries.with_refresh(self._ox, " ;\n".join(request), touched)
            self._write(lambda: self._ox.update(update))

    def _in_union(self, triple: ox.Triple) -> bool:
        """Whether the default graph holds ``triple``."""
        return ox.Quad(triple.subject, triple.predicate, triple.object, DEFAULT_GRAPH) in self._ox

    def _supported_outside(self, triple: ox.Triple, graphs: Mapping[ox.NamedNode, object]) -> bool:
        """Whether a named graph not among ``graphs`` holds ``triple`` or a supporting record of it."""
        s, p, o = triple
        if any(isinstance(q.graph_name, ox.NamedNode) and q.graph_name not in graphs
               for q in self._ox.quads_for_pattern(s, p, o)):
            return True
        return any(self._supports(q.subject, q.graph_name, s, p, o) for q in self._records_naming(s, o)
                   if isinstance(q.graph_name, ox.NamedNode) and q.graph_name not in graphs)

    def _records_naming(self, s, o) -> list[ox.Quad]:
        """The quads that name a record's subject ``s``, or those that name its object ``o``:
        whichever list is shorter, read in step so that only twice its length is read (a
        concept is the subject of thousands of records, a measure the object of a few)."""
        by_subject = self._ox.quads_for_pattern(None, placement.RECORD_SUBJECT, s)
        by_object = self._ox.quads_for_pattern(None, placement.RECORD_OBJECT, o)
        read: tuple[list[ox.Quad], list[ox.Quad]] = ([], [])
        while True:
            for side, quads in enumerate((by_subject, by_object)):
                quad = next(quads, None)
                if quad is None:
                    return read[side]
                read[side].append(quad)

    def _supports(self, record, graph: ox.NamedNode, s, p, o) -> bool:
        """Whether ``record`` in ``graph`` is a supporting record of the fact ``s p o``."""
        return (ox.Quad(record, placement.RECORD_PREDICATE, p, graph) in self._ox
                and ox.Quad(record, placement.RECORD_SUBJECT, s, graph) in self._ox
                and ox.Quad(record, placement.RECORD_OBJECT, o, graph) in self._ox
                and any(ox.Quad(record, placement.TYPE, kind, graph) in self._ox for kind in placement.SUPPORTING))

    def _drop_request(self, graphs: list[ox.NamedNode]) -> tuple[str, set[ox.Triple]]:
        """SPARQL Update that drops the named graphs ``graphs`` and removes from the default
        graph each triple of their share that no other graph holds or supports with a
        record (graph/placement.py); and those triples. The support is looked up here, by
        index, not in the request: Oxigraph plans such a lookup inside FILTER NOT EXISTS as a
        scan of every record (a store of 1,000 documents took minutes)."""
        dropped = dict.fromkeys(graphs)
        shares = set().union(*(placement.default_share(self._stored(g)) for g in graphs))
        orphans = {t for t in shares if not self._supported_outside(t, dropped)}
        drops = " ;\n".join(f"DROP SILENT GRAPH {name}" for name in graphs)
        return _delete_request(orphans, graphs) + drops, orphans

    def _repair_request(self) -> str:
        """SPARQL Update that makes the default graph the named graphs' share: removes what
        nothing supports (looked up here, see ``_drop_request``), adds what is missing."""
        unsupported = {q.triple for q in self._ox.quads_for_pattern(None, None, None, DEFAULT_GRAPH)
                       if not self._supported_outside(q.triple, {})}
        return _delete_request(unsupported, []) + _ADD_MISSING

    def _write(self, action: Callable[[], None]) -> None:
        """Run one write transaction, counted for the crash test's hook."""
        self._crash_if_due()
        action()
        self._writes += 1

    def _crash_if_due(self) -> None:
        """Test-only hook, inert unless ``$POLICYKG_TEST_KILL_AFTER_WRITES`` is set: with
        it set to N, the process kills itself (SIGKILL) when it is about to start
        write N + 1, which is how tests/test_crash_safety.py stops a command at
        every point between two transactions."""
        if self._kill_after is not None and self._writes >= self._kill_after:
            os.kill(os.getpid(), signal.SIGKILL)

    def repair_union(self) -> None:
        """Make the default graph exactly the share of the named graphs again
        (``placement``), in one transaction: what nothing supports leaves it, what is
        missing is added; the summaries are computed anew. A store written by a
        version that could be interrupted between a graph and its default-graph share
        kept orphan triples there (a content hash among them made the next ingest skip
        a document). Reads the whole store."""
        request = _MIGRATE + self._repair_request()
        self._write(lambda: self._ox.update(request))
        self.rebuild_summaries()

    def rebuild_summaries(self) -> None:
        """Compute every summary anew from the facts, in a few transactions
        (``summaries.rebuild_requests``)."""
        for request in summaries.rebuild_requests():
            self._write(partial(self._ox.update, request))

    def summary_nquads(self) -> bytes:
        """The summary graph as sorted N-Quads (to compare with a rebuild)."""
        lines = [f"{q} .".encode() for q in self._ox.quads_for_pattern(None, None, None, _SUMMARIES)]
        return b"\n".join(sorted(lines))

    def _summarize_if_missing(self) -> None:
        """Compute the summaries of a store written before they were kept as they are now,
        or whose computing was interrupted."""
        if self._summaries_missing():
            self.rebuild_summaries()

    def _materialize_union(self) -> None:
        """Write each fact once in a store written before that (records in the default
        graph, facts in the named graphs beside their records), or fill the default graph
        of one written before it held the facts: one transaction, so an interrupted
        change leaves the store as it was. Reads the whole store."""
        old = self._layout_old()
        if old or self._union_missing():
            request = (_MIGRATE if old else "") + self._repair_request()
            self._write(lambda: self._ox.update(request))

    def _layout_old(self) -> bool:
        """Records in the default graph: a store written before each fact was written once."""
        records = self._ox.quads_for_pattern(None, placement.RECORD_SUBJECT, None, DEFAULT_GRAPH)
        return next(iter(records), None) is not None

    def _named_quads(self) -> Iterator[ox.Quad]:
        """The quads of every named graph as its source states it (``placement.with_facts``)."""
        for graph in self._ox.named_graphs():
            for t in self._stated(graph):
                yield ox.Quad(t.subject, t.predicate, t.object, graph)

    def _stated(self, graph: ox.NamedNode | ox.BlankNode) -> Iterator[ox.Triple]:
        """A named graph's triples and the facts its records name."""
        return placement.with_facts(self._stored(graph))

    def _stored(self, graph: ox.NamedNode | ox.BlankNode) -> Iterator[ox.Triple]:
        """A named graph's triples as stored."""
        return (q.triple for q in self._ox.quads_for_pattern(None, None, None, graph))

    def _union_triples(self) -> Iterator[ox.Triple]:
        """Every triple the named graphs state, once: the default graph and the records."""
        yield from (q.triple for q in self._ox.quads_for_pattern(None, None, None, DEFAULT_GRAPH))
        for graph in self._ox.named_graphs():
            quads = self._ox.quads_for_pattern(None, None, None, graph)
            records = {q.subject for q in self._ox.quads_for_pattern(None, placement.RECORD_SUBJECT, None, graph)}
            yield from (q.triple for q in quads if q.subject in records)

    def graph(self, name: URIRef) -> Graph:
        """A copy of one named graph as its source states it (its facts included) as an rdflib Graph."""
        data = _returned(ox.serialize(self._stated(ox.NamedNode(str(name))), format=ox.RdfFormat.N_TRIPLES))
        return Graph().parse(data=data.decode("utf-8"), format="nt")

    def union(self, exclude: Iterable[URIRef] = ()) -> Graph:
        """All named graphs (but ``exclude``) merged into one rdflib Graph."""
        merged = Graph()
        skip = set(exclude)
        if not skip:
            data = _returned(ox.serialize(self._union_triples(), format=ox.RdfFormat.N_TRIPLES))
            return merged.parse(data=data.decode("utf-8"), format="nt")
        for name in self.graph_names():
            if name not in skip:
                merged += self.graph(name)
        return merged

    def nquads(self) -> bytes:
        """Every quad as stored, as N-Quads, sorted: equal stores give equal bytes."""
        lines = _returned(self._ox.dump(format=ox.RdfFormat.N_QUADS)).splitlines()
        return b"\n".join(sorted(lines)) + b"\n"

    def write_rdf(self, fmt: str, output: Output, prefixes: Mapping[str, str] | None = None) -> None:
        """Stream every graph in ``fmt`` to ``output`` (no copy in memory), as
        ``backend.GraphStore.write_rdf``; JSON-LD goes through rdflib."""
        if fmt not in _STREAMED:
            write_with_rdflib(self, fmt, output, prefixes)
            return
        used = dict(prefixes) if prefixes is not None and fmt in ("turtle", "trig") else None
        if fmt in DATASET_FORMATS:
            self._dump_named(_STREAMED[fmt], output, used)
        else:
            ox.serialize(self._union_triples(), output, _STREAMED[fmt], prefixes=used)

    def _dump_named(self, fmt: ox.RdfFormat, output: Output | None = None,
                    prefixes: dict[str, str] | None = None) -> bytes | None:
        """Every named graph (N-Quads or TriG), without the default graph's copy."""
        return ox.serialize(self._named_quads(), output, fmt, prefixes=prefixes)

    def dataset(self) -> Dataset:
        data = _returned(self._dump_named(ox.RdfFormat.N_QUADS))
        ds = Dataset()
        ds.parse(data=data.decode("utf-8"), format="nquads")
        return ds

    def with_records(self) -> Store:
        """This store, its queries over every graph at once (``use_default_graph_as_union``):
        records included, a description once per graph that holds it. Closing it leaves
        this store open."""
        view = copy.copy(self)
        view._union, view.close = True, lambda: None  # type: ignore[method-assign]
        return view

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        """Run a SELECT, ASK, CONSTRUCT or DESCRIBE over the default graph (every fact and description);
        ``bindings`` are substituted as RDF terms (SEP-0007), never pasted into the text."""
        result = self._run(sparql, bindings)
        if isinstance(result, ox.QueryBoolean):
            return QueryResult([], [], bool(result))
        if isinstance(result, ox.QueryTriples):
            return QueryResult([], [], graph=sorted_graph(
                (to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)) for t in result))
        if not isinstance(result, ox.QuerySolutions):
            raise TypeError(f"unexpected query result {result!r}")
        variables = [v.value for v in result.variables]
        rows = [tuple(None if s[v] is None else to_rdflib(s[v]) for v in variables) for s in result]
        return QueryResult(variables, rows)

    def _run(self, sparql: str, bindings: Mapping[str, Node] | None):
        """Oxigraph's answer, ``bindings`` substituted as RDF terms (SEP-0007)."""
        subs = {ox.Variable(k): to_oxigraph(v) for k, v in (bindings or {}).items()}
        try:
            return self._ox.query(sparql, substitutions=subs or None, use_default_graph_as_union=self._union)
        except RuntimeError as exc:
            if subs and _is_unprojected_substitution(exc):
                raise ValueError(f"{exc}: a query parameter must be a variable the query SELECTs") from exc
            raise

    streams = True  # Oxigraph yields a query's rows as it evaluates them

    def select(self, sparql: str, bindings: Mapping[str, Node] | None = None,
               page: int = 5000) -> Iterator[dict[str, Node | None]]:
        """The rows of a SELECT as Oxigraph yields them (``page`` is for remote stores)."""
        result = self._run(sparql, bindings)
        if not isinstance(result, ox.QuerySolutions):
            raise ValueError("select runs SELECT queries only")
        variables = [v.value for v in result.variables]
        for solution in result:
            yield {v: None if solution[v] is None else to_rdflib(solution[v]) for v in variables}

    def flush(self) -> None:
        if self.path is not None and self._open is not None and not self._read_only:
            self._open.flush()


_SUMMARIES = ox.NamedNode(summaries.SUMMARY_GRAPH_IRI)
_DEFAULT_TRIPLES = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
_RECORD_TRIPLES = ("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?r <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> "
                   "?any ; ?p ?o } }")
_STATED_FACTS = ("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?g ?s ?p ?o WHERE { GRAPH ?g { "
                 + records.record_pattern("?r", "?s", "?p", "?o") + " } } }")
# Add to the default graph what a named graph puts there and it lacks (graph/placement.py).
_ADD_MISSING = "INSERT { ?s ?p ?o } WHERE { " + records.SHARE_OF_GRAPH + " FILTER NOT EXISTS { ?s ?p ?o } }"
# A store of the layout before each fact was written once: records out of the default
# graph, facts that a record of the same graph names out of the named graphs.
_MIGRATE = ("DELETE { ?r ?p ?o } WHERE { ?r <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> ?any ; ?p ?o } ;\n"
            "DELETE { GRAPH ?g { ?s ?p ?o } } WHERE { GRAPH ?g { "
            + records.record_pattern("?r", "?s", "?p", "?o") + " . ?s ?p ?o } } ;\n")
_HAS_FACTS = "ASK { ?s <https://w3id.org/policykg/def#sourceFile>|<https://w3id.org/policykg/def#cites> ?o }"


def store_open_problem(path: Path, exc: OSError) -> str:
    """Why the store at ``path`` did not open, in words: in use by another process
    only when its lock is what failed, else the operating system's reason."""
    reason = exc.strerror or str(exc)
    if "lock" in reason.lower():
        return f"the store at {path} is in use by another process (policykg ingest, curate or remove?): {reason}"
    return f"cannot open the store at {path}: {reason}"


def _triple(triple: tuple) -> ox.Triple:
    """An rdflib triple as Oxigraph's; ``UnstorableTerm`` names a term it refuses."""
    try:
        return ox.Triple(*map(to_oxigraph, triple))
    except (TypeError, ValueError) as exc:
        bad = next((t for t in triple if not _storable(t)), triple)
        raise UnstorableTerm(bad, str(exc)) from exc


def _storable(term: Node) -> bool:
    try:
        to_oxigraph(term)
    except (TypeError, ValueError):
        return False
    return True


def _has_blank_node(triple: ox.Triple) -> bool:
    return isinstance(triple.subject, ox.BlankNode) or isinstance(triple.object, ox.BlankNode)


def _lines(triples: Iterable[ox.Triple]) -> str:
    """Triples as N-Triples lines, which is also SPARQL's syntax for them."""
    return "".join(f"{t.subject} {t.predicate} {t.object} .\n" for t in triples)


def _delete_request(triples: set[ox.Triple], graphs: list[ox.NamedNode]) -> str:
    """SPARQL Update (ending in " ;\n", or "") that removes ``triples`` from the default
    graph; those with a blank node (which no request can name) by a pattern: such a
    triple of ``graphs`` that no other named graph holds (blank nodes are never records)."""
    named = [t for t in triples if not _has_blank_node(t)]
    request = f"DELETE DATA {{\n{_lines(named)}}} ;\n" if named else ""
    if len(named) < len(triples):
        held = f"VALUES ?g {{ {' '.join(map(str, graphs))} }} GRAPH ?g {{ ?s ?p ?o }}" if graphs else "?s ?p ?o"
        others = f"FILTER (?other NOT IN ({', '.join(map(str, graphs))}))" if graphs else ""
        request += (f"DELETE {{ ?s ?p ?o }} WHERE {{ {held} FILTER (isBlank(?s) || isBlank(?o)) "
                    f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} {others} }} }} ;\n")
    return request


def _kill_after() -> int | None:
    """``$POLICYKG_TEST_KILL_AFTER_WRITES`` as a number (``Store._crash_if_due``); None unset."""
    value = os.environ.get(KILL_ENV_VAR, "").strip()
    return int(value) if value.isdigit() else None


def _returned(data: bytes | None) -> bytes:
    """What Oxigraph's dump and serialize return when given no output: the bytes
    (pyoxigraph types the result ``bytes | None`` for every call)."""
    if data is None:
        raise TypeError("Oxigraph wrote to an output instead of returning the bytes")
    return data


def _is_unprojected_substitution(error: RuntimeError) -> bool:
    """Whether Oxigraph refused a substitution because the query does not SELECT
    that variable. pyoxigraph (0.5) raises a bare RuntimeError for this, and
    offers no way to read a query's projection before running it, so its message
    is the only sign: "... does not contains variable ?x in its SELECT projection"."""
    return "projection" in str(error)
