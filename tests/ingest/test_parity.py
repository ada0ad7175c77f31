"""The sample articles rendered as PDF (one and two columns), HTML and DOCX give the same
money, percent and date values and the same facts as their plain text."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from extract.ingest.files import InputFile, read_document
from extract.records import DocumentResult

ARTICLES = ["xiaomi-q2-2025-lifestyle-os.txt", "xiaomi-q3-2025-two-fronts.txt"]
TARGET = 0.97


def _pairs(result: DocumentResult) -> Counter[tuple[str, ...]]:
    """(kind, normalized value) of money, percent and date mentions, and of facts."""
    pairs: Counter[tuple[str, ...]] = Counter()
    for m in result.mentions:
        if m.kind in ("money", "percent"):
            pairs[(m.kind, str(m.value), str(m.value_low), str(m.value_high), m.unit)] += 1
        elif m.kind == "date" and m.period:
            pairs[("date", m.period)] += 1
    for f in result.facts:
        pairs[("fact", f.subject, f.metric, f.period, str(f.value), f.unit)] += 1
    return pairs


def _share(expected: Counter[tuple[str, ...]], got: Counter[tuple[str, ...]]) -> float:
    return sum((expected & got).values()) / max(1, sum(expected.values()))


def _result(pipeline, path: Path) -> DocumentResult:
    document = read_document(InputFile(path, path.name))
    assert document.status == "ok", document.error
    return next(pipeline.process([document]))


@pytest.mark.slow
@pytest.mark.parametrize("article", ARTICLES)
@pytest.mark.parametrize("form", ["pdf-1col", "pdf-2col", "html", "docx"])
def test_parity_rendered_article_matches_text(
    tmp_path: Path,
    corpus_dir: Path,
    pipeline,
    pdf_builder,
    html_builder,
    docx_builder,
    to_latin1,
    article: str,
    form: str,
) -> None:
    text = (corpus_dir / article).read_text(encoding="utf-8")
    if form.startswith("pdf"):
        # Helvetica covers Latin-1: the text compared against is the same Latin-1 text.
        text = "\n".join(to_latin1(line) for line in text.splitlines())
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    plain = tmp_path / "a.txt"
    plain.write_text(text, encoding="utf-8")
    if form.startswith("pdf"):
        columns = 2 if form == "pdf-2col" else 1
        rendered = tmp_path / "a.pdf"
        rendered.write_bytes(pdf_builder(paragraphs, columns=columns, footer=True))
    elif form == "html":
        rendered = tmp_path / "a.html"
        rendered.write_text(html_builder(paragraphs), encoding="utf-8")
    else:
        rendered = tmp_path / "a.docx"
        rendered.write_bytes(docx_builder(paragraphs))
    expected = _pairs(_result(pipeline, plain))
    got = _pairs(_result(pipeline, rendered))
    share = _share(expected, got)
    print(f"{article} {form}: {share:.3f} of {sum(expected.values())} pairs")
    assert share >= TARGET, sorted((expected - got).elements())


RESULTS = [
    ["Metric", "Q3 2025", "Q3 2024", "Change"],
    ["Revenue", "$5.2 billion", "$4.6 billion", "13%"],
    ["Operating income", "$1.1 billion", "$870 million", "26%"],
    ["Net income", "$640 million", "$512 million", "25%"],
]
INTRO = "Globex Corporation reported its results for the third quarter on October 30, 2025."


def _table_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("| ")]


@pytest.mark.slow
@pytest.mark.parametrize("form", ["pdf", "html", "docx"])
def test_parity_results_table_matches_plain_pipe_table(
    tmp_path: Path, pipeline, pdf_builder, html_builder, docx_builder, form: str
) -> None:
    from extract.ingest.tables import pipe_table

    headline = "Globex Reports Third Quarter Results"
    plain = tmp_path / "a.txt"
    plain.write_text(f"{headline}\n\n{INTRO}\n\n{pipe_table(RESULTS)}\n", encoding="utf-8")
    rendered = tmp_path / f"a.{form}"
    if form == "pdf":
        rendered.write_bytes(pdf_builder([INTRO], headline=headline, table=RESULTS))
    elif form == "html":
        rendered.write_text(html_builder([headline, INTRO], table=RESULTS), encoding="utf-8")
    else:
        rendered.write_bytes(docx_builder([headline, INTRO], table=RESULTS))
    expected, got = _result(pipeline, plain), _result(pipeline, rendered)
    assert _table_lines(got.document.text) == _table_lines(expected.document.text)

    def values(result: DocumentResult) -> list[tuple[str, str, str, str]]:
        text = result.document.text
        return [
            (m.kind, m.text, str(m.value), m.unit)
            for m in result.mentions
            if m.kind in ("money", "percent", "date")
            and text[text.rfind("\n", 0, m.start) + 1 :].startswith("| ")
        ]

    assert values(got) == values(expected)
    assert len(values(got)) == 11  # two quarters in the header, nine values
