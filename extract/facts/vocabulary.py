"""The cue vocabulary compiled: patterns built from the rows of ``extract/data/cues.csv`` and
of the user's cue files (``[facts] lexicon_files``).

The rows give the words (change verbs, bases, modality words, owner, generic and exchange
names, segment words); the grammar around them (``rose 4% to``, ``a 4% increase in``) is
written here once, so adding a word to the data extends every pattern that uses its cue.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from extract.facts.cues import QUALIFIER_WORDS
from extract.lexicon import CueEntry

__all__ = ["Vocabulary", "build_vocabulary"]

_NEVER = "(?!)"
# The object of a verb whose metric is its object ("lifted orders by 15%").
_OBJECT_VERBS = r"lift(?:s|ed)?|raise[sd]?"
_COMPARED = r"(?:year|quarter|month|same\s+\w+|previous|prior|last\s+year|year[\s-]+ago)"
_BASIS_PHRASE = (
    r",?\s*(?:from|compared\s+(?:with|to)|versus|vs\.?|on|over)\s+(?:(?:a|the|one)\s+)?"
    r"(?:year|quarter|month|twelve\s+months|12\s+months)\s+(?:earlier|ago|before),?|"
    r",?\s*(?:from|compared\s+(?:with|to)|versus|vs\.?|on|over)\s+(?:the\s+)?(?:same\s+"
    r"(?:period|quarter|month|half)\s+(?:a|of\s+the\s+previous|last)\s+year|year[\s-]+ago\s+"
    r"(?:period|quarter|month|half))\s*,?"
)


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Compiled cue patterns; build with :func:`build_vocabulary`."""

    #: A change verb right before a figure (``rose 4%``, ``up by about 4%``).
    cue_before: re.Pattern[str]
    #: A change verb with the metric as object (``lifted orders by 15%``).
    object_cue_before: re.Pattern[str]
    #: A change noun right after a figure (``4% increase``, ``2.8% fewer than a year ago``).
    cue_after: re.Pattern[str]
    #: Basis words right after a figure (``4% year on year``).
    basis_after: re.Pattern[str]
    #: A cue word of a fall (its figure is negative).
    down_word: re.Pattern[str]
    #: ``(label, pattern)`` of the comparison bases, searched anywhere in a clause.
    basis: tuple[tuple[str, re.Pattern[str]], ...]
    #: Between a change and its level: ``to``/``at``, maybe after a basis phrase.
    to_level: re.Pattern[str]
    #: ``a 4% increase in (its) net profit``: a change noun before the metric phrase.
    change_of: re.Pattern[str]
    #: ``(label, pattern)`` of the modality words, first match wins.
    modality: tuple[tuple[str, re.Pattern[str]], ...]
    #: Words naming owners in an ``of`` phrase (``the market share of foreign brands``).
    owners: re.Pattern[str]
    #: A company named only by a common noun (``the Group``).
    generic_org: re.Pattern[str]
    #: A stock exchange or index, or a news agency: never a subject.
    exchange: re.Pattern[str]
    #: Words before a name that make it a source, a comparison or a partner.
    not_subject_before: re.Pattern[str]
    #: Words before a name that make it the source of a statistic (``according to``).
    source_before: re.Pattern[str]
    #: An exchange prefix before a ticker (``NYSE:``).
    ticker_before: re.Pattern[str]
    segment_stop: frozenset[str]
    mass_nouns: frozenset[str]
    corporate_words: frozenset[str]
    #: Legal forms and group words, dropped from a subject's name (``Holdings``, ``Inc``).
    legal_words: frozenset[str]
    #: A product noun right before a name (``its weight-loss drug Zelvora``).
    product_before: re.Pattern[str]
    #: A site noun right after a name (``the Tarrow mine``).
    asset_after: re.Pattern[str]
    asset_before: re.Pattern[str]


def _phrase(phrase: str) -> str:
    words = phrase.split()
    return r"[\s-]+".join(re.escape(w) for w in words)


def _alternation(entries: list[CueEntry]) -> str:
    """One regex alternation of the rows' phrases (longest first) and patterns."""
    plain = sorted({w for e in entries for w in e.words}, key=len, reverse=True)
    parts = [_phrase(w) for w in plain] + [e.phrases[3:] for e in entries if e.is_pattern]
    return "|".join(parts) if parts else _NEVER


def _rows(entries: tuple[CueEntry, ...], cue: str, *verdicts: str) -> list[CueEntry]:
    return [e for e in entries if e.cue == cue and (not verdicts or e.verdict in verdicts)]


def _words(entries: tuple[CueEntry, ...], cue: str) -> frozenset[str]:
    return frozenset(w.lower() for e in _rows(entries, cue) for w in e.words)


@functools.lru_cache(maxsize=16)
def build_vocabulary(entries: tuple[CueEntry, ...]) -> Vocabulary:
    """Compile cue rows (a lexicon's ``cues``) into the linker's patterns."""
    up = _alternation(_rows(entries, "change", "up"))
    down = _alternation(_rows(entries, "change", "down"))
    nouns = _alternation(_rows(entries, "change_noun"))
    down_nouns = _alternation(_rows(entries, "change_noun", "down"))
    basis_words = _alternation([e for e in _rows(entries, "basis") if not e.is_pattern])
    # Names that are never a figure's subject: exchanges and indexes, news agencies.
    never = [*_rows(entries, "exchange"), *_rows(entries, "news_agency")]
    flags = re.IGNORECASE
    cue_before = re.compile(
        rf"\b(?P<cue>{up}|{down})(?:\s+(?:{basis_words}|(?:so\s+far\s+)?this\s+year))?"
        rf"(?:\s+(?:by|of|at))?(?:\s+(?:{QUALIFIER_WORDS}))*\s*$",
        flags,
    )
    object_cue_before = re.compile(
        rf"\b(?P<cue>{up}|{down}|{_OBJECT_VERBS})\s+(?:its\s+|their\s+)?[a-z]+"
        rf"(?:\s+[a-z]+)?\s+by(?:\s+(?:{QUALIFIER_WORDS}))*\s*$",
        flags,
    )
    cue_after = re.compile(
        rf"^\s*(?:(?:{basis_words}|annual|quarterly)\s+)?"
        rf"(?P<cue>(?:{nouns})\b|higher(?!\s+than)|lower(?!\s+than)|"
        # "2.8% fewer than a year earlier": a comparison with the same measure back in time.
        rf"(?:higher|lower|more|fewer|less)(?=\s+than\s+(?:(?:a|the|one|in\s+the)\s+)?"
        rf"{_COMPARED}\b))\b",
        flags,
    )
    basis = tuple(
        (label, re.compile(_alternation(_rows(entries, "basis", label)), flags))
        for label in ("since_peak", "ytd", "qoq", "yoy")
    )
    modality = tuple(
        (e.verdict, re.compile(rf"\b(?:{_alternation([e])})\b", flags))
        for e in _rows(entries, "modality")
    )
    return Vocabulary(
        cue_before=cue_before,
        object_cue_before=object_cue_before,
        cue_after=cue_after,
        basis_after=re.compile(rf"^\s*(?:{basis_words})\b", flags),
        down_word=re.compile(rf"^(?:{down}|{down_nouns}|loss|fewer|less)$", flags),
        basis=tuple((label, re.compile(rf"\b(?:{p.pattern})\b", flags)) for label, p in basis),
        to_level=re.compile(
            rf"^\s*(?:(?:{basis_words})\s+|(?:{_BASIS_PHRASE})\s+)?(?:to|at)\s+"
            rf"(?:a\s+record\s+)?(?:(?:{QUALIFIER_WORDS})\s+)?$",
            flags,
        ),
        change_of=re.compile(
            rf"\s*(?:(?:{basis_words})\s+)?(?:{nouns})\s+(?:in|of)\s+(?:(?:its|the|[\w-]+)\s+){{0,2}}",
            flags,
        ),
        modality=modality,
        owners=re.compile(rf"\b(?:{_alternation(_rows(entries, 'owner'))})\b", flags),
        generic_org=re.compile(
            rf"^(?:the\s+)?(?:{_alternation(_rows(entries, 'generic'))})$", flags
        ),
        exchange=re.compile(
            rf"^(?:{_alternation([e for e in never if not e.is_pattern])})\b"
            rf"|{_alternation([e for e in never if e.is_pattern])}"
        ),
        not_subject_before=re.compile(_alternation(_rows(entries, "not_subject")), flags),
        source_before=re.compile(_alternation(_rows(entries, "not_subject", "source")), flags),
        ticker_before=re.compile(_alternation(_rows(entries, "not_subject", "ticker")), flags),
        segment_stop=_words(entries, "segment_stop"),
        mass_nouns=_words(entries, "mass_noun"),
        corporate_words=_words(entries, "corporate"),
        legal_words=frozenset(
            w.lower() for e in _rows(entries, "corporate", "legal") for w in e.words
        ),
        product_before=re.compile(
            rf"\b(?:{_alternation(_rows(entries, 'product_before'))})\s+$", flags
        ),
        asset_after=re.compile(rf"^\s+(?:{_alternation(_rows(entries, 'asset_after'))})\b", flags),
        asset_before=re.compile(
            rf"\b(?:{_alternation(_rows(entries, 'asset_before'))})\s+(?:at|in)\s+(?:the\s+)?$",
            flags,
        ),
    )
