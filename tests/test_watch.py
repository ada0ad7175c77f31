"""Watch mode: a run at start and after changes; passing errors keep it watching."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from extract.errors import ExtractError
from extract.ingest.files import NoInputError
from extract.records import RunReport
from extract.store import OutputError
from extract.watch import watch


def _until(condition, timeout: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_watch_runs_at_start_and_after_changes_not_on_output(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    out = src / "out"  # an output folder inside the watched input is not a change
    out.mkdir()
    reports: list[RunReport] = []
    errors: list[ExtractError] = []
    outcomes = iter([RunReport(ok=1), NoInputError("in: no document"), RunReport(ok=2)])

    def run() -> RunReport:
        outcome = next(outcomes)
        if isinstance(outcome, ExtractError):
            raise outcome
        return outcome

    stop = threading.Event()
    thread = threading.Thread(
        target=watch,
        args=([src], out, run),
        kwargs={
            "on_report": reports.append,
            "on_error": errors.append,
            "debounce_ms": 100,
            "stop": stop,
        },
    )
    thread.start()
    try:
        assert _until(lambda: len(reports) == 1)
        time.sleep(0.5)
        (out / "facts.csv").write_text("written by the run itself")
        time.sleep(1.0)
        assert len(reports) + len(errors) == 1
        (src / "a.txt").write_text("A new article.")
        assert _until(lambda: len(errors) == 1)
        (src / "b.txt").write_text("Another article.")
        assert _until(lambda: len(reports) == 2)
    finally:
        stop.set()
        thread.join(10)
    assert not thread.is_alive()
    assert [r.ok for r in reports] == [1, 2]


def test_watch_storage_error_ends_the_watch(tmp_path: Path) -> None:
    def run() -> RunReport:
        raise OutputError("out/extract.duckdb: No space left on device")

    with pytest.raises(OutputError):
        watch([tmp_path], tmp_path / "out", run, on_report=print, on_error=print)
