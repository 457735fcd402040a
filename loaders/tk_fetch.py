"""Fetch motions of a dossier from the Tweede Kamer's Open Data API (OData v4),
page by page, saving every page's raw JSON so ``policykg ingest`` can load it
again offline. Incremental: the newest ``GewijzigdOp`` seen per dossier is kept
in ``sync-state.json`` and the next fetch asks only for what changed since.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from policykg.errors import FetchError

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


def _filter(dossier: str, since: str | None) -> str:
    m = _DOSSIER.match(dossier)
    if not m:
        raise FetchError(f"dossier {dossier!r}: expected a number with an optional toevoeging, "
                         "e.g. 30950, 36200-VII or 21501-02")
    parts = ["Soort eq 'Motie'", f"Kamerstukdossier/any(d: d/Nummer eq {int(m['nr'])})"]
    if m["toev"]:
        parts.append(f"Kamerstukdossier/any(d: d/Toevoeging eq '{m['toev']}')")
    if since:
        if not _DATE.match(since):
            raise FetchError(f"--since {since!r}: expected a date such as 2022-01-01")
        parts.append(f"GewijzigdOp ge {since if 'T' in since else since + 'T00:00:00Z'}")
    return " and ".join(parts)


def first_url(base: str, dossier: str, since: str | None) -> str:
    query = urllib.parse.urlencode({"$filter": _filter(dossier, since), "$expand": EXPAND,
                                    "$orderby": "GewijzigdOp"}, quote_via=urllib.parse.quote)
    return f"{base.rstrip('/')}/Zaak?{query}"


def _get(url: str, timeout: float) -> bytes:
    request = urllib.request.Request(url, headers={"Accept": "application/json", "User-Agent": "policykg"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (http(s) only, checked)
            return response.read()
    except urllib.error.HTTPError as exc:
        raise FetchError(f"HTTP {exc.code} {exc.reason}", url=url) from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise FetchError(f"{getattr(exc, 'reason', exc)}", url=url) from exc


def _state(out: Path) -> dict:
    path = out / STATE_FILE
    try:
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    except (OSError, ValueError):
        return {}


def last_sync(out: Path, dossier: str) -> str | None:
    return _state(out).get(dossier)


def _free_stamp(out: Path, dossier: str, stamp: str) -> str:
    """``stamp``, or ``stamp-2``, ...: a second fetch in the same second must not
    overwrite the pages of the first."""
    taken, n, free = {p.name for p in out.glob(f"tk-{dossier}-{stamp}*")}, 1, stamp
    while any(name.startswith(f"tk-{dossier}-{free}-p") for name in taken):
        n += 1
        free = f"{stamp}-{n}"
    return free


def fetch_motions(out: Path, dossier: str, since: str | None = None, base: str = DEFAULT_BASE,
                  timeout: float = 60.0, max_pages: int = 10_000) -> FetchReport:
    """Fetch the motions of ``dossier`` changed since ``since`` (default: the last
    sync), save each page to ``out``, and record the newest change seen."""
    if not base.startswith(("http://", "https://")):
        raise FetchError("only http(s) URLs are fetched", url=base)
    out.mkdir(parents=True, exist_ok=True)
    since = since or last_sync(out, dossier)
    report, url = FetchReport(), first_url(base, dossier, since)
    stamp = _free_stamp(out, dossier, datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ"))
    while url and len(report.pages) < max_pages:
        raw = _get(url, timeout)
        try:
            page = json.loads(raw)
        except ValueError as exc:
            raise FetchError(f"the answer is not JSON ({exc})", url=url) from exc
        path = out / f"tk-{dossier}-{stamp}-p{len(report.pages) + 1:04d}.json"
        path.write_bytes(raw)
        report.pages.append(path)
        zaken = page.get("value") or []
        report.zaken += len(zaken)
        stamps: list[str] = [z["GewijzigdOp"] for z in zaken if isinstance(z, dict) and z.get("GewijzigdOp")]
        report.newest = max([report.newest or ""] + stamps) or None
        url = page.get("@odata.nextLink")
        if url and not url.startswith(base.split("/OData")[0]):
            raise FetchError(f"next page is on another host than {base}; refusing to follow", url=url)
    if report.newest:
        state = _state(out)
        state[dossier] = report.newest
        (out / STATE_FILE).write_text(json.dumps(state, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return report
