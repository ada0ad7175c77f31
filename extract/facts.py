"""Link figures to what they are about: subject, metric, period, segment and change.

``link_facts`` reads one document sentence by sentence. It needs no parser: a small grammar
over the sentence's words and the mentions found by earlier stages does the work.

1. Metric phrases (``revenue``, ``delivered``, ``market share``) come from the lexicon.
2. Each money/percent/quantity mention is classified: a *change* (a percent introduced by
   ``increase of``, ``fell by``, ``up``, or followed by ``year-on-year increase``), a *level*,
   or nothing (a restatement such as ``exceeded the 100-billion-yuan mark``, a gap such as
   ``120 yuan lower than``, a share of a total).
3. A level attaches to the nearest metric phrase whose metric takes its kind of value
   (money -> revenue, percent -> margin, quantity -> deliveries); a quantity's own words
   (``402 sales outlets``) win. A metric phrase followed by ``of`` + a noun phrase naming no
   company, segment or product (``the market share of German brands``) has no single subject
   and yields no fact.
4. A change joins the level stated just before it (``revenue of 113.1 billion yuan, up
   22.3%``), or a level stated after it for the same metric (``the stock price fell 4% and
   was at HK$39``); otherwise it makes a fact of its own with no level.
5. Subject, segment and period come from the sentence, else from earlier sentences of the
   paragraph, else from the document (its most-mentioned org, and the most-mentioned
   quarter for metrics reported over a period). ``respectively`` lists and ``the X of A, B
   and C were x%, y%`` are paired in order; ``In May and June ... were both over 40,000``
   gives one fact per date.
6. ``modality`` comes from the words before the figure (``target``, ``expected to``,
   ``plans to``, ``will``).
7. Finally, a figure repeated (a headline and the body) or a change stated apart from its
   level (``a 33% drop in net profit`` ... ``net profit fell to 7.8 billion yuan``) is merged
   into one fact, keyed by subject, metric, period and modality.

Decisions for wire-style copy (where CONVENTIONS.md and the dev gold are silent):

- Not company facts: per-share amounts (``$612 million, or $2.31 a share``), analysts'
  estimates and consensus (``analysts had expected``), market value (``valuing the company
  at``), an amount restated in another currency (``30 billion won, or roughly 3 billion
  yen``), and figures a blocking phrase of the lexicon claims (cash, EBITDA, backlog).
- A stated prior-period level is a fact of its own: one with its own date (``compared with
  $537 million in the fourth quarter of 2023``), or ``a year earlier`` / ``the same period
  last year`` / ``the year-ago quarter``, which takes the current figure's period one year
  back. Its date and period do not carry to later sentences. A change compared with such a
  level, or ``from 2023``, is year-on-year. A superseded range (``compared with a previous
  range of``) is kept with the new one's period and modality.
- A figure with two changes of different bases (``up 41% year-on-year and 19%
  quarter-on-quarter``) gives one row per change, with the same level. A share price's
  ``up 31% this year`` is a row of its own: no level, basis ``ytd``, period the year.
- The report's period is the quarter, half or fiscal year named most often; ``For the full
  year`` and ``full-year revenue`` take the report's year. A share price with no date is the
  price on the reference date. ``ended the year with 2,318 stores`` is the last day of the
  report period; openings and closures (``opening 146 stores``) are flows, not facts.
- The subject is an org: ``Brightwater Medical`` beside ``Brightwater`` is ``Brightwater``;
  ``Brightwater Helix`` (another org's name plus non-corporate words) is a product, so a
  segment. Names inside a figure (``2,318 Marumiya stores``) are not subjects.
- Segments come from the lexicon, else from the text: ``the robotics segment``, ``the
  drugstore and payments segments`` (two), ``Vehicle gross margin`` (``vehicles``), a product
  counted or opening the sentence. A count's noun (``cars``) names a segment only in a
  report that names segments elsewhere; a carmaker's deliveries have no segment.

Round 2 (fiscal and retail reports, guidance, wire phrasing):

- The report's period is one that has ended by the reference date (``the second half of
  next year`` is guidance); a 13-, 26- or 52-week interval (``the 26 weeks to 31 August``)
  counts as a reporting period, a nine-month span does not. ``full-year`` in a report on a
  26-week half is the 52-week year holding it (starting with it where the text speaks of a
  first half).
- Days that name no period: the announcement day (``on Thursday reported``, ``said on
  October 24 that``), a closing day after ``ended`` (``fiscal 2024, which ended on Sept.
  30``), and a week in which a rival ``reported``. A date in a subordinate clause after the
  figure (``to £702m as weather in June ...``) is not the figure's.
- Bases: a basis opening the sentence (``Compared with a year earlier, ...``) holds for all
  its changes; one written in the first of two parallel clauses (``..., while``) holds for
  the second; ``from the first quarter`` against a quarter's figure is ``qoq``. Two changes
  before one level (``rose 14% quarter-on-quarter and 31% year-on-year to ...``) give two
  rows; ``a 9.4% rise in net profit to ...`` joins change and level; ``closed 1.6% higher
  at`` is a change. A share price move with no level takes the reference day.
- Not subjects: a company in a business relation (``a partnership with ... Zalando``,
  ``customers such as``). Not facts: stores ``opened``/``closed`` (but ``had opened 402
  outlets`` is a stock), a count's threshold (``clients contributing more than $100
  million``), a forecast revision (``lifted their forecast by £12m``), a statistic cited
  from a source about a market (``figures from X showed retail sales in the UK rose``), a
  count explained after a dash (``three channels - stores, ...``), and figures of the
  blocking phrases (operating margin, one-time charge).
- ``sales of furniture and lighting`` names goods, so the figure keeps its subject; only
  an ``of`` phrase naming owners (``brands``, ``makers``) or a market share's has none.
  ``revenue of between X and Y`` is a range level.
- A parallel clause without a metric word (``..., while the wearables category declined
  3% to $9.0 billion``) and ``lift it to 450,000`` take the metric of the figure before; a
  rate (``per month``) may stand between a figure and its date.
- Sentences are cut after a figure that ends one (``to £96.5m. Online sales``), which a
  sentence splitter may miss. A dated figure absorbs an undated or identical restatement of
  it (a headline).

Round 3 (monthly delivery reports, markets stories, plans and policies):

- Not facts: a number hyphenated to its noun (``seven-seat model``), a price per unit of
  measure and its move (``dropped 9% to 3.10 reais a litre``: a commodity's), stores ``of``
  other chains or retailers, a figure someone ``needs to`` reach (derived), and any figure
  of a question or of a sentence opening with ``If``/``Unless`` (hypothetical).
- A metric phrase after a figure is not lost to a later comparison base (``4,108 of
  October's deliveries, up from 1,950 in September``).
- ``the peak of 236 yuan on August 22`` beside a share price word is a price level of that
  day; a move ``since`` a peak with no level has no period unless ``this year`` gives one.
  A move ``since the start of the year`` is the year's (basis ``ytd``). A sentence opened by
  ``It``/``They`` with a change and no metric phrase takes the metric of the paragraph's
  last fact (``The stock closed up 8%. It has lost 18% since ...``), and so does
  ``its target of 360,000`` (a target).
- Capacities are rates: ``annual`` does not make them the report year's, and a plant's start
  date (``will start production in``) is not their period. A policy figure in force ``from``
  a day (``halved from January 1``) is that year's.

Round 4: a stock exchange or index (``trade on the Nasdaq``, DAX, Hang Seng) is never a
subject; a company named in an appositive about another (``Lanfeng, Hengtai's closest
competitor, reported``) leaves the sentence's own company the subject; a capitalized named
division (``the Mobile Drives division``) is a segment; a verb with the metric as object
(``lifted orders by 15%``) marks a change.

Round 5: a comparison base between a change and its level (``slid 3.1% from a year before
to``) keeps them one fact, and commas around a discourse adverb (``Revenue, however, fell``)
end no clause; ``2.8% fewer than a year earlier`` is a yoy change; EBIT is operating profit
(its margin claims its figure). Same-store / comparable sales and customer traffic measure a
store base, not revenue, and yield no fact; UK ``like-for-like sales growth`` stays a revenue
change. Restaurants and cafes are stores; outlets changing hands (``sell 40 restaurants``)
are flows.
"""

from __future__ import annotations

import bisect
import calendar
import dataclasses
import datetime
import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TypeVar

from extract.document import ParsedDoc
from extract.lexicon import NO_METRIC, LexiconMatch, MetricLexicon
from extract.records import Fact, Mention

__all__ = ["METRIC_VALUE_KINDS", "link_facts"]

_Span = TypeVar("_Span", Mention, LexiconMatch)
_MONEY = frozenset({"money"})
_PERCENT = frozenset({"percent"})
_QUANTITY = frozenset({"quantity"})

#: Which kind of value each metric of the vocabulary takes; other metrics take any.
METRIC_VALUE_KINDS: dict[str, frozenset[str]] = {
    "revenue": _MONEY,
    "gross_profit": _MONEY,
    "net_profit": _MONEY,
    "adjusted_net_profit": _MONEY,
    "operating_profit": _MONEY,
    "rd_expense": _MONEY,
    "share_price": _MONEY,
    "average_selling_price": _MONEY,
    "investment": _MONEY,
    "subsidy": _MONEY,
    "gross_margin": _PERCENT,
    "market_share": _PERCENT,
    "sales_expense_ratio": _PERCENT,
    "deliveries": _QUANTITY,
    "shipments": _QUANTITY,
    "orders": frozenset({"money", "quantity"}),  # order intake in money, or units ordered
    "monthly_active_users": _QUANTITY,
    "users": _QUANTITY,
    "headcount": _QUANTITY,
    "capacity": _QUANTITY,
    "stores": _QUANTITY,
}
_ANY_VALUE = frozenset({"money", "percent", "quantity"})

# Metrics stated over a period: a sentence without a date takes the paragraph's or the
# report's period. Stock figures (users, stores, headcount) take only a day carried over;
# investment, capacity and subsidies take only a date stated in their own sentence.
_FLOW_METRICS = frozenset(
    {
        "revenue",
        "gross_profit",
        "gross_margin",
        "net_profit",
        "adjusted_net_profit",
        "operating_profit",
        "rd_expense",
        "sales_expense_ratio",
        "deliveries",
        "shipments",
        "orders",
        "market_share",
        "average_selling_price",
    }
)
_DAY_METRICS = frozenset({"share_price", "monthly_active_users", "users", "headcount", "stores"})
_GOVERNMENT_METRICS = frozenset({"subsidy"})
# Metrics that are stated per unit anyway ("average price per vehicle", "subsidy per car").
_PER_UNIT_METRICS = frozenset({"average_selling_price", "share_price", "subsidy"})
# Vehicles sold or shipped are reported as deliveries.
_SHIPPED_VEHICLES = {"smart EVs": "deliveries"}

_QUALIFIER_WORDS = (
    r"over|more\s+than|less\s+than|fewer\s+than|nearly|almost|about|around|roughly|"
    r"approximately|some|up\s+to|at\s+least|at\s+most|as\s+much\s+as|only|just|a\s+further|"
    r"another|an\s+additional|a\s+total\s+of|a\s+record|under|above|below|close\s+to|exceeding"
)
_BASIS_WORDS = (
    r"year[\s-]+on[\s-]+year|year[\s-]+over[\s-]+year|yoy|y/y|quarter[\s-]+on[\s-]+quarter|"
    r"qoq|q/q|sequentially|month[\s-]+on[\s-]+month|annually"
)
_UP = (
    r"increase[sd]?|increasing|rise|rises|rising|rose|risen|grow|grows|grew|grown|growing|"
    r"growth|gain(?:s|ed)?|jump(?:s|ed)?|surge[sd]?|climb(?:s|ed)?|up|higher|expand(?:s|ed)?|"
    r"expansion|improve[sd]?|improvement|soar(?:s|ed)?|widen(?:s|ed|ing)?|boost(?:s|ed)?|"
    r"rebound(?:s|ed)?|spike[sd]?|rall(?:y|ies|ied)|leap(?:s|t|ed)?|skyrocket(?:s|ed)?|"
    r"advance[sd]?|add(?:s|ed)?"
)
_DOWN = (
    r"decrease[sd]?|decreasing|decline[sd]?|declining|fall|falls|fell|fallen|falling|"
    r"drop(?:s|ped)?|dropping|down|lower|shrink(?:s|ing)?|shrank|shrunk|narrow(?:s|ed|ing)?|"
    r"reduce[sd]?|reduction|cut|slump(?:s|ed)?|plunge[sd]?|plunging|slide|slid|"
    r"contract(?:s|ed)?|contraction|dip(?:s|ped)?|tumble[sd]?|sank|sink(?:s)?|lost|lose|"
    r"loses|shed|sheds|collapse[sd]?|plummet(?:s|ed)?|crash(?:es|ed)?|tank(?:s|ed)?|"
    r"retreat(?:s|ed)?|slip(?:s|ped)?|eased|weaken(?:s|ed)?"
)
_CUE_BEFORE = re.compile(
    rf"\b(?P<cue>{_UP}|{_DOWN})(?:\s+(?:{_BASIS_WORDS}|(?:so\s+far\s+)?this\s+year))?"
    rf"(?:\s+(?:by|of|at))?"
    rf"(?:\s+(?:{_QUALIFIER_WORDS}))*\s*$",
    re.IGNORECASE,
)
# "lifted orders by 15%", "grew revenue by 21.6%": a verb with its metric as object.
_OBJECT_CUE_BEFORE = re.compile(
    rf"\b(?P<cue>{_UP}|{_DOWN}|lift(?:s|ed)?|raise[sd]?)\s+(?:its\s+|their\s+)?[a-z]+"
    rf"(?:\s+[a-z]+)?\s+by(?:\s+(?:{_QUALIFIER_WORDS}))*\s*$",
    re.IGNORECASE,
)
_CUE_AFTER = re.compile(
    rf"^\s*(?:(?:{_BASIS_WORDS}|annual|quarterly)\s+)?"
    r"(?P<cue>increase|rise|growth|gain|jump|surge|improvement|expansion|decline|decrease|"
    r"drop|fall|reduction|slump|plunge|contraction|dip|higher(?!\s+than)|lower(?!\s+than)|"
    # "2.8% fewer than a year earlier": a comparison with the same measure back in time.
    r"(?:higher|lower|more|fewer|less)(?=\s+than\s+(?:(?:a|the|one|in\s+the)\s+)?"
    r"(?:year|quarter|month|same\s+\w+|previous|prior|last\s+year|year[\s-]+ago)\b))\b",
    re.IGNORECASE,
)
_SIGNED = re.compile(r"(?:^|[\s(\[,])(?P<sign>[+\-\u2212])$")
_BASIS_AFTER = re.compile(rf"^\s*(?:{_BASIS_WORDS})\b", re.IGNORECASE)
_PER_AFTER = re.compile(r"\s+per\s+(?!cent\b)\w", re.IGNORECASE)
_DOWN_WORD = re.compile(rf"^(?:{_DOWN}|loss|fewer|less)$", re.IGNORECASE)

_BASIS = (
    (
        "since_peak",
        re.compile(
            r"\b(?:from|since|compared\s+(?:with|to)|off|below)\s+(?:the|its|their|a)\s+"
            r"(?:\w+\s+){0,2}?(?:peak|high|all[\s-]+time\s+high)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "ytd",
        re.compile(
            r"\byear[\s-]+to[\s-]+date\b|\bytd\b|\bso\s+far\s+this\s+year\b|"
            r"\bsince\s+the\s+(?:start|beginning)\s+of\s+(?:the|this)\s+year\b",
            re.IGNORECASE,
        ),
    ),
    (
        "qoq",
        re.compile(
            r"\bquarter[\s-]+(?:on|over)[\s-]+quarter\b|\bqoq\b|\bq/q\b|\bsequentially\b|"
            r"\b(?:compared\s+(?:with|to)|from|over|than)\s+the\s+(?:previous|preceding|prior|"
            r"last)\s+quarter\b|\bfrom\s+a\s+quarter\s+(?:earlier|ago|before)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "yoy",
        re.compile(
            r"\byear[\s-]+(?:on|over)[\s-]+year\b|\byoy\b|\by/y\b|"
            r"\b(?:from|than)\s+a\s+year\s+(?:earlier|ago|before)\b|\bon[\s-]+year\b|"
            r"\byear[\s-]+earlier\b|"
            r"\b(?:compared\s+(?:with|to)|from|over|than|versus|vs\.?)\s+(?:the\s+)?"
            r"(?:same\s+(?:period|quarter|month)\s+(?:of\s+|in\s+)?(?:last|the\s+previous|"
            r"the\s+prior|a)\s+year|previous\s+year|prior\s+year|last\s+year|"
            r"a\s+year\s+(?:earlier|ago))\b|"
            r"\b(?:year[\s-]+(?:ago|earlier)|prior[\s-]+year)\s+(?:quarter|period|half|month)\b",
            re.IGNORECASE,
        ),
    ),
)

_RESTATEMENT_AFTER = re.compile(
    r"^[\s\"'\u201d\u2019-]*(?:level\b|(?:[\w-]+\s+){0,3}(?:mark|threshold|milestone|barrier|club|"
    r"hurdle)\b)",
    re.IGNORECASE,
)
_STREAK_AFTER = re.compile(
    r"^\s*(?:for|in)\s+(?:the\s+)?(?:\w+\s+)?(?:consecutive|straight|successive|"
    r"running)\s+(?:quarters?|years?|months?|weeks?)\b",
    re.IGNORECASE,
)
_PER_SHARE_AFTER = re.compile(
    r"^\s*(?:a|per|each)\s+(?:(?:diluted|basic|ordinary|common|class\s+\w)\s+)?"
    r"(?:share|ADS|ADR|unit)\b",
    re.IGNORECASE,
)
# Figures of others about the company: an analysts' estimate or consensus, a price target.
_ESTIMATE_BEFORE = re.compile(
    r"\b(?:analysts?|consensus|Wall\s+Street|brokers?)\b(?:\s+(?:had|have|were|are))?"
    r"(?:\s+on\s+average)?\s+(?:expected|estimated|forecast|predicted|projected|polled|"
    r"surveyed|expect|estimate|see|saw|were\s+expecting|had\s+expected)\b|"
    r"\b(?:consensus|average\s+estimate|analysts'?\s+(?:average\s+)?(?:estimates?|"
    r"forecasts?|expectations?)|(?:target|price)\s+(?:price|target))\b",
    re.IGNORECASE,
)
_ESTIMATE_AFTER = re.compile(
    r"\s*(?:(?:that|which)\s+)?(?:(?:analysts?|Wall\s+Street)\s+(?:had\s+)?(?:expected|"
    r"estimated|forecast|predicted|were\s+expecting)|(?:expected|estimated|forecast|predicted)"
    r"\s+by\s+(?:analysts?|Wall\s+Street))\b",
    re.IGNORECASE,
)
_VALUATION_BEFORE = re.compile(
    r"\b(?:valu(?:ing|ed|es)|market\s+(?:value|capitali[sz]ation)\s+(?:of|at))\s+"
    r"(?:(?:the\s+)?(?:company|group|firm|it|them|\w+)\s+)?(?:at\s+)?"
    r"(?:(?:" + _QUALIFIER_WORDS + r")\s+)?$",
    re.IGNORECASE,
)
_OR_GAP = re.compile(
    r"^\s*,?\s*(?:or|equivalent\s+to|about|roughly)\s+(?:(?:" + _QUALIFIER_WORDS + r")\s+)?$",
    re.IGNORECASE,
)
# "$612 million, or $2.31 a share, in the fourth quarter": the per-share aside is skipped
# when looking for the date a figure is stated for.
_PER_SHARE_ASIDE = re.compile(r"^\s*,\s*or\s+[^,]{1,30}?\s+(?:a|per)\s+share\s*,", re.IGNORECASE)
_BRACKET_GAP = re.compile(r"^\s*[(\[]?\s*(?:or|about|around|roughly|approximately)?\s*$")
_GAP_AFTER = re.compile(
    r"^\s*(?:\w+\s+){0,1}(?:higher|lower|more|less|cheaper|dearer|bigger|smaller|greater|"
    r"fewer|larger)\s+than\b",
    re.IGNORECASE,
)
_SHARE_OF_TOTAL_AFTER = re.compile(
    r"^\s*of\s+(?:the\s+|its\s+|their\s+)?(?:group's\s+|company's\s+)?(?:total|overall|"
    r"whole|entire|all)\b",
    re.IGNORECASE,
)
_REFERENCE_BEFORE = re.compile(
    r"\b(?:compared\s+(?:with|to)|from|versus|vs\.?|against)\s+(?:(?!to\b)[\w'-]+\s+){0,4}?"
    r"(?:of\s+)?(?:(?:" + _QUALIFIER_WORDS + r")\s+)?$",
    re.IGNORECASE,
)
_DATE_GLUE = re.compile(
    r"^\s*(?:,?\s*respectively,?\s*)?"
    r"(?:(?:in|on|at|as\s+of|by|for|during|through|until|of|ending|ended)\s+)?"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)
_DURATION = re.compile(
    r"\b(?:in|over|within|during|for|across)\s+the\s+(?:next|past|last|coming|following|"
    r"previous)\s+(?:\w+\s+)?(?:years?|months?|quarters?|weeks?|days?|decades?)\b|"
    r"\bwithin\s+(?:\w+\s+)?(?:years?|months?)\b",
    re.IGNORECASE,
)
_ANNUAL = re.compile(r"\b(?:annual|full[\s-]+year|whole[\s-]+year)\b(?!\s+report)", re.IGNORECASE)
_TO_BEFORE = re.compile(r"\bto\s+(?:(?:" + _QUALIFIER_WORDS + r")\s+)?$", re.IGNORECASE)
_ANNUAL_AFTER = re.compile(
    r"^\s*(?:for|in|over)\s+the\s+(?:full|whole|entire)[\s-]+year\b", re.IGNORECASE
)
# "slid 3.1% from a year before to EUR 1.31 billion": a comparison base between a change
# and its level leaves them one fact.
_BASIS_PHRASE = (
    r",?\s*(?:from|compared\s+(?:with|to)|versus|vs\.?|on|over)\s+(?:(?:a|the|one)\s+)?"
    r"(?:year|quarter|month|twelve\s+months|12\s+months)\s+(?:earlier|ago|before),?|"
    r",?\s*(?:from|compared\s+(?:with|to)|versus|vs\.?|on|over)\s+(?:the\s+)?(?:same\s+"
    r"(?:period|quarter|month|half)\s+(?:a|of\s+the\s+previous|last)\s+year|year[\s-]+ago\s+"
    r"(?:period|quarter|month|half))\s*,?"
)
_TO_LEVEL = re.compile(
    r"^\s*(?:(?:" + _BASIS_WORDS + r")\s+|(?:" + _BASIS_PHRASE + r")\s+)?(?:to|at)\s+"
    r"(?:a\s+record\s+)?"
    r"(?:(?:" + _QUALIFIER_WORDS + r")\s+)?$",
    re.IGNORECASE,
)
_AT_TO_BEFORE = re.compile(r"\b(?:at|to)\s+(?:(?:" + _QUALIFIER_WORDS + r")\s+)?$", re.IGNORECASE)
_CLAUSE_COMMA = re.compile(r"[,;](?!\d)")
_ASIDE_ADVERB = re.compile(
    r",\s*(?:however|meanwhile|though|too|also|in\s+turn|by\s+contrast|in\s+contrast|"
    r"for\s+its\s+part|moreover|furthermore|nevertheless|nonetheless|likewise|again)\s*,",
    re.IGNORECASE,
)
_LINK_VERB = re.compile(
    r"\b(?:is|was|were|are|reached|reaches|rose|fell|grew|jumped|surged|climbed|dropped|"
    r"declined|increased|decreased|totaled|totalled|totals|hit|hits|stood|stands|came|"
    r"amounted|exceeded|surpassed|topped|soared|slipped|slid|plunged|remained)\b",
    re.IGNORECASE,
)
_INTERVAL = re.compile(r"^(\d{4})-(\d{2})-(\d{2})/(\d{4})-(\d{2})-(\d{2})$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MARKET_WIDE = re.compile(
    r"\b(?:global|worldwide|industry|industry-wide|nationwide|national|country's|"
    r"market-wide)\s+(?:[\w-]+\s+){0,2}?[\w-]+$",
    re.IGNORECASE,
)
_POSSESSIVE = re.compile(r"\b(?:its|their|our|his|her)\b", re.IGNORECASE)
_BOTH = re.compile(r"\b(?:both|each|all)\b", re.IGNORECASE)
_RESPECTIVELY = re.compile(r"\brespectively\b", re.IGNORECASE)
_PRONOUN = re.compile(r"\b(?:it|this|which)\b", re.IGNORECASE)
_ANAPHOR = re.compile(
    r"\b(?:its|their|this\s+(?:segment|business|division|unit|line)|the\s+(?:segment|"
    r"business|division|unit))\b",
    re.IGNORECASE,
)
_WHOLE_COMPANY = re.compile(r"\b(?:total|overall|group|company-wide)\b", re.IGNORECASE)
_OF_COMPLEMENT = re.compile(r"^\s+of\s+(?P<np>.*)$", re.IGNORECASE | re.DOTALL)
_CLAUSE_VERB = re.compile(
    r"[,;:]|\b(?:is|was|were|are|be|been|has|have|had|reached|reaches|reach|rose|fell|grew|"
    r"increased|decreased|declined|exceeded|exceeds|stood|stands|totaled|totalled|totals|"
    r"came|hit|hits|amounted|accounted|will|would|may|might|could|achieved|surpassed|"
    r"climbed|dropped|remained|remains|in|at|during|for|from|to|by|since|as)\b",
    re.IGNORECASE,
)
_SUBJECT_ANAPHOR = re.compile(
    r"\b(?:this|that|these|its|their|the\s+(?:company|group|firm|segment|business|division|"
    r"brand|unit))\b",
    re.IGNORECASE,
)
_FILLER = re.compile(rf"\b(?:the|a|an|between|{_QUALIFIER_WORDS})\b", re.IGNORECASE)
# "the market share of German brands": an "of" phrase naming owners, not goods ("sales of
# furniture and lighting" are the company's own).
_OWNERS = re.compile(
    r"\b(?:brands?|compan(?:y|ies)|makers?|firms?|players?|vendors?|carmakers?|automakers?|"
    r"manufacturers?|rivals?|competitors?|peers?|retailers?|groups?|sector|industry|"
    r"market|operators?|suppliers?|banks?|lenders?|insurers?)\b",
    re.IGNORECASE,
)
_SOURCE_BEFORE = re.compile(
    r"(?:\b(?:data|figures|statistics|research|report|reports|estimates|survey|analysis)\s+"
    r"(?:from|by|of)|\baccording\s+to|\btold|\bsaid|\bcited\s+by|\bciting|\bmagazine|"
    r"\bnewspaper|\bwebsite|\banalysts?\s+(?:at|from))\s*[\"“']?\s*(?:the\s+)?$",
    re.IGNORECASE,
)
_SOURCE_AFTER = re.compile(
    r"^\s*(?:'s\s+)?(?:data|figures|statistics|estimates|research|analysts?|survey)\b",
    re.IGNORECASE,
)
_GENERIC_ORG = re.compile(
    r"^(?:the\s+)?(?:company|group|firm|corporation|business|brand|carmaker|automaker|"
    r"maker|manufacturer)$",
    re.IGNORECASE,
)
_HUNG_ON_NAME = re.compile(
    r"^(?:'s)?\s+(?:at|with)\s+(?:an?\s+)?(?:(?:" + _QUALIFIER_WORDS + r")\s+)?$", re.IGNORECASE
)
# Stock exchanges and indices: where a company's shares trade, never a figure's subject.
_MARKET_NAME = re.compile(
    r"^(?:Nasdaq|NYSE|AMEX|Hang Seng|DAX|MDAX|SDAX|TecDAX|FTSE|Dow Jones|Dow|S&P|Nikkei|CAC"
    r"|Euronext|Kospi|KOSPI|Sensex|Nifty|Topix|TOPIX|STOXX|Stoxx|Euro Stoxx|SMI|ASX|TSX|JSE"
    r"|Bovespa|IBEX|STAR Market|ChiNext)\b"
    r"|\b(?:Stock Exchange|Stock Market|Exchange|Index|Composite)$"
)
# ", Hengtai's closest competitor in ...,": an appositive naming another company's relation.
_APPOSITIVE_OWNER = re.compile(r"['\u2019]s\s+[^,.;()]{1,60},")
_COMPARISON_BEFORE = re.compile(
    r"\b(?:than|like|unlike|such\s+as|surpassing|surpassed|overtaking|overtook|behind|"
    r"ahead\s+of|compared\s+(?:with|to)|versus|vs\.?|including|only\s+to|beat|"
    r"beating|against|outpacing|outpaced)\s+(?:the\s+)?(?:its\s+)?(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
# "a partnership with the online marketplace Zalando", "customers such as Acme": another
# company in a business relation, not the figure's subject.
_PARTNER_BEFORE = re.compile(
    r"\b(?:partnership|partnering|partnered|agreement|deal|contract|collaboration|venture|"
    r"alliance|tie-up|cooperation)\s+with\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,3}$|"
    r"\b(?:customers?|clients?|partners?|suppliers?)\s+(?:such\s+as\s+|including\s+|like\s+)?$",
    re.IGNORECASE,
)
# "customers with over $50 million of yearly spending": a threshold of a count.
_THRESHOLD_BEFORE = re.compile(
    r"\b(?:clients|customers|accounts|companies|deals|contracts|firms)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:contributing|generating|worth|spending|paying|with|of)\s+(?:(?:"
    + _QUALIFIER_WORDS
    + r")\s+)?$",
    re.IGNORECASE,
)
# "Compared with a year earlier, revenue ... rose 7% ... and Europe grew 10%": a basis that
# opens the sentence holds for every change in it.
_OPENING_BASIS = re.compile(
    r"\W*(?:compared\s+(?:with|to)\s+(?:a\s+year\s+(?:earlier|ago)|the\s+same\s+(?:period|"
    r"quarter)\s+(?:of\s+|in\s+)?last\s+year|the\s+previous\s+year)|year[\s-]+on[\s-]+year|"
    r"from\s+a\s+year\s+(?:earlier|ago))\s*,",
    re.IGNORECASE,
)
_PARALLEL_CLAUSE = re.compile(r"(?:,\s*|\s)(?:while|whereas|and)\s", re.IGNORECASE)
# "lifted their profit forecast by £12m": the size of a revision, not a figure.
_REVISION_BEFORE = re.compile(
    r"\b(?:forecasts?|estimates?|guidance|outlook|targets?|projections?)\s+by\s+(?:(?:"
    + _QUALIFIER_WORDS
    + r")\s+)?$",
    re.IGNORECASE,
)
# "Rival X reported a 2% fall in sales last week": the week of the report, not the period.
_REPORTING_VERB = re.compile(
    r"\b(?:reported|said|announced|posted|disclosed|published)\b", re.IGNORECASE
)
# "our three channels - stores, online and ...": a list after a dash or colon explains the
# counted noun; its words are no metric of the count.
_EXPLANATION_GAP = re.compile(r"\s[-\u2013\u2014]\s|:")
_FIRST_HALF = re.compile(r"\bfirst[\s-]+half\b", re.IGNORECASE)
# "capacity reached 410,000 wafers, and it plans to lift it to 450,000": the same metric.
_PRONOUN_TO_BEFORE = re.compile(
    r"\b(?:lift|raise|increase|expand|boost|grow|take|bring|cut|reduce|lower|double)\s+"
    r"(?:it|them|this|that)\s+to\s+(?:(?:" + _QUALIFIER_WORDS + r")\s+)?$",
    re.IGNORECASE,
)
# "450,000 wafers per month in 2025": the rate sits between the figure and its date.
_RATE_ASIDE = re.compile(r"^\s*(?:per|a|an|each)\s+(?:day|week|month|quarter|year|annum)\b", re.I)
_CHANGE_OF = re.compile(
    rf"\s*(?:(?:{_BASIS_WORDS})\s+)?(?:increase|rise|growth|gain|jump|surge|improvement|"
    r"decline|decrease|drop|fall|reduction|slump|plunge|dip)\s+(?:in|of)\s+(?:(?:its|the|"
    r"[\w-]+)\s+){0,2}",
    re.IGNORECASE,
)
_IN_PLACE = re.compile(r"\s+(?:in|across)\s+(?:the\s+)?", re.IGNORECASE)
_LIST_GLUE = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s*)$", re.IGNORECASE)

_MODALITY = (
    ("target", re.compile(r"\b(?:target(?:s|ed)?|goal|aims?\s+to|aiming\s+to|objective)\b", re.I)),
    ("guidance", re.compile(r"\b(?:guidance|guided|guides|outlook)\b", re.IGNORECASE)),
    (
        "plan",
        re.compile(
            r"\b(?:plans?\s+to|planned|planning\s+to|intends?\s+to|intended|scheduled\s+to|"
            r"(?:said|says)\s+(?:it|they)\s+would)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "forecast",
        re.compile(
            r"\b(?:(?:is|are|was|were|be)\s+expected\s+to|expects?|expecting|"
            r"(?<!than\s)(?<!as\s)expected|"
            r"forecasts?|forecasted|projected|projects?\s+to|estimated\s+to|estimates?\s+that|"
            r"likely\s+to|anticipated|anticipates?|predicts?|could\s+reach|may\s+reach)\b",
            re.IGNORECASE,
        ),
    ),
    ("plan", re.compile(r"\b(?:will|shall|is\s+to\s+be|are\s+to\s+be)\b", re.IGNORECASE)),
)

_BLOCK = "block"
_THIS_YEAR_AFTER = re.compile(r"\s*(?:so\s+far\s+)?this\s+year\b", re.IGNORECASE)
_THIS_YEAR_BEFORE = re.compile(
    r"\b(?P<cue>gain|rise|increase|advance|loss|fall|decline|drop)s?\s+(?:so\s+far\s+)?this\s+year\s+"
    r"(?:to|of)\s+(?:(?:" + _QUALIFIER_WORDS + r")\s+)?$",
    re.IGNORECASE,
)


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_CORPORATE_WORDS = _word_set(
    """
    ab ag as asa bhd bv kg kk lp llp oyj pte pty sarl sas spa tbk
    ag airlines auto automotive bank biotech brands capital co communications company corp
    corporation electric electronics energy enterprises entertainment financial foods gmbh
    group holding holdings inc incorporated industries international labs limited llc ltd
    medical mining motor motors networks nv pharma pharmaceuticals plc resources retail sa se
    semiconductor software systems tech technologies technology telecom therapeutics
    """
)
# "after opening 146 stores and closing 39", "plans to open about 150 stores": openings and
# closures are flows, not the count of stores ("had opened 402 outlets by June" is a count).
_FLOW_COUNT_BEFORE = re.compile(
    r"\b(?:opening|closing|adding|shutting|hiring|cutting|"
    # "opened 14 stores during the period" is a flow; "had opened 402 outlets" a stock.
    r"(?<!had\s)(?<!has\s)(?<!have\s)(?:opened|closed|added|shut|hired)|"
    r"(?:to|will|would)\s+(?:open|close|"
    r"add|shut|hire|cut))\s+(?:down\s+)?(?:(?:" + _QUALIFIER_WORDS + r")\s+)?"
    r"(?:(?:new|more|another|additional)\s+)?$",
    re.IGNORECASE,
)
# Outlets changing hands ("agreed to sell 40 restaurants", "acquired 12 stores") are flows.
_TRANSFER_BEFORE = re.compile(
    r"\b(?:sell(?:s|ing)?|sold|buy(?:s|ing)?|bought|acquir(?:e|es|ed|ing)|divest(?:s|ed|ing)?|"
    r"refranchis(?:e|es|ed|ing)|transfer(?:s|red|ring)?)\s+(?:(?:" + _QUALIFIER_WORDS + r")\s+)?"
    r"(?:(?:its|their|the|another|more)\s+)?$",
    re.IGNORECASE,
)
_OUTLET_UNITS = frozenset(
    {"store", "restaurant", "outlet", "shop", "location", "branch", "showroom", "cafe", "unit"}
)
_INCLUDING_BEFORE = re.compile(
    r"\b(?:including|of\s+which|among\s+them)\s+(?:(?:" + _QUALIFIER_WORDS + r")\s+)?$",
    re.IGNORECASE,
)
# "ended the fiscal year with 2,318 stores": a count on the last day of the report period.
_ENDED_WITH = re.compile(
    r"\bended\s+(?:the|its)\s+(?:fiscal\s+|financial\s+)?(?:year|quarter|half|period)\s+with\b",
    re.IGNORECASE,
)
_PRIOR_ESTIMATE_BEFORE = re.compile(
    r"\b(?:previous|prior|earlier|old|original|initial)\s+(?:range|guidance|forecast|outlook|"
    r"target|estimate|projection|view)s?\s+(?:of\s+)?(?:(?:" + _QUALIFIER_WORDS + r")\s+)?$",
    re.IGNORECASE,
)
_TARGET_OF_BEFORE = re.compile(
    r"\b(?:target|goal|guidance|forecast|outlook)\s+of\s+(?:(?:" + _QUALIFIER_WORDS + r")\s+)?$",
    re.IGNORECASE,
)
# "organic growth ... was 9.8%", "like-for-like sales growth of 3%": a change of revenue on
# an adjusted basis, a row of its own beside the reported change.
_ORGANIC_BEFORE = re.compile(
    r"\b(?:organic|underlying|like[\s-]+for[\s-]+like|comparable|same[\s-]+store)\s+"
    r"(?:(?:sales|revenue)\s+)?growth\b(?:\s*,[^,]*,)?\s*(?:was|were|is|of|at|reached|stood\s+at|"
    r"came\s+in\s+at)\s+(?:(?:" + _QUALIFIER_WORDS + r")\s+)?$",
    re.IGNORECASE,
)
_SEGMENT_HEAD = re.compile(
    r"\b(?i:the|its|their|our)\s+"
    r"(?P<name>[A-Za-z][A-Za-z-]*(?:\s+(?:and\s+)?[A-Za-z][A-Za-z-]*){0,3}?)\s+"
    r"(?P<head>(?i:segments?|business(?:es)?|divisions?|units?|arms?))\b"
)
_SEGMENT_LEAD = re.compile(r"\W*(?P<name>[A-Z][a-z-]+(?:\s+(?:and\s+)?[a-z][a-z-]*){0,3}?)\s+")
_SEGMENT_STOP = _word_set(
    """
    a an the its their our his her this that these those company group firm core main whole
    entire overall other new same total net gross operating adjusted quarterly annual yearly
    monthly full-year half-year first second third fourth record organic reported underlying
    largest biggest key existing legacy own combined global domestic international also
    which who whose while but or as is was were has had fourth-quarter it he she they we
    i to of in on for at by with from plans will would said says have be been in-house third-quarter
    second-quarter first-quarter first-half full average group-wide company-wide consolidated
    attributable analysts analyst estimated expected forecast profitable loss-making
    comparable like-for-like same-store pre-tax pretax after-tax diluted higher lower strong
    stronger weak weaker rising falling solid robust north south east west northern southern
    eastern western
    online offline digital e-commerce ecommerce in-store wholesale channel standout best
    strongest weakest fastest-growing top leading
    """
)
_NATIONALITY = ("ese", "ean", "ian", "ish", "can", "ch")
_MASS_NOUNS = _word_set(
    """
    retail software hardware equipment healthcare insurance banking advertising commerce
    e-commerce cloud gaming media wealth energy power construction mining steel aviation
    fashion apparel pharma biotech wholesale hospitality tourism travel food real-estate
    research engineering manufacturing licensing content infrastructure transport shipping
    """
)
_LEADING_THE = re.compile(r"\W*(?:the\s+)?", re.IGNORECASE)
_FROM_DATE = re.compile(r"\s*(?:from|over|compared\s+(?:with|to)|versus)\s+(?:the\s+)?", re.I)
_PARTICIPLE = re.compile(r",\s+(?:adding|bringing|raising|lifting|taking|creating)\b", re.I)
_REPORT_PERIOD = re.compile(r"\d{4}-(?:Q[1-4]|H[12])")
_YEAR_EARLIER_AFTER = re.compile(
    r"^\s*,?\s*(?:(?:in|during|for)\s+)?(?:(?:a|one)\s+year\s+(?:earlier|ago|before)|"
    r"the\s+same\s+(?:period|quarter|half|month|time)\s+(?:of\s+|in\s+)?(?:last|the\s+previous|"
    r"the\s+prior|a)\s+year|(?:the\s+)?(?:previous|prior)\s+year|"
    r"the\s+(?:year[\s-]+(?:ago|earlier)|prior[\s-]+year)\s+(?:quarter|period|half|month))\b",
    re.IGNORECASE,
)
_COMPARISON_DATE_BEFORE = re.compile(
    r"\b(?:from|compared\s+(?:with|to)|than|versus|vs\.?|over)\s+(?:the\s+)?$", re.IGNORECASE
)
# Days that name no period: the announcement day and a period's closing day.
_ENDED_BEFORE = re.compile(r"\b(?:ended|ending|ends)\s+(?:on\s+)?(?:the\s+)?$", re.IGNORECASE)
_REPORTED_ON_BEFORE = re.compile(
    r"\b(?:said|says|reported|reports|announced|announces|posted|disclosed)\s+on\s+$",
    re.IGNORECASE,
)
_ON_BEFORE = re.compile(r"\bon\s+$", re.IGNORECASE)
_REPORTING_AFTER = re.compile(
    r"\s*(?:,\s*)?(?:that\s+)?(?:said|says|reported|reports|announced|announces|posted|"
    r"disclosed|published|released|unveiled)\b",
    re.IGNORECASE,
)
# "to £702m as unseasonal weather in June ...": a date in a clause of its own.
_SUBCLAUSE = re.compile(
    r"\b(?:as|because|after|before|while|when|since|although|though|amid|but|whereas)\b",
    re.IGNORECASE,
)
_ANNUAL_SENTENCE = re.compile(
    r"\W*(?:for|in|over)\s+the\s+(?:full|whole|entire)[\s-]+year\b", re.IGNORECASE
)
_WORD = re.compile(r"\w+")
_VERB_PENALTY = 3
_FOLLOWING_PENALTY = 1
_COMMA_PENALTY = 4
_CROSS_PENALTY = 6
_MAX_BEFORE = 25
_MAX_AFTER = 8


@dataclass(slots=True)
class _Draft:
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
    superseded: bool = False

    @property
    def position(self) -> int:
        used = self.value or self.change
        return used.start if used is not None else self.sentence[0]


@dataclass(slots=True)
class _Paragraph:
    """What earlier sentences of the paragraph established (subject, segment, dates)."""

    subject: str = ""
    segment: str = ""
    dates: list[Mention] = field(default_factory=list)
    free_anchors: list[LexiconMatch] = field(default_factory=list)
    last_anchor: LexiconMatch | None = None
    fact_period: tuple[int, str] = (-1, "")


@dataclass(frozen=True, slots=True)
class _DocContext:
    text: str
    main_org: str
    main_place: str
    report_period: str
    reference_year: str
    reference_day: str = ""
    unit_segments: bool = True


@dataclass(frozen=True, slots=True)
class _Sentence:
    span: tuple[int, int]
    numbers: tuple[Mention, ...]
    dates: tuple[Mention, ...]
    orgs: tuple[Mention, ...]
    places: tuple[Mention, ...]
    products: tuple[Mention, ...]
    anchors: tuple[LexiconMatch, ...]
    segments: tuple[LexiconMatch, ...]


def link_facts(doc: ParsedDoc, mentions: Sequence[Mention], lexicon: MetricLexicon) -> list[Fact]:
    """The facts stated in ``doc``, in text order with ids ``f001``, ``f002``, ...

    ``mentions`` are the document's mentions (any order); only English paragraphs are read.
    Evidence offsets are those of the sentence holding the figure.
    """
    text = doc.text
    sentences = _split_after_figures(list(doc.sentences) or [(0, len(text))], mentions, text)
    starts = [s for s, _ in sentences]
    mentions = _short_org_names(mentions)
    by_sentence: dict[int, list[Mention]] = {}
    for mention in sorted(mentions, key=lambda m: (m.start, m.end)):
        if mention.status != "ok":
            continue
        index = max(bisect.bisect_right(starts, mention.start) - 1, 0)
        by_sentence.setdefault(index, []).append(mention)
    anchors = [a for a in lexicon.find_metrics(text) if a.label != NO_METRIC or a.role == _BLOCK]
    segments = lexicon.find_segments(text)
    context = dataclasses.replace(
        _doc_context(doc, mentions),
        # A count's noun names a segment (``cars`` -> smart EVs) only in a report that speaks
        # of segments: a carmaker's vehicle deliveries are the whole company's.
        unit_segments=any(doc.is_english(s.start) for s in segments),
    )

    drafts: list[_Draft] = []
    paragraph_key: tuple[int, int] | None = None
    state = _Paragraph()
    for index, span in enumerate(sentences):
        if not doc.is_english(span[0]):
            continue
        paragraph = doc.paragraph_at(span[0])
        if (paragraph.start, paragraph.end) != paragraph_key:
            paragraph_key = (paragraph.start, paragraph.end)
            state = _Paragraph()
        sentence = _make_sentence(span, by_sentence.get(index, []), anchors, segments, text)
        found = _read_sentence(sentence, state, context, lexicon)
        drafts.extend(found)
        _update_state(state, sentence, found, context)

    drafts.sort(key=lambda d: (d.position, d.period))
    drafts = _drop_undated_repeats(_merge(drafts))
    facts: list[Fact] = []
    for number, draft in enumerate(drafts, start=1):
        facts.append(_to_fact(draft, f"f{number:03d}"))
    return facts


_FIGURE_STOP = re.compile(r"\.[\"\u201d\u2019]?\s+(?=[\"\u201c]?[A-Z])")


def _split_after_figures(
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


# ---------------------------------------------------------------- document context


def _short_org_names(mentions: Sequence[Mention]) -> list[Mention]:
    """One name per company, and no product as a company.

    An org named as another org of the document plus corporate words (``Brightwater Medical``
    beside ``Brightwater``; ``Acme Motors Group`` beside ``Acme``) takes the short name; one
    named as another org plus other words (``Brightwater Helix``) is that company's product,
    so it is read as a product (a segment), never as the subject of a figure.
    """
    names = {m.canonical or m.text for m in mentions if m.kind == "org" and m.status == "ok"}
    out: list[Mention] = []
    for mention in mentions:
        name = mention.canonical or mention.text
        if mention.kind != "org":
            out.append(mention)
            continue
        base = next(
            (
                other
                for other in sorted(names, key=len)
                if other != name and name.startswith(other + " ")
            ),
            "",
        )
        if not base:
            out.append(mention)
            continue
        rest = name[len(base) :].replace(".", " ").replace(",", " ").split()
        if any(word.lower() in _CORPORATE_WORDS for word in rest):
            out.append(dataclasses.replace(mention, canonical=base))
        else:
            out.append(dataclasses.replace(mention, kind="product"))
    return out


def _doc_context(doc: ParsedDoc, mentions: Sequence[Mention]) -> _DocContext:
    english = [m for m in mentions if m.status == "ok" and doc.is_english(m.start)]
    orgs = Counter(
        m.canonical or m.text for m in english if m.kind == "org" and not _in_figure(m, english)
    )
    places = Counter(m.canonical or m.text for m in english if m.kind == "place")
    # The report's period: the reporting period named most often (quarter, half or fiscal
    # year; ties to the first seen), else the year named most often.
    # A period that has not ended by the reference date is guidance, not the report's
    # (``the second half of next year``); a retailer's ``26 weeks to 31 August`` is a half.
    reference_day = doc.reference_date.isoformat() if doc.reference_date else ""
    quarters = Counter(
        m.period
        for m in english
        if m.kind == "date"
        and (_REPORT_PERIOD.fullmatch(m.period) or _report_interval(m.period))
        and _ended_by(m.period, reference_day)
    )
    if not quarters:
        quarters = Counter(
            m.period
            for m in english
            if m.kind == "date"
            and re.fullmatch(r"\d{4}", m.period)
            and _ended_by(m.period, reference_day)
        )
    reference_year = str(doc.reference_date.year) if doc.reference_date else ""
    return _DocContext(
        text=doc.text,
        main_org=_most_common(orgs),
        main_place=_most_common(places),
        report_period=_most_common(quarters),
        reference_year=reference_year,
        reference_day=doc.reference_date.isoformat() if doc.reference_date else "",
    )


def _ended_by(period: str, day: str) -> bool:
    """Whether ``period`` ended on or before ``day`` (true when either is unknown)."""
    end = _period_end(period)
    return not end or not day or end <= day


def _year_of_half(period: str, text: str) -> str:
    """The 52-week year holding a retailer's 26-week half (``2024-03-03/2024-08-31``): it
    starts with the half where the report calls it the first half, else ends with it."""
    match = _INTERVAL.match(period)
    if match is None:
        return ""
    y1, m1, d1, y2, m2, d2 = (int(g) for g in match.groups())
    start, end = datetime.date(y1, m1, d1), datetime.date(y2, m2, d2)
    if abs((end - start).days + 1 - 182) > 3:
        return ""
    if _FIRST_HALF.search(text):
        return f"{start.isoformat()}/{(start + datetime.timedelta(days=363)).isoformat()}"
    return f"{(end - datetime.timedelta(days=363)).isoformat()}/{end.isoformat()}"


def _week_long(period: str) -> bool:
    match = _INTERVAL.match(period)
    if match is None:
        return False
    y1, m1, d1, y2, m2, d2 = (int(g) for g in match.groups())
    return (datetime.date(y2, m2, d2) - datetime.date(y1, m1, d1)).days == 6


def _report_interval(period: str) -> bool:
    """An interval as long as a reporting quarter, half or year (13, 26 or 52 weeks, or a
    fiscal year), not a year-to-date span such as nine months."""
    match = _INTERVAL.match(period)
    if match is None:
        return False
    y1, m1, d1, y2, m2, d2 = (int(g) for g in match.groups())
    days = (datetime.date(y2, m2, d2) - datetime.date(y1, m1, d1)).days + 1
    return any(abs(days - length) <= 10 for length in (91, 182, 365))


def _year_long(period: str) -> bool:
    """An interval of about a year (a fiscal year such as ``2024-04-01/2025-03-31``)."""
    match = _INTERVAL.match(period)
    if match is None:
        return False
    y1, m1, _, y2, m2, _ = (int(g) for g in match.groups())
    return (y2 - y1) * 12 + m2 - m1 >= 11


def _period_end(period: str) -> str:
    """The last day of a period (``2024-Q4`` -> ``2024-12-31``), or "" if unknown."""
    match = _INTERVAL.match(period)
    if match is not None:
        return period.split("/")[1]
    found = re.fullmatch(r"(\d{4})(?:-(Q[1-4]|H[12]|\d{2}))?", period)
    if found is None:
        return ""
    year, part = int(found.group(1)), found.group(2) or ""
    month = 12
    if part.startswith("Q"):
        month = int(part[1]) * 3
    elif part.startswith("H"):
        month = int(part[1]) * 6
    elif part:
        month = int(part)
    return f"{year}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def _shift_year(period: str, years: int = -1) -> str:
    """The same period ``years`` years later (earlier when negative): ``2024-Q4`` -> ``2023-Q4``."""

    def shift(match: re.Match[str]) -> str:
        return str(int(match.group()) + years)

    shifted = re.sub(r"\b\d{4}(?=\b|-)", shift, period)
    return shifted.replace("-02-29", "-02-28")


def _in_figure(mention: Mention, mentions: Sequence[Mention]) -> bool:
    return any(
        n.start <= mention.start and mention.end <= n.end
        for n in mentions
        if n.kind in ("money", "percent", "quantity")
    )


def _overlaps_money(mention: Mention, mentions: Sequence[Mention]) -> bool:
    return any(
        n.start < mention.end and mention.start < n.end
        for n in mentions
        if n.kind in ("money", "percent")
    )


def _most_common(counter: Counter[str]) -> str:
    if not counter:
        return ""
    # Ties go to the name seen first (Counter keeps insertion order).
    best = max(counter.values())
    return next(name for name, count in counter.items() if count == best)


def _make_sentence(
    span: tuple[int, int],
    mentions: list[Mention],
    anchors: list[LexiconMatch],
    segments: list[LexiconMatch],
    text: str | None = None,
) -> _Sentence:
    start, end = span
    own = [s for s in segments if start <= s.start and s.end <= end]
    if text is not None:
        own = _with_generic_segments(text, span, own, mentions, anchors)
    return _Sentence(
        span=span,
        numbers=tuple(m for m in mentions if m.kind in ("money", "percent", "quantity")),
        dates=tuple(m for m in mentions if m.kind == "date" and m.period),
        # A name inside a figure ("NOK 9.8 billion", "2,318 Marumiya stores") is no subject.
        orgs=tuple(m for m in mentions if m.kind == "org" and not _in_figure(m, mentions)),
        places=tuple(m for m in mentions if m.kind == "place"),
        products=tuple(
            m for m in mentions if m.kind == "product" and not _overlaps_money(m, mentions)
        ),
        anchors=tuple(a for a in anchors if start <= a.start and a.end <= end),
        segments=tuple(own),
    )


def _with_generic_segments(
    text: str,
    span: tuple[int, int],
    known: list[LexiconMatch],
    mentions: list[Mention],
    anchors: list[LexiconMatch],
) -> list[LexiconMatch]:
    """Add the segments a sentence names in its own words to those of the lexicon.

    ``the robotics segment``, ``the drugstore and payments segments`` (two segments), ``the
    overseas retail unit``, and a sentence opening with a noun before a metric phrase
    (``Instruments and accessories revenue rose``, ``Vehicle gross margin``). Names are lower
    case, with the last word in the plural (``drugstores``, ``vehicles``) unless it is one
    already or a mass noun (``retail``).
    """
    start, end = span
    named = [m for m in mentions if m.kind in ("org", "product", "place", "person", "date")]
    found: list[LexiconMatch] = []

    def add(first: int, last: int) -> None:
        words = text[first:last].lower().split()
        if not words or any(w in _SEGMENT_STOP for w in words) or len(words) > 4:
            return
        if any(m.start < last and first < m.end for m in named):
            return
        if any(k.start < last and first < k.end for k in (*known, *found)):
            return
        found.append(LexiconMatch(first, last, _segment_name(words)))

    for match in _SEGMENT_HEAD.finditer(text, start, end):
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
        lead = _SEGMENT_LEAD.fullmatch(text, start, first_anchor.start)
        # "European sales rose": a region or nationality goes to scope, not segment.
        if lead is not None and not lead.group("name").split()[0].endswith(_NATIONALITY):
            add(*lead.span("name"))
    return sorted([*known, *found], key=lambda m: m.start)


def _segment_name(words: list[str]) -> str:
    last = words[-1]
    if not last.endswith(("s", "ing", "al", "ware")) and last not in _MASS_NOUNS and last.isalpha():
        last = (
            last[:-1] + "ies" if last.endswith("y") and last[-2:-1] not in "aeiou" else last + "s"
        )
    return " ".join([*words[:-1], last])


# ---------------------------------------------------------------- one sentence


def _read_sentence(
    sentence: _Sentence, state: _Paragraph, context: _DocContext, lexicon: MetricLexicon
) -> list[_Draft]:
    text = context.text
    if _HYPOTHETICAL.search(text[sentence.span[0] : sentence.span[1]]):
        return []  # "can it keep its margin above 40%?", "If prices fall, the margin may ..."
    levels: list[Mention] = []
    changes: list[tuple[Mention, int]] = []
    previous: tuple[Mention, int] | None = None
    for number in sentence.numbers:
        role = _classify(number, sentence, text)
        sign = _change_sign(number, sentence, text) if role == "change" else 1
        if (
            role != "change"
            and previous is not None
            and previous[0].kind == number.kind
            and _LIST_GLUE.match(text[previous[0].end : number.start])
        ):
            role, sign = "change", previous[1]  # "rose 10% and 20%, respectively"
        previous = (number, sign) if role == "change" else None
        if role == "change" and number.value is None:
            continue  # a range of changes ("65% to 72%") has no single value to report
        if role == "change":
            changes.append((number, sign))
        elif role == "level":
            levels.append(number)

    usable = [
        a
        for a in sentence.anchors
        if not _without_subject(a, sentence, text, lexicon) and not _per_unit(a, text)
    ]
    drafts: list[_Draft] = []
    for value in levels:
        anchor = _anchor_for(value, usable, sentence, text, levels)
        if anchor is None:
            anchor = _same_as_before(value, drafts, sentence, text)
        if anchor is None and value.kind == "money" and _PEAK_BEFORE.search(text, 0, value.start):
            # "Against its high of 80 yuan in May, the stock is down 12%"
            prices = [a for a in sentence.anchors if a.label == "share_price"]
            if prices and _own_date(value, sentence, text) is not None:
                drafts.append(_Draft(metric="share_price", sentence=sentence.span, value=value))
                continue
        if (
            anchor is None
            and not sentence.anchors
            and state.last_anchor is not None
            and _compatible(state.last_anchor, value.kind)
            and _TARGET_OF_BEFORE.search(text, sentence.span[0], value.start)
        ):
            # "Aurex delivered 291,436 vehicles. That is 81% of its target of 360,000."
            metric = state.last_anchor.label
            if metric == "shipments":
                metric = _SHIPPED_VEHICLES.get(_unit_segment(value, lexicon), metric)
            drafts.append(_Draft(metric=metric, sentence=sentence.span, value=value))
            continue
        if anchor is None:
            carried = _carried_anchor(value, sentence, state, text)
            if carried is not None:
                drafts.append(_Draft(metric=carried.label, sentence=sentence.span, value=value))
            continue
        metric = anchor.label
        if metric == "shipments":
            metric = _SHIPPED_VEHICLES.get(_unit_segment(value, lexicon), metric)
        draft = _Draft(metric=metric, sentence=sentence.span, anchor=anchor, value=value)
        draft.reference = bool(_REFERENCE_BEFORE.search(text[sentence.span[0] : value.start]))
        if draft.reference and not _own_date(value, sentence, text):
            if _PRIOR_ESTIMATE_BEFORE.search(text, sentence.span[0], value.start):
                # "expects X, compared with a previous range of Y": the old guidance, kept.
                draft.superseded = True
            elif not _YEAR_EARLIER_AFTER.match(text[value.end : sentence.span[1]]):
                continue  # "compared with a higher level": a comparison base, no period
            # "up from 139 million a year earlier": the level of the same period a year before.
            draft.year_earlier = True
        drafts.append(draft)

    change_mentions = [c for c, _ in changes]
    for change, sign in changes:
        _attach_change(change, sign, drafts, usable, sentence, text, change_mentions)
        if (
            not sentence.anchors
            and state.last_anchor is not None
            and not any(d.change is change for d in drafts)
            and _PRONOUN_SUBJECT.match(text, sentence.span[0], change.start)
        ):
            # "The stock closed up 8%. It has lost 18% since the start of the year."
            drafts.append(
                _Draft(
                    metric=state.last_anchor.label,
                    sentence=sentence.span,
                    anchor=state.last_anchor,
                    change=change,
                    change_sign=sign,
                )
            )

    drafts = [
        d
        for d in drafts
        if not _market_wide(d, sentence, text) and not _third_party_statistic(d, sentence, text)
    ]
    drafts = _distribute_lists(drafts, sentence, text)
    for draft in drafts:
        _resolve(draft, sentence, state, context, lexicon)
        if draft.year_earlier and draft.period:
            draft.period = _shift_year(draft.period)
    for draft in drafts:
        if draft.superseded:
            current = [
                d
                for d in drafts
                if d.metric == draft.metric and not d.reference and d.position < draft.position
            ]
            if current:
                draft.period, draft.modality = current[-1].period, current[-1].modality
        if draft.change is not None:
            # The basis phrase does not reach across another figure's level ("climbed 18% to
            # 287m, and net profit came to 90m, against 75m a year before").
            others = [
                n
                for n in sentence.numbers
                if n is not draft.value
                and n is not draft.change
                and n not in change_mentions
                and not _REFERENCE_BEFORE.search(text, sentence.span[0], n.start)
            ]
            draft.basis = _basis(draft.change, [*change_mentions, *others], sentence, text)
            if (
                not draft.basis
                and draft.metric == "share_price"
                and _this_year(draft.change, sentence, text)
            ):
                draft.basis = "ytd"
            if draft.value is None and draft.basis in ("ytd", "since_peak"):
                # A move since the year began is the year's; one since a peak has the
                # peak's day as its base, not as its period.
                this_year = draft.basis == "ytd" or _this_year(draft.change, sentence, text)
                draft.period = _year_of(draft.period, context) if this_year else ""
    _infer_yoy(drafts, sentence, text)
    _share_basis(drafts, sentence, text)
    return _expand_dates(drafts)


def _year_of(period: str, context: _DocContext) -> str:
    """The year a period falls in, else the reference year."""
    return period[:4] if re.match(r"\d{4}", period) else context.reference_year


def _share_basis(drafts: list[_Draft], sentence: _Sentence, text: str) -> None:
    """A basis written once for the whole sentence: one opening it (``Compared with a year
    earlier, ...``), or one in the first of two parallel clauses (``revenue rose 6% year on
    year to £1.2bn, while profit climbed 12% to £96m``)."""
    if _OPENING_BASIS.match(text, sentence.span[0], sentence.span[1]):
        for draft in drafts:
            if draft.change is not None and not draft.basis and not draft.reference:
                draft.basis = "yoy"
        return
    full = [d for d in drafts if d.change is not None and d.value is not None and not d.reference]
    for first, second in itertools.pairwise(full):
        assert first.change is not None
        assert second.change is not None
        assert first.value is not None
        if (
            first.basis
            and not second.basis
            and first.metric != second.metric
            and first.value.end <= second.change.start
            and _PARALLEL_CLAUSE.search(text, first.value.end, second.change.start)
        ):
            second.basis = first.basis


def _infer_yoy(drafts: list[_Draft], sentence: _Sentence, text: str) -> None:
    """A change measured against the same period a year before is year-on-year: ``rose 14%
    ..., compared with $537 million in the fourth quarter of 2023`` or ``rose 9.5% from 2023``.
    """
    for draft in drafts:
        if draft.change is None or draft.basis or draft.reference or not draft.period:
            continue
        earlier = _shift_year(draft.period)
        if any(
            other.reference and other.metric == draft.metric and other.period == earlier
            for other in drafts
        ):
            draft.basis = "yoy"
            continue
        previous = _previous_quarter(draft.period)
        for date in sentence.dates:
            if date.start < draft.change.end or not _FROM_DATE.fullmatch(
                text, draft.change.end, date.start
            ):
                continue
            if _normal_period(date.period) in (earlier, earlier[:4]):
                draft.basis = "yoy"
            elif previous and _normal_period(date.period) == previous:
                draft.basis = "qoq"  # "up 0.5 points from the first quarter"


def _previous_quarter(period: str) -> str:
    """``2024-Q2`` -> ``2024-Q1``, ``2024-Q1`` -> ``2023-Q4``; "" for other periods."""
    match = re.fullmatch(r"(\d{4})-Q([1-4])", period)
    if match is None:
        return ""
    year, quarter = int(match.group(1)), int(match.group(2))
    return f"{year}-Q{quarter - 1}" if quarter > 1 else f"{year - 1}-Q4"


def _same_as_before(
    value: Mention, drafts: list[_Draft], sentence: _Sentence, text: str
) -> LexiconMatch | None:
    """``had 12,400 employees ..., compared with 12,100 a year earlier``: a bare comparison
    base or part (``including about 900 in Spain``) takes the metric of the figure before."""
    before = text[sentence.span[0] : value.start]
    if _parallel_level(value, drafts, sentence, text):
        pass
    elif not (
        _REFERENCE_BEFORE.search(before)
        or _INCLUDING_BEFORE.search(before)
        or _PRONOUN_TO_BEFORE.search(before)
    ):
        return None
    earlier = [d for d in drafts if d.value is not None and d.value.kind == value.kind]
    if not earlier or earlier[-1].anchor is None:
        return None
    last = earlier[-1].value
    assert last is not None
    if value.kind == "quantity" and value.unit and value.unit != last.unit:
        return None
    return earlier[-1].anchor


def _parallel_level(value: Mention, drafts: list[_Draft], sentence: _Sentence, text: str) -> bool:
    """``revenue was $7.7 billion, up 2%, while the wearables category declined 3% to $9.0
    billion``: a clause without a metric word, parallel to one with it."""
    earlier = [d for d in drafts if d.value is not None and d.value.kind == value.kind]
    if not earlier or earlier[-1].value is None:
        return False
    last = earlier[-1].value
    if any(last.end <= a.start and a.end <= value.start for a in sentence.anchors):
        return False  # the clause names its own figure ("while cash stood at ...")
    return bool(
        _PARALLEL_CLAUSE.search(text, last.end, value.start)
        and _AT_TO_BEFORE.search(text, last.end, value.start)
    )


def _own_date(value: Mention, sentence: _Sentence, text: str) -> Mention | None:
    """The date written right after a figure (``12.5% in Q1 2024``), if any."""
    following = [d for d in sentence.dates if d.start >= value.end]
    if following:
        first = min(following, key=lambda d: d.start)
        gap = text[value.end : first.start]
        aside = _PER_SHARE_ASIDE.match(gap) or _RATE_ASIDE.match(gap)
        if aside is not None:
            gap = gap[aside.end() :]
        if _DATE_GLUE.match(gap):
            return first
    return None


def _market_wide(draft: _Draft, sentence: _Sentence, text: str) -> bool:
    """``Global smartphone shipments grew 4%``: a figure about a whole market, no subject."""
    anchor, used = draft.anchor, draft.value or draft.change
    if anchor is None or used is None or draft.metric in _GOVERNMENT_METRICS:
        return False
    before = text[max(sentence.span[0], anchor.start - 40) : anchor.end]
    if not _MARKET_WIDE.search(before):
        return False
    limit = max(used.start, anchor.start)
    named = [o for o in sentence.orgs if o.end <= limit and _eligible_org(o, sentence, text)]
    return not named and not _POSSESSIVE.search(text[sentence.span[0] : anchor.start])


def _third_party_statistic(draft: _Draft, sentence: _Sentence, text: str) -> bool:
    """``Figures from the trade body showed retail sales in the UK rose 1%``: a statistic of
    a whole market, cited from a source, about no company of the sentence."""
    anchor = draft.anchor
    if anchor is None or draft.metric in _GOVERNMENT_METRICS:
        return False
    if any(_eligible_org(o, sentence, text) for o in sentence.orgs):
        return False
    if not any(
        _SOURCE_BEFORE.search(text[max(sentence.span[0], o.start - 60) : o.start])
        for o in sentence.orgs
    ):
        return False
    where = _IN_PLACE.match(text, anchor.end, sentence.span[1])
    return where is not None and any(p.start == where.end() for p in sentence.places)


# Capacities are rates ("a year"), and a plant's start date is not their period.
_RATE_METRICS = frozenset({"capacity"})
_START_BEFORE = re.compile(
    r"\b(?:start|starts|starting|begin|begins|beginning|commence|commences|open|opens|come|"
    r"comes)\s+(?:(?:production|operations?|operating|mass\s+production|online)\s+)?"
    r"(?:in|by|from|at)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_OTHERS_OUTLETS_AFTER = re.compile(
    r"^\s*of\s+(?:[\w&'-]+\s+){0,5}?(?:chains?|retailers?|dealers?|distributors?|"
    r"supermarkets?|partners?)\b",
    re.IGNORECASE,
)
_PEAK_BEFORE = re.compile(
    r"\b(?:peak|high|all[\s-]+time\s+high|record\s+high|low)\s+of\s+"
    r"(?:(?:" + _QUALIFIER_WORDS + r")\s+)?$",
    re.IGNORECASE,
)
_EFFECTIVE_BEFORE = re.compile(
    r"\b(?:from|starting|effective|as\s+of|beginning)\s+(?:on\s+)?$", re.IGNORECASE
)
_REQUIREMENT_BEFORE = re.compile(
    r"\b(?:needs?|needed|has\s+to|have\s+to|must)\s+(?:to\s+)?(?:[\w-]+\s+){1,4}?"
    r"(?:(?:" + _QUALIFIER_WORDS + r")\s+)?$",
    re.IGNORECASE,
)
# "It has lost 18% since ...": a pronoun subject opening the sentence.
_PRONOUN_SUBJECT = re.compile(r"\W*(?:It|They|Its\s+shares|The\s+shares)\b")
# A question or a condition states no figure: "can it keep its margin above 40%?",
# "If the price war goes on, the margin may fall below 40%".
_HYPOTHETICAL = re.compile(r"\?[\"\u201d\u2019']?\s*$|^\W*(?:If|Unless|Should)\s")
# "seven-seat", "12-store": a number hyphenated to its noun modifies another noun.
_COMPOUND_MODIFIER = re.compile(r"^[\w.,]+-[a-z]+$")
# "per liter", "a barrel": a price per unit of measure is a commodity's, not a selling price.
_MEASURE = (
    r"(?:per|a|an|/)\s*(?:lit(?:er|re)s?|gallons?|barrels?|bbl|tonnes?|tons?|kilograms?|"
    r"kg|pounds?|lbs?|ounces?|oz|kilowatt[\s-]+hours?|kwh|mwh|cubic\s+meters?|m3)\b"
)
_MEASURE_LEVEL_AFTER = re.compile(rf"\s+to\s+(?:\S+\s+){{1,4}}?{_MEASURE}", re.IGNORECASE)
_PER_MEASURE_AFTER = re.compile(
    r"^\s*(?:per|a|an|/)\s*(?:lit(?:er|re)s?|gallons?|barrels?|bbl|tonnes?|tons?|kilograms?|"
    r"kg|pounds?|lbs?|ounces?|oz|kilowatt[\s-]+hours?|kwh|mwh|cubic\s+meters?|m3)\b",
    re.IGNORECASE,
)


def _classify(number: Mention, sentence: _Sentence, text: str) -> str:
    """``change``, ``level`` or ``skip`` for one numeric mention."""
    after = text[number.end : min(number.end + 40, sentence.span[1])]
    before = text[_previous_boundary(number, sentence) : number.start]
    if number.kind == "percent":
        if _MEASURE_LEVEL_AFTER.match(text, number.end, sentence.span[1]):
            return "skip"  # "fuel dropped 9% to 3.10 reais a litre": a commodity's move
        if (
            _CUE_BEFORE.search(before)
            or _CUE_AFTER.search(after)
            or _OBJECT_CUE_BEFORE.search(before)
        ):
            return "change"
        if _THIS_YEAR_BEFORE.search(before) or _ORGANIC_BEFORE.search(before):
            return "change"  # "bringing their gain this year to 64%", "organic growth was 9%"
        if _SIGNED.search(before) or number.text[:1] in "+-\u2212" or _BASIS_AFTER.match(after):
            return "change"  # "(+22.3% YoY)", "-4% y/y"
        if number.unit == "percentage_point":
            return "skip"
        if _SHARE_OF_TOTAL_AFTER.search(after) or _GAP_AFTER.search(after):
            return "skip"
        return "level"
    if _RESTATEMENT_AFTER.search(after) or _GAP_AFTER.search(after):
        return "skip"
    if number.kind == "quantity" and _COMPOUND_MODIFIER.match(number.text):
        return "skip"  # "a seven-seat SUV", "a 12-store chain": a modifier, not a count
    if number.kind == "money" and _PER_MEASURE_AFTER.match(after):
        return "skip"  # "4.02 reais per liter": a commodity price, not the company's
    if number.kind == "quantity" and _OTHERS_OUTLETS_AFTER.match(after):
        return "skip"  # "1,200 stores of European retail chains": another business's stores
    if _STREAK_AFTER.search(text[number.end : sentence.span[1]]):
        return "skip"
    if number.kind == "quantity" and _FLOW_COUNT_BEFORE.search(before):
        return "skip"
    if (
        number.kind == "quantity"
        and number.unit in _OUTLET_UNITS
        and _TRANSFER_BEFORE.search(before)
    ):
        return "skip"  # "would sell 40 restaurants to franchisees": a transfer, not a stock
    if number.kind == "money" and _is_conversion(number, sentence, text):
        return "skip"
    if _REQUIREMENT_BEFORE.search(before):
        return "skip"  # "needs to deliver an average of 34,300 a month": derived, not stated
    if _REVISION_BEFORE.search(before):
        return "skip"  # "raised its forecast by $12 million"
    if _THRESHOLD_BEFORE.search(before):
        return "skip"  # "clients contributing more than $100 million": a threshold
    if number.kind == "money" and _PER_SHARE_AFTER.match(after):
        return "skip"  # "$2.31 a share": earnings or dividends per share, not the total
    if (
        _ESTIMATE_BEFORE.search(before)
        or _ESTIMATE_AFTER.match(after)
        or _VALUATION_BEFORE.search(before)
    ):
        return "skip"  # analysts' figures about the company, or its market value
    if number.value is None and number.value_low is None:
        return "skip"
    return "level"


def _is_conversion(number: Mention, sentence: _Sentence, text: str) -> bool:
    """``7.8 billion yuan ($1.10 billion)``: the bracketed amount restates the one before."""
    for other in sentence.numbers:
        if other.kind == "money" and other.end <= number.start:
            gap = text[other.end : number.start]
            if _BRACKET_GAP.match(gap) and ("(" in gap or number.text.startswith("(")):
                return True
            # "30 billion won, or roughly 3 billion yen": the same amount in another currency.
            if other.unit != number.unit and _OR_GAP.match(gap) and "," in gap:
                return True
    return False


def _previous_boundary(number: Mention, sentence: _Sentence) -> int:
    start = sentence.span[0]
    for other in sentence.numbers:
        if other.end <= number.start:
            start = max(start, other.end)
    return start


def _change_sign(number: Mention, sentence: _Sentence, text: str) -> int:
    before = text[_previous_boundary(number, sentence) : number.start]
    written = _SIGNED.search(before)
    if written is not None or number.text[:1] in "+-\u2212":
        sign = written.group("sign") if written is not None else number.text[0]
        return 1 if sign == "+" else -1
    match = (
        _CUE_BEFORE.search(before)
        or _THIS_YEAR_BEFORE.search(before)
        or _OBJECT_CUE_BEFORE.search(before)
    )
    if match is None:
        match = _CUE_AFTER.search(text[number.end : sentence.span[1]])
    if match is None:
        return 1
    cue = match.group("cue").lower()
    return -1 if _DOWN_WORD.match(cue) else 1


def _compatible(anchor: LexiconMatch, kind: str) -> bool:
    if anchor.role == _BLOCK or (anchor.kind and anchor.kind != kind):
        return False
    return kind in METRIC_VALUE_KINDS.get(anchor.label, _ANY_VALUE)


def _words_between(text: str, start: int, end: int) -> int:
    return len(_WORD.findall(text[start:end])) if end > start else 0


def _anchor_for(
    value: Mention,
    anchors: list[LexiconMatch],
    sentence: _Sentence,
    text: str,
    levels: Sequence[Mention],
) -> LexiconMatch | None:
    """The metric phrase a level belongs to, or None.

    Candidates are scored by the words between phrase and figure; a phrase after the figure,
    a verb, a clause comma or another level in between cost more.
    """
    inside = [a for a in anchors if value.start <= a.start and a.end <= value.end]
    for anchor in inside:
        if _compatible(anchor, value.kind):
            return anchor
    others = [n for n in sentence.numbers if n is not value]
    introduced = bool(_AT_TO_BEFORE.search(text[sentence.span[0] : value.start]))
    best: tuple[int, LexiconMatch] | None = None
    for anchor in anchors:
        if not _compatible(anchor, value.kind) and anchor.role != _BLOCK:
            continue
        if anchor.role == "change" and not introduced:
            continue
        if any(n.start <= anchor.start and anchor.end <= n.end for n in others):
            continue  # the phrase is another figure's own noun
        if anchor.end <= value.start:
            gap_start, gap_end, penalty, limit = anchor.end, value.start, 0, _MAX_BEFORE
        elif anchor.start >= value.end:
            gap_start, gap_end = value.end, anchor.start
            penalty, limit = _FOLLOWING_PENALTY, _MAX_AFTER
            if (
                value.kind == "quantity"
                and value.unit
                and _EXPLANATION_GAP.search(text, value.end, anchor.start)
            ):
                continue  # "three channels - stores, online and wholesale"
            if any(
                n.kind == value.kind
                and n.start >= anchor.end
                # "4,108 of October's deliveries, up from 1,950 in September": a base
                and not _REFERENCE_BEFORE.search(text, anchor.end, n.start)
                for n in levels
            ):
                continue  # "... to $7.7 billion while net income came to $1.1 billion"
        else:
            continue
        words = _words_between(text, gap_start, gap_end)
        if words > limit:
            continue
        gap = text[gap_start:gap_end]
        # "Revenue, however, fell 2.4% ...": commas around a discourse adverb end no clause.
        commas = len(_CLAUSE_COMMA.findall(_ASIDE_ADVERB.sub(" ", gap)))
        # "employs 14,800 people, including 3,900 in ...", "... 18,450, compared with 17,920"
        # "shipped 120,000 cars, or 60% of its annual goal of 200,000 units"
        part = (
            _INCLUDING_BEFORE.search(gap)
            or _REFERENCE_BEFORE.search(gap)
            or _TARGET_OF_BEFORE.search(gap)
        )
        if (
            commas
            and value.kind == "quantity"
            and not part
            and not _LINK_VERB.search(_after_last_comma(gap))
        ):
            continue  # "... sales volume, nearly one billion devices": a list, not a clause
        inside = [n for n in levels if n is not value and gap_start <= n.start and n.end <= gap_end]
        if (
            value.kind == "quantity"
            and value.unit
            and not part
            and any(n.kind == "quantity" and n.unit != value.unit for n in inside)
        ):
            continue  # "employs 190,000 people and operates 40 bases": the verb is the other's
        crossed = len(inside)
        score = (
            words
            + penalty
            + commas * _COMMA_PENALTY
            + crossed * _CROSS_PENALTY
            + (_VERB_PENALTY if anchor.role == "verb" else 0)
        )
        if best is None or score < best[0]:
            best = (score, anchor)
    if best is None or best[1].role == _BLOCK:
        return None  # "cash and equivalents stood at RMB 41 billion": not a metric of ours
    return best[1]


def _after_last_comma(gap: str) -> str:
    parts = _CLAUSE_COMMA.split(gap)
    return parts[-1] if parts else gap


def _carried_anchor(
    value: Mention, sentence: _Sentence, state: _Paragraph, text: str
) -> LexiconMatch | None:
    """``... a low sales expense ratio. ... it is less than 7%``: the metric named just before."""
    if sentence.anchors:
        return None
    before = text[sentence.span[0] : value.start]
    if not _PRONOUN.search(before):
        return None
    for anchor in reversed(state.free_anchors):
        if _compatible(anchor, value.kind):
            return anchor
    return None


def _per_unit(anchor: LexiconMatch, text: str) -> bool:
    """``revenue per user``: a ratio, not the total the metric names."""
    return anchor.label not in _PER_UNIT_METRICS and bool(
        _PER_AFTER.match(text, anchor.end, anchor.end + 20)
    )


def _without_subject(
    anchor: LexiconMatch, sentence: _Sentence, text: str, lexicon: MetricLexicon
) -> bool:
    """True for ``the market share of German brands``: an ``of`` phrase naming nobody."""
    rest = text[anchor.end : sentence.span[1]]
    match = _OF_COMPLEMENT.match(rest)
    if match is None:
        return False
    np_start = anchor.end + match.start("np")
    np_end = sentence.span[1]
    for number in sentence.numbers:
        if number.start >= np_start:
            np_end = min(np_end, number.start)
    # The noun phrase ends at the first verb, comma or preposition after its first word.
    first = _WORD.search(text, np_start, np_end)
    if first is not None:
        stop = _CLAUSE_VERB.search(text, first.end(), np_end)
        if stop is not None:
            np_end = stop.start()
    phrase = text[np_start:np_end]
    if not _FILLER.sub(" ", phrase).strip(" -\"'“”"):
        return False
    if _SUBJECT_ANAPHOR.search(phrase):
        return False
    named = [
        m
        for m in (*sentence.orgs, *sentence.products, *sentence.places)
        if np_start <= m.start < np_end
    ]
    if named:
        return False
    if lexicon.find_segments(text, np_start, np_end):
        return False
    if anchor.label != "market_share" and not _OWNERS.search(phrase):
        return False
    return not sentence.numbers or all(
        n.start >= np_end or n.end <= np_start for n in sentence.numbers
    )


def _attach_change(
    change: Mention,
    sign: int,
    drafts: list[_Draft],
    anchors: list[LexiconMatch],
    sentence: _Sentence,
    text: str,
    changes: list[Mention],
) -> None:
    if _ORGANIC_BEFORE.search(text, sentence.span[0], change.start):
        anchor = _change_anchor(change, anchors, sentence, text)
        if anchor is not None:
            drafts.append(
                _Draft(
                    metric=anchor.label,
                    sentence=sentence.span,
                    anchor=anchor,
                    change=change,
                    change_sign=sign,
                )
            )
        return
    # "slipped 3% to $450 million": the level introduced right after the change takes it.
    for draft in drafts:
        if (
            draft.value is not None
            and draft.value.start >= change.end
            and _TO_LEVEL.match(text[change.end : draft.value.start])
        ):
            if draft.change is None:
                draft.change, draft.change_sign = change, sign
            elif draft.change.end <= change.start:
                # "rose 14% quarter-on-quarter and 31% year-on-year to $8 billion": one row
                # per change, with the same level.
                drafts.append(dataclasses.replace(draft, change=change, change_sign=sign))
            return
    before = [d for d in drafts if d.value is not None and d.value.end <= change.start]
    if before:
        last = max(before, key=lambda d: d.value.end if d.value else 0)
        value = last.value
        assert value is not None
        between = [a for a in anchors if value.end <= a.start and a.end <= change.start]
        own_anchor_first = last.anchor is None or last.anchor.end <= value.end
        if not between and own_anchor_first and not last.reference:
            if last.change is None:
                last.change, last.change_sign = change, sign
                return
            # "up 17% from the previous quarter and up 94% from a year ago": one row per
            # change, with the same level; a year-to-date move of a share price
            # ("bringing their gain this year to 64%") is a row of its own without the level.
            if last.change.end <= change.start and not [
                a for a in anchors if last.change.end <= a.start and a.end <= change.start
            ]:
                if last.metric == "share_price" and _this_year(change, sentence, text):
                    drafts.append(
                        _Draft(
                            metric=last.metric,
                            sentence=sentence.span,
                            anchor=last.anchor,
                            change=change,
                            change_sign=sign,
                        )
                    )
                    return
                old = _basis(last.change, changes, sentence, text)
                new = _basis(change, changes, sentence, text)
                if old and new and old != new:
                    drafts.append(dataclasses.replace(last, change=change, change_sign=sign))
                elif old != "yoy" and new == "yoy":
                    last.change, last.change_sign = change, sign
                return
    after = [
        d
        for d in drafts
        if d.value is not None
        and d.value.start >= change.end
        and d.anchor is not None
        and (
            d.anchor.end <= change.start
            # "net profit up 6.1% on the year to INR 9.2 billion"
            or (
                d.anchor.end <= d.value.start
                and _CHANGE_OF.fullmatch(text, change.end, d.anchor.start) is not None
                and _TO_BEFORE.search(text, d.anchor.end, d.value.start) is not None
            )
        )
        and d.change is None
    ]
    if after:
        first = min(after, key=lambda d: d.value.start if d.value else 0)
        value = first.value
        assert value is not None
        assert first.anchor is not None
        no_other = not [
            a
            for a in anchors
            if first.anchor.end <= a.start and a.end <= value.start and a is not first.anchor
        ]
        if no_other:
            first.change, first.change_sign = change, sign
            return
    anchor = _change_anchor(change, anchors, sentence, text)
    if anchor is None:
        return
    drafts.append(
        _Draft(
            metric=anchor.label,
            sentence=sentence.span,
            anchor=anchor,
            change=change,
            change_sign=sign,
        )
    )


def _this_year(change: Mention, sentence: _Sentence, text: str) -> bool:
    """``up 31% this year``, ``their gain this year to 64%``: a move since the year began."""
    return bool(
        _THIS_YEAR_AFTER.match(text, change.end, sentence.span[1])
        or _THIS_YEAR_BEFORE.search(text, sentence.span[0], change.start)
    )


def _change_anchor(
    change: Mention, anchors: list[LexiconMatch], sentence: _Sentence, text: str
) -> LexiconMatch | None:
    others = [n for n in sentence.numbers if n is not change]
    candidates = [
        a
        for a in anchors
        if not any(n.start <= a.start and a.end <= n.end for n in others)
        and a.role in ("noun", "change", _BLOCK)
    ]
    preceding = [a for a in candidates if a.end <= change.start]
    chosen: LexiconMatch | None = None
    if preceding:
        chosen = max(preceding, key=lambda a: a.end)
    else:
        following = [
            a
            for a in candidates
            if a.start >= change.end and _words_between(text, change.end, a.start) <= 5
        ]
        chosen = min(following, key=lambda a: a.start) if following else None
    return None if chosen is None or chosen.role == _BLOCK else chosen


def _distribute_lists(drafts: list[_Draft], sentence: _Sentence, text: str) -> list[_Draft]:
    """Pair ``the X of A, B and C were x%, y%`` and ``... respectively`` in order."""
    respectively = bool(_RESPECTIVELY.search(text, sentence.span[0], sentence.span[1]))
    groups: dict[tuple[int, str], list[_Draft]] = {}
    for draft in drafts:
        used = draft.value or draft.change
        if draft.anchor is not None and used is not None:
            role = used.kind if draft.value is not None else "change"
            groups.setdefault((draft.anchor.start, role), []).append(draft)
    for group in groups.values():
        if len(group) < 2:
            continue
        group.sort(key=lambda d: d.position)
        values = [used for d in group if (used := d.value or d.change) is not None]
        adjacent = all(
            _LIST_GLUE.match(text[a.end : b.start]) for a, b in itertools.pairwise(values)
        )
        if not (respectively or adjacent):
            continue
        first_value = values[0].start
        orgs = _listed(
            [o for o in sentence.orgs if o.end <= first_value and _eligible_org(o, sentence, text)],
            text,
        )
        shared = _own_date(values[-1], sentence, text)
        if shared is not None:
            for draft in group:
                draft.dates = [shared]
        if len(orgs) >= 2:
            for draft, org in zip(group, orgs, strict=False):
                draft.subject = org.canonical or org.text
            continue
        segments = _listed([s for s in sentence.segments if s.end <= first_value], text)
        if len(segments) >= 2:
            for draft, segment in zip(group, segments, strict=False):
                draft.segment = segment.label
            continue
        dates = _listed([d for d in sentence.dates if d.end <= first_value], text)
        if len(dates) >= 2:
            for draft, date in zip(group, dates, strict=False):
                draft.dates = [date]
    if respectively:
        _distribute_metrics(drafts, sentence, text)
    return drafts


def _distribute_metrics(drafts: list[_Draft], sentence: _Sentence, text: str) -> None:
    """``Revenue and net profit were X and Y (rose x% and y%), respectively``: one metric
    per figure."""
    for levels in (True, False):
        chosen = sorted(
            (d for d in drafts if (d.value is not None) == levels), key=lambda d: d.position
        )
        if len(chosen) < 2:
            continue
        first = chosen[0].position
        anchors = _listed([a for a in sentence.anchors if a.end <= first], text)
        if len(anchors) != len(chosen):
            continue
        for draft, anchor in zip(chosen, anchors, strict=True):
            if anchor.role == _BLOCK:
                continue
            if draft.value is None or _compatible(anchor, draft.value.kind):
                draft.anchor, draft.metric = anchor, anchor.label


def _listed(items: Sequence[_Span], text: str) -> list[_Span]:
    """The last run of items joined only by commas and ``and``/``or``."""
    run: list[_Span] = []
    for item in items:
        if run and _LIST_GLUE.match(text[run[-1].end : item.start]):
            run.append(item)
        else:
            run = [item]
    return run if len(run) >= 2 else []


# ---------------------------------------------------------------- subject, segment, period


def _resolve(
    draft: _Draft,
    sentence: _Sentence,
    state: _Paragraph,
    context: _DocContext,
    lexicon: MetricLexicon,
) -> None:
    text = context.text
    used = draft.value or draft.change
    assert used is not None
    if not draft.subject:
        draft.subject = _subject(draft, used, sentence, state, context)
    if not draft.segment:
        draft.segment = _segment(draft, used, sentence, state, context, lexicon)
        draft.weak_segment = bool(draft.segment) and draft.segment == _unit_segment(used, lexicon)
    if not draft.dates:
        draft.dates = _dates_for(used, sentence, text)
    draft.modality = _modality(used, sentence, text)
    draft.period = _normal_period(_period(draft, used, sentence, state, context))


def _eligible_org(org: Mention, sentence: _Sentence, text: str) -> bool:
    """False for a source (``data from IDC``), a comparison (``surpassing Gree``), a
    generic name (``the Company``), a stock exchange or index (``trade on the Nasdaq``)
    or the owner named in an appositive about another company (``Lanfeng, Hengtai's
    closest rival, reported``)."""
    if _GENERIC_ORG.match(org.canonical or org.text) or _MARKET_NAME.search(
        org.canonical or org.text
    ):
        return False
    before = text[max(sentence.span[0], org.start - 60) : org.start]
    after = text[org.end : min(org.end + 30, sentence.span[1])]
    if re.search(r"\w,\s*$", before) and _APPOSITIVE_OWNER.match(
        text, org.end, min(org.end + 80, sentence.span[1])
    ):
        return False
    return not (
        _SOURCE_BEFORE.search(before)
        or _COMPARISON_BEFORE.search(before)
        or _PARTNER_BEFORE.search(before)
        or _SOURCE_AFTER.search(after)
    )


def _subject(
    draft: _Draft, used: Mention, sentence: _Sentence, state: _Paragraph, context: _DocContext
) -> str:
    text = context.text
    if draft.metric in _GOVERNMENT_METRICS:
        if sentence.places:
            return sentence.places[0].canonical or sentence.places[0].text
        return context.main_place or context.main_org
    limit = used.start
    anchor = draft.anchor
    # "..., ahead of Tesla at 12%": a figure hung on a name is that name's.
    named = [o for o in sentence.orgs if o.end <= limit]
    if (
        named
        and _HUNG_ON_NAME.match(text[named[-1].end : limit])
        and not _GENERIC_ORG.match(named[-1].canonical or named[-1].text)
    ):
        return named[-1].canonical or named[-1].text
    orgs = [
        o
        for o in sentence.orgs
        if o.end <= limit
        and _eligible_org(o, sentence, text)
        # "2,318 Marumiya stores": a brand naming the counted thing is not the subject.
        and not any(n.start <= o.start and o.end <= n.end for n in sentence.numbers)
    ]
    if anchor is not None and orgs:
        before_anchor = [o for o in orgs if o.end <= anchor.start]
        of_anchor = [o for o in orgs if o.start >= anchor.end]
        if of_anchor and anchor.end <= used.start:
            return of_anchor[-1].canonical or of_anchor[-1].text
        if before_anchor:
            return before_anchor[-1].canonical or before_anchor[-1].text
    if orgs:
        return orgs[-1].canonical or orgs[-1].text
    return state.subject or context.main_org


def _segment(
    draft: _Draft,
    used: Mention,
    sentence: _Sentence,
    state: _Paragraph,
    context: _DocContext,
    lexicon: MetricLexicon,
) -> str:
    text = context.text
    # "412 Helix systems": a product naming the counted thing is the segment.
    inside = [p for p in sentence.products if used.start <= p.start and p.end <= used.end]
    if inside:
        return inside[0].canonical or inside[0].text
    limit = max(used.end, draft.anchor.end if draft.anchor else 0)
    named = [s for s in sentence.segments if s.end <= limit]
    if named:
        return named[-1].label
    # "Hoshi Pay had 21.7 million users": a product as the sentence's subject.
    leading = [
        p
        for p in sentence.products
        if p.end <= used.start
        and _LEADING_THE.fullmatch(text, sentence.span[0], p.start)
        and not [o for o in sentence.orgs if o.end <= used.start and o.start < p.start]
    ]
    if leading:
        return leading[0].canonical or leading[0].text
    anchor = draft.anchor
    if anchor is not None:
        for product in sentence.products:
            if product.end <= anchor.start and _words_between(text, product.end, anchor.start) <= 2:
                return product.canonical or product.text
    by_unit = _unit_segment(used, lexicon) if context.unit_segments else ""
    if by_unit:
        return by_unit
    if anchor is not None and _WHOLE_COMPANY.search(text[max(0, anchor.start - 12) : anchor.end]):
        return ""
    own_orgs = [o for o in sentence.orgs if _eligible_org(o, sentence, text)]
    before = text[sentence.span[0] : used.start]
    if state.segment and (not own_orgs or _ANAPHOR.search(before)):
        return state.segment
    return ""


def _unit_segment(used: Mention, lexicon: MetricLexicon) -> str:
    """The segment a count's noun names (``cars`` -> smart EVs), or ""."""
    if used.kind != "quantity" or not used.unit:
        return ""
    by_unit = lexicon.find_segments(used.unit, scope="unit")
    return by_unit[0].label if by_unit else ""


def _dates_for(used: Mention, sentence: _Sentence, text: str) -> list[Mention]:
    """The date(s) a figure is stated for within its own sentence."""
    own = _own_date(used, sentence, text)
    if own is not None and not _not_period_date(own, sentence, text):
        return [own]
    sentence = dataclasses.replace(
        sentence,
        dates=tuple(d for d in sentence.dates if not _not_period_date(d, sentence, text)),
    )
    claimed = set()
    for number in sentence.numbers:
        if number.kind != used.kind or number.unit != used.unit:
            continue  # "300 shops across 90 cities at end-June": the date is shared
        date = _own_date(number, sentence, text)
        if date is not None:
            claimed.add(id(date))
    preceding = [
        d
        for d in sentence.dates
        if d.end <= used.start and id(d) not in claimed and not _comparison_date(d, sentence, text)
    ]
    if not preceding:
        later = [d for d in sentence.dates if d.start >= used.end and id(d) not in claimed]
        if later:
            first = min(later, key=lambda d: d.start)
            gap = text[used.end : first.start]
            if (
                not _CLAUSE_COMMA.search(gap)
                and not _SUBCLAUSE.search(gap)
                and _words_between(text, used.end, first.start) <= 8
            ):
                return [first]
        # "A's share was 20% in Q3, while B's was 18%": a parallel clause shares the date,
        # but "from 12.5% in Q1 to 26.4%" does not give Q1 to the second figure.
        if _TO_BEFORE.search(text[sentence.span[0] : used.start]):
            return []
        earlier = [
            d
            for d in sentence.dates
            if d.end <= used.start and not _comparison_date(d, sentence, text)
        ]
        return [max(earlier, key=lambda d: d.end)] if earlier else []
    last = max(preceding, key=lambda d: d.end)
    listed = _listed([d for d in preceding if d.end <= last.end], text)
    between = text[last.end : used.start]
    if listed and listed[-1] is last and _BOTH.search(between):
        return listed
    return [last]


def _comparison_date(date: Mention, sentence: _Sentence, text: str) -> bool:
    """``grew 4% from 2022 to $8.8 billion``: the date of the comparison base."""
    return bool(
        _COMPARISON_DATE_BEFORE.search(text[max(sentence.span[0], date.start - 20) : date.start])
    )


def _not_period_date(date: Mention, sentence: _Sentence, text: str) -> bool:
    """A day that names no figure's period: the day of the announcement (``on Thursday
    reported``, ``said on October 24 that``) or the end of a period named before it
    (``fiscal 2024, which ended on Sept. 30``)."""
    if _week_long(date.period):
        return bool(_REPORTING_VERB.search(text, sentence.span[0], date.start))
    if date.granularity != "day":
        return False
    before = text[max(sentence.span[0], date.start - 30) : date.start]
    after = text[date.end : min(date.end + 30, sentence.span[1])]
    if _ENDED_BEFORE.search(before):
        return True
    if _REPORTED_ON_BEFORE.search(before):
        return True
    return bool(_ON_BEFORE.search(before) and _REPORTING_AFTER.match(after))


def _period(
    draft: _Draft, used: Mention, sentence: _Sentence, state: _Paragraph, context: _DocContext
) -> str:
    text = context.text
    window = text[_previous_boundary(used, sentence) : used.start]
    annual_window = window
    if draft.anchor is not None and draft.anchor.end <= used.start:
        window = text[min(draft.anchor.start, used.start) : used.start]
        # "full-year revenue of ...": the modifier just before the metric phrase counts too.
        start = max(sentence.span[0], _previous_boundary(used, sentence), draft.anchor.start - 22)
        annual_window = text[min(start, used.start) : used.start]
    after = text[used.end : min(used.end + 30, sentence.span[1])]
    annual = bool(
        _ANNUAL.search(annual_window)
        or _ANNUAL_AFTER.search(after)
        or _ANNUAL_SENTENCE.match(text, sentence.span[0], sentence.span[1])
    )
    if draft.metric in _RATE_METRICS:
        annual = False  # "an annual capacity of 3 million": a rate, not the year's figure
        if draft.dates and _START_BEFORE.search(
            text, max(sentence.span[0], draft.dates[0].start - 40), draft.dates[0].start
        ):
            return ""  # "is due to begin output in the second half of next year": not its period
    if draft.metric in _GOVERNMENT_METRICS and not draft.dates:
        # "is cut by half from July 1, with the relief capped at 9,000 yuan": a policy
        # in force from a day is the policy of that year.
        starts = [
            d
            for d in sentence.dates
            if _EFFECTIVE_BEFORE.search(text, max(sentence.span[0], d.start - 30), d.start)
        ]
        if starts:
            return starts[0].period[:4]
    if draft.dates:
        period = draft.dates[0].period
        if annual and not _year_long(period):
            return period[:4]
        return period
    sentence_text = text[sentence.span[0] : sentence.span[1]]
    if _DURATION.search(sentence_text):
        return ""
    if annual:
        # "For the full year": the year of the report (its fiscal year where it has one).
        report = context.report_period
        if report and (_year_long(report) or re.fullmatch(r"\d{4}", report)):
            return report
        year = _year_of_half(report, text)
        if year:
            return year
        return report[:4] if report else context.reference_year
    if draft.metric in _DAY_METRICS and _ENDED_WITH.search(text, sentence.span[0], used.start):
        end = _period_end(context.report_period)
        if end:
            return end
    if (
        draft.metric == "share_price"
        and draft.modality == "actual"
        and (
            draft.value is not None
            or (draft.change is not None and not _this_year(draft.change, sentence, text))
        )
    ):
        # "The stock slipped 1.9% to $40.10 in early dealing", "shares rose 7.8% in morning
        # trading": the price or the move on the day of the report.
        return context.reference_day
    if draft.metric in _FLOW_METRICS or draft.metric in _DAY_METRICS:
        carried = _carried_period(draft.metric, state)
        if carried:
            return carried
    if (
        draft.metric in _FLOW_METRICS
        and draft.subject == context.main_org
        and draft.modality == "actual"
    ):
        return context.report_period
    return ""


def _carried_period(metric: str, state: _Paragraph) -> str:
    fact_start, fact_period = state.fact_period
    if fact_period and (not state.dates or fact_start >= state.dates[-1].sentence_start):
        is_day = bool(_DAY.match(fact_period))
        if is_day == (metric in _DAY_METRICS):
            return fact_period
    if not state.dates:
        return ""
    last_sentence = state.dates[-1].sentence_start
    recent = [d for d in state.dates if d.sentence_start == last_sentence] or state.dates[-1:]
    days = [d for d in recent if d.granularity == "day"]
    if metric in _DAY_METRICS:
        return days[-1].period if days else ""
    periods = [d for d in recent if d.granularity != "day"]
    return (periods or recent)[-1].period


def _modality(used: Mention, sentence: _Sentence, text: str) -> str:
    window = text[_previous_boundary(used, sentence) : used.start]
    for label, pattern in _MODALITY:
        if pattern.search(window):
            return label
    # "will invest 600m ..., adding capacity of 1,200 km": a participle clause shares the
    # modality of the clause it hangs on.
    participle = _PARTICIPLE.search(window)
    if participle is not None:
        head = text[sentence.span[0] : _previous_boundary(used, sentence) + participle.start()]
        for label, pattern in _MODALITY:
            if pattern.search(head):
                return label
    return "actual"


def _expand_dates(drafts: list[_Draft]) -> list[_Draft]:
    """``In May and June ... both over 40,000``: one fact per date."""
    out: list[_Draft] = []
    for draft in drafts:
        if len(draft.dates) < 2:
            out.append(draft)
            continue
        out.extend(
            dataclasses.replace(draft, period=_normal_period(date.period), dates=[date])
            for date in draft.dates
        )
    return out


def _update_state(
    state: _Paragraph, sentence: _Sentence, found: list[_Draft], context: _DocContext
) -> None:
    text = context.text
    orgs = [o for o in sentence.orgs if _eligible_org(o, sentence, text)]
    if found:
        state.subject = found[-1].subject or state.subject
    elif orgs:
        state.subject = orgs[0].canonical or orgs[0].text
    if sentence.segments:
        state.segment = sentence.segments[-1].label
    elif sentence.products:
        state.segment = sentence.products[0].canonical or sentence.products[0].text
    elif found and found[-1].segment:
        state.segment = found[-1].segment
    # Dates of comparison bases ("compared with a loss in fiscal 2023") do not carry over.
    base_dates = {id(date) for d in found if d.reference for date in d.dates}
    carried = [
        d
        for d in sentence.dates
        if id(d) not in base_dates and not _comparison_date(d, sentence, text)
    ]
    if carried:
        state.dates.extend(
            dataclasses.replace(d, sentence_start=sentence.span[0], sentence_end=sentence.span[1])
            for d in carried
        )
    periods = [d.period for d in found if d.period and not d.reference]
    if periods:
        state.fact_period = (sentence.span[0], periods[-1])
    if found and found[-1].anchor is not None:
        state.last_anchor = found[-1].anchor
    used = {id(d.anchor) for d in found if d.anchor is not None}
    state.free_anchors = [a for a in sentence.anchors if id(a) not in used]


# ---------------------------------------------------------------- output


def _key(draft: _Draft) -> tuple[str, str, str, str]:
    return (draft.subject, draft.metric, draft.period, draft.modality)


def _merge(drafts: list[_Draft]) -> list[_Draft]:
    """One fact per stated figure: a headline repeating a figure, or a change stated apart
    from its level (``a 33% drop in net profit`` ... ``net profit fell to 7.8 billion``),
    joins the fact that holds the level."""
    kept: list[_Draft] = []
    for draft in drafts:
        partner = next((other for other in kept if _mergeable(other, draft)), None)
        if partner is None:
            kept.append(draft)
        else:
            _absorb(partner, draft)
    return kept


def _mergeable(one: _Draft, two: _Draft) -> bool:
    if _key(one) != _key(two):
        return False
    if one.value is not None and two.value is not None:
        same = (one.value.value, one.value.value_low, one.value.unit) == (
            two.value.value,
            two.value.value_low,
            two.value.unit,
        )
        return (
            same
            and one.segment == two.segment
            and (None in (one.change, two.change) or _same_change(one, two))
        )
    if one.value is None and two.value is None:
        # A headline's "sales climb 4%" restating the body's "sales rose 4% in the quarter".
        return (
            one.segment == two.segment
            and _same_change(one, two)
            and (not one.basis or not two.basis or one.basis == two.basis)
        )
    if not _segments_agree(one, two):
        return False
    level, bare = (one, two) if one.value is not None else (two, one)
    if level.change is None:
        return True
    # A headline's "revenue rises 10%" restating the body's "rose 10% to 234 billion".
    return bare.change is not None and (
        _signed(bare.change.value, bare.change_sign),
        bare.change.unit,
    ) == (_signed(level.change.value, level.change_sign), level.change.unit)


def _same_change(one: _Draft, two: _Draft) -> bool:
    if one.change is None or two.change is None:
        return False
    return (_signed(one.change.value, one.change_sign), one.change.unit) == (
        _signed(two.change.value, two.change_sign),
        two.change.unit,
    )


def _figure(draft: _Draft) -> tuple[object, ...]:
    value, change = draft.value, draft.change
    return (
        (value.value, value.value_low, value.unit) if value is not None else None,
        (_signed(change.value, draft.change_sign), change.unit) if change is not None else None,
    )


def _drop_undated_repeats(drafts: list[_Draft]) -> list[_Draft]:
    """A headline's ``sales climb 4.1%`` without a date restates the body's dated figure."""
    return [
        draft
        for draft in drafts
        if draft.period
        or not any(
            other is not draft
            and other.period
            and (other.subject, other.metric) == (draft.subject, draft.metric)
            and _figure(other) == _figure(draft)
            for other in drafts
        )
    ]


def _absorb(partner: _Draft, draft: _Draft) -> None:
    if partner.change is not None and not partner.basis and _same_change(partner, draft):
        partner.basis = draft.basis
    if partner.value is None and draft.value is not None:
        partner.value, partner.anchor, partner.sentence = draft.value, draft.anchor, draft.sentence
        if draft.change is not None:
            partner.change, partner.change_sign, partner.basis = (
                draft.change,
                draft.change_sign,
                draft.basis,
            )
    elif partner.change is None and draft.change is not None:
        partner.change, partner.change_sign, partner.basis = (
            draft.change,
            draft.change_sign,
            draft.basis,
        )
    if not partner.segment:
        partner.segment, partner.weak_segment = draft.segment, draft.weak_segment


def _segments_agree(one: _Draft, two: _Draft) -> bool:
    """Equal, or one unknown while the other only comes from a count's noun."""
    if one.segment == two.segment:
        return True
    return (not one.segment and two.weak_segment) or (not two.segment and one.weak_segment)


def _normal_period(period: str) -> str:
    """A date interval that is exactly a calendar quarter, half, month or year, named so."""
    match = _INTERVAL.match(period)
    if match is None:
        return period
    y1, m1, d1, y2, m2, d2 = (int(g) for g in match.groups())
    if y1 != y2 or d1 != 1 or d2 != calendar.monthrange(y2, m2)[1]:
        return period
    months = (m1, m2)
    if months == (1, 12):
        return f"{y1}"
    if m1 == m2:
        return f"{y1}-{m1:02d}"
    if m2 - m1 == 2 and m1 % 3 == 1:
        return f"{y1}-Q{(m1 + 2) // 3}"
    if months in ((1, 6), (7, 12)):
        return f"{y1}-H{1 if m1 == 1 else 2}"
    return period


def _signed(value: Decimal | None, sign: int) -> Decimal | None:
    return None if value is None else value * sign


def _to_fact(draft: _Draft, fact_id: str) -> Fact:
    value = draft.value
    change = draft.change
    level_sign = draft.anchor.sign if draft.anchor is not None else 1
    return Fact(
        subject=draft.subject,
        metric=draft.metric,
        period=draft.period,
        evidence_start=draft.sentence[0],
        evidence_end=draft.sentence[1],
        segment=draft.segment,
        value=_signed(value.value, level_sign) if value else None,
        value_low=_signed(value.value_low, level_sign) if value else None,
        value_high=_signed(value.value_high, level_sign) if value else None,
        unit=value.unit if value else "",
        qualifier=value.qualifier if value else "",
        change_value=_signed(change.value, draft.change_sign) if change else None,
        change_unit=change.unit if change else "",
        change_basis=draft.basis if change else "",
        change_qualifier=change.qualifier if change else "",
        modality=draft.modality,
        value_mention_id=value.mention_id if value else "",
        change_mention_id=change.mention_id if change else "",
        fact_id=fact_id,
    )


def _basis(change: Mention, changes: list[Mention], sentence: _Sentence, text: str) -> str:
    """The comparison basis nearest to a change, not across another change."""
    best: tuple[int, str] | None = None
    for label, pattern in _BASIS:
        for match in pattern.finditer(text, sentence.span[0], sentence.span[1]):
            if match.end() <= change.start:
                gap_start, gap_end = match.end(), change.start
            elif match.start() >= change.end:
                gap_start, gap_end = change.end, match.start()
            else:
                continue
            if any(gap_start <= c.start and c.end <= gap_end for c in changes if c is not change):
                continue
            distance = gap_end - gap_start
            if best is None or distance < best[0]:
                best = (distance, label)
    return best[1] if best else ""
