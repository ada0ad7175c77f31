"""The entity stage: model spans, alias names and the rules, in order."""

from __future__ import annotations

import re
from typing import Any

from extract.aliases import AliasTable
from extract.document import ParsedDoc
from extract.records import Mention
from extract.stages.entities.canonical import canonicalize
from extract.stages.entities.classify import classify
from extract.stages.entities.context import (
    _currency_after,
    _DocContext,
    _sentence_pieces,
)
from extract.stages.entities.cues import honorific_before, not_an_org, page_label
from extract.stages.entities.datelines import _after_dateline, _datelines, dateline_regions
from extract.stages.entities.known import KnownNames
from extract.stages.entities.orgs import (
    _ampersand_orgs,
    _bracketed_orgs,
    _central_banks,
    _coordinated,
    _country_prefixed,
    _legal_name_orgs,
    _maker_orgs,
)
from extract.stages.entities.product_pass import product_candidates
from extract.stages.entities.propagate import _propagate
from extract.stages.entities.reading import _byline_people, _name_of_span
from extract.stages.entities.resolve import _resolve
from extract.stages.entities.spans import (
    SpanIndex,
    _amount_like,
    _Cand,
    _latin,
    _repeat_pieces,
    _split_span,
    _title_case,
    _without_trailing_codes,
)
from extract.stages.entities.vocab import (
    _FUNCTION_WORDS,
    _KIND_OF_LABEL,
    _NEWS_LABELS,
    _ROLE_WORDS,
    _SPACY_LABEL,
    NOT_ENTITIES,
    RULER_NAME,
)

_GLUED_WORD = re.compile(r"\s*[A-Z][a-z]+\W*")


def configure_nlp(nlp: Any, aliases: AliasTable) -> None:
    """Add an entity ruler fed by the alias table before the model's ``ner``.

    The model's recognizer keeps the ruler's spans and predicts around them, so a known
    company is not read as a person and its neighbours are not swallowed into it. Places
    are left to the model, which reads them well, so that it can still see ``China`` as a
    part of ``China Mobile`` or ``Bank of China``. Calling it again replaces the patterns.
    """
    if RULER_NAME in nlp.pipe_names:
        nlp.remove_pipe(RULER_NAME)
    where = {"before": "ner"} if "ner" in nlp.pipe_names else {}
    ruler = nlp.add_pipe(
        "entity_ruler", name=RULER_NAME, config={"overwrite_ents": True, "validate": False}, **where
    )
    patterns = [
        {"label": _SPACY_LABEL[entry.kind], "pattern": name, "id": entry.canonical}
        for entry in aliases
        for name in dict.fromkeys((entry.surface, entry.canonical))
        if _latin(name) and entry.kind != "place"
    ]
    ruler.add_patterns(patterns)


class EntityStage:
    """Find people, organisations, places and products; give each its canonical name."""

    name = "entities"

    def __init__(self, *, aliases: AliasTable, fuzzy_threshold: int = 90) -> None:
        self.aliases = aliases
        self.fuzzy_threshold = fuzzy_threshold
        self.known = KnownNames(aliases, fuzzy_threshold)

    # -- finding ---------------------------------------------------------------------

    def __call__(self, doc: ParsedDoc) -> list[Mention]:
        text = doc.text
        ctx = _DocContext.build(doc)
        aliases = [
            a
            for a in self.known.candidates(text)
            if ctx.english(doc, a.start)
            or a.end - a.start >= 4
            or not _latin(text[a.start : a.end])
        ]
        dateline = self._dateline_candidates(doc)
        regions = dateline_regions(text, dateline)
        region_index = SpanIndex(regions)
        ner = [
            cut
            for c in self._ner_candidates(doc, ctx)
            if (cut := _after_dateline(text, c, regions, region_index)) is not None
        ]
        ner = classify(doc, ctx, ner, aliases, self.known) + dateline
        products = product_candidates(doc, ctx, aliases, ner, self.known)
        ner_places = SpanIndex((n.start, n.end) for n in ner if n.kind == "place")
        aliases = [
            a
            for a in aliases
            if a.kind != "place"
            or not any(
                s <= a.start and a.end <= e and (s, e) != (a.start, a.end)
                for s, e in ner_places.overlapping(a.start, a.end)
            )
        ]
        found = aliases + ner + products
        found += _coordinated(doc, ctx, found)
        found += _ampersand_orgs(doc, ctx, found)
        found += _maker_orgs(doc, ctx, found)
        found += _byline_people(doc, ctx)
        found += _central_banks(doc, ctx)
        bracketed, links = _bracketed_orgs(doc, ctx, found, self.known)
        found += bracketed
        found += _propagate(doc, ctx, found)
        found = _legal_name_orgs(doc, found)
        found = [c for c in found if not (c.kind == "place" and _currency_after(text, c.end))]
        found = _country_prefixed(text, found, self.known)
        # A heading, law, programme or page label is no organisation, whichever rule found it.
        found = [
            c
            for c in found
            if c.kind != "org"
            or c.source == "ruler"
            or not (not_an_org(text[c.start : c.end]) or page_label(text[c.start : c.end]))
        ]
        return canonicalize(doc, _resolve(found, doc.text), self.known, links)

    def _ner_candidates(self, doc: ParsedDoc, ctx: _DocContext) -> list[_Cand]:
        sdoc = doc.spacy_doc
        if sdoc is None:
            return []
        text = doc.text
        found: list[_Cand] = []
        for ent in ctx.ents:
            label = ent.label_
            if label not in _KIND_OF_LABEL or ent.ent_id_:
                continue  # ruler spans are found again, with offsets, by the alias scan
            pieces = _sentence_pieces(doc, ent.start_char, ent.end_char)
            for n, (piece_start, piece_end) in enumerate(pieces):
                if n > 0 and _GLUED_WORD.fullmatch(text, piece_start, piece_end):
                    continue  # a sentence-initial word the model glued to a name
                for start, end in (
                    repeat
                    for split in _split_span(text, piece_start, piece_end, label)
                    for repeat in _repeat_pieces(text, *split)
                ):
                    if label != "PRODUCT":
                        end = _without_trailing_codes(text, start, end)
                    read = "PERSON" if honorific_before(text, start, end) else label
                    span = _name_of_span(text, start, end, read, ctx.in_title(start))
                    if span is not None and not _amount_like(text[span[0] : span[1]]):
                        found.append(_Cand(_KIND_OF_LABEL[read], *span, "ner", read))
        return found

    def _dateline_candidates(self, doc: ParsedDoc) -> list[_Cand]:
        """A wire dateline: ``NEW YORK, Feb. 6, 2025 (Newswire) --`` opens a paragraph with
        a place in capitals (canonical in normal case) and, in brackets, the wire service."""
        text = doc.text
        found: list[_Cand] = []
        for match in _datelines(text):
            place = match.group("place")
            words = place.casefold().split()
            if (
                len(place.replace(" ", "")) < 3
                or all(
                    w in NOT_ENTITIES | _FUNCTION_WORDS | _ROLE_WORDS | _NEWS_LABELS for w in words
                )
                or not re.match(r"[^\n]{40}", text[match.end() :])
            ):
                continue  # a heading in capitals, not the dateline of a story
            name = _title_case(place)
            canonical = self.known.name("place", name) or name
            date, wire = match.groupdict().get("date"), match.groupdict().get("wire")
            if not (date or wire) and not (
                canonical != name
                or re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text)
                or any(
                    e.start_char <= match.start("place") < e.end_char
                    for e in (doc.spacy_doc.ents if doc.spacy_doc is not None else ())
                    if e.label_ in ("GPE", "LOC", "ORG")
                )
            ):
                continue  # a bare "WORD --" needs the place confirmed somewhere
            found.append(
                _Cand("place", match.start("place"), match.end("place"), "rule", "", canonical)
            )
            if wire:
                found.append(_Cand("org", match.start("wire"), match.end("wire"), "rule"))
        return found
