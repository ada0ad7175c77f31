"""A large store reports in time linear in its size.

The store is synthesized: ten articles of invented sentences, each with its mentions and
facts, copied under new ids up to ``REPORT_SCALE_DOCS`` documents (default 1,000).
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import duckdb

from extract.report import write_report

COMPANIES = ("Norvale", "Pellucid Labs", "Quarrystone", "Tamsin Foods", "Brackwater")
SENTENCE = (
    "{company} said revenue rose {pct}% to ${value} billion in the {nth} quarter of {year}, "
    "while chief executive Ana Roe kept the forecast for {year} unchanged. "
)
NTH = ("first", "second", "third", "fourth")


def _article(index: int, folder: Path, txt_row) -> tuple[dict, list[dict], list[dict]]:
    """A text of 24 sentences with its documents row, mentions and facts."""
    company = COMPANIES[index % len(COMPANIES)]
    parts, mentions, facts = [f"{company} results update {index}\n\n"], [], []
    offset = len(parts[0])
    for s in range(24):
        q, year = s % 4 + 1, 2022 + s // 4
        value = f"{1 + (index + s) % 9}.{s % 10}"
        sentence = SENTENCE.format(
            company=company, pct=3 + s % 7, value=value, nth=NTH[q - 1], year=year
        )
        found = {}
        for kind, pattern in (
            ("org", re.escape(company)),
            ("percent", r"\d+%"),
            ("money", r"\$[\d.]+ billion"),
            ("date", r"the \w+ quarter of \d{4}"),
            ("person", "Ana Roe"),
            ("date", r"(?<=for )\d{4}"),
        ):
            m = re.search(pattern, sentence)
            ident = f"m{len(mentions) + 1}"
            found[kind] = ident
            mentions.append(
                {
                    "mention_id": ident,
                    "kind": kind,
                    "text": m.group(),
                    "status": "ok",
                    "start": offset + m.start(),
                    "end": offset + m.end(),
                    "value": float(value) * 1e9 if kind == "money" else None,
                    "unit": "USD" if kind == "money" else "",
                    "period": f"{year}-Q{q}",
                    "canonical": company if kind == "org" else "",
                }
            )
        facts.append(
            {
                "fact_id": f"f{s + 1}",
                "subject": company,
                "metric": "revenue",
                "period": f"{year}-Q{q}",
                "value": float(value) * 1e9,
                "unit": "USD",
                "change_value": float(3 + s % 7),
                "change_unit": "percent",
                "modality": "actual",
                "evidence_start": offset,
                "evidence_end": offset + len(sentence) - 1,
                "value_mention_id": found["money"],
                "change_mention_id": found["percent"],
            }
        )
        parts.append(sentence)
        offset += len(sentence)
    doc_id = f"article-{index}.txt"
    row = txt_row(folder, doc_id, "".join(parts))
    for r in (*mentions, *facts):
        r["doc_id"] = doc_id
    return row, mentions, facts


def _copy_to(out: Path, total: int, base: int) -> None:
    """Copy every document's rows under new ids (``c00007/article-3.txt``) up to ``total``."""
    con = duckdb.connect(str(out / "extract.duckdb"))
    copies = -(-total // base)
    for table in ("documents", "mentions", "facts", "entities"):
        con.execute(
            f"CREATE TABLE copied AS SELECT * REPLACE (printf('c%05d/', k) || doc_id AS doc_id) "
            f"FROM {table}, range({copies}) r(k)"
        )
        con.execute(f"DROP TABLE {table}")
        con.execute(f"ALTER TABLE copied RENAME TO {table}")
    con.close()


def test_report_scale_thousand_documents(store_writer, txt_row, tmp_path: Path) -> None:
    total = int(os.environ.get("REPORT_SCALE_DOCS", "1000"))
    inputs, out = tmp_path / "in", tmp_path / "out"
    docs, mentions, facts = [], [], []
    for i in range(10):
        row, ms, fs = _article(i, inputs, txt_row)
        docs.append(row)
        mentions += ms
        facts += fs
    store_writer(out, docs, mentions, facts)
    _copy_to(out, total, len(docs))
    wall, cpu = time.perf_counter(), time.process_time()
    summary = write_report(out, inputs=[inputs])
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"\nreport of {summary.documents} documents: {wall:.1f} s wall, {cpu:.1f} s CPU")
    assert summary.documents == total
    assert summary.texts_missing == 0
    assert len(list((summary.folder / "docs").glob("*.html"))) == total
    assert summary.charts == len(COMPANIES)
    # About 3 ms of CPU a document; the bound leaves room for slow machines and stays far
    # below what a pass quadratic in the number of documents would take.
    assert cpu < total * 0.02
    page = next((summary.folder / "docs").glob("c00000-article-3*.html")).read_text("utf-8")
    assert page.count("<mark ") == 24 * 6
    assert page.count('class="ev-link"') == 24
