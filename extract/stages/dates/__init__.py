"""Date mentions found by rules (regular expressions and a small grammar), resolved by
``extract.normalize.dates``.

The stage works in passes, one module each:

- ``rules``: the grammar, a list of rules (pattern, handler, trigger word);
- ``windows``: the windows of text around each kind of trigger word, the only places where a
  rule's pattern runs, which keeps matching linear in the text;
- ``handlers``: turn a match into a ``DateExpr`` (what the phrase states), or reject it;
- ``combine``: keep the longest non-overlapping candidates, join prefixes to the atom they
  introduce and neighbours into ranges (``from May to June``, ``the end of 2024``);
- ``fiscal``: the fiscal calendar a document states, implies or its company or country has;
- ``tense``: what the sentence around a date says (future, comparison basis, language);
- ``stage``: resolve the candidates in document order against the reference date.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

from extract.document import Paragraph, ParsedDoc
from extract.records import Mention
from extract.stages.dates.fiscal import (
    FiscalCalendar,
    inferred_fiscal_calendar,
    stated_fiscal_calendar,
)
from extract.stages.dates.stage import DateStage

__all__ = [
    "DateStage",
    "FiscalCalendar",
    "explicit_days",
    "find_dates",
    "inferred_fiscal_calendar",
    "simple_parsed_doc",
    "stated_fiscal_calendar",
]


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"\u201d\u2019)]*\s+(?=[\"\u201c\u2018(]?[A-Z0-9])")


def simple_parsed_doc(text: str, reference_date: date | None = None, doc_id: str = "") -> ParsedDoc:
    """A ParsedDoc with one paragraph per non-empty line and naive sentence splits."""
    sentences: list[tuple[int, int]] = []
    paragraphs: list[Paragraph] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body.strip():
            paragraphs.append(Paragraph(pos, pos + len(body)))
            start = pos
            for m in _SENTENCE_END.finditer(body):
                sentences.append((start, pos + m.start()))
                start = pos + m.end()
            sentences.append((start, pos + len(body)))
        pos += len(line)
    return ParsedDoc(
        doc_id=doc_id,
        text=text,
        reference_date=reference_date,
        sentences=tuple(sentences),
        paragraphs=tuple(paragraphs),
    )


def find_dates(
    text: str,
    reference_date: date | None = None,
    *,
    numeric_order: str = "mdy",
    fiscal_year_start: Mapping[str, int] | None = None,
) -> list[Mention]:
    """Date mentions of ``text`` (one paragraph per line, naive sentence splits)."""
    stage = DateStage(numeric_order=numeric_order, fiscal_year_start=fiscal_year_start)
    return stage(simple_parsed_doc(text, reference_date))


def explicit_days(text: str, *, numeric_order: str = "mdy") -> list[tuple[int, int, date]]:
    """Full dates (day, month and year all written) in ``text``: (start, end, day)."""
    stage = DateStage(numeric_order=numeric_order)
    days: list[tuple[int, int, date]] = []
    for cand in stage.candidates(text, None, combine=False):
        expr = cand.expr
        if expr.kind == "day" and expr.year is not None and expr.month and expr.day:
            try:
                days.append((cand.start, cand.end, date(expr.year, expr.month, expr.day)))
            except ValueError:
                continue
    return days
