"""What the words around a name and the whole document say about it."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from extract.document import ParsedDoc
from extract.language import foreign_sentence
from extract.normalize.entities import (
    canonical_key,
)
from extract.stages.entities.spans import (
    LowerWords,
    _Cand,
    _legal_form,
    _name_tokens,
    _words,
    _wrapped_at,
)
from extract.stages.entities.vocab import (
    _DETERMINERS,
    _FUNCTION_WORDS,
    _PLACE_SUFFIXES,
    _REGION_WORDS,
    _STRONG_ORG_WORDS,
)

_ABBREV_INNER = re.compile(r"\(([A-Z][A-Za-z&]{1,9})\)")

_PAREN = re.compile(r"\(([^()\n]{3,80})\)")


def _title_like(line: str) -> bool:
    """A heading: short, no final sentence punctuation, most words capitalized."""
    stripped = line.strip()
    if not stripped or stripped[-1] in '.:;,"\u201d':
        return False
    words = [w for w in _words(stripped) if w.isalpha()]
    if not words or len(words) > 12:
        return False
    content = [w for w in words if w.casefold() not in _FUNCTION_WORDS or w[0].isupper()]
    capitalized = sum(1 for w in content if w[0].isupper())
    return capitalized >= 0.6 * len(content) and len(words) >= 2


def _foreign_org_trim(text: str, c: _Cand) -> _Cand:
    """``der Partnerfirma Rheinwerk Handel GmbH``: in a language that capitalizes nouns, the
    noun after an article, before a longer name with a legal form, is no part of it."""
    words = list(re.finditer(r"\S+", text[c.start : c.end]))
    if len(words) < 4 or not _legal_form(words[-1].group(0)):
        return c
    before = re.search(r"(\S+)\s+$", text[max(0, c.start - 20) : c.start])
    if before is None or before.group(1).casefold() not in _DETERMINERS:
        return c
    return replace(c, start=c.start + words[1].start())


def _unmistakable_name(text: str, c: _Cand) -> bool:
    """A name that needs no English confirmation: a company with its legal form, or a
    personal name of two or three capitalized words that is not led by an article."""
    words = _name_tokens(text[c.start : c.end])
    if c.kind == "org":
        return len(words) >= 2 and _legal_form(words[-1])
    if c.kind != "person" or not 2 <= len(words) <= 3:
        return False
    before = re.search(r"(\S+)\s+$", text[max(0, c.start - 20) : c.start])
    return (
        all(w[0].isupper() and w[1:].islower() for w in words)
        and not any(w.casefold() in _DETERMINERS | _FUNCTION_WORDS for w in words)
        and (before is None or before.group(1).casefold() not in _DETERMINERS)
    )


# A speaker's attribution around a name: "Lindqvist said", "said Lindqvist".
_SPEECH = re.compile(
    r"\s+(?:said|says|told|added|noted|explained|wrote|declined)\b"
    r"|\b(?:said|says|according to)\s+$"
)


def _sentence_start(doc: ParsedDoc, offset: int) -> bool:
    """Only punctuation or space stands between the sentence (or line) start and ``offset``."""
    s_start, _s_end = doc.sentence_at(offset)
    line_start = doc.text.rfind("\n", 0, offset) + 1
    before = doc.text[max(s_start, line_start) : offset]
    return not re.search(r"[^\W_]", before)


def _sentence_pieces(doc: ParsedDoc, start: int, end: int) -> list[tuple[int, int]]:
    """A model span cut where a sentence ends inside it (``Model Y. Elon Musk``); a line
    that wraps a sentence does not end one."""
    pieces: list[tuple[int, int]] = []
    piece_start = start
    while True:
        _s_start, s_end = doc.sentence_at(start)
        if not doc.sentences or s_end >= end or s_end <= start:
            pieces.append((piece_start, end))
            return pieces
        newline = doc.text.find("\n", s_end, end)
        if newline != -1 and not doc.text[s_end:newline].strip() and _wrapped_at(doc.text, newline):
            start = newline + 1
            continue
        pieces.append((piece_start, s_end))
        start = s_end
        while start < end and doc.text[start].isspace():
            start += 1
        piece_start = start
        if start >= end:
            return pieces


_DEPARTMENT = re.compile(r"\b(?:Department|Dept\.?|Division|Business (?:Unit|Group)|Team|Office)\b")

# A department of a government, not of a company: "the Department of Labor", "the Treasury
# Department", "the U.S. Justice Department".
_GOVERNMENT_DEPARTMENT = re.compile(
    r"(?:Department|Dept\.?|Ministry) of [A-Z]"
    r"|(?:(?:U\.?S\.?|US|United States|Federal)[ ])?(?:Treasury|Justice|State|Commerce|Labor"
    r"|Labour|Defense|Defence|Energy|Agriculture|Interior|Education|Transportation|Health"
    r"|Finance|Homeland Security)[ ]Department$"
)
# "its Mobile Drives division": a named unit of a company.
_DIVISION_AFTER = re.compile(
    r"[ \t]+(?:division|divisions|segment|segments|business unit|department|business line)\b"
)

_COMPANY_AFTER = re.compile(
    r"['\u2019]s\s+(?:shares?|stock|share price|revenue|profit|net profit|market share|sales"
    r"|earnings|valuation|subsidiary|subsidiaries|factory|factories|stores|products|brand"
    r"|chief executive|CEO|CFO|chairman|spokesman|spokeswoman|spokesperson)\b"
    r"|\s+(?:released|reported|posted|announced|published|unveiled) (?:its|their)\b"
    r"|,? (?:Inc|Ltd|Co|Corp|GmbH|AG|SA|SE|NV|PLC|plc|LLC|S\.p\.A|S\.A|N\.V|K\.K)\b"
    r"|,\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,4}?(?:maker|manufacturer|producer|supplier"
    r"|provider|developer|operator|company|firm|retailer|distributor|lender|insurer"
    r"|conglomerate|carrier|startup|start-up|subsidiary)\b"
)

_COMPANY_BEFORE = re.compile(
    r"\b(?:shares (?:of|in)|stake in|subsidiary of|rivals?|brands? like|acquisition of"
    r"|acquired|takeover of|merger with"
    r"|(?:management|investment|law|consulting|accounting|brokerage|research|advisory) firm"
    r"|(?:asset|fund|funds|investment) manager|broker|lender|insurer"
    r"|(?:chief executive|CEO|CFO|COO|CTO|chairman|chairwoman|founder|co-founder"
    r"|managing director|spokesman|spokeswoman|spokesperson|analysts?|economists?"
    r"|strategists?|employees?) (?:of|at))\s+$",
    re.IGNORECASE,
)

# A named programme or service in apposition: "the rewards scheme, Club Prima," or
# "a streaming app called Zuno". Its name is a product, not a person.
_NAMED_SERVICE = re.compile(
    r"\b(?:program|programme|scheme|app|service|subscription|membership)"
    r"(?:,\s*|\s+(?:called|named|dubbed|branded)\s+)$",
    re.IGNORECASE,
)

_PLACE_BEFORE = re.compile(
    r"\b(?:(?:plant|plants|factory|factories|site|sites|facility|facilities|office|offices"
    r"|headquarters|centre|center|hub|campus|warehouse|port|mill|mine|refinery|branch|base"
    r"|based|located|headquartered|store|stores)\s+(?:in|near|at|outside)"
    r"|(?:city|town|province|region|state|port)\s+of)\s+$",
    re.IGNORECASE,
)


# Names listed before a name: "Esslingen and ", "Lyon, Lille and ".
_LISTED_BEFORE = re.compile(r"(?:[A-Z][\w-]*(?:[ ][A-Z][\w-]*)?(?:,[ ]|,?[ ]and[ ]|[ ]or[ ]))+$")


def _place_context(text: str, start: int, end: int, places: Sequence[tuple[int, int]]) -> bool:
    """Words around a name that only a place takes: ``its plant in X``, ``its plants in W
    and X``, ``X, <place>``."""
    before = _LISTED_BEFORE.sub("", text[max(0, start - 80) : start])
    if _PLACE_BEFORE.search(before[-40:]):
        return True
    after = re.match(r",[ \t]+", text[end : end + 3])
    if after is None:
        return False
    at = end + after.end()
    return any(
        s == at and re.match(r"(?:[,.;:)]|\s+\(|\s*$)", text[e : e + 3]) is not None
        for s, e in places
    )


def _company_context(text: str, start: int, end: int) -> bool:
    """Words around a name that only a company takes: ``X's shares``, ``X released its``."""
    return bool(
        _COMPANY_AFTER.match(text, end) or _COMPANY_BEFORE.search(text[max(0, start - 30) : start])
    )


@dataclass(frozen=True, slots=True)
class _DocContext:
    """What the rules need to know about the whole document."""

    concept_spans: frozenset[tuple[int, int]]
    concept_keys: frozenset[str]
    title_spans: tuple[tuple[int, int], ...]
    foreign_spans: tuple[tuple[int, int], ...] = ()
    lower: LowerWords = field(default_factory=lambda: LowerWords(""))
    _title_starts: tuple[int, ...] = ()
    _foreign_starts: tuple[int, ...] = ()
    ents: tuple[Any, ...] = ()  # the model's entity spans, read once from the Doc

    @classmethod
    def build(cls, doc: ParsedDoc) -> _DocContext:
        text = doc.text
        spans, keys = _abbreviations(text)
        paragraphs = [(p.start, p.end) for p in doc.paragraphs] or [
            (m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)
        ]
        titles = tuple((s, e) for s, e in paragraphs if _title_like(text[s:e]))
        foreign = tuple(
            (s, e)
            for s, e in doc.sentences
            if doc.is_english(s) and foreign_sentence(text[s:e]) is not None
        )
        return cls(
            frozenset(spans),
            frozenset(keys),
            titles,
            foreign,
            LowerWords(text),
            tuple(s for s, _e in titles),
            tuple(s for s, _e in foreign),
            tuple(doc.spacy_doc.ents) if doc.spacy_doc is not None else (),
        )

    def in_title(self, offset: int) -> bool:
        return _inside(self.title_spans, self._title_starts, offset)

    def english(self, doc: ParsedDoc, offset: int) -> bool:
        """The paragraph is English and the sentence is not written in another language."""
        return doc.is_english(offset) and not _inside(
            self.foreign_spans, self._foreign_starts, offset
        )


def _inside(spans: Sequence[tuple[int, int]], starts: Sequence[int], offset: int) -> bool:
    """``offset`` lies in one of the sorted, disjoint ``spans``."""
    i = bisect.bisect_right(starts, offset) - 1
    return i >= 0 and offset < spans[i][1]


def _initials(words: Sequence[str]) -> str:
    return "".join(w[0] for w in words).upper()


def _abbreviations(text: str) -> tuple[set[tuple[int, int]], set[str]]:
    """Defined abbreviations of common phrases: ``Average Selling Price (ASP)``.

    Returns the spans of the phrase and the keys of the abbreviation; a phrase holding
    an organisation word (``Stock Exchange``, ``Bank``) is left alone.
    """
    spans: set[tuple[int, int]] = set()
    keys: set[str] = set()
    # "Title Case Phrase (TCP)"
    for match in _ABBREV_INNER.finditer(text):
        abbr = match.group(1)
        letters = [ch for ch in abbr if ch.isupper()]
        if len(letters) < 2:
            continue
        before = list(re.finditer(r"[^\W_]+", text[max(0, match.start() - 120) : match.start()]))
        n = len(letters)
        if len(before) < n:
            continue
        phrase = before[-n:]
        words = [m.group(0) for m in phrase]
        if _initials(words) != "".join(letters) or any(
            w.casefold() in _STRONG_ORG_WORDS for w in words
        ):
            continue
        base = max(0, match.start() - 120)
        spans.add((base + phrase[0].start(), base + phrase[-1].end()))
        keys.add(canonical_key(abbr))
        keys.add(canonical_key(" ".join(words)))
    # "ABBR noun (Title Case Phrase)"
    for match in _PAREN.finditer(text):
        inner = match.group(1)
        words = _words(inner)
        if len(words) < 2 or any(w.casefold() in _STRONG_ORG_WORDS for w in words):
            continue
        prev = re.search(
            r"([A-Z][A-Za-z]{1,8})(?:\s+[a-z]+)?\s*$",
            text[max(0, match.start() - 40) : match.start()],
        )
        if prev is None or _initials(words) != prev.group(1).upper():
            continue
        inner_start = match.start(1) + (len(inner) - len(inner.lstrip()))
        spans.add((inner_start, inner_start + len(inner.strip())))
        keys.add(canonical_key(inner))
        keys.add(canonical_key(prev.group(1)))
    return spans, keys


_CURRENCY_AFTER = re.compile(
    r"\s+(?:dollars?|yuan|yen|won|rupees?|rupiah|pesos?|francs?|kronor|kroner|krona|krone"
    r"|ringgit|baht|rand|reais|real|shekels?|lira|dinars?|dirhams?|riyals?)\b",
    re.IGNORECASE,
)


def _region_of(before: str, after: str) -> bool:
    """Words that make another place of an alias place (``Greater China``, ``Northern
    California``, ``Kansas City``); a model's place around it keeps its name then."""
    words, tail = before.split(), after.split()
    return (bool(words) or bool(tail)) and (
        all(w.casefold() in _REGION_WORDS for w in words)
        and all(w.casefold() in _PLACE_SUFFIXES for w in tail)
    )


def _currency_after(text: str, end: int) -> bool:
    """``the Taiwan dollar``, ``the US dollar``: a place in a currency's name is none."""
    return _CURRENCY_AFTER.match(text, end) is not None
