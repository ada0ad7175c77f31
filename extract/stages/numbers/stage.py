"""The stage: reads each number once and tries the percent, money and quantity rules in
that order; the first that fits makes the mention."""

from __future__ import annotations

from collections.abc import Iterator

from extract.document import Paragraph, ParsedDoc
from extract.normalize.money import currency_context, normalize_money, subunit_context
from extract.normalize.percent import normalize_percent
from extract.normalize.quantity import normalize_quantity
from extract.records import Mention
from extract.stages.locale_numbers import LANGUAGES, find_locale_numbers
from extract.stages.numbers.percent import _PercentRules
from extract.stages.numbers.scan import _Found
from extract.stages.numbers.vocabulary import SOURCE


class NumberStage:
    """Finds money, percent and quantity mentions by rules (regex and a small grammar)."""

    name = "numbers"

    def __init__(self, *, default_dollar: str = "USD", default_yen: str = "JPY") -> None:
        self.default_dollar = default_dollar
        self.default_yen = default_yen

    def __call__(self, doc: ParsedDoc) -> list[Mention]:
        dollar, yen = currency_context(
            doc.text, default_dollar=self.default_dollar, default_yen=self.default_yen
        )
        pence, cents = subunit_context(doc.text, default_dollar=dollar)
        scanner = _Scanner(doc, dollar=dollar, yen=yen, pence=pence, cents=cents)
        # Chinese and German paragraphs are read by their own rules, not the English ones.
        english = [
            m for m in scanner.mentions() if doc.paragraph_at(m.start).language not in LANGUAGES
        ]
        return sorted([*english, *find_locale_numbers(doc)], key=lambda m: m.start)


def find_numbers(text: str, **settings: str) -> list[Mention]:
    """Money, percent and quantity mentions of a plain English text (one paragraph)."""
    doc = ParsedDoc(doc_id="", text=text, paragraphs=(Paragraph(0, len(text), "en"),))
    return NumberStage(**settings)(doc)


class _Scanner(_PercentRules):
    """The pass over one document."""

    def mentions(self) -> Iterator[Mention]:
        nums = self.nums
        i = 0
        while i < len(nums):
            num = nums[i]
            nxt = nums[i + 1] if i + 1 < len(nums) else None
            found = self._percent(num, nxt) or self._money(num, nxt)
            if found is None and self.is_english(num.start):
                found = self._quantity(num, nxt)
            if found is None:
                i += 1
                continue
            mention = self._mention(found) if found.start >= self._last_end else None
            if mention is not None:
                if mention.kind == "money":
                    self._last_money_end = mention.end
                if mention.kind == "quantity" and mention.unit and mention.value_high:
                    self._units.append((mention.start, mention.value_high, mention.unit))
                self._last_end = mention.end
                yield mention
            # Skip every number inside what was found.
            i += 1
            while i < len(nums) and nums[i].start < found.end:
                i += 1

    def _mention(self, found: _Found) -> Mention | None:
        text = self.text[found.start : found.end]
        after = found.number_end if found.number_end >= 0 else found.end
        qualifier = "range" if found.range_ else self.qualifier(found.start, after)
        if found.kind == "money":
            dollar = found.unit_hint or self.dollar
            money = normalize_money(text, default_dollar=dollar, default_yen=self.yen)
            if money is None:
                return None
            value, low, high, unit = money.value, money.value_low, money.value_high, money.currency
        elif found.kind == "percent":
            percent = normalize_percent(text)
            if percent is None:
                return None
            value, low, high, unit = (
                percent.value,
                percent.value_low,
                percent.value_high,
                percent.unit,
            )
        else:
            quantity = normalize_quantity(text)
            if quantity is None:
                return None
            value, low, high = quantity.value, quantity.value_low, quantity.value_high
            unit = quantity.unit or found.unit_hint
        if value is None:
            qualifier = "range"
        elif qualifier == "range":
            qualifier = "exact"
        return Mention(
            kind=found.kind,
            start=found.start,
            end=found.end,
            text=text,
            source_stage=SOURCE,
            value=value,
            value_low=low,
            value_high=high,
            unit=unit,
            qualifier=qualifier,
        )
