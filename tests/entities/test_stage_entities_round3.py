"""Round-3 entity rules: no spelling merges of places or people, sibling model codes,
named services, company cues before a name, and a product's maker named as a company."""

from __future__ import annotations

import pytest

from extract.records import Mention
from extract.stages.entities import EntityStage, canonical_renames


def found(mentions: list[Mention]) -> set[tuple[str, str, str]]:
    return {(m.kind, m.text, m.canonical) for m in mentions}


@pytest.mark.parametrize(
    "rows",
    [
        [("place", "Chanford", 2), ("place", "Hanford", 1)],
        [("place", "Westmoreland", 1), ("place", "Westmorland", 1)],
        [("person", "Maria Lopes", 2), ("person", "Mario Lopes", 1)],
        [("org", "Brightline", 2), ("org", "Rightline", 1)],
        [("org", "Zentax", 2), ("org", "Zentx", 1)],
    ],
    ids=["places", "places-same-letter", "people", "orgs-first-letter", "orgs-short"],
)
def test_no_spelling_merge(rows: list) -> None:
    assert canonical_renames(rows) == {}


def test_org_spelling_variant_still_merged() -> None:
    rows = [("org", "Marlowe Foods", 3), ("org", "Marlow Foods", 1)]
    assert canonical_renames(rows) == {("org", "Marlow Foods"): "Marlowe Foods"}


ROUND3 = [
    pytest.param(
        "Zelva said the Zelva K3 sold well. The K5 flagship added 900 units.",
        [("Zelva", "ORG"), ("K5", "PERSON")],
        {("product", "Zelva K3", "Zelva K3"), ("product", "K5", "Zelva K5")},
        id="sibling-model-code-takes-maker",
    ),
    pytest.param(
        "Revenue from its rewards scheme, Punto Extra, grew 9% in the quarter.",
        [("Punto Extra", "PERSON")],
        {("product", "Punto Extra", "Punto Extra")},
        id="named-service-in-apposition",
    ),
    pytest.param(
        "Rival Corvia Norte, which reports next month, lost ground this year.",
        [("Corvia Norte", "PERSON")],
        {("org", "Corvia Norte", "Corvia Norte")},
        id="rival-before-name",
    ),
    pytest.param(
        "Buyers preferred the Tarsk Q5 to our model. Tarsk Motors sold 2,000 cars in May.",
        [("Tarsk Q5", "PRODUCT")],
        {("product", "Tarsk Q5", "Tarsk Q5"), ("org", "Tarsk Motors", "Tarsk")},
        id="maker-of-product-named-as-company",
    ),
]


@pytest.mark.parametrize(("text", "ents", "expected"), ROUND3)
def test_round3_rules(make_doc, stage: EntityStage, text, ents, expected) -> None:
    mentions = stage(make_doc(text, ents))
    assert expected <= found(mentions), found(mentions)
    assert not any(m.kind == "person" for m in mentions)
