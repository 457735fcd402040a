"""Type-check the package as it is installed: ``python -m tests.typecheck``.

setup.cfg maps the top-level folders into ``policykg.*`` (``policykg.graph`` is
``graph/``), which type checkers cannot follow from the source tree. This builds the
installed layout as links in ``build/typecheck/`` (from setup.cfg's ``package_dir``,
so it cannot drift) and runs mypy on it; mypy's messages name the files by that
layout (``policykg/graph/store.py`` is ``graph/store.py``).
"""

from __future__ import annotations

import configparser
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TREE = ROOT / "build" / "typecheck"


def package_dirs() -> dict[str, str]:
    """``{"policykg.graph": "graph", ...}`` from setup.cfg."""
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg", encoding="utf-8")
    lines = config["options"]["package_dir"].strip().splitlines()
    return dict((part.strip() for part in line.split("=", 1)) for line in lines)


def build_tree() -> Path:
    """Links from ``build/typecheck/policykg/...`` to the folders they are installed from."""
    shutil.rmtree(TREE, ignore_errors=True)
    for package, folder in sorted(package_dirs().items()):
        target = TREE.joinpath(*package.split("."))
        target.mkdir(parents=True, exist_ok=True)
        for source in sorted((ROOT / folder).glob("*.py")):
            (target / source.name).symlink_to(source)
    return TREE


def main() -> int:
    tree = build_tree()
    command = [sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml"), "-p", "policykg"]
    return subprocess.run(command, cwd=tree, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
