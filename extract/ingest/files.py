"""Find input files, read them with the reader for their type, and build Documents."""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from extract.errors import IngestError
from extract.ingest.base import RawText, Reader
from extract.ingest.docx import read_docx
from extract.ingest.html import read_html
from extract.ingest.md import read_md
from extract.ingest.pdf import read_pdf
from extract.ingest.rtf import read_rtf
from extract.ingest.txt import read_txt
from extract.records import Document
from extract.reference import detect_reference

# The reader of each file suffix, the same for a file named on the command line and one
# found in a folder; a named file of another suffix is read as plain text.
READERS: dict[str, tuple[str, Reader]] = {
    ".txt": ("txt", read_txt),
    ".text": ("txt", read_txt),
    ".pdf": ("pdf", read_pdf),
    ".html": ("html", read_html),
    ".htm": ("html", read_html),
    ".xhtml": ("html", read_html),
    ".docx": ("docx", read_docx),
    ".md": ("md", read_md),
    ".markdown": ("md", read_md),
    ".rtf": ("rtf", read_rtf),
}

META_SUFFIX = ".meta.json"


@dataclass(frozen=True, slots=True)
class InputFile:
    """A file to read and the id it gets: its path relative to the input root."""

    path: Path
    doc_id: str


def discover(inputs: Iterable[str | Path]) -> list[InputFile]:
    """Input files under ``inputs`` (files or folders, walked recursively), sorted by id.

    Only suffixes with a reader are taken; sidecar ``*.meta.json`` files are not documents.
    A missing input raises ``IngestError``.
    """
    found: dict[str, InputFile] = {}
    for raw in inputs:
        root = Path(raw)
        if root.is_file():
            found.setdefault(root.name, InputFile(root, root.name))
        elif root.is_dir():
            for path in sorted(root.rglob("*")):
                if path.is_file() and path.suffix.lower() in READERS:
                    doc_id = path.relative_to(root).as_posix()
                    found.setdefault(doc_id, InputFile(path, doc_id))
        else:
            raise IngestError(f"{root}: no such file or folder")
    return [found[k] for k in sorted(found)]


def _read_metadata(path: Path) -> dict[str, str]:
    """The sidecar ``NAME.meta.json`` (or ``NAME.ext.meta.json``) beside ``path``, if any."""
    for candidate in (path.with_suffix(META_SUFFIX), path.with_name(path.name + META_SUFFIX)):
        if candidate.is_file():
            try:
                data = json.loads(candidate.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise IngestError(f"{candidate.name}: invalid metadata file: {exc}") from exc
            if not isinstance(data, dict):
                raise IngestError(f"{candidate.name}: metadata must be a JSON object")
            return {k: str(v) for k, v in data.items() if v is not None}
    return {}


def guess_title(text: str, max_lines: int = 6) -> str:
    """The first line of the header that reads like a headline (several words, not too long)."""
    for line in text.splitlines()[: max_lines * 3]:
        line = line.strip()
        if len(line.split()) >= 4 and len(line) <= 200:
            return line
    return ""


def read_document(
    item: InputFile,
    *,
    reference_date: date | None = None,
    data: bytes | None = None,
    ocr: bool = False,
) -> Document:
    """Read one file into a Document. Never raises for bad input: the Document says why.

    ``status`` is ``skipped`` for files with nothing to extract (empty, binary) and
    ``failed`` for files that cannot be read or decoded; ``error`` is one line. With
    ``ocr``, PDF pages without a text layer are read by Tesseract when it is installed.
    """
    path = item.path
    base = {"doc_id": item.doc_id, "source": item.doc_id, "path": str(path)}
    try:
        if data is None:
            data = path.read_bytes()
    except OSError as exc:
        return Document(**base, status="failed", error=f"cannot read file: {exc.strerror or exc}")
    sha = hashlib.sha256(data).hexdigest()
    reader_name, reader = READERS.get(path.suffix.lower(), READERS[".txt"])
    if ocr and reader is read_pdf:
        reader = functools.partial(read_pdf, ocr=True)
    try:
        raw = reader(data, path)
        meta = _read_metadata(path)
    except IngestError as exc:
        return Document(
            **base, sha256=sha, reader=reader_name, status=exc.status, error=_one_line(exc)
        )
    return _build_document(base, sha, raw, meta, reference_date, reader_name)


def text_document(
    text: str,
    *,
    doc_id: str = "text",
    reference_date: date | None = None,
    metadata: Mapping[str, str] | None = None,
) -> Document:
    """A Document for a string given directly (the API's ``extract_text`` and ``pipe``).

    ``metadata`` may give ``published`` and ``title``, as a sidecar file does for a file.
    """
    base = {"doc_id": doc_id, "source": doc_id, "path": ""}
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    meta = {key: str(value) for key, value in (metadata or {}).items() if value}
    return _build_document(base, sha, RawText(text, encoding="utf-8"), meta, reference_date, "text")


def _build_document(
    base: dict[str, str],
    sha: str,
    raw: RawText,
    meta: dict[str, str],
    reference_date: date | None,
    reader_name: str,
) -> Document:
    """The Document of a read text: reference date, publication date and title settled."""
    # A publication date embedded in the file (HTML metadata) counts like a sidecar's.
    ref = detect_reference(
        raw.text,
        metadata_published=meta.get("published") or raw.published or None,
        cli_date=reference_date,
    )
    return Document(
        **base,
        sha256=sha,
        text=raw.text,
        title=meta.get("title") or raw.title or guess_title(raw.text),
        published=ref.published or raw.published,
        reference_date=ref.reference_date,
        reference_from=ref.reference_from,
        encoding=raw.encoding,
        reader=reader_name,
        pages=raw.pages,
    )


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__
