"""The metric and segment lexicons: matching, loading, validation, fingerprint."""

from __future__ import annotations

import re

import pytest

from extract.errors import ConfigError
from extract.lexicon import load_lexicon, phrase_key

METRIC_MATCHES = [
    ("Its R & D investment was 7.8 billion yuan.", [("R & D investment", "rd_expense")]),
    (
        "The adjusted net profit was 11.3 billion yuan.",
        [("adjusted net profit", "adjusted_net_profit")],
    ),
    ("The gross profit margin reached 22.5%.", [("gross profit margin", "gross_margin")]),
    ("an operating result of 700 million yuan", [("operating result", "operating_profit")]),
    (
        "the Average Selling Price (ASP) rose",
        [("Average Selling Price", "average_selling_price"), ("ASP", "average_selling_price")],
    ),
    ("the monthly delivery volumes were", [("delivery volumes", "deliveries")]),
    ("the shipment volume was 42.4 million units", [("shipment volume", "shipments")]),
    ("the cumulative number of locked orders exceeded", [("locked orders", "orders")]),
    ("Xiaomi had opened 402 sales outlets", [("sales outlets", "stores")]),
    ("22,300 R & D personnel", [("R & D", "rd_expense"), ("personnel", "headcount")]),
    ("global monthly active users exceeded", [("monthly active users", "monthly_active_users")]),
    (
        "Xiaomi's share of the global smartphone market was 14%",
        [("share of the global smartphone market", "market_share")],
    ),
    ("a relatively low sales expense ratio", [("sales expense ratio", "sales_expense_ratio")]),
    ("The stock price has fallen", [("stock price", "share_price")]),
    ("a net loss of 5 billion yuan", [("net loss", "net_profit")]),
    ("The year - on - year growth was strong.", []),
    ("İzmir's net loss widened", [("net loss", "net_profit")]),
    # Four words between "share of" and "market"; "its share!" takes no plural ending.
    (
        "Zeta's share of China's new-energy passenger vehicle market",
        [("share of China's new-energy passenger vehicle market", "market_share")],
    ),
    ("its share rose to 8%", [("its share", "market_share")]),
    ("its shares rose 8%", [("shares", "share_price")]),
    ("order intake climbed", [("order intake", "orders")]),
    # Blocking phrases claim figures outside the vocabulary.
    ("cash and equivalents stood at", [("cash and equivalents", "cash")]),
    ("free cash flow was positive", [("free cash flow", "free_cash_flow")]),
    ("diluted EPS rose", [("diluted EPS", "eps")]),
    (
        "profit from recurring operations",
        [("profit from recurring operations", "operating_profit")],
    ),
    ("the EBITDA margin", [("EBITDA margin", "ebitda_margin")]),
    ("adjusted EBITA rose", [("adjusted EBITA", "operating_profit")]),
    ("its EBITA margin widened", [("EBITA margin", "operating_margin")]),
    ("new car registrations fell", [("new car registrations", "registrations")]),
    # Banks, insurers, airlines and miners (the metric vocabulary of docs/RULES.md).
    ("net interest income rose 6%", [("net interest income", "net_interest_income")]),
    ("NII grew to $1.6 billion", [("NII", "net_interest_income")]),
    ("the net interest margin narrowed", [("net interest margin", "net_interest_margin")]),
    ("NIM was 3.9%", [("NIM", "net_interest_margin")]),
    ("total loans reached $98 billion", [("total loans", "loans")]),
    ("gross advances grew 17%", [("gross advances", "loans")]),
    ("the loan book expanded", [("loan book", "loans")]),
    ("deposits rose 15%", [("deposits", "deposits")]),
    (
        "the provision for credit losses fell",
        [("provision for credit losses", "provision_for_credit_losses")],
    ),
    ("loan-loss provisions rose", [("loan-loss provisions", "provision_for_credit_losses")]),
    ("its CET1 ratio was 11.2%", [("CET1 ratio", "cet1_ratio")]),
    ("the efficiency ratio improved", [("efficiency ratio", "efficiency_ratio")]),
    ("the cost-to-income ratio fell", [("cost-to-income ratio", "efficiency_ratio")]),
    ("gross NPA fell to 2.3%", [("gross NPA", "gross_npa_ratio")]),
    ("net NPAs were 0.7%", [("net NPAs", "net_npa_ratio")]),
    ("the combined ratio improved", [("combined ratio", "combined_ratio")]),
    ("total business volume rose", [("total business volume", "revenue")]),
    ("segment profit rose 31%", [("segment profit", "operating_profit")]),
    ("the carrier earned $95 million", [("earned", "net_profit")]),
    (
        "a plan to buy back $2 billion of stock",
        [("buy back", "buyback"), ("stock", "share_price")],
    ),
    ("adjusted earnings of $3.40 a share", [("adjusted earnings", "adjusted_net_profit")]),
    ("the average price paid per gallon", [("average price paid", "none")]),
    ("gross written premiums grew", [("gross written premiums", "revenue")]),
    ("copper production of 52,000 tonnes", [("production", "production")]),
    ("the mine produced 9 million tonnes", [("produced", "production")]),
    ("production yield improved", [("production yield", "none")]),
    ("C1 cost fell to US$1.70/lb", [("C1 cost", "unit_cost")]),
    ("all-in sustaining costs rose", [("all-in sustaining costs", "unit_cost")]),
    ("it carried 8.3 million passengers", [("passengers", "passengers")]),
    ("the load factor was 84.5%", [("load factor", "load_factor")]),
]

SEGMENT_MATCHES = [
    ("Xiaomi's IoT and consumer goods business", "IoT and consumer products"),
    ("the IoT and consumer products business segment", "IoT and consumer products"),
    ("Xiaomi's intelligent large - household appliances", "large household appliances"),
    ("Xiaomi's intelligent electric vehicle business", "smart EVs"),
    ("the smart electric vehicle and AI innovation business segment", "smart EV and AI innovation"),
    ("the sales revenue of smart electric vehicles", "smart EVs"),
    ("the offline air - conditioner market", "air conditioners"),
    ("Xiaomi's smart home appliances", "home appliances"),
    ("Xiaomi's smartphone revenue", "smartphones"),
]


@pytest.mark.parametrize(("text", "expected"), METRIC_MATCHES)
def test_lexicon_finds_metric_phrases(text, expected, lexicon) -> None:
    found = [(text[m.start : m.end], m.label) for m in lexicon.find_metrics(text)]
    assert found == expected


@pytest.mark.parametrize(("text", "expected"), SEGMENT_MATCHES)
def test_lexicon_finds_segment_phrases(text, expected, lexicon) -> None:
    assert [m.label for m in lexicon.find_segments(text)] == [expected]


@pytest.mark.parametrize(
    ("unit", "expected"),
    [
        ("car", ["smart EVs"]),
        ("vehicle", ["smart EVs"]),
        ("air conditioner", ["air conditioners"]),
        ("city", []),
    ],
)
def test_lexicon_unit_segments(unit, expected, lexicon) -> None:
    assert [m.label for m in lexicon.find_segments(unit, scope="unit")] == expected


@pytest.mark.parametrize("text", ["the sales of Xiaomi"])
def test_lexicon_phrase_with_kinds_gives_one_match_per_kind(text, lexicon) -> None:
    found = {(m.label, m.kind) for m in lexicon.find_metrics(text)}
    assert found == {("revenue", "money"), ("shipments", "quantity")}


@pytest.mark.parametrize(
    ("phrase", "key"), [("R&D", "r & d"), ("R & D", "r & d"), ("Gross  Margin", "gross margin")]
)
def test_lexicon_phrase_key(phrase, key) -> None:
    assert phrase_key(phrase) == key


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "metric,phrase,colour\nrevenue,takings,red\n",
            r"extra\.csv:1: unknown column\(s\) colour",
        ),
        ("metric,phrase\nrevenue,  \n", r"extra\.csv:2: empty phrase"),
        (
            "metric,phrase\nrevenue,takings\nnet_profit,takings\n",
            r"extra\.csv:3: phrase 'takings' maps to 'net_profit'",
        ),
        (
            "metric,phrase\nnet_profit,revenue\n",
            r"extra\.csv:2: phrase 'revenue' maps to 'net_profit', but metrics\.csv:\d+",
        ),
        ("metric,phrase,sign\nnet_profit,deficit,x\n", r"extra\.csv:2: sign must be"),
        ("metric,phrase,kind\nrevenue,takings,euros\n", r"extra\.csv:2: kind must be"),
        ("metric,phrase,role\nrevenue,takings,adverb\n", r"extra\.csv:2: role must be"),
        ("metric,phrase\nRevenue Total,takings\n", r"extra\.csv:2: invalid metric name"),
        (
            "name,phrase\nrevenue,takings\n",
            r"extra\.csv:1: first column must be 'metric', 'segment' or 'cue'",
        ),
        ("metric\nrevenue\n", r"extra\.csv:1: missing column 'phrase'"),
        ("segment,phrase,scope\nphones,handsets,body\n", r"extra\.csv:2: scope must be"),
        (
            "segment,phrase\nphones,smartphones\n",
            r"extra\.csv:2: phrase 'smartphones' maps to 'phones'",
        ),
        ("", r"extra\.csv: empty lexicon file"),
    ],
)
def test_lexicon_rejects_invalid_files(content, message, tmp_path) -> None:
    path = tmp_path / "extra.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_lexicon([path])


@pytest.mark.parametrize("name", ["missing.csv"])
def test_lexicon_missing_file_names_it(name, tmp_path) -> None:
    with pytest.raises(ConfigError, match=re.escape(name)):
        load_lexicon([tmp_path / name])


@pytest.mark.parametrize(
    ("content", "text", "expected"),
    [
        ("metric,phrase\nbacklog,order backlog\n", "its order backlog reached", "backlog"),
        ("metric,phrase\n# a comment\nrevenue,takings\n", "the takings were", "revenue"),
    ],
)
def test_lexicon_user_file_extends_packaged(content, text, expected, tmp_path) -> None:
    path = tmp_path / "extra.csv"
    path.write_text(content, encoding="utf-8")
    lexicon = load_lexicon([path])
    assert expected in [m.label for m in lexicon.find_metrics(text)]
    assert "revenue" in lexicon.metric_names


@pytest.mark.parametrize("content", ["metric,phrase\nrevenue,revenue\n"])
def test_lexicon_same_mapping_twice_is_kept_once(content, tmp_path) -> None:
    path = tmp_path / "extra.csv"
    path.write_text(content, encoding="utf-8")
    assert len(load_lexicon([path]).metrics) == len(load_lexicon().metrics)


@pytest.mark.parametrize("content", ["metric,phrase\nrevenue,takings\n"])
def test_lexicon_without_packaged_tables(content, tmp_path) -> None:
    path = tmp_path / "only.csv"
    path.write_text(content, encoding="utf-8")
    lexicon = load_lexicon([path], packaged=False)
    assert lexicon.metric_names == frozenset({"revenue"})
    assert lexicon.segments == ()


@pytest.mark.parametrize("content", ["metric,phrase\nbacklog,order backlog\n"])
def test_lexicon_fingerprint_follows_entries(content, tmp_path) -> None:
    path = tmp_path / "extra.csv"
    path.write_text(content, encoding="utf-8")
    base = load_lexicon()
    assert re.fullmatch(r"[0-9a-f]{64}", base.fingerprint)
    assert load_lexicon().fingerprint == base.fingerprint
    assert load_lexicon([path]).fingerprint != base.fingerprint
