"""`policykg serve` as a real subprocess on a free port of 127.0.0.1, for the tests that
talk to it (HTTP or a browser); always stopped, with its workers, at the end."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Served:
    base: str
    process: subprocess.Popen
    log: Path

    @property
    def port(self) -> int:
        return int(self.base.rsplit(":", 1)[1])


@contextmanager
def policykg_serve(store_dir: Path, log: Path, *options: str) -> Iterator[Served]:
    """`policykg serve` on a free port of 127.0.0.1; stopped (and its workers with it) at the end."""
    with open(log, "wb") as err:
        process = subprocess.Popen([sys.executable, "-m", "policykg.cli", "serve", "--store", str(store_dir),
                                    "--port", "0", *options], stdout=subprocess.DEVNULL, stderr=err)
    workers: list[int] = []
    try:
        served = Served(_announced(log, process), process, log)
        workers = children(process.pid)
        yield served
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for pid in workers + children(process.pid):
            if running(pid):
                os.kill(pid, signal.SIGKILL)


def _announced(log: Path, process: subprocess.Popen, seconds: float = 60.0) -> str:
    """The base URL the server prints once it listens."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        text = log.read_text(encoding="utf-8", errors="replace")
        if "serving " in text and "http://" in text:
            return "http://" + text.split("http://", 1)[1].split("/", 1)[0]
        if process.poll() is not None:
            raise RuntimeError(f"policykg serve exited ({process.returncode}): {text}")
        time.sleep(0.1)
    raise RuntimeError(f"policykg serve did not start in {seconds} s: {log.read_text(encoding='utf-8')}")


def children(pid: int) -> list[int]:
    """The child processes of ``pid`` (Linux /proc); [] once it is gone."""
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
        return [int(c) for task in tasks for c in (task / "children").read_text().split()]
    except FileNotFoundError:
        return []


def running(pid: int) -> bool:
    """Whether ``pid`` is a live process (a zombie counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"
