"""The linker in document context: the company an article is about, the period it reports,
comparison phrases, prior-year figures in brackets, per-share figures and new metrics."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from extract.facts import link_facts
from extract.records import Fact

# (subject, segment, metric, period, value, unit, change, basis)
Row = tuple[str, str, str, str, str | None, str, str, str]


def _row(fact: Fact) -> Row:
    def number(value: Decimal | None) -> str | None:
        return None if value is None else format(value.normalize(), "f")

    return (
        fact.subject,
        fact.segment,
        fact.metric,
        fact.period,
        number(fact.value),
        fact.unit,
        number(fact.change_value) or "",
        fact.change_basis,
    )


CASES = [
    pytest.param(
        "Tarvik Foods posts higher third-quarter sales\n"
        "Tarvik Foods said on Tuesday that revenue in the third quarter of 2025 rose 6% to "
        "$2.1 billion.\n"
        "The company said net income was $180 million.",
        [
            ("Tarvik Foods", "org"),
            ("Tarvik Foods", "org"),
            ("Tuesday", "date", "2025-11-04"),
            ("the third quarter of 2025", "date", "2025-Q3"),
            ("6%", "percent", "6"),
            ("$2.1 billion", "money", "2100000000", "USD"),
            ("$180 million", "money", "180000000", "USD"),
        ],
        [
            ("Tarvik Foods", "", "revenue", "2025-Q3", "2100000000", "USD", "6", ""),
            ("Tarvik Foods", "", "net_profit", "2025-Q3", "180000000", "USD", "", ""),
        ],
        id="the-company-is-the-article-company-undated-takes-report-period",
    ),
    pytest.param(
        "Datastat: Holm Motors leads EV sales\n"
        "Holm Motors sold 41,000 cars in the third quarter of 2025, according to Datastat.\n"
        "Revenue rose 4% to 3.2 billion euros, the data provider said.",
        [
            ("Datastat", "org"),
            ("Holm Motors", "org"),
            ("Holm Motors", "org"),
            ("41,000 cars", "quantity", "41000", "car"),
            ("the third quarter of 2025", "date", "2025-Q3"),
            ("4%", "percent", "4"),
            ("3.2 billion euros", "money", "3200000000", "EUR"),
        ],
        [
            ("Holm Motors", "", "deliveries", "2025-Q3", "41000", "car", "", ""),
            ("Holm Motors", "", "revenue", "2025-Q3", "3200000000", "EUR", "4", ""),
        ],
        id="publishing-body-is-not-the-subject",
    ),
    pytest.param(
        "Sorvan Bank (NYSE: SRVB) reported results for the second quarter of 2025.\n"
        "SRVB said net income rose 8% to $1.4 billion.",
        [
            ("Sorvan Bank", "org"),
            ("SRVB", "org"),
            ("the second quarter of 2025", "date", "2025-Q2"),
            ("SRVB", "org"),
            ("8%", "percent", "8"),
            ("$1.4 billion", "money", "1400000000", "USD"),
        ],
        [("Sorvan Bank", "", "net_profit", "2025-Q2", "1400000000", "USD", "8", "")],
        id="ticker-after-exchange-is-not-the-subject",
    ),
    pytest.param(
        "Kelda Group reported results for the third quarter of 2025.\n"
        "Revenue in the Storage division rose 9% to $800 million. Net income was $95 million.",
        [
            ("Kelda Group", "org", "Kelda"),
            ("the third quarter of 2025", "date", "2025-Q3"),
            ("Storage", "org"),
            ("9%", "percent", "9"),
            ("$800 million", "money", "800000000", "USD"),
            ("$95 million", "money", "95000000", "USD"),
        ],
        [
            ("Kelda", "storage", "revenue", "2025-Q3", "800000000", "USD", "9", ""),
            ("Kelda", "", "net_profit", "2025-Q3", "95000000", "USD", "", ""),
        ],
        id="division-is-a-segment-and-group-net-income-has-none",
    ),
    pytest.param(
        "Orlen Works reported results for the third quarter of 2024.\n"
        "Revenue was $2.0 billion, compared with $1.8 billion in the previous quarter and $1.5 "
        "billion in the same period of 2022.",
        [
            ("Orlen Works", "org"),
            ("the third quarter of 2024", "date", "2024-Q3"),
            ("$2.0 billion", "money", "2000000000", "USD"),
            ("$1.8 billion", "money", "1800000000", "USD"),
            ("the previous quarter", "date", "2024-Q3"),
            ("$1.5 billion", "money", "1500000000", "USD"),
            ("2022", "date", "2022"),
        ],
        [
            ("Orlen Works", "", "revenue", "2024-Q3", "2000000000", "USD", "", ""),
            ("Orlen Works", "", "revenue", "2024-Q2", "1800000000", "USD", "", ""),
            ("Orlen Works", "", "revenue", "2022-Q3", "1500000000", "USD", "", ""),
        ],
        id="comparison-phrases-re-anchored-to-the-compared-figure",
    ),
    pytest.param(
        "Brenner AG reported results for the first half of 2025.\n"
        "Revenue came to 29.994 (29.402) billion euros.",
        [
            ("Brenner AG", "org", "Brenner"),
            ("the first half of 2025", "date", "2025-H1"),
        ],
        [
            ("Brenner", "", "revenue", "2025-H1", "29994000000", "EUR", "", ""),
            ("Brenner", "", "revenue", "2024-H1", "29402000000", "EUR", "", ""),
        ],
        id="prior-year-in-brackets-before-the-shared-unit",
    ),
    pytest.param(
        "Brenner AG reported results for the first half of 2025.\n"
        "Operating profit rose to 4.1 billion euros (previous year: 3.2 billion euros).",
        [
            ("Brenner AG", "org", "Brenner"),
            ("the first half of 2025", "date", "2025-H1"),
            ("4.1 billion euros", "money", "4100000000", "EUR"),
            ("3.2 billion euros", "money", "3200000000", "EUR"),
        ],
        [
            ("Brenner", "", "operating_profit", "2025-H1", "4100000000", "EUR", "", ""),
            ("Brenner", "", "operating_profit", "2024-H1", "3200000000", "EUR", "", ""),
        ],
        id="previous-year-label-in-brackets",
    ),
    pytest.param(
        "Brenner AG reported results for the first half of 2025.\nThe EBIT margin was 9.1% (8.4%).",
        [
            ("Brenner AG", "org", "Brenner"),
            ("the first half of 2025", "date", "2025-H1"),
            ("9.1%", "percent", "9.1"),
            ("8.4%", "percent", "8.4"),
        ],
        [
            ("Brenner", "", "operating_margin", "2025-H1", "9.1", "percent", "", ""),
            ("Brenner", "", "operating_margin", "2024-H1", "8.4", "percent", "", ""),
        ],
        id="prior-year-percent-in-brackets",
    ),
    pytest.param(
        "Corvel Systems reported results for the fourth quarter of 2024.\n"
        "Net income was $900 million, or $1.12 a share, versus $2.1 billion a year ago.",
        [
            ("Corvel Systems", "org", "Corvel"),
            ("the fourth quarter of 2024", "date", "2024-Q4"),
            ("$900 million", "money", "900000000", "USD"),
            ("$1.12", "money", "1.12", "USD"),
            ("$2.1 billion", "money", "2100000000", "USD"),
        ],
        [
            ("Corvel Systems", "", "net_profit", "2024-Q4", "900000000", "USD", "", ""),
            ("Corvel Systems", "", "eps", "2024-Q4", "1.12", "USD/share", "", ""),
            ("Corvel Systems", "", "net_profit", "2023-Q4", "2100000000", "USD", "", ""),
        ],
        id="per-share-aside-is-eps-and-versus-a-year-ago",
    ),
    pytest.param(
        "Corvel Systems reported results for the fourth quarter of 2024.\n"
        "Diluted earnings per share were $1.12, ahead of the $1.05 a share analysts had expected.",
        [
            ("Corvel Systems", "org", "Corvel"),
            ("the fourth quarter of 2024", "date", "2024-Q4"),
            ("$1.12", "money", "1.12", "USD"),
            ("$1.05", "money", "1.05", "USD"),
        ],
        [("Corvel Systems", "", "eps", "2024-Q4", "1.12", "USD/share", "", "")],
        id="eps-kept-analyst-estimate-dropped",
    ),
    pytest.param(
        "Quanli Auto reported results for the third quarter of 2025.\n"
        "Total revenue was 88 billion, up 12%, while net profit came to 4.2 billion yuan.",
        [
            ("Quanli Auto", "org", "Quanli"),
            ("the third quarter of 2025", "date", "2025-Q3"),
            ("88 billion", "quantity", "88000000000", ""),
            ("12%", "percent", "12"),
            ("4.2 billion yuan", "money", "4200000000", "CNY"),
        ],
        [
            ("Quanli Auto", "", "revenue", "2025-Q3", "88000000000", "CNY", "12", ""),
            ("Quanli Auto", "", "net_profit", "2025-Q3", "4200000000", "CNY", "", ""),
        ],
        id="bare-amount-in-money-context-takes-document-currency",
    ),
    pytest.param(
        "Mirren Retail reported results for the third quarter of 2025.\n"
        "Free cash flow rose to $310 million and net debt fell to $1.9 billion. The board "
        "approved a share buyback of $500 million and a dividend of 22 cents a share.",
        [
            ("Mirren Retail", "org", "Mirren"),
            ("the third quarter of 2025", "date", "2025-Q3"),
            ("$310 million", "money", "310000000", "USD"),
            ("$1.9 billion", "money", "1900000000", "USD"),
            ("$500 million", "money", "500000000", "USD"),
            ("22 cents", "money", "0.22", "USD"),
        ],
        [
            ("Mirren Retail", "", "free_cash_flow", "2025-Q3", "310000000", "USD", "", ""),
            ("Mirren Retail", "", "debt", "", "1900000000", "USD", "", ""),
            ("Mirren Retail", "", "buyback", "", "500000000", "USD", "", ""),
            ("Mirren Retail", "", "dividend", "2025-Q3", "0.22", "USD/share", "", ""),
        ],
        id="cash-flow-debt-buyback-dividend",
    ),
]


CONSTANT_CURRENCY = [
    pytest.param(
        "Revenue rose 5% to 2 billion euros, or 8% at constant currency.",
        [
            ("5%", "percent", "5"),
            ("2 billion euros", "money", "2000000000", "EUR"),
            ("8%", "percent", "8"),
        ],
        [("", "", "revenue", "", "2000000000", "EUR", "5", "")],
        id="constant-currency-aside-after-the-level",
    ),
    pytest.param(
        "Sales grew 8% at constant exchange rates and 5% as reported to $3 billion.",
        [
            ("8%", "percent", "8"),
            ("5%", "percent", "5"),
            ("$3 billion", "money", "3000000000", "USD"),
        ],
        [("", "", "revenue", "", "3000000000", "USD", "5", "")],
        id="constant-currency-first-reported-second",
    ),
    pytest.param(
        "Revenue was 2 billion euros (+6% cc).",
        [("2 billion euros", "money", "2000000000", "EUR"), ("+6%", "percent", "6")],
        [("", "", "revenue", "", "2000000000", "EUR", "6", "")],
        id="constant-currency-change-alone-is-kept",
    ),
]


@pytest.mark.parametrize(("text", "specs", "expected"), CONSTANT_CURRENCY)
def test_document_context_constant_currency(text, specs, expected, make_doc, lexicon) -> None:
    doc, mentions = make_doc(text, *specs, reference_date=date(2025, 11, 5))
    assert [_row(f) for f in link_facts(doc, mentions, lexicon)] == expected


@pytest.mark.parametrize(("text", "specs", "expected"), CASES)
def test_document_context_facts(text, specs, expected, make_doc, lexicon) -> None:
    doc, mentions = make_doc(text, *specs, reference_date=date(2025, 11, 5))
    assert [_row(f) for f in link_facts(doc, mentions, lexicon)] == expected


def test_document_context_this_quarter_after_the_quarter(make_doc, lexicon) -> None:
    text = (
        "Pellam Tools reported results for the third quarter of 2025.\n"
        "Revenue this quarter rose 5% to 900 million euros."
    )
    doc, mentions = make_doc(
        text,
        ("Pellam Tools", "org"),
        ("the third quarter of 2025", "date", "2025-Q3"),
        ("this quarter", "date", "2025-Q4"),
        ("5%", "percent", "5"),
        ("900 million euros", "money", "900000000", "EUR"),
        reference_date=date(2025, 11, 5),
    )
    assert [(f.metric, f.period) for f in link_facts(doc, mentions, lexicon)] == [
        ("revenue", "2025-Q3")
    ]
