"""The linker's working records: a sentence's candidates, a fact under construction, the
paragraph's state and the document context."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeVar

from extract.facts.vocabulary import Vocabulary
from extract.lexicon import LexiconMatch
from extract.records import Mention

Span = TypeVar("Span", Mention, LexiconMatch)


@dataclass(slots=True)
class Draft:
    """A fact under construction (private, mutable while one sentence is read)."""

    metric: str
    sentence: tuple[int, int]
    anchor: LexiconMatch | None = None
    value: Mention | None = None
    change: Mention | None = None
    change_sign: int = 1
    subject: str = ""
    segment: str = ""
    period: str = ""
    dates: list[Mention] = field(default_factory=list)
    modality: str = "actual"
    basis: str = ""
    reference: bool = False
    weak_segment: bool = False
    year_earlier: bool = False
    #: The comparison phrase naming this prior-period figure's period ("the previous quarter").
    comparison: str = ""
    #: An amount per share (``$2.31 a share``): its unit is the currency per share.
    per_share: bool = False
    superseded: bool = False

    @property
    def position(self) -> int:
        used = self.value or self.change
        return used.start if used is not None else self.sentence[0]


@dataclass(slots=True)
class ParagraphState:
    """What earlier sentences of the paragraph established (subject, segment, dates)."""

    subject: str = ""
    segment: str = ""
    dates: list[Mention] = field(default_factory=list)
    free_anchors: list[LexiconMatch] = field(default_factory=list)
    last_anchor: LexiconMatch | None = None
    fact_period: tuple[int, str] = (-1, "")


@dataclass(frozen=True, slots=True)
class DocContext:
    """What the whole document is about: ``main_org`` is the company the article is about
    (pronouns, "the company" and undated figures take it), ``report_period`` the period it
    reports, ``reference_day``/``reference_year`` those of its reference date."""

    text: str
    main_org: str
    main_place: str
    report_period: str
    reference_year: str
    reference_day: str = ""
    unit_segments: bool = True
    #: The currency most amounts of the document are stated in (``CNY``), or "".
    currency: str = ""


@dataclass(frozen=True, slots=True)
class Sentence:
    span: tuple[int, int]
    numbers: tuple[Mention, ...]
    dates: tuple[Mention, ...]
    orgs: tuple[Mention, ...]
    places: tuple[Mention, ...]
    products: tuple[Mention, ...]
    anchors: tuple[LexiconMatch, ...]
    segments: tuple[LexiconMatch, ...]
    #: The cue vocabulary the sentence is read with.
    vocab: Vocabulary
