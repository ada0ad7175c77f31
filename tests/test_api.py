"""The public Python API."""

from __future__ import annotations

from pathlib import Path

import pytest

import extract
from extract.errors import ConfigError
from extract.tables import SCHEMAS

EXPECTED_EXPORTS = {
    "Config", "ConfigError", "Document", "ExtractError", "Fact", "IngestError", "Mention",
    "RunReport", "StageError", "Tables", "TextContext", "__version__", "concat_tables",
    "default_pipeline", "extract_frame", "extract_text", "load_config", "load_pipeline", "pipe",
    "read_tables", "run", "run_batch",
}  # fmt: skip


def test_api_exported_members() -> None:
    assert set(extract.__all__) == EXPECTED_EXPORTS
    for name in extract.__all__:
        assert getattr(extract, name) is not None


def test_api_unknown_attribute_raises() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = extract.nope  # type: ignore[attr-defined]


@pytest.mark.slow
def test_api_extract_text_returns_four_tables_and_a_fact(pipeline) -> None:
    tables = extract.extract_text(
        "In the third quarter of 2025, Acme Corp achieved revenue of 5.2 billion yuan, "
        "representing a year-on-year increase of 12.5%.",
        reference_date="2025-11-19",
        pipeline=pipeline,
    )
    for name, schema in SCHEMAS.items():
        assert list(getattr(tables, name).columns) == list(schema)
    money = tables.mentions[tables.mentions["kind"] == "money"].iloc[0]
    assert (money["value"], money["unit"]) == (5_200_000_000, "CNY")
    date = tables.mentions[tables.mentions["kind"] == "date"].iloc[0]
    assert date["period"] == "2025-Q3"
    fact = tables.facts.iloc[0]
    assert (fact["metric"], fact["period"], fact["change_value"], fact["change_basis"]) == (
        "revenue", "2025-Q3", 12.5, "yoy",
    )  # fmt: skip
    assert tables.documents.iloc[0]["reference_from"] == "cli"


@pytest.mark.slow
def test_api_run_in_memory_and_to_folder(pipeline, corpus_dir: Path, tmp_path: Path) -> None:
    in_memory = extract.run(corpus_dir, pipeline=pipeline)
    assert sorted(in_memory.documents["doc_id"]) == sorted(p.name for p in corpus_dir.glob("*.txt"))
    assert not any(tmp_path.iterdir())
    written = extract.run([corpus_dir], out=tmp_path / "out", pipeline=pipeline)
    assert (tmp_path / "out" / "extract.duckdb").is_file()
    assert len(written.mentions) == len(in_memory.mentions)


def test_api_bad_reference_date_raises() -> None:
    with pytest.raises(ConfigError, match="YYYY-MM-DD"):
        extract.extract_text("x", reference_date="19/11/2025", pipeline=object())  # type: ignore[arg-type]
