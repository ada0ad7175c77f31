"""PDF reader: the text layer of each page in reading order, tables as pipe tables.

Pages are read with pdfplumber: duplicated characters (text drawn twice for a bold
effect) are removed with ``dedupe_chars``, words are split where the gap between
characters is wide for their font size, text drawn rotated is turned upright, tables
found by pdfplumber's table finder are written as pipe-table lines where they stand, and
the rest is put in reading order by ``layout`` and joined into paragraphs by ``text``.

Untrusted files are bounded: the ``%PDF-`` header may follow a short banner (within the
first 1,024 bytes), the inflated size of all compressed streams and the page count are
capped, and encrypted, empty and image-only files are reported as such.
"""

from __future__ import annotations

import io
import re
import warnings
import zlib
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from extract.errors import IngestError
from extract.ingest.base import RawText
from extract.ingest.pdf.layout import Line, Segment, Word, order_rows, rows_of
from extract.ingest.pdf.ocr import ocr_available, ocr_page
from extract.ingest.pdf.text import build_text, drop_running_rows
from extract.ingest.tables import pipe_table

__all__ = ["MAX_INFLATED_BYTES", "MAX_PAGES", "read_pdf"]

HEADER_WINDOW = 1024
MAX_PAGES = 2000
MAX_INFLATED_BYTES = 64 * 1024 * 1024
# Characters closer than this many font sizes belong to one word.
WORD_GAP = 0.15

Box = tuple[float, float, float, float]  # x0, top, x1, bottom
_STREAM = re.compile(rb"(?<!end)stream\r?\n")


def _check_inflated_size(data: bytes, limit: int = MAX_INFLATED_BYTES) -> None:
    """Raise when the compressed streams of ``data`` inflate to more than ``limit`` bytes.

    Each stream is inflated piece by piece and the output thrown away, so a small file
    that inflates to gigabytes costs time linear in the limit and little memory. Image
    streams are not counted: reading text never inflates them.
    """
    total = 0
    for m in _STREAM.finditer(data):
        head = data[max(0, m.start() - 2048) : m.start()]
        if b"/Image" in head[head.rfind(b" obj") + 1 :]:
            continue
        inflater = zlib.decompressobj()
        pos = m.end()
        while pos < len(data) and not inflater.eof:
            try:
                chunk = inflater.decompress(data[pos : pos + 65536], 1 << 20)
                total += len(chunk)
                while inflater.unconsumed_tail and total <= limit:
                    chunk = inflater.decompress(inflater.unconsumed_tail, 1 << 20)
                    total += len(chunk)
            except zlib.error:
                break
            if total > limit:
                raise IngestError(f"PDF streams inflate to more than {limit:,} bytes (the limit)")
            pos += 65536


def _direction(char: dict[str, Any]) -> int:
    """The angle of a character's baseline: 0, 90 (reads upwards), 180 or 270 (downwards)."""
    a, b = char["matrix"][0], char["matrix"][1]
    if abs(a) >= abs(b):
        return 0 if a >= 0 else 180
    return 90 if b > 0 else 270


def _dominant(chars: Sequence[dict[str, Any]]) -> int:
    """The direction most of ``chars`` are written in (0 when there are none)."""
    angles = Counter(_direction(c) for c in chars)
    return angles.most_common(1)[0][0] if angles else 0


def _turn(char: dict[str, Any], angle: int, width: float, height: float) -> dict[str, Any]:
    """``char`` with its box turned so that text at ``angle`` reads left to right."""
    x0, x1, top, bottom = char["x0"], char["x1"], char["top"], char["bottom"]
    if angle == 90:
        box = (height - bottom, height - top, x0, x1)
    elif angle == 270:
        box = (top, bottom, width - x1, width - x0)
    elif angle == 180:
        box = (width - x1, width - x0, height - bottom, height - top)
    else:
        return char
    nx0, nx1, ntop, nbottom = box
    # pdfminer gives a rotated character's advance as its size; upright, it is its height.
    return {
        **char,
        "x0": nx0,
        "x1": nx1,
        "top": ntop,
        "bottom": nbottom,
        "doctop": ntop,
        "upright": True,
        "size": nbottom - ntop,
    }


def _size(word: dict[str, Any]) -> float:
    """The font size of most of a word's characters."""
    sizes = sorted(float(c["size"]) for c in word["chars"])
    return sizes[len(sizes) // 2]


def _words(page: Any, boxes: Sequence[Box] = ()) -> list[Word]:
    """Words of a page outside ``boxes`` (its tables), rotated text turned upright (the
    dominant direction read first)."""
    from pdfplumber.utils.text import WordExtractor

    chars = [c for c in page.chars if c["text"].strip() and not _inside(c, boxes)]
    by_angle: dict[int, list[dict[str, Any]]] = {}
    for char in chars:
        by_angle.setdefault(_direction(char), []).append(char)
    words: list[Word] = []
    extractor = WordExtractor(x_tolerance_ratio=WORD_GAP)
    # Text in a minority direction is turned and read after the rest, below the page.
    offset = 0.0
    for angle, group in sorted(by_angle.items(), key=lambda kv: -len(kv[1])):
        turned = [_turn(c, angle, page.width, page.height) for c in group]
        turned.sort(key=lambda c: (round(c["top"], 1), c["x0"]))
        found = [
            Word(w["text"], w["x0"], w["x1"], w["top"] + offset, w["bottom"] + offset, _size(w))
            for w in extractor.extract_words(turned, return_chars=True)
        ]
        words.extend(found)
        offset = max((w.bottom for w in words), default=offset) + 100.0
    return words


# How pdfplumber reads the characters and lines of a cell written at an angle, and where
# a cell of the table as read sits in the table as drawn: (rows, columns, i, j) -> (row, col).
_ROTATED_TABLES: dict[
    int, tuple[dict[str, str], Callable[[int, int, int, int], tuple[int, int]]]
] = {
    0: ({}, lambda rows, cols, i, j: (i, j)),
    90: ({"char_dir_rotated": "btt"}, lambda rows, cols, i, j: (rows - 1 - j, i)),
    270: ({"char_dir_rotated": "ttb"}, lambda rows, cols, i, j: (j, cols - 1 - i)),
}


def _table_cells(table: Any, chars: Sequence[dict[str, Any]]) -> list[list[str | None]]:
    """The cells of a table as read: a table drawn at an angle is turned with its text."""
    angle = _dominant([c for c in chars if _inside(c, [table.bbox])])
    options, where = _ROTATED_TABLES.get(angle, _ROTATED_TABLES[0])
    drawn = table.extract(**options)
    if angle not in (90, 270) or not drawn:
        return drawn
    rows, cols = len(drawn), max(len(r) for r in drawn)
    out: list[list[str | None]] = []
    for i in range(cols):  # the columns as drawn are the rows as read, and the other way
        row = []
        for j in range(rows):
            r, c = where(rows, cols, i, j)
            cell = drawn[r][c] if c < len(drawn[r]) else None
            if cell and angle == 90:  # pdfplumber gives the lines of such a cell last first
                cell = "\n".join(reversed(cell.split("\n")))
            row.append(cell)
        out.append(row)
    return out


def _tables(page: Any) -> tuple[list[Segment], list[Box]]:
    """Tables pdfplumber finds on a page (ruled ones) as segments, and their boxes."""
    segments, boxes = [], []
    chars = [c for c in page.chars if c["text"].strip()]
    page_angle = _dominant(chars)
    for table in page.find_tables():
        rendered = pipe_table(_table_cells(table, chars))
        if not rendered or len(table.rows) < 2:
            continue
        x0, top, x1, bottom = table.bbox
        boxes.append((x0, top, x1, bottom))
        # Placed among the words, which are turned with the page's main direction.
        box = {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "size": 10.0}
        turned = _turn(box, page_angle, page.width, page.height)
        segments.append(
            Segment([], turned["x0"], turned["x1"], turned["top"], turned["bottom"], 10.0, rendered)
        )
    return segments, boxes


def _inside(char: dict[str, Any], boxes: Sequence[Box]) -> bool:
    cx, cy = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
    return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)


def _open_error(exc: Exception) -> IngestError:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
    if isinstance(cause, PDFPasswordIncorrect):
        return IngestError("encrypted PDF: a password is needed to open it")
    if isinstance(cause, PDFEncryptionError):
        return IngestError(f"encrypted PDF that cannot be opened: {cause}")
    detail = " ".join(str(cause).split()) or "no detail"
    return IngestError(f"broken PDF: {type(cause).__name__}: {detail}")


def _ocr_lines(page: Any) -> list[Line]:
    """The paragraphs OCR reads on a page, each a line of its own."""
    return [
        Line(text, 0.0, 1.0, 20.0 * i, 20.0 * i + 10.0, 10.0, 0, alone=True)
        for i, text in enumerate(ocr_page(page))
    ]


def read_pdf(data: bytes, path: Path, *, ocr: bool = False) -> RawText:
    """Extract the text layer of a PDF in reading order (see the module's docstring).

    A file that is not a PDF, is encrypted with a password, or cannot be parsed fails;
    a PDF without pages or without a text layer (a scan) is skipped with the reason.
    With ``ocr`` (and the ``tesseract`` program installed) pages holding images but no
    text are read by OCR instead.
    """
    import pdfplumber

    if not data.strip():
        raise IngestError("empty file", status="skipped")
    header = data.find(b"%PDF-", 0, HEADER_WINDOW)
    if header < 0:
        raise IngestError("not a PDF file (no %PDF- header in the first 1,024 bytes)")
    data = data[header:]
    _check_inflated_size(data)
    wanted, ocr = ocr, ocr and ocr_available()
    ocr_pages: dict[int, list[Line]] = {}
    images = 0
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with pdfplumber.open(io.BytesIO(data)) as pdf:
                info = pdf.metadata or {}
                count = len(pdf.pages)
                if count == 0:
                    raise IngestError("PDF has no pages", status="skipped")
                if count > MAX_PAGES:
                    raise IngestError(f"PDF has {count} pages, more than the limit of {MAX_PAGES}")
                page_rows = []
                widths = []
                for number, page in enumerate(pdf.pages):
                    if ocr and page.images and not any(c["text"].strip() for c in page.chars):
                        ocr_pages[number] = _ocr_lines(page)
                    clean = page.dedupe_chars()
                    tables, boxes = _tables(clean)
                    words = _words(clean, boxes)
                    images += len(page.images)
                    page_rows.append(rows_of(words, tables))
                    # Text turned a quarter is laid out across the page's height.
                    turned = _dominant(clean.chars) in (90, 270)
                    widths.append(float(page.height if turned else page.width))
                    page.close()
    except IngestError:
        raise
    except MemoryError:
        raise
    except Exception as exc:  # pdfminer raises many unrelated types on damaged files
        raise _open_error(exc) from exc
    pages_lines = [
        ocr_pages.get(number) or order_rows(rows, width)
        for number, (rows, width) in enumerate(
            zip(drop_running_rows(page_rows), widths, strict=True)
        )
    ]
    text, page_starts = build_text(pages_lines)
    if not text.strip():
        if images:
            missing = "; tesseract is not installed" if wanted and not ocr else ""
            raise IngestError(f"PDF has no text layer (needs OCR{missing})", status="skipped")
        raise IngestError("PDF has no text layer (blank pages)", status="skipped")
    title = str(info.get("Title") or "").strip()
    encoding = "pdf+ocr" if ocr_pages else "pdf"
    return RawText(text=text, encoding=encoding, title=title, pages=page_starts)
