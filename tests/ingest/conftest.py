"""Builders of real files for the reader tests: PDFs written with fpdf2, Word files
written with python-docx, HTML pages with navigation, scripts, ads and a table."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

import pytest

# Helvetica in a PDF covers Latin-1 only: other characters are written in ASCII.
_LATIN1 = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2026": "...",
        "\u00a0": " ",
    }
)


def latin1(text: str) -> str:
    """``text`` with the characters Helvetica lacks replaced (quotes, dashes) or dropped."""
    text = text.translate(_LATIN1).replace("\u20ac", "EUR ")
    return text.encode("latin-1", errors="ignore").decode("latin-1")


def build_pdf(
    paragraphs: Sequence[str],
    *,
    columns: int = 1,
    headline: str = "",
    header: str = "",
    footer: bool = False,
    table: Sequence[Sequence[str]] = (),
    size: float = 10,
) -> bytes:
    """A PDF of ``paragraphs`` in one or more columns, with an optional full-width headline,
    a running header, ``Page N`` footers and a ruled table after the text."""
    from fpdf import FPDF

    class Doc(FPDF):
        def header(self) -> None:
            if header:
                self.set_font("Helvetica", size=8)
                self.cell(0, 6, header, new_x="LMARGIN", new_y="NEXT")
                self.ln(2)

        def footer(self) -> None:
            if footer:
                self.set_y(-12)
                self.set_font("Helvetica", size=8)
                self.cell(0, 6, f"Page {self.page_no()}", align="C")

    pdf = Doc(format="A4")
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_page()
    if headline:
        pdf.set_font("Helvetica", style="B", size=16)
        pdf.multi_cell(0, 8, latin1(headline), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    pdf.set_font("Helvetica", size=size)
    if columns == 1:
        for text in paragraphs:
            pdf.multi_cell(0, size * 0.5, latin1(text), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(size * 0.4)
    else:
        with pdf.text_columns(ncols=columns, gutter=8, text_align="LEFT", balance=True) as cols:
            for text in paragraphs:
                with cols.paragraph(bottom_margin=size * 0.4) as par:
                    par.write(latin1(text))
    if table:
        pdf.ln(4)
        with pdf.table(text_align="LEFT") as grid:
            for values in table:
                row = grid.row()
                for value in values:
                    row.cell(latin1(value))
    return bytes(pdf.output())


def build_docx(paragraphs: Sequence[str], table: Sequence[Sequence[str]] = ()) -> bytes:
    """A Word document: the first paragraph as a heading, the rest, then ``table``."""
    import docx

    document = docx.Document()
    document.add_heading(paragraphs[0], level=1)
    for text in paragraphs[1:]:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, values in enumerate(table):
            for c, value in enumerate(values):
                grid.cell(r, c).text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def build_html(
    paragraphs: Sequence[str],
    *,
    published: str = "",
    byline_date: str = "",
    table: Sequence[Sequence[str]] = (),
) -> str:
    """A news page: the headline in <title> and <h1>, navigation, scripts, an ad, a table."""
    from html import escape

    title = escape(paragraphs[0])
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    byline = f'<p class="byline">By Staff Writer | {escape(byline_date)}</p>' if byline_date else ""
    body = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs[1:])
    grid = ""
    if table:
        head = "".join(f"<th>{escape(c)}</th>" for c in table[0])
        rows = "".join(
            "<tr>" + "".join(f"<td>{escape(c)}</td>" for c in r) + "</tr>" for r in table[1:]
        )
        grid = f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    return (
        f"<!DOCTYPE html><html><head><title>{title} | Example News</title>{meta}"
        "<script>var tracker = {revenue: '$999 billion'};</script></head><body>"
        "<nav><a href='/'>Home</a> | <a href='/markets'>Markets</a></nav>"
        "<div class='ad'>Advertisement: save 50% on premium plans today!</div>"
        f"<main><article><h1>{title}</h1>{byline}{body}{grid}</article></main>"
        "<aside class='related'><h3>Related</h3><ul><li><a href='/x'>Rival posts 12% gain</a></li>"
        "</ul></aside><footer>Copyright 2025 Example News. All rights reserved.</footer>"
        "</body></html>"
    )


@pytest.fixture
def pdf_builder() -> Callable[..., bytes]:
    return build_pdf


@pytest.fixture
def docx_builder() -> Callable[..., bytes]:
    return build_docx


@pytest.fixture
def html_builder() -> Callable[..., str]:
    return build_html


@pytest.fixture
def to_latin1() -> Callable[[str], str]:
    return latin1
