"""Virtuoso Open Source for the tests (and `benchmarks/scale.py --virtuoso`): a real ``virtuoso-t`` (Debian package
virtuoso-opensource) on 127.0.0.1 with a throwaway database in a temporary folder.

``running_virtuoso(folder)`` writes a ``virtuoso.ini`` for that folder (free ports
for HTTP and ISQL, no Unix socket, results up to a million rows), starts the server
in the foreground in its own process group, waits until its SPARQL endpoint
answers, grants the SPARQL user what ``policykg push`` needs (``SPARQL_UPDATE``,
through ``isql-vt``), and stops the server and every child, whatever happens.

By hand, the same steps for policykg on an installed Virtuoso::

    isql-vt 1111 dba dba exec='GRANT SPARQL_UPDATE TO "SPARQL";'
    policykg push --endpoint http://localhost:8890/sparql --update-endpoint http://localhost:8890/sparql
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

SERVER, ISQL = "virtuoso-t", "isql-vt"
MISSING = "Virtuoso Open Source is not installed (apt-get install virtuoso-opensource gives virtuoso-t and isql-vt)"

_INI = """\
[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{isql_port}
DisableUnixSocket = 1
CheckpointInterval = 0
CaseMode = 2
DirsAllowed = {folder}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 2

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {folder}
ServerThreads = 4
Charset = UTF-8

[SPARQL]
; the default (10,000) cuts larger answers; policykg reads whole graphs
ResultSetMaxRows = {max_rows}
MaxQueryExecutionTime = 300
"""


@dataclass(frozen=True)
class Virtuoso:
    """A running server: its SPARQL endpoint (queries and updates) and version."""

    endpoint: str
    version: str


def installed() -> bool:
    return shutil.which(SERVER) is not None and shutil.which(ISQL) is not None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_answers(url: str, process: subprocess.Popen, seconds: float = 60.0) -> None:
    """Until ``url`` answers over HTTP (any status); an error if the process ends first."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode} before {url} answered")
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer in {seconds} s")


def stop(process: subprocess.Popen, seconds: float = 30.0) -> None:
    """SIGTERM to the process group (a clean shutdown), SIGKILL if it lingers."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            break
        try:
            process.wait(timeout=seconds)
            break
        except subprocess.TimeoutExpired:
            continue
    process.wait(timeout=seconds)


def version() -> str:
    """``virtuoso-t``'s version, e.g. "7.2.5.3229"."""
    text = subprocess.run([SERVER, "-?"], capture_output=True, text=True, timeout=30).stderr
    words = text.split()
    return words[words.index("Version") + 1].split("-")[0] if "Version" in words else "unknown"


def _isql(port: int, statement: str) -> None:
    done = subprocess.run([ISQL, f"127.0.0.1:{port}", "dba", "dba", f"exec={statement}"],
                          capture_output=True, text=True, timeout=60)
    if done.returncode != 0 or "*** Error" in done.stdout + done.stderr:
        raise RuntimeError(f"isql-vt {statement!r} failed: {done.stdout} {done.stderr}")


@contextmanager
def running_virtuoso(folder: Path, max_rows: int = 1_000_000) -> Iterator[Virtuoso]:
    """A Virtuoso server with a new, empty database in ``folder``, answering at
    most ``max_rows`` rows per query; stopped on exit."""
    folder.mkdir(parents=True, exist_ok=True)
    http_port, isql_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    settings = {"folder": folder, "http_port": http_port, "isql_port": isql_port, "max_rows": max_rows}
    ini.write_text(_INI.format(**settings), encoding="utf-8")
    log = (folder / "server.out").open("wb")
    process = subprocess.Popen([SERVER, "+foreground", "+configfile", str(ini)], cwd=folder,
                               stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    endpoint = f"http://127.0.0.1:{http_port}/sparql"
    try:
        try:
            wait_until_answers(f"{endpoint}?query=ASK%7B%7D", process)
        except RuntimeError as exc:
            raise RuntimeError(f"{exc}; its log ends: {_log_tail(folder)}") from exc
        _isql(isql_port, 'GRANT SPARQL_UPDATE TO "SPARQL";')
        yield Virtuoso(endpoint, version())
    finally:
        stop(process)
        log.close()


def _log_tail(folder: Path, lines: int = 5) -> str:
    text = (folder / "virtuoso.log").read_text(encoding="utf-8", errors="replace") \
        if (folder / "virtuoso.log").exists() else ""
    return " | ".join(text.splitlines()[-lines:]) or "(no log)"
