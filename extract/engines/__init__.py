"""Engines: where the per-document extraction runs.

``local`` (``extract.engines.local``) is the runner's own: forked worker processes, one
document each under a deadline. Another engine is a callable of the shape of
``Pipeline.process``: documents in, one ``DocumentResult`` per document out, in input
order, which ``run_batch(process=...)`` uses instead; ``open_engine("dask", ...)`` gives
the one that sends documents to the workers of a Dask cluster (the ``dask`` extra).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext
from typing import TYPE_CHECKING

from extract.errors import ExtractError

if TYPE_CHECKING:
    from extract.pipeline import Pipeline
    from extract.records import Document, DocumentResult

Process = Callable[["Iterable[Document]"], "Iterator[DocumentResult]"]

ENGINES = ("local", "dask")


class EngineError(ExtractError):
    """An engine cannot start: an unknown name, a missing extra, an unreachable scheduler."""


@contextmanager
def open_engine(
    name: str,
    pipeline: Pipeline,
    *,
    scheduler: str | None = None,
    workers: int | None = None,
) -> Iterator[Process]:
    """The ``process`` callable of engine ``name``, open for the length of the ``with`` block.

    ``scheduler`` (dask only) is the address of a running Dask scheduler; without one a
    local cluster of ``workers`` processes (default: one per core) is started and stopped.
    """
    if name not in ENGINES:
        raise EngineError(f"unknown engine '{name}' (choose one of {', '.join(ENGINES)})")
    if name == "local":
        if scheduler is not None:
            raise EngineError("--scheduler needs --engine dask")
        with nullcontext(pipeline.process) as process:
            yield process
        return
    if scheduler is not None and workers is not None:
        raise EngineError(
            "--workers sizes a local Dask cluster; with --scheduler, the workers are those "
            "started with `dask worker`"
        )
    from extract.engines.dask import DaskEngine

    with DaskEngine(pipeline, scheduler=scheduler, n_workers=workers) as engine:
        yield engine.process
