"""Money: the text of an amount -> value (or range) and ISO 4217 currency code.

``normalize_money`` reads one mention (``$ 75 million``, ``RM10 million``, ``4000 - 5000 yuan``,
``($99.99)``, ``thirteen dollars and forty-five cents``). A bare ``$``/``dollar`` is
``default_dollar`` and a bare ``¥`` is ``default_yen``; ``currency_context`` picks those two
for a whole document from what it says (yuan and China make ``¥`` the renminbi).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal

from extract.normalize.numbers import (
    NUMBER_RE,
    SMALL_WORD_NUMBER_PATTERN,
    Amount,
    normalize_decimal,
    number_value,
    parse_number,
)
from extract.normalize.scanning import fold

__all__ = [
    "CURRENCY_PATTERN",
    "PREFIX_CURRENCY_RE",
    "SUFFIX_CURRENCY_RE",
    "Money",
    "currency_context",
    "normalize_money",
    "resolve_currency",
    "subunit_context",
]


def _words(text: str) -> list[str]:
    """The whitespace-separated words of a word-list literal."""
    return text.split()


@dataclass(frozen=True, slots=True)
class Money(Amount):
    """An amount of money: a point (``value`` set, low == high == value) or a range."""

    currency: str


# ISO 4217 codes written as such (upper case) before or after an amount.
ISO_CODES = frozenset(
    _words(
        "USD EUR GBP JPY CNY HKD TWD KRW INR CAD AUD NZD SGD CHF SEK NOK DKK MYR IDR THB VND "
        "PHP BRL MXN RUB ZAR TRY AED SAR ILS PLN CZK HUF NGN EGP PKR BDT ARS CLP PEN KWD "
        "QAR UAH KZT"
    )
)
_CODE_ALIASES = {"RMB": "CNY"}

# Prefix of a dollar sign -> code ("" is the bare sign: the document's dollar).
_DOLLAR_PREFIXES = {
    "us": "USD",
    "u.s": "USD",
    "u.s.": "USD",
    "usd": "USD",
    "hk": "HKD",
    "hkd": "HKD",
    "c": "CAD",
    "ca": "CAD",
    "can": "CAD",
    "cad": "CAD",
    "a": "AUD",
    "au": "AUD",
    "aud": "AUD",
    "nz": "NZD",
    "nzd": "NZD",
    "s": "SGD",
    "sg": "SGD",
    "sgd": "SGD",
    "nt": "TWD",
    "mex": "MXN",
    "mx": "MXN",
    "r": "BRL",
}
# Nationality before "dollar(s)".
_DOLLAR_NATIONS = {
    "us": "USD",
    "u.s": "USD",
    "u.s.": "USD",
    "american": "USD",
    "australian": "AUD",
    "aussie": "AUD",
    "canadian": "CAD",
    "hong kong": "HKD",
    "hk": "HKD",
    "singapore": "SGD",
    "singaporean": "SGD",
    "new zealand": "NZD",
    "nz": "NZD",
    "taiwan": "TWD",
    "taiwanese": "TWD",
    "new taiwan": "TWD",
    "nt": "TWD",
}
_SYMBOLS = {
    "€": "EUR",
    "£": "GBP",
    "₹": "INR",
    "₩": "KRW",
    "₽": "RUB",
    "₺": "TRY",
    "₫": "VND",
    "₱": "PHP",
    "₪": "ILS",
    "₦": "NGN",
    "₴": "UAH",
    "₡": "CRC",
    "₾": "GEL",
    "₭": "LAK",
    "฿": "THB",
    "₸": "KZT",
    "₼": "AZN",
    "元": "CNY",
    "円": "JPY",
}
# Currency words (lower case, single spaces) -> code.
_WORDS = {
    "yuan": "CNY",
    "chinese yuan": "CNY",
    "renminbi": "CNY",
    "yuan renminbi": "CNY",
    "rmb": "CNY",
    "euro": "EUR",
    "euros": "EUR",
    "pounds": "GBP",
    "pounds sterling": "GBP",
    "pound sterling": "GBP",
    "british pounds": "GBP",
    "british pound": "GBP",
    "sterling": "GBP",
    "yen": "JPY",
    "japanese yen": "JPY",
    "won": "KRW",
    "korean won": "KRW",
    "quid": "GBP",
    "south korean won": "KRW",
    "swiss franc": "CHF",
    "swiss francs": "CHF",
    "rupee": "INR",
    "rupees": "INR",
    "indian rupee": "INR",
    "indian rupees": "INR",
    "pakistani rupees": "PKR",
    "rouble": "RUB",
    "roubles": "RUB",
    "ruble": "RUB",
    "rubles": "RUB",
    "russian roubles": "RUB",
    "russian rubles": "RUB",
    "reais": "BRL",
    "brazilian reais": "BRL",
    "brazilian real": "BRL",
    "brazilian reals": "BRL",
    "peso": "MXN",
    "pesos": "MXN",
    "mexican pesos": "MXN",
    "mexican peso": "MXN",
    "philippine pesos": "PHP",
    "philippine peso": "PHP",
    "argentine pesos": "ARS",
    "argentine peso": "ARS",
    "rand": "ZAR",
    "south african rand": "ZAR",
    "ringgit": "MYR",
    "baht": "THB",
    "rupiah": "IDR",
    "lira": "TRY",
    "liras": "TRY",
    "turkish lira": "TRY",
    "shekel": "ILS",
    "shekels": "ILS",
    "new shekels": "ILS",
    "dirham": "AED",
    "dirhams": "AED",
    "riyal": "SAR",
    "riyals": "SAR",
    "krona": "SEK",
    "kronor": "SEK",
    "swedish krona": "SEK",
    "swedish kronor": "SEK",
    "norwegian krone": "NOK",
    "norwegian kroner": "NOK",
    "danish krone": "DKK",
    "danish kroner": "DKK",
    "zloty": "PLN",
    "zlotys": "PLN",
    "forint": "HUF",
    "forints": "HUF",
    "naira": "NGN",
    "vietnamese dong": "VND",
}
_LETTER_PREFIXES = {"rm": "MYR", "rs": "INR", "rs.": "INR", "rp": "IDR", "rp.": "IDR"}

_SYMBOL_CLASS = "€£¥￥₹₩₽₺₫₱₪₦₴₡₾₭฿₸₼"
_CODES_ALT = "|".join(sorted(ISO_CODES | {"RMB"}))
_NATION_ALT = (
    r"u\.?s\.?|us|american|australian|aussie|canadian|hong\s+kong|hk|singapore(?:an)?"
    r"|new\s+zealand|nz|(?:new\s+)?taiwan(?:ese)?|nt"
)
_WORD_ALT = (
    r"(?:" + _NATION_ALT + r")\s+dollars?|dollars?"
    r"|(?:chinese\s+)?yuan(?:\s+renminbi)?|renminbi|rmb"
    r"|euros?"
    r"|(?:british\s+)?pounds(?:\s+sterling)?|(?:british\s+)?pound\s+sterling|sterling"
    r"|(?:japanese\s+)?yen|(?:south\s+)?korean\s+won"
    r"|swiss\s+francs?|(?:indian\s+|pakistani\s+)?rupees?|(?:russian\s+)?r[ou]ubles?"
    r"|(?:brazilian\s+)?reais|brazilian\s+reals?"
    r"|(?:mexican\s+|philippine\s+|argentine\s+)?pesos?|(?:south\s+african\s+)?rand"
    r"|ringgit|baht|rupiah|(?:turkish\s+)?liras?|(?:new\s+)?shekels?|dirhams?|riyals?"
    r"|(?:swedish\s+)?kron[ao]r?|(?:norwegian|danish)\s+kron(?:e|er)|zlotys?|forints?|naira"
    r"|vietnamese\s+dong|(?<=illion\s)won|quid|bucks|cents?|pence"
)
# A currency written before the amount.
PREFIX_PATTERN = (
    r"(?:(?<![A-Za-z])(?:US|U\.S\.?|USD|HK|HKD|C|CA|CAD|Can|A|AU|AUD|NZ|NZD|S|SG|SGD|NT|Mex|MX"
    r"|R|us|hk|c)\$"
    r"|(?<![A-Za-z])(?i:u\.\s?s\.?|us|hk|c)\s\$"
    r"|(?<![A-Za-z])(?:JP|CN|RMB)[¥￥]"
    rf"|\$|[{_SYMBOL_CLASS}]"
    r"|(?<![A-Za-z])(?:RM|Rs\.?|Rp\.?)(?![A-Za-z])"
    rf"|(?<![A-Za-z])(?:{_CODES_ALT}|(?i:rmb|usd|eur|gbp|cny|hkd))(?![A-Za-z])"
    r")"
)
# A currency written after the amount.
SUFFIX_PATTERN = (
    rf"(?:[{_SYMBOL_CLASS}元円]"
    rf"|(?<![A-Za-z])(?:{_CODES_ALT})(?![A-Za-z])"
    rf"|(?<![A-Za-z])(?i:{_WORD_ALT})(?![A-Za-z])"
    r")"
)
CURRENCY_PATTERN = rf"(?:{PREFIX_PATTERN}|{SUFFIX_PATTERN})"

# No currency starts at a digit, a space, ``.`` or ``,``, nor at a letter inside a word: a
# guard that tests this first spares the pattern's many branches at most positions.
_START_GUARD = r"(?=[^\d\s.,])(?:(?<![A-Za-z])|(?![A-Za-z]))"
# Searched in the text just before a number: currency (and sign) that ends right there.
PREFIX_CURRENCY_RE = re.compile(
    rf"{_START_GUARD}(?P<cur>{PREFIX_PATTERN})\s?(?P<sign>[-\u2212])?\s?\Z"
)
# Matched right after a number: currency that follows it, spaces or a hyphen between.
SUFFIX_CURRENCY_RE = re.compile(
    rf"(?:[ \t\u00a0]*-[ \t\u00a0]*|[ \t\u00a0]*)(?P<cur>{SUFFIX_PATTERN})"
)
_CURRENCY_RE = re.compile(rf"{_START_GUARD}{CURRENCY_PATTERN}")
_CENTS_RE = re.compile(
    rf"\s*(?:and\s+)?(?P<cents>\d{{1,2}}|{SMALL_WORD_NUMBER_PATTERN})"
    r"(?:(?:\s+|-)(?i:cents?|pence|p)\b|\s*\Z)"
)
_SIGN_RE = re.compile(r"(?:(?i:minus|negative)\s+|[-\u2212])\s*\Z")
# An amount in pence or cents with the letter glued on: "312p", "4.2p", "75c".
_GLUED_SUBUNIT_RE = re.compile(r"\s*(?P<sign>[-\u2212])?(?P<num>\d+(?:\.\d+)?)(?P<unit>[pc])\s*")
_SUBUNIT_RE = re.compile(r"(?i)cents?|pence")
_DOLLAR_WORDS = frozenset({"dollar", "dollars"})


def resolve_currency(marker: str, *, default_dollar: str = "USD", default_yen: str = "JPY") -> str:
    """ISO 4217 code of a currency marker (``HK$``, ``RMB``, ``yuan``, ``australian dollars``).

    Returns ``""`` for text that is not a currency marker.
    """
    raw = marker.strip()
    if raw in ISO_CODES:
        return raw
    if raw in _CODE_ALIASES:
        return _CODE_ALIASES[raw]
    if raw in _SYMBOLS:
        return _SYMBOLS[raw]
    if raw in ("¥", "￥"):
        return default_yen
    if raw[:-1] in ("JP",) and raw[-1] in "¥￥":
        return "JPY"
    if raw[:-1] in ("CN", "RMB") and raw[-1] in "¥￥":
        return "CNY"
    key = " ".join(raw.lower().split())
    if key.endswith("$"):
        prefix = key[:-1].replace(" ", "")
        return _DOLLAR_PREFIXES.get(prefix, default_dollar if prefix == "" else "")
    if key in _LETTER_PREFIXES:
        return _LETTER_PREFIXES[key]
    upper = key.upper()
    if upper in ISO_CODES:
        return upper
    if upper in _CODE_ALIASES:
        return _CODE_ALIASES[upper]
    words = key.split(" ")
    if key in ("bucks", "cent", "cents"):
        return default_dollar
    if key == "pence":
        return "GBP"
    if words[-1] in _DOLLAR_WORDS:
        nation = " ".join(words[:-1])
        if not nation:
            return default_dollar
        return _DOLLAR_NATIONS.get(nation, "")
    return _WORDS.get(key, "")


def _is_dollar_word(marker: str) -> bool:
    return marker.lower().split()[-1] in _DOLLAR_WORDS or marker.lower() in (
        "euro",
        "euros",
        "pounds",
        "pounds sterling",
    )


# Pure, and the same mentions recur across documents: results are kept once per process.
@functools.lru_cache(maxsize=8192)
def normalize_money(
    text: str, *, default_dollar: str = "USD", default_yen: str = "JPY"
) -> Money | None:
    """Value and currency of one money mention, or None when it is not an amount of money.

    >>> normalize_money("113.1 billion yuan")
    Money(value=Decimal('113100000000'), value_low=Decimal('113100000000'), \
value_high=Decimal('113100000000'), currency='CNY')
    """
    glued = _GLUED_SUBUNIT_RE.fullmatch(text)
    if glued is not None:  # "312p": pence are hundredths of a pound, "75c" of a dollar
        amount = normalize_decimal(Decimal(glued.group("num")) / 100)
        if glued.group("sign"):
            amount = -amount
        code = "GBP" if glued.group("unit") == "p" else default_dollar
        return Money(amount, amount, amount, code)
    markers = list(_CURRENCY_RE.finditer(text))
    numbers = [m for m in NUMBER_RE.finditer(text) if number_value(m) is not None]
    numbers = [n for n in numbers if not any(c.start() <= n.start() < c.end() for c in markers)]
    if not markers or not numbers:
        return None
    currency = ""
    for marker in markers:
        currency = resolve_currency(
            marker.group(), default_dollar=default_dollar, default_yen=default_yen
        )
        if currency:
            break
    if not currency:
        return None
    first = numbers[0]
    negative = _is_negative(text, first.start(), markers)
    low = number_value(first)
    assert low is not None  # filtered above
    if len(numbers) == 1:
        if _SUBUNIT_RE.fullmatch(markers[0].group()):  # "50 cents", "20 pence"
            low = normalize_decimal(low / 100)
        value = -low if negative else low
        return Money(value, value, value, currency)
    if len(numbers) > 2:
        return None
    second = numbers[1]
    high = number_value(second)
    assert high is not None
    marker_before_second = [m for m in markers if first.end() <= m.start() < second.start()]
    # Dollars and cents: "3 dollars 50 cents", "thirteen dollars and forty-five cents".
    if marker_before_second and _is_dollar_word(marker_before_second[0].group()):
        cents = _CENTS_RE.fullmatch(text, marker_before_second[0].end())
        if cents is not None:
            amount = low + parse_number_or_zero(cents.group("cents")) / 100
            amount = normalize_decimal(-amount if negative else amount)
            return Money(amount, amount, amount, currency)
    # Range: "4000 - 5000 yuan", "$5-10 million" (the scale of the second applies to both).
    if not marker_before_second and _has_no_scale(first) and not _has_no_scale(second):
        exponent = _exponent(second)
        low = normalize_decimal(_base(first).scaleb(exponent))
    if negative:
        low = -low
    low, high = min(low, high), max(low, high)
    return Money(None, low, high, currency)


def parse_number_or_zero(text: str) -> Decimal:
    value = parse_number(text)
    return value if value is not None else Decimal(0)


def _has_no_scale(match: re.Match[str]) -> bool:
    if match.group("words"):
        return not re.search(r"(?i)thousand|million|billion|trillion", match.group("words"))
    return not (match.group("abbr") or match.group("cjk") or match.group("scale"))


def _base(match: re.Match[str]) -> Decimal:
    if match.group("digits"):
        return Decimal(re.sub(r"[,\s\u00a0\u202f]", "", match.group("digits")))
    value = parse_number_or_zero(match.group("words"))
    return value


def _exponent(match: re.Match[str]) -> int:
    value = number_value(match)
    base = _base(match)
    if value is None or base == 0:
        return 0
    ratio = (value / base).normalize()
    exponent = ratio.adjusted()
    return exponent if ratio == Decimal(1).scaleb(exponent) else 0


def _is_negative(text: str, number_start: int, markers: list[re.Match[str]]) -> bool:
    stripped = text.strip()
    if stripped.startswith("(") and stripped.endswith(")"):
        return True
    head = text[:number_start]
    # A sign right before the number ("$-99.99", "-15€") or before a leading currency ("-$5").
    if _SIGN_RE.search(head):
        return True
    leading = [m for m in markers if m.end() <= number_start]
    if leading:
        before = text[: leading[0].start()]
        if _SIGN_RE.search(before):
            return True
    return False


# Words whose count tells which yen sign a document means (``¥``: renminbi or yen).
_CNY_HINTS = ("yuan", "RMB", "renminbi", "CNY", "China", "Chinese", "Beijing", "Shanghai", "元")
_JPY_HINTS = (" yen", "JPY", "Japan", "Tokyo", "Osaka", "円")
_HOME_NATIONS = r"australian|canadian|hong\s+kong|singapore|new\s+zealand|(?:new\s+)?taiwan"
# "All figures are in Canadian dollars", "in Australian dollars unless otherwise stated".
_DOLLAR_DECLARATION = re.compile(
    r"(?i)\b(?:(?:figures|amounts|numbers|prices|values|sums|dollar\s+amounts)"
    rf"\s+(?:are\s+|expressed\s+|given\s+)*in\s+(?P<nation>{_HOME_NATIONS})\s+dollars\b"
    rf"|in\s+(?P<nation2>{_HOME_NATIONS})\s+dollars,?\s+unless\s+otherwise)"
)
# A document that writes US$ (or USD) for American dollars and also a bare $ uses the bare
# sign for its home dollar, named by where the text is set.
_US_DOLLAR_RE = re.compile(r"(?<![A-Za-z])(?:US\$|U\.S\.\$|USD)|\bU\.?S\.? dollars?\b")
_BARE_DOLLAR_RE = re.compile(r"(?<![A-Za-z$])\$\s?\d")
_HOME_HINTS = {
    "CAD": (
        "Canada",
        "Canadian",
        "Toronto",
        "Ottawa",
        "Montreal",
        "Vancouver",
        "Alberta",
        "Ontario",
        "Quebec",
        "TSX",
    ),
    "AUD": ("Australia", "Sydney", "Melbourne", "Canberra", "Queensland", "Perth", "ASX"),
    "NZD": ("New Zealand", "Auckland", "Wellington", "NZX"),
    "SGD": ("Singapore", "SGX"),
    "HKD": ("Hong Kong", "HKEX"),
    "TWD": ("Taiwan", "Taipei"),
}


def currency_context(
    text: str, *, default_dollar: str = "USD", default_yen: str = "JPY"
) -> tuple[str, str]:
    """Currencies of a bare ``$`` and a bare ``¥`` in a document: ``(dollar, yen)``.

    ``¥`` is the renminbi (CNY) where the text speaks of yuan, RMB or China more than of
    yen or Japan, the yen (JPY) where it is the other way round, else ``default_yen``.
    ``$`` is ``default_dollar`` unless the text says its amounts are in another dollar
    (``figures are in Australian dollars``), or it writes ``US$`` for American dollars
    beside bare ``$`` amounts and is plainly set in one other dollar country (Canada,
    Australia, ...): the bare sign is then that country's dollar.
    """
    yen = default_yen
    if "¥" in text or "\uffe5" in text:
        cny = sum(text.count(hint) for hint in _CNY_HINTS)
        jpy = sum(text.count(hint) for hint in _JPY_HINTS)
        if cny != jpy:
            yen = "CNY" if cny > jpy else "JPY"
    if "$" not in text:
        return default_dollar, yen
    # Each search runs only where the words it needs are in the text.
    declared = _DOLLAR_DECLARATION.search(text) if "dollars" in fold(text) else None
    if declared:
        nation = declared.group("nation") or declared.group("nation2")
        code = _DOLLAR_NATIONS.get(" ".join(nation.lower().split()), "")
        if code:
            return code, yen
    us_dollar = "US$" in text or "U.S.$" in text or "USD" in text or "dollar" in text
    if us_dollar and _US_DOLLAR_RE.search(text) and _BARE_DOLLAR_RE.search(text):
        counts = {code: sum(text.count(h) for h in hints) for code, hints in _HOME_HINTS.items()}
        ranked = sorted(counts.items(), key=lambda item: -item[1])
        (home, hits), (_, runner_up) = ranked[0], ranked[1]
        if hits >= 3 and hits > 2 * runner_up:
            return home, yen
    return default_dollar, yen


# Words that tell a document prices things in pounds (its "312p" are pence) ...
# Each starts with a look-ahead for the first characters of its words, a cheap filter.
_POUND_HINT_RE = re.compile(
    r"(?=[£GPSps\u017f])(?:£|\bGBP\b|(?i:\bpounds?\s+sterling\b|\bsterling\b|\bpence\b))"
)
# ... or in dollars or euros (its "75c" are cents).
_DOLLAR_HINT_RE = re.compile(r"(?=[$CDcd])(?:\$|\b(?i:dollars?|cents)\b)")
_EURO_HINT_RE = re.compile(r"(?=[€Ee])(?:€|\bEUR\b|\b(?i:euros?)\b)")


def subunit_context(text: str, *, default_dollar: str = "USD") -> tuple[bool, str]:
    """How a document's glued subunits read: ``(pence, cents_currency)``.

    ``pence`` is True where the text speaks of pounds (``£``, ``GBP``, ``sterling``), so
    that ``312p`` is 3.12 GBP. ``cents_currency`` is the currency of ``75c``: the euro in a
    text that names euros and no dollars, ``default_dollar`` in one that names dollars,
    else ``""`` (no clear currency: a glued ``c`` is not money).
    """
    # A sign settles each question; otherwise the search runs only where its words are.
    lower = fold(text)
    pence = "£" in text or (
        ("GBP" in text or "sterling" in lower or "pence" in lower)
        and _POUND_HINT_RE.search(text) is not None
    )
    dollars = "$" in text or (
        ("dollar" in lower or "cents" in lower) and _DOLLAR_HINT_RE.search(text) is not None
    )
    euros = "€" in text or (
        ("EUR" in text or "euro" in lower) and _EURO_HINT_RE.search(text) is not None
    )
    if euros and not dollars:
        return pence, "EUR"
    return pence, default_dollar if dollars else ""
