"""Helpers that keep whole-text scans fast without changing what they find.

- ``fold``: the text lower-cased, for cheap presence tests before a case-insensitive search
  and for case-sensitive scans that stand for case-insensitive ones;
- ``word_alternation``: a regex alternation of words grouped by their first letters, which
  the regex engine rejects at a position after one or two comparisons;
- ``word_start_alternation``: ``\\b(?:...)`` written so that the regex engine scans for the
  first characters of its branches instead of trying every position;
- ``scouted``: the matches of a pattern tried only at the positions where a match can start;
- ``start_guard``: a look-ahead for the characters a pattern's matches can start with, which
  spares the pattern's branches at every other position; ``guarded`` compiles a pattern led
  by it.

A case-insensitive pattern that needs a word (``(?i:sterling)``) can only match a text whose
folded form contains that word in lower case, so ``"sterling" in fold(text)`` tells, at the
cost of one substring search, whether the pattern's search is worth running. Besides
``str.lower``, four characters that Python's case-insensitive matching equates with ASCII
letters are folded to them (U+0130 and U+0131, dotted capital and dotless small i; U+017F,
long s; U+212A, the Kelvin sign).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from re import _constants as _c
from re import _parser as _p

__all__ = [
    "fold",
    "guarded",
    "scouted",
    "start_guard",
    "word_alternation",
    "word_start_alternation",
]

_EXOTIC = "\u0130\u0131\u017f\u212a"
_EXOTIC_TABLE = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def fold(text: str) -> str:
    """``text`` lower-cased, with the characters that match ASCII letters case-insensitively
    written as those letters. Every character folds to one character of the same class (word,
    letter, digit, space), so offsets and word boundaries are those of ``text``.

    >>> fold("FI\\u017fCAL")
    'fiscal'
    """
    if any(c in text for c in _EXOTIC):
        text = text.translate(_EXOTIC_TABLE)
    return text.lower()


def word_alternation(words: Iterable[str]) -> str:
    """A non-capturing regex group matching any of ``words``, written as a tree of shared
    prefixes: ``(?:t(?:en|wo))``. At a position it matches the longest of the words found
    there, as the flat alternation does with the longest words first.

    >>> word_alternation(["ten", "two", "one"])
    '(?:one|t(?:en|wo))'
    """
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: dict[str, dict]) -> str:
        branches = [re.escape(c) + render(child) for c, child in sorted(node.items()) if c]
        if not branches:
            return ""
        optional = "" in node
        if len(branches) == 1 and not optional:
            return branches[0]
        body = "(?:" + "|".join(branches) + ")"
        return body + "?" if optional else body

    if not tree:
        return "(?!)"
    body = render(tree)
    return body if len(tree) > 1 else "(?:" + body + ")"


def word_start_alternation(branches: Iterable[str]) -> str:
    """A regex matching what ``\\b(?:BRANCH|...)`` matches, for branches that each begin with
    a literal character: the branches are grouped by that character (keeping their order)
    and the boundary becomes a look-behind after it, so that the pattern begins with plain
    characters, which the regex engine finds by a fast scan.

    >>> word_start_alternation(["will", "would", "'ll"])
    "(?:w(?<!\\\\ww)(?:ill|ould)|'(?<=\\\\w')(?:ll))"
    """
    groups: dict[str, list[str]] = {}
    for branch in branches:
        groups.setdefault(branch[0], []).append(branch[1:])
    parts = []
    for char, rests in groups.items():
        literal = re.escape(char)
        # \b before a word character: no word character before it; before another, one.
        guard = rf"(?<!\w{literal})" if re.match(r"\w", char) else rf"(?<=\w{literal})"
        parts.append(literal + guard + "(?:" + "|".join(rests) + ")")
    return "(?:" + "|".join(parts) + ")"


def scouted(pattern: re.Pattern[str], text: str, starts: Iterable[int]) -> Iterator[re.Match[str]]:
    """The matches ``pattern.finditer(text)`` gives, provided that every match of ``pattern``
    (none of them empty) starts at one of ``starts`` (increasing): the pattern is tried at
    those positions alone."""
    end = 0
    for start in starts:
        if start < end:
            continue
        m = pattern.match(text, start)
        if m is not None:
            end = m.end()
            yield m


_CATEGORIES = {
    _c.CATEGORY_DIGIT: r"\d",
    _c.CATEGORY_NOT_DIGIT: r"\D",
    _c.CATEGORY_SPACE: r"\s",
    _c.CATEGORY_NOT_SPACE: r"\S",
    _c.CATEGORY_WORD: r"\w",
    _c.CATEGORY_NOT_WORD: r"\W",
}


class _Anything(Exception):
    """A match may start with any character (or with one this analysis does not follow)."""


def _first(items: list, parts: list[str]) -> bool:
    """Add to ``parts`` the character-class items a match of the sequence ``items`` can start
    with; return whether the sequence can match the empty string."""
    for op, av in items:
        if op is _c.LITERAL:
            parts.append(re.escape(chr(av)))
            return False
        if op is _c.IN:
            for item, value in av:
                if item is _c.LITERAL:
                    parts.append(re.escape(chr(value)))
                elif item is _c.RANGE:
                    parts.append(re.escape(chr(value[0])) + "-" + re.escape(chr(value[1])))
                elif item is _c.CATEGORY and value in _CATEGORIES:
                    parts.append(_CATEGORIES[value])
                else:  # a negated class, or one this analysis does not follow
                    raise _Anything
            return False
        if op is _c.BRANCH:
            nullable = False
            for branch in av[1]:
                nullable = _first(branch.data, parts) or nullable
            if not nullable:
                return False
        elif op is _c.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            if add_flags or del_flags:  # the look-ahead would not share the group's flags
                raise _Anything
            if not _first(sub.data, parts):
                return False
        elif op is _c.ATOMIC_GROUP:
            if not _first(av.data, parts):
                return False
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            low, _high, sub = av
            if not _first(sub.data, parts) and low > 0:
                return False
        elif op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue  # zero width: the next item supplies the first character
        else:  # any character, a back-reference, a conditional group
            raise _Anything
    return True


def start_guard(pattern: str, flags: int = 0) -> str:
    """A look-ahead ``(?=[...])`` for the characters a match of ``pattern`` (compiled with
    ``flags``) can start with, or ``""`` when it may start with any character or match the
    empty string. Put in front of the pattern, it changes no match and lets most positions
    fail on one test.

    >>> start_guard(r"(?<!\\w)(?:the\\s+)?(?P<d>\\d+)\\s+May")
    '(?=[t\\\\d])'
    """
    parts: list[str] = []
    try:
        nullable = _first(list(_p.parse(pattern, flags)), parts)
    except _Anything:
        return ""
    if nullable or not parts:
        return ""
    return "(?=[" + "".join(dict.fromkeys(parts)) + "])"


_GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")


def guarded(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)`` led by its ``start_guard``: the same matches and
    groups, found faster where most positions cannot start a match."""
    head = _GLOBAL_FLAGS.match(pattern)
    lead = head.group() if head else ""
    body = pattern[len(lead) :]
    verbose = re.compile(pattern, flags).flags & re.VERBOSE
    guard = start_guard(pattern, flags)
    if not guard:
        return re.compile(pattern, flags)
    return re.compile(lead + guard + "(?:" + body + ("\n)" if verbose else ")"), flags)
