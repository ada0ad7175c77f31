"""Products found by rule: model codes, branded names, product lines, quoted names."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence, Set

from extract.normalize.entities import (
    canonical_key,
)
from extract.stages.entities.spans import (
    SpanIndex,
    _camel,
    _Cand,
    _intercaps,
    _is_concept_word,
    _is_name_word,
    _overlaps,
    _tokens,
    _words,
)
from extract.stages.entities.vocab import (
    _FUNCTION_WORDS,
    _MODEL_CODE,
    _MODEL_SUFFIXES,
    _NAMING_NOUNS,
    _NOT_MODEL_CODE,
    _NOT_MODIFIERS,
    _NUMBER_MODEL,
    _ORG_WORDS,
    _PRODUCT_NOUNS,
    _SEASONS,
    NOT_ENTITIES,
)

_LAUNCH_VERBS = re.compile(
    r"\b(?:launch(?:ed|es|ing)?|releas(?:e|ed|es|ing)|introduc(?:e|ed|es|ing)|unveil(?:ed|s|ing)?"
    r"|debut(?:ed|s)?|roll(?:ed|s)? out|present(?:ed|s)?|named)"
    r"(?:\s+(?:the|a|an|its|their|his|her|new|first))*\s*$",
    re.IGNORECASE,
)

_QUOTED = re.compile(r"[\"\u201c]([^\"\u201c\u201d\n]{2,120})[\"\u201d]")


def _model_series(name: str) -> str:
    """The letter series of a one-word model code (``L9`` -> ``L``, ``X-30`` -> ``X``);
    empty for other names."""
    m = _MODEL_CODE.fullmatch(name.split()[0]) if name.split() else None
    return m.group(1) if m else ""


def _with_maker(toks: Sequence[tuple[int, int, str]], first: int, brands: Set[str]) -> int:
    """``first`` moved left over a known maker before a model: ``Qingyun Aurora 7``."""
    if (
        first > 0
        and _adjacent(toks, first - 1, first)
        and canonical_key(toks[first - 1][2]) in brands
        and canonical_key(toks[first][2]) not in brands
    ):
        return first - 1
    return first


# A ticker with its market suffix (``GX8.AS``, ``HLV.L-news``): a company's, no model name.
_TICKER = re.compile(r"[A-Z0-9]{1,6}\.[A-Z]{1,3}(?:-news)?$|.*-news$")
_MODEL_TRIGGER = re.compile(r"\d|O[Ss]$|^Model$")
_NAME_OS = re.compile(r"[A-Z][a-z]+OS|[A-Z][a-z]+Os")

# A currency code glued to an amount (``RMB12.34``, ``USD5.20``, ``HK18.0``): a price, no
# model name.
_CURRENCY_AMOUNT = re.compile(
    r"[A-Z]{3}\d[\d,]*(?:\.\d+)?(?:bn|mn|m|k)?$|[A-Z]{2}\$?\d[\d,]*\.\d+$"
)


def _model_products(
    text: str,
    start: int,
    end: int,
    brands: Set[str],
    toks: Sequence[tuple[int, int, str]] | None = None,
) -> list[_Cand]:
    """Named models: ``SU7``, ``Xuanjie O1``, ``Xiaomi 15 Ultra``, ``iPhone 16``, ``Vela OS``.

    ``toks`` are the tokens of ``start..end`` when the caller has them already."""
    if toks is None:
        toks = _tokens(text, start, end)
    found: list[_Cand] = []
    i = 0
    while i < len(toks):
        word = toks[i][2]
        first = last = -1
        if _MODEL_TRIGGER.search(word) is None:
            i += 1
            continue  # every model rule starts at a digit, ``OS`` or ``Model``
        if (
            _MODEL_CODE.match(word)
            and any(c.isdigit() for c in word)
            and not _CURRENCY_AMOUNT.match(word)
            and not _TICKER.match(word)
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
        elif _NAME_OS.fullmatch(word):
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


def _branded_products(
    text: str,
    start: int,
    end: int,
    brands: Set[str],
    others: set[str],
    named: SpanIndex,
    org_at: dict[str, list[tuple[int, int]]],
    pos: Callable[[int], str],
    firm_orgs: frozenset[str] = frozenset(),
    toks: Sequence[tuple[int, int, str]] | None = None,
) -> list[_Cand]:
    """A name right before a product noun (``the Brightwater Helix surgical system``,
    ``the Hoshi Pay payments app``).

    The name is a product when it starts with a maker the document names
    (``Brightwater`` + ``Helix``), or when the model read it as a person's or product's name
    and it is no organisation of the document. A brand alone before a noun stays an
    organisation (``Xiaomi cars``). A maker's name plus a word that only the model read as
    an organisation is a product (``the Halcyon Intelligence assistant``); ``firm_orgs``
    are the keys of organisations known otherwise (alias table, corporate words); ``pos``
    gives the tag of the token at an offset (empty without a tagger).
    """
    if toks is None:
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
            tag = pos(toks[k][0])
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
        read_as_name = len(words) >= 2 and named.overlaps(*span)
        if branded or read_as_name:
            found.append(_Cand("product", span[0], span[1], "rule"))
    return found


_LINE = re.compile(
    r"\b(?:[Tt]he|[Ii]ts|[Tt]heir|[Oo]ur|[Hh]is|[Hh]er|[Aa]n?)\s+"
    r"(?P<name>[A-Z][\w-]*(?:[ ][A-Z][\w-]*){0,2})"
    r"(?:[ ](?P<noun>[a-z]+(?:-[a-z]+)?))?[ ]"
    r"(?P<line>line|lines|lineup|line-up|range|collection|family|series)\b"
)


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


_NOUN_NAMED = re.compile(
    r"\b(?P<noun>[a-z]+)[ ](?P<name>[A-Z][a-z][\w-]*(?:[ ][A-Z0-9][\w-]*)?)(?![\w-])"
)


def _noun_named_products(text: str, start: int, end: int, excluded: Set[str]) -> list[_Cand]:
    """A name right after a noun that names a product (``the cancer drug Corvel``, ``its
    weight-loss injection Veltra``); a name the document uses for an organisation, a
    person or a place is none."""
    found: list[_Cand] = []
    for match in _NOUN_NAMED.finditer(text, start, end):
        if match.group("noun") not in _NAMING_NOUNS:
            continue
        name = match.group("name")
        words = name.split()
        if (
            canonical_key(name) in excluded
            or canonical_key(words[0]) in excluded
            or any(w.casefold() in _FUNCTION_WORDS | _ORG_WORDS for w in words)
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
