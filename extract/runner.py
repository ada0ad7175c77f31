"""Batch runs: input folders -> output folder, incremental, one commit per document.

A run walks the inputs, hashes each file and sends the changed ones to worker
processes (``extract.engines.local``) that read and extract one document each under a
deadline. Results are committed one document at a time, in input order; documents whose
files are gone are marked ``removed`` (deleted with ``prune``); the exported files are
written last, as one set.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from extract.config import Config
from extract.engines.local import DEFAULT_TIMEOUT_S, WorkerPool, forks
from extract.exports import FORMATS
from extract.ingest.files import (
    READERS,
    InputFile,
    NoInputError,
    read_bytes,
    read_document,
    walk,
)
from extract.lock import output_lock
from extract.pipeline import Pipeline
from extract.records import Document, DocumentResult, RunReport
from extract.stages.entities import canonical_renames
from extract.store import OutputError, Store, storage_errors

logger = logging.getLogger(__name__)

ProgressCallback = Callable[[DocumentResult | None], None]


@dataclass(frozen=True, slots=True)
class Job:
    """One file for a worker: what the walk found, its bytes (already hashed) and options."""

    item: InputFile
    data: bytes | None
    sha256: str
    reference_date: date | None
    read_error: str = ""
    ocr: bool = False


def run_batch(
    inputs: Sequence[str | Path],
    out_dir: str | Path,
    *,
    config: Config | None = None,
    reference_date: date | None = None,
    full: bool = False,
    pipeline: Pipeline | None = None,
    on_progress: ProgressCallback | None = None,
    on_start: Callable[[int], None] | None = None,
    workers: int | None = None,
    timeout: float | None = DEFAULT_TIMEOUT_S,
    prune: bool = False,
    wait: float = 0.0,
    follow_symlinks: bool = False,
    formats: Sequence[str] = FORMATS,
    process: Callable[[Iterable[Document]], Iterator[DocumentResult]] | None = None,
) -> RunReport:
    """Extract every document under ``inputs`` into ``out_dir`` and return a summary.

    Documents whose bytes and pipeline fingerprint are unchanged since the last run
    into ``out_dir`` are skipped unless ``full``. Stored documents whose files are no
    longer in the input are marked ``removed`` (their rows kept) or, with ``prune``,
    deleted. Each document is read and extracted in a worker process (``workers``, by
    default the model's ``n_process``) and failed with ``timeout after N s`` when it
    takes longer than ``timeout`` seconds; each is committed on its own; the exports
    are written at the end, as one set, when anything changed.

    ``on_start`` receives the number of input entries; ``on_progress`` is called once per
    entry (``None`` for an unchanged one). Raises ``NoInputError`` (an input is missing
    or holds no document; nothing is touched), ``DuplicateIdError``, ``BusyError``
    (another run holds the output folder past ``wait`` seconds), ``StoreBusyError`` and
    ``OutputError`` (storage). ``process``, an engine's (such as the Dask engine's), turns
    documents read in this process into results in input order instead of the local
    workers; it has no per-document deadline of its own.
    """
    started = time.perf_counter()
    walked = walk(inputs, follow_symlinks=follow_symlinks)
    if walked.empty_roots or not walked.files:
        empty = ", ".join(walked.empty_roots) or ", ".join(str(i) for i in inputs)
        raise NoInputError(
            f"{empty}: no document ({', '.join(sorted(READERS))}) to read; "
            f"{out_dir} was not changed"
        )
    items = walked.files
    if on_start is not None:
        on_start(len(items))
    counts: Counter[str] = Counter()
    failures: list[tuple[str, str]] = []
    out = Path(out_dir)
    lock_started = time.monotonic()
    with contextlib.ExitStack() as held:
        try:
            held.enter_context(output_lock(out, wait=wait))
        except OSError as exc:
            raise OutputError(f"{out}: cannot create the lock file: {exc.strerror}") from exc
        pipeline = pipeline or Pipeline(config)
        # The option's date decides relative dates of documents that state none of their own.
        fingerprint = pipeline.fingerprint + (
            f"@{reference_date.isoformat()}" if reference_date else ""
        )
        ocr = bool(pipeline.config.section("ingest").get("ocr", False))
        # Workers are forked before the database starts its threads.
        pool: WorkerPool[Job, DocumentResult] | None = None
        if process is None:
            pool = held.enter_context(
                WorkerPool(
                    extract_job,
                    _state_factory(pipeline),
                    workers=workers or pipeline.n_process,
                    timeout=timeout,
                    on_timeout=_timed_out,
                    on_crash=_crashed,
                )
            )
            pool.start()
        left = max(0.0, wait - (time.monotonic() - lock_started))
        store = held.enter_context(Store(out, wait=left))
        held.enter_context(storage_errors(store.path))
        previous = {} if full else store.state()

        def jobs() -> Iterator[Job]:
            for item in items:
                job = _job(item, reference_date, ocr)
                if previous.get(item.doc_id) == (job.sha256, fingerprint, "ok"):
                    counts["unchanged"] += 1
                    if on_progress is not None:
                        on_progress(None)
                    continue
                yield job

        if pool is not None:
            results = pool.map(jobs())
        else:
            assert process is not None
            results = process(read_job(job) for job in jobs())
        for result in results:
            stored = store.write(result, fingerprint)
            doc = stored.document
            counts[doc.status] += 1
            counts["mentions"] += len(stored.mentions)
            counts["facts"] += len(stored.facts)
            if doc.status != "ok":
                failures.append((doc.doc_id, doc.error))
                logger.info("%s: %s: %s", doc.doc_id, doc.status, doc.error)
            if on_progress is not None:
                on_progress(stored)
        if pool is not None:
            pool.close()
        keep = [item.doc_id for item in items]
        gone = store.prune(keep) if prune else store.mark_removed(keep)
        store.rename_canonicals(unify_canonicals(store, pipeline))
        store.export(formats, force=False)
    return RunReport(
        ok=counts["ok"],
        failed=counts["failed"],
        skipped=counts["skipped"],
        unchanged=counts["unchanged"],
        mentions=counts["mentions"],
        facts=counts["facts"],
        seconds=time.perf_counter() - started,
        failures=tuple(failures),
        removed=len(gone),
        pruned=prune,
        ignored=walked.ignored,
    )


def _job(item: InputFile, reference_date: date | None, ocr: bool = False) -> Job:
    """Read and hash one walked file in the main process (a stat and a read, no parsing)."""
    if item.problem:
        return Job(item, None, "", reference_date, ocr=ocr)
    try:
        data = read_bytes(item.path)
    except OSError as exc:
        reason = f"cannot read file: {exc.strerror or exc}"
        return Job(item, None, "", reference_date, reason, ocr=ocr)
    return Job(item, data, hashlib.sha256(data).hexdigest(), reference_date, ocr=ocr)


def extract_job(pipeline: Pipeline, job: Job) -> DocumentResult:
    """Read and extract one file (runs in a worker). Never raises: errors fail the file."""
    try:
        return pipeline.run_one(read_job(job))
    except Exception as exc:  # one file's failure must never end the batch
        logger.debug("%s: %s", job.item.doc_id, exc, exc_info=True)
        return DocumentResult(
            document=_document(job, "failed", " ".join(f"{type(exc).__name__}: {exc}".split()))
        )


def read_job(job: Job) -> Document:
    """The Document of one job's bytes (a read failure is a failed Document)."""
    if job.read_error:
        return _document(job, "failed", job.read_error)
    return read_document(job.item, reference_date=job.reference_date, data=job.data, ocr=job.ocr)


def _document(job: Job, status: str, error: str) -> Document:
    item = job.item
    return Document(
        doc_id=item.doc_id,
        source=item.doc_id,
        path=item.doc_id,
        sha256=job.sha256,
        status=status,
        error=error,
    )


def _timed_out(job: Job, seconds: float) -> DocumentResult:
    return DocumentResult(document=_document(job, "failed", f"timeout after {seconds:g} s"))


def _crashed(job: Job, exitcode: int | None) -> DocumentResult:
    reason = f"worker process died (exit code {exitcode})"
    return DocumentResult(document=_document(job, "failed", reason))


def _state_factory(pipeline: Pipeline) -> Callable[[], Any]:
    """How a worker gets its pipeline: inherited when forked, else loaded from the config."""
    if forks():
        return lambda: pipeline
    return functools.partial(Pipeline, pipeline.config)


def unify_canonicals(store: Store, pipeline: Pipeline) -> dict[tuple[str, str], str]:
    """(kind, name) -> the one spelling used across the output, for names written differently.

    Covers every document in the output folder, not only this run's, so incremental runs
    name an entity the same way as earlier ones did.
    """
    rows = store.con.execute(
        "SELECT kind, canonical, sum(mentions) FROM entities GROUP BY kind, canonical"
    ).fetchall()
    return canonical_renames(
        ((kind, name, int(count)) for kind, name, count in rows),
        preferred=pipeline.aliases.canonicals(),
        fuzzy_threshold=pipeline.fuzzy_threshold,
    )
