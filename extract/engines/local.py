"""Worker processes that run one job at a time each, under a per-job deadline.

The pool keeps one job in flight per worker. A worker that passes its deadline is
killed and replaced, and the job's result is made by ``on_timeout``; a worker that
dies (crash, out of memory) is replaced the same way through ``on_crash``. Results
come back in the order of the jobs, whatever the number of workers.

On Linux the workers are forked from the running process, so a loaded pipeline is
shared with them at no cost; elsewhere they are spawned and build their state with
``make_state`` (which must then be picklable).
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import multiprocessing
import os
import signal
import sys
import time
import warnings
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, TypeVar

logger = logging.getLogger(__name__)

J = TypeVar("J")
R = TypeVar("R")

# Seconds one job (one document: reading, model, stages) may take by default.
DEFAULT_TIMEOUT_S = 120.0
# How long a worker may take to stop after it is told to, before it is killed.
_STOP_GRACE_S = 2.0
_PR_SET_PDEATHSIG = 1


def forks() -> bool:
    """True where workers are forked (Linux) and so inherit the caller's loaded state."""
    return sys.platform.startswith("linux")


def _context() -> Any:
    return multiprocessing.get_context("fork" if forks() else "spawn")


def _serve(
    conn: Connection,
    inherited: list[Connection],
    make_state: Callable[[], Any],
    work: Callable[[Any, Any], Any],
) -> None:
    """Worker loop: receive a job, send back ``work(state, job)``; ``None`` stops it.

    The worker drops the other workers' pipe ends it inherited (so each pipe reports the
    end of its own worker only), leaves Ctrl-C to the main process, and on Linux asks to
    be killed when the main process dies, so a killed run leaves no worker behind.
    """
    for other in inherited:
        other.close()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    state = make_state()
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        seq, job = message
        conn.send((seq, work(state, job)))


def _die_with_parent() -> None:
    """Linux: SIGKILL this process when its parent exits (prctl PR_SET_PDEATHSIG)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the parent died before prctl took effect
        os._exit(1)


class _Worker:
    def __init__(
        self,
        ctx: Any,
        make_state: Callable[[], Any],
        work: Callable[..., Any],
        siblings: list[Connection],
    ) -> None:
        parent, child = ctx.Pipe()
        self.conn: Connection = parent
        inherited = [*siblings, parent] if ctx.get_start_method() == "fork" else []
        self.process = ctx.Process(
            target=_serve, args=(child, inherited, make_state, work), daemon=True
        )
        # Python 3.12+ warns on fork with threads running (the database's): the workers
        # never touch the database, only the pipeline they inherit.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            self.process.start()
        child.close()
        self.job: tuple[int, Any] | None = None
        self.deadline = float("inf")

    def kill(self) -> None:
        self.process.kill()
        self.process.join()
        self.conn.close()

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self.conn.send(None)
        self.process.join(_STOP_GRACE_S)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


class WorkerPool(Generic[J, R]):
    """``workers`` processes running ``work(state, job)``; use as a context manager.

    ``timeout`` is the deadline of one job in seconds (``None``: no deadline).
    ``on_timeout(job, seconds)`` and ``on_crash(job, exitcode)`` make the result of a job
    whose worker was killed or died.
    """

    def __init__(
        self,
        work: Callable[[Any, J], R],
        make_state: Callable[[], Any],
        *,
        workers: int,
        timeout: float | None,
        on_timeout: Callable[[J, float], R],
        on_crash: Callable[[J, int | None], R],
    ) -> None:
        self.work = work
        self.make_state = make_state
        self.size = max(1, workers)
        self.timeout = timeout
        self.on_timeout = on_timeout
        self.on_crash = on_crash
        self.ctx = _context()
        self.workers: list[_Worker] = []

    def __enter__(self) -> WorkerPool[J, R]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        workers, self.workers = self.workers, []
        for worker in workers:
            if worker.job is None:
                worker.stop()
            else:
                worker.kill()

    def start(self) -> None:
        """Start every worker now (they start on demand otherwise)."""
        while len(self.workers) < self.size:
            self._spawn()

    def _spawn(self) -> _Worker:
        siblings = [w.conn for w in self.workers]
        worker = _Worker(self.ctx, self.make_state, self.work, siblings)
        self.workers.append(worker)
        return worker

    def _replace(self, worker: _Worker) -> None:
        self.workers.remove(worker)
        worker.kill()

    def map(self, jobs: Iterable[J]) -> Iterator[R]:
        """Results of ``jobs`` in their order; jobs are drawn lazily, one per free worker."""
        source = iter(jobs)
        done: dict[int, R] = {}
        next_seq = 0
        next_out = 0
        exhausted = False
        while True:
            while not exhausted:
                idle = [w for w in self.workers if w.job is None]
                if not idle and len(self.workers) >= self.size:
                    break
                try:
                    job = next(source)
                except StopIteration:
                    exhausted = True
                    break
                worker = idle[0] if idle else self._spawn()
                self._send(worker, next_seq, job, done)
                next_seq += 1
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
            busy = [w for w in self.workers if w.job is not None]
            if not busy:
                if exhausted:
                    return
                continue
            self._collect(busy, done)

    def _send(self, worker: _Worker, seq: int, job: J, done: dict[int, R]) -> None:
        worker.job = (seq, job)
        worker.deadline = time.monotonic() + self.timeout if self.timeout else float("inf")
        try:
            worker.conn.send((seq, job))
        except OSError:
            worker.job = None
            done[seq] = self.on_crash(job, worker.process.exitcode)
            self._replace(worker)

    def _collect(self, busy: list[_Worker], done: dict[int, R]) -> None:
        """Wait for the first result or deadline among ``busy`` workers and record it."""
        soonest = min(w.deadline for w in busy)
        wait_s = None if soonest == float("inf") else max(0.0, soonest - time.monotonic())
        ready = wait([w.conn for w in busy], timeout=wait_s)
        for worker in busy:
            assert worker.job is not None
            seq, job = worker.job
            if worker.conn in ready:
                try:
                    got_seq, result = worker.conn.recv()
                except (EOFError, OSError):
                    worker.process.join(_STOP_GRACE_S)
                    code = worker.process.exitcode
                    logger.warning("worker process died (exit code %s)", code)
                    done[seq] = self.on_crash(job, code)
                    worker.job = None
                    self._replace(worker)
                else:
                    assert got_seq == seq
                    done[seq] = result
                    worker.job = None
            elif time.monotonic() >= worker.deadline:
                logger.info("job %d passed its deadline; worker killed", seq)
                done[seq] = self.on_timeout(job, float(self.timeout or 0))
                worker.job = None
                self._replace(worker)
