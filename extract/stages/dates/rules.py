"""The date grammar: one list of rules (pattern, handler, trigger), and the trigger
windows that keep matching linear in the text."""

from __future__ import annotations

import re

from extract.stages.dates.handlers import (
    _compile,
    _h_cjk,
    _h_cjk_relative,
    _h_day_month,
    _h_day_rel_month,
    _h_edge,
    _h_ending,
    _h_from_day,
    _h_iso,
    _h_month_bare,
    _h_month_day,
    _h_month_range,
    _h_month_rel_year,
    _h_month_year,
    _h_nth_week,
    _h_numeric_month,
    _h_rel_month,
    _h_rel_month_name,
    _h_rel_week,
    _h_relative_day,
    _h_span_to,
    _h_week_number,
    _h_week_of,
    _h_weekday,
    _h_weekday_day,
    _h_weekend,
    _h_year_month,
    _h_ymd_words,
    _make_numeric,
    _make_numeric_md,
    _Rule,
)
from extract.stages.dates.periods import (
    _h_calendar_year,
    _h_first_n,
    _h_fiscal_year,
    _h_h_form,
    _h_month_quarter,
    _h_month_range_period,
    _h_ord_half,
    _h_ord_quarter,
    _h_q_form,
    _h_rel_fiscal_year,
    _h_rel_quarter,
    _h_rel_year,
    _h_same_period,
    _h_spelled_year,
    _h_whole_year,
    _h_year,
    _h_year_range,
)
from extract.stages.dates.vocabulary import (
    _COUNT,
    _COUNT_WORDS,
    _DAY,
    _DAY_NUM,
    _DAY_WORD,
    _MONTH,
    _REL_YEAR,
    _TIME,
    _WEEKDAY_ANY,
    _WEEKDAY_FULL,
    _YEAR4,
)


def _rules(numeric_order: str) -> list[_Rule]:
    # A fiscal label: ``FY24``, ``FY 2024``, ``FY2023/24``, ``fiscal 2024``, ``fiscal 2023-24``.
    fy = (
        r"(?:FY\s*['\u2019]?\d{2,4}(?:[-/]\d{2}(?:\d{2})?)?"
        r"|(?:fiscal|financial)\s+(?:year\s+)?\d{4}(?:[-/]\d{2}(?:\d{2})?)?)"
    )
    fy_compact = r"FY\s*['\u2019]?\d{2,4}(?:[-/]\d{2}(?:\d{2})?)?"
    year_tail = (
        r"(?:(?:\s*[,/-]\s*|\s+)(?:(?:of|in)\s+)?(?P<y>\d{4}(?!\d|,\d)|['\u2019]\d\d(?!\d)))?"
    )
    fy_tail = rf"(?:{fy}|calendar\s+(?:year\s+)?\d{{4}}|CY\s*['\u2019]?\d{{2,4}})"
    quarter_tail = rf"""
        (?: (?:\s+of|,)?\s+(?:the\s+)?(?:(?P<fis2>fiscal|financial)\s+(?:year\s+)?)?
              (?P<y>{fy_tail}|\d{{4}}(?:[-/]\d{{2}}(?:\d{{2}})?)?)(?![\w])
          | (?:\s+of)?\s+(?P<rel>{_REL_YEAR})
          | \s+of\s+the\s+(?:current\s+)?year )?"""
    rules = [
        _Rule(
            _compile(rf"""(?<![\d.])(?P<y>{_YEAR4})(?P<s>[-/.])(?P<m>0?[1-9]|1[0-2])(?P=s)
                (?P<d>0?[1-9]|[12]\d|3[01])(?!\d)
                (?:(?:T|\s+|,\s*)(?:at\s+)?\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:\s*[ap]\.?m\b\.?)?)?"""),
            _h_iso,
            numeric=True,
            trigger="year4",
        ),
        _Rule(
            _compile(rf"""(?<![\d.,/])(?P<y>{_YEAR4})(?P<m>0[1-9]|1[0-2])
                (?P<d>0[1-9]|[12]\d|3[01])(?!\d)"""),
            _h_iso,
            numeric=True,
            trigger="year4",
        ),
        _Rule(
            _compile(r"""(?P<y>\d{4})\s*年\s*(?P<m>1[0-2]|0?[1-9])\s*月
                (?:\s*(?P<d>3[01]|[12]\d|0?[1-9])\s*[日号])?"""),
            _h_cjk,
            numeric=True,
            trigger="year4",
        ),
        _Rule(
            _compile(r"""(?P<rel>今年|明年|去年|前年|后年|後年)?
                (?:(?P<h>[上下])半年|第?(?P<q>[一二三四1-4])季度)?"""),
            _h_cjk_relative,
            numeric=True,
            trigger="cjk",
        ),
        _Rule(
            _compile(r"""(?<![\d./,])(?P<a>\d{1,2})(?P<s>\s?[/.-]\s?)(?P<b>\d{1,2})
                (?:(?P=s)|,\s?(?=\d{4})|,(?=\d\d))(?P<y>\d{4}|\d{2})(?!\d|[.,/]\d)"""),
            _make_numeric(numeric_order),
            numeric=True,
            trigger="digit",
        ),
        _Rule(
            _compile(r"""(?<![\d./,:$])(?P<a>\d{1,2})/(?P<b>\d{1,2})
                (?!\d|[./,]\d|\s*(?:of\b|%))"""),
            _make_numeric_md(numeric_order, strict_context=False),
            numeric=True,
            trigger="digit",
        ),
        _Rule(
            _compile(r"""(?<![\w.,/$-])(?P<a>\d{1,2})[.-](?P<b>\d{1,2})(?![\d%]|[.,/-]?\d)"""),
            _make_numeric_md(numeric_order, strict_context=True),
            numeric=True,
            trigger="digit",
        ),
        # Month day (to day) (year)
        _Rule(
            _compile(rf"""(?<![\w$])(?P<mon>{_MONTH})(?:\s*[,./-]\s*|\s*)(?:the\s+)?
                (?P<d>{_DAY_NUM}|(?<=\s){_DAY_WORD}|(?<=\sthe\s){_DAY_WORD})
                (?:\s*(?:-|\u2013|to|through|thru|until|till)\s*(?P<d2>{_DAY_NUM}))?
                {year_tail}{_TIME}"""),
            _h_month_day,
            trigger="month",
        ),
        # day (to day) (of) Month (year)
        _Rule(
            _compile(rf"""(?<![\w$€£¥.,/])(?:the\s+)?(?P<d>{_DAY})
                (?:(?P<conj>\s*(?:-|\u2013|to|through|until|till|and)\s*)(?:the\s+)?(?P<d2>{_DAY}))?
                (?P<of>\s+of)?(?:\s*[./-]\s*|\s+|(?<=\d)(?=[a-z]))(?P<mon>{_MONTH})
                (?:(?:\s*[,/-]\s*|\s+)(?P<yof>(?:of|in)\s+)?(?P<y>\d{{4}}(?!\d|,\d)|['\u2019]?\d\d(?!\d)))?
                {_TIME}"""),
            _h_day_month,
            trigger="month",
        ),
        _Rule(
            _compile(rf"""(?<!\d)(?P<y>\d{{4}})\s*[-/]\s*(?P<mon>{_MONTH})\s*[-/]\s*
                (?P<d>{_DAY_NUM})"""),
            _h_ymd_words,
            trigger="month",
        ),
        _Rule(
            _compile(rf"""(?<!\d)(?P<y>\d{{4}})/(?P<d>{_DAY_NUM})/(?P<mon>{_MONTH})"""),
            _h_ymd_words,
            trigger="month",
        ),
        _Rule(
            _compile(rf"""(?<![\w])(?P<mon>{_MONTH})-(?P<y>\d{{4}})-(?P<d>{_DAY_NUM})"""),
            _h_ymd_words,
            trigger="month",
        ),
        _Rule(
            _compile(rf"""(?<![\w])(?P<d>{_DAY_NUM})-(?P<y>\d{{4}})-(?P<mon>{_MONTH})"""),
            _h_ymd_words,
            trigger="month",
        ),
        # Month year
        _Rule(
            _compile(rf"""(?<![\w$])(?:(?:early|mid|late)[\s-]+)?(?P<mon>{_MONTH})
                (?:\s*[,/-]\s*|\s+)(?:(?:of|in)\s+)?(?P<y>\d{{4}}|['\u2019]\d\d|\d\d)(?![\w]|[.,]\d)"""),
            _h_month_year,
            trigger="month",
        ),
        _Rule(
            _compile(rf"""(?<![\w$.,])(?P<y>{_YEAR4})\s*,?\s*(?P<mon>{_MONTH})(?!\s*[\d/-])"""),
            _h_year_month,
            trigger="month",
        ),
        _Rule(
            _compile(rf"""(?<![\w$.,/-])(?P<y>{_YEAR4})\s*[-/.]\s*(?P<m>1[0-2]|0?[1-9])
                (?![\d%]|\s*[-/.]\s*\d|[.,]\d)"""),
            _h_numeric_month,
            numeric=True,
            trigger="year4",
        ),
        _Rule(
            _compile(rf"""(?<![\w$.,/-])(?P<m>1[0-2]|0?[1-9])\s*[-/]\s*(?P<y>{_YEAR4})
                (?![\d%]|[-/.]\d)"""),
            _h_numeric_month,
            numeric=True,
            trigger="year4",
        ),
        _Rule(
            _compile(rf"""(?<![\w$])(?:(?:early|mid|late)[\s-]+)?(?P<mon>{_MONTH})
                (?:\s+of)?\s+(?P<rel>{_REL_YEAR})"""),
            _h_month_rel_year,
            trigger="month",
        ),
        _Rule(
            _compile(rf"""(?<![\w])(?P<rel>this|last|next|coming|previous)\s+(?P<mon>{_MONTH})
                (?!\w)"""),
            _h_rel_month_name,
            trigger="month",
        ),
        _Rule(
            _compile(rf"""(?<![\w$])(?:(?:early|mid|late)[\s-]+)?(?P<mon>{_MONTH})(?![\w])"""),
            _h_month_bare,
            trigger="month",
        ),
        _Rule(
            _compile(rf"""(?<![\w$])(?:(?P<pre>from|between)\s+)?(?P<m1>{_MONTH})(?P<conj>\s*(?:-|\u2013|to|through|until|till|and)\s*)
                (?P<m2>{_MONTH})(?![\w])
                (?:(?:\s*,?\s*|\s+)(?:(?:of|in)\s+)?(?P<y>\d{{4}})(?!\d)|\s+(?P<rel>{_REL_YEAR}))?
                (?!\s*\d)"""),
            _h_month_range,
            trigger="month",
        ),
        # Quarters
        _Rule(
            _compile(rf"""(?<![\w])the\s+(?P<m1>{_MONTH})\s*(?:-|\u2013|to|through)\s*
                (?P<m2>{_MONTH})\s+(?:quarter|period)(?![\w])
                (?:,?\s+(?:of\s+)?(?P<y>{_YEAR4})(?!\d))?"""),
            _h_month_range_period,
            trigger="month",
        ),
        _Rule(
            _compile(rf"""(?<![\w])(?:the\s+)?(?P<mon>{_MONTH})(?:\s+(?P<y>{_YEAR4}))?(?:\s*-\s*|\s+)
                quarter(?![\w])"""),
            _h_month_quarter,
            trigger="month",
        ),
        _Rule(
            _compile(rf"""(?<![\w])(?:(?P<y0>\d{{4}})\s+)?(?:the\s+)?(?P<fis0>fiscal\s+)?
                (?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)(?:\s*-\s*|\s+)
                (?P<fis>(?:fiscal|financial)\s+)?quarter(?![\w]){quarter_tail}"""),
            _h_ord_quarter,
            trigger="quarter",
        ),
        _Rule(
            _compile(
                rf"""(?<![\w])(?:(?P<y0>\d{{4}}|FY\s*['\u2019]?\d{{2,4}})\s*-?\s*)?
                (?:(?P<fis>fiscal)\s+)?(?P<q>[Qq])(?P<n>[1-4])(?:(?![\w])|(?=FY))
                (?: (?:\s*|\s+of\s+)(?P<fy>{fy})(?![\w])
                  | \s*[-/]?\s*(?P<y>\d{{4}})(?![\w]) | \s*['\u2019](?P<fy2>\d\d)(?![\w])
                  | [-/](?P<y2>\d\d)(?![\w])
                  | \s+(?P<rel>{_REL_YEAR}) )?""",
                case=False,
            ),
            _h_q_form,
            trigger="qh",
        ),
        _Rule(
            _compile(rf"""(?<![\w])(?P<n>[1-4])Q\s*(?P<y>{fy_compact}|\d{{4}}|['\u2019]?\d\d)
                (?![\w])"""),
            _h_q_form,
            trigger="qh",
        ),
        _Rule(
            _compile(r"""(?<![\w])(?:the\s+)?(?P<rel>this|current|last|next|coming|following
                |previous|past|prior|upcoming|preceding)\s+(?:fiscal\s+)?quarter(?![\w])"""),
            _h_rel_quarter,
            trigger="quarter",
        ),
        _Rule(
            _compile(rf"""(?<![\w])the\s+(?:same\s+(?:period|quarter|months?)\s+
                (?:(?:of|in)\s+)?(?:(?:last|the\s+previous|the\s+prior|a)\s+year
                |(?P<y>{_YEAR4}))|year[\s-]+(?:ago|earlier)\s+(?:period|quarter))"""),
            _h_same_period,
            trigger="same",
        ),
        _Rule(
            _compile(rf"""(?<![\w])(?:the\s+)?first\s+(?P<n>{_COUNT})\s+(?P<unit>months|quarters)
                (?:\s+of\s+(?:(?P<y>{_YEAR4})|(?P<rel>{_REL_YEAR})|the\s+year))?(?![\w])"""),
            _h_first_n,
            trigger="months",
        ),
        # Halves
        _Rule(
            _compile(rf"""(?<![\w])(?:(?P<y0>\d{{4}})\s+)?(?:the\s+)?
                (?P<ord>first|second|1st|2nd)
                (?:\s*-\s*|\s+)half(?:[\s-]year)?(?![\w]){quarter_tail}"""),
            _h_ord_half,
            trigger="half",
        ),
        _Rule(
            _compile(
                rf"""(?<![\w])(?:(?P<y0>\d{{4}}|FY\s*['\u2019]?\d{{2,4}})\s*-?\s*)?H(?P<n>[12])
                (?:(?![\w])|(?=FY))(?: (?:\s*|\s+of\s+)(?P<fy>{fy})(?![\w])
                  | \s*[-/]?\s*(?P<y>\d{{4}})(?![\w]) | \s*['\u2019](?P<fy2>\d\d)(?![\w])
                  | \s+(?P<rel>{_REL_YEAR}) )?""",
                case=True,
            ),
            _h_h_form,
            trigger="qh",
        ),
        _Rule(
            _compile(
                rf"""(?<![\w])(?P<n>[12])H\s*(?P<y>{fy_compact}|\d{{4}}|['\u2019]?\d\d)
                (?![\w])""",
                case=True,
            ),
            _h_h_form,
            trigger="qh",
        ),
        # Years
        _Rule(
            _compile(r"""(?<![\w])(?:(?P<fy>FY)|fiscal\s+(?:year\s+)?|financial\s+year\s+)\s*
                ['\u2019]?(?P<y>\d{4}|\d{2})(?:[-/](?P<y2>\d{2}(?:\d{2})?))?(?![\w])"""),
            _h_fiscal_year,
            trigger="fiscal",
        ),
        _Rule(
            _compile(r"""(?<![\w])(?:the\s+)?(?P<y>\d{4})[-/](?P<y2>\d{2}(?:\d{2})?)\s+
                (?:fiscal|financial)(?:\s+year)?(?![\w])"""),
            _h_fiscal_year,
            trigger="fiscal",
        ),
        _Rule(
            _compile(r"""(?<![\w])(?:calendar\s+(?:year\s+)?(?P<y>\d{4})|CY\s*['\u2019]?(?P<cy>\d{4}|\d\d))
                (?![\w])"""),
            _h_calendar_year,
            trigger="calendar",
        ),
        _Rule(
            _compile(r"""(?<![\w])(?:the\s+)?(?P<rel>this|current|next|last|coming)\s+
                (?:(?:fiscal|financial)\s+year|fiscal(?!\s+(?:quarter|half|first|second|third
                |fourth|year|\d)))(?![\w])"""),
            _h_rel_fiscal_year,
            trigger="fiscal",
        ),
        _Rule(
            _compile(rf"""(?<![\w$€£¥.,/-])(?:(?:early|mid|late)[\s-]+)?(?P<y>{_YEAR4})
                (?![\w%]|[.,]\d|-\d)"""),
            _h_year,
            numeric=True,
            trigger="year4",
        ),
        _Rule(
            _compile(rf"""(?<![\w$€£¥.,/-])(?P<a>{_YEAR4})\s*(?:-|\u2013|\u2014|to)\s*(?P<b>\d{{4}}|\d\d)
                (?![\w%]|[.,]\d)"""),
            _h_year_range,
            numeric=True,
            trigger="year4",
        ),
        _Rule(
            _compile(r"""(?<![\w])(?P<rel>this(?:\s+calendar)?|last|next|the\s+current
                |the\s+coming|the\s+previous|the\s+prior|the\s+past|the\s+following)\s+year
                (?![\w-])"""),
            _h_rel_year,
            trigger="year",
        ),
        _Rule(
            _compile(r"""(?<![\w-])(?:(?:nineteen|twenty)[\s-](?:ten|eleven|twelve|thirteen
                |fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|(?:twenty|thirty|forty|fifty
                |sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight
                |nine))?)|two\s+thousand(?:\s+and)?(?:[\s-](?:one|two|three|four|five|six|seven
                |eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen
                |eighteen|nineteen|twenty(?:[\s-](?:one|two|three|four|five|six|seven|eight
                |nine))?))?)(?![\w-])"""),
            _h_spelled_year,
            trigger="spelled",
        ),
        _Rule(
            _compile(rf"""(?<![\w])(?:the\s+)?(?:whole|full|entire)[\s-]+year(?![\w])
                (?:\s+(?:of\s+)?(?P<y>{_YEAR4})(?![\w]))?"""),
            _h_whole_year,
            trigger="year",
        ),
        # Weeks and days
        _Rule(
            _compile(rf"""(?<![\w])(?P<the>the\s+)?(?P<rel>this|next|last|previous|coming
                |current|following|upcoming)\s+week(?![\w])
                (?:\s*-?\s*,?\s*(?:on\s+)?(?P<wd>{_WEEKDAY_FULL})(?![\w]))?"""),
            _h_rel_week,
            trigger="week",
        ),
        _Rule(
            _compile(rf"""(?<![\w])(?:(?P<rel>this|next|last|previous|coming|following)\s+)?
                (?P<wd>{_WEEKDAY_FULL})(?![\w])
                (?:\s+(?:of\s+)?(?P<rel2>(?:the\s+)?(?:this|next|last|previous|following|coming)
                \s+week))?"""),
            _h_weekday,
            trigger="weekday",
        ),
        _Rule(
            _compile(rf"""(?<![\w])(?P<wd>{_WEEKDAY_ANY}),?\s+(?:the\s+)?(?P<d>{_DAY})(?![\w])
                (?!\s*(?:[-/]|\.\d|{_MONTH}|of\b))"""),
            _h_weekday_day,
            trigger="weekday",
        ),
        _Rule(
            _compile(r"""(?<![\w])(?:(?P<rel>this|next|last|the|coming)\s+)?weekend(?![\w])"""),
            _h_weekend,
            trigger="week",
        ),
        _Rule(
            _compile(rf"""(?<![\w])week\s+(?P<n>\d{{1,2}})(?:\s+of\s+(?P<y>{_YEAR4}))?(?![\w])"""),
            _h_week_number,
            trigger="week",
        ),
        _Rule(
            _compile(r"""(?<![\w])(?:the\s+day\s+(?P<ba>before|after)\s+)?
                (?P<w>today|yesterday|tomorrow)(?![\w])"""),
            _h_relative_day,
            trigger="day",
        ),
        _Rule(
            _compile(r"""(?<![\w])(?:the\s+)?(?P<rel>this|next|last|previous|coming|upcoming
                |current|following|past)\s+month(?![\w])"""),
            _h_rel_month,
            trigger="monthword",
        ),
        _Rule(
            _compile(rf"""(?<![\w$.,])(?:the\s+)?(?P<d>{_DAY_NUM})
                (?:\s*(?:-|to|till|until|through|and)\s*(?P<d2>{_DAY_NUM}))?
                \s+(?:of\s+)?(?P<rel>this|next|last)\s+month(?![\w])"""),
            _h_day_rel_month,
            trigger="monthword",
        ),
        # Prefixes
        _Rule(
            _compile(r"""(?<![\w])(?:the\s+)?(?P<e>end|close|beginning|start)\s+of\s+
                (?=\S)"""),
            _h_edge,
            role="prefix",
            trigger="edge",
        ),
        _Rule(
            _compile(r"""(?<![\w])(?:the\s+)?(?:(?P<n>three|six|nine|twelve|3|6|9|12)\s+months
                |(?P<unit>quarter|half[\s-]year|(?:fiscal\s+|financial\s+|business\s+)?year))
                \s+(?:ended|ending|to|through)\s+(?:on\s+|in\s+)?(?=\S)"""),
            _h_ending,
            role="prefix",
            trigger="ending",
        ),
        _Rule(
            _compile(rf"""(?<![\w])(?:the\s+)?(?P<n>\d{{1,3}}|{_COUNT_WORDS})\s+(?P<u>weeks)
                \s+(?:to|ended|ending)\s+(?:on\s+)?(?=\S)"""),
            _h_span_to,
            role="prefix",
            trigger="week",
        ),
        _Rule(
            _compile(rf"""(?<![\w])(?:the\s+)?(?P<n>\d{{1,2}}|{_COUNT_WORDS})\s+(?P<u>months)
                \s+to\s+(?=\S)"""),
            _h_span_to,
            role="prefix",
            trigger="months",
        ),
        _Rule(
            _compile(rf"""(?<![\w])(?:from|between)\s+(?:the\s+)?(?P<d>{_DAY_NUM})\s*
                (?:-|to|until|till|through|and)\s*(?=\S)"""),
            _h_from_day,
            role="prefix",
            trigger="month",
        ),
        _Rule(
            _compile(r"""(?<![\w])(?:(?:the\s+)?week\s+(?:of|starting|beginning|commencing)
                (?:\s+on)?\s+|w/c\s+)(?=\S)"""),
            _h_week_of,
            role="prefix",
            trigger="week",
        ),
        _Rule(
            _compile(r"""(?<![\w])(?:the\s+)?(?P<o>first|second|third|fourth|last)\s+week\s+of\s+
                (?=\S)"""),
            _h_nth_week,
            role="prefix",
            trigger="week",
        ),
    ]
    return rules


# Every pattern needs a digit or one of a few words; it only runs in windows of text around
# them (lower-cased text; a trigger word must start a word).
_TRIGGERS: dict[str, re.Pattern[str]] = {
    "digit": re.compile(r"\d+"),
    "year4": re.compile(r"(?:1[89]|20)\d\d"),
    "qh": re.compile(r"[qh][1-4]|[1-4][qh]"),
    "fiscal": re.compile(r"(?:fy|fiscal|financial)"),
    "calendar": re.compile(r"calendar|cy\s*['\u2019]?\d"),
    "month": re.compile(
        r"(?:january|february|march|april|may|june|july|august|september|october|november"
        r"|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)(?![a-z])"
    ),
    "quarter": re.compile(r"quarters?(?![a-z])"),
    "half": re.compile(r"half(?![a-z])"),
    "year": re.compile(r"years?(?![a-z])"),
    "same": re.compile(r"(?:same|ago|earlier)(?![a-z])"),
    "months": re.compile(r"(?:months|quarters)(?![a-z])"),
    "monthword": re.compile(r"month(?![a-z])"),
    "week": re.compile(r"(?:weeks?|weekend|w/c)(?![a-z])"),
    "weekday": re.compile(
        r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed"
        r"|thu|thurs?|fri|sat|sun)(?![a-z])"
    ),
    "day": re.compile(r"(?:today|yesterday|tomorrow)(?![a-z])"),
    "spelled": re.compile(r"(?:thousand|nineteen|twenty)(?![a-z])"),
    "edge": re.compile(r"(?:end|close|beginning|start)(?![a-z])"),
    "ending": re.compile(r"(?:ended|ending|through|(?:year|quarter)\s+to)(?![a-z])"),
    "cjk": re.compile(r"[今明去前后後]年|[上下]半年|季度"),
}
_ON_YEAR = re.compile(r"on\s*-\s*$|on\s+$")
_YEAR_ON_YEAR = re.compile(r"\s*-\s*on\s*-|\s+on\s+year|\s*-\s*(?:end|over|to|ago|earlier)")
# Characters matched before and after a trigger.
_WINDOW = {"digit": (24, 48), "year4": (16, 24), "qh": (16, 24), "month": (40, 48)}
_DEFAULT_WINDOW = (48, 48)


def _merge(
    spans: list[tuple[int, int]], before: int, after: int, size: int
) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        start, end = max(0, start - before), min(size, end + after)
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _trigger_spans(kind: str, text: str, lower: str) -> list[tuple[int, int]]:
    spans = []
    for m in _TRIGGERS[kind].finditer(lower):
        start = m.start()
        if kind not in ("digit", "year4", "qh", "cjk") and start and lower[start - 1].isalpha():
            continue
        if kind == "year4" and start and lower[start - 1].isdigit():
            continue
        if kind == "year" and (
            _YEAR_ON_YEAR.match(lower, m.end()) or _ON_YEAR.search(lower, max(0, start - 8), start)
        ):
            continue
        spans.append(m.span())
    return spans


def _windows(text: str) -> dict[str, list[tuple[int, int]]]:
    """Stretches of ``text`` worth matching, per trigger kind."""
    size = len(text)
    lower = text.lower()
    if len(lower) != size:  # a few characters change length when lower-cased
        lower = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return {
        kind: _merge(_trigger_spans(kind, text, lower), *_WINDOW.get(kind, _DEFAULT_WINDOW), size)
        for kind in _TRIGGERS
    }
