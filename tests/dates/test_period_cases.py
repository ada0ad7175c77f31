"""The period table (``period_cases.jsonl``): business-news date phrasings with their expected
spans and periods, one parametrized test over every row (Duckling's corpus style).

A row holds ``text``, ``reference_date`` (the pinned reference date, or the
``--reference-date`` of a dateline row), optional ``fiscal_year_start`` (the
``[dates.fiscal_year_start]`` setting), ``expected`` (every date mention of the text as
``[span, period]`` in text order, or ``null`` when only the reference date is checked),
optional ``reference`` (``[date, reference_from]`` chosen by ``detect_reference``) and
``xfail`` (the reason a known gap still fails; run as a strict xfail).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from extract.reference import detect_reference
from extract.stages.dates import find_dates

CASES_PATH = Path(__file__).with_name("period_cases.jsonl")


def load_cases() -> list[dict[str, Any]]:
    with CASES_PATH.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def run_case(case: dict[str, Any]) -> tuple[list[list[str]], list[str | None] | None]:
    """The date mentions ``[span, period]`` of a row's text and, for a row with a
    ``reference``, the ``[date, reference_from]`` chosen for it."""
    reference_date = _day(case["reference_date"])
    chosen: list[str | None] | None = None
    if "reference" in case:
        found = detect_reference(case["text"], metadata_published=None, cli_date=reference_date)
        reference_date = found.reference_date
        chosen = [
            reference_date.isoformat() if reference_date else None,
            found.reference_from,
        ]
    mentions = find_dates(
        case["text"], reference_date, fiscal_year_start=case.get("fiscal_year_start")
    )
    return [[m.text, m.period] for m in mentions], chosen


def _params() -> list[Any]:
    params = []
    for case in load_cases():
        marks = []
        if case.get("xfail"):
            marks.append(pytest.mark.xfail(reason=case["xfail"], strict=True))
        params.append(pytest.param(case, id=case["id"], marks=marks))
    return params


def test_period_cases_table_is_well_formed() -> None:
    cases = load_cases()
    assert len(cases) >= 200
    ids = [case["id"] for case in cases]
    assert len(ids) == len(set(ids))
    for case in cases:
        assert case["expected"] is not None or "reference" in case, case["id"]


@pytest.mark.parametrize("case", _params())
def test_period_cases(case: dict[str, Any]) -> None:
    mentions, chosen = run_case(case)
    if "reference" in case:
        assert chosen == case["reference"]
    if case["expected"] is not None:
        assert mentions == case["expected"]


def score() -> str:
    """Rows passing, span precision/recall/F1 and period accuracy on matched spans."""
    rows = passed = tp = fp = fn = right = 0
    for case in load_cases():
        rows += 1
        mentions, chosen = run_case(case)
        good = "reference" not in case or chosen == case["reference"]
        if case["expected"] is not None:
            expected = {span: period for span, period in case["expected"]}
            found = {span: period for span, period in mentions}
            both = expected.keys() & found.keys()
            tp += len(both)
            fp += len(found.keys() - expected.keys())
            fn += len(expected.keys() - found.keys())
            right += sum(expected[span] == found[span] for span in both)
            good = good and mentions == case["expected"]
        passed += good
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return (
        f"rows {passed}/{rows} ({passed / rows:.3f}); spans P {precision:.3f} R {recall:.3f} "
        f"F1 {f1:.3f}; period accuracy {right / tp if tp else 0.0:.3f} ({right}/{tp})"
    )


if __name__ == "__main__":
    print(score())
