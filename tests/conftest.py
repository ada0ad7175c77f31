"""Shared fixtures and the ``--slow`` switch for tests that load the spaCy model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--slow", action="store_true", help="also run tests that load the model")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--slow"):
        return
    skip = pytest.mark.skip(reason="loads the spaCy model; run with --slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return Path(__file__).parent.parent / "corpus"


@pytest.fixture(scope="session")
def gold_mentions() -> list[dict]:
    with (DATA / "gold" / "mentions.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@pytest.fixture(scope="session")
def pipeline():
    """The default pipeline with the real model, loaded once per session."""
    from extract.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def blank_pipeline():
    """The default stages over a blank spaCy pipeline that only splits sentences (no model)."""
    import spacy

    from extract.pipeline import Pipeline

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return Pipeline(nlp=nlp)


@pytest.fixture
def bad_input_dir(tmp_path: Path) -> Path:
    """A folder with an empty, a binary, a Latin-1, a broken-PDF and a good file."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    (folder / "latin1.txt").write_bytes(
        "Zürich, 3 March 2024 - Müller AG said revenue rose 5% to 12 million euros in the "
        "fourth quarter of 2023, after a difficult year for the Swiss company.\n".encode("latin-1")
    )
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ntrailer garbage")
    (folder / "good.txt").write_text(
        "Acme Corp said on March 3, 2024 that revenue rose 12% to $5.2 billion in 2023.\n",
        encoding="utf-8",
    )
    return folder


def make_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with a text layer holding ``lines`` (Helvetica, ASCII only)."""

    def escape(s: str) -> str:
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    content = "BT /F1 11 Tf 14 TL 72 720 Td " + " ".join(f"({escape(x)}) Tj T*" for x in lines)
    content += " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += (
        f"trailer << /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out


@pytest.fixture
def pdf_maker():
    """The ``make_pdf`` function, to build PDFs inside a test."""
    return make_pdf


@pytest.fixture
def pdf_bytes() -> bytes:
    return make_pdf(["Acme Corp results", "Revenue rose 12% to $5.2 billion in 2023."])
