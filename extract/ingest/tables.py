"""Tables found by a reader, written into the document text as pipe-table lines.

Every reader that finds a table (PDF, HTML, DOCX, RTF) writes it the same way, one row a
line, the header row first: ``| Metric | Q3 2025 | Q3 2024 |``. Cells are trimmed, their
whitespace (line breaks of a header written over two lines included) collapsed to one
space and a ``|`` inside a cell written as ``/``, so every cell is a span of the document
text between two pipes and the facts linker reads its offsets from the text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

__all__ = ["pipe_row", "pipe_table"]


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return " ".join(text.replace("|", "/").split())


def pipe_row(cells: Iterable[object]) -> str:
    """One table row as a pipe-table line: ``| a | b |``."""
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def pipe_table(rows: Sequence[Sequence[object]]) -> str:
    """The lines of a table, rows that are empty in every cell left out ("" for none)."""
    lines = [pipe_row(row) for row in rows if any(_cell(c) for c in row)]
    return "\n".join(lines)
