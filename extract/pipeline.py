"""The pipeline: Documents -> ParsedDocs -> stages -> overlap resolution -> facts.

``Pipeline`` holds everything loaded once per run (model, alias table, lexicon,
language detector, stages) and turns Documents into DocumentResults.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import json
import logging
import re
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import replace
from typing import Any

from extract import __version__
from extract.aliases import AliasTable, load_aliases
from extract.config import Config, load_config
from extract.document import Paragraph, ParsedDoc
from extract.errors import StageError
from extract.facts import link_facts
from extract.language import LanguageDetector, main_language, paragraph_languages
from extract.lexicon import MetricLexicon, load_lexicon
from extract.model import load_model
from extract.records import Document, DocumentResult, Mention
from extract.stages.dates import DateStage
from extract.stages.entities import EntityStage, build_entity_rows, configure_nlp
from extract.stages.entities.cues import fingerprint as name_words_fingerprint
from extract.stages.numbers import NumberStage

logger = logging.getLogger(__name__)

_KIND_ORDER = {
    k: i
    for i, k in enumerate(
        ("date", "money", "percent", "quantity", "person", "org", "place", "product")
    )
}
# A quantity that overlaps one of these is a part of it (a year, an amount), not a count.
_QUANTITY_YIELDS_TO = frozenset({"date", "money", "percent"})
# Longest document text the model is asked to read.
MAX_CHARS = 5_000_000
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph offsets: one per non-empty line, or per blank-line block for hard-wrapped text.

    Text is taken as hard-wrapped (as PDF text and some plain-text files are) when it has
    blank lines between blocks and most of its lines end without sentence punctuation.
    """
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    lines = [(s, e) for s, e in lines if text[s:e].strip()]
    if not lines:
        return []
    unterminated = sum(1 for s, e in lines if text[s:e].rstrip()[-1:] not in '.!?:"”')
    if _BLANK_LINE.search(text) and unterminated > 0.6 * len(lines):
        blocks: list[tuple[int, int]] = []
        start = 0
        for m in _BLANK_LINE.finditer(text):
            blocks.append((start, m.start()))
            start = m.end()
        blocks.append((start, len(text)))
        return [_strip_span(text, s, e) for s, e in blocks if text[s:e].strip()]
    return [_strip_span(text, s, e) for s, e in lines]


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def clip_sentences(
    sentences: Iterable[tuple[int, int]], paragraphs: Sequence[tuple[int, int]], text: str
) -> list[tuple[int, int]]:
    """Sentences cut at paragraph boundaries, whitespace trimmed, empty ones dropped.

    One pass over both sorted lists: each sentence starts looking at the first paragraph
    that does not end before it.
    """
    out: list[tuple[int, int]] = []
    paras = sorted(paragraphs)
    first = 0
    for s_start, s_end in sorted(sentences):
        while first < len(paras) and paras[first][1] <= s_start:
            first += 1
        i = first
        while i < len(paras) and paras[i][0] < s_end:
            p_start, p_end = paras[i]
            start, end = _strip_span(text, max(s_start, p_start), min(s_end, p_end))
            if start < end:
                out.append((start, end))
            i += 1
    out.sort()
    return out


# An amount with a scale letter closing a sentence: "... to £96.5m. Online sales rose".
_AMOUNT_STOP = re.compile(
    r"\d(?:[.,]\d+)?\s?(?:m|bn|mn|k|tn|p)(?P<stop>\.)[ \t]+(?=[\"\u201c\u2018(]?[A-Z])"
)


def split_after_amounts(text: str, sentences: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentences also split after an abbreviated amount that ends one (``£96.5m.``).

    Sentence splitters take ``m.`` for an abbreviation and join the next sentence on.
    """
    out: list[tuple[int, int]] = []
    for start, end in sentences:
        cut = start
        for m in _AMOUNT_STOP.finditer(text, start, end):
            stop = m.end("stop")
            out.append((cut, stop))
            cut = m.end()
        out.append((cut, end))
    return out


def resolve_overlaps(mentions: Iterable[Mention]) -> list[Mention]:
    """Drop mentions that collide, keep the rest in text order.

    Mentions of the same kind never overlap: the longer one wins (the earlier on a tie).
    A quantity overlapping a date, money or percent mention is part of it and is dropped.
    Other kinds may overlap (``108,796 new Xiaomi cars`` holds the org ``Xiaomi``).

    Kept mentions are indexed by the characters they cover, so each candidate looks only
    at the mentions under its own characters; as kept mentions of one kind never overlap,
    the index holds at most one entry per kind per character.
    """
    ordered = sorted(mentions, key=lambda m: (-(m.end - m.start), m.start, _KIND_ORDER[m.kind]))
    kept: list[Mention | None] = []
    covering: dict[int, list[int]] = {}
    for mention in ordered:
        clash = False
        under = sorted(
            {
                index
                for offset in range(mention.start, mention.end)
                for index in covering.get(offset, ())
                if kept[index] is not None
            }
        )
        for index in under:
            other = kept[index]
            if other is None:
                continue
            same = other.kind == mention.kind
            yields = mention.kind == "quantity" and other.kind in _QUANTITY_YIELDS_TO
            beats = other.kind == "quantity" and mention.kind in _QUANTITY_YIELDS_TO
            if same or yields:
                clash = True
                break
            if beats:
                kept[index] = None
                break
        if not clash:
            for offset in range(mention.start, mention.end):
                covering.setdefault(offset, []).append(len(kept))
            kept.append(mention)
    result = [m for m in kept if m is not None]
    result.sort(key=lambda m: (m.start, -m.end, _KIND_ORDER[m.kind]))
    return result


class Pipeline:
    """Everything a run loads once: model, aliases, lexicon, language detector, stages."""

    def __init__(self, config: Config | None = None, *, nlp: Any = None) -> None:
        self.config = config or load_config()
        model = self.config.section("model")
        self.batch_size = int(model.get("batch_size", 4))
        self.n_process = int(model.get("n_process", 0))  # 0: one per core
        entity_settings = self.config.section("entities")
        alias_paths = [self.config.resolve_path(p) for p in entity_settings.get("alias_files", ())]
        self.aliases: AliasTable = load_aliases(
            alias_paths, packaged=not entity_settings.get("replace_packaged_aliases", False)
        )
        facts = self.config.section("facts")
        lexicon_paths = [self.config.resolve_path(p) for p in facts.get("lexicon_files", ())]
        self.lexicon: MetricLexicon = load_lexicon(lexicon_paths)
        self.nlp = nlp if nlp is not None else load_model(str(model["name"]))
        configure_nlp(self.nlp, self.aliases)
        language = self.config.section("language")
        self.min_letters = int(language.get("min_letters", 20))
        self.language = LanguageDetector() if language.get("enabled", True) else None
        self.fuzzy_threshold = int(entity_settings["fuzzy_threshold"])
        money = self.config.section("money")
        dates = self.config.section("dates")
        self.stages = [
            NumberStage(default_dollar=money["default_dollar"], default_yen=money["default_yen"]),
            DateStage(
                numeric_order=dates["numeric_order"],
                fiscal_year_start=dict(dates.get("fiscal_year_start", {})),
            ),
            EntityStage(aliases=self.aliases, fuzzy_threshold=self.fuzzy_threshold),
        ]

    @property
    def fingerprint(self) -> str:
        """Changes whenever the output for the same input could change."""
        payload = json.dumps(
            {
                "version": __version__,
                "config": _output_settings(self.config),
                "aliases": self.aliases.fingerprint,
                "lexicon": self.lexicon.fingerprint,
                "name_words": name_words_fingerprint(),
                "model": self.nlp.meta.get("name", "") + "-" + self.nlp.meta.get("version", ""),
            },
            sort_keys=True,
        )
        return hashlib.sha256(payload.encode()).hexdigest()[:16]

    def parse(self, document: Document, spacy_doc: Any) -> tuple[ParsedDoc, str]:
        """Build the ParsedDoc of a document and name its main language."""
        text = document.text
        spans = split_paragraphs(text)
        if self.language is not None:
            languages = paragraph_languages(
                text, spans, detector=self.language, min_letters=self.min_letters
            )
        else:
            languages = ["en"] * len(spans)
        paragraphs = tuple(
            Paragraph(s, e, lang) for (s, e), lang in zip(spans, languages, strict=True)
        )
        sentences = clip_sentences(
            split_after_amounts(
                text, ((sent.start_char, sent.end_char) for sent in spacy_doc.sents)
            ),
            spans,
            text,
        )
        parsed = ParsedDoc(
            doc_id=document.doc_id,
            text=text,
            reference_date=document.reference_date,
            sentences=tuple(sentences),
            paragraphs=paragraphs,
            spacy_doc=spacy_doc,
        )
        return parsed, main_language(text, spans, languages)

    def extract(self, document: Document, spacy_doc: Any) -> DocumentResult:
        """Run every stage over one read document. Raises StageError naming the stage."""
        try:
            parsed, language = self.parse(document, spacy_doc)
        except Exception as exc:
            raise StageError(f"stage parse: {type(exc).__name__}: {exc}") from exc
        found: list[Mention] = []
        for stage in self.stages:
            try:
                found.extend(stage(parsed))
            except Exception as exc:  # a stage bug must fail one document, not the batch
                raise StageError(f"stage {stage.name}: {type(exc).__name__}: {exc}") from exc
        mentions = []
        pages = document.pages
        for i, mention in enumerate(resolve_overlaps(found), start=1):
            s_start, s_end = parsed.sentence_at(mention.start)
            page = bisect.bisect_right(pages, mention.start) if pages else None
            mentions.append(
                replace(
                    mention,
                    mention_id=f"m{i:03d}",
                    sentence_start=s_start,
                    sentence_end=s_end,
                    page=page,
                )
            )
        try:
            facts = link_facts(parsed, mentions, self.lexicon)
        except Exception as exc:
            raise StageError(f"stage facts: {type(exc).__name__}: {exc}") from exc
        try:
            entities = build_entity_rows(parsed, mentions)
        except Exception as exc:
            raise StageError(f"stage entity rows: {type(exc).__name__}: {exc}") from exc
        return DocumentResult(
            document=replace(document, language=language),
            mentions=tuple(mentions),
            entities=tuple(entities),
            facts=tuple(facts),
        )

    def run_one(self, document: Document, spacy_doc: Any = None) -> DocumentResult:
        """The result of one read document. Never raises: any error fails this document.

        The model reads the document alone unless ``spacy_doc`` is given (``process``
        batches the model); its result does not depend on which documents it is processed
        with, nor on the number of worker processes.
        """
        if document.status != "ok":
            return DocumentResult(document=document)
        if len(document.text) > MAX_CHARS:
            error = f"text too long: {len(document.text)} characters (limit {MAX_CHARS})"
            return DocumentResult(document=replace(document, status="failed", error=error))
        try:
            self.nlp.max_length = max(self.nlp.max_length, MAX_CHARS + 1)
            try:
                if spacy_doc is None:
                    spacy_doc = self.nlp(document.text)
            except Exception as exc:
                raise StageError(f"model: {type(exc).__name__}: {exc}") from exc
            return self.extract(document, spacy_doc)
        except Exception as exc:  # one document's failure must never end the batch
            logger.debug("%s: %s", document.doc_id, exc, exc_info=True)
            error = " ".join(str(exc).split())
            if not isinstance(exc, StageError):
                error = f"{type(exc).__name__}: {error}"
            return DocumentResult(document=replace(document, status="failed", error=error))

    def profile(
        self, document: Document, passes: Collection[str] | None = None
    ) -> dict[str, float]:
        """Seconds each pass takes over one document, for scaling checks and benchmarks.

        ``passes`` picks stages by name (``numbers``, ``dates``, ``entities``) and
        ``facts``; overlap resolution and the entity rows run on whatever the picked
        stages found. All passes run when ``passes`` is None.
        """
        times: dict[str, float] = {}

        def timed(name: str, fn: Callable[[], Any]) -> Any:
            started = time.perf_counter()
            value = fn()
            times[name] = time.perf_counter() - started
            return value

        self.nlp.max_length = max(self.nlp.max_length, len(document.text) + 1)
        spacy_doc = timed("model", lambda: self.nlp(document.text))
        parsed, _ = timed("parse", lambda: self.parse(document, spacy_doc))
        found: list[Mention] = []
        for stage in self.stages:
            if passes is None or stage.name in passes:
                found.extend(timed(stage.name, lambda stage=stage: list(stage(parsed))))
        kept = timed("overlaps", lambda: resolve_overlaps(found))
        mentions = [
            replace(m, mention_id=f"m{i:03d}", sentence_start=start, sentence_end=end)
            for i, m in enumerate(kept, start=1)
            for start, end in (parsed.sentence_at(m.start),)
        ]
        if passes is None or "facts" in passes:
            timed("facts", lambda: link_facts(parsed, mentions, self.lexicon))
        timed("entity rows", lambda: build_entity_rows(parsed, mentions))
        return times

    def process(
        self, documents: Iterable[Document], *, batch_size: int | None = None
    ) -> Iterator[DocumentResult]:
        """Results for ``documents``, streamed in order, in this process (no deadline).

        The model reads ``batch_size`` texts at a time (the configured ``batch_size`` by
        default); a batch the model fails on is read again one document at a time. Read
        failures pass through as they are. ``extract.engines.local`` runs the same
        ``run_one`` in worker processes under a per-document deadline.
        """
        size = batch_size or self.batch_size
        for chunk in _batches(documents, size):
            readable = [d for d in chunk if d.status == "ok" and len(d.text) <= MAX_CHARS]
            self.nlp.max_length = max(self.nlp.max_length, MAX_CHARS + 1)
            try:
                parsed = list(self.nlp.pipe((d.text for d in readable), batch_size=size))
            except Exception:  # the model failed on one of them: each is read alone
                parsed = [None] * len(readable)
            by_document = {id(d): doc for d, doc in zip(readable, parsed, strict=True)}
            for document in chunk:
                yield self.run_one(document, by_document.get(id(document)))


def _batches(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    """``items`` in lists of ``size``, read lazily."""
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, max(size, 1))):
        yield chunk


# Settings that change how fast a run goes, not what it writes.
_SPEED_SETTINGS = {"model": ("n_process", "batch_size")}


def _output_settings(config: Config) -> dict[str, Any]:
    """The configuration as plain data, without the settings that only change speed."""
    plain = _plain(config.sections)
    for section, keys in _SPEED_SETTINGS.items():
        for key in keys:
            plain.get(section, {}).pop(key, None)
    return plain


def _plain(value: Any) -> Any:
    if hasattr(value, "items"):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value
