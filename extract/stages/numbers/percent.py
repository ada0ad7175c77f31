"""Percentages: a number with a percent unit after it, and ranges that share one unit."""

from __future__ import annotations

from extract.stages.numbers.money import _MoneyRules
from extract.stages.numbers.scan import _Found, _Num
from extract.stages.numbers.vocabulary import (
    _is_point_unit,
)


class _PercentRules(_MoneyRules):
    """Percent rules of the scanner."""

    def _percent(self, num: _Num, nxt: _Num | None) -> _Found | None:
        if num.glued:
            return None
        unit = self.percent_unit(num)
        if unit is None:
            # "50 to 80%": the unit after the second number serves both.
            join = self._join(num.end, nxt)
            if join is None or nxt is None or num.masked or nxt.masked:
                return None
            nxt_unit = self.percent_unit(nxt)
            if nxt_unit is None or self._signed(num) >= self._signed(nxt):
                return None
            if not self._range_ok(join, num.start, both_marked=False):
                return None
            return _Found("percent", self._signed_start(num.start), nxt_unit.end(), range_=True)
        start = self._signed_start(num.start)
        end = unit.end()
        join = self._join(end, nxt)
        if join is not None and nxt is not None:
            nxt_unit = self.percent_unit(nxt)
            if (
                nxt_unit is not None
                and _is_point_unit(unit.group()) == _is_point_unit(nxt_unit.group())
                and self._signed(num) < self._signed(nxt)
                and self._range_ok(join, start, both_marked=True)
            ):
                return _Found("percent", start, nxt_unit.end(), range_=True)
        return _Found("percent", start, end)
