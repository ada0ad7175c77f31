"""Tables in the layouts results releases and market reports use, one test a layout; the
tables are invented in the styles of real releases."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from line_docs import line_doc

from extract.document import ParsedDoc
from extract.facts import link_facts
from extract.facts.tables import find_tables, header_period
from extract.facts.tables.layout import glued_header, glued_rows
from extract.facts.tables.units import UNIT_RULES, read_units
from extract.records import Fact, Mention
from extract.stages.numbers import find_numbers


def _doc(
    text: str,
    orgs: tuple[str, ...] = (),
    dates: tuple[tuple[str, str], ...] = (),
    reference: date = date(2025, 10, 20),
) -> tuple[ParsedDoc, list[Mention]]:
    doc = line_doc(text, "release.txt", reference)
    mentions = list(find_numbers(text))
    for name in orgs:
        start = text.find(name)
        while start >= 0:
            end = start + len(name)
            mentions.append(Mention("org", start, end, name, "test", canonical=name))
            start = text.find(name, end)
    for surface, period in dates:
        start = text.find(surface)
        granularity = "quarter" if "-Q" in period else "year"
        mentions.append(
            Mention(
                "date",
                start,
                start + len(surface),
                surface,
                "test",
                period=period,
                granularity=granularity,
            )
        )
    return doc, sorted(mentions, key=lambda m: m.start)


def _got(facts: list[Fact]) -> dict[tuple[str, str, str, str], list[Fact]]:
    out: dict[tuple[str, str, str, str], list[Fact]] = {}
    for f in facts:
        out.setdefault((f.subject, f.segment, f.metric, f.period), []).append(f)
    return out


def _change(fact: Fact) -> tuple[Decimal | None, str, str]:
    return fact.change_value, fact.change_unit, fact.change_basis


def test_tables_market_table_with_rank_column(lexicon) -> None:
    """A research firm's markdown table: a rank column, companies by name, units in the
    header, the period in the title above; the others and total rows name no company."""
    text = (
        "Nordic tablet market tracker\n"
        "\n"
        "## Top 4 tablet vendors, Nordics, Q2 2025\n"
        "\n"
        "| Rank | Brand | Shipments (thousand units) | Share | YoY |\n"
        "|---|---|---|---|---|\n"
        "| 1 | Tessel | 412 | 17.2% | +5.1% |\n"
        "| 2 | Quorra Devices | 380 | 15.9% | -2.4% |\n"
        "| | Others | 1,601 | 66.9% | +0.3% |\n"
        "| | **Total** | **2,393** | **100.0%** | **+0.9%** |\n"
    )
    doc, mentions = _doc(text)
    got = _got(link_facts(doc, mentions, lexicon))
    (tessel,) = got[("Tessel", "", "shipments", "2025-Q2")]
    assert (tessel.value, tessel.unit) == (Decimal("412000"), "unit")
    assert _change(tessel) == (Decimal("5.1"), "percent", "yoy")
    (quorra,) = got[("Quorra Devices", "", "market_share", "2025-Q2")]
    assert (quorra.value, quorra.change_value) == (Decimal("15.9"), None)
    assert {k[0] for k in got} == {"Tessel", "Quorra Devices"}


def test_tables_unit_row_and_prior_year_column(lexicon) -> None:
    """An exchange announcement's highlights: a second header row of units, a prior-year
    column and a change column in per cent; a per-share row in cents."""
    text = (
        "Harrowgate Foods annual results\n"
        "| | 2024 | 2023 | Change |\n"
        "|---|---|---|---|\n"
        "| | HK$'000 | HK$'000 | % |\n"
        "| Revenue | 2,315,400 | 2,120,950 | 9.2 |\n"
        "| Profit attributable to shareholders | 210,330 | 188,010 | 11.9 |\n"
        "| Basic earnings per share (HK cents) | 28.75 | 25.70 | 11.9 |\n"
    )
    doc, mentions = _doc(text, ("Harrowgate Foods",))
    got = _got(link_facts(doc, mentions, lexicon))
    (revenue,) = got[("Harrowgate Foods", "", "revenue", "2024")]
    assert (revenue.value, revenue.unit) == (Decimal("2315400000"), "HKD")
    assert _change(revenue) == (Decimal("9.2"), "percent", "yoy")
    (prior,) = got[("Harrowgate Foods", "", "revenue", "2023")]
    assert (prior.value, prior.change_value) == (Decimal("2120950000"), None)
    (eps,) = got[("Harrowgate Foods", "", "eps", "2024")]
    assert (eps.value, eps.unit) == (Decimal("0.2875"), "HKD/share")
    assert got[("Harrowgate Foods", "", "net_profit", "2023")][0].value == Decimal("188010000")


def test_tables_division_table_with_reported_and_organic_change(lexicon) -> None:
    """Sales by division in a release: divisions are segments of the company, the reported
    change stands for the organic one, an eliminations row is no segment, the total row is
    the group's figure."""
    text = (
        "Solvik Group nine-month sales\n"
        "Sales by division\n"
        "| (in millions of Swiss francs) | Q3 2025 | Q3 2024 | Change (reported) | "
        "Change (organic) |\n"
        "|---|---|---|---|---|\n"
        "| Flavours | 1,204 | 1,150 | +5% | +7% |\n"
        "| Coatings | 866 | 901 | -4% | -1% |\n"
        "| Other and eliminations | (52) | (47) | - | - |\n"
        "| Total | 2,018 | 2,004 | +1% | +3% |\n"
    )
    doc, mentions = _doc(text, ("Solvik Group",))
    got = _got(link_facts(doc, mentions, lexicon))
    (coatings,) = got[("Solvik", "Coatings", "revenue", "2025-Q3")]
    assert (coatings.value, coatings.unit) == (Decimal("866000000"), "CHF")
    assert _change(coatings) == (Decimal("-4"), "percent", "yoy")
    (group,) = got[("Solvik", "", "revenue", "2025-Q3")]
    assert (group.value, group.change_value) == (Decimal("2018000000"), Decimal("1"))
    assert not any("elimination" in segment.lower() for _, segment, _, _ in got)


def test_tables_aligned_table_with_fiscal_headers(lexicon) -> None:
    """An Indian bank's text table: fiscal quarter labels resolved with the document's
    fiscal year (April to March), the scale in the title, YoY and QoQ columns after the
    periods they compare with: two facts for the current quarter, one a basis."""
    text = (
        "MUMBAI, Oct 20, 2025 /PRNewswire/ -- Koyna Bank, listed on the NSE, reported its "
        "results.\n"
        "\n"
        "Quarterly highlights (₹ crore)\n"
        "\n"
        "Particulars              Q2FY26     Q2FY25    YoY %     Q1FY26    QoQ %\n"
        "Net interest income       5,210      4,700     10.9      5,020      3.8\n"
        "Net profit                2,105      1,880     12.0      2,240     (6.0)\n"
    )
    doc, mentions = _doc(text, ("Koyna Bank",))
    got = _got(link_facts(doc, mentions, lexicon))
    current = got[("Koyna Bank", "", "net_interest_income", "2025-Q3")]
    assert {f.value for f in current} == {Decimal("52100000000")}
    assert {_change(f) for f in current} == {
        (Decimal("10.9"), "percent", "yoy"),
        (Decimal("3.8"), "percent", "qoq"),
    }
    assert got[("Koyna Bank", "", "net_interest_income", "2024-Q3")][0].unit == "INR"
    profit = got[("Koyna Bank", "", "net_profit", "2025-Q3")]
    assert {_change(f)[0] for f in profit} == {Decimal("12.0"), Decimal("-6.0")}
    assert got[("Koyna Bank", "", "net_profit", "2025-Q2")][0].value == Decimal("22400000000")


def test_tables_aligned_production_table_with_row_units(lexicon) -> None:
    """A miner's quarterly report: month-quarter headers, units in each row label (tonnes,
    a price per pound), bracketed negative changes."""
    text = (
        "Tarrant Minerals quarterly report\n"
        "\n"
        "PRODUCTION AND COST SUMMARY\n"
        "\n"
        "                             Jun Qtr 2025   Mar Qtr 2025   Jun Qtr 2024   QoQ %   YoY %\n"
        "Nickel production (t)              12,410         12,800         11,820     (3)       5\n"
        "C1 nickel cost (US$/lb)              4.12           4.40           4.31     (6)     (4)\n"
    )
    doc, mentions = _doc(text, ("Tarrant Minerals",))
    got = _got(link_facts(doc, mentions, lexicon))
    production = got[("Tarrant Minerals", "", "production", "2025-Q2")]
    assert {(f.value, f.unit) for f in production} == {(Decimal("12410"), "tonne")}
    assert {_change(f) for f in production} == {
        (Decimal("-3"), "percent", "qoq"),
        (Decimal("5"), "percent", "yoy"),
    }
    (cost,) = got[("Tarrant Minerals", "", "unit_cost", "2024-Q2")]
    assert (cost.value, cost.unit) == (Decimal("4.31"), "USD/pound")


def test_tables_flattened_rows_sharing_one_line(lexicon) -> None:
    """A scraped page's table whose cells and rows run together on one line: a label
    column header and a change column around the periods, scale letters in the cells."""
    text = (
        "Fjordline Air second-quarter results\n"
        "Q2 AT A GLANCE\n"
        "ItemQ2 2025Q2 2024Change\n"
        "Revenue$3.17B$2.98B+6.4%Load factor84.2%83.4%+0.8 ptsPassengers9.3M8.9M+4.5%\n"
    )
    doc, mentions = _doc(text, ("Fjordline Air",))
    got = _got(link_facts(doc, mentions, lexicon))
    (revenue,) = got[("Fjordline Air", "", "revenue", "2025-Q2")]
    assert (revenue.value, revenue.unit) == (Decimal("3170000000"), "USD")
    assert _change(revenue) == (Decimal("6.4"), "percent", "yoy")
    assert text[revenue.evidence_start : revenue.evidence_end] == "Revenue$3.17B$2.98B+6.4%"
    (load,) = got[("Fjordline Air", "", "load_factor", "2025-Q2")]
    assert (load.value, *_change(load)) == (
        Decimal("84.2"),
        Decimal("0.8"),
        "percentage_point",
        "yoy",
    )
    assert got[("Fjordline Air", "", "passengers", "2024-Q2")][0].value == Decimal("8900000")


def test_tables_flattened_model_rows_are_segments(lexicon) -> None:
    """A carmaker's delivery table as scraped: the metric in the title, model rows (the
    company's name and a model code glued to the figures) are segments, a dash is no
    figure."""
    text = (
        "Orlen Motors May deliveries\n"
        "Delivery Summary\n"
        "\n"
        "MonthlyMay 2025April 2025May 2024\n"
        "Total deliveries18,40216,95012,377\n"
        "Orlen Vega X46,3105,8214,102\n"
        "Orlen Vega X712,0509,129-\n"
    )
    doc, mentions = _doc(text, ("Orlen Motors",))
    mentions = [
        *mentions,
        Mention("org", text.find("Orlen Vega"), text.find("Orlen Vega") + 5, "Orlen", "t"),
    ]
    got = _got(link_facts(doc, mentions, lexicon))  # the company by its short name
    assert got[("Orlen", "", "deliveries", "2025-05")][0].value == Decimal("18402")
    assert got[("Orlen", "Orlen Vega X4", "deliveries", "2025-05")][0].value == Decimal("6310")
    assert got[("Orlen", "Orlen Vega X7", "deliveries", "2025-04")][0].value == Decimal("9129")
    assert ("Orlen", "Orlen Vega X7", "deliveries", "2024-05") not in got


def test_tables_figure_the_text_states_is_one_fact(lexicon) -> None:
    """A table repeating a figure of the text gives no second fact; the text's figure takes
    the table's change."""
    text = (
        "Brenner Tools said revenue was $1.25 billion in the second quarter of 2025.\n"
        "| | Q2 2025 | Q2 2024 | YoY |\n"
        "|---|---|---|---|\n"
        "| Revenue ($ millions) | 1,250 | 1,130 | 10.6% |\n"
    )
    doc, mentions = _doc(text, ("Brenner Tools",), (("the second quarter of 2025", "2025-Q2"),))
    got = _got(link_facts(doc, mentions, lexicon))
    (revenue,) = got[("Brenner Tools", "", "revenue", "2025-Q2")]
    assert revenue.evidence_start == 0
    assert _change(revenue) == (Decimal("10.6"), "percent", "yoy")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("2025Q22025Q1", ["", "2025Q2", "2025Q1"]),
        ("QuarterlyQ2 2025Q2 2024", ["Quarterly", "Q2 2025", "Q2 2024"]),
        ("ItemMay 2025April 2025Change", ["Item", "May 2025", "April 2025", "Change"]),
        ("Market 2024 and 2023", []),
        ("Q2 2025  Q2 2024", []),
    ],
    ids=str,
)
def test_tables_glued_header(line: str, expected: list[str]) -> None:
    assert [c.text for c in glued_header(line, 0, len(line))] == expected


@pytest.mark.parametrize(
    ("line", "columns", "expected"),
    [
        ("Total units48,91039,205", 2, [["Total units", "48,910", "39,205"]]),
        ("Vega X46,3105,821", 2, [["Vega X4", "6,310", "5,821"]]),
        (
            "Sales$3.17B$2.98BNet loss$85M$112M",
            2,
            [["Sales", "$3.17B", "$2.98B"], ["Net loss", "$85M", "$112M"]],
        ),
        ("Sales rose 5% to 1,200 units", 2, []),
    ],
    ids=str,
)
def test_tables_glued_rows(line: str, columns: int, expected: list[list[str]]) -> None:
    rows = glued_rows(line, 0, len(line), columns)
    assert [[c.text for c in row] for row in rows] == expected


@pytest.mark.parametrize(
    ("label", "fiscal", "expected"),
    [
        ("Q2FY26", (4, "end"), "2025-Q3"),
        ("Q1 FY26", (7, "end"), "2025-Q3"),
        ("H1FY26", (4, "end"), "2025-04-01/2025-09-30"),
        ("FY26", (7, "end"), "2025-07-01/2026-06-30"),
        ("FY2025", (4, "start"), "2025-04-01/2026-03-31"),
        ("Q2FY26", (1, "end"), "2026-Q2"),
        ("Sep Qtr 2025", (7, "end"), "2025-Q3"),
        ("Dec quarter 2024", (1, "end"), "2024-Q4"),
        ("Marketing", (1, "end"), ""),
    ],
    ids=str,
)
def test_tables_fiscal_header_period(label: str, fiscal: tuple[int, str], expected: str) -> None:
    assert header_period(label, fiscal) == expected


@pytest.mark.parametrize("rule", UNIT_RULES, ids=lambda r: r.name)
def test_tables_unit_rule_example(rule) -> None:
    """Every unit rule's example states what the rule says."""
    found = read_units(rule.example)
    for field in ("currency", "ratio", "quantity", "per"):
        if getattr(rule.units, field):
            assert getattr(found, field) == getattr(rule.units, field)
    if rule.units.scale is not None:
        assert found.scale == rule.units.scale


def test_tables_sentence_with_figures_is_no_flattened_row() -> None:
    text = "Deliveries2025 rose.\nRevenue 2024 was 5% higher than in 2023 and 2022.\n"
    assert find_tables(text) == []


def test_tables_long_flattened_line_is_linear() -> None:
    """Rows run together on one line: four times the rows take well under sixteen times
    as long."""
    import time

    def seconds(rows: int) -> float:
        text = "ItemQ2 2025Q2 2024\n" + "Sales$3.1B$2.9B" * rows + "\n"
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            tables = find_tables(text)
            best = min(best, time.perf_counter() - started)
        assert len(tables[0].rows) == rows + 1
        return best

    small, large = seconds(2000), seconds(8000)
    assert large < 8 * small + 0.05


def test_tables_spanning_period_headers_of_a_us_release(lexicon) -> None:
    """A US release's statement as the HTML reader renders it: a label spanning two columns
    (written once, the next cell empty) over a row of years, the scale above the table, a
    per-share row that the scale does not apply to."""
    text = (
        "Calloway Instruments reported revenue of $4.1 billion for the quarter.\n"
        "(in millions, except per share data)\n"
        "| | Three Months Ended September 30, | | Nine Months Ended September 30, | |\n"
        "| | 2025 | 2024 | 2025 | 2024 |\n"
        "| Net sales | $ 4,120 | $ 3,870 | $ 11,950 | $ 11,020 |\n"
        "| Net income | 512 | 455 | 1,390 | 1,250 |\n"
        "| Diluted earnings per share | $ 1.84 | $ 1.61 | $ 4.98 | $ 4.43 |\n"
    )
    doc, mentions = _doc(text, ("Calloway Instruments",))
    got = _got(link_facts(doc, mentions, lexicon))
    subject = "Calloway Instruments"
    (sales,) = got[(subject, "", "revenue", "2025-Q3")]
    assert (sales.value, sales.unit) == (Decimal("4120000000"), "USD")
    (nine,) = got[(subject, "", "net_profit", "2025-01-01/2025-09-30")]
    assert (nine.value, nine.unit) == (Decimal("1390000000"), "USD")
    (eps,) = got[(subject, "", "eps", "2024-Q3")]
    assert (eps.value, eps.unit) == (Decimal("1.61"), "USD/share")


def test_tables_caption_metric_is_not_every_row(lexicon) -> None:
    """A caption naming a metric is the metric of rows naming none only in a breakdown
    (``by division``) or where no row names another metric: a statement's cost rows under
    ``Revenue and profit`` are no revenue."""
    text = (
        "Revenue and profit (in millions of euros)\n"
        "| | H1 2025 | H1 2024 |\n"
        "|---|---|---|\n"
        "| Revenue | 2,410 | 2,250 |\n"
        "| Cost of sales | (1,530) | (1,470) |\n"
        "| Net income | 301 | 260 |\n"
    )
    doc, mentions = _doc(text, ("Marlow Textiles",))
    facts = link_facts(doc, mentions, lexicon)
    assert {(f.metric, f.segment) for f in facts} == {("revenue", ""), ("net_profit", "")}


def test_tables_rows_of_periods_and_a_unit_column(lexicon) -> None:
    """Periods down the label column and metrics across; a unit column states each row's
    unit."""
    text = (
        "Pellham Gold results\n"
        "| Quarter | Revenue ($ millions) | Net income ($ millions) |\n"
        "|---|---|---|\n"
        "| Q1 2025 | 1,200 | 150 |\n"
        "| Q2 2025 | 1,310 | 171 |\n"
        "\n"
        "| Metric | Unit | Q2 2025 | Q2 2024 |\n"
        "|---|---|---|---|\n"
        "| Gold production | koz | 212 | 198 |\n"
    )
    doc, mentions = _doc(text, ("Pellham Gold",))
    got = _got(link_facts(doc, mentions, lexicon))
    (revenue,) = got[("Pellham Gold", "", "revenue", "2025-Q1")]
    assert (revenue.value, revenue.unit) == (Decimal("1200000000"), "USD")
    assert got[("Pellham Gold", "", "net_profit", "2025-Q2")][0].value == Decimal("171000000")
    (gold,) = got[("Pellham Gold", "", "production", "2024-Q2")]
    assert (gold.value, gold.unit) == (Decimal("198000"), "ounce")


def test_tables_change_is_the_latest_periods(lexicon) -> None:
    """Columns in ascending order: the change column is the change of the latest year."""
    text = (
        "Ostrava Rail results\n"
        "| (in millions of euros) | 2023 | 2024 | Change |\n"
        "|---|---|---|---|\n"
        "| Revenue | 3,100 | 3,410 | 10.0% |\n"
    )
    doc, mentions = _doc(text, ("Ostrava Rail",))
    got = _got(link_facts(doc, mentions, lexicon))
    (latest,) = got[("Ostrava Rail", "", "revenue", "2024")]
    assert _change(latest) == (Decimal("10.0"), "percent", "yoy")
    assert got[("Ostrava Rail", "", "revenue", "2023")][0].change_value is None
