"""HTML reader: the article's main text and metadata, extracted with trafilatura."""

from __future__ import annotations

from pathlib import Path

from extract.errors import IngestError
from extract.ingest.base import RawText
from extract.ingest.decode import decode_bytes, looks_binary


def read_html(data: bytes, path: Path) -> RawText:
    """Extract main text, title and date of an HTML page.

    Offsets of mentions refer to the extracted text, which the pipeline stores.
    """
    import trafilatura

    if not data.strip():
        raise IngestError("empty file", status="skipped")
    if looks_binary(data):
        raise IngestError("binary file, not HTML", status="skipped")
    html, encoding = decode_bytes(data)
    result = trafilatura.bare_extraction(
        html, include_comments=False, include_tables=True, with_metadata=True
    )
    if result is None:
        raise IngestError("no article text found in HTML", status="skipped")
    doc = result.as_dict()
    text = (doc.get("text") or "").strip()
    if not text:
        raise IngestError("no article text found in HTML", status="skipped")
    title = (doc.get("title") or "").strip()
    if title:
        text = f"{title}\n\n{text}"
    return RawText(text=text, encoding=encoding, title=title, published=str(doc.get("date") or ""))
