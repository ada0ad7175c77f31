"""Find input files, read them with the reader for their type, and build Documents."""

from __future__ import annotations

import errno
import functools
import hashlib
import json
import os
import stat
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
    """A file to read and the id it gets: its path relative to the input root.

    ``problem`` is set for an entry the walk saw but will not read (a broken, looping or
    outside symlink, a FIFO, a file over the size limit): it becomes a ``skipped`` row.
    """

    path: Path
    doc_id: str
    problem: str = ""


@dataclass(frozen=True, slots=True)
class Walk:
    """What the walk over the inputs saw: documents to read, and how many files it ignored.

    ``ignored`` counts regular files that are not documents (other suffixes, sidecar
    ``*.meta.json`` files); every other entry is in ``files``. ``empty_roots`` names the
    inputs that held no document at all.
    """

    files: list[InputFile]
    ignored: int = 0
    empty_roots: tuple[str, ...] = ()


class NoInputError(IngestError):
    """An input is missing, or holds no document: the run must not touch the output."""


class DuplicateIdError(IngestError):
    """Two different files under different inputs would get the same doc id."""


# Files larger than this are not read (a `skipped` row says why).
MAX_FILE_BYTES = 200 * 1024 * 1024
_SPECIAL = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def discover(inputs: Iterable[str | Path], *, follow_symlinks: bool = False) -> list[InputFile]:
    """Input files under ``inputs`` (files or folders, walked recursively), sorted by id.

    See ``walk``; a missing input raises ``NoInputError``.
    """
    return walk(inputs, follow_symlinks=follow_symlinks).files


def walk(inputs: Iterable[str | Path], *, follow_symlinks: bool = False) -> Walk:
    """Every entry under ``inputs`` as a document, a problem row, or an ignored count.

    Only suffixes with a reader are documents. A symlink is followed when its target lies
    inside one of the inputs (or always with ``follow_symlinks``); a symlink pointing
    elsewhere, a broken or looping one, a FIFO, socket or device, and a file over
    ``MAX_FILE_BYTES`` each get an entry with a ``problem``. Ids are paths relative to
    the input (the file name for a file given directly); a name that is not valid UTF-8
    keeps its bad bytes as ``\\xNN`` escapes. Two different files with the same id raise
    ``DuplicateIdError`` naming both; a missing input raises ``NoInputError``.
    """
    roots = [Path(raw) for raw in inputs]
    for root in roots:
        if not root.exists():
            raise NoInputError(f"{_show(root)}: no such file or folder")
    real_roots = [os.path.realpath(root) for root in roots]
    found: dict[str, tuple[InputFile, str]] = {}
    ignored = 0
    empty: list[str] = []
    for root in roots:
        walker = _RootWalk(root, real_roots, follow_symlinks)
        entries = walker.entries()
        ignored += walker.ignored
        if root.is_dir() and not any(not item.problem for item, _ in entries):
            empty.append(_show(root))
        for item, real in entries:
            seen = found.get(item.doc_id)
            if seen is None:
                found[item.doc_id] = (item, real)
            elif seen[1] != real:
                raise DuplicateIdError(
                    f"doc id {item.doc_id!r} would name two files, {_show(seen[0].path)} and "
                    f"{_show(item.path)}: give them separate --out folders or their common folder"
                )
    return Walk(
        files=[found[k][0] for k in sorted(found)], ignored=ignored, empty_roots=tuple(empty)
    )


class _RootWalk:
    """The walk under one input; ``entries`` pairs each InputFile with its real path."""

    def __init__(self, root: Path, real_roots: list[str], follow_symlinks: bool) -> None:
        self.root = root
        self.real_roots = real_roots
        self.follow = follow_symlinks
        self.ignored = 0
        self.out: list[tuple[InputFile, str]] = []

    def entries(self) -> list[tuple[InputFile, str]]:
        root = self.root
        real = os.path.realpath(root)
        if not root.is_dir():
            self._file(root, _doc_id(root.name), real, root.stat(), explicit=True)
            return self.out
        visited = {real}
        stack: list[tuple[Path, str]] = [(root, "")]
        # Symlinked folders are walked after every real one, so a file reached both ways
        # keeps the id of its real path.
        linked: list[tuple[Path, str, str]] = []
        while stack or linked:
            if not stack:
                path, rel, target = linked.pop(0)
                if target in visited:
                    self._problem(path, rel, _revisit(path, target))
                    continue
                visited.add(target)
                stack.append((path, rel + "/"))
            folder, prefix = stack.pop()
            try:
                with os.scandir(folder) as it:
                    names = sorted(it, key=lambda e: e.name)
            except OSError as exc:
                self._problem(folder, prefix or ".", f"cannot read folder: {_reason(exc)}")
                continue
            subfolders = []
            for entry in names:
                path = Path(entry.path)
                rel = prefix + entry.name
                target, info = self._resolve(path, rel, entry.is_symlink())
                if info is None:
                    continue
                if not stat.S_ISDIR(info.st_mode):
                    self._file(path, _doc_id(rel), target, info)
                elif entry.is_symlink():
                    linked.append((path, rel, target))
                elif target not in visited:
                    visited.add(target)
                    subfolders.append((path, rel + "/"))
            stack.extend(reversed(subfolders))
        return self.out

    def _resolve(self, path: Path, rel: str, is_link: bool) -> tuple[str, os.stat_result | None]:
        """(real path, stat) of an entry, or (.., None) after recording why it is not used."""
        if not is_link:
            try:
                return str(path), path.lstat()
            except OSError as exc:
                self._problem(path, rel, f"cannot read: {_reason(exc)}")
                return "", None
        try:
            target = os.path.realpath(path, strict=True)
        except OSError as exc:
            why = "symlink loop" if exc.errno == errno.ELOOP else "broken symlink"
            self._problem(path, rel, why)
            return "", None
        if not self.follow and not _inside(target, self.real_roots):
            self._problem(path, rel, "symlink points outside the input folders")
            return "", None
        try:
            return target, Path(target).stat()
        except OSError as exc:
            self._problem(path, rel, f"cannot read: {_reason(exc)}")
            return "", None

    def _file(
        self, path: Path, doc_id: str, real: str, info: os.stat_result, *, explicit: bool = False
    ) -> None:
        """A document entry, a problem entry, or one more ignored file.

        A file named on the command line (``explicit``) is read whatever its suffix.
        """
        for test, kind in _SPECIAL:
            if test(info.st_mode):
                self.out.append((InputFile(path, doc_id, f"not a regular file: {kind}"), real))
                return
        if not explicit and path.suffix.lower() not in READERS:
            self.ignored += 1
        elif info.st_size > MAX_FILE_BYTES:
            problem = f"file too large: {info.st_size} bytes (limit {MAX_FILE_BYTES})"
            self.out.append((InputFile(path, doc_id, problem), real))
        else:
            self.out.append((InputFile(path, doc_id), real))

    def _problem(self, path: Path, rel: str, problem: str) -> None:
        self.out.append((InputFile(path, _doc_id(rel), problem), str(path)))


def _revisit(link: Path, target: str) -> str:
    """Why a symlink to a folder already walked is not followed again."""
    if _inside(os.path.realpath(link.parent), [target]):
        return "symlink loop"
    return "symlink to a folder already read"


def _inside(target: str, roots: list[str]) -> bool:
    return any(target == root or target.startswith(root.rstrip(os.sep) + os.sep) for root in roots)


def _doc_id(name: str) -> str:
    """A doc id that is valid text: bytes of a non-UTF-8 file name become ``\\xNN``."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def _show(path: Path) -> str:
    return _doc_id(str(path))


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def read_bytes(path: Path) -> bytes:
    """The bytes of a regular file; never blocks on a FIFO put where a file was walked.

    Raises ``OSError`` for anything that is not a regular file by the time it is opened.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fh.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        if info.st_size > MAX_FILE_BYTES:
            raise OSError(errno.EFBIG, f"file too large: over {MAX_FILE_BYTES} bytes")
        return fh.read()


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
    base = {"doc_id": item.doc_id, "source": item.doc_id, "path": _show(path)}
    if item.problem:
        return Document(**base, status="skipped", error=item.problem)
    try:
        if data is None:
            data = read_bytes(path)
    except OSError as exc:
        return Document(**base, status="failed", error=f"cannot read file: {_reason(exc)}")
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
