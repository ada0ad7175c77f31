"""The local worker pool: chunks, per-job deadlines, crashes, order of results."""

from __future__ import annotations

import os
import time
from collections.abc import Sequence

import pytest

from extract.engines.local import WorkerPool


def _square_chunk(state: int, jobs: Sequence[int]) -> list[int]:
    out = []
    for job in jobs:
        if job < 0:
            time.sleep(60)  # a job that hangs
        if job == 13:
            os._exit(9)  # a job that kills its worker
        time.sleep(0.001 * (job % 3))
        out.append(job * job + state)
    return out


def _pool(workers: int, timeout: float | None = 5.0) -> WorkerPool[int, object]:
    return WorkerPool(
        _square_chunk,
        lambda: 0,
        workers=workers,
        timeout=timeout,
        on_timeout=lambda job, seconds: f"timeout {job} {seconds:g}",
        on_crash=lambda job, code: f"died {job} {code}",
        batched=True,
    )


@pytest.mark.parametrize(("workers", "size"), [(1, 1), (1, 4), (2, 3), (3, 5)])
def test_engine_local_results_in_input_order_whatever_workers_and_chunks(
    workers: int, size: int
) -> None:
    jobs = [j for j in range(40) if j != 13]
    chunks = [jobs[i : i + size] for i in range(0, len(jobs), size)]
    with _pool(workers) as pool:
        assert list(pool.map_chunks(chunks)) == [j * j for j in jobs]


@pytest.mark.parametrize("workers", [1, 2])
def test_engine_local_hanging_job_fails_alone_and_its_chunk_goes_on(workers: int) -> None:
    started = time.monotonic()
    with _pool(workers, timeout=1.0) as pool:
        got = list(pool.map_chunks([[1, 2, -1, 3], [4, 5]]))
    assert got == [1, 4, "timeout -1 1", 9, 16, 25]
    # The chunk passes its deadline once, the hanging job once more alone.
    assert time.monotonic() - started < 10


def test_engine_local_crashing_job_fails_alone() -> None:
    with _pool(2) as pool:
        got = list(pool.map_chunks([[12, 13, 14], [15]]))
    assert got == [144, "died 13 9", 196, 225]


def test_engine_local_single_jobs() -> None:
    def work(state: int, job: int) -> int:
        return job + state

    pool: WorkerPool[int, int] = WorkerPool(
        work,
        lambda: 100,
        workers=2,
        timeout=None,
        on_timeout=lambda job, s: -1,
        on_crash=lambda job, c: -2,
    )
    with pool:
        assert list(pool.map(range(5))) == [100, 101, 102, 103, 104]
