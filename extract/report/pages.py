"""Build the context of each page from the store's records."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from extract.report import fmt
from extract.report.chart import Chart, ChartSet
from extract.report.load import DocRecord, DocText, Row
from extract.report.markup import Evidence, Span, mark_text

KINDS = ("money", "percent", "date", "quantity", "person", "org", "place", "product")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_SPACE = re.compile(r"\s+")
CHARTS_PER_DOCUMENT = 6
DOCS_PER_POINT_ROW = 5


def page_name(key: str) -> str:
    """A file name for a page: a readable slug and a hash that keeps names apart."""
    slug = _UNSAFE.sub("-", key)[:60].strip("-.") or "page"
    return f"{slug}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:8]}.html"


def element_id(mention_id: str) -> str:
    """The HTML id of a mention's <mark>."""
    return "m-" + _SPACE.sub("_", mention_id)


@dataclass(frozen=True, slots=True)
class Links:
    """Where each document's and subject's page lives, relative to the report root."""

    docs: dict[str, str]
    subjects: dict[str, str]

    @classmethod
    def build(cls, doc_ids: Iterable[str], subjects: Iterable[str]) -> Links:
        return cls(
            {d: f"docs/{page_name(d)}" for d in doc_ids},
            {s: f"subjects/{page_name(s)}" for s in subjects},
        )

    def chart(self, chart: Chart, root: str) -> str:
        return f"{root}{self.subjects[chart.subject]}#{chart.ident}"


def doc_fields(doc: DocRecord, href: str) -> dict[str, Any]:
    """The document row as the templates read it."""
    row = doc.row
    counts = Counter(m.text("kind") for m in doc.mentions)
    return {
        "doc_id": doc.doc_id,
        "href": href,
        "title": row.text("title"),
        "status": row.text("status") or "unknown",
        "error": row.text("error"),
        "language": row.text("language"),
        "published": row.text("published"),
        "reference_date": row.text("reference_date"),
        "reference_from": row.text("reference_from"),
        "reader": row.text("reader"),
        "encoding": row.text("encoding"),
        "chars": row.text("chars"),
        "counts": counts,
        "facts": len(doc.facts),
    }


def index_context(docs: Sequence[DocRecord], links: Links) -> dict[str, Any]:
    """The index page: every document with its status and counts, the problems first."""
    rows = [doc_fields(d, links.docs[d.doc_id]) for d in docs]
    statuses = Counter(r["status"] for r in rows)
    kinds: Counter[str] = Counter()
    for r in rows:
        kinds.update(r["counts"])
    return {
        "docs": rows,
        "kinds": KINDS,
        "status_counts": sorted(statuses.items(), key=lambda kv: (kv[0] != "ok", kv[0])),
        "kind_totals": [(k, kinds.get(k, 0)) for k in KINDS],
        "total_mentions": sum(kinds.values()),
        "total_facts": sum(r["facts"] for r in rows),
        "problems": [r for r in rows if r["status"] != "ok"],
        "problem_limit": 200,
    }


def _evidence_tokens(facts: Sequence[Row]) -> dict[tuple[int, int], str]:
    """One token per distinct evidence range: ``e1``, ``e2``, ..."""
    tokens: dict[tuple[int, int], str] = {}
    for fact in facts:
        start, end = fact["evidence_start"], fact["evidence_end"]
        if start is not None and end is not None and start < end:
            tokens.setdefault((int(start), int(end)), f"e{len(tokens) + 1}")
    return tokens


def _spans(doc: DocRecord) -> list[Span]:
    return [
        Span(
            element_id(m.text("mention_id")),
            m.text("kind"),
            int(m["start"]) if m["start"] is not None else -1,
            int(m["end"]) if m["end"] is not None else -1,
            fmt.mention_tip(m),
        )
        for m in doc.mentions
    ]


def chart_view(chart: Chart, links: Links, root: str) -> dict[str, Any]:
    """A chart as chart.html reads it."""
    return {
        "ident": chart.ident,
        "title": chart.title,
        "subject": chart.subject,
        "metric": chart.metric,
        "unit": chart.unit,
        "href": links.chart(chart, root),
        "svg": Markup(chart.svg),
        "series": list(chart.series),
        "points": chart.points,
        "documents": chart.documents,
    }


def document_context(
    doc: DocRecord, text: DocText, links: Links, charts: ChartSet
) -> dict[str, Any]:
    """One document's page: highlighted text, facts with evidence links, its charts."""
    tokens = _evidence_tokens(doc.facts)
    body = Markup("")
    unplaced: list[str] = []
    placed: set[str] = set()
    if text.text is not None:
        spans = _spans(doc)
        evidence = [Evidence(tok, s, e) for (s, e), tok in tokens.items()]
        marked = mark_text(text.text, spans, evidence)
        body = Markup(marked.html)
        unplaced = [s.ident.removeprefix("m-") for s in marked.unplaced]
        placed = {s.ident for s in spans} - {s.ident for s in marked.unplaced}
    facts = []
    pairs: dict[tuple[str, str], None] = {}
    for f in doc.facts:
        ids = [element_id(f.text(c)) for c in ("value_mention_id", "change_mention_id")]
        start, end = f["evidence_start"], f["evidence_end"]
        ev = tokens.get((int(start), int(end))) if start is not None and end is not None else None
        subject, metric = f.text("subject"), f.text("metric")
        chart_list = charts.by_pair.get((subject, metric), [])
        unit_chart = next((c for c in chart_list if c.unit == f.text("unit")), None)
        if chart_list:
            pairs[(subject, metric)] = None
        value = f["value"] if f["value"] is not None else f["value_low"]
        facts.append(
            {
                "fact_id": f.text("fact_id"),
                "subject": subject,
                "segment": f.text("segment"),
                "metric": metric,
                "metric_words": Markup("_<wbr>").join(metric.split("_")),
                "period": f.text("period"),
                "value": fmt.amount(f, brief=True),
                "exact": fmt.amount(f),
                "sort_value": "" if value is None else float(value),
                "change": fmt.change(f),
                "modality": "" if f.text("modality") == "actual" else f.text("modality"),
                "ev": ev if text.text is not None else None,
                "mention_ids": " ".join(i for i in ids if i in placed),
                "point": charts.fact_points.get((doc.doc_id, f.text("fact_id")), ""),
                "chart_href": links.chart(unit_chart, "../") if unit_chart else "",
            }
        )
    doc_charts = [c for pair in pairs for c in charts.by_pair[pair]]
    return {
        "doc": doc_fields(doc, links.docs[doc.doc_id]),
        "note": text.note,
        "body": body,
        "unplaced": unplaced,
        "kind_counts": sorted(Counter(m.text("kind") for m in doc.mentions).items(), key=_kind),
        "facts": facts,
        "entities": [
            {
                "kind": e.text("kind"),
                "canonical": e.text("canonical"),
                "aliases": e.text("aliases").replace("|", ", "),
                "mentions": e.text("mentions"),
                "role": e.text("role"),
                "org": e.text("org"),
            }
            for e in doc.entities
        ],
        "charts": [chart_view(c, links, "../") for c in doc_charts[:CHARTS_PER_DOCUMENT]],
        "more_charts": [chart_view(c, links, "../") for c in doc_charts[CHARTS_PER_DOCUMENT:]],
    }


def _kind(item: tuple[str, int]) -> tuple[int, str]:
    kind = item[0]
    return (KINDS.index(kind) if kind in KINDS else len(KINDS), kind)


def charts_context(charts: ChartSet, links: Links, facts_total: int) -> dict[str, Any]:
    """The list of all charts."""
    views = [chart_view(c, links, "") for cs in charts.by_pair.values() for c in cs]
    return {
        "charts": views,
        "facts_drawn": len(charts.fact_points),
        "facts_total": facts_total,
    }


def subject_context(subject: str, charts: Sequence[Chart], links: Links) -> dict[str, Any]:
    """A subject's page: each of its charts with the data behind it."""
    views = []
    for chart in charts:
        view = chart_view(chart, links, "../")
        rows = []
        for label, points in chart.series.items():
            for p in sorted(points, key=lambda p: p.middle):
                value = fmt.number(p.value)
                if p.high > p.low:
                    value = f"{fmt.number(p.low)}{fmt.RANGE_DASH}{fmt.number(p.high)}"
                rows.append(
                    {
                        "series": label + (" (forward-looking)" if p.forward else ""),
                        "period": p.period,
                        "value": value,
                        "docs": [(d, f"../{links.docs[d]}") for d, _ in p.docs][
                            :DOCS_PER_POINT_ROW
                        ],
                        "more": max(0, len(p.docs) - DOCS_PER_POINT_ROW),
                    }
                )
        view["rows"] = rows
        views.append(view)
    return {"subject": subject, "charts": views}
