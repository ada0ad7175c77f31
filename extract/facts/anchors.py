"""Pass 2a: attach a level to its metric phrase."""

from __future__ import annotations

from collections.abc import Sequence

from extract.facts.candidates import words_between
from extract.facts.cues import (
    ASIDE_ADVERB,
    AT_TO_BEFORE,
    CLAUSE_COMMA,
    EXPLANATION_GAP,
    INCLUDING_BEFORE,
    LINK_VERB,
    PARALLEL_CLAUSE,
    PER_AFTER,
    PRONOUN_TO_BEFORE,
    REFERENCE_BEFORE,
    TARGET_OF_BEFORE,
    WORD,
)
from extract.facts.kinds import (
    ANY_VALUE,
    BLOCK,
    COMMA_PENALTY,
    CROSS_PENALTY,
    FOLLOWING_PENALTY,
    MAX_AFTER,
    MAX_BEFORE,
    METRIC_VALUE_KINDS,
    PER_UNIT_METRICS,
    VERB_PENALTY,
)
from extract.facts.records import Draft, ParagraphState, Sentence
from extract.facts.subject_cues import (
    CLAUSE_VERB,
    FILLER,
    OF_COMPLEMENT,
    PRONOUN,
    SUBJECT_ANAPHOR,
)
from extract.lexicon import LexiconMatch, MetricLexicon
from extract.records import Mention


def same_as_before(
    value: Mention, drafts: list[Draft], sentence: Sentence, text: str
) -> LexiconMatch | None:
    """``had 12,400 employees ..., compared with 12,100 a year earlier``: a bare comparison
    base or part (``including about 900 in Spain``) takes the metric of the figure before."""
    before = text[sentence.span[0] : value.start]
    if _parallel_level(value, drafts, sentence, text):
        pass
    elif not (
        REFERENCE_BEFORE.search(before)
        or INCLUDING_BEFORE.search(before)
        or PRONOUN_TO_BEFORE.search(before)
    ):
        return None
    earlier = [d for d in drafts if d.value is not None and d.value.kind == value.kind]
    if not earlier or earlier[-1].anchor is None:
        return None
    last = earlier[-1].value
    assert last is not None
    if value.kind == "quantity" and value.unit and value.unit != last.unit:
        return None
    return earlier[-1].anchor


def _parallel_level(value: Mention, drafts: list[Draft], sentence: Sentence, text: str) -> bool:
    """``revenue was $7.7 billion, up 2%, while the wearables category declined 3% to $9.0
    billion``: a clause without a metric word, parallel to one with it."""
    earlier = [d for d in drafts if d.value is not None and d.value.kind == value.kind]
    if not earlier or earlier[-1].value is None:
        return False
    last = earlier[-1].value
    if any(last.end <= a.start and a.end <= value.start for a in sentence.anchors):
        return False  # the clause names its own figure ("while cash stood at ...")
    return bool(
        PARALLEL_CLAUSE.search(text, last.end, value.start)
        and AT_TO_BEFORE.search(text, last.end, value.start)
    )


def compatible(anchor: LexiconMatch, kind: str) -> bool:
    if anchor.role == BLOCK or (anchor.kind and anchor.kind != kind):
        return False
    return kind in METRIC_VALUE_KINDS.get(anchor.label, ANY_VALUE)


def anchor_for(
    value: Mention,
    anchors: list[LexiconMatch],
    sentence: Sentence,
    text: str,
    levels: Sequence[Mention],
) -> LexiconMatch | None:
    """The metric phrase a level belongs to, or None.

    Candidates are scored by the words between phrase and figure; a phrase after the figure,
    a verb, a clause comma or another level in between cost more.
    """
    inside = [a for a in anchors if value.start <= a.start and a.end <= value.end]
    for anchor in inside:
        if compatible(anchor, value.kind):
            return anchor
    others = [n for n in sentence.numbers if n is not value]
    introduced = bool(AT_TO_BEFORE.search(text[sentence.span[0] : value.start]))
    best: tuple[int, LexiconMatch] | None = None
    for anchor in anchors:
        if not compatible(anchor, value.kind) and anchor.role != BLOCK:
            continue
        if anchor.role == "change" and not introduced:
            continue
        if any(n.start <= anchor.start and anchor.end <= n.end for n in others):
            continue  # the phrase is another figure's own noun
        if anchor.end <= value.start:
            gap_start, gap_end, penalty, limit = anchor.end, value.start, 0, MAX_BEFORE
        elif anchor.start >= value.end:
            gap_start, gap_end = value.end, anchor.start
            penalty, limit = FOLLOWING_PENALTY, MAX_AFTER
            if (
                value.kind == "quantity"
                and value.unit
                and EXPLANATION_GAP.search(text, value.end, anchor.start)
            ):
                continue  # "three channels - stores, online and wholesale"
            if any(
                # a bare amount ("to 32.6 billion") may be money in the document's currency
                (n.kind == value.kind or (value.kind == "money" and _bare_amount(n)))
                and n.start >= anchor.end
                # "4,108 of October's deliveries, up from 1,950 in September": a base
                and not REFERENCE_BEFORE.search(text, anchor.end, n.start)
                for n in levels
            ):
                continue  # "... to $7.7 billion while net income came to $1.1 billion"
        else:
            continue
        words = words_between(text, gap_start, gap_end)
        if words > limit:
            continue
        gap = text[gap_start:gap_end]
        # "Revenue, however, fell 2.4% ...": commas around a discourse adverb end no clause.
        commas = len(CLAUSE_COMMA.findall(ASIDE_ADVERB.sub(" ", gap)))
        # "employs 14,800 people, including 3,900 in ...", "... 18,450, compared with 17,920"
        # "shipped 120,000 cars, or 60% of its annual goal of 200,000 units"
        part = (
            INCLUDING_BEFORE.search(gap)
            or REFERENCE_BEFORE.search(gap)
            or TARGET_OF_BEFORE.search(gap)
        )
        if (
            commas
            and value.kind == "quantity"
            and not part
            and not LINK_VERB.search(_after_last_comma(gap))
        ):
            continue  # "... sales volume, nearly one billion devices": a list, not a clause
        inside = [n for n in levels if n is not value and gap_start <= n.start and n.end <= gap_end]
        if (
            value.kind == "quantity"
            and value.unit
            and not part
            and any(n.kind == "quantity" and n.unit != value.unit for n in inside)
        ):
            continue  # "employs 190,000 people and operates 40 bases": the verb is the other's
        crossed = len(inside)
        score = (
            words
            + penalty
            + commas * COMMA_PENALTY
            + crossed * CROSS_PENALTY
            + (VERB_PENALTY if anchor.role == "verb" else 0)
        )
        if best is None or score < best[0]:
            best = (score, anchor)
    if best is None or best[1].role == BLOCK:
        return None  # "cash and equivalents stood at RMB 41 billion": not a metric of ours
    return best[1]


def _bare_amount(number: Mention) -> bool:
    return number.kind == "quantity" and not number.unit


def _after_last_comma(gap: str) -> str:
    parts = CLAUSE_COMMA.split(gap)
    return parts[-1] if parts else gap


def carried_anchor(
    value: Mention, sentence: Sentence, state: ParagraphState, text: str
) -> LexiconMatch | None:
    """``... a low sales expense ratio. ... it is less than 7%``: the metric named just before."""
    if sentence.anchors:
        return None
    before = text[sentence.span[0] : value.start]
    if not PRONOUN.search(before):
        return None
    for anchor in reversed(state.free_anchors):
        if compatible(anchor, value.kind):
            return anchor
    return None


def per_unit(anchor: LexiconMatch, text: str) -> bool:
    """``revenue per user``: a ratio, not the total the metric names."""
    return anchor.label not in PER_UNIT_METRICS and bool(
        PER_AFTER.match(text, anchor.end, anchor.end + 20)
    )


def without_subject(
    anchor: LexiconMatch, sentence: Sentence, text: str, lexicon: MetricLexicon
) -> bool:
    """True for ``the market share of German brands``: an ``of`` phrase naming nobody."""
    rest = text[anchor.end : sentence.span[1]]
    match = OF_COMPLEMENT.match(rest)
    if match is None:
        return False
    np_start = anchor.end + match.start("np")
    np_end = sentence.span[1]
    for number in sentence.numbers:
        if number.start >= np_start:
            np_end = min(np_end, number.start)
    # The noun phrase ends at the first verb, comma or preposition after its first word.
    first = WORD.search(text, np_start, np_end)
    if first is not None:
        stop = CLAUSE_VERB.search(text, first.end(), np_end)
        if stop is not None:
            np_end = stop.start()
    phrase = text[np_start:np_end]
    if not FILLER.sub(" ", phrase).strip(" -\"'“”"):
        return False
    if SUBJECT_ANAPHOR.search(phrase):
        return False
    named = [
        m
        for m in (*sentence.orgs, *sentence.products, *sentence.places)
        if np_start <= m.start < np_end
    ]
    if named:
        return False
    if lexicon.find_segments(text, np_start, np_end):
        return False
    if anchor.label != "market_share" and not sentence.vocab.owners.search(phrase):
        return False
    return not sentence.numbers or all(
        n.start >= np_end or n.end <= np_start for n in sentence.numbers
    )


def change_anchor(
    change: Mention, anchors: list[LexiconMatch], sentence: Sentence, text: str
) -> LexiconMatch | None:
    others = [n for n in sentence.numbers if n is not change]
    candidates = [
        a
        for a in anchors
        if not any(n.start <= a.start and a.end <= n.end for n in others)
        and a.role in ("noun", "change", BLOCK)
    ]
    preceding = [a for a in candidates if a.end <= change.start]
    chosen: LexiconMatch | None = None
    if preceding:
        chosen = max(preceding, key=lambda a: a.end)
    else:
        following = [
            a
            for a in candidates
            if a.start >= change.end and words_between(text, change.end, a.start) <= 5
        ]
        chosen = min(following, key=lambda a: a.start) if following else None
    return None if chosen is None or chosen.role == BLOCK else chosen
