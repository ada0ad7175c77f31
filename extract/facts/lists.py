"""Pass 2c: lists paired in order (``A, B and C were x, y and z``, ``respectively``)."""

from __future__ import annotations

import dataclasses
import itertools

from extract.facts.anchors import compatible
from extract.facts.candidates import listed_run, own_date
from extract.facts.cues import LIST_GLUE, RESPECTIVELY
from extract.facts.kinds import BLOCK
from extract.facts.periods import normal_period
from extract.facts.records import Draft, Sentence
from extract.facts.subjects import eligible_org


def distribute_lists(drafts: list[Draft], sentence: Sentence, text: str) -> list[Draft]:
    """Pair ``the X of A, B and C were x%, y%`` and ``... respectively`` in order."""
    respectively = bool(RESPECTIVELY.search(text, sentence.span[0], sentence.span[1]))
    groups: dict[tuple[int, str], list[Draft]] = {}
    for draft in drafts:
        used = draft.value or draft.change
        if draft.anchor is not None and used is not None:
            role = used.kind if draft.value is not None else "change"
            groups.setdefault((draft.anchor.start, role), []).append(draft)
    for group in groups.values():
        if len(group) < 2:
            continue
        group.sort(key=lambda d: d.position)
        values = [used for d in group if (used := d.value or d.change) is not None]
        adjacent = all(
            LIST_GLUE.match(text[a.end : b.start]) for a, b in itertools.pairwise(values)
        )
        if not (respectively or adjacent):
            continue
        first_value = values[0].start
        orgs = listed_run(
            [o for o in sentence.orgs if o.end <= first_value and eligible_org(o, sentence, text)],
            text,
        )
        shared = own_date(values[-1], sentence, text)
        if shared is not None:
            for draft in group:
                draft.dates = [shared]
        if len(orgs) >= 2:
            for draft, org in zip(group, orgs, strict=False):
                draft.subject = org.canonical or org.text
            continue
        segments = listed_run([s for s in sentence.segments if s.end <= first_value], text)
        if len(segments) >= 2:
            for draft, segment in zip(group, segments, strict=False):
                draft.segment = segment.label
            continue
        dates = listed_run([d for d in sentence.dates if d.end <= first_value], text)
        if len(dates) >= 2:
            for draft, date in zip(group, dates, strict=False):
                draft.dates = [date]
    if respectively:
        _distribute_metrics(drafts, sentence, text)
    return drafts


def _distribute_metrics(drafts: list[Draft], sentence: Sentence, text: str) -> None:
    """``Revenue and net profit were X and Y (rose x% and y%), respectively``: one metric
    per figure."""
    for levels in (True, False):
        chosen = sorted(
            (d for d in drafts if (d.value is not None) == levels), key=lambda d: d.position
        )
        if len(chosen) < 2:
            continue
        first = chosen[0].position
        anchors = listed_run([a for a in sentence.anchors if a.end <= first], text)
        if len(anchors) != len(chosen):
            continue
        for draft, anchor in zip(chosen, anchors, strict=True):
            if anchor.role == BLOCK:
                continue
            if draft.value is None or compatible(anchor, draft.value.kind):
                draft.anchor, draft.metric = anchor, anchor.label


def expand_dates(drafts: list[Draft]) -> list[Draft]:
    """``In May and June ... both over 40,000``: one fact per date."""
    out: list[Draft] = []
    for draft in drafts:
        if len(draft.dates) < 2:
            out.append(draft)
            continue
        out.extend(
            dataclasses.replace(draft, period=normal_period(date.period), dates=[date])
            for date in draft.dates
        )
    return out
