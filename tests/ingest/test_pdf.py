"""The PDF reader on PDFs written with fpdf2: layouts, running lines, tables, odd files."""

from __future__ import annotations

import io
import time
import zlib
from pathlib import Path

import pytest

from extract.errors import IngestError
from extract.ingest.files import InputFile, read_document
from extract.ingest.pdf import _check_inflated_size, read_pdf
from extract.ingest.pdf.layout import Line
from extract.ingest.pdf.ocr import ocr_available
from extract.ingest.pdf.text import build_text

PARAGRAPHS = [
    f"Paragraph {i}: Globex said revenue in region {i} rose {i}% to ${i}.2 billion in the "
    "quarter, and the company expects further growth next year as demand keeps building."
    for i in range(1, 31)
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
HEADLINE = "Globex Reports Third Quarter Results"


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


@pytest.mark.parametrize("columns", [1, 2, 3])
def test_pdf_columns_read_in_order_with_headline_and_table(pdf_builder, columns: int) -> None:
    data = pdf_builder(
        PARAGRAPHS,
        columns=columns,
        headline=HEADLINE,
        header="Globex Corporation - Press Release",
        footer=True,
        table=TABLE,
    )
    raw = read_pdf(data, Path("a.pdf"))
    paragraphs = _paragraphs(raw.text)
    assert paragraphs[0] == HEADLINE
    assert paragraphs[1 : 1 + len(PARAGRAPHS)] == PARAGRAPHS
    assert paragraphs[-1] == PIPE
    assert "Press Release" not in raw.text
    assert "Page " not in raw.text
    assert raw.pages[0] == 0
    assert list(raw.pages) == sorted(raw.pages)


def test_pdf_page_starts_point_into_the_text(pdf_builder) -> None:
    raw = read_pdf(pdf_builder(PARAGRAPHS * 2, footer=True), Path("a.pdf"))
    assert len(raw.pages) >= 2
    for start in raw.pages[1:]:
        assert 0 < start < len(raw.text)
        assert not raw.text[start].isspace()


def test_pdf_rotated_text_turned_upright(pdf_builder) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    with pdf.rotation(90, 100, 150):
        pdf.text(100, 150, "Revenue rose 12% to $5.2 billion in 2023.")
        pdf.text(100, 164, "Net income was $1.1 billion.")
    raw = read_pdf(bytes(pdf.output()), Path("r.pdf"))
    assert _paragraphs(raw.text) == [
        "Revenue rose 12% to $5.2 billion in 2023.",
        "Net income was $1.1 billion.",
    ]


def _line(text: str, top: float, *, flow: int = 0, x1: float = 500.0) -> Line:
    return Line(text, 72.0, x1, top, top + 10.0, 10.0, flow)


@pytest.mark.parametrize(
    ("lines", "text"),
    [
        (
            [_line("The company reported higher reve-", 100), _line("nue in the quarter.", 112)],
            "The company reported higher revenue in the quarter.",
        ),
        (
            [_line("Sales grew on a year-on-", 100), _line("year basis in May.", 112)],
            "Sales grew on a year-on-year basis in May.",
        ),
        (
            [
                _line("Its long-term plan and the long-", 100),
                _line("term debt were discussed.", 112),
            ],
            "Its long-term plan and the long-term debt were discussed.",
        ),
        (
            [_line("First paragraph ends here.", 100, x1=200), _line("Second one.", 112)],
            "First paragraph ends here.\n\nSecond one.",
        ),
        (
            [_line("A paragraph that goes on", 100), _line("into the next column.", 100, flow=1)],
            "A paragraph that goes on into the next column.",
        ),
        (
            [_line("Above a gap.", 100), _line("Below a gap.", 130)],
            "Above a gap.\n\nBelow a gap.",
        ),
    ],
    ids=["hyphenation", "compound", "known-pair", "short-line", "next-column", "gap"],
)
def test_pdf_text_paragraphs_and_hyphens(lines: list[Line], text: str) -> None:
    assert build_text([lines])[0] == text + "\n"


def _scan() -> bytes:
    from fpdf import FPDF
    from PIL import Image

    image = io.BytesIO()
    Image.new("RGB", (60, 30), "white").save(image, "PNG")
    pdf = FPDF()
    pdf.add_page()
    pdf.image(image, x=10, y=10, w=60)
    return bytes(pdf.output())


def _encrypted() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.text(20, 20, "Revenue rose 5%.")
    pdf.set_encryption(owner_password="owner", user_password="user")
    return bytes(pdf.output())


ZERO_PAGES = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
)


@pytest.mark.parametrize(
    ("make", "status", "reason"),
    [
        (lambda: ZERO_PAGES, "skipped", "PDF has no pages"),
        (_encrypted, "failed", "encrypted PDF: a password is needed"),
        (_scan, "skipped", "no text layer (needs OCR)"),
        (lambda: b" " * 2000 + b"%PDF-1.4\n", "failed", "no %PDF- header in the first 1,024"),
        (lambda: b"%PDF-1.7\n" + bytes(range(256)) * 8, "failed", "PDF"),
    ],
    ids=["zero-pages", "encrypted", "image-only", "header-too-late", "garbage"],
)
def test_pdf_odd_files_say_why_and_never_hang(
    tmp_path: Path, make, status: str, reason: str
) -> None:
    path = tmp_path / "odd.pdf"
    path.write_bytes(make())
    started = time.perf_counter()
    doc = read_document(InputFile(path, path.name))
    assert time.perf_counter() - started < 10
    assert (doc.status, reason in doc.error) == (status, True), doc.error
    assert "\n" not in doc.error


def test_pdf_header_after_a_banner_is_read(pdf_builder) -> None:
    data = b"HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\n\r\n" + pdf_builder(PARAGRAPHS[:2])
    assert _paragraphs(read_pdf(data, Path("b.pdf")).text) == PARAGRAPHS[:2]


def test_pdf_inflated_size_is_capped() -> None:
    bomb = b"%PDF-1.4\n1 0 obj << /Length 0 >>\nstream\n" + zlib.compress(bytes(4_000_000), 9)
    _check_inflated_size(bomb, limit=5_000_000)
    with pytest.raises(IngestError, match="inflate to more than"):
        _check_inflated_size(bomb, limit=3_000_000)


@pytest.mark.slow
def test_pdf_mentions_carry_their_page(tmp_path: Path, pdf_builder, pipeline) -> None:
    path = tmp_path / "a.pdf"
    path.write_bytes(pdf_builder(PARAGRAPHS * 2, footer=True))
    result = next(pipeline.process([read_document(InputFile(path, path.name))]))
    doc = result.document
    assert len(doc.pages) >= 2
    pages = {m.page for m in result.mentions}
    assert pages == set(range(1, len(doc.pages) + 1))
    for m in result.mentions:
        assert doc.pages[m.page - 1] <= m.start
        assert m.page == len(doc.pages) or m.start < doc.pages[m.page]


def test_pdf_word_gaps_and_doubled_characters(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF(unit="pt")
    pdf.add_page()
    pdf.set_font("Helvetica", size=8)
    x = 72.0
    for word in ["DISTRICT", "DIRECTOR", "said", "revenue", "rose", "5%"]:  # no space characters
        pdf.text(x, 100, word)
        x += pdf.get_string_width(word) + 1.8
    for dx in (0.0, 0.2):  # the same line drawn twice for a bold effect
        pdf.text(72 + dx, 130, "Circulation rose 4% to 1.2 million copies.")
    assert _paragraphs(read_pdf(bytes(pdf.output()), Path("w.pdf")).text) == [
        "DISTRICT DIRECTOR said revenue rose 5%",
        "Circulation rose 4% to 1.2 million copies.",
    ]


def test_pdf_seven_narrow_columns(pdf_builder) -> None:
    paragraphs = [
        f"Item {i}: sales in market {i} grew {i}% over the year, the company said in its "
        "annual report."
        for i in range(1, 22)
    ]
    raw = read_pdf(pdf_builder(paragraphs, columns=7, size=7), Path("c.pdf"))
    assert _paragraphs(raw.text) == paragraphs


def test_pdf_table_header_over_two_lines_stays_one_cell(pdf_builder) -> None:
    table = [["Metric", "Q3\n2025", "Q3\n2024"], ["Revenue", "$5.2 billion", "$4.6 billion"]]
    raw = read_pdf(pdf_builder(["Results"], table=table), Path("t.pdf"))
    assert _paragraphs(raw.text)[-1] == (
        "| Metric | Q3 2025 | Q3 2024 |\n| Revenue | $5.2 billion | $4.6 billion |"
    )


def test_pdf_table_without_rules_read_row_by_row() -> None:
    from fpdf import FPDF

    pdf = FPDF(unit="pt")
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    rows = [
        ("Metric", "Q3 2025", "Change"),
        ("Revenue", "$5.2 billion", "13%"),
        ("Operating income", "$1.1 billion", "26%"),
        ("Net income", "$640 million", "25%"),
    ]
    for i, cells in enumerate(rows):
        for x, cell in zip((72, 250, 400), cells, strict=True):
            pdf.text(x, 100 + 14 * i, cell)
    lines = read_pdf(bytes(pdf.output()), Path("t.pdf")).text.split("\n\n")
    assert [line.strip() for line in lines] == [" ".join(cells) for cells in rows]


def test_pdf_inflated_size_counts_no_image_streams() -> None:
    image = b"5 0 obj << /Type /XObject /Subtype /Image /Length 0 >>\nstream\n"
    bomb = b"%PDF-1.4\n" + image + zlib.compress(bytes(4_000_000), 9)
    _check_inflated_size(bomb, limit=3_000_000)


def test_pdf_bomb_document_fails_with_reason(tmp_path: Path, monkeypatch) -> None:
    import extract.ingest.pdf as pdf_reader

    monkeypatch.setattr(pdf_reader._check_inflated_size, "__defaults__", (1_000_000,))
    path = tmp_path / "bomb.pdf"
    stream = zlib.compress(bytes(3_000_000), 9)
    path.write_bytes(
        b"%PDF-1.4\n1 0 obj << /Length "
        + str(len(stream)).encode()
        + b" /Filter /FlateDecode >>\nstream\n"
        + stream
        + b"\nendstream\nendobj\n"
    )
    doc = read_document(InputFile(path, path.name))
    assert (doc.status, doc.error) == (
        "failed",
        "PDF streams inflate to more than 1,000,000 bytes (the limit)",
    )


@pytest.mark.parametrize("angle", [90, -90])
def test_pdf_rotated_table_keeps_its_rows(angle: int) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    with pdf.rotation(angle, 105, 148):
        pdf.set_xy(60, 120 if angle > 0 else 60)
        with pdf.table(width=100, text_align="LEFT") as grid:
            for values in TABLE:
                row = grid.row()
                for value in values:
                    row.cell(value)
    assert read_pdf(bytes(pdf.output()), Path("r.pdf")).text == PIPE + "\n"


def test_pdf_text_linear_in_one_long_paragraph() -> None:
    def seconds(n: int) -> float:
        lines = [
            Line("words of a line that " * 3 + "conti-", 72, 500, 100 + 12 * i, 110 + 12 * i, 10, 0)
            for i in range(n)
        ]
        best = float("inf")
        for _ in range(3):  # the best of three runs, so a busy machine does not decide
            started = time.perf_counter()
            build_text([lines])
            best = min(best, time.perf_counter() - started)
        return best

    small, large = seconds(1_000), seconds(10_000)
    assert large < max(0.25, 25 * small)  # ten times the input


def test_pdf_rotated_two_columns_read_in_order() -> None:
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    left = ["Globex said revenue", "rose 13% to $5.2", "billion in the quarter."]
    right = ["Shares of Globex", "rose 4% in late", "trading on Thursday."]
    with pdf.rotation(90, 300, 420):  # the page read turned a quarter, wider than high
        for column, lines in ((0, left), (1, right)):
            for i, line in enumerate(lines):
                pdf.text(40 + column * 500, 300 + 14 * i, line)
    assert _paragraphs(read_pdf(bytes(pdf.output()), Path("r.pdf")).text) == [
        " ".join(left),
        " ".join(right),
    ]


def _scan_of(lines: list[str]) -> bytes:
    """A PDF whose one page is a picture of ``lines`` (no text layer)."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (1700, 160 * len(lines) + 80), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=48)
    for i, line in enumerate(lines):
        draw.text((40, 60 + 160 * i), line, fill="black", font=font)
    png = io.BytesIO()
    image.save(png, "PNG")
    pdf = FPDF()
    pdf.add_page()
    pdf.image(png, x=10, y=10, w=190)
    return bytes(pdf.output())


@pytest.mark.skipif(not ocr_available(), reason="tesseract is not installed")
def test_pdf_ocr_reads_a_scan_when_asked(tmp_path: Path) -> None:
    lines = ["Revenue rose 12% to $5.2 billion.", "Net income was $1.1 billion."]
    path = tmp_path / "scan.pdf"
    path.write_bytes(_scan_of(lines))
    assert read_document(InputFile(path, path.name)).error == "PDF has no text layer (needs OCR)"
    doc = read_document(InputFile(path, path.name), ocr=True)
    assert (doc.status, doc.encoding) == ("ok", "pdf+ocr"), doc.error
    assert _paragraphs(doc.text) == lines


def test_pdf_ocr_asked_without_tesseract_says_so(tmp_path: Path, monkeypatch) -> None:
    import extract.ingest.pdf as pdf_reader

    monkeypatch.setattr(pdf_reader, "ocr_available", lambda: False)
    path = tmp_path / "scan.pdf"
    path.write_bytes(_scan())
    doc = read_document(InputFile(path, path.name), ocr=True)
    assert doc.error == "PDF has no text layer (needs OCR; tesseract is not installed)"


@pytest.mark.slow
@pytest.mark.skipif(not ocr_available(), reason="tesseract is not installed")
def test_pdf_ocr_setting_reaches_the_reader(tmp_path: Path) -> None:
    from extract.api import run

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "scan.pdf").write_bytes(_scan_of(["Revenue rose 12% to $5.2 billion."]))
    settings = tmp_path / "ocr.toml"
    settings.write_text("[ingest]\nocr = true\n", encoding="utf-8")
    off = run([folder])
    on = run([folder], config=settings)
    assert list(off.documents["status"]) == ["skipped"]
    assert list(on.documents["encoding"]) == ["pdf+ocr"]
    assert "$5.2 billion" in set(on.mentions["text"])
