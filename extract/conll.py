"""Scoring person, organisation and place names against a token-per-row BIO file.

Two layouts are read:

- CSV with a header naming ``gold_label``, ``gold_token``, ``doc_idx`` and ``sent_idx``
  (FiNER-ORD's layout). Labels are numbers (0 outside, 1/2 person begin/inside, 3/4 place,
  5/6 organisation) or BIO tags;
- the classic CoNLL layout: one ``token ... TAG`` line a token (the tag in the last column),
  a blank line between sentences and ``-DOCSTART-`` between documents.

Tags are ``B-``/``I-`` of ``PER``/``PERSON``, ``ORG``, ``LOC``/``GPE``; other types
(``MISC``) are outside. Each document's text is rebuilt by joining its tokens as they are
written in prose (no space before closing punctuation or a clitic, none after an opening
bracket or quote), sentences joined by a space. Predicted mentions are projected onto the
tokens they cover (a longer mention first when two overlap, as a BIO file holds one tag a
token) and scored per kind: exact (same first and last token) and overlap (any shared
token, one-to-one, largest overlap first).
"""

from __future__ import annotations

import bisect
import csv
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extract.evaluate import PRF, EvalError

KINDS = ("person", "org", "place")
_NUMERIC_LABELS = {
    "0": "O",
    "1": "B-person",
    "2": "I-person",
    "3": "B-place",
    "4": "I-place",
    "5": "B-org",
    "6": "I-org",
}
_TYPES = {"PER": "person", "PERSON": "person", "ORG": "org", "LOC": "place", "GPE": "place"}
_FINER_COLUMNS = ("gold_label", "gold_token", "doc_idx", "sent_idx")
# Tokens written without a space before them, and those written without one after them.
_NO_SPACE_BEFORE = re.compile(
    r"^(?:[.,;:!?%)\]}\u201d]+|['\u2019](?:s|S|re|ve|ll|d|m)?|n['\u2019]t)$"
)
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "\u201c", "\u2018", "#"})


@dataclass(frozen=True, slots=True)
class Span:
    """A name over tokens ``first..last`` (inclusive)."""

    kind: str
    first: int
    last: int


@dataclass
class BioDocument:
    """One document of a BIO file: its rebuilt text, token offsets and gold names."""

    doc_id: str
    tokens: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    sentence_starts: set[int] = field(default_factory=set)
    text: str = ""
    offsets: list[tuple[int, int]] = field(default_factory=list)

    def build(self) -> None:
        """Join the tokens into text and record each token's offsets."""
        parts: list[str] = []
        offsets: list[tuple[int, int]] = []
        at = 0
        open_quote = False
        previous = ""
        tokens = self.tokens
        for i, token in enumerate(tokens):
            space = bool(parts)
            # A hyphen between two words joins them (``China-based``).
            glued = (
                token == "-"
                and 0 < i < len(tokens) - 1
                and tokens[i - 1][-1:].isalnum()
                and tokens[i + 1][:1].isalnum()
            )
            if token == '"':
                open_quote = not open_quote
                if not open_quote:
                    space = False
            elif i not in self.sentence_starts and _NO_SPACE_BEFORE.match(token):
                space = False
            if glued or previous in _NO_SPACE_AFTER or (previous == '"' and open_quote):
                space = False
            if i in self.sentence_starts and parts:
                space = True
            if space:
                parts.append(" ")
                at += 1
            offsets.append((at, at + len(token)))
            parts.append(token)
            at += len(token)
            previous = "(" if glued else token
        self.text = "".join(parts)
        self.offsets = offsets

    def gold(self) -> list[Span]:
        return bio_spans(self.tags)

    def project(self, mentions: Iterable[tuple[str, int, int]]) -> list[Span]:
        """Token spans of (kind, start, end) character spans; one kind a token."""
        taken: set[int] = set()
        spans: list[Span] = []
        ends = [e for _s, e in self.offsets]
        ordered = sorted(mentions, key=lambda m: (m[1] - m[2], m[1]))
        for kind, start, end in ordered:
            if kind not in KINDS:
                continue
            first = bisect.bisect_right(ends, start)
            covered = []
            for i in range(first, len(self.offsets)):
                if self.offsets[i][0] >= end:
                    break
                covered.append(i)
            if not covered or taken.intersection(covered):
                continue
            taken.update(covered)
            spans.append(Span(kind, covered[0], covered[-1]))
        return sorted(spans, key=lambda s: s.first)


def bio_spans(tags: Sequence[str]) -> list[Span]:
    """Names in a tag sequence (``B-org``, ``I-org``, ``O``); an ``I-`` that does not
    continue a name of its type opens one."""
    spans: list[Span] = []
    kind, first = "", -1
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, label = tag.partition("-")
        continues = prefix == "I" and label == kind
        if kind and not continues:
            spans.append(Span(kind, first, i - 1))
            kind = ""
        if prefix in ("B", "I") and label in KINDS and not continues:
            kind, first = label, i
    return spans


def _tag(raw: str, path: Path, line: int) -> str:
    """A tag in ``B-person`` form, or ``O``."""
    raw = raw.strip()
    if raw in _NUMERIC_LABELS:
        return _NUMERIC_LABELS[raw]
    if raw == "O":
        return "O"
    prefix, _, label = raw.partition("-")
    if prefix not in ("B", "I") or not label:
        raise EvalError(f"{path}:{line}: not a BIO tag: {raw!r}")
    kind = _TYPES.get(label.upper())
    return f"{prefix}-{kind}" if kind else "O"


def read_bio(path: str | Path) -> list[BioDocument]:
    """The documents of a BIO file, in either layout, with their text rebuilt."""
    path = Path(path)
    try:
        content = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise EvalError(f"{path}: cannot read: {exc}") from exc
    first = content.split("\n", 1)[0]
    if all(column in first for column in _FINER_COLUMNS):
        documents = _read_csv(path, content)
    else:
        documents = _read_conll(path, content)
    documents = [d for d in documents if d.tokens]
    if not documents:
        raise EvalError(f"{path}: no tokens")
    for document in documents:
        document.build()
    return documents


def _read_csv(path: Path, content: str) -> list[BioDocument]:
    by_id: dict[str, BioDocument] = {}
    sentence: dict[str, str] = {}
    for line, row in enumerate(csv.DictReader(content.splitlines()), start=2):
        try:
            doc_id, sent_id = row["doc_idx"], row["sent_idx"]
            token, label = row["gold_token"], row["gold_label"]
        except KeyError as exc:
            raise EvalError(f"{path}:{line}: missing column {exc}") from exc
        if token is None or label is None or doc_id is None:
            raise EvalError(f"{path}:{line}: short row")
        document = by_id.setdefault(doc_id, BioDocument(doc_id=doc_id))
        if sentence.get(doc_id) != sent_id:
            sentence[doc_id] = sent_id
            document.sentence_starts.add(len(document.tokens))
        document.tokens.append(token)
        document.tags.append(_tag(label, path, line))
    return list(by_id.values())


def _read_conll(path: Path, content: str) -> list[BioDocument]:
    documents = [BioDocument(doc_id="1")]
    new_sentence = True
    for line, raw in enumerate(content.splitlines(), start=1):
        columns = raw.split()
        if not columns:
            new_sentence = True
            continue
        if columns[0] == "-DOCSTART-":
            documents.append(BioDocument(doc_id=str(len(documents) + 1)))
            new_sentence = True
            continue
        if len(columns) < 2:
            raise EvalError(f"{path}:{line}: expected 'token TAG', got {raw.strip()!r}")
        document = documents[-1]
        if new_sentence:
            document.sentence_starts.add(len(document.tokens))
            new_sentence = False
        document.tokens.append(columns[0])
        document.tags.append(_tag(columns[-1], path, line))
    return documents


# ---------------------------------------------------------------------------- scoring


def _match_overlap(preds: Sequence[Span], golds: Sequence[Span]) -> int:
    """Number of one-to-one pairs of overlapping spans, largest overlap first."""
    candidates = []
    for i, p in enumerate(preds):
        for j, g in enumerate(golds):
            overlap = min(p.last, g.last) - max(p.first, g.first) + 1
            if overlap > 0:
                candidates.append((-overlap, j, i))
    used_p: set[int] = set()
    used_g: set[int] = set()
    for _neg, j, i in sorted(candidates):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
    return len(used_p)


def score_bio(
    documents: Sequence[BioDocument],
    predictions: Mapping[str, Iterable[tuple[str, int, int]]],
    *,
    details: bool = False,
) -> dict[str, Any]:
    """Exact and overlap P/R/F1 per kind and over all kinds (micro)."""
    exact = {kind: PRF() for kind in (*KINDS, "all")}
    overlap = {kind: PRF() for kind in (*KINDS, "all")}
    misses: list[str] = []
    false_alarms: list[str] = []
    for document in documents:
        pred_spans = document.project(predictions.get(document.doc_id, ()))
        gold_spans = document.gold()
        for kind in KINDS:
            preds = [s for s in pred_spans if s.kind == kind]
            golds = [s for s in gold_spans if s.kind == kind]
            same = set(preds) & set(golds)
            shared = _match_overlap(preds, golds)
            for scores, tp in ((exact, len(same)), (overlap, shared)):
                counts = PRF(tp=tp, fp=len(preds) - tp, fn=len(golds) - tp)
                scores[kind].add(counts)
                scores["all"].add(counts)
            if details:
                misses += [_describe(document, s) for s in golds if s not in same]
                false_alarms += [_describe(document, s) for s in preds if s not in same]
    report: dict[str, Any] = {
        "documents": len(documents),
        "exact": {k: v.as_dict() for k, v in exact.items()},
        "overlap": {k: v.as_dict() for k, v in overlap.items()},
    }
    if details:
        report["misses"] = misses
        report["false_alarms"] = false_alarms
    return report


def _describe(document: BioDocument, span: Span) -> str:
    start = document.offsets[span.first][0]
    end = document.offsets[span.last][1]
    return f"{document.doc_id}@{start}: {span.kind} {document.text[start:end]!r}"


def evaluate_bio(
    source: str | Path | Sequence[BioDocument], pipeline: Any, *, details: bool = False
) -> dict[str, Any]:
    """Run ``pipeline`` over the documents of a BIO file (or read ones) and score its names."""
    from extract.ingest.files import text_document

    documents = read_bio(source) if isinstance(source, str | Path) else list(source)
    predictions: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    inputs = [text_document(d.text, doc_id=d.doc_id) for d in documents]
    failed = []
    for result in pipeline.process(inputs):
        doc_id = result.document.doc_id
        if result.document.status != "ok":
            failed.append(f"{doc_id}: {result.document.error}")
        predictions[doc_id] = [(m.kind, m.start, m.end) for m in result.mentions]
    report = score_bio(documents, predictions, details=details)
    report["conll"] = str(source) if isinstance(source, str | Path) else ""
    report["failed"] = failed
    return report


def format_bio_report(report: Mapping[str, Any], *, details: bool = False) -> str:
    """A plain-text table of a report from ``evaluate_bio``."""
    lines = [f"conll: {report['conll']}   documents: {report['documents']}"]
    lines += [f"failed: {item}" for item in report.get("failed", ())]
    lines.append(f"{'kind':<8} {'match':<8} {'gold':>5} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6}")
    for kind in (*KINDS, "all"):
        for match in ("exact", "overlap"):
            s = report[match][kind]
            lines.append(
                f"{kind:<8} {match:<8} {s['tp'] + s['fn']:>5} {s['tp'] + s['fp']:>5} "
                f"{s['precision']:>6.3f} {s['recall']:>6.3f} {s['f1']:>6.3f}"
            )
    if details:
        for label in ("misses", "false_alarms"):
            items = report.get(label) or []
            lines.append(f"-- {label} ({len(items)})")
            lines += [f"   {item}" for item in items]
    return "\n".join(lines)
