"""Scoring against token-per-row BIO files: reading both layouts, rebuilding text, scores."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from extract.cli import cli
from extract.conll import BioDocument, Span, bio_spans, read_bio, score_bio
from extract.evaluate import EvalError

# Invented sentences: a person, an organisation and a place, in FiNER-ORD's CSV layout.
FINER_CSV = '''gold_label,gold_token,doc_idx,sent_idx
1,Mara,0,0
2,Quill,0,0
0,joined,0,0
5,Holloway,0,0
6,Freight,0,0
0,in,0,0
3,Lisbon,0,0
0,.,0,0
0,She,0,1
0,said,0,1
0,it,0,1
0,'s,0,1
0,"""",0,1
0,good,0,1
0,"""",0,1
0,.,0,1
5,Pellworth,1,0
0,(,1,0
0,rose,1,0
0,),1,0
0,sells,1,0
0,low,1,0
0,-,1,0
0,cost,1,0
0,goods,1,0
0,.,1,0
'''

CONLL = """-DOCSTART- O

Mara NNP B-PER
Quill NNP I-PER
joined VBD O
Holloway NNP B-ORG
Freight NNP I-ORG
in IN O
Lisbon NNP B-LOC
. . O

-DOCSTART- O

The DT O
Vettori NNP I-MISC
Cup NNP I-MISC
went VBD O
to TO O
Oslo NNP I-LOC
"""


@pytest.fixture
def finer_file(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.csv"
    path.write_text(FINER_CSV, encoding="utf-8")
    return path


@pytest.fixture
def conll_file(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.conll"
    path.write_text(CONLL, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("doc", "text"),
    [
        (0, 'Mara Quill joined Holloway Freight in Lisbon. She said it\'s "good".'),
        (1, "Pellworth (rose) sells low-cost goods."),
    ],
    ids=["clitic-and-quotes", "brackets-and-hyphen"],
)
def test_conll_read_csv_rebuilds_text(finer_file: Path, doc: int, text: str) -> None:
    documents = read_bio(finer_file)
    assert documents[doc].text == text
    for token, (start, end) in zip(documents[doc].tokens, documents[doc].offsets, strict=True):
        assert documents[doc].text[start:end] == token


def test_conll_read_csv_gold_spans(finer_file: Path) -> None:
    document = read_bio(finer_file)[0]
    assert document.gold() == [Span("person", 0, 1), Span("org", 3, 4), Span("place", 6, 6)]


def test_conll_read_classic_layout_documents_and_tags(conll_file: Path) -> None:
    documents = read_bio(conll_file)
    assert [d.text for d in documents] == [
        "Mara Quill joined Holloway Freight in Lisbon.",
        "The Vettori Cup went to Oslo",
    ]
    # MISC is outside; an I- tag after O opens a name (IOB1).
    assert documents[1].gold() == [Span("place", 5, 5)]


@pytest.mark.parametrize(
    ("tags", "spans"),
    [
        (["B-org", "I-org", "B-org"], [Span("org", 0, 1), Span("org", 2, 2)]),
        (["I-person", "I-person", "O"], [Span("person", 0, 1)]),
        (["B-place", "I-org"], [Span("place", 0, 0), Span("org", 1, 1)]),
    ],
    ids=["b-opens", "i-after-o-opens", "type-change-opens"],
)
def test_conll_bio_spans(tags: list[str], spans: list[Span]) -> None:
    assert bio_spans(tags) == spans


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("Mara B-PER\nQuill\n", "expected 'token TAG'"),
        ("Mara X-PER\n", "not a BIO tag"),
        ("", "no tokens"),
    ],
    ids=["one-column", "bad-tag", "empty"],
)
def test_conll_bad_file_one_line_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.conll"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(EvalError, match=message) as info:
        read_bio(path)
    assert str(path) in str(info.value)


def test_conll_score_exact_and_overlap(finer_file: Path) -> None:
    document = read_bio(finer_file)[0]
    text = document.text
    predictions = {
        "0": [
            ("person", 0, len("Mara Quill")),  # exact
            ("org", text.index("Holloway"), text.index("Holloway") + len("Holloway")),  # cut
            ("place", text.index("She"), text.index("She") + 3),  # false alarm
            ("product", 0, 4),  # not scored
        ]
    }
    report = score_bio([document], predictions, details=True)
    assert report["exact"]["person"]["f1"] == 1.0
    assert report["exact"]["org"] == {
        "tp": 0, "fp": 1, "fn": 1, "precision": 0.0, "recall": 0.0, "f1": 0.0
    }  # fmt: skip
    assert report["overlap"]["org"]["tp"] == 1
    assert report["exact"]["place"]["fp"] == 1
    assert report["exact"]["place"]["fn"] == 1
    assert report["exact"]["all"]["tp"] == 1
    assert report["overlap"]["all"]["tp"] == 2
    assert "0@0: person" not in " ".join(report["misses"])
    assert any("'Lisbon'" in m for m in report["misses"])


def test_conll_projection_longer_mention_wins() -> None:
    document = BioDocument(doc_id="d", tokens=["Bank", "of", "Lisbon"], tags=["O"] * 3)
    document.sentence_starts.add(0)
    document.build()
    spans = document.project([("place", 8, 14), ("org", 0, 14)])
    assert spans == [Span("org", 0, 2)]


@pytest.mark.slow
def test_conll_cli_scores_a_file(finer_file: Path) -> None:
    result = CliRunner().invoke(cli, ["eval", "--conll", str(finer_file)])
    assert result.exit_code == 0, result.output
    assert "person   exact" in result.output
    assert "all      overlap" in result.output


def test_conll_cli_missing_file_exit_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["eval", "--conll", str(tmp_path / "none.csv")])
    assert result.exit_code == 2
    assert "cannot read" in result.output
