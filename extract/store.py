"""Output folder: the DuckDB database of record, committed per document.

The database ``extract.duckdb`` holds the four tables. Each document's rows are
replaced in one transaction, so a crash leaves every document either as it was or
fully written. The exported files (CSV, Parquet) are written from it as a set by
``extract.exports``.

Errors: ``OutputError`` when the folder or database cannot be written (a full disk, a
permission, a database error), ``StoreBusyError`` when another program holds the
database open for longer than the run may wait. Bad rows of one document are not
storage errors: ``write`` stores that document as ``failed`` instead.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from extract.errors import ExtractError
from extract.exports import ORDER, export_set
from extract.records import DocumentResult
from extract.tables import SCHEMAS, TABLE_NAMES, Tables, frame, result_rows, typed

logger = logging.getLogger(__name__)

DB_NAME = "extract.duckdb"
# Errors from one document's rows (a value DuckDB cannot take): they fail that document.
_ROW_ERRORS: tuple[type[BaseException], ...] = (
    duckdb.ConversionException,
    duckdb.InvalidInputException,
    ValueError,
    TypeError,
)
_LOCKED = ("could not set lock", "conflicting lock")


class OutputError(ExtractError):
    """The output folder or database cannot be written."""


class StoreBusyError(ExtractError):
    """Another program holds the database open (or another run holds the output folder)."""


def _ddl(table: str) -> str:
    columns = ", ".join(f'"{name}" {sql_type}' for name, sql_type in SCHEMAS[table].items())
    return f"CREATE TABLE IF NOT EXISTS {table} ({columns})"


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
        # True once this connection changed anything the exports show.
        self.changed = False
        with storage_errors(self.path):
            for table in TABLE_NAMES:
                self.con.execute(_ddl(table))
            self._migrate()

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
        with storage_errors(self.path):
            rows = self.con.execute(
                "SELECT doc_id, sha256, fingerprint, status FROM documents"
            ).fetchall()
        return {doc_id: (sha or "", fp or "", status or "") for doc_id, sha, fp, status in rows}

    def write(self, result: DocumentResult, fingerprint: str) -> DocumentResult:
        """Replace one document's rows in all tables, in one transaction.

        Returns the result as stored: when its rows cannot be stored (a value DuckDB
        refuses), the document alone is stored as ``failed`` with the reason.
        Raises ``OutputError`` for storage errors.
        """
        try:
            rows = result_rows(result, fingerprint)
            frames = {t: frame(t, rows[t]) for t in TABLE_NAMES if rows[t]}
        except Exception as exc:  # a bad value in one result fails that document only
            return self._write_failed(result, fingerprint, exc)
        try:
            with storage_errors(self.path):
                self._replace(result.document.doc_id, frames)
        except _ROW_ERRORS as exc:
            return self._write_failed(result, fingerprint, exc)
        return result

    def _write_failed(
        self, result: DocumentResult, fingerprint: str, exc: Exception
    ) -> DocumentResult:
        """Store the document alone, failed with the reason its rows could not be stored."""
        logger.debug("%s: cannot store rows", result.document.doc_id, exc_info=True)
        reason = " ".join(f"cannot store rows: {type(exc).__name__}: {exc}".split())
        failed = DocumentResult(document=replace(result.document, status="failed", error=reason))
        documents = frame("documents", result_rows(failed, fingerprint)["documents"])
        with storage_errors(self.path):
            self._replace(failed.document.doc_id, {"documents": documents})
        return failed

    def _replace(self, doc_id: str, frames: dict[str, pd.DataFrame]) -> None:
        self.con.execute("BEGIN TRANSACTION")
        try:
            for table in TABLE_NAMES:
                self.con.execute(f"DELETE FROM {table} WHERE doc_id = ?", [doc_id])
                if table in frames:
                    self.con.register("batch", frames[table])
                    self.con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM batch")
                    self.con.unregister("batch")
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.changed = True

    def _gone(self, keep: Iterable[str]) -> list[str]:
        """Stored doc ids not in ``keep``."""
        keep_df = pd.DataFrame({"doc_id": sorted(set(keep))}, dtype="object")
        self.con.register("keep_ids", keep_df)
        try:
            rows = self.con.execute(
                "SELECT doc_id FROM documents WHERE doc_id NOT IN (SELECT doc_id FROM keep_ids)"
                " ORDER BY doc_id"
            ).fetchall()
        finally:
            self.con.unregister("keep_ids")
        return [row[0] for row in rows]

    def mark_removed(self, keep: Iterable[str]) -> list[str]:
        """Mark documents not in ``keep`` (files gone from the input) ``removed``.

        Their rows stay in every table; returns the ids of all removed documents.
        """
        with storage_errors(self.path):
            gone = self._gone(keep)
            if not gone:
                return []
            self.con.register("gone_ids", pd.DataFrame({"doc_id": gone}, dtype="object"))
            try:
                updated = self.con.execute(
                    "UPDATE documents SET status = 'removed', "
                    "error = 'file no longer in the input' "
                    "WHERE doc_id IN (SELECT doc_id FROM gone_ids) AND status <> 'removed'"
                ).fetchone()
            finally:
                self.con.unregister("gone_ids")
        if updated and updated[0]:
            self.changed = True
        return gone

    def prune(self, keep: Iterable[str]) -> list[str]:
        """Delete every row of the documents not in ``keep``; returns their ids."""
        with storage_errors(self.path):
            gone = self._gone(keep)
            if not gone:
                return []
            self.con.register("gone_ids", pd.DataFrame({"doc_id": gone}, dtype="object"))
            self.con.execute("BEGIN TRANSACTION")
            try:
                for table in TABLE_NAMES:
                    self.con.execute(
                        f"DELETE FROM {table} WHERE doc_id IN (SELECT doc_id FROM gone_ids)"
                    )
                self.con.execute("COMMIT")
            except BaseException:
                self.con.execute("ROLLBACK")
                raise
            finally:
                self.con.unregister("gone_ids")
        self.changed = True
        return gone

    def remove_missing(self, keep: Iterable[str]) -> int:
        """Delete documents not in ``keep``; returns how many (``prune``, counted)."""
        return len(self.prune(keep))

    def rename_canonicals(self, mapping: dict[tuple[str, str], str]) -> None:
        """Rewrite canonical names ((kind, old) -> new) in mentions, entities and facts."""
        if not mapping:
            return
        with storage_errors(self.path):
            self.con.execute("BEGIN TRANSACTION")
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
            self.con.execute("COMMIT")
        self.changed = True

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
            return export_set(self, tuple(formats), force=force)

    def export_csv(self) -> list[Path]:
        """Export CSV only; returns the paths of the four files beside the database."""
        self.export(("csv",))
        return [self.out_dir / f"{table}.csv" for table in TABLE_NAMES]


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
