"""The hand-annotated gold set: its own soundness, and extraction held to it."""

from pathlib import Path

import pytest

from policykg.loaders.evaluation import evaluate, gold_files, read_gold, render

GOLD = Path(__file__).parent / "gold"
FILES = gold_files([GOLD])
CORPUS_FILES = [f for f in FILES if f.name.startswith("corpus-")]


def test_gold_set_size():
    rows = sum(sum(read_gold(f).rows.values()) for f in FILES)
    assert len(FILES) >= 10 and rows >= 150, (len(FILES), rows)


def test_every_corpus_document_has_gold():
    documents = {read_gold(f).document.name for f in CORPUS_FILES}
    corpus = {p.name for p in (GOLD.parent.parent / "examples" / "corpus").iterdir()
              if p.suffix in (".txt", ".md")}
    assert documents == corpus


@pytest.mark.parametrize("path", FILES, ids=[f.stem for f in FILES])
def test_gold_rows_quote_their_document(path):
    """Each annotated text occurs in the document as often as it is annotated per (type, key)."""
    gold = read_gold(path)
    content = gold.document.read_text(encoding="utf-8")
    for (kind, key, text), count in gold.rows.items():
        assert content.count(text) >= 1, (kind, key, text)
        assert key, (kind, text)


@pytest.mark.parametrize("path", CORPUS_FILES, ids=[f.stem for f in CORPUS_FILES])
def test_corpus_precision_and_recall_are_one(path):
    result = evaluate([path])
    assert not result.missed and not result.spurious, (result.missed, result.spurious)


def test_whole_gold_set_is_held(capsys):
    """Precision and recall on the whole set, per type; printed with -s."""
    result = evaluate([GOLD])
    print(render(result))
    for kind, score in result.scores.items():
        assert score.precision == 1.0 and score.recall == 1.0, (kind, result.missed, result.spurious)
