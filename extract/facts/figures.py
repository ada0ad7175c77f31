"""Figures the mention stages leave to the linker, read before the candidates.

Results releases write a figure and its prior-year value as one expression, the prior value
in brackets before the shared scale and currency: ``29.994 (29.402) billion euros``. The
number stage reads neither number as money; this pass adds both as money mentions (the
bracketed one is then read as the prior-year level, see ``sentence``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from extract.normalize.money import normalize_money
from extract.records import Mention

__all__ = ["bracketed_pairs"]

# "29.994 (29.402) billion euros", "1,234 (1,101) million USD"
_PAIR = re.compile(
    r"(?<![\w.,])(?P<now>\d{1,3}(?:[.,]\d{3})*(?:[.,]\d+)?)\s*\(\s*"
    r"(?P<before>\d{1,3}(?:[.,]\d{3})*(?:[.,]\d+)?)\s*\)\s*"
    r"(?P<unit>[^\W\d_][\w$€£¥]*(?:\s+[^\W\d_][\w$€£¥]*)?)"
)


def bracketed_pairs(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """Money mentions for ``NOW (BEFORE) scale currency`` pairs not covered by a mention."""
    taken = sorted((m.start, m.end) for m in mentions if m.kind in ("money", "percent"))
    starts = [s for s, _ in taken]
    found: list[Mention] = []
    for match in _PAIR.finditer(text):
        i = bisect.bisect_right(starts, match.end()) - 1
        if i >= 0 and taken[i][1] > match.start():
            continue  # a stage read part of it already
        unit = match.group("unit")
        for group in ("now", "before"):
            money = normalize_money(f"{match.group(group)} {unit}")
            if money is None or money.value is None:
                break
            start, end = match.span(group)
            found.append(
                Mention(
                    kind="money",
                    start=start,
                    end=end,
                    text=text[start:end],
                    value=money.value,
                    value_low=money.value_low,
                    value_high=money.value_high,
                    unit=money.currency,
                    qualifier="exact",
                    source_stage="facts",
                )
            )
    return found
