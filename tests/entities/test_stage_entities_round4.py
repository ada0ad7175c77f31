"""Round-4 entity rules: a name written with a legal form is a company in every mention,
named divisions are no organisations, titles in other languages are no part of a name, and
an adjective opening a sentence is no name."""

from __future__ import annotations

import pytest

from extract.records import Mention
from extract.stages.entities import EntityStage


def found(mentions: list[Mention]) -> set[tuple[str, str, str]]:
    return {(m.kind, m.text, m.canonical) for m in mentions}


def test_legal_form_name_is_an_org_everywhere(make_doc, stage: EntityStage) -> None:
    text = (
        "Voss Maschinenbau: profits return\n"
        "Voss Maschinenbau GmbH, a maker of pumps, said orders grew. "
        "Voss said it hired staff."
    )
    ents = [("Voss Maschinenbau", "PERSON"), ("Voss", "PERSON", 2)]
    got = found(stage(make_doc(text, ents)))
    assert ("org", "Voss Maschinenbau", "Voss") in got
    assert ("org", "Voss Maschinenbau GmbH", "Voss") in got
    assert ("org", "Voss", "Voss") in got
    assert not any(kind == "person" for kind, _text, _name in got)


def test_legal_form_with_ampersand_keeps_whole_name(make_doc, stage: EntityStage) -> None:
    text = "Harlow & Finch plc said sales rose. Harlow & Finch will pay a dividend."
    got = found(stage(make_doc(text, [("Finch", "PERSON")])))
    assert ("org", "Harlow & Finch plc", "Harlow & Finch") in got
    assert ("org", "Harlow & Finch", "Harlow & Finch") in got


def test_named_division_is_no_org(make_doc, stage: EntityStage) -> None:
    text = "Sales at its Marine Pumps division fell, while the Orvel Tools segment grew."
    got = found(stage(make_doc(text, [("Marine Pumps", "ORG"), ("Orvel Tools", "ORG")])))
    assert not any(kind == "org" for kind, _text, _name in got)


@pytest.mark.parametrize(
    ("text", "span", "name"),
    [
        (
            "Finanzchefin Petra Lang sagte, der Umsatz sei gestiegen.",
            "Finanzchefin Petra Lang",
            "Petra Lang",
        ),
        ("Le PDG Henri Marchal a confirmé la cible.", "PDG Henri Marchal", "Henri Marchal"),
        (
            "Geschäftsführer Jonas Weber said orders rose.",
            "Geschäftsführer Jonas Weber",
            "Jonas Weber",
        ),
    ],
    ids=["german-cfo", "french-ceo", "german-md"],
)
def test_foreign_title_not_in_person_span(make_doc, stage: EntityStage, text, span, name) -> None:
    got = found(stage(make_doc(text, [(span, "PERSON")])))
    assert ("person", name, name) in got


def test_sentence_initial_adjective_is_no_org(make_doc, stage: EntityStage) -> None:
    text = "Orvana said demand held up. Regional orders rose 4% in the quarter."
    got = found(stage(make_doc(text, [("Orvana", "ORG"), ("Regional", "ORG")])))
    assert ("org", "Orvana", "Orvana") in got
    assert not any(t == "Regional" for _kind, t, _name in got)
