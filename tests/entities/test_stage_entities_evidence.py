"""Entity rules that read the document's evidence: common words written in lower case
elsewhere, defined terms of filings, names after a product noun. Blank-pipeline documents
with hand-set model entities."""

from __future__ import annotations

import pytest

from extract.records import Mention
from extract.stages.entities import EntityStage


def found(mentions: list[Mention]) -> set[tuple[str, str]]:
    return {(m.kind, m.text) for m in mentions}


EVIDENCE_PRESENT = [
    pytest.param(
        "Sales of the cancer drug Corvel rose 9%. Corvel prescriptions doubled.",
        [("Corvel", "ORG"), ("Corvel", "ORG", 1)],
        ("product", "Corvel"),
        id="name-after-a-product-noun",
    ),
    pytest.param(
        "Its weight-loss injection Veltra sold well, while treatment Pryzo fell.",
        [("Pryzo", "GPE")],
        ("product", "Pryzo"),
        id="product-noun-over-a-place-guess",
    ),
    pytest.param(
        "Tarrow's shares rose 4%. Sales beat the company's own tarrow estimate.",
        [("Tarrow", "ORG")],
        ("org", "Tarrow"),
        id="common-word-with-company-context-stays",
    ),
    pytest.param(
        "Shares in Brekke Marine (Oslo: BRKM.OL-news) rose 3%.",
        [("Brekke Marine", "ORG"), ("Oslo", "GPE")],
        ("place", "Oslo"),
        id="exchange-named-by-its-city",
    ),
    pytest.param(
        "Shares in Brekke Marine (Oslo: BRKM.OL-news) rose 3%.",
        [("Brekke Marine", "ORG"), ("Oslo", "GPE")],
        ("org", "BRKM.OL"),
        id="ticker-with-market-suffix-is-no-model",
    ),
    pytest.param(
        "Traders now expect the central bank of Hungary to cut rates.",
        [("Hungary", "GPE")],
        ("org", "central bank of Hungary"),
        id="central-bank-of-a-country",
    ),
    pytest.param(
        '"We are pleased," said Mara Quill, chief executive of Doxal.',
        [("Mara Quill", "PERSON"), ("Doxal", "PERSON")],
        ("org", "Doxal"),
        id="office-of-a-company",
    ),
    pytest.param(
        "The Harbour Device Association (HDA) said shipments rose.",
        [("Harbour Device Association (HDA", "ORG")],
        ("org", "Harbour Device Association"),
        id="model-span-stopping-inside-brackets",
    ),
    pytest.param(
        "OSLO-1030 GMT Brekke Marine holds its meeting.",
        [("OSLO-1030 GMT", "GPE")],
        ("place", "OSLO"),
        id="diary-time-cut-from-a-name",
    ),
]


@pytest.mark.parametrize(("text", "ents", "expected"), EVIDENCE_PRESENT)
def test_entity_stage_evidence_present(make_doc, stage: EntityStage, text, ents, expected) -> None:
    mentions = stage(make_doc(text, ents))
    assert expected in found(mentions)
    for m in mentions:
        assert text[m.start : m.end] == m.text


EVIDENCE_ABSENT = [
    pytest.param(
        "The Company said costs rose, and the company expects more.",
        [("Company", "ORG")],
        ("org", "Company"),
        id="common-word-also-in-lower-case",
    ),
    pytest.param(
        'Brekke Marine ASA (the "Group") reports. The Group expects growth.',
        [("Brekke Marine ASA", "ORG"), ("Group", "ORG", 1)],
        ("org", "Group"),
        id="defined-term-of-a-filing",
    ),
    pytest.param(
        "Sales of the cancer drug Corvel rose 9%.",
        [("Corvel", "ORG")],
        ("org", "Corvel"),
        id="product-after-noun-is-no-org",
    ),
    pytest.param(
        "Trading in Norvik (Other OTC: NRVKF-news) opened higher.",
        [("Norvik", "ORG")],
        ("org", "OTC"),
        id="over-the-counter-is-no-organisation",
    ),
    pytest.param(
        "Tarrow Bank Q2FY26 results: deposits grew.",
        [],
        ("product", "Q2FY26"),
        id="fiscal-period-code-is-no-model",
    ),
    pytest.param(
        "The board proposed a dividend of HK18.0 cents a share.",
        [],
        ("product", "HK18.0"),
        id="currency-prefixed-amount-is-no-model",
    ),
    pytest.param(
        "Deposits rose in Q2FY25 and again in Q2FY26.",
        [("Q2FY25", "ORG")],
        ("org", "Q2FY25"),
        id="period-code-read-as-org",
    ),
    pytest.param(
        "Business \u203a Airlines\nTarrow Air said traffic rose.",
        [("Business \u203a Airlines", "ORG")],
        ("org", "Business \u203a Airlines"),
        id="web-page-breadcrumb",
    ),
    pytest.param(
        "Orders came from Tarrow Labs, Corvo Systems and Leadership Team.",
        [("Tarrow Labs", "ORG"), ("Corvo Systems", "ORG")],
        ("org", "Leadership Team"),
        id="listed-with-companies-but-a-team",
    ),
]


@pytest.mark.parametrize(("text", "ents", "absent"), EVIDENCE_ABSENT)
def test_entity_stage_evidence_absent(make_doc, stage: EntityStage, text, ents, absent) -> None:
    assert absent not in found(stage(make_doc(text, ents)))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Odds of the US Federal Reserve raising rates rose.",
            ("org", "US Federal Reserve"),
            id="country-code-before-a-public-body",
        ),
    ],
)
def test_entity_stage_country_code_joins_public_body(make_doc, text, expected) -> None:
    from extract.aliases import load_aliases

    mentions = EntityStage(aliases=load_aliases())(make_doc(text, []))
    assert expected in found(mentions)
    assert ("place", "US") not in found(mentions)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Shares of Tarrow (NYSE: TRW) rose 4%.",
            ("org", "NYSE", "NYSE"),
            id="acronym-kept-without-its-full-name",
        ),
        pytest.param(
            "Tarrow trades on the New York Stock Exchange. NYSE data showed gains.",
            ("org", "NYSE", "New York Stock Exchange"),
            id="acronym-takes-the-full-name-written",
        ),
    ],
)
def test_entity_stage_no_outside_renaming(make_doc, text, expected) -> None:
    from extract.aliases import load_aliases

    mentions = EntityStage(aliases=load_aliases())(make_doc(text, []))
    assert expected in {(m.kind, m.text, m.canonical) for m in mentions}
