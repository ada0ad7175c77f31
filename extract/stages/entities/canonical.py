"""Canonical names of the kept spans within the document."""

from __future__ import annotations

from collections.abc import Sequence, Set

from extract.document import ParsedDoc
from extract.normalize.entities import canonical_key, clean_name, strip_corporate_suffix
from extract.records import Mention
from extract.stages.entities.known import KnownNames
from extract.stages.entities.naming import (
    _acronym_names,
    _full_person,
    _linked_names,
    _merge_spellings,
    _people_by_word,
    _short_org_names,
)
from extract.stages.entities.orgs import _legal_names
from extract.stages.entities.products import _model_series
from extract.stages.entities.spans import _Cand, _latin, _words


def canonicalize(
    doc: ParsedDoc,
    cands: list[_Cand],
    known: KnownNames,
    links: Sequence[tuple[tuple[int, int], tuple[int, int]]] = (),
) -> list[Mention]:
    """The mentions of the kept spans, each with its canonical name in the document."""
    text = doc.text
    folded = text.casefold()
    named: list[tuple[_Cand, str]] = []
    for c in cands:
        surface = text[c.start : c.end]
        name = c.canonical or known.name(c.kind, surface) or ""
        if c.kind == "org" and name and _latin(surface) and not _written(name, surface, folded):
            name = ""  # "NYSE" stays "NYSE" where the full name is not written
        named.append((c, name))

    # People: a surname alone is the person named in full elsewhere in the document.
    full_people = [
        clean_name(text[c.start : c.end])
        for c, name in named
        if c.kind == "person" and len(_words(text[c.start : c.end])) >= 2
    ]
    people_by_word = _people_by_word(full_people)
    products = [
        name or clean_name(text[c.start : c.end]) for c, name in named if c.kind == "product"
    ]
    org_names = {
        name or strip_corporate_suffix(clean_name(text[c.start : c.end]))
        for c, name in named
        if c.kind == "org"
    }
    splits = _maker_splits(products, org_names, known.org_names)

    result: list[tuple[_Cand, str]] = []
    for c, name in named:
        surface = text[c.start : c.end]
        if not name:
            if c.kind == "person":
                name = _full_person(surface, people_by_word)
            elif c.kind == "product":
                name = _product_name(surface, splits, known)
            elif c.kind == "org":
                name = strip_corporate_suffix(clean_name(surface))
            else:
                name = clean_name(surface)
        result.append((c, name))
    legal = frozenset(canonical_key(n) for n in _legal_names(text))
    result = _short_org_names(result, legal)
    result = _merge_spellings(result, known.fuzzy_threshold)
    result = _linked_names(result, links)
    result = _acronym_names(
        result, [clean_name(text[c.start : c.end]) for c in cands if c.kind == "org"]
    )
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


def _written(name: str, surface: str, folded: str) -> bool:
    """The alias table's name of an organisation is used only where the document writes
    it, or where it starts with the name written (``JD`` -> ``JD.com``): no outside
    renaming of acronyms (``NYSE``) or spellings (``PRNewswire``); a name in another
    script keeps its translation (the caller checks)."""
    return name.casefold() in folded or canonical_key(name).startswith(canonical_key(surface))


def _maker_splits(
    products: Sequence[str], org_names: Set[str], known_orgs: Set[str]
) -> list[tuple[str, str]]:
    """(maker, rest) of each product name that opens with an organisation's name
    of the document or the alias table
    (``Xiaomi SU7`` -> ``Xiaomi``, ``SU7``), in the order of ``products``: found by looking
    up the product's leading words, once per document."""
    splits: list[tuple[str, str]] = []
    for other in products:
        parts = other.split(" ")
        for n in range(1, len(parts)):
            org = " ".join(parts[:n])
            if org in org_names or org in known_orgs:
                splits.append((org, other[len(org) + 1 :]))
    return splits


def _product_name(surface: str, splits: Sequence[tuple[str, str]], known: KnownNames) -> str:
    name = clean_name(surface)
    # Longest alias product the name starts with: "SU7 Ultra" -> "Xiaomi SU7" + " Ultra".
    words = name.split()
    for n in range(len(words), 0, -1):
        head = " ".join(words[:n])
        entry = known.table.lookup_key("product", head)
        if entry is not None and entry.canonical.casefold().endswith(head.casefold()):
            return entry.canonical + name[len(head) :]
    others = [(org, rest) for org, rest in splits if not name.startswith(org + " ")]
    # The document names the maker: "Xiaomi SU7" earlier, "SU7" later.
    for org, rest in others:
        if name == rest or name.startswith(rest + " "):
            return f"{org} {name}"
    # A sibling model code of the same series: "Qingyun K5" named, then "K7" alone.
    series = _model_series(name)
    if series:
        makers = {org for org, rest in others if _model_series(rest) == series}
        if len(makers) == 1:
            return f"{makers.pop()} {name}"
    # A sibling model of the same line: "Qingyun Aurora 7", then "Aurora 9".
    if len(words) >= 2:
        for org, rest in others:
            line = rest.split()
            if len(line) >= 2 and line[0] == words[0]:
                return f"{org} {name}"
    return name
