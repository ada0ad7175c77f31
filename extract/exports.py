"""The exported files: CSV and Parquet of the four tables, written from the store as a set.

Layout of an output folder::

    extract.duckdb                  the database of record (extract.store)
    .exports/gen-000042/            one generation: documents.csv ... facts.parquet,
                                    manifest.json (generation id, formats, row counts)
    current -> .exports/gen-000042  switched in one rename once a generation is complete
    documents.csv -> current/documents.csv, ...   one stable link per exported file

A reader that opens ``current/`` (or resolves it once) sees the files of one run, never
a mix; a generation stays on disk until two newer ones exist. Files are created with
the user's umask. CSV cells of text columns that begin with ``= + - @`` (or a tab or
carriage return) get a leading ``'`` so spreadsheets do not run them as formulas;
Parquet and the database keep the raw value.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from extract.tables import TABLE_NAMES

FORMATS = ("csv", "parquet")
# Sort order of each table in reads and exports.
ORDER = {
    "documents": "doc_id",
    "mentions": 'doc_id, start, "end", mention_id',
    "entities": "doc_id, kind, canonical",
    "facts": "doc_id, fact_id",
}

PARQUET_ROW_GROUP = 16_384
EXPORTS_DIR = ".exports"
CURRENT = "current"
MANIFEST = "manifest.json"
# Generations kept on disk: the current one and the one before it.
KEEP_GENERATIONS = 2
_GENERATION = re.compile(r"gen-(\d+)")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A signed number is data, not a formula, even with a leading sign: -3.5, +12%, -1,200.
_SIGNED_NUMBER = re.compile(r"[+-]?[0-9][0-9,]*(?:\.[0-9]+)?%?")


def parse_formats(text: str) -> tuple[str, ...]:
    """``csv,parquet`` -> ('csv', 'parquet'); raises ValueError naming an unknown format."""
    names = tuple(dict.fromkeys(part.strip().lower() for part in text.split(",") if part.strip()))
    unknown = [name for name in names if name not in FORMATS]
    if unknown or not names:
        raise ValueError(f"unknown format {', '.join(unknown) or text!r}; use csv, parquet")
    return names


def export_set(store: Any, formats: Sequence[str], *, force: bool = True) -> Path:
    """Write a new generation of the exported files and switch ``current`` to it.

    Without ``force`` nothing is written when the store did not change and the current
    set has every format asked for. Stale temporary folders, generations older than
    the last ``KEEP_GENERATIONS`` and temporary files of older versions are removed.
    Returns the generation folder. Raises ``OSError`` or DuckDB errors; the previous
    set stays current when writing fails.
    """
    out: Path = store.out_dir
    root = out / EXPORTS_DIR
    root.mkdir(exist_ok=True)
    current = out / CURRENT
    sweep(out)
    if not force and not store.changed and _has_formats(current, formats):
        _link_files(out, formats)
        return current.resolve()
    generation = f"gen-{_last_generation(root) + 1:06d}"
    tmp = root / f".tmp-{generation}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    try:
        counts = {}
        for table in TABLE_NAMES:
            if "csv" in formats:
                counts[table] = write_csv(store.con, table, tmp / f"{table}.csv")
            if "parquet" in formats:
                counts[table] = write_parquet(store.con, table, tmp / f"{table}.parquet")
        manifest = {
            "generation": generation,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "formats": list(formats),
            "rows": counts,
        }
        with (tmp / MANIFEST).open("w", encoding="utf-8") as fh:
            json.dump(manifest, fh, indent=2)
            fh.write("\n")
            _sync(fh)
        _sync_dir(tmp)
        final = root / generation
        tmp.rename(final)
        _sync_dir(root)
        _replace_link(current, Path(EXPORTS_DIR) / generation)
        _link_files(out, formats)
        _sync_dir(out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    sweep(out)
    return final


def write_csv(con: Any, table: str, path: Path) -> int:
    """One table as CSV, streamed by DuckDB: memory does not grow with the table.

    Numbers as a person writes them (113100000000, 39.14, never an exponent), dates as
    ISO, nulls as empty cells, formula cells neutralized (``neutralize``), RFC 4180
    quoting, a header row and ``\\n`` line ends.
    """
    csv_macros(con)
    columns = ", ".join(
        f"{_CSV_CELL.get(sql_type, '{column}').format(column=_quoted(name))} AS {_quoted(name)}"
        for name, sql_type in _columns(con, table)
    )
    con.execute(
        f"COPY (SELECT {columns} FROM {table} ORDER BY {ORDER[table]}) TO {_literal(path)} "
        "(FORMAT CSV, HEADER, DELIMITER ',', QUOTE '\"', ESCAPE '\"', NEW_LINE '\\n', COMMENT '')"
    )
    with path.open("rb") as fh:
        os.fsync(fh.fileno())
    row = con.execute(f"SELECT count(*) FROM {table}").fetchone()
    return int(row[0]) if row else 0


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _columns(con: Any, table: str) -> list[tuple[str, str]]:
    """The table's columns with their types, in the database's order (as ``SELECT *``)."""
    return [(row[0], row[1]) for row in con.execute(f"DESCRIBE {table}").fetchall()]


# How a column of each type is written into CSV cells (SQL over the column); others as is.
_CSV_CELL = {"VARCHAR": "csv_text({column})", "DOUBLE": "csv_number({column})"}
# ``csv_text`` is ``neutralize`` in SQL (an empty text is an empty cell, like a null).
# ``csv_number`` is ``numpy.format_float_positional(x, trim="-")``: DuckDB writes a double
# with the shortest digits that read back to it (those of Python's repr), with an
# exponent when it is large or small; the exponent is moved into the digits.
_CSV_MACROS = (
    r"""CREATE OR REPLACE TEMP MACRO csv_text(v) AS CASE
        WHEN v = '' THEN NULL
        WHEN left(v, 1) IN ('=', '+', '-', '@', chr(9), chr(13))
            AND NOT regexp_full_match(v, '[+-]?[0-9][0-9,]*(?:[.][0-9]+)?%?') THEN '''' || v
        ELSE v END""",
    "CREATE OR REPLACE TEMP MACRO csv_digits(m) AS replace(replace(m, '-', ''), '.', '')",
    """CREATE OR REPLACE TEMP MACRO csv_point(m, e) AS
        coalesce(nullif(strpos(replace(m, '-', ''), '.'), 0) - 1, length(replace(m, '-', '')))
        + e""",
    """CREATE OR REPLACE TEMP MACRO csv_positional(sign, d, p) AS sign || CASE
        WHEN p <= 0 THEN '0.' || repeat('0', -p) || d
        WHEN p >= length(d) THEN d || repeat('0', p - length(d))
        ELSE d[1:p] || '.' || d[p + 1:] END""",
    """CREATE OR REPLACE TEMP MACRO csv_number(v) AS CASE
        WHEN v IS NULL THEN NULL
        WHEN NOT contains(CAST(v AS VARCHAR), 'e')
            THEN regexp_replace(CAST(v AS VARCHAR), '[.]0$', '')
        ELSE csv_positional(
            CASE WHEN v < 0 THEN '-' ELSE '' END,
            csv_digits(split_part(CAST(v AS VARCHAR), 'e', 1)),
            csv_point(split_part(CAST(v AS VARCHAR), 'e', 1),
                      TRY_CAST(split_part(CAST(v AS VARCHAR), 'e', 2) AS INTEGER))) END""",
)


def csv_macros(con: Any) -> None:
    """Define the SQL macros ``csv_text`` and ``csv_number`` on ``con`` (temporary)."""
    for statement in _CSV_MACROS:
        con.execute(statement)


def write_parquet(con: Any, table: str, path: Path) -> int:
    """One table as Parquet, with the database's column types, straight from DuckDB."""
    target = str(path).replace("'", "''")
    con.execute(
        f"COPY (SELECT * FROM {table} ORDER BY {ORDER[table]}) TO '{target}' "
        # Row groups small enough to be written within the store's memory limit.
        f"(FORMAT PARQUET, ROW_GROUP_SIZE {PARQUET_ROW_GROUP})"
    )
    with path.open("rb") as fh:
        os.fsync(fh.fileno())
    row = con.execute(f"SELECT count(*) FROM {table}").fetchone()
    return int(row[0]) if row else 0


def neutralize(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula, prefixed with ``'``.

    Cells beginning with ``= + - @``, a tab or a carriage return are prefixed, unless
    the whole cell is a signed number (``-3.5``, ``+12%``).
    """
    if (
        isinstance(value, str)
        and value.startswith(_FORMULA_START)
        and not _SIGNED_NUMBER.fullmatch(value)
    ):
        return "'" + value
    return value


def sweep(out: Path) -> None:
    """Remove what killed or older runs left: temporary folders and files, old generations."""
    root = out / EXPORTS_DIR
    keep: set[str] = set()
    current = out / CURRENT
    if current.is_symlink():
        keep.add(current.readlink().name)
    if root.is_dir():
        generations = sorted(
            (p for p in root.iterdir() if _GENERATION.fullmatch(p.name)),
            key=lambda p: int(p.name[4:]),
        )
        keep.update(p.name for p in generations[-KEEP_GENERATIONS:])
        for path in root.iterdir():
            if path.name.startswith(".tmp-") or (
                _GENERATION.fullmatch(path.name) and path.name not in keep
            ):
                shutil.rmtree(path, ignore_errors=True)
    for path in out.glob(".*.tmp"):
        with contextlib.suppress(OSError):
            path.unlink()


def _has_formats(current: Path, formats: Sequence[str]) -> bool:
    try:
        manifest = json.loads((current / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return set(formats) <= set(manifest.get("formats", ()))


def _last_generation(root: Path) -> int:
    numbers = [int(m.group(1)) for p in root.iterdir() if (m := _GENERATION.fullmatch(p.name))]
    return max(numbers, default=0)


def _link_files(out: Path, formats: Sequence[str]) -> None:
    """Stable links ``OUT/TABLE.EXT -> current/TABLE.EXT``; links of other formats removed."""
    for table in TABLE_NAMES:
        for fmt in FORMATS:
            link = out / f"{table}.{fmt}"
            if fmt in formats:
                target = Path(CURRENT) / link.name
                if not (link.is_symlink() and link.readlink() == target):
                    _replace_link(link, target)
            elif link.is_symlink():
                link.unlink()


def _replace_link(link: Path, target: Path) -> None:
    """Point ``link`` at ``target`` in one rename (replacing a file or link there)."""
    tmp = link.with_name(f".{link.name}.link.tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    tmp.symlink_to(target)
    tmp.replace(link)


def _sync(fh: Any) -> None:
    fh.flush()
    os.fsync(fh.fileno())


def _sync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
