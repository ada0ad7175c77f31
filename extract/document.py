"""The document as the stages see it: text, sentences, paragraphs and their languages."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A block of text between line breaks, with its detected language (ISO 639-1)."""

    start: int
    end: int
    language: str = "en"


@dataclass(frozen=True, slots=True)
class ParsedDoc:
    """Input of every stage.

    ``sentences`` and ``paragraphs`` are sorted ``(start, end)`` offsets into ``text``;
    sentences never cross a paragraph boundary. ``spacy_doc`` is the spaCy ``Doc`` of the
    whole text when the pipeline has a model loaded, else ``None``.
    """

    doc_id: str
    text: str
    reference_date: date | None = None
    sentences: tuple[tuple[int, int], ...] = ()
    paragraphs: tuple[Paragraph, ...] = ()
    spacy_doc: Any = None
    _sentence_starts: tuple[int, ...] = field(default=(), repr=False)
    _paragraph_starts: tuple[int, ...] = field(default=(), repr=False)

    def __post_init__(self) -> None:
        if self.sentences and not self._sentence_starts:
            object.__setattr__(self, "_sentence_starts", tuple(s for s, _ in self.sentences))
        if self.paragraphs and not self._paragraph_starts:
            object.__setattr__(self, "_paragraph_starts", tuple(p.start for p in self.paragraphs))

    def sentence_at(self, offset: int) -> tuple[int, int]:
        """The sentence holding ``offset`` (the whole text when sentences are unknown)."""
        if not self.sentences:
            return (0, len(self.text))
        i = bisect.bisect_right(self._sentence_starts, offset) - 1
        return self.sentences[max(i, 0)]

    def paragraph_at(self, offset: int) -> Paragraph:
        """The paragraph holding ``offset`` (the whole text, in English, between paragraphs)."""
        i = bisect.bisect_right(self._paragraph_starts, offset) - 1
        if i >= 0 and offset < self.paragraphs[i].end:
            return self.paragraphs[i]
        return Paragraph(0, len(self.text))

    def is_english(self, offset: int) -> bool:
        """True when the paragraph at ``offset`` is English (or its language is unknown)."""
        return self.paragraph_at(offset).language in ("en", "")
