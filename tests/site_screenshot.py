"""The README's picture of a node page: the corpus served by `policykg serve` and
photographed by headless Chromium, as the browser tests do.

    .venv/bin/python -m tests.site_screenshot docs/img/node-page.png
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from policykg.graph.curation import load_curation
from policykg.graph.ingest import ingest
from policykg.graph.store import Store

from .browser import chromium
from .conftest import CORPUS, ROOT
from .served import policykg_serve


def main(target: Path, node: str = "kst-30950-295") -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store_dir = Path(tmp) / "store"
        with Store(store_dir) as store:
            ingest(store, [CORPUS])
            load_curation(store, ROOT / "examples" / "curation" / "corpus.csv")
        with policykg_serve(store_dir, Path(tmp) / "serve.log") as served, chromium(1100, 1400) as driver:
            driver.get(f"{served.base}/doc/{node}")
            target.parent.mkdir(parents=True, exist_ok=True)
            driver.save_screenshot(str(target))
    print(f"wrote {target}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/img/node-page.png"))
