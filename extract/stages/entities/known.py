"""What the alias table knows, prepared once per process for every document.

``KnownNames`` holds the alias table's surfaces indexed by their first word (the scan of a
text reads it word by word once), its matching keys by kind, and the keys of its
organisations, products and places, so that no pass rebuilds them per document.
"""

from __future__ import annotations

import re
from collections import defaultdict

from rapidfuzz import fuzz, process

from extract.aliases import AliasEntry, AliasTable
from extract.normalize.entities import canonical_key, clean_name
from extract.records import ENTITY_KINDS
from extract.stages.entities.naming import _same_shape
from extract.stages.entities.spans import (
    _WORD,
    Coverage,
    _alias_case_ok,
    _alias_regex,
    _Cand,
    _following_org_word,
    _latin,
    _legal_form,
    _name_tokens,
)
from extract.stages.entities.vocab import _DESCRIPTIVE_WORDS, _FUZZY_KINDS, _FUZZY_MIN_LEN


class KnownNames:
    """The alias table's names, matching keys and scan patterns, built once."""

    def __init__(self, aliases: AliasTable, fuzzy_threshold: int = 90) -> None:
        self.table = aliases
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
        self.keys = {kind: aliases.keys(kind) for kind in ENTITY_KINDS}
        self.org_keys = frozenset(self.keys["org"])
        self.product_keys = frozenset(canonical_key(s) for s in aliases.canonicals("product"))
        self.place_keys = frozenset(canonical_key(s) for s in aliases.canonicals("place"))
        self.org_names = frozenset(aliases.canonicals("org"))
        brands = self.org_keys | self.product_keys
        self.brand_keys = brands | {p for key in brands if (p := maker_prefix(key))}

    def candidates(self, text: str) -> list[_Cand]:
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
        taken = Coverage(len(text))
        for start, end, surface in sorted(hits, key=lambda h: (h[0] - h[1], h[0])):
            if taken.overlaps(start, end):
                continue
            taken.add(start, end)
            entry = self.table.lookup(surface)
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

    def entry(self, kind: str, surface: str) -> AliasEntry | None:
        """The alias entry a model span names: its own kind first, then any kind; short
        names (``MI``) only when written exactly as in the table."""
        exact = self.table.lookup(clean_name(surface))
        if exact is not None:
            return exact
        if len(canonical_key(surface)) < 4:
            return None
        for candidate_kind in (kind, "org", "product", "place", "person"):
            entry = self.table.lookup_key(candidate_kind, surface)
            if entry is not None:
                return entry
        return None

    def name(self, kind: str, surface: str) -> str:
        """The canonical name of ``surface`` in the table: by its key, else by a spelling
        closer than the fuzzy threshold of the same shape; empty when unknown."""
        entry = self.table.lookup_key(kind, surface)
        if entry is not None:
            return entry.canonical
        key = canonical_key(surface)
        if kind not in _FUZZY_KINDS or len(key) < _FUZZY_MIN_LEN:
            return ""
        match = process.extractOne(
            key, self.keys[kind], scorer=fuzz.ratio, score_cutoff=self.fuzzy_threshold
        )
        if match is None or not _same_shape(key, match[0]):
            return ""
        entry = self.table.lookup_key(kind, match[0])
        return entry.canonical if entry is not None else ""


def maker_prefix(key: str) -> str:
    """The leading word(s) of a maker's key before descriptive words (``orbis`` of ``orbis
    motors``), which name the maker too; empty when there are none."""
    words = key.split()
    for n in range(1, len(words)):
        if all(w in _DESCRIPTIVE_WORDS for w in words[n:]):
            return " ".join(words[:n])
    return ""
