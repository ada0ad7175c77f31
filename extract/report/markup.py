"""A document's text as escaped HTML: mentions as <mark> elements, evidence as spans.

Mentions become ``<mark id="m-ID" class="k-KIND" data-tip="...">``; a mention inside
another nests, one that crosses another's edge is left unmarked and counted. Every run of
text inside some fact's evidence is a ``<span class="ev" data-ev="e1 e4">`` leaf, so the
evidence of one fact can be marked with the selector ``[data-ev~="e4"]`` however it
overlaps the mentions and the other facts' evidence. The work is one sort of the
boundaries and one walk over them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape


@dataclass(frozen=True, slots=True)
class Span:
    """A mention to mark: its element id, kind, offsets and the tip shown on hover."""

    ident: str
    kind: str
    start: int
    end: int
    tip: str


@dataclass(frozen=True, slots=True)
class Evidence:
    """A fact's evidence range and the token naming it in ``data-ev``."""

    token: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Marked:
    """The HTML of a text and the mentions that could not be marked."""

    html: str
    unplaced: tuple[Span, ...]


def nestable(spans: Sequence[Span], length: int) -> tuple[list[Span], list[Span]]:
    """The spans that can be marked (inside the text, nested or apart) and the rest."""
    kept: list[Span] = []
    rest: list[Span] = []
    stack: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if not 0 <= span.start < span.end <= length:
            rest.append(span)
            continue
        while stack and stack[-1].end <= span.start:
            stack.pop()
        if stack and span.end > stack[-1].end:
            rest.append(span)
            continue
        kept.append(span)
        stack.append(span)
    return kept, rest


def mark_text(text: str, spans: Sequence[Span], evidence: Sequence[Evidence]) -> Marked:
    """``text`` escaped, with ``spans`` marked and ``evidence`` ranges tagged."""
    kept, rest = nestable(spans, len(text))
    # Boundary events at each offset: closing marks first, then opening ones.
    opens: dict[int, list[Span]] = {}
    closes: dict[int, int] = {}
    for span in kept:
        opens.setdefault(span.start, []).append(span)
        closes[span.end] = closes.get(span.end, 0) + 1
    ev_on: dict[int, list[str]] = {}
    ev_off: dict[int, list[str]] = {}
    for ev in evidence:
        start, end = max(0, ev.start), min(len(text), ev.end)
        if start < end:
            ev_on.setdefault(start, []).append(ev.token)
            ev_off.setdefault(end, []).append(ev.token)
    points = sorted({0, len(text), *opens, *closes, *ev_on, *ev_off})
    active: dict[str, None] = {}
    first_seen: set[str] = set()
    out: list[str] = []
    for i, pos in enumerate(points):
        out.append("</mark>" * closes.get(pos, 0))
        for token in ev_off.get(pos, ()):
            active.pop(token, None)
        for token in ev_on.get(pos, ()):
            active[token] = None
        for span in opens.get(pos, ()):
            out.append(
                f'<mark id="{escape(span.ident)}" class="k-{escape(span.kind)}" tabindex="0" '
                f'data-tip="{escape(span.tip)}">'
            )
        if i + 1 == len(points):
            break
        piece = escape(text[pos : points[i + 1]], quote=False)
        if active:
            for token in active:
                if token not in first_seen:
                    first_seen.add(token)
                    out.append(f'<span class="ev-anchor" id="ev-{token}"></span>')
            out.append(f'<span class="ev" data-ev="{" ".join(active)}">{piece}</span>')
        else:
            out.append(piece)
    return Marked("".join(out), tuple(rest))
