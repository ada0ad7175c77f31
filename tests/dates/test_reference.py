"""Reference date detection: metadata, header date-time, CLI option, latest date in text."""

from __future__ import annotations

from datetime import date

import pytest

from extract.reference import (
    Dateline,
    Reference,
    detect_reference,
    find_dateline,
    header_datetime,
    latest_full_date,
)

HEADERS = [
    ("中国企业家杂志2025-11-19 15:46\nBody text.", ("2025-11-19T15:46", date(2025, 11, 19))),
    ("Nov. 19, 2025 3:46 PM\nBody text.", ("2025-11-19T15:46", date(2025, 11, 19))),
    ("Headline\n2025-11-19\nBody text.", ("2025-11-19", date(2025, 11, 19))),
    ("Headline\nPublished: 19 November 2025\nBody.", ("2025-11-19", date(2025, 11, 19))),
    ("By Jane Roe | Updated 2024-03-05T08:30\nBody.", ("2024-03-05T08:30", date(2024, 3, 5))),
    ("Title\n\n\nMarch 5, 2024 12:05 AM\nBody.", ("2024-03-05T00:05", date(2024, 3, 5))),
    ("Title\n2024年3月5日 08:30\n正文", ("2024-03-05T08:30", date(2024, 3, 5))),
]

# Wire datelines opening a long first paragraph.
DATELINES = [
    (
        "Title\n\nBOSTON, Jan. 9, 2025 (Wire) -- Acme Corp. said on Thursday that its sales, "
        "which had been falling for months, rose sharply in the final weeks of last year.",
        Dateline(day=date(2025, 1, 9)),
    ),
    (
        "Title\nPARIS, 3 March 2024 - Beta SA reported results well ahead of what most analysts "
        "had expected for a year of weak demand in its main markets.",
        Dateline(day=date(2024, 3, 3)),
    ),
    (
        "Title\n\nSHENZHEN, China, May 4, 2024 /PRNewswire/ -- Acme Holdings reported results "
        "for the quarter, with sales up in every region and a wider margin.",
        Dateline(day=date(2024, 5, 4)),
    ),
    ("Title\n\nLONDON, May 4 (Reuters) - Acme said sales rose.", Dateline(month_day=(5, 4))),
    ("Title\n\nMay 4 (Reuters) - Acme said sales rose.", Dateline(month_day=(5, 4))),
    ("Title\n\nNEW YORK (AP) -- Acme said sales rose.", Dateline()),
    ("Title\n\nAcme said on May 4, 2024 that sales rose.", None),
    ("Title\n\nNEW YORK, Feb. 30, 2024 (Wire) -- Acme said sales rose.", None),
]

NO_HEADER = [
    # A first sentence that mentions a date is not a dateline.
    "Title\nOn August 19, 2025, the company released its second - quarter financial report.",
    "Title\nNo date here at all.",
    # A long first sentence naming a date is no dateline, even after a capitalised name.
    "Title\nAcme Corp. said on March 5, 2024 that sales, which had been falling for months, "
    "rose sharply in the final weeks of the year and beat what analysts expected.",
    # Beyond the first lines.
    "\n".join(["line"] * 9 + ["2025-11-19 15:46"]),
    # Not a valid day.
    "Title\n2025-02-30 10:00",
]


@pytest.mark.parametrize(("text", "expected"), HEADERS, ids=[t[:20] for t, _ in HEADERS])
def test_reference_header_datetime(text: str, expected: tuple[str, date]) -> None:
    assert header_datetime(text) == expected


@pytest.mark.parametrize(("text", "expected"), DATELINES, ids=[t[7:27] for t, _ in DATELINES])
def test_reference_find_dateline(text: str, expected: Dateline | None) -> None:
    assert find_dateline(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NEW YORK (Reuters) - Sales in the quarter ended Sept. 30, 2024 rose.", None),
        ("NEW YORK (Reuters) - Sales as of June 30, 2024 rose, it said on Oct. 2, 2024.",
         date(2024, 10, 2)),
        ("Sales in the quarter ended Sept. 30, 2024 rose.", date(2024, 9, 30)),
    ],
)  # fmt: skip
def test_reference_latest_full_date_skips_period_ends_under_a_dateline(
    text: str, expected: date | None
) -> None:
    found = detect_reference(text, metadata_published=None, cli_date=None)
    assert found.reference_date == expected


@pytest.mark.parametrize("text", NO_HEADER, ids=[t[:20] for t in NO_HEADER])
def test_reference_header_datetime_none(text: str) -> None:
    assert header_datetime(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On August 19, 2025 it reported. As of June 30, 2025 it had users.", date(2025, 8, 19)),
        ("It grew in 2024 and in June; on 16 Nov 2023 it listed.", date(2023, 11, 16)),
        ("It grew in 2024, this year and last quarter.", None),
        ("Filed 2025-01-02; amended 2025-03-04.", date(2025, 3, 4)),
    ],
)
def test_reference_latest_full_date(text: str, expected: date | None) -> None:
    assert latest_full_date(text) == expected


@pytest.mark.parametrize(
    ("text", "metadata", "cli", "expected"),
    [
        ("Site 2025-11-19 15:46\nOn May 1, 2025 it grew.", "2025-11-20", date(2024, 1, 1),
         Reference(date(2025, 11, 20), "metadata", "2025-11-20")),
        ("Site 2025-11-19 15:46\nOn May 1, 2025 it grew.", "2025-11-20T09:15:00",
         None, Reference(date(2025, 11, 20), "metadata", "2025-11-20T09:15:00")),
        ("Site 2025-11-19 15:46\nOn May 1, 2025 it grew.", None, date(2024, 1, 1),
         Reference(date(2025, 11, 19), "header", "2025-11-19T15:46")),
        ("Site 2025-11-19 15:46\nOn May 1, 2025 it grew.", "not a date", None,
         Reference(date(2025, 11, 19), "header", "2025-11-19T15:46")),
        ("Title\nOn May 1, 2025 the firm, which is large, grew a lot in the year.", None,
         date(2024, 1, 1), Reference(date(2024, 1, 1), "cli", "")),
        ("Title\nOn May 1, 2025 the firm, which is large, grew a lot in the year.", None, None,
         Reference(date(2025, 5, 1), "latest_in_text", "")),
        ("Title\nThe firm grew this year.", None, None, Reference(None, "none", "")),
    ],
)  # fmt: skip
def test_reference_detect_order(
    text: str, metadata: str | None, cli: date | None, expected: Reference
) -> None:
    assert detect_reference(text, metadata_published=metadata, cli_date=cli) == expected
