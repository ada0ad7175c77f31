"""Candidate spans and the text helpers that cut and test them."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from extract.normalize.entities import (
    CORPORATE_SUFFIXES,
)
from extract.stages.entities.vocab import (
    _CATEGORY_NOUNS,
    _FOREIGN_TITLE_END,
    _FOREIGN_TITLES,
    _FUNCTION_WORDS,
    _NAME_AFTER_POSSESSIVE,
    _ORG_WORDS,
    _PRIORITY,
    _ROLE_WORDS,
    NOT_ENTITIES,
)


def _followed_by_category_noun(text: str, end: int) -> bool:
    match = re.match(r"\s+([a-z]+)", text[end : end + 30])
    return match is not None and match.group(1) in _CATEGORY_NOUNS


_TOKEN = re.compile(r"[^\W_]+(?:[-.&][^\W_]+)*|[^\w\s]|_")


def _latin(name: str) -> bool:
    return all(ord(c) < 0x2E80 for c in name)


@dataclass(frozen=True, slots=True)
class _Cand:
    kind: str
    start: int
    end: int
    source: str
    label: str = ""
    canonical: str = ""

    @property
    def priority(self) -> tuple[int, int]:
        return (_PRIORITY[self.source], self.end - self.start)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


class SpanIndex:
    """A fixed set of (start, end) spans, asked which overlap a span in logarithmic time.

    Spans are sorted by start with the running maximum of their ends: the spans that start
    before ``end`` are a prefix, and walking it backwards stops where no earlier span can
    reach past ``start``.
    """

    __slots__ = ("_ends", "_max_end", "_spans", "_starts")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self._spans = sorted(spans)
        self._starts = [s for s, _e in self._spans]
        self._ends = [e for _s, e in self._spans]
        running = -1
        self._max_end = []
        for e in self._ends:
            running = max(running, e)
            self._max_end.append(running)

    def overlapping(self, start: int, end: int) -> Iterator[tuple[int, int]]:
        """The spans that share a character with ``start..end``."""
        i = bisect.bisect_left(self._starts, end) - 1
        while i >= 0 and self._max_end[i] > start:
            if self._ends[i] > start:
                yield self._spans[i]
            i -= 1

    def overlaps(self, start: int, end: int) -> bool:
        return next(self.overlapping(start, end), None) is not None


def find_names(
    text: str, names: Iterable[str], *, bad_before: str = "", bad_after: str = ""
) -> Iterator[tuple[str, int, int]]:
    """Non-overlapping occurrences ``(name, start, end)`` of ``names`` in ``text``, left
    to right, the longest name first where several start at one word.

    A name matches whole words of the text, with any run of spaces or line breaks where
    the name has a space. ``bad_before`` are characters that may not stand right before it,
    ``bad_after`` characters that may not follow a name ending in a letter or digit. The
    names are put in a tree of their words and the text is read word by word once: each
    word costs at most the length, in words, of the longest name.
    """
    root: dict[str, _NameNode] = {}
    for name in names:
        parts = _WORD_OR_GAP.findall(name)
        if not parts or not _WORD.fullmatch(parts[0]):
            continue
        node = root.setdefault(parts[0], _NameNode())
        i = 1
        while i + 1 < len(parts) and _WORD.fullmatch(parts[i + 1]):
            node = node.children.setdefault((_gap(parts[i]), parts[i + 1]), _NameNode())
            i += 2
        node.ends[_gap("".join(parts[i:]))] = name
    if not root:
        return
    words = list(_WORD.finditer(text))
    position = 0
    for i, word in enumerate(words):
        if word.start() < position or word.group(0) not in root:
            continue
        if word.start() > 0 and text[word.start() - 1] in bad_before:
            continue
        node: _NameNode | None = root[word.group(0)]
        best: tuple[str, int] | None = None
        j = i
        while node is not None:
            end = words[j].end()
            for tail, name in node.ends.items():
                if text.startswith(tail, end):
                    stop = end + len(tail)
                    if not (
                        stop < len(text) and name[-1:].isalnum() and text[stop] in bad_after
                    ) and (best is None or stop > best[1]):
                        best = (name, stop)
            if j + 1 >= len(words):
                break
            gap = _gap(text[end : words[j + 1].start()])
            node = node.children.get((gap, words[j + 1].group(0)))
            j += 1
        if best is not None:
            position = best[1]
            yield best[0], word.start(), best[1]


class _NameNode:
    """A word of names in ``find_names``: the next (gap, word) and the names ending here."""

    __slots__ = ("children", "ends")

    def __init__(self) -> None:
        self.children: dict[tuple[str, str], _NameNode] = {}
        self.ends: dict[str, str] = {}


def _gap(between: str) -> str:
    """What stands between two words, with runs of white space as one space."""
    return _SPACES.sub(" ", between)


_SPACES = re.compile(r"\s+")
_WORD_OR_GAP = re.compile(r"[^\W_]+|[\W_]+")


class Coverage:
    """Characters taken so far: adding a span and asking about one cost its length."""

    __slots__ = ("_taken",)

    def __init__(self, size: int) -> None:
        self._taken = bytearray(size + 1)

    def add(self, start: int, end: int) -> None:
        self._taken[start:end] = b"\x01" * (end - start)

    def overlaps(self, start: int, end: int) -> bool:
        return self._taken.find(1, start, end) != -1


def _wrapped_at(text: str, newline: int) -> bool:
    """The line break at ``newline`` wraps a sentence (``Goldman`` at the end of a line,
    ``Sachs`` on the next): the line before is long prose without a closing mark and the
    next line goes on at once."""
    line = text[max(0, newline - _WRAP_LINE) : newline]
    line = line[line.rfind("\n") + 1 :]
    words = line.split()
    return (
        len(line) >= _WRAP_LINE // 4
        and line.rstrip()[-1:] not in '.!?:;"\u201d'
        and text[newline + 1 : newline + 2].isalnum()
        and sum(1 for w in words if w[:1].islower()) >= 0.3 * len(words)
    )


_WRAP_LINE = 200  # characters of the line before a break that are looked at


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets without a leading article, quotes, a possessive or text past a line break."""
    newline = text.find("\n", start, end)
    while newline != -1 and _wrapped_at(text, newline):
        newline = text.find("\n", newline + 1, end)
    if newline != -1:
        end = newline
    previous = None
    while previous != (start, end) and start < end:
        previous = (start, end)
        while start < end and (
            text[start].isspace() or text[start] in "\"'\u201c\u201d\u2018\u2019([«《.,;:/|&*\u2022"
        ):
            start += 1
        if text[start:end].lower().startswith("the ") and end - start > 4:
            start += 4
        while start < end and (
            text[end - 1].isspace()
            or text[end - 1] in "\"'\u201c\u201d\u2018\u2019)]»》,;:!?([/|&-\u2013\u2014"
        ):
            end -= 1
        if text[start:end].endswith(("'s", "\u2019s")):
            end -= 2
        if (
            end > start
            and text[end - 1] == "."
            and not re.search(r"(?:\b(?:Inc|Co|Ltd|Corp|Jr|Sr|St)|\b[A-Z])\.$", text[start:end])
        ):
            end -= 1
    return start, end


_AMOUNT_TOKEN = re.compile(
    r"(?:[A-Z]{3}|[A-Z]{1,2}\$|[$\u20ac\u00a3\u00a5\u20a9])?[\d.,]*\d[\d.,]*"
    r"(?:bn|mn|m|k|b|tn|%)?|[A-Z]{3}|[A-Z]{1,2}\$|[$\u20ac\u00a3\u00a5\u20a9]"
    r"|billion|million|trillion|thousand|bn|mn|per|cent|percent|a|an|to|and|or|-|\u2013",
    re.IGNORECASE,
)


def _amount_like(surface: str) -> bool:
    """A currency amount or a number (``EUR 5.4bn``, ``$3 billion``, ``2024``) is no name."""
    tokens = surface.split()
    return (
        any(ch.isdigit() for ch in surface)
        and bool(tokens)
        and all(_AMOUNT_TOKEN.fullmatch(t) for t in tokens)
    )


_TRAILING_CODE = re.compile(
    r"\s+(?:Q[1-4]|H[12]|FY\s?\d{2,4}|FY|[1-4]Q|[12]H)$|\s*-\s*\d{3,4}\s*GMT$"
)


def _without_trailing_codes(text: str, start: int, end: int) -> int:
    """A period code or a diary's time glued to a name is no part of it (``Vantara
    Infotech Q2 profit``, ``Oslo-1030 GMT``)."""
    while (match := _TRAILING_CODE.search(text, start, end)) is not None:
        end = match.start()
    return end


def _words(surface: str) -> list[str]:
    return re.findall(r"[^\W_]+(?:[-'\u2019][^\W_]+)*", surface)


def _is_concept_word(surface: str) -> bool:
    parts = [p for p in re.split(r"[\s&/]+", surface) if p]
    return bool(parts) and all(p.casefold() in NOT_ENTITIES for p in parts)


def _title_case(name: str) -> str:
    """``NEW YORK`` -> ``New York``; ``WINSTON-SALEM`` -> ``Winston-Salem``."""
    return re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), name)


_WORD = re.compile(r"[^\W_]+")


def _alias_case_ok(surface: str, written: str) -> bool:
    """Short names (``Mi``, ``JD``, ``NIO``) must match exactly; longer ones in any case
    as long as the text writes them capitalized."""
    if written == surface:
        return True
    return len(surface) >= 5 and written[:1].isupper()


def _alias_regex(surface: str) -> str:
    body = re.escape(surface).replace(r"\ ", r"\s+")
    left = r"(?<![^\W_])" if surface[0].isalnum() and _latin(surface[0]) else ""
    right = r"(?![^\W_]|\$)" if surface[-1].isalnum() and _latin(surface[-1]) else ""
    return f"{left}{body}{right}"


_ORG_TAIL = re.compile(
    r"(?:,?[ \t]+(?:Co\.,?[ \t]*Ltd\.?|Inc\b\.?|Corp\b\.?|Ltd\b\.?|S\.p\.A\.|S\.A\.|N\.V\.|K\.K\."
    r"|(?:Group|Corporation|Holdings|Limited|Technology|Technologies|Motors?|Securities"
    r"|Automobile|Electronics|Electric(?:[ \t]+Appliances)?|GmbH|AG|SE|SA|SpA|NV|PLC|plc"
    r"|LLC|ASA|AB|ApS|Oyj|Oy)\b|A/S\b))+"
)


def _following_org_word(text: str, end: int) -> int | None:
    """End offset of corporate words right after ``end`` (``Xiaomi`` + `` Group``)."""
    match = _ORG_TAIL.match(text, end)
    return match.end() if match is not None else None


def _legal_form(word: str) -> bool:
    return word.replace(".", "").casefold() in CORPORATE_SUFFIXES


def _name_tokens(surface: str) -> list[str]:
    return re.findall(r"[^\W_]+(?:[-.'][^\W_]+)*\.?", surface)


def _possessive_in_name(rest: str) -> bool:
    """``People's Bank of China``: the possessive belongs to the name."""
    words = rest.split()
    if not words or not words[0][:1].isupper():
        return False
    head = words[0].casefold()
    return head in _ORG_WORDS or head in _NAME_AFTER_POSSESSIVE or "of" in words


def _title_word(word: str) -> bool:
    folded = word.casefold()
    return (
        folded in _ROLE_WORDS
        or folded in _FOREIGN_TITLES
        or bool(_FOREIGN_TITLE_END.search(folded))
    )


def _without_leading_titles(text: str, start: int, end: int) -> int:
    """Start of a personal name past the titles before it (``Vorstandschef Matthias
    Brenner``, ``CEO Jane Roe``), as long as two words of the name remain."""
    while True:
        words = list(re.finditer(r"\S+", text[start:end]))
        if len(words) < 3 or not _title_word(words[0].group(0)):
            return start
        start += words[1].start()


def _split_span(text: str, start: int, end: int, label: str) -> list[tuple[int, int]]:
    """Trimmed pieces of a model span: cut at a line break, lists split, ``X's thing`` -> X."""
    start, end = _trim(text, start, end)
    if end <= start:
        return []
    surface = text[start:end]
    bracket = surface.find("(")
    if bracket > 0 and ")" not in surface[bracket:]:
        # "Harbour Device Association (HDA": the model stopped inside the brackets.
        start, end = _trim(text, start, start + bracket)
        surface = text[start:end]
    inner = re.search(r"['\u2019]s\b", surface)
    if inner is not None and _possessive_in_name(surface[inner.end() :]):
        inner = None
    if inner is not None and label in ("ORG", "PERSON", "PRODUCT", "GPE"):
        end = start + inner.start()
        start, end = _trim(text, start, end)
        surface = text[start:end]
    if label == "PERSON":
        start = _without_leading_titles(text, start, end)
        surface = text[start:end]
    if label in ("ORG", "PERSON", "GPE") and re.search(r",|\band\b", surface):
        pieces = []
        for match in re.finditer(r"[^,]+", surface):
            parts = [match.group(0)]
            if " of " not in match.group(0):  # "Ministry of Industry and Information Technology"
                parts = re.split(r"\s+and\s+", match.group(0))
            for part in parts:
                offset = start + match.start() + match.group(0).find(part)
                s, e = _trim(text, offset, offset + len(part))
                if e > s and text[s].isupper():
                    pieces.append((s, e))
        if len(pieces) >= 2:
            return pieces
    return [(start, end)] if end > start else []


class LowerWords:
    """Where each word written in lower case stands in a text, built once per document."""

    __slots__ = ("_at", "_phrases", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        at: dict[str, list[int]] = {}
        for match in _LOWER_WORD.finditer(text):
            word = match.group(0)
            if word == word.lower():
                at.setdefault(word, []).append(match.start())
        self._at = at
        self._phrases: dict[tuple[str, ...], bool] = {}

    def __contains__(self, word: str) -> bool:
        return word in self._at

    def phrase(self, words: Sequence[str]) -> bool:
        """The words appear in a row in lower case, joined by spaces, ``&`` or ``and``."""
        key = tuple(words)
        if key not in self._phrases:
            found = False
            if all(w in self._at for w in key):
                pattern = _phrase_pattern(key)
                found = any(pattern.match(self.text, at) for at in self._at[key[0]])
            self._phrases[key] = found
        return self._phrases[key]


_LOWER_WORD = re.compile(r"(?<![\w-])[^\W_]+(?:-[^\W_]+)*(?![\w-])")


@functools.lru_cache(maxsize=4096)
def _phrase_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    phrase = r"(?:\s*&\s*|\s+and\s+|\s+)".join(re.escape(w) for w in words)
    return re.compile(rf"{phrase}(?![\w-])")


def _common_phrase(words: Sequence[str], lower: LowerWords) -> bool:
    """A capitalized phrase the document also writes in lower case is a concept
    (``Smart Home`` next to ``smart home``); a name ending in an organisation word is not."""
    content = [w for w in words if w.casefold() not in _FUNCTION_WORDS]
    if len(words) < 2 or not content or words[-1].casefold() in _ORG_WORDS:
        return False
    return lower.phrase([w.lower() for w in content])


def _tokens(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [
        (start + m.start(), start + m.end(), m.group(0)) for m in _TOKEN.finditer(text[start:end])
    ]


def _is_name_word(word: str) -> bool:
    return bool(word) and (
        word[0].isupper() or (word[0].islower() and any(c.isupper() for c in word[1:]))
    )


def _camel(word: str) -> bool:
    return word[:1].islower() and any(c.isupper() for c in word[1:])


def _intercaps(word: str) -> bool:
    """A capital inside a word after lower-case letters: ``HaloBuds``, ``PlayStation``."""
    return bool(re.fullmatch(r"[A-Z][a-z]+[A-Z][A-Za-z]*", word))


def _repeat_pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A name run into itself, as a heading before its paragraph does (``Acme Foods Acme
    Foods``, ``ACME FOODS Acme``): the span cut where its first words start again."""
    words = list(_SPAN_WORDS.finditer(text, start, end))
    keys = [w.group(0).casefold() for w in words]
    for k in range(2, len(words)):
        if keys[k:] == keys[: len(words) - k]:
            return [(start, words[k - 1].end()), (words[k].start(), end)]
    return [(start, end)]


_SPAN_WORDS = re.compile(r"[^\W_]+(?:[-'\u2019.][^\W_]+)*")
