"""Pass 1: cut sentences and read each one's candidates: figures, dates, names, metric phrases,
segments; classify each figure as a level, a change or nothing."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from extract.document import ParsedDoc
from extract.facts.cues import (
    BRACKET_GAP,
    COMPOUND_MODIFIER,
    DATE_GLUE,
    ESTIMATE_AFTER,
    ESTIMATE_BEFORE,
    FLOW_COUNT_BEFORE,
    GAP_AFTER,
    LIST_GLUE,
    MEASURE_LEVEL_AFTER,
    OR_GAP,
    ORGANIC_BEFORE,
    OTHERS_OUTLETS_AFTER,
    PER_MEASURE_AFTER,
    PER_SHARE_ASIDE,
    PER_SHARE_IMPACT_AFTER,
    RATE_ASIDE,
    REQUIREMENT_BEFORE,
    RESTATEMENT_AFTER,
    REVISION_BEFORE,
    SHARE_OF_TOTAL_AFTER,
    SIGNED,
    STREAK_AFTER,
    THIS_YEAR_BEFORE,
    THRESHOLD_BEFORE,
    TOLERANCE_BEFORE,
    TRANSFER_BEFORE,
    VALUATION_BEFORE,
    WORD,
)
from extract.facts.kinds import BLOCK, OUTLET_UNITS
from extract.facts.records import Sentence, Span
from extract.facts.subject_cues import (
    DIVISION_AFTER,
    NATIONALITY,
    SEGMENT_HEAD,
    SEGMENT_LEAD,
)
from extract.facts.vocabulary import Vocabulary
from extract.lexicon import NO_METRIC, LexiconMatch, MetricLexicon
from extract.records import Mention

_FIGURE_STOP = re.compile(r"\.[\"\u201d\u2019]?\s+(?=[\"\u201c]?[A-Z])")


def split_after_figures(
    sentences: list[tuple[int, int]], mentions: Sequence[Mention], text: str
) -> list[tuple[int, int]]:
    """Sentences cut after a figure that ends one (``... to £96.5m. Online sales ...``): a
    sentence splitter may take ``m.`` or ``bn.`` for an abbreviation."""
    ends = sorted(m.end for m in mentions if m.kind in ("money", "percent", "quantity"))
    out: list[tuple[int, int]] = []
    for start, end in sentences:
        begin = start
        for cut in ends[bisect.bisect_right(ends, start) : bisect.bisect_left(ends, end)]:
            stop = _FIGURE_STOP.match(text, cut, end)
            if stop is not None and cut > begin:
                out.append((begin, cut + 1))
                begin = stop.end()
        out.append((begin, end))
    return out


# A line opening with a list marker: a bullet point is a statement of its own.
BULLET_LINE = re.compile(r"\n(?=[ \t]*(?:[-*\u2022\u2013\u25aa\u25cf]|\d{1,2}[.)])[ \t])")


def split_at_bullets(sentences: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Sentences cut before every bullet line: a list of highlights often has no closing
    punctuation, so a sentence splitter reads it as one sentence."""
    cuts = [m.end() for m in BULLET_LINE.finditer(text)]
    out: list[tuple[int, int]] = []
    for start, end in sentences:
        begin = start
        for cut in cuts[bisect.bisect_right(cuts, start) : bisect.bisect_left(cuts, end)]:
            if text[begin : cut - 1].strip():
                out.append((begin, cut - 1))
            begin = cut
        out.append((begin, end))
    return out


def read_candidates(
    doc: ParsedDoc,
    mentions: Sequence[Mention],
    lexicon: MetricLexicon,
    vocab: Vocabulary,
    tables: Sequence[tuple[int, int]] = (),
) -> tuple[list[Sentence], bool]:
    """Pass 1: the candidates of every English sentence, in text order, and whether an
    English sentence names a segment of the lexicon.

    Metric phrases and segments are found once in the whole text; each sentence takes its
    own by bisection, so the pass stays linear in the text. Text inside ``tables`` (spans
    read by the table pass) is no sentence; a sentence with more than ``MAX_FIGURES``
    figures is read in pieces of that many, which bounds every pairwise pass.
    """
    text = doc.text
    spans = split_at_bullets(list(doc.sentences) or [(0, len(text))], text)
    spans = split_after_figures(spans, mentions, text)
    spans = _cap_figures(_outside(spans, tables), mentions)
    starts = [s for s, _ in spans]
    by_sentence: dict[int, list[Mention]] = {}
    for mention in sorted(mentions, key=lambda m: (m.start, m.end)):
        if mention.status != "ok":
            continue
        index = max(bisect.bisect_right(starts, mention.start) - 1, 0)
        if spans and spans[index][0] <= mention.start < spans[index][1]:
            by_sentence.setdefault(index, []).append(mention)
    anchors = [a for a in lexicon.find_metrics(text) if a.label != NO_METRIC or a.role == BLOCK]
    segments = lexicon.find_segments(text)
    anchor_starts = [a.start for a in anchors]
    segment_starts = [s.start for s in segments]
    sentences: list[Sentence] = []
    named_segments = False
    for index, (start, end) in enumerate(spans):
        if not doc.is_english(start):
            continue
        own_anchors = anchors[
            bisect.bisect_left(anchor_starts, start) : bisect.bisect_left(anchor_starts, end)
        ]
        own_segments = segments[
            bisect.bisect_left(segment_starts, start) : bisect.bisect_left(segment_starts, end)
        ]
        named_segments = named_segments or bool(own_segments)
        sentences.append(
            make_sentence(
                (start, end), by_sentence.get(index, []), own_anchors, own_segments, text, vocab
            )
        )
    return sentences, named_segments


#: The most figures one sentence is read with; longer runs (a table without punctuation)
#: are read in pieces.
MAX_FIGURES = 24


def _outside(
    spans: list[tuple[int, int]], tables: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The parts of ``spans`` outside the (sorted) ``tables`` spans."""
    if not tables:
        return spans
    out: list[tuple[int, int]] = []
    starts = [s for s, _ in tables]
    for start, end in spans:
        i = max(bisect.bisect_right(starts, start) - 1, 0)
        cursor = start
        while i < len(tables) and tables[i][0] < end:
            t_start, t_end = tables[i]
            if t_end > cursor:
                if t_start > cursor:
                    out.append((cursor, t_start))
                cursor = max(cursor, t_end)
            i += 1
        if end - cursor > 1:
            out.append((cursor, end))
    return out


def _cap_figures(
    spans: list[tuple[int, int]], mentions: Sequence[Mention]
) -> list[tuple[int, int]]:
    """Spans cut so that none holds more than ``MAX_FIGURES`` figures."""
    starts = sorted(m.start for m in mentions if m.kind in ("money", "percent", "quantity"))
    out: list[tuple[int, int]] = []
    for start, end in spans:
        first, last = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
        if last - first <= MAX_FIGURES:
            out.append((start, end))
            continue
        cursor = start
        for i in range(first + MAX_FIGURES, last, MAX_FIGURES):
            out.append((cursor, starts[i]))
            cursor = starts[i]
        out.append((cursor, end))
    return out


class _Figures:
    """The figure spans of a sentence, sorted, for bisection (figures do not overlap)."""

    def __init__(self, mentions: Sequence[Mention], kinds: tuple[str, ...]) -> None:
        self.spans = sorted((m.start, m.end) for m in mentions if m.kind in kinds)
        self.starts = [s for s, _ in self.spans]

    def around(self, mention: Mention, *, whole: bool) -> bool:
        """Whether a figure holds ``mention`` (``whole``) or overlaps it."""
        i = bisect.bisect_right(self.starts, mention.start if whole else mention.end - 1) - 1
        if i < 0:
            return False
        start, end = self.spans[i]
        return mention.end <= end if whole else mention.start < end and start < mention.end


def make_sentence(
    span: tuple[int, int],
    mentions: list[Mention],
    anchors: list[LexiconMatch],
    segments: list[LexiconMatch],
    text: str,
    vocab: Vocabulary,
) -> Sentence:
    """The candidates of the sentence ``span``: ``mentions`` are its own; ``anchors`` and
    ``segments`` those of the sentence (found once for the whole text)."""
    start, end = span
    own = [s for s in segments if start <= s.start and s.end <= end]
    own = _with_generic_segments(text, span, own, mentions, anchors, vocab)
    figures = _Figures(mentions, ("money", "percent", "quantity"))
    amounts = _Figures(mentions, ("money", "percent"))
    return Sentence(
        span=span,
        numbers=tuple(m for m in mentions if m.kind in ("money", "percent", "quantity")),
        dates=tuple(m for m in mentions if m.kind == "date" and m.period),
        # A name inside a figure ("NOK 9.8 billion", "2,318 Marumiya stores") is no subject.
        orgs=tuple(m for m in mentions if m.kind == "org" and not figures.around(m, whole=True)),
        places=tuple(m for m in mentions if m.kind == "place"),
        products=tuple(
            m for m in mentions if m.kind == "product" and not amounts.around(m, whole=False)
        ),
        anchors=tuple(a for a in anchors if start <= a.start and a.end <= end),
        segments=tuple(own),
        vocab=vocab,
    )


def _with_generic_segments(
    text: str,
    span: tuple[int, int],
    known: list[LexiconMatch],
    mentions: list[Mention],
    anchors: list[LexiconMatch],
    vocab: Vocabulary,
) -> list[LexiconMatch]:
    """Add the segments a sentence names in its own words to those of the lexicon.

    ``the robotics segment``, ``the drugstore and payments segments`` (two segments), ``the
    overseas retail unit``, and a sentence opening with a noun before a metric phrase
    (``Instruments and accessories revenue rose``, ``Vehicle gross margin``). Names are lower
    case, with the last word in the plural (``drugstores``, ``vehicles``) unless it is one
    already, a mass noun (``retail``) or a capitalized name (``the Storage division``); an
    org name before a division word is such a name.
    """
    start, end = span
    named = [
        m
        for m in mentions
        if m.kind in ("product", "place", "person", "date")
        or (m.kind == "org" and not DIVISION_AFTER.match(text, m.end, end))
    ]
    found: list[LexiconMatch] = []

    def add(first: int, last: int) -> None:
        words = text[first:last].lower().split()
        if not words or any(w in vocab.segment_stop for w in words) or len(words) > 4:
            return
        if any(m.start < last and first < m.end for m in named):
            return
        if any(k.start < last and first < k.end for k in (*known, *found)):
            return
        if text[first].isupper() and first > start:
            found.append(LexiconMatch(first, last, " ".join(words)))  # a division's own name
        else:
            found.append(LexiconMatch(first, last, _segment_name(words, vocab.mass_nouns)))

    for match in SEGMENT_HEAD.finditer(text, start, end):
        name_start, name_end = match.span("name")
        if match.group("head").lower().endswith("s") and " and " in match.group("name"):
            left, _, right = match.group("name").partition(" and ")
            add(name_start, name_start + len(left))
            add(name_end - len(right), name_end)
        else:
            add(name_start, name_end)
    opening = [
        a
        for a in anchors
        if start <= a.start and a.end <= end and a.label != NO_METRIC and a.role == "noun"
    ]
    if opening:
        first_anchor = min(opening, key=lambda a: a.start)
        lead = SEGMENT_LEAD.fullmatch(text, start, first_anchor.start)
        # "European sales rose": a region or nationality goes to scope, not segment.
        if lead is not None and not lead.group("name").split()[0].endswith(NATIONALITY):
            add(*lead.span("name"))
    return sorted([*known, *found], key=lambda m: m.start)


def _segment_name(words: list[str], mass_nouns: frozenset[str]) -> str:
    last = words[-1]
    if not last.endswith(("s", "ing", "al", "ware")) and last not in mass_nouns and last.isalpha():
        last = (
            last[:-1] + "ies" if last.endswith("y") and last[-2:-1] not in "aeiou" else last + "s"
        )
    return " ".join([*words[:-1], last])


def own_date(value: Mention, sentence: Sentence, text: str) -> Mention | None:
    """The date written right after a figure (``12.5% in Q1 2024``), if any."""
    following = [d for d in sentence.dates if d.start >= value.end]
    if following:
        first = min(following, key=lambda d: d.start)
        gap = text[value.end : first.start]
        aside = PER_SHARE_ASIDE.match(gap) or RATE_ASIDE.match(gap)
        if aside is not None:
            gap = gap[aside.end() :]
        if DATE_GLUE.match(gap):
            return first
    return None


def classify_figure(number: Mention, sentence: Sentence, text: str) -> str:
    """``change``, ``level`` or ``skip`` for one numeric mention."""
    after = text[number.end : min(number.end + 60, sentence.span[1])]
    before = text[previous_boundary(number, sentence) : number.start]
    if number.kind == "percent":
        if MEASURE_LEVEL_AFTER.match(text, number.end, sentence.span[1]):
            return "skip"  # "fuel dropped 9% to 3.10 reais a litre": a commodity's move
        vocab = sentence.vocab
        if (
            vocab.cue_before.search(before)
            or vocab.cue_after.search(after)
            or vocab.object_cue_before.search(before)
        ):
            return "change"
        if THIS_YEAR_BEFORE.search(before) or ORGANIC_BEFORE.search(before):
            return "change"  # "bringing their gain this year to 64%", "organic growth was 9%"
        if SIGNED.search(before) or number.text[:1] in "+-\u2212" or vocab.basis_after.match(after):
            return "change"  # "(+22.3% YoY)", "-4% y/y"
        if number.unit == "percentage_point":
            return "skip"
        if SHARE_OF_TOTAL_AFTER.search(after) or GAP_AFTER.search(after):
            return "skip"
        return "level"
    if RESTATEMENT_AFTER.search(after) or GAP_AFTER.search(after):
        return "skip"
    if number.kind == "quantity" and COMPOUND_MODIFIER.match(number.text):
        return "skip"  # "a seven-seat SUV", "a 12-store chain": a modifier, not a count
    if number.kind == "money" and PER_MEASURE_AFTER.match(after):
        return "skip"  # "4.02 reais per liter": a commodity price, not the company's
    if number.kind == "quantity" and OTHERS_OUTLETS_AFTER.match(after):
        return "skip"  # "1,200 stores of European retail chains": another business's stores
    if STREAK_AFTER.search(text[number.end : sentence.span[1]]):
        return "skip"
    if number.kind == "quantity" and FLOW_COUNT_BEFORE.search(before):
        return "skip"
    if number.kind == "quantity" and number.unit in OUTLET_UNITS and TRANSFER_BEFORE.search(before):
        return "skip"  # "would sell 40 restaurants to franchisees": a transfer, not a stock
    if number.kind == "money" and _is_conversion(number, sentence, text):
        return "skip"
    if REQUIREMENT_BEFORE.search(before):
        return "skip"  # "needs to deliver an average of 34,300 a month": derived, not stated
    if TOLERANCE_BEFORE.search(before):
        return "skip"  # "plus or minus 200 million euros": a range's width
    if REVISION_BEFORE.search(before):
        return "skip"  # "raised its forecast by $12 million"
    if THRESHOLD_BEFORE.search(before):
        return "skip"  # "clients contributing more than $100 million": a threshold
    if (
        ESTIMATE_BEFORE.search(before)
        or ESTIMATE_AFTER.match(after)
        or VALUATION_BEFORE.search(before)
    ):
        return "skip"  # analysts' figures about the company, or its market value
    if number.kind == "money" and PER_SHARE_IMPACT_AFTER.match(after):
        return "skip"  # "could shave 40 cents a share from earnings": an effect, not EPS
    if number.value is None and number.value_low is None:
        return "skip"
    return "level"


def _is_conversion(number: Mention, sentence: Sentence, text: str) -> bool:
    """``7.8 billion yuan ($1.10 billion)``: the bracketed amount restates the one before."""
    for other in sentence.numbers:
        if other.kind == "money" and other.end <= number.start:
            gap = text[other.end : number.start]
            if (
                BRACKET_GAP.match(gap)
                and ("(" in gap or number.text.startswith("("))
                and other.unit != number.unit
            ):
                return True  # the same currency in brackets is the prior-year figure
            # "30 billion won, or roughly 3 billion yen": the same amount in another currency.
            if other.unit != number.unit and OR_GAP.match(gap) and "," in gap:
                return True
    return False


def previous_boundary(number: Mention, sentence: Sentence) -> int:
    start = sentence.span[0]
    for other in sentence.numbers:
        if other.end <= number.start:
            start = max(start, other.end)
    return start


def sign_of_change(number: Mention, sentence: Sentence, text: str) -> int:
    before = text[previous_boundary(number, sentence) : number.start]
    written = SIGNED.search(before)
    if written is not None or number.text[:1] in "+-\u2212":
        sign = written.group("sign") if written is not None else number.text[0]
        return 1 if sign == "+" else -1
    match = (
        sentence.vocab.cue_before.search(before)
        or THIS_YEAR_BEFORE.search(before)
        or sentence.vocab.object_cue_before.search(before)
    )
    if match is None:
        match = sentence.vocab.cue_after.search(text[number.end : sentence.span[1]])
    if match is None:
        return 1
    cue = match.group("cue").lower()
    return -1 if sentence.vocab.down_word.match(cue) else 1


def words_between(text: str, start: int, end: int) -> int:
    return len(WORD.findall(text[start:end])) if end > start else 0


def listed_run(items: Sequence[Span], text: str) -> list[Span]:
    """The last run of items joined only by commas and ``and``/``or``."""
    run: list[Span] = []
    for item in items:
        if run and LIST_GLUE.match(text[run[-1].end : item.start]):
            run.append(item)
        else:
            run = [item]
    return run if len(run) >= 2 else []
