"""Link figures to what they are about: subject, metric, period, segment and change.

``link_facts`` reads one document in passes, one module each, run in this order:

0. ``figures``: figures the mention stages leave to the linker (``29.994 (29.402) billion
   euros``); ``vocabulary``: the cue rows of ``extract/data/cues.csv`` compiled;
   ``companies``: which org mentions name companies (not a product, a site or a heading
   word) and the one subject name of each company.
1. ``candidates``: cut sentences and gather each one's candidates: figures, dates, names,
   metric phrases (the lexicon) and segments; classify each figure as a *level*, a *change*
   or nothing (a restatement, a gap, a share of a total, an analyst's estimate).
   ``context``: then the document context, built once from all candidates: the company the
   article is about, the period it reports, the currency in force, the reference day
   (:class:`~extract.facts.records.DocContext`).
2. ``anchors``, ``changes``, ``lists``: attach a level to its metric phrase, a change to its
   level (or metric phrase) and comparison basis; pair lists in order (``respectively``).
3. ``subjects``, ``dating``, ``resolve``: subject, segment, period and modality from the
   sentence, else the paragraph (``ParagraphState``), else the document context.
   ``tables`` (a package: ``layout``, ``labels``, ``units``, ``rows``): the facts of the
   document's tables (pipe, whitespace-aligned, flattened), whose lines the sentence passes
   skip; a table figure the text states already only adds its change to the text's fact.
4. ``merge``: a figure repeated (a headline and the body) or a change stated apart from its
   level becomes one fact.
5. ``merge.to_fact``: emit the rows, ids ``f001``, ``f002``, ...

``sentence.read_sentence`` runs passes 1-3 on one sentence. The patterns the passes use are
in ``cues`` and ``subject_cues``; which kind of value each metric takes is in ``kinds``; pure
period arithmetic is in ``periods``. The rules these passes implement are listed, with
examples, in docs/RULES.md (section Facts).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from extract.document import ParsedDoc
from extract.facts.candidates import BULLET_LINE, read_candidates
from extract.facts.companies import company_names
from extract.facts.context import doc_context, short_org_names, ticker_aliases
from extract.facts.figures import bracketed_pairs
from extract.facts.kinds import METRIC_VALUE_KINDS
from extract.facts.merge import drop_undated_repeats, merge_drafts, to_fact
from extract.facts.records import Draft, ParagraphState
from extract.facts.resolve import update_state
from extract.facts.sentence import read_sentence
from extract.facts.tables import find_tables, table_drafts
from extract.facts.vocabulary import build_vocabulary
from extract.lexicon import MetricLexicon
from extract.records import Fact, Mention

__all__ = ["METRIC_VALUE_KINDS", "link_facts"]


def link_facts(doc: ParsedDoc, mentions: Sequence[Mention], lexicon: MetricLexicon) -> list[Fact]:
    """The facts stated in ``doc``, in text order with ids ``f001``, ``f002``, ...

    ``mentions`` are the document's mentions (any order); only English paragraphs are read.
    Evidence offsets are those of the sentence holding the figure.
    """
    vocab = build_vocabulary(lexicon.cues)
    mentions = short_org_names(mentions, vocab.corporate_words)
    mentions = ticker_aliases(doc.text, mentions, vocab.ticker_before)
    mentions = company_names(doc.text, mentions, vocab, lexicon)
    mentions = [*mentions, *bracketed_pairs(doc.text, mentions)]
    tables = find_tables(doc.text)
    table_spans = [(t.start, t.end) for t in tables]
    sentences, named_segments = read_candidates(doc, mentions, lexicon, vocab, table_spans)
    context = dataclasses.replace(
        doc_context(doc, mentions, sentences),
        # A count's noun names a segment (``cars`` -> smart EVs) only in a report that speaks
        # of segments: a carmaker's vehicle deliveries are the whole company's.
        unit_segments=named_segments,
    )

    drafts: list[Draft] = []
    paragraph_key: tuple[int, int] | None = None
    state = ParagraphState()
    for sentence in sentences:
        paragraph = doc.paragraph_at(sentence.span[0])
        # A bullet point starts afresh, like a paragraph.
        bullet = BULLET_LINE.match(doc.text, max(sentence.span[0] - 1, 0)) is not None
        if (paragraph.start, paragraph.end) != paragraph_key or bullet:
            paragraph_key = (paragraph.start, paragraph.end)
            state = ParagraphState()
        found = read_sentence(sentence, state, context, lexicon)
        drafts.extend(found)
        update_state(state, sentence, found, context)

    drafts.extend(
        table_drafts(doc.text, tables, mentions, lexicon, context, doc.reference_date, drafts)
    )
    drafts.sort(key=lambda d: (d.position, d.period))
    drafts = drop_undated_repeats(merge_drafts(drafts))
    facts: list[Fact] = []
    for number, draft in enumerate(drafts, start=1):
        facts.append(to_fact(draft, f"f{number:03d}"))
    return facts
