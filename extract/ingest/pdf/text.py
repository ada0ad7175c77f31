"""Page lines -> document text: running headers, footers and page numbers removed,
hyphenation across lines undone, paragraphs rebuilt.

A paragraph goes on from one line to the next in the same column unless the gap between
them is wide, the font size changes, the next line is indented, or the line before is a
short one ending a sentence. From one column or page to the next it goes on when the
line before ends without closing punctuation and the next does not begin in upper case.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence

from extract.ingest.pdf.layout import Line, Row

__all__ = ["build_text", "drop_running_rows"]

# Rows this close to the top or bottom of a page may be running headers and footers.
EDGE_ROWS = 2
# A paragraph break: a gap wider than this many font sizes between two lines.
PARAGRAPH_GAP = 0.9
# A first line indented by more than this many font sizes starts a paragraph.
INDENT = 1.2
# A line shorter than this share of its column that ends a sentence ends its paragraph.
SHORT_LINE = 0.85

_PAGE_NUMBER = re.compile(
    r"^(?:page|p\.|seite)?\s*[-\u2013\u2014(\[]?\s*\d{1,4}\s*[-\u2013\u2014)\]]?"
    r"(?:\s*(?:of|/|von)\s*\d{1,4})?$",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
_ENDS_SENTENCE = re.compile(r"[.!?:;\"\u201d\u2019)]$")
_HYPHENATED_END = re.compile(r"(?P<token>[^\s]*?)(?P<frag>[^\W\d_]+)-$")
_LOWER_START = re.compile(r"^(?P<frag>[^\W\d_A-Z]+)")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def _signature(row: Row) -> str:
    return _DIGITS.sub("#", " ".join(row.text.lower().split()))


def drop_running_rows(pages: Sequence[list[Row]]) -> list[list[Row]]:
    """Pages without page-number rows and without headers/footers repeated on most pages.

    Only the first and last ``EDGE_ROWS`` rows of a page are candidates; a row repeats when
    it reads the same with its digits masked (``Page 3 of 9``) on at least half the pages,
    and on two or more.
    """

    def edges(rows: list[Row]) -> list[int]:
        n = len(rows)
        return sorted({i for i in (*range(min(EDGE_ROWS, n)), *range(max(0, n - EDGE_ROWS), n))})

    counts: Counter[str] = Counter()
    for rows in pages:
        counts.update({_signature(rows[i]) for i in edges(rows) if not rows[i].segments[0].table})
    repeated = {
        sig for sig, n in counts.items() if len(pages) >= 2 and n >= 2 and n * 2 >= len(pages)
    }
    out = []
    for rows in pages:
        drop = set()
        for i in edges(rows):
            row = rows[i]
            if row.segments[0].table:
                continue
            if _signature(row) in repeated or _PAGE_NUMBER.match(row.text.strip()):
                drop.add(i)
        out.append([r for i, r in enumerate(rows) if i not in drop])
    return out


class _Vocabulary:
    """Hyphenated pairs of words written within one line somewhere in the document."""

    def __init__(self, lines: Sequence[str]) -> None:
        self.pairs: set[str] = set()
        for line in lines:
            for m in _WORD.finditer(line):
                parts = m.group().lower().split("-")
                self.pairs.update(f"{a}-{b}" for a, b in itertools.pairwise(parts))

    def keeps_hyphen(self, token: str, before: str, after: str) -> bool:
        """True when ``before-`` + ``after`` across a line break is a hyphenated compound.

        It is when the line broke inside a longer compound (``year-on-`` / ``year``) or the
        document writes the pair with its hyphen elsewhere; otherwise the hyphen is the
        typesetter's and is dropped.
        """
        return "-" in token or f"{before}-{after}".lower() in self.pairs


def _join(last: str, nxt: str, vocabulary: _Vocabulary) -> tuple[str, str]:
    """``last`` (the line a paragraph ends with) and the separator before ``nxt``.

    A soft hyphen or a typesetter's hyphen at the end of ``last`` is dropped and the word
    joined; a compound's hyphen stays; otherwise the lines are joined with a space.
    """
    if last.endswith("\u00ad"):
        return last[:-1], ""
    end = _HYPHENATED_END.search(last[-64:])
    start = _LOWER_START.match(nxt)
    if end is not None and start is not None:
        if vocabulary.keeps_hyphen(end.group("token"), end.group("frag"), start.group("frag")):
            return last, ""
        return last[:-1], ""
    return last, " "


def _flow_extents(lines: Sequence[Line]) -> dict[int, tuple[float, float]]:
    extents: dict[int, tuple[float, float]] = {}
    for line in lines:
        if line.table:
            continue
        lo, hi = extents.get(line.flow, (line.x0, line.x1))
        extents[line.flow] = (min(lo, line.x0), max(hi, line.x1))
    return extents


def _goes_on(prev: Line, line: Line, extent: tuple[float, float]) -> bool:
    """True when ``line`` continues the paragraph of ``prev`` within one column."""
    size = max(prev.size, line.size)
    if abs(prev.size - line.size) > 0.15 * size:
        return False
    if line.top - prev.bottom > PARAGRAPH_GAP * size:
        return False
    left, right = extent
    if line.x0 - left > INDENT * size and line.x0 - prev.x0 > INDENT * size:
        return False
    short = prev.x1 < left + SHORT_LINE * (right - left)
    return not (short and _ENDS_SENTENCE.search(prev.text))


def _carries_over(prev: Line, line: Line) -> bool:
    """True when ``line``, first of a new column or page, continues the paragraph of ``prev``."""
    if abs(prev.size - line.size) > 0.15 * max(prev.size, line.size):
        return False
    return not _ENDS_SENTENCE.search(prev.text) and not line.text[:1].isupper()


def build_text(pages: Sequence[Sequence[Line]]) -> tuple[str, tuple[int, ...]]:
    """The document text, paragraphs separated by a blank line, and where each page starts.

    A table is a paragraph of its own, one pipe-table row a line; a row of a table drawn
    without lines is a paragraph of its own.
    """
    vocabulary = _Vocabulary([line.text for lines in pages for line in lines if not line.table])
    # Each paragraph is a list of pieces joined at the end, so joining stays linear.
    paragraphs: list[list[str]] = []
    lengths: list[int] = []
    page_of_paragraph: list[list[tuple[int, int]]] = []  # (page, offset in paragraph)
    prev: Line | None = None
    for page_no, lines in enumerate(pages):
        extents = _flow_extents(lines)
        first_on_page = True
        for line in lines:
            if line.table:
                paragraphs.append([line.text])
                lengths.append(len(line.text))
                page_of_paragraph.append([(page_no, 0)])
                prev = None
                continue
            same_flow = prev is not None and not first_on_page and prev.flow == line.flow
            if (
                prev is not None
                and not line.alone
                and not prev.alone
                and (
                    _goes_on(prev, line, extents[line.flow])
                    if same_flow
                    else _carries_over(prev, line)
                )
            ):
                pieces = paragraphs[-1]
                last, separator = _join(pieces[-1], line.text, vocabulary)
                lengths[-1] += len(last) - len(pieces[-1]) + len(separator)
                pieces[-1] = last
                if first_on_page:
                    page_of_paragraph[-1].append((page_no, lengths[-1]))
                pieces.extend((separator, line.text))
                lengths[-1] += len(line.text)
            else:
                paragraphs.append([line.text])
                lengths.append(len(line.text))
                page_of_paragraph.append([(page_no, 0)])
            prev = line
            first_on_page = False
    starts: dict[int, int] = {}
    offset = 0
    for length, marks in zip(lengths, page_of_paragraph, strict=True):
        for page_no, inner in marks:
            starts.setdefault(page_no, offset + inner)
        offset += length + 2
    page_starts = []
    following = offset
    for page_no in range(len(pages) - 1, -1, -1):
        following = starts.get(page_no, following)
        page_starts.append(following)
    text = "\n\n".join("".join(pieces) for pieces in paragraphs)
    return (text + "\n" if text else ""), tuple(reversed(page_starts))
