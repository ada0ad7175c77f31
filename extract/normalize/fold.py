"""Lower-cased text for cheap presence tests before a case-insensitive search.

A case-insensitive pattern that needs a word (``(?i:sterling)``) can only match a text whose
folded form contains that word in lower case, so ``"sterling" in fold(text)`` tells, at the
cost of one substring search, whether the pattern's search is worth running. Besides
``str.lower``, four characters that Python's case-insensitive matching equates with ASCII
letters are folded to them (U+0130 and U+0131, dotted capital and dotless small i; U+017F,
long s; U+212A, the Kelvin sign).
"""

from __future__ import annotations

__all__ = ["fold"]

_EXOTIC = "\u0130\u0131\u017f\u212a"
_EXOTIC_TABLE = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def fold(text: str) -> str:
    """``text`` lower-cased, with the characters that match ASCII letters case-insensitively
    written as those letters. Offsets may differ from ``text``'s: use it for presence tests.

    >>> fold("FI\\u017fCAL")
    'fiscal'
    """
    if any(c in text for c in _EXOTIC):
        text = text.translate(_EXOTIC_TABLE)
    return text.lower()
