"""The fiscal-calendar table (extract/data/fiscal_calendars.csv): each row's example, the
country a document's cues point to, and clear errors for a bad file."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.errors import ConfigError
from extract.stages.dates import find_dates
from extract.stages.dates.calendars import (
    _TOKEN,
    CalendarRow,
    load_calendar_table,
    parse_calendar_table,
)

TABLE = load_calendar_table()
HEADER = "name,kind,start_month,label,cues,example,example_span,example_period\n"


@pytest.mark.parametrize("row", TABLE.rows, ids=[row.name for row in TABLE.rows])
def test_calendars_row_example(row: CalendarRow) -> None:
    found = {m.text: m.period for m in find_dates(row.example)}
    assert found.get(row.example_span) == row.example_period


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mumbai-based Vastra posted Rs 410 crore of profit.", "India"),
        ("Tokyo-based Hoshiden posted 9 billion yen of profit.", "Japan"),
        ("Acme, based in Mumbai, sells in Shanghai, Beijing and Shenzhen.", "China"),
        ("Acme opened a store in Mumbai.", None),  # one cue is not enough
        ("Acme sells in India and Japan.", None),  # a tie
        ("Acme makes pumps.", None),
    ],
)
def test_calendars_country_of(text: str, expected: str | None) -> None:
    found = TABLE.country_of(text)
    assert (found.name if found else None) == expected


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("X,planet,4,end,a|b,ex FY24,FY24,2024\n", "t.csv:2: kind must be one of"),
        ("X,country,13,end,a|b,ex FY24,FY24,2024\n", "t.csv:2: start_month must be 1-12"),
        ("X,country,four,end,a|b,ex FY24,FY24,2024\n", "t.csv:2: start_month must be a number"),
        ("X,country,4,middle,a|b,ex FY24,FY24,2024\n", "t.csv:2: label must be 'end' or 'start'"),
        ("X,country,4,end,,ex FY24,FY24,2024\n", "t.csv:2: a country row needs cues"),
        ("X,company,4,end,a,ex FY24,FY24,2024\n", "t.csv:2: a company row takes no cues"),
        ("X,company,4,end,,ex,,\n", "t.csv:2: every row needs an example"),
        ("X,company,4,end,,ex FY24,FY25,2024\n", "t.csv:2: example_span 'FY25' not in"),
        ("X,company,4,end,,ex FY24,FY24\n", "t.csv:2: 7 fields, header has 8"),
        ("X,company,4,end,,ex FY24,FY24,2024\nX,company,5,end,,ex FY24,FY24,2024\n",
         "t.csv:3: 'X' already on line 2"),
        ("X,country,4,end,a,ex FY24,FY24,2024\nY,country,7,end,a,ex FY24,FY24,2024\n",
         "t.csv:3: cue 'a' already belongs to X"),
    ],
)  # fmt: skip
def test_calendars_bad_rows(body: str, message: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(message)):
        parse_calendar_table(HEADER + body, "t.csv")


def test_calendars_bad_header() -> None:
    with pytest.raises(ConfigError, match=re.escape("t.csv:1: header must be")):
        parse_calendar_table("name,kind\n", "t.csv")
    with pytest.raises(ConfigError, match=re.escape("t.csv: empty file")):
        parse_calendar_table("", "t.csv")


_CUE_PIECES = [
    "India", "Indian", "Mumbai-based", "Rs.", "Rs", "₹", "A$", "New Delhi", "New", "Delhi",
    "Tokyo", "yen", "China", "Sydney", "ASX", "5", "x", "_", "-", ".", ",", "'s", " ", "  ",
    "(", "\n",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(_CUE_PIECES), max_size=25).map("".join))
def test_calendars_cue_tokens_are_the_tokens_that_start_with_a_cue(text: str) -> None:
    table = load_calendar_table()
    heads = {*table._single, *table._multi}
    expected = [
        (m.group(), m.end())
        for m in _TOKEN.finditer(text)
        if any(m.group().startswith(head) for head in heads)
    ]
    assert table._cue_tokens(text) == expected
