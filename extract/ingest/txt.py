"""Plain-text reader: the decoded file is the document text, nothing removed."""

from __future__ import annotations

from pathlib import Path

from extract.errors import IngestError
from extract.ingest.base import RawText
from extract.ingest.decode import decode_bytes, looks_binary


def read_txt(data: bytes, path: Path) -> RawText:
    """Decode a text file. Empty and binary files are skipped with a reason."""
    if not data.strip():
        raise IngestError("empty file", status="skipped")
    if looks_binary(data):
        raise IngestError("binary file, not text", status="skipped")
    text, encoding = decode_bytes(data)
    if not text.strip():
        raise IngestError("empty file", status="skipped")
    return RawText(text=text, encoding=encoding)
