"""Read an output folder's store (read-only) into per-document records for the report."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from extract.errors import ExtractError
from extract.store import DB_NAME

# Columns the report reads from each table, in the order of the record fields below.
DOC_COLUMNS = (
    "doc_id",
    "source",
    "sha256",
    "title",
    "published",
    "reference_date",
    "reference_from",
    "language",
    "status",
    "error",
    "encoding",
    "reader",
    "chars",
    "text",
)
MENTION_COLUMNS = (
    "doc_id",
    "mention_id",
    "kind",
    "text",
    "start",
    "end",
    "value",
    "value_low",
    "value_high",
    "unit",
    "qualifier",
    "date_start",
    "date_end",
    "granularity",
    "period",
    "canonical",
    "status",
)
FACT_COLUMNS = (
    "doc_id",
    "fact_id",
    "subject",
    "segment",
    "metric",
    "period",
    "value",
    "value_low",
    "value_high",
    "unit",
    "qualifier",
    "change_value",
    "change_unit",
    "change_basis",
    "modality",
    "evidence_start",
    "evidence_end",
    "value_mention_id",
    "change_mention_id",
)
ENTITY_COLUMNS = ("doc_id", "kind", "canonical", "aliases", "mentions", "role", "org")
TEXT_READERS = frozenset({"txt", "text"})


class ReportError(ExtractError):
    """The output folder cannot be reported on (no store, unreadable store, bad target)."""


@dataclass(frozen=True, slots=True)
class Row:
    """One table row as a read-only mapping of column -> value (None for SQL NULL)."""

    values: dict[str, Any]

    def __getitem__(self, column: str) -> Any:
        return self.values[column]

    def text(self, column: str) -> str:
        value = self.values[column]
        return "" if value is None else str(value)


@dataclass(slots=True)
class DocRecord:
    """A document row with its mentions, facts and entities."""

    row: Row
    mentions: list[Row] = field(default_factory=list)
    facts: list[Row] = field(default_factory=list)
    entities: list[Row] = field(default_factory=list)

    @property
    def doc_id(self) -> str:
        return self.row.text("doc_id")


@dataclass(frozen=True, slots=True)
class DocText:
    """The text a document's offsets refer to, or why it is not available."""

    text: str | None
    note: str = ""


def open_store(out_dir: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to ``out_dir/extract.duckdb``."""
    path = out_dir / DB_NAME
    if not path.is_file():
        raise ReportError(f"{path}: no such file (run `extract run ... --out {out_dir}` first)")
    try:
        return duckdb.connect(str(path), read_only=True)
    except duckdb.Error as exc:
        message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ReportError(f"{path}: cannot open the store read-only: {message}") from exc


def _select(
    con: duckdb.DuckDBPyConnection, table: str, columns: Sequence[str], order: str
) -> list[Row]:
    """All rows of ``table``; a column the store lacks reads as NULL."""
    try:
        have = {r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()}
    except duckdb.Error as exc:
        raise ReportError(f"store has no table {table!r}") from exc
    exprs = ", ".join(f'"{c}"' if c in have else f'NULL AS "{c}"' for c in columns)
    rows = con.execute(f"SELECT {exprs} FROM {table} ORDER BY {order}").fetchall()
    return [Row(dict(zip(columns, r, strict=True))) for r in rows]


def load_documents(out_dir: Path) -> list[DocRecord]:
    """Every document of the store with its rows, in doc_id order."""
    con = open_store(out_dir)
    try:
        docs = [DocRecord(r) for r in _select(con, "documents", DOC_COLUMNS, "doc_id")]
        by_id = {d.doc_id: d for d in docs}
        for row in _select(con, "mentions", MENTION_COLUMNS, 'doc_id, start, "end" DESC'):
            if (doc := by_id.get(row.text("doc_id"))) is not None:
                doc.mentions.append(row)
        for row in _select(con, "facts", FACT_COLUMNS, "doc_id, evidence_start, fact_id"):
            if (doc := by_id.get(row.text("doc_id"))) is not None:
                doc.facts.append(row)
        for row in _select(con, "entities", ENTITY_COLUMNS, "doc_id, kind, canonical"):
            if (doc := by_id.get(row.text("doc_id"))) is not None:
                doc.entities.append(row)
    finally:
        con.close()
    return docs


def document_text(doc: Row, roots: Iterable[Path]) -> DocText:
    """The text of a document: the stored text for PDF and HTML, the file for plain text.

    A plain-text file is looked up as ``source`` itself, then under each of ``roots``
    (the folders given to ``extract run``); it is used only when its bytes still have
    the stored sha256, since offsets into a changed file would mark the wrong words.
    """
    if doc.text("status") != "ok":
        return DocText(None, "")
    if doc.text("reader") not in TEXT_READERS:
        stored = doc.text("text")
        return DocText(stored) if stored else DocText(None, "the store holds no text for it")
    source = doc.text("source") or doc.text("doc_id")
    candidates = [Path(source), *(root / source for root in roots)]
    changed = ""
    for path in candidates:
        try:
            data = path.read_bytes()
        except OSError:
            continue
        if doc.text("sha256") and hashlib.sha256(data).hexdigest() != doc.text("sha256"):
            changed = str(path)
            continue
        try:
            return DocText(data.decode(doc.text("encoding") or "utf-8"))
        except (UnicodeDecodeError, LookupError) as exc:
            return DocText(None, f"{path}: cannot decode as {doc.text('encoding')}: {exc}")
    if changed:
        return DocText(None, f"{changed} changed since the run (its sha256 differs)")
    searched = ", ".join(str(p) for p in candidates)
    return DocText(None, f"file not found (looked for {searched})")
