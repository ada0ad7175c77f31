"""The scorer: matching, tolerances, entity sets, facts."""

from __future__ import annotations

import pytest

from extract.evaluate import (
    PRF,
    close,
    match_spans,
    score_entity_sets,
    score_facts,
    score_mentions,
)


def _m(start: int, end: int, kind: str = "money", doc: str = "d", **kw: object) -> dict:
    return {"doc_id": doc, "kind": kind, "start": start, "end": end, "text": "x", **kw}


@pytest.mark.parametrize(
    ("a", "b", "tol", "same"),
    [
        (100, 100.05, 1e-3, True),
        (100, 100.2, 1e-3, False),
        (None, "", 1e-3, True),
        (None, 1, 1e-3, False),
        ("113100000000", 113.1e9, 1e-9, True),
        (0, 0, 1e-9, True),
    ],
)
def test_evaluate_close_relative_tolerance(a: object, b: object, tol: float, same: bool) -> None:
    assert close(a, b, tol) is same


def test_evaluate_match_spans_largest_overlap_first() -> None:
    preds = [_m(0, 10), _m(8, 20)]
    golds = [_m(9, 20)]
    assert match_spans(preds, golds) == [(1, 0)]


def test_evaluate_match_spans_one_to_one() -> None:
    preds = [_m(0, 20)]
    golds = [_m(0, 5), _m(10, 20)]
    assert len(match_spans(preds, golds)) == 1


def test_evaluate_score_mentions_counts_and_fields() -> None:
    golds = [
        _m(0, 5, value=10, unit="USD", qualifier="exact"),
        _m(10, 15, value=3, unit="USD", qualifier="exact"),
        _m(20, 25, kind="date", period="2025-Q3"),
    ]
    preds = [
        _m(1, 5, value=10.001, unit="USD", qualifier="exact"),
        _m(30, 35, value=1, unit="USD", qualifier="exact"),
        _m(20, 24, kind="date", period="2025-Q2"),
    ]
    scores = score_mentions(preds, golds)
    money = scores["money"]
    assert (money.spans.tp, money.spans.fp, money.spans.fn) == (1, 1, 1)
    assert money.fields["value"].value == 1.0
    assert scores["date"].fields["period"].value == 0.0


def test_evaluate_score_mentions_kinds_must_agree() -> None:
    scores = score_mentions([_m(0, 5, kind="percent")], [_m(0, 5, kind="money")])
    assert scores["money"].spans.fn == 1
    assert scores["percent"].spans.fp == 1


def test_evaluate_score_mentions_range_values() -> None:
    gold = _m(0, 5, value=None, value_low=4000, value_high=5000, unit="CNY", qualifier="range")
    good = _m(0, 5, value="", value_low=4000, value_high=5000, unit="CNY", qualifier="range")
    bad = _m(0, 5, value="", value_low=4000, value_high=6000, unit="CNY", qualifier="range")
    assert score_mentions([good], [gold])["money"].fields["value"].value == 1.0
    assert score_mentions([bad], [gold])["money"].fields["value"].value == 0.0


def test_evaluate_entity_sets_per_document() -> None:
    golds = [
        _m(0, 1, kind="org", canonical="Xiaomi"),
        _m(0, 1, kind="org", canonical="Gree", doc="e"),
    ]
    preds = [
        _m(0, 1, kind="org", canonical="Xiaomi"),
        _m(5, 6, kind="org", canonical="Xiaomi"),
        _m(0, 1, kind="person", canonical="Gree", doc="e"),
    ]
    prf = score_entity_sets(preds, golds)
    assert (prf.tp, prf.fp, prf.fn) == (1, 1, 1)


def _fact(**kw: object) -> dict:
    base = {
        "doc_id": "d",
        "subject": "Acme",
        "metric": "revenue",
        "period": "2025-Q3",
        "value": 100.0,
        "segment": "",
        "change_value": 5.0,
        "change_unit": "percent",
        "change_basis": "yoy",
    }
    base.update(kw)
    return base


def test_evaluate_score_facts_value_tolerance_and_change() -> None:
    golds = [_fact(), _fact(metric="net_profit", value=None, change_value=-3.0)]
    preds = [
        _fact(value=100.4, change_basis=""),
        _fact(metric="net_profit", value="", change_value=-3.0),
    ]
    score = score_facts(preds, golds)
    assert (score.facts.tp, score.facts.fp, score.facts.fn) == (2, 0, 0)
    assert score.change.value == 0.5


def test_evaluate_score_facts_wrong_value_is_miss_and_false_alarm() -> None:
    score = score_facts([_fact(value=110.0)], [_fact()])
    assert (score.facts.tp, score.facts.fp, score.facts.fn) == (0, 1, 1)


def test_evaluate_prf_zero_safe() -> None:
    assert PRF().f1 == 0.0
    assert PRF(tp=1, fp=1, fn=0).precision == 0.5
