"""PDF reader: text of each page in order, pages separated by a blank line."""

from __future__ import annotations

import io
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from extract.errors import IngestError

if TYPE_CHECKING:
    from extract.ingest.files import RawText

logger = logging.getLogger(__name__)


def read_pdf(data: bytes, path: Path) -> RawText:
    """Extract the text layer of a PDF with pdfplumber.

    A file that is not a PDF or cannot be parsed fails; a PDF without a text layer
    (a scan) is skipped, since there is nothing to extract without OCR.
    """
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError

    from extract.ingest.files import RawText

    if not data.strip():
        raise IngestError("empty file", status="skipped")
    if not data.lstrip()[:5] == b"%PDF-":
        raise IngestError("not a PDF file (no %PDF- header)")
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [page.extract_text() or "" for page in pdf.pages]
            info = pdf.metadata or {}
    except (PDFSyntaxError, ValueError, KeyError, TypeError, AssertionError) as exc:
        raise IngestError(f"broken PDF: {type(exc).__name__}: {exc}") from exc
    except Exception as exc:  # pdfminer raises many unrelated types on damaged files
        if isinstance(exc, (MemoryError, KeyboardInterrupt)):
            raise
        raise IngestError(f"broken PDF: {type(exc).__name__}: {exc}") from exc
    text = "\n\n".join(page.strip() for page in pages if page.strip())
    if not text.strip():
        raise IngestError("PDF has no text layer (scanned?)", status="skipped")
    title = str(info.get("Title") or "").strip()
    return RawText(text=text, encoding="pdf", title=title)
