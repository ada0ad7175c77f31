"""A name wrapped over a line break, and a stage that raises: the document is never lost
silently."""

from __future__ import annotations

import logging

import pytest
import spacy

from extract.ingest.files import text_document
from extract.pipeline import Pipeline
from extract.stages.entities import EntityStage


def found(mentions) -> set[tuple[str, str]]:
    return {(m.kind, m.text) for m in mentions}


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        pytest.param(
            "Shares of Halvard Brune rose on Monday.\nAnalysts at Halvard\nBrune said so.",
            [("Halvard Brune", "ORG")],
            {("org", "Halvard Brune"), ("org", "Halvard\nBrune")},
            id="org-wrapped-over-a-line",
        ),
        pytest.param(
            "Mara Quill spoke first.\nLater Mara  Quill  said the deal was done.",
            [("Mara Quill", "PERSON")],
            {("person", "Mara Quill"), ("person", "Mara  Quill")},
            id="person-with-double-spaces",
        ),
    ],
)
def test_entity_stage_name_wrapped_over_line_break(
    make_doc, stage: EntityStage, text: str, ents, expected: set[tuple[str, str]]
) -> None:
    assert expected <= found(stage(make_doc(text, ents)))


class _Raises:
    name = "entities"

    def __call__(self, doc):
        raise IndexError("list index out of range")


@pytest.fixture
def blank_pipeline() -> Pipeline:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return Pipeline(nlp=nlp)


def test_pipeline_stage_that_raises_fails_the_document_with_stage_and_traceback(
    blank_pipeline: Pipeline, caplog: pytest.LogCaptureFixture
) -> None:
    blank_pipeline.stages[-1] = _Raises()
    documents = [
        text_document("Revenue rose 5% in 2024.", doc_id="broken.txt"),
        text_document("Profit fell 3% in 2023.", doc_id="next.txt"),
    ]
    with caplog.at_level(logging.DEBUG, logger="extract.pipeline"):
        results = list(blank_pipeline.process(documents))
    assert [r.document.status for r in results] == ["failed", "failed"]
    assert results[0].document.error == "stage entities: IndexError: list index out of range"
    record = next(r for r in caplog.records if "broken.txt" in r.getMessage())
    assert record.levelno == logging.DEBUG
    assert record.exc_info is not None
    assert "stage entities" in record.getMessage()


def test_pipeline_entity_rows_that_raise_fail_the_document(
    blank_pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(doc, mentions):
        raise KeyError("role")

    monkeypatch.setattr("extract.pipeline.build_entity_rows", broken)
    documents = [text_document("Revenue rose 5% in 2024.", doc_id="a.txt")]
    (result,) = blank_pipeline.process(documents)
    assert result.document.status == "failed"
    assert result.document.error == "stage entity rows: KeyError: 'role'"
