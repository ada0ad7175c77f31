"""Reading order of one PDF page from the positions of its words.

Words are grouped into rows (one baseline), a row into segments (runs of words with no
wide gap). Column gutters are vertical strips that the segments of most rows leave
empty. A row that crosses a gutter (a headline, a footer, a wide table) spans the page
and is read in place; the rows between two spanning rows form a band, whose gutters are
found again and whose columns are read one after the other, left to right, when each
column reads like text (several words a line). A band whose columns are short cells (a
table drawn without lines) is read row by row. Every step is linear in the number of
words plus the page width in points.
"""

from __future__ import annotations

import math
import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

__all__ = ["Line", "Row", "Segment", "Word", "order_rows", "rows_of"]

# A gap between two words wider than this many font sizes starts a new segment.
SEGMENT_GAP = 0.8
# A gutter is at least this many font sizes wide (and at least MIN_GUTTER_POINTS).
GUTTER_WIDTH = 0.8
MIN_GUTTER_POINTS = 5.0
# A column reads like text when its lines hold this many words on average, or (narrow
# columns) NARROW_WORDS_PER_LINE words of which LOWERCASE_SHARE are lower-case words; the
# cells of a table are short and mostly figures, labels or capitalised names.
TEXT_WORDS_PER_LINE = 2.5
NARROW_WORDS_PER_LINE = 1.8
LOWERCASE_SHARE = 0.6
# Words whose tops differ by less than this many font sizes share a row.
ROW_TOLERANCE = 0.4


@dataclass(slots=True)
class Word:
    """A word of a page, in points from the page's top-left corner."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


@dataclass(slots=True)
class Segment:
    """Words of one row with no wide gap between them, or a whole table (``table``)."""

    words: list[Word]
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    table: str = ""

    @property
    def text(self) -> str:
        return self.table or " ".join(w.text for w in self.words)

    @property
    def word_count(self) -> int:
        return len(self.words)


@dataclass(slots=True)
class Row:
    """Segments on one baseline, left to right."""

    segments: list[Segment] = field(default_factory=list)

    @property
    def top(self) -> float:
        return min(s.top for s in self.segments)

    @property
    def bottom(self) -> float:
        return max(s.bottom for s in self.segments)

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.segments)


@dataclass(frozen=True, slots=True)
class Line:
    """A line of text in reading order; ``flow`` numbers the column or band it was read in."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    flow: int
    table: bool = False
    # A paragraph of its own: a row of a table drawn without lines, a paragraph read by OCR.
    alone: bool = False


def _median(values: Sequence[float], default: float) -> float:
    if not values:
        return default
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def _segments(words: list[Word]) -> list[Segment]:
    words = sorted(words, key=lambda w: w.x0)
    out: list[Segment] = []
    for word in words:
        last = out[-1] if out else None
        if last is not None and word.x0 - last.x1 < SEGMENT_GAP * max(word.size, last.size):
            last.words.append(word)
            last.x1 = max(last.x1, word.x1)
            last.top = min(last.top, word.top)
            last.bottom = max(last.bottom, word.bottom)
        else:
            out.append(Segment([word], word.x0, word.x1, word.top, word.bottom, word.size))
    for seg in out:
        seg.size = _median([w.size for w in seg.words], seg.size)
    return out


def rows_of(words: Iterable[Word], tables: Iterable[Segment] = ()) -> list[Row]:
    """Rows of a page, top to bottom; each table is a row of its own."""
    ordered = sorted(words, key=lambda w: (w.top, w.x0))
    rows: list[Row] = []
    current: list[Word] = []
    for word in ordered:
        if current and word.top - current[0].top > ROW_TOLERANCE * max(current[0].size, 1.0):
            rows.append(Row(_segments(current)))
            current = []
        current.append(word)
    if current:
        rows.append(Row(_segments(current)))
    rows.extend(Row([t]) for t in tables)
    rows.sort(key=lambda r: r.top)
    return rows


def _coverage(rows: Sequence[Row], width: int) -> list[int]:
    """How many segments cover each one-point strip of the page."""
    diff = [0] * (width + 2)
    for row in rows:
        for seg in row.segments:
            a = min(max(int(seg.x0), 0), width)
            b = min(max(math.ceil(seg.x1), a + 1), width + 1)
            diff[a] += 1
            diff[b] -= 1
    cover, running = [], 0
    for d in diff[: width + 1]:
        running += d
        cover.append(running)
    return cover


def _gutters(rows: Sequence[Row], width: int, size: float, share: float) -> list[tuple[int, int]]:
    """Cores of strips covered by at most ``share`` of the busiest strip's rows, wide enough
    and with text on both sides, left to right."""
    cover = _coverage(rows, width)
    peak = max(cover, default=0)
    if peak < 2:
        return []
    low = int(peak * share)
    high = max(2, peak / 2)
    min_width = max(GUTTER_WIDTH * size, MIN_GUTTER_POINTS)
    covered = [i for i, c in enumerate(cover) if c > 0]
    if not covered:
        return []
    first, last = covered[0], covered[-1]
    # Highest coverage left of each strip and right of it, to require text on both sides.
    left_max, best = [0] * len(cover), 0
    for i, c in enumerate(cover):
        best = max(best, c)
        left_max[i] = best
    right_max, best = [0] * len(cover), 0
    for i in range(len(cover) - 1, -1, -1):
        best = max(best, cover[i])
        right_max[i] = best
    out: list[tuple[int, int]] = []
    start = None
    for i in range(first, last + 2):
        is_low = i <= last and cover[i] <= low
        if is_low and start is None:
            start = i
        elif not is_low and start is not None:
            if i - start >= min_width and left_max[start] >= high and right_max[i - 1] >= high:
                out.append(_core(cover, start, i))
            start = None
    return out


def _core(cover: Sequence[int], start: int, end: int) -> tuple[int, int]:
    """The longest stretch of ``cover[start:end]`` at its lowest coverage.

    Ragged line ends reach into a gutter from both sides; its core is where only the rows
    that span the page (if any) are.
    """
    least = min(cover[start:end])
    best = (start, start)
    run = None
    for i in range(start, end + 1):
        if i < end and cover[i] == least:
            run = i if run is None else run
        elif run is not None:
            if i - run > best[1] - best[0]:
                best = (run, i)
            run = None
    return best


def _crosses(seg: Segment, gutters: Sequence[tuple[int, int]]) -> bool:
    """True when ``seg`` runs across the middle of the core of a gutter."""
    return any(seg.x0 < (lo + hi) / 2 < seg.x1 for lo, hi in gutters)


def _line(segments: Sequence[Segment], flow: int, *, alone: bool = False) -> Line:
    table = len(segments) == 1 and bool(segments[0].table)
    return Line(
        text=" ".join(s.text for s in segments),
        x0=min(s.x0 for s in segments),
        x1=max(s.x1 for s in segments),
        top=min(s.top for s in segments),
        bottom=max(s.bottom for s in segments),
        size=_median([s.size for s in segments], 10.0),
        flow=flow,
        table=table,
        alone=alone and len(segments) > 1,
    )


def _lowercase_word(text: str) -> bool:
    word = text.strip(string.punctuation + "\u2019\u201d\u201c")
    return word.isalpha() and word.islower()


def _text_like(columns: Sequence[Sequence[Segment]]) -> bool:
    """True when every column reads like running text (see ``TEXT_WORDS_PER_LINE``)."""
    for column in columns:
        text = [s for s in column if not s.table]
        if not text:
            continue
        words = [w.text for s in text for w in s.words]
        per_line = len(words) / len(text)
        if per_line >= TEXT_WORDS_PER_LINE:
            continue
        lowercase = sum(1 for w in words if _lowercase_word(w)) / max(1, len(words))
        if per_line < NARROW_WORDS_PER_LINE or lowercase < LOWERCASE_SHARE:
            return False
    return True


def _read_band(band: Sequence[Row], width: int, size: float, flow: int) -> tuple[list[Line], int]:
    gutters = _gutters(band, width, size, share=0.0)
    if not gutters:
        return [_line(row.segments, flow) for row in band], flow + 1
    edges = [0.0] + [(lo + hi) / 2 for lo, hi in gutters] + [float(width + 1)]
    columns: list[list[Segment]] = [[] for _ in range(len(edges) - 1)]
    rows_per_column: list[list[list[Segment]]] = [[] for _ in columns]
    for row in band:
        parts: dict[int, list[Segment]] = {}
        for seg in row.segments:
            center = (seg.x0 + seg.x1) / 2
            k = next((i for i in range(len(columns)) if center < edges[i + 1]), len(columns) - 1)
            parts.setdefault(k, []).append(seg)
        for k, segs in parts.items():
            columns[k].extend(segs)
            rows_per_column[k].append(segs)
    if not _text_like(columns):
        return [_line(row.segments, flow, alone=True) for row in band], flow + 1
    lines = []
    for column_rows in rows_per_column:
        if column_rows:
            lines.extend(_line(segs, flow) for segs in column_rows)
            flow += 1
    return lines, flow


def order_rows(rows: Sequence[Row], width: float) -> list[Line]:
    """The lines of a page's rows in reading order (see the module's docstring)."""
    if not rows:
        return []
    page_width = math.ceil(width)
    size = _median([s.size for r in rows for s in r.segments if not s.table], 10.0)
    gutters = _gutters(rows, page_width, size, share=0.5)
    lines: list[Line] = []
    band: list[Row] = []
    flow = 0

    def close_band() -> None:
        nonlocal flow
        if band:
            read, flow = _read_band(band, page_width, size, flow)
            lines.extend(read)
            band.clear()

    spanning = False  # the last row spanned the page: the next spanning row reads on
    for row in rows:
        if gutters and any(_crosses(s, gutters) for s in row.segments):
            close_band()
            lines.append(_line(row.segments, flow))
            spanning = True
        else:
            if spanning:
                flow += 1
                spanning = False
            band.append(row)
    close_band()
    return lines
