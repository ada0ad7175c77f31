"""Tables as fact sources, read from the document text.

Three layouts are read (``layout``), each as rows of cells with offsets into the text:

- pipe tables, one row per line (``| Maker | Q3 2025 | Q3 2024 |``): markdown, and every
  table the HTML, PDF and DOCX readers render, header row first;
- whitespace-aligned text tables: lines whose cells are separated by two or more spaces or
  a tab, a header line of column labels above rows of figures;
- flattened tables, as scraped pages leave them: a line of glued column labels
  (``2024Q42024Q3``, ``ItemQ2 2025Q2 2024Change``) above lines of a label glued to its
  figures (``Total deliveries48,91039,205``), maybe several rows on one line.

Then, in order: ``labels`` reads what a header or caption names (a period, calendar or
fiscal, or a change column); ``units`` the unit and scale a caption, header, row label or
cell states; ``rows`` makes each value cell a fact: the row label names the metric (the
lexicon), a company (a market table) or a segment of the company the article is about; the
column header names the period or the metric, else the caption does; change columns give
the change of the row's current figure. Evidence offsets are those of the row.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from extract.facts.records import DocContext, Draft
from extract.facts.tables.labels import header_period
from extract.facts.tables.layout import Table, find_tables
from extract.facts.tables.rows import TableReader
from extract.lexicon import MetricLexicon
from extract.records import Mention

__all__ = ["Table", "find_tables", "header_period", "table_drafts"]


def table_drafts(
    text: str,
    tables: Sequence[Table],
    mentions: Sequence[Mention],
    lexicon: MetricLexicon,
    context: DocContext,
    reference: date | None = None,
    stated: Sequence[Draft] = (),
) -> list[Draft]:
    """The facts of ``tables``: one per value cell whose row, column or caption names a
    metric (two where a figure has changes on two bases). A figure the text ``stated``
    already (the same subject, metric, period and value) is not repeated: the text's fact
    takes the table's change where it has none."""
    if not tables:
        return []
    by_kind: dict[str, list[Mention]] = {"org": [], "product": [], "date": []}
    figures: dict[int, Mention] = {}
    for m in sorted(mentions, key=lambda m: m.start):
        if m.kind in by_kind:
            by_kind[m.kind].append(m)
        elif m.kind in ("money", "percent", "quantity"):
            figures[m.start] = m
    reader = TableReader(
        text,
        lexicon,
        context,
        by_kind["org"],
        by_kind["product"],
        by_kind["date"],
        functools.cache(lambda: _fiscal_calendar(text, reference)),
    )
    prose: dict[tuple[str, str, str, Decimal | None], list[Draft]] = {}
    for draft in stated:
        if draft.value is not None:
            prose.setdefault(_figure_key(draft), []).append(draft)
    drafts: list[Draft] = []
    for table in tables:
        for draft in reader.drafts(table):
            _keep_mention_ids(draft, figures)
            if not _restates(draft, prose.get(_figure_key(draft), [])):
                drafts.append(draft)
    return drafts


def _figure_key(draft: Draft) -> tuple[str, str, str, Decimal | None]:
    value = draft.value.value if draft.value is not None else None
    return (draft.subject, draft.metric, draft.period, value)


def _change(draft: Draft) -> tuple[Decimal | None, str] | None:
    if draft.change is None or draft.change.value is None:
        return None
    return draft.change.value * draft.change_sign, draft.change.unit


def _restates(draft: Draft, same: list[Draft]) -> bool:
    """Whether the table's ``draft`` repeats one of the text's facts ``same`` (its change
    given to the text's fact that has none)."""
    units = {d.value.unit for d in same if d.value is not None}
    if not same or (
        draft.value is not None and draft.value.unit and units - {"", draft.value.unit}
    ):
        return False
    change = _change(draft)
    if change is None or any(_change(d) == change for d in same):
        for d in same:
            if change is not None and _change(d) == change and not d.basis:
                d.basis = draft.basis
        return True
    bare = next((d for d in same if d.change is None), None)
    if bare is None:
        return False
    bare.change, bare.change_sign, bare.basis = draft.change, draft.change_sign, draft.basis
    return True


def _fiscal_calendar(text: str, reference: date | None) -> tuple[int, str]:
    """The document's fiscal calendar as the date stage finds it (stated, inferred, or its
    country's), ``(first month, naming)``."""
    from extract.stages.dates.stage import DateStage

    found = DateStage().document_calendar(text, reference)
    return (found.start_month, found.label) if found is not None else (1, "end")


def _keep_mention_ids(draft: Draft, figures: dict[int, Mention]) -> None:
    """A cell read by a mention stage keeps that mention's id as the fact's evidence."""
    for name in ("value", "change"):
        cell = getattr(draft, name)
        if cell is None:
            continue
        stage = next((figures[i] for i in range(cell.start, cell.end) if i in figures), None)
        if stage is not None and stage.end <= cell.end:
            setattr(draft, name, dataclasses.replace(cell, mention_id=stage.mention_id))
