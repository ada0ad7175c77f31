"""``extract run -`` (one article on standard input) and ``--files-from LIST``."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from extract.cli import _stdin_suffix, cli

ARTICLE = "Globex said on March 3, 2024 that revenue rose 12% to $5.2 billion in 2023.\n"


@pytest.mark.parametrize(
    ("data", "suffix"),
    [
        (b"%PDF-1.7\n", ".pdf"),
        (b"banner\n%PDF-1.4\n", ".pdf"),
        (b"PK\x03\x04rest", ".docx"),
        (b"{\\rtf1\\ansi x}", ".rtf"),
        (b"  <!DOCTYPE html><html>", ".html"),
        (ARTICLE.encode(), ".txt"),
    ],
    ids=["pdf", "pdf-banner", "docx", "rtf", "html", "text"],
)
def test_cli_stdin_suffix_from_first_bytes(data: bytes, suffix: str) -> None:
    assert _stdin_suffix(data) == suffix


def test_cli_run_without_inputs_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["run", "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "give at least one INPUT" in result.output


@pytest.mark.slow
def test_cli_run_reads_stdin_and_files_from(tmp_path: Path) -> None:
    listed = tmp_path / "b.txt"
    listed.write_text(ARTICLE.replace("Globex", "Initech"), encoding="utf-8")
    (tmp_path / "list.txt").write_text(f"# inputs\n{listed}\n\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli,
        ["run", "-", "--files-from", str(tmp_path / "list.txt"), "--out", str(out)],
        input=ARTICLE.encode(),
    )
    assert result.exit_code == 0, result.output
    documents = pd.read_csv(out / "documents.csv")
    assert sorted(documents["doc_id"]) == ["b.txt", "stdin.txt"]
    mentions = pd.read_csv(out / "mentions.csv")
    assert set(mentions.loc[mentions["kind"] == "money", "doc_id"]) == {"b.txt", "stdin.txt"}
