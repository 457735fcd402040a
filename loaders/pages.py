"""A paged listing (search results, OData pages) fetched page by page, resumable.

Every page is saved as ``<prefix>-p0001.<ext>``, ... and after each one a small
journal records the pages so far and the next URL. A run killed halfway, started
again with the same first URL, goes on from the journal's next page instead of
asking for the earlier pages again. ``forget`` drops the journal once the whole
fetch is done, so the next run lists afresh.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from policykg.errors import FetchError

from .downloads import write_atomically
from .http import API_PAGE_BYTES, Client

NextPage = Callable[[bytes, str, set[str]], str | None]  # (body, its URL, URLs seen) -> next URL


@dataclass
class Listing:
    pages: list[Path] = field(default_factory=list)
    fetched: int = 0  # pages asked for in this run (the others came from the journal)


class PageRun:
    """Pages of one listing in ``folder``, named by ``prefix``."""

    def __init__(self, folder: Path, prefix: str, ext: str = "json", max_pages: int = 10_000):
        self.folder, self.prefix, self.ext, self.max_pages = folder, prefix, ext, max_pages
        self.journal = folder / f".{prefix}.journal.json"

    def _resume(self, first: str) -> tuple[list[str], list[str], str | None]:
        try:
            state = json.loads(self.journal.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return [], [], first
        if not isinstance(state, dict) or state.get("first") != first:
            return [], [], first
        names, urls = state.get("pages", []), state.get("urls", [])
        if not all((self.folder / n).is_file() for n in names) or len(names) != len(urls):
            return [], [], first
        return names, urls, state.get("next")

    def fetch(self, client: Client, first: str, next_page: NextPage, accept: str = "*/*",
              on_page: Callable[[str], None] | None = None) -> Listing:
        """All pages from ``first`` on; ``next_page`` reads a page (a ``FetchError`` if
        it is not one) and gives the next URL. Past ``max_pages``, or a page larger than
        ``API_PAGE_BYTES``, is a ``FetchError``."""
        self.folder.mkdir(parents=True, exist_ok=True)
        client = client.limited(API_PAGE_BYTES, "API page")
        names, urls, url = self._resume(first)
        listing = Listing([self.folder / n for n in names])
        while url is not None:
            if len(names) >= self.max_pages:
                raise FetchError(f"stopped at the limit of {self.max_pages} pages with more to come", url=url)
            body = client.get(url, accept=accept).body
            following = next_page(body, url, set(urls) | {url})
            name = f"{self.prefix}-p{len(names) + 1:04d}.{self.ext}"
            write_atomically(self.folder / name, body)
            names.append(name)
            urls.append(url)
            listing.pages.append(self.folder / name)
            listing.fetched += 1
            url = following
            self._save(first, names, urls, url)
            if on_page:
                on_page(name)
        return listing

    def _save(self, first: str, names: list[str], urls: list[str], following: str | None) -> None:
        state = {"first": first, "pages": names, "urls": urls, "next": following}
        write_atomically(self.journal, json.dumps(state, indent=1).encode("utf-8"))

    def forget(self) -> None:
        self.journal.unlink(missing_ok=True)
