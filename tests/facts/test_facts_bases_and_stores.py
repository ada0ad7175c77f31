"""A comparison base between a change and its level, EBIT as operating profit,
``X% fewer than a year earlier``, same-store sales and traffic as no fact, restaurants as
stores and outlets changing hands as flows."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from extract.facts import link_facts


def test_change_joins_level_after_basis_phrase(make_doc, lexicon) -> None:
    text = (
        "Pellam Tools reported results for the second quarter of 2025.\n"
        "Sales, however, slipped 3.1% from a year earlier to €870 million in the quarter."
    )
    doc, mentions = make_doc(
        text,
        ("Pellam Tools", "org"),
        ("the second quarter of 2025", "date", "2025-Q2"),
        ("3.1%", "percent", "3.1"),
        ("€870 million", "money", "870000000", "EUR"),
        ("the quarter", "date", "2025-Q2"),
        reference_date=date(2025, 7, 30),
    )
    facts = link_facts(doc, mentions, lexicon)
    assert len(facts) == 1
    fact = facts[0]
    assert fact.metric == "revenue"
    assert fact.value == Decimal("870000000")
    assert fact.change_value == Decimal("-3.1")
    assert fact.change_basis == "yoy"


def test_ebit_is_operating_profit_and_its_margin_operating_margin(make_doc, lexicon) -> None:
    text = (
        "Pellam Tools reported results for the second quarter of 2025.\n"
        "EBIT reached €64 million. The EBIT margin widened to 7.4%."
    )
    doc, mentions = make_doc(
        text,
        ("Pellam Tools", "org"),
        ("the second quarter of 2025", "date", "2025-Q2"),
        ("€64 million", "money", "64000000", "EUR"),
        ("7.4%", "percent", "7.4"),
        reference_date=date(2025, 7, 30),
    )
    facts = link_facts(doc, mentions, lexicon)
    assert [(f.metric, f.value) for f in facts] == [
        ("operating_profit", Decimal("64000000")),
        ("operating_margin", Decimal("7.4")),
    ]


def test_percent_fewer_than_a_year_earlier_is_a_change(make_doc, lexicon) -> None:
    text = "Pellam Tools had 5,300 employees at June 30, 2025, 4.5% fewer than a year earlier."
    doc, mentions = make_doc(
        text,
        ("Pellam Tools", "org"),
        ("5,300 employees", "quantity", "5300", "person"),
        ("June 30, 2025", "date", "2025-06-30"),
        ("4.5%", "percent", "4.5"),
        reference_date=date(2025, 7, 30),
    )
    facts = link_facts(doc, mentions, lexicon)
    assert len(facts) == 1
    assert facts[0].metric == "headcount"
    assert facts[0].change_value == Decimal("-4.5")
    assert facts[0].change_basis == "yoy"


def test_same_store_sales_and_traffic_give_no_fact(make_doc, lexicon) -> None:
    text = (
        "Larkspur Diner reported results for the second quarter of 2025.\n"
        "Same-store sales rose 2.2%, helped by a 1.1% gain in guest traffic. "
        "Comparable sales fell 0.5% at its bakeries."
    )
    doc, mentions = make_doc(
        text,
        ("Larkspur Diner", "org"),
        ("the second quarter of 2025", "date", "2025-Q2"),
        ("2.2%", "percent", "2.2"),
        ("1.1%", "percent", "1.1"),
        ("0.5%", "percent", "0.5"),
        reference_date=date(2025, 7, 30),
    )
    assert link_facts(doc, mentions, lexicon) == []


def test_restaurants_are_stores_but_sold_ones_are_a_flow(make_doc, lexicon) -> None:
    text = (
        "Larkspur Diner ran 212 restaurants at June 30, 2025. "
        "It agreed to sell 18 restaurants to a franchisee."
    )
    doc, mentions = make_doc(
        text,
        ("Larkspur Diner", "org"),
        ("212 restaurants", "quantity", "212", "restaurant"),
        ("June 30, 2025", "date", "2025-06-30"),
        ("18 restaurants", "quantity", "18", "restaurant"),
        reference_date=date(2025, 7, 30),
    )
    facts = link_facts(doc, mentions, lexicon)
    assert [(f.metric, f.value) for f in facts] == [("stores", Decimal("212"))]
