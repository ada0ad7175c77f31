"""The site written from a store: pages, texts found or not, target folder, command line."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from html import unescape
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from extract.cli import cli
from extract.report import CSP, ReportError, write_report
from extract.report.load import Row, document_text
from extract.report.pages import page_name


def _doc_page(folder: Path, doc_id: str) -> str:
    return (folder / "docs" / page_name(doc_id)).read_text(encoding="utf-8")


def test_report_site_writes_index_documents_charts_and_assets(sample_output) -> None:
    out, inputs = sample_output
    summary = write_report(out, inputs=[inputs])
    folder = out / "report"
    assert summary.folder == folder
    assert (summary.documents, summary.texts_missing) == (4, 0)
    assert summary.charts == 1
    for name in ("index.html", "charts.html", "assets/report.css", "assets/report.js"):
        assert (folder / name).is_file(), name
    assert len(list((folder / "docs").glob("*.html"))) == 4
    assert len(list((folder / "subjects").glob("*.html"))) == 1
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert "not a PDF: no trailer" in index
    assert "empty file" in index
    assert index.count('<tr data-status="') == 4


def test_report_site_document_page_highlights_and_links_facts(sample_output) -> None:
    out, inputs = sample_output
    write_report(out, inputs=[inputs])
    page = _doc_page(out / "report", "acme-q3.txt")
    kinds = re.findall(r'<mark id="m-m\d" class="k-(\w+)"', page)
    assert sorted(kinds) == sorted(["org", "percent", "money", "date", "person", "money", "date"])
    assert 'data-tip="money: 5,200,000,000 USD · m3"' in page
    assert 'data-tip="money: ≈ 5,600,000,000 USD · m6"' in page
    assert 'data-tip="date: 2025-Q3 (2025-07-01 to 2025-09-30) · m4"' in page
    assert 'data-tip="org: Acme Widgets · m1"' in page
    link = re.search(
        r'<a class="ev-link" href="#ev-(e\d)" data-ev="\1" data-m="([^"]*)">f1</a>', page
    )
    assert link is not None
    assert link.group(2) == "m-m3 m-m2"
    assert f'id="ev-{link.group(1)}"' in page
    assert "+12 percent yoy" in page
    assert '<svg class="chart"' in page


def test_report_site_every_page_carries_the_csp_and_no_inline_script(sample_output) -> None:
    out, inputs = sample_output
    write_report(out, inputs=[inputs])
    pages = list((out / "report").rglob("*.html"))
    assert len(pages) == 7
    for page in pages:
        html = page.read_text(encoding="utf-8")
        policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html)
        assert policy is not None
        assert unescape(policy[1]) == CSP
        assert re.findall(r"<script[^>]*>", html) == [
            re.search(r'<script src="[^"]+" defer>', html)[0]
        ]
        assert " style=" not in html
        assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
        assert "https://" not in html


def test_report_site_missing_text_file_is_said_on_the_page(sample_output, tmp_path) -> None:
    out, inputs = sample_output
    (inputs / "acme-q3.txt").unlink()
    summary = write_report(out, inputs=[inputs])
    assert summary.texts_missing == 1
    page = _doc_page(out / "report", "acme-q3.txt")
    assert "Text not shown: file not found" in page
    assert "acme-q3.txt" in page
    assert "<mark" not in page
    assert "f1" in page


def test_report_site_changed_text_file_is_not_highlighted(sample_output) -> None:
    out, inputs = sample_output
    (inputs / "acme-q3.txt").write_text("Something else entirely.\n", encoding="utf-8")
    write_report(out, inputs=[inputs])
    page = _doc_page(out / "report", "acme-q3.txt")
    assert "changed since the run" in page
    assert "<mark" not in page


@pytest.mark.parametrize(
    ("row", "expected_text", "note"),
    [
        ({"reader": "html", "text": "Stored text.", "status": "ok"}, "Stored text.", ""),
        ({"reader": "pdf", "text": "", "status": "ok"}, None, "the store holds no text"),
        ({"reader": "txt", "status": "failed"}, None, ""),
    ],
    ids=["html-stored", "pdf-without-text", "failed"],
)
def test_report_site_document_text_sources(row, expected_text, note) -> None:
    full = dict.fromkeys(("doc_id", "source", "sha256", "encoding", "text"), "")
    full.update(row)
    text = document_text(Row(full), [])
    assert text.text == expected_text
    assert note in text.note


def test_report_site_reads_text_in_its_recorded_encoding(tmp_path: Path) -> None:
    data = "Zürich revenue rose 4%.".encode("cp1252")
    (tmp_path / "z.txt").write_bytes(data)
    row = Row(
        {
            "doc_id": "z.txt",
            "source": "z.txt",
            "status": "ok",
            "reader": "txt",
            "encoding": "cp1252",
            "sha256": hashlib.sha256(data).hexdigest(),
            "text": "",
        }
    )
    assert document_text(row, [tmp_path]).text == "Zürich revenue rose 4%."


def test_report_site_store_opened_read_only(sample_output) -> None:
    out, inputs = sample_output
    before = (out / "extract.duckdb").stat().st_mtime_ns
    write_report(out, inputs=[inputs])
    assert (out / "extract.duckdb").stat().st_mtime_ns == before


def test_report_site_rewrites_an_earlier_report_and_drops_stale_pages(sample_output) -> None:
    out, inputs = sample_output
    write_report(out, inputs=[inputs])
    stale = out / "report" / "docs" / "gone.html"
    stale.write_text("old", encoding="utf-8")
    write_report(out, inputs=[inputs])
    assert not stale.exists()
    assert (out / "report" / "index.html").is_file()


def test_report_site_refuses_a_folder_that_is_not_a_report(sample_output, tmp_path) -> None:
    out, inputs = sample_output
    target = tmp_path / "mine"
    target.mkdir()
    (target / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(ReportError, match="not empty and holds no earlier report"):
        write_report(out, to=target, inputs=[inputs])
    assert (target / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_report_site_missing_store_is_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match=r"extract\.duckdb: no such file"):
        write_report(tmp_path)


def test_report_site_store_lacking_columns_still_reports(tmp_path: Path) -> None:
    con = duckdb.connect(str(tmp_path / "extract.duckdb"))
    con.execute("CREATE TABLE documents (doc_id VARCHAR, status VARCHAR, error VARCHAR)")
    con.execute("INSERT INTO documents VALUES ('a.txt', 'failed', 'cannot read file')")
    for table in ("mentions", "facts", "entities"):
        con.execute(f"CREATE TABLE {table} (doc_id VARCHAR)")
    con.close()
    summary = write_report(tmp_path)
    assert summary.documents == 1
    assert "cannot read file" in (tmp_path / "report" / "index.html").read_text(encoding="utf-8")


def test_report_cli_writes_the_site(sample_output, tmp_path) -> None:
    out, inputs = sample_output
    target = tmp_path / "site"
    result = CliRunner().invoke(
        cli, ["report", str(out), "--to", str(target), "--input", str(inputs)]
    )
    assert result.exit_code == 0, result.output
    assert result.output.startswith("report: 4 documents, 1 charts; ")
    assert str(target / "index.html") in result.output
    assert (target / "index.html").is_file()


def test_report_cli_help_has_an_example() -> None:
    result = CliRunner().invoke(cli, ["report", "--help"])
    assert result.exit_code == 0
    assert "Example: extract report" in result.output


def test_report_cli_missing_store_exits_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["report", str(tmp_path)])
    assert result.exit_code == 2
    assert "extract.duckdb: no such file" in result.output


@pytest.mark.slow
def test_report_cli_run_with_report_flag(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "acme.txt").write_text(
        "Acme Widgets said on March 3, 2025 that revenue rose 12% to $5.2 billion in 2024.\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["run", str(inputs), "--out", str(out), "--report"])
    assert result.exit_code == 0, result.output
    assert "report: 1 documents" in result.output
    page = _doc_page(out / "report", "acme.txt")
    assert 'class="k-money"' in page
    assert 'class="k-percent"' in page


def test_report_site_unchanged_store_leaves_pages_untouched(sample_output) -> None:
    out, inputs = sample_output
    folder = write_report(out, inputs=[inputs]).folder
    page = folder / "docs" / page_name("acme-q3.txt")
    before = page.stat().st_mtime_ns
    write_report(out, inputs=[inputs])
    assert page.stat().st_mtime_ns == before
    (inputs / "acme-q3.txt").unlink()
    write_report(out, inputs=[inputs])
    assert page.stat().st_mtime_ns != before
    assert "file not found" in page.read_text(encoding="utf-8")


def test_report_site_unwritable_page_is_a_one_line_error(sample_output) -> None:
    out, inputs = sample_output
    folder = write_report(out, inputs=[inputs]).folder
    index = folder / "index.html"
    index.unlink()
    index.mkdir()
    with pytest.raises(ReportError, match=r"index\.html: cannot write"):
        write_report(out, inputs=[inputs])


def test_report_site_store_locked_by_a_run_is_a_one_line_error(sample_output) -> None:
    out, inputs = sample_output
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time\n"
            f"con = duckdb.connect({str(out / 'extract.duckdb')!r})\n"
            "print('open', flush=True)\n"
            "sys.stdin.read()\n",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(ReportError, match="cannot open the store read-only") as info:
            write_report(out, inputs=[inputs])
        assert "\n" not in str(info.value)
    finally:
        holder.communicate("", timeout=30)
