"""The Python API for notebooks and scripts; the CLI only wraps it.

- ``pipe`` streams texts through the pipeline, one ``Tables`` per text, like spaCy's
  ``nlp.pipe``;
- ``extract_text`` is ``pipe`` for one text; ``extract_frame`` runs over a DataFrame column;
- ``run`` works on files and folders, optionally writing an output folder;
- ``read_tables`` reads an output folder back, typed as everything else the package returns.

Without ``pipeline=``, the calls share one pipeline per configuration, loaded on first use.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal, TypedDict, overload

import pandas as pd

from extract.config import Config, load_config
from extract.errors import ConfigError
from extract.ingest.files import discover, read_document, text_document
from extract.pipeline import Pipeline
from extract.runner import run_batch
from extract.store import Store
from extract.tables import TABLE_NAMES, Tables, to_tables

ConfigLike = Config | str | Path | None
DateLike = date | datetime | str | None


class TextContext(TypedDict, total=False):
    """What ``pipe(..., as_tuples=True)`` takes beside each text; every key is optional."""

    doc_id: str
    reference_date: date | str
    published: str
    title: str


_DEFAULT_PIPELINES: dict[str, Pipeline] = {}
_DEFAULT_LOCK = threading.Lock()


def load_pipeline(config: ConfigLike = None) -> Pipeline:
    """Load the model, aliases and lexicon: a new pipeline, to reuse across calls."""
    return Pipeline(_config(config))


def default_pipeline(config: str | Path | None = None) -> Pipeline:
    """The process's shared pipeline for ``config`` (the packaged settings when ``None``),
    loaded on first use. The API's calls use it when given no ``pipeline=``."""
    key = "" if config is None else str(Path(config).resolve())
    with _DEFAULT_LOCK:
        if key not in _DEFAULT_PIPELINES:
            _DEFAULT_PIPELINES[key] = load_pipeline(config)
        return _DEFAULT_PIPELINES[key]


def text_id(text: str) -> str:
    """The doc id of a text given without one: ``text-`` and the start of its SHA-256, so
    results of separate calls never share an id unless they are of the same text."""
    return "text-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


@overload
def pipe(
    texts: Iterable[str],
    *,
    as_tuples: Literal[False] = ...,
    reference_date: DateLike = ...,
    config: ConfigLike = ...,
    pipeline: Pipeline | None = ...,
    batch_size: int | None = ...,
) -> Iterator[Tables]: ...


@overload
def pipe(
    texts: Iterable[tuple[str, Mapping[str, Any]]],
    *,
    as_tuples: Literal[True],
    reference_date: DateLike = ...,
    config: ConfigLike = ...,
    pipeline: Pipeline | None = ...,
    batch_size: int | None = ...,
) -> Iterator[tuple[Tables, Mapping[str, Any]]]: ...


def pipe(
    texts: Iterable[str] | Iterable[tuple[str, Mapping[str, Any]]],
    *,
    as_tuples: bool = False,
    reference_date: DateLike = None,
    config: ConfigLike = None,
    pipeline: Pipeline | None = None,
    batch_size: int | None = None,
) -> Iterator[Tables] | Iterator[tuple[Tables, Mapping[str, Any]]]:
    """Extract the tables of each text, lazily and in order, one ``Tables`` per text.

    With ``as_tuples=True`` the items are ``(text, context)`` pairs and so are the results
    (``(tables, context)``); the context may give ``doc_id``, ``reference_date``,
    ``published`` and ``title`` (see ``TextContext``). A text without a ``doc_id`` gets
    ``text_id(text)``. ``reference_date`` applies to texts whose context gives none and
    that state none of their own. The model runs over ``batch_size`` texts at a time.

    >>> for tables in pipe(["Revenue rose 5% to $2 billion."], reference_date="2025-11-19"):
    ...     tables.facts                                                  # doctest: +SKIP
    """
    pipeline = pipeline or _shared(config)
    default_ref = _date(reference_date)
    contexts: list[Mapping[str, Any]] = []

    def documents() -> Iterator[Any]:
        for item in texts:
            text, context = item if as_tuples else (item, {})
            if not isinstance(text, str):
                raise TypeError(f"pipe() takes str texts, not {type(text).__name__}")
            contexts.append(context)
            meta = {key: _iso(context.get(key)) for key in ("published", "title")}
            yield text_document(
                text,
                doc_id=str(context.get("doc_id") or text_id(text)),
                reference_date=_date(context.get("reference_date")) or default_ref,
                metadata=meta,
            )

    results = pipeline.process(documents(), batch_size=batch_size)
    for index, result in enumerate(results):
        tables = to_tables([result], pipeline.fingerprint)
        yield (tables, contexts[index]) if as_tuples else tables


def extract_text(
    text: str,
    *,
    reference_date: DateLike = None,
    doc_id: str | None = None,
    config: ConfigLike = None,
    pipeline: Pipeline | None = None,
) -> Tables:
    """Extract the tables from one text (``doc_id`` defaults to ``text_id(text)``).

    >>> tables = extract_text("Revenue rose 22.3% to 113.1 billion yuan in the third quarter.",
    ...                       reference_date="2025-11-19")          # doctest: +SKIP
    >>> tables.mentions[["text", "kind", "value", "unit", "period"]]  # doctest: +SKIP
    """
    context = {"doc_id": doc_id} if doc_id else {}
    ((tables, _),) = pipe(
        [(text, context)],
        as_tuples=True,
        reference_date=reference_date,
        config=config,
        pipeline=pipeline,
    )
    return tables


def extract_frame(
    df: pd.DataFrame,
    text_column: str,
    *,
    id_column: str | None = None,
    date_column: str | None = None,
    config: ConfigLike = None,
    pipeline: Pipeline | None = None,
    batch_size: int | None = None,
) -> Tables:
    """Extract the tables of every row's text, keyed by the frame's ids.

    ``doc_id`` is the row's ``id_column`` value, or its index label without one; the ids
    must be unique. ``date_column`` gives each row's reference date (a date, a timestamp or
    an ISO string; NA for none). Rows whose text is NA are skipped.

    >>> news = pd.DataFrame({"id": ["a1"], "body": ["Revenue rose 5% to $2 billion."]})
    >>> extract_frame(news, "body", id_column="id").facts              # doctest: +SKIP
    """
    for column in (text_column, id_column, date_column):
        if column is not None and column not in df.columns:
            raise KeyError(f"extract_frame: no column {column!r} in the frame")
    ids = df[id_column] if id_column is not None else pd.Series(df.index, index=df.index)
    if ids.isna().any() or ids.duplicated().any():
        raise ValueError("extract_frame: document ids must be unique and not NA")
    dates = df[date_column] if date_column is not None else pd.Series(None, index=df.index)
    items = [
        (text, {"doc_id": str(doc_id), "reference_date": None if pd.isna(day) else day})
        for text, doc_id, day in zip(df[text_column], ids, dates, strict=True)
        if not pd.isna(text)
    ]
    results = [
        tables
        for tables, _ in pipe(
            items, as_tuples=True, config=config, pipeline=pipeline, batch_size=batch_size
        )
    ]
    return concat_tables(results)


def concat_tables(parts: Sequence[Tables]) -> Tables:
    """Several ``Tables`` as one, table by table, types kept."""
    if not parts:
        return to_tables([])
    return Tables(
        **{
            name: pd.concat([getattr(part, name) for part in parts], ignore_index=True)
            for name in TABLE_NAMES
        }
    )


def run(
    paths: Sequence[str | Path] | str | Path,
    *,
    out: str | Path | None = None,
    reference_date: DateLike = None,
    config: ConfigLike = None,
    full: bool = False,
    pipeline: Pipeline | None = None,
) -> Tables:
    """Extract the tables from files and folders (walked recursively).

    With ``out``, the tables are also written there, incrementally as ``extract run`` does,
    and the returned tables are the whole output folder's. Without it, nothing is written.
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    pipeline = pipeline or _shared(config)
    ref = _date(reference_date)
    if out is not None:
        run_batch(paths, out, reference_date=ref, full=full, pipeline=pipeline)
        return read_tables(out)
    ocr = bool(pipeline.config.section("ingest").get("ocr", False))
    documents = (read_document(item, reference_date=ref, ocr=ocr) for item in discover(paths))
    return to_tables(pipeline.process(documents), pipeline.fingerprint)


def read_tables(out: str | Path) -> Tables:
    """The four tables of an output folder, read from its database, typed."""
    with Store(out, read_only=True) as store:
        return store.read()


def _shared(config: ConfigLike) -> Pipeline:
    if isinstance(config, Config):
        return load_pipeline(config)
    return default_pipeline(config)


def _config(config: ConfigLike) -> Config:
    if config is None or isinstance(config, Config):
        return config or load_config()
    return load_config(config)


def _iso(value: Any) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, datetime | pd.Timestamp):
        return value.isoformat(timespec="minutes") if value.time() else value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _date(value: Any) -> date | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, datetime | pd.Timestamp):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise ConfigError(f"reference date must be YYYY-MM-DD, not {value!r}") from exc
