"""Trigger windows: the stretches of text each rule of the grammar runs in.

Every pattern of ``rules`` needs a digit or one of a few words (its trigger); it only runs
in windows of text around them, which keeps matching linear in the text. Triggers are found
in the lower-cased text, and a trigger word must start a word.

Trigger words (month names, ``quarter``, ``year``, ...) are found by one scan for all of
them; the other triggers (digits, years, ``Q3``, fiscal labels, Chinese periods) by a pattern
each, which runs only where the text holds the words it needs. Runs of digits closer than a
window's reach form one window, found by one match.
"""

from __future__ import annotations

import re

from extract.normalize.scanning import word_alternation

_MONTH_WORDS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
)  # fmt: skip
_WEEKDAY_WORDS = (
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue",
    "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
)  # fmt: skip
_CJK = "今明去前后後上下季"

# Trigger words (lower case) of each kind: a word at the start of a word and followed by no
# letter. One scan of the text finds them all: at a position at most one of them can be
# followed by no letter, and it may trigger several kinds (``quarters``).
_TRIGGER_WORDS: dict[str, tuple[str, ...]] = {
    "month": _MONTH_WORDS,
    "quarter": ("quarter", "quarters"),
    "half": ("half",),
    "year": ("year", "years"),
    "same": ("same", "ago", "earlier"),
    "months": ("months", "quarters"),
    "monthword": ("month",),
    "week": ("week", "weeks", "weekend", "w/c"),
    "weekday": _WEEKDAY_WORDS,
    "day": ("today", "yesterday", "tomorrow"),
    "spelled": ("thousand", "nineteen", "twenty"),
    "edge": ("end", "close", "beginning", "start"),
    # and ``year to``, ``quarter to`` (see ``_word_spans``)
    "ending": ("ended", "ending", "through"),
}
_KINDS_OF_WORD: dict[str, list[str]] = {}
for _kind, _words in _TRIGGER_WORDS.items():
    for _word in _words:
        _KINDS_OF_WORD.setdefault(_word, []).append(_kind)
_WORD_RE = re.compile(word_alternation(_KINDS_OF_WORD) + r"(?![a-z])")
_TO_RE = re.compile(r"\s+to(?![a-z])")

# Other kinds: kind -> (pattern in the lower-cased text, words one of which it needs).
_TRIGGERS: dict[str, tuple[re.Pattern[str], tuple[str, ...]]] = {
    "digit": (re.compile(r"\d+"), ()),
    "year4": (re.compile(r"(?:1[89]|20)\d\d"), ()),
    # "q1", "h2", "1q", "2h".
    "qh": (re.compile(r"[qh1-4](?:(?<=[qh])[1-4]|(?<=[1-4])[qh])"), ()),
    "fiscal": (re.compile(r"(?:fy|fiscal|financial)"), ("fy", "fiscal", "financial")),
    "calendar": (re.compile(r"calendar|cy\s*['\u2019]?\d"), ("calendar", "cy")),
    # 今年, 明年, ... 上半年, 下半年, 季度.
    "cjk": (
        re.compile(r"[今明去前后後上下季](?:(?<=[今明去前后後])年|(?<=[上下])半年|(?<=季)度)"),
        tuple(_CJK),
    ),
}
_ON_YEAR = re.compile(r"on\s*-\s*$|on\s+$")
_YEAR_ON_YEAR = re.compile(r"\s*-\s*on\s*-|\s+on\s+year|\s*-\s*(?:end|over|to|ago|earlier)")
# Characters matched before and after a trigger.
_WINDOW = {"digit": (24, 48), "year4": (16, 24), "qh": (16, 24), "month": (40, 48)}
_DEFAULT_WINDOW = (48, 48)
# Runs of digits whose windows touch (no more than before + after characters apart).
_DIGIT_CLUSTER = re.compile(rf"\d+(?:\D{{0,{sum(_WINDOW['digit'])}}}\d+)*")


def _merge(
    spans: list[tuple[int, int]], before: int, after: int, size: int
) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        start, end = max(0, start - before), min(size, end + after)
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _word_spans(lower: str) -> dict[str, list[tuple[int, int]]]:
    """Spans of the trigger words of ``lower`` (the lower-cased text), per kind."""
    spans: dict[str, list[tuple[int, int]]] = {kind: [] for kind in _TRIGGER_WORDS}
    for m in _WORD_RE.finditer(lower):
        start = m.start()
        if start and lower[start - 1].isalpha():
            continue
        word = m.group()
        for kind in _KINDS_OF_WORD[word]:
            if kind == "year" and (
                _YEAR_ON_YEAR.match(lower, m.end())
                or _ON_YEAR.search(lower, max(0, start - 8), start)
            ):
                continue
            spans[kind].append(m.span())
        if word in ("year", "quarter"):
            to = _TO_RE.match(lower, m.end())
            if to is not None:
                spans["ending"].append((start, to.end()))
    return spans


def _trigger_spans(kind: str, lower: str) -> list[tuple[int, int]]:
    pattern, needs = _TRIGGERS[kind]
    if needs and not any(word in lower for word in needs):
        return []
    spans = []
    for m in pattern.finditer(lower):
        start = m.start()
        if kind in ("fiscal", "calendar") and start and lower[start - 1].isalpha():
            continue
        if kind == "year4" and start and lower[start - 1].isdigit():
            continue
        spans.append(m.span())
    return spans


def _windows(text: str) -> dict[str, list[tuple[int, int]]]:
    """Stretches of ``text`` worth matching, per trigger kind."""
    size = len(text)
    lower = text.lower()
    if len(lower) != size:  # a few characters change length when lower-cased
        lower = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    spans = _word_spans(lower)
    for kind in _TRIGGERS:
        if kind != "digit":
            spans[kind] = _trigger_spans(kind, lower)
    windows = {
        kind: _merge(found, *_WINDOW.get(kind, _DEFAULT_WINDOW), size)
        for kind, found in spans.items()
    }
    before, after = _WINDOW["digit"]
    windows["digit"] = [
        (max(0, m.start() - before), min(size, m.end() + after))
        for m in _DIGIT_CLUSTER.finditer(lower)
    ]
    return windows
