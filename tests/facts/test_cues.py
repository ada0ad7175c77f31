"""Every row of the cue table (extract/data/cues.csv) is proven by its example sentence.

The example runs through the number stage and the linker; names in [brackets] are read as
companies. What each cue's verdict must do to the facts is checked per cue.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from extract.document import Paragraph, ParsedDoc
from extract.errors import ConfigError
from extract.facts import link_facts
from extract.facts.context import short_org_names
from extract.facts.vocabulary import build_vocabulary
from extract.lexicon import CueEntry, load_lexicon
from extract.records import Fact, Mention
from extract.stages.numbers import find_numbers

_LEXICON = load_lexicon()
_BRACKETED = re.compile(r"\[([^\]]+)\]")


def _example(example: str) -> tuple[ParsedDoc, list[Mention]]:
    """The example without brackets, its figures and its bracketed companies."""
    orgs: list[Mention] = []
    text = ""
    cursor = 0
    for match in _BRACKETED.finditer(example):
        text += example[cursor : match.start()]
        name = match.group(1)
        orgs.append(
            Mention(
                kind="org",
                start=len(text),
                end=len(text) + len(name),
                text=name,
                canonical=name,
                source_stage="test",
            )
        )
        text += name
        cursor = match.end()
    text += example[cursor:]
    doc = ParsedDoc(
        doc_id="example.txt",
        text=text,
        sentences=((0, len(text)),),
        paragraphs=(Paragraph(0, len(text), "en"),),
    )
    mentions = sorted([*find_numbers(text), *orgs], key=lambda m: m.start)
    return doc, mentions


def _facts(example: str) -> list[Fact]:
    doc, mentions = _example(example)
    return link_facts(doc, mentions, _LEXICON)


def _row_id(entry: CueEntry) -> str:
    return f"{entry.cue}-{entry.verdict}-{entry.phrases[:24]}"


@pytest.mark.parametrize("entry", _LEXICON.cues, ids=_row_id)
def test_cues_example_shows_verdict(entry: CueEntry) -> None:
    names = _BRACKETED.findall(entry.example)
    if entry.cue == "corporate":
        _, mentions = _example(entry.example)
        vocab = build_vocabulary(_LEXICON.cues)
        long_name = short_org_names(mentions, vocab.corporate_words)[0]
        assert long_name.canonical == names[1]
        return
    facts = _facts(entry.example)
    if entry.cue in ("change", "change_noun"):
        sign = 1 if entry.verdict == "up" else -1
        assert any(f.change_value is not None and f.change_value * sign > 0 for f in facts)
    elif entry.cue == "basis":
        basis = "" if entry.verdict == "none" else entry.verdict
        assert any(f.change_value is not None and f.change_basis == basis for f in facts)
    elif entry.cue == "modality":
        assert [f.modality for f in facts] == [entry.verdict]
    elif entry.cue == "owner":
        assert facts == []
    elif entry.cue in ("product_before", "asset_after", "asset_before"):
        assert facts
        assert all(f.subject == names[0] for f in facts)
    elif entry.cue in ("generic", "exchange", "news_agency", "not_subject"):
        assert facts
        assert all(f.subject not in names for f in facts)
    elif entry.cue == "segment_stop":
        assert facts
        assert all(f.segment == "" for f in facts)
    elif entry.cue == "mass_noun":
        assert [f.segment for f in facts] == [w for w in entry.words if w in entry.example]
    else:
        pytest.fail(f"no check for cue {entry.cue!r}")


@pytest.mark.parametrize(
    ("row", "message"),
    [
        pytest.param("colour,up,rose,Revenue rose 4%.", "unknown cue 'colour'", id="cue"),
        pytest.param("change,sideways,rose,Revenue rose 4%.", "verdict up, down", id="verdict"),
        pytest.param("change,up,re:(rose,Revenue rose 4%.", "bad pattern", id="pattern"),
        pytest.param("change,up,rose|re:ro+se,Revenue rose 4%.", "whole cell", id="mixed"),
        pytest.param("change,up,,Revenue rose 4%.", "empty phrase", id="empty"),
        pytest.param("change,up,rose,", "needs an example", id="example"),
    ],
)
def test_cues_bad_row_names_file_and_line(tmp_path: Path, row: str, message: str) -> None:
    path = tmp_path / "my_cues.csv"
    path.write_text(f"cue,verdict,phrases,example\n{row}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=rf"my_cues\.csv:2: .*{re.escape(message)}"):
        load_lexicon([path])


def test_cues_user_file_extends_vocabulary(tmp_path: Path) -> None:
    example = "Revenue zoomed 4% to $2.1 billion."
    assert not any(f.change_value for f in _facts(example))
    path = tmp_path / "my_cues.csv"
    path.write_text(f"cue,verdict,phrases,example\nchange,up,zoomed,{example}\n", "utf-8")
    lexicon = load_lexicon([path])
    doc, mentions = _example(example)
    facts = link_facts(doc, mentions, lexicon)
    assert [(f.metric, f.change_value) for f in facts] == [("revenue", 4)]
    assert lexicon.fingerprint != _LEXICON.fingerprint
