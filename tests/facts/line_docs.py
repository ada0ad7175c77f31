"""Documents built from plain text for the linker's tests."""

from __future__ import annotations

from datetime import date

from extract.document import Paragraph, ParsedDoc


def line_doc(text: str, doc_id: str, reference: date) -> ParsedDoc:
    """A document whose every non-blank line is one sentence and one paragraph, as a
    table's rows are read."""
    lines: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            lines.append((offset, offset + len(line)))
        offset += len(line) + 1
    return ParsedDoc(
        doc_id=doc_id,
        text=text,
        reference_date=reference,
        sentences=tuple(lines),
        paragraphs=tuple(Paragraph(s, e, "en") for s, e in lines),
    )
