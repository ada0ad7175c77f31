"""Overlaps between candidates, and names inside a product's name."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace

from extract.stages.entities.spans import _Cand, _overlaps, _trim


def _cut_around(c: _Cand, products: Sequence[tuple[int, int]], text: str) -> _Cand | None:
    """The part of a name outside a product it runs into (``Model Y. Elon Musk``)."""
    start, end = c.start, c.end
    for s, e in products:
        if _overlaps((start, end), (s, e)):
            if s <= start:
                start = e
            elif e >= end:
                end = s
    if (start, end) == (c.start, c.end):
        return c
    start, end = _trim(text, start, end)
    if end - start < 2 or not text[start].isupper():
        return None
    return replace(c, start=start, end=end)


def _resolve(cands: Iterable[_Cand], text: str) -> list[_Cand]:
    """Same kind never overlaps (alias > rule > model, then longer); names inside a product
    name are no mentions of their own."""
    cands = list(cands)
    longer_products = [
        (c.start, c.end) for c in cands if c.kind == "product" and c.source == "rule"
    ]
    cands = [
        c
        for c in cands
        if not (
            c.kind == "product"
            and c.source == "ruler"
            and any(
                s <= c.start and c.end <= e and (s, e) != (c.start, c.end)
                for s, e in longer_products
            )
        )
    ]
    by_kind: dict[str, list[_Cand]] = defaultdict(list)
    for c in sorted(cands, key=lambda c: c.priority, reverse=True):
        kept = by_kind[c.kind]
        if not any(_overlaps((c.start, c.end), (k.start, k.end)) for k in kept):
            kept.append(c)
    # A place inside an organisation's name is no mention of its own (Bank of China).
    org_spans = [(c.start, c.end) for c in by_kind.get("org", [])]
    by_kind["place"] = [
        c
        for c in by_kind.get("place", [])
        if not any(s <= c.start and c.end <= e and (s, e) != (c.start, c.end) for s, e in org_spans)
    ]
    strong = [c for kept in by_kind.values() for c in kept if c.source in ("ruler", "rule")]
    for kind, kept in by_kind.items():
        kept[:] = [
            c
            for c in kept
            if c.source in ("ruler", "rule")
            or not any(
                o.kind not in (kind, "product") and _overlaps((c.start, c.end), (o.start, o.end))
                for o in strong
            )
        ]
    products = [(p.start, p.end) for p in by_kind.get("product", [])]
    out: list[_Cand] = []
    for kind, kept in by_kind.items():
        for c in kept:
            if kind != "product":
                if any(s <= c.start and c.end <= e for s, e in products):
                    continue
                c = _cut_around(c, products, text)
                if c is None:
                    continue
            out.append(c)
    out.sort(key=lambda c: (c.start, c.end))
    return out
