"""Batch runs: input folders -> output folder, incremental, one commit per document."""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path

from extract.config import Config
from extract.ingest.files import discover, read_document
from extract.pipeline import Pipeline
from extract.records import Document, DocumentResult, RunReport
from extract.stages.entities import canonical_renames
from extract.store import Store

logger = logging.getLogger(__name__)

ProgressCallback = Callable[[DocumentResult | None], None]


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
    process: Callable[[Iterable[Document]], Iterator[DocumentResult]] | None = None,
) -> RunReport:
    """Extract every document under ``inputs`` into ``out_dir`` and return a summary.

    Documents whose bytes and pipeline fingerprint are unchanged since the last run
    into ``out_dir`` are skipped unless ``full``; rows of documents no longer in the
    input are removed, so the output mirrors the input. Each document is committed on
    its own; the CSVs are exported at the end. ``on_start`` receives the number of
    input files; ``on_progress`` is called once per file (``None`` for a skipped one).
    ``process`` turns documents into results in input order (an engine's, such as the
    Dask engine's); default ``pipeline.process``.
    """
    started = time.perf_counter()
    items = discover(inputs)
    if on_start is not None:
        on_start(len(items))
    pipeline = pipeline or Pipeline(config)
    # The option's date decides relative dates of documents that state none of their own.
    fingerprint = pipeline.fingerprint + (
        f"@{reference_date.isoformat()}" if reference_date else ""
    )
    counts: Counter[str] = Counter()
    failures: list[tuple[str, str]] = []
    with Store(out_dir) as store:
        previous = {} if full else store.state()

        def changed() -> Iterator[Document]:
            for item in items:
                document = read_document(item, reference_date=reference_date)
                if previous.get(item.doc_id) == (document.sha256, fingerprint, "ok"):
                    counts["unchanged"] += 1
                    if on_progress is not None:
                        on_progress(None)
                    continue
                yield document

        for result in (process or pipeline.process)(changed()):
            store.write(result, fingerprint)
            doc = result.document
            counts[doc.status] += 1
            counts["mentions"] += len(result.mentions)
            counts["facts"] += len(result.facts)
            if doc.status != "ok":
                failures.append((doc.doc_id, doc.error))
                logger.info("%s: %s: %s", doc.doc_id, doc.status, doc.error)
            if on_progress is not None:
                on_progress(result)
        store.remove_missing(item.doc_id for item in items)
        store.rename_canonicals(unify_canonicals(store, pipeline))
        store.export_csv()
    return RunReport(
        ok=counts["ok"],
        failed=counts["failed"],
        skipped=counts["skipped"],
        unchanged=counts["unchanged"],
        mentions=counts["mentions"],
        facts=counts["facts"],
        seconds=time.perf_counter() - started,
        failures=tuple(failures),
    )


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
