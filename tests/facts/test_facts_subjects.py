"""Subject rules: exchanges and indices are never subjects, and an appositive naming
another company's relation (``X, Y's closest rival, reported``) leaves X the subject."""

from __future__ import annotations

from datetime import date

from extract.facts import link_facts


def test_exchange_is_no_subject(make_doc, lexicon) -> None:
    text = (
        "Orvana said demand held up.\n"
        "Shares of Orvana, which are listed on the NYSE, rose 3.5% to $22.40 on Friday. "
        "The stock had gained about 12% this year."
    )
    doc, mentions = make_doc(
        text,
        ("Orvana", "org"),
        ("Orvana", "org"),
        ("NYSE", "org"),
        ("3.5%", "percent", "3.5"),
        ("$22.40", "money", "22.40", "USD"),
        ("Friday", "date", "2025-10-31"),
        ("12%", "percent", "12"),
        reference_date=date(2025, 10, 31),
    )
    facts = link_facts(doc, mentions, lexicon)
    assert facts
    assert {f.subject for f in facts} == {"Orvana"}


def test_appositive_owner_is_no_subject(make_doc, lexicon) -> None:
    text = (
        "Orvana grew quickly. Pellam Tools, Orvana's nearest competitor in Europe, reported "
        "revenue of $410 million for the first half of 2025."
    )
    doc, mentions = make_doc(
        text,
        ("Orvana", "org"),
        ("Pellam Tools", "org"),
        ("Orvana", "org"),
        ("$410 million", "money", "410000000", "USD"),
        ("the first half of 2025", "date", "2025-H1"),
        reference_date=date(2025, 8, 30),
    )
    facts = link_facts(doc, mentions, lexicon)
    assert [(f.subject, f.metric) for f in facts] == [("Pellam Tools", "revenue")]


def test_named_division_is_a_segment(make_doc, lexicon) -> None:
    text = "At Orvana, orders at the Harbor Cranes division fell 6% in the third quarter of 2025."
    doc, mentions = make_doc(
        text,
        ("Orvana", "org"),
        ("6%", "percent", "6"),
        ("the third quarter of 2025", "date", "2025-Q3"),
        reference_date=date(2025, 10, 30),
    )
    facts = link_facts(doc, mentions, lexicon)
    assert [(f.subject, f.segment, f.metric) for f in facts] == [
        ("Orvana", "harbor cranes", "orders")
    ]


def test_verb_with_metric_object_gives_a_change(make_doc, lexicon) -> None:
    text = "Orvana lifted revenue by 15% to $640 million in the third quarter of 2025."
    doc, mentions = make_doc(
        text,
        ("Orvana", "org"),
        ("15%", "percent", "15"),
        ("$640 million", "money", "640000000", "USD"),
        ("the third quarter of 2025", "date", "2025-Q3"),
        reference_date=date(2025, 10, 30),
    )
    facts = link_facts(doc, mentions, lexicon)
    assert [(f.metric, f.value, f.change_value) for f in facts] == [("revenue", 640000000, 15)]
