"""People, organisations, places and products, each with one canonical name.

The stage reads the spaCy ``Doc`` of the whole text (``ParsedDoc.spacy_doc``) and corrects
the small English model's systematic errors with rules:

- names from the alias table are found in the raw text (any script, any paragraph) and win
  over what the model says about the same span (``source_stage="ruler"``);
- a name labelled PERSON is an organisation when it carries a corporate word (``Group``,
  ``Inc.``, ``Network``), stands where only a company does (``X's shares``, ``X released
  its``), is known as an organisation to the alias table or elsewhere in the document, or
  is a single word that is not part of a person named in the document; a NORP or place
  label on a name the document uses for an organisation is corrected the same way;
- spans are trimmed: no leading ``the``, no possessive, no text past a line break or a
  sentence end, a list (``A and B``) is split, ``X's thing`` keeps only ``X``;
- nationality adjectives, events, laws, works of art, departments, concepts (``AI``,
  ``IoT``, a defined abbreviation such as ``Average Selling Price (ASP)``, a capitalized
  phrase whose words the document also uses in lower case) and guesses found only in a
  headline are dropped;
- one name keeps one reading in a document: other occurrences of a name (and the surname
  of a person) get the same kind, and unknown names listed with organisations
  (``NIO, Li Auto, XPeng and SERES``) are organisations;
- products are found by rules: model codes (``SU7``, ``O1``), a brand followed by a model
  number (``Xiaomi 15 Ultra``, ``iPhone 16 Pro Max``), ``<Name> OS``, and quoted names that
  are launched or that precede a product noun; a company name inside a product name is not
  a mention of its own, and a product takes its maker's prefix when the alias table or the
  document names it (``SU7`` -> ``Xiaomi SU7``);
- in a paragraph that is not English only alias names and names the English text also
  has are kept; a sentence in another language inside an English paragraph (told by its
  function words) is treated the same way, except that a full personal name and a company
  with its legal form (``GmbH``, ``AG``, ``S.p.A.``) are kept there too;
- no entity is a currency amount or a number (``EUR 5.4bn``);
- a name right after a location phrase (``its plant in X``) or before ``, <place>`` is a
  place; a wire dateline (``NEW YORK, Feb. 6 (Newswire) --``) gives a place with a
  normal-case canonical and the wire service as an organisation;
- a name after ``the acquisition of`` or before ``, a <nationality> maker of`` is a company;
- products also come from a maker and a name before a product noun (``the Brightwater Helix
  surgical system``), a name the model took for a person before a product noun
  (``the Hoshi Pay payments app``), and every later use of a product name, with or without
  its maker, which takes the maker's prefix; a sibling model of the same line takes it too
  (``Aurora 7`` ... ``Aurora 9``);
- an organisation whose leading word(s) the document also uses alone for it takes that
  short name when the rest are descriptive words (``Brightwater Medical`` -> ``Brightwater``);
  an alias name followed by descriptive words (``Samsung Electronics``) keeps the name the
  text gives unless the short form is used too;
- a single name that is the first or last word of a person named in full in the document
  is that person (``Lindqvist``, ``Lin`` of ``Lin Chih-yuan``) when the model reads it as a
  person at least as often as an organisation, or it stands by ``said``;
- a product line named before a noun and ``line``/``collection``/``range``/``series``
  (``the Halo smartphone line``) is a product, and so is a model without its suffixes
  (``Halo 16`` after ``Halo 16 Pro Max``), ``<Name> Series <n>``, an InterCaps name with a
  number (``HaloBuds 4``) and a maker's name plus a word before a product noun that only
  the model took for an organisation (``the Halcyon Intelligence assistant``);
- two capitalized words joined by ``&`` (``Dunmore & Pike``) are a firm unless they are
  common words; a capitalized category noun opening a sentence (``Tablet sales``) is none;
- a place in a currency's name (``the Taiwan dollar``) is none; a model's place that adds
  region words to an alias place (``Greater China``, ``Kansas City``) keeps its name; a
  model span that runs over a dateline keeps its part after the dash, and a period code
  glued to a name (``Vantara Infotech Q2``) is cut off.
- a name the document writes anywhere with a legal form (``Kessler Antriebstechnik AG``,
  ``GmbH``, ``Inc.``, ``Ltd``, ``SA``, ``plc``) is an organisation in every mention, also
  where the model reads it or its leading word(s) alone (``Kessler``) as a person; it takes
  the short name when the document uses it alone; a named division or segment (``its
  Mobile Drives division``) is no organisation;
- titles before a name, in English or another language (``Vorstandschef``,
  ``Finanzchefin``, ``PDG``), are no part of the person's span; an adjective opening a
  sentence before a category noun (``Digital orders rose``) is no name.

Canonical names come from the alias table, else from the cleaned surface form without
corporate suffixes; spelling variants are merged by fuzzy matching within a document
(``EntityStage``) and across the documents of a run (``unify_across_documents``).

``build_entity_rows`` makes the ``entities`` table rows. A person's ``role`` is written as
the article words it, with a leading ``the`` dropped and a list of titles joined as
``a, b and c`` (no serial comma): ``founder, chairman and CEO``, ``President``.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process

from extract.aliases import AliasEntry, AliasTable
from extract.document import ParsedDoc
from extract.language import foreign_sentence
from extract.normalize.entities import (
    CORPORATE_SUFFIXES,
    canonical_key,
    clean_name,
    strip_corporate_suffix,
)
from extract.records import ENTITY_KINDS, EntityRow, Mention

__all__ = [
    "NOT_ENTITIES",
    "EntityStage",
    "build_entity_rows",
    "configure_nlp",
    "normalize_role",
    "unify_across_documents",
]

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
_MODEL_CODE = re.compile(r"^[A-Za-z]{1,4}\d{1,4}[A-Za-z]{0,3}$")
_NOT_MODEL_CODE = re.compile(
    r"^(?:Q[1-4]|H[12]|FY\d+|[BCOP]2[BCOPM]|G\d{1,2}|CO2|PM\d+(?:\.\d+)?|COVID\d*|[A-Z]\d{1,2}[a-z])$"
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


def _followed_by_category_noun(text: str, end: int) -> bool:
    match = re.match(r"\s+([a-z]+)", text[end : end + 30])
    return match is not None and match.group(1) in _CATEGORY_NOUNS


_LAUNCH_VERBS = re.compile(
    r"\b(?:launch(?:ed|es|ing)?|releas(?:e|ed|es|ing)|introduc(?:e|ed|es|ing)|unveil(?:ed|s|ing)?"
    r"|debut(?:ed|s)?|roll(?:ed|s)? out|present(?:ed|s)?|named)"
    r"(?:\s+(?:the|a|an|its|their|his|her|new|first))*\s*$",
    re.IGNORECASE,
)
_TOKEN = re.compile(r"[^\W_]+(?:[-.&][^\W_]+)*|[^\w\s]|_")
_QUOTED = re.compile(r"[\"\u201c]([^\"\u201c\u201d\n]{2,120})[\"\u201d]")
_ABBREV_INNER = re.compile(r"\(([A-Z][A-Za-z&]{1,9})\)")
_PAREN = re.compile(r"\(([^()\n]{3,80})\)")
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
_ROLE_TEXT = re.compile(r"^[A-Za-z][A-Za-z&.\- ]*(?:,\s*(?:and\s+)?[A-Za-z][A-Za-z&.\- ]*)*$")


# --------------------------------------------------------------------------------------
# spaCy set-up


def configure_nlp(nlp: Any, aliases: AliasTable) -> None:
    """Add an entity ruler fed by the alias table before the model's ``ner``.

    The model's recognizer keeps the ruler's spans and predicts around them, so a known
    company is not read as a person and its neighbours are not swallowed into it. Places
    are left to the model, which reads them well, so that it can still see ``China`` as a
    part of ``China Mobile`` or ``Bank of China``. Calling it again replaces the patterns.
    """
    if RULER_NAME in nlp.pipe_names:
        nlp.remove_pipe(RULER_NAME)
    where = {"before": "ner"} if "ner" in nlp.pipe_names else {}
    ruler = nlp.add_pipe(
        "entity_ruler", name=RULER_NAME, config={"overwrite_ents": True, "validate": False}, **where
    )
    patterns = [
        {"label": _SPACY_LABEL[entry.kind], "pattern": name, "id": entry.canonical}
        for entry in aliases
        for name in dict.fromkeys((entry.surface, entry.canonical))
        if _latin(name) and entry.kind != "place"
    ]
    ruler.add_patterns(patterns)


def _latin(name: str) -> bool:
    return all(ord(c) < 0x2E80 for c in name)


# --------------------------------------------------------------------------------------
# Candidates


@dataclass(frozen=True, slots=True)
class _Cand:
    kind: str
    start: int
    end: int
    source: str
    label: str = ""
    canonical: str = ""

    @property
    def priority(self) -> tuple[int, int]:
        return (_PRIORITY[self.source], self.end - self.start)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets without a leading article, quotes, a possessive or text past a line break."""
    newline = text.find("\n", start, end)
    if newline != -1:
        end = newline
    previous = None
    while previous != (start, end) and start < end:
        previous = (start, end)
        while start < end and (
            text[start].isspace() or text[start] in "\"'\u201c\u201d\u2018\u2019([«《.,;:"
        ):
            start += 1
        if text[start:end].lower().startswith("the ") and end - start > 4:
            start += 4
        while start < end and (
            text[end - 1].isspace() or text[end - 1] in "\"'\u201c\u201d\u2018\u2019)]»》,;:!?"
        ):
            end -= 1
        if text[start:end].endswith(("'s", "\u2019s")):
            end -= 2
        if (
            end > start
            and text[end - 1] == "."
            and not re.search(r"(?:\b(?:Inc|Co|Ltd|Corp|Jr|Sr|St)|\b[A-Z])\.$", text[start:end])
        ):
            end -= 1
    return start, end


_AMOUNT_TOKEN = re.compile(
    r"(?:[A-Z]{3}|[A-Z]{1,2}\$|[$\u20ac\u00a3\u00a5\u20a9])?[\d.,]*\d[\d.,]*"
    r"(?:bn|mn|m|k|b|tn|%)?|[A-Z]{3}|[A-Z]{1,2}\$|[$\u20ac\u00a3\u00a5\u20a9]"
    r"|billion|million|trillion|thousand|bn|mn|per|cent|percent|a|an|to|and|or|-|\u2013",
    re.IGNORECASE,
)


def _amount_like(surface: str) -> bool:
    """A currency amount or a number (``EUR 5.4bn``, ``$3 billion``, ``2024``) is no name."""
    tokens = surface.split()
    return (
        any(ch.isdigit() for ch in surface)
        and bool(tokens)
        and all(_AMOUNT_TOKEN.fullmatch(t) for t in tokens)
    )


_TRAILING_CODE = re.compile(r"\s+(?:Q[1-4]|H[12]|FY\s?\d{2,4}|FY|[1-4]Q|[12]H)$")


def _without_trailing_codes(text: str, start: int, end: int) -> int:
    """A period code glued to a name is no part of it (``Vantara Infotech Q2 profit``)."""
    while (match := _TRAILING_CODE.search(text, start, end)) is not None:
        end = match.start()
    return end


def _words(surface: str) -> list[str]:
    return re.findall(r"[^\W_]+(?:[-'][^\W_]+)*", surface)


def _is_concept_word(surface: str) -> bool:
    parts = [p for p in re.split(r"[\s&/]+", surface) if p]
    return bool(parts) and all(p.casefold() in NOT_ENTITIES for p in parts)


def _title_like(line: str) -> bool:
    """A heading: short, no final sentence punctuation, most words capitalized."""
    stripped = line.strip()
    if not stripped or stripped[-1] in '.:;,"\u201d':
        return False
    words = [w for w in _words(stripped) if w.isalpha()]
    if not words or len(words) > 12:
        return False
    content = [w for w in words if w.casefold() not in _FUNCTION_WORDS or w[0].isupper()]
    capitalized = sum(1 for w in content if w[0].isupper())
    return capitalized >= 0.6 * len(content) and len(words) >= 2


class EntityStage:
    """Find people, organisations, places and products; give each its canonical name."""

    name = "entities"

    def __init__(self, *, aliases: AliasTable, fuzzy_threshold: int = 90) -> None:
        self.aliases = aliases
        self.fuzzy_threshold = fuzzy_threshold
        by_first: dict[str, list[tuple[str, re.Pattern[str]]]] = defaultdict(list)
        cjk: list[str] = []
        for surface in sorted(aliases.surfaces(), key=len, reverse=True):
            first = _WORD.search(surface)
            if not _latin(surface) or first is None or first.start() > 0:
                cjk.append(surface)
            else:
                pattern = re.compile(_alias_regex(surface), re.IGNORECASE)
                by_first[first.group(0).casefold()].append((surface, pattern))
        self._by_first_word = dict(by_first)
        self._cjk_surfaces = tuple(cjk)
        self._alias_keys = {kind: aliases.keys(kind) for kind in ENTITY_KINDS}
        self._alias_org_keys = frozenset(self._alias_keys["org"])

    # -- finding ---------------------------------------------------------------------

    def __call__(self, doc: ParsedDoc) -> list[Mention]:
        text = doc.text
        ctx = _DocContext.build(doc)
        aliases = [
            a
            for a in self._alias_candidates(text)
            if ctx.english(doc, a.start)
            or a.end - a.start >= 4
            or not _latin(text[a.start : a.end])
        ]
        dateline = self._dateline_candidates(doc)
        ner = [
            cut
            for c in self._ner_candidates(doc)
            if (cut := _after_dateline(text, c, dateline)) is not None
        ]
        ner = self._classify(doc, ctx, ner, aliases) + dateline
        products = self._product_candidates(doc, ctx, aliases, ner)
        aliases = [
            a
            for a in aliases
            if not any(
                n.kind == "place"
                and a.kind == "place"
                and n.start <= a.start
                and a.end <= n.end
                and (n.start, n.end) != (a.start, a.end)
                for n in ner
            )
        ]
        found = aliases + ner + products
        found += _coordinated(doc, ctx, found)
        found += _ampersand_orgs(doc, ctx, found)
        found += _maker_orgs(doc, ctx, found)
        found += _propagate(doc, ctx, found)
        found = _legal_name_orgs(doc, found)
        found = [c for c in found if not (c.kind == "place" and _currency_after(text, c.end))]
        return self._canonicalize(doc, _resolve(found, doc.text))

    def _alias_candidates(self, text: str) -> list[_Cand]:
        """Alias surface forms in the raw text, longest first, never overlapping."""
        hits: list[tuple[int, int, str]] = []
        for surface in self._cjk_surfaces:
            at = text.find(surface)
            while at != -1:
                hits.append((at, at + len(surface), surface))
                at = text.find(surface, at + len(surface))
        position = 0
        for word in _WORD.finditer(text):
            if word.start() < position:
                continue
            for surface, pattern in self._by_first_word.get(word.group(0).casefold(), ()):
                match = pattern.match(text, word.start())
                if match is not None and _alias_case_ok(surface, match.group(0)):
                    hits.append((match.start(), match.end(), surface))
                    position = match.end()
                    break
        found: list[_Cand] = []
        taken: list[tuple[int, int]] = []
        for start, end, surface in sorted(hits, key=lambda h: (h[0] - h[1], h[0])):
            if any(_overlaps((start, end), t) for t in taken):
                continue
            taken.append((start, end))
            entry = self.aliases.lookup(surface)
            if entry is None:
                continue
            canonical = entry.canonical
            if entry.kind == "org":
                tail_end = _following_org_word(text, end) or end
                if not all(_legal_form(w) for w in _name_tokens(text[end:tail_end])):
                    canonical = ""  # "Samsung Electronics": the name the text gives
                end = tail_end
            found.append(_Cand(entry.kind, start, end, "ruler", "", canonical))
        found.sort(key=lambda c: c.start)
        return found

    def _ner_candidates(self, doc: ParsedDoc) -> list[_Cand]:
        sdoc = doc.spacy_doc
        if sdoc is None:
            return []
        text = doc.text
        found: list[_Cand] = []
        for ent in sdoc.ents:
            label = ent.label_
            if label not in _KIND_OF_LABEL or ent.ent_id_:
                continue  # ruler spans are found again, with offsets, by the alias scan
            pieces = _sentence_pieces(doc, ent.start_char, ent.end_char)
            for n, (piece_start, piece_end) in enumerate(pieces):
                if n > 0 and re.fullmatch(r"\s*[A-Z][a-z]+\W*", text[piece_start:piece_end]):
                    continue  # a sentence-initial word the model glued to a name
                for start, end in _split_span(text, piece_start, piece_end, label):
                    if label != "PRODUCT":
                        end = _without_trailing_codes(text, start, end)
                    if end > start and not _amount_like(text[start:end]):
                        found.append(_Cand(_KIND_OF_LABEL[label], start, end, "ner", label))
        return found

    def _dateline_candidates(self, doc: ParsedDoc) -> list[_Cand]:
        """A wire dateline: ``NEW YORK, Feb. 6, 2025 (Newswire) --`` opens a paragraph with
        a place in capitals (canonical in normal case) and, in brackets, the wire service."""
        text = doc.text
        found: list[_Cand] = []
        for match in _DATELINE.finditer(text):
            place = match.group("place")
            words = place.casefold().split()
            if (
                len(place.replace(" ", "")) < 3
                or all(
                    w in NOT_ENTITIES | _FUNCTION_WORDS | _ROLE_WORDS | _NEWS_LABELS for w in words
                )
                or not re.match(r"[^\n]{40}", text[match.end() :])
            ):
                continue  # a heading in capitals, not the dateline of a story
            name = _title_case(place)
            canonical = self._alias_name("place", name) or name
            if not (match.group("date") or match.group("wire")) and not (
                canonical != name
                or re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text)
                or any(
                    e.start_char <= match.start("place") < e.end_char
                    for e in (doc.spacy_doc.ents if doc.spacy_doc is not None else ())
                    if e.label_ in ("GPE", "LOC", "ORG")
                )
            ):
                continue  # a bare "WORD --" needs the place confirmed somewhere
            found.append(
                _Cand("place", match.start("place"), match.end("place"), "rule", "", canonical)
            )
            if match.group("wire"):
                found.append(_Cand("org", match.start("wire"), match.end("wire"), "rule"))
        return found

    # -- rules -----------------------------------------------------------------------

    def _classify(
        self, doc: ParsedDoc, ctx: _DocContext, cands: list[_Cand], aliases: list[_Cand]
    ) -> list[_Cand]:
        text = doc.text
        out: list[_Cand] = []
        # Labels the model gives each name across the document (majority vote).
        votes: dict[str, Counter[str]] = defaultdict(Counter)
        for c in cands:
            votes[canonical_key(text[c.start : c.end])][c.kind] += 1
        org_keys = set(self._alias_org_keys) | {
            canonical_key(text[a.start : a.end]) for a in aliases if a.kind == "org"
        }
        org_keys |= {canonical_key(text[c.start : c.end]) for c in cands if c.label == "ORG"}
        place_spans = [(c.start, c.end) for c in cands + aliases if c.kind == "place"]
        person_words = set()
        name_ends = set()  # surnames, first or last (``Lin`` of ``Lin Chih-yuan``)
        for c in cands:
            surface = text[c.start : c.end]
            words = _words(surface)
            if (
                c.kind == "person"
                and len(words) >= 2
                and canonical_key(surface) not in org_keys
                and all(re.sub(r"[-']", "", w).isalpha() and w[0].isupper() for w in words)
                and words[-1].casefold() not in _ORG_WORDS
            ):
                person_words.update(words)
                name_ends.update((words[0], words[-1]))

        for c in cands:
            surface = text[c.start : c.end]
            if not surface or surface == surface.lower() or _is_concept_word(surface):
                continue
            if (c.start, c.end) in ctx.concept_spans or canonical_key(surface) in ctx.concept_keys:
                continue
            entry = self._alias_entry(c.kind, surface)
            if entry is not None:
                out.append(replace(c, kind=entry.kind, canonical=entry.canonical))
                continue
            kind = c.kind
            end = c.end
            if kind == "org" and re.search(r"\s(?:of|for|and)$", surface):
                tail = re.match(
                    r"\s+(?:the\s+)?[A-Z][\w&-]*(?:\s+[A-Z][\w&-]*){0,2}", text[end : end + 60]
                )
                if tail is None:
                    continue
                end += tail.end()
                surface = text[c.start : end]
            words = _words(surface)
            follow = _following_org_word(text, end)
            key = canonical_key(surface)
            if (
                kind in ("person", "org")
                and len(words) == 1
                and words[0].casefold() in _CATEGORY_NOUNS
                and _sentence_start(doc, c.start)
            ):
                continue  # "Tablet sales were flat": a common noun opening a sentence
            if (
                kind in ("person", "org")
                and len(words) == 1
                and _ADJECTIVE_END.search(words[0])
                and _sentence_start(doc, c.start)
                and _followed_by_category_noun(text, end)
                and not re.search(rf"[a-z,]\s+{re.escape(words[0])}\b", text)
            ):
                continue  # "Digital orders rose": an adjective opening a sentence
            if (
                kind in ("person", "org")
                and follow is None
                and _NAMED_SERVICE.search(text[max(0, c.start - 40) : c.start])
            ):
                kind = "product"  # "its loyalty program, Voar Mais,": a named service
            elif (
                kind in ("person", "org")
                and follow is None
                and len(words) == 1
                and words[0] in name_ends
                and key not in self._alias_org_keys
                and not _company_context(text, c.start, end)
                and (
                    votes[key]["person"] >= votes[key]["org"]
                    or _SPEECH.search(text[max(0, c.start - 12) : c.start])
                    or _SPEECH.match(text, end)
                )
            ):
                kind = "person"  # "Lindqvist said": the person named in full before
            elif (
                kind in ("person", "org")
                and follow is None
                and len(words) <= (2 if kind == "org" else 1)
                and not any(w.casefold() in _ORG_WORDS for w in words)
                and key not in self._alias_org_keys
                and votes[key]["org"] + votes[key]["person"] <= 1
                and _place_context(text, c.start, end, place_spans)
            ):
                kind = "place"
            elif kind in ("person", "org") and follow is not None:
                kind, end = "org", follow
            elif kind == "person":
                if any(any(ch.isdigit() for ch in w) for w in words):
                    continue  # a model name; the product rules read it
                key = canonical_key(surface)
                if (
                    (words and words[-1].casefold() in _ORG_WORDS)
                    or (key in org_keys and votes[key]["person"] <= votes[key]["org"] + 1)
                    or (len(words) == 1 and words[0] not in person_words)
                    or _company_context(text, c.start, end)
                ):
                    kind = "org"
                elif not all(w[0].isupper() for w in words if w.casefold() not in _PARTICLES):
                    continue
            elif kind == "org":
                key = canonical_key(surface)
                if _DEPARTMENT.search(surface) or _DIVISION_AFTER.match(text, end):
                    continue  # a unit of a company is no organisation of its own
                if (
                    len(words) >= 2
                    and votes[key]["person"] > votes[key]["org"]
                    and words[-1].casefold() not in _ORG_WORDS
                ):
                    kind = "person"
            if kind == "norp":
                out.append(c)  # decided below, once the document's organisations are known
                continue
            if kind in ("org", "product") and _common_phrase(words, text):
                continue
            if kind == "place" and any(ch.isdigit() for ch in surface):
                continue
            if any(
                _overlaps((c.start, end), (a.start, a.end))
                and not (
                    kind in ("org", "place")
                    and a.kind == "place"
                    and c.start <= a.start
                    and a.end <= end
                    and (a.start, a.end) != (c.start, end)
                    and (kind == "org" or _region_of(text[c.start : a.start], text[a.end : end]))
                )
                for a in aliases
            ):
                continue  # the alias reading of these characters wins
            out.append(replace(c, kind=kind, end=end))

        # A nationality or place label on a name the document uses for an organisation.
        final_orgs = org_keys | {
            canonical_key(text[c.start : c.end]) for c in out if c.kind == "org"
        }

        def org_reading(c: _Cand) -> bool:
            key = canonical_key(text[c.start : c.end])
            if c.kind == "norp":
                return key in final_orgs
            return (
                c.kind == "place"
                and c.label in ("GPE", "LOC")
                and (key in self._alias_org_keys or votes[key]["org"] > votes[key]["place"])
            )

        out = [
            replace(c, kind="org") if org_reading(c) else c
            for c in out
            if c.kind != "norp" or org_reading(c)
        ]
        # Headline guesses and non-English spans must be confirmed by English body text,
        # unless they are unmistakably names (a full personal name, a legal form).
        final: list[_Cand] = []
        for c in out:
            foreign = not ctx.english(doc, c.start)
            if foreign and c.kind == "org":
                c = _foreign_org_trim(text, c)
            needs_confirmation = foreign or (
                ctx.in_title(c.start)
                and not (c.kind == "person" and len(_words(text[c.start : c.end])) >= 2)
            )
            if (
                c.canonical
                or not needs_confirmation
                or (foreign and not ctx.in_title(c.start) and _unmistakable_name(text, c))
                or self._confirmed_elsewhere(doc, ctx, c, out)
            ):
                final.append(c)
        return final

    @staticmethod
    def _confirmed_elsewhere(
        doc: ParsedDoc, ctx: _DocContext, c: _Cand, cands: list[_Cand]
    ) -> bool:
        key = canonical_key(doc.text[c.start : c.end])
        return any(
            o is not c
            and o.kind == c.kind
            and canonical_key(doc.text[o.start : o.end]) == key
            and ctx.english(doc, o.start)
            and not ctx.in_title(o.start)
            for o in cands
        )

    def _alias_entry(self, kind: str, surface: str) -> AliasEntry | None:
        """The alias entry a model span names: its own kind first, then any kind; short
        names (``MI``) only when written exactly as in the table."""
        exact = self.aliases.lookup(clean_name(surface))
        if exact is not None:
            return exact
        if len(canonical_key(surface)) < 4:
            return None
        for candidate_kind in (kind, "org", "product", "place", "person"):
            entry = self.aliases.lookup_key(candidate_kind, surface)
            if entry is not None:
                return entry
        return None

    def _product_candidates(
        self, doc: ParsedDoc, ctx: _DocContext, aliases: list[_Cand], ner: list[_Cand]
    ) -> list[_Cand]:
        text = doc.text
        brands = set(self._alias_org_keys) | {
            canonical_key(text[c.start : c.end]) for c in aliases + ner if c.kind == "org"
        }
        brands |= {canonical_key(s) for s in self.aliases.canonicals("product")}
        # The leading word(s) of a maker's name before descriptive words (``Orbis`` of
        # ``Orbis Motors``) name the maker too.
        for key in list(brands):
            words = key.split()
            for n in range(1, len(words)):
                if all(w in _DESCRIPTIVE_WORDS for w in words[n:]):
                    brands.add(" ".join(words[:n]))
                    break
        # Names of people and places, and spans the model read as a person's or a product's
        # name (the payments app ``Hoshi Pay`` read as a person).
        others = {
            canonical_key(text[c.start : c.end])
            for c in aliases + ner
            if c.kind in ("person", "place") and c.label != "PERSON"
        } | {canonical_key(s) for s in self.aliases.canonicals("place")}
        named = [(c.start, c.end) for c in ner if c.label in ("PERSON", "PRODUCT")]
        sdoc = doc.spacy_doc
        pos = {t.idx: t.pos_ for t in sdoc} if sdoc is not None else {}
        if sdoc is not None:
            named += [
                (e.start_char, e.end_char) for e in sdoc.ents if e.label_ in ("PERSON", "PRODUCT")
            ]
        org_at: dict[str, list[tuple[int, int]]] = defaultdict(list)
        firm_orgs: set[str] = set(self._alias_org_keys)
        for c in aliases + ner:
            if c.kind == "org":
                key = canonical_key(text[c.start : c.end])
                org_at[key].append((c.start, c.end))
                words = _words(text[c.start : c.end])
                if (
                    c.source != "ner"
                    or any(w.casefold() in _ORG_WORDS for w in words)
                    or _company_context(text, c.start, c.end)
                ):
                    firm_orgs.add(key)
        line_excluded = self._line_excluded(text, aliases + ner, firm_orgs, sdoc)
        found: list[_Cand] = []
        for paragraph in doc.paragraphs or ():
            if not doc.is_english(paragraph.start):
                continue
            found.extend(_model_products(text, paragraph.start, paragraph.end, brands))
            found.extend(_quoted_products(text, paragraph.start, paragraph.end))
            found.extend(
                _branded_products(
                    text,
                    paragraph.start,
                    paragraph.end,
                    brands,
                    others,
                    named,
                    org_at,
                    pos,
                    frozenset(firm_orgs),
                )
            )
            found.extend(_line_products(text, paragraph.start, paragraph.end, line_excluded))
        if not doc.paragraphs:
            found.extend(_model_products(text, 0, len(text), brands))
            found.extend(_quoted_products(text, 0, len(text)))
        return [
            c
            for c in found
            if not _is_concept_word(text[c.start : c.end])
            and (c.start, c.end) not in ctx.concept_spans
        ]

    def _line_excluded(
        self, text: str, cands: list[_Cand], firm_orgs: set[str], sdoc: Any
    ) -> set[str]:
        """Keys of names that are no product line: organisations known as such or named
        twice, people, places named twice or in the alias table, and what the model reads
        as a nationality, event or law (``the European product range``)."""
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        for c in cands:
            counts[c.kind][canonical_key(text[c.start : c.end])] += 1
        return (
            firm_orgs
            | {key for key, n in counts["org"].items() if n >= 2}
            | set(counts["person"])
            | {key for key, n in counts["place"].items() if n >= 2}
            | {canonical_key(s) for s in self.aliases.canonicals("product")}
            | {canonical_key(s) for s in self.aliases.canonicals("place")}
            | {
                canonical_key(e.text)
                for e in (sdoc.ents if sdoc is not None else ())
                if e.label_ in ("NORP", "EVENT", "LAW", "LANGUAGE")
            }
        )

    # -- naming ----------------------------------------------------------------------

    def _canonicalize(self, doc: ParsedDoc, cands: list[_Cand]) -> list[Mention]:
        text = doc.text
        named: list[tuple[_Cand, str]] = []
        for c in cands:
            surface = text[c.start : c.end]
            named.append((c, c.canonical or self._alias_name(c.kind, surface) or ""))

        # People: a surname alone is the person named in full elsewhere in the document.
        full_people = [
            clean_name(text[c.start : c.end])
            for c, name in named
            if c.kind == "person" and len(_words(text[c.start : c.end])) >= 2
        ]
        products = [
            name or clean_name(text[c.start : c.end]) for c, name in named if c.kind == "product"
        ]
        org_names = {
            name or strip_corporate_suffix(clean_name(text[c.start : c.end]))
            for c, name in named
            if c.kind == "org"
        }
        org_names |= set(self.aliases.canonicals("org"))

        result: list[tuple[_Cand, str]] = []
        for c, name in named:
            surface = text[c.start : c.end]
            if not name:
                if c.kind == "person":
                    name = _full_person(surface, full_people)
                elif c.kind == "product":
                    name = self._product_name(surface, products, org_names)
                elif c.kind == "org":
                    name = strip_corporate_suffix(clean_name(surface))
                else:
                    name = clean_name(surface)
            result.append((c, name))
        legal = frozenset(canonical_key(n) for n in _legal_names(text))
        result = _short_org_names(result, legal)
        result = _merge_spellings(result, self.fuzzy_threshold)
        return [
            Mention(
                kind=c.kind,
                start=c.start,
                end=c.end,
                text=text[c.start : c.end],
                source_stage="rule" if c.source == "propagated" else c.source,
                canonical=name,
            )
            for c, name in result
        ]

    def _alias_name(self, kind: str, surface: str) -> str:
        entry = self.aliases.lookup_key(kind, surface)
        if entry is not None:
            return entry.canonical
        key = canonical_key(surface)
        if kind not in _FUZZY_KINDS or len(key) < _FUZZY_MIN_LEN:
            return ""
        match = process.extractOne(
            key, self._alias_keys[kind], scorer=fuzz.ratio, score_cutoff=self.fuzzy_threshold
        )
        if match is None or not _same_shape(key, match[0]):
            return ""
        entry = self.aliases.lookup_key(kind, match[0])
        return entry.canonical if entry is not None else ""

    def _product_name(self, surface: str, products: list[str], org_names: set[str]) -> str:
        name = clean_name(surface)
        # Longest alias product the name starts with: "SU7 Ultra" -> "Xiaomi SU7" + " Ultra".
        words = name.split()
        for n in range(len(words), 0, -1):
            head = " ".join(words[:n])
            entry = self.aliases.lookup_key("product", head)
            if entry is not None and entry.canonical.casefold().endswith(head.casefold()):
                return entry.canonical + name[len(head) :]
        # The document names the maker: "Xiaomi SU7" earlier, "SU7" later.
        for other in products:
            for org in org_names:
                if other.startswith(org + " ") and not name.startswith(org + " "):
                    rest = other[len(org) + 1 :]
                    if name == rest or name.startswith(rest + " "):
                        return f"{org} {name}"
        # A sibling model code of the same series: "Qingyun K5" named, then "K7" alone.
        series = _model_series(name)
        if series:
            makers = {
                org
                for other in products
                for org in org_names
                if other.startswith(org + " ")
                and not name.startswith(org + " ")
                and _model_series(other[len(org) + 1 :]) == series
            }
            if len(makers) == 1:
                return f"{makers.pop()} {name}"
        # A sibling model of the same line: "Qingyun Aurora 7", then "Aurora 9".
        if len(words) >= 2:
            for other in products:
                for org in org_names:
                    if other.startswith(org + " ") and not name.startswith(org + " "):
                        rest = other[len(org) + 1 :].split()
                        if len(rest) >= 2 and rest[0] == words[0]:
                            return f"{org} {name}"
        return name


_MODEL_CODE = re.compile(r"([A-Z]{1,3})-?\d{1,4}[A-Za-z]?")


def _model_series(name: str) -> str:
    """The letter series of a one-word model code (``L9`` -> ``L``, ``X-30`` -> ``X``);
    empty for other names."""
    m = _MODEL_CODE.fullmatch(name.split()[0]) if name.split() else None
    return m.group(1) if m else ""


_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'\-]+(?:[ ][A-Z][A-Z.'\-]+){0,3})(?P<date>,[ ][^\n]{0,60}?)?"
    r"(?:[ ]\((?P<wire>[A-Z][\w.&' -]{1,40})\))?[ ]+(?:--|\u2014|\u2013|-)[ ]",
    re.MULTILINE,
)


# Labels that head a wire story in capitals and are no place.
_NEWS_LABELS = _wordset(
    """
    update updated breaking exclusive analysis corrected correction refile wrapup interview
    factbox column opinion editorial note photo video watch live advisory
    """,
    fold=True,
)


_DATELINE_DASH = re.compile(r"[ ](?:--|\u2014|\u2013|-)[ ]+")


def _after_dateline(text: str, c: _Cand, dateline: Sequence[_Cand]) -> _Cand | None:
    """A model span that runs over a dateline keeps only its part after the dash
    (``BENGALURU - Vantara Infotech Ltd`` -> ``Vantara Infotech Ltd``)."""
    for d in dateline:
        line = _DATELINE.match(text, d.start) if d.kind == "place" else None
        region_end = line.end() if line is not None else d.end
        if not _overlaps((c.start, c.end), (d.start, region_end)):
            continue
        dash = _DATELINE_DASH.search(text, d.end, c.end)
        if dash is None or dash.end() >= c.end:
            return None
        start, end = _trim(text, dash.end(), c.end)
        if end - start < 2 or not text[start].isupper():
            return None
        return replace(c, start=start, end=end)
    return c


def _title_case(name: str) -> str:
    """``NEW YORK`` -> ``New York``; ``WINSTON-SALEM`` -> ``Winston-Salem``."""
    return re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), name)


_PARTICLES = frozenset(
    {"van", "von", "de", "der", "den", "da", "di", "du", "la", "le", "bin", "al"}
)


_WORD = re.compile(r"[^\W_]+")


def _alias_case_ok(surface: str, written: str) -> bool:
    """Short names (``Mi``, ``JD``, ``NIO``) must match exactly; longer ones in any case
    as long as the text writes them capitalized."""
    if written == surface:
        return True
    return len(surface) >= 5 and written[:1].isupper()


def _alias_regex(surface: str) -> str:
    body = re.escape(surface).replace(r"\ ", r"\s+")
    left = r"(?<![^\W_])" if surface[0].isalnum() and _latin(surface[0]) else ""
    right = r"(?![^\W_]|\$)" if surface[-1].isalnum() and _latin(surface[-1]) else ""
    return f"{left}{body}{right}"


_ORG_TAIL = re.compile(
    r"(?:,?[ \t]+(?:Co\.,?[ \t]*Ltd\.?|Inc\.?|Corp\.?|Ltd\.?|S\.p\.A\.|S\.A\.|N\.V\.|K\.K\."
    r"|(?:Group|Corporation|Holdings|Limited|Technology|Technologies|Motors?|Securities"
    r"|Automobile|Electronics|Electric(?:[ \t]+Appliances)?|GmbH|AG|SE|SA|SpA|NV|PLC|plc"
    r"|LLC|ASA|AB|ApS|Oyj|Oy)\b|A/S\b))+"
)


def _following_org_word(text: str, end: int) -> int | None:
    """End offset of corporate words right after ``end`` (``Xiaomi`` + `` Group``)."""
    match = _ORG_TAIL.match(text, end)
    return match.end() if match is not None else None


_DETERMINERS = _wordset(
    """
    der die das den dem des ein eine einer eines einem le la les un une du el los las il
    lo gli het een the a an
    """,
    fold=True,
)


def _legal_form(word: str) -> bool:
    return word.replace(".", "").casefold() in CORPORATE_SUFFIXES


def _name_tokens(surface: str) -> list[str]:
    return re.findall(r"[^\W_]+(?:[-.'][^\W_]+)*\.?", surface)


def _foreign_org_trim(text: str, c: _Cand) -> _Cand:
    """``der Partnerfirma Rheinwerk Handel GmbH``: in a language that capitalizes nouns, the
    noun after an article, before a longer name with a legal form, is no part of it."""
    words = list(re.finditer(r"\S+", text[c.start : c.end]))
    if len(words) < 4 or not _legal_form(words[-1].group(0)):
        return c
    before = re.search(r"(\S+)\s+$", text[max(0, c.start - 20) : c.start])
    if before is None or before.group(1).casefold() not in _DETERMINERS:
        return c
    return replace(c, start=c.start + words[1].start())


def _unmistakable_name(text: str, c: _Cand) -> bool:
    """A name that needs no English confirmation: a company with its legal form, or a
    personal name of two or three capitalized words that is not led by an article."""
    words = _name_tokens(text[c.start : c.end])
    if c.kind == "org":
        return len(words) >= 2 and _legal_form(words[-1])
    if c.kind != "person" or not 2 <= len(words) <= 3:
        return False
    before = re.search(r"(\S+)\s+$", text[max(0, c.start - 20) : c.start])
    return (
        all(w[0].isupper() and w[1:].islower() for w in words)
        and not any(w.casefold() in _DETERMINERS | _FUNCTION_WORDS for w in words)
        and (before is None or before.group(1).casefold() not in _DETERMINERS)
    )


# A speaker's attribution around a name: "Lindqvist said", "said Lindqvist".
_SPEECH = re.compile(
    r"\s+(?:said|says|told|added|noted|explained|wrote|declined)\b"
    r"|\b(?:said|says|according to)\s+$"
)


def _sentence_start(doc: ParsedDoc, offset: int) -> bool:
    """Only punctuation or space stands between the sentence (or line) start and ``offset``."""
    s_start, _s_end = doc.sentence_at(offset)
    line_start = doc.text.rfind("\n", 0, offset) + 1
    before = doc.text[max(s_start, line_start) : offset]
    return not re.search(r"[^\W_]", before)


def _sentence_pieces(doc: ParsedDoc, start: int, end: int) -> list[tuple[int, int]]:
    """A model span cut where a sentence ends inside it (``Model Y. Elon Musk``)."""
    pieces: list[tuple[int, int]] = []
    while True:
        _s_start, s_end = doc.sentence_at(start)
        if not doc.sentences or s_end >= end or s_end <= start:
            pieces.append((start, end))
            return pieces
        pieces.append((start, s_end))
        start = s_end
        while start < end and doc.text[start].isspace():
            start += 1
        if start >= end:
            return pieces


_DEPARTMENT = re.compile(r"\b(?:Department|Dept\.?|Division|Business (?:Unit|Group)|Team|Office)\b")
# "its Mobile Drives division": a named unit of a company.
_DIVISION_AFTER = re.compile(
    r"[ \t]+(?:division|divisions|segment|segments|business unit|department|business line)\b"
)
_COMPANY_AFTER = re.compile(
    r"['\u2019]s\s+(?:shares?|stock|share price|revenue|profit|net profit|market share|sales"
    r"|earnings|valuation|subsidiary|subsidiaries|factory|factories|stores|products|brand)\b"
    r"|\s+(?:released|reported|posted|announced|published|unveiled) (?:its|their)\b"
    r"|,? (?:Inc|Ltd|Co|Corp|GmbH|AG|SA|SE|NV|PLC|plc|LLC|S\.p\.A|S\.A|N\.V|K\.K)\b"
    r"|,\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,4}?(?:maker|manufacturer|producer|supplier"
    r"|provider|developer|operator|company|firm|retailer|distributor|lender|insurer"
    r"|conglomerate|carrier|startup|start-up|subsidiary)\b"
)
_COMPANY_BEFORE = re.compile(
    r"\b(?:shares (?:of|in)|stake in|subsidiary of|rivals?|brands? like|acquisition of"
    r"|acquired|takeover of|merger with)\s+$",
    re.IGNORECASE,
)


# A named programme or service in apposition: "the rewards scheme, Club Prima," or
# "a streaming app called Zuno". Its name is a product, not a person.
_NAMED_SERVICE = re.compile(
    r"\b(?:program|programme|scheme|app|service|subscription|membership)"
    r"(?:,\s*|\s+(?:called|named|dubbed|branded)\s+)$",
    re.IGNORECASE,
)


_PLACE_BEFORE = re.compile(
    r"\b(?:(?:plant|plants|factory|factories|site|sites|facility|facilities|office|offices"
    r"|headquarters|centre|center|hub|campus|warehouse|port|mill|mine|refinery|branch|base"
    r"|based|located|headquartered|store|stores)\s+(?:in|near|at|outside)"
    r"|(?:city|town|province|region|state|port)\s+of)\s+$",
    re.IGNORECASE,
)


def _place_context(text: str, start: int, end: int, places: Sequence[tuple[int, int]]) -> bool:
    """Words around a name that only a place takes: ``its plant in X``, ``X, <place>``."""
    if _PLACE_BEFORE.search(text[max(0, start - 40) : start]):
        return True
    after = re.match(r",[ \t]+", text[end : end + 3])
    if after is None:
        return False
    at = end + after.end()
    return any(
        s == at and re.match(r"(?:[,.;:)]|\s+\(|\s*$)", text[e : e + 3]) is not None
        for s, e in places
    )


def _company_context(text: str, start: int, end: int) -> bool:
    """Words around a name that only a company takes: ``X's shares``, ``X released its``."""
    return bool(
        _COMPANY_AFTER.match(text, end) or _COMPANY_BEFORE.search(text[max(0, start - 30) : start])
    )


_NAME_AFTER_POSSESSIVE = frozenset({"republic", "party", "congress", "army", "liberation", "court"})


def _possessive_in_name(rest: str) -> bool:
    """``People's Bank of China``: the possessive belongs to the name."""
    words = rest.split()
    if not words or not words[0][:1].isupper():
        return False
    head = words[0].casefold()
    return head in _ORG_WORDS or head in _NAME_AFTER_POSSESSIVE or "of" in words


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


def _title_word(word: str) -> bool:
    folded = word.casefold()
    return (
        folded in _ROLE_WORDS
        or folded in _FOREIGN_TITLES
        or bool(_FOREIGN_TITLE_END.search(folded))
    )


def _without_leading_titles(text: str, start: int, end: int) -> int:
    """Start of a personal name past the titles before it (``Vorstandschef Matthias
    Brenner``, ``CEO Jane Roe``), as long as two words of the name remain."""
    while True:
        words = list(re.finditer(r"\S+", text[start:end]))
        if len(words) < 3 or not _title_word(words[0].group(0)):
            return start
        start += words[1].start()


def _split_span(text: str, start: int, end: int, label: str) -> list[tuple[int, int]]:
    """Trimmed pieces of a model span: cut at a line break, lists split, ``X's thing`` -> X."""
    start, end = _trim(text, start, end)
    if end <= start:
        return []
    surface = text[start:end]
    inner = re.search(r"['\u2019]s\b", surface)
    if inner is not None and _possessive_in_name(surface[inner.end() :]):
        inner = None
    if inner is not None and label in ("ORG", "PERSON", "PRODUCT", "GPE"):
        end = start + inner.start()
        start, end = _trim(text, start, end)
        surface = text[start:end]
    if label == "PERSON":
        start = _without_leading_titles(text, start, end)
        surface = text[start:end]
    if label in ("ORG", "PERSON", "GPE") and re.search(r",|\band\b", surface):
        pieces = []
        for match in re.finditer(r"[^,]+", surface):
            parts = [match.group(0)]
            if " of " not in match.group(0):  # "Ministry of Industry and Information Technology"
                parts = re.split(r"\s+and\s+", match.group(0))
            for part in parts:
                offset = start + match.start() + match.group(0).find(part)
                s, e = _trim(text, offset, offset + len(part))
                if e > s and text[s].isupper():
                    pieces.append((s, e))
        if len(pieces) >= 2:
            return pieces
    return [(start, end)] if end > start else []


def _common_phrase(words: Sequence[str], text: str) -> bool:
    """A capitalized phrase the document also writes in lower case is a concept
    (``Smart Home`` next to ``smart home``); a name ending in an organisation word is not."""
    content = [w for w in words if w.casefold() not in _FUNCTION_WORDS]
    if len(words) < 2 or not content or words[-1].casefold() in _ORG_WORDS:
        return False
    phrase = r"(?:\s*&\s*|\s+and\s+|\s+)".join(re.escape(w.lower()) for w in content)
    return re.search(rf"(?<![\w-]){phrase}(?![\w-])", text) is not None


@dataclass(frozen=True, slots=True)
class _DocContext:
    """What the rules need to know about the whole document."""

    concept_spans: frozenset[tuple[int, int]]
    concept_keys: frozenset[str]
    title_spans: tuple[tuple[int, int], ...]
    foreign_spans: tuple[tuple[int, int], ...] = ()

    @classmethod
    def build(cls, doc: ParsedDoc) -> _DocContext:
        text = doc.text
        spans, keys = _abbreviations(text)
        paragraphs = [(p.start, p.end) for p in doc.paragraphs] or [
            (m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)
        ]
        titles = tuple((s, e) for s, e in paragraphs if _title_like(text[s:e]))
        foreign = tuple(
            (s, e)
            for s, e in doc.sentences
            if doc.is_english(s) and foreign_sentence(text[s:e]) is not None
        )
        return cls(frozenset(spans), frozenset(keys), titles, foreign)

    def in_title(self, offset: int) -> bool:
        return any(s <= offset < e for s, e in self.title_spans)

    def english(self, doc: ParsedDoc, offset: int) -> bool:
        """The paragraph is English and the sentence is not written in another language."""
        return doc.is_english(offset) and not any(s <= offset < e for s, e in self.foreign_spans)


def _initials(words: Sequence[str]) -> str:
    return "".join(w[0] for w in words).upper()


def _abbreviations(text: str) -> tuple[set[tuple[int, int]], set[str]]:
    """Defined abbreviations of common phrases: ``Average Selling Price (ASP)``.

    Returns the spans of the phrase and the keys of the abbreviation; a phrase holding
    an organisation word (``Stock Exchange``, ``Bank``) is left alone.
    """
    spans: set[tuple[int, int]] = set()
    keys: set[str] = set()
    # "Title Case Phrase (TCP)"
    for match in _ABBREV_INNER.finditer(text):
        abbr = match.group(1)
        letters = [ch for ch in abbr if ch.isupper()]
        if len(letters) < 2:
            continue
        before = list(re.finditer(r"[^\W_]+", text[max(0, match.start() - 120) : match.start()]))
        n = len(letters)
        if len(before) < n:
            continue
        phrase = before[-n:]
        words = [m.group(0) for m in phrase]
        if _initials(words) != "".join(letters) or any(
            w.casefold() in _STRONG_ORG_WORDS for w in words
        ):
            continue
        base = max(0, match.start() - 120)
        spans.add((base + phrase[0].start(), base + phrase[-1].end()))
        keys.add(canonical_key(abbr))
        keys.add(canonical_key(" ".join(words)))
    # "ABBR noun (Title Case Phrase)"
    for match in _PAREN.finditer(text):
        inner = match.group(1)
        words = _words(inner)
        if len(words) < 2 or any(w.casefold() in _STRONG_ORG_WORDS for w in words):
            continue
        prev = re.search(
            r"([A-Z][A-Za-z]{1,8})(?:\s+[a-z]+)?\s*$",
            text[max(0, match.start() - 40) : match.start()],
        )
        if prev is None or _initials(words) != prev.group(1).upper():
            continue
        inner_start = match.start(1) + (len(inner) - len(inner.lstrip()))
        spans.add((inner_start, inner_start + len(inner.strip())))
        keys.add(canonical_key(inner))
        keys.add(canonical_key(prev.group(1)))
    return spans, keys


def _tokens(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [
        (start + m.start(), start + m.end(), m.group(0)) for m in _TOKEN.finditer(text[start:end])
    ]


def _is_name_word(word: str) -> bool:
    return bool(word) and (
        word[0].isupper() or (word[0].islower() and any(c.isupper() for c in word[1:]))
    )


def _camel(word: str) -> bool:
    return word[:1].islower() and any(c.isupper() for c in word[1:])


def _intercaps(word: str) -> bool:
    """A capital inside a word after lower-case letters: ``HaloBuds``, ``PlayStation``."""
    return bool(re.fullmatch(r"[A-Z][a-z]+[A-Z][A-Za-z]*", word))


def _with_maker(toks: Sequence[tuple[int, int, str]], first: int, brands: set[str]) -> int:
    """``first`` moved left over a known maker before a model: ``Qingyun Aurora 7``."""
    if (
        first > 0
        and _adjacent(toks, first - 1, first)
        and canonical_key(toks[first - 1][2]) in brands
        and canonical_key(toks[first][2]) not in brands
    ):
        return first - 1
    return first


def _model_products(text: str, start: int, end: int, brands: set[str]) -> list[_Cand]:
    """Named models: ``SU7``, ``Xuanjie O1``, ``Xiaomi 15 Ultra``, ``iPhone 16``, ``Vela OS``."""
    toks = _tokens(text, start, end)
    found: list[_Cand] = []
    i = 0
    while i < len(toks):
        word = toks[i][2]
        first = last = -1
        if (
            _MODEL_CODE.match(word)
            and any(c.isdigit() for c in word)
            and any(c.isupper() for c in word)
            and not _NOT_MODEL_CODE.match(word)
            and word.casefold() not in NOT_ENTITIES
        ):
            first = last = i
        elif (
            word == "OS"
            and i > 0
            and _is_name_word(toks[i - 1][2])
            and not _sentence_initial_function(toks, i - 1)
        ):
            first, last = i - 1, i
        elif re.fullmatch(r"[A-Z][a-z]+OS|[A-Z][a-z]+Os", word):
            first = last = i
        elif (
            _NUMBER_MODEL.match(word)
            and i > 0
            and _adjacent(toks, i - 1, i)
            and _is_name_word(toks[i - 1][2])
            and toks[i - 1][2].casefold() not in _FUNCTION_WORDS
            and (
                canonical_key(toks[i - 1][2]) in brands
                or _camel(toks[i - 1][2])
                or _intercaps(toks[i - 1][2])
                or (
                    i + 1 < len(toks)
                    and (
                        toks[i + 1][2] in _MODEL_SUFFIXES
                        or toks[i + 1][2].casefold() in _PRODUCT_NOUNS
                    )
                )
            )
            and not _followed_by_counted_noun(toks, i)
        ):
            first, last = i - 1, i
        elif (
            _NUMBER_MODEL.match(word)
            and i > 1
            and toks[i - 1][2] == "Series"
            and _adjacent(toks, i - 1, i)
            and _adjacent(toks, i - 2, i - 1)
            and _is_name_word(toks[i - 2][2])
            and toks[i - 2][2].casefold() not in _FUNCTION_WORDS
            and not _sentence_initial(toks, i - 2)
        ):
            # "Halo Watch Series 10": up to two name words before "Series <number>".
            first, last = i - 2, i
            if (
                first > 0
                and _adjacent(toks, first - 1, first)
                and _is_name_word(toks[first - 1][2])
                and toks[first - 1][2].casefold() not in _FUNCTION_WORDS
                and not _sentence_initial(toks, first - 1)
            ):
                first -= 1
        elif (
            word == "Model"
            and i + 1 < len(toks)
            and _adjacent(toks, i, i + 1)
            and re.fullmatch(r"[A-Z]|\d{1,2}", toks[i + 1][2])
        ):
            first, last = i, i + 1
        if first < 0:
            i += 1
            continue
        # Brand words on the left: one name word, one more when it is a known brand.
        if first == last and first > 0 and _adjacent(toks, first - 1, first):
            left = toks[first - 1][2]
            if (
                _is_name_word(left)
                and left.casefold() not in _FUNCTION_WORDS
                and (not _sentence_initial(toks, first - 1) or canonical_key(left) in brands)
            ):
                first = _with_maker(toks, first - 1, brands)
        else:
            first = _with_maker(toks, first, brands)
        # Model suffixes and numbers on the right.
        while last + 1 < len(toks) and _adjacent(toks, last, last + 1):
            nxt = toks[last + 1][2]
            if (
                nxt in _MODEL_SUFFIXES
                or (nxt == "+" and last + 1 == len(toks) - 1)
                or (_NUMBER_MODEL.match(nxt) and toks[last][2] in _MODEL_SUFFIXES)
            ):
                last += 1
            else:
                break
        found.append(_Cand("product", toks[first][0], toks[last][1], "rule"))
        i = last + 1
    # "<NAME> operating system"
    for match in re.finditer(
        r"\b([A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*)\s+operating system", text[start:end]
    ):
        if match.group(1).casefold() not in NOT_ENTITIES:
            found.append(_Cand("product", start + match.start(1), start + match.end(1), "rule"))
    return found


def _adjacent(toks: Sequence[tuple[int, int, str]], i: int, j: int) -> bool:
    """Tokens ``i`` and ``j`` are separated by one space at most (no punctuation)."""
    return 0 <= toks[j][0] - toks[i][1] <= 1


def _sentence_initial(toks: Sequence[tuple[int, int, str]], i: int) -> bool:
    return i == 0 or toks[i - 1][2] in {".", "!", "?", ":", '"', "\u201c", "\u201d", "(", ";"}


def _sentence_initial_function(toks: Sequence[tuple[int, int, str]], i: int) -> bool:
    return toks[i][2].casefold() in _FUNCTION_WORDS


def _followed_by_counted_noun(toks: Sequence[tuple[int, int, str]], i: int) -> bool:
    """``Xiaomi 15 stores``: the number counts something, it is no model name."""
    if i + 1 >= len(toks):
        return False
    word = toks[i + 1][2]
    return (
        word.isalpha()
        and word.islower()
        and word.endswith("s")
        and not word.endswith(("ss", "series"))
    )


# Words between a name and a product noun that show the name is the subject of a verb.
_NOT_MODIFIERS = _wordset(
    """
    said says say told tells sells sold makes made builds built has had have is was are were
    will would can could may might also now still plans expects launched launches bought
    """,
    fold=True,
)


def _branded_products(
    text: str,
    start: int,
    end: int,
    brands: set[str],
    others: set[str],
    named: Sequence[tuple[int, int]],
    org_at: dict[str, list[tuple[int, int]]],
    pos: dict[int, str],
    firm_orgs: frozenset[str] = frozenset(),
) -> list[_Cand]:
    """A name right before a product noun (``the Brightwater Helix surgical system``,
    ``the Hoshi Pay payments app``).

    The name is a product when it starts with a maker the document names
    (``Brightwater`` + ``Helix``), or when the model read it as a person's or product's name
    and it is no organisation of the document. A brand alone before a noun stays an
    organisation (``Xiaomi cars``). A maker's name plus a word that only the model read as
    an organisation is a product (``the Halcyon Intelligence assistant``); ``firm_orgs``
    are the keys of organisations known otherwise (alias table, corporate words).
    """
    toks = _tokens(text, start, end)
    found: list[_Cand] = []
    i = 0
    while i < len(toks):
        if not (toks[i][2][:1].isupper() and toks[i][2][:1].isalpha()):
            i += 1
            continue
        j = i
        while (
            j + 1 < len(toks)
            and _adjacent(toks, j, j + 1)
            and toks[j + 1][2][:1].isupper()
            and toks[j + 1][2][:1].isalpha()
        ):
            j += 1
        noun_at, k = -1, j + 1
        while k < len(toks) and k - j <= 2 and _adjacent(toks, k - 1, k):
            word = toks[k][2]
            tag = pos.get(toks[k][0], "")
            if not (word.isalpha() and word.islower()) or tag not in ("", "NOUN", "ADJ", "PROPN"):
                break
            if word in _PRODUCT_NOUNS:
                noun_at = k
                break
            if word in _FUNCTION_WORDS or word in _NOT_MODIFIERS:
                break
            k += 1
        first = i
        while first <= j and (
            toks[first][2].casefold() in _FUNCTION_WORDS or _sentence_initial(toks, first)
        ):
            if canonical_key(toks[first][2]) in brands:
                break
            first += 1
        i = j + 1
        if noun_at < 0 or first > j:
            continue
        words = [t[2] for t in toks[first : j + 1]]
        span = (toks[first][0], toks[j][1])
        whole = canonical_key(" ".join(words))
        branded = any(
            canonical_key(" ".join(words[:n])) in brands
            and not any(canonical_key(w) in brands | others for w in words[n:])
            for n in range(1, len(words))
        )
        if any(w.casefold() in _ORG_WORDS for w in words) or whole in others:
            continue  # an organisation or place
        if (
            any(not _overlaps(span, at) for at in org_at.get(whole, ()))
            or (whole in brands and whole not in org_at)
        ) and not (branded and whole not in firm_orgs):
            continue  # an organisation of its own elsewhere, not only in the model's guess
        read_as_name = len(words) >= 2 and any(_overlaps(span, n) for n in named)
        if branded or read_as_name:
            found.append(_Cand("product", span[0], span[1], "rule"))
    return found


_LINE = re.compile(
    r"\b(?:[Tt]he|[Ii]ts|[Tt]heir|[Oo]ur|[Hh]is|[Hh]er|[Aa]n?)\s+"
    r"(?P<name>[A-Z][\w-]*(?:[ ][A-Z][\w-]*){0,2})"
    r"(?:[ ](?P<noun>[a-z]+(?:-[a-z]+)?))?[ ]"
    r"(?P<line>line|lines|lineup|line-up|range|collection|family|series)\b"
)


_SEASONS = _wordset("spring summer autumn fall winter holiday christmas easter", fold=True)


def _line_products(text: str, start: int, end: int, excluded: set[str]) -> list[_Cand]:
    """The name of a product line: ``the Halo smartphone line``, ``the Hartwell sofa
    collection``. A name the document uses for an organisation, a person or a place
    (``the Xiaomi product line``) is none, and a bare ``line`` or ``range`` needs a noun
    before it."""
    found: list[_Cand] = []
    for match in _LINE.finditer(text, start, end):
        name, noun = match.group("name"), match.group("noun")
        if noun is None and match.group("line") in ("line", "lines", "range"):
            continue
        if noun is not None and noun in _FUNCTION_WORDS | _NOT_MODIFIERS:
            continue
        words = name.split()
        if (
            canonical_key(name) in excluded
            or any(canonical_key(w) in excluded for w in words)
            or any(w.casefold() in _FUNCTION_WORDS | _ORG_WORDS | _SEASONS for w in words)
            or all(w in _MODEL_SUFFIXES for w in words)
            or _is_concept_word(name)
        ):
            continue
        found.append(_Cand("product", match.start("name"), match.end("name"), "rule"))
    return found


def _quoted_products(text: str, start: int, end: int) -> list[_Cand]:
    """Quoted names that are launched, or that come right before a product noun."""
    found: list[_Cand] = []
    chunk = text[start:end]
    for match in _QUOTED.finditer(chunk):
        inner = match.group(1).strip()
        words = _words(inner)
        if not inner or not inner[0].isupper() or not 1 <= len(words) <= 10:
            continue
        if inner[-1] in ".!?,;" or _is_concept_word(inner):
            continue
        before = chunk[max(0, match.start() - 40) : match.start()]
        after = chunk[match.end() : match.end() + 30]
        follow = re.match(r"(?:\s+[a-z]+\b){1,3}", after)
        launched = _LAUNCH_VERBS.search(before) is not None
        noun = follow is not None and any(w in _PRODUCT_NOUNS for w in follow.group(0).split())
        if launched or noun:
            s = start + match.start(1) + (len(match.group(1)) - len(match.group(1).lstrip()))
            found.append(_Cand("product", s, s + len(inner), "rule"))
    return found


_LIST_WORD = r"(?:[A-Z](?:[\w&-]|\.(?=\w))*|[a-z]+[A-Z][\w-]*)"
_LIST_NAME = rf"{_LIST_WORD}(?:[ ](?:{_LIST_WORD}|\d+))?(?:[ ]{_LIST_WORD})?"
_NAME_LIST = re.compile(
    rf"(?<![\w-])({_LIST_NAME}(?:,[ ]{_LIST_NAME})*,?[ ](?:and|or)[ ]{_LIST_NAME})(?![\w-])"
)
_MEDIA_NAME = re.compile(
    r"\b(?:magazine|newspaper|journal|website|news outlet|outlet|daily|weekly|newsletter)"
    r"[ ][\"\u201c]([A-Z][^\"\u201d\n]{1,60})[\"\u201d]"
)


def _coordinated(doc: ParsedDoc, ctx: _DocContext, cands: Sequence[_Cand]) -> list[_Cand]:
    """Names listed with organisations are organisations (``NIO, Li Auto, XPeng and SERES``);
    the quoted name of a magazine or newspaper is one."""
    text = doc.text
    by_span = {(c.start, c.end): c.kind for c in cands}
    product_names = _product_names(text, cands)
    taken = [(c.start, c.end) for c in cands]
    found: list[_Cand] = []
    for match in _NAME_LIST.finditer(text):
        if not ctx.english(doc, match.start()):
            continue
        items = []
        for part in re.finditer(r"[^,]+", match.group(1)):
            for piece in re.split(r"(?:^|[ ])(?:and|or)[ ]", part.group(0)):
                if piece.strip():
                    offset = match.start(1) + part.start() + part.group(0).find(piece)
                    items.append(_trim(text, offset, offset + len(piece)))
        kinds = [
            "product" if text[item[0] : item[1]] in product_names else by_span.get(item)
            for item in items
        ]
        if "org" not in kinds or any(k in ("person", "place") for k in kinds):
            continue
        if re.match(r"\s+of\b", text[match.end(1) : match.end(1) + 5]):
            continue  # "X and Chairman of Y": titles, not a list of names
        for item, kind in zip(items, kinds, strict=True):
            surface = text[item[0] : item[1]]
            if (
                kind is None
                and item[1] > item[0]
                and surface.split()[0].casefold() not in _FUNCTION_WORDS
                and not any(w.casefold() in _ROLE_WORDS for w in surface.split())
                and not _is_concept_word(surface)
                and not any(
                    _overlaps(item, (c.start, c.end))
                    and not (c.kind == "place" and item[0] <= c.start and c.end < item[1])
                    for c in cands
                )
            ):
                found.append(_Cand("org", item[0], item[1], "propagated"))
    for match in _MEDIA_NAME.finditer(text):
        span = (match.start(1), match.end(1))
        if not any(_overlaps(span, t) and by_span.get(t) == "org" for t in taken):
            found.append(_Cand("org", span[0], span[1], "rule"))
    return found


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
_AMPERSAND_NAME = re.compile(r"(?<![\w&-])([A-Z][a-z]+[ ]&[ ][A-Z][a-z]+)(?![\w&-])")


def _ampersand_orgs(doc: ParsedDoc, ctx: _DocContext, cands: Sequence[_Cand]) -> list[_Cand]:
    """Two capitalized words joined by ``&`` are a firm's name (``Dunmore & Pike``), with
    any legal form after it, where nothing else was read there; two common words that the
    document also writes in lower case (``Research & Development``) are none."""
    text = doc.text
    taken = [(c.start, c.end) for c in cands]
    found: list[_Cand] = []
    for match in _AMPERSAND_NAME.finditer(text):
        start, end = match.span(1)
        words = [w for w in match.group(1).split() if w != "&"]
        if (
            not ctx.english(doc, start)
            or any(_overlaps((start, end), t) for t in taken)
            or any(
                w.casefold() in _FUNCTION_WORDS | NOT_ENTITIES | _ROLE_WORDS | _COMMON_PAIR_WORDS
                or _COMMON_NOUN_END.search(w)
                for w in words
            )
            or all(re.search(rf"(?<![\w-]){re.escape(w.lower())}(?![\w-])", text) for w in words)
        ):
            continue
        end = _following_org_word(text, end) or end
        found.append(_Cand("org", start, end, "propagated"))
    return found


def _maker_orgs(doc: ParsedDoc, ctx: _DocContext, cands: Sequence[_Cand]) -> list[_Cand]:
    """The maker named in a product (``Zelva`` of ``Zelva K3``) is the company where its
    name stands with company words (``Zelva Motors``), where nothing else was read there;
    the canonical is the maker's name alone."""
    text = doc.text
    org_keys = {canonical_key(text[c.start : c.end]) for c in cands if c.kind == "org"}
    makers: set[str] = set()
    for c in cands:
        words = text[c.start : c.end].split()
        if c.kind != "product" or c.source == "ner" or len(words) < 2:
            continue
        maker = words[0]
        if (
            re.fullmatch(r"[A-Z][a-z]{2,}", maker)
            and maker.casefold() not in _FUNCTION_WORDS
            and canonical_key(maker) not in org_keys
        ):
            makers.add(maker)
    taken = [(c.start, c.end) for c in cands]
    found: list[_Cand] = []
    for maker in sorted(makers):
        for match in re.finditer(rf"(?<![\w-]){maker}((?:[ ][A-Z][a-z]+)+)\b", text):
            tail = match.group(1).split()
            if not all(w.casefold() in _DESCRIPTIVE_WORDS or _legal_form(w) for w in tail):
                continue
            span = match.span()
            if not ctx.english(doc, span[0]) or any(_overlaps(span, t) for t in taken):
                continue
            found.append(_Cand("org", span[0], span[1], "rule", "", maker))
    return found


_CURRENCY_AFTER = re.compile(
    r"\s+(?:dollars?|yuan|yen|won|rupees?|rupiah|pesos?|francs?|kronor|kroner|krona|krone"
    r"|ringgit|baht|rand|reais|real|shekels?|lira|dinars?|dirhams?|riyals?)\b",
    re.IGNORECASE,
)


_REGION_WORDS = _wordset(
    """
    greater north south east west northern southern eastern western central upper lower
    inner outer
    """,
    fold=True,
)


_PLACE_SUFFIXES = _wordset("city state province county region district", fold=True)


def _region_of(before: str, after: str) -> bool:
    """Words that make another place of an alias place (``Greater China``, ``Northern
    California``, ``Kansas City``); a model's place around it keeps its name then."""
    words, tail = before.split(), after.split()
    return (bool(words) or bool(tail)) and (
        all(w.casefold() in _REGION_WORDS for w in words)
        and all(w.casefold() in _PLACE_SUFFIXES for w in tail)
    )


def _currency_after(text: str, end: int) -> bool:
    """``the Taiwan dollar``, ``the US dollar``: a place in a currency's name is none."""
    return _CURRENCY_AFTER.match(text, end) is not None


def _propagate(doc: ParsedDoc, ctx: _DocContext, cands: Sequence[_Cand]) -> list[_Cand]:
    """Other occurrences of a name already read as a person, organisation or place.

    One name keeps one sense within a document: where the model missed ``Douyin`` once
    or read it as something else, the name is still that organisation.
    """
    text = doc.text
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    canonical: dict[str, str] = {}
    for c in cands:
        if c.kind == "product" and c.source == "ner":
            continue
        if c.source == "ner" and (not ctx.english(doc, c.start) or ctx.in_title(c.start)):
            continue
        surface = text[c.start : c.end]
        if len(surface) < 2 or not _is_name_word(surface) or _is_concept_word(surface):
            continue
        kinds[surface][c.kind] += 1
        if c.canonical:
            canonical.setdefault(surface, c.canonical)
        if c.kind == "org":
            short = strip_corporate_suffix(clean_name(surface))
            if short != surface and len(short) >= 3 and _is_name_word(short):
                kinds[short]["org"] += 1
                if c.canonical:
                    canonical.setdefault(short, c.canonical)
        words = surface.split()
        if c.kind == "person" and len(words) >= 2:
            last = words[-1]
            if len(last) >= 4 and last.casefold() not in _FUNCTION_WORDS and last[0].isupper():
                kinds[last]["person"] += 1
    # A named product keeps its reading everywhere, also without its maker's name
    # ("Brightwater Helix", then "Helix"), over what the model said there.
    for surface in _product_names(text, cands):
        kinds[surface] = Counter({"product": 1})
    if not kinds:
        return []
    pattern = re.compile("|".join(_alias_regex(s) for s in sorted(kinds, key=len, reverse=True)))
    taken = [(c.start, c.end) for c in cands]
    firm = [(c.start, c.end) for c in cands if c.source != "ner" or c.kind == "product"]
    found: list[_Cand] = []
    for match in pattern.finditer(text):
        span = (match.start(), match.end())
        surface = match.group(0)
        is_product = kinds[surface].most_common(1)[0][0] == "product"
        if any(_overlaps(span, t) for t in (firm if is_product else taken)):
            continue
        if not ctx.english(doc, span[0]) and len(surface) < 4 and _latin(surface):
            continue  # "Mi" in a Spanish sentence is no Xiaomi
        kind = kinds[surface].most_common(1)[0][0]
        found.append(_Cand(kind, span[0], span[1], "propagated", "", canonical.get(surface, "")))
    return found


# A name followed by a legal form proper (not ``Group``/``Holdings``): a company.
_LEGAL_NAME = re.compile(
    r"(?<![\w&-])((?:[A-Z][\w&'-]*(?:[ \t]+&)?[ \t]+){0,3}[A-Z][\w&'-]*)"
    r"((?:,?[ \t]+(?:Co\.,?[ \t]*Ltd\.?|S\.p\.A\.|S\.A\.|N\.V\.|K\.K\.|A/S\b"
    r"|(?:Inc|Corp|Ltd|Co)\.|(?:Inc|Incorporated|Ltd|Limited|Corp|Corporation|LLC|PLC|plc|AG|SE"
    r"|SA|GmbH|NV|BV|SpA|ASA|AB|ApS|Oyj|Oy)\b))+)"
)


def _legal_names(text: str) -> dict[str, str]:
    """Names written somewhere with a legal form (``Kessler Antriebstechnik AG``): the name
    without it -> the name with it as first written."""
    names: dict[str, str] = {}
    for match in _LEGAL_NAME.finditer(text):
        words = match.group(1).split()
        lowered = {w.casefold() for w in re.findall(r"(?<![A-Z])\b[a-z][\w-]*", text)}
        while len(words) > 1 and (
            words[0].casefold() in _FUNCTION_WORDS | _DETERMINERS | _ROLE_WORDS
            or words[0].casefold() in lowered
            or words[0].isupper()
        ):
            words.pop(0)  # "Meanwhile Acme Inc.", a dateline "DALLAS Acme Inc."
        before = re.search(r"(\S+)\s+$", text[max(0, match.start() - 20) : match.start()])
        if (
            len(words) >= 3
            and before is not None
            and before.group(1).casefold() in _DETERMINERS - {"the", "a", "an"}
        ):
            words.pop(0)  # "der Partnerfirma Rheinwerk Handel GmbH": a noun before the name
        while words and words[0] == "&":
            words.pop(0)
        name = " ".join(words)
        if (
            len(name) < 3
            or name.isupper()
            or name.casefold() in _FUNCTION_WORDS | _DETERMINERS | NOT_ENTITIES
        ):
            continue
        names.setdefault(name, name + match.group(2))
    return names


def _legal_name_orgs(doc: ParsedDoc, cands: Sequence[_Cand]) -> list[_Cand]:
    """A name the document writes with a legal form is an organisation in every mention:
    each occurrence, with or without the legal form, and its leading word(s) alone that the
    model read as a person (``Kessler`` of ``Kessler Antriebstechnik AG``)."""
    text = doc.text
    names = _legal_names(text)
    if not names:
        return list(cands)
    people = {
        w
        for c in cands
        if c.kind == "person"
        and len(_words(text[c.start : c.end])) >= 2
        and clean_name(text[c.start : c.end]) not in names
        for w in _words(text[c.start : c.end])
    }
    heads = {" ".join(n.split()[:k]) for n in names for k in range(1, len(n.split()))}
    heads = {h for h in heads if len(h) >= 3 and h not in people}
    out = [
        replace(c, kind="org")
        if c.kind == "person" and clean_name(text[c.start : c.end]) in set(names) | heads
        else c
        for c in cands
    ]
    pattern = re.compile(
        "|".join(rf"(?<![\w&-]){re.escape(n)}(?![\w&-])" for n in sorted(names, key=len)[::-1])
    )
    ruler = [(c.start, c.end) for c in out if c.source == "ruler"]
    orgs = [(c.start, c.end) for c in out if c.kind == "org"]
    for match in pattern.finditer(text):
        end = match.end()
        tail = _LEGAL_NAME.match(text, match.start())
        if tail is not None and tail.start(2) == end:
            end = tail.end()
        if any(_overlaps((match.start(), end), t) for t in ruler) or any(
            _overlaps((match.start(), end), (s, e)) and not (match.start() <= s and e <= end)
            for s, e in orgs
        ):
            continue  # an alias, or a longer organisation's name, reads these characters
        out.append(_Cand("org", match.start(), end, "rule"))
    return out


def _product_names(text: str, cands: Sequence[_Cand]) -> set[str]:
    """Surfaces of the products found by rule or alias, and each without its maker."""
    org_keys = {canonical_key(text[c.start : c.end]) for c in cands if c.kind == "org"}
    names: set[str] = set()
    for c in cands:
        if c.kind != "product" or c.source == "ner":
            continue
        surface = text[c.start : c.end]
        names.add(surface)
        words = surface.split()
        # The model without its suffixes ("Halo 16 Pro Max" -> "Halo 16 Pro", "Halo 16").
        base = list(words)
        while len(base) > 2 and base[-1] in _MODEL_SUFFIXES:
            base.pop()
            if any(ch.isdigit() for ch in base[-1]):
                names.add(" ".join(base))
        for n in range(1, len(words)):
            rest = " ".join(words[n:])
            if (
                canonical_key(" ".join(words[:n])) in org_keys
                and len(rest) >= 3
                and rest[0].isupper()
                and not rest.replace(" ", "").isdigit()
            ):
                names.add(rest)
                break
    return names


def _cut_around(c: _Cand, products: Sequence[tuple[int, int]], text: str) -> _Cand | None:
    """The part of a name outside a product it runs into (``Model Y. Elon Musk``)."""
    start, end = c.start, c.end
    for s, e in products:
        if _overlaps((start, end), (s, e)):
            if s <= start:
                start = e
            elif e >= end:
                end = s
    if (start, end) == (c.start, c.end):
        return c
    start, end = _trim(text, start, end)
    if end - start < 2 or not text[start].isupper():
        return None
    return replace(c, start=start, end=end)


def _resolve(cands: Iterable[_Cand], text: str) -> list[_Cand]:
    """Same kind never overlaps (alias > rule > model, then longer); names inside a product
    name are no mentions of their own."""
    cands = list(cands)
    longer_products = [
        (c.start, c.end) for c in cands if c.kind == "product" and c.source == "rule"
    ]
    cands = [
        c
        for c in cands
        if not (
            c.kind == "product"
            and c.source == "ruler"
            and any(
                s <= c.start and c.end <= e and (s, e) != (c.start, c.end)
                for s, e in longer_products
            )
        )
    ]
    by_kind: dict[str, list[_Cand]] = defaultdict(list)
    for c in sorted(cands, key=lambda c: c.priority, reverse=True):
        kept = by_kind[c.kind]
        if not any(_overlaps((c.start, c.end), (k.start, k.end)) for k in kept):
            kept.append(c)
    # A place inside an organisation's name is no mention of its own (Bank of China).
    org_spans = [(c.start, c.end) for c in by_kind.get("org", [])]
    by_kind["place"] = [
        c
        for c in by_kind.get("place", [])
        if not any(s <= c.start and c.end <= e and (s, e) != (c.start, c.end) for s, e in org_spans)
    ]
    strong = [c for kept in by_kind.values() for c in kept if c.source in ("ruler", "rule")]
    for kind, kept in by_kind.items():
        kept[:] = [
            c
            for c in kept
            if c.source in ("ruler", "rule")
            or not any(
                o.kind not in (kind, "product") and _overlaps((c.start, c.end), (o.start, o.end))
                for o in strong
            )
        ]
    products = [(p.start, p.end) for p in by_kind.get("product", [])]
    out: list[_Cand] = []
    for kind, kept in by_kind.items():
        for c in kept:
            if kind != "product":
                if any(s <= c.start and c.end <= e for s, e in products):
                    continue
                c = _cut_around(c, products, text)
                if c is None:
                    continue
            out.append(c)
    out.sort(key=lambda c: (c.start, c.end))
    return out


def _full_person(surface: str, full_people: Sequence[str]) -> str:
    name = clean_name(surface)
    if len(name.split()) >= 2:
        return name
    owners = {p for p in full_people if name in p.split()}
    return owners.pop() if len(owners) == 1 else name


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


def _short_org_names(
    named: list[tuple[_Cand, str]], legal: frozenset[str] = frozenset()
) -> list[tuple[_Cand, str]]:
    """An organisation also named by its leading word(s) alone in the document takes that
    short name when the rest are descriptive words (``Qingyun Motors`` -> ``Qingyun``) or
    the full name is written with a legal form (``Kessler Antriebstechnik AG``, then
    ``Kessler``)."""
    orgs = {canonical_key(name): name for c, name in named if c.kind == "org" and name}
    short: dict[str, str] = {}
    for name in orgs.values():
        words = name.split()
        for n in range(1, len(words)):
            head = canonical_key(" ".join(words[:n]))
            if head in orgs and (
                canonical_key(name) in legal
                or all(w.casefold() in _DESCRIPTIVE_WORDS for w in words[n:])
            ):
                short[name] = orgs[head]
                break
    return [(c, short.get(name, name) if c.kind == "org" else name) for c, name in named]


def _merge_spellings(named: list[tuple[_Cand, str]], threshold: int) -> list[tuple[_Cand, str]]:
    """Within a document, names of one kind with the same key or a close spelling are one."""
    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)  # kind -> (key, name)
    for c, name in named:
        groups[c.kind].append((canonical_key(name), name))
    mapping: dict[tuple[str, str], str] = {}
    for kind, pairs in groups.items():
        counts = Counter(name for _key, name in pairs)
        mapping.update(_choose_names(kind, pairs, counts, threshold))
    return [(c, mapping.get((c.kind, name), name)) for c, name in named]


def _choose_names(
    kind: str,
    pairs: Sequence[tuple[str, str]],
    counts: Counter[str],
    threshold: int,
    preferred: frozenset[str] = frozenset(),
) -> dict[tuple[str, str], str]:
    """(kind, name) -> the chosen spelling of its group of same-key or close-key names."""
    keys = list(dict.fromkeys(key for key, _name in pairs if key))
    parent = {k: k for k in keys}

    def find(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    # Close spellings of organisation names long enough to compare. Places and people are
    # never merged by spelling (``Changzhou`` is not ``Hangzhou``), nor product models,
    # which differ by a letter; only the alias table joins those.
    long_keys = [k for k in keys if len(k) >= _FUZZY_MIN_LEN] if kind in _FUZZY_KINDS else []
    if len(long_keys) > 1:
        scores = process.cdist(long_keys, long_keys, scorer=fuzz.ratio, score_cutoff=threshold)
        for i, j in zip(*np.nonzero(np.triu(scores, k=1)), strict=True):
            a, b = long_keys[i], long_keys[j]
            if _same_shape(a, b):
                parent[find(b)] = find(a)
    members: dict[str, list[str]] = defaultdict(list)
    for key, name in pairs:
        if key and name not in members[find(key)]:
            members[find(key)].append(name)
    mapping: dict[tuple[str, str], str] = {}
    for names in members.values():
        if len(names) < 2:
            continue
        best = sorted(
            names, key=lambda n: (n not in preferred, -counts[n], len(n), names.index(n))
        )[0]
        for name in names:
            mapping[(kind, name)] = best
    return mapping


# Kinds whose names may be merged by close spelling, and the shortest key compared.
_FUZZY_KINDS = frozenset({"org"})
_FUZZY_MIN_LEN = 6


def _same_shape(a: str, b: str) -> bool:
    """Spelling variants, not different names: the first letter and the digits agree."""
    return a[:1] == b[:1] and re.findall(r"\d+", a) == re.findall(r"\d+", b)


# --------------------------------------------------------------------------------------
# Across documents


def canonical_renames(
    names: Iterable[tuple[str, str, int]],
    *,
    preferred: Iterable[str] = (),
    fuzzy_threshold: int = 90,
) -> dict[tuple[str, str], str]:
    """(kind, name) -> the one spelling to use, for names that are one entity.

    ``names`` are (kind, canonical name, mention count) rows, such as the whole run's
    entities. Names with the same matching key, or spellings closer than
    ``fuzzy_threshold``, are one entity; a ``preferred`` name (from the alias table) wins,
    then the most frequent, then the shortest. Names that keep their spelling are absent.
    """
    pairs: dict[str, list[tuple[str, str]]] = defaultdict(list)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for kind, name, count in names:
        if kind in ENTITY_KINDS and name:
            pairs[kind].append((canonical_key(name), name))
            counts[kind][name] += count
    mapping: dict[tuple[str, str], str] = {}
    for kind, kind_pairs in pairs.items():
        chosen = _choose_names(
            kind, kind_pairs, counts[kind], fuzzy_threshold, frozenset(preferred)
        )
        mapping.update({key: new for key, new in chosen.items() if key[1] != new})
    return mapping


def unify_across_documents(
    mentions_by_doc: Sequence[Sequence[Mention]], *, fuzzy_threshold: int = 90
) -> list[list[Mention]]:
    """The same entity gets the same canonical name in every document of a run.

    As ``canonical_renames``, with the names the alias ruler gave preferred.
    """
    rows = [
        (m.kind, m.canonical, 1)
        for mentions in mentions_by_doc
        for m in mentions
        if m.kind in ENTITY_KINDS and m.canonical
    ]
    preferred = {
        m.canonical for mentions in mentions_by_doc for m in mentions if m.source_stage == "ruler"
    }
    mapping = canonical_renames(rows, preferred=preferred, fuzzy_threshold=fuzzy_threshold)
    return [
        [
            replace(m, canonical=mapping[(m.kind, m.canonical)])
            if (m.kind, m.canonical) in mapping
            else m
            for m in mentions
        ]
        for mentions in mentions_by_doc
    ]


# --------------------------------------------------------------------------------------
# The entities table


def build_entity_rows(doc: ParsedDoc, mentions: Sequence[Mention]) -> list[EntityRow]:
    """One row per (kind, canonical): surface forms in order of first appearance, mention
    count, and for people the role and organisation the article states."""
    entity_mentions = sorted(
        (m for m in mentions if m.kind in ENTITY_KINDS and m.canonical),
        key=lambda m: (m.start, m.end),
    )
    order: list[tuple[str, str]] = []
    surfaces: dict[tuple[str, str], list[str]] = defaultdict(list)
    counts: Counter[tuple[str, str]] = Counter()
    for m in entity_mentions:
        key = (m.kind, m.canonical)
        if key not in counts:
            order.append(key)
        counts[key] += 1
        surface = clean_name(m.text) if m.kind != "product" else " ".join(m.text.split())
        if surface not in surfaces[key]:
            surfaces[key].append(surface)
    orgs = [m for m in entity_mentions if m.kind == "org"]
    roles: dict[str, tuple[str, str]] = {}
    for m in entity_mentions:
        if m.kind == "person" and m.canonical not in roles:
            found = _person_role(doc.text, m, orgs)
            if found is not None:
                roles[m.canonical] = found
    rows = []
    for kind, canonical in order:
        role, org = roles.get(canonical, ("", "")) if kind == "person" else ("", "")
        rows.append(
            EntityRow(
                kind=kind,
                canonical=canonical,
                aliases=tuple(surfaces[(kind, canonical)]),
                mentions=counts[(kind, canonical)],
                role=role,
                org=org,
            )
        )
    return rows


def normalize_role(role: str) -> str:
    """``the founder, chairman, and CEO`` -> ``founder, chairman and CEO``."""
    text = " ".join(role.split()).strip(" ,")
    text = re.sub(r"^(?:the|its|their|his|her)\s+", "", text, flags=re.IGNORECASE)
    parts = [p.strip() for p in re.split(r",\s*(?:and\s+)?|\s+and\s+", text) if p.strip()]
    if len(parts) <= 1:
        return text
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _is_role(text: str) -> bool:
    words = _words(text)
    if not words or len(words) > 10 or not _ROLE_TEXT.match(text.strip()):
        return False
    return any(w.casefold() in _ROLE_WORDS for w in words)


def _org_at(orgs: Sequence[Mention], start: int) -> Mention | None:
    for org in orgs:
        if org.start == start:
            return org
    return None


def _person_role(text: str, person: Mention, orgs: Sequence[Mention]) -> tuple[str, str] | None:
    """The role (and organisation) stated next to a person mention, if any."""
    after = text[person.end : person.end + 160]
    # "Lu Weibing, President of the Xiaomi Group" / "Lei Jun, the founder and CEO of Xiaomi"
    match = re.match(
        r"\s*,\s*((?:the\s+)?[^\n.;:\"\u201c\u201d()]{2,90}?)\s+(?:of|at)\s+(?:the\s+)?", after
    )
    if match is not None and _is_role(match.group(1)):
        org = _org_at(orgs, person.end + match.end())
        return normalize_role(match.group(1)), (org.canonical if org else "")
    # "Lei Jun, Xiaomi's founder and CEO,"
    match = re.match(r"\s*,\s*", after)
    if match is not None:
        org = _org_at(orgs, person.end + match.end())
        if org is not None:
            tail = re.match(
                r"['\u2019]s\s+([^\n.;:\"\u201c\u201d()]{2,60}?)\s*(?:,|\.|$)",
                text[org.end : org.end + 80],
            )
            if tail is not None and _is_role(tail.group(1)):
                return normalize_role(tail.group(1)), org.canonical
    before = text[max(0, person.start - 160) : person.start]
    # "Xiaomi's founder, chairman and CEO Lei Jun" / "Xiaomi President Lu Weibing"
    for org in reversed([o for o in orgs if o.end <= person.start and person.start - o.end < 120]):
        between = text[org.end : person.start]
        match = re.fullmatch(r"(?:['\u2019]s)?\s+([^\n.;:\"\u201c\u201d()]{2,100}?)\s+", between)
        if match is not None and _is_role(match.group(1)):
            return normalize_role(match.group(1)), org.canonical
        break
    # "Chief Executive Officer Mary Barra", "CEO Lei Jun": title words right before the name
    words = list(re.finditer(r"[A-Za-z][\w-]*", before[-80:]))
    title: list[re.Match[str]] = []
    for word in reversed(words):
        gap = before[-80:][word.end() : title[0].start() if title else None]
        if gap.strip() or word.group(0).casefold() not in _ROLE_WORDS | {"of", "and"}:
            break
        title.insert(0, word)
    while title and title[0].group(0).casefold() in {"of", "and"}:
        title.pop(0)
    if title and not before[-80:][title[-1].end() :].strip():
        role = before[-80:][title[0].start() : title[-1].end()]
        if _is_role(role):
            return normalize_role(role), ""
    return None
