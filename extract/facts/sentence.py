"""Passes 1-3 on one sentence: candidates -> facts under construction with subject and period."""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal

from extract.facts.anchors import (
    anchor_for,
    carried_anchor,
    compatible,
    per_unit,
    same_as_before,
    without_subject,
)
from extract.facts.candidates import classify_figure, own_date, sign_of_change
from extract.facts.changes import attach_change, basis_of, infer_yoy, is_this_year, share_basis
from extract.facts.cues import (
    BARE_BRACKET_GAP,
    BRACKET_CLOSE_AFTER,
    CONSTANT_CURRENCY_AFTER,
    CONSTANT_CURRENCY_BEFORE,
    DATED_LABEL_BEFORE,
    HYPOTHETICAL,
    LIST_GLUE,
    PEAK_BEFORE,
    PER_SHARE_AFTER,
    PRIOR_ESTIMATE_BEFORE,
    PRIOR_YEAR_LABEL_BEFORE,
    REFERENCE_BEFORE,
    SCALED,
    TARGET_OF_BEFORE,
    YEAR_EARLIER_AFTER,
)
from extract.facts.kinds import (
    GOVERNMENT_METRICS,
    METRIC_VALUE_KINDS,
    PER_SHARE_METRICS,
    SHIPPED_VEHICLES,
)
from extract.facts.lists import distribute_lists, expand_dates
from extract.facts.periods import comparison_after, normal_period, reanchor, shift_year, year_of
from extract.facts.records import DocContext, Draft, ParagraphState, Sentence
from extract.facts.resolve import resolve_draft
from extract.facts.subject_cues import (
    IN_PLACE,
    MARKET_WIDE,
    POSSESSIVE,
    PRONOUN_SUBJECT,
)
from extract.facts.subjects import eligible_org, unit_segment
from extract.lexicon import LexiconMatch, MetricLexicon
from extract.records import Mention


def read_sentence(
    sentence: Sentence, state: ParagraphState, context: DocContext, lexicon: MetricLexicon
) -> list[Draft]:
    text = context.text
    if HYPOTHETICAL.search(text[sentence.span[0] : sentence.span[1]]):
        return []  # "can it keep its margin above 40%?", "If prices fall, the margin may ..."
    levels: list[Mention] = []
    changes: list[tuple[Mention, int]] = []
    previous: tuple[Mention, int] | None = None
    for number in sentence.numbers:
        role = classify_figure(number, sentence, text)
        sign = sign_of_change(number, sentence, text) if role == "change" else 1
        if (
            role != "change"
            and previous is not None
            and previous[0].kind == number.kind
            and _listed_after(text[previous[0].end : number.start])
        ):
            role, sign = "change", previous[1]  # "rose 10% and 20%, respectively"
        previous = (number, sign) if role == "change" else None
        if role == "change" and number.value is None:
            continue  # a range of changes ("65% to 72%") has no single value to report
        if role == "change":
            changes.append((number, sign))
        elif role == "level":
            levels.append(number)

    usable = [
        a
        for a in sentence.anchors
        if not without_subject(a, sentence, text, lexicon) and not per_unit(a, text)
    ]
    drafts: list[Draft] = []
    for value in levels:
        value = _money_in_context(value, usable, sentence, text, levels, context)
        anchor = anchor_for(value, usable, sentence, text, levels)
        if anchor is None:
            anchor = same_as_before(value, drafts, sentence, text)
        if (
            anchor is None
            and value.kind == "money"
            and PEAK_BEFORE.search(text, sentence.span[0], value.start)
        ):
            # "Against its high of 80 yuan in May, the stock is down 12%"
            prices = [a for a in sentence.anchors if a.label == "share_price"]
            if prices and own_date(value, sentence, text) is not None:
                drafts.append(Draft(metric="share_price", sentence=sentence.span, value=value))
                continue
        if (
            anchor is None
            and not sentence.anchors
            and state.last_anchor is not None
            and compatible(state.last_anchor, value.kind)
            and TARGET_OF_BEFORE.search(text, sentence.span[0], value.start)
        ):
            # "Aurex delivered 291,436 vehicles. That is 81% of its target of 360,000."
            metric = state.last_anchor.label
            if metric == "shipments":
                metric = SHIPPED_VEHICLES.get(unit_segment(value, lexicon), metric)
            drafts.append(Draft(metric=metric, sentence=sentence.span, value=value))
            continue
        if anchor is None:
            carried = carried_anchor(value, sentence, state, text)
            if carried is not None:
                drafts.append(Draft(metric=carried.label, sentence=sentence.span, value=value))
            continue
        metric = anchor.label
        if metric == "shipments":
            metric = SHIPPED_VEHICLES.get(unit_segment(value, lexicon), metric)
        per_share = value.kind == "money" and bool(
            PER_SHARE_AFTER.match(text[value.end : value.end + 40])
        )
        if per_share and metric not in PER_SHARE_METRICS:
            metric = "eps"  # "net income of $612 million, or $2.31 a share"
        elif metric == "eps" or (
            metric in PER_SHARE_METRICS and "per share" in text[anchor.start : anchor.end].lower()
        ):
            per_share = True  # "earnings per share of $2.31", "dividend per share of 48p"
        reference = bool(REFERENCE_BEFORE.search(text[sentence.span[0] : value.start]))
        twin = _per_share_base_of(value, drafts, sentence) if reference else None
        if twin is not None:
            # "$2.10 a share, against 95 cents in 2023": the same measure.
            metric, per_share = twin.metric, True
        draft = Draft(metric=metric, sentence=sentence.span, anchor=anchor, value=value)
        draft.per_share = per_share
        draft.reference = reference
        draft.comparison = comparison_after(text, value.end, sentence.span[1])
        if draft.comparison:
            draft.reference = True  # "$1.8 billion in the previous quarter"
        elif _prior_year_bracket(value, sentence, text):
            draft.reference = draft.year_earlier = True  # "4.1 (3.2) billion euros"
        elif DATED_LABEL_BEFORE.search(text, sentence.span[0], value.start):
            draft.reference = True  # "(2023: 3.2 billion euros)"
        elif draft.reference and not own_date(value, sentence, text):
            if PRIOR_ESTIMATE_BEFORE.search(text, sentence.span[0], value.start):
                # "expects X, compared with a previous range of Y": the old guidance, kept.
                draft.superseded = True
            elif not YEAR_EARLIER_AFTER.match(_past_aside(text[value.end : sentence.span[1]])):
                continue  # "compared with a higher level": a comparison base, no period
            # "up from 139 million a year earlier": the level of the same period a year before.
            draft.year_earlier = True
        drafts.append(draft)

    change_mentions = [c for c, _ in changes]
    for change, sign in changes:
        attach_change(change, sign, drafts, usable, sentence, text, change_mentions)
        if (
            not sentence.anchors
            and state.last_anchor is not None
            and not any(d.change is change for d in drafts)
            and PRONOUN_SUBJECT.match(text, sentence.span[0], change.start)
        ):
            # "The stock closed up 8%. It has lost 18% since the start of the year."
            drafts.append(
                Draft(
                    metric=state.last_anchor.label,
                    sentence=sentence.span,
                    anchor=state.last_anchor,
                    change=change,
                    change_sign=sign,
                )
            )

    drafts = [
        d
        for d in drafts
        if not _market_wide(d, sentence, text) and not _third_party_statistic(d, sentence, text)
    ]
    drafts = distribute_lists(drafts, sentence, text)
    for draft in drafts:
        resolve_draft(draft, sentence, state, context, lexicon)
        if draft.year_earlier and draft.period:
            draft.period = shift_year(draft.period)
    _reanchor_comparisons(drafts, context)
    _per_share_asides(drafts, text)
    for draft in drafts:
        if draft.superseded:
            current = [
                d
                for d in drafts
                if d.metric == draft.metric and not d.reference and d.position < draft.position
            ]
            if current:
                draft.period, draft.modality = current[-1].period, current[-1].modality
        if draft.change is not None:
            # The basis phrase does not reach across another figure's level ("climbed 18% to
            # 287m, and net profit came to 90m, against 75m a year before").
            others = [
                n
                for n in sentence.numbers
                if n is not draft.value
                and n is not draft.change
                and n not in change_mentions
                and not REFERENCE_BEFORE.search(text, sentence.span[0], n.start)
            ]
            draft.basis = basis_of(draft.change, [*change_mentions, *others], sentence, text)
            if (
                not draft.basis
                and draft.metric == "share_price"
                and is_this_year(draft.change, sentence, text)
            ):
                draft.basis = "ytd"
            if draft.value is None and draft.basis in ("ytd", "since_peak"):
                # A move since the year began is the year's; one since a peak has the
                # peak's day as its base, not as its period.
                this_year = draft.basis == "ytd" or is_this_year(draft.change, sentence, text)
                draft.period = year_of(draft.period, context) if this_year else ""
    drafts = _one_fact_per_figure(drafts, changes, sentence, text)
    infer_yoy(drafts, sentence, text)
    share_basis(drafts, sentence, text)
    return expand_dates(drafts)


_OR_ASIDE = re.compile(r"\s*,\s*or\s+")
# ", or 75 cents a share": a per-share aside between an amount and its period.
_PER_SHARE_ASIDE = re.compile(
    r"\s*,\s*or\s+[^,;]{1,25}?\s+(?:a|per)\s+(?:diluted\s+|basic\s+)?share\b",
    re.IGNORECASE,
)


def _per_share_base_of(value: Mention, drafts: list[Draft], sentence: Sentence) -> Draft | None:
    """The per-share figure a comparison base follows right away (no figure between)."""
    earlier = [d for d in drafts if d.value is not None and d.value.end <= value.start]
    if not earlier or not earlier[-1].per_share or value.kind != "money":
        return None
    last = earlier[-1].value
    assert last is not None
    if any(last.end <= n.start and n.end <= value.start for n in sentence.numbers):
        return None
    if last.value is None or value.value is None or not value.value:
        return None
    ratio = abs(last.value / value.value)
    return earlier[-1] if Decimal("0.2") <= ratio <= 5 else None  # of the same size


def _past_aside(after: str) -> str:
    """The text after a figure past a per-share aside (``, or 75 cents a share, a year before``)."""
    aside = _PER_SHARE_ASIDE.match(after)
    return after[aside.end() :] if aside else after


_GLUE_END = re.compile(r"(?:,|\band|\bor)\s*$", re.IGNORECASE)


def _listed_after(gap: str) -> bool:
    """``rose 10% and 20%``, ``grew 8% at constant currency and 5% as reported``: a figure
    listed after a change is a change too."""
    if LIST_GLUE.match(gap):
        return True
    return bool(CONSTANT_CURRENCY_AFTER.match(gap) and _GLUE_END.search(gap))


def _one_fact_per_figure(
    drafts: list[Draft], changes: list[tuple[Mention, int]], sentence: Sentence, text: str
) -> list[Draft]:
    """A reported and a constant-currency growth rate of one figure are one fact: the
    reported change is kept, with the level (``rose 5% to €2bn, or 8% at constant
    currency``); a constant-currency change stands only where no reported one is stated."""
    constant = {
        id(c)
        for c, _ in changes
        if CONSTANT_CURRENCY_AFTER.match(text[c.end : c.end + 40])
        or CONSTANT_CURRENCY_BEFORE.search(text, max(sentence.span[0], c.start - 60), c.start)
    }
    if not constant:
        return drafts
    kept: list[Draft] = []
    for draft in drafts:
        if draft.change is None or id(draft.change) not in constant:
            kept.append(draft)
            continue
        reported = [
            d
            for d in drafts
            if d is not draft
            and d.metric == draft.metric
            and d.change is not None
            and id(d.change) not in constant
        ]
        if not reported:
            kept.append(draft)
        elif draft.value is not None and reported[0].value is None:
            reported[0].value = draft.value
    return kept


def _prior_year_bracket(value: Mention, sentence: Sentence, text: str) -> bool:
    """``(previous year: 3.2 billion euros)``, or a figure alone in brackets right after one
    of the same kind and unit (``4.1 (3.2) billion euros``, ``9.1% (8.4%)``)."""
    if PRIOR_YEAR_LABEL_BEFORE.search(text, sentence.span[0], value.start):
        return True
    if not BRACKET_CLOSE_AFTER.match(text, value.end, sentence.span[1]):
        return False
    return any(
        other.end <= value.start
        and other.kind == value.kind
        and other.unit == value.unit
        and BARE_BRACKET_GAP.fullmatch(text, other.end, value.start)
        for other in sentence.numbers
    )


def _money_in_context(
    value: Mention,
    anchors: list[LexiconMatch],
    sentence: Sentence,
    text: str,
    levels: list[Mention],
    context: DocContext,
) -> Mention:
    """``Total revenue was 88 billion`` in an article stating its amounts in yuan: a bare
    scaled number that a money metric claims is money in the document's currency."""
    if value.kind != "quantity" or value.unit or not context.currency:
        return value
    if not SCALED.search(value.text):
        return value
    money = dataclasses.replace(value, kind="money", unit=context.currency)
    anchor = anchor_for(money, anchors, sentence, text, levels)
    if anchor is None or METRIC_VALUE_KINDS.get(anchor.label) != frozenset({"money"}):
        return value
    return money


def _per_share_asides(drafts: list[Draft], text: str) -> None:
    """``$268 million, or $1.90 a share, in the third quarter of 2023``: the per-share
    aside is stated for the same period as the amount it follows."""
    for draft in drafts:
        if not draft.per_share or draft.value is None:
            continue
        for twin in drafts:
            if (
                twin.value is not None
                and not twin.per_share
                and twin.value.end <= draft.value.start
                and _OR_ASIDE.fullmatch(text, twin.value.end, draft.value.start)
            ):
                draft.period, draft.reference = twin.period, twin.reference
                break


def _reanchor_comparisons(drafts: list[Draft], context: DocContext) -> None:
    """A prior-period figure named by a comparison phrase (``the previous quarter``, ``the
    same period of 2022``) takes the period the phrase names counted from the period of the
    figure it is compared with: the sentence's current figure of the same metric, else its
    current figure, else the report's period."""
    for draft in drafts:
        if not draft.comparison:
            continue
        current = [
            d for d in drafts if not d.reference and d.period and d.position < draft.position
        ]
        same = [d for d in current if d.metric == draft.metric]
        compared = (same or current)[-1].period if current else context.report_period
        period = reanchor(draft.comparison, compared)
        if period:
            draft.period = normal_period(period)


def _market_wide(draft: Draft, sentence: Sentence, text: str) -> bool:
    """``Global smartphone shipments grew 4%``: a figure about a whole market, no subject."""
    anchor, used = draft.anchor, draft.value or draft.change
    if anchor is None or used is None or draft.metric in GOVERNMENT_METRICS:
        return False
    before = text[max(sentence.span[0], anchor.start - 40) : anchor.end]
    if not MARKET_WIDE.search(before):
        return False
    limit = max(used.start, anchor.start)
    named = [o for o in sentence.orgs if o.end <= limit and eligible_org(o, sentence, text)]
    return not named and not POSSESSIVE.search(text[sentence.span[0] : anchor.start])


def _third_party_statistic(draft: Draft, sentence: Sentence, text: str) -> bool:
    """``Figures from the trade body showed retail sales in the UK rose 1%``: a statistic of
    a whole market, cited from a source, about no company of the sentence."""
    anchor = draft.anchor
    if anchor is None or draft.metric in GOVERNMENT_METRICS:
        return False
    if any(eligible_org(o, sentence, text) for o in sentence.orgs):
        return False
    if not any(
        sentence.vocab.source_before.search(text[max(sentence.span[0], o.start - 60) : o.start])
        for o in sentence.orgs
    ):
        return False
    where = IN_PLACE.match(text, anchor.end, sentence.span[1])
    return where is not None and any(p.start == where.end() for p in sentence.places)
