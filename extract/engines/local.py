"""Worker processes that run a chunk of jobs at a time each, under a per-job deadline.

The pool keeps one chunk in flight per worker; ``work(state, chunk)`` returns one result
per job. A chunk gets the deadline of one job: a worker that passes it is killed and
replaced, and each job of the chunk is run again alone under its own deadline; the
result of a job that passes it alone is made by ``on_timeout``. A worker that dies
(crash, out of memory) is handled the same way, through ``on_crash``. So a job never
fails because of another one in its chunk, and results come back in the order of the
jobs, whatever the number of workers or the chunks.

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
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, TypeVar

logger = logging.getLogger(__name__)

J = TypeVar("J")
R = TypeVar("R")
# A chunk in flight: each job with its position in the input.
_Chunk = list[tuple[int, Any]]

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
    """Worker loop: receive a chunk, send back ``work(state, chunk)``; ``None`` stops it.

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
        seq, jobs = message
        conn.send((seq, work(state, jobs)))


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
        self.job: _Chunk | None = None
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
    """``workers`` processes running ``work``; use as a context manager.

    ``work(state, job)`` returns the result of one job; with ``batched``,
    ``work(state, chunk)`` returns one result per job of the chunk, in order (use
    ``map_chunks``). ``timeout`` is the deadline of one job in seconds (``None``: no
    deadline), which a whole chunk gets too.
    ``on_timeout(job, seconds)`` and ``on_crash(job, exitcode)`` make the result of a
    job whose worker was killed or died while it ran alone.
    """

    def __init__(
        self,
        work: Callable[[Any, Any], Any],
        make_state: Callable[[], Any],
        *,
        workers: int,
        timeout: float | None,
        on_timeout: Callable[[J, float], R],
        on_crash: Callable[[J, int | None], R],
        batched: bool = False,
    ) -> None:
        self.work: Callable[[Any, Sequence[J]], list[R]] = work if batched else _EachJob(work)
        self.make_state = make_state
        self.size = max(1, workers)
        self.timeout = timeout
        self.on_timeout = on_timeout
        self.on_crash = on_crash
        self.ctx = _context()
        self.workers: list[_Worker] = []
        self._retry: deque[_Chunk] = deque()

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
        """Results of ``jobs`` in their order, one job at a time per worker."""
        return self.map_chunks([job] for job in jobs)

    def map_chunks(self, chunks: Iterable[Sequence[J]]) -> Iterator[R]:
        """Results of every job of ``chunks``, in order; chunks are drawn lazily, one per
        free worker (jobs to run again alone go first)."""
        source = iter(chunks)
        done: dict[int, R] = {}
        drawn = 0
        next_out = 0
        exhausted = False
        while True:
            while True:
                idle = [w for w in self.workers if w.job is None]
                if not idle and len(self.workers) >= self.size:
                    break
                if self._retry:
                    chunk = self._retry.popleft()
                elif exhausted:
                    break
                else:
                    try:
                        jobs = list(next(source))
                    except StopIteration:
                        exhausted = True
                        break
                    chunk = list(enumerate(jobs, start=drawn))
                    drawn += len(jobs)
                    if not chunk:
                        continue
                worker = idle[0] if idle else self._spawn()
                self._send(worker, chunk, done)
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
            busy = [w for w in self.workers if w.job is not None]
            if not busy:
                if exhausted and not self._retry:
                    return
                continue
            self._collect(busy, done)

    def _send(self, worker: _Worker, chunk: _Chunk, done: dict[int, R]) -> None:
        worker.job = chunk
        worker.deadline = time.monotonic() + self.timeout if self.timeout else float("inf")
        try:
            worker.conn.send((chunk[0][0], [job for _, job in chunk]))
        except OSError:
            worker.job = None
            self._failed(chunk, done, lambda job: self.on_crash(job, worker.process.exitcode))
            self._replace(worker)

    def _failed(self, chunk: _Chunk, done: dict[int, R], make: Callable[[J], R]) -> None:
        """A chunk whose worker was killed or died: each job again alone, or its result."""
        if len(chunk) > 1:
            self._retry.extend([item] for item in chunk)
            return
        ((seq, job),) = chunk
        done[seq] = make(job)

    def _collect(self, busy: list[_Worker], done: dict[int, R]) -> None:
        """Wait for the first result or deadline among ``busy`` workers and record it."""
        soonest = min(w.deadline for w in busy)
        wait_s = None if soonest == float("inf") else max(0.0, soonest - time.monotonic())
        ready = wait([w.conn for w in busy], timeout=wait_s)
        for worker in busy:
            chunk = worker.job
            assert chunk is not None
            if worker.conn in ready:
                try:
                    got_seq, results = worker.conn.recv()
                except (EOFError, OSError):
                    worker.process.join(_STOP_GRACE_S)
                    code = worker.process.exitcode
                    logger.warning("worker process died (exit code %s)", code)
                    worker.job = None
                    self._failed(chunk, done, lambda job, code=code: self.on_crash(job, code))
                    self._replace(worker)
                else:
                    assert got_seq == chunk[0][0]
                    assert len(results) == len(chunk)
                    for (seq, _), result in zip(chunk, results, strict=True):
                        done[seq] = result
                    worker.job = None
            elif time.monotonic() >= worker.deadline:
                logger.info("jobs from %d passed their deadline; worker killed", chunk[0][0])
                worker.job = None
                seconds = float(self.timeout or 0)
                self._failed(chunk, done, lambda job, s=seconds: self.on_timeout(job, s))
                self._replace(worker)


class _EachJob:
    """``work(state, job)`` as the work of a chunk: one call per job."""

    def __init__(self, work: Callable[[Any, Any], Any]) -> None:
        self.work = work

    def __call__(self, state: Any, jobs: Sequence[Any]) -> list[Any]:
        return [self.work(state, job) for job in jobs]
