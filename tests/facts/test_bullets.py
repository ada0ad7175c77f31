"""Bullet points are statements of their own: dates and segments do not carry between them."""

from __future__ import annotations

import dataclasses
from datetime import date

from extract.document import Paragraph
from extract.facts import link_facts


def test_bullets_are_sentences_whose_dates_do_not_carry(make_doc, lexicon) -> None:
    text = (
        "Norvald Bank reported results for the third quarter of 2025 on Friday, beating "
        "forecasts.\n"
        "\n"
        "- Net profit of $1.8 billion, up 14% (Q3 2024: $1.6 billion)\n"
        "- Net interest income grew 11% to $4.9 billion\n"
    )
    doc, mentions = make_doc(
        text,
        ("Norvald Bank", "org"),
        ("the third quarter of 2025", "date", "2025-Q3"),
        ("$1.8 billion", "money", "1800000000", "USD"),
        ("14%", "percent", "14"),
        ("Q3 2024", "date", "2024-Q3"),
        ("$1.6 billion", "money", "1600000000", "USD"),
        ("11%", "percent", "11"),
        ("$4.9 billion", "money", "4900000000", "USD"),
        reference_date=date(2025, 10, 18),
    )
    # A hard-wrapped document: the list is one paragraph, and the sentence splitter gives it
    # as one sentence.
    block = text.index("- Net")
    doc = dataclasses.replace(
        doc,
        sentences=((0, block - 2), (block, len(text) - 1)),
        paragraphs=(Paragraph(0, block - 2), Paragraph(block, len(text) - 1)),
        _sentence_starts=(),
        _paragraph_starts=(),
    )
    facts = link_facts(doc, mentions, lexicon)
    rows = {(f.metric, f.period, str(f.value)) for f in facts}
    assert ("net_interest_income", "2025-Q3", "4900000000") in rows
    assert ("net_profit", "2024-Q3", "1600000000") in rows
    evidence = {doc.text[f.evidence_start : f.evidence_end] for f in facts}
    assert all("\n" not in e for e in evidence)
