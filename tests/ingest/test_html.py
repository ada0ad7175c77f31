"""The HTML reader on pages with navigation, scripts, ads, a byline and a table."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.ingest.files import InputFile, read_document

PARAGRAPHS = [
    "Globex Reports Third Quarter Results",
    "Globex Corporation said on Thursday that revenue rose 13% to $5.2 billion in the "
    "third quarter, helped by demand for its cloud services.",
    "Operating income climbed to $1.1 billion from $870 million a year earlier, the "
    "company said in a statement.",
    "Shares of Globex rose 4% in after-hours trading on the news.",
]
TABLE = [
    ["Metric", "Q3 2025", "Q3 2024"],
    ["Revenue", "$5.2 billion", "$4.6 billion"],
    ["Operating income", "$1.1 billion", "$870 million"],
]
PIPE = (
    "| Metric | Q3 2025 | Q3 2024 |\n"
    "| Revenue | $5.2 billion | $4.6 billion |\n"
    "| Operating income | $1.1 billion | $870 million |"
)


def _read(tmp_path: Path, html: str):
    path = tmp_path / "a.html"
    path.write_text(html, encoding="utf-8")
    return read_document(InputFile(path, path.name))


@pytest.mark.parametrize(
    ("published", "byline", "date"),
    [
        ("2025-10-30T08:00:00Z", "", "2025-10-30"),
        ("", "October 29, 2025", "2025-10-29"),
    ],
    ids=["metadata", "byline"],
)
def test_html_headline_once_date_and_table(
    tmp_path: Path, html_builder, published: str, byline: str, date: str
) -> None:
    doc = _read(
        tmp_path, html_builder(PARAGRAPHS, published=published, byline_date=byline, table=TABLE)
    )
    assert doc.status == "ok", doc.error
    assert doc.text == "\n\n".join([*PARAGRAPHS, PIPE]) + "\n"
    assert doc.text.count(PARAGRAPHS[0]) == 1
    assert doc.published == date
    assert (doc.reference_date.isoformat(), doc.reference_from) == (date, "metadata")


def test_html_navigation_scripts_and_ads_left_out(tmp_path: Path, html_builder) -> None:
    doc = _read(tmp_path, html_builder(PARAGRAPHS, table=TABLE))
    for noise in ("$999 billion", "Advertisement", "50%", "Markets", "Rival posts", "Copyright"):
        assert noise not in doc.text


def test_html_page_without_article_is_skipped(tmp_path: Path) -> None:
    doc = _read(tmp_path, "<html><head><title>x</title></head><body><nav>Home</nav></body></html>")
    assert (doc.status, doc.error) == ("skipped", "no article text found in HTML")
