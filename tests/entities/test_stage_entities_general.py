"""General news rules of the entity stage: products, places, datelines, short names, text in
another language. Blank-pipeline documents with hand-set model entities."""

from __future__ import annotations

import pytest

from extract.language import LanguageDetector, foreign_sentence, paragraph_languages
from extract.normalize.entities import strip_corporate_suffix
from extract.records import Mention
from extract.stages.entities import EntityStage


def found(mentions: list[Mention]) -> set[tuple[str, str, str]]:
    return {(m.kind, m.text, m.canonical) for m in mentions}


GENERAL_CORE = [
    pytest.param(
        "Velora Motors said its Velora Nimbus 3 hatchback sold well. Velora will ship the "
        "Nimbus 3 abroad, and the Nimbus 8 wagon follows.",
        [("Velora Motors", "ORG"), ("Velora", "ORG", 1), ("Nimbus 3", "PERSON", 1)],
        {
            ("org", "Velora Motors", "Velora"),
            ("product", "Velora Nimbus 3", "Velora Nimbus 3"),
            ("product", "Nimbus 3", "Velora Nimbus 3"),
            ("product", "Nimbus 8", "Velora Nimbus 8"),
        },
        id="maker-model-number-and-sibling-model",
    ),
    pytest.param(
        "Corvane said its Corvane Stratos imaging system was approved. Clinics bought 40 "
        "Stratos units.",
        [("Corvane", "ORG"), ("Corvane Stratos", "ORG"), ("Stratos", "NORP", 1)],
        {
            ("product", "Corvane Stratos", "Corvane Stratos"),
            ("product", "Stratos", "Corvane Stratos"),
            ("org", "Corvane", "Corvane"),
        },
        id="maker-and-name-before-product-noun",
    ),
    pytest.param(
        "Users of the Mira Wallet payments app grew. Mira Wallet now has 5 million users.",
        [("Mira Wallet", "PERSON"), ("Mira Wallet", "PERSON", 1)],
        {("product", "Mira Wallet", "Mira Wallet")},
        id="app-read-as-person",
    ),
    pytest.param(
        "The group will build a plant in Nantes and a depot near Ulsan, South Korea, soon.",
        [("Nantes", "ORG"), ("Ulsan", "ORG"), ("South Korea", "GPE")],
        {
            ("place", "Nantes", "Nantes"),
            ("place", "Ulsan", "Ulsan"),
            ("place", "South Korea", "South Korea"),
        },
        id="place-read-as-org",
    ),
    pytest.param(
        "SEOUL, May 2, 2025 (Wirecast) -- Hanbit Corp. said on Friday that its revenue rose "
        "strongly in the quarter.",
        [("SEOUL", "ORG"), ("Hanbit Corp.", "ORG")],
        {
            ("place", "SEOUL", "Seoul"),
            ("org", "Wirecast", "Wirecast"),
            ("org", "Hanbit Corp.", "Hanbit"),
        },
        id="dateline-with-date-and-wire",
    ),
    pytest.param(
        "LOS ANGELES -- Orrin Foods said on Monday that it would close two of its bakeries.",
        [("LOS ANGELES", "ORG"), ("Orrin Foods", "ORG")],
        {("place", "LOS ANGELES", "Los Angeles")},
        id="dateline-without-date",
    ),
    pytest.param(
        "NEW DELHI, June 3 (Wirecast) - Indus Rail said on Tuesday it had won a large order.",
        [("Indus Rail", "ORG")],
        {("place", "NEW DELHI", "New Delhi"), ("org", "Wirecast", "Wirecast")},
        id="dateline-holding-a-function-word",
    ),
    pytest.param(
        "Pellham Medical said sales rose. Analysts expect Pellham to gain share.",
        [("Pellham Medical", "ORG"), ("Pellham", "ORG", 1)],
        {("org", "Pellham Medical", "Pellham"), ("org", "Pellham", "Pellham")},
        id="descriptive-name-takes-short-form",
    ),
    pytest.param(
        "Tarnow Cloud grew faster than Tarnow did.",
        [("Tarnow Cloud", "ORG"), ("Tarnow", "ORG", 1)],
        {("org", "Tarnow Cloud", "Tarnow Cloud"), ("org", "Tarnow", "Tarnow")},
        id="business-line-keeps-its-name",
    ),
    pytest.param(
        "It bought Haldor Vinter, a Norwegian maker of valves, in June.",
        [("Haldor Vinter", "PERSON"), ("Norwegian", "NORP")],
        {("org", "Haldor Vinter", "Haldor Vinter")},
        id="appositive-maker-is-org",
    ),
    pytest.param(
        "The deal follows the acquisition of Brenna Solvik last year.",
        [("Brenna Solvik", "PERSON")],
        {("org", "Brenna Solvik", "Brenna Solvik")},
        id="acquired-name-is-org",
    ),
    pytest.param(
        "Marlo Tessile S.p.A. said orders rose.",
        [("Marlo Tessile", "PERSON")],
        {("org", "Marlo Tessile S.p.A.", "Marlo Tessile")},
        id="foreign-legal-form-extends-org",
    ),
]


@pytest.mark.parametrize(("text", "ents", "expected"), GENERAL_CORE)
def test_entity_stage_general_rules(make_doc, stage: EntityStage, text, ents, expected) -> None:
    mentions = stage(make_doc(text, ents))
    assert expected <= found(mentions)
    for m in mentions:
        assert text[m.start : m.end] == m.text


GENERAL_ABSENT = [
    pytest.param(
        "Order intake reached GBP 2.1bn in May.",
        [("GBP 2.1bn", "ORG")],
        ("org", "GBP 2.1bn"),
        id="amount-is-no-org",
    ),
    pytest.param(
        "Xiaomi phones sold well.",
        [],
        ("product", "Xiaomi"),
        id="brand-modifier-stays-org",
    ),
    pytest.param(
        "Lunar New Year car sales rose.",
        [("Lunar New Year", "EVENT")],
        ("product", "Lunar New Year"),
        id="event-before-product-noun",
    ),
    pytest.param(
        "UPDATE - The figures in this story were revised after the company filed again.",
        [],
        ("place", "UPDATE"),
        id="capital-heading-is-no-dateline",
    ),
    pytest.param(
        "Wang Lei sells phones to schools.",
        [("Wang Lei", "PERSON")],
        ("product", "Wang Lei"),
        id="person-as-subject-before-product-noun",
    ),
    pytest.param(
        "MARKETS -- Stocks in the region were mixed on Tuesday as investors waited for data.",
        [],
        ("place", "MARKETS"),
        id="unconfirmed-capital-word-is-no-dateline",
    ),
]


@pytest.mark.parametrize(("text", "ents", "absent"), GENERAL_ABSENT)
def test_entity_stage_general_absent(make_doc, stage: EntityStage, text, ents, absent) -> None:
    assert absent not in {(m.kind, m.text) for m in stage(make_doc(text, ents))}


def test_entity_stage_foreign_sentence_in_english_paragraph(make_doc, stage: EntityStage) -> None:
    text = (
        "Sales rose in Austria. \u201eWir wachsen weiter\u201c, sagte Lena Fischer, Leiterin der "
        "Vertriebsfirma Nordkap Handel GmbH, in einer Erkl\u00e4rung. Shares rose."
    )
    ents = [
        ("Austria", "GPE"),
        ("Lena Fischer", "PERSON"),
        ("Leiterin", "PERSON"),
        ("Vertriebsfirma Nordkap Handel GmbH", "PERSON"),
        ("Erkl\u00e4rung", "GPE"),
    ]
    got = found(stage(make_doc(text, ents)))
    assert ("person", "Lena Fischer", "Lena Fischer") in got
    assert ("org", "Nordkap Handel GmbH", "Nordkap Handel") in got
    assert not any(t in ("Leiterin", "Erkl\u00e4rung") for _k, t, _c in got)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Die Nachfrage steigt, sagte der Chef in einer Mitteilung.", "de"),
        ("Le groupe a vu ses ventes augmenter dans la région.", "fr"),
        ("The group said demand in the region was strong.", None),
        ("Sales rose.", None),
    ],
)
def test_language_foreign_sentence(sentence: str, expected: str | None) -> None:
    assert foreign_sentence(sentence) == expected


def test_language_mixed_paragraph_takes_most_letters() -> None:
    text = (
        "The retailer opened a warehouse near the border to serve its online customers. "
        "\u201eDas Lager ist voll\u201c, sagte eine Sprecherin. "
        "The first parcels were shipped in the spring, and more will follow this year."
    )
    assert paragraph_languages(text, [(0, len(text))], detector=LanguageDetector()) == ["en"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Nordkap Handel GmbH", "Nordkap Handel"),
        ("Marlo Tessile S.p.A.", "Marlo Tessile"),
        ("Ostrava Steel SA", "Ostrava Steel"),
        ("Kobayashi Trading K.K.", "Kobayashi Trading"),
        ("Van Leeuwen Staal N.V.", "Van Leeuwen Staal"),
        ("Harwick PLC", "Harwick"),
    ],
)
def test_normalize_entities_foreign_legal_forms(name: str, expected: str) -> None:
    assert strip_corporate_suffix(name) == expected
