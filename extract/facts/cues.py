"""Cue patterns over the words around a figure: change verbs, comparison bases, qualifiers,
modality, and the phrases that make a figure no fact of its own."""

from __future__ import annotations

import re

QUALIFIER_WORDS = (
    r"over|more\s+than|less\s+than|fewer\s+than|nearly|almost|about|around|roughly|"
    r"approximately|some|up\s+to|at\s+least|at\s+most|as\s+much\s+as|only|just|a\s+further|"
    r"another|an\s+additional|a\s+total\s+of|a\s+record|under|above|below|close\s+to|exceeding"
)


SIGNED = re.compile(r"(?:^|[\s(\[,])(?P<sign>[+\-\u2212])$")


PER_AFTER = re.compile(r"\s+per\s+(?!cent\b)\w", re.IGNORECASE)


RESTATEMENT_AFTER = re.compile(
    r"^[\s\"'\u201d\u2019-]*(?:level\b|(?:[\w-]+\s+){0,3}(?:mark|threshold|milestone|barrier|club|"
    r"hurdle)\b)",
    re.IGNORECASE,
)


STREAK_AFTER = re.compile(
    r"^\s*(?:for|in)\s+(?:the\s+)?(?:\w+\s+)?(?:consecutive|straight|successive|"
    r"running)\s+(?:quarters?|years?|months?|weeks?)\b",
    re.IGNORECASE,
)


# "8% at constant currency", "(+6% cc)", "at CER": growth with exchange rates held fixed.
CONSTANT_CURRENCY_AFTER = re.compile(
    r"\s*(?:\w+\s+){0,2}?(?:at|in|on\s+an?)\s+(?:constant[\s-]+(?:currency|currencies|"
    r"exchange[\s-]+rates?)(?:\s+basis)?|CER|cc)\b|\s*(?:cc|CER|cer)\b",
    re.IGNORECASE,
)
CONSTANT_CURRENCY_BEFORE = re.compile(
    r"\b(?:at|in)\s+(?:constant[\s-]+(?:currency|currencies|exchange[\s-]+rates?)|CER)\s*,"
    r"\s*(?:\w+\s+){0,4}$",
    re.IGNORECASE,
)


# "this quarter", "the quarter": the period the article is about, once it has ended.
THIS_PERIOD = re.compile(r"(?:this|the|the\s+current)\s+(?:quarter|half)", re.IGNORECASE)


# "40 cents a share from earnings": the effect of something on earnings per share.
PER_SHARE_IMPACT_AFTER = re.compile(
    r"^\s*(?:a|per|each)\s+(?:(?:diluted|basic)\s+)?share\s+(?:from|to|off|on)\s+"
    r"(?:(?:its|the|their|annual|full-year)\s+)?(?:earnings|profits?|EPS)\b",
    re.IGNORECASE,
)


PER_SHARE_AFTER = re.compile(
    r"^\s*(?:a|per|each)\s+(?:(?:diluted|basic|ordinary|common|class\s+\w)\s+)?"
    r"(?:share|ADS|ADR|unit)\b",
    re.IGNORECASE,
)


# Figures of others about the company: an analysts' estimate or consensus, a price target.
ESTIMATE_BEFORE = re.compile(
    r"\b(?:analysts?|consensus|Wall\s+Street|brokers?)\b(?:\s+(?:had|have|were|are))?"
    r"(?:\s+on\s+average)?\s+(?:expected|estimated|forecast|predicted|projected|polled|"
    r"surveyed|expect|estimate|see|saw|were\s+expecting|had\s+expected)\b|"
    r"\b(?:consensus|average\s+estimate|analysts'?\s+(?:average\s+)?(?:estimates?|"
    r"forecasts?|expectations?)|(?:target|price)\s+(?:price|target))\b|"
    # "above estimates of $1.74", "missing forecasts of"
    r"\b(?:above|below|beat(?:ing|s)?|miss(?:ing|ed|es)?|top(?:ping|ped|s)?|exceed(?:ing|ed|s)?|"
    r"ahead\s+of|short\s+of)\s+(?:the\s+)?(?:\w+\s+){0,2}?(?:estimates?|expectations?|"
    r"forecasts?)\s+(?:of\s+)?(?:(?:" + QUALIFIER_WORDS + r")\s+)?$",
    re.IGNORECASE,
)


ESTIMATE_AFTER = re.compile(
    r"\s*(?:(?:a|per)\s+share\s+)?(?:(?:that|which)\s+)?(?:(?:analysts?|Wall\s+Street)"
    r"(?:\s+(?:polled|surveyed)\s+by\s+\w+)?\s+(?:had\s+)?(?:expected|"
    r"estimated|forecast|predicted|were\s+expecting)|(?:expected|estimated|forecast|predicted)"
    r"\s+by\s+(?:analysts?|Wall\s+Street)|(?:average|consensus|mean)\s+(?:estimate|forecast)s?|"
    r"(?:estimate|forecast)s?\s+of\s+(?:\d+\s+)?analysts?)\b",
    re.IGNORECASE,
)


VALUATION_BEFORE = re.compile(
    r"\b(?:valu(?:ing|ed|es)|market\s+(?:value|capitali[sz]ation)\s+(?:of|at))\s+"
    r"(?:(?:the\s+)?(?:company|group|firm|it|them|\w+)\s+)?(?:at\s+)?"
    r"(?:(?:" + QUALIFIER_WORDS + r")\s+)?$",
    re.IGNORECASE,
)


OR_GAP = re.compile(
    r"^\s*,?\s*(?:or|equivalent\s+to|about|roughly)\s+(?:(?:" + QUALIFIER_WORDS + r")\s+)?$",
    re.IGNORECASE,
)


# "$612 million, or $2.31 a share, in the fourth quarter": the per-share aside is skipped
# when looking for the date a figure is stated for.
PER_SHARE_ASIDE = re.compile(r"^\s*,\s*or\s+[^,]{1,30}?\s+(?:a|per)\s+share\s*,", re.IGNORECASE)


BRACKET_GAP = re.compile(r"^\s*[(\[]?\s*(?:or|about|around|roughly|approximately)?\s*$")


GAP_AFTER = re.compile(
    r"^\s*(?:\w+\s+){0,1}(?:higher|lower|more|less|cheaper|dearer|bigger|smaller|greater|"
    r"fewer|larger)\s+than\b",
    re.IGNORECASE,
)


SHARE_OF_TOTAL_AFTER = re.compile(
    r"^\s*of\s+(?:the\s+|its\s+|their\s+)?(?:group's\s+|company's\s+)?(?:total|overall|"
    r"whole|entire|all)\b",
    re.IGNORECASE,
)


# "(previous year: 3.2 billion euros)", "(PY: 12.1%)": a prior-year level in brackets.
PRIOR_YEAR_LABEL_BEFORE = re.compile(
    r"\(\s*(?:(?:previous|prior|last)[\s-]+year|PY|prior|previous)\s*:?\s*$", re.IGNORECASE
)


# "(2023: 3.2 billion euros)", "(Q3 2023: 12.1%)": a prior-period level dated in brackets.
DATED_LABEL_BEFORE = re.compile(r"\(\s*[^():]{0,20}?\d{4}\s*:\s*$")


# "29.994 (29.402) billion euros", "9.1% (8.4%)": a bare bracket right after a figure.
BARE_BRACKET_GAP = re.compile(r"\s*\(\s*")
BRACKET_CLOSE_AFTER = re.compile(r"\s*\)")


# "88 billion": a number with a scale word and no unit.
SCALED = re.compile(r"\b(?:million|billion|trillion|bn|mn|m|tn)\b", re.IGNORECASE)


REFERENCE_BEFORE = re.compile(
    r"\b(?:compared\s+(?:with|to)|from|versus|vs\.?|against)\s+(?:(?!to\b)[\w'-]+\s+){0,4}?"
    r"(?:of\s+)?(?:(?:" + QUALIFIER_WORDS + r")\s+)?$",
    re.IGNORECASE,
)


DATE_GLUE = re.compile(
    r"^\s*(?:,?\s*respectively,?\s*)?"
    r"(?:(?:in|on|at|as\s+(?:of|on|at)|by|for|during|through|until|of|ending|ended)\s+)?"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)


DURATION = re.compile(
    # "in the past two years", "over the next year"; "in the previous quarter" names a period.
    r"\b(?:in|over|within|during|for|across)\s+the\s+(?:(?:next|past|coming|following)\s+"
    r"(?:\w+\s+)?(?:years?|months?|quarters?|weeks?|days?|decades?)|(?:last|previous)\s+\w+\s+"
    r"(?:years|months|quarters|weeks|days|decades))\b|"
    r"\bwithin\s+(?:\w+\s+)?(?:years?|months?)\b",
    re.IGNORECASE,
)


ANNUAL = re.compile(r"\b(?:annual|full[\s-]+year|whole[\s-]+year)\b(?!\s+report)", re.IGNORECASE)


TO_BEFORE = re.compile(r"\bto\s+(?:(?:" + QUALIFIER_WORDS + r")\s+)?$", re.IGNORECASE)


ANNUAL_AFTER = re.compile(
    r"^\s*(?:for|in|over)\s+the\s+(?:full|whole|entire)[\s-]+year\b", re.IGNORECASE
)


AT_TO_BEFORE = re.compile(r"\b(?:at|to)\s+(?:(?:" + QUALIFIER_WORDS + r")\s+)?$", re.IGNORECASE)


CLAUSE_COMMA = re.compile(r"[,;](?!\d)")


ASIDE_ADVERB = re.compile(
    r",\s*(?:however|meanwhile|though|too|also|in\s+turn|by\s+contrast|in\s+contrast|"
    r"for\s+its\s+part|moreover|furthermore|nevertheless|nonetheless|likewise|again)\s*,",
    re.IGNORECASE,
)


LINK_VERB = re.compile(
    r"\b(?:is|was|were|are|reached|reaches|rose|fell|grew|jumped|surged|climbed|dropped|"
    r"declined|increased|decreased|totaled|totalled|totals|hit|hits|stood|stands|came|"
    r"amounted|exceeded|surpassed|topped|soared|slipped|slid|plunged|remained)\b",
    re.IGNORECASE,
)


INTERVAL = re.compile(r"^(\d{4})-(\d{2})-(\d{2})/(\d{4})-(\d{2})-(\d{2})$")


DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


BOTH = re.compile(r"\b(?:both|each|all)\b", re.IGNORECASE)


RESPECTIVELY = re.compile(r"\brespectively\b", re.IGNORECASE)


# "customers with over $50 million of yearly spending": a threshold of a count.
THRESHOLD_BEFORE = re.compile(
    r"\b(?:clients|customers|accounts|companies|deals|contracts|firms)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:contributing|generating|worth|spending|paying|with|of)\s+(?:(?:"
    + QUALIFIER_WORDS
    + r")\s+)?$",
    re.IGNORECASE,
)


# "Compared with a year earlier, revenue ... rose 7% ... and Europe grew 10%": a basis that
# opens the sentence holds for every change in it.
OPENING_BASIS = re.compile(
    r"\W*(?:compared\s+(?:with|to)\s+(?:a\s+year\s+(?:earlier|ago)|the\s+same\s+(?:period|"
    r"quarter)\s+(?:of\s+|in\s+)?last\s+year|the\s+previous\s+year)|year[\s-]+on[\s-]+year|"
    r"from\s+a\s+year\s+(?:earlier|ago))\s*,",
    re.IGNORECASE,
)


PARALLEL_CLAUSE = re.compile(r"(?:,\s*|\s)(?:while|whereas|and)\s", re.IGNORECASE)


# "lifted their profit forecast by £12m": the size of a revision, not a figure.
# "4.1 billion euros, plus or minus 200 million": the width of a range, not a level.
TOLERANCE_BEFORE = re.compile(r"(?:\bplus\s+or(?:\s+minus)?|\+/-|\u00b1)\s*$", re.IGNORECASE)


REVISION_BEFORE = re.compile(
    r"\b(?:forecasts?|estimates?|guidance|outlook|targets?|projections?)\s+by\s+(?:(?:"
    + QUALIFIER_WORDS
    + r")\s+)?$",
    re.IGNORECASE,
)


# "Rival X reported a 2% fall in sales last week": the week of the report, not the period.
REPORTING_VERB = re.compile(
    r"\b(?:reported|said|announced|posted|disclosed|published)\b", re.IGNORECASE
)


# "our three channels - stores, online and ...": a list after a dash or colon explains the
# counted noun; its words are no metric of the count.
EXPLANATION_GAP = re.compile(r"\s[-\u2013\u2014]\s|:")


FIRST_HALF = re.compile(r"\bfirst[\s-]+half\b", re.IGNORECASE)


# "capacity reached 410,000 wafers, and it plans to lift it to 450,000": the same metric.
PRONOUN_TO_BEFORE = re.compile(
    r"\b(?:lift|raise|increase|expand|boost|grow|take|bring|cut|reduce|lower|double)\s+"
    r"(?:it|them|this|that)\s+to\s+(?:(?:" + QUALIFIER_WORDS + r")\s+)?$",
    re.IGNORECASE,
)


# "450,000 wafers per month in 2025": the rate sits between the figure and its date.
RATE_ASIDE = re.compile(r"^\s*(?:per|a|an|each)\s+(?:day|week|month|quarter|year|annum)\b", re.I)


LIST_GLUE = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s*)$", re.IGNORECASE)


THIS_YEAR_AFTER = re.compile(r"\s*(?:so\s+far\s+)?this\s+year\b", re.IGNORECASE)


THIS_YEAR_BEFORE = re.compile(
    r"\b(?P<cue>gain|rise|increase|advance|loss|fall|decline|drop)s?\s+(?:so\s+far\s+)?this\s+year\s+"
    r"(?:to|of)\s+(?:(?:" + QUALIFIER_WORDS + r")\s+)?$",
    re.IGNORECASE,
)


# "after opening 146 stores and closing 39", "plans to open about 150 stores": openings and
# closures are flows, not the count of stores ("had opened 402 outlets by June" is a count).
FLOW_COUNT_BEFORE = re.compile(
    r"\b(?:opening|closing|adding|shutting|hiring|cutting|"
    # "opened 14 stores during the period" is a flow; "had opened 402 outlets" a stock.
    r"(?<!had\s)(?<!has\s)(?<!have\s)(?:opened|closed|added|shut|hired)|"
    r"(?:to|will|would)\s+(?:open|close|"
    r"add|shut|hire|cut))\s+(?:down\s+)?(?:(?:" + QUALIFIER_WORDS + r")\s+)?"
    r"(?:(?:new|more|another|additional)\s+)?$",
    re.IGNORECASE,
)


# Outlets changing hands ("agreed to sell 40 restaurants", "acquired 12 stores") are flows.
TRANSFER_BEFORE = re.compile(
    r"\b(?:sell(?:s|ing)?|sold|buy(?:s|ing)?|bought|acquir(?:e|es|ed|ing)|divest(?:s|ed|ing)?|"
    r"refranchis(?:e|es|ed|ing)|transfer(?:s|red|ring)?)\s+(?:(?:" + QUALIFIER_WORDS + r")\s+)?"
    r"(?:(?:its|their|the|another|more)\s+)?$",
    re.IGNORECASE,
)


INCLUDING_BEFORE = re.compile(
    r"\b(?:including|of\s+which|among\s+them)\s+(?:(?:" + QUALIFIER_WORDS + r")\s+)?$",
    re.IGNORECASE,
)


# "ended the fiscal year with 2,318 stores": a count on the last day of the report period.
ENDED_WITH = re.compile(
    r"\bended\s+(?:the|its)\s+(?:fiscal\s+|financial\s+)?(?:year|quarter|half|period)\s+with\b",
    re.IGNORECASE,
)


PRIOR_ESTIMATE_BEFORE = re.compile(
    r"\b(?:previous|prior|earlier|old|original|initial)\s+(?:range|guidance|forecast|outlook|"
    r"target|estimate|projection|view)s?\s+(?:of\s+)?(?:(?:" + QUALIFIER_WORDS + r")\s+)?$",
    re.IGNORECASE,
)


TARGET_OF_BEFORE = re.compile(
    r"\b(?:target|goal|guidance|forecast|outlook)\s+of\s+(?:(?:" + QUALIFIER_WORDS + r")\s+)?$",
    re.IGNORECASE,
)


# "organic growth ... was 9.8%", "like-for-like sales growth of 3%": a change of revenue on
# an adjusted basis, a row of its own beside the reported change.
ORGANIC_BEFORE = re.compile(
    r"\b(?:organic|underlying|like[\s-]+for[\s-]+like|comparable|same[\s-]+store)\s+"
    r"(?:(?:sales|revenue)\s+)?growth\b(?:\s*,[^,]*,)?\s*(?:was|were|is|of|at|reached|stood\s+at|"
    r"came\s+in\s+at)\s+(?:(?:" + QUALIFIER_WORDS + r")\s+)?$",
    re.IGNORECASE,
)


FROM_DATE = re.compile(r"\s*(?:from|over|compared\s+(?:with|to)|versus)\s+(?:the\s+)?", re.I)


PARTICIPLE = re.compile(r",\s+(?:adding|bringing|raising|lifting|taking|creating)\b", re.I)


REPORT_PERIOD = re.compile(r"\d{4}-(?:Q[1-4]|H[12])")


YEAR_EARLIER_AFTER = re.compile(
    r"^\s*,?\s*(?:(?:in|during|for)\s+)?(?:(?:a|one)\s+year\s+(?:earlier|ago|before)|"
    r"the\s+same\s+(?:period|quarter|half|month|time)\s+(?:of\s+|in\s+)?(?:last|the\s+previous|"
    r"the\s+prior|a)\s+year|(?:the\s+)?(?:previous|prior)\s+year|"
    r"the\s+(?:year[\s-]+(?:ago|earlier)|prior[\s-]+year)\s+(?:quarter|period|half|month))\b",
    re.IGNORECASE,
)


COMPARISON_DATE_BEFORE = re.compile(
    # "up 6% on the June quarter": a change "on" a period compares with it.
    r"\b(?:from|compared\s+(?:with|to)|than|versus|vs\.?|over)\s+(?:the\s+)?$|"
    r"(?:%|\bper\s*cent|\bpercent|\bpoints?)\s+on\s+(?:the\s+)?$",
    re.IGNORECASE,
)


# "up from 310 million units at the end of 2023": the date of a comparison base's level.
BASE_LEVEL_DATE_BEFORE = re.compile(
    r"\b(?:from|compared\s+(?:with|to)|versus|vs\.?)\s+(?:about\s+|around\s+)?[$\u20ac\u00a3\u00a5]?"
    r"\d[\d,.]*(?:\s+[a-z]+){0,3}\s+(?:at|in|as\s+of|on)\s+(?:the\s+)?"
    r"(?:(?:year|quarter|half)[\s-]end\s+|end\s+of\s+)?$",
    re.IGNORECASE,
)


# Days that name no period: the announcement day and a period's closing day.
ENDED_BEFORE = re.compile(r"\b(?:ended|ending|ends)\s+(?:on\s+)?(?:the\s+)?$", re.IGNORECASE)


REPORTED_ON_BEFORE = re.compile(
    r"\b(?:said|says|reported|reports|announced|announces|posted|disclosed)\s+on\s+$",
    re.IGNORECASE,
)


ON_BEFORE = re.compile(r"\bon\s+$", re.IGNORECASE)


REPORTING_AFTER = re.compile(
    r"\s*(?:,\s*)?(?:that\s+)?(?:said|says|reported|reports|announced|announces|posted|"
    r"disclosed|published|released|unveiled)\b",
    re.IGNORECASE,
)


# "to £702m as unseasonal weather in June ...": a date in a clause of its own.
SUBCLAUSE = re.compile(
    r"\b(?:as|because|after|before|while|when|since|although|though|amid|but|whereas)\b",
    re.IGNORECASE,
)


ANNUAL_SENTENCE = re.compile(
    r"\W*(?:for|in|over)\s+the\s+(?:full|whole|entire)[\s-]+year\b", re.IGNORECASE
)


WORD = re.compile(r"\w+")


START_BEFORE = re.compile(
    r"\b(?:start|starts|starting|begin|begins|beginning|commence|commences|open|opens|come|"
    r"comes)\s+(?:(?:production|operations?|operating|mass\s+production|online)\s+)?"
    r"(?:in|by|from|at)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


OTHERS_OUTLETS_AFTER = re.compile(
    r"^\s*of\s+(?:[\w&'-]+\s+){0,5}?(?:chains?|retailers?|dealers?|distributors?|"
    r"supermarkets?|partners?)\b",
    re.IGNORECASE,
)


PEAK_BEFORE = re.compile(
    r"\b(?:peak|high|all[\s-]+time\s+high|record\s+high|low)\s+of\s+"
    r"(?:(?:" + QUALIFIER_WORDS + r")\s+)?$",
    re.IGNORECASE,
)


EFFECTIVE_BEFORE = re.compile(
    r"\b(?:from|starting|effective|as\s+of|beginning)\s+(?:on\s+)?$", re.IGNORECASE
)


REQUIREMENT_BEFORE = re.compile(
    r"\b(?:needs?|needed|has\s+to|have\s+to|must)\s+(?:to\s+)?(?:[\w-]+\s+){1,4}?"
    r"(?:(?:" + QUALIFIER_WORDS + r")\s+)?$",
    re.IGNORECASE,
)


# A question or a condition states no figure: "can it keep its margin above 40%?",
# "If the price war goes on, the margin may fall below 40%".
HYPOTHETICAL = re.compile(r"\?[\"\u201d\u2019']?\s*$|^\W*(?:If|Unless|Should)\s")


# "seven-seat", "12-store": a number hyphenated to its noun modifies another noun.
COMPOUND_MODIFIER = re.compile(r"^[\w.,]+-[a-z]+$")


# "per liter", "a barrel": a price per unit of measure is a commodity's, not a selling price.
_MEASURE = (
    r"(?:per|a|an|/)\s*(?:lit(?:er|re)s?|gallons?|barrels?|bbl|tonnes?|tons?|kilograms?|"
    r"kg|pounds?|lbs?|ounces?|oz|kilowatt[\s-]+hours?|kwh|mwh|cubic\s+meters?|m3)\b"
)


MEASURE_LEVEL_AFTER = re.compile(rf"\s+to\s+(?:\S+\s+){{1,4}}?{_MEASURE}", re.IGNORECASE)


PER_MEASURE_AFTER = re.compile(
    r"^\s*(?:per|a|an|/)\s*(?:lit(?:er|re)s?|gallons?|barrels?|bbl|tonnes?|tons?|kilograms?|"
    r"kg|pounds?|lbs?|ounces?|oz|kilowatt[\s-]+hours?|kwh|mwh|cubic\s+meters?|m3)\b",
    re.IGNORECASE,
)
