"""Fixtures for the entity stage: alias tables and small documents with hand-set entities.

Documents are built on ``spacy.blank("en")``: the model's entities are set by hand, so the
rules are tested without loading the trained pipeline.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pytest
import spacy

from extract.aliases import AliasTable, load_aliases
from extract.document import Paragraph, ParsedDoc
from extract.stages.entities import EntityStage

Ent = tuple[str, str] | tuple[str, str, int]
DocBuilder = Callable[..., ParsedDoc]

SMALL_ALIASES = """canonical,kind,surface
Xiaomi,org,Xiaomi
Xiaomi,org,Xiaomi Group
Xiaomi,org,Mi
Xiaomi SU7,product,SU7
Xiaomi SU7,product,Xiaomi SU7
China Entrepreneur,org,China Entrepreneur
China Entrepreneur,org,中国企业家杂志
China,place,China
China,place,Chinese mainland
Gree,org,Gree Electric
JD.com,org,JD
"""

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"\u201c]?[A-Z0-9])")


@pytest.fixture(scope="session")
def blank_nlp() -> spacy.language.Language:
    return spacy.blank("en")


@pytest.fixture(scope="session")
def small_aliases(tmp_path_factory: pytest.TempPathFactory) -> AliasTable:
    path = tmp_path_factory.mktemp("aliases") / "aliases.csv"
    path.write_text(SMALL_ALIASES, encoding="utf-8")
    return load_aliases([path], packaged=False)


@pytest.fixture(scope="session")
def stage(small_aliases: AliasTable) -> EntityStage:
    return EntityStage(aliases=small_aliases)


@pytest.fixture
def write_csv(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write ``text`` to ``tmp_path/name`` and return the path."""

    def write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


def _paragraphs(text: str, languages: Mapping[int, str]) -> tuple[Paragraph, ...]:
    spans = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group(0).strip()]
    return tuple(Paragraph(s, e, languages.get(i, "en")) for i, (s, e) in enumerate(spans))


def _sentences(text: str, paragraphs: Sequence[Paragraph]) -> tuple[tuple[int, int], ...]:
    sentences = []
    for p in paragraphs:
        start = p.start
        for match in _SENTENCE_END.finditer(text, p.start, p.end):
            sentences.append((start, match.start()))
            start = match.end()
        sentences.append((start, p.end))
    return tuple(sentences)


@pytest.fixture
def make_doc(blank_nlp: spacy.language.Language) -> DocBuilder:
    """Build a ParsedDoc whose spaCy entities are ``ents``: (surface, label[, occurrence]).

    ``languages`` maps a paragraph index (one paragraph per non-empty line) to its language.
    """

    def build(
        text: str, ents: Sequence[Ent] = (), languages: Mapping[int, str] | None = None
    ) -> ParsedDoc:
        sdoc = blank_nlp(text)
        spans = []
        for ent in ents:
            surface, label = ent[0], ent[1]
            occurrence = ent[2] if len(ent) > 2 else 0
            start = -1
            for _ in range(occurrence + 1):
                start = text.index(surface, start + 1)
            span = sdoc.char_span(start, start + len(surface), label=label)
            assert span is not None, f"{surface!r} does not fall on token boundaries"
            spans.append(span)
        sdoc.ents = spans
        paragraphs = _paragraphs(text, languages or {})
        return ParsedDoc(
            doc_id="test",
            text=text,
            sentences=_sentences(text, paragraphs),
            paragraphs=paragraphs,
            spacy_doc=sdoc,
        )

    return build
