"""The Dask engine: documents extracted on the workers of a Dask cluster.

The client sends documents in chunks to the workers, at most ``max_in_flight`` chunks at
a time, and yields the results in input order, so its memory does not grow with the
input. Each worker process builds the pipeline once, from the client's configuration,
and keeps it for every later chunk of the same pipeline fingerprint; it sends back
``DocumentResult`` records, never spaCy documents. A worker whose pipeline has another
fingerprint than the client's (another version, model, alias or lexicon file) stops the
run with an error naming the worker.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from itertools import islice
from pathlib import Path
from typing import Any

from extract.config import Config
from extract.engines import EngineError
from extract.errors import ConfigError, ExtractError
from extract.records import Document, DocumentResult

# Documents per task: a few model batches, small enough to keep every worker busy.
CHUNK_SIZE = 8
# Chunks submitted and not yet collected, per worker thread of the cluster.
IN_FLIGHT_PER_THREAD = 2
CONNECT_TIMEOUT_S = 30


@dataclass(frozen=True, slots=True)
class PipelineSpec:
    """What a worker builds its pipeline from: the client's configuration as plain data."""

    sections: dict[str, Any]
    base_dir: str
    source: str
    fingerprint: str

    @classmethod
    def of(cls, pipeline: Any) -> PipelineSpec:
        config = pipeline.config
        return cls(
            sections=_thaw(config.sections),
            base_dir=str(config.base_dir),
            source=config.source,
            fingerprint=pipeline.fingerprint,
        )

    def build(self) -> Any:
        """The pipeline, in this process, checked to have the client's fingerprint."""
        from extract.pipeline import Pipeline

        config = Config(sections=self.sections, base_dir=Path(self.base_dir), source=self.source)
        try:
            pipeline = Pipeline(config)
        except ExtractError as exc:
            raise ConfigError(f"dask worker {_worker_name()}: {exc}") from exc
        if pipeline.fingerprint != self.fingerprint:
            raise ConfigError(
                f"dask worker {_worker_name()}: pipeline fingerprint {pipeline.fingerprint} "
                f"differs from the client's {self.fingerprint}; install the same extract "
                "version, spaCy model and config files on every worker"
            )
        # The worker is the unit of parallelism: the model runs in its process.
        pipeline.n_process = 1
        return pipeline


def _thaw(value: Any) -> Any:
    """Read-only mappings (which do not pickle) as plain dicts."""
    if isinstance(value, Mapping):
        return {k: _thaw(v) for k, v in value.items()}
    return value


def _worker_name() -> str:
    try:
        from distributed import get_worker

        return str(get_worker().address)
    except (ImportError, ValueError):
        return "(not on a worker)"


# Per worker process: fingerprint -> pipeline, the latest few (a model each) for workers that
# serve runs of several configurations. Threads of one worker share it, one at a time.
_PIPELINES: dict[str, Any] = {}
MAX_PIPELINES = 2
_BUILD_LOCK = threading.Lock()
_RUN_LOCK = threading.Lock()


def worker_pipeline(spec: Any) -> Any:
    """The pipeline of ``spec`` in this process, built on first use."""
    with _BUILD_LOCK:
        pipeline = _PIPELINES.get(spec.fingerprint)
        if pipeline is None:
            pipeline = spec.build()
            while len(_PIPELINES) >= MAX_PIPELINES:
                del _PIPELINES[next(iter(_PIPELINES))]
            _PIPELINES[spec.fingerprint] = pipeline
    return pipeline


def extract_chunk(spec: Any, documents: list[Document]) -> list[DocumentResult]:
    """Run on a worker: the results of ``documents``, without their texts (the client has them)."""
    pipeline = worker_pipeline(spec)
    with _RUN_LOCK:
        results = list(pipeline.process(documents))
    return [replace(r, document=replace(r.document, text="")) for r in results]


class DaskEngine:
    """Documents -> results on a Dask cluster. Use as a context manager.

    ``scheduler`` is the address of a running scheduler (``tcp://HOST:PORT``); without
    it a ``LocalCluster`` of ``n_workers`` single-threaded processes (default: one per
    core) is started, and stopped on exit. ``client`` uses an open ``distributed.Client``
    instead, left open on exit. ``spec`` replaces what workers build their pipeline from
    (default: ``PipelineSpec.of(pipeline)``).
    """

    def __init__(
        self,
        pipeline: Any = None,
        *,
        scheduler: str | None = None,
        n_workers: int | None = None,
        client: Any = None,
        spec: Any = None,
        chunk_size: int = CHUNK_SIZE,
        max_in_flight: int | None = None,
    ) -> None:
        if spec is None and pipeline is None:
            raise ValueError("DaskEngine needs a pipeline or a spec")
        self.spec = spec if spec is not None else PipelineSpec.of(pipeline)
        self.scheduler = scheduler
        self.n_workers = n_workers
        self.chunk_size = max(1, chunk_size)
        self.max_in_flight = max_in_flight
        self.client = client
        self._owns_client = client is None
        self._cluster: Any = None

    def __enter__(self) -> DaskEngine:
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise EngineError(
                "the dask engine needs the dask extra: pip install 'extract[dask]'"
            ) from exc
        # Dask logs as much as this package does, and no less than INFO.
        level = max(logging.INFO, logging.getLogger(__name__).getEffectiveLevel())
        logging.getLogger("distributed").setLevel(level)
        if self.client is None and self.scheduler:
            try:
                self.client = Client(self.scheduler, timeout=CONNECT_TIMEOUT_S)
            except (OSError, TimeoutError, ValueError) as exc:
                reason = " ".join(str(exc).split()) or type(exc).__name__
                raise EngineError(
                    f"cannot reach the Dask scheduler at {self.scheduler}: {reason}"
                ) from exc
        elif self.client is None:
            self._cluster = LocalCluster(
                n_workers=self.n_workers,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                # Any free port: two runs on one machine must not compete for one.
                dashboard_address="127.0.0.1:0",
                silence_logs=level,
            )
            self.client = Client(self._cluster)
        if self.max_in_flight is None:
            threads = sum(self.client.nthreads().values())
            self.max_in_flight = max(2, IN_FLIGHT_PER_THREAD * threads)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._owns_client and self.client is not None:
            self.client.close()
            self.client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    def process(
        self, documents: Iterable[Document], *, batch_size: int | None = None
    ) -> Iterator[DocumentResult]:
        """Results for ``documents``, in input order (``Pipeline.process`` on the cluster).

        ``batch_size`` is accepted for the shape of ``Pipeline.process``; workers batch
        by the configured ``[model] batch_size``.
        """
        if self.client is None:
            raise EngineError("the dask engine is not open: use it in a with block")
        pending: deque[tuple[Any, list[Document]]] = deque()
        try:
            for chunk in _chunks(documents, self.chunk_size):
                future = self.client.submit(extract_chunk, self.spec, chunk, pure=False)
                pending.append((future, chunk))
                while len(pending) >= (self.max_in_flight or 2):
                    yield from self._collect(*pending.popleft())
            while pending:
                yield from self._collect(*pending.popleft())
        finally:
            if pending and self.client is not None:
                self.client.cancel([future for future, _ in pending])

    def _collect(self, future: Any, chunk: list[Document]) -> Iterator[DocumentResult]:
        from distributed.scheduler import KilledWorker

        try:
            results = future.result()
        except KilledWorker as exc:
            # The documents of a chunk that killed its workers fail; the run goes on.
            error = f"dask worker died while extracting: {' '.join(str(exc).split())}"
            for document in chunk:
                yield DocumentResult(document=replace(document, status="failed", error=error))
            return
        for document, result in zip(chunk, results, strict=True):
            yield replace(result, document=replace(result.document, text=document.text))


def _chunks(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk
