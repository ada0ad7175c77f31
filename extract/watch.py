"""Continuous ingestion: run once, then again after each batch of changes under the inputs."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from extract.errors import ExtractError
from extract.records import RunReport

logger = logging.getLogger(__name__)

# Milliseconds of quiet after a change before a run starts (files still being copied in).
DEFAULT_DEBOUNCE_MS = 2000


def watch(
    inputs: Sequence[str | Path],
    out_dir: str | Path,
    run: Callable[[], RunReport],
    *,
    on_report: Callable[[RunReport], None],
    on_error: Callable[[ExtractError], None],
    debounce_ms: int = DEFAULT_DEBOUNCE_MS,
    poll: bool = False,
    stop: threading.Event | None = None,
) -> None:
    """Call ``run`` now and after every batch of file changes under ``inputs``.

    Changes under ``out_dir`` are ignored (it may lie inside an input). Missing or empty
    inputs and a busy output folder are reported through ``on_error`` and watching goes
    on; any other error (storage) ends the watch by propagating. Returns when ``stop``
    is set or on Ctrl-C. ``poll`` checks for changes by polling, for network and other
    filesystems that do not report them.
    """
    import watchfiles

    from extract.ingest.files import NoInputError
    from extract.lock import BusyError
    from extract.store import StoreBusyError

    # Errors a later run may not meet again (inputs filled, the other run gone).
    passing = (NoInputError, BusyError, StoreBusyError)
    out = os.path.realpath(out_dir)

    def outside_output(_change: watchfiles.Change, path: str) -> bool:
        real = os.path.realpath(path)
        return not (real == out or real.startswith(out + os.sep))

    def once() -> None:
        try:
            on_report(run())
        except passing as exc:
            on_error(exc)

    once()
    for changes in watchfiles.watch(
        *inputs,
        watch_filter=outside_output,
        debounce=debounce_ms,
        stop_event=stop,
        raise_interrupt=False,
        force_polling=poll or None,
    ):
        logger.info("%d changes; running", len(changes))
        once()
