"""RTF reader: the text of a Rich Text Format file, with striprtf; tables as pipe tables."""

from __future__ import annotations

import re
from pathlib import Path

from extract.errors import IngestError
from extract.ingest.base import RawText
from extract.ingest.tables import pipe_row

# The end of a table cell, rewritten before conversion to a private-use character that
# marks it in the output (RTF \u takes a signed 16-bit number: U+E000 is -8192).
_CELL_RE = re.compile(r"\\(?:nest)?cell(?![a-zA-Z])\s?")
_CELL_MARK = "\ue000"
# A group's opening brace; an escaped backslash or brace (``\\``, ``\{``) is matched first
# and kept as it is.
_GROUP_START = re.compile(r"(\\[\\{}])|\{")
_BLANK_RUN = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")


def read_rtf(data: bytes, path: Path) -> RawText:
    """Text of an RTF file: control words and groups removed, each table row a pipe-table line."""
    from striprtf.striprtf import rtf_to_text

    if not data.strip():
        raise IngestError("empty file", status="skipped")
    if not data.lstrip().startswith(b"{\\rtf"):
        raise IngestError("not an RTF file (no {\\rtf header)")
    # RTF is 7-bit: other characters are escapes, so Latin-1 maps the bytes one to one.
    source = _CELL_RE.sub(r"\\u-8192?", data.decode("latin-1"))
    # Line breaks in RTF source are not text. One before every group keeps striprtf's
    # hyperlink pattern (which scans to the end of a line) to one group, so it stays linear;
    # links then give their text without the address.
    source = _GROUP_START.sub(lambda m: m.group(1) or "\n{", source)
    try:
        text = rtf_to_text(source, errors="replace")
    except (ValueError, LookupError, IndexError) as exc:
        raise IngestError(f"broken RTF file: {type(exc).__name__}: {exc}") from exc
    lines = []
    for line in text.splitlines():
        if _CELL_MARK in line:
            cells = line.split(_CELL_MARK)
            if not cells[-1].strip():
                cells.pop()
            lines.append(pipe_row(cells))
        else:
            lines.append(line.rstrip())
    out = _BLANK_RUN.sub("\n\n", "\n".join(lines)).strip()
    if not out:
        raise IngestError("no text in RTF file", status="skipped")
    return RawText(text=out + "\n", encoding="rtf")
