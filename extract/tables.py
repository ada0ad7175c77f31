"""The four output tables: their columns, and records -> pandas DataFrames."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any, NamedTuple

import pandas as pd

from extract.records import DocumentResult

# Column -> DuckDB type, in output order. Names follow the output contract.
DOCUMENTS: dict[str, str] = {
    "doc_id": "VARCHAR",
    "source": "VARCHAR",
    "sha256": "VARCHAR",
    "title": "VARCHAR",
    "published": "VARCHAR",
    "reference_date": "DATE",
    "reference_from": "VARCHAR",
    "language": "VARCHAR",
    "status": "VARCHAR",
    "error": "VARCHAR",
    "encoding": "VARCHAR",
    "reader": "VARCHAR",
    "chars": "BIGINT",
    "fingerprint": "VARCHAR",
    "text": "VARCHAR",
}
MENTIONS: dict[str, str] = {
    "doc_id": "VARCHAR",
    "mention_id": "VARCHAR",
    "kind": "VARCHAR",
    "text": "VARCHAR",
    "start": "BIGINT",
    "end": "BIGINT",
    "value": "DOUBLE",
    "value_low": "DOUBLE",
    "value_high": "DOUBLE",
    "unit": "VARCHAR",
    "qualifier": "VARCHAR",
    "date_start": "DATE",
    "date_end": "DATE",
    "granularity": "VARCHAR",
    "period": "VARCHAR",
    "canonical": "VARCHAR",
    "sentence_start": "BIGINT",
    "sentence_end": "BIGINT",
    "source_stage": "VARCHAR",
    "status": "VARCHAR",
    "page": "BIGINT",
}
ENTITIES: dict[str, str] = {
    "doc_id": "VARCHAR",
    "kind": "VARCHAR",
    "canonical": "VARCHAR",
    "aliases": "VARCHAR",
    "mentions": "BIGINT",
    "role": "VARCHAR",
    "org": "VARCHAR",
}
FACTS: dict[str, str] = {
    "doc_id": "VARCHAR",
    "fact_id": "VARCHAR",
    "subject": "VARCHAR",
    "segment": "VARCHAR",
    "metric": "VARCHAR",
    "period": "VARCHAR",
    "value": "DOUBLE",
    "value_low": "DOUBLE",
    "value_high": "DOUBLE",
    "unit": "VARCHAR",
    "qualifier": "VARCHAR",
    "change_value": "DOUBLE",
    "change_unit": "VARCHAR",
    "change_basis": "VARCHAR",
    "change_qualifier": "VARCHAR",
    "modality": "VARCHAR",
    "scope": "VARCHAR",
    "evidence_start": "BIGINT",
    "evidence_end": "BIGINT",
    "value_mention_id": "VARCHAR",
    "change_mention_id": "VARCHAR",
}
SCHEMAS: dict[str, dict[str, str]] = {
    "documents": DOCUMENTS,
    "mentions": MENTIONS,
    "entities": ENTITIES,
    "facts": FACTS,
}
TABLE_NAMES = tuple(SCHEMAS)
# Readers whose text is not the file itself: their text is stored so offsets can be checked.
_STORE_TEXT_FOR = frozenset({"pdf", "html", "docx", "md", "rtf"})


class Tables(NamedTuple):
    """The output tables of a run or of one text, as pandas DataFrames."""

    documents: pd.DataFrame
    mentions: pd.DataFrame
    entities: pd.DataFrame
    facts: pd.DataFrame


def _num(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def result_rows(result: DocumentResult, fingerprint: str = "") -> dict[str, list[dict[str, Any]]]:
    """Rows of every table for one document result."""
    doc = result.document
    doc_id = doc.doc_id
    documents = [
        {
            "doc_id": doc_id,
            "source": doc.source,
            "sha256": doc.sha256,
            "title": doc.title,
            "published": doc.published,
            "reference_date": doc.reference_date,
            "reference_from": doc.reference_from,
            "language": doc.language,
            "status": doc.status,
            "error": doc.error,
            "encoding": doc.encoding,
            "reader": doc.reader,
            "chars": len(doc.text),
            "fingerprint": fingerprint,
            "text": doc.text if doc.reader in _STORE_TEXT_FOR else "",
        }
    ]
    mentions = [
        {
            "doc_id": doc_id,
            "mention_id": m.mention_id,
            "kind": m.kind,
            "text": m.text,
            "start": m.start,
            "end": m.end,
            "value": _num(m.value),
            "value_low": _num(m.value_low),
            "value_high": _num(m.value_high),
            "unit": m.unit,
            "qualifier": m.qualifier,
            "date_start": m.date_start,
            "date_end": m.date_end,
            "granularity": m.granularity,
            "period": m.period,
            "canonical": m.canonical,
            "sentence_start": m.sentence_start,
            "sentence_end": m.sentence_end,
            "source_stage": m.source_stage,
            "status": m.status,
            "page": m.page,
        }
        for m in result.mentions
    ]
    entities = [
        {
            "doc_id": doc_id,
            "kind": e.kind,
            "canonical": e.canonical,
            "aliases": "|".join(e.aliases),
            "mentions": e.mentions,
            "role": e.role,
            "org": e.org,
        }
        for e in result.entities
    ]
    facts = [
        {
            "doc_id": doc_id,
            "fact_id": f.fact_id,
            "subject": f.subject,
            "segment": f.segment,
            "metric": f.metric,
            "period": f.period,
            "value": _num(f.value),
            "value_low": _num(f.value_low),
            "value_high": _num(f.value_high),
            "unit": f.unit,
            "qualifier": f.qualifier,
            "change_value": _num(f.change_value),
            "change_unit": f.change_unit,
            "change_basis": f.change_basis,
            "change_qualifier": f.change_qualifier,
            "modality": f.modality,
            "scope": f.scope,
            "evidence_start": f.evidence_start,
            "evidence_end": f.evidence_end,
            "value_mention_id": f.value_mention_id,
            "change_mention_id": f.change_mention_id,
        }
        for f in result.facts
    ]
    return {"documents": documents, "mentions": mentions, "entities": entities, "facts": facts}


# DuckDB type -> the pandas dtype of that column in every DataFrame the package returns.
PANDAS_DTYPES: dict[str, str] = {
    "VARCHAR": "string",
    "BIGINT": "Int64",
    "DOUBLE": "Float64",
    "DATE": "datetime64[us]",
    "BOOLEAN": "boolean",
}


def typed(table: str, df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with the table's columns in order, each in its nullable pandas dtype.

    Missing values are NA whatever the source wrote (``None``, ``NaN``, ``NaT`` or an empty
    string), so a frame built from records, read from DuckDB or read from Parquet compares
    equal. Extra columns are dropped; missing ones are added as all-NA.
    """
    out = pd.DataFrame(index=df.index)
    for column, sql_type in SCHEMAS[table].items():
        series = df[column] if column in df.columns else pd.Series(None, index=df.index)
        dtype = PANDAS_DTYPES[sql_type]
        if sql_type == "VARCHAR":
            series = series.astype("string")
            series = series.mask(series == "")
        elif sql_type == "DATE":
            series = pd.to_datetime(series.astype("object").where(series.notna()).replace("", None))
        elif sql_type == "BOOLEAN":
            series = series.astype("object").where(series.notna())
        out[column] = series.astype(dtype)
    return out.reset_index(drop=True)


def frame(table: str, rows: Sequence[dict[str, Any]]) -> pd.DataFrame:
    """A typed DataFrame of the table from row dicts (see ``typed``)."""
    return typed(table, pd.DataFrame.from_records(list(rows), columns=list(SCHEMAS[table])))


def to_tables(results: Iterable[DocumentResult], fingerprint: str = "") -> Tables:
    """All results gathered into the four DataFrames."""
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLE_NAMES}
    for result in results:
        for name, table_rows in result_rows(result, fingerprint).items():
            rows[name].extend(table_rows)
    return Tables(**{name: frame(name, rows[name]) for name in TABLE_NAMES})
