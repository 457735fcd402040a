"""Run every extraction stage over one source document."""

from __future__ import annotations

from pathlib import Path

from policykg.text import slug

from . import patterns as p
from .find import find_citations, reference_order
from .footnotes import Footnotes, find_footnotes
from .gazetteer import Gazetteer, default_gazetteer
from .handelingen import debate_metadata, find_motion_events
from .layout import clean_text
from .measures import find_measures
from .metadata import read_metadata, with_published
from .models import Extraction, Mention, Metadata, Reference
from .motions import find_motions
from .recommendations import recommendation_links
from .relations import established, motion_requests, responds_to
from .resolve import resolve
from .sources import MAX_SOURCE_MB, read_source
from .text import Sentences, SourceError


def _laws(text: str, mentions: list[Mention], gazetteer: Gazetteer) -> list[Reference]:
    """Named laws as references to their BWB id; "Artikel 1 van onze Grondwet" whole."""
    refs = []
    for m in mentions:
        if m.kind != "Legislation":
            continue
        bwb = gazetteer.concepts[m.concept].notation
        head = text[max(m.start - 60, 0):m.start]
        if p.FOREIGN_BEFORE.search(head):  # "de Turkse Grondwet" is not the Dutch one
            continue
        article = p.ARTICLE.search(head)
        start = m.start - len(head) + article.start() if article else m.start
        refs.append(Reference("law", bwb, text[start:m.end], start, m.end, rule="law-name",
                              pinpoint=f"artikel {article['art']}" if article else None))
    return refs + _linked_laws(text, {(r.start, r.end) for r in refs})


def _linked_laws(text: str, named: set[tuple[int, int]]) -> list[Reference]:
    """Laws named by a markdown link to their BWB id, where the vocabulary did not name them."""
    refs = []
    for m in p.LAW_LINK.finditer(text):
        start, end = m.span("name")
        if not any(s <= start < e or start <= s < end for s, e in named):
            refs.append(Reference("law", m["bwb"], m["name"], start, end, rule="law-link"))
    return refs


def find_references(text: str, mentions: list[Mention], gazetteer: Gazetteer,
                    sentences: Sentences, footnotes: Footnotes,
                    dossier: str | None = None) -> list[Reference]:
    """Citations, motions, laws and named references, resolved through footnotes;
    ``dossier`` (the document's own) places numbers cited without one ("op stuk nr. 199")."""
    view = clean_text(text)
    citations = find_citations(text, view, dossier)
    motions = find_motions(text, view, citations, footnotes, sentences)
    refs = resolve(text, sorted(citations + motions, key=reference_order), footnotes, sentences)
    refs = [r for r in refs if not (r.rule == "letter-by-footnote" and r.id is None)]
    return sorted(refs + _laws(text, mentions, gazetteer), key=reference_order)


def document_key(meta: Metadata, source: str, gazetteer: Gazetteer) -> str:
    """The official id; else sender abbreviation + kenmerk; else the file name's slug."""
    if meta.identifier:
        return meta.identifier
    if meta.kenmerk:
        sender = meta.sender.rsplit("/", 1)[-1] if meta.sender else "doc"
        return f"{sender}-{slug(meta.kenmerk)}"
    return slug(Path(source).stem)


def extract_text(text: str, source: str, content_hash: str = "",
                 gazetteer: Gazetteer | None = None, published: dict | None = None) -> Extraction:
    """Extract everything from ``text``; ``source`` names it in provenance;
    ``published`` is the publication's own metadata, which wins over the text's."""
    gazetteer = gazetteer or default_gazetteer()
    mentions = gazetteer.find(text)
    sentences, footnotes = Sentences(text), find_footnotes(text)
    meta = with_published(read_metadata(text, mentions, gazetteer), published or {})
    references = find_references(text, mentions, gazetteer, sentences, footnotes, meta.dossier)
    meta = debate_metadata(text, meta)  # a Handelingen item's own id, where its text states it
    measures, links = find_measures(text, references, mentions, meta, sentences)
    links += responds_to(text, references, sentences) + recommendation_links(text, measures)
    links += motion_requests(text, references, sentences)
    links += established(text, references, mentions, footnotes, sentences)
    return Extraction(
        source=source, content=text, content_hash=content_hash, metadata=meta,
        references=tuple(references), mentions=tuple(m for m in mentions if m.kind != "Legislation"),
        measures=tuple(measures), links=tuple(links), key=document_key(meta, source, gazetteer),
        motion_events=tuple(find_motion_events(text, references, sentences)),
    )


def extract_file(path: Path, gazetteer: Gazetteer | None = None, max_mb: float = MAX_SOURCE_MB) -> Extraction:
    """Read and extract one source file (at most ``max_mb`` MB); SourceError names the file
    and the problem, whatever went wrong (bad input, or an extractor's surprise on it)."""
    source = read_source(path, max_mb)
    try:
        return extract_text(source.text, path.name, source.content_hash, gazetteer, source.metadata)
    except Exception as exc:  # one bad document is its own problem, never the batch's
        raise SourceError(f"extraction failed: {type(exc).__name__}: {exc}", path=path) from exc
