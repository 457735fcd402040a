"""`policykg fetch dossier 30950` against the local stand-ins, as a console transcript
(the README shows it): ``.venv/bin/python -m tests.dossier_demo``. Needs ../shared."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from . import dossier_data
from .api_standins import OpenDataStandIn, SearchStandIn

POLICYKG = str(Path(sys.executable).with_name("policykg"))


def _show(command: list[str], home: Path, ob: SearchStandIn, tk: OpenDataStandIn) -> str:
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    shown = " ".join(command[1:]).replace(str(home) + "/", "").replace(ob.url, "$OB").replace(tk.url, "$TK")
    output = (done.stdout + done.stderr).replace(str(home) + "/", "").replace(ob.root, "$OB_HOST")
    return f"$ policykg {shown}\n{output.replace(tk.root, '$TK_HOST')}"


def transcript() -> str:
    with tempfile.TemporaryDirectory() as scratch:
        home = Path(scratch)
        data = (dossier_data.publications(home), dossier_data.motion_cases(), dossier_data.undertakings(),
                dossier_data.docx_files(home))
        with (SearchStandIn(data[0]) as ob,
              OpenDataStandIn({"Zaak": data[1], "Toezegging": data[2]}, data[3]) as tk):
            store = ["--store", str(home / "store")]
            fetch = [POLICYKG, "fetch", "dossier", "30950", "--ob-url", ob.url, "--tk-url", tk.url, "--quiet", *store]
            steps = [fetch, fetch,
                     [POLICYKG, "query", "motion-followup", "--param", "dossier=30950", *store],
                     [POLICYKG, "trace", "kst-30950-295", *store]]
            return "\n".join(_show(step, home, ob, tk) for step in steps)


if __name__ == "__main__":
    print(transcript())
