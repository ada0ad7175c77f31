"""Cue patterns for subjects and segments: who a figure is about, and which names are not."""

from __future__ import annotations

import re

from extract.facts.cues import QUALIFIER_WORDS

MARKET_WIDE = re.compile(
    r"\b(?:global|worldwide|industry|industry-wide|nationwide|national|country's|"
    r"market-wide)\s+(?:[\w-]+\s+){0,2}?[\w-]+$",
    re.IGNORECASE,
)


POSSESSIVE = re.compile(r"\b(?:its|their|our|his|her)\b", re.IGNORECASE)


PRONOUN = re.compile(r"\b(?:it|this|which)\b", re.IGNORECASE)


ANAPHOR = re.compile(
    r"\b(?:its|their|this\s+(?:segment|business|division|unit|line)|the\s+(?:segment|"
    r"business|division|unit))\b",
    re.IGNORECASE,
)


# "Storage division", "Asset Management segment": a name followed by a division word.
DIVISION_AFTER = re.compile(
    r"(?:['\u2019]s)?\s+(?:segments?|divisions?|units?|business(?:es)?|arms?|unit)\b",
    re.IGNORECASE,
)


# "the group", "the company's": the company as a whole.
GROUP_REFERENCE = re.compile(r"\bthe\s+(?:group|company|firm)(?:'s|\u2019s)?\b", re.IGNORECASE)


WHOLE_COMPANY = re.compile(r"\b(?:total|overall|group|company-wide)\b", re.IGNORECASE)


OF_COMPLEMENT = re.compile(r"^\s+of\s+(?P<np>.*)$", re.IGNORECASE | re.DOTALL)


CLAUSE_VERB = re.compile(
    r"[,;:]|\b(?:is|was|were|are|be|been|has|have|had|reached|reaches|reach|rose|fell|grew|"
    r"increased|decreased|declined|exceeded|exceeds|stood|stands|totaled|totalled|totals|"
    r"came|hit|hits|amounted|accounted|will|would|may|might|could|achieved|surpassed|"
    r"climbed|dropped|remained|remains|in|at|during|for|from|to|by|since|as)\b",
    re.IGNORECASE,
)


SUBJECT_ANAPHOR = re.compile(
    r"\b(?:this|that|these|its|their|the\s+(?:company|group|firm|segment|business|division|"
    r"brand|unit))\b",
    re.IGNORECASE,
)


FILLER = re.compile(rf"\b(?:the|a|an|between|{QUALIFIER_WORDS})\b", re.IGNORECASE)


SOURCE_AFTER = re.compile(
    r"^\s*(?:'s\s+)?(?:data|figures|statistics|estimates|research|analysts?|survey)\b",
    re.IGNORECASE,
)


HUNG_ON_NAME = re.compile(
    r"^(?:'s)?\s+(?:at|with)\s+(?:an?\s+)?(?:(?:" + QUALIFIER_WORDS + r")\s+)?$", re.IGNORECASE
)


# ", Hengtai's closest competitor in ...,": an appositive naming another company's relation.
APPOSITIVE_OWNER = re.compile(r"['\u2019]s\s+[^,.;()]{1,60},")


IN_PLACE = re.compile(r"\s+(?:in|across)\s+(?:the\s+)?", re.IGNORECASE)


SEGMENT_HEAD = re.compile(
    r"\b(?i:the|its|their|our)\s+"
    r"(?P<name>[A-Za-z][A-Za-z-]*(?:\s+(?:and\s+)?[A-Za-z][A-Za-z-]*){0,3}?)\s+"
    r"(?P<head>(?i:segments?|business(?:es)?|divisions?|units?|arms?))\b"
)


SEGMENT_LEAD = re.compile(r"\W*(?P<name>[A-Z][a-z-]+(?:\s+(?:and\s+)?[a-z][a-z-]*){0,3}?)\s+")


NATIONALITY = ("ese", "ean", "ian", "ish", "can", "ch")


LEADING_THE = re.compile(r"\W*(?:the\s+)?", re.IGNORECASE)


# "It has lost 18% since ...": a pronoun subject opening the sentence.
PRONOUN_SUBJECT = re.compile(r"\W*(?:It|They|Its\s+shares|The\s+shares)\b")


# "sales of its cancer drug ": between a metric phrase and the product it is of.
PRODUCT_OF = re.compile(r"\s+of\s+(?:(?:its|their|the)\s+)?(?:[\w-]+\s+){0,3}", re.IGNORECASE)


# "sold Xiaomi shares", "bought a stake in Acme": a company whose shares change hands is the
# object of the sentence, not its subject.
HOLDING_BEFORE = re.compile(
    r"\b(?:sold|sells|sell|selling|bought|buys|buy|buying|acquired|purchased|holds|held|owns|"
    r"owned|offloaded|divested)\s+(?:(?:its|their|a|the|some|all)\s+)?(?:(?:stake|shares|"
    r"holdings?)\s+(?:in|of)\s+)?$",
    re.IGNORECASE,
)
HOLDING_AFTER = re.compile(r"(?:['\u2019]s)?\s+(?:shares|stock|stake|bonds)\b", re.IGNORECASE)


# ", which builds lasers for ": a name inside a relative clause describes, it is not the subject.
RELATIVE_CLAUSE = re.compile(r",\s*(?:which|that)\s+[^,;()]*$", re.IGNORECASE)
