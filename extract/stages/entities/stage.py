"""The entity stage: model spans, alias names and the rules, in order."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from rapidfuzz import fuzz, process

from extract.aliases import AliasEntry, AliasTable
from extract.document import ParsedDoc
from extract.normalize.entities import (
    canonical_key,
    clean_name,
    strip_corporate_suffix,
)
from extract.records import ENTITY_KINDS, Mention
from extract.stages.entities.context import (
    _DEPARTMENT,
    _DIVISION_AFTER,
    _GOVERNMENT_DEPARTMENT,
    _NAMED_SERVICE,
    _SPEECH,
    _company_context,
    _currency_after,
    _DocContext,
    _foreign_org_trim,
    _place_context,
    _region_of,
    _sentence_pieces,
    _sentence_start,
    _unmistakable_name,
)
from extract.stages.entities.cues import (
    honorific_before,
    titled_names,
)
from extract.stages.entities.datelines import _after_dateline, _datelines, dateline_regions
from extract.stages.entities.naming import (
    _acronym_names,
    _full_person,
    _linked_names,
    _merge_spellings,
    _people_by_word,
    _same_shape,
    _short_org_names,
)
from extract.stages.entities.orgs import (
    _ampersand_orgs,
    _bracketed_orgs,
    _coordinated,
    _legal_name_orgs,
    _legal_names,
    _maker_orgs,
)
from extract.stages.entities.products import (
    _branded_products,
    _line_products,
    _model_products,
    _model_series,
    _quoted_products,
)
from extract.stages.entities.propagate import _propagate
from extract.stages.entities.reading import (
    _byline_people,
    _confirmed_elsewhere,
    _in_capitals,
    _name_of_span,
)
from extract.stages.entities.resolve import _resolve
from extract.stages.entities.spans import (
    _WORD,
    Coverage,
    SpanIndex,
    _alias_case_ok,
    _alias_regex,
    _amount_like,
    _Cand,
    _common_phrase,
    _followed_by_category_noun,
    _following_org_word,
    _is_concept_word,
    _latin,
    _legal_form,
    _name_tokens,
    _repeat_pieces,
    _split_span,
    _title_case,
    _without_trailing_codes,
    _words,
)
from extract.stages.entities.vocab import (
    _ADJECTIVE_END,
    _CATEGORY_NOUNS,
    _DESCRIPTIVE_WORDS,
    _FUNCTION_WORDS,
    _FUZZY_KINDS,
    _FUZZY_MIN_LEN,
    _KIND_OF_LABEL,
    _NEWS_LABELS,
    _ORG_WORDS,
    _PARTICLES,
    _ROLE_WORDS,
    _SPACY_LABEL,
    NOT_ENTITIES,
    RULER_NAME,
)


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
        by_first: dict[str, list[tuple[str, re.Pattern[str]]]] = defaultdict(list)
        cjk: list[str] = []
        for surface in sorted(aliases.surfaces(), key=len, reverse=True):
            first = _WORD.search(surface)
            if not _latin(surface) or first is None or first.start() > 0:
                cjk.append(surface)
            else:
                pattern = re.compile(_alias_regex(surface), re.IGNORECASE)
                by_first[first.group(0).casefold()].append((surface, pattern))
        self._by_first_word = dict(by_first)
        self._cjk_surfaces = tuple(cjk)
        self._alias_keys = {kind: aliases.keys(kind) for kind in ENTITY_KINDS}
        self._alias_org_keys = frozenset(self._alias_keys["org"])

    # -- finding ---------------------------------------------------------------------

    def __call__(self, doc: ParsedDoc) -> list[Mention]:
        text = doc.text
        ctx = _DocContext.build(doc)
        aliases = [
            a
            for a in self._alias_candidates(text)
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
        ner = self._classify(doc, ctx, ner, aliases) + dateline
        products = self._product_candidates(doc, ctx, aliases, ner)
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
        bracketed, links = _bracketed_orgs(doc, ctx, found)
        found += bracketed
        found += _propagate(doc, ctx, found)
        found = _legal_name_orgs(doc, found)
        found = [c for c in found if not (c.kind == "place" and _currency_after(text, c.end))]
        return self._canonicalize(doc, _resolve(found, doc.text), links)

    def _alias_candidates(self, text: str) -> list[_Cand]:
        """Alias surface forms in the raw text, longest first, never overlapping."""
        hits: list[tuple[int, int, str]] = []
        for surface in self._cjk_surfaces:
            at = text.find(surface)
            while at != -1:
                hits.append((at, at + len(surface), surface))
                at = text.find(surface, at + len(surface))
        position = 0
        for word in _WORD.finditer(text):
            if word.start() < position:
                continue
            for surface, pattern in self._by_first_word.get(word.group(0).casefold(), ()):
                match = pattern.match(text, word.start())
                if match is not None and _alias_case_ok(surface, match.group(0)):
                    hits.append((match.start(), match.end(), surface))
                    position = match.end()
                    break
        found: list[_Cand] = []
        taken = Coverage(len(text))
        for start, end, surface in sorted(hits, key=lambda h: (h[0] - h[1], h[0])):
            if taken.overlaps(start, end):
                continue
            taken.add(start, end)
            entry = self.aliases.lookup(surface)
            if entry is None:
                continue
            canonical = entry.canonical
            if entry.kind == "org":
                tail_end = _following_org_word(text, end) or end
                if not all(_legal_form(w) for w in _name_tokens(text[end:tail_end])):
                    canonical = ""  # "Samsung Electronics": the name the text gives
                end = tail_end
            found.append(_Cand(entry.kind, start, end, "ruler", "", canonical))
        found.sort(key=lambda c: c.start)
        return found

    def _ner_candidates(self, doc: ParsedDoc, ctx: _DocContext) -> list[_Cand]:
        sdoc = doc.spacy_doc
        if sdoc is None:
            return []
        text = doc.text
        found: list[_Cand] = []
        for ent in sdoc.ents:
            label = ent.label_
            if label not in _KIND_OF_LABEL or ent.ent_id_:
                continue  # ruler spans are found again, with offsets, by the alias scan
            pieces = _sentence_pieces(doc, ent.start_char, ent.end_char)
            for n, (piece_start, piece_end) in enumerate(pieces):
                if n > 0 and re.fullmatch(r"\s*[A-Z][a-z]+\W*", text[piece_start:piece_end]):
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
            canonical = self._alias_name("place", name) or name
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

    # -- rules -----------------------------------------------------------------------

    def _classify(
        self, doc: ParsedDoc, ctx: _DocContext, cands: list[_Cand], aliases: list[_Cand]
    ) -> list[_Cand]:
        text = doc.text
        out: list[_Cand] = []
        # Labels the model gives each name across the document (majority vote).
        votes: dict[str, Counter[str]] = defaultdict(Counter)
        for c in cands:
            votes[canonical_key(text[c.start : c.end])][c.kind] += 1
        org_keys = set(self._alias_org_keys) | {
            canonical_key(text[a.start : a.end]) for a in aliases if a.kind == "org"
        }
        org_keys |= {canonical_key(text[c.start : c.end]) for c in cands if c.label == "ORG"}
        place_spans = [(c.start, c.end) for c in cands + aliases if c.kind == "place"]
        alias_spans = SpanIndex((a.start, a.end) for a in aliases)
        alias_kinds = {(a.start, a.end): a.kind for a in aliases}
        titled = set(titled_names(text))  # "President Verhoek": a person named alone
        person_words = set()
        name_ends = set()  # surnames, first or last (``Lin`` of ``Lin Chih-yuan``)
        for c in cands:
            surface = text[c.start : c.end]
            words = _words(surface)
            if (
                c.kind == "person"
                and len(words) >= 2
                and canonical_key(surface) not in org_keys
                and all(re.sub(r"[-'\u2019]", "", w).isalpha() and w[0].isupper() for w in words)
                and words[-1].casefold() not in _ORG_WORDS
            ):
                person_words.update(words)
                name_ends.update((words[0], words[-1]))

        shouting: dict[tuple[int, int], bool] = {}
        shouted: list[_Cand] = []
        for c in cands:
            surface = text[c.start : c.end]
            if not surface or surface == surface.lower() or _is_concept_word(surface):
                continue
            if (c.start, c.end) in ctx.concept_spans or canonical_key(surface) in ctx.concept_keys:
                continue
            entry = self._alias_entry(c.kind, surface)
            if entry is not None:
                out.append(replace(c, kind=entry.kind, canonical=entry.canonical))
                continue
            if surface.isupper() and _in_capitals(doc, c.start, shouting):
                shouted.append(c)  # decided below by the same name outside capitals
                continue
            kind = c.kind
            end = c.end
            if kind == "org" and re.search(r"\s(?:of|for|and)$", surface):
                tail = re.match(
                    r"\s+(?:the\s+)?[A-Z][\w&-]*(?:\s+[A-Z][\w&-]*){0,2}", text[end : end + 60]
                )
                if tail is None:
                    continue
                end += tail.end()
                surface = text[c.start : end]
            words = _words(surface)
            follow = _following_org_word(text, end)
            key = canonical_key(surface)
            if (
                kind in ("person", "org")
                and len(words) == 1
                and words[0].casefold() in _CATEGORY_NOUNS
                and _sentence_start(doc, c.start)
            ):
                continue  # "Tablet sales were flat": a common noun opening a sentence
            if (
                kind in ("person", "org")
                and len(words) == 1
                and _ADJECTIVE_END.search(words[0])
                and _sentence_start(doc, c.start)
                and _followed_by_category_noun(text, end)
                and not re.search(rf"[a-z,]\s+{re.escape(words[0])}\b", text)
            ):
                continue  # "Digital orders rose": an adjective opening a sentence
            if (
                kind in ("person", "org")
                and follow is None
                and _NAMED_SERVICE.search(text[max(0, c.start - 40) : c.start])
            ):
                kind = "product"  # "its loyalty program, Voar Mais,": a named service
            elif (
                kind in ("person", "org")
                and follow is None
                and len(words) == 1
                and words[0] in name_ends
                and key not in self._alias_org_keys
                and not _company_context(text, c.start, end)
                and (
                    votes[key]["person"] >= votes[key]["org"]
                    or _SPEECH.search(text[max(0, c.start - 12) : c.start])
                    or _SPEECH.match(text, end)
                )
            ):
                kind = "person"  # "Lindqvist said": the person named in full before
            elif (
                kind in ("person", "org")
                and follow is None
                and len(words) <= (2 if kind == "org" else 1)
                and not any(w.casefold() in _ORG_WORDS for w in words)
                and key not in self._alias_org_keys
                and votes[key]["org"] + votes[key]["person"] <= 1
                and _place_context(text, c.start, end, place_spans)
            ):
                kind = "place"
            elif kind in ("person", "org") and follow is not None:
                kind, end = "org", follow
            elif kind == "person":
                if any(any(ch.isdigit() for ch in w) for w in words):
                    continue  # a model name; the product rules read it
                key = canonical_key(surface)
                if (
                    (words and words[-1].casefold() in _ORG_WORDS)
                    or (key in org_keys and votes[key]["person"] <= votes[key]["org"] + 1)
                    or (len(words) == 1 and words[0] not in person_words | titled)
                    or _company_context(text, c.start, end)
                ):
                    kind = "org"
                elif not all(w[0].isupper() for w in words if w.casefold() not in _PARTICLES):
                    continue
            elif kind == "org":
                key = canonical_key(surface)
                if (
                    _DEPARTMENT.search(surface) and not _GOVERNMENT_DEPARTMENT.match(surface)
                ) or _DIVISION_AFTER.match(text, end):
                    continue  # a unit of a company is no organisation of its own
                if (
                    len(words) >= 2
                    and votes[key]["person"] > votes[key]["org"]
                    and words[-1].casefold() not in _ORG_WORDS
                ) or (
                    len(words) == 1
                    and words[0] in titled
                    and key not in self._alias_org_keys
                    and not _company_context(text, c.start, end)
                ):
                    kind = "person"
            if kind == "norp":
                out.append(c)  # decided below, once the document's organisations are known
                continue
            if kind in ("org", "product") and _common_phrase(words, ctx.lower):
                continue
            if kind == "place" and any(ch.isdigit() for ch in surface):
                continue
            if any(
                not (
                    kind in ("org", "place")
                    and alias_kinds[(a_start, a_end)] == "place"
                    and c.start <= a_start
                    and a_end <= end
                    and (a_start, a_end) != (c.start, end)
                    and (kind == "org" or _region_of(text[c.start : a_start], text[a_end:end]))
                )
                for a_start, a_end in alias_spans.overlapping(c.start, end)
            ):
                continue  # the alias reading of these characters wins
            out.append(replace(c, kind=kind, end=end))

        # A name in a stretch of capitals (a shouted heading) is one only as the document
        # names it in normal case.
        kind_of = {w.casefold(): "person" for w in name_ends}
        kind_of |= {canonical_key(text[c.start : c.end]): c.kind for c in out}
        out += [
            replace(c, kind=kind_of[key])
            for c in shouted
            if (key := canonical_key(text[c.start : c.end])) in kind_of
        ]
        # A nationality or place label on a name the document uses for an organisation.
        final_orgs = org_keys | {
            canonical_key(text[c.start : c.end]) for c in out if c.kind == "org"
        }

        def org_reading(c: _Cand) -> bool:
            key = canonical_key(text[c.start : c.end])
            if c.kind == "norp":
                return key in final_orgs
            return (
                c.kind == "place"
                and c.label in ("GPE", "LOC")
                and (key in self._alias_org_keys or votes[key]["org"] > votes[key]["place"])
            )

        out = [
            replace(c, kind="org") if org_reading(c) else c
            for c in out
            if c.kind != "norp" or org_reading(c)
        ]
        # Headline guesses and non-English spans must be confirmed by English body text,
        # unless they are unmistakably names (a full personal name, a legal form).
        confirmed = Counter(
            (o.kind, canonical_key(text[o.start : o.end]))
            for o in out
            if ctx.english(doc, o.start) and not ctx.in_title(o.start)
        )
        final: list[_Cand] = []
        for c in out:
            foreign = not ctx.english(doc, c.start)
            if foreign and c.kind == "org":
                c = _foreign_org_trim(text, c)
            needs_confirmation = foreign or (
                ctx.in_title(c.start)
                and not (c.kind == "person" and len(_words(text[c.start : c.end])) >= 2)
            )
            if (
                c.canonical
                or not needs_confirmation
                or (foreign and not ctx.in_title(c.start) and _unmistakable_name(text, c))
                or _confirmed_elsewhere(doc, ctx, c, confirmed)
            ):
                final.append(c)
        return final

    def _alias_entry(self, kind: str, surface: str) -> AliasEntry | None:
        """The alias entry a model span names: its own kind first, then any kind; short
        names (``MI``) only when written exactly as in the table."""
        exact = self.aliases.lookup(clean_name(surface))
        if exact is not None:
            return exact
        if len(canonical_key(surface)) < 4:
            return None
        for candidate_kind in (kind, "org", "product", "place", "person"):
            entry = self.aliases.lookup_key(candidate_kind, surface)
            if entry is not None:
                return entry
        return None

    def _product_candidates(
        self, doc: ParsedDoc, ctx: _DocContext, aliases: list[_Cand], ner: list[_Cand]
    ) -> list[_Cand]:
        text = doc.text
        brands = set(self._alias_org_keys) | {
            canonical_key(text[c.start : c.end]) for c in aliases + ner if c.kind == "org"
        }
        brands |= {canonical_key(s) for s in self.aliases.canonicals("product")}
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
        } | {canonical_key(s) for s in self.aliases.canonicals("place")}
        named = [(c.start, c.end) for c in ner if c.label in ("PERSON", "PRODUCT")]
        sdoc = doc.spacy_doc
        # Part-of-speech tags only where the model assigns them (the tagger is off by default).
        pos = (
            {t.idx: t.pos_ for t in sdoc} if sdoc is not None and sdoc.has_annotation("POS") else {}
        )
        if sdoc is not None:
            named += [
                (e.start_char, e.end_char) for e in sdoc.ents if e.label_ in ("PERSON", "PRODUCT")
            ]
        org_at: dict[str, list[tuple[int, int]]] = defaultdict(list)
        firm_orgs: set[str] = set(self._alias_org_keys)
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
        line_excluded = self._line_excluded(text, aliases + ner, firm_orgs, sdoc)
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
            if not _is_concept_word(text[c.start : c.end])
            and (c.start, c.end) not in ctx.concept_spans
        ]

    def _line_excluded(
        self, text: str, cands: list[_Cand], firm_orgs: set[str], sdoc: Any
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
            | {canonical_key(s) for s in self.aliases.canonicals("product")}
            | {canonical_key(s) for s in self.aliases.canonicals("place")}
            | {
                canonical_key(e.text)
                for e in (sdoc.ents if sdoc is not None else ())
                if e.label_ in ("NORP", "EVENT", "LAW", "LANGUAGE")
            }
        )

    # -- naming ----------------------------------------------------------------------

    def _canonicalize(
        self,
        doc: ParsedDoc,
        cands: list[_Cand],
        links: Sequence[tuple[tuple[int, int], tuple[int, int]]] = (),
    ) -> list[Mention]:
        text = doc.text
        named: list[tuple[_Cand, str]] = []
        for c in cands:
            surface = text[c.start : c.end]
            named.append((c, c.canonical or self._alias_name(c.kind, surface) or ""))

        # People: a surname alone is the person named in full elsewhere in the document.
        full_people = [
            clean_name(text[c.start : c.end])
            for c, name in named
            if c.kind == "person" and len(_words(text[c.start : c.end])) >= 2
        ]
        people_by_word = _people_by_word(full_people)
        products = [
            name or clean_name(text[c.start : c.end]) for c, name in named if c.kind == "product"
        ]
        org_names = {
            name or strip_corporate_suffix(clean_name(text[c.start : c.end]))
            for c, name in named
            if c.kind == "org"
        }
        org_names |= set(self.aliases.canonicals("org"))

        result: list[tuple[_Cand, str]] = []
        for c, name in named:
            surface = text[c.start : c.end]
            if not name:
                if c.kind == "person":
                    name = _full_person(surface, people_by_word)
                elif c.kind == "product":
                    name = self._product_name(surface, products, org_names)
                elif c.kind == "org":
                    name = strip_corporate_suffix(clean_name(surface))
                else:
                    name = clean_name(surface)
            result.append((c, name))
        legal = frozenset(canonical_key(n) for n in _legal_names(text))
        result = _short_org_names(result, legal)
        result = _merge_spellings(result, self.fuzzy_threshold)
        result = _linked_names(result, links)
        result = _acronym_names(
            result, [clean_name(text[c.start : c.end]) for c in cands if c.kind == "org"]
        )
        return [
            Mention(
                kind=c.kind,
                start=c.start,
                end=c.end,
                text=text[c.start : c.end],
                source_stage="rule" if c.source == "propagated" else c.source,
                canonical=name,
            )
            for c, name in result
        ]

    def _alias_name(self, kind: str, surface: str) -> str:
        entry = self.aliases.lookup_key(kind, surface)
        if entry is not None:
            return entry.canonical
        key = canonical_key(surface)
        if kind not in _FUZZY_KINDS or len(key) < _FUZZY_MIN_LEN:
            return ""
        match = process.extractOne(
            key, self._alias_keys[kind], scorer=fuzz.ratio, score_cutoff=self.fuzzy_threshold
        )
        if match is None or not _same_shape(key, match[0]):
            return ""
        entry = self.aliases.lookup_key(kind, match[0])
        return entry.canonical if entry is not None else ""

    def _product_name(self, surface: str, products: list[str], org_names: set[str]) -> str:
        name = clean_name(surface)
        # Longest alias product the name starts with: "SU7 Ultra" -> "Xiaomi SU7" + " Ultra".
        words = name.split()
        for n in range(len(words), 0, -1):
            head = " ".join(words[:n])
            entry = self.aliases.lookup_key("product", head)
            if entry is not None and entry.canonical.casefold().endswith(head.casefold()):
                return entry.canonical + name[len(head) :]
        # The document names the maker: "Xiaomi SU7" earlier, "SU7" later.
        for other in products:
            for org in org_names:
                if other.startswith(org + " ") and not name.startswith(org + " "):
                    rest = other[len(org) + 1 :]
                    if name == rest or name.startswith(rest + " "):
                        return f"{org} {name}"
        # A sibling model code of the same series: "Qingyun K5" named, then "K7" alone.
        series = _model_series(name)
        if series:
            makers = {
                org
                for other in products
                for org in org_names
                if other.startswith(org + " ")
                and not name.startswith(org + " ")
                and _model_series(other[len(org) + 1 :]) == series
            }
            if len(makers) == 1:
                return f"{makers.pop()} {name}"
        # A sibling model of the same line: "Qingyun Aurora 7", then "Aurora 9".
        if len(words) >= 2:
            for other in products:
                for org in org_names:
                    if other.startswith(org + " ") and not name.startswith(org + " "):
                        rest = other[len(org) + 1 :].split()
                        if len(rest) >= 2 and rest[0] == words[0]:
                            return f"{org} {name}"
        return name
