"""Find vocabulary concepts in text.

The gazetteer is compiled from the SKOS files in ``ontology/vocab/``: every
prefLabel, altLabel and hiddenLabel of every concept. Adding a label there makes
the extractor find it; no code changes. ``policykg.reference`` parses the files
and hands the concepts over as plain data: nothing here knows RDF.

Matching: labels match whole words, with any whitespace (line breaks too)
between words; a label of one or two words matches case-sensitively, a longer
one case-insensitively; where labels overlap the longest wins. Work is linear
in the number of tokens.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from policykg.reference import VocabularyConcept, vocabulary_concepts

from .models import Mention

_TOKEN = re.compile(r"\w+|[^\w\s]")


@dataclass(frozen=True)
class _Entry:
    tokens: tuple[str, ...]
    folded: bool
    concept: VocabularyConcept


def _key(token: str, folded: bool) -> str:
    return token.casefold() if folded else token


class Gazetteer:
    """A compiled label index; ``find(text)`` returns Mentions in order."""

    def __init__(self, concepts: dict[str, VocabularyConcept], labels: Iterable[tuple[str, str]]):
        self.concepts = concepts
        self._index: dict[str, list[_Entry]] = defaultdict(list)
        for iri, label in labels:
            tokens = tuple(_TOKEN.findall(label))
            if not tokens:
                continue
            folded = len(label.split()) >= 3
            entry = _Entry(tuple(_key(t, folded) for t in tokens), folded, concepts[iri])
            self._index[_key(tokens[0], folded)].append(entry)
        for entries in self._index.values():
            entries.sort(key=lambda e: -len(e.tokens))

    def find(self, text: str) -> list[Mention]:
        tokens = _TOKEN.findall(text)
        spans: list[tuple[int, int]] = []  # token offsets, computed at the first match
        index, mentions, i = self._index, [], 0
        while i < len(tokens):
            first = tokens[i]
            entry = self._longest_at(tokens, i) if first in index or first.casefold() in index else None
            if entry is None:
                i += 1
                continue
            spans = spans or [m.span() for m in _TOKEN.finditer(text)]
            start, end = spans[i][0], spans[i + len(entry.tokens) - 1][1]
            mentions.append(Mention(entry.concept.iri, entry.concept.kind, text[start:end], start, end))
            i += len(entry.tokens)
        return mentions

    def _longest_at(self, tokens: list[str], i: int) -> _Entry | None:
        first = tokens[i]
        folded = first.casefold()
        candidates = self._index.get(first, []) + (
            self._index.get(folded, []) if folded != first else [])
        best = None
        for entry in candidates:
            n = len(entry.tokens)
            if best and n <= len(best.tokens):
                continue
            window = tokens[i:i + n]
            if len(window) == n and all(
                _key(tok, entry.folded) == want for tok, want in zip(window, entry.tokens, strict=True)
            ):
                best = entry
        return best


def compile_gazetteer(vocabulary: Iterable[VocabularyConcept]) -> Gazetteer:
    """Build a gazetteer from SKOS concepts (``policykg.reference.concepts_of``)."""
    concepts = {c.iri: c for c in vocabulary}
    labels = {(c.iri, label) for c in concepts.values() for label in c.labels}
    return Gazetteer(concepts, sorted(labels))


@cache
def default_gazetteer() -> Gazetteer:
    """The gazetteer of the packaged vocabularies (compiled once per process)."""
    return compile_gazetteer(vocabulary_concepts())
