"""PDF reader: text of each page in order, pages separated by a blank line."""

from __future__ import annotations

import io
from pathlib import Path

from extract.errors import IngestError
from extract.ingest.base import RawText


def read_pdf(data: bytes, path: Path) -> RawText:
    """Extract the text layer of a PDF with pdfplumber.

    A file that is not a PDF or cannot be parsed fails; a PDF without a text layer
    (a scan) is skipped, since there is nothing to extract without OCR.
    """
    import pdfplumber

    if not data.strip():
        raise IngestError("empty file", status="skipped")
    if not data.lstrip()[:5] == b"%PDF-":
        raise IngestError("not a PDF file (no %PDF- header)")
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [page.extract_text() or "" for page in pdf.pages]
            info = pdf.metadata or {}
    except MemoryError:
        raise
    except Exception as exc:  # pdfminer raises many unrelated types on damaged files
        raise IngestError(f"broken PDF: {type(exc).__name__}: {exc}") from exc
    text = "\n\n".join(page.strip() for page in pages if page.strip())
    if not text.strip():
        raise IngestError("PDF has no text layer (scanned?)", status="skipped")
    title = str(info.get("Title") or "").strip()
    return RawText(text=text, encoding="pdf", title=title)
