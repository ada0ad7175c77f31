"""The Python API for notebooks and scripts; the CLI only wraps it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from extract.config import Config, load_config
from extract.errors import ConfigError
from extract.ingest.files import discover, read_document, text_document
from extract.pipeline import Pipeline
from extract.runner import run_batch
from extract.store import Store
from extract.tables import Tables, to_tables


def load_pipeline(config: Config | str | Path | None = None) -> Pipeline:
    """Load the model, aliases and lexicon once, to reuse across calls."""
    return Pipeline(_config(config))


def extract_text(
    text: str,
    *,
    reference_date: date | str | None = None,
    doc_id: str = "text",
    config: Config | str | Path | None = None,
    pipeline: Pipeline | None = None,
) -> Tables:
    """Extract the tables from one text.

    >>> tables = extract_text("Revenue rose 22.3% to 113.1 billion yuan in the third quarter.",
    ...                       reference_date="2025-11-19")          # doctest: +SKIP
    >>> tables.mentions[["text", "kind", "value", "unit", "period"]]  # doctest: +SKIP
    """
    pipeline = pipeline or load_pipeline(config)
    document = text_document(text, doc_id=doc_id, reference_date=_date(reference_date))
    return to_tables(pipeline.process([document]), pipeline.fingerprint)


def run(
    paths: Sequence[str | Path] | str | Path,
    *,
    out: str | Path | None = None,
    reference_date: date | str | None = None,
    config: Config | str | Path | None = None,
    full: bool = False,
    pipeline: Pipeline | None = None,
) -> Tables:
    """Extract the tables from files and folders (walked recursively).

    With ``out``, the tables are also written there (CSV and ``extract.duckdb``),
    incrementally as ``extract run`` does, and the returned tables are the whole
    output folder's. Without it, nothing is written.
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    pipeline = pipeline or load_pipeline(config)
    ref = _date(reference_date)
    if out is not None:
        run_batch(paths, out, reference_date=ref, full=full, pipeline=pipeline)
        with Store(out) as store:
            return store.read()
    ocr = bool(pipeline.config.section("ingest").get("ocr", False))
    documents = (read_document(item, reference_date=ref, ocr=ocr) for item in discover(paths))
    return to_tables(pipeline.process(documents), pipeline.fingerprint)


def _config(config: Config | str | Path | None) -> Config:
    if config is None or isinstance(config, Config):
        return config or load_config()
    return load_config(config)


def _date(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise ConfigError(f"reference date must be YYYY-MM-DD, not {value!r}") from exc
