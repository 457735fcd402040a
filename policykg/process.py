"""Run a child program that ends with us: ``policykg serve`` runs the Oxigraph server,
and a SIGTERM or Ctrl-C that stops policykg stops the server too."""

from __future__ import annotations

import signal
import subprocess
from types import FrameType


class _Stopped(Exception):
    """SIGTERM arrived."""


def _raise_stopped(signum: int, frame: FrameType | None) -> None:
    raise _Stopped


def run_child(command: list[str], grace: float = 10.0) -> int:
    """Run ``command`` until it exits (its exit status) or we are stopped by SIGTERM or
    SIGINT (0): then the child is terminated, killed after ``grace`` seconds, and reaped,
    so nothing keeps running. Call it from the main thread (signal handlers live there)."""
    previous = signal.signal(signal.SIGTERM, _raise_stopped)
    child = subprocess.Popen(command)
    try:
        return child.wait()
    except (KeyboardInterrupt, _Stopped):
        child.terminate()
        try:
            child.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)
