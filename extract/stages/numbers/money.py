"""Money: a number with a currency before or after it, glued pence and cents, and ranges
that share one currency."""

from __future__ import annotations

import re
from decimal import Decimal

from extract.stages.numbers.quantity import _QuantityRules
from extract.stages.numbers.scan import _Found, _Num
from extract.stages.numbers.vocabulary import (
    _AMOUNT_BEFORE_RE,
    _CENTS_TAIL_RE,
    _DOLLARISH_RE,
    _GLUE_CODES,
    _GLUED_SUBUNIT_RE,
    _PLUS_MINUS_RE,
    _RESOLUTIONS,
    _SIGN_BEFORE_RE,
)


class _MoneyRules(_QuantityRules):
    """Money rules of the scanner."""

    def _money(self, num: _Num, nxt: _Num | None) -> _Found | None:
        if _PLUS_MINUS_RE.search(self.text, max(0, num.start - 3), num.start):
            return None
        pre = self.prefix(num)
        if num.glued and (
            pre is None
            or pre.end("cur") != num.start
            or (pre.group("cur")[-1].isalpha() and pre.group("cur").upper() not in _GLUE_CODES)
        ):
            return None
        suf = self.suffix(num)
        if pre is None and suf is None:
            glued = self._glued_subunit(num)
            if glued is not None:
                return glued
            return self._money_shared_range(num, nxt)
        start = pre.start("cur") if pre else num.start
        end = suf.end() if suf else num.end
        range_ = False
        join = self._join(end, nxt, loose=True)
        if join is not None and nxt is not None:
            nxt_pre = self.prefix(nxt)
            nxt_start = nxt_pre.start("cur") if nxt_pre else nxt.start
            if nxt_start == join.end():
                nxt_suf = self.suffix(nxt)
                marked = nxt_pre is not None or nxt_suf is not None
                ok = self._range_ok(join, start, both_marked=marked)
                if not marked and (suf is not None or self._noun_phrase(nxt.end) is not None):
                    ok = False  # "$5 to 10 vendors": the second number counts something else
                if ok and self._ascending(num, nxt, inherit=not marked):
                    end = nxt_suf.end() if nxt_suf else nxt.end
                    range_ = True
        if not range_ and suf is not None and _DOLLARISH_RE.search(suf.group("cur")):
            cents = _CENTS_TAIL_RE.match(self.text, end)
            if cents is not None:
                end = cents.end()
        if (
            start > 0
            and self.text[start - 1] == "("
            and self.text[end : end + 1] == ")"
            and not (pre is not None and pre.group("sign"))
            and not _SIGN_BEFORE_RE.search(self.text, max(0, start - 10), start)
            and not _AMOUNT_BEFORE_RE.search(self.text, max(0, start - 30), start - 1)
            and self._last_money_end < start - 4
        ):
            # "($99.99)" is a negative amount; "5 billion yuan ($700 million)" a conversion.
            return _Found("money", start - 1, end + 1, range_=range_)
        return _Found("money", self._signed_start(start), end, range_=range_)

    def _glued_subunit(self, num: _Num) -> _Found | None:
        """``312p`` (pence, in a text about pounds) or ``75c`` (cents of the text's currency)."""
        if num.words or num.scaled or num.masked or num.glued or num.grouped:
            return None
        m = _GLUED_SUBUNIT_RE.match(self.text, num.end)
        if m is None:
            return None
        if m.group("unit") == "p":
            if not self.pence or num.value in _RESOLUTIONS:
                return None
            return _Found("money", self._signed_start(num.start), m.end())
        if not self.cents:
            return None
        return _Found("money", self._signed_start(num.start), m.end(), unit_hint=self.cents)

    def _money_shared_range(self, num: _Num, nxt: _Num | None) -> _Found | None:
        """``4000 - 5000 yuan``: a bare number, a connector, then an amount with its currency."""
        join = self._join(num.end, nxt)
        if join is None or nxt is None or num.masked or nxt.masked:
            return None
        if self.prefix(nxt) is not None:
            return None
        suf = self.suffix(nxt)
        if suf is None or not self._range_ok(join, num.start, both_marked=False):
            return None
        if not self._ascending(num, nxt, inherit=True):
            return None
        return _Found("money", num.start, suf.end(), range_=True)

    @staticmethod
    def _ascending(low: _Num, high: _Num, *, inherit: bool) -> bool:
        value = low.value
        if inherit and not low.scaled and high.scaled and not low.words and high.digits:
            value = value * (high.value / Decimal(re.sub(r"[,\s]", "", high.digits)))
        return value < high.value
