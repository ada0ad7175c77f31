"""Output folder: the DuckDB database of record, written in groups of documents.

The database ``extract.duckdb`` holds the four tables, and two of its own:
``file_stats`` (the size and modification time of each stored document's file, so an
unchanged file costs a stat on the next run) and ``store_state`` (whether the exports
are behind the tables). Documents arrive as ``DocRows`` (plain rows, as workers send
them) and are committed in groups: one transaction per group, one insert per table,
deletes only for documents already stored. A crash loses at most the group being
written, never half a document, never a committed group. The exported files (CSV,
Parquet) are written from it as a set by ``extract.exports``.

Errors: ``OutputError`` when the folder or database cannot be written (a full disk, a
permission, a database error), ``StoreBusyError`` when another program holds the
database open for longer than the run may wait. Bad rows of one document are not
storage errors: ``write`` stores that document as ``failed`` instead.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import pyarrow as pa

from extract.errors import ExtractError
from extract.exports import ORDER, export_set
from extract.records import DocumentResult
from extract.tables import SCHEMAS, TABLE_NAMES, Tables, result_rows, typed

logger = logging.getLogger(__name__)
T = TypeVar("T")

DB_NAME = "extract.duckdb"
# Errors from one document's rows (a value DuckDB cannot take): they fail that document.
_ROW_ERRORS: tuple[type[BaseException], ...] = (
    duckdb.ConversionException,
    duckdb.InvalidInputException,
    pa.ArrowException,
    ValueError,
    TypeError,
    OverflowError,
)
# The store's own tables: the file of each stored document, and whether exports are behind.
_OWN_TABLES = {
    "file_stats": {"doc_id": "VARCHAR", "size": "BIGINT", "mtime_ns": "BIGINT"},
    "store_state": {"key": "VARCHAR", "value": "VARCHAR"},
}
_ARROW_TYPES = {
    "VARCHAR": pa.string(),
    "BIGINT": pa.int64(),
    "DOUBLE": pa.float64(),
    "DATE": pa.date32(),
}
_LOCKED = ("could not set lock", "conflicting lock")
# DuckDB's memory limits, smallest first: the store's memory does not grow with its size
# (the database is paged, sorts for the exports spill to disk); an operation that cannot
# be done within a limit is done again within the next.
MEMORY_LIMITS = ("64MB", "256MB", "1GB", "4GB", "16GB")


class OutputError(ExtractError):
    """The output folder or database cannot be written."""


class StoreBusyError(ExtractError):
    """Another program holds the database open (or another run holds the output folder)."""


def _ddl(table: str, schema: dict[str, str]) -> str:
    columns = ", ".join(f'"{name}" {sql_type}' for name, sql_type in schema.items())
    return f"CREATE TABLE IF NOT EXISTS {table} ({columns})"


@dataclass(frozen=True, slots=True)
class DocRows:
    """One document as the store takes it: its rows of every table, as plain values.

    ``rows`` maps a table name to tuples in the column order of ``extract.tables``
    (``None`` for a missing value, never an empty string); ``size`` and ``mtime_ns`` are
    those of its file when it was read (``None``: not a file, nothing recorded). This
    is what worker processes send back: small, and cheap to pickle.
    """

    doc_id: str
    status: str
    error: str
    rows: dict[str, list[tuple[Any, ...]]] = field(default_factory=dict)
    size: int | None = None
    mtime_ns: int | None = None

    @property
    def mentions(self) -> int:
        return len(self.rows.get("mentions", ()))

    @property
    def facts(self) -> int:
        return len(self.rows.get("facts", ()))


def document_rows(
    result: DocumentResult,
    fingerprint: str,
    *,
    size: int | None = None,
    mtime_ns: int | None = None,
) -> DocRows:
    """The DocRows of one result. Raises on a value that is not of its column's kind."""
    rows = result_rows(result, fingerprint)
    plain: dict[str, list[tuple[Any, ...]]] = {}
    for table, table_rows in rows.items():
        if not table_rows:
            continue
        schema = SCHEMAS[table]
        text = {name for name, sql_type in schema.items() if sql_type == "VARCHAR"}
        plain[table] = [
            tuple(
                None if (name in text and value == "") else value
                for name, value in ((name, row[name]) for name in schema)
            )
            for row in table_rows
        ]
    doc = result.document
    return DocRows(doc.doc_id, doc.status, doc.error, plain, size, mtime_ns)


def _arrow(table: str, rows: Sequence[tuple[Any, ...]], schema: dict[str, str]) -> pa.Table:
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in schema]
    return pa.table(
        {
            name: pa.array(column, type=_ARROW_TYPES[sql_type])
            for (name, sql_type), column in zip(schema.items(), columns, strict=True)
        }
    )


class Store:
    """The run's output database. Use as a context manager.

    ``wait`` is how many seconds to keep trying when another program holds the
    database file open before raising ``StoreBusyError``. ``read_only`` opens an existing
    database for reading only (no tables created, no lock taken beyond DuckDB's own).
    """

    def __init__(self, out_dir: str | Path, *, wait: float = 0.0, read_only: bool = False) -> None:
        self.out_dir = Path(out_dir)
        if read_only:
            self._open_read_only()
            return
        try:
            self.out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(
                f"{self.out_dir}: cannot create output folder: {exc.strerror}"
            ) from exc
        self.path = self.out_dir / DB_NAME
        self.con = _connect(self.path, wait)
        self._limit = 0
        # Ids of the stored documents, read on the first write (see ``_stored``).
        self._ids: set[str] | None = None
        with storage_errors(self.path):
            self._set_memory_limit(0)
            for table in TABLE_NAMES:
                self.con.execute(_ddl(table, SCHEMAS[table]))
            for table, schema in _OWN_TABLES.items():
                self.con.execute(_ddl(table, schema))
            self._migrate()
            # True when the tables changed since the last complete export (in this run or
            # in one that was killed before it exported).
            (stale,) = self.con.execute(
                "SELECT count(*) FROM store_state WHERE key = 'exports' AND value = 'stale'"
            ).fetchall()
        self.changed = bool(stale[0])

    def _open_read_only(self) -> None:
        self.path = self.out_dir / DB_NAME
        if not self.path.is_file():
            raise OutputError(f"{self.path}: no database here")
        try:
            self.con = duckdb.connect(str(self.path), read_only=True)
        except duckdb.Error as exc:
            raise OutputError(f"{self.path}: cannot open database: {first_line(exc)}") from exc

    def _migrate(self) -> None:
        """Add columns a database from an older version lacks."""
        for table, schema in SCHEMAS.items():
            have = {row[0] for row in self.con.execute(f"DESCRIBE {table}").fetchall()}
            for name, sql_type in schema.items():
                if name not in have:
                    self.con.execute(f'ALTER TABLE {table} ADD COLUMN "{name}" {sql_type}')

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def state(self) -> dict[str, tuple[str, str, str]]:
        """doc_id -> (sha256, fingerprint, status) of the documents already stored."""
        rows = self.query("SELECT doc_id, sha256, fingerprint, status FROM documents")
        return {doc_id: (sha or "", fp or "", status or "") for doc_id, sha, fp, status in rows}

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        """The rows of ``sql``, within the memory limit that fits them."""
        with storage_errors(self.path):
            return self._within_memory(lambda: self.con.execute(sql).fetchall())

    def stats(self) -> dict[str, tuple[int, int]]:
        """doc_id -> (size, mtime_ns) of the file of each stored document, when recorded."""
        rows = self.query("SELECT doc_id, size, mtime_ns FROM file_stats")
        return {doc_id: (size, mtime) for doc_id, size, mtime in rows}

    def write(self, result: DocumentResult, fingerprint: str) -> DocumentResult:
        """Replace one document's rows in all tables, in one transaction (``write_many``).

        Returns the result as stored: when its rows cannot be stored, the document alone
        is stored as ``failed`` with the reason. Raises ``OutputError`` for storage errors.
        """
        try:
            rows = document_rows(result, fingerprint)
        except Exception as exc:  # a bad value in one result fails that document only
            rows = _failed(result, fingerprint, exc)
        (stored,) = self.write_many([rows])
        if stored.status == result.document.status:
            return result
        return DocumentResult(
            document=replace(result.document, status=stored.status, error=stored.error)
        )

    def write_many(
        self,
        documents: Sequence[DocRows],
        *,
        seen: Sequence[tuple[str, int, int]] = (),
    ) -> list[DocRows]:
        """Replace the rows of ``documents`` in every table, in one transaction.

        ``seen`` holds (doc_id, size, mtime_ns) of stored documents whose files were found
        unchanged by their hash: their recorded stats are updated in the same transaction.
        Returns the documents as stored: when the group's rows cannot be stored (a value
        DuckDB refuses), each document is written on its own, and one whose rows still
        cannot be stored is stored as ``failed`` with the reason. Raises ``OutputError``
        for storage errors; nothing of the group is then written.
        """
        if not documents and not seen:
            return []
        try:
            with storage_errors(self.path):
                self._within_memory(lambda: self._commit(documents, seen))
        except _ROW_ERRORS as exc:
            if len(documents) == 1:
                logger.debug("%s: cannot store rows", documents[0].doc_id, exc_info=True)
                reason = " ".join(f"cannot store rows: {type(exc).__name__}: {exc}".split())
                failed = _documents_row_only(documents[0], reason)
                with storage_errors(self.path):
                    self._commit([failed], seen)
                return [failed]
            stored = [one for document in documents for one in self.write_many([document])]
            self.write_many([], seen=seen)
            return stored
        return list(documents)

    def _stored(self) -> set[str]:
        if self._ids is None:
            rows = self._within_memory(
                lambda: self.con.execute("SELECT doc_id FROM documents").fetchall()
            )
            self._ids = {row[0] for row in rows}
        return self._ids

    def _commit(self, documents: Sequence[DocRows], seen: Sequence[tuple[str, int, int]]) -> None:
        """One transaction: the group's old rows deleted, its new rows inserted."""
        tables = {
            table: _arrow(table, rows, SCHEMAS[table])
            for table in TABLE_NAMES
            if (rows := [row for d in documents for row in d.rows.get(table, ())])
        }
        stats = [(d.doc_id, d.size, d.mtime_ns) for d in documents if d.size is not None]
        stats += list(seen)
        if stats:
            tables["file_stats"] = _arrow("file_stats", stats, _OWN_TABLES["file_stats"])
        stored = self._stored()
        replaced = [d.doc_id for d in documents if d.doc_id in stored]
        restat = replaced + [doc_id for doc_id, _, _ in seen]
        if documents:
            self._mark_stale()
        with self._transaction():
            if replaced:
                self._delete(TABLE_NAMES, replaced)
            if restat:
                self._delete(("file_stats",), restat)
            for table, rows in tables.items():
                self.con.register("batch_rows", rows)
                try:
                    self.con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM batch_rows")
                finally:
                    self.con.unregister("batch_rows")
        stored.update(d.doc_id for d in documents)

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        """One transaction: committed when the block ends, rolled back when it raises."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    @contextlib.contextmanager
    def _batch_ids(self, doc_ids: Sequence[str]) -> Iterator[None]:
        """``doc_ids`` as the view ``batch_ids`` (one column ``doc_id``) inside the block."""
        self.con.register("batch_ids", pa.table({"doc_id": pa.array(doc_ids, pa.string())}))
        try:
            yield
        finally:
            self.con.unregister("batch_ids")

    def _delete(self, tables: Iterable[str], doc_ids: Sequence[str]) -> None:
        with self._batch_ids(doc_ids):
            for table in tables:
                self.con.execute(
                    f"DELETE FROM {table} WHERE doc_id IN (SELECT doc_id FROM batch_ids)"
                )

    def _mark_stale(self) -> None:
        """Record that the exports are behind the tables (kept until the next export)."""
        if not self.changed:
            self.con.execute("INSERT INTO store_state VALUES ('exports', 'stale')")
            self.changed = True

    def _gone(self, keep: Iterable[str]) -> list[str]:
        """Stored doc ids not in ``keep``."""
        with self._batch_ids(sorted(set(keep))):
            rows = self._within_memory(
                lambda: self.con.execute(
                    "SELECT doc_id FROM documents "
                    "WHERE doc_id NOT IN (SELECT doc_id FROM batch_ids) ORDER BY doc_id"
                ).fetchall()
            )
        return [row[0] for row in rows]

    def mark_removed(self, keep: Iterable[str]) -> list[str]:
        """Mark documents not in ``keep`` (files gone from the input) ``removed``.

        Their rows stay in every table; returns the ids of all removed documents.
        """
        with storage_errors(self.path):
            gone = self._gone(keep)
            if not gone:
                return []
            with self._batch_ids(gone), self._transaction():
                updated = self.con.execute(
                    "UPDATE documents SET status = 'removed', "
                    "error = 'file no longer in the input' "
                    "WHERE doc_id IN (SELECT doc_id FROM batch_ids) AND status <> 'removed'"
                ).fetchall()
                if updated and updated[0][0]:
                    self._mark_stale()
        return gone

    def prune(self, keep: Iterable[str]) -> list[str]:
        """Delete every row of the documents not in ``keep``; returns their ids."""
        with storage_errors(self.path):
            gone = self._gone(keep)
            if not gone:
                return []
            self._mark_stale()
            with self._transaction():
                self._delete((*TABLE_NAMES, "file_stats"), gone)
        if self._ids is not None:
            self._ids.difference_update(gone)
        return gone

    def remove_missing(self, keep: Iterable[str]) -> int:
        """Delete documents not in ``keep``; returns how many (``prune``, counted)."""
        return len(self.prune(keep))

    def rename_canonicals(self, mapping: dict[tuple[str, str], str]) -> None:
        """Rewrite canonical names ((kind, old) -> new) in mentions, entities and facts."""
        if not mapping:
            return
        with storage_errors(self.path):
            self._mark_stale()
            with self._transaction():
                for (kind, old), new in mapping.items():
                    self.con.execute(
                        "UPDATE mentions SET canonical = ? WHERE kind = ? AND canonical = ?",
                        [new, kind, old],
                    )
                    self.con.execute(
                        "UPDATE entities SET canonical = ? WHERE kind = ? AND canonical = ?",
                        [new, kind, old],
                    )
                    if kind == "org":
                        self.con.execute("UPDATE entities SET org = ? WHERE org = ?", [new, old])
                    self.con.execute("UPDATE facts SET subject = ? WHERE subject = ?", [new, old])

    def read(self) -> Tables:
        """All four tables, sorted deterministically."""
        frames = {}
        with storage_errors(self.path):
            for table in TABLE_NAMES:
                df = self.con.execute(f"SELECT * FROM {table} ORDER BY {ORDER[table]}").df()
                frames[table] = typed(table, df)
        return Tables(**frames)

    def export(self, formats: Iterable[str] = ("csv", "parquet"), *, force: bool = True) -> Path:
        """Write the exported set (see ``extract.exports``); returns its folder."""
        with storage_errors(self.path):
            # One thread sorts and writes in the least memory; a store too large for the
            # memory limit gets the next one instead of failing.
            self.con.execute("SET threads = 1")
            try:
                folder = self._within_memory(lambda: export_set(self, tuple(formats), force=force))
            finally:
                self.con.execute("RESET threads")
            if self.changed:
                self.con.execute("DELETE FROM store_state WHERE key = 'exports'")
                self.changed = False
        return folder

    def _within_memory(self, work: Callable[[], T]) -> T:
        """``work()``, done again within the next memory limit while DuckDB runs out."""
        while True:
            try:
                return work()
            except duckdb.OutOfMemoryException:
                if self._limit + 1 >= len(MEMORY_LIMITS):
                    raise
                logger.debug("%s: memory limit raised", self.path, exc_info=True)
                self._set_memory_limit(self._limit + 1)

    def _set_memory_limit(self, step: int) -> None:
        self._limit = step
        self.con.execute(f"SET memory_limit = '{MEMORY_LIMITS[step]}'")

    def export_csv(self) -> list[Path]:
        """Export CSV only; returns the paths of the four files beside the database."""
        self.export(("csv",))
        return [self.out_dir / f"{table}.csv" for table in TABLE_NAMES]


def _failed(result: DocumentResult, fingerprint: str, exc: Exception) -> DocRows:
    """The documents row alone of a result whose rows cannot be made, failed with why."""
    logger.debug("%s: cannot store rows", result.document.doc_id, exc_info=True)
    reason = " ".join(f"cannot store rows: {type(exc).__name__}: {exc}".split())
    document = replace(result.document, status="failed", error=reason)
    return document_rows(DocumentResult(document=document), fingerprint)


def _documents_row_only(document: DocRows, reason: str) -> DocRows:
    """``document`` failed with ``reason``: its ``documents`` row alone, with its ids kept."""
    row = dict.fromkeys(SCHEMAS["documents"])
    for stored in document.rows.get("documents", ())[:1]:
        for name, value in zip(SCHEMAS["documents"], stored, strict=True):
            if name in ("source", "sha256", "fingerprint") and isinstance(value, str):
                row[name] = value
    row.update(
        doc_id=document.doc_id,
        reference_from="none",
        status="failed",
        error=reason,
        chars=0,
    )
    rows = {"documents": [tuple(row.values())]}
    return replace(document, status="failed", error=reason, rows=rows)


def _connect(path: Path, wait: float) -> Any:
    """A read-write connection, retried while another program holds the file for ``wait`` s."""
    deadline = time.monotonic() + max(wait, 0.0)
    while True:
        try:
            return duckdb.connect(str(path))
        except duckdb.Error as exc:
            message = first_line(exc)
            if not any(marker in message.lower() for marker in _LOCKED):
                raise OutputError(f"{path}: cannot open database: {message}") from exc
            if time.monotonic() >= deadline:
                raise StoreBusyError(
                    f"{path} is open in another program ({_holder(message)}); "
                    "close it or pass --wait SECONDS"
                ) from exc
            time.sleep(0.5)


def _holder(message: str) -> str:
    """The 'PID n' part of DuckDB's lock message, when it gives one."""
    marker = message.find("PID ")
    if marker < 0:
        return "it holds a lock on the file"
    return message[marker:].split(")")[0]


@contextlib.contextmanager
def storage_errors(path: Path) -> Iterator[None]:
    """Turn ``OSError`` and DuckDB errors inside the block into one-line ``OutputError``."""
    try:
        yield
    except (ExtractError, *_ROW_ERRORS):
        raise
    except OSError as exc:
        where = exc.filename or path
        raise OutputError(f"{where}: {exc.strerror or first_line(exc)}") from exc
    except duckdb.Error as exc:
        raise OutputError(f"{path}: {first_line(exc)}") from exc


def first_line(exc: Any) -> str:
    """The first line of an exception's message, or its type name."""
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
