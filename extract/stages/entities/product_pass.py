"""The product pass: the rules of ``products`` run over each English paragraph."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from extract.document import ParsedDoc
from extract.normalize.entities import canonical_key
from extract.stages.entities.context import _company_context, _DocContext
from extract.stages.entities.known import KnownNames
from extract.stages.entities.products import (
    _branded_products,
    _line_products,
    _model_products,
    _quoted_products,
)
from extract.stages.entities.spans import SpanIndex, _Cand, _is_concept_word, _words
from extract.stages.entities.vocab import _DESCRIPTIVE_WORDS, _ORG_WORDS


def product_candidates(
    doc: ParsedDoc, ctx: _DocContext, aliases: list[_Cand], ner: list[_Cand], known: KnownNames
) -> list[_Cand]:
    """Products found by the rules of ``products`` in each English paragraph."""
    text = doc.text
    brands = set(known.org_keys) | {
        canonical_key(text[c.start : c.end]) for c in aliases + ner if c.kind == "org"
    }
    brands |= known.product_keys
    # The leading word(s) of a maker's name before descriptive words (``Orbis`` of
    # ``Orbis Motors``) name the maker too.
    for key in list(brands):
        words = key.split()
        for n in range(1, len(words)):
            if all(w in _DESCRIPTIVE_WORDS for w in words[n:]):
                brands.add(" ".join(words[:n]))
                break
    # Names of people and places, and spans the model read as a person's or a product's
    # name (the payments app ``Hoshi Pay`` read as a person).
    others = {
        canonical_key(text[c.start : c.end])
        for c in aliases + ner
        if c.kind in ("person", "place") and c.label != "PERSON"
    } | known.place_keys
    named = [(c.start, c.end) for c in ner if c.label in ("PERSON", "PRODUCT")]
    sdoc = doc.spacy_doc
    # Part-of-speech tags only where the model assigns them (the tagger is off by default).
    pos = {t.idx: t.pos_ for t in sdoc} if sdoc is not None and sdoc.has_annotation("POS") else {}
    if sdoc is not None:
        named += [
            (e.start_char, e.end_char) for e in sdoc.ents if e.label_ in ("PERSON", "PRODUCT")
        ]
    org_at: dict[str, list[tuple[int, int]]] = defaultdict(list)
    firm_orgs: set[str] = set(known.org_keys)
    for c in aliases + ner:
        if c.kind == "org":
            key = canonical_key(text[c.start : c.end])
            org_at[key].append((c.start, c.end))
            words = _words(text[c.start : c.end])
            if (
                c.source != "ner"
                or any(w.casefold() in _ORG_WORDS for w in words)
                or _company_context(text, c.start, c.end)
            ):
                firm_orgs.add(key)
    named_index = SpanIndex(named)
    line_excluded = _line_excluded(text, aliases + ner, firm_orgs, sdoc, known)
    found: list[_Cand] = []
    for paragraph in doc.paragraphs or ():
        if not doc.is_english(paragraph.start):
            continue
        found.extend(_model_products(text, paragraph.start, paragraph.end, brands))
        found.extend(_quoted_products(text, paragraph.start, paragraph.end))
        found.extend(
            _branded_products(
                text,
                paragraph.start,
                paragraph.end,
                brands,
                others,
                named_index,
                org_at,
                pos,
                frozenset(firm_orgs),
            )
        )
        found.extend(_line_products(text, paragraph.start, paragraph.end, line_excluded))
    if not doc.paragraphs:
        found.extend(_model_products(text, 0, len(text), brands))
        found.extend(_quoted_products(text, 0, len(text)))
    return [
        c
        for c in found
        if not _is_concept_word(text[c.start : c.end]) and (c.start, c.end) not in ctx.concept_spans
    ]


def _line_excluded(
    text: str, cands: list[_Cand], firm_orgs: set[str], sdoc: Any, known: KnownNames
) -> set[str]:
    """Keys of names that are no product line: organisations known as such or named
    twice, people, places named twice or in the alias table, and what the model reads
    as a nationality, event or law (``the European product range``)."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for c in cands:
        counts[c.kind][canonical_key(text[c.start : c.end])] += 1
    return (
        firm_orgs
        | {key for key, n in counts["org"].items() if n >= 2}
        | set(counts["person"])
        | {key for key, n in counts["place"].items() if n >= 2}
        | known.product_keys
        | known.place_keys
        | {
            canonical_key(e.text)
            for e in (sdoc.ents if sdoc is not None else ())
            if e.label_ in ("NORP", "EVENT", "LAW", "LANGUAGE")
        }
    )
