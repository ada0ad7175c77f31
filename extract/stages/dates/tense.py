"""Context of a date in its sentence: future cues, comparison bases, mixed-language sentences.

``TextCues`` finds the cues of a whole text once, so that asking about each date costs a
binary search, not a scan from the start of its sentence (a text without sentence
punctuation is one long sentence).
"""

from __future__ import annotations

import bisect
import re

from extract.normalize.scanning import fold, guarded, word_start_alternation

# Future cues, matched in the folded (lower-case) text at word starts.
_FUTURE = guarded(
    word_start_alternation([
        "will", "won't", "shall", "'ll", r"plans?\s+to", r"needs?\s+to", r"planned\s+to",
        r"planning\s+to", "expects?", "expecting", r"expected\s+to", r"is\s+expected",
        r"are\s+expected", r"aims?\s+to", r"intends?\s+to", r"going\s+to", r"is\s+set\s+to",
        r"are\s+set\s+to", r"is\s+scheduled", r"are\s+scheduled", "forecasts?", "upcoming",
        r"is\s+due\s+to", r"would(?!\s+(?:have|not\s+have)\b)", "payable",
        r"later\s+this\s+(?:week|month|quarter|year)",
        r"to\s+be\s+(?:paid|held|launched|released|published|completed|opened|delivered|issued"
        r"|listed|made|announced|introduced|signed|closed|finali[sz]ed)",
    ])
    + r"\b"
)  # fmt: skip
# ``the outlook for December``, ``guidance for the December quarter``: a period a forecast
# is about lies ahead.
_FUTURE_BEFORE = guarded(
    r"\b(?:outlook|guidance|forecasts?|projections?|targets?)\s+(?:for|of)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# ``its strongest first-half performance since 2019``: a period named after a superlative is
# any such period (generic), not one date.
_SUPERLATIVE = frozenset({
    "strongest", "weakest", "best", "worst", "biggest", "largest", "highest", "lowest",
    "smallest", "fastest", "slowest", "deepest", "sharpest", "steepest", "busiest", "quietest",
    "softest", "firmest", "most", "least",
})  # fmt: skip
_RESULTS = guarded(
    r"(?:'s)?\s+(?:financial\s+|earnings\s+|operating\s+)?(?:results|earnings|report|figures)\b",
    re.IGNORECASE,
)
_CLAUSE_END = guarded(r"[,;:]")
_ENGLISH_WORDS = frozenset({
    "the", "and", "of", "to", "on", "was", "were", "is", "are", "has", "have", "had", "with",
    "for", "by", "at", "its", "their", "from", "that", "which", "went", "said", "will", "it",
})  # fmt: skip
_OTHER_WORDS = frozenset({
    "der", "die", "das", "und", "nach", "als", "ist", "mit", "von", "zu", "den", "dem", "des",
    "sich", "nicht", "ein", "eine", "auf", "für", "le", "la", "les", "et", "est", "une", "du",
    "el", "los", "las", "y", "que", "con", "por", "para", "il", "di", "che", "per",
})  # fmt: skip


def _looks_english(sentence: str) -> bool:
    """An English sentence inside a paragraph detected as another language (a mixed
    paragraph): two English function words or more, and more of them than foreign ones."""
    words = re.findall(r"[^\W\d_]+", sentence.lower())
    english = sum(w in _ENGLISH_WORDS for w in words)
    other = sum(w in _OTHER_WORDS for w in words)
    return english >= 2 and english > other


# Comparison cues, matched in the folded (lower-case) text at word starts.
_COMPARISON_CUE = guarded(
    word_start_alternation([
        r"compared\s+(?:with|to)", r"as\s+against", "against", "from", "versus", r"vs\.?",
        "than", "over", r"relative\s+to",
    ])
    + r"\b"
)  # fmt: skip


def _comparison_basis(cues: TextCues, s_start: int, start: int) -> bool:
    """``the same period last year`` after a comparison cue in its clause is the basis of a
    year-on-year comparison (``up 5% from the same period last year``, ``compared with a loss
    of $3 million in the same period last year``), not a date (CONVENTIONS: ``the previous
    year`` in ``compared to the previous year``)."""
    clause_start = max(s_start, cues.last_break_before(start))
    return cues.has_comparison(clause_start, start)


def _speaks_of_future(cues: TextCues, s_start: int, s_end: int, start: int, end: int) -> bool:
    """A future cue before the mention in its sentence, or after it within its clause, or a
    forecast noun governing it (``the outlook for December``).

    A past report's date (``said in October that it would ...``) is not moved by the cue of
    the clause it reports.
    """
    text = cues.text
    if _past_anchored(text, s_start, start, end):
        return False
    if cues.has_future(s_start, start):
        return True
    if _FUTURE_BEFORE.search(text, max(s_start, start - 40), start):
        return True
    if _PAST_REPORT_BEFORE.search(text, max(s_start, start - 40), start):
        return False
    return cues.has_future(end, min(s_end, cues.next_clause_end(end)))


# ``compared with the three months ending September``, ``grow 5% from the June quarter``,
# ``versus September``: the basis of a comparison has happened, even in a guidance sentence.
_COMPARED_BEFORE = guarded(
    r"(?i)(?:\bcompared\s+(?:with|to)|\bas\s+against|\bagainst|\bversus|\bvs\.?|\brelative\s+to"
    r"|\bthan|(?:%|\bpercent|\bper\s+cent|\bpoints?)\s+(?:[a-z]+\s+){0,2}from)"
    r"\s+(?:[\w'\u2019-]+\s+){0,3}\Z"
)
# ``the plant we opened in January``, ``orders won in September``, ``since March``: a
# past-tense verb (or ``since``) governing the date; ``expected``, ``scheduled``, ``delayed``
# and the like point ahead and do not count.
_PAST_VERB_BEFORE = guarded(
    r"(?i)(?:(?<!\bbe\s)(?<!\bbe\s\s)\b(?:(?!(?:expected|scheduled|planned|slated|targeted|aimed"
    r"|intended|anticipated|projected|forecasted|budgeted|timed|pencil+ed|earmarked|proposed"
    r"|needed|required|delayed|postponed|pushed|moved|deferred|extended|rescheduled|guided"
    r"|committed)\b)[a-z]{3,}ed|rose|fell|grew|won|sold|began|made|took|saw|hit|paid|came|went"
    r"|had|did|was|were|got|led|built|bought|brought|ran|shut|spent|lost|met|held|struck)"
    r"\s+(?:in|on|during)\s+(?:(?:early|late|mid)[\s-]+)?\Z"
    r"|\bsince\s+(?:(?:early|late|mid)[\s-]+)?\Z)"
)
_PAST_VERB_AFTER = guarded(
    r"(?i)\s+(?:was|were|had|saw|showed|brought|proved|marked|ended|delivered|posted)\b"
)


def _past_anchored(text: str, s_start: int, start: int, end: int) -> bool:
    """The date is the basis of a comparison, or a past-tense verb governs it (see
    ``_COMPARED_BEFORE``, ``_PAST_VERB_BEFORE``, ``_PAST_VERB_AFTER``)."""
    lo = max(s_start, start - 60)
    if _COMPARED_BEFORE.search(text, lo, start):
        return True
    if _PAST_VERB_BEFORE.search(text, max(s_start, start - 40), start):
        return True
    return _PAST_VERB_AFTER.match(text, end) is not None


# ``its forecast``, ``beat forecasts``, ``analysts' forecasts``: the noun, no future cue.
_FORECAST_NOUN_BEFORE = guarded(
    r"(?i)(?:\b(?:its|the|their|a|an|our|his|her|this|that|these|those|beat|beats|beating"
    r"|missed|misses|missing|topped|tops|exceeded|exceeds|above|below|of|with|than)"
    r"|(?<=[a-z])(?:'s|s'|\u2019s|s\u2019))\s+\Z"
)
# ``said in October``, ``announced on March 3``: the date of a past report.
_PAST_REPORT_BEFORE = guarded(
    r"(?i)\b(?:said|announced|reported|disclosed|revealed|confirmed|stated|warned|told\s+\w+)"
    r"\s+(?:in|on|during|earlier\s+in|late\s+in|early\s+in)\s+(?:the\s+)?\Z"
)


class TextCues:
    """Positions of the future cues, comparison cues and clause breaks of a text."""

    def __init__(self, text: str) -> None:
        self.text = text
        folded = fold(text)
        future = [
            m.span()
            for m in _FUTURE.finditer(folded)
            if not (
                m.group().lower().startswith("forecast")
                and _FORECAST_NOUN_BEFORE.search(text, max(0, m.start() - 30), m.start())
            )
        ]
        self._future_starts = [start for start, _ in future]
        self._future_ends = [end for _, end in future]
        self._clause_ends = [m.start() for m in _CLAUSE_END.finditer(text)]
        self._folded = folded
        # Comparison cues and clause breaks serve comparison phrases alone (a few dates of a
        # text): found when first asked for.
        self._comparisons: tuple[list[int], list[int]] | None = None
        self._breaks: list[int] | None = None

    @staticmethod
    def _within(starts: list[int], ends: list[int], lo: int, hi: int) -> bool:
        i = bisect.bisect_left(starts, lo)
        return i < len(starts) and ends[i] <= hi

    def has_future(self, lo: int, hi: int) -> bool:
        """A future cue lies within ``lo``..``hi``."""
        return self._within(self._future_starts, self._future_ends, lo, hi)

    def has_comparison(self, lo: int, hi: int) -> bool:
        """A comparison cue lies within ``lo``..``hi``."""
        if self._comparisons is None:
            spans = [m.span() for m in _COMPARISON_CUE.finditer(self._folded)]
            self._comparisons = ([start for start, _ in spans], [end for _, end in spans])
        return self._within(*self._comparisons, lo, hi)

    def last_break_before(self, pos: int) -> int:
        """End of the last clause break (``;``, ``:``, ``, ``) before ``pos``, else 0."""
        if self._breaks is None:
            text = self.text
            # ``;``, ``:``, or ``,`` before a space.
            self._breaks = [
                i + 1 for i in self._clause_ends if text[i] != "," or text[i + 1 : i + 2].isspace()
            ]
        i = bisect.bisect_right(self._breaks, pos) - 1
        return self._breaks[i] if i >= 0 else 0

    def next_clause_end(self, pos: int) -> int:
        """Start of the first ``,``, ``;`` or ``:`` at or after ``pos``, else the text's end."""
        i = bisect.bisect_left(self._clause_ends, pos)
        return self._clause_ends[i] if i < len(self._clause_ends) else len(self.text)
