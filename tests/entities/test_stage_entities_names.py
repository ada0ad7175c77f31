"""News rules of the entity stage for surnames, product lines and models, firms joined by
``&``, places and legal forms. Blank-pipeline documents with hand-set model entities."""

from __future__ import annotations

import pytest

from extract.aliases import load_aliases
from extract.normalize.entities import canonical_key, strip_corporate_suffix
from extract.records import Mention
from extract.stages.entities import EntityStage


def found(mentions: list[Mention]) -> set[tuple[str, str, str]]:
    return {(m.kind, m.text, m.canonical) for m in mentions}


NAMES_CORE = [
    pytest.param(
        "Chief executive Ingrid Solberg spoke on Monday. Revenue rose, Solberg said.",
        [("Ingrid Solberg", "PERSON"), ("Solberg", "ORG", 1)],
        {("person", "Solberg", "Ingrid Solberg")},
        id="surname-read-as-org",
    ),
    pytest.param(
        "Chairman Wu Tien-ming opened the meeting. Wu said a new site would follow.",
        [("Wu Tien-ming", "PERSON"), ("Wu", "PERSON", 1)],
        {("person", "Wu", "Wu Tien-ming")},
        id="family-name-first-with-hyphenated-given-name",
    ),
    pytest.param(
        "The Aster 9 Pro Max went on sale in May. Buyers liked the Aster 9, and the "
        "Aster 9 and Corvo Labs both drew praise.",
        [("Corvo Labs", "ORG")],
        {
            ("product", "Aster 9 Pro Max", "Aster 9 Pro Max"),
            ("product", "Aster 9", "Aster 9"),
            ("org", "Corvo Labs", "Corvo Labs"),
        },
        id="model-without-its-suffixes",
    ),
    pytest.param(
        "Revenue from the Aster tablet line rose. Shoppers also bought the Pelham rug collection.",
        [],
        {("product", "Aster", "Aster"), ("product", "Pelham", "Pelham")},
        id="product-line-names",
    ),
    pytest.param(
        "Its wearables include the Aster Band Series 7 and the AsterPods 3.",
        [],
        {
            ("product", "Aster Band Series 7", "Aster Band Series 7"),
            ("product", "AsterPods 3", "AsterPods 3"),
        },
        id="series-number-and-intercaps-models",
    ),
    pytest.param(
        "Corvo said the Corvo Sense assistant arrives soon. Fans await Corvo Sense.",
        [("Corvo", "ORG"), ("Corvo Sense", "ORG"), ("Corvo Sense", "ORG", 1)],
        {
            ("org", "Corvo", "Corvo"),
            ("product", "Corvo Sense", "Corvo Sense"),
        },
        id="maker-feature-read-as-org",
    ),
    pytest.param(
        "Rival Fenwick & Hale reported weaker sales.",
        [],
        {("org", "Fenwick & Hale", "Fenwick & Hale")},
        id="firm-joined-by-ampersand",
    ),
    pytest.param(
        "Sales in Greater China rose.",
        [("Greater China", "GPE")],
        {("place", "Greater China", "Greater China")},
        id="region-holding-an-alias-place",
    ),
    pytest.param(
        "OSLO - Brekke Marine ASA said on Monday that orders rose in the quarter.",
        [("OSLO - Brekke Marine ASA", "ORG")],
        {("place", "OSLO", "Oslo"), ("org", "Brekke Marine ASA", "Brekke Marine")},
        id="model-span-over-a-dateline",
    ),
    pytest.param(
        "Tovana Systems Q3 profit climbs\nTovana Systems Ltd said profit rose.",
        [("Tovana Systems Q3", "PERSON"), ("Tovana Systems Ltd", "ORG")],
        {("org", "Tovana Systems", "Tovana Systems")},
        id="period-code-glued-to-a-name",
    ),
]


@pytest.mark.parametrize(("text", "ents", "expected"), NAMES_CORE)
def test_entity_stage_name_rules(make_doc, stage: EntityStage, text, ents, expected) -> None:
    mentions = stage(make_doc(text, ents))
    assert expected <= found(mentions)
    for m in mentions:
        assert text[m.start : m.end] == m.text


NAMES_ABSENT = [
    pytest.param(
        "Tablet sales were flat in the quarter.",
        [("Tablet", "ORG")],
        ("org", "Tablet"),
        id="sentence-initial-category-noun",
    ),
    pytest.param(
        "The Taiwan dollar weakened against the euro.",
        [("Taiwan", "GPE")],
        ("place", "Taiwan"),
        id="place-in-a-currency-name",
    ),
    pytest.param(
        "Mergers & Acquisitions fees rose.",
        [],
        ("org", "Mergers & Acquisitions"),
        id="paired-common-nouns-are-no-firm",
    ),
    pytest.param(
        "Research & Development costs rose, and research and development staff grew.",
        [("Research & Development", "ORG")],
        ("org", "Research & Development"),
        id="paired-words-written-in-lower-case",
    ),
    pytest.param(
        "Xiaomi said the Xiaomi product line sold well.",
        [],
        ("product", "Xiaomi"),
        id="maker-before-product-line-stays-org",
    ),
    pytest.param(
        "The Spring collection sold out.",
        [],
        ("product", "Spring"),
        id="season-collection-is-no-product",
    ),
]


@pytest.mark.parametrize(("text", "ents", "absent"), NAMES_ABSENT)
def test_entity_stage_name_rules_absent(make_doc, stage: EntityStage, text, ents, absent) -> None:
    assert absent not in {(m.kind, m.text) for m in stage(make_doc(text, ents))}


@pytest.fixture(scope="module")
def packaged_stage() -> EntityStage:
    return EntityStage(aliases=load_aliases())


def test_entity_stage_state_abbreviation_in_dateline(make_doc, packaged_stage) -> None:
    text = "AUSTIN, Tex. - Corvo Labs Inc. said on Monday that revenue rose."
    mentions = packaged_stage(make_doc(text, [("Corvo Labs Inc.", "ORG")]))
    assert ("place", "Tex.", "Texas") in found(mentions)


def test_entity_stage_alias_with_descriptive_tail_keeps_text_name(make_doc, packaged_stage) -> None:
    # The alias table knows "Samsung"; the article writes the fuller name only.
    text = "Foundry leader Samsung Electronics held 11% of the market."
    mentions = packaged_stage(make_doc(text, []))
    assert ("org", "Samsung Electronics", "Samsung Electronics") in found(mentions)
    # With the short form in the same article, both take it.
    text = "Samsung Electronics gained share. Samsung said demand rose."
    mentions = packaged_stage(make_doc(text, []))
    assert {m.canonical for m in mentions if m.kind == "org"} == {"Samsung"}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Nordhavn Grid A/S", "Nordhavn Grid"),
        ("Brekke Marine ASA", "Brekke Marine"),
        ("Lunda Verk AB", "Lunda Verk"),
        ("Kivi Systems Oyj", "Kivi Systems"),
    ],
)
def test_normalize_entities_nordic_legal_forms(name: str, expected: str) -> None:
    assert strip_corporate_suffix(name) == expected
    assert canonical_key(name) == canonical_key(expected)
