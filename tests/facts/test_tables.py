"""Tables as fact sources: pipe, whitespace-aligned and flattened tables in document text."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from line_docs import line_doc

from extract.document import Paragraph, ParsedDoc
from extract.facts import link_facts
from extract.facts.tables import find_tables, header_period
from extract.records import Fact, Mention


def _doc(text: str, orgs: tuple[str, ...] = ()) -> tuple[ParsedDoc, list[Mention]]:
    doc = line_doc(text, "table.txt", date(2025, 11, 5))
    mentions = []
    for name in orgs:
        start = text.find(name)
        while start >= 0:
            mentions.append(
                Mention(
                    kind="org",
                    start=start,
                    end=start + len(name),
                    text=name,
                    canonical=name,
                    source_stage="test",
                )
            )
            start = text.find(name, start + 1)
    return doc, sorted(mentions, key=lambda m: m.start)


def _rows(facts: list[Fact]) -> list[tuple[str, str, str, Decimal | None, str]]:
    return [(f.subject, f.metric, f.period, f.value, f.unit) for f in facts]


def test_tables_pipe_table_of_makers(lexicon) -> None:
    text = (
        "Passenger car market in the third quarter of 2025\n"
        "| Maker | Retail units | Share |\n"
        "|---|---|---|\n"
        "| Holm Motors | 41,200 | 18.4% |\n"
        "| Varda | 30,050 | 13.4% |\n"
        "| Total | 224,000 | 100% |\n"
    )
    doc, mentions = _doc(text, ("Holm Motors", "Varda"))
    facts = link_facts(doc, mentions, lexicon)
    rows = _rows(facts)
    assert ("Holm Motors", "market_share", "", Decimal("18.4"), "percent") in rows
    assert ("Varda", "deliveries", "", Decimal("30050"), "unit") in rows
    assert all(f.subject != "Total" for f in facts)
    holm = next(f for f in facts if f.subject == "Holm Motors" and f.metric == "market_share")
    assert text[holm.evidence_start : holm.evidence_end] == "| Holm Motors | 41,200 | 18.4% |"


def test_tables_pipe_table_of_metrics_by_period(lexicon) -> None:
    text = (
        "Kelda Group reports third-quarter results\n"
        "(in millions of euros)\n"
        "| Metric | Q3 2025 | Q3 2024 | YoY |\n"
        "| Revenue | 1,250.5 | 1,100.0 | 13.7% |\n"
        "| Net income | 95.2 | 80.1 | 18.9% |\n"
        "| Gross margin | 41.2% | 40.0% | |\n"
    )
    doc, mentions = _doc(text, ("Kelda Group",))
    facts = link_facts(doc, mentions, lexicon)
    got = {(f.metric, f.period): (f.value, f.unit, f.change_value, f.change_basis) for f in facts}
    assert got[("revenue", "2025-Q3")] == (Decimal("1250500000"), "EUR", Decimal("13.7"), "yoy")
    assert got[("revenue", "2024-Q3")] == (Decimal("1100000000"), "EUR", None, "")
    assert got[("net_profit", "2025-Q3")][:2] == (Decimal("95200000"), "EUR")
    assert got[("gross_margin", "2024-Q3")][:2] == (Decimal("40.0"), "percent")
    assert {f.subject for f in facts} == {"Kelda"}


def test_tables_whitespace_aligned(lexicon) -> None:
    text = (
        "Orlen Works quarterly deliveries\n"
        "                    Q3 2025     Q2 2025\n"
        "Deliveries          61,204      50,117\n"
        "Registrations       58,900      49,010\n"
    )
    doc, mentions = _doc(text, ("Orlen Works",))
    rows = _rows(link_facts(doc, mentions, lexicon))
    assert ("Orlen Works", "deliveries", "2025-Q3", Decimal("61204"), "") in rows
    assert ("Orlen Works", "registrations", "2025-Q2", Decimal("49010"), "") in rows


def test_tables_flattened_cells_run_together(lexicon) -> None:
    text = (
        "Orlen Works delivery update\n"
        "2024Q42024Q3\n"
        "Total deliveries61,20450,117\n"
        "Retail deliveries58,30047,900\n"
    )
    doc, mentions = _doc(text, ("Orlen Works",))
    rows = _rows(link_facts(doc, mentions, lexicon))
    assert ("Orlen Works", "deliveries", "2024-Q4", Decimal("61204"), "") in rows
    assert ("Orlen Works", "deliveries", "2024-Q3", Decimal("50117"), "") in rows


def test_tables_prose_with_double_spaces_is_no_table() -> None:
    text = "Revenue rose 5%.  Net income fell.\nThe outlook is unchanged.  Shares rose 2%.\n"
    assert find_tables(text) == []


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Q3 2025", "2025-Q3"),
        ("Q3'25", "2025-Q3"),
        ("2025Q3", "2025-Q3"),
        ("2025-Q3", "2025-Q3"),
        ("3Q25", "2025-Q3"),
        ("3Q 2025", "2025-Q3"),
        ("H1 2025", "2025-H1"),
        ("1H25", "2025-H1"),
        ("2025H2", "2025-H2"),
        ("FY2024", "2024"),
        ("FY24", "2024"),
        ("Sep 2025", "2025-09"),
        ("September 2025", "2025-09"),
        ("2024", "2024"),
        ("Retail units", ""),
        ("Share", ""),
    ],
    ids=str,
)
def test_tables_header_period(label: str, expected: str) -> None:
    assert header_period(label) == expected


def test_tables_400_rows_without_punctuation_is_linear(lexicon) -> None:
    import time

    rows = "".join(f"| Maker{i} | {i},100 | {i % 90}.5% |\n" for i in range(400))
    text = "| Maker | Retail units | Share |\n" + rows
    doc, mentions = _doc(text)
    started = time.perf_counter()
    facts = link_facts(doc, mentions, lexicon)
    assert time.perf_counter() - started < 2.0
    assert len(facts) == 800


def _linker_seconds(text: str, lexicon, orgs: bool = False) -> float:
    import re
    import time

    from extract.stages.numbers import find_numbers

    mentions = list(find_numbers(text))
    if orgs:
        mentions += [
            Mention(kind="org", start=m.start(), end=m.end(), text=m.group(), source_stage="test")
            for m in re.finditer(r"[A-Z]\w+", text)
        ]
    doc = ParsedDoc(
        doc_id="long.txt",
        text=text,
        sentences=((0, len(text)),),
        paragraphs=(Paragraph(0, len(text), "en"),),
    )
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        link_facts(doc, mentions, lexicon)
        best = min(best, time.perf_counter() - started)
    return best


@pytest.mark.parametrize(
    ("unit", "orgs"),
    [
        ("5% ", False),
        ("$1.2 billion ", False),
        ("Revenue rose 5% to $1.2 billion ", False),
        ("Acme Borla Corvex Delta ", True),
        ("| Maker | 1,100 | 4.5% |\n", False),
    ],
    ids=["percent", "money", "sentence", "capitalized", "table-rows"],
)
def test_tables_linker_is_linear_in_the_text(unit: str, orgs: bool, lexicon) -> None:
    """One long sentence of a repeated unit: four times the text takes well under sixteen
    times as long (what a pass over pairs of figures would take)."""
    small = _linker_seconds(unit * (5000 // len(unit)), lexicon, orgs)
    large = _linker_seconds(unit * (20000 // len(unit)), lexicon, orgs)
    assert large < 8 * small + 0.05
