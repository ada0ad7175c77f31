"""Overlaps between candidates, and names inside a product's name."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace

from extract.stages.entities.spans import Coverage, SpanIndex, _Cand, _overlaps, _trim


def _cut_around(c: _Cand, products: SpanIndex, text: str) -> _Cand | None:
    """The part of a name outside a product it runs into (``Model Y. Elon Musk``)."""
    start, end = c.start, c.end
    for s, e in sorted(products.overlapping(start, end)):
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
    longer_products = SpanIndex(
        (c.start, c.end) for c in cands if c.kind == "product" and c.source == "rule"
    )
    cands = [
        c
        for c in cands
        if not (
            c.kind == "product"
            and c.source == "ruler"
            and any(
                s <= c.start and c.end <= e and (s, e) != (c.start, c.end)
                for s, e in longer_products.overlapping(c.start, c.end)
            )
        )
    ]
    by_kind: dict[str, list[_Cand]] = defaultdict(list)
    taken: dict[str, Coverage] = {}
    for c in sorted(cands, key=lambda c: c.priority, reverse=True):
        if c.kind not in taken:
            taken[c.kind] = Coverage(len(text))
        if not taken[c.kind].overlaps(c.start, c.end):
            taken[c.kind].add(c.start, c.end)
            by_kind[c.kind].append(c)
    # A place inside an organisation's name is no mention of its own (Bank of China).
    org_spans = SpanIndex((c.start, c.end) for c in by_kind.get("org", []))
    by_kind["place"] = [
        c
        for c in by_kind.get("place", [])
        if not any(
            s <= c.start and c.end <= e and (s, e) != (c.start, c.end)
            for s, e in org_spans.overlapping(c.start, c.end)
        )
    ]
    strong: dict[str, SpanIndex] = {}
    for kind in by_kind:
        strong[kind] = SpanIndex(
            (o.start, o.end)
            for other, kept in by_kind.items()
            if other not in (kind, "product")
            for o in kept
            if o.source in ("ruler", "rule")
        )
    for kind, kept in by_kind.items():
        kept[:] = [
            c
            for c in kept
            if c.source in ("ruler", "rule") or not strong[kind].overlaps(c.start, c.end)
        ]
    products = SpanIndex((p.start, p.end) for p in by_kind.get("product", []))
    out: list[_Cand] = []
    for kind, kept in by_kind.items():
        for c in kept:
            if kind != "product":
                if any(
                    s <= c.start and c.end <= e for s, e in products.overlapping(c.start, c.end)
                ):
                    continue
                c = _cut_around(c, products, text)
                if c is None:
                    continue
            out.append(c)
    out.sort(key=lambda c: (c.start, c.end))
    return out
