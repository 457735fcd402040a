"""Opening the graph store a front end reads: a local store directory or a SPARQL
1.1 endpoint. Shared by the command line (``--store``/``--endpoint``) and the
Python API (``policykg.open``), so both refuse a missing store and report a store
that will not open in the same words."""

from __future__ import annotations

import os
from pathlib import Path

from policykg.errors import StoreError

from .backend import GraphStore
from .remote import RemoteStore
from .store import Store, default_location, is_store, store_open_problem

Location = str | os.PathLike[str] | None


def is_endpoint(location: Location) -> bool:
    """Whether ``location`` is a URL (a SPARQL endpoint, which must be http(s)), not a folder."""
    return isinstance(location, str) and "://" in location


def open_graph_store(location: Location = None, *, read_only: bool = False,
                     hint: str = "run `policykg ingest` first") -> GraphStore:
    """The store at ``location``: a ``RemoteStore`` for an http(s) URL (another URL
    is a ``RemoteError``), else the local store in that folder (default:
    ``default_location()``), which must exist."""
    if is_endpoint(location):
        return RemoteStore(str(location))
    return open_local_store(Path(location) if location is not None else None, existing=True,
                            read_only=read_only, hint=hint)


def open_local_store(path: Path | None, existing: bool = False, read_only: bool = False,
                     hint: str = "run `policykg ingest` first") -> Store:
    """The local store at ``path`` (default: ``default_location()``), created when
    missing unless ``existing`` or ``read_only``: a reader refuses a store that is
    not there (a mistyped path would otherwise answer from a new, empty one), saying
    ``hint``. ``read_only`` takes no lock (see ``Store.read_only``)."""
    path = path or default_location()
    if (existing or read_only) and not is_store(path):
        raise StoreError(f"no policykg store at {path}; {hint}", path=path)
    if read_only:
        return Store.read_only(path)
    try:
        return Store(path)
    except OSError as exc:
        raise StoreError(store_open_problem(path, exc), path=path) from exc

