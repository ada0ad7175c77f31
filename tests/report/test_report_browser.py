"""The report in headless Chromium: pages load clean, highlights, evidence links, charts,
escaping, the CSP, paging; screenshots of the index and a document page are saved."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from selenium.webdriver.support.ui import Select

from extract.report import write_report
from extract.report.pages import page_name

DASH = "\u2013"
HOSTILE = (
    "<script>document.title='pwned-script';window.pwned=1</script>",
    '"><img src=x onerror="document.title=\'pwned-img\';window.pwned=2">',
    '\'><svg onload="window.pwned=3">',
)


def _open(browser: Any, path: Path) -> list[dict]:
    """Load a page and return what the console logged while it loaded."""
    browser.get_log("browser")
    browser.get(path.as_uri())
    return browser.get_log("browser")


def _errors(logs: list[dict]) -> list[str]:
    return [entry["message"] for entry in logs if entry["level"] == "SEVERE"]


def _doc(folder: Path, doc_id: str) -> Path:
    return folder / "docs" / page_name(doc_id)


def _in_view(browser: Any, element: Any) -> bool:
    return browser.execute_script(
        "const r = arguments[0].getBoundingClientRect();"
        "return r.bottom > 0 && r.top < window.innerHeight;",
        element,
    )


@pytest.fixture
def site(sample_output) -> Path:
    out, inputs = sample_output
    return write_report(out, inputs=[inputs]).folder


@pytest.mark.parametrize("page", ["index.html", "charts.html", "doc", "failed-doc", "subject"])
def test_report_browser_pages_load_without_console_errors(browser, site, page) -> None:
    if page == "doc":
        path = _doc(site, "acme-q3.txt")
    elif page == "failed-doc":
        path = _doc(site, "broken.pdf")
    elif page == "subject":
        path = next((site / "subjects").glob("*.html"))
    else:
        path = site / page
    logs = _open(browser, path)
    assert _errors(logs) == []
    assert browser.execute_script("return document.documentElement.classList.contains('js')")


def test_report_browser_highlights_show_their_normalized_value(browser, site) -> None:
    _open(browser, _doc(site, "acme-q3.txt"))
    marks = browser.find_elements("css selector", "#doc-text mark")
    kinds = sorted(m.get_attribute("class") for m in marks)
    assert kinds == sorted(
        ["k-org", "k-percent", "k-money", "k-date", "k-person", "k-money", "k-date"]
    )
    money = browser.find_element("id", "m-m3")
    assert money.text == "$5.2 billion"
    browser.execute_script("arguments[0].focus()", money)
    tip = browser.execute_script("return getComputedStyle(arguments[0], '::after').content", money)
    assert tip == '"money: 5,200,000,000 USD · m3"'
    legend = browser.find_elements("css selector", "#legend button.kind-toggle")
    assert {b.get_attribute("data-kind") for b in legend} == {
        "org",
        "percent",
        "money",
        "date",
        "person",
    }
    background = "return getComputedStyle(arguments[0]).backgroundColor"
    shown = browser.execute_script(background, money)
    next(b for b in legend if b.get_attribute("data-kind") == "money").click()
    assert browser.execute_script(background, money) == "rgba(0, 0, 0, 0)"
    percent = browser.find_element("id", "m-m2")
    assert browser.execute_script(background, percent) != "rgba(0, 0, 0, 0)"
    next(b for b in legend if b.get_attribute("data-kind") == "money").click()
    assert browser.execute_script(background, money) == shown


def test_report_browser_fact_link_scrolls_to_and_marks_its_evidence(
    browser, store_writer, txt_row, mention_row, tmp_path
) -> None:
    filler = "".join(f"Paragraph {i} says nothing about figures at all.\n\n" for i in range(150))
    text = filler + "Acme Widgets said revenue rose 12% to $5.2 billion in 2024. Other news.\n"
    inputs, out = tmp_path / "in", tmp_path / "out"
    doc = txt_row(inputs, "long.txt", text)
    start = text.index("Acme Widgets said")
    end = text.index(" Other news.")
    store_writer(
        out,
        [doc],
        [
            mention_row("long.txt", text, "12%", "percent", "m1", value=12.0, unit="percent"),
            mention_row("long.txt", text, "$5.2 billion", "money", "m2", value=5.2e9, unit="USD"),
        ],
        [
            {
                "doc_id": "long.txt",
                "fact_id": "f1",
                "subject": "Acme Widgets",
                "metric": "revenue",
                "period": "2024",
                "value": 5.2e9,
                "unit": "USD",
                "change_value": 12.0,
                "change_unit": "percent",
                "modality": "actual",
                "evidence_start": start,
                "evidence_end": end,
                "value_mention_id": "m2",
                "change_mention_id": "m1",
            },
        ],
    )
    folder = write_report(out, inputs=[inputs]).folder
    assert _errors(_open(browser, _doc(folder, "long.txt"))) == []
    evidence = browser.find_elements("css selector", '#doc-text .ev[data-ev~="e1"]')
    assert evidence
    assert not _in_view(browser, evidence[0])
    browser.find_element("css selector", "a.ev-link").click()
    lit = browser.find_elements("css selector", "#doc-text .lit")
    assert {e.get_attribute("id") for e in lit if e.tag_name == "mark"} == {"m-m1", "m-m2"}
    lit_text = "".join(e.text for e in lit if e.tag_name == "span")
    assert "Acme Widgets said revenue rose" in lit_text
    assert _in_view(browser, evidence[0])
    row = browser.find_element("id", "fact-f1")
    assert "selected" in row.get_attribute("class")


def test_report_browser_chart_rings_this_documents_points(browser, site) -> None:
    _open(browser, _doc(site, "acme-q3.txt"))
    charts = browser.find_elements("css selector", "svg.chart")
    assert len(charts) == 1
    assert len(charts[0].find_elements("css selector", "circle")) == 3
    ringed = charts[0].find_elements("css selector", "g.pt.this")
    assert len(ringed) == 2
    assert len(charts[0].find_elements("css selector", "g.pt.fwd")) == 1
    assert len(charts[0].find_elements("css selector", "polyline")) == 1


def test_report_browser_article_markup_shows_as_text_and_never_runs(
    browser, store_writer, txt_row, mention_row, tmp_path, screenshot_dir
) -> None:
    text = f"Acme {HOSTILE[0]} revenue rose 5% {HOSTILE[1]} to $3 billion {HOSTILE[2]}.\n"
    inputs, out = tmp_path / "in", tmp_path / "out"
    doc_id = 'evil"><img src=x onerror=alert(1)>.txt'
    doc = txt_row(inputs, doc_id, text, title=HOSTILE[0] + " headline " + HOSTILE[1])
    store_writer(
        out,
        [doc, {"doc_id": "bad.pdf", "status": "failed", "error": HOSTILE[1]}],
        [
            mention_row(doc_id, text, "5%", "percent", "m1", value=5.0, unit="percent"),
            mention_row(doc_id, text, "Acme", "org", "m2", canonical=HOSTILE[1]),
            mention_row(doc_id, text, "$3 billion", "money", "m3", value=3e9, unit='"><b>USD'),
        ],
        [
            {
                "doc_id": doc_id,
                "fact_id": "f1",
                "subject": HOSTILE[0],
                "segment": HOSTILE[2],
                "metric": "revenue",
                "period": "2025",
                "value": 3e9,
                "unit": HOSTILE[1],
                "modality": "actual",
                "evidence_start": 0,
                "evidence_end": len(text) - 1,
                "value_mention_id": "m3",
            },
        ],
        [
            {
                "doc_id": doc_id,
                "kind": "org",
                "canonical": HOSTILE[1],
                "aliases": HOSTILE[0],
                "mentions": 1,
            }
        ],
    )
    folder = write_report(out, inputs=[inputs]).folder
    pages = [
        folder / "index.html",
        _doc(folder, doc_id),
        folder / "charts.html",
        *sorted((folder / "subjects").glob("*.html")),
    ]
    for page in pages:
        logs = _open(browser, page)
        assert _errors(logs) == [], page.name
        assert browser.execute_script("return window.pwned === undefined"), page.name
        assert not browser.title.startswith("pwned"), page.name
        assert browser.find_elements("css selector", "main img, main b, main script") == []
        assert [s.get_attribute("src") for s in browser.find_elements("tag name", "script")] == [
            (folder / "assets" / "report.js").as_uri()
        ]
    _open(browser, _doc(folder, doc_id))
    body = browser.find_element("id", "doc-text").text
    for piece in HOSTILE:
        assert piece in body
    assert HOSTILE[1] in browser.find_element("tag name", "h1").text
    tip = browser.find_element("id", "m-m2").get_attribute("data-tip")
    assert tip == f"org: {HOSTILE[1]} · m2"
    browser.find_element("css selector", "a.ev-link").click()
    assert browser.save_screenshot(str(screenshot_dir / "report-escaping.png"))


def test_report_browser_csp_blocks_an_inline_script(browser, site) -> None:
    page = _doc(site, "acme-q3.txt")
    tampered = page.with_name("tampered.html")
    html = page.read_text(encoding="utf-8")
    tampered.write_text(
        html.replace("<main>", "<main><script>document.title='inline ran'</script>"),
        encoding="utf-8",
    )
    logs = _open(browser, tampered)
    assert browser.title != "inline ran"
    assert any("Content Security Policy" in m for m in _errors(logs))
    assert browser.execute_script("return document.documentElement.classList.contains('js')")


def test_report_browser_index_filters_sorts_and_pages(
    browser, store_writer, tmp_path: Path
) -> None:
    documents = [
        {
            "doc_id": f"doc-{i:03d}.txt",
            "status": "failed" if i % 10 == 0 else "ok",
            "error": "cannot read file" if i % 10 == 0 else "",
            "reader": "html",
            "text": "x",
            "title": f"Story {i}",
        }
        for i in range(120)
    ]
    mentions = [
        {
            "doc_id": "doc-007.txt",
            "mention_id": f"m{i}",
            "kind": "money",
            "text": "x",
            "start": 0,
            "end": 1,
        }
        for i in range(3)
    ]
    folder = write_report(store_writer(tmp_path / "out", documents, mentions)).folder
    assert _errors(_open(browser, folder / "index.html")) == []
    info = browser.find_element("id", "page-info")
    visible = 'return document.querySelectorAll("#docs tbody tr:not(.hidden)").length'
    assert info.text == f"rows 1{DASH}50 of 120"
    assert browser.execute_script(visible) == 50
    browser.find_element("id", "next").click()
    assert info.text == f"rows 51{DASH}100 of 120"
    status = Select(browser.find_element("id", "status-filter"))
    status.select_by_value("failed")
    assert info.text == f"rows 1{DASH}12 of 12 (filtered from 120)"
    status.select_by_value("")
    browser.find_element("id", "filter").send_keys("Story 11")
    assert browser.execute_script(visible) == 11  # Story 11 and Story 110-119
    browser.find_element("id", "filter").clear()
    browser.find_element("id", "filter").send_keys(" ")
    money = browser.find_element("xpath", "//table[@id='docs']//th[contains(., 'money')]")
    money.click()
    money.click()
    first = browser.find_element("css selector", "#docs tbody tr:not(.hidden) td a")
    assert first.text == "doc-007.txt"


def test_report_browser_screenshots_of_index_and_document(
    browser, site, screenshot_dir: Path
) -> None:
    shots = {
        "index": site / "index.html",
        "document": _doc(site, "acme-q3.txt"),
    }
    for name, page in shots.items():
        _open(browser, page)
        if name == "document":
            browser.find_element("css selector", "a.ev-link").click()
        target = screenshot_dir / f"report-{name}.png"
        assert browser.save_screenshot(str(target))
        assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert target.stat().st_size > 10_000
