"""Pass 0: the document context (the company, the report's period, the reference day)."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Sequence

from extract.document import ParsedDoc
from extract.facts.cues import REPORT_PERIOD
from extract.facts.periods import ended_by, report_interval
from extract.facts.records import DocContext
from extract.facts.subject_cues import CORPORATE_WORDS
from extract.records import Mention


def short_org_names(mentions: Sequence[Mention]) -> list[Mention]:
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
        base = next(
            (
                other
                for other in sorted(names, key=len)
                if other != name and name.startswith(other + " ")
            ),
            "",
        )
        if not base:
            out.append(mention)
            continue
        rest = name[len(base) :].replace(".", " ").replace(",", " ").split()
        if any(word.lower() in CORPORATE_WORDS for word in rest):
            out.append(dataclasses.replace(mention, canonical=base))
        else:
            out.append(dataclasses.replace(mention, kind="product"))
    return out


def doc_context(doc: ParsedDoc, mentions: Sequence[Mention]) -> DocContext:
    english = [m for m in mentions if m.status == "ok" and doc.is_english(m.start)]
    orgs = Counter(
        m.canonical or m.text for m in english if m.kind == "org" and not in_figure(m, english)
    )
    places = Counter(m.canonical or m.text for m in english if m.kind == "place")
    # The report's period: the reporting period named most often (quarter, half or fiscal
    # year; ties to the first seen), else the year named most often.
    # A period that has not ended by the reference date is guidance, not the report's
    # (``the second half of next year``); a retailer's ``26 weeks to 31 August`` is a half.
    reference_day = doc.reference_date.isoformat() if doc.reference_date else ""
    quarters = Counter(
        m.period
        for m in english
        if m.kind == "date"
        and (REPORT_PERIOD.fullmatch(m.period) or report_interval(m.period))
        and ended_by(m.period, reference_day)
    )
    if not quarters:
        quarters = Counter(
            m.period
            for m in english
            if m.kind == "date"
            and re.fullmatch(r"\d{4}", m.period)
            and ended_by(m.period, reference_day)
        )
    reference_year = str(doc.reference_date.year) if doc.reference_date else ""
    return DocContext(
        text=doc.text,
        main_org=_most_common(orgs),
        main_place=_most_common(places),
        report_period=_most_common(quarters),
        reference_year=reference_year,
        reference_day=doc.reference_date.isoformat() if doc.reference_date else "",
    )


def in_figure(mention: Mention, mentions: Sequence[Mention]) -> bool:
    return any(
        n.start <= mention.start and mention.end <= n.end
        for n in mentions
        if n.kind in ("money", "percent", "quantity")
    )


def overlaps_money(mention: Mention, mentions: Sequence[Mention]) -> bool:
    return any(
        n.start < mention.end and mention.start < n.end
        for n in mentions
        if n.kind in ("money", "percent")
    )


def _most_common(counter: Counter[str]) -> str:
    if not counter:
        return ""
    # Ties go to the name seen first (Counter keeps insertion order).
    best = max(counter.values())
    return next(name for name, count in counter.items() if count == best)
