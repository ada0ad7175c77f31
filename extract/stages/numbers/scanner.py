"""State of one pass over one document and the helpers every rule uses: the currency
before or after a number, range connectors, qualifiers and signs."""

from __future__ import annotations

import bisect
import re
from decimal import Decimal

from extract.document import ParsedDoc
from extract.normalize.money import PREFIX_CURRENCY_RE, SUFFIX_CURRENCY_RE
from extract.normalize.percent import PERCENT_UNIT_RE
from extract.stages.numbers.scan import _Num, find_numbers_in
from extract.stages.numbers.vocabulary import (
    _BETWEEN_RE,
    _CHANGE_FROM_RE,
    _PLUS_MINUS_RE,
    _QUALIFIER_ENDS,
    _QUALIFIER_RE,
    _RANGE_JOIN_RE,
    _SIGN_BEFORE_RE,
    _TRAILING_QUALIFIER_RE,
)


class _ScannerBase:
    """State of one pass over one document."""

    def __init__(
        self, doc: ParsedDoc, *, dollar: str, yen: str, pence: bool = False, cents: str = ""
    ) -> None:
        self.doc = doc
        self.text = doc.text
        self.dollar = dollar
        self.yen = yen
        self.pence = pence  # a glued "p" is pence (the text speaks of pounds)
        self.cents = cents  # currency of a glued "c" ("" where the text names none)
        paragraphs = sorted(doc.paragraphs, key=lambda p: p.start)
        self._para_starts = [p.start for p in paragraphs]
        self._para_ends = [p.end for p in paragraphs]
        self._para_english = [p.language in ("en", "") for p in paragraphs]
        self._last_end = 0  # end of the last mention yielded: mentions never overlap
        self._last_money_end = -10
        self._units: list[tuple[int, Decimal, str]] = []  # (start, value, unit) of quantities
        self.nums = find_numbers_in(self.text, self.is_english)

    # -- setup ---------------------------------------------------------------------------

    def is_english(self, offset: int) -> bool:
        i = bisect.bisect_right(self._para_starts, offset) - 1
        if i < 0 or offset >= self._para_ends[i]:
            return True
        return self._para_english[i]

    # -- helpers -------------------------------------------------------------------------

    def sentence_start(self, offset: int) -> int:
        return self.doc.sentence_at(offset)[0] if self.doc.sentences else 0

    def prefix(self, num: _Num) -> re.Match[str] | None:
        """The currency written right before ``num`` (not one that ended a mention)."""
        lo = max(0, num.start - 14, self._last_end)
        return PREFIX_CURRENCY_RE.search(self.text, lo, num.start)

    def suffix(self, num: _Num) -> re.Match[str] | None:
        m = SUFFIX_CURRENCY_RE.match(self.text, num.end)
        if m is None:
            return None
        cur = m.group("cur").lower()
        if cur.startswith(("pound", "british pound")) and (
            _PLUS_MINUS_RE.search(self.text, max(0, num.start - 3), num.start)
            or re.match(r"\s+of\b", self.text[m.end() : m.end() + 4])
        ):
            return None
        return m

    def percent_unit(self, num: _Num) -> re.Match[str] | None:
        return PERCENT_UNIT_RE.match(self.text, num.end)

    def _join(self, end: int, nxt: _Num | None, *, loose: bool = False) -> re.Match[str] | None:
        """The range connector between ``end`` and the number ``nxt``, if nothing else is.

        ``loose`` lets a currency sit between the connector and the number (``$5 to $10``).
        """
        if nxt is None:
            return None
        m = _RANGE_JOIN_RE.match(self.text, end)
        if m is None or m.end() > nxt.start:
            return None
        if not loose and m.end() != nxt.start and self.text[m.end() : nxt.start] not in "-\u2212+":
            return None
        return m

    def _range_ok(self, join: re.Match[str], start: int, both_marked: bool) -> bool:
        word = join.group("join").lower()
        before = self.text[max(0, start - 60) : start]
        if word == "and":
            return bool(_BETWEEN_RE.search(before))
        if word == "or":
            return False
        return not (word == "to" and both_marked and _CHANGE_FROM_RE.search(before))

    def qualifier(self, start: int, end: int) -> str:
        lo = max(self.sentence_start(start), start - 40)
        before = self.text[lo:start]
        m = (
            _QUALIFIER_RE.search(self.text, lo, start)
            if not before.isascii() or before.rstrip().lower().endswith(_QUALIFIER_ENDS)
            else None
        )
        if m is not None:
            for kind, name in (
                ("upper", "upper_bound"),
                ("lower", "lower_bound"),
                ("approx", "approx"),
                ("exact", "exact"),
            ):
                if m.group(kind):
                    return name
        t = _TRAILING_QUALIFIER_RE.match(self.text, end)
        if t is not None:
            if t.group("approx"):
                return "approx"
            return "lower_bound" if t.group("lower") else "upper_bound"
        return "exact"

    def _signed(self, num: _Num) -> Decimal:
        """Value of ``num`` with an attached sign before it (``-5``, ``minus five``)."""
        if self._sign_before(num.start) is not None:
            return -num.value
        return num.value

    def _signed_start(self, start: int) -> int:
        m = self._sign_before(start)
        return m.start() if m else start

    def _sign_before(self, start: int) -> re.Match[str] | None:
        """``-``, ``+`` or ``minus`` right before ``start``: the search runs only where the
        character before is a sign or a space, as every match ends with one."""
        before = self.text[start - 1 : start]
        if not (before.isspace() or before in ("-", "\u2212", "+")):
            return None
        return _SIGN_BEFORE_RE.search(self.text, max(0, start - 10), start)
