"""The command line and the batch run: exit codes, errors, tables, incremental runs."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from click.testing import CliRunner

from extract.cli import cli
from extract.runner import run_batch
from extract.tables import SCHEMAS


@pytest.mark.parametrize("command", ["run", "watch", "eval"])
def test_cli_every_command_has_help_with_example(command: str) -> None:
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["run", "x", "--reference-date", "19.11.2025"], "not a date in YYYY-MM-DD form"),
        (["run"], "Missing argument"),
        (["eval"], "give OUTPUT_DIR and GOLD_DIR"),
    ],
    ids=["bad-date", "no-input", "eval-no-args"],
)
def test_cli_usage_errors_exit_2(args: list[str], message: str) -> None:
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert message in result.output


def test_cli_bad_config_exit_2(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text("[money]\ndefault_dollar = 5\n")
    result = CliRunner().invoke(cli, ["run", str(tmp_path), "--config", str(config)])
    assert result.exit_code == 2
    assert "c.toml" in result.output
    assert "default_dollar" in result.output


def test_cli_eval_missing_output_exit_2(tmp_path: Path, data_dir: Path) -> None:
    result = CliRunner().invoke(cli, ["eval", str(tmp_path), str(data_dir / "gold")])
    assert result.exit_code == 2
    assert "documents.csv" in result.output or "mentions.csv" in result.output


@pytest.mark.slow
def test_cli_run_missing_input_exit_66(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["run", str(tmp_path / "nope"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 66
    assert "no such file or folder" in result.output


@pytest.mark.slow
def test_cli_run_bad_inputs_go_on_and_exit_1(bad_input_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["run", str(bad_input_dir), "--out", str(out)])
    assert result.exit_code == 1, result.output
    assert "5 documents: 2 ok, 1 failed, 2 skipped, 0 unchanged, 0 removed" in result.output
    docs = pd.read_csv(out / "documents.csv", dtype=str, keep_default_na=False).set_index("doc_id")
    assert docs.loc["good.txt", "status"] == "ok"
    assert docs.loc["latin1.txt", "status"] == "ok"
    assert docs.loc["latin1.txt", "encoding"] not in ("utf-8", "")
    assert (docs.loc["empty.txt", "status"], docs.loc["empty.txt", "error"]) == (
        "skipped",
        "empty file",
    )
    assert docs.loc["binary.txt", "status"] == "skipped"
    assert docs.loc["broken.pdf", "status"] == "failed"
    assert "PDF" in docs.loc["broken.pdf", "error"]
    mentions = pd.read_csv(out / "mentions.csv", dtype=str, keep_default_na=False)
    assert set(mentions["doc_id"]) == {"good.txt", "latin1.txt"}


@pytest.mark.slow
def test_runner_corpus_tables_offsets_and_incremental(
    pipeline, corpus_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    report = run_batch([corpus_dir], out, pipeline=pipeline)
    assert (report.ok, report.failed) == (2, 0)
    assert report.mentions > 100
    for table, schema in SCHEMAS.items():
        df = pd.read_csv(out / f"{table}.csv", dtype=str, keep_default_na=False)
        assert list(df.columns) == list(schema)
    with duckdb.connect(str(out / "extract.duckdb"), read_only=True) as con:
        names = {row[0] for row in con.execute("SHOW TABLES").fetchall()}
        assert set(SCHEMAS) <= names
    mentions = pd.read_csv(out / "mentions.csv", dtype=str, keep_default_na=False)
    for doc_id, rows in mentions.groupby("doc_id"):
        text = (corpus_dir / doc_id).read_text(encoding="utf-8")
        for row in rows.itertuples():
            assert text[int(row.start) : int(row.end)] == row.text
    again = run_batch([corpus_dir], out, pipeline=pipeline)
    assert (again.ok, again.unchanged) == (0, 2)
    full = run_batch([corpus_dir], out, pipeline=pipeline, full=True)
    assert full.ok == 2
    # Another --reference-date may change relative dates: documents are read again.
    dated = run_batch([corpus_dir], out, pipeline=pipeline, reference_date=date(2025, 1, 1))
    assert dated.ok == 2


@pytest.mark.slow
def test_runner_fingerprint_ignores_speed_settings(pipeline) -> None:
    from extract.config import Config
    from extract.pipeline import Pipeline

    sections = {k: dict(v) for k, v in pipeline.config.sections.items()}
    sections["model"]["n_process"] = 2
    sections["model"]["batch_size"] = 16
    faster = Pipeline(Config(sections=sections), nlp=pipeline.nlp)
    assert faster.fingerprint == pipeline.fingerprint
    sections["money"]["default_yen"] = "CNY"
    assert Pipeline(Config(sections=sections), nlp=pipeline.nlp).fingerprint != pipeline.fingerprint
