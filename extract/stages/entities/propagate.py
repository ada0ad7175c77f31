"""One name keeps one reading across the document."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from extract.document import ParsedDoc
from extract.normalize.entities import (
    clean_name,
    strip_corporate_suffix,
)
from extract.stages.entities.context import _DocContext
from extract.stages.entities.products import _product_names
from extract.stages.entities.spans import (
    SpanIndex,
    _Cand,
    _is_concept_word,
    _is_name_word,
    _latin,
    find_names,
)
from extract.stages.entities.vocab import _FUNCTION_WORDS


def _propagate(doc: ParsedDoc, ctx: _DocContext, cands: Sequence[_Cand]) -> list[_Cand]:
    """Other occurrences of a name already read as a person, organisation or place.

    One name keeps one sense within a document: where the model missed ``Douyin`` once
    or read it as something else, the name is still that organisation. A name is found
    again however the text breaks it over spaces or lines (``Goldman`` at the end of a
    line, ``Sachs`` on the next).
    """
    text = doc.text
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    canonical: dict[str, str] = {}
    for c in cands:
        if c.kind == "product" and c.source == "ner":
            continue
        if c.source == "ner" and (not ctx.english(doc, c.start) or ctx.in_title(c.start)):
            continue
        surface = _spaced(text[c.start : c.end])
        if len(surface) < 2 or not _is_name_word(surface) or _is_concept_word(surface):
            continue
        kinds[surface][c.kind] += 1
        if c.canonical:
            canonical.setdefault(surface, c.canonical)
        if c.kind == "org":
            short = strip_corporate_suffix(clean_name(surface))
            if short != surface and len(short) >= 3 and _is_name_word(short):
                kinds[short]["org"] += 1
                if c.canonical:
                    canonical.setdefault(short, c.canonical)
        words = surface.split()
        if c.kind == "person" and len(words) >= 2:
            last = words[-1]
            if len(last) >= 4 and last.casefold() not in _FUNCTION_WORDS and last[0].isupper():
                kinds[last]["person"] += 1
    # A named product keeps its reading everywhere, also without its maker's name
    # ("Brightwater Helix", then "Helix"), over what the model said there.
    for surface in _product_names(text, cands):
        kinds[_spaced(surface)] = Counter({"product": 1})
    taken = SpanIndex((c.start, c.end) for c in cands)
    firm = SpanIndex((c.start, c.end) for c in cands if c.source != "ner" or c.kind == "product")
    found: list[_Cand] = []
    for name, start, end in find_names(text, kinds, bad_after="$"):
        kind = kinds[name].most_common(1)[0][0]
        if (firm if kind == "product" else taken).overlaps(start, end):
            continue
        if not ctx.english(doc, start) and len(name) < 4 and _latin(name):
            continue  # "Mi" in a Spanish sentence is no Xiaomi
        found.append(_Cand(kind, start, end, "propagated", "", canonical.get(name, "")))
    return found


def _spaced(surface: str) -> str:
    """A name with its spaces and line breaks as single spaces."""
    return " ".join(surface.split())
