"""Fetch motions of a dossier from the Tweede Kamer's Open Data API (OData v4),
page by page, saving every page's raw JSON so ``policykg ingest`` can load it
again offline. Incremental: the newest ``GewijzigdOp`` seen per dossier is kept
in ``sync-state.json`` and the next fetch asks only for what changed since.
"""

from __future__ import annotations

import json
import re
import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from policykg.errors import FetchError
from policykg.loaders.downloads import write_atomically
from policykg.loaders.http import API_PAGE_BYTES, Client, origin

DEFAULT_BASE = "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/"
EXPAND = "Document($expand=Kamerstukdossier),ZaakActor,Besluit($expand=Stemming)"
_DOSSIER = re.compile(r"^(?P<nr>\d{1,6})(?:-(?P<toev>[A-Z]{1,6}|\d{2,3}))?$")  # 30950, 36200-VII, 21501-02
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}))?$")
STATE_FILE = "sync-state.json"


@dataclass
class FetchReport:
    pages: list[Path] = field(default_factory=list)
    zaken: int = 0
    newest: str | None = None


def check_dossier(dossier: str) -> re.Match[str]:
    """The dossier's number (``nr``) and toevoeging (``toev``); a ``FetchError`` for anything else."""
    m = _DOSSIER.match(dossier)
    if not m:
        raise FetchError(f"dossier {dossier!r}: expected a number with an optional toevoeging, "
                         "e.g. 30950, 36200-VII or 21501-02")
    return m


def as_moment(since: str) -> str:
    """``since`` as an OData date-time: a date alone is midnight UTC; a ``FetchError`` if not a date."""
    if not _DATE.match(since):
        raise FetchError(f"--since {since!r}: expected a date such as 2022-01-01")
    return since if "T" in since else since + "T00:00:00Z"


def _filter(dossier: str, since: str | None) -> str:
    m = check_dossier(dossier)
    parts = ["Soort eq 'Motie'", f"Kamerstukdossier/any(d: d/Nummer eq {int(m['nr'])})"]
    if m["toev"]:
        parts.append(f"Kamerstukdossier/any(d: d/Toevoeging eq '{m['toev']}')")
    if since:
        parts.append(f"GewijzigdOp ge {as_moment(since)}")
    return " and ".join(parts)


def first_url(base: str, dossier: str, since: str | None) -> str:
    query = urllib.parse.urlencode({"$filter": _filter(dossier, since), "$expand": EXPAND,
                                    "$orderby": "GewijzigdOp"}, quote_via=urllib.parse.quote)
    return f"{base.rstrip('/')}/Zaak?{query}"


def _state(out: Path) -> dict:
    path = out / STATE_FILE
    try:
        state = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def write_state(out: Path, dossier: str, newest: str) -> None:
    """Record ``newest`` for ``dossier``, replacing the file in one step; only a valid
    date-time is ever written (a ``ValueError`` for anything else)."""
    if _moment(newest) is None:
        raise ValueError(f"not a date-time, not recorded as synced: {newest!r}")
    state = _state(out)
    state[dossier] = newest
    write_atomically(out / STATE_FILE, (json.dumps(state, indent=1, sort_keys=True) + "\n").encode("utf-8"))


def _moment(value: object) -> datetime | None:
    """A ``GewijzigdOp`` as a moment (a date alone counts as midnight UTC); None
    for anything that is not a date, so it never reaches the sync state."""
    if not isinstance(value, str) or not _DATE.match(value):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def newest(stamps: Iterable[object]) -> str | None:
    """The latest valid stamp among ``stamps``, as written in the source."""
    valid = [(m, s) for s in stamps if isinstance(s, str) and (m := _moment(s)) is not None]
    return max(valid)[1] if valid else None


def last_sync(out: Path, dossier: str) -> str | None:
    """The newest change seen by the last fetch of ``dossier``; None when there is
    none (or the recorded value is not a date)."""
    stamp = _state(out).get(dossier)
    return stamp if _moment(stamp) is not None else None


def _free_stamp(out: Path, dossier: str, stamp: str) -> str:
    """``stamp``, or ``stamp-2``, ...: a second fetch in the same second must not
    overwrite the pages of the first."""
    taken, n, free = {p.name for p in out.glob(f"tk-{dossier}-{stamp}*")}, 1, stamp
    while any(name.startswith(f"tk-{dossier}-{free}-p") for name in taken):
        n += 1
        free = f"{stamp}-{n}"
    return free


def next_link(page: dict, url: str, base: str, seen: set[str]) -> str | None:
    """The next page's URL: on the base's scheme, host and port, and not one fetched before."""
    link = page.get("@odata.nextLink")
    if link is None:
        return None
    if not isinstance(link, str) or not link:
        raise FetchError("@odata.nextLink is not a URL", url=url)
    link = urllib.parse.urljoin(url, link)
    if origin(link) != origin(base):
        raise FetchError(f"next page is not on {base} (scheme, host and port must match); "
                         "refusing to follow", url=link)
    if link in seen:
        raise FetchError("next page was fetched before: @odata.nextLink runs in a loop; stopped, "
                         "nothing recorded as synced", url=link)
    return link


def _page_limit(max_pages: int, out: Path, report: FetchReport, url: str) -> FetchError:
    return FetchError(f"stopped at the limit of {max_pages} pages with more to come; nothing recorded as "
                      f"synced. The pages so far are in {out} (policykg ingest loads them); to continue, "
                      f"fetch again with --since {(report.newest or '')[:10] or 'a later date'}", url=url)


def read_json(raw: bytes, url: str) -> dict:
    try:
        page = json.loads(raw)
    except (ValueError, RecursionError) as exc:
        raise FetchError(f"the answer is not JSON ({exc})", url=url) from exc
    if not isinstance(page, dict):
        raise FetchError("the answer is not an OData page (a JSON object)", url=url)
    return page


def fetch_motions(out: Path, dossier: str, since: str | None = None, base: str = DEFAULT_BASE,
                  timeout: float = 60.0, max_pages: int = 10_000, client: Client | None = None) -> FetchReport:
    """Fetch the motions of ``dossier`` changed since ``since`` (default: the last
    sync), save each page to ``out``, and record the newest change seen. A loop of
    next links, more than ``max_pages`` pages, or a page larger than
    ``API_PAGE_BYTES`` is a ``FetchError``, and nothing is recorded as synced."""
    origin(base)
    client = (client or Client(timeout=timeout)).limited(API_PAGE_BYTES, "API page")
    out.mkdir(parents=True, exist_ok=True)
    since = since or last_sync(out, dossier)
    report, url = FetchReport(), first_url(base, dossier, since)
    stamp = _free_stamp(out, dossier, datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ"))
    seen: set[str] = set()
    next_url: str | None = url
    while next_url:
        if len(report.pages) >= max_pages:
            raise _page_limit(max_pages, out, report, next_url)
        url = next_url
        seen.add(url)
        raw = client.get(url, accept="application/json").body
        page = read_json(raw, url)
        path = out / f"tk-{dossier}-{stamp}-p{len(report.pages) + 1:04d}.json"
        write_atomically(path, raw)
        report.pages.append(path)
        zaken = page.get("value")
        zaken = zaken if isinstance(zaken, list) else []
        report.zaken += len(zaken)
        report.newest = newest([report.newest] + [z.get("GewijzigdOp") for z in zaken if isinstance(z, dict)])
        next_url = next_link(page, url, base, seen)
    if report.newest:
        write_state(out, dossier, report.newest)
    return report
