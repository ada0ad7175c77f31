"""Names in financial news: tickers and acronyms in brackets, exchanges, surnames after a
title. Blank-pipeline documents with hand-set model entities; invented text."""

from __future__ import annotations

import pytest

from extract.stages.entities import EntityStage


def found(mentions) -> set[tuple[str, str, str]]:
    return {(m.kind, m.text, m.canonical) for m in mentions}


NEWS_CORE = [
    pytest.param(
        "Shares of Halvard Freight (HLVD) rose. HLVD gained again on Friday.",
        [("Halvard Freight", "ORG")],
        {
            ("org", "Halvard Freight", "Halvard Freight"),
            ("org", "HLVD", "Halvard Freight"),
        },
        id="ticker-after-name-takes-its-canonical",
    ),
    pytest.param(
        "The Harbour Policy Committee (HPC) met. The HPC kept rates.",
        [("Harbour Policy Committee", "ORG")],
        {
            ("org", "Harbour Policy Committee", "Harbour Policy Committee"),
            ("org", "HPC", "Harbour Policy Committee"),
        },
        id="acronym-of-a-committee-is-one-entity",
    ),
    pytest.param(
        "Investors bought Pellworth Homes (LSE: PWH) and Vantor (NYSE: VNTR-news) stock.",
        [("Pellworth Homes", "ORG"), ("Vantor", "ORG")],
        {
            ("org", "LSE", "LSE"),
            ("org", "PWH", "PWH"),
            ("org", "NYSE", "NYSE"),
            ("org", "VNTR", "VNTR"),
        },
        id="exchange-and-ticker",
    ),
    pytest.param(
        "Analysts said the average selling price (ASP) fell while Vantor (EPS) was flat.",
        [("Vantor", "ORG")],
        set(),
        id="no-ticker-for-a-concept",
    ),
    pytest.param(
        "President Verhoek signed the order. Critics said Verhoek moved too fast.",
        [("Verhoek", "PERSON"), ("Verhoek", "ORG", 1)],
        {("person", "Verhoek", "Verhoek")},
        id="surname-after-a-title-stays-a-person",
    ),
    pytest.param(
        "VERHOEK SLAMS HARBOUR PLAN AS VOTE NEARS.\nMara Verhoek said the plan would fail.",
        [("VERHOEK", "PERSON"), ("HARBOUR", "ORG"), ("Mara Verhoek", "PERSON")],
        {("person", "VERHOEK", "Mara Verhoek"), ("person", "Mara Verhoek", "Mara Verhoek")},
        id="name-in-capitals-confirmed-in-normal-case",
    ),
    pytest.param(
        "About Pellworth Homes Pellworth Homes builds houses in the north of the country.",
        [("Pellworth Homes Pellworth Homes", "ORG")],
        {("org", "Pellworth Homes", "Pellworth Homes")},
        id="heading-name-run-into-itself",
    ),
    pytest.param(
        "Rivals such as Britain's Harwick Stores PLC saw sales slip this year.",
        [("Britain", "GPE")],
        {("org", "Harwick Stores PLC", "Harwick Stores"), ("place", "Britain", "Britain")},
        id="possessive-place-before-a-legal-name",
    ),
    pytest.param(
        "Markets were calm. Tweet OSLO, May 2 (Wirecast) - Norvik Energy said its output "
        "rose in the quarter.",
        [("Norvik Energy", "ORG")],
        {("place", "OSLO", "Oslo"), ("org", "Wirecast", "Wirecast")},
        id="wire-dateline-inside-a-line",
    ),
    pytest.param(
        "Diary for the week. OSLO-Norway's central bank holds a rate meeting on the day after "
        "the budget is published in Oslo.",
        [("Norway", "GPE"), ("Oslo", "GPE")],
        {("place", "OSLO", "Oslo")},
        id="capitals-place-joined-by-a-hyphen",
    ),
    pytest.param(
        "RISK-The outlook for the sector is mixed and the outlook for banks is weak this year.",
        [],
        set(),
        id="capitals-word-joined-by-a-hyphen-needs-confirmation",
    ),
    pytest.param(
        "The Treasury Department and the Department of Labor said the Harbour Department "
        "of Pellworth Homes grew.",
        [
            ("Treasury Department", "ORG"),
            ("Department of Labor", "ORG"),
            ("Pellworth Homes", "ORG"),
        ],
        {
            ("org", "Treasury Department", "Treasury Department"),
            ("org", "Department of Labor", "Department of Labor"),
        },
        id="government-departments-are-organisations",
    ),
    pytest.param(
        "Trading in Norvik (Other OTC: NRVKF-news) opened at 0800 GMT on Monday.",
        [("Norvik", "ORG"), ("GMT", "ORG")],
        {("org", "NRVKF", "NRVKF")},
        id="other-otc-and-a-time-zone",
    ),
    pytest.param(
        "By Mara Quill Jul 12, 2015 the fund had grown by a third.",
        [("Mara Quill Jul", "PERSON")],
        {("person", "Mara Quill", "Mara Quill")},
        id="byline-date-after-a-name",
    ),
    pytest.param(
        "Shares of 361 Harbour LLC rose. The executives at 361 Harbour said the Finance "
        "Minister spoke.",
        [("Finance", "ORG")],
        {("org", "361 Harbour LLC", "361 Harbour"), ("org", "361 Harbour", "361 Harbour")},
        id="number-opening-a-legal-name-and-a-portfolio",
    ),
    pytest.param(
        "On June 3 Norvik Harbour Inc. said 3D Pellworth Corp. would buy it.",
        [],
        {
            ("org", "Norvik Harbour Inc.", "Norvik Harbour"),
            ("org", "3D Pellworth Corp.", "3D Pellworth"),
        },
        id="a-day-before-a-legal-name-is-no-part-of-it",
    ),
    pytest.param(
        "Output rose. (Reporting by Mara Quill; Editing by Jon Vettori and Ana Brune)",
        [("Mara Quill", "ORG"), ("Jon Vettori", "ORG")],
        {
            ("person", "Mara Quill", "Mara Quill"),
            ("person", "Jon Vettori", "Jon Vettori"),
            ("person", "Ana Brune", "Ana Brune"),
        },
        id="wire-credits-are-people",
    ),
    pytest.param(
        "According to data compiled by Halvard Insight, sales rose. Halvard Insight said so.",
        [("Halvard Insight", "ORG"), ("Halvard Insight", "ORG", 1)],
        {("org", "Halvard Insight", "Halvard Insight")},
        id="data-compiled-by-a-firm-is-no-credit",
    ),
    pytest.param(
        "The funds management firm Halvard Brune holds a stake. Halvard Brune declined.",
        [("Halvard Brune", "PERSON"), ("Halvard Brune", "PERSON", 1)],
        {("org", "Halvard Brune", "Halvard Brune")},
        id="a-firm-named-like-a-person",
    ),
    pytest.param(
        "Investors cheered as Seán O\u2019Brien spoke. O\u2019Brien said costs fell.",
        [("Seán O\u2019Brien", "PERSON"), ("O\u2019Brien", "PERSON", 1)],
        {
            ("person", "Seán O\u2019Brien", "Seán O\u2019Brien"),
            ("person", "O\u2019Brien", "Seán O\u2019Brien"),
        },
        id="curly-apostrophe-surname-is-the-person",
    ),
    pytest.param(
        "Harwick Electric Machinery Corporation said sales rose. HEMC also said exports grew.",
        [("Harwick Electric Machinery Corporation", "ORG"), ("HEMC", "ORG")],
        {
            ("org", "Harwick Electric Machinery Corporation", "Harwick Electric Machinery"),
            ("org", "HEMC", "Harwick Electric Machinery"),
        },
        id="acronym-of-a-full-name-is-one-entity",
    ),
    pytest.param(
        "Shares of Norvik closed at RMB12.34 and USD5.20 while the ZX7 sold well.",
        [("Norvik", "ORG")],
        {("product", "ZX7", "ZX7")},
        id="currency-amount-is-no-product",
    ),
    pytest.param(
        "However, Mr Pellbrook, who has led the firm since 2013, was confident.",
        [("Mr Pellbrook", "ORG")],
        {("person", "Pellbrook", "Pellbrook")},
        id="courtesy-title-makes-a-person",
    ),
    pytest.param(
        "Most cuts came at its two plants in Esslau and Kernitz, while Poland grew.",
        [("Esslau", "GPE"), ("Kernitz", "ORG"), ("Poland", "GPE")],
        {("place", "Esslau", "Esslau"), ("place", "Kernitz", "Kernitz")},
        id="second-place-of-a-list-after-plants-in",
    ),
    pytest.param(
        "Tue, Oct 20, 2015, 03:57 BST-Harbour Markets open in 4 hrs and Kospi ( rose.",
        [("BST-Harbour Markets", "ORG"), ("Kospi (", "ORG")],
        {("org", "Harbour Markets", "Harbour Markets"), ("org", "Kospi", "Kospi")},
        id="time-zone-prefix-and-open-bracket-cut",
    ),
    pytest.param(
        "The two banks said on Monday that analysts at Halvard\nBrune expected the deal to close.",
        [("Halvard\nBrune", "ORG")],
        {("org", "Halvard\nBrune", "Halvard Brune")},
        id="name-wrapped-over-a-line-in-prose",
    ),
    pytest.param(
        "Halvard Brune Results\nBrune Capital said on Monday that profit rose in the quarter.",
        [("Halvard Brune Results\nBrune Capital", "ORG")],
        set(),
        id="heading-line-is-no-wrap",
    ),
    pytest.param(
        "Dozens of MPs and several CIOs met the VP of sales in Oslo on Monday.",
        [("MPs", "ORG"), ("CIOs", "ORG"), ("VP", "ORG")],
        set(),
        id="acronym-plurals-and-role-acronyms-are-no-names",
    ),
    pytest.param(
        "Velmora Motor Corporation said sales rose. Velmora said exports grew.",
        [("Velmora Motor Corporation", "ORG"), ("Velmora", "ORG", 1)],
        {
            ("org", "Velmora Motor Corporation", "Velmora"),
            ("org", "Velmora", "Velmora"),
        },
        id="short-name-and-full-name-with-corporation-are-one-entity",
    ),
]


@pytest.mark.parametrize(("text", "ents", "expected"), NEWS_CORE)
def test_entity_stage_news_core(make_doc, stage: EntityStage, text, ents, expected) -> None:
    result = found(stage(make_doc(text, ents)))
    if expected:
        assert expected <= result
        assert not {r for r in result if r[1] in ("HARBOUR", "GMT", "Other OTC", "Finance", "RISK")}
    else:
        assert not {r for r in result if r[1] in ("ASP", "EPS", "RISK", "MPs", "CIOs", "VP")}
        assert not {r for r in result if "\n" in r[1]}
