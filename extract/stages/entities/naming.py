"""Canonical names within a document and across the documents of a run."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

import numpy as np
from rapidfuzz import fuzz, process

from extract.normalize.entities import (
    canonical_key,
    clean_name,
)
from extract.records import ENTITY_KINDS, Mention
from extract.stages.entities.spans import _Cand
from extract.stages.entities.vocab import (
    _DESCRIPTIVE_WORDS,
    _FUZZY_ANCHORS,
    _FUZZY_KINDS,
    _FUZZY_MIN_LEN,
)


def _people_by_word(full_people: Iterable[str]) -> dict[str, set[str]]:
    """Each word of the people named in full, case-folded -> the full names holding it."""
    owners: dict[str, set[str]] = defaultdict(set)
    for person in full_people:
        for word in person.split():
            owners[word.casefold()].add(person)
    return owners


def _full_person(surface: str, owners_by_word: Mapping[str, set[str]]) -> str:
    """A single name that is a word of exactly one person named in full is that person."""
    name = clean_name(surface)
    if len(name.split()) >= 2:
        return name
    owners = owners_by_word.get(name.casefold(), set())
    return next(iter(owners)) if len(owners) == 1 else name


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


def _linked_names(
    named: list[tuple[_Cand, str]], links: Sequence[tuple[tuple[int, int], tuple[int, int]]]
) -> list[tuple[_Cand, str]]:
    """An organisation's ticker or acronym (``HLVD`` after ``Halvard Freight``) takes the
    organisation's name, wherever the document uses it."""
    if not links:
        return named
    by_span = {(c.start, c.end): name for c, name in named if c.kind == "org"}
    renames = {
        by_span[code]: by_span[org]
        for code, org in links
        if code in by_span and org in by_span and by_span[code] != by_span[org]
    }
    return [(c, renames.get(name, name) if c.kind == "org" else name) for c, name in named]


def _acronym_names(
    named: list[tuple[_Cand, str]], full_names: Sequence[str]
) -> list[tuple[_Cand, str]]:
    """An organisation named by the initials of another organisation of the document
    (``HEMC`` after ``Harbin Electric Machinery Corporation``) takes that one's name;
    ``full_names`` are the organisations' names as written (legal forms kept)."""
    by_initials: dict[str, set[str]] = defaultdict(set)
    names = {canonical_key(name): name for c, name in named if c.kind == "org"}
    for full in full_names:
        words = [w for w in full.replace("-", " ").split() if w[:1].isupper()]
        if len(words) < 2:
            continue
        target = names.get(canonical_key(full))
        if target is None:
            continue
        for n in (len(words), len(words) - 1):
            if n >= 2:
                by_initials["".join(w[0] for w in words[:n])].add(target)
    renames = {
        name: next(iter(by_initials[name]))
        for c, name in named
        if c.kind == "org" and name.isupper() and len(by_initials.get(name, ())) == 1
    }
    return [(c, renames.get(name, name) if c.kind == "org" else name) for c, name in named]


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
    # Each name is compared with the most frequent names only (all of them up to
    # _FUZZY_ANCHORS), so the cost grows with the number of names, not with its square.
    long_keys = [k for k in keys if len(k) >= _FUZZY_MIN_LEN] if kind in _FUZZY_KINDS else []
    if len(long_keys) > 1:
        frequency: Counter[str] = Counter()
        for key, name in pairs:
            frequency[key] += counts[name]
        anchors = sorted(long_keys, key=lambda k: -frequency[k])[:_FUZZY_ANCHORS]
        scores = process.cdist(long_keys, anchors, scorer=fuzz.ratio, score_cutoff=threshold)
        for i, j in zip(*np.nonzero(scores), strict=True):
            a, b = long_keys[i], anchors[j]
            if a != b and _same_shape(a, b):
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


def _same_shape(a: str, b: str) -> bool:
    """Spelling variants, not different names: the first letter and the digits agree."""
    return a[:1] == b[:1] and re.findall(r"\d+", a) == re.findall(r"\d+", b)


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
