"""Word lists and labels of the entity stage."""

from __future__ import annotations

import re

from extract.normalize.entities import (
    CORPORATE_SUFFIXES,
)

RULER_NAME = "entity_aliases"

_SPACY_LABEL = {"person": "PERSON", "org": "ORG", "place": "GPE", "product": "PRODUCT"}

_KIND_OF_LABEL = {
    "PERSON": "person",
    "ORG": "org",
    "GPE": "place",
    "LOC": "place",
    "PRODUCT": "product",
    "NORP": "norp",
}

_PRIORITY = {"ruler": 3, "rule": 2, "ner": 1, "propagated": 0}


def _wordset(words: str, *, fold: bool = False) -> frozenset[str]:
    return frozenset(w.casefold() if fold else w for w in words.split())


# Acronyms and words of business/technology prose that the model takes for names.
NOT_ENTITIES = _wordset(
    """
    AI AGI AIoT IoT ASP ARPU LTV SoC USB OS SKU SKUs R&D R D EV EVs NEV NEVs GDP CPI PMI CEO
    CFO COO CTO CMO API APIs SMT OTA ADAS IPO ESG KPI ROI B2B B2C SaaS VR AR XR LLM LLMs GPU
    GPUs CPU CPUs NPU ML ICT OEM OEMs ODM GMV MAU MAUs DAU DAUs YoY QoQ CAGR EPS TWh GWh kWh
    HK RMB CNY USD HKD EUR Q1 Q2 Q3 Q4 H1 H2 FY 5G 4G 6G Wi-Fi WiFi Bluetooth Internet Web
    App Apps NFC UI UX SUV SUVs MPV MPVs PHEV BEV EREV FSD NOA ICE
    GMT UTC EST EDT CST CDT PST PDT CET CEST BST JST HKT SGT AEST AEDT IST
    CIO CISO VP SVP EVP
    """,
    fold=True,
)

# Words that end an organisation's name; a PERSON span holding one is an organisation.
_ORG_WORDS = frozenset(
    {
        *CORPORATE_SUFFIXES,
        "motors",
        "motor",
        "auto",
        "automobile",
        "automotive",
        "securities",
        "bank",
        "capital",
        "partners",
        "ventures",
        "fund",
        "network",
        "networks",
        "technology",
        "technologies",
        "electronics",
        "electric",
        "appliances",
        "telecom",
        "communications",
        "media",
        "labs",
        "systems",
        "software",
        "semiconductor",
        "pharma",
        "pharmaceutical",
        "pharmaceuticals",
        "therapeutics",
        "biosciences",
        "energy",
        "airlines",
        "insurance",
        "exchange",
        "research",
        "consulting",
        "institute",
        "university",
        "association",
        "council",
        "ministry",
        "commission",
        "bureau",
        "agency",
        "authority",
        "magazine",
        "news",
        "daily",
        "times",
        "post",
        "journal",
        "press",
        "cloud",
    }
)

# Words that make a defined phrase an organisation rather than a concept.
_STRONG_ORG_WORDS = frozenset(
    {
        *CORPORATE_SUFFIXES,
        "bank",
        "exchange",
        "securities",
        "motors",
        "association",
        "institute",
        "university",
        "ministry",
        "commission",
        "council",
        "agency",
        "bureau",
        "authority",
        "fund",
        "airlines",
        "insurance",
        "committee",
        "center",
        "centre",
        "foundation",
        "federation",
        "organization",
        "organisation",
        "board",
        "union",
        "court",
        "reserve",
        "department",
        "administration",
        "trust",
    }
)

_FUNCTION_WORDS = _wordset(
    """
    The A An In On At Of For By From With And Or To As Since Until After Before During Its
    It Their His Her Our Your My This That These Those Only Even Both Also While When Where
    Which Who New Such Some Each Every All Any No Not But If Than Then Thus Top About Over
    Under Into Onto Per Via Like Unlike Among Between Within Without Q Phase Article Section
    Chapter Level Stage Step Version Class Type Group Round Series Page Figure Table Note
    Source Photo Image January February March April May June July August September October
    November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday
    Wednesday Thursday Friday Saturday Sunday
    """,
    fold=True,
)

_NOT_MODEL_CODE = re.compile(
    r"^(?:(?:Q[1-4]|H[12]|9M)\s?FY\d{2,4}|Q[1-4]|H[12]|FY\d+|[BCOP]2[BCOPM]|G\d{1,2}|CO2|PM\d+(?:\.\d+)?|COVID\d*|[A-Z]\d{1,2}[a-z])$"
)

_NUMBER_MODEL = re.compile(r"^\d{1,3}$")

_MODEL_SUFFIXES = _wordset(
    """
    Pro Max Ultra Plus Mini Lite Air SE Edge Fold Flip Neo Turbo Prime GT Note XL
    """
)

_PRODUCT_NOUNS = _wordset(
    """
    pen pens phone phones smartphone smartphones handset car cars vehicle vehicles sedan suv
    machine machines chip chips processor app apps speaker speakers watch watches band
    tablet tablets laptop laptops tv tvs television router routers conditioner conditioners
    purifier purifiers washer washers dryer dryers refrigerator refrigerators fridge robot
    robots model models handsets earbuds headphones camera cameras console drone drones lock
    locks strip bike bikes scooter scooters glasses wearable wearables kettle fan heater
    cooker vacuum cleaner cleaners monitor software game series lineup hatchback hatchbacks
    sedans coupe coupes wagon minivan pickup truck trucks crossover suvs system systems
    headset headsets wallet chipset jet jets aircraft airliner vaccine drug assistant
    assistants chatbot
    """,
    fold=True,
)

# Nouns that name a product right after them (``cancer drug Corvel``, ``the smartphone Halo``).
_NAMING_NOUNS = _wordset(
    """
    drug drugs medicine medicines injection treatment therapy vaccine pill antibody
    smartphone sedan suv chatbot
    """,
    fold=True,
)

# Common nouns that open a sentence in capitals (``Tablet sales were flat``).
_CATEGORY_NOUNS = _PRODUCT_NOUNS | _wordset(
    """
    revenue revenues sales services service shares profit profits margin margins earnings
    demand supply growth orders shipments deliveries exports imports prices customers
    clients retail wholesale online stores store hardware accessories devices device
    """,
    fold=True,
)

# Adjective endings (``Digital``, ``Domestic``, ``Regional``, ``Overseas`` aside).
_ADJECTIVE_END = re.compile(r"(?:al|ic|ive|ous|ern|ary|ful|less|able|ible)$")

_ROLE_WORDS = _wordset(
    """
    founder co-founder cofounder chairman chairwoman chairperson chair CEO CFO COO CTO CMO
    CIO president vice-president VP director manager head partner chief executive officer
    secretary spokesperson spokesman spokeswoman analyst economist researcher professor
    engineer leader owner investor minister governor mayor deputy general managing senior
    board member founder
    """,
    fold=True,
)

_MODEL_CODE = re.compile(r"([A-Z]{1,3})-?\d{1,4}[A-Za-z]?")

# Labels that head a wire story in capitals and are no place.
_NEWS_LABELS = _wordset(
    """
    update updated breaking exclusive analysis corrected correction refile wrapup interview
    factbox column opinion editorial note photo video watch live advisory
    """,
    fold=True,
)

_PARTICLES = frozenset(
    {"van", "von", "de", "der", "den", "da", "di", "du", "la", "le", "bin", "al"}
)

_DETERMINERS = _wordset(
    """
    der die das den dem des ein eine einer eines einem le la les un une du el los las il
    lo gli het een the a an
    """,
    fold=True,
)

_NAME_AFTER_POSSESSIVE = frozenset({"republic", "party", "congress", "army", "liberation", "court"})

# Titles before a name in other languages (``Vorstandschef``, ``Finanzchefin``, ``PDG``).
_FOREIGN_TITLES = _wordset(
    """
    Herr Frau Dr Dr. Prof Prof. PDG DG directeur directrice président présidente Mme M.
    presidente direttore direttrice amministratore delegato delegata consejero consejera
    delegado delegada directora gerente diretor diretora Vorstand Vorstandschef
    Vorstandschefin Geschäftsführer Geschäftsführerin Chef Chefin Konzernchef Konzernchefin
    Finanzchef Finanzchefin Firmenchef Firmenchefin Aufsichtsratschef Aufsichtsratschefin
    Finanzvorstand Vorstandsvorsitzender Vorstandsvorsitzende Vorsitzender Vorsitzende
    Gründer Gründerin Direktor Direktorin Präsident Präsidentin Sprecher Sprecherin
    """,
    fold=True,
)

_FOREIGN_TITLE_END = re.compile(
    r"(?:chef|chefin|vorstand|vorsitzende[rn]?|führer|führerin|leiter|leiterin|direktor"
    r"|direktorin|präsident|präsidentin)$"
)

# Words between a name and a product noun that show the name is the subject of a verb.
_NOT_MODIFIERS = _wordset(
    """
    said says say told tells sells sold makes made builds built has had have is was are were
    will would can could may might also now still plans expects launched launches bought
    """,
    fold=True,
)

_SEASONS = _wordset("spring summer autumn fall winter holiday christmas easter", fold=True)

# Common words of paired headings (``Mergers & Acquisitions``, ``Oil & Gas``).
_COMMON_NOUN_END = re.compile(
    r"(?:tions?|sions?|ments?|ings?|ities|ity|ances?|ences?|ness|ures?|ics|isms?|ies|ers)$"
)

_COMMON_PAIR_WORDS = _CATEGORY_NOUNS | _wordset(
    """
    oil gas food foods beverage beverages health safety marketing terms conditions arts
    crafts home garden travel leisure property casualty profit loss energy bed breakfast
    consumer fashion beauty media finance banking risk compliance legal tax
    """,
    fold=True,
)

_REGION_WORDS = _wordset(
    """
    greater north south east west northern southern eastern western central upper lower
    inner outer
    """,
    fold=True,
)

_PLACE_SUFFIXES = _wordset("city state province county region district", fold=True)

# Descriptive words of a company name that the article may leave off (``Brightwater
# Medical`` ... ``Brightwater``); business lines of their own (``Cloud``, ``Music``,
# ``Bank``) are not among them.
_DESCRIPTIVE_WORDS = _wordset(
    """
    medical motors motor auto automotive automobile electric electronics technology
    technologies tech pharmaceutical pharmaceuticals pharma industries industrial energy
    systems international global enterprises brands foods chemicals steel semiconductor
    semiconductors airlines airways telecom communications networks network biotech
    biosciences therapeutics health healthcare instruments materials logistics cables
    resources power appliances devices robotics mobility infotech manufacturing
    """,
    fold=True,
)

# Kinds whose names may be merged by close spelling, and the shortest key compared.
_FUZZY_KINDS = frozenset({"org"})

_FUZZY_MIN_LEN = 6
# Names each name is compared with for close spellings: the most frequent ones.
_FUZZY_ANCHORS = 500
