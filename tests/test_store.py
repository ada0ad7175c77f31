"""Output folder: per-document commits, incremental state, atomic CSV, number formatting."""

from __future__ import annotations

import errno
import json
import os
import random
import stat
import subprocess
import sys
import time
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from extract import exports
from extract.records import Document, DocumentResult, Fact, Mention
from extract.store import DocRows, OutputError, Store, StoreBusyError, document_rows
from extract.tables import SCHEMAS


def _result(doc_id: str, value: str = "113.1e9") -> DocumentResult:
    doc = Document(
        doc_id=doc_id,
        source=doc_id,
        path=doc_id,
        sha256="s" + doc_id,
        text="t",
        reference_date=date(2025, 11, 19),
        reference_from="cli",
        language="en",
        reader="txt",
    )
    mention = Mention(
        kind="money",
        start=0,
        end=1,
        text="t",
        source_stage="regex",
        value=Decimal(value),
        value_low=Decimal(value),
        value_high=Decimal(value),
        unit="CNY",
        qualifier="exact",
        mention_id="m001",
        sentence_start=0,
        sentence_end=1,
    )
    fact = Fact(
        subject="Acme",
        metric="revenue",
        period="2025-Q3",
        evidence_start=0,
        evidence_end=1,
        value=Decimal(value),
        unit="CNY",
        fact_id="f001",
    )
    return DocumentResult(document=doc, mentions=(mention,), facts=(fact,))


def test_store_write_replaces_document_rows(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        store.write(_result("a"), "fp1")
        store.write(_result("a", "5"), "fp2")
        store.write(_result("b"), "fp1")
        tables = store.read()
        assert list(tables.mentions["doc_id"]) == ["a", "b"]
        assert store.state()["a"] == ("sa", "fp2", "ok")


def test_store_remove_missing(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        store.write(_result("a"), "fp")
        store.write(_result("b"), "fp")
        assert store.remove_missing(["b"]) == 1
        assert list(store.read().documents["doc_id"]) == ["b"]
        assert list(store.read().facts["doc_id"]) == ["b"]


def test_store_export_csv_has_every_column_and_exact_numbers(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        store.write(_result("a"), "fp")
        store.export_csv()
    for table, schema in SCHEMAS.items():
        df = pd.read_csv(tmp_path / f"{table}.csv", dtype=str, keep_default_na=False)
        assert list(df.columns) == list(schema)
    mentions = pd.read_csv(tmp_path / "mentions.csv", dtype=str, keep_default_na=False)
    assert mentions.loc[0, "value"] == "113100000000"
    documents = pd.read_csv(tmp_path / "documents.csv", dtype=str, keep_default_na=False)
    assert documents.loc[0, "reference_date"] == "2025-11-19"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (113100000000.0, "113100000000"),
        (39.14, "39.14"),
        (0.4, "0.4"),
        (-4.02, "-4.02"),
        (1e20, "100000000000000000000"),
        (2.5e-10, "0.00000000025"),
        (-1.2345678901234568e16, "-12345678901234568"),
        (None, ""),
    ],
)
def test_store_csv_numbers_as_written(value: float | None, text: str) -> None:
    with duckdb.connect() as con:
        exports.csv_macros(con)
        (cell,) = con.execute("SELECT csv_number(CAST(? AS DOUBLE))", [value]).fetchone()
    assert (cell or "") == text


def test_store_csv_numbers_match_numpy_positional() -> None:
    rng = random.Random(7)
    values = [rng.uniform(-1, 1) * 10.0 ** rng.randint(-30, 30) for _ in range(3000)]
    values += [round(rng.uniform(-1e6, 1e6), rng.randint(0, 4)) for _ in range(3000)]
    with duckdb.connect() as con:
        exports.csv_macros(con)
        con.execute("CREATE TABLE v (x DOUBLE)")
        con.executemany("INSERT INTO v VALUES (?)", [[x] for x in values])
        rows = con.execute("SELECT x, csv_number(x) FROM v").fetchall()
    wrong = [(x, cell) for x, cell in rows if cell != np.format_float_positional(x, trim="-")]
    assert wrong == []


def test_store_export_failure_keeps_previous_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store(tmp_path) as store:
        store.write(_result("a"), "fp")
        store.export()
        before = (tmp_path / "current").resolve()
        store.write(_result("b"), "fp")
        calls = []

        def full_disk(con: object, table: str, path: Path) -> int:
            calls.append(table)
            if len(calls) == 2:
                raise OSError(errno.ENOSPC, "No space left on device", str(path))
            path.write_text("partial\n")
            return 0

        monkeypatch.setattr(exports, "write_csv", full_disk)
        with pytest.raises(OutputError, match="No space left on device"):
            store.export()
    assert (tmp_path / "current").resolve() == before
    documents = pd.read_csv(tmp_path / "documents.csv", dtype=str)
    assert list(documents["doc_id"]) == ["a"]
    assert [p.name for p in (tmp_path / ".exports").iterdir()] == [before.name]


def test_store_export_is_a_set_swapped_in_and_old_ones_swept(tmp_path: Path) -> None:
    (tmp_path / ".mentions.csv.abc123.tmp").write_text("left by a killed run")
    with Store(tmp_path) as store:
        store.write(_result("a"), "fp")
        first = store.export()
        (tmp_path / ".exports" / ".tmp-gen-000009").mkdir()
        store.write(_result("b"), "fp")
        second = store.export()
        third = store.export()
    assert (tmp_path / "current").resolve() == third.resolve()
    assert sorted(p.name for p in (tmp_path / ".exports").iterdir()) == [second.name, third.name]
    assert not first.exists()
    assert not list(tmp_path.glob(".*.tmp"))
    manifest = json.loads((tmp_path / "current" / "manifest.json").read_text())
    assert manifest["generation"] == third.name
    assert manifest["rows"]["documents"] == 2
    for table in SCHEMAS:
        assert (tmp_path / f"{table}.csv").resolve().parent == third.resolve()
        assert (tmp_path / f"{table}.parquet").resolve().parent == third.resolve()


def test_store_export_skipped_when_nothing_changed(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        store.write(_result("a"), "fp")
        first = store.export(force=False)
    with Store(tmp_path) as store:
        assert store.export(force=False) == first.resolve()
        assert store.export(("csv",), force=False) == first.resolve()


def test_store_export_csv_only_removes_parquet_links(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        store.write(_result("a"), "fp")
        store.export(("csv", "parquet"))
        store.export(("csv",))
    assert (tmp_path / "mentions.csv").exists()
    assert not (tmp_path / "mentions.parquet").exists()
    assert not (tmp_path / "mentions.parquet").is_symlink()


def test_store_parquet_has_database_types(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        store.write(_result("a"), "fp")
        store.export()
        con = store.con
        for table in SCHEMAS:
            target = str(tmp_path / f"{table}.parquet")
            got = con.execute(f"DESCRIBE SELECT * FROM read_parquet('{target}')").fetchall()
            want = con.execute(f"DESCRIBE {table}").fetchall()
            assert [(r[0], r[1]) for r in got] == [(r[0], r[1]) for r in want]
    mentions = _parquet(tmp_path / "mentions.parquet")
    assert mentions.loc[0, "value"] == pytest.approx(113.1e9)
    documents = _parquet(tmp_path / "documents.parquet")
    assert str(documents.loc[0, "reference_date"])[:10] == "2025-11-19"


def _parquet(path: Path) -> pd.DataFrame:
    with duckdb.connect() as con:
        return con.execute("SELECT * FROM read_parquet(?)", [str(path)]).df()


def test_store_outputs_follow_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        with Store(tmp_path / "out") as store:
            store.write(_result("a"), "fp")
            store.export()
    finally:
        os.umask(old)
    current = (tmp_path / "out" / "current").resolve()
    for path in [*current.iterdir(), tmp_path / "out" / "extract.duckdb"]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o640, path.name
    assert stat.S_IMODE(current.stat().st_mode) == 0o750


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
        ("+1+cmd", "'+1+cmd"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("-3.5", "-3.5"),
        ("+12%", "+12%"),
        ("-1,200", "-1,200"),
        ("Acme", "Acme"),
        ("", ""),
    ],
)
def test_store_csv_neutralizes_formula_cells(cell: str, written: str) -> None:
    assert exports.neutralize(cell) == written
    with duckdb.connect() as con:
        exports.csv_macros(con)
        (sql,) = con.execute("SELECT csv_text(?)", [cell]).fetchone()
    assert (sql or "") == written


def test_store_csv_neutralized_but_database_keeps_raw(tmp_path: Path) -> None:
    doc = _result("=cmd|calc.txt")
    with Store(tmp_path) as store:
        store.write(doc, "fp")
        store.export()
        raw = store.con.execute("SELECT doc_id FROM documents").fetchone()
    assert raw == ("=cmd|calc.txt",)
    documents = pd.read_csv(tmp_path / "documents.csv", dtype=str)
    assert documents.loc[0, "doc_id"] == "'=cmd|calc.txt"
    mentions = pd.read_csv(tmp_path / "mentions.csv", dtype=str)
    assert mentions.loc[0, "value"] == "113100000000"
    assert _parquet(tmp_path / "documents.parquet").loc[0, "doc_id"] == "=cmd|calc.txt"


def test_store_mark_removed_keeps_rows_and_prune_deletes(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        store.write(_result("a"), "fp")
        store.write(_result("b"), "fp")
        assert store.mark_removed(["b"]) == ["a"]
        assert store.mark_removed(["b"]) == ["a"]
        tables = store.read()
        status = dict(zip(tables.documents["doc_id"], tables.documents["status"], strict=True))
        assert status == {"a": "removed", "b": "ok"}
        assert list(tables.facts["doc_id"]) == ["a", "b"]
        assert store.prune(["b"]) == ["a"]
        assert list(store.read().mentions["doc_id"]) == ["b"]


def test_store_bad_row_fails_that_document_only(tmp_path: Path) -> None:
    bad = _result("a")
    bad = replace(bad, mentions=(replace(bad.mentions[0], start="not a number"),))  # type: ignore[arg-type]
    with Store(tmp_path) as store:
        stored = store.write(bad, "fp")
        store.write(_result("b"), "fp")
        tables = store.read()
    assert stored.document.status == "failed"
    assert stored.document.error.startswith("cannot store rows:")
    assert list(tables.documents["status"]) == ["failed", "ok"]
    assert list(tables.mentions["doc_id"]) == ["b"]


def test_store_storage_error_is_one_line_output_error(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        store.con.close()
        with pytest.raises(OutputError) as info:
            store.write(_result("a"), "fp")
    assert "\n" not in str(info.value)
    assert str(tmp_path) in str(info.value)


def test_store_busy_database_waits_then_raises(tmp_path: Path) -> None:
    Store(tmp_path).close()
    with subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; c = duckdb.connect(sys.argv[1], read_only=True); "
            "print('open', flush=True); time.sleep(30)",
            str(tmp_path / "extract.duckdb"),
        ],
        stdout=subprocess.PIPE,
        text=True,
    ) as holder:
        try:
            assert holder.stdout is not None
            assert holder.stdout.readline().strip() == "open"
            started = time.monotonic()
            with pytest.raises(StoreBusyError, match="open in another program"):
                Store(tmp_path, wait=1.0)
            assert time.monotonic() - started >= 1.0
        finally:
            holder.kill()


def _rows(doc_id: str, value: str = "113.1e9") -> DocRows:
    return document_rows(_result(doc_id, value), "fp", size=10, mtime_ns=20)


def test_store_group_is_one_transaction_and_earlier_groups_stay(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store(tmp_path) as store:
        store.write_many([_rows("a"), _rows("b")])
        original = store.con.execute

        def fail_on_insert(sql: str, *args: object) -> object:
            if sql.startswith("INSERT INTO facts"):
                raise duckdb.IOException("No space left on device")
            return original(sql, *args)

        monkeypatch.setattr(store, "con", _Wrapped(store.con, fail_on_insert))
        with pytest.raises(OutputError, match="No space left on device"):
            store.write_many([_rows("a", "5"), _rows("c")])
        monkeypatch.undo()
        tables = store.read()
    assert list(tables.documents["doc_id"]) == ["a", "b"]
    assert list(tables.mentions["value"]) == [113.1e9, 113.1e9]
    assert list(tables.facts["doc_id"]) == ["a", "b"]


class _Wrapped:
    """A connection whose ``execute`` is replaced."""

    def __init__(self, con: object, execute: object) -> None:
        self._con = con
        self.execute = execute

    def __getattr__(self, name: str) -> object:
        return getattr(self._con, name)


def test_store_group_replaces_stored_documents_and_records_stats(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        store.write_many([_rows("a")])
        stored = store.write_many([_rows("a", "5"), _rows("b")], seen=[("z", 1, 2)])
        tables = store.read()
        assert [d.status for d in stored] == ["ok", "ok"]
        assert list(tables.mentions["doc_id"]) == ["a", "b"]
        assert list(tables.mentions["value"]) == [5.0, 113.1e9]
        assert store.stats() == {"a": (10, 20), "b": (10, 20), "z": (1, 2)}


def test_store_bad_row_in_a_group_fails_that_document_only(tmp_path: Path) -> None:
    bad = _rows("b")
    mention = list(bad.rows["mentions"][0])
    mention[list(SCHEMAS["mentions"]).index("start")] = "not a number"
    bad = replace(bad, rows={**bad.rows, "mentions": [tuple(mention)]})
    with Store(tmp_path) as store:
        stored = store.write_many([_rows("a"), bad, _rows("c")])
        tables = store.read()
    assert [d.status for d in stored] == ["ok", "failed", "ok"]
    assert stored[1].error.startswith("cannot store rows:")
    assert list(tables.documents["status"]) == ["ok", "failed", "ok"]
    assert list(tables.documents["sha256"]) == ["sa", "sb", "sc"]
    assert list(tables.mentions["doc_id"]) == ["a", "c"]


def test_store_exports_behind_the_tables_survive_a_killed_run(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        assert not store.changed
        store.write_many([_rows("a")])
    with Store(tmp_path) as store:
        assert store.changed
        store.export()
    with Store(tmp_path) as store:
        assert not store.changed
        assert store.mark_removed(["b"]) == ["a"]
        assert store.changed
        store.export()
    with Store(tmp_path) as store:
        assert store.mark_removed(["b"]) == ["a"]
        assert not store.changed


def test_store_out_of_memory_is_done_again_within_the_next_limit(tmp_path: Path) -> None:
    calls = []

    def work() -> str:
        calls.append(store.con.execute("SELECT current_setting('memory_limit')").fetchall())
        if len(calls) == 1:
            raise duckdb.OutOfMemoryException("could not allocate block")
        return "done"

    with Store(tmp_path) as store:
        assert store._within_memory(work) == "done"
    assert len(calls) == 2
    assert calls[0] != calls[1]
