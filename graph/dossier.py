"""A dossier's graph from the public APIs: gather (``loaders/dossier_fetch.py``),
ingest, then gather and ingest the Staatscourant and Staatsblad publications the
ingested documents cite and the store does not hold yet."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from policykg.loaders.dossier_fetch import DossierFetch, DossierReport

from .ingest import IngestReport, ingest
from .store import Store

_CITED_UNHELD = """
PREFIX pkg: <https://w3id.org/policykg/def#>
SELECT DISTINCT ?id WHERE {
  ?doc pkg:cites ?cited .
  ?cited pkg:identifier ?id .
  FILTER (STRSTARTS(STR(?id), "stcrt-") || STRSTARTS(STR(?id), "stb-"))
  FILTER NOT EXISTS { ?cited pkg:sourceFile ?file }
}
ORDER BY ?id
"""


@dataclass
class DossierBuild:
    fetched: DossierReport
    ingested: IngestReport


def cited_unheld(store: Store) -> list[str]:
    """Official ids of Staatscourant/Staatsblad publications cited in the store but not ingested."""
    return [str(row[0]) for row in store.query(_CITED_UNHELD).rows]


def build_dossier(store: Store, fetch: DossierFetch, jobs: int = 1,
                  progress: Callable[[Path], None] | None = None) -> DossierBuild:
    """Gather the dossier, ingest it, then the publications it cites; one ingest report.
    Only then is the fetch complete (a run killed before resumes this one)."""
    fetched = fetch.run()
    report = ingest(store, sorted(set(fetched.sources)), jobs=jobs, progress=progress)
    if "stcrt" in fetch.kinds or "stb" in fetch.kinds:
        before = len(fetched.sources)
        fetch.cited(cited_unheld(store))
        more = ingest(store, sorted(set(fetched.sources[before:])), jobs=jobs, progress=progress)
        _merge(report, more)
    fetch.complete()
    return DossierBuild(fetched, report)


def _merge(report: IngestReport, more: IngestReport) -> None:
    for name, value in vars(more).items():
        mine = getattr(report, name)
        if isinstance(mine, list):
            mine.extend(value)
        elif isinstance(mine, dict):
            for key, count in value.items():
                mine[key] = mine.get(key, 0) + count
        elif isinstance(mine, int):
            setattr(report, name, mine + value)
