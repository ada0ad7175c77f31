"""The product pass: the rules of ``products`` run over each English paragraph."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from extract.document import ParsedDoc
from extract.normalize.entities import canonical_key
from extract.stages.entities.context import _company_context, _DocContext
from extract.stages.entities.known import KnownNames, maker_prefix
from extract.stages.entities.products import (
    _branded_products,
    _line_products,
    _model_products,
    _noun_named_products,
    _quoted_products,
)
from extract.stages.entities.spans import SpanIndex, _Cand, _is_concept_word, _tokens, _words
from extract.stages.entities.vocab import _ORG_WORDS


def product_candidates(
    doc: ParsedDoc, ctx: _DocContext, aliases: list[_Cand], ner: list[_Cand], known: KnownNames
) -> list[_Cand]:
    """Products found by the rules of ``products`` in each English paragraph."""
    text = doc.text
    doc_orgs = {canonical_key(text[c.start : c.end]) for c in aliases + ner if c.kind == "org"}
    brands = known.brand_keys | doc_orgs | {p for k in doc_orgs if (p := maker_prefix(k))}
    # Names of people and places, and spans the model read as a person's or a product's
    # name (the payments app ``Hoshi Pay`` read as a person).
    others = {
        canonical_key(text[c.start : c.end])
        for c in aliases + ner
        if c.kind in ("person", "place") and c.label != "PERSON"
    } | known.place_keys
    named = [(c.start, c.end) for c in ner if c.label in ("PERSON", "PRODUCT")]
    sdoc = doc.spacy_doc
    pos = _pos_reader(sdoc)
    named += [(e.start_char, e.end_char) for e in ctx.ents if e.label_ in ("PERSON", "PRODUCT")]
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
    line_excluded = _line_excluded(text, aliases + ner, firm_orgs, ctx.ents, known)
    firm = frozenset(firm_orgs)
    # A name after a product noun is no product when it is a firm's or a known place's.
    not_after_noun = firm | known.place_keys
    found: list[_Cand] = []
    for paragraph in doc.paragraphs or ():
        if not doc.is_english(paragraph.start):
            continue
        toks = _tokens(text, paragraph.start, paragraph.end)
        found.extend(_model_products(text, paragraph.start, paragraph.end, brands, toks))
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
                firm,
                toks,
            )
        )
        found.extend(_line_products(text, paragraph.start, paragraph.end, line_excluded))
        found.extend(_noun_named_products(text, paragraph.start, paragraph.end, not_after_noun))
    if not doc.paragraphs:
        found.extend(_model_products(text, 0, len(text), brands))
        found.extend(_quoted_products(text, 0, len(text)))
    return [
        c
        for c in found
        if not _is_concept_word(text[c.start : c.end]) and (c.start, c.end) not in ctx.concept_spans
    ]


def _line_excluded(
    text: str, cands: list[_Cand], firm_orgs: set[str], ents: Sequence[Any], known: KnownNames
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
        | {canonical_key(e.text) for e in ents if e.label_ in ("NORP", "EVENT", "LAW", "LANGUAGE")}
    )


def _pos_reader(sdoc: Any) -> Callable[[int], str]:
    """The part-of-speech tag of the token starting at an offset, where the model assigns
    tags (the tagger is off by default: then always empty); looked up per call."""
    if sdoc is None or not sdoc.has_annotation("POS"):
        return _no_tag

    def tag(offset: int) -> str:
        span = sdoc.char_span(offset, offset + 1, alignment_mode="expand")
        return span[0].pos_ if span is not None and span[0].idx == offset else ""

    return tag


def _no_tag(_offset: int) -> str:
    return ""
