"""Pass 4 and 5: merge repeated figures into one fact, and emit the rows."""

from __future__ import annotations

from decimal import Decimal

from extract.facts.records import Draft
from extract.records import Fact


def _key(draft: Draft) -> tuple[str, str, str, str]:
    return (draft.subject, draft.metric, draft.period, draft.modality)


def merge_drafts(drafts: list[Draft]) -> list[Draft]:
    """One fact per stated figure: a headline repeating a figure, or a change stated apart
    from its level (``a 33% drop in net profit`` ... ``net profit fell to 7.8 billion``),
    joins the fact that holds the level."""
    kept: list[Draft] = []
    by_key: dict[tuple[str, str, str, str], list[Draft]] = {}
    for draft in drafts:
        same_key = by_key.setdefault(_key(draft), [])
        # Only the first facts of a key are candidates: a figure repeats an early one.
        partner = next((o for o in same_key[:_MAX_PARTNERS] if _mergeable(o, draft)), None)
        if partner is None:
            kept.append(draft)
            same_key.append(draft)
        else:
            _absorb(partner, draft)
    return kept


#: How many facts of one key a new figure is compared with (bounds the merge pass).
_MAX_PARTNERS = 64


def _mergeable(one: Draft, two: Draft) -> bool:
    if _key(one) != _key(two):
        return False
    if one.value is not None and two.value is not None:
        same = (one.value.value, one.value.value_low, one.value.unit) == (
            two.value.value,
            two.value.value_low,
            two.value.unit,
        )
        return (
            same
            and _segments_agree(one, two)
            and (None in (one.change, two.change) or _same_change(one, two))
        )
    if one.value is None and two.value is None:
        # A headline's "sales climb 4%" restating the body's "sales rose 4% in the quarter".
        return (
            one.segment == two.segment
            and _same_change(one, two)
            and (not one.basis or not two.basis or one.basis == two.basis)
        )
    if not _segments_agree(one, two):
        return False
    level, bare = (one, two) if one.value is not None else (two, one)
    if level.change is None:
        return True
    # A headline's "revenue rises 10%" restating the body's "rose 10% to 234 billion".
    return bare.change is not None and (
        _signed(bare.change.value, bare.change_sign),
        bare.change.unit,
    ) == (_signed(level.change.value, level.change_sign), level.change.unit)


def _same_change(one: Draft, two: Draft) -> bool:
    if one.change is None or two.change is None:
        return False
    return (_signed(one.change.value, one.change_sign), one.change.unit) == (
        _signed(two.change.value, two.change_sign),
        two.change.unit,
    )


def _figure(draft: Draft) -> tuple[object, ...]:
    value, change = draft.value, draft.change
    return (
        (value.value, value.value_low, value.unit) if value is not None else None,
        (_signed(change.value, draft.change_sign), change.unit) if change is not None else None,
    )


def drop_undated_repeats(drafts: list[Draft]) -> list[Draft]:
    """A headline's ``sales climb 4.1%`` without a date restates the body's dated figure."""
    dated = {(d.subject, d.metric, _figure(d)) for d in drafts if d.period}
    return [d for d in drafts if d.period or (d.subject, d.metric, _figure(d)) not in dated]


def _absorb(partner: Draft, draft: Draft) -> None:
    if partner.change is not None and not partner.basis and _same_change(partner, draft):
        partner.basis = draft.basis
    if partner.value is None and draft.value is not None:
        partner.value, partner.anchor, partner.sentence = draft.value, draft.anchor, draft.sentence
        if draft.change is not None:
            partner.change, partner.change_sign, partner.basis = (
                draft.change,
                draft.change_sign,
                draft.basis,
            )
    elif partner.change is None and draft.change is not None:
        partner.change, partner.change_sign, partner.basis = (
            draft.change,
            draft.change_sign,
            draft.basis,
        )
    if not partner.segment:
        partner.segment, partner.weak_segment = draft.segment, draft.weak_segment


def _segments_agree(one: Draft, two: Draft) -> bool:
    """Equal, or one unknown while the other only comes from a count's noun."""
    if one.segment == two.segment:
        return True
    return (not one.segment and two.weak_segment) or (not two.segment and one.weak_segment)


def _signed(value: Decimal | None, sign: int) -> Decimal | None:
    return None if value is None else value * sign


def to_fact(draft: Draft, fact_id: str) -> Fact:
    value = draft.value
    change = draft.change
    level_sign = draft.anchor.sign if draft.anchor is not None else 1
    return Fact(
        subject=draft.subject,
        metric=draft.metric,
        period=draft.period,
        evidence_start=draft.sentence[0],
        evidence_end=draft.sentence[1],
        segment=draft.segment,
        value=_signed(value.value, level_sign) if value else None,
        value_low=_signed(value.value_low, level_sign) if value else None,
        value_high=_signed(value.value_high, level_sign) if value else None,
        unit=(f"{value.unit}/share" if draft.per_share else value.unit) if value else "",
        qualifier=value.qualifier if value else "",
        change_value=_signed(change.value, draft.change_sign) if change else None,
        change_unit=change.unit if change else "",
        change_basis=draft.basis if change else "",
        change_qualifier=change.qualifier if change else "",
        modality=draft.modality,
        value_mention_id=value.mention_id if value else "",
        change_mention_id=change.mention_id if change else "",
        fact_id=fact_id,
    )
