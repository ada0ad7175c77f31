"""Output folder: the DuckDB database (committed per document) and the CSV exports.

The database ``extract.duckdb`` holds the four tables. Each document's rows are
replaced in one transaction, so a crash leaves every document either as it was or
fully written. CSVs are exported from the database at the end of a run, each to a
temporary file first and then renamed over the old one.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from extract.errors import ExtractError
from extract.records import DocumentResult
from extract.tables import SCHEMAS, TABLE_NAMES, Tables, frame, result_rows, typed

DB_NAME = "extract.duckdb"


class OutputError(ExtractError):
    """The output folder or database cannot be written."""


def _ddl(table: str) -> str:
    columns = ", ".join(f'"{name}" {sql_type}' for name, sql_type in SCHEMAS[table].items())
    return f"CREATE TABLE IF NOT EXISTS {table} ({columns})"


class Store:
    """The run's output database. Use as a context manager."""

    def __init__(self, out_dir: str | Path, *, read_only: bool = False) -> None:
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
        try:
            self.con = duckdb.connect(str(self.path))
        except duckdb.Error as exc:
            raise OutputError(f"{self.path}: cannot open database: {_first_line(exc)}") from exc
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
            raise OutputError(f"{self.path}: cannot open database: {_first_line(exc)}") from exc

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
        rows = self.con.execute("SELECT doc_id, sha256, fingerprint, status FROM documents")
        return {
            doc_id: (sha or "", fp or "", status or "")
            for doc_id, sha, fp, status in rows.fetchall()
        }

    def write(self, result: DocumentResult, fingerprint: str) -> None:
        """Replace one document's rows in all tables, in one transaction."""
        doc_id = result.document.doc_id
        rows = result_rows(result, fingerprint)
        self.con.execute("BEGIN TRANSACTION")
        try:
            for table in TABLE_NAMES:
                self.con.execute(f"DELETE FROM {table} WHERE doc_id = ?", [doc_id])
                if rows[table]:
                    self.con.register("batch", frame(table, rows[table]))
                    self.con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM batch")
                    self.con.unregister("batch")
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    def remove_missing(self, keep: Iterable[str]) -> int:
        """Delete documents not in ``keep`` (files gone from the input); returns how many."""
        keep_df = pd.DataFrame({"doc_id": sorted(set(keep))}, dtype="object")
        self.con.register("keep_ids", keep_df)
        gone = self.con.execute(
            "SELECT count(*) FROM documents WHERE doc_id NOT IN (SELECT doc_id FROM keep_ids)"
        ).fetchone()
        self.con.execute("BEGIN TRANSACTION")
        for table in TABLE_NAMES:
            self.con.execute(
                f"DELETE FROM {table} WHERE doc_id NOT IN (SELECT doc_id FROM keep_ids)"
            )
        self.con.execute("COMMIT")
        self.con.unregister("keep_ids")
        return int(gone[0]) if gone else 0

    def rename_canonicals(self, mapping: dict[tuple[str, str], str]) -> None:
        """Rewrite canonical names ((kind, old) -> new) in mentions, entities and facts."""
        if not mapping:
            return
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

    def read(self) -> Tables:
        """All four tables, sorted deterministically."""
        order = {
            "documents": "doc_id",
            "mentions": 'doc_id, start, "end", mention_id',
            "entities": "doc_id, kind, canonical",
            "facts": "doc_id, fact_id",
        }
        frames = {}
        for table in TABLE_NAMES:
            df = self.con.execute(f"SELECT * FROM {table} ORDER BY {order[table]}").df()
            frames[table] = typed(table, df)
        return Tables(**frames)

    def export_csv(self) -> list[Path]:
        """Write every table as CSV beside the database, atomically; returns the paths."""
        tables = self.read()
        written = []
        for table in TABLE_NAMES:
            target = self.out_dir / f"{table}.csv"
            write_csv_atomic(getattr(tables, table), target)
            written.append(target)
        return written


def format_for_csv(df: pd.DataFrame) -> pd.DataFrame:
    """Numbers as written by a person (113100000000, 39.14), dates as ISO, nulls empty."""
    out = df.copy()
    for column in out.columns:
        series = out[column]
        if pd.api.types.is_float_dtype(series.dtype):
            out[column] = [
                "" if pd.isna(x) else np.format_float_positional(float(x), trim="-") for x in series
            ]
        elif pd.api.types.is_datetime64_any_dtype(series.dtype):
            out[column] = series.dt.strftime("%Y-%m-%d").fillna("")
        elif pd.api.types.is_integer_dtype(series.dtype):
            out[column] = ["" if pd.isna(x) else str(int(x)) for x in series]
        else:
            out[column] = series.astype("object").where(series.notna(), "")
    return out


def write_csv_atomic(df: pd.DataFrame, target: Path) -> None:
    """Write ``df`` to ``target`` through a temporary file in the same folder."""
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            format_for_csv(df).to_csv(fh, index=False, lineterminator="\n")
            fh.flush()
            os.fsync(fh.fileno())
        Path(tmp).replace(target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _first_line(exc: Any) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
