"""Pass 3b: the period and modality of a fact."""

from __future__ import annotations

import dataclasses
import re

from extract.facts.candidates import listed_run, own_date, previous_boundary, words_between
from extract.facts.changes import is_this_year
from extract.facts.cues import (
    ANNUAL,
    ANNUAL_AFTER,
    ANNUAL_SENTENCE,
    BASE_LEVEL_DATE_BEFORE,
    BOTH,
    CLAUSE_COMMA,
    COMPARISON_DATE_BEFORE,
    DAY,
    DURATION,
    EFFECTIVE_BEFORE,
    ENDED_BEFORE,
    ENDED_WITH,
    ON_BEFORE,
    PARTICIPLE,
    REPORTED_ON_BEFORE,
    REPORTING_AFTER,
    REPORTING_VERB,
    START_BEFORE,
    SUBCLAUSE,
    THIS_PERIOD,
    TO_BEFORE,
)
from extract.facts.kinds import DAY_METRICS, FLOW_METRICS, GOVERNMENT_METRICS, RATE_METRICS
from extract.facts.periods import ended_by, period_end, week_long, year_long, year_of_half
from extract.facts.records import DocContext, Draft, ParagraphState, Sentence
from extract.records import Mention


def dates_for(used: Mention, sentence: Sentence, text: str) -> list[Mention]:
    """The date(s) a figure is stated for within its own sentence."""
    own = own_date(used, sentence, text)
    if own is not None and not _not_period_date(own, sentence, text):
        return [own]
    # Nor is the label of a bracketed prior-period level ("(2023: 6,515)") another's date.
    sentence = dataclasses.replace(
        sentence,
        dates=tuple(
            d
            for d in sentence.dates
            if not _not_period_date(d, sentence, text)
            and not (_bracket_label(d, text) and not 0 <= used.start - d.end <= 6)
        ),
    )
    claimed = set()
    for number in sentence.numbers:
        if number.kind != used.kind or number.unit != used.unit:
            continue  # "300 shops across 90 cities at end-June": the date is shared
        date = own_date(number, sentence, text)
        if date is not None:
            claimed.add(id(date))
    preceding = [
        d
        for d in sentence.dates
        if d.end <= used.start and id(d) not in claimed and not comparison_date(d, sentence, text)
    ]
    if not preceding:
        later = [d for d in sentence.dates if d.start >= used.end and id(d) not in claimed]
        if later:
            first = min(later, key=lambda d: d.start)
            gap = text[used.end : first.start]
            if (
                not CLAUSE_COMMA.search(gap)
                and not SUBCLAUSE.search(gap)
                and words_between(text, used.end, first.start) <= 8
            ):
                return [first]
        # "A's share was 20% in Q3, while B's was 18%": a parallel clause shares the date,
        # but "from 12.5% in Q1 to 26.4%" does not give Q1 to the second figure.
        if TO_BEFORE.search(text[sentence.span[0] : used.start]):
            return []
        earlier = [
            d
            for d in sentence.dates
            if d.end <= used.start and not comparison_date(d, sentence, text)
        ]
        return [max(earlier, key=lambda d: d.end)] if earlier else []
    last = max(preceding, key=lambda d: d.end)
    listed = listed_run([d for d in preceding if d.end <= last.end], text)
    between = text[last.end : used.start]
    if listed and listed[-1] is last and BOTH.search(between):
        return listed
    return [last]


def comparison_date(date: Mention, sentence: Sentence, text: str) -> bool:
    """``grew 4% from 2022 to $8.8 billion``: the date of the comparison base."""
    return bool(
        COMPARISON_DATE_BEFORE.search(text[max(sentence.span[0], date.start - 20) : date.start])
        or BASE_LEVEL_DATE_BEFORE.search(text[max(sentence.span[0], date.start - 50) : date.start])
    )


def _bracket_label(date: Mention, text: str) -> bool:
    """``(2023: 6,515)``: a date labelling the bracketed level after it."""
    return text[max(0, date.start - 1) : date.start] == "(" and text[date.end : date.end + 1] == ":"


def _not_period_date(date: Mention, sentence: Sentence, text: str) -> bool:
    """A day that names no figure's period: the day of the announcement (``on Thursday
    reported``, ``said on October 24 that``) or the end of a period named before it
    (``fiscal 2024, which ended on Sept. 30``)."""
    if week_long(date.period):
        return bool(REPORTING_VERB.search(text, sentence.span[0], date.start))
    if date.granularity != "day":
        return False
    before = text[max(sentence.span[0], date.start - 30) : date.start]
    after = text[date.end : min(date.end + 30, sentence.span[1])]
    if ENDED_BEFORE.search(before):
        return True
    if REPORTED_ON_BEFORE.search(before):
        return True
    return bool(ON_BEFORE.search(before) and REPORTING_AFTER.match(after))


def period_of(
    draft: Draft, used: Mention, sentence: Sentence, state: ParagraphState, context: DocContext
) -> str:
    text = context.text
    window = text[previous_boundary(used, sentence) : used.start]
    annual_window = window
    if draft.anchor is not None and draft.anchor.end <= used.start:
        window = text[min(draft.anchor.start, used.start) : used.start]
        # "full-year revenue of ...": the modifier just before the metric phrase counts too.
        start = max(sentence.span[0], previous_boundary(used, sentence), draft.anchor.start - 22)
        annual_window = text[min(start, used.start) : used.start]
    after = text[used.end : min(used.end + 30, sentence.span[1])]
    annual = bool(
        ANNUAL.search(annual_window)
        or ANNUAL_AFTER.search(after)
        or ANNUAL_SENTENCE.match(text, sentence.span[0], sentence.span[1])
    )
    if draft.metric in RATE_METRICS:
        annual = False  # "an annual capacity of 3 million": a rate, not the year's figure
        if draft.dates and START_BEFORE.search(
            text, max(sentence.span[0], draft.dates[0].start - 40), draft.dates[0].start
        ):
            return ""  # "is due to begin output in the second half of next year": not its period
    if draft.metric in GOVERNMENT_METRICS and not draft.dates:
        # "is cut by half from July 1, with the relief capped at 9,000 yuan": a policy
        # in force from a day is the policy of that year.
        starts = [
            d
            for d in sentence.dates
            if EFFECTIVE_BEFORE.search(text, max(sentence.span[0], d.start - 30), d.start)
        ]
        if starts:
            return starts[0].period[:4]
    if (
        draft.dates
        and draft.metric == "share_price"
        and draft.modality == "actual"
        and draft.value is not None
        and draft.dates[0].granularity in ("quarter", "half", "interval")
        and draft.dates[0].end <= draft.value.start
        and context.reference_day
    ):
        # "orders rose in the second quarter, pushing its shares up 4% to $51.20": a
        # price is quoted on a day, the reference day, not over a reporting period.
        return context.reference_day
    if draft.dates:
        period = draft.dates[0].period
        if (
            draft.modality == "actual"
            and THIS_PERIOD.fullmatch(draft.dates[0].text)
            and context.report_period[4:6] == period[4:6]
            and not ended_by(period, context.reference_day)
        ):
            # "this quarter" in a results article published after the quarter it reports
            period = context.report_period
        if annual and not year_long(period):
            return period[:4]
        return period
    sentence_text = text[sentence.span[0] : sentence.span[1]]
    if DURATION.search(sentence_text):
        return ""
    if annual:
        # "For the full year": the year of the report (its fiscal year where it has one).
        report = context.report_period
        if report and (year_long(report) or re.fullmatch(r"\d{4}", report)):
            return report
        year = year_of_half(report, text)
        if year:
            return year
        return report[:4] if report else context.reference_year
    if draft.metric in DAY_METRICS and ENDED_WITH.search(text, sentence.span[0], used.start):
        end = period_end(context.report_period)
        if end:
            return end
    if (
        draft.metric == "share_price"
        and draft.modality == "actual"
        and (
            draft.value is not None
            or (draft.change is not None and not is_this_year(draft.change, sentence, text))
        )
    ):
        # "The stock slipped 1.9% to $40.10 in early dealing", "shares rose 7.8% in morning
        # trading": the price or the move on the day of the report.
        return context.reference_day
    if draft.metric in FLOW_METRICS or draft.metric in DAY_METRICS:
        carried = _carried_period(draft.metric, state)
        if carried:
            return carried
    if (
        draft.metric in FLOW_METRICS
        and draft.subject == context.main_org
        and draft.modality == "actual"
    ):
        return context.report_period
    return ""


def _carried_period(metric: str, state: ParagraphState) -> str:
    fact_start, fact_period = state.fact_period
    if fact_period and (not state.dates or fact_start >= state.dates[-1].sentence_start):
        is_day = bool(DAY.match(fact_period))
        if is_day == (metric in DAY_METRICS):
            return fact_period
    if not state.dates:
        return ""
    last_sentence = state.dates[-1].sentence_start
    recent = [d for d in state.dates if d.sentence_start == last_sentence] or state.dates[-1:]
    days = [d for d in recent if d.granularity == "day"]
    if metric in DAY_METRICS:
        return days[-1].period if days else ""
    periods = [d for d in recent if d.granularity != "day"]
    return (periods or recent)[-1].period


def modality_of(used: Mention, sentence: Sentence, text: str) -> str:
    window = text[previous_boundary(used, sentence) : used.start]
    for label, pattern in sentence.vocab.modality:
        if pattern.search(window):
            return label
    # "will invest 600m ..., adding capacity of 1,200 km": a participle clause shares the
    # modality of the clause it hangs on.
    participle = PARTICIPLE.search(window)
    if participle is not None:
        head = text[sentence.span[0] : previous_boundary(used, sentence) + participle.start()]
        for label, pattern in sentence.vocab.modality:
            if pattern.search(head):
                return label
    return "actual"
