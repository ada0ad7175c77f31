"""The .docx, .md and .rtf readers on files the tests build, and the suffix table."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from extract.ingest.files import READERS, InputFile, discover, read_document
from extract.ingest.md import INLINE_RULES, markdown_to_text, strip_inline
from extract.ingest.tables import pipe_row, pipe_table

TABLE = [
    ["Metric", "Q3 2025", "Q3 2024"],
    ["Revenue", "$5.2 billion", "$4.6 billion"],
    ["Operating margin", "21.4%", "19.8%"],
]
PIPE = (
    "| Metric | Q3 2025 | Q3 2024 |\n"
    "| Revenue | $5.2 billion | $4.6 billion |\n"
    "| Operating margin | 21.4% | 19.8% |"
)


def _read(path: Path):
    return read_document(InputFile(path, path.name))


def make_docx(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    """A Word document with ``paragraphs``, then ``table`` (first row the header), built here."""
    import docx

    document = docx.Document()
    document.core_properties.title = paragraphs[0]
    document.add_heading(paragraphs[0], level=1)
    for text in paragraphs[1:]:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
        document.add_paragraph("Globex will report again in January.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("cells", "line"),
    [
        (["Metric", " Q3\n2025 ", None], "| Metric | Q3 2025 |  |"),
        (["a|b"], "| a/b |"),
    ],
    ids=["trim-and-join", "pipe-in-cell"],
)
def test_tables_pipe_row(cells: list[object], line: str) -> None:
    assert pipe_row(cells) == line


def test_tables_pipe_table_drops_empty_rows() -> None:
    assert pipe_table([TABLE[0], ["", None, " "], *TABLE[1:]]) == PIPE


def test_docx_reader_paragraphs_and_table_in_order(tmp_path: Path) -> None:
    path = tmp_path / "a.docx"
    path.write_bytes(
        make_docx(["Globex reports third quarter", "Revenue rose 13% to $5.2 billion."], TABLE)
    )
    doc = _read(path)
    assert doc.status == "ok", doc.error
    assert doc.reader == "docx"
    assert doc.title == "Globex reports third quarter"
    assert doc.text == (
        "Globex reports third quarter\n\nRevenue rose 13% to $5.2 billion.\n\n"
        + PIPE
        + "\n\nGlobex will report again in January.\n"
    )


def test_docx_reader_merged_cell_written_once(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    grid = document.add_table(rows=2, cols=3)
    grid.cell(0, 0).merge(grid.cell(0, 1)).text = "Revenue by quarter"
    grid.cell(0, 2).text = "Change"
    for c, value in enumerate(["$5.2 billion", "$4.6 billion", "13%"]):
        grid.cell(1, c).text = value
    out = io.BytesIO()
    document.save(out)
    path = tmp_path / "m.docx"
    path.write_bytes(out.getvalue())
    assert _read(path).text == (
        "| Revenue by quarter | Change |\n| $5.2 billion | $4.6 billion | 13% |\n"
    )


@pytest.mark.parametrize(
    ("name", "data", "status", "reason"),
    [
        ("fake.docx", b"plain text, not a package", "failed", "not a Word .docx"),
        ("zip.docx", b"PK\x03\x04broken", "failed", "broken .docx"),
        ("fake.rtf", b"plain text", "failed", "not an RTF file"),
        ("empty.rtf", b"{\\rtf1\\ansi }", "skipped", "no text in RTF"),
        ("empty.md", b"---\n\n***\n", "skipped", "empty file"),
    ],
    ids=["docx-not-zip", "docx-broken", "rtf-not-rtf", "rtf-empty", "md-empty"],
)
def test_readers_bad_files_say_why(
    tmp_path: Path, name: str, data: bytes, status: str, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    doc = _read(path)
    assert (doc.status, reason in doc.error) == (status, True), doc.error


RTF = (
    r"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0 Helvetica;}}"
    r"{\info{\title Ignored info}}"
    r"\pard\b Globex reports\b0\par"
    r"\pard Revenue rose 13% to \'80 4.8 billion in Z\'fcrich.\par"
    r"\trowd\cellx2000\cellx4000\cellx6000"
    r"\intbl Metric\cell Q3 2025\cell Q3 2024\cell\row"
    r"\trowd\cellx2000\cellx4000\cellx6000"
    r"\intbl Revenue\cell $5.2 billion\cell $4.6 billion\cell\row"
    r"\pard Shares rose 2%.\par}"
)


def test_rtf_reader_control_words_removed_table_kept(tmp_path: Path) -> None:
    path = tmp_path / "a.rtf"
    path.write_bytes(RTF.encode("ascii"))
    doc = _read(path)
    assert doc.status == "ok", doc.error
    assert doc.reader == "rtf"
    assert doc.text == (
        "Globex reports\nRevenue rose 13% to \u20ac 4.8 billion in Z\u00fcrich.\n"
        "| Metric | Q3 2025 | Q3 2024 |\n| Revenue | $5.2 billion | $4.6 billion |\n"
        "Shares rose 2%.\n"
    )


@pytest.mark.parametrize(
    ("name", "example"), [(row[0], row[3]) for row in INLINE_RULES], ids=lambda v: str(v)
)
def test_md_inline_rule_examples(name: str, example: tuple[str, str]) -> None:
    assert strip_inline(example[0]) == example[1]


def test_md_structure_stripped_tables_kept(tmp_path: Path) -> None:
    source = (
        "---\ntitle: Globex results\ndate: 2025-10-30\n---\n"
        "# Globex *reports* results\n\nGlobex said revenue rose\n12% to $5.2 billion.\n\n"
        "- Margins **widened** to 30%.\n- See [the filing](https://x.test/f).\n\n"
        "| Metric | Q3 2025 |\n|---|---:|\n| Revenue | **$5.2 billion** |\n\n> Quoted line.\n"
    )
    text, fields = markdown_to_text(source)
    assert text == (
        "Globex reports results\n\nGlobex said revenue rose 12% to $5.2 billion.\n\n"
        "Margins widened to 30%.\n\nSee the filing.\n\n"
        "| Metric | Q3 2025 |\n|---|---:|\n| Revenue | $5.2 billion |\n\nQuoted line."
    )
    assert fields == {"title": "Globex results", "date": "2025-10-30"}
    path = tmp_path / "a.md"
    path.write_text(source, encoding="utf-8")
    doc = _read(path)
    assert (doc.reader, doc.title, doc.published) == ("md", "Globex results", "2025-10-30")


@pytest.mark.parametrize("suffix", [".docx", ".md", ".markdown", ".rtf", ".pdf", ".htm"])
def test_files_same_reader_named_or_found(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"a{suffix}"
    path.write_bytes(b"x")
    (found,) = discover([tmp_path])
    (named,) = discover([path])
    assert _read(found.path).reader == _read(named.path).reader == READERS[suffix][0]


@pytest.mark.parametrize(
    "make",
    [
        lambda n: "**a " * n,
        lambda n: "[x](" * n,
        lambda n: "_a " * n,
        lambda n: "| 5% " * n,
        lambda n: "`a " * n,
    ],
    ids=["strong", "link", "emphasis", "pipes", "code"],
)
def test_md_linear_on_unclosed_markup(make) -> None:
    import time

    def seconds(n: int) -> float:
        best = float("inf")
        for _ in range(3):  # the best of three runs, so a busy machine does not decide
            started = time.perf_counter()
            markdown_to_text(make(n))
            best = min(best, time.perf_counter() - started)
        return best

    small, large = seconds(2_000), seconds(20_000)
    assert large < max(0.25, 25 * small)  # ten times the input


def test_rtf_escaped_braces_and_links(tmp_path: Path) -> None:
    path = tmp_path / "b.rtf"
    path.write_bytes(
        rb"{\rtf1\ansi Set \{A\} and C:\\dir. See "
        rb'{\field{\*\fldinst{HYPERLINK "https://x.test/f"}}{\fldrslt the filing}}.\par}'
    )
    assert _read(path).text == "Set {A} and C:\\dir. See the filing.\n"


def test_rtf_linear_on_many_fields() -> None:
    import time

    from extract.ingest.rtf import read_rtf

    field = rb"{\field{\*\fldinst{PAGE}}{\fldrslt 1}} "

    def seconds(n: int) -> float:
        data = rb"{\rtf1\ansi " + field * n + b"}"
        best = float("inf")
        for _ in range(3):  # the best of three runs, so a busy machine does not decide
            started = time.perf_counter()
            read_rtf(data, Path("x.rtf"))
            best = min(best, time.perf_counter() - started)
        return best

    small, large = seconds(500), seconds(5_000)
    assert large < max(0.25, 25 * small)  # ten times the input
