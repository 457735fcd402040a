"""Shared fixtures: the real corpus, and a store with it ingested once per session."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from policykg.graph.ingest import ingest
from policykg.graph.store import Store

from . import virtuoso_server

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "examples" / "corpus"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory) -> Store:
    """A persistent store in a temporary folder holding the ingested corpus.
    Tests must not change it; use ``fresh_store`` for that."""
    store = Store(tmp_path_factory.mktemp("corpus") / "store")
    report = ingest(store, [CORPUS])
    assert not report.failed, report.failed
    return store


@pytest.fixture(scope="session")
def closed_corpus_store(tmp_path_factory) -> Path:
    """The folder of a store holding the ingested corpus, closed (for commands and
    copies that open it themselves). Tests must not change it; copy it to do so."""
    path = tmp_path_factory.mktemp("closed-corpus") / "store"
    with Store(path) as store:
        assert not ingest(store, [CORPUS]).failed
    return path


@pytest.fixture
def fresh_store(tmp_path) -> Store:
    return Store(tmp_path / "store")


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory) -> Iterator[virtuoso_server.Virtuoso]:
    """Virtuoso Open Source on 127.0.0.1 with a throwaway database, once per session
    (tests/virtuoso_server.py); skipped where the Debian package is not installed."""
    if not virtuoso_server.installed():
        pytest.skip(virtuoso_server.MISSING)
    with virtuoso_server.running_virtuoso(tmp_path_factory.mktemp("virtuoso")) as server:
        yield server
