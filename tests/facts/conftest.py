"""Fixtures for the fact linker: a lexicon and a builder of small documents with mentions."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest

from extract.document import Paragraph, ParsedDoc
from extract.lexicon import MetricLexicon, load_lexicon
from extract.records import Mention

Spec = tuple[str, ...]
Builder = Callable[..., tuple[ParsedDoc, list[Mention]]]

_SENTENCE_END = re.compile(r"[.!?][\"”]?(?=\s+[\"“]?[A-Z0-9])")
_GRANULARITY = (
    (re.compile(r"^\d{4}-\d{2}-\d{2}$"), "day"),
    (re.compile(r"^\d{4}-\d{2}$"), "month"),
    (re.compile(r"^\d{4}-Q[1-4]$"), "quarter"),
    (re.compile(r"^\d{4}-H[12]$"), "half"),
    (re.compile(r"^\d{4}$"), "year"),
)


def _split(text: str) -> tuple[tuple[Paragraph, ...], tuple[tuple[int, int], ...]]:
    paragraphs: list[Paragraph] = []
    sentences: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        start, end = offset, offset + len(line)
        offset = end + 1
        if not line.strip():
            continue
        paragraphs.append(Paragraph(start, end, "en"))
        begin = start
        for match in _SENTENCE_END.finditer(line):
            stop = start + match.end()
            sentences.append((begin, stop))
            begin = stop
            while begin < end and text[begin] == " ":
                begin += 1
        if begin < end:
            sentences.append((begin, end))
    return tuple(paragraphs), tuple(sentences)


def _mention(text: str, start: int, spec: Spec) -> Mention:
    surface, kind, *rest = spec
    end = start + len(surface)
    base = {"kind": kind, "start": start, "end": end, "text": surface, "source_stage": "test"}
    if kind in ("money", "quantity"):
        value, unit, *qualifier = rest
        if ".." in value:  # a range: "LOW..HIGH"
            low, high = (Decimal(v) for v in value.split(".."))
            return Mention(
                **base, value=None, value_low=low, value_high=high, unit=unit, qualifier="range"
            )
        number = Decimal(value)
        return Mention(
            **base,
            value=number,
            value_low=number,
            value_high=number,
            unit=unit,
            qualifier=qualifier[0] if qualifier else "exact",
        )
    if kind == "percent":
        value, *qualifier = rest
        number = Decimal(value)
        unit = "percentage_point" if "point" in surface or "pp" in surface else "percent"
        return Mention(
            **base,
            value=number,
            value_low=number,
            value_high=number,
            unit=unit,
            qualifier=qualifier[0] if qualifier else "exact",
        )
    if kind == "date":
        (period,) = rest
        granularity = next((g for p, g in _GRANULARITY if p.match(period)), "interval")
        return Mention(**base, period=period, granularity=granularity)
    canonical = rest[0] if rest else surface
    return Mention(**base, canonical=canonical)


def build_document(
    text: str, *specs: Spec, reference_date: date = date(2025, 11, 19)
) -> tuple[ParsedDoc, list[Mention]]:
    """A ParsedDoc of ``text`` and the mentions ``specs`` describe, found in text order.

    A spec is ``(surface, kind, ...)``: money and quantity add ``value, unit[, qualifier]``
    (``value`` ``LOW..HIGH`` for a range),
    percent ``value[, qualifier]`` (unit from the surface), date ``period``, entities an
    optional canonical name.
    """
    paragraphs, sentences = _split(text)
    doc = ParsedDoc(
        doc_id="test.txt",
        text=text,
        reference_date=reference_date,
        sentences=sentences,
        paragraphs=paragraphs,
    )
    mentions: list[Mention] = []
    cursor = 0
    for number, spec in enumerate(specs, start=1):
        start = text.find(spec[0], cursor)
        if start < 0:
            raise ValueError(f"{spec[0]!r} not found after offset {cursor} in {text!r}")
        cursor = start + 1
        mention = _mention(text, start, spec)
        s_start, s_end = doc.sentence_at(start)
        mentions.append(_with_ids(mention, f"m{number:03d}", s_start, s_end))
    return doc, mentions


def _with_ids(mention: Mention, mention_id: str, s_start: int, s_end: int) -> Mention:
    return dataclasses.replace(
        mention, mention_id=mention_id, sentence_start=s_start, sentence_end=s_end
    )


@pytest.fixture(scope="session")
def lexicon() -> MetricLexicon:
    return load_lexicon()


@pytest.fixture(scope="session")
def make_doc() -> Builder:
    return build_document
