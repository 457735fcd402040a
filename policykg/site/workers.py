"""The query workers of ``policykg serve``: a few child processes (``worker.py``), each
with the store open read-only, one query at a time each.

A query that runs past its deadline is stopped by killing its worker; a new one takes
its place. Workers are started by one long-lived thread of the server (Linux's
parent-death signal follows the thread that started a child, so a request thread,
which ends with its request, must not start one), and ``close`` kills every worker
and waits for it: nothing of the server keeps running after it.
"""

from __future__ import annotations

import json
import os
import queue
import select
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from policykg.errors import StoreError

from . import worker as frames

_START_SECONDS = 60.0


class QueryTimeout(Exception):
    """No answer within the deadline: the worker was stopped, or (``busy``) none was free."""

    def __init__(self, busy: bool = False):
        super().__init__("no query worker was free" if busy else "the query ran out of time")
        self.busy = busy


class WorkerFailed(Exception):
    """A worker ended or could not start; the message says why."""


class Worker:
    """One worker process and its pipes."""

    def __init__(self, process: subprocess.Popen):
        self.process = process

    def ask(self, request: dict[str, Any], deadline: float) -> dict[str, Any]:
        """Send ``request`` and wait for the answer until ``deadline`` (time.monotonic)."""
        stdin = self.process.stdin
        if stdin is None:
            raise WorkerFailed("the worker has no input pipe")
        try:
            frames.write_frame(stdin, request)
        except OSError as exc:
            raise WorkerFailed(f"the query worker stopped: {exc}") from exc
        return self.receive(deadline)

    def receive(self, deadline: float) -> dict[str, Any]:
        (size,) = struct.unpack(">I", self._read(4, deadline))
        return json.loads(self._read(size, deadline).decode("utf-8"))

    def _read(self, size: int, deadline: float) -> bytes:
        stdout = self.process.stdout
        if stdout is None:
            raise WorkerFailed("the worker has no output pipe")
        fd, data = stdout.fileno(), b""
        while len(data) < size:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                raise QueryTimeout
            chunk = os.read(fd, size - len(data))
            if not chunk:
                raise WorkerFailed(f"the query worker ended (exit status {self.process.poll()})")
            data += chunk
        return data

    def kill(self) -> None:
        """Stop the process now and reap it."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for pipe in (self.process.stdin, self.process.stdout):
            if pipe is not None:
                pipe.close()


class WorkerPool:
    """``size`` workers on the store in ``store_dir``; ``run`` gives a request to a free one."""

    def __init__(self, store_dir: Path, size: int = 2):
        self.store_dir, self.size = store_dir, size
        self._idle: queue.Queue[Worker] = queue.Queue()
        self._orders: queue.Queue[bool | None] = queue.Queue()
        self._started: queue.Queue[WorkerFailed | None] = queue.Queue()
        self._all: set[Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        self._spawner = threading.Thread(target=self._spawn_loop, name="policykg-workers", daemon=True)

    def start(self) -> None:
        """Start the workers; a StoreError when the first cannot open the store."""
        self._spawner.start()
        for _ in range(self.size):
            self._orders.put(True)
        failure = self._started.get(timeout=_START_SECONDS * 2)
        if failure is not None:
            raise StoreError(str(failure), path=self.store_dir)

    def run(self, request: dict[str, Any], timeout: float) -> dict[str, Any]:
        """The worker's answer to ``request``; QueryTimeout after ``timeout`` seconds
        (waiting for a free worker included), WorkerFailed when the worker died."""
        deadline = time.monotonic() + timeout
        try:
            worker = self._idle.get(timeout=timeout)
        except queue.Empty:
            raise QueryTimeout(busy=True) from None
        try:
            answer = worker.ask(request, deadline)
        except (QueryTimeout, WorkerFailed):
            self._replace(worker)
            raise
        self._idle.put(worker)
        return answer

    def close(self) -> None:
        """Kill every worker and wait for it; no new ones start."""
        with self._lock:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
        self._orders.put(None)
        for worker in workers:
            worker.kill()

    def _replace(self, worker: Worker) -> None:
        with self._lock:
            self._all.discard(worker)
        worker.kill()
        self._orders.put(True)

    def _spawn_loop(self) -> None:
        """The one thread that starts workers, for the server's whole life."""
        while self._orders.get():
            try:
                worker = self._spawn()
            except WorkerFailed as exc:
                self._started.put(exc)
                print(f"policykg serve: {exc}", file=sys.stderr)
                continue
            if worker is not None:
                self._idle.put(worker)
                self._started.put(None)

    def _spawn(self) -> Worker | None:
        process = subprocess.Popen(
            [sys.executable, "-m", "policykg.site.worker", str(self.store_dir), str(os.getpid())],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        worker = Worker(process)
        with self._lock:
            if self._closed:
                worker.kill()
                return None
            self._all.add(worker)
        try:
            hello = worker.receive(time.monotonic() + _START_SECONDS)
        except (QueryTimeout, WorkerFailed) as exc:
            self._forget(worker)
            raise WorkerFailed(f"a query worker did not start: {exc or 'no answer'}") from exc
        if not hello.get("ready"):
            self._forget(worker)
            raise WorkerFailed(hello.get("message", "a query worker did not start"))
        return worker

    def _forget(self, worker: Worker) -> None:
        with self._lock:
            self._all.discard(worker)
        worker.kill()
