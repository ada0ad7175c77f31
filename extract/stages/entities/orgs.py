"""Organisations found by rule: lists, ``A & B`` firms, makers, names with a legal form."""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace
from types import MappingProxyType

from extract.document import ParsedDoc
from extract.normalize.entities import (
    canonical_key,
    clean_name,
)
from extract.stages.entities.context import _DocContext
from extract.stages.entities.known import KnownNames
from extract.stages.entities.products import _product_names
from extract.stages.entities.spans import (
    SpanIndex,
    _Cand,
    _following_org_word,
    _is_concept_word,
    _legal_form,
    _trim,
    _words,
    find_names,
)
from extract.stages.entities.vocab import (
    _COMMON_NOUN_END,
    _COMMON_PAIR_WORDS,
    _DESCRIPTIVE_WORDS,
    _DETERMINERS,
    _FUNCTION_WORDS,
    _ROLE_WORDS,
    NOT_ENTITIES,
)

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
    kinds_at: dict[tuple[int, int], set[str]] = defaultdict(set)
    for c in cands:
        kinds_at[(c.start, c.end)].add(c.kind)
    product_names = _product_names(text, cands)
    taken = SpanIndex(kinds_at)
    org_spans = SpanIndex(span for span, kind in by_span.items() if kind == "org")
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
                    not (kind == "place" and item[0] <= s and e < item[1])
                    for s, e in taken.overlapping(*item)
                    for kind in kinds_at[(s, e)]
                )
            ):
                found.append(_Cand("org", item[0], item[1], "propagated"))
    for match in _MEDIA_NAME.finditer(text):
        span = (match.start(1), match.end(1))
        if not org_spans.overlaps(*span):
            found.append(_Cand("org", span[0], span[1], "rule"))
    return found


_AMPERSAND_NAME = re.compile(r"(?<![\w&-])([A-Z][a-z]+[ ]&[ ][A-Z][a-z]+)(?![\w&-])")


def _ampersand_orgs(doc: ParsedDoc, ctx: _DocContext, cands: Sequence[_Cand]) -> list[_Cand]:
    """Two capitalized words joined by ``&`` are a firm's name (``Dunmore & Pike``), with
    any legal form after it, where nothing else was read there; two common words that the
    document also writes in lower case (``Research & Development``) are none."""
    text = doc.text
    taken = SpanIndex((c.start, c.end) for c in cands)
    found: list[_Cand] = []
    for match in _AMPERSAND_NAME.finditer(text):
        start, end = match.span(1)
        words = [w for w in match.group(1).split() if w != "&"]
        if (
            not ctx.english(doc, start)
            or taken.overlaps(start, end)
            or any(
                w.casefold() in _FUNCTION_WORDS | NOT_ENTITIES | _ROLE_WORDS | _COMMON_PAIR_WORDS
                or _COMMON_NOUN_END.search(w)
                for w in words
            )
            or all(w.lower() in ctx.lower for w in words)
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
    if not makers:
        return []
    taken = SpanIndex((c.start, c.end) for c in cands)
    found: list[_Cand] = []
    for word in _MAKER_WORD.finditer(text):
        maker = word.group(0)
        if maker not in makers:
            continue
        match = _MAKER_TAIL.match(text, word.end())
        if match is None:
            continue
        tail = match.group(0).split()
        if not all(w.casefold() in _DESCRIPTIVE_WORDS or _legal_form(w) for w in tail):
            continue
        span = (word.start(), match.end())
        if not ctx.english(doc, span[0]) or taken.overlaps(*span):
            continue
        found.append(_Cand("org", span[0], span[1], "rule", "", maker))
    return found


_MAKER_WORD = re.compile(r"(?<![\w-])[A-Z][a-z]{2,}(?=[ ][A-Z][a-z])")
_MAKER_TAIL = re.compile(r"(?:[ ][A-Z][a-z]+)+\b")


# A name followed by a legal form proper (not ``Group``/``Holdings``): a company. A short
# number may open it (``361 Capital LLC``, ``3D Systems Corp.``).
_LEGAL_NAME = re.compile(
    r"(?<![\w&.,-])((?:\d{1,3}[A-Za-z]*[ \t]+)?(?:[A-Z][\w&'-]*(?:[ \t]+&)?[ \t]+){0,3}"
    r"[A-Z][\w&'-]*)"
    r"((?:,?[ \t]+(?:Co\.,?[ \t]*Ltd\.?|S\.p\.A\.|S\.A\.|N\.V\.|K\.K\.|A/S\b"
    r"|(?:Inc|Corp|Ltd|Co)\.|(?:Inc|Incorporated|Ltd|Limited|Corp|Corporation|LLC|PLC|plc|AG|SE"
    r"|SA|GmbH|NV|BV|SpA|ASA|AB|ApS|Oyj|Oy)\b))+)"
)


@functools.lru_cache(maxsize=2)
def _legal_names(text: str) -> Mapping[str, str]:
    """Names written somewhere with a legal form (``Kessler Antriebstechnik AG``): the name
    without it -> the name with it as first written."""
    names: dict[str, str] = {}
    lowered: set[str] | None = None
    for match in _LEGAL_NAME.finditer(text):
        words = match.group(1).split()
        if lowered is None:
            lowered = {w.casefold() for w in re.findall(r"(?<![A-Z])\b[a-z][\w-]*", text)}
        if words[0][0].isdigit() and re.search(
            r"[A-Z][a-z]*\.?[ \t]+$", text[max(0, match.start() - 12) : match.start()]
        ):
            words.pop(0)  # "on June 3 Acme Inc.": a day, not a part of the name
        while len(words) > 1 and (
            words[0].casefold() in _FUNCTION_WORDS | _DETERMINERS | _ROLE_WORDS
            or words[0].casefold() in lowered
            or (words[0].isupper() and not words[0][0].isdigit())
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
        owner = max(
            (i for i, w in enumerate(words[:-1]) if re.search(r"['\u2019]s$", w)), default=-1
        )
        words = words[owner + 1 :]  # "Britain's Tesco PLC": the name after the possessive
        name = " ".join(words)
        if (
            len(name) < 3
            or name.isupper()
            or name.casefold() in _FUNCTION_WORDS | _DETERMINERS | NOT_ENTITIES
        ):
            continue
        names.setdefault(name, name + match.group(2))
    return MappingProxyType(names)


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
    org_names = heads.union(names)
    out = [
        replace(c, kind="org")
        if c.kind == "person" and clean_name(text[c.start : c.end]) in org_names
        else c
        for c in cands
    ]
    ruler = SpanIndex((c.start, c.end) for c in out if c.source == "ruler")
    orgs = SpanIndex((c.start, c.end) for c in out if c.kind == "org")
    for _name, start, end in find_names(text, names, bad_before="_&-", bad_after="_&-"):
        tail = _LEGAL_NAME.match(text, start)
        if tail is not None and tail.start(2) == end:
            end = tail.end()
        if ruler.overlaps(start, end) or any(
            not (start <= s and e <= end) for s, e in orgs.overlapping(start, end)
        ):
            continue  # an alias, or a longer organisation's name, reads these characters
        out.append(_Cand("org", start, end, "rule"))
    return out


# A ticker or an acronym in brackets after a name, with an exchange before it or not:
# "Halvard Freight (HLVD)", "(NYSE: HLVD)", "(LSE: HLV.L-news)", "(Other OTC: HLVDF)"
# (``OTC``, over the counter, is a market and no organisation).
_BRACKETED = re.compile(
    r"\((?:(?:Other[ ])?(?P<exchange>[A-Z][A-Za-z]{1,11})[ ]?:[ ]?)?"
    r"(?P<code>[A-Z][A-Za-z0-9]{0,6}(?:[ ]?\.[A-Z]{1,3})?)(?:-news)?\)"
)


def _bracketed_orgs(
    doc: ParsedDoc, ctx: _DocContext, cands: Sequence[_Cand], known: KnownNames
) -> tuple[list[_Cand], list[tuple[tuple[int, int], tuple[int, int]]]]:
    """Tickers and acronyms in brackets: an organisation's ticker or acronym right after
    its name (``Halvard Freight (HLVD)``, ``the Harbour Policy Committee (HPC)``) is that
    organisation, and so are a stock exchange and a ticker written ``(EXCHANGE: CODE)``;
    an exchange named by its city (``(Amsterdam: GX8.AS)``) is that place, and ``OTC`` is
    no organisation.

    Returns the new organisations and the (code span, name span) pairs whose code takes the
    name's canonical.
    """
    text = doc.text
    taken = SpanIndex((c.start, c.end) for c in cands)
    org_ends = {c.end: c for c in cands if c.kind == "org"}
    places = {e.start_char for e in ctx.ents if e.label_ in ("GPE", "LOC")}
    found: list[_Cand] = []
    links: list[tuple[tuple[int, int], tuple[int, int]]] = []
    for match in _BRACKETED.finditer(text):
        if not ctx.english(doc, match.start()):
            continue
        code = match.group("code")
        exchange = match.group("exchange")
        if canonical_key(code) in ctx.concept_keys:
            continue  # "Data Warehouse (DW)": a defined abbreviation of a concept
        before = (
            org_ends.get(match.start() - 1)
            if text[match.start() - 1 : match.start()] == " "
            else None
        )
        if exchange is None and (before is None or not _code_like(code)):
            continue
        if exchange is not None and not _code_like(code) and not code[:1].isdigit():
            continue
        span = match.span("code")
        if not taken.overlaps(*span):
            found.append(_Cand("org", span[0], span[1], "rule"))
        if before is not None and exchange is None:
            links.append((span, (before.start, before.end)))
        if (
            exchange is not None
            and exchange.upper() != "OTC"
            and not taken.overlaps(*match.span("exchange"))
        ):
            place = known.table.lookup_key("place", exchange)
            kind = "place" if place is not None or match.start("exchange") in places else "org"
            canonical = place.canonical if place is not None else ""
            found.append(_Cand(kind, *match.span("exchange"), "rule", "", canonical))
    return found, links


def _code_like(code: str) -> bool:
    """Capital letters (and digits or a market suffix): ``HLVD``, ``HLV.L``, ``A1G.DE``."""
    head = code.split(".")[0].strip()
    return len(head) >= 2 and head.isupper() and head.casefold() not in NOT_ENTITIES


# Words of a public body's name: a country code before it is part of the name.
_PUBLIC_BODY = re.compile(
    r"\b(?:Federal|Reserve|Fed|Treasury|Commission|Department|Ministry|Bureau|Agency"
    r"|Authority|Administration|Congress|Senate|Court|Parliament)\b"
)
_COUNTRY_CODE = re.compile(r"(?<![\w.])((?:[A-Z]\.){2,3}|[A-Z]{2,3})[ ]$")


def _country_prefixed(text: str, cands: Sequence[_Cand], known: KnownNames) -> list[_Cand]:
    """A public body named with its country's code before it is one organisation (``US
    Federal Reserve``, ``U.S. Securities and Exchange Commission``); the code is then no
    place of its own."""
    out: list[_Cand] = []
    for c in cands:
        if c.kind == "org" and _PUBLIC_BODY.search(text, c.start, c.end):
            code = _COUNTRY_CODE.search(text, max(0, c.start - 8), c.start)
            if code is not None and known.table.lookup_key("place", code.group(1)) is not None:
                c = replace(c, start=code.start(1), canonical="")
        out.append(c)
    return out


_CENTRAL_BANK = re.compile(r"\b[Cc]entral [Bb]ank of (?:the )?[A-Z][\w-]+(?: [A-Z][\w-]+)?")


def _central_banks(doc: ParsedDoc, ctx: _DocContext) -> list[_Cand]:
    """``the central bank of Hungary``, ``Central Bank of the Philippines``: a country's
    central bank is an organisation, whatever the case of its first words."""
    return [
        _Cand("org", m.start(), m.end(), "rule")
        for m in _CENTRAL_BANK.finditer(doc.text)
        if ctx.english(doc, m.start())
    ]
