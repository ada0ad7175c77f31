"""The review report: a static site written from an output folder's store.

``write_report(out_dir)`` reads ``out_dir/extract.duckdb`` read-only and writes
``out_dir/report/``: ``index.html`` (every document with its status and counts),
``docs/*.html`` (one page per document: the text with its mentions highlighted, the
facts with links to their evidence, the charts of its subjects), ``charts.html`` and
``subjects/*.html`` (each subject's metrics by period across documents, inline SVG),
and ``assets/`` (the one stylesheet and script). Nothing is loaded from the network;
every page's Content-Security-Policy allows only the report's own script file.
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jinja2

from extract import __version__
from extract.report import chart, fmt, pages
from extract.report.load import ReportError, document_text, load_documents

__all__ = ["CSP", "ReportError", "ReportSummary", "write_report"]

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "base-uri 'none'; form-action 'none'"
)
MARKER = "report.json"
_HERE = Path(__file__).parent
ASSETS = ("report.css", "report.js")
PAGE_FOLDERS = ("docs", "subjects", "assets")


@dataclass(frozen=True, slots=True)
class ReportSummary:
    """What a report run wrote."""

    folder: Path
    documents: int
    charts: int
    texts_missing: int
    seconds: float

    @property
    def index(self) -> Path:
        return self.folder / "index.html"


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(_HERE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["num"] = fmt.number
    return env


def _prepare(folder: Path) -> None:
    """Make ``folder`` ready for a report; refuse a folder holding anything but a report.

    The pages of an earlier report stay until they are overwritten, or removed by
    ``_remove_stale`` if no longer written: that costs one write per page, not a delete
    and a write.
    """
    if folder.exists() and not folder.is_dir():
        raise ReportError(f"{folder}: exists and is not a folder")
    if folder.is_dir() and any(folder.iterdir()) and not (folder / MARKER).is_file():
        raise ReportError(f"{folder}: not empty and holds no earlier report; choose another --to")
    try:
        (folder / MARKER).unlink(missing_ok=True)
        for sub in PAGE_FOLDERS:
            (folder / sub).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReportError(f"{folder}: cannot write the report: {exc.strerror or exc}") from exc


def _write_if_changed(path: Path, html: str) -> None:
    """Write a page unless it already holds ``html``: a report of an unchanged store
    rewrites nothing but its index."""
    data = html.encode("utf-8")
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return
    except OSError:
        pass
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise ReportError(f"{path}: cannot write: {exc.strerror or exc}") from exc


def _remove_stale(folder: Path, written: set[str]) -> None:
    """Delete the pages of an earlier report that this one did not write."""
    for sub in PAGE_FOLDERS:
        for path in (folder / sub).iterdir():
            if f"{sub}/{path.name}" not in written:
                if path.is_dir():
                    shutil.rmtree(path)
                else:
                    path.unlink()


def write_report(
    out_dir: str | Path, to: str | Path | None = None, inputs: Iterable[str | Path] = ()
) -> ReportSummary:
    """Write the report of ``out_dir`` into ``to`` (default ``out_dir/report``).

    ``inputs`` are the files or folders given to ``extract run``: plain-text documents
    are read from there (their text is not in the store). Raises ``ReportError``.
    """
    started = time.perf_counter()
    out_dir = Path(out_dir)
    folder = Path(to) if to is not None else out_dir / "report"
    roots = [p if p.is_dir() else p.parent for p in map(Path, inputs)]
    docs = load_documents(out_dir)
    _prepare(folder)
    env = _environment()
    common: dict[str, Any] = {
        "csp": CSP,
        "store": str(out_dir / "extract.duckdb"),
        "version": __version__,
        "generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "series_classes": chart.SERIES_CLASSES,
    }
    subjects = sorted({f.text("subject") for d in docs for f in d.facts if f.text("subject")})
    links = pages.Links.build((d.doc_id for d in docs), subjects)
    charts = chart.collect(
        (d.doc_id, f"../{links.docs[d.doc_id]}", f) for d in docs for f in d.facts
    )
    titles = {d.doc_id: d.row.text("title") or d.doc_id for d in docs}
    for chart_list in charts.by_pair.values():
        for c in chart_list:
            c.svg = chart.draw(c, titles.__getitem__)

    written: set[str] = set()

    def write(rel: str, template: str, context: dict[str, Any], root: str) -> None:
        html = env.get_template(template).render(**common, **context, root=root)
        _write_if_changed(folder / rel, html)
        written.add(rel)

    missing = 0
    for doc in docs:
        text = document_text(doc.row, roots)
        missing += text.text is None and doc.row.text("status") == "ok"
        context = pages.document_context(doc, text, links, charts)
        write(links.docs[doc.doc_id], "document.html", context, "../")
    write("index.html", "index.html", pages.index_context(docs, links), "")
    facts_total = sum(len(d.facts) for d in docs)
    write("charts.html", "charts.html", pages.charts_context(charts, links, facts_total), "")
    by_subject: dict[str, list[chart.Chart]] = {}
    for (subject, _metric), chart_list in charts.by_pair.items():
        by_subject.setdefault(subject, []).extend(chart_list)
    for subject in subjects:
        context = pages.subject_context(subject, by_subject.get(subject, []), links)
        write(links.subjects[subject], "subject.html", context, "../")
    for name in ASSETS:
        shutil.copyfile(_HERE / "assets" / name, folder / "assets" / name)
        written.add(f"assets/{name}")
    _remove_stale(folder, written)
    n_charts = sum(len(c) for c in charts.by_pair.values())
    summary = ReportSummary(folder, len(docs), n_charts, missing, time.perf_counter() - started)
    marker = {"documents": len(docs), "charts": n_charts, "store": common["store"]}
    (folder / MARKER).write_text(json.dumps(marker, indent=2) + "\n", encoding="utf-8")
    return summary
