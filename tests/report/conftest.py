"""Fixtures for the report: stores written row by row, and a headless Chromium."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import duckdb
import pytest

from extract.tables import SCHEMAS, frame

CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
CHROMEDRIVER = ("/usr/bin/chromedriver",)


def _fill(table: str, row: dict[str, Any]) -> dict[str, Any]:
    full = dict.fromkeys(SCHEMAS[table])
    full.update(row)
    return full


def _write_store(
    out_dir: Path,
    documents: Sequence[dict[str, Any]],
    mentions: Sequence[dict[str, Any]] = (),
    facts: Sequence[dict[str, Any]] = (),
    entities: Sequence[dict[str, Any]] = (),
) -> Path:
    """An output folder whose store holds these rows (missing columns empty)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(out_dir / "extract.duckdb"))
    tables = {"documents": documents, "mentions": mentions, "facts": facts, "entities": entities}
    for table, rows in tables.items():
        columns = ", ".join(f'"{c}" {t}' for c, t in SCHEMAS[table].items())
        con.execute(f"CREATE TABLE {table} ({columns})")
        if rows:
            con.register("batch", frame(table, [_fill(table, r) for r in rows]))
            con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM batch")
            con.unregister("batch")
    con.close()
    return out_dir


def _txt_document(folder: Path, doc_id: str, text: str, **extra: Any) -> dict[str, Any]:
    """A plain-text document row, its file written under ``folder``."""
    import hashlib

    data = text.encode("utf-8")
    path = folder / doc_id
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    row = {
        "doc_id": doc_id,
        "source": doc_id,
        "sha256": hashlib.sha256(data).hexdigest(),
        "title": text.splitlines()[0][:80],
        "status": "ok",
        "reader": "txt",
        "encoding": "utf-8",
        "chars": len(text),
        "language": "en",
        "reference_from": "none",
    }
    row.update(extra)
    return row


def _mention(doc_id: str, text: str, surface: str, kind: str, ident: str, **extra: Any) -> dict:
    """A mention row for the first occurrence of ``surface`` in ``text``."""
    start = text.index(surface)
    row = {
        "doc_id": doc_id,
        "mention_id": ident,
        "kind": kind,
        "text": surface,
        "start": start,
        "end": start + len(surface),
        "status": "ok",
    }
    row.update(extra)
    return row


def _sentence_of(text: str, surface: str) -> tuple[int, int]:
    """Offsets of the sentence holding ``surface``: from the last ". " or line break before it
    to the next period."""
    at = text.index(surface)
    start = max(text.rfind(". ", 0, at) + 2, text.rfind("\n", 0, at) + 1, 0)
    end = text.find(".", at)
    return start, (len(text) if end < 0 else end + 1)


ACME = (
    "Acme Widgets posts record third quarter\n\n"
    "Acme Widgets said on Tuesday that revenue rose 12% to $5.2 billion in the third "
    "quarter of 2025. Chief executive Dana Brook said orders for the Model Z were strong. "
    "The company expects revenue of about $5.6 billion in the fourth quarter.\n"
)
ACME_Q2 = (
    "Acme Widgets second quarter update\n\n"
    "Acme Widgets reported revenue of $4.6 billion in the second quarter of 2025, "
    "up 3% from a year earlier.\n"
)


@pytest.fixture
def sample_output(tmp_path: Path) -> tuple[Path, Path]:
    """An output folder of two Acme articles, one failed and one skipped file: (out, inputs)."""
    inputs = tmp_path / "in"
    out = tmp_path / "out"
    doc = _txt_document(
        inputs, "acme-q3.txt", ACME, reference_date="2025-10-21", reference_from="header"
    )
    doc2 = _txt_document(inputs, "news/acme-q2.txt", ACME_Q2)
    failed = {
        "doc_id": "broken.pdf",
        "source": "broken.pdf",
        "status": "failed",
        "error": "not a PDF: no trailer",
        "reader": "pdf",
    }
    skipped = {
        "doc_id": "empty.txt",
        "source": "empty.txt",
        "status": "skipped",
        "error": "empty file",
        "reader": "txt",
    }
    m = [
        _mention("acme-q3.txt", ACME, "Acme Widgets said", "org", "m1", canonical="Acme Widgets"),
        _mention("acme-q3.txt", ACME, "12%", "percent", "m2", value=12.0, unit="percent"),
        _mention(
            "acme-q3.txt",
            ACME,
            "$5.2 billion",
            "money",
            "m3",
            value=5.2e9,
            unit="USD",
            qualifier="exact",
        ),
        _mention(
            "acme-q3.txt",
            ACME,
            "the third quarter of 2025",
            "date",
            "m4",
            period="2025-Q3",
            date_start="2025-07-01",
            date_end="2025-09-30",
            granularity="quarter",
        ),
        _mention("acme-q3.txt", ACME, "Dana Brook", "person", "m5", canonical="Dana Brook"),
        _mention(
            "acme-q3.txt",
            ACME,
            "about $5.6 billion",
            "money",
            "m6",
            value=5.6e9,
            unit="USD",
            qualifier="approx",
        ),
        _mention("acme-q3.txt", ACME, "the fourth quarter", "date", "m7", period="2025-Q4"),
        _mention(
            "news/acme-q2.txt", ACME_Q2, "$4.6 billion", "money", "m1", value=4.6e9, unit="USD"
        ),
    ]
    # The org mention covers only the name, not "said".
    m[0]["end"] = m[0]["start"] + len("Acme Widgets")
    m[0]["text"] = "Acme Widgets"
    ev1 = _sentence_of(ACME, "$5.2 billion")
    ev2 = _sentence_of(ACME, "$5.6 billion")
    ev3 = _sentence_of(ACME_Q2, "$4.6 billion")
    f = [
        {
            "doc_id": "acme-q3.txt",
            "fact_id": "f1",
            "subject": "Acme Widgets",
            "metric": "revenue",
            "period": "2025-Q3",
            "value": 5.2e9,
            "value_low": 5.2e9,
            "value_high": 5.2e9,
            "unit": "USD",
            "change_value": 12.0,
            "change_unit": "percent",
            "change_basis": "yoy",
            "modality": "actual",
            "evidence_start": ev1[0],
            "evidence_end": ev1[1],
            "value_mention_id": "m3",
            "change_mention_id": "m2",
        },
        {
            "doc_id": "acme-q3.txt",
            "fact_id": "f2",
            "subject": "Acme Widgets",
            "metric": "revenue",
            "period": "2025-Q4",
            "value": 5.6e9,
            "value_low": 5.6e9,
            "value_high": 5.6e9,
            "unit": "USD",
            "qualifier": "approx",
            "modality": "forecast",
            "evidence_start": ev2[0],
            "evidence_end": ev2[1],
            "value_mention_id": "m6",
        },
        {
            "doc_id": "news/acme-q2.txt",
            "fact_id": "f1",
            "subject": "Acme Widgets",
            "metric": "revenue",
            "period": "2025-Q2",
            "value": 4.6e9,
            "value_low": 4.6e9,
            "value_high": 4.6e9,
            "unit": "USD",
            "modality": "actual",
            "evidence_start": ev3[0],
            "evidence_end": ev3[1],
            "value_mention_id": "m1",
        },
    ]
    e = [
        {
            "doc_id": "acme-q3.txt",
            "kind": "person",
            "canonical": "Dana Brook",
            "aliases": "Dana Brook",
            "mentions": 1,
            "role": "Chief executive",
            "org": "Acme Widgets",
        }
    ]
    _write_store(out, [doc, doc2, failed, skipped], m, f, e)
    return out, inputs


@pytest.fixture
def store_writer():
    """``write(out_dir, documents, mentions=(), facts=(), entities=())``: a store of rows."""
    return _write_store


@pytest.fixture
def txt_row():
    """``row(folder, doc_id, text, **columns)``: writes a text file, returns its documents row."""
    return _txt_document


@pytest.fixture
def mention_row():
    """``row(doc_id, text, surface, kind, mention_id, **columns)``: a mention of ``surface``."""
    return _mention


def _find(candidates: Sequence[str], name: str) -> str | None:
    return next((c for c in candidates if Path(c).is_file()), None) or shutil.which(name)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Chromium driven by its chromedriver (Debian's packages), logging the console.

    Without them the browser tests are skipped, except under CI (``CI`` set), where
    they fail: ``.ci/run`` installs both.
    """
    chromium, driver_path = _find(CHROMIUM, "chromium"), _find(CHROMEDRIVER, "chromedriver")
    if chromium is None or driver_path is None:
        message = "chromium and chromedriver are not installed (apt-get install chromium-driver)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1400,1000",
    ):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="session")
def screenshot_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots go: $REPORT_SCREENSHOTS if set, else a temporary folder."""
    folder = os.environ.get("REPORT_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path
