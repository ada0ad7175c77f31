"""Pass 3: resolve subject, segment, period and modality in paragraph and document context."""

from __future__ import annotations

import dataclasses

from extract.facts.dating import comparison_date, dates_for, modality_of, period_of
from extract.facts.periods import normal_period
from extract.facts.records import DocContext, Draft, ParagraphState, Sentence
from extract.facts.subjects import eligible_org, segment_of, subject_of, unit_segment
from extract.lexicon import MetricLexicon


def resolve_draft(
    draft: Draft,
    sentence: Sentence,
    state: ParagraphState,
    context: DocContext,
    lexicon: MetricLexicon,
) -> None:
    text = context.text
    used = draft.value or draft.change
    assert used is not None
    if not draft.subject:
        draft.subject = subject_of(draft, used, sentence, state, context)
    if not draft.segment:
        draft.segment = segment_of(draft, used, sentence, state, context, lexicon)
        draft.weak_segment = bool(draft.segment) and draft.segment == unit_segment(used, lexicon)
    if not draft.dates:
        draft.dates = dates_for(used, sentence, text)
    draft.modality = modality_of(used, sentence, text)
    draft.period = normal_period(period_of(draft, used, sentence, state, context))


def update_state(
    state: ParagraphState, sentence: Sentence, found: list[Draft], context: DocContext
) -> None:
    text = context.text
    orgs = [o for o in sentence.orgs if eligible_org(o, sentence, text)]
    if found:
        state.subject = found[-1].subject or state.subject
    elif orgs:
        state.subject = orgs[0].canonical or orgs[0].text
    if sentence.segments:
        state.segment = sentence.segments[-1].label
    elif sentence.products:
        state.segment = sentence.products[0].canonical or sentence.products[0].text
    elif found and found[-1].segment:
        state.segment = found[-1].segment
    # Dates of comparison bases ("compared with a loss in fiscal 2023") do not carry over.
    # Nor do the periods of prior-period levels ("(Q2FY25: 1,613 crore)").
    base_dates = {id(date) for d in found if d.reference for date in d.dates}
    base_periods = {d.period for d in found if d.reference and d.period}
    carried = [
        d
        for d in sentence.dates
        if id(d) not in base_dates
        and d.period not in base_periods
        and not comparison_date(d, sentence, text)
    ]
    if carried:
        state.dates.extend(
            dataclasses.replace(d, sentence_start=sentence.span[0], sentence_end=sentence.span[1])
            for d in carried
        )
    periods = [d.period for d in found if d.period and not d.reference]
    if periods:
        state.fact_period = (sentence.span[0], periods[-1])
    if found and found[-1].anchor is not None:
        state.last_anchor = found[-1].anchor
    used = {id(d.anchor) for d in found if d.anchor is not None}
    state.free_anchors = [a for a in sentence.anchors if id(a) not in used]
