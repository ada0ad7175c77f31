"""Cue patterns for subjects and segments: who a figure is about, and which names are not."""

from __future__ import annotations

import re

from extract.facts.cues import QUALIFIER_WORDS, word_set

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


# "the market share of German brands": an "of" phrase naming owners, not goods ("sales of
# furniture and lighting" are the company's own).
OWNERS = re.compile(
    r"\b(?:brands?|compan(?:y|ies)|makers?|firms?|players?|vendors?|carmakers?|automakers?|"
    r"manufacturers?|rivals?|competitors?|peers?|retailers?|groups?|sector|industry|"
    r"market|operators?|suppliers?|banks?|lenders?|insurers?)\b",
    re.IGNORECASE,
)


SOURCE_BEFORE = re.compile(
    r"(?:\b(?:data|figures|statistics|research|report|reports|estimates|survey|analysis)\s+"
    r"(?:from|by|of)|\baccording\s+to|\btold|\bsaid|\bcited\s+by|\bciting|\bmagazine|"
    r"\bnewspaper|\bwebsite|\banalysts?\s+(?:at|from))\s*[\"“']?\s*(?:the\s+)?$",
    re.IGNORECASE,
)


SOURCE_AFTER = re.compile(
    r"^\s*(?:'s\s+)?(?:data|figures|statistics|estimates|research|analysts?|survey)\b",
    re.IGNORECASE,
)


GENERIC_ORG = re.compile(
    r"^(?:the\s+)?(?:company|group|firm|corporation|business|brand|carmaker|automaker|"
    r"maker|manufacturer)$",
    re.IGNORECASE,
)


HUNG_ON_NAME = re.compile(
    r"^(?:'s)?\s+(?:at|with)\s+(?:an?\s+)?(?:(?:" + QUALIFIER_WORDS + r")\s+)?$", re.IGNORECASE
)


# Stock exchanges and indices: where a company's shares trade, never a figure's subject.
MARKET_NAME = re.compile(
    r"^(?:Nasdaq|NYSE|AMEX|Hang Seng|DAX|MDAX|SDAX|TecDAX|FTSE|Dow Jones|Dow|S&P|Nikkei|CAC"
    r"|Euronext|Kospi|KOSPI|Sensex|Nifty|Topix|TOPIX|STOXX|Stoxx|Euro Stoxx|SMI|ASX|TSX|JSE"
    r"|Bovespa|IBEX|STAR Market|ChiNext)\b"
    r"|\b(?:Stock Exchange|Stock Market|Exchange|Index|Composite)$"
)


# ", Hengtai's closest competitor in ...,": an appositive naming another company's relation.
APPOSITIVE_OWNER = re.compile(r"['\u2019]s\s+[^,.;()]{1,60},")


COMPARISON_BEFORE = re.compile(
    r"\b(?:than|like|unlike|such\s+as|surpassing|surpassed|overtaking|overtook|behind|"
    r"ahead\s+of|compared\s+(?:with|to)|versus|vs\.?|including|only\s+to|beat|"
    r"beating|against|outpacing|outpaced)\s+(?:the\s+)?(?:its\s+)?(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)


# "a partnership with the online marketplace Zalando", "customers such as Acme": another
# company in a business relation, not the figure's subject.
PARTNER_BEFORE = re.compile(
    r"\b(?:partnership|partnering|partnered|agreement|deal|contract|collaboration|venture|"
    r"alliance|tie-up|cooperation)\s+with\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,3}$|"
    r"\b(?:customers?|clients?|partners?|suppliers?)\s+(?:such\s+as\s+|including\s+|like\s+)?$",
    re.IGNORECASE,
)


IN_PLACE = re.compile(r"\s+(?:in|across)\s+(?:the\s+)?", re.IGNORECASE)


CORPORATE_WORDS = word_set(
    """
    ab ag as asa bhd bv kg kk lp llp oyj pte pty sarl sas spa tbk
    ag airlines auto automotive bank biotech brands capital co communications company corp
    corporation electric electronics energy enterprises entertainment financial foods gmbh
    group holding holdings inc incorporated industries international labs limited llc ltd
    medical mining motor motors networks nv pharma pharmaceuticals plc resources retail sa se
    semiconductor software systems tech technologies technology telecom therapeutics
    """
)


SEGMENT_HEAD = re.compile(
    r"\b(?i:the|its|their|our)\s+"
    r"(?P<name>[A-Za-z][A-Za-z-]*(?:\s+(?:and\s+)?[A-Za-z][A-Za-z-]*){0,3}?)\s+"
    r"(?P<head>(?i:segments?|business(?:es)?|divisions?|units?|arms?))\b"
)


SEGMENT_LEAD = re.compile(r"\W*(?P<name>[A-Z][a-z-]+(?:\s+(?:and\s+)?[a-z][a-z-]*){0,3}?)\s+")


SEGMENT_STOP = word_set(
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


NATIONALITY = ("ese", "ean", "ian", "ish", "can", "ch")


MASS_NOUNS = word_set(
    """
    retail software hardware equipment healthcare insurance banking advertising commerce
    e-commerce cloud gaming media wealth energy power construction mining steel aviation
    fashion apparel pharma biotech wholesale hospitality tourism travel food real-estate
    research engineering manufacturing licensing content infrastructure transport shipping
    """
)


LEADING_THE = re.compile(r"\W*(?:the\s+)?", re.IGNORECASE)


# "It has lost 18% since ...": a pronoun subject opening the sentence.
PRONOUN_SUBJECT = re.compile(r"\W*(?:It|They|Its\s+shares|The\s+shares)\b")
