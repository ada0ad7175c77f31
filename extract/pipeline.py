"""The pipeline: Documents -> ParsedDocs -> stages -> overlap resolution -> facts.

``Pipeline`` holds everything loaded once per run (model, alias table, lexicon,
language detector, stages) and turns Documents into DocumentResults.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Iterable, Iterator, Sequence
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
    """Sentences cut at paragraph boundaries, whitespace trimmed, empty ones dropped."""
    out: list[tuple[int, int]] = []
    para_iter = list(paragraphs)
    for s_start, s_end in sentences:
        for p_start, p_end in para_iter:
            if p_end <= s_start:
                continue
            if p_start >= s_end:
                break
            start, end = _strip_span(text, max(s_start, p_start), min(s_end, p_end))
            if start < end:
                out.append((start, end))
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
    """
    ordered = sorted(mentions, key=lambda m: (-(m.end - m.start), m.start, _KIND_ORDER[m.kind]))
    kept: list[Mention] = []
    for mention in ordered:
        clash = False
        for other in kept:
            if mention.start < other.end and other.start < mention.end:
                same = other.kind == mention.kind
                yields = mention.kind == "quantity" and other.kind in _QUANTITY_YIELDS_TO
                beats = other.kind == "quantity" and mention.kind in _QUANTITY_YIELDS_TO
                if same or yields:
                    clash = True
                    break
                if beats:
                    kept.remove(other)
                    break
        if not clash:
            kept.append(mention)
    kept.sort(key=lambda m: (m.start, -m.end, _KIND_ORDER[m.kind]))
    return kept


class Pipeline:
    """Everything a run loads once: model, aliases, lexicon, language detector, stages."""

    def __init__(self, config: Config | None = None, *, nlp: Any = None) -> None:
        self.config = config or load_config()
        model = self.config.section("model")
        self.batch_size = int(model.get("batch_size", 4))
        self.n_process = int(model.get("n_process", 1))
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
        for i, mention in enumerate(resolve_overlaps(found), start=1):
            s_start, s_end = parsed.sentence_at(mention.start)
            mentions.append(
                replace(mention, mention_id=f"m{i:03d}", sentence_start=s_start, sentence_end=s_end)
            )
        try:
            facts = link_facts(parsed, mentions, self.lexicon)
        except Exception as exc:
            raise StageError(f"stage facts: {type(exc).__name__}: {exc}") from exc
        try:
            entities = build_entity_rows(parsed, mentions)
        except Exception as exc:
            raise StageError(f"stage entities: {type(exc).__name__}: {exc}") from exc
        return DocumentResult(
            document=replace(document, language=language),
            mentions=tuple(mentions),
            entities=tuple(entities),
            facts=tuple(facts),
        )

    def process(self, documents: Iterable[Document]) -> Iterator[DocumentResult]:
        """Results for ``documents``, streamed in order; read failures pass through as they are."""

        def stream() -> Iterator[tuple[str, Document]]:
            for document in documents:
                if document.status == "ok" and len(document.text) > MAX_CHARS:
                    document = replace(
                        document,
                        status="failed",
                        error=f"text too long: {len(document.text)} characters (limit {MAX_CHARS})",
                    )
                yield (document.text if document.status == "ok" else ""), document

        self.nlp.max_length = max(self.nlp.max_length, MAX_CHARS + 1)
        for spacy_doc, document in self.nlp.pipe(
            stream(), as_tuples=True, batch_size=self.batch_size, n_process=self.n_process
        ):
            if document.status != "ok":
                yield DocumentResult(document=document)
                continue
            try:
                yield self.extract(document, spacy_doc)
            except StageError as exc:
                logger.debug("%s: %s", document.doc_id, exc, exc_info=True)
                yield DocumentResult(
                    document=replace(document, status="failed", error=" ".join(str(exc).split()))
                )


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
