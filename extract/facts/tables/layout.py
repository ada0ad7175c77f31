"""Finding tables in document text: pipe tables, whitespace-aligned tables and flattened
tables whose cells run together. Each table is rows of cells with offsets into the text."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from extract.facts.tables.labels import CHANGE_HEADER, PERIOD

__all__ = ["Cell", "Table", "find_tables", "numeric"]

_MAX_COLUMNS = 24
_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}")
_ALIGNED_SPLIT = re.compile(r"\t+|\s{2,}")
# A value cell: a sign or bracket, a currency sign, a number, a scale letter, a unit
# (``-4%``, ``(215)``, ``$3.17B``, ``+0.8 pts``, ``9.3M``, ``US$2.45``, ``**31.20**``).
_CELL_NUMBER = re.compile(
    r"^\s*\**\s*[+]?(?P<neg>[-\u2212\u2013(])?\s*(?:(?:US|A|C|HK|NT|S|Rs\.?\s?)?[$€£¥₹])?\s*"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s?(?P<scale>bn|mn|B|M|K|k)(?![A-Za-z]))?\s*\)?\s*(?P<pct>%|pp|ppts?|pts?|bps)?\s*\**\s*$"
)
# An empty value cell: a dash or "n/a".
_EMPTY_CELL = re.compile(r"^\s*(?:[-\u2013\u2014]+|n/?a|nm|--)\s*$", re.IGNORECASE)
# Cells of a flattened row, run together: a figure with its sign, currency, scale and unit.
_GLUED_CELL = re.compile(
    r"(?P<cell>[+\-\u2212]?(?:(?:US|A|C|HK)?[$€£¥₹])?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
    r"(?:(?:bn|mn|B|M|K)(?![a-z]))?(?:\s?(?:%|pp(?![a-z])|pts?(?![a-z])))?)"
    r"|(?P<dash>(?<=[\d%A-Z])[-\u2013\u2014](?=$|[A-Z\d$+\-]))"
)
# A label's last word that is a lone capital glued to the figures: ``Vega X46,310`` is the
# model ``Vega X4`` and ``6,310``.
_LONE_CAPITAL = re.compile(r"(?:^|\s)[A-Z]{1,2}$")


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
    #: Each row's span, ``(start, end)``, the header's first: a line, or the part of a
    #: flattened line that holds the row.
    lines: tuple[tuple[int, int], ...]


def numeric(cell: Cell) -> bool:
    return bool(_CELL_NUMBER.match(cell.text))


def empty(cell: Cell) -> bool:
    return not cell.text.strip() or bool(_EMPTY_CELL.match(cell.text))


def cell_number(text: str) -> re.Match[str] | None:
    return _CELL_NUMBER.match(text)


def _lines(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for line in text.split("\n"):
        yield start, start + len(line)
        start += len(line) + 1


def _strip(text: str, start: int, end: int) -> Cell:
    """The cell ``text[start:end]`` without surrounding spaces and bold markers."""
    raw = text[start:end]
    inner = raw.strip().strip("*").strip()
    lead = raw.find(inner) if inner else 0
    return Cell(start + lead, start + lead + len(inner), inner)


def _pipe_cells(text: str, start: int, end: int) -> tuple[Cell, ...]:
    bars = [i for i in range(start, end) if text[i] == "|"]
    cells = [_strip(text, left + 1, right) for left, right in itertools.pairwise(bars)]
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


def glued_header(text: str, start: int, end: int) -> tuple[Cell, ...]:
    """A line of two or more column labels run together, maybe after a label of the label
    column and before a change column: ``2024Q42024Q3``, ``MonthlyMay 2025April
    2025``, ``ItemQ2 2025Q2 2024Change``. The cells: the label column's, then the rest."""
    line = text[start:end]
    if not line.strip() or len(line) > 120 or "|" in line or "  " in line.strip():
        return ()
    found = list(PERIOD.finditer(text, start, end))
    if len(found) < 2:
        return ()
    if any(a.end() != b.start() for a, b in itertools.pairwise(found)):
        return ()  # labels run together with nothing between them
    lead = text[start : found[0].start()]
    if lead.strip() and not re.fullmatch(r"[A-Za-z][A-Za-z ]{0,29}", lead.strip()):
        return ()
    cells = [_strip(text, start, found[0].start())]
    cells += [Cell(m.start(), m.end(), m.group()) for m in found]
    tail = text[found[-1].end() : end]
    if tail.strip():
        if not CHANGE_HEADER.fullmatch(tail.strip()):
            return ()
        cells.append(_strip(text, found[-1].end(), end))
    return tuple(cells)


def glued_rows(text: str, start: int, end: int, columns: int) -> list[tuple[Cell, ...]]:
    """The rows of a flattened line, each a label glued to ``columns`` figures
    (``Total deliveries48,91039,205``; several rows may share the line:
    ``Sales$3.17B$2.98B+6.4%Net loss$85M$112M-24.1%``); [] when the line is not one."""
    rows: list[tuple[Cell, ...]] = []
    cursor = start
    while cursor < end:
        row = _glued_row(text, cursor, end, columns)
        if row is None:
            return []
        rows.append(row)
        cursor = row[-1].end
        while cursor < end and text[cursor] in " \t":
            cursor += 1
    return rows


def _glued_row(text: str, start: int, end: int, columns: int) -> tuple[Cell, ...] | None:
    first = _GLUED_CELL.search(text, start, end)
    if first is None or first.start() == start:
        return None
    label_end = first.start()
    if _LONE_CAPITAL.search(text, start, label_end) and text[label_end].isdigit():
        shifted = _glued_cells(text, label_end + 1, end, columns)
        if shifted is not None:
            return (_strip(text, start, label_end + 1), *shifted)
    cells = _glued_cells(text, label_end, end, columns)
    if cells is None:
        return None
    label = _strip(text, start, label_end)
    if not re.search(r"[^\W\d_]", label.text):
        return None
    return (label, *cells)


def _glued_cells(text: str, start: int, end: int, columns: int) -> tuple[Cell, ...] | None:
    cells: list[Cell] = []
    cursor = start
    for _ in range(columns):
        found = _GLUED_CELL.match(text, cursor, end)
        if found is None:
            return None
        cells.append(Cell(found.start(), found.end(), found.group()))
        cursor = found.end()
    while cursor < end and text[cursor] in " \t":
        cursor += 1
    if cursor < end and text[cursor].isdigit():
        return None  # more figures than columns
    return tuple(cells)


def find_tables(text: str) -> list[Table]:
    """The tables of ``text`` in the three layouts, in text order."""
    tables: list[Table] = []
    block: list[tuple[int, int, tuple[Cell, ...]]] = []
    kind = ""

    def close() -> None:
        rows = [r for r in block if r[2]]
        if len(rows) >= 2 and any(any(numeric(c) for c in r[2][1:]) for r in rows[1:]):
            tables.append(
                Table(
                    rows[0][0],
                    rows[-1][1],
                    tuple(r[2] for r in rows),
                    tuple((s, e) for s, e, _ in rows),
                )
            )
        block.clear()

    columns = 0
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
        if kind == "glued" and columns:
            rows = glued_rows(text, start, end, columns)
            if rows:
                block.extend((r[0].start, r[-1].end, r) for r in rows)
                continue
        header = glued_header(text, start, end)
        if header:
            close()
            kind, columns = "glued", len(header) - 1
            block.append((start, end, header))
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
        kind, columns = "", 0
    close()
    return tables
