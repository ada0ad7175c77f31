"""Batch runs: input folders -> output folder, incremental, committed in groups.

A run walks the inputs and decides for each file, in order, whether it changed: a file
whose size and modification time are those recorded at the last run costs a stat; one
whose stat differs is read and hashed, and only one whose hash (or the pipeline
fingerprint) differs is extracted. Changed files go, in chunks of the model's batch size,
to worker processes (``extract.engines.local``) that read them, run the model over the
chunk and every stage over each document under a per-document deadline, and send back
plain rows. The main process commits the rows in groups of documents, in input order;
documents whose files are gone are marked ``removed`` (deleted with ``prune``); the
exported files are written last, as one set.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import itertools
import logging
import os
import time
from collections import Counter, deque
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
from extract.store import DocRows, OutputError, Store, document_rows, storage_errors

logger = logging.getLogger(__name__)

ProgressCallback = Callable[[DocRows | None], None]

# Documents committed in one transaction, and the longest a written result waits for its
# group to fill: a crash loses at most this much work, never a committed group.
GROUP_DOCUMENTS = 64
GROUP_SECONDS = 5.0
# A file modified this recently may change again within the same mtime tick: its stat is
# not trusted on the next run (it is hashed), however it looks.
_RACY_NS = 2_000_000_000


@dataclass(frozen=True, slots=True)
class Job:
    """One file for a worker: what the walk found, its bytes (already hashed) and options.

    ``size`` and ``mtime_ns`` are the file's stat when it was read (``None``: no stat to
    record); ``fingerprint`` is the run's, written into the document's row.
    """

    item: InputFile
    data: bytes | None
    sha256: str
    reference_date: date | None
    read_error: str = ""
    ocr: bool = False
    size: int | None = None
    mtime_ns: int | None = None
    fingerprint: str = ""


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
    into ``out_dir`` are skipped unless ``full`` (a file whose size and mtime are those
    recorded is not even read). Stored documents whose files are no longer in the input
    are marked ``removed`` (their rows kept) or, with ``prune``, deleted. Documents are
    read and extracted in worker processes (``workers``, by default the model's
    ``n_process``, else one per core), the model batched over ``batch_size`` documents,
    and a document is failed with ``timeout after N s`` when it takes longer than
    ``timeout`` seconds alone; documents are committed in groups; the exports are
    written at the end, as one set, when anything changed.

    ``on_start`` receives the number of input entries; ``on_progress`` is called once per
    entry, with its rows as stored (``None`` for an unchanged one). Raises
    ``NoInputError`` (an input is missing or holds no document; nothing is touched),
    ``DuplicateIdError``, ``BusyError``
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
        pool: WorkerPool[Job, DocRows] | None = None
        if process is None:
            pool = held.enter_context(
                WorkerPool(
                    extract_chunk,
                    _state_factory(pipeline),
                    workers=workers or pipeline.n_process or default_workers(),
                    timeout=timeout,
                    on_timeout=_timed_out,
                    on_crash=_crashed,
                    batched=True,
                )
            )
            pool.start()
        left = max(0.0, wait - (time.monotonic() - lock_started))
        store = held.enter_context(Store(out, wait=left))
        held.enter_context(storage_errors(store.path))

        def stored(doc: DocRows) -> None:
            counts[doc.status] += 1
            counts["mentions"] += doc.mentions
            counts["facts"] += doc.facts
            if doc.status != "ok":
                failures.append((doc.doc_id, doc.error))
                logger.info("%s: %s: %s", doc.doc_id, doc.status, doc.error)
            if on_progress is not None:
                on_progress(doc)

        def unchanged() -> None:
            counts["unchanged"] += 1
            if on_progress is not None:
                on_progress(None)

        writer = _GroupWriter(store, stored)
        scan = _Scan(
            store,
            full=full,
            fingerprint=fingerprint,
            reference_date=reference_date,
            ocr=ocr,
            on_unchanged=unchanged,
            on_seen=writer.seen.append,
        )
        jobs = scan.jobs(items)
        if pool is not None:
            for rows in pool.map_chunks(_chunks(jobs, pipeline.batch_size)):
                writer.add(rows)
        else:
            assert process is not None
            for rows in _through_engine(process, jobs):
                writer.add(rows)
        writer.flush()
        if pool is not None:
            pool.close()
        keep = [item.doc_id for item in items]
        gone = store.prune(keep) if prune else store.mark_removed(keep)
        # Names are unified over the whole store whenever it changed (here or in a run
        # killed before its export); an unchanged store was unified when it last changed.
        if store.changed:
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


def default_workers() -> int:
    """One worker per core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


class _Scan:
    """Which walked files changed since the last run; the jobs of those that did.

    A file is unchanged when the stored document is ``ok`` under the same fingerprint
    and either its size and mtime are those recorded (a stat, nothing read) or its
    bytes hash to the stored sha256 (its new stat is then recorded through ``on_seen``).
    With ``full`` every file is a job.
    """

    def __init__(
        self,
        store: Store,
        *,
        full: bool,
        fingerprint: str,
        reference_date: date | None,
        ocr: bool,
        on_unchanged: Callable[[], None],
        on_seen: Callable[[tuple[str, int, int]], None],
    ) -> None:
        self.previous = {} if full else store.state()
        self.stats = {} if full else store.stats()
        self.fingerprint = fingerprint
        self.reference_date = reference_date
        self.ocr = ocr
        self.on_unchanged = on_unchanged
        self.on_seen = on_seen

    def jobs(self, items: Iterable[InputFile]) -> Iterator[Job]:
        for item in items:
            job = self._job(item)
            if job is not None:
                yield job

    def _job(self, item: InputFile) -> Job | None:
        base: dict[str, Any] = {
            "reference_date": self.reference_date,
            "ocr": self.ocr,
            "fingerprint": self.fingerprint,
        }
        if item.problem:
            return Job(item, None, "", **base)
        before = self.previous.get(item.doc_id)
        current = before is not None and before[1:] == (self.fingerprint, "ok")
        try:
            info = item.path.stat()
        except OSError as exc:
            return Job(item, None, "", read_error=f"cannot read file: {exc.strerror}", **base)
        if current and self.stats.get(item.doc_id) == (info.st_size, info.st_mtime_ns):
            self.on_unchanged()
            return None
        size, mtime_ns = info.st_size, _trusted_mtime(info.st_mtime_ns)
        try:
            data = read_bytes(item.path)
        except OSError as exc:
            reason = f"cannot read file: {exc.strerror or exc}"
            return Job(item, None, "", read_error=reason, size=size, mtime_ns=mtime_ns, **base)
        sha = hashlib.sha256(data).hexdigest()
        if current and before is not None and before[0] == sha:
            if self.stats.get(item.doc_id) != (size, mtime_ns):
                self.on_seen((item.doc_id, size, mtime_ns))
            self.on_unchanged()
            return None
        return Job(item, data, sha, size=size, mtime_ns=mtime_ns, **base)


def _trusted_mtime(mtime_ns: int) -> int:
    """The mtime to record: -1 (matches no file, so it is hashed next time) when the file
    was modified so recently that it could change again without its mtime moving."""
    return -1 if mtime_ns >= time.time_ns() - _RACY_NS else mtime_ns


class _GroupWriter:
    """Rows committed in groups of ``GROUP_DOCUMENTS`` (or after ``GROUP_SECONDS``)."""

    def __init__(self, store: Store, on_stored: Callable[[DocRows], None]) -> None:
        self.store = store
        self.on_stored = on_stored
        self.group: list[DocRows] = []
        self.seen: list[tuple[str, int, int]] = []
        self.since = 0.0

    def add(self, rows: DocRows) -> None:
        if not self.group:
            self.since = time.monotonic()
        self.group.append(rows)
        if len(self.group) >= GROUP_DOCUMENTS or time.monotonic() - self.since >= GROUP_SECONDS:
            self.flush()

    def flush(self) -> None:
        group, seen = self.group, self.seen[:]
        self.group = []
        self.seen.clear()
        for doc in self.store.write_many(group, seen=seen):
            self.on_stored(doc)


def _chunks(jobs: Iterable[Job], size: int) -> Iterator[list[Job]]:
    iterator = iter(jobs)
    while chunk := list(itertools.islice(iterator, max(1, size))):
        yield chunk


def _through_engine(
    process: Callable[[Iterable[Document]], Iterator[DocumentResult]], jobs: Iterable[Job]
) -> Iterator[DocRows]:
    """Rows of the jobs through an engine's ``process`` (documents read in this process)."""
    sent: deque[Job] = deque()

    def documents() -> Iterator[Document]:
        for job in jobs:
            sent.append(job)
            yield _read(job)

    for result in process(documents()):
        yield _rows(sent.popleft(), result)


def extract_chunk(pipeline: Pipeline, jobs: Sequence[Job]) -> list[DocRows]:
    """Read and extract a chunk of files (runs in a worker), the model batched over them.

    Never raises: a file's errors fail that file only.
    """
    documents = [_read(job) for job in jobs]
    try:
        results = list(pipeline.process(documents, batch_size=len(documents)))
    except Exception:  # one document's failure must never end the batch
        logger.debug("chunk failed; documents extracted one at a time", exc_info=True)
        results = [
            _run_one(pipeline, job, document) for job, document in zip(jobs, documents, strict=True)
        ]
    return [_rows(job, result) for job, result in zip(jobs, results, strict=True)]


def _run_one(pipeline: Pipeline, job: Job, document: Document) -> DocumentResult:
    try:
        return pipeline.run_one(document)
    except Exception as exc:
        logger.debug("%s: %s", job.item.doc_id, exc, exc_info=True)
        return DocumentResult(document=_document(job, "failed", _reason(exc)))


def _read(job: Job) -> Document:
    try:
        return read_job(job)
    except Exception as exc:  # a reader bug fails its file only
        logger.debug("%s: %s", job.item.doc_id, exc, exc_info=True)
        return _document(job, "failed", _reason(exc))


def _rows(job: Job, result: DocumentResult) -> DocRows:
    """The rows of one result; a value that makes no row fails the document."""
    try:
        return document_rows(result, job.fingerprint, size=job.size, mtime_ns=job.mtime_ns)
    except Exception as exc:
        logger.debug("%s: cannot store rows", job.item.doc_id, exc_info=True)
        reason = f"cannot store rows: {_reason(exc)}"
        return _failed_rows(job, reason)


def _reason(exc: Exception) -> str:
    return " ".join(f"{type(exc).__name__}: {exc}".split())


def _failed_rows(job: Job, error: str) -> DocRows:
    result = DocumentResult(document=_document(job, "failed", error))
    return document_rows(result, job.fingerprint, size=job.size, mtime_ns=job.mtime_ns)


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


def _timed_out(job: Job, seconds: float) -> DocRows:
    return _failed_rows(job, f"timeout after {seconds:g} s")


def _crashed(job: Job, exitcode: int | None) -> DocRows:
    return _failed_rows(job, f"worker process died (exit code {exitcode})")


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
    rows = store.query(
        "SELECT kind, canonical, sum(mentions) FROM entities GROUP BY kind, canonical"
    )
    return canonical_renames(
        ((kind, name, int(count)) for kind, name, count in rows),
        preferred=pipeline.aliases.canonicals(),
        fuzzy_threshold=pipeline.fuzzy_threshold,
    )
