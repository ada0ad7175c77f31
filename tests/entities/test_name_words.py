"""Every row of extract/data/name_words.csv: its invented example is a test of the stage."""

from __future__ import annotations

import re

import pytest

from extract.errors import ConfigError
from extract.stages.entities import cues
from extract.stages.entities.stage import EntityStage

_MARK = re.compile(r"\[\[([^]|]+)\|([A-Z]+)\]\]")


def _example(example: str) -> tuple[str, list[tuple[str, str, int]], tuple[int, int], set]:
    """Text, model entities, the first marked span and the expected (kind, text) set."""
    marked, _, expected = example.partition(" ->")
    marked = marked.replace("\\n", "\n")
    text, ents, spans = "", [], []
    last = 0
    for match in _MARK.finditer(marked):
        text += marked[last : match.start()]
        surface = match.group(1)
        ents.append((surface, match.group(2), text.count(surface)))
        spans.append((len(text), len(text) + len(surface)))
        text += surface
        last = match.end()
    text += marked[last:]
    wanted = {tuple(item.split(":", 1)) for item in expected.split(";") if item.strip()}
    return text, ents, spans[0], {(k.strip(), t.strip()) for k, t in wanted}


@pytest.mark.parametrize(
    ("word", "cls", "example"), cues.examples(), ids=[f"{c}-{w}" for w, c, _ in cues.examples()]
)
def test_name_words_row_example(make_doc, stage: EntityStage, word, cls, example) -> None:
    assert cues.in_class(word, cls)
    text, ents, (start, end), expected = _example(example)
    mentions = stage(make_doc(text, ents))
    over = {(m.kind, m.text) for m in mentions if m.start < end and start < m.end}
    assert over == expected


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("word,class,example\nMr,title,[[Mr X|PERSON]] -> person:X\n", "unknown class 'title'"),
        ("word,class,example\nMr,honorific,Mr X said ->\n", "needs [[span|LABEL]]"),
        ("word,class,example\nMr,honorific\n", "expected word,class,example"),
    ],
    ids=["bad-class", "bad-example", "short-row"],
)
def test_name_words_bad_table_names_file_and_line(content: str, message: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(message)) as info:
        cues._parse(content, "words.csv")
    assert "words.csv:2:" in str(info.value)


@pytest.mark.slow
@pytest.mark.parametrize("edited", ["0" * 64])
def test_name_words_table_enters_the_pipeline_fingerprint(pipeline, monkeypatch, edited) -> None:
    before = pipeline.fingerprint
    assert cues.fingerprint() == cues.fingerprint()
    monkeypatch.setattr("extract.pipeline.name_words_fingerprint", lambda: edited)
    assert pipeline.fingerprint != before
