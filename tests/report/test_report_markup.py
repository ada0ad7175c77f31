"""Highlighting: mentions nest or are left out, evidence tags every run, text is escaped."""

from __future__ import annotations

import re
import time
from html import unescape

import pytest

from extract.report.markup import Evidence, Span, mark_text, nestable

_TAG = re.compile(r"<[^>]+>")


def _plain(html: str) -> str:
    return unescape(_TAG.sub("", html))


def _span(ident: str, start: int, end: int, kind: str = "money") -> Span:
    return Span(ident, kind, start, end, f"tip {ident}")


@pytest.mark.parametrize(
    ("spans", "kept", "rest"),
    [
        ([(0, 5), (6, 9)], ["a", "b"], []),
        ([(0, 9), (2, 4)], ["a", "b"], []),
        ([(0, 5), (3, 8)], ["a"], ["b"]),
        ([(0, 5), (4, 40)], ["a"], ["b"]),
        ([(5, 5), (-1, 3)], [], ["a", "b"]),
    ],
    ids=["apart", "nested", "crossing", "past-the-end", "empty-and-negative"],
)
def test_report_markup_nestable(spans, kept, rest) -> None:
    named = [_span(chr(ord("a") + i), s, e) for i, (s, e) in enumerate(spans)]
    got_kept, got_rest = nestable(named, 20)
    assert [s.ident for s in got_kept] == kept
    assert sorted(s.ident for s in got_rest) == rest


@pytest.mark.parametrize(
    "text",
    [
        'Revenue <script>alert(1)</script> rose 5% to $3 "><img src=x onerror=alert(2)>',
        "Tom & Jerry's <b>bold</b> grew 5% 'quotes' \"double\"",
    ],
    ids=["script-and-img", "ampersand-and-quotes"],
)
def test_report_markup_escapes_text_and_keeps_it(text: str) -> None:
    start = text.index("5%")
    marked = mark_text(text, [_span("m-1", start, start + 2, "percent")], [Evidence("e1", 0, 9)])
    assert "<script" not in marked.html
    assert "<img" not in marked.html
    assert "<b>" not in marked.html
    assert _plain(marked.html) == text


def test_report_markup_marks_mentions_with_kind_id_and_tip() -> None:
    text = "Sales rose 12% to $4 billion."
    spans = [_span("m-2", 11, 14, "percent"), Span("m-3", "money", 18, 28, 'money: "4" <USD>')]
    html = mark_text(text, spans, []).html
    assert '<mark id="m-2" class="k-percent" tabindex="0" data-tip="tip m-2">12%</mark>' in html
    assert 'data-tip="money: &quot;4&quot; &lt;USD&gt;">$4 billion</mark>' in html


def test_report_markup_nested_marks_close_in_order() -> None:
    text = "Acme Widgets Inc. grew."
    html = mark_text(text, [_span("m-o", 0, 17, "org"), _span("m-p", 0, 12, "product")], []).html
    assert html.startswith('<mark id="m-o"')
    assert html.index('id="m-p"') > html.index('id="m-o"')
    assert "Acme Widgets</mark> Inc.</mark> grew." in html


def test_report_markup_evidence_runs_carry_every_covering_token() -> None:
    text = "One. Two. Three."
    evidence = [Evidence("e1", 0, 9), Evidence("e2", 5, 16)]
    marked = mark_text(text, [_span("m-1", 5, 8)], evidence)
    runs = re.findall(r'<span class="ev" data-ev="([^"]+)">', marked.html)
    assert runs == ["e1", "e1 e2", "e1 e2", "e2"]
    assert marked.html.count('class="ev-anchor"') == 2
    assert '<span class="ev-anchor" id="ev-e1"></span>' in marked.html
    assert _plain(marked.html) == text


def test_report_markup_reports_unplaced_mentions() -> None:
    marked = mark_text("short", [_span("m-1", 0, 3), _span("m-2", 2, 50)], [])
    assert [s.ident for s in marked.unplaced] == ["m-2"]


@pytest.mark.parametrize("unit", ["5% ", "Q1 ", "$1.2 billion ", "January ", "Acme "])
def test_report_markup_is_linear_on_100kb(unit: str) -> None:
    text = unit * (100_000 // len(unit))
    spans = [_span(f"m-{i}", i * len(unit), i * len(unit) + len(unit) - 1) for i in range(5000)]
    evidence = [Evidence(f"e{i}", i * 200, i * 200 + 400) for i in range(400)]
    started = time.perf_counter()
    marked = mark_text(text, spans, evidence)
    assert time.perf_counter() - started < 2.0
    assert _plain(marked.html) == text
