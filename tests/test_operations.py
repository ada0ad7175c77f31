"""Scheduled runs: exit codes, removal, deadlines, locks, storage errors, JSON and log file."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from click.testing import CliRunner

from extract.cli import cli
from extract.pipeline import Pipeline
from extract.runner import run_batch
from extract.store import Store

GOOD = "Acme Corp said on March 3, 2024 that revenue rose 12% to $5.2 billion in 2023.\n"
OTHER = "Globex Inc said on May 6, 2024 that its profit fell 3% to $1.1 billion.\n"


def _folder(root: Path, **files: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (root / f"{name}.txt").write_text(text, encoding="utf-8")
    return root


def _tables(out: Path) -> dict[str, pd.DataFrame]:
    with duckdb.connect(str(out / "extract.duckdb"), read_only=True) as con:
        return {
            t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").df()
            for t in ("documents", "mentions", "entities", "facts")
        }


def _invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("command", ["run", "watch"])
def test_cli_help_lists_exit_codes(command: str) -> None:
    code, out, _ = _invoke(command, "--help")
    assert code == 0
    for number in ("0", "1", "2", "66", "74", "75"):
        assert f" {number} " in " ".join(out.split())
    assert "Example" in out


@pytest.mark.parametrize("make", ["missing", "empty", "unmounted-subfolder"])
def test_cli_no_input_exits_66_and_leaves_output_untouched(tmp_path: Path, make: str) -> None:
    out = tmp_path / "out"
    with Store(out) as store:
        store.export()
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    db_bytes = (out / "extract.duckdb").read_bytes()
    inputs = [str(tmp_path / "in")]
    if make != "missing":
        (tmp_path / "in").mkdir()
    if make == "unmounted-subfolder":
        _folder(tmp_path / "full", a=GOOD)
        inputs.append(str(tmp_path / "full"))
    code, stdout, stderr = _invoke("run", *inputs, "--out", str(out), "--json")
    assert code == 66
    assert json.loads(stdout)["exit_code"] == 66
    assert "was not changed" in stderr or "no such file" in stderr
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == before
    assert (out / "extract.duckdb").read_bytes() == db_bytes


def test_cli_same_id_under_two_inputs_exits_2_naming_both(tmp_path: Path) -> None:
    a = _folder(tmp_path / "a", report=GOOD)
    b = _folder(tmp_path / "b", report=OTHER)
    code, _, stderr = _invoke("run", str(a), str(b), "--out", str(tmp_path / "out"))
    assert code == 2
    assert str(a / "report.txt") in stderr
    assert str(b / "report.txt") in stderr
    assert not (tmp_path / "out").exists()


def test_cli_output_that_cannot_be_created_exits_74_in_one_line(tmp_path: Path) -> None:
    _folder(tmp_path / "in", a=GOOD)
    (tmp_path / "blocker").write_text("a file where a folder should be")
    out = tmp_path / "blocker" / "out"
    code, _, stderr = _invoke("run", str(tmp_path / "in"), "--out", str(out))
    assert code == 74
    assert stderr.count("\n") == 1
    assert stderr.startswith("Error: ")
    assert "Traceback" not in stderr


def test_cli_busy_output_exits_75(tmp_path: Path) -> None:
    _folder(tmp_path / "in", a=GOOD)
    out = tmp_path / "out"
    holder = (
        "import sys, time; from pathlib import Path; from extract.lock import output_lock\n"
        "with output_lock(Path(sys.argv[1])):\n    print('held', flush=True); time.sleep(30)"
    )
    with subprocess.Popen(
        [sys.executable, "-c", holder, str(out)], stdout=subprocess.PIPE, text=True
    ) as proc:
        try:
            assert proc.stdout is not None
            assert proc.stdout.readline().strip() == "held"
            started = time.monotonic()
            code, stdout, stderr = _invoke(
                "run", str(tmp_path / "in"), "--out", str(out), "--wait", "1", "--json"
            )
            assert time.monotonic() - started >= 1.0
        finally:
            proc.kill()
    assert code == 75
    assert f"process {proc.pid}" in stderr
    assert json.loads(stdout) == {"error": stderr.strip()[len("Error: ") :], "exit_code": 75}


@pytest.mark.slow
def test_runner_removed_documents_are_kept_until_prune(pipeline, tmp_path: Path) -> None:
    src = _folder(tmp_path / "in", a=GOOD, b=OTHER)
    out = tmp_path / "out"
    run_batch([src], out, pipeline=pipeline)
    report = run_batch([src / "a.txt"], out, pipeline=pipeline)
    assert (report.unchanged, report.removed, report.pruned) == (1, 1, False)
    tables = _tables(out)
    assert dict(zip(tables["documents"].doc_id, tables["documents"].status, strict=True)) == {
        "a.txt": "ok",
        "b.txt": "removed",
    }
    assert "b.txt" in set(tables["mentions"].doc_id)
    report = run_batch([src / "a.txt"], out, pipeline=pipeline, prune=True)
    assert (report.removed, report.pruned) == (1, True)
    assert set(_tables(out)["mentions"].doc_id) == {"a.txt"}
    # The file comes back: it is read again and is ok.
    report = run_batch([src], out, pipeline=pipeline)
    assert (report.ok, report.unchanged, report.removed) == (1, 1, 0)


@pytest.mark.slow
def test_cli_run_json_and_log_file(tmp_path: Path) -> None:
    src = _folder(tmp_path / "in", a=GOOD, empty="")
    (src / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    log = tmp_path / "run.log"
    code, stdout, _ = _invoke(
        "run", str(src), "--out", str(tmp_path / "out"), "--json", "--log-file", str(log)
    )
    assert code == 1
    summary = json.loads(stdout)
    assert {k: summary[k] for k in ("documents", "ok", "skipped", "ignored", "removed")} == {
        "documents": 2,
        "ok": 1,
        "skipped": 1,
        "ignored": 1,
        "removed": 0,
    }
    assert summary["failures"] == [{"doc_id": "empty.txt", "reason": "empty file"}]
    logged = log.read_text()
    assert "empty.txt: skipped: empty file" in logged
    assert "2 documents: 1 ok, 0 failed, 1 skipped" in logged


def _slow_run_one(original, seconds: float):
    def run_one(self: Pipeline, document, spacy_doc=None):
        if document.doc_id.startswith("slow"):
            time.sleep(seconds)
        if document.doc_id.startswith("crash"):
            import os

            os._exit(9)
        return original(self, document, spacy_doc)

    return run_one


@pytest.mark.slow
@pytest.mark.parametrize("workers", [1, 2])
def test_runner_deadline_fails_one_document_and_goes_on(
    pipeline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    # Workers are forked, so they run the patched method.
    monkeypatch.setattr(Pipeline, "run_one", _slow_run_one(Pipeline.run_one, 60))
    src = _folder(tmp_path / "in", a=GOOD, slow=GOOD, crash=OTHER, z=OTHER)
    started = time.monotonic()
    report = run_batch([src], tmp_path / "out", pipeline=pipeline, timeout=2, workers=workers)
    assert time.monotonic() - started < 30
    assert dict(report.failures) == {
        "slow.txt": "timeout after 2 s",
        "crash.txt": "worker process died (exit code 9)",
    }
    assert report.ok == 2
    documents = _tables(tmp_path / "out")["documents"].set_index("doc_id")
    assert documents.loc["slow.txt", "status"] == "failed"
    assert documents.loc["slow.txt", "sha256"]


@pytest.mark.slow
def test_runner_stage_exception_fails_that_document_only(
    pipeline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from extract.stages.numbers import NumberStage

    original = NumberStage.__call__

    def boom(self, doc):
        if "Globex" in doc.text:
            raise RuntimeError("a stage bug")
        return original(self, doc)

    monkeypatch.setattr(NumberStage, "__call__", boom)
    src = _folder(tmp_path / "in", a=GOOD, b=OTHER)
    report = run_batch([src], tmp_path / "out", pipeline=pipeline)
    assert report.ok == 1
    ((doc_id, reason),) = report.failures
    assert doc_id == "b.txt"
    assert "RuntimeError: a stage bug" in reason


@pytest.mark.slow
def test_runner_storage_error_mid_run_exits_74_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(self, documents, seen):
        raise duckdb.IOException('Could not write file "x.wal": No space left on device')

    monkeypatch.setattr(Store, "_commit", full_disk)
    src = _folder(tmp_path / "in", a=GOOD)
    code, stdout, stderr = _invoke("run", str(src), "--out", str(tmp_path / "out"))
    assert code == 74
    assert (
        stderr == f"Error: {tmp_path / 'out' / 'extract.duckdb'}: Could not write file "
        '"x.wal": No space left on device\n'
    )
    assert stdout == ""


@pytest.mark.slow
def test_runner_output_identical_whatever_the_workers(
    pipeline, corpus_dir: Path, tmp_path: Path
) -> None:
    run_batch([corpus_dir], tmp_path / "one", pipeline=pipeline, workers=1)
    run_batch([corpus_dir], tmp_path / "two", pipeline=pipeline, workers=2)
    for table in ("documents", "mentions", "entities", "facts"):
        one = (tmp_path / "one" / f"{table}.csv").read_bytes()
        assert one == (tmp_path / "two" / f"{table}.csv").read_bytes(), table
    assert pipeline.process is not None
