"""Ingestion: files -> Documents. One reader per file type, chosen by suffix."""

from extract.ingest.files import READERS, discover, read_document

__all__ = ["READERS", "discover", "read_document"]
