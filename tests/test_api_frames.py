"""The API as a notebook uses it: typed frames, distinct ids, streaming, a DataFrame column."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest

import extract
from extract.api import text_id
from extract.tables import PANDAS_DTYPES, SCHEMAS, frame, typed

ACME = "Acme Corp said revenue rose 12% to $5.2 billion in the third quarter of 2025."
ORDER = {
    "documents": ["doc_id"],
    "mentions": ["doc_id", "mention_id"],
    "entities": ["doc_id", "kind", "canonical"],
    "facts": ["doc_id", "fact_id"],
}
GLOBEX = "Globex reported net profit of 310 million euros for the first half of 2025."


def _assert_typed(tables: extract.Tables) -> None:
    for name, schema in SCHEMAS.items():
        df = getattr(tables, name)
        assert list(df.columns) == list(schema)
        for column, sql_type in schema.items():
            assert str(df[column].dtype) == PANDAS_DTYPES[sql_type], (name, column)


def test_api_frames_typed_turns_empty_strings_and_nones_into_na() -> None:
    df = frame(
        "mentions",
        [{"doc_id": "a", "mention_id": "m1", "kind": "money", "text": "$5", "start": 0,
          "end": 2, "value": 5.0, "unit": "USD", "period": "", "date_start": None}],
    )  # fmt: skip
    row = df.iloc[0]
    assert row["value"] == 5.0
    assert row["start"] == 0
    assert pd.isna(row["period"])
    assert pd.isna(row["date_start"])
    assert pd.isna(row["value_low"])
    assert str(df["period"].dtype) == "string"


def test_api_frames_typed_reads_dates_from_strings_and_dates() -> None:
    days = ["2025-11-19", date(2024, 1, 2), ""]
    df = typed("documents", pd.DataFrame({"doc_id": ["a", "b", "c"], "reference_date": days}))
    assert list(df["reference_date"][:2]) == [
        pd.Timestamp("2025-11-19"),
        pd.Timestamp("2024-01-02"),
    ]
    assert pd.isna(df["reference_date"][2])
    assert str(df["reference_date"].dtype) == "datetime64[us]"


def test_api_frames_text_id_is_stable_and_distinct() -> None:
    assert text_id(ACME) == text_id(ACME)
    assert text_id(ACME) != text_id(GLOBEX)
    assert text_id(ACME).startswith("text-")


@pytest.mark.slow
def test_api_frames_two_calls_concatenated_keep_distinct_ids(pipeline) -> None:
    first = extract.extract_text(ACME, reference_date="2025-11-19", pipeline=pipeline)
    second = extract.extract_text(GLOBEX, reference_date="2025-11-19", pipeline=pipeline)
    both = extract.concat_tables([first, second])
    assert both.documents["doc_id"].nunique() == 2
    assert set(both.mentions["doc_id"]) == set(both.documents["doc_id"])
    _assert_typed(both)
    money = both.mentions[both.mentions["kind"] == "money"]
    assert pd.isna(money["period"]).all()  # a missing value is NA, not ''
    assert pd.isna(money["date_start"]).all()


@pytest.mark.slow
def test_api_frames_pipe_streams_with_context(pipeline) -> None:
    items = [
        (ACME, {"doc_id": "acme-1", "reference_date": "2025-11-19", "title": "Acme results"}),
        (GLOBEX, {"doc_id": "globex-1", "reference_date": date(2025, 8, 1)}),
    ]
    out = list(extract.pipe(iter(items), as_tuples=True, pipeline=pipeline, batch_size=1))
    assert [context["doc_id"] for _, context in out] == ["acme-1", "globex-1"]
    acme, globex = (tables for tables, _ in out)
    assert acme.documents.loc[0, "doc_id"] == "acme-1"
    assert acme.documents.loc[0, "title"] == "Acme results"
    assert globex.documents.loc[0, "reference_date"] == pd.Timestamp("2025-08-01")
    fact = acme.facts.iloc[0]
    assert (fact["doc_id"], fact["metric"], fact["period"]) == ("acme-1", "revenue", "2025-Q3")


@pytest.mark.slow
def test_api_frames_pipe_is_lazy(pipeline) -> None:
    seen: list[str] = []

    def texts():
        for text in (ACME, GLOBEX):
            seen.append(text)
            yield text

    stream = extract.pipe(texts(), pipeline=pipeline, batch_size=1)
    assert seen == []
    next(stream)
    assert seen[0] == ACME


@pytest.mark.slow
def test_api_frames_extract_frame_over_three_rows(pipeline) -> None:
    news = pd.DataFrame(
        {
            "id": ["n1", "n2", "n3"],
            "body": [ACME, GLOBEX, None],
            "day": [pd.Timestamp("2025-11-19"), pd.NaT, pd.Timestamp("2025-08-01")],
        }
    )
    tables = extract.extract_frame(news, "body", id_column="id", date_column="day",
                                   pipeline=pipeline)  # fmt: skip
    assert list(tables.documents["doc_id"]) == ["n1", "n2"]
    assert tables.documents.loc[0, "reference_from"] == "cli"
    assert tables.documents.loc[1, "reference_from"] != "cli"
    assert set(tables.facts["doc_id"]) <= {"n1", "n2"}
    assert "n1" in set(tables.facts["doc_id"])
    _assert_typed(tables)


def test_api_frames_extract_frame_rejects_duplicate_ids() -> None:
    news = pd.DataFrame({"id": ["a", "a"], "body": [ACME, GLOBEX]})
    with pytest.raises(ValueError, match="unique"):
        extract.extract_frame(news, "body", id_column="id", pipeline=object())  # type: ignore[arg-type]
    with pytest.raises(KeyError, match="nope"):
        extract.extract_frame(news, "nope", pipeline=object())  # type: ignore[arg-type]


@pytest.mark.slow
def test_api_frames_store_read_matches_api_types(
    pipeline, corpus_dir: Path, tmp_path: Path
) -> None:
    written = extract.run([corpus_dir], out=tmp_path / "out", pipeline=pipeline)
    _assert_typed(written)
    again = extract.read_tables(tmp_path / "out")
    for name in SCHEMAS:
        pd.testing.assert_frame_equal(getattr(written, name), getattr(again, name))
    # The database holds NULL, not '', where a value is missing.
    con = duckdb.connect(str(tmp_path / "out" / "extract.duckdb"), read_only=True)
    empties = con.execute("SELECT count(*) FROM mentions WHERE period = ''").fetchone()[0]
    nulls = con.execute("SELECT count(*) FROM mentions WHERE period IS NULL").fetchone()[0]
    con.close()
    assert empties == 0
    assert nulls > 0


@pytest.mark.slow
def test_api_frames_parquet_from_the_store_reads_back_equal(
    pipeline, corpus_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    extract.run([corpus_dir], out=out, pipeline=pipeline)
    stored = extract.read_tables(out)
    con = duckdb.connect(str(out / "extract.duckdb"), read_only=True)
    for name in SCHEMAS:
        target = tmp_path / f"{name}.parquet"
        con.execute(f"COPY {name} TO '{target}' (FORMAT PARQUET)")
        file_types = dict(con.execute(f"DESCRIBE SELECT * FROM read_parquet('{target}')")
                          .fetchall()[i][:2] for i in range(len(SCHEMAS[name])))  # fmt: skip
        assert file_types == SCHEMAS[name]
        back = typed(name, pd.read_parquet(target))
        order = ORDER[name]
        pd.testing.assert_frame_equal(
            back.sort_values(order).reset_index(drop=True),
            getattr(stored, name).sort_values(order).reset_index(drop=True),
            check_like=False,
        )
    con.close()
