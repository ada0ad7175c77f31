"""How a model span is read: the name it holds, sentences in capitals, wire-copy credits."""

from __future__ import annotations

import re
from collections import Counter

from extract.document import ParsedDoc
from extract.normalize.entities import (
    canonical_key,
)
from extract.stages.entities.context import (
    _DocContext,
)
from extract.stages.entities.cues import (
    not_an_org,
    page_label,
    person_start,
    without_boilerplate,
    without_headline_verbs,
)
from extract.stages.entities.spans import (
    _Cand,
    _trim,
)
from extract.stages.entities.vocab import (
    NOT_ENTITIES,
)


def _confirmed_elsewhere(
    doc: ParsedDoc, ctx: _DocContext, c: _Cand, confirmed: Counter[tuple[str, str]]
) -> bool:
    """Another mention of the same kind and key stands in English body text."""
    key = (c.kind, canonical_key(doc.text[c.start : c.end]))
    own = ctx.english(doc, c.start) and not ctx.in_title(c.start)
    return confirmed[key] > (1 if own else 0)


def _name_of_span(
    text: str, start: int, end: int, label: str, in_title: bool
) -> tuple[int, int] | None:
    """The name a model span holds, past page words, titles and headline verbs; ``None``
    for a page label, a heading, or a law, programme or event read as a name."""
    start, end = without_boilerplate(text, start, end)
    code = _CODE_PREFIX.match(text, start, end)
    if code is not None and code.group(1).casefold() in NOT_ENTITIES:
        start = code.end()  # "BST-UK Markets": a time zone glued to a name
    if label == "PERSON":
        start = person_start(text, start, end)
    if in_title:
        end = without_headline_verbs(text, start, end)
    month = _TRAILING_MONTH.search(text, start, end)
    if month is not None and month.start() > start and re.match(r"\s*\d", text[end : end + 3]):
        end = month.start()  # "By Mara Quill Jul 12, 2015": the date after a byline
    start, end = _trim(text, start, end)
    surface = text[start:end]
    if end <= start or page_label(surface) or _ACRONYM_PLURAL.fullmatch(surface):
        return None  # a page label; "MPs", "NGOs": the plural of an acronym is no name
    if label in ("ORG", "PERSON", "PRODUCT", "NORP") and not_an_org(surface):
        return None
    if label == "ORG" and _BEFORE_MINISTER.match(text, end):
        return None  # "the Finance Minister": a portfolio, not an organisation
    return start, end


def _in_capitals(doc: ParsedDoc, offset: int, cache: dict[tuple[int, int], bool]) -> bool:
    """The sentence at ``offset`` is written in capitals: at least four words, most of
    them all capitals (a heading or a shouted summary line, where the model cannot tell
    names from words)."""
    sentence = doc.sentence_at(offset)
    if sentence not in cache:
        words = _CAPS_WORD.findall(doc.text, *sentence)
        capitals = sum(1 for w in words if w.isupper())
        cache[sentence] = len(words) >= 4 and capitals >= 0.7 * len(words)
    return cache[sentence]


_CAPS_WORD = re.compile(r"[^\W\d_]{2,}")


_TRAILING_MONTH = re.compile(
    r"\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March"
    r"|April|June|July|August|September|October|November|December)\.?$"
)


_BEFORE_MINISTER = re.compile(r"[ ]+Ministers?\b")


# Wire-copy credits: "(Reporting by Mara Quill in Oslo; Editing by Jon Vettori)".
_CREDIT = re.compile(
    r"\b(?:[Rr]eporting|[Ee]diting|[Ww]riting|[Aa]dditional reporting)[ ]+[Bb]y[ ]+"
    r"(?P<names>[A-Z][\w'-]+(?:[ ][A-Z][\w'-]+){1,2}(?:(?:,[ ]|[ ]and[ ])[A-Z][\w'-]+"
    r"(?:[ ][A-Z][\w'-]+){1,2})*)"
)
_CREDIT_NAME = re.compile(r"[A-Z][\w'-]+(?:[ ][A-Z][\w'-]+){1,2}")


def _byline_people(doc: ParsedDoc, ctx: _DocContext) -> list[_Cand]:
    """The people a wire story credits for reporting, writing or editing it."""
    text = doc.text
    found: list[_Cand] = []
    for match in _CREDIT.finditer(text):
        if not ctx.english(doc, match.start()):
            continue
        start = match.start("names")
        for name in _CREDIT_NAME.finditer(match.group("names")):
            words = name.group(0).split()
            if words[-1] in ("In", "At", "From", "And"):
                continue
            found.append(_Cand("person", start + name.start(), start + name.end(), "rule"))
    return found


_CODE_PREFIX = re.compile(r"([A-Z]{2,5})[-\u2013]")


_ACRONYM_PLURAL = re.compile(r"[A-Z]{2,}s")
