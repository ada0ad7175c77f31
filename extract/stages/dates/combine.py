"""Keep the longest candidates, join prefixes to their atoms and neighbours into ranges."""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from extract.normalize.dates import (
    DateExpr,
)
from extract.stages.dates.handlers import (
    _Candidate,
)
from extract.stages.dates.vocabulary import (
    _WEEKDAY_ANY,
    _offset,
)

# Atoms that ``the end of``, ``the week of`` ... may wrap, by prefix kind.
_WRAPPABLE = {
    "edge": ("day", "month", "quarter", "half", "year", "report_quarter", "report_year"),
    "ending": ("day", "month"),
    "week_of": ("day",),
    "nth_week": ("month", "year"),
    "range": ("day",),
}
_EDGE_WORDS = re.compile(
    r"(?:the\s+)?(?:(?P<rel>this|last|next|current)\s+)?(?P<w>year|quarter|month)(?![\w])",
    re.IGNORECASE,
)
_RANGE_LINK = re.compile(
    rf"\s*(?:-|\u2013|\u2014|to|until|till|through|thru)\s*(?:{_WEEKDAY_ANY},?\s+)?", re.IGNORECASE
)
_AND_LINK = re.compile(r"\s+and\s+", re.IGNORECASE)
_BETWEEN = re.compile(r"(?:between|from)\s+$", re.IGNORECASE)
_WEEKDAY_LINK = re.compile(r",?\s+(?:the\s+)?$")


def _select(candidates: list[_Candidate]) -> list[_Candidate]:
    """Longest candidates first; drop those overlapping an already kept one."""
    starts: list[int] = []
    ends: list[int] = []
    kept: list[_Candidate] = []
    for cand in sorted(candidates, key=lambda c: (-(c.end - c.start), c.start)):
        i = bisect.bisect_left(starts, cand.start)
        if i > 0 and ends[i - 1] > cand.start:
            continue
        if i < len(starts) and starts[i] < cand.end:
            continue
        starts.insert(i, cand.start)
        ends.insert(i, cand.end)
        kept.append(cand)
    return sorted(kept, key=lambda c: c.start)


def _range_ok(a: DateExpr, b: DateExpr) -> bool:
    days = ("day", "relative_day")
    if a.kind in days and b.kind in days:
        return True
    return a.kind == b.kind and a.kind in ("month", "quarter", "half", "year")


def _combine(text: str, atoms: list[_Candidate], prefixes: list[_Candidate]) -> list[_Candidate]:
    """Join prefixes to the atom they introduce and neighbouring atoms into ranges."""
    by_start = {a.start: a for a in atoms}
    result: list[_Candidate] = []
    consumed: set[int] = set()
    for prefix in sorted(prefixes, key=lambda p: p.start):
        atom = by_start.get(prefix.end)
        kinds = _WRAPPABLE[prefix.expr.kind]
        if atom is not None and atom.expr.kind in kinds and atom.start not in consumed:
            if prefix.expr.kind == "range":
                if atom.expr.month is None or (atom.expr.day or 0) <= (prefix.expr.day or 0):
                    continue
                expr = DateExpr(
                    "range", start=replace(atom.expr, day=prefix.expr.day), end=atom.expr
                )
            else:
                expr = replace(prefix.expr, inner=atom.expr)
            by_start[atom.start] = _Candidate(prefix.start, atom.end, expr)
            consumed.add(atom.start)
            continue
        if prefix.expr.kind == "edge":
            words = _EDGE_WORDS.match(text, prefix.end)
            if words and not any(prefix.start < a.end and a.start < words.end() for a in atoms):
                kind = words["w"].lower()
                rel = (words["rel"] or "this").lower()
                inner = {
                    "year": DateExpr("year", year_offset=_offset(rel)) if words["rel"]
                    else DateExpr("report_year"),
                    "quarter": DateExpr("quarter", quarter_offset=_offset(rel)) if rel not in (
                        "this", "current") else DateExpr("report_quarter"),
                    "month": DateExpr("month", month_offset=_offset(rel)),
                }[kind]  # fmt: skip
                expr = replace(prefix.expr, inner=inner)
                result.append(_Candidate(prefix.start, words.end(), expr))
    merged = sorted(by_start.values(), key=lambda c: c.start)
    # Drop atoms now covered by a wrapped span that starts earlier.
    cleaned: list[_Candidate] = []
    for cand in merged:
        if cleaned and cand.start < cleaned[-1].end:
            if cand.end - cand.start > cleaned[-1].end - cleaned[-1].start:
                cleaned[-1] = cand
            continue
        cleaned.append(cand)
    # Weekday + day (``Friday 7/6``, ``Tue May 9``) and ranges.
    out: list[_Candidate] = []
    i = 0
    while i < len(cleaned):
        cand = cleaned[i]
        nxt = cleaned[i + 1] if i + 1 < len(cleaned) else None
        if nxt is not None:
            gap = text[cand.end : nxt.start]
            if (
                cand.expr.kind == "weekday"
                and cand.expr.week_offset is None
                and nxt.expr.kind == "day"
                and _WEEKDAY_LINK.fullmatch(gap)
            ):
                expr = replace(nxt.expr, weekday=cand.expr.weekday)
                cleaned[i + 1] = _Candidate(cand.start, nxt.end, expr, numeric=nxt.numeric)
                i += 1
                continue
            between = _BETWEEN.search(text, max(0, cand.start - 10), cand.start)
            linked = _RANGE_LINK.fullmatch(gap) or (
                between is not None
                and between.group().lower().startswith("between")
                and _AND_LINK.fullmatch(gap)
            )
            if linked and _range_ok(cand.expr, nxt.expr):
                start = between.start() if between is not None else cand.start
                expr = DateExpr("range", start=cand.expr, end=nxt.expr)
                out.append(_Candidate(start, nxt.end, expr, numeric=cand.numeric and nxt.numeric))
                i += 2
                continue
        out.append(cand)
        i += 1
    out.extend(result)
    return sorted(out, key=lambda c: c.start)
