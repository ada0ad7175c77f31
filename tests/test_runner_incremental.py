"""Incremental runs: a stat for an unchanged file, a hash when its stat moved, --full."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from extract import runner
from extract.runner import run_batch
from extract.store import Store

GOOD = "Acme Corp said on March 3, 2024 that revenue rose 12% to $5.2 billion in 2023.\n"
OTHER = "Globex Inc said on May 6, 2024 that its profit fell 3% to $1.1 billion.\n"
AN_HOUR_AGO = time.time() - 3600


def _folder(root: Path, **files: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        path = root / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        os.utime(path, (AN_HOUR_AGO, AN_HOUR_AGO))
    return root


class _Reads:
    """Counts the files the runner reads (it reads through ``read_bytes``)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.paths: list[str] = []
        original = runner.read_bytes

        def counted(path: Path) -> bytes:
            self.paths.append(path.name)
            return original(path)

        monkeypatch.setattr(runner, "read_bytes", counted)


def test_runner_unchanged_file_costs_a_stat(
    blank_pipeline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = _folder(tmp_path / "in", a=GOOD, b=OTHER)
    out = tmp_path / "out"
    assert run_batch([src], out, pipeline=blank_pipeline, workers=1).ok == 2
    reads = _Reads(monkeypatch)
    report = run_batch([src], out, pipeline=blank_pipeline, workers=1)
    assert (report.ok, report.unchanged) == (0, 2)
    assert reads.paths == []


def test_runner_touched_file_is_hashed_not_extracted_and_its_stat_recorded(
    blank_pipeline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = _folder(tmp_path / "in", a=GOOD, b=OTHER)
    out = tmp_path / "out"
    run_batch([src], out, pipeline=blank_pipeline, workers=1)
    os.utime(src / "a.txt", (AN_HOUR_AGO + 60, AN_HOUR_AGO + 60))
    reads = _Reads(monkeypatch)
    report = run_batch([src], out, pipeline=blank_pipeline, workers=1)
    assert (report.ok, report.unchanged, reads.paths) == (0, 2, ["a.txt"])
    with Store(out) as store:
        assert store.stats()["a.txt"] == (len(GOOD), (src / "a.txt").stat().st_mtime_ns)
        assert not store.changed
    report = run_batch([src], out, pipeline=blank_pipeline, workers=1)
    assert (report.unchanged, reads.paths) == (2, ["a.txt"])


def test_runner_recent_file_is_hashed_next_time_even_with_the_same_stat(
    blank_pipeline, tmp_path: Path
) -> None:
    src = tmp_path / "in"
    src.mkdir()
    path = src / "a.txt"
    path.write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out"
    run_batch([src], out, pipeline=blank_pipeline, workers=1)
    # Rewritten within the same mtime tick: same size, same mtime, other bytes.
    stat = path.stat()
    path.write_text(GOOD.replace("Acme", "Zeta"), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    report = run_batch([src], out, pipeline=blank_pipeline, workers=1)
    assert (report.ok, report.unchanged) == (1, 0)


def test_runner_changed_file_and_full_are_extracted(
    blank_pipeline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = _folder(tmp_path / "in", a=GOOD, b=OTHER)
    out = tmp_path / "out"
    run_batch([src], out, pipeline=blank_pipeline, workers=1)
    _folder(src, a=GOOD + "It also said costs rose 4%.\n")
    report = run_batch([src], out, pipeline=blank_pipeline, workers=1)
    assert (report.ok, report.unchanged) == (1, 1)
    report = run_batch([src], out, pipeline=blank_pipeline, workers=1, full=True)
    assert (report.ok, report.unchanged) == (2, 0)


def test_runner_many_groups_give_the_tables_of_one(
    blank_pipeline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = {f"d{i:02d}": (GOOD if i % 2 else OTHER).replace("12%", f"{i}%") for i in range(9)}
    src = _folder(tmp_path / "in", **files)
    run_batch([src], tmp_path / "one", pipeline=blank_pipeline, workers=1)
    monkeypatch.setattr(runner, "GROUP_DOCUMENTS", 2)
    run_batch([src], tmp_path / "many", pipeline=blank_pipeline, workers=2)
    for table in ("documents", "mentions", "entities", "facts"):
        one = (tmp_path / "one" / f"{table}.csv").read_bytes()
        assert one == (tmp_path / "many" / f"{table}.csv").read_bytes(), table
