"""One name keeps one reading across the document."""

from __future__ import annotations

import re
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
    _alias_regex,
    _Cand,
    _is_concept_word,
    _is_name_word,
    _latin,
    _overlaps,
)
from extract.stages.entities.vocab import _FUNCTION_WORDS


def _propagate(doc: ParsedDoc, ctx: _DocContext, cands: Sequence[_Cand]) -> list[_Cand]:
    """Other occurrences of a name already read as a person, organisation or place.

    One name keeps one sense within a document: where the model missed ``Douyin`` once
    or read it as something else, the name is still that organisation.
    """
    text = doc.text
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    canonical: dict[str, str] = {}
    for c in cands:
        if c.kind == "product" and c.source == "ner":
            continue
        if c.source == "ner" and (not ctx.english(doc, c.start) or ctx.in_title(c.start)):
            continue
        surface = text[c.start : c.end]
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
        kinds[surface] = Counter({"product": 1})
    if not kinds:
        return []
    pattern = re.compile("|".join(_alias_regex(s) for s in sorted(kinds, key=len, reverse=True)))
    taken = [(c.start, c.end) for c in cands]
    firm = [(c.start, c.end) for c in cands if c.source != "ner" or c.kind == "product"]
    found: list[_Cand] = []
    for match in pattern.finditer(text):
        span = (match.start(), match.end())
        surface = match.group(0)
        is_product = kinds[surface].most_common(1)[0][0] == "product"
        if any(_overlaps(span, t) for t in (firm if is_product else taken)):
            continue
        if not ctx.english(doc, span[0]) and len(surface) < 4 and _latin(surface):
            continue  # "Mi" in a Spanish sentence is no Xiaomi
        kind = kinds[surface].most_common(1)[0][0]
        found.append(_Cand(kind, span[0], span[1], "propagated", "", canonical.get(surface, "")))
    return found
