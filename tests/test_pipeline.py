"""Pipeline helpers that need no model: paragraphs, sentences, overlaps."""

from __future__ import annotations

import pytest

from extract.pipeline import (
    clip_sentences,
    resolve_overlaps,
    split_after_amounts,
    split_paragraphs,
)
from extract.records import Mention


@pytest.mark.parametrize(
    ("text", "paragraphs"),
    [
        ("Line one.\nLine two.\n\nLine three.", ["Line one.", "Line two.", "Line three."]),
        ("  indented line.  \n", ["indented line."]),
        ("", []),
        (
            "a wrapped paragraph that goes\non over lines\n\nand a second\none here",
            ["a wrapped paragraph that goes\non over lines", "and a second\none here"],
        ),
    ],
    ids=["lines", "trim", "empty", "hard-wrapped"],
)
def test_pipeline_split_paragraphs(text: str, paragraphs: list[str]) -> None:
    assert [text[s:e] for s, e in split_paragraphs(text)] == paragraphs


def test_pipeline_clip_sentences_at_paragraph_boundaries() -> None:
    text = "Headline here\nFirst sentence. Second one."
    paragraphs = split_paragraphs(text)
    # A sentence splitter that missed the line break.
    sentences = [(0, 29), (30, len(text))]
    clipped = [text[s:e] for s, e in clip_sentences(sentences, paragraphs, text)]
    assert clipped == ["Headline here", "First sentence.", "Second one."]


def _m(kind: str, start: int, end: int) -> Mention:
    return Mention(kind=kind, start=start, end=end, text="x" * (end - start), source_stage="t")


@pytest.mark.parametrize(
    ("mentions", "kept"),
    [
        ([_m("money", 0, 10), _m("money", 5, 20)], [("money", 5, 20)]),
        ([_m("quantity", 3, 7), _m("date", 0, 7)], [("date", 0, 7)]),
        ([_m("date", 0, 7), _m("quantity", 3, 7)], [("date", 0, 7)]),
        ([_m("quantity", 0, 20), _m("org", 8, 14)], [("quantity", 0, 20), ("org", 8, 14)]),
        ([_m("percent", 0, 3), _m("money", 5, 9)], [("percent", 0, 3), ("money", 5, 9)]),
    ],
    ids=[
        "same-kind-longer-wins",
        "quantity-in-date",
        "date-first",
        "other-kinds-overlap",
        "disjoint",
    ],
)
def test_pipeline_resolve_overlaps(mentions: list[Mention], kept: list[tuple]) -> None:
    assert [(m.kind, m.start, m.end) for m in resolve_overlaps(mentions)] == kept


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        (
            "Profit rose to £96.5m. Online sales grew.",
            ["Profit rose to £96.5m.", "Online sales grew."],
        ),
        ('It made $4bn. "We won," he said.', ["It made $4bn.", '"We won," he said.']),
        ("Costs of 5m. were cut", ["Costs of 5m. were cut"]),
        ("Revenue hit 5.2 bn. Margins fell.", ["Revenue hit 5.2 bn.", "Margins fell."]),
    ],
    ids=["pounds-m", "quote-follows", "lower-case-follows", "spaced-bn"],
)
def test_pipeline_split_after_amounts(text: str, sentences: list[str]) -> None:
    spans = split_after_amounts(text, [(0, len(text))])
    assert [text[s:e] for s, e in clip_sentences(spans, [(0, len(text))], text)] == sentences
