"""Shared fixtures: the real corpus, and a store with it ingested once per session."""

from pathlib import Path

import pytest

from policykg.graph.ingest import ingest
from policykg.graph.store import Store

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


@pytest.fixture
def fresh_store(tmp_path) -> Store:
    return Store(tmp_path / "store")
