"""Quantities: a number and the plural noun it counts, or a large number standing alone
whose unit comes from its sentence."""

from __future__ import annotations

import math
import re
from decimal import Decimal

from extract.normalize.quantity import ADJECTIVES, UNIT_ABBREVIATIONS, is_plural, unit_from_words
from extract.stages.numbers.scan import _Found, _Num
from extract.stages.numbers.scanner import _ScannerBase
from extract.stages.numbers.vocabulary import (
    _AMBIGUOUS_ABBREVIATIONS,
    _COMPARATIVES,
    _ED_NOUNS,
    _FUNCTION_WORDS,
    _HYPHEN_WORD_RE,
    _LABEL_WORDS,
    _MODEL_SUFFIX_AFTER_RE,
    _MODEL_SUFFIXES,
    _MULTIPLIER_RE,
    _NP_TOKEN_RE,
    _NP_WORD_RE,
    _NUMBER_OF_RE,
    _NUMBER_WORDS,
    _OF_OWNER_RE,
    _PARALLEL_BEFORE_RE,
    _PARTITIVE_RE,
    _PLURAL_MODIFIERS,
    _PLUS_MINUS_RE,
    _PREV_WORD_RE,
    _PRONOUN_PARTITIVE_RE,
    _RANK_WORDS,
    _SUBJECT_RE,
    _TRAILING_QUALIFIER_RE,
    _VERB_RANK_WORDS,
    FRACTIONS,
    MULTIPLIERS,
    STOPWORDS,
    TIME_UNITS,
)


class _QuantityRules(_ScannerBase):
    """Quantity rules of the scanner."""

    def _quantity(self, num: _Num, nxt: _Num | None) -> _Found | None:
        text = self.text
        if num.masked or num.year_like or num.glued:
            return None
        if _PLUS_MINUS_RE.search(text, max(0, num.start - 3), num.start) or _PLUS_MINUS_RE.match(
            text, num.end
        ):
            return None
        abbr = num.abbr
        if abbr in _AMBIGUOUS_ABBREVIATIONS:  # 5m, 5b: too ambiguous without a currency
            return None
        if self._label_or_name(num):
            return None
        if _MULTIPLIER_RE.match(text, num.end):
            return None
        if _PARTITIVE_RE.match(text, num.end):
            # "signed 11 deals, four of them large": the count of the noun named before.
            unit = self._parallel_unit(num) if _PRONOUN_PARTITIVE_RE.match(text, num.end) else ""
            if unit:
                return _Found("quantity", num.start, num.end, unit_hint=unit)
            return None
        # "two - front battle", "ten - year warranty": the number in a compound modifier.
        hyphen = _HYPHEN_WORD_RE.match(text, num.end)
        if hyphen is not None:
            word = hyphen.group("w").lower()
            if (
                word in TIME_UNITS
                or word in FRACTIONS
                or word in STOPWORDS
                or word in ADJECTIVES
                or word in _NUMBER_WORDS
                or word in MULTIPLIERS
                or word in ("odd", "plus", "strong", "old", "time", "times", "way", "off")
                or word.endswith("ed")
                or len(word) < 2
                or (num.value == 1 and not num.scaled)
            ):
                return None
            return _Found("quantity", num.start, hyphen.end())
        # "10 to 15 stores": a range sharing the noun.
        join = self._join(num.end, nxt)
        if (
            join is not None
            and nxt is not None
            and not nxt.masked
            and not nxt.year_like
            and num.value < nxt.value
            and self._range_ok(join, num.start, both_marked=False)
        ):
            head = self._noun_phrase(nxt.end)
            if head is not None and head > 0:
                return _Found("quantity", num.start, head, range_=True)
        head = self._noun_phrase(num.end)
        trailing = _TRAILING_QUALIFIER_RE.match(text, num.end)
        if head is None and trailing is not None and trailing.group().strip() != "+":
            head = self._noun_phrase(trailing.end())  # "50,000 or more users"
        if head is not None:
            if head < 0:  # a duration or other non-count
                return None
            if num.value == 1 and not num.scaled:
                return None
            return _Found("quantity", num.start, head, number_end=num.end)
        alone_ok = num.grouped or (num.scaled and not abbr and not num.words)
        if num.words and num.value >= 1_000_000:  # "one million"; not "two thousand and ten"
            alone_ok = True
        if not self._stands_alone(num.end):
            return None
        if alone_ok:
            unit = self._context_unit(num.start, num.end, num.value)
            return _Found("quantity", num.start, num.end, unit_hint=unit)
        # "opened 14 stores and closed six": a small count sharing the noun named before.
        unit = (
            self._parallel_unit(num)
            if _PARALLEL_BEFORE_RE.search(text, max(0, num.start - 20), num.start)
            else ""
        )
        if unit:
            return _Found("quantity", num.start, num.end, unit_hint=unit)
        return None

    def _label_or_name(self, num: _Num) -> bool:
        """True for ``top three``, ``phase 2``, ``#1``, ``Xiaomi 15 Ultra``, ``iPhone 16``."""
        text = self.text
        if num.start > 0 and text[num.start - 1] == "#":
            return True
        prev = (
            _PREV_WORD_RE.search(text[max(0, num.start - 30) : num.start])
            if num.start > 0 and text[num.start - 1] in " \t-"
            else None
        )
        if prev is not None:
            word = prev.group("w")
            lower = word.lower()
            plain = not (num.words or num.grouped or num.scaled) and "." not in num.digits
            if lower in _VERB_RANK_WORDS:
                # "ranked 3" is a rank, "placed 412 systems" a count.
                head = self._noun_phrase(num.end)
                if head is None or head < 0:
                    return True
            elif lower in _RANK_WORDS or (plain and lower in _LABEL_WORDS):
                return True
            possessive = lower.endswith(("'s", "\u2019s", "s'"))
            # Model numbers are short plain integers (Acme 15, Boeing 737); a grouped or
            # scaled number after a capitalised word is a count (Acme Sells 10 Million Phones).
            if (
                any(c.isupper() for c in word)
                and lower.rstrip(".") not in _FUNCTION_WORDS
                and not possessive
                and plain
            ):
                return True
        after = _MODEL_SUFFIX_AFTER_RE.match(text[num.end : num.end + 12])
        return after is not None and after.group("w") in _MODEL_SUFFIXES

    def _noun_phrase(self, pos: int) -> int | None:
        """End of the counted noun phrase starting after ``pos``.

        None when no plural noun follows; -1 when the noun is a time unit (a duration) or
        the number is otherwise not a count.
        """
        text = self.text
        words: list[str] = []
        opened = False
        joined = False
        for _ in range(12):
            m = _NP_TOKEN_RE.match(text, pos)
            if m is None:
                return None
            if m.group("w"):
                word = m.group("w")
                lower = word.lower()
                if joined and words:
                    words[-1] = f"{words[-1]}-{word}"
                    joined = False
                else:
                    acronym = len(word) > 1 and word.isupper()  # US, IT: not "us", "it"
                    if (lower in STOPWORDS and not acronym) or lower in _NUMBER_WORDS:
                        return None
                    if lower in MULTIPLIERS:
                        return -1
                    if (
                        words
                        and lower.endswith("ed")
                        and lower not in _ED_NOUNS
                        and not words[-1].lower().endswith("ly")
                    ):
                        return None  # a verb after a noun: "618 shopping festival generated"
                    words.append(word)
                pos = m.end()
                if lower in TIME_UNITS:
                    return -1
                if word in UNIT_ABBREVIATIONS or (lower in UNIT_ABBREVIATIONS and len(words) == 1):
                    return pos
                if is_plural(word):
                    if lower in _PLURAL_MODIFIERS and self._plural_follows(pos):
                        continue
                    if opened:
                        close = re.match(r"[\"”]", text[pos : pos + 1])
                        if close:
                            pos += 1
                    return pos
                if sum(1 for w in words if w != "&") >= 4:
                    return None
            elif m.group("h"):
                if not words:
                    return None
                joined = True
                pos = m.end()
            elif m.group("amp"):
                if not words:
                    return None
                words.append("&")
                pos = m.end()
            elif m.group("q"):
                if words or opened:
                    return None
                opened = True
                pos = m.end()
            elif m.group("n") and words and any(c.isupper() for c in words[-1]):
                # A model number inside a product name (PlayStation 5 consoles).
                words[-1] = f"{words[-1]} {m.group('n')}"
                pos = m.end()
            else:
                return None
        return None

    def _plural_follows(self, pos: int) -> bool:
        """True when a modifier-like plural (``sales``, ``data``) is followed by more noun."""
        m = _NP_TOKEN_RE.match(self.text, pos)
        if m is None:
            return False
        if m.group("h"):
            return bool(re.match(r"[ \t]*[a-z]", self.text[m.end() : m.end() + 3]))
        return bool(m.group("w") and is_plural(m.group("w")))

    def _stands_alone(self, end: int) -> bool:
        """True when nothing that could be counted follows the number."""
        m = _NP_TOKEN_RE.match(self.text, end)
        if m is None:
            return True
        if m.group("o") or m.group("q"):
            return m.group("o") not in ("%", "$") and not (m.group("o") or "").isdigit()
        if m.group("w"):
            lower = m.group("w").lower()
            return lower in STOPWORDS or lower in _COMPARATIVES
        return False

    def _parallel_unit(self, num: _Num) -> str:
        """Unit of a plain whole number that counts the noun of the sentence: the ``number
        of`` its subject names, or the nearest count before it in the sentence."""
        if "." in num.digits or num.value < 1:
            return ""
        return self._number_of_unit(num.start) or self._earlier_unit(num.start, num.value)

    def _context_unit(self, start: int, end: int, value: Decimal) -> str:
        """Unit of a lone number from its context: the noun of a partitive after it
        (``4,100 of March's deliveries``), the sentence's subject (``users exceeded 730
        million``), or the count before it in the sentence (``sold 3,100 bikes in May and
        3,400 in June``)."""
        return (
            self._partitive_unit(end)
            or self._number_of_unit(start)
            or self._subject_unit(start)
            or self._earlier_unit(start, value)
        )

    def _number_of_unit(self, start: int) -> str:
        """``The number of paid subscriptions ... exceeded 1.1 billion`` -> subscription."""
        lo = self.sentence_start(start)
        found = list(_NUMBER_OF_RE.finditer(self.text, lo, start))
        if not found:
            return ""
        m = found[-1]
        head = self._noun_phrase(m.end())
        if head is None or head <= m.end() or head > start:
            return ""
        words = _NP_WORD_RE.findall(self.text[m.end() : head])
        return unit_from_words(words) if words else ""

    def _partitive_unit(self, end: int) -> str:
        m = _OF_OWNER_RE.match(self.text, end)
        if m is None:
            return ""
        head = self._noun_phrase(m.end())
        if head is None or head <= m.end():
            return ""
        words = _NP_WORD_RE.findall(self.text[m.end() : head])
        return unit_from_words(words) if words else ""

    def _subject_unit(self, start: int) -> str:
        lo = max(self.sentence_start(start), start - 100)
        m = _SUBJECT_RE.search(self.text, lo, start)
        if m is None:
            return ""
        noun = m.group("noun")
        lower = noun.lower()
        if lower in STOPWORDS or lower in TIME_UNITS or not is_plural(noun):
            return ""
        return unit_from_words([noun])

    def _earlier_unit(self, start: int, value: Decimal) -> str:
        """Unit of the count before ``start`` in the sentence closest in size to ``value``
        (``14,800 people in 23 countries, including 3,900 in Poland`` -> person)."""
        sentence = self.sentence_start(start)
        best: tuple[float, str] | None = None
        for q_start, q_value, unit in reversed(self._units):
            if q_start < sentence:
                break
            if q_start >= start or q_value <= 0 or value <= 0:
                continue
            distance = abs(math.log(float(q_value) / float(value)))
            if best is None or distance < best[0]:
                best = (distance, unit)
        return best[1] if best else ""
