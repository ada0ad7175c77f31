"""The document context, read once the sentences' candidates are known: the company the
article is about, the period it reports, the currency in force, the reference day."""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections import Counter
from collections.abc import Sequence

from extract.document import ParsedDoc
from extract.facts.companies import company_evidence, name_counts
from extract.facts.cues import COMPARISON_DATE_BEFORE, REPORT_PERIOD
from extract.facts.periods import ended_by, report_interval, year_to_date
from extract.facts.records import DocContext, Sentence
from extract.facts.subjects import eligible_org
from extract.records import Mention


def short_org_names(mentions: Sequence[Mention], corporate_words: frozenset[str]) -> list[Mention]:
    """One name per company, and no product as a company.

    An org named as another org of the document plus corporate words (``Brightwater Medical``
    beside ``Brightwater``; ``Acme Motors Group`` beside ``Acme``) takes the short name; one
    named as another org plus other words (``Brightwater Helix``) is that company's product,
    so it is read as a product (a segment), never as the subject of a figure.
    """
    names = {m.canonical or m.text for m in mentions if m.kind == "org" and m.status == "ok"}
    out: list[Mention] = []
    for mention in mentions:
        name = mention.canonical or mention.text
        if mention.kind != "org":
            out.append(mention)
            continue
        # The shortest other name that this one starts with, word by word.
        cuts = [i for i, char in enumerate(name) if char == " "]
        base = next((name[:cut] for cut in cuts if name[:cut] in names), "")
        if not base:
            out.append(mention)
            continue
        rest = re.split(r"[\s.,-]+", name[len(base) :].strip(" .,-"))
        if any(word.lower() in corporate_words for word in rest):
            out.append(dataclasses.replace(mention, canonical=base))
        else:
            out.append(dataclasses.replace(mention, kind="product"))
    return out


def doc_context(
    doc: ParsedDoc, mentions: Sequence[Mention], sentences: Sequence[Sentence]
) -> DocContext:
    """What the whole document is about, read from its mentions and its sentences'
    candidates: the company, the report's period, the currency in force."""
    english = [m for m in mentions if m.status == "ok" and doc.is_english(m.start)]
    places = Counter(m.canonical or m.text for m in english if m.kind == "place")
    # The report's period: the reporting period named most often (quarter, half, fiscal
    # year or a year-to-date span such as nine months; ties to the first seen), where a
    # mention in the lead (the first paragraph stating a figure and a date) counts twice;
    # else the latest year named at least twice (an annual report names the year before
    # as often as its own), else the year named most often.
    # A period that has not ended by the reference date is guidance, not the report's
    # (``the second half of next year``); a retailer's ``26 weeks to 31 August`` is a half.
    reference_day = doc.reference_date.isoformat() if doc.reference_date else ""
    lead = _lead_paragraph(doc, english)
    quarters: Counter[str] = Counter()
    for m in english:
        if (
            m.kind == "date"
            and (
                REPORT_PERIOD.fullmatch(m.period)
                or report_interval(m.period)
                or year_to_date(m.period)
            )
            and ended_by(m.period, reference_day)
            # "up 6% on the June quarter": a comparison base is not the period reported
            and not COMPARISON_DATE_BEFORE.search(doc.text[max(0, m.start - 20) : m.start])
        ):
            quarters[m.period] += _LEAD_WEIGHT if lead[0] <= m.start < lead[1] else 1
    if not quarters:
        years = Counter(
            m.period
            for m in english
            if m.kind == "date"
            and re.fullmatch(r"\d{4}", m.period)
            and ended_by(m.period, reference_day)
        )
        repeated = [year for year, count in years.items() if count >= 2]
        quarters = Counter({max(repeated): 1}) if repeated else years
    reference_year = str(doc.reference_date.year) if doc.reference_date else ""
    return DocContext(
        text=doc.text,
        main_org=document_company(doc, sentences),
        main_place=_most_common(places),
        report_period=_most_common(quarters),
        reference_year=reference_year,
        reference_day=doc.reference_date.isoformat() if doc.reference_date else "",
        currency=_most_common(Counter(m.unit for m in english if m.kind == "money" and m.unit)),
    )


_BULLET = re.compile(r"\s*(?:[-*\u2022\u2013|]|\d+[.)]\s)")
_LEAD_WORDS = 15


def _lead_paragraph(doc: ParsedDoc, mentions: Sequence[Mention]) -> tuple[int, int]:
    """The span of the first paragraph of prose (not a bullet, at least 15 words) that
    states an amount or a percentage and a date."""
    kinds: dict[tuple[int, int], set[str]] = {}
    prose: dict[tuple[int, int], bool] = {}
    for m in mentions:
        if m.kind not in ("money", "percent", "date"):
            continue
        paragraph = doc.paragraph_at(m.start)
        key = (paragraph.start, paragraph.end)
        if key not in prose:
            head = doc.text[paragraph.start : min(paragraph.end, paragraph.start + 400)]
            prose[key] = not _BULLET.match(head) and len(head.split()) >= _LEAD_WORDS
        if not prose[key]:
            continue
        found = kinds.setdefault(key, set())
        found.add("date" if m.kind == "date" else "figure")
        if len(found) == 2:
            return key
    return (0, 0)


# A name in the headline or the first paragraph counts this much more than one in the body.
_HEADLINE_WEIGHT = 3
_LEAD_WEIGHT = 2


# "Sorvan Bank (NYSE: SRVB)", "Northwind (NWTC.PK)": a company name, then its ticker.
_TICKER_SHAPE = re.compile(r"[A-Z0-9]{1,6}(?:\.[A-Z]{1,3})?")
_OPEN_BRACKET = re.compile(r"\s*\(\s*")


def ticker_aliases(
    text: str, mentions: Sequence[Mention], ticker_before: re.Pattern[str]
) -> list[Mention]:
    """Every mention of a company's ticker takes the company's name: a ticker is the name
    in brackets right after the company (``Sorvan Bank (NYSE: SRVB)``)."""
    orgs = sorted((m for m in mentions if m.kind == "org"), key=lambda m: m.start)
    aliases: dict[str, str] = {}
    for before, org in itertools.pairwise(orgs):
        ticker = org.canonical or org.text
        if not _TICKER_SHAPE.fullmatch(ticker) or org.start - before.end > 30:
            continue
        gap = text[before.end : org.start]
        opening = _OPEN_BRACKET.match(gap)
        if opening is None:
            continue
        prefix = gap[opening.end() :]
        if prefix and not ticker_before.search(prefix):
            continue
        aliases.setdefault(ticker, before.canonical or before.text)
    if not aliases:
        return list(mentions)
    return [
        dataclasses.replace(m, canonical=aliases[m.canonical or m.text])
        if m.kind == "org" and (m.canonical or m.text) in aliases
        else m
        for m in mentions
    ]


def document_company(doc: ParsedDoc, sentences: Sequence[Sentence]) -> str:
    """The company the article is about: the org named most, where a name in the headline
    (first paragraph) or the lead (second) counts more, and every other occurrence of the
    name in the text (an all-caps heading, inside a longer name) counts once. Names that are
    never a subject (a source, a rival compared with, a partner, an exchange, a generic
    noun) do not count; where some names are written as companies (a possessive, the subject
    of a verb, a corporate word), only those count."""
    paragraphs = doc.paragraphs[:2]
    scores: Counter[str] = Counter()
    evidence: set[str] = set()
    for sentence in sentences:
        for org in sentence.orgs:
            if not eligible_org(org, sentence, doc.text):
                continue
            name = org.canonical or org.text
            weight = 1
            if paragraphs and paragraphs[0].start <= org.start < paragraphs[0].end:
                weight = _HEADLINE_WEIGHT
            elif len(paragraphs) > 1 and paragraphs[1].start <= org.start < paragraphs[1].end:
                weight = _LEAD_WEIGHT
            scores[name] += weight
            if company_evidence(doc.text, org, sentence.vocab):
                evidence.add(name)
    scores.update(name_counts(doc.text, list(scores)))
    if evidence:
        scores = Counter({name: n for name, n in scores.items() if name in evidence})
    return _most_common(scores)


def _most_common(counter: Counter[str]) -> str:
    if not counter:
        return ""
    # Ties go to the name seen first (Counter keeps insertion order).
    best = max(counter.values())
    return next(name for name, count in counter.items() if count == best)
