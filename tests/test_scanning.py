"""The fast-scan helpers find exactly what the plain patterns find."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.normalize.numbers import WORD_NUMBER_RE, find_word_numbers
from extract.normalize.scanning import (
    fold,
    guarded,
    scouted,
    start_guard,
    word_alternation,
    word_start_alternation,
)

_EXOTIC = "\u0130\u0131\u017f\u212a"


def _texts(pieces: list[str], max_size: int = 12) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(pieces), max_size=max_size).map("".join)


def test_scanning_fold_keeps_length_and_character_classes() -> None:
    word, digit, space = re.compile(r"\w"), re.compile(r"\d"), re.compile(r"\s")
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        folded = fold(char)
        assert len(folded) == 1, hex(code)
        for cls in (word, digit, space):
            assert bool(cls.match(char)) == bool(cls.match(folded)), hex(code)
        assert char.isalpha() == folded.isalpha(), hex(code)


@pytest.mark.parametrize("char", list(_EXOTIC), ids=[hex(ord(c)) for c in _EXOTIC])
def test_scanning_fold_writes_case_insensitive_matches_of_ascii_letters(char: str) -> None:
    # Case-insensitive matching equates these with ASCII letters; folding must too.
    letter = next(c for c in "abcdefghijklmnopqrstuvwxyz" if re.fullmatch(f"(?i){c}", char))
    assert fold(char) == letter


@pytest.mark.parametrize(
    "words",
    [
        ["ten", "two", "twelve", "one"],
        ["sep", "sept", "september", "may", "mar", "march"],
        ["India", "Indian", "A$", "Rs.", "₹", "New"],
    ],
    ids=["numbers", "months", "cues"],
)
@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_scanning_word_alternation_matches_the_longest_word(
    words: list[str], data: st.DataObject
) -> None:
    text = data.draw(_texts([*words, " ", "x", "e", "r", "n", ".", "$"]))
    flat = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
    trie = re.compile(word_alternation(words))
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in flat.finditer(text)]


_CUES = ["will", "won't", "'ll", r"plans?\s+to", r"is\s+expected", "would", r"vs\.?", "from"]


@settings(max_examples=300, deadline=None)
@given(text=_texts(["will", "Will", "we'll", "'ll", "plan to", "plans  to", "is expected",
                    "would", "vs.", "vs", "from", "x", " ", "_", "1", "'"]))  # fmt: skip
def test_scanning_word_start_alternation_equals_the_boundary_pattern(text: str) -> None:
    plain = re.compile(r"\b(?:" + "|".join(_CUES) + r")\b")
    fast = re.compile(word_start_alternation(_CUES) + r"\b")
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


@pytest.mark.parametrize(
    ("pattern", "flags", "guard"),
    [
        (r"(?<!\w)(?:the\s+)?(?P<d>\d+)\s+May", 0, r"(?=[t\d])"),
        (r"\bQ[1-4]|FY", re.IGNORECASE, "(?=[QF])"),
        (r"x?", 0, ""),  # may match the empty string
        (r".y", 0, ""),  # may start with any character
        (r"[^a]b", 0, ""),  # a negated class
        (r"(?i:a)b", 0, ""),  # a group with its own flags
    ],
    ids=["lookbehind-optional", "ignorecase", "nullable", "any", "negated", "local-flags"],
)
def test_scanning_start_guard(pattern: str, flags: int, guard: str) -> None:
    assert start_guard(pattern, flags) == guard


_GUARDED = [
    (r"(?i)(?<![A-Za-z])(?:about|more\s+than|up\s+to|~)\s*\Z", 0),
    (r"(?:the\s+)?(?P<mon>jan|feb|mar)\s*(?P<d>\d{1,2})?", re.IGNORECASE | re.VERBOSE),
    (r"\b(?:[Qq](?P<q>[1-4])|FY\s*(?P<fy>\d\d))(?![\w])", 0),
]


@pytest.mark.parametrize(("pattern", "flags"), _GUARDED, ids=["qualifier", "month", "label"])
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_scanning_guarded_pattern_finds_the_same_matches(
    pattern: str, flags: int, data: st.DataObject
) -> None:
    pieces = ["about", "More than", "up to", "~", "Jan", "feb", "MAR", "the", "Q3", "fy 24",
              "FY24", "5", "12", " ", "\n", "x", "\u017f", "\u212a"]  # fmt: skip
    text = data.draw(_texts(pieces))
    lo = data.draw(st.integers(0, len(text)))
    hi = data.draw(st.integers(lo, len(text)))
    plain, fast = re.compile(pattern, flags), guarded(pattern, flags)
    assert fast.pattern != plain.pattern
    found = [(m.span(), m.groups()) for m in plain.finditer(text, lo, hi)]
    assert [(m.span(), m.groups()) for m in fast.finditer(text, lo, hi)] == found


def test_scanning_scouted_tries_the_given_starts_only() -> None:
    pattern = re.compile(r"ab+")
    # 1 lies inside the first match; 8, where "ab" also starts, is not given.
    assert [m.span() for m in scouted(pattern, "abb ab xab", [0, 1, 4, 7])] == [(0, 3), (4, 6)]


@settings(max_examples=300, deadline=None)
@given(text=_texts(["a", "A", " ", "  ", "\n", "hundred", "Thousand", "one", "twenty", "-",
                    "and", "five", "\u017feven", "a\u00a0million", "x", "1", ",", "seventeen",
                    "ninety", "_", "\u0130"]))  # fmt: skip
def test_scanning_word_numbers_equal_the_plain_scan(text: str) -> None:
    expected = [(m.span(), m.group()) for m in WORD_NUMBER_RE.finditer(text)]
    assert [(m.span(), m.group()) for m in find_word_numbers(text)] == expected
