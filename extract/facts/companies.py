"""Pass 0b: which org mentions name companies, and the name a company takes as a subject.

A fact's subject is a company. The entity stage tags as organisations some names that are
not: a drug or a car model (``its weight-loss drug Zelvora``), a site (``the Tarrow mine``),
a heading or table word (``Outlook``, ``Gross`` in ``Gross profit``). This pass reads the
document's evidence about each org name and rewrites its mentions: products become product
mentions (they name a segment), sites become places, heading words are dropped. Then every
company takes one subject name: its name without legal forms and group words (``Tarrow Dairy
Holdings Limited`` -> ``Tarrow Dairy``, ``Groupe Tavel`` -> ``Tavel``), and without
descriptive words only where the text also uses the short name alone (``Halden`` beside
``Halden Therapeutics``; ``Quorra Auto`` keeps ``Auto`` when the text never says
``Quorra`` alone).
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from extract.facts.vocabulary import Vocabulary
from extract.lexicon import MetricLexicon
from extract.records import Mention

__all__ = ["company_evidence", "company_names", "name_counts"]

_WORD = re.compile(r"[^\W_][\w&'\u2019]*")
_LETTERS = re.compile(r"[^\W_]+")
_NAME_SPLIT = re.compile(r"[\s,.\-]+")

# After a name: a possessive, or a verb of which the name is the subject ("Acme reported",
# "Acme on Thursday said", "Acme (NYSE: ACME) posted", "Acme is racing").
_EVIDENCE_AFTER = re.compile(
    r"^(?:['\u2019]s\b|(?:\s*\([^()\n]{0,40}\))?,?\s+(?:on\s+\w+\s+|also\s+|now\s+|has\s+|have\s+|"
    r"had\s+)?(?:[a-z]+ed|said|says|is|was|are|were|has|had|expects|reports|posts|sees|plans|"
    r"will|would|sold|paid|earned|made|grew|rose|fell|brought|won|took|kept|held|cut|set|saw|"
    r"got|gave|lost|shipped|carried|raised|raises|announces|announced|delivers|delivered)\b)"
)
# Before a name: "shares of Acme", "Acme shares" is covered by the possessive-free rule below.
# Right after a name: its ticker in brackets ("Acme Foods (NYSE: ACME)", "Acme (B3: ACME3)").
_TICKER_AFTER = re.compile(r"^\s*\((?:[A-Za-z][\w .&-]{0,20}:\s*)?[A-Z0-9]{1,6}(?:\.[A-Z]{1,3})?\)")
_EVIDENCE_BEFORE = re.compile(r"\b(?:shares|stock)\s+(?:of|in)\s+$", re.IGNORECASE)
_SHARES_AFTER = re.compile(r"^\s+(?:shares|stock)\b")


def _name(mention: Mention) -> str:
    return mention.canonical or mention.text


def company_evidence(text: str, mention: Mention, vocab: Vocabulary) -> bool:
    """True where the text treats the name as a company: a possessive (``Acme's``), the
    subject of a verb (``Acme reported``), its ticker in brackets (``Acme (NYSE: ACM)``),
    ``shares of Acme``, or a corporate word in the name as written (``Acme Holdings``,
    ``Cascara Air``)."""
    if _corporate(mention.text, vocab):
        return True
    after = text[mention.end : mention.end + 60]
    before = text[max(0, mention.start - 20) : mention.start]
    return bool(
        _EVIDENCE_AFTER.match(after)
        or _TICKER_AFTER.match(after)
        or _SHARES_AFTER.match(after)
        or _EVIDENCE_BEFORE.search(before)
    )


def name_counts(text: str, names: Iterable[str]) -> Counter[str]:
    """How often each name occurs in the text as whole words, ignoring case (in all-caps
    headings, inside longer names, where the entity stage missed it). One pass over the
    words per name length."""
    keys: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for name in names:
        key = tuple(w.lower() for w in _WORD.findall(name))
        if key:
            keys[key].append(name)
    counts: Counter[str] = Counter()
    if not keys:
        return counts
    words = [w.lower() for w in _WORD.findall(text)]
    for size in {len(k) for k in keys}:
        for i in range(len(words) - size + 1):
            window = tuple(words[i : i + size])
            for name in keys.get(window, ()):
                counts[name] += 1
    return counts


def company_names(
    text: str, mentions: Sequence[Mention], vocab: Vocabulary, lexicon: MetricLexicon
) -> list[Mention]:
    """The mentions with each org read as a company, a product, a site or nothing, and each
    company's mentions named by its subject name."""
    orgs = [m for m in mentions if m.kind == "org"]
    by_name: dict[str, list[Mention]] = defaultdict(list)
    for org in orgs:
        by_name[_name(org)].append(org)
    product_names = {_name(m) for m in mentions if m.kind == "product"}
    place_counts = Counter(_name(m) for m in mentions if m.kind == "place")
    lower_words = {w for w in _WORD.findall(text) if w.islower()}
    verdict: dict[str, str] = {}
    for name, group in by_name.items():
        evidence = any(company_evidence(text, m, vocab) for m in group)
        if name in product_names or any(
            vocab.product_before.search(text, max(0, m.start - 30), m.start) for m in group
        ):
            verdict[name] = "product"
        elif _is_metric(name, lexicon):
            verdict[name] = "drop"  # "PCL was $351 million": a metric's acronym, never a company
        elif (
            not evidence and any(vocab.asset_after.match(text[m.end : m.end + 30]) for m in group)
        ) or (
            not _corporate(name, vocab)
            and (
                place_counts[name] > len(group)
                or any(
                    vocab.asset_before.search(text, max(0, m.start - 30), m.start) for m in group
                )
            )
        ):
            verdict[name] = "place"  # "the Tarrow mine", "new wells at Tarrow", mostly a place
        elif not evidence and " " not in name.strip() and name.lower() in lower_words:
            verdict[name] = "drop"  # "Outlook", "Gross" (profit): a common word as a heading
        elif (
            not evidence and name.isupper() and any(_metric_after(text, m, lexicon) for m in group)
        ):
            verdict[name] = "drop"  # "ABC deposits", "XYZ revenue": an acronym of a kind
    renamed = _subject_names(text, mentions, by_name, verdict, vocab)
    date_spans = sorted((m.start, m.end) for m in mentions if m.kind == "date")
    date_starts = [start for start, _ in date_spans]
    out: list[Mention] = []
    for mention in mentions:
        if mention.kind in ("org", "product") and _dated(mention, date_spans, date_starts):
            continue  # "Bank Q2FY26", "H1FY25": a period label read as a name
        if mention.kind != "org":
            out.append(mention)
            continue
        name = _name(mention)
        kind = verdict.get(name, "org")
        if kind == "drop":
            continue
        if kind == "org":
            out.append(dataclasses.replace(mention, canonical=renamed.get(name, name)))
        else:
            out.append(dataclasses.replace(mention, kind=kind))
    return out


def _corporate(name: str, vocab: Vocabulary) -> bool:
    """A corporate word after the first word of the name (``Tarrow Energy``)."""
    words = [w.lower() for w in _NAME_SPLIT.split(name) if w]
    return any(w in vocab.corporate_words for w in words[1:])


def _is_metric(name: str, lexicon: MetricLexicon) -> bool:
    """The whole name is a metric phrase of the lexicon (``PCL``, ``EBITDA``)."""
    found = lexicon.find_metrics(name, 0, len(name))
    return any(m.start == 0 and m.end == len(name) for m in found)


def _metric_after(text: str, mention: Mention, lexicon: MetricLexicon) -> bool:
    """A metric phrase follows the name right away (``CASA deposits``)."""
    found = lexicon.find_metrics(text, mention.end, min(len(text), mention.end + 40))
    return any(text[mention.end : m.start].strip() == "" for m in found)


def _dated(mention: Mention, spans: list[tuple[int, int]], starts: list[int]) -> bool:
    """The mention overlaps a date mention."""
    i = bisect.bisect_left(starts, mention.end)
    return i > 0 and spans[i - 1][1] > mention.start


def _strip_legal(name: str, legal: frozenset[str]) -> str:
    """``Tarrow Dairy Holdings Limited`` -> ``Tarrow Dairy``; ``Groupe Tavel`` -> ``Tavel``."""
    words = name.replace(",", " ").split()
    while len(words) > 1 and words[-1].lower().strip(".") in legal:
        words.pop()
    while len(words) > 1 and words[0].lower() in legal:
        words.pop(0)
    # "Rhenania Versicherungs-AG": a legal form hyphenated to the last word.
    if len(words) > 1 and "-" in words[-1]:
        head, _, tail = words[-1].rpartition("-")
        if tail.lower().strip(".") in legal and head:
            words[-1] = head
    return " ".join(words)


def _subject_names(
    text: str,
    mentions: Sequence[Mention],
    by_name: dict[str, list[Mention]],
    verdict: dict[str, str],
    vocab: Vocabulary,
) -> dict[str, str]:
    """Each company's subject name: legal words dropped, and the short form only where the
    text uses it alone (not followed by the longer form's other words, and not inside the
    name of another entity such as a product)."""
    spans = sorted(
        (m.start, m.end, _name(m))
        for m in mentions
        if m.kind in ("org", "product", "person", "place")
    )
    starts = [s for s, _, _ in spans]
    renamed: dict[str, str] = {}
    for name, group in by_name.items():
        if verdict.get(name, "org") != "org":
            continue
        short = _strip_legal(name, vocab.legal_words)
        longer = sorted(
            {
                stripped
                for m in group
                if (stripped := _strip_legal(m.text, vocab.legal_words))
                .lower()
                .startswith(short.lower() + " ")
            },
            key=len,
        )
        if longer and not _used_alone(text, short, longer[0], name, spans, starts):
            short = short + longer[0][len(short) :]
        if short != name:
            renamed[name] = short
    # An all-caps heading form takes the subject name of the company written in mixed case
    # ("ACME FOODS LIMITED" beside "Acme Foods Limited ... Acme").
    by_lower: dict[str, str] = {}
    for name, group in by_name.items():
        if verdict.get(name, "org") == "org" and not name.isupper():
            for m in group:
                key = _strip_legal(m.text, vocab.legal_words).lower()
                by_lower.setdefault(key, renamed.get(name, name))
    for name in by_name:
        if verdict.get(name, "org") == "org" and name.isupper():
            subject = by_lower.get(_strip_legal(name, vocab.legal_words).lower())
            if subject:
                renamed[name] = subject
    return renamed


def _used_alone(
    text: str,
    short: str,
    longer: str,
    name: str,
    spans: list[tuple[int, int, str]],
    starts: list[int],
) -> bool:
    rest = longer[len(short) :].strip().lower().split()
    pattern = re.compile(r"(?<![\w&])" + re.escape(short) + r"(?![\w&])", re.IGNORECASE)
    for match in pattern.finditer(text):
        following = [w.lower() for w in _LETTERS.findall(text[match.end() : match.end() + 80])]
        if following[: len(rest)] == rest:
            continue
        i = bisect.bisect_right(starts, match.start()) - 1
        if i >= 0 and spans[i][1] >= match.end() and spans[i][2] != name:
            continue  # inside another entity's name ("Quorra Vela")
        if i >= 0 and spans[i][1] >= match.end() and spans[i][0] < match.start():
            continue  # inside a longer mention of the same company
        return True
    return False
