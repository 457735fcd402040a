"""Downloads that survive a kill, for the fetchers.

Each file is written whole or not at all (a partial file, then a rename). What was
fetched is kept in an append-only log beside the files (``downloads.jsonl``: path,
URL, the version the source gave it, ETag, Last-Modified), so a run killed at any
point and started again downloads only what it does not hold yet, and a later run
only what changed (same version: not asked for; a changed version: asked for
conditionally). A line cut off by a kill is ignored; the last line for a path wins.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from policykg.errors import FetchError, OutputError

from .http import Client

LOG = "downloads.jsonl"


def write_atomically(path: Path, data: bytes) -> None:
    """``path`` holds ``data`` or what it held before, never a part of it; an
    ``OutputError`` names the file and the system's reason (a full disk, say)."""
    partial = path.with_name(f".{path.name}.partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(data)
        os.replace(partial, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise OutputError(f"cannot write: {exc.strerror or exc}", path=path) from exc


@dataclass
class Tally:
    """What a run did, per item: fetched, unchanged (held already), failed (URL, reason),
    absent (what the API says it does not have: no failure of the run)."""

    fetched: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)


def _read_log(path: Path) -> dict[str, dict]:
    entries: dict[str, dict] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return entries
    except (OSError, UnicodeDecodeError) as exc:
        raise FetchError(f"cannot read the download log ({exc}); remove it to fetch everything again",
                         url=str(path)) from exc
    for line in lines:
        try:
            entry = json.loads(line)
        except ValueError:
            continue  # a line cut off by a kill
        if isinstance(entry, dict) and isinstance(entry.get("path"), str):
            entries[entry["path"]] = entry
    return entries


class Downloads:
    """Files fetched into ``folder`` through ``client``, with their log."""

    def __init__(self, folder: Path, client: Client, tally: Tally | None = None):
        self.folder, self.client = folder, client
        self.tally = tally or Tally()
        folder.mkdir(parents=True, exist_ok=True)
        self.log_path = folder / LOG
        self.entries = _read_log(self.log_path)

    def held(self, name: str, url: str, version: str | None) -> bool:
        """Whether ``name`` is here, fetched from ``url`` at ``version`` (None: any version)."""
        entry = self.entries.get(name)
        return (entry is not None and entry.get("url") == url and (self.folder / name).is_file()
                and (version is None or entry.get("version") == version))

    def fetch(self, name: str, url: str, version: str | None = None, accept: str = "*/*") -> Path | None:
        """``folder/name`` from ``url``: not asked for when held at ``version``, asked
        for conditionally when held at another. None (and a line in the tally) on failure."""
        path = self.folder / name
        if self.held(name, url, version):
            self.tally.unchanged.append(url)
            return path
        before = self.entries.get(name) if self.held(name, url, None) else None
        try:
            response = self.client.get(url, etag=(before or {}).get("etag"),
                                       last_modified=(before or {}).get("last_modified"), accept=accept)
        except FetchError as exc:
            self.tally.failed.append((url, exc.problem))
            return None
        if response.unchanged:
            self.tally.unchanged.append(url)
        else:
            write_atomically(path, response.body)
            self.tally.fetched.append(url)
        self._record({"path": name, "url": url, "version": version,
                      "etag": response.etag or (before or {}).get("etag"),
                      "last_modified": response.last_modified or (before or {}).get("last_modified")})
        return path

    def _record(self, entry: dict) -> None:
        self.entries[entry["path"]] = entry
        with self.log_path.open("a", encoding="utf-8") as log:
            log.write(json.dumps(entry, sort_keys=True, ensure_ascii=False) + "\n")
