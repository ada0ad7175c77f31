"""Which org mentions name companies, the company an article is about, and subject names."""

from __future__ import annotations

from datetime import date

import pytest

from extract.facts import link_facts

SUBJECTS = [
    pytest.param(
        "Norvald Holdings Limited reported results.\n"
        "Norvald Holdings' revenue rose 5% to $2 billion.",
        [
            ("Norvald Holdings Limited", "org", "Norvald Holdings Limited"),
            ("Norvald Holdings", "org", "Norvald Holdings Limited"),
            ("5%", "percent", "5"),
            ("$2 billion", "money", "2000000000", "USD"),
        ],
        {"Norvald"},
        id="legal-and-group-words-dropped",
    ),
    pytest.param(
        "Groupe Tavel reported results.\nRevenue rose 5% to 2 billion euros.",
        [
            ("Groupe Tavel", "org"),
            ("5%", "percent", "5"),
            ("2 billion euros", "money", "2000000000", "EUR"),
        ],
        {"Tavel"},
        id="leading-groupe-dropped",
    ),
    pytest.param(
        "Quorra Auto Inc. reported results.\nQuorra Auto said revenue rose 5% to $2 billion.",
        [
            ("Quorra Auto Inc.", "org", "Quorra"),
            ("Quorra Auto", "org", "Quorra"),
            ("5%", "percent", "5"),
            ("$2 billion", "money", "2000000000", "USD"),
        ],
        {"Quorra Auto"},
        id="descriptive-word-kept-when-short-name-never-alone",
    ),
    pytest.param(
        "Quorra Auto reported results.\nQuorra said revenue rose 5% to $2 billion.",
        [
            ("Quorra Auto", "org", "Quorra"),
            ("Quorra", "org", "Quorra"),
            ("5%", "percent", "5"),
            ("$2 billion", "money", "2000000000", "USD"),
        ],
        {"Quorra"},
        id="short-name-used-alone",
    ),
    pytest.param(
        "Quorra Auto reported results.\nQuorra Auto delivered 4,000 vehicles, up 5%, led by "
        "the Quorra Vela.",
        [
            ("Quorra Auto", "org", "Quorra"),
            ("Quorra Auto", "org", "Quorra"),
            ("4,000 vehicles", "quantity", "4000", "vehicle"),
            ("5%", "percent", "5"),
            ("Quorra Vela", "product"),
        ],
        {"Quorra Auto"},
        id="short-name-inside-a-product-name-is-not-alone",
    ),
    pytest.param(
        "Halden Therapeutics raised its forecast after sales of its weight-loss drug Zelvora "
        "rose 40%.\nZelvora brought in $2 billion in the quarter.\n"
        "Halden said revenue rose 5% to $6 billion.",
        [
            ("Halden Therapeutics", "person"),
            ("Zelvora", "org"),
            ("40%", "percent", "40"),
            ("Zelvora", "org"),
            ("$2 billion", "money", "2000000000", "USD"),
            ("Halden", "org"),
            ("5%", "percent", "5"),
            ("$6 billion", "money", "6000000000", "USD"),
        ],
        {"Halden"},
        id="a-drug-is-a-product-not-the-company",
    ),
    pytest.param(
        "Tarrow Resources Limited quarterly report\n"
        "The Pindar hub produced 7 million tonnes of ore.\n"
        "Tarrow paid a dividend of A$0.35 a share.",
        [
            ("Pindar", "org"),
            ("7 million tonnes", "quantity", "7000000", "tonne"),
            ("Tarrow", "org"),
            ("A$0.35", "money", "0.35", "AUD"),
        ],
        {"Tarrow"},
        id="a-site-is-not-a-company-and-headings-count",
    ),
    pytest.param(
        "Menu | NEWS | MARKETS | SPORT\nOutlook\nCascara Air on Thursday reported revenue of "
        "$4 billion.\nThe outlook for the year is strong.",
        [
            ("MARKETS", "org"),
            ("Outlook", "org"),
            ("Cascara Air", "org"),
            ("$4 billion", "money", "4000000000", "USD"),
        ],
        {"Cascara Air"},
        id="navigation-and-heading-words-are-not-companies",
    ),
    pytest.param(
        "Norvald Bank said deposits rose 5% to $20 billion. ABC deposits were $8 billion.",
        [
            ("Norvald Bank", "org"),
            ("5%", "percent", "5"),
            ("$20 billion", "money", "20000000000", "USD"),
            ("ABC", "org"),
            ("$8 billion", "money", "8000000000", "USD"),
        ],
        {"Norvald Bank"},
        id="an-acronym-before-a-metric-is-a-kind-not-a-company",
    ),
    pytest.param(
        "Norvald Bank reported net income of $900 million. PCL was $351 million.",
        [
            ("Norvald Bank", "org"),
            ("$900 million", "money", "900000000", "USD"),
            ("PCL", "org"),
            ("$351 million", "money", "351000000", "USD"),
        ],
        {"Norvald Bank"},
        id="a-metric-acronym-is-never-a-company",
    ),
    pytest.param(
        "Tarrow Energy reported results.\nTarrow Energy said production rose 6% to 90,000 "
        "barrels a day after new wells at Jaspe came on stream. Jaspe produced 20,000 "
        "barrels a day.",
        [
            ("Tarrow Energy", "org"),
            ("Tarrow Energy", "org"),
            ("6%", "percent", "6"),
            ("90,000 barrels", "quantity", "90000", "barrel"),
            ("Jaspe", "org"),
            ("Jaspe", "org"),
            ("20,000 barrels", "quantity", "20000", "barrel"),
        ],
        {"Tarrow Energy"},
        id="a-name-after-wells-at-is-a-site",
    ),
    pytest.param(
        "TARROW ENERGY S.A. - RESULTS\nTarrow Energy S.A. reported results. Tarrow said "
        "revenue rose 5% to $2 billion.",
        [
            ("TARROW ENERGY S.A.", "org", "TARROW ENERGY"),
            ("Tarrow Energy S.A.", "org", "Tarrow"),
            ("Tarrow", "org", "Tarrow"),
            ("5%", "percent", "5"),
            ("$2 billion", "money", "2000000000", "USD"),
        ],
        {"Tarrow"},
        id="an-all-caps-heading-name-is-the-same-company",
    ),
    pytest.param(
        "Tarrow Energy S.A. (B3: TRWE3) reported results.\nBrent averaged $80 a barrel. "
        "Revenue rose 5% to $2 billion.",
        [
            ("Tarrow Energy S.A.", "org", "Tarrow Energy"),
            ("Brent", "org"),
            ("$80", "money", "80", "USD"),
            ("5%", "percent", "5"),
            ("$2 billion", "money", "2000000000", "USD"),
        ],
        {"Tarrow Energy"},
        id="a-ticker-in-brackets-is-company-evidence",
    ),
    pytest.param(
        "Norvald Bank Q3FY26 net profit climbs 9% to Rs 2,705 crore",
        [
            ("Norvald Bank Q3FY26", "org"),
            ("Q3FY26", "date", "2025-Q4"),
            ("9%", "percent", "9"),
            ("Rs 2,705 crore", "money", "27050000000", "INR"),
        ],
        {""},
        id="a-period-label-read-as-a-name-is-dropped",
    ),
]


@pytest.mark.parametrize(("text", "specs", "subjects"), SUBJECTS)
def test_companies_fact_subjects(text, specs, subjects, make_doc, lexicon) -> None:
    doc, mentions = make_doc(text, *specs, reference_date=date(2025, 11, 5))
    facts = link_facts(doc, mentions, lexicon)
    assert facts
    assert {f.subject for f in facts} == subjects


def test_companies_product_is_the_segment(make_doc, lexicon) -> None:
    text = "Halden said sales of its cancer drug Corvane rose 9% to $1.46 billion in the quarter."
    doc, mentions = make_doc(
        text,
        ("Halden", "org"),
        ("Corvane", "org"),
        ("9%", "percent", "9"),
        ("$1.46 billion", "money", "1460000000", "USD"),
    )
    facts = link_facts(doc, mentions, lexicon)
    assert [(f.subject, f.segment, f.metric) for f in facts] == [("Halden", "Corvane", "revenue")]
