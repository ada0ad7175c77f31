"""Scoring against hand annotations (dev gold) and the conformance suites.

Mentions match when their kinds are equal and their spans overlap, one-to-one, the
largest overlap first. Entities are also scored as the set of (kind, canonical) per
document; facts match on (doc_id, subject, metric, period) with the value within 0.5%.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from extract.errors import ExtractError
from extract.ingest.files import text_document
from extract.normalize.dates import canonical_period
from extract.records import ENTITY_KINDS, MENTION_KINDS
from extract.tables import result_rows

Row = Mapping[str, Any]

NUMBER_KINDS = ("money", "percent", "quantity")
GOLD_TOLERANCE = 1e-3  # numbers within 0.1% relative
FACT_TOLERANCE = 5e-3  # fact values within 0.5%
CONFORMANCE_TOLERANCE = 1e-9
CONFORMANCE_FILES = {"money.jsonl": "money", "percent.jsonl": "percent", "dates.jsonl": "date"}


class EvalError(ExtractError):
    """Gold or output files are missing or malformed."""


@dataclass
class PRF:
    """Counts of a precision/recall score, with derived figures."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: PRF) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def as_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class Accuracy:
    """Share of matched pairs that agree on a field."""

    right: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 0.0

    def add(self, ok: bool) -> None:
        self.total += 1
        self.right += int(ok)

    def as_dict(self) -> dict[str, float | int]:
        return {"right": self.right, "total": self.total, "accuracy": round(self.value, 4)}


@dataclass
class KindScore:
    """Span score of one mention kind and the accuracy of each normalized field."""

    spans: PRF = field(default_factory=PRF)
    fields: dict[str, Accuracy] = field(default_factory=lambda: defaultdict(Accuracy))
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    def as_dict(self, details: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {"spans": self.spans.as_dict()}
        out["fields"] = {k: v.as_dict() for k, v in sorted(self.fields.items())}
        if details:
            out["misses"] = self.misses
            out["false_alarms"] = self.false_alarms
            out["wrong"] = self.wrong
        return out


# ---------------------------------------------------------------------------- values


def _is_null(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and value.strip() == ""


def _float(value: Any) -> float | None:
    if _is_null(value):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def close(a: Any, b: Any, tolerance: float) -> bool:
    """Numbers equal within a relative tolerance; two nulls are equal."""
    x, y = _float(a), _float(b)
    if x is None or y is None:
        return x is None and y is None
    if x == y:
        return True
    return abs(x - y) <= tolerance * max(abs(x), abs(y))


def _text(value: Any) -> str:
    return "" if _is_null(value) else str(value).strip()


def number_agrees(pred: Row, gold: Row, tolerance: float) -> bool:
    """The value (or both ends of a range) of ``pred`` equals that of ``gold``."""
    if not _is_null(gold.get("value")):
        return close(pred.get("value"), gold.get("value"), tolerance)
    return close(pred.get("value_low"), gold.get("value_low"), tolerance) and close(
        pred.get("value_high"), gold.get("value_high"), tolerance
    )


# ---------------------------------------------------------------------------- matching


def match_spans(preds: Sequence[Row], golds: Sequence[Row]) -> list[tuple[int, int]]:
    """One-to-one pairs (pred index, gold index) of overlapping spans, largest overlap first."""
    candidates = []
    for i, p in enumerate(preds):
        for j, g in enumerate(golds):
            overlap = min(int(p["end"]), int(g["end"])) - max(int(p["start"]), int(g["start"]))
            if overlap > 0:
                candidates.append((-overlap, j, i))
    candidates.sort()
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _neg, j, i in candidates:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return pairs


def _field_checks(kind: str, pred: Row, gold: Row, tolerance: float) -> dict[str, bool]:
    if kind in NUMBER_KINDS:
        checks = {
            "value": number_agrees(pred, gold, tolerance),
            "unit": _text(pred.get("unit")) == _text(gold.get("unit")),
            "qualifier": _text(pred.get("qualifier")) == _text(gold.get("qualifier")),
        }
    elif kind == "date":
        checks = {"period": _text(pred.get("period")) == _text(gold.get("period"))}
    else:
        checks = {"canonical": _text(pred.get("canonical")) == _text(gold.get("canonical"))}
    checks["all"] = all(checks.values())
    return checks


def _describe(row: Row) -> str:
    extra = [
        f"{k}={_text(row.get(k))}"
        for k in ("value", "value_low", "value_high", "unit", "qualifier", "period", "canonical")
        if _text(row.get(k))
    ]
    return f"{row.get('doc_id', '')}@{row.get('start')}: {row.get('text')!r} " + " ".join(extra)


def score_mentions(
    preds: Iterable[Row],
    golds: Iterable[Row],
    *,
    tolerance: float = GOLD_TOLERANCE,
    kinds: Sequence[str] = MENTION_KINDS,
) -> dict[str, KindScore]:
    """Per-kind span P/R/F1 and field accuracy on matched pairs."""
    by_key: dict[tuple[str, str], tuple[list[Row], list[Row]]] = defaultdict(lambda: ([], []))
    for p in preds:
        if p["kind"] in kinds:
            by_key[(str(p["doc_id"]), p["kind"])][0].append(p)
    for g in golds:
        if g["kind"] in kinds:
            by_key[(str(g["doc_id"]), g["kind"])][1].append(g)
    scores: dict[str, KindScore] = {kind: KindScore() for kind in kinds}
    for (_doc, kind), (p_rows, g_rows) in sorted(by_key.items()):
        score = scores[kind]
        pairs = match_spans(p_rows, g_rows)
        score.spans.tp += len(pairs)
        score.spans.fp += len(p_rows) - len(pairs)
        score.spans.fn += len(g_rows) - len(pairs)
        matched_p = {i for i, _ in pairs}
        matched_g = {j for _, j in pairs}
        score.misses += [_describe(g) for j, g in enumerate(g_rows) if j not in matched_g]
        score.false_alarms += [_describe(p) for i, p in enumerate(p_rows) if i not in matched_p]
        for i, j in pairs:
            checks = _field_checks(kind, p_rows[i], g_rows[j], tolerance)
            for name, ok in checks.items():
                score.fields[name].add(ok)
            if not checks["all"]:
                score.wrong.append(f"{_describe(p_rows[i])}  gold: {_describe(g_rows[j])}")
    return scores


def score_entity_sets(preds: Iterable[Row], golds: Iterable[Row]) -> PRF:
    """P/R/F1 of the sets of (kind, canonical) per document, entity kinds only."""
    pred_sets: dict[str, set[tuple[str, str]]] = defaultdict(set)
    gold_sets: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for p in preds:
        if p["kind"] in ENTITY_KINDS and _text(p.get("canonical")):
            pred_sets[str(p["doc_id"])].add((p["kind"], _text(p["canonical"])))
    for g in golds:
        if g["kind"] in ENTITY_KINDS:
            gold_sets[str(g["doc_id"])].add((g["kind"], _text(g.get("canonical"))))
    total = PRF()
    for doc in gold_sets:
        p, g = pred_sets.get(doc, set()), gold_sets[doc]
        total.add(PRF(tp=len(p & g), fp=len(p - g), fn=len(g - p)))
    return total


@dataclass
class FactScore:
    facts: PRF = field(default_factory=PRF)
    segment: Accuracy = field(default_factory=Accuracy)
    change: Accuracy = field(default_factory=Accuracy)
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)

    def as_dict(self, details: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "facts": self.facts.as_dict(),
            "segment": self.segment.as_dict(),
            "change": self.change.as_dict(),
        }
        if details:
            out["misses"] = self.misses
            out["false_alarms"] = self.false_alarms
        return out


def _fact_key(row: Row) -> tuple[str, str, str, str]:
    return (
        str(row["doc_id"]),
        _text(row.get("subject")),
        _text(row.get("metric")),
        _text(row.get("period")),
    )


def _fact_value(row: Row) -> Any:
    if not _is_null(row.get("value")):
        return row.get("value")
    return row.get("value_low")


def _describe_fact(row: Row) -> str:
    doc, subject, metric, period = _fact_key(row)
    change = _text(row.get("change_value"))
    return (
        f"{doc}: {subject} · {_text(row.get('segment'))} · {metric} · {period} · "
        f"{_text(_fact_value(row))} {_text(row.get('unit'))}"
        + (
            f" · {change} {_text(row.get('change_unit'))} {_text(row.get('change_basis'))}"
            if change
            else ""
        )
    )


def score_facts(preds: Iterable[Row], golds: Iterable[Row]) -> FactScore:
    """Facts P/R/F1 and, on matched facts, segment and change accuracy."""
    golds = list(golds)
    gold_docs = {str(g["doc_id"]) for g in golds}
    preds = [p for p in preds if str(p["doc_id"]) in gold_docs]
    score = FactScore()
    used: set[int] = set()
    for g in golds:
        found = None
        for i, p in enumerate(preds):
            if i in used or _fact_key(p) != _fact_key(g):
                continue
            if close(_fact_value(p), _fact_value(g), FACT_TOLERANCE):
                found = i
                break
        if found is None:
            score.facts.fn += 1
            score.misses.append(_describe_fact(g))
            continue
        used.add(found)
        score.facts.tp += 1
        p = preds[found]
        score.segment.add(_text(p.get("segment")) == _text(g.get("segment")))
        score.change.add(
            close(p.get("change_value"), g.get("change_value"), FACT_TOLERANCE)
            and _text(p.get("change_unit")) == _text(g.get("change_unit"))
            and _text(p.get("change_basis")) == _text(g.get("change_basis"))
        )
    for i, p in enumerate(preds):
        if i not in used:
            score.facts.fp += 1
            score.false_alarms.append(_describe_fact(p))
    return score


def score_documents(preds: Iterable[Row], golds: Iterable[Row]) -> dict[str, Accuracy]:
    """Accuracy of the documents table's reference_date, language and title."""
    by_id = {str(p["doc_id"]): p for p in preds}
    out: dict[str, Accuracy] = defaultdict(Accuracy)
    for g in golds:
        p = by_id.get(str(g["doc_id"]), {})
        for name in ("reference_date", "reference_from", "language", "title", "published"):
            if name in g:
                out[name].add(_text(p.get(name)) == _text(g.get(name)))
    return out


# ---------------------------------------------------------------------------- loading


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    try:
        with path.open(encoding="utf-8") as fh:
            return [json.loads(line) for line in fh if line.strip()]
    except OSError as exc:
        raise EvalError(f"{path}: cannot read: {exc.strerror}") from exc
    except ValueError as exc:
        raise EvalError(f"{path}: invalid JSON line: {exc}") from exc


def read_output_table(out_dir: Path, table: str) -> list[dict[str, Any]]:
    path = out_dir / f"{table}.csv"
    if not path.is_file():
        raise EvalError(f"{path}: missing (run `extract run ... --out {out_dir}` first)")
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    return df.to_dict("records")


def evaluate_output(out_dir: str | Path, gold_dir: str | Path) -> dict[str, Any]:
    """Score an output folder against a gold folder; a JSON-ready report."""
    out_dir, gold_dir = Path(out_dir), Path(gold_dir)
    gold_mentions = read_jsonl(gold_dir / "mentions.jsonl")
    gold_docs = read_jsonl(gold_dir / "documents.jsonl")
    gold_facts = (
        read_jsonl(gold_dir / "facts.jsonl") if (gold_dir / "facts.jsonl").is_file() else []
    )
    gold_ids = {str(g["doc_id"]) for g in gold_docs} | {str(g["doc_id"]) for g in gold_mentions}
    pred_mentions = [m for m in read_output_table(out_dir, "mentions") if m["doc_id"] in gold_ids]
    pred_docs = read_output_table(out_dir, "documents")
    missing = sorted(gold_ids - {d["doc_id"] for d in pred_docs})
    kinds = score_mentions(pred_mentions, gold_mentions)
    facts = score_facts(read_output_table(out_dir, "facts"), gold_facts)
    return {
        "output": str(out_dir),
        "gold": str(gold_dir),
        "missing_documents": missing,
        "documents": {k: v.as_dict() for k, v in score_documents(pred_docs, gold_docs).items()},
        "mentions": {k: v.as_dict(details=True) for k, v in kinds.items()},
        "entity_sets": score_entity_sets(pred_mentions, gold_mentions).as_dict(),
        "facts": facts.as_dict(details=True),
    }


def evaluate_conformance(conformance_dir: str | Path, pipeline: Any) -> dict[str, Any]:
    """Run each conformance case through ``pipeline`` and score each file on its kind."""
    conformance_dir = Path(conformance_dir)
    report: dict[str, Any] = {"conformance": str(conformance_dir), "files": {}}
    files = [f for f in CONFORMANCE_FILES if (conformance_dir / f).is_file()]
    if not files:
        raise EvalError(f"{conformance_dir}: no conformance files ({', '.join(CONFORMANCE_FILES)})")
    for name in files:
        kind = CONFORMANCE_FILES[name]
        cases = read_jsonl(conformance_dir / name)
        documents = [
            text_document(
                case["input"],
                doc_id=case["id"],
                reference_date=date.fromisoformat(case["reference_date"])
                if case.get("reference_date")
                else None,
            )
            for case in cases
        ]
        preds = [
            row
            for result in pipeline.process(documents)
            for row in result_rows(result)["mentions"]
            if row["kind"] == kind
        ]
        golds = [dict(e, doc_id=case["id"]) for case in cases for e in case["expected"]]
        strict = score_mentions(preds, golds, tolerance=CONFORMANCE_TOLERANCE, kinds=(kind,))[kind]
        entry = strict.as_dict(details=True)
        entry["cases"] = len(cases)
        if kind == "date":
            lenient = _lenient_dates(preds, golds)
            entry["fields"]["period_lenient"] = lenient.as_dict()
        report["files"][name] = entry
    return report


def _lenient_dates(preds: Sequence[Row], golds: Sequence[Row]) -> Accuracy:
    """Period accuracy accepting ``alt_period`` where the gold gives one, and a period
    written in its canonical form (``2017-Q2`` for ``2017-04-01/2017-06-30``)."""
    by_doc_p: dict[str, list[Row]] = defaultdict(list)
    by_doc_g: dict[str, list[Row]] = defaultdict(list)
    for p in preds:
        by_doc_p[str(p["doc_id"])].append(p)
    for g in golds:
        by_doc_g[str(g["doc_id"])].append(g)
    acc = Accuracy()
    for doc, g_rows in by_doc_g.items():
        p_rows = by_doc_p.get(doc, [])
        for i, j in match_spans(p_rows, g_rows):
            period = _text(p_rows[i].get("period"))
            g = g_rows[j]
            accepted = {_text(g.get("period")), _text(g.get("alt_period"))} - {""}
            acc.add(period in accepted | {canonical_period(a) for a in accepted})
    return acc


# ---------------------------------------------------------------------------- printing


def format_report(report: Mapping[str, Any], *, details: bool = False) -> str:
    """A plain-text table of a report from ``evaluate_output`` or ``evaluate_conformance``."""
    lines: list[str] = []
    header = f"{'kind':<14} {'gold':>5} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6}   normalization"
    if "files" in report:
        lines.append(f"conformance: {report['conformance']}")
        lines.append(header)
        for name, entry in report["files"].items():
            lines.append(_row(name, entry))
        if details:
            for name, entry in report["files"].items():
                lines += _details(name, entry)
        return "\n".join(lines)
    lines.append(f"output: {report['output']}   gold: {report['gold']}")
    if report["missing_documents"]:
        lines.append(f"missing documents: {', '.join(report['missing_documents'])}")
    lines.append(header)
    for kind, entry in report["mentions"].items():
        lines.append(_row(kind, entry))
    es = report["entity_sets"]
    lines.append(
        f"{'entity set':<14} {es['tp'] + es['fn']:>5} {es['tp'] + es['fp']:>5} "
        f"{es['precision']:>6.3f} {es['recall']:>6.3f} {es['f1']:>6.3f}"
    )
    facts = report["facts"]
    f = facts["facts"]
    lines.append(
        f"{'facts':<14} {f['tp'] + f['fn']:>5} {f['tp'] + f['fp']:>5} "
        f"{f['precision']:>6.3f} {f['recall']:>6.3f} {f['f1']:>6.3f}   "
        f"segment {facts['segment']['accuracy']:.3f}  change {facts['change']['accuracy']:.3f}"
    )
    docs = report["documents"]
    if docs:
        lines.append(
            "documents  "
            + "  ".join(f"{name} {v['right']}/{v['total']}" for name, v in docs.items())
        )
    if details:
        for kind, entry in report["mentions"].items():
            lines += _details(kind, entry)
        lines += _details("facts", facts)
    return "\n".join(lines)


def _row(name: str, entry: Mapping[str, Any]) -> str:
    s = entry["spans"]
    fields = entry["fields"]
    single = "period" in fields or "canonical" in fields  # "all" adds nothing to one field
    shown = "  ".join(
        f"{k} {v['accuracy']:.3f}" for k, v in fields.items() if not (single and k == "all")
    )
    return (
        f"{name:<14} {s['tp'] + s['fn']:>5} {s['tp'] + s['fp']:>5} {s['precision']:>6.3f} "
        f"{s['recall']:>6.3f} {s['f1']:>6.3f}   {shown}"
    )


def _details(name: str, entry: Mapping[str, Any]) -> list[str]:
    out = []
    for label in ("misses", "false_alarms", "wrong"):
        items = entry.get(label) or []
        if items:
            out.append(f"-- {name} {label} ({len(items)})")
            out += [f"   {item}" for item in items]
    return out
