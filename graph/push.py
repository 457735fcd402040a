"""Send the local store's named graphs to a SPARQL 1.1 store (``policykg push``).

Each named graph is dropped on the target and written again in batches of
INSERT DATA, so a push can be repeated safely.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rdflib import URIRef

from policykg.errors import NotFoundError

from .remote import DEFAULT_BATCH, RemoteStore
from .store import Store


def graphs_to_push(store: Store, graphs: Iterable[str] = ()) -> list[URIRef]:
    """The named graphs ``graphs`` (IRIs), each of which must be in ``store``; none
    given: every named graph in it."""
    stored = store.graph_names()
    names = [URIRef(g) for g in graphs] or stored
    known = set(stored)
    missing = [str(g) for g in names if g not in known]
    if missing:
        raise NotFoundError(f"not in the local store: {', '.join(missing)}", names=missing)
    return names


def push_graphs(store: Store, target: RemoteStore, names: Iterable[URIRef], batch: int = DEFAULT_BATCH,
                progress: Callable[[URIRef], None] | None = None) -> int:
    """Replace each named graph of ``names`` on ``target`` with its content in
    ``store``, ``batch`` triples per request; ``progress`` is called after each.
    Returns the number of triples sent."""
    triples = 0
    for name in names:
        graph = store.graph(name)
        target.replace_graph(name, graph, batch=batch)
        triples += len(graph)
        if progress:
            progress(name)
    return triples
