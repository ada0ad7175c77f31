"""Context of a date in its sentence: future cues, comparison bases, mixed-language sentences."""

from __future__ import annotations

import re

_FUTURE = re.compile(
    r"\b(?:will|won't|shall|'ll|plans?\s+to|needs?\s+to|planned\s+to|planning\s+to|expects?|expecting"
    r"|expected\s+to|(?:is|are)\s+expected|aims?\s+to|intends?\s+to|going\s+to"
    r"|(?:is|are)\s+set\s+to|(?:is|are)\s+scheduled|forecasts?|upcoming|is\s+due\s+to"
    r"|would(?!\s+(?:have|not\s+have)\b)|payable|later\s+this\s+(?:week|month|quarter|year)"
    r"|to\s+be\s+(?:paid|held|launched|released|published|completed|opened|delivered|issued"
    r"|listed|made|announced|introduced|signed|closed|finali[sz]ed))\b",
    re.IGNORECASE,
)
# ``the outlook for December``, ``guidance for the December quarter``: a period a forecast
# is about lies ahead.
_FUTURE_BEFORE = re.compile(
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
_RESULTS = re.compile(
    r"(?:'s)?\s+(?:financial\s+|earnings\s+|operating\s+)?(?:results|earnings|report|figures)\b",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[,;:]")
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


_CLAUSE_BREAK = re.compile(r"[;:]|,(?=\s)")
_COMPARISON_CUE = re.compile(
    r"\b(?:compared\s+(?:with|to)|as\s+against|against|from|versus|vs\.?|than|over"
    r"|relative\s+to)\b",
    re.IGNORECASE,
)


def _comparison_basis(text: str, s_start: int, start: int) -> bool:
    """``the same period last year`` after a comparison cue in its clause is the basis of a
    year-on-year comparison (``up 5% from the same period last year``, ``compared with a loss
    of $3 million in the same period last year``), not a date (CONVENTIONS: ``the previous
    year`` in ``compared to the previous year``)."""
    clause_start = s_start
    for m in _CLAUSE_BREAK.finditer(text, s_start, start):
        clause_start = m.end()
    return _COMPARISON_CUE.search(text, clause_start, start) is not None


def _speaks_of_future(text: str, s_start: int, s_end: int, start: int, end: int) -> bool:
    """A future cue before the mention in its sentence, or after it within its clause, or a
    forecast noun governing it (``the outlook for December``).

    A past report's date (``said in October that it would ...``) is not moved by the cue of
    the clause it reports.
    """
    if _future_cue(text, s_start, start):
        return True
    if _FUTURE_BEFORE.search(text, max(s_start, start - 40), start):
        return True
    if _PAST_REPORT_BEFORE.search(text, max(s_start, start - 40), start):
        return False
    clause = _CLAUSE_END.search(text, end, s_end)
    return _future_cue(text, end, clause.start() if clause else s_end)


# ``its forecast``, ``beat forecasts``, ``analysts' forecasts``: the noun, no future cue.
_FORECAST_NOUN_BEFORE = re.compile(
    r"(?i)(?:\b(?:its|the|their|a|an|our|his|her|this|that|these|those|beat|beats|beating"
    r"|missed|misses|missing|topped|tops|exceeded|exceeds|above|below|of|with|than)"
    r"|(?<=[a-z])(?:'s|s'|\u2019s|s\u2019))\s+\Z"
)
# ``said in October``, ``announced on March 3``: the date of a past report.
_PAST_REPORT_BEFORE = re.compile(
    r"(?i)\b(?:said|announced|reported|disclosed|revealed|confirmed|stated|warned|told\s+\w+)"
    r"\s+(?:in|on|during|earlier\s+in|late\s+in|early\s+in)\s+(?:the\s+)?\Z"
)


def _future_cue(text: str, lo: int, hi: int) -> bool:
    for m in _FUTURE.finditer(text, lo, hi):
        word = m.group().lower()
        if word.startswith("forecast") and _FORECAST_NOUN_BEFORE.search(
            text, max(lo, m.start() - 30), m.start()
        ):
            continue
        return True
    return False
