"""Reading a table's cells as facts: the columns' periods, metrics, changes and units, then
each row's label (a metric, a company, a segment) and its value cells."""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from extract.facts.anchors import compatible
from extract.facts.kinds import METRIC_VALUE_KINDS, PER_SHARE_METRICS
from extract.facts.records import DocContext, Draft
from extract.facts.tables.labels import change_of, header_period, is_fiscal
from extract.facts.tables.layout import Cell, Table, cell_number, empty, numeric
from extract.facts.tables.units import Units, cell_units, read_units
from extract.lexicon import NO_METRIC, LexiconMatch, MetricLexicon
from extract.records import Mention

__all__ = ["TableReader"]

# The header of a label column that lists companies (a market table), not segments.
_SUBJECT_HEADER = re.compile(
    r"\b(?:vendors?|compan(?:y|ies)|makers?|manufacturers?|brands?|banks?|carriers?|airlines?|"
    r"players?|oems?|insurers?|operators?|developers?|retailers?|groups?|automakers?|"
    r"carmakers?|firms?|rank(?:ing)?|competitors?|issuers?)\b",
    re.IGNORECASE,
)
# A row that sums the others (no segment of its own), and rows that are no segment.
_TOTAL = re.compile(r"^(?:total|group|overall|all|consolidated)\b", re.IGNORECASE)
_MARKET_TOTAL = re.compile(
    r"^\s*(?:total|all|market|industry|overall|others?|other\s+\w+)\s*$", re.I
)
_NO_SEGMENT = re.compile(
    r"^others?$|eliminations?|adjustments?|unallocated|reconciliation|intersegment|"
    r"inter-segment|corporate\s+and\s+other",
    re.IGNORECASE,
)
_UNIT_HEADER = re.compile(r"^\s*(?:units?|uom)\s*$", re.IGNORECASE)
_PERIOD_LABEL = re.compile(
    r"^(?:Q[1-4]|[1-4]Q|H[12]|[12]H|FY)?\s*['\u2019]?(?:19|20)?\d{2}(?:\s*-?\s*(?:Q[1-4]|H[12]))?$"
    r"|^(?:Q[1-4]|H[12])\s*(?:FY)?\s*(?:19|20)?\d{2}$",
    re.IGNORECASE,
)
_BREAKDOWN = re.compile(r"\b(?:by|per)\s+\w", re.IGNORECASE)
_YEAR_LABEL = re.compile(r"^\s*(?:19|20)\d{2}\s*$")
_PARENTHESES = re.compile(r"\([^()]*\)")
_SHARE = re.compile(r"\bshare\b", re.IGNORECASE)
_SPELLED_PERIOD = re.compile(
    r"\b(?:quarter|half|months?|weeks?|year\s+(?:ended|ending|to))\b", re.I
)


@dataclass(frozen=True, slots=True)
class Column:
    text: str
    period: str
    metric: str
    change: bool
    basis: str
    alternative: bool
    units: Units
    share: bool


@dataclass(frozen=True, slots=True)
class _Frame:
    """What a table's header and caption say for all its rows."""

    label_at: int
    columns: list[Column]
    units: Units
    metric: str
    period: str
    segment: str
    subjects: bool

    @property
    def dated(self) -> bool:
        return any(c.period for c in self.columns)


@dataclass(frozen=True, slots=True)
class TableReader:
    """Reads the tables of one document; ``period_of`` resolves a header's period label
    (with the document's fiscal calendar and the date stage's mentions)."""

    text: str
    lexicon: MetricLexicon
    context: DocContext
    orgs: Sequence[Mention]
    products: Sequence[Mention]
    dates: Sequence[Mention]
    fiscal: Callable[[], tuple[int, str]]

    def drafts(self, table: Table) -> list[Draft]:
        header_count = _header_rows(table)
        header = _merge_header(table.rows[:header_count])
        body = list(zip(table.rows[header_count:], table.lines[header_count:], strict=False))
        if not body:
            return []
        caption, caption_start = self._caption(table.start)
        label_at = _label_column(header, [r for r, _ in body])
        label_header = header[label_at].text if label_at < len(header) else ""
        frame = _Frame(
            label_at=label_at,
            columns=[self._column(cell) for cell in header],
            units=read_units(f"{caption} {label_header}"),
            metric=self._caption_metric(
                caption, [r[label_at] for r, _ in body if len(r) > label_at]
            ),
            period=self._period_in(caption, caption_start, table.start),
            segment=self._segment(caption),
            subjects=bool(_SUBJECT_HEADER.search(label_header))
            or self._mostly_companies([r[label_at] for r, _ in body if len(r) > label_at]),
        )
        found: list[Draft] = []
        for row, line in body:
            if len(row) > label_at:
                found.extend(self._row(row, line, frame))
        return found

    # Table parts ------------------------------------------------------------------------

    def _caption(self, start: int) -> tuple[str, int]:
        """The title lines right above a table (at most two non-empty lines within four, none
        a sentence), and where they start: ``Sales by division``, ``Highlights (₹ crore)``."""
        lines: list[str] = []
        first = start
        end = start - 1
        for _ in range(4):
            if end <= 0:
                break
            begin = self.text.rfind("\n", 0, end) + 1
            line = self.text[begin:end].strip().strip("#* ").strip()
            end = begin - 1
            if not line:
                continue
            if len(line) > 150 or line.endswith((".", "!", "?", '"', "\u201d")):
                break
            lines.append(line)
            first = begin
            if len(lines) == 2:
                break
        return " ".join(reversed(lines)), first

    def _caption_metric(self, caption: str, labels: list[Cell]) -> str:
        """The metric a caption names for rows that name none: for a breakdown (``Sales by
        division``), or where no row names another metric (a statement's ``Cost of sales``
        row under ``Revenue and profit`` is no revenue)."""
        metric = self._metric(caption, plural=True)
        if not metric or _BREAKDOWN.search(caption):
            return metric
        for label in labels:
            named = self._metric(_PARENTHESES.sub(" ", label.text), inner=True)
            if named and named != metric:
                return ""
        return metric

    def _period_in(self, caption: str, start: int, before: int) -> str:
        """A period named in the caption (``text[start:before]``): the date stage's mention
        there, else the label."""
        if not caption:
            return ""
        i = bisect.bisect_left(self.dates, start, key=lambda m: m.start)
        for m in self.dates[i:]:
            if m.start >= before:
                break
            if m.period and m.granularity != "day":
                return m.period
        if _SPELLED_PERIOD.search(caption):
            return ""  # "the third quarter of 2025" is the date stage's to read
        return header_period(caption)

    def _column(self, cell: Cell) -> Column:
        is_change, basis, alternative = change_of(cell.text)
        period = "" if is_change else self._header_period(cell)
        metric = "" if is_change else self._metric(_PARENTHESES.sub(" ", cell.text))
        return Column(
            cell.text,
            period,
            metric,
            is_change,
            basis,
            alternative,
            read_units(cell.text),
            bool(_SHARE.search(cell.text)),
        )

    def _header_period(self, cell: Cell) -> str:
        if not is_fiscal(cell.text):
            return header_period(cell.text)
        # The date stage's reading of the label, with its calendars.
        found = _first_in(self.dates, cell.start, cell.end)
        if found is not None and found.end <= cell.end and found.period:
            return found.period
        return header_period(cell.text, self.fiscal())

    def _metric(self, label: str, *, plural: bool = False, inner: bool = False) -> str:
        """The metric a row label, header or caption names, or "". With ``inner``, a word
        inside a metric phrase is passed over (``C1 nickel cost``, ``Realised gold price``)."""
        for match in self.lexicon.find_metrics(label):
            if match.label != NO_METRIC:
                return match.label
        words = label.split()
        if inner and 3 <= len(words) <= 6:
            for i in range(1, len(words) - 1):
                shorter = " ".join(words[:i] + words[i + 1 :])
                for match in self.lexicon.find_metrics(shorter):
                    gap = len(" ".join(words[:i]))
                    if match.label != NO_METRIC and match.start < gap < match.end:
                        return match.label
        if plural:  # a caption's singular: "Delivery summary"
            words = re.sub(r"\b(\w+?)y\b", r"\1ies", label)
            if words != label:
                return self._metric(words)
        return ""

    # Rows ---------------------------------------------------------------------------------

    def _row(self, row: tuple[Cell, ...], line: tuple[int, int], frame: _Frame) -> list[Draft]:
        label = row[frame.label_at]
        name = _PARENTHESES.sub(" ", label.text).strip()
        if not name:
            return []
        row_metric = self._metric(name, inner=True)
        row_units = read_units(label.text)
        for cell, column in zip(row, frame.columns, strict=False):
            if _UNIT_HEADER.match(column.text) and cell.text:
                row_units = read_units(f"({cell.text})").over(row_units)  # a unit column
        subject, segment = self.context.main_org, ""
        if not row_metric and _PERIOD_LABEL.match(name):
            pass  # a row of a period (``Q1 2025``) of the company's figures
        elif not row_metric:
            who = self._who(label, name, frame.subjects)
            if who is None:
                return []
            subject, segment = who
        else:
            segment = self._segment(name)
        current: Draft | None = None
        changes: list[tuple[Column, Cell]] = []
        found: list[Draft] = []
        for cell, column in zip(
            row[frame.label_at + 1 :], frame.columns[frame.label_at + 1 :], strict=False
        ):
            if column.change:
                changes.append((column, cell))
                continue
            metric = row_metric or column.metric or frame.metric
            if not row_metric and not column.metric and column.share:
                metric = "market_share"
            units = _layered(cell, row_units, column.units, frame.units)
            draft = self._cell_draft(metric, cell, units)
            if draft is None:
                continue
            draft.sentence = line
            draft.subject = subject or self.context.main_org
            draft.segment = segment or frame.segment
            draft.period = (
                column.period
                or frame.period
                or self._header_period(label)
                or self.context.report_period
            )
            if current is None or (
                column.period and _period_start(column.period) > _period_start(current.period)
            ):
                current = draft  # changes are those of the latest period
            found.append(draft)
        if current is not None:
            found.extend(self._changes(current, changes, frame.columns))
        return found

    def _org_in(self, label: Cell) -> Mention | None:
        """An organisation named in the label, other than the company the article is about
        (whose name before more words makes a product or division: ``Holm Vega 7``)."""
        main = self.context.main_org
        org = _first_in(self.orgs, label.start, label.end)
        if org is None:
            return None
        name = org.canonical or org.text
        if main and (name == main or main.startswith(f"{name} ") or label.text.startswith(main)):
            return None  # the company itself, maybe by its short name
        return org

    def _mostly_companies(self, labels: list[Cell]) -> bool:
        """A market table: most row labels name companies."""
        named = sum(1 for label in labels if self._org_in(label) is not None)
        return bool(labels) and named * 2 > len(labels)

    def _who(self, label: Cell, name: str, subjects: bool) -> tuple[str, str] | None:
        """``(subject, segment)`` a row label names: a company of a market table (its
        label column's header names companies, or most labels do), or a segment (a
        division, product or category) of the company the article is about."""
        main = self.context.main_org
        product = _first_in(self.products, label.start, label.end)
        if product is not None and product.end > label.end:
            product = None
        if subjects:
            if _MARKET_TOTAL.match(name):
                return None  # a market's total or "others" row names no company
            org = self._org_in(label)
            return (org.canonical or org.text) if org is not None else " ".join(name.split()), ""
        if _TOTAL.match(name):
            return main, ""
        if _NO_SEGMENT.search(name):
            return None
        if product is not None:
            return main, product.canonical or product.text
        return main, " ".join(name.split())

    def _segment(self, name: str) -> str:
        found = self.lexicon.find_segments(name)
        return found[0].label if found else ""

    def _cell_draft(self, metric: str, cell: Cell, units: Units) -> Draft | None:
        parsed = _cell_value(cell)
        if parsed is None or not metric:
            return None
        value = parsed
        scale = units.scale if units.scale is not None else Decimal(1)
        if metric in PER_SHARE_METRICS and scale > 1:
            scale = Decimal(1)  # "(in millions, except per share data)"
        kinds = METRIC_VALUE_KINDS.get(metric, frozenset())
        currency = units.currency
        if not currency and (units.scale is not None or kinds == {"money"}):
            currency = self.context.currency  # a bare amount in the document's currency
        per_share = False
        if units.ratio == "percentage_point":
            return None  # a level is never in points
        if units.ratio == "percent":
            kind, amount, unit = "percent", value, "percent"
        elif currency and _takes_money(metric):
            kind, amount, unit = "money", value * scale, currency
            if metric in PER_SHARE_METRICS:
                per_share = True
            elif units.per and units.per != "share":
                unit = f"{currency}/{units.per}"
        else:
            kind, amount, unit = "quantity", value * scale, units.quantity
        if metric in METRIC_VALUE_KINDS and not compatible(
            LexiconMatch(cell.start, cell.start, metric), kind
        ):
            return None
        return Draft(
            metric=metric,
            sentence=(cell.start, cell.end),
            value=_mention(cell, kind, amount, unit),
            per_share=per_share,
        )

    def _changes(
        self, current: Draft, changes: list[tuple[Column, Cell]], columns: list[Column]
    ) -> list[Draft]:
        """The change columns of the row's current figure: one fact per basis; a reported
        change stands for the constant-currency one beside it."""
        reported = any(not c.alternative for c, _ in changes)
        extra: list[Draft] = []
        seen: set[str] = set()
        for column, cell in changes:
            if column.alternative and reported:
                continue
            parsed = _cell_value(cell)
            if parsed is None:
                continue
            mark = cell_number(cell.text)
            unit = (
                "percentage_point"
                if mark and mark.group("pct") in ("pp", "pt", "pts", "ppt", "ppts")
                else "percent"
            )
            basis = column.basis or _compared(current.period, columns)
            basis = "" if basis == "mom" else basis
            if basis in seen:
                continue
            seen.add(basis)
            target = current if current.change is None else dataclasses.replace(current, dates=[])
            target.change = _mention(cell, "percent", parsed, unit)
            target.basis = basis
            if target is not current:
                extra.append(target)
        return extra


def _period_start(period: str) -> tuple[int, int]:
    """``(year, month)`` a period starts in: ``2025-Q3`` -> (2025, 7); (0, 0) for none."""
    found = re.match(r"(\d{4})(?:-(?:Q([1-4])|H([12])|(\d{2})))?", period)
    if found is None:
        return 0, 0
    year, quarter, half, month = found.groups()
    if quarter:
        return int(year), 3 * int(quarter) - 2
    if half:
        return int(year), 6 * int(half) - 5
    return int(year), int(month or 1)


def _first_in(mentions: Sequence[Mention], start: int, end: int) -> Mention | None:
    """The first of ``mentions`` (sorted by start) starting in ``[start, end)``."""
    i = bisect.bisect_left(mentions, start, key=lambda m: m.start)
    return mentions[i] if i < len(mentions) and mentions[i].start < end else None


def _takes_money(metric: str) -> bool:
    """Whether the metric's figures may be money (a metric the linker does not type may)."""
    kinds = METRIC_VALUE_KINDS.get(metric)
    return kinds is None or "money" in kinds


def _compared(period: str, columns: list[Column]) -> str:
    """The basis of an unnamed change column: ``yoy`` where the table's other period is the
    same period a year earlier, ``qoq`` where it is the quarter before."""
    others = [c.period for c in columns if c.period and c.period != period]
    if len(others) != 1 or not period[:4].isdigit() or not others[0][:4].isdigit():
        return ""
    other = others[0]
    if other == f"{int(period[:4]) - 1}{period[4:]}":
        return "yoy"
    quarter = re.fullmatch(r"(\d{4})-Q([1-4])", period)
    if quarter is not None:
        year, q = int(quarter[1]), int(quarter[2])
        before = f"{year - 1}-Q4" if q == 1 else f"{year}-Q{q - 1}"
        if other == before:
            return "qoq"
    return ""


def _layered(cell: Cell, row: Units, column: Units, table: Units) -> Units:
    """The units of a cell: what the cell states, over the row label's, over the column's,
    over the table caption's; a row label or column stating units replaces those below."""
    mark = cell_number(cell.text)
    own = (
        cell_units(cell.text, mark.group("scale") or "", mark.group("pct") or "")
        if mark
        else Units()
    )
    base = row if row.stated else column.over(table) if column.stated else table
    if row.stated and column.ratio and not row.ratio:
        base = row.over(Units(ratio=column.ratio))
    if own.currency or own.scale is not None:
        scale = own.scale if own.scale is not None else base.scale
        base = Units(own.currency or base.currency, scale, own.ratio, base.quantity, base.per)
    return own.over(base)


def _cell_value(cell: Cell) -> Decimal | None:
    found = cell_number(cell.text)
    if found is None:
        return None
    try:
        value = Decimal(found.group("num").replace(",", ""))
    except InvalidOperation:
        return None
    return -value if found.group("neg") else value


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


def _header_rows(table: Table) -> int:
    """The header's rows: the first, and those right after it without a figure (a row of
    units: ``| | HK$'000 | HK$'000 | % |``, or of years under a spanning label)."""
    count = 1
    for row in table.rows[1:]:
        if count >= 3 or any(numeric(c) and not _YEAR_LABEL.match(c.text) for c in row):
            break
        if not any(c.text.strip() for c in row[1:]):
            break
        count += 1
    return count


def _merge_header(rows: Sequence[tuple[Cell, ...]]) -> list[Cell]:
    """One header cell a column: the texts of the header rows joined, the first row's span."""
    merged = list(rows[0])
    above = [c.text for c in rows[0]]
    for row in rows[1:]:
        # A label over several columns (``Three months ended September 30,`` over ``2025``
        # and ``2024``) is written once, the cells to its right left empty.
        spans = list(above)
        for i in range(1, len(spans)):
            if not spans[i] and i < len(row) and row[i].text:
                spans[i] = spans[i - 1]
        for i, cell in enumerate(row[: len(merged)]):
            if cell.text:
                joined = f"{spans[i]} {cell.text}".strip()
                merged[i] = Cell(merged[i].start, merged[i].end, joined)
        above = [c.text for c in row]
    return merged


def _label_column(header: list[Cell], body: list[tuple[Cell, ...]]) -> int:
    """The first column whose cells are mostly words (a rank column before it is skipped)."""
    for index in range(min(len(header), 3)):
        cells = [r[index] for r in body if len(r) > index]
        words = sum(1 for c in cells if c.text.strip() and not numeric(c) and not empty(c))
        if cells and words * 2 >= len(cells):
            return index
    return 0
