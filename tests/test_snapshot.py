"""Same graph, same query rows, same CLI output as the snapshot (tests/snapshot.py)."""

import pytest

from .snapshot import SNAPSHOTS, outputs


@pytest.fixture(scope="module")
def current() -> dict[str, str]:
    return outputs()


def test_the_same_outputs_are_made(current):
    assert sorted(current) == sorted(p.name for p in SNAPSHOTS.iterdir())


@pytest.mark.parametrize("name", sorted(p.name for p in SNAPSHOTS.iterdir()))
def test_output_is_unchanged(current, name):
    expected = (SNAPSHOTS / name).read_text(encoding="utf-8")
    assert current.get(name) == expected, f"{name} differs; if meant, run `python -m tests.snapshot --write`"
