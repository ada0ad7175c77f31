"""``extract sql`` and the README's examples, run as a user would."""

from __future__ import annotations

import importlib.util
import re
import shlex
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from extract.cli import cli
from extract.sql import QueryError, query

ROOT = Path(__file__).parent.parent


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    """An output folder with a small database (no model needed)."""
    from extract.store import Store

    out = tmp_path / "out"
    with Store(out) as store:
        store.con.execute(
            "INSERT INTO facts (doc_id, fact_id, subject, metric, period, value, unit) VALUES "
            "('a.txt', 'f001', 'Acme', 'revenue', '2025-Q3', 5200000000, 'USD'), "
            "('b.txt', 'f001', 'Globex', 'net_profit', '2025-H1', 310000000, 'EUR')"
        )
    return out


def test_sql_query_returns_a_frame(out_dir: Path) -> None:
    df = query(out_dir, "select subject, value from facts order by subject")
    assert list(df["subject"]) == ["Acme", "Globex"]
    assert list(df["value"]) == [5_200_000_000, 310_000_000]


def test_sql_query_is_read_only(out_dir: Path) -> None:
    with pytest.raises(QueryError, match="query failed"):
        query(out_dir, "delete from facts")
    assert len(query(out_dir, "select * from facts")) == 2


def test_sql_query_prefers_parquet_exports(out_dir: Path) -> None:
    con = duckdb.connect(str(out_dir / "extract.duckdb"))
    for table in ("documents", "mentions", "entities", "facts"):
        con.execute(f"COPY (SELECT * FROM {table} LIMIT 1) TO '{out_dir / table}.parquet'")
    con.close()
    # While a writer holds the database, a query over the exports still answers.
    writer = duckdb.connect(str(out_dir / "extract.duckdb"))
    try:
        assert len(query(out_dir, "select * from facts")) == 1
    finally:
        writer.close()


def test_sql_query_on_a_folder_without_output(tmp_path: Path) -> None:
    with pytest.raises(QueryError, match="no extract output here"):
        query(tmp_path, "select 1")


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("csv", "subject,value\nAcme,5200000000.0\nGlobex,310000000.0\n"),
        ("json", '{"subject":"Acme","value":5200000000.0}\n'
                 '{"subject":"Globex","value":310000000.0}\n'),
        ("table", "subject      value\n   Acme 5200000000\n Globex  310000000\n"),
    ],
)  # fmt: skip
def test_sql_cli_formats(out_dir: Path, fmt: str, expected: str) -> None:
    result = CliRunner().invoke(
        cli, ["sql", str(out_dir), "select subject, value from facts order by 1", "--format", fmt]
    )
    assert result.exit_code == 0, result.output
    assert result.output == expected


def test_sql_cli_bad_query_is_a_one_line_error(out_dir: Path) -> None:
    result = CliRunner().invoke(cli, ["sql", str(out_dir), "select nope from facts"])
    assert result.exit_code == 2
    assert result.output.startswith("Error: query failed: ")
    assert result.output.count("\n") == 1


def _readme_blocks(language: str) -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(rf"```{language}\n(.*?)```", text, flags=re.S)


def test_sql_readme_has_sql_examples() -> None:
    commands = [line for block in _readme_blocks("sh") for line in block.splitlines()
                if line.startswith("extract sql ")]  # fmt: skip
    assert commands


@pytest.mark.slow
def test_sql_readme_examples_run(pipeline, corpus_dir: Path, tmp_path: Path, monkeypatch) -> None:
    """Every ``extract sql`` line and every Python block of the README runs as written."""
    import extract

    monkeypatch.chdir(tmp_path)
    (tmp_path / "corpus").symlink_to(corpus_dir)
    extract.run(["corpus/"], out="outputs/", pipeline=pipeline)
    monkeypatch.setattr("extract.api._shared", lambda config: pipeline)
    ran = 0
    for block in _readme_blocks("python"):
        # Examples for schedulers (Airflow, Dagster) need packages the project does not use.
        imported = re.findall(r"^(?:from|import) (\w+)", block, flags=re.M)
        if not all(importlib.util.find_spec(name) for name in imported):
            continue
        exec(compile(block, "README.md", "exec"), {})
        ran += 1
    assert ran
    for block in _readme_blocks("sh"):
        for line in block.splitlines():
            if line.startswith("extract sql "):
                args = shlex.split(line.split("  #")[0])[1:]
                result = CliRunner().invoke(cli, args)
                assert result.exit_code == 0, (line, result.output)
                assert result.output.strip(), line
