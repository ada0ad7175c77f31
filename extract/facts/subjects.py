"""Pass 3a: the subject and segment of a fact."""

from __future__ import annotations

import re

from extract.facts.candidates import words_between
from extract.facts.kinds import GOVERNMENT_METRICS, GROUP_METRICS
from extract.facts.records import DocContext, Draft, ParagraphState, Sentence
from extract.facts.subject_cues import (
    ANAPHOR,
    APPOSITIVE_OWNER,
    DIVISION_AFTER,
    GROUP_REFERENCE,
    HOLDING_AFTER,
    HOLDING_BEFORE,
    HUNG_ON_NAME,
    LEADING_THE,
    PRODUCT_OF,
    RELATIVE_CLAUSE,
    SOURCE_AFTER,
    WHOLE_COMPANY,
)
from extract.lexicon import MetricLexicon
from extract.records import Mention


def eligible_org(org: Mention, sentence: Sentence, text: str) -> bool:
    """False for a source (``data from IDC``), a comparison (``surpassing Gree``), a
    generic name (``the Company``), a stock exchange or index (``trade on the Nasdaq``)
    or the owner named in an appositive about another company (``Lanfeng, Hengtai's
    closest rival, reported``)."""
    name = org.canonical or org.text
    if sentence.vocab.generic_org.match(name) or sentence.vocab.exchange.search(name):
        return False
    if RELATIVE_CLAUSE.search(text, max(sentence.span[0], org.start - 60), org.start):
        return False  # "The tools unit, which builds lasers for Korvel, posted ..."
    if DIVISION_AFTER.match(text, org.end, sentence.span[1]):
        return False  # "the Storage division": a segment of the company, not a company
    if HOLDING_BEFORE.search(text, max(sentence.span[0], org.start - 40), org.start) and (
        HOLDING_AFTER.match(text, org.end, sentence.span[1])
        or re.search(r"\b(?:in|of)\s+$", text[max(0, org.start - 4) : org.start])
    ):
        return False  # "sold Xiaomi shares": the object of a deal, not the subject
    before = text[max(sentence.span[0], org.start - 60) : org.start]
    after = text[org.end : min(org.end + 30, sentence.span[1])]
    comma = re.search(r",\s*$", before)
    if (
        comma is not None
        and APPOSITIVE_OWNER.match(text, org.end, min(org.end + 80, sentence.span[1]))
        and any(o.end == org.start - len(comma.group()) for o in sentence.orgs)
    ):
        return False  # "Lanfeng, Hengtai's closest rival, reported": Lanfeng's figure
    return not (sentence.vocab.not_subject_before.search(before) or SOURCE_AFTER.search(after))


def subject_of(
    draft: Draft, used: Mention, sentence: Sentence, state: ParagraphState, context: DocContext
) -> str:
    text = context.text
    if draft.metric in GOVERNMENT_METRICS:
        if sentence.places:
            return sentence.places[0].canonical or sentence.places[0].text
        return context.main_place or context.main_org
    limit = used.start
    anchor = draft.anchor
    # "..., ahead of Tesla at 12%": a figure hung on a name is that name's.
    named = [o for o in sentence.orgs if o.end <= limit]
    if (
        named
        and HUNG_ON_NAME.match(text[named[-1].end : limit])
        and not sentence.vocab.generic_org.match(named[-1].canonical or named[-1].text)
    ):
        return named[-1].canonical or named[-1].text
    orgs = [
        o
        for o in sentence.orgs
        if o.end <= limit
        and eligible_org(o, sentence, text)
        # "2,318 Marumiya stores": a brand naming the counted thing is not the subject.
        and not any(n.start <= o.start and o.end <= n.end for n in sentence.numbers)
    ]
    if anchor is not None and orgs:
        before_anchor = [o for o in orgs if o.end <= anchor.start]
        of_anchor = [o for o in orgs if o.start >= anchor.end]
        if of_anchor and anchor.end <= used.start:
            return of_anchor[-1].canonical or of_anchor[-1].text
        if before_anchor:
            return before_anchor[-1].canonical or before_anchor[-1].text
    if orgs:
        return orgs[-1].canonical or orgs[-1].text
    if context.main_org and GROUP_REFERENCE.search(text, sentence.span[0], limit):
        return context.main_org  # "the company said revenue ...": the article's company
    return state.subject or context.main_org


def segment_of(
    draft: Draft,
    used: Mention,
    sentence: Sentence,
    state: ParagraphState,
    context: DocContext,
    lexicon: MetricLexicon,
) -> str:
    text = context.text
    # "412 Helix systems": a product naming the counted thing is the segment.
    inside = [p for p in sentence.products if used.start <= p.start and p.end <= used.end]
    if inside:
        return inside[0].canonical or inside[0].text
    limit = max(used.end, draft.anchor.end if draft.anchor else 0)
    named = [s for s in sentence.segments if s.end <= limit]
    if named:
        return named[-1].label
    # "Hoshi Pay had 21.7 million users": a product as the sentence's subject.
    leading = [
        p
        for p in sentence.products
        if p.end <= used.start
        and LEADING_THE.fullmatch(text, sentence.span[0], p.start)
        and not [o for o in sentence.orgs if o.end <= used.start and o.start < p.start]
    ]
    if leading:
        return leading[0].canonical or leading[0].text
    anchor = draft.anchor
    if anchor is not None:
        for product in sentence.products:
            if product.end <= anchor.start and words_between(text, product.end, anchor.start) <= 2:
                return product.canonical or product.text
            # "sales of its cancer drug Corvane rose 9%": the product the metric is of.
            if (
                anchor.end <= product.start
                and product.end <= used.start
                and PRODUCT_OF.match(text, anchor.end, product.start)
            ):
                return product.canonical or product.text
    by_unit = unit_segment(used, lexicon) if context.unit_segments else ""
    if by_unit:
        return by_unit
    if anchor is not None and WHOLE_COMPANY.search(text[max(0, anchor.start - 12) : anchor.end]):
        return ""
    own_orgs = [o for o in sentence.orgs if eligible_org(o, sentence, text)]
    before = text[sentence.span[0] : used.start]
    if not state.segment or draft.metric in GROUP_METRICS:
        return ""  # net income, EPS, cash and debt are the group's, not a division's
    if ANAPHOR.search(before):
        return state.segment  # "the division's operating profit rose ..."
    if own_orgs or WHOLE_COMPANY.search(before) or GROUP_REFERENCE.search(before):
        return ""  # "The group's revenue ...": the company's own total
    return state.segment


def unit_segment(used: Mention, lexicon: MetricLexicon) -> str:
    """The segment a count's noun names (``cars`` -> smart EVs), or ""."""
    if used.kind != "quantity" or not used.unit:
        return ""
    by_unit = lexicon.find_segments(used.unit, scope="unit")
    return by_unit[0].label if by_unit else ""
