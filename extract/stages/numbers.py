"""The numbers stage: money, percentages and quantities found by rules.

Every number in the text (digits or English number words, with scale words) is read once
with the patterns of ``extract.normalize.numbers``; what stands around it decides what it is:

- a currency before or after it (``$``, ``HK$``, ``RMB``, ``yuan``, ``euros``) -> money;
- a percent unit after it (``%``, ``per cent``, ``percentage points``, ``bps``) -> percent;
- a plural noun after it, adjectives between (``350,000 delivered vehicles``) -> quantity;
  a large number standing alone (``exceeded 240,000.``) -> quantity, its unit taken from
  the subject of the sentence where one is plain (``orders exceeded 240,000``).

Numbers that belong to dates and times, years, durations (``seven consecutive quarters``),
ranks (``top three``), multipliers (``four times``) and product names (``Xiaomi 15 Ultra``)
are not quantities. Qualifier words before a number (``nearly``, ``more than``, ``up to``)
stay outside the span and set ``qualifier``.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from extract.document import Paragraph, ParsedDoc
from extract.normalize.money import (
    PREFIX_CURRENCY_RE,
    SUFFIX_CURRENCY_RE,
    currency_context,
    normalize_money,
    subunit_context,
)
from extract.normalize.numbers import DIGIT_NUMBER_RE, WORD_NUMBER_RE, number_value
from extract.normalize.percent import PERCENT_UNIT_RE, normalize_percent
from extract.normalize.quantity import (
    ADJECTIVES,
    UNIT_ABBREVIATIONS,
    is_plural,
    normalize_quantity,
    unit_from_words,
)
from extract.records import Mention
from extract.stages.locale_numbers import LANGUAGES, find_locale_numbers

__all__ = ["NumberStage", "find_numbers"]


def _words(text: str) -> list[str]:
    """The whitespace-separated words of a word-list literal."""
    return text.split()


SOURCE = "regex"

# --- words that decide what a number is --------------------------------------------------

TIME_UNITS = frozenset(
    _words("""
    second seconds sec secs minute minutes min mins hour hours hr hrs day days week weeks
    weekend weekends fortnight fortnights month months quarter quarters year years yr yrs
    decade decades century centuries millennium millennia night nights season seasons
    semester semesters lifetime
    """)
)
MULTIPLIERS = frozenset({"times", "fold", "x"})
FRACTIONS = frozenset(
    _words("""
    half halves third thirds fourth fourths fifth fifths sixth sixths seventh sevenths
    eighth eighths ninth ninths tenth tenths hundredth hundredths thousandth thousandths
    """)
)
# Words that end a noun phrase: the number counts nothing named after them.
STOPWORDS = frozenset(
    _words("""
    a an the this that these those its their his her our your my of in on at to for from by
    with without within into onto over under above below between among through during after
    before since until till per than as and or but nor so yet if when while where which who
    whom whose what how why be is are was were been being has have had do does did will
    would can could may might must shall should not no also only just about around nearly
    almost each every all both either neither any such there here then it they we you he she
    i me us them him versus vs via including excluding like plus minus across against toward
    towards upon apiece alone respectively too very even still already again ago later
    earlier now today yesterday tomorrow this last next compared amid despite according
    due including whereas whether though although because unless except beyond out up down
    off back away rather
    """)
)
# Words that may stand between a number and its noun (5 more plants) or after a lone number.
_COMPARATIVES = frozenset(_words("more less most least fewer"))
# Plural-looking words that usually modify the noun after them (sales outlets).
_PLURAL_MODIFIERS = frozenset(
    _words("""
    sales news goods savings arms sports electronics logistics communications systems
    services operations materials securities resources customs earnings assets data media
    """)
)
# A number right after one of these is a rank, not a count (top three, No. 1).
_RANK_WORDS = frozenset(_words("top no no. number num # rank"))
# After these verbs a number is a rank unless a counted noun follows (placed 412 systems).
_VERB_RANK_WORDS = frozenset(_words("ranked ranks ranking placed"))
# A small plain number right after one of these is a label (phase 2, Chapter 11).
_LABEL_WORDS = frozenset(
    _words("""
    place grade level phase stage step version chapter page article section item round
    room gate line lane route flight platform seat row floor exit terminal channel episode
    volume vol vol. issue tier class category type size model generation gen bay pier block
    district zone highway interstate game match week day act scene verse figure fig fig.
    table exhibit appendix note part unit apartment suite box case rule
    """)
)
# Words that let a capitalised word before a number be something other than a name.
_FUNCTION_WORDS = STOPWORDS | ADJECTIVES | frozenset({"some", "total", "another", "only"})
_MODEL_SUFFIXES = frozenset(
    _words("Pro Max Ultra Plus Mini Lite SE Edge Fold Flip Note GT Turbo Neo Prime")
)
_NUMBER_WORDS = frozenset(
    _words("""
    one two three four five six seven eight nine ten eleven twelve thirteen fourteen
    fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy
    eighty ninety hundred thousand million billion trillion
    """)
)
# Codes that may be glued to an amount (EUR1.2bn, Rmb10bn); other letters before digits
# are names (COP28, ABC123).
_GLUE_CODES = frozenset(
    _words("USD EUR GBP JPY CNY RMB HKD AUD CAD SGD CHF INR KRW TWD NZD MYR RM RS RS. RP RP.")
)
_ED_NOUNS = frozenset(_words("seed feed speed bed shed red hundred sled need"))
_AMBIGUOUS_ABBREVIATIONS = frozenset({"m", "b", "t", "T", "B"})
_SCALE_RE = re.compile(r"(?i)thousand|million|billion|trillion|\bbn\b|\bmn\b|\bmln\b")

# --- patterns ----------------------------------------------------------------------------

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
# Numbers inside these are parts of dates and times, never counts.
_DATE_MASK_RE = re.compile(
    r"(?=[\dJFMASONDQH])(?:"
    rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?![.,]\d|\s?%)(?:\s*,?\s*\d{{4}}\b)?"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:\s*,?\s*\d{{4}}\b)?"
    rf"|\b{_MONTH}\s*,?\s*\d{{4}}\b"
    r"|\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b"
    rf"|\b\d{{1,2}}[-/.]{_MONTH}[-/.]\d{{2,4}}\b"
    r"|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b"
    r"|\b\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?"
    r"|\b\d{1,2}\s*[ap]\.?m\.?(?![A-Za-z])"
    r"|\b(?:[QH][1-4]|FY)\s*'?\d{2,4}\b"
    r"|\b(?:1[89]|20)\d{2}\s*[-\u2013—/]\s*(?:(?:1[89]|20)\d{2}|\d{2})\b"
    r")"
)
_URL_RE = re.compile(r"\b(?=[hw])(?:https?://|www\.)\S+")
_EMAIL_RE = re.compile(r"(?<![\w.+-])(?=\w)[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_RANGE_JOIN_RE = re.compile(r"\s*(?P<join>-|\u2013|—|~|(?i:to|and|or)\b)\s*")
_BETWEEN_RE = re.compile(r"(?i)\bbetween\s+\Z")
_POINT_UNIT_RE = re.compile(r"point|\bpp|\bppt|bps|basis", re.IGNORECASE)


def _is_point_unit(unit_text: str) -> bool:
    """True for percentage points and basis points, False for per cent."""
    return _POINT_UNIT_RE.search(unit_text) is not None


# "rose from $5 to $7" states a change (two amounts); "ranges from $5 to $7" a range.
_CHANGE_FROM_RE = re.compile(
    r"(?i)\b(?:rose|rise[sn]?|rising|fell|fall(?:s|en|ing)?|increase[sd]?|increasing|grew"
    r"|grow(?:s|n|ing)?|climb(?:s|ed|ing)?|jump(?:s|ed|ing)?|surge[sd]?|surging|soar(?:s|ed|ing)?"
    r"|drop(?:s|ped|ping)?|decline[sd]?|declining|slid(?:e|es|ing)?|slip(?:s|ped|ping)?"
    r"|plunge[sd]?|plunging|tumble[sd]?|tumbling|up|down|improve[sd]?|improving|expand(?:s|ed)?"
    r"|cut|reduce[sd]?|raise[sd]?|lower(?:s|ed)?|widen(?:s|ed)?|narrow(?:s|ed)?|boost(?:s|ed)?"
    r"|went|go(?:es|ne)?|move[sd]?|change[sd]?|shrank|shrink(?:s|ing)?|doubled|tripled|halved)"
    r"(?:\s+[a-z]+){0,3}?\s+from\s+(?:[a-z]+\s+){0,2}\Z"
)
_SIGN_BEFORE_RE = re.compile(
    r"(?:(?<![A-Za-z])(?i:minus|negative)\s+|(?:(?<=[\s(\[])|^)[-\u2212+])\Z"
)
_PLUS_MINUS_RE = re.compile(r"±|\+/-")
_AMOUNT_BEFORE_RE = re.compile(
    r"(?:\d|[%$€£¥元]|(?i:yuan|dollars?|euros?|pounds|yen|renminbi|rmb|million|billion"
    r"|trillion|bn|mn|cents?)|\b[A-Z]{3})\s*\Z"
)
_CENTS_TAIL_RE = re.compile(
    r"\s+(?:and\s+)?(?:\d{1,2}|(?i:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen"
    r"|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|one|two|three|four|five|six|seven"
    r"|eight|nine)\b)(?:(?:\s+|-)(?i:cents?|pence)\b|(?=\s*(?:[.!?,;]|\Z)))"
)
# Pence or cents glued to an amount: "312p", "4.2p", "75c" (not "p.12", "5c.d", "3pm").
_GLUED_SUBUNIT_RE = re.compile(r"(?P<unit>[pc])(?![A-Za-z0-9\u00c0-\u024f])(?!\.[A-Za-z0-9])")
# Video resolutions and the like are numbers glued to a "p", never pence.
_RESOLUTIONS = frozenset({480, 576, 720, 1080, 1440, 2160, 4320})
_DOLLARISH_RE = re.compile(r"(?i)(?:dollars?|euros?|pounds(?:\s+sterling)?)\Z")

_QUALIFIER_RE = re.compile(
    r"(?i)(?<![A-Za-z])(?:"
    r"(?P<upper>no\s+more\s+than|not\s+more\s+than|no\s+higher\s+than|less\s+than|fewer\s+than"
    r"|lower\s+than|under|below|up\s+to|at\s+most|a\s+maximum(?:\s+(?:amount|total|sum))?\s+of"
    r"|maximum\s+of|max\.?|as\s+much\s+as|as\s+many\s+as|as\s+high\s+as|capped\s+at"
    r"|not\s+exceeding|just\s+under|just\s+below|shy\s+of)"
    r"|(?P<lower>no\s+less\s+than|not\s+less\s+than|no\s+fewer\s+than|not\s+fewer\s+than"
    r"|more\s+than|greater\s+than|higher\s+than"
    r"|(?<!took\s)(?<!take\s)(?<!takes\s)(?<!taking\s)(?<!taken\s)(?<!handed\s)over"
    r"|above|at\s+least|in\s+excess\s+of|upwards?\s+of|north\s+of|beyond"
    r"|(?<!the\s)(?<!in\s)(?<!for\s)(?<!over\s)past"
    r"|(?:exceeded|exceeding|exceeds|exceed|surpassed|surpassing|surpasses|topped|passed"
    r"|crossed)(?:\s+the)?)"
    r"|(?P<approx>about|around|roughly|approximately|approx\.|nearly|almost|some|close\s+to"
    r"|an\s+estimated|estimated|circa|ca\.|~|more\s+or\s+less|just\s+about)"
    r"|(?P<exact>exactly|precisely|only|a\s+total\s+of|just)"
    r")\s*\Z"
)
_TRAILING_QUALIFIER_RE = re.compile(
    r"(?i)\s*(?:(?P<lower>(?:or|and)\s+(?:more|above|higher|over)\b|\+)"
    r"|(?P<upper>(?:or|and)\s+(?:less|below|fewer|under|lower)\b)"
    r"|(?P<approx>or\s+so\b))"
)
# A noun, a hyphen, an ampersand, a quote or anything else, after optional spaces.
_NP_TOKEN_RE = re.compile(
    r"[ \t\u00a0]*(?:(?P<w>[A-Za-z][A-Za-z'\u2019]*)|(?P<h>-)|(?P<amp>&)|(?P<q>[\"“”])"
    r"|(?P<n>\d[\dA-Za-z]*\b)|(?P<o>\S|\n))"
)
_HYPHEN_WORD_RE = re.compile(r"[ \t]*-[ \t]*(?P<w>[A-Za-z]+)\b(?!\s*-\s*[A-Za-z])")
_MULTIPLIER_RE = re.compile(r"(?i)\s*(?:-\s*)?(?:times|fold)\b|x\b")
_PARTITIVE_RE = re.compile(
    r"(?i)\s+of\s+(?:the|us|them|these|those|its|their|our|his|her|which|whom|my|your|all|it)\b"
)
# "of March's", "of the month's", "of its": a partitive whose noun names what is counted.
_OF_OWNER_RE = re.compile(
    r"[ \t]+of[ \t]+(?:(?:the|its|their|our|this|that|last|these|those)[ \t]+)?"
    r"(?:[\w-]+['\u2019]s[ \t]+)?"
)
_NUMBER_OF_RE = re.compile(r"(?i)\b(?:the|a|its|their)\s+(?:total\s+)?number\s+of\s+")
_PRONOUN_PARTITIVE_RE = re.compile(r"(?i)\s+of\s+(?:them|these|those|which|whom)\b")
# A verb or preposition right before a bare small count: "closed six", "up from 540".
_PARALLEL_BEFORE_RE = re.compile(r"(?<![A-Za-z])(?:from|to|and|[a-z]{2,}(?:ed|ing))[ \t]+\Z")
_NP_WORD_RE = re.compile(r"[A-Za-z]+(?:[ \t]*-[ \t]*[A-Za-z]+)*")
_PREV_WORD_RE = re.compile(r"(?P<w>[A-Za-z][\w'\u2019.&]*)(?P<sep>[ \t]*-[ \t]*|[ \t]+)\Z")
_SUBJECT_RE = re.compile(
    r"(?i)(?<![a-z])(?P<noun>[a-z]+)\s+(?:(?:has|have|had)\s+)?"
    r"(?:exceeded|reached|surpassed|topped|hit|totaled|totalled|numbered|stood\s+at|was|were|rose\s+to|grew\s+to|increased\s+to"
    r"|climbed\s+to|jumped\s+to|fell\s+to|dropped\s+to|declined\s+to|amounted\s+to|came\s+to"
    r"|crossed|passed)\s+(?:[a-z]+\s+){0,2}\Z"
)


@dataclass(slots=True)
class _Num:
    """One number found in the text."""

    match: re.Match[str]
    start: int
    end: int
    value: Decimal
    words: bool
    scaled: bool
    grouped: bool
    digits: str
    abbr: str
    masked: bool = False
    glued: bool = False  # right after a letter (EUR1.2bn): only a currency may stand there

    @property
    def year_like(self) -> bool:
        return (
            not self.words
            and not self.scaled
            and self.end - self.start == 4
            and 1800 <= self.value <= 2100
            and self.value == int(self.value)
        )


@dataclass(frozen=True, slots=True)
class _Found:
    kind: str
    start: int
    end: int
    range_: bool = False
    unit_hint: str = ""
    number_end: int = -1  # where a trailing qualifier (or more, or so) would start


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


def _spans(pattern: re.Pattern[str], text: str) -> tuple[list[int], list[int]]:
    starts: list[int] = []
    ends: list[int] = []
    for m in pattern.finditer(text):
        starts.append(m.start())
        ends.append(m.end())
    return starts, ends


def _inside(starts: list[int], ends: list[int], start: int, end: int) -> bool:
    i = bisect.bisect_right(starts, start) - 1
    if i >= 0 and ends[i] > start:
        return True
    j = bisect.bisect_left(starts, start)
    return j < len(starts) and starts[j] < end


class _Scanner:
    """State of one pass over one document."""

    def __init__(
        self, doc: ParsedDoc, *, dollar: str, yen: str, pence: bool = False, cents: str = ""
    ) -> None:
        self.doc = doc
        self.text = doc.text
        self.dollar = dollar
        self.yen = yen
        self.pence = pence  # a glued "p" is pence (the text speaks of pounds)
        self.cents = cents  # currency of a glued "c" ("" where the text names none)
        paragraphs = sorted(doc.paragraphs, key=lambda p: p.start)
        self._para_starts = [p.start for p in paragraphs]
        self._para_ends = [p.end for p in paragraphs]
        self._para_english = [p.language in ("en", "") for p in paragraphs]
        self._last_end = 0  # end of the last mention yielded: mentions never overlap
        self._last_money_end = -10
        self._units: list[tuple[int, Decimal, str]] = []  # (start, value, unit) of quantities
        self.nums = self._numbers()

    # -- setup ---------------------------------------------------------------------------

    def is_english(self, offset: int) -> bool:
        i = bisect.bisect_right(self._para_starts, offset) - 1
        if i < 0 or offset >= self._para_ends[i]:
            return True
        return self._para_english[i]

    def _numbers(self) -> list[_Num]:
        text = self.text
        url_starts, url_ends = _spans(_URL_RE, text)
        if "@" in text:
            mail_starts, mail_ends = _spans(_EMAIL_RE, text)
            pairs = sorted(zip(url_starts + mail_starts, url_ends + mail_ends, strict=True))
            url_starts = [s for s, _ in pairs]
            url_ends = [e for _, e in pairs]
        date_starts, date_ends = _spans(_DATE_MASK_RE, text)
        nums: list[_Num] = []
        found = list(DIGIT_NUMBER_RE.finditer(text))
        found.extend(WORD_NUMBER_RE.finditer(text))
        found.sort(key=lambda m: m.start())
        for m in found:
            start, end = m.start(), m.end()
            if url_starts and _inside(url_starts, url_ends, start, end):
                continue
            groups = m.groupdict()
            words = groups.get("words") is not None
            if words and not self.is_english(start):
                continue
            value = number_value(m)
            if value is None:
                continue
            digits = groups.get("digits") or ""
            abbr = groups.get("abbr") or ""
            scaled = bool(abbr or groups.get("cjk") or groups.get("scale")) or bool(
                words and _SCALE_RE.search(groups["words"])
            )
            grouped = "," in digits
            masked = bool(date_starts) and _inside(date_starts, date_ends, start, end)
            glued = start > 0 and text[start - 1].isalpha()
            nums.append(
                _Num(m, start, end, value, words, scaled, grouped, digits, abbr, masked, glued)
            )
        return nums

    # -- helpers -------------------------------------------------------------------------

    def sentence_start(self, offset: int) -> int:
        return self.doc.sentence_at(offset)[0] if self.doc.sentences else 0

    def prefix(self, num: _Num) -> re.Match[str] | None:
        """The currency written right before ``num`` (not one that ended a mention)."""
        lo = max(0, num.start - 14, self._last_end)
        return PREFIX_CURRENCY_RE.search(self.text, lo, num.start)

    def suffix(self, num: _Num) -> re.Match[str] | None:
        m = SUFFIX_CURRENCY_RE.match(self.text, num.end)
        if m is None:
            return None
        cur = m.group("cur").lower()
        if cur.startswith(("pound", "british pound")) and (
            _PLUS_MINUS_RE.search(self.text, max(0, num.start - 3), num.start)
            or re.match(r"\s+of\b", self.text[m.end() : m.end() + 4])
        ):
            return None
        return m

    def percent_unit(self, num: _Num) -> re.Match[str] | None:
        return PERCENT_UNIT_RE.match(self.text, num.end)

    def _join(self, end: int, nxt: _Num | None, *, loose: bool = False) -> re.Match[str] | None:
        """The range connector between ``end`` and the number ``nxt``, if nothing else is.

        ``loose`` lets a currency sit between the connector and the number (``$5 to $10``).
        """
        if nxt is None:
            return None
        m = _RANGE_JOIN_RE.match(self.text, end)
        if m is None or m.end() > nxt.start:
            return None
        if not loose and m.end() != nxt.start and self.text[m.end() : nxt.start] not in "-\u2212+":
            return None
        return m

    def _range_ok(self, join: re.Match[str], start: int, both_marked: bool) -> bool:
        word = join.group("join").lower()
        before = self.text[max(0, start - 60) : start]
        if word == "and":
            return bool(_BETWEEN_RE.search(before))
        if word == "or":
            return False
        return not (word == "to" and both_marked and _CHANGE_FROM_RE.search(before))

    def qualifier(self, start: int, end: int) -> str:
        lo = max(self.sentence_start(start), start - 40)
        m = _QUALIFIER_RE.search(self.text, lo, start)
        if m is not None:
            for kind, name in (
                ("upper", "upper_bound"),
                ("lower", "lower_bound"),
                ("approx", "approx"),
                ("exact", "exact"),
            ):
                if m.group(kind):
                    return name
        t = _TRAILING_QUALIFIER_RE.match(self.text, end)
        if t is not None:
            if t.group("approx"):
                return "approx"
            return "lower_bound" if t.group("lower") else "upper_bound"
        return "exact"

    def _signed(self, num: _Num) -> Decimal:
        """Value of ``num`` with an attached sign before it (``-5``, ``minus five``)."""
        if _SIGN_BEFORE_RE.search(self.text, max(0, num.start - 10), num.start):
            return -num.value
        return num.value

    def _signed_start(self, start: int) -> int:
        m = _SIGN_BEFORE_RE.search(self.text, max(0, start - 10), start)
        return m.start() if m else start

    # -- the pass ------------------------------------------------------------------------

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

    # -- percent ---------------------------------------------------------------------------

    def _percent(self, num: _Num, nxt: _Num | None) -> _Found | None:
        if num.glued:
            return None
        unit = self.percent_unit(num)
        if unit is None:
            # "50 to 80%": the unit after the second number serves both.
            join = self._join(num.end, nxt)
            if join is None or nxt is None or num.masked or nxt.masked:
                return None
            nxt_unit = self.percent_unit(nxt)
            if nxt_unit is None or self._signed(num) >= self._signed(nxt):
                return None
            if not self._range_ok(join, num.start, both_marked=False):
                return None
            return _Found("percent", self._signed_start(num.start), nxt_unit.end(), range_=True)
        start = self._signed_start(num.start)
        end = unit.end()
        join = self._join(end, nxt)
        if join is not None and nxt is not None:
            nxt_unit = self.percent_unit(nxt)
            if (
                nxt_unit is not None
                and _is_point_unit(unit.group()) == _is_point_unit(nxt_unit.group())
                and self._signed(num) < self._signed(nxt)
                and self._range_ok(join, start, both_marked=True)
            ):
                return _Found("percent", start, nxt_unit.end(), range_=True)
        return _Found("percent", start, end)

    # -- money -----------------------------------------------------------------------------

    def _money(self, num: _Num, nxt: _Num | None) -> _Found | None:
        if _PLUS_MINUS_RE.search(self.text, max(0, num.start - 3), num.start):
            return None
        pre = self.prefix(num)
        if num.glued and (
            pre is None
            or pre.end("cur") != num.start
            or (pre.group("cur")[-1].isalpha() and pre.group("cur").upper() not in _GLUE_CODES)
        ):
            return None
        suf = self.suffix(num)
        if pre is None and suf is None:
            glued = self._glued_subunit(num)
            if glued is not None:
                return glued
            return self._money_shared_range(num, nxt)
        start = pre.start("cur") if pre else num.start
        end = suf.end() if suf else num.end
        range_ = False
        join = self._join(end, nxt, loose=True)
        if join is not None and nxt is not None:
            nxt_pre = self.prefix(nxt)
            nxt_start = nxt_pre.start("cur") if nxt_pre else nxt.start
            if nxt_start == join.end():
                nxt_suf = self.suffix(nxt)
                marked = nxt_pre is not None or nxt_suf is not None
                ok = self._range_ok(join, start, both_marked=marked)
                if not marked and (suf is not None or self._noun_phrase(nxt.end) is not None):
                    ok = False  # "$5 to 10 vendors": the second number counts something else
                if ok and self._ascending(num, nxt, inherit=not marked):
                    end = nxt_suf.end() if nxt_suf else nxt.end
                    range_ = True
        if not range_ and suf is not None and _DOLLARISH_RE.search(suf.group("cur")):
            cents = _CENTS_TAIL_RE.match(self.text, end)
            if cents is not None:
                end = cents.end()
        if (
            start > 0
            and self.text[start - 1] == "("
            and self.text[end : end + 1] == ")"
            and not (pre is not None and pre.group("sign"))
            and not _SIGN_BEFORE_RE.search(self.text, max(0, start - 10), start)
            and not _AMOUNT_BEFORE_RE.search(self.text, max(0, start - 30), start - 1)
            and self._last_money_end < start - 4
        ):
            # "($99.99)" is a negative amount; "5 billion yuan ($700 million)" a conversion.
            return _Found("money", start - 1, end + 1, range_=range_)
        return _Found("money", self._signed_start(start), end, range_=range_)

    def _glued_subunit(self, num: _Num) -> _Found | None:
        """``312p`` (pence, in a text about pounds) or ``75c`` (cents of the text's currency)."""
        if num.words or num.scaled or num.masked or num.glued or num.grouped:
            return None
        m = _GLUED_SUBUNIT_RE.match(self.text, num.end)
        if m is None:
            return None
        if m.group("unit") == "p":
            if not self.pence or num.value in _RESOLUTIONS:
                return None
            return _Found("money", self._signed_start(num.start), m.end())
        if not self.cents:
            return None
        return _Found("money", self._signed_start(num.start), m.end(), unit_hint=self.cents)

    def _money_shared_range(self, num: _Num, nxt: _Num | None) -> _Found | None:
        """``4000 - 5000 yuan``: a bare number, a connector, then an amount with its currency."""
        join = self._join(num.end, nxt)
        if join is None or nxt is None or num.masked or nxt.masked:
            return None
        if self.prefix(nxt) is not None:
            return None
        suf = self.suffix(nxt)
        if suf is None or not self._range_ok(join, num.start, both_marked=False):
            return None
        if not self._ascending(num, nxt, inherit=True):
            return None
        return _Found("money", num.start, suf.end(), range_=True)

    @staticmethod
    def _ascending(low: _Num, high: _Num, *, inherit: bool) -> bool:
        value = low.value
        if inherit and not low.scaled and high.scaled and not low.words and high.digits:
            value = value * (high.value / Decimal(re.sub(r"[,\s]", "", high.digits)))
        return value < high.value

    # -- quantity ------------------------------------------------------------------------

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
        prev = _PREV_WORD_RE.search(text, max(0, num.start - 30), num.start)
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
        after = re.match(r"[ \t]+(?P<w>[A-Za-z]+)\b", text[num.end : num.end + 12])
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
