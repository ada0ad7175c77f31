"""Frozen records that flow through the pipeline: documents, mentions, facts, run reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

MENTION_KINDS = ("money", "percent", "date", "quantity", "person", "org", "place", "product")
NUMERIC_KINDS = frozenset({"money", "percent", "quantity"})
ENTITY_KINDS = frozenset({"person", "org", "place", "product"})

QUALIFIERS = ("exact", "approx", "lower_bound", "upper_bound", "range")
GRANULARITIES = ("day", "month", "quarter", "half", "year", "interval")


@dataclass(frozen=True, slots=True)
class Mention:
    """One span of the document text with its normalized value.

    ``start``/``end`` are character offsets into the document text, so
    ``text == doc_text[start:end]``. Which fields are set depends on ``kind``:
    numbers fill ``value``/``value_low``/``value_high``/``unit``/``qualifier``,
    dates fill ``date_start``/``date_end``/``granularity``/``period``, entities
    fill ``canonical``. A span that was found but could not be normalized keeps
    its text with ``status="unparsed"``.
    """

    kind: str
    start: int
    end: int
    text: str
    source_stage: str
    value: Decimal | None = None
    value_low: Decimal | None = None
    value_high: Decimal | None = None
    unit: str = ""
    qualifier: str = ""
    date_start: date | None = None
    date_end: date | None = None
    granularity: str = ""
    period: str = ""
    canonical: str = ""
    status: str = "ok"
    # Filled by the pipeline once all stages ran.
    mention_id: str = ""
    sentence_start: int = -1
    sentence_end: int = -1
    page: int | None = None  # 1-based page of a PDF document, None for other files


@dataclass(frozen=True, slots=True)
class EntityRow:
    """One canonical entity of one document (the ``entities`` table)."""

    kind: str
    canonical: str
    aliases: tuple[str, ...]
    mentions: int
    role: str = ""
    org: str = ""


@dataclass(frozen=True, slots=True)
class Fact:
    """One stated figure about a subject (the ``facts`` table)."""

    subject: str
    metric: str
    period: str
    evidence_start: int
    evidence_end: int
    segment: str = ""
    value: Decimal | None = None
    value_low: Decimal | None = None
    value_high: Decimal | None = None
    unit: str = ""
    qualifier: str = ""
    change_value: Decimal | None = None
    change_unit: str = ""
    change_basis: str = ""
    change_qualifier: str = ""
    modality: str = "actual"
    scope: str = ""
    value_mention_id: str = ""
    change_mention_id: str = ""
    fact_id: str = ""


@dataclass(frozen=True, slots=True)
class Document:
    """One input file after ingestion (the ``documents`` table).

    ``text`` is the text every offset refers to. A document that could not be
    read has ``status`` ``failed`` or ``skipped`` and a one-line ``error``.
    """

    doc_id: str
    source: str
    path: str
    sha256: str = ""
    text: str = ""
    title: str = ""
    published: str = ""
    reference_date: date | None = None
    reference_from: str = "none"
    language: str = ""
    encoding: str = ""
    reader: str = ""
    status: str = "ok"
    error: str = ""
    # Offset in ``text`` where each page begins (PDF); empty for files without pages.
    pages: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """Everything extracted from one document."""

    document: Document
    mentions: tuple[Mention, ...] = ()
    entities: tuple[EntityRow, ...] = ()
    facts: tuple[Fact, ...] = ()


@dataclass(frozen=True, slots=True)
class RunReport:
    """Summary of a batch run."""

    ok: int = 0
    failed: int = 0
    skipped: int = 0
    unchanged: int = 0
    mentions: int = 0
    facts: int = 0
    seconds: float = 0.0
    failures: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    # Stored documents whose files are gone from the input (``removed`` rows, or purged
    # when ``pruned``), and files the walk saw that are not documents.
    removed: int = 0
    pruned: bool = False
    ignored: int = 0
