"""The ``entities`` table rows, with a person's role and organisation."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from extract.document import ParsedDoc
from extract.normalize.entities import (
    clean_name,
)
from extract.records import ENTITY_KINDS, EntityRow, Mention
from extract.stages.entities.spans import _words
from extract.stages.entities.vocab import _ROLE_WORDS

_ROLE_TEXT = re.compile(r"^[A-Za-z][A-Za-z&.\- ]*(?:,\s*(?:and\s+)?[A-Za-z][A-Za-z&.\- ]*)*$")


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
