"""ParsedDoc look-ups by offset."""

from __future__ import annotations

import pytest

from extract.document import Paragraph, ParsedDoc

TEXT = "Kopfzeile hier\n\nThe body. Second one."
DOC = ParsedDoc(
    doc_id="d",
    text=TEXT,
    sentences=((0, 14), (16, 25), (26, 37)),
    paragraphs=(Paragraph(0, 14, "de"), Paragraph(16, 37, "en")),
)


@pytest.mark.parametrize(
    ("offset", "paragraph", "english"),
    [(0, (0, 14), False), (13, (0, 14), False), (14, (0, 37), True), (16, (16, 37), True),
     (36, (16, 37), True), (37, (0, 37), True)],
)  # fmt: skip
def test_document_paragraph_at(offset: int, paragraph: tuple[int, int], english: bool) -> None:
    found = DOC.paragraph_at(offset)
    assert (found.start, found.end) == paragraph
    assert DOC.is_english(offset) is english


@pytest.mark.parametrize(("offset", "sentence"), [(0, (0, 14)), (20, (16, 25)), (30, (26, 37))])
def test_document_sentence_at(offset: int, sentence: tuple[int, int]) -> None:
    assert DOC.sentence_at(offset) == sentence
