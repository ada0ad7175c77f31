"""Word (.docx) reader: paragraphs and tables in document order, with python-docx."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from extract.errors import IngestError
from extract.ingest.base import RawText
from extract.ingest.tables import pipe_table


def read_docx(data: bytes, path: Path) -> RawText:
    """The text of a Word document: one paragraph a line, each table as pipe-table lines.

    Paragraphs are separated by a blank line; a cell merged over several grid columns is
    written once. A file that is not a Word document fails with the reason.
    """
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    if not data.strip():
        raise IngestError("empty file", status="skipped")
    if not data.startswith(b"PK"):
        raise IngestError("not a Word .docx file (not a ZIP package)")
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise IngestError(f"broken .docx file: {type(exc).__name__}: {exc}") from exc
    blocks: list[str] = []
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            rows = []
            for row in item.rows:
                cells = []
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # one merged cell spans several grid columns
                        continue
                    seen.add(id(cell._tc))
                    cells.append(cell.text)
                rows.append(cells)
            table = pipe_table(rows)
            if table:
                blocks.append(table)
        else:
            text = " ".join(item.text.split())
            if text:
                blocks.append(text)
    if not blocks:
        raise IngestError("no text in .docx file", status="skipped")
    title = (document.core_properties.title or "").strip()
    return RawText(text="\n\n".join(blocks) + "\n", encoding="docx", title=title)
