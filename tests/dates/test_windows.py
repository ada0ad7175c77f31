"""Trigger windows: the one scan for trigger words and the digit clusters give the windows
that a scan per kind gives."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from extract.stages.dates.windows import (
    _DEFAULT_WINDOW,
    _ON_YEAR,
    _TRIGGER_WORDS,
    _WINDOW,
    _YEAR_ON_YEAR,
    _merge,
    _windows,
)

# One pattern per kind, as a scan per kind would use them.
_PER_KIND = {
    kind: re.compile("(?:" + "|".join(map(re.escape, words)) + r")(?![a-z])")
    for kind, words in _TRIGGER_WORDS.items()
}
_PER_KIND["ending"] = re.compile(r"(?:ended|ending|through|(?:year|quarter)\s+to)(?![a-z])")
_PIECES = [
    "May", "march", "Sept", "September", "quarter", "quarters", "Quarter to", "year", "years",
    "year to", "year-on-year", "on year", "half", "same", "ago", "months", "month", "week",
    "weekend", "w/c", "Monday", "thurs", "today", "twenty", "end", "ended", "weekend",
    "spend", "through", "close", " ", "  ", "\n", "-", "x", "é", "1", "2024", "12,5", "a" * 40,
]  # fmt: skip


def _reference(text: str) -> dict[str, list[tuple[int, int]]]:
    lower = text.lower()
    found = {}
    for kind, pattern in _PER_KIND.items():
        spans = []
        for m in pattern.finditer(lower):
            start = m.start()
            if start and lower[start - 1].isalpha():
                continue
            if kind == "year" and (
                _YEAR_ON_YEAR.match(lower, m.end())
                or _ON_YEAR.search(lower, max(0, start - 8), start)
            ):
                continue
            spans.append(m.span())
        found[kind] = _merge(spans, *_WINDOW.get(kind, _DEFAULT_WINDOW), len(text))
    before, after = _WINDOW["digit"]
    digits = [m.span() for m in re.finditer(r"\d+", lower)]
    found["digit"] = _merge(digits, before, after, len(text))
    return found


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
def test_windows_one_scan_equals_a_scan_per_kind(text: str) -> None:
    windows = _windows(text)
    for kind, spans in _reference(text).items():
        assert windows[kind] == spans, kind
