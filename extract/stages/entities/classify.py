"""The kind of each name the model found: the document's votes, context and cues."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import replace

from extract.document import ParsedDoc
from extract.normalize.entities import canonical_key
from extract.stages.entities.context import (
    _DEPARTMENT,
    _DIVISION_AFTER,
    _GOVERNMENT_DEPARTMENT,
    _NAMED_SERVICE,
    _SPEECH,
    _company_context,
    _DocContext,
    _foreign_org_trim,
    _place_context,
    _region_of,
    _sentence_start,
    _unmistakable_name,
)
from extract.stages.entities.cues import titled_names
from extract.stages.entities.known import KnownNames
from extract.stages.entities.reading import _confirmed_elsewhere, _in_capitals
from extract.stages.entities.spans import (
    SpanIndex,
    _Cand,
    _common_phrase,
    _followed_by_category_noun,
    _following_org_word,
    _is_concept_word,
    _words,
)
from extract.stages.entities.vocab import (
    _ADJECTIVE_END,
    _CATEGORY_NOUNS,
    _NOT_MODEL_CODE,
    _ORG_WORDS,
    _PARTICLES,
)

_NOT_A_NAME = re.compile(r"[\u203a\u00bb|]")
_CAPITALIZED_WORD = re.compile(r"[A-Z][a-z]+|[A-Z]{4,}")
# A defined term of a filing: ``Jiahe Dairy Holdings Limited (the "Company")``.
_DEFINED_TERM = re.compile(r"\(\s*the\s+[\"\u201c]([A-Z][\w ]{1,40})[\"\u201d]\s*\)")


def classify(
    doc: ParsedDoc,
    ctx: _DocContext,
    cands: list[_Cand],
    aliases: list[_Cand],
    known: KnownNames,
) -> list[_Cand]:
    """The kind of each model span, decided by the document's evidence (see the package
    docstring), and the spans that are no names dropped."""
    text = doc.text
    out: list[_Cand] = []
    # Labels the model gives each name across the document (majority vote).
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for c in cands:
        votes[canonical_key(text[c.start : c.end])][c.kind] += 1
    org_keys = set(known.org_keys) | {
        canonical_key(text[a.start : a.end]) for a in aliases if a.kind == "org"
    }
    org_keys |= {canonical_key(text[c.start : c.end]) for c in cands if c.label == "ORG"}
    place_spans = [(c.start, c.end) for c in cands + aliases if c.kind == "place"]
    alias_spans = SpanIndex((a.start, a.end) for a in aliases)
    alias_kinds = {(a.start, a.end): a.kind for a in aliases}
    # Words defined with an article (``(the "Company")``) are common nouns, no names.
    defined = {canonical_key(m.group(1)) for m in _DEFINED_TERM.finditer(text)}
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
        if canonical_key(surface) in defined:
            continue
        if _NOT_A_NAME.search(surface) or _NOT_MODEL_CODE.match(surface.split()[0]):
            continue  # a web-page breadcrumb or a period code ("Q2FY25")
        entry = known.entry(c.kind, surface)
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
            and key not in known.org_keys
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
            and key not in known.org_keys
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
                and key not in known.org_keys
                and not _company_context(text, c.start, end)
            ):
                kind = "person"
        if kind == "norp":
            out.append(c)  # decided below, once the document's organisations are known
            continue
        if kind in ("org", "product") and _common_phrase(words, ctx.lower):
            continue
        if (
            kind == "org"
            and len(words) == 1
            and _CAPITALIZED_WORD.fullmatch(words[0])
            and words[0].lower() in ctx.lower
            and not _company_context(text, c.start, end)
        ):
            continue  # "the Company", "Data", "OPINION": a word also written in lower case
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
    final_orgs = org_keys | {canonical_key(text[c.start : c.end]) for c in out if c.kind == "org"}

    def org_reading(c: _Cand) -> bool:
        key = canonical_key(text[c.start : c.end])
        if c.kind == "norp":
            return key in final_orgs
        return (
            c.kind == "place"
            and c.label in ("GPE", "LOC")
            and (key in known.org_keys or votes[key]["org"] > votes[key]["place"])
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
