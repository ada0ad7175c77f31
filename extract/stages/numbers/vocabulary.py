"""Words and patterns that decide what a number is (money, percent, quantity or none)."""

from __future__ import annotations

import re

from extract.normalize.quantity import ADJECTIVES
from extract.normalize.scanning import guarded


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
_SCALE_RE = guarded(r"(?i)thousand|million|billion|trillion|\bbn\b|\bmn\b|\bmln\b")

# --- patterns ----------------------------------------------------------------------------

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
# Numbers inside these are parts of dates and times, never counts.
_DATE_MASK_RE = guarded(
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
_URL_RE = guarded(r"\b(?=[hw])(?:https?://|www\.)\S+")
_EMAIL_RE = guarded(r"(?<![\w.+-])(?=\w)[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_RANGE_JOIN_RE = guarded(r"\s*(?P<join>-|\u2013|—|~|(?i:to|and|or)\b)\s*")
_BETWEEN_RE = guarded(r"(?i)\bbetween\s+\Z")
_POINT_UNIT_RE = guarded(r"point|\bpp|\bppt|bps|basis", re.IGNORECASE)


def _is_point_unit(unit_text: str) -> bool:
    """True for percentage points and basis points, False for per cent."""
    return _POINT_UNIT_RE.search(unit_text) is not None


# "rose from $5 to $7" states a change (two amounts); "ranges from $5 to $7" a range.
_CHANGE_FROM_RE = guarded(
    r"(?i)\b(?:rose|rise[sn]?|rising|fell|fall(?:s|en|ing)?|increase[sd]?|increasing|grew"
    r"|grow(?:s|n|ing)?|climb(?:s|ed|ing)?|jump(?:s|ed|ing)?|surge[sd]?|surging|soar(?:s|ed|ing)?"
    r"|drop(?:s|ped|ping)?|decline[sd]?|declining|slid(?:e|es|ing)?|slip(?:s|ped|ping)?"
    r"|plunge[sd]?|plunging|tumble[sd]?|tumbling|up|down|improve[sd]?|improving|expand(?:s|ed)?"
    r"|cut|reduce[sd]?|raise[sd]?|lower(?:s|ed)?|widen(?:s|ed)?|narrow(?:s|ed)?|boost(?:s|ed)?"
    r"|went|go(?:es|ne)?|move[sd]?|change[sd]?|shrank|shrink(?:s|ing)?|doubled|tripled|halved)"
    r"(?:\s+[a-z]+){0,3}?\s+from\s+(?:[a-z]+\s+){0,2}\Z"
)
_SIGN_BEFORE_RE = guarded(r"(?:(?<![A-Za-z])(?i:minus|negative)\s+|(?:(?<=[\s(\[])|^)[-\u2212+])\Z")
_PLUS_MINUS_RE = guarded(r"±|\+/-")
_AMOUNT_BEFORE_RE = guarded(
    r"(?:\d|[%$€£¥元]|(?i:yuan|dollars?|euros?|pounds|yen|renminbi|rmb|million|billion"
    r"|trillion|bn|mn|cents?)|\b[A-Z]{3})\s*\Z"
)
_CENTS_TAIL_RE = guarded(
    r"\s+(?:and\s+)?(?:\d{1,2}|(?i:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen"
    r"|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|one|two|three|four|five|six|seven"
    r"|eight|nine)\b)(?:(?:\s+|-)(?i:cents?|pence)\b|(?=\s*(?:[.!?,;]|\Z)))"
)
# Pence or cents glued to an amount: "312p", "4.2p", "75c" (not "p.12", "5c.d", "3pm").
_GLUED_SUBUNIT_RE = guarded(r"(?P<unit>[pc])(?![A-Za-z0-9\u00c0-\u024f])(?!\.[A-Za-z0-9])")
# Video resolutions and the like are numbers glued to a "p", never pence.
_RESOLUTIONS = frozenset({480, 576, 720, 1080, 1440, 2160, 4320})
_DOLLARISH_RE = guarded(r"(?i)(?:dollars?|euros?|pounds(?:\s+sterling)?)\Z")

_QUALIFIER_RE = guarded(
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
# The last word of every qualifier above, lower case: a number whose preceding text (spaces
# stripped) ends in none of them has no qualifier before it, and the search is skipped.
_QUALIFIER_ENDS = tuple(
    _words("""
    than under below to most of max max. as at exceeding over above least beyond past exceeded
    exceeds exceed surpassed surpassing surpasses topped passed crossed the about around roughly
    approximately approx. nearly almost some estimated circa ca. ~ less exactly precisely only
    just
    """)
)
_TRAILING_QUALIFIER_RE = guarded(
    r"(?i)\s*(?:(?P<lower>(?:or|and)\s+(?:more|above|higher|over)\b|\+)"
    r"|(?P<upper>(?:or|and)\s+(?:less|below|fewer|under|lower)\b)"
    r"|(?P<approx>or\s+so\b))"
)
# A noun, a hyphen, an ampersand, a quote or anything else, after optional spaces.
_NP_TOKEN_RE = guarded(
    r"[ \t\u00a0]*(?:(?P<w>[A-Za-z][A-Za-z'\u2019]*)|(?P<h>-)|(?P<amp>&)|(?P<q>[\"“”])"
    r"|(?P<n>\d[\dA-Za-z]*\b)|(?P<o>\S|\n))"
)
_HYPHEN_WORD_RE = guarded(r"[ \t]*-[ \t]*(?P<w>[A-Za-z]+)\b(?!\s*-\s*[A-Za-z])")
_MULTIPLIER_RE = guarded(r"(?i)\s*(?:-\s*)?(?:times|fold)\b|x\b")
_PARTITIVE_RE = guarded(
    r"(?i)\s+of\s+(?:the|us|them|these|those|its|their|our|his|her|which|whom|my|your|all|it)\b"
)
# "of March's", "of the month's", "of its": a partitive whose noun names what is counted.
_OF_OWNER_RE = guarded(
    r"[ \t]+of[ \t]+(?:(?:the|its|their|our|this|that|last|these|those)[ \t]+)?"
    r"(?:[\w-]+['\u2019]s[ \t]+)?"
)
_NUMBER_OF_RE = guarded(r"(?i)\b(?:the|a|its|their)\s+(?:total\s+)?number\s+of\s+")
_PRONOUN_PARTITIVE_RE = guarded(r"(?i)\s+of\s+(?:them|these|those|which|whom)\b")
# A verb or preposition right before a bare small count: "closed six", "up from 540".
_PARALLEL_BEFORE_RE = guarded(r"(?<![A-Za-z])(?:from|to|and|[a-z]{2,}(?:ed|ing))[ \t]+\Z")
_NP_WORD_RE = guarded(r"[A-Za-z]+(?:[ \t]*-[ \t]*[A-Za-z]+)*")
# The word right before a number, searched in a slice of text that ends at the number: the
# look-behind lets the search try word starts alone (a match from inside a run of letters
# would also match from the letter before it, which the search tries first).
_PREV_WORD_RE = guarded(
    r"(?<![A-Za-z])(?P<w>[A-Za-z][\w'\u2019.&]*)(?P<sep>[ \t]*-[ \t]*|[ \t]+)\Z"
)
_MODEL_SUFFIX_AFTER_RE = guarded(r"[ \t]+(?P<w>[A-Za-z]+)\b")
_SUBJECT_RE = guarded(
    r"(?i)(?<![a-z])(?P<noun>[a-z]+)\s+(?:(?:has|have|had)\s+)?"
    r"(?:exceeded|reached|surpassed|topped|hit|totaled|totalled|numbered|stood\s+at|was|were|rose\s+to|grew\s+to|increased\s+to"
    r"|climbed\s+to|jumped\s+to|fell\s+to|dropped\s+to|declined\s+to|amounted\s+to|came\s+to"
    r"|crossed|passed)\s+(?:[a-z]+\s+){0,2}\Z"
)
