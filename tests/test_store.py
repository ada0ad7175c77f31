"""Output folder: per-document commits, incremental state, atomic CSV, number formatting."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from extract.records import Document, DocumentResult, Fact, Mention
from extract.store import Store, format_for_csv, write_csv_atomic
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
        (None, ""),
    ],
)
def test_store_format_for_csv_numbers(value: float | None, text: str) -> None:
    df = pd.DataFrame({"v": pd.array([value], dtype="Float64")})
    assert format_for_csv(df).loc[0, "v"] == text


def test_store_write_csv_atomic_keeps_old_file_on_error(tmp_path: Path) -> None:
    target = tmp_path / "t.csv"
    target.write_text("old\n")

    class Boom(pd.DataFrame):
        def copy(self, *args: object, **kwargs: object) -> pd.DataFrame:
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_csv_atomic(Boom({"a": [1]}), target)
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["t.csv"]
