"""Runs killed with SIGKILL at random moments leave an output that the next run completes
into exactly the tables of a clean run."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

EXTRACT = [sys.executable, "-m", "extract.cli"]
TABLES = ("documents", "mentions", "entities", "facts")


def _run(args: list[str]) -> subprocess.Popen:
    code = "from extract.cli import main; main()"
    return subprocess.Popen(
        [sys.executable, "-c", code, "run", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def _files(out: Path) -> dict[str, bytes]:
    found = {f"{t}.csv": (out / f"{t}.csv").read_bytes() for t in TABLES}
    found.update({f"{t}.parquet": (out / f"{t}.parquet").read_bytes() for t in TABLES})
    return found


@pytest.mark.slow
def test_kill_at_random_moments_then_run_gives_clean_tables(
    corpus_dir: Path, tmp_path: Path
) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for path in corpus_dir.glob("*.txt"):
        shutil.copy(path, src / path.name)
    for i in range(3):
        (src / f"note{i}.txt").write_text(
            f"Acme Corp said on March {i + 1}, 2024 that revenue rose {i + 2}% to "
            f"${i + 1}.5 billion in the fourth quarter, and Globex Inc said its profit fell.\n"
        )
    args = [str(src), "--workers", "2", "--reference-date", "2025-01-01"]

    started = time.monotonic()
    clean = _run([*args, "--out", str(tmp_path / "clean")])
    assert clean.wait(120) == 0
    clean_s = time.monotonic() - started

    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    killed = tmp_path / "killed"
    for attempt in range(3):
        proc = _run([*args, "--out", str(killed), "--full"])
        time.sleep(rng.uniform(0.3, clean_s))
        if attempt % 2:
            os.killpg(proc.pid, signal.SIGKILL)  # the whole run, workers too
        else:
            proc.send_signal(signal.SIGKILL)  # the main process only
        proc.wait()
    final = _run([*args, "--out", str(killed), "--wait", "10"])
    assert final.wait(120) == 0, f"seed {seed}"
    assert _files(killed) == _files(tmp_path / "clean"), f"seed {seed}"
    assert not list(killed.glob(".*.tmp")), f"seed {seed}"
    assert not list((killed / ".exports").glob(".tmp-*")), f"seed {seed}"
