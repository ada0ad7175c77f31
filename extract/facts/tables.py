"""Tables as fact sources, read from the document text.

Three layouts are read, each as rows of cells with offsets into the text:

- pipe tables, one row per line (``| Maker | Q3 2025 | Q3 2024 |``): markdown, and every
  table the HTML, PDF and DOCX readers render, header row first;
- whitespace-aligned text tables: lines whose cells are separated by two or more spaces or
  a tab, a header line of period labels above rows of figures;
- flattened tables, as scraped pages leave them: a line of glued period labels
  (``2024Q42024Q3``) above lines of a label glued to its figures
  (``Total deliveries61,20450,117``).

A cell's fact is its row label by its column header: the label names the metric (the
lexicon) or the subject (a company), the header names the period or the metric, the cell
holds the value. The unit comes from the cell (``%``), else from a caption above the table
or the header (``RMB million``, ``in millions of euros``). A header naming a change
(``YoY``, ``change``) gives the change of the row's first period. Evidence offsets are those
of the row's line.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from extract.facts.anchors import compatible
from extract.facts.kinds import METRIC_VALUE_KINDS
from extract.facts.records import DocContext, Draft
from extract.lexicon import NO_METRIC, LexiconMatch, MetricLexicon
from extract.normalize.money import normalize_money
from extract.records import Mention

__all__ = ["Table", "find_tables", "table_drafts"]

_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    )
}
# Period labels of column headers: "Q3 2025", "2025Q3", "3Q25", "H1 2025", "1H25", "FY2024",
# "Sep 2025", "2024".
_PERIOD = re.compile(
    r"Q(?P<q1>[1-4])\s*['\u2019]?(?P<qy1>\d{4}|\d{2})(?!\d)"
    r"|(?P<qy2>\d{4})\s*-?\s*Q(?P<q2>[1-4])"
    r"|(?P<q3>[1-4])Q\s*['\u2019]?(?P<qy3>\d{4}|\d{2})(?!\d)"
    r"|H(?P<h1>[12])\s*['\u2019]?(?P<hy1>\d{4}|\d{2})(?!\d)"
    r"|(?P<hy2>\d{4})\s*-?\s*H(?P<h2>[12])"
    r"|(?P<h3>[12])H\s*['\u2019]?(?P<hy3>\d{4}|\d{2})(?!\d)"
    r"|FY\s*['\u2019]?(?P<fy>\d{4}|\d{2})(?!\d)"
    r"|(?P<mon>(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))[a-z]*\.?\s*['\u2019]?"
    r"(?P<my>\d{4}|\d{2})(?!\d)"
    r"|(?<!\d)(?P<year>(?:19|20)\d{2})(?!\d)"
)
_NUMBER = re.compile(
    r"(?P<neg>[-\u2212(])?\s*(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*\)?\s*(?P<pct>%)?"
)
_CELL_NUMBER = re.compile(
    r"^\s*[+]?(?P<neg>[-\u2212(])?\s*[$€£¥]?\s*(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"\s*\)?\s*(?P<pct>%|pp|pts?)?\s*$"
)
_SCALE = {
    "thousand": Decimal(1000),
    "thousands": Decimal(1000),
    "k": Decimal(1000),
    "million": Decimal(10) ** 6,
    "millions": Decimal(10) ** 6,
    "mn": Decimal(10) ** 6,
    "m": Decimal(10) ** 6,
    "billion": Decimal(10) ** 9,
    "billions": Decimal(10) ** 9,
    "bn": Decimal(10) ** 9,
    "crore": Decimal(10) ** 7,
    "lakh": Decimal(10) ** 5,
}
_SCALE_WORD = re.compile(r"(?<![\w])(" + "|".join(sorted(_SCALE, key=len, reverse=True)) + r")\b")
_CHANGE_HEADER = re.compile(
    r"\b(?:yoy|y/y|qoq|q/q|change|chg|growth|var\.?|variation|\+/-|vs\.?)\b|%\s*ch", re.I
)
_SHARE_HEADER = re.compile(r"\bshare\b", re.IGNORECASE)
_TOTAL_LABEL = re.compile(r"^\s*(?:total|all|market|industry|overall|others?)\s*$", re.I)
_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}")
_ALIGNED_SPLIT = re.compile(r"\t+|\s{2,}")
_GLUED_ROW = re.compile(
    r"(?P<label>[^\d\n|]*?[^\W\d_][^\d\n|]*?)(?P<figures>(?:[-\u2212]?\d[\d,.]*%?)+)\s*$"
)
_MAX_COLUMNS = 24
_CURRENCY = re.compile(
    r"(?:RMB|CNY|USD|US\$|HK\$|EUR|GBP|JPY|INR|KRW|SEK|CHF|yuan|renminbi|euros?|dollars|"
    r"pounds|yen|rupees|won|francs|kronor)\b|[$€£¥₹]",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Cell:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Table:
    """Rows of cells (the first row the header) and the text span the table covers."""

    start: int
    end: int
    rows: tuple[tuple[Cell, ...], ...]
    #: The table's row lines, ``(start, end)`` of each, the header's first.
    lines: tuple[tuple[int, int], ...]


def _lines(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for line in text.split("\n"):
        yield start, start + len(line)
        start += len(line) + 1


def _pipe_cells(text: str, start: int, end: int) -> tuple[Cell, ...]:
    cells: list[Cell] = []
    bars = [i for i in range(start, end) if text[i] == "|"]
    for left, right in itertools.pairwise(bars):
        raw = text[left + 1 : right]
        lead = len(raw) - len(raw.lstrip())
        cells.append(Cell(left + 1 + lead, left + 1 + len(raw.rstrip()), raw.strip()))
    return tuple(cells[:_MAX_COLUMNS])


def _aligned_cells(text: str, start: int, end: int) -> tuple[Cell, ...]:
    """Cells split at runs of two or more spaces; an indented line (a header over the
    figure columns) has an empty label cell first."""
    cells: list[Cell] = []
    if text.startswith("  ", start) or text.startswith("\t", start):
        cells.append(Cell(start, start, ""))
    cursor = start
    for gap in _ALIGNED_SPLIT.finditer(text, start, end):
        if gap.start() > cursor:
            cells.append(Cell(cursor, gap.start(), text[cursor : gap.start()]))
        cursor = gap.end()
    if cursor < end:
        cells.append(Cell(cursor, end, text[cursor:end]))
    kept = [c for c in cells if c.text.strip() or c.start == c.end == start]
    return tuple(kept[:_MAX_COLUMNS])


def _glued_cells(text: str, start: int, end: int, columns: int) -> tuple[Cell, ...]:
    """``Total deliveries61,20450,117`` with two columns: label, 61,204, 50,117."""
    row = _GLUED_ROW.match(text, start, end)
    if row is None:
        return ()
    cells = [Cell(row.start("label"), row.end("label"), row.group("label").strip())]
    for number in _NUMBER.finditer(text, row.start("figures"), row.end("figures")):
        cells.append(Cell(number.start(), number.end(), number.group().strip()))
    return tuple(cells) if len(cells) == columns + 1 else ()


def _numeric(cell: Cell) -> bool:
    return bool(_CELL_NUMBER.match(cell.text))


def find_tables(text: str) -> list[Table]:
    """The tables of ``text`` in the three layouts, in text order."""
    tables: list[Table] = []
    block: list[tuple[int, int, tuple[Cell, ...]]] = []
    kind = ""

    def close() -> None:
        rows = [r for r in block if r[2]]
        if len(rows) >= 2 and any(any(_numeric(c) for c in r[2][1:]) for r in rows[1:]):
            tables.append(
                Table(
                    rows[0][0],
                    rows[-1][1],
                    tuple(r[2] for r in rows),
                    tuple((s, e) for s, e, _ in rows),
                )
            )
        block.clear()

    header_periods = 0
    for start, end in _lines(text):
        line = text[start:end]
        stripped = line.strip()
        if stripped.startswith("|") and stripped.count("|") >= 2:
            if kind != "pipe":
                close()
                kind = "pipe"
            if not _SEPARATOR.match(line):
                block.append((start, end, _pipe_cells(text, start, end)))
            continue
        if kind == "glued" and header_periods:
            cells = _glued_cells(text, start, end, header_periods)
            if cells:
                block.append((start, end, cells))
                continue
        glued = _glued_header(text, start, end)
        if glued:
            close()
            kind, header_periods = "glued", len(glued) - 1
            block.append((start, end, glued))
            continue
        cells = _aligned_cells(text, start, end) if "  " in line or "\t" in line else ()
        if len(cells) >= 2 and (kind == "aligned" or not block):
            if kind != "aligned":
                close()
                kind = "aligned"
            if block and len(cells) != len(block[0][2]):
                close()
            block.append((start, end, cells))
            continue
        close()
        kind, header_periods = "", 0
    close()
    return tables


def _glued_header(text: str, start: int, end: int) -> tuple[Cell, ...]:
    """A line that is only two or more period labels run together (``2024Q42024Q3``)."""
    line = text[start:end].strip()
    if not line or len(line) > 80 or "|" in line:
        return ()
    found = list(_PERIOD.finditer(text, start, end))
    if len(found) < 2 or "".join(m.group() for m in found) != line:
        return ()  # labels run together with nothing between them
    return (Cell(start, start, ""), *(Cell(m.start(), m.end(), m.group()) for m in found))


def header_period(label: str) -> str:
    """The period a column header names (``Q3 2025`` -> ``2025-Q3``), or ""."""
    found = _PERIOD.search(label)
    if found is None:
        return ""
    g = found.groupdict()

    def year(value: str) -> int:
        return int(value) + 2000 if len(value) == 2 else int(value)

    for q, y in (("q1", "qy1"), ("q2", "qy2"), ("q3", "qy3")):
        if g[q]:
            return f"{year(g[y])}-Q{g[q]}"
    for h, y in (("h1", "hy1"), ("h2", "hy2"), ("h3", "hy3")):
        if g[h]:
            return f"{year(g[y])}-H{g[h]}"
    if g["fy"]:
        return str(year(g["fy"]))
    if g["mon"]:
        return f"{year(g['my'])}-{_MONTHS[g['mon'][:3].lower()]:02d}"
    return g["year"] or ""


def _unit_of(caption: str, currency: str) -> tuple[str, Decimal]:
    """Currency and scale named by a caption or header (``in millions of euros``); a scale
    alone takes the document's currency."""
    scale = Decimal(1)
    word = _SCALE_WORD.search(caption.lower())
    if word is not None:
        scale = _SCALE[word.group(1)]
    for marker in _CURRENCY.finditer(caption):
        money = normalize_money(f"1 {marker.group()}")
        if money is not None and money.currency:
            return money.currency, scale
    return (currency if word is not None else ""), scale


def _cell_value(cell: Cell) -> tuple[Decimal, bool] | None:
    found = _CELL_NUMBER.match(cell.text)
    if found is None:
        return None
    try:
        value = Decimal(found.group("num").replace(",", ""))
    except InvalidOperation:
        return None
    if found.group("neg"):
        value = -value
    return value, bool(found.group("pct"))


def _metric(label: str, lexicon: MetricLexicon) -> str:
    """The metric a row label or column header names, or ""."""
    for match in lexicon.find_metrics(label):
        if match.label != NO_METRIC:
            return match.label
    return ""


def _mention(cell: Cell, kind: str, value: Decimal, unit: str) -> Mention:
    return Mention(
        kind=kind,
        start=cell.start,
        end=cell.end,
        text=cell.text,
        value=value,
        value_low=value,
        value_high=value,
        unit=unit,
        qualifier="exact",
        source_stage="facts",
    )


def _cell_draft(
    metric: str, cell: Cell, value: Decimal, percent: bool, unit: tuple[str, Decimal]
) -> Draft | None:
    """A draft of one value cell of ``metric``, or None when the value does not fit it."""
    currency, scale = unit
    if percent:
        kind, amount, unit_name = "percent", value, "percent"
    elif "money" in METRIC_VALUE_KINDS.get(metric, frozenset()) and currency:
        kind, amount, unit_name = "money", value * scale, currency
    else:
        kind, amount, unit_name = "quantity", value * scale, ""
    anchor = LexiconMatch(cell.start, cell.start, metric)
    if not metric or not compatible(anchor, kind):
        return None
    return Draft(
        metric=metric,
        sentence=(cell.start, cell.end),
        anchor=None,
        value=_mention(cell, kind, amount, unit_name),
    )


def table_drafts(
    text: str,
    tables: Sequence[Table],
    mentions: Sequence[Mention],
    lexicon: MetricLexicon,
    context: DocContext,
) -> list[Draft]:
    """The facts of ``tables``: one per value cell whose row or column names a metric."""
    orgs = sorted((m for m in mentions if m.kind == "org"), key=lambda m: m.start)
    figures = {m.start: m for m in mentions if m.kind in ("money", "percent", "quantity")}
    drafts: list[Draft] = []
    for table in tables:
        above = text.rfind("\n", 0, max(0, text.rfind("\n", 0, table.start)))
        caption = text[max(0, above) : table.start]
        header = table.rows[0]
        columns = [_Column.of(cell, lexicon) for cell in header]
        unit = _unit_of(f"{caption} {' '.join(c.text for c in header)}", context.currency)
        for row, line in zip(table.rows[1:], table.lines[1:], strict=False):
            for draft in _row_drafts(row, line, columns, unit, orgs, lexicon, context):
                _keep_mention_ids(draft, figures)
                drafts.append(draft)
    return drafts


def _keep_mention_ids(draft: Draft, figures: dict[int, Mention]) -> None:
    """A cell read by a mention stage keeps that mention's id as the fact's evidence."""
    for name in ("value", "change"):
        cell = getattr(draft, name)
        if cell is None:
            continue
        stage = next((figures[i] for i in range(cell.start, cell.end) if i in figures), None)
        if stage is not None and stage.end <= cell.end:
            setattr(draft, name, dataclasses.replace(cell, mention_id=stage.mention_id))


@dataclass(frozen=True, slots=True)
class _Column:
    period: str
    metric: str
    change: str  # "yoy", "qoq" or "" for a column of levels
    share: bool

    @classmethod
    def of(cls, cell: Cell, lexicon: MetricLexicon) -> _Column:
        change = ""
        if _CHANGE_HEADER.search(cell.text):
            change = "qoq" if re.search(r"\bq\s*/?\s*o?\s*q\b", cell.text, re.I) else "yoy"
        return cls(
            header_period(cell.text),
            _metric(cell.text, lexicon),
            change,
            bool(_SHARE_HEADER.search(cell.text)),
        )


def _row_drafts(
    row: tuple[Cell, ...],
    line: tuple[int, int],
    columns: list[_Column],
    unit: tuple[str, Decimal],
    orgs: list[Mention],
    lexicon: MetricLexicon,
    context: DocContext,
) -> list[Draft]:
    if len(row) < 2 or _TOTAL_LABEL.match(row[0].text):
        return []  # a market's total row names no company
    label = row[0]
    subject = next((o.canonical or o.text for o in orgs if label.start <= o.start < label.end), "")
    row_metric = _metric(label.text, lexicon)
    if not subject and not row_metric and label.text[:1].isupper():
        subject = " ".join(label.text.split())  # a maker's name the entity stage missed
    found: list[Draft] = []
    for cell, column in zip(row[1:], columns[1:], strict=False):
        parsed = _cell_value(cell)
        if parsed is None:
            continue
        value, percent = parsed
        if column.change:
            if percent and found and found[0].change is None:
                found[0].change = _mention(cell, "percent", value, "percent")
                found[0].basis = column.change
            continue
        metric = row_metric or column.metric
        if not metric and percent and column.share:
            metric = "market_share"
        draft = _cell_draft(metric, cell, value, percent, unit)
        if draft is None:
            continue
        draft.sentence = line
        draft.subject = subject or context.main_org
        draft.period = column.period or header_period(label.text) or context.report_period
        found.append(draft)
    return found
