"""Pass 2b: attach a change to its level (or metric phrase), and find its comparison basis."""

from __future__ import annotations

import dataclasses
import itertools

from extract.facts.anchors import change_anchor
from extract.facts.cues import (
    FROM_DATE,
    OPENING_BASIS,
    ORGANIC_BEFORE,
    PARALLEL_CLAUSE,
    THIS_YEAR_AFTER,
    THIS_YEAR_BEFORE,
    TO_BEFORE,
)
from extract.facts.periods import normal_period, previous_quarter, shift_year
from extract.facts.records import Draft, Sentence
from extract.lexicon import LexiconMatch
from extract.records import Mention


def share_basis(drafts: list[Draft], sentence: Sentence, text: str) -> None:
    """A basis written once for the whole sentence: one opening it (``Compared with a year
    earlier, ...``), or one in the first of two parallel clauses (``revenue rose 6% year on
    year to £1.2bn, while profit climbed 12% to £96m``)."""
    if OPENING_BASIS.match(text, sentence.span[0], sentence.span[1]):
        for draft in drafts:
            if draft.change is not None and not draft.basis and not draft.reference:
                draft.basis = "yoy"
        return
    full = [d for d in drafts if d.change is not None and d.value is not None and not d.reference]
    for first, second in itertools.pairwise(full):
        assert first.change is not None
        assert second.change is not None
        assert first.value is not None
        if (
            first.basis
            and not second.basis
            and first.metric != second.metric
            and first.value.end <= second.change.start
            and PARALLEL_CLAUSE.search(text, first.value.end, second.change.start)
        ):
            second.basis = first.basis


def infer_yoy(drafts: list[Draft], sentence: Sentence, text: str) -> None:
    """A change measured against the same period a year before is year-on-year: ``rose 14%
    ..., compared with $537 million in the fourth quarter of 2023`` or ``rose 9.5% from 2023``.
    """
    for draft in drafts:
        if draft.change is None or draft.basis or draft.reference or not draft.period:
            continue
        earlier = shift_year(draft.period)
        if any(
            other.reference and other.metric == draft.metric and other.period == earlier
            for other in drafts
        ):
            draft.basis = "yoy"
            continue
        previous = previous_quarter(draft.period)
        for date in sentence.dates:
            if date.start < draft.change.end or not FROM_DATE.fullmatch(
                text, draft.change.end, date.start
            ):
                continue
            if normal_period(date.period) in (earlier, earlier[:4]):
                draft.basis = "yoy"
            elif previous and normal_period(date.period) == previous:
                draft.basis = "qoq"  # "up 0.5 points from the first quarter"


def attach_change(
    change: Mention,
    sign: int,
    drafts: list[Draft],
    anchors: list[LexiconMatch],
    sentence: Sentence,
    text: str,
    changes: list[Mention],
) -> None:
    if ORGANIC_BEFORE.search(text, sentence.span[0], change.start):
        _change_alone(change, sign, drafts, anchors, sentence, text)
        return
    # "slipped 3% to $450 million": the level introduced right after the change takes it.
    for draft in drafts:
        if (
            draft.value is not None
            and draft.value.start >= change.end
            and sentence.vocab.to_level.match(text[change.end : draft.value.start])
        ):
            if draft.change is None:
                draft.change, draft.change_sign = change, sign
            elif draft.change.end <= change.start:
                # "rose 14% quarter-on-quarter and 31% year-on-year to $8 billion": one row
                # per change, with the same level.
                drafts.append(dataclasses.replace(draft, change=change, change_sign=sign))
            return
    before = [d for d in drafts if d.value is not None and d.value.end <= change.start]
    if before:
        last = max(before, key=lambda d: d.value.end if d.value else 0)
        value = last.value
        assert value is not None
        between = [a for a in anchors if value.end <= a.start and a.end <= change.start]
        own_anchor_first = last.anchor is None or last.anchor.end <= value.end
        if not between and own_anchor_first and not last.reference:
            if last.change is None:
                last.change, last.change_sign = change, sign
                return
            # "up 17% from the previous quarter and up 94% from a year ago": one row per
            # change, with the same level; a year-to-date move of a share price
            # ("bringing their gain this year to 64%") is a row of its own without the level.
            if last.change.end <= change.start and not [
                a for a in anchors if last.change.end <= a.start and a.end <= change.start
            ]:
                if last.metric == "share_price" and is_this_year(change, sentence, text):
                    drafts.append(
                        Draft(
                            metric=last.metric,
                            sentence=sentence.span,
                            anchor=last.anchor,
                            change=change,
                            change_sign=sign,
                        )
                    )
                    return
                old = basis_of(last.change, changes, sentence, text)
                new = basis_of(change, changes, sentence, text)
                if old and new and old != new:
                    drafts.append(dataclasses.replace(last, change=change, change_sign=sign))
                elif old != "yoy" and new == "yoy":
                    last.change, last.change_sign = change, sign
                return
    after = [
        d
        for d in drafts
        if d.value is not None
        and d.value.start >= change.end
        and d.anchor is not None
        and (
            d.anchor.end <= change.start
            # "net profit up 6.1% on the year to INR 9.2 billion"
            or (
                d.anchor.end <= d.value.start
                and sentence.vocab.change_of.fullmatch(text, change.end, d.anchor.start) is not None
                and TO_BEFORE.search(text, d.anchor.end, d.value.start) is not None
            )
        )
        and d.change is None
    ]
    if after:
        first = min(after, key=lambda d: d.value.start if d.value else 0)
        value = first.value
        assert value is not None
        assert first.anchor is not None
        no_other = not [
            a
            for a in anchors
            if first.anchor.end <= a.start and a.end <= value.start and a is not first.anchor
        ]
        if no_other:
            first.change, first.change_sign = change, sign
            return
    _change_alone(change, sign, drafts, anchors, sentence, text)


def _change_alone(
    change: Mention,
    sign: int,
    drafts: list[Draft],
    anchors: list[LexiconMatch],
    sentence: Sentence,
    text: str,
) -> None:
    """A draft of its own for a change with no level, on the metric phrase it belongs to."""
    anchor = change_anchor(change, anchors, sentence, text)
    if anchor is not None:
        drafts.append(
            Draft(
                metric=anchor.label,
                sentence=sentence.span,
                anchor=anchor,
                change=change,
                change_sign=sign,
            )
        )


def is_this_year(change: Mention, sentence: Sentence, text: str) -> bool:
    """``up 31% this year``, ``their gain this year to 64%``: a move since the year began."""
    return bool(
        THIS_YEAR_AFTER.match(text, change.end, sentence.span[1])
        or THIS_YEAR_BEFORE.search(text, sentence.span[0], change.start)
    )


def basis_of(change: Mention, changes: list[Mention], sentence: Sentence, text: str) -> str:
    """The comparison basis nearest to a change, not across another change."""
    best: tuple[int, str] | None = None
    for label, pattern in sentence.vocab.basis:
        for match in pattern.finditer(text, sentence.span[0], sentence.span[1]):
            if match.end() <= change.start:
                gap_start, gap_end = match.end(), change.start
            elif match.start() >= change.end:
                gap_start, gap_end = change.end, match.start()
            else:
                continue
            if any(gap_start <= c.start and c.end <= gap_end for c in changes if c is not change):
                continue
            distance = gap_end - gap_start
            if best is None or distance < best[0]:
                best = (distance, label)
    return best[1] if best else ""
