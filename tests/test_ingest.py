"""Ingestion: decoding, bad input, discovery, sidecar metadata, reference dates."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from extract.errors import IngestError
from extract.ingest.decode import decode_bytes, looks_binary
from extract.ingest.files import InputFile, discover, guess_title, read_document

GOOD = "Acme Corp reported revenue of $5 million on March 3, 2024.\n"


def _doc(path: Path, **kwargs):
    return read_document(InputFile(path, path.name), **kwargs)


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        ("Umsätze stiegen um 5 %".encode(), "Umsätze stiegen um 5 %", "utf-8"),
        (b"\xef\xbb\xbfHello", "Hello", "utf-8-sig"),
        (
            "Le chiffre d'affaires a augmenté de 5 % à Zürich cette année, après une période très "
            "difficile pour l'équipe de direction générale.".encode("latin-1"),
            "Le chiffre d'affaires a augmenté de 5 % à Zürich cette année, après une période très "
            "difficile pour l'équipe de direction générale.",
            None,
        ),
    ],
    ids=["utf8", "bom", "latin1"],
)
def test_decode_bytes_utf8_then_detected(data: bytes, text: str, encoding: str | None) -> None:
    decoded, used = decode_bytes(data)
    assert decoded == text
    if encoding is not None:
        assert used == encoding
    else:
        assert used not in ("utf-8", "utf-8-sig")


@pytest.mark.parametrize(
    ("data", "binary"),
    [
        (b"plain text\n", False),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", True),
        (bytes(range(256)) * 4, True),
    ],
    ids=["text", "png", "bytes"],
)
def test_decode_looks_binary(data: bytes, binary: bool) -> None:
    assert looks_binary(data) is binary


def test_decode_invalid_bom_utf8_raises() -> None:
    with pytest.raises(IngestError, match="byte-order mark"):
        decode_bytes(b"\xef\xbb\xbfok \xff\xfe bad")


@pytest.mark.parametrize(
    ("name", "content", "status", "reason"),
    [
        ("empty.txt", b"", "skipped", "empty file"),
        ("blank.txt", b"  \n\n ", "skipped", "empty file"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "skipped", "binary"),
        ("broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ngarbage", "failed", "PDF"),
        ("fake.pdf", b"this is not a pdf at all", "failed", "not a PDF"),
    ],
    ids=["empty", "blank", "binary", "broken-pdf", "fake-pdf"],
)
def test_files_bad_input_gets_status_and_reason(
    tmp_path: Path, name: str, content: bytes, status: str, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    doc = _doc(path)
    assert doc.status == status
    assert reason in doc.error
    assert "\n" not in doc.error


def test_files_unreadable_file_fails(tmp_path: Path) -> None:
    path = tmp_path / "gone.txt"
    doc = read_document(InputFile(path, "gone.txt"))
    assert doc.status == "failed"
    assert "cannot read" in doc.error


def test_files_good_text_keeps_every_character(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(("  " + GOOD + "\r\n").encode())
    doc = _doc(path)
    assert doc.status == "ok"
    assert doc.text == "  " + GOOD + "\r\n"
    assert doc.encoding == "utf-8"
    assert len(doc.sha256) == 64


def test_files_discover_walks_folders_and_skips_sidecars(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "sub" / "b.html").write_text("<html></html>")
    (tmp_path / "sub" / "b.meta.json").write_text("{}")
    (tmp_path / "notes.docx").write_text("x")
    (tmp_path / "sheet.xlsx").write_text("x")
    assert [i.doc_id for i in discover([tmp_path])] == ["a.txt", "notes.docx", "sub/b.html"]


def test_files_discover_missing_input_raises(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="no such file"):
        discover([tmp_path / "nope"])


@pytest.mark.parametrize("sidecar", ["a.meta.json", "a.txt.meta.json"])
def test_files_reference_date_from_sidecar_wins(tmp_path: Path, sidecar: str) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Wire 2024-01-02 10:00\n" + GOOD)
    (tmp_path / sidecar).write_text(json.dumps({"published": "2024-05-06", "title": "T"}))
    doc = _doc(path, reference_date=date(2020, 1, 1))
    assert (doc.reference_date, doc.reference_from, doc.title) == (
        date(2024, 5, 6),
        "metadata",
        "T",
    )


def test_files_reference_date_order_header_cli_text(tmp_path: Path) -> None:
    header = tmp_path / "h.txt"
    header.write_text("Some Wire 2024-01-02 10:00\n" + GOOD)
    plain = tmp_path / "p.txt"
    plain.write_text(GOOD)
    assert _doc(header, reference_date=date(2020, 1, 1)).reference_from == "header"
    assert _doc(plain, reference_date=date(2020, 1, 1)).reference_from == "cli"
    doc = _doc(plain)
    assert (doc.reference_date, doc.reference_from) == (date(2024, 3, 3), "latest_in_text")


def test_files_bad_sidecar_fails_document(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "a.meta.json").write_text("{not json")
    doc = _doc(tmp_path / "a.txt")
    assert doc.status == "failed"
    assert "a.meta.json" in doc.error


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("StartseiteArtikel\n\nA headline of several words\nBody.", "A headline of several words"),
        ("One\nTwo\n", ""),
    ],
    ids=["skips-crumb", "none"],
)
def test_files_guess_title(text: str, title: str) -> None:
    assert guess_title(text) == title


def test_html_reader_extracts_article(tmp_path: Path) -> None:
    body = " ".join(["Acme Corp reported revenue of $5 million in the third quarter."] * 8)
    html = (
        f"<html><head><title>Acme results</title></head><body><nav>Home | News</nav>"
        f"<article><h1>Acme results</h1><p>{body}</p><p>{body}</p></article></body></html>"
    )
    path = tmp_path / "a.html"
    path.write_text(html)
    doc = _doc(path)
    assert doc.status == "ok", doc.error
    assert "$5 million" in doc.text
    assert doc.reader == "html"


def test_pdf_reader_reads_text_layer(tmp_path: Path, pdf_bytes: bytes) -> None:
    path = tmp_path / "a.pdf"
    path.write_bytes(pdf_bytes)
    doc = _doc(path)
    assert doc.status == "ok", doc.error
    assert "Revenue rose 12% to $5.2 billion in 2023." in doc.text
    assert doc.reader == "pdf"


def test_pdf_reader_without_text_is_skipped(tmp_path: Path, pdf_maker) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(pdf_maker([]))
    doc = _doc(path)
    assert doc.status == "skipped"
    assert "no text layer" in doc.error
