"""No run of eight or more words from an article the project is scored on appears in the
package: rules must follow from how business news is written, not from one text."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).parent.parent
RUN = 8
_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*", re.UNICODE)


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def _runs(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}


def _articles() -> list[Path]:
    sets = [p / "corpus" for p in sorted((ROOT / "tests" / "data").iterdir()) if p.is_dir()]
    return [f for d in [ROOT / "corpus", *sets] if d.is_dir() for f in sorted(d.glob("*.txt"))]


def _package_files() -> list[Path]:
    return [
        f
        for f in sorted((ROOT / "extract").rglob("*"))
        if f.is_file() and f.suffix in {".py", ".csv", ".toml", ".json", ".txt", ".md", ".tsv"}
    ]


def test_articles_are_found() -> None:
    names = {f.parent.parent.name for f in _articles()}
    assert {"dev1", "holdout5"} <= names


def test_runs_of_words_are_detected() -> None:
    text = "one two three four five six seven eight nine"
    assert _runs(_words(text)) & _runs(_words("x " + text.upper()))
    assert not _runs(_words("one two three four five six seven"))


def test_no_article_text_in_the_package() -> None:
    quoted: dict[tuple[str, ...], str] = {}
    for article in _articles():
        for run in _runs(_words(article.read_text(encoding="utf-8", errors="replace"))):
            quoted.setdefault(run, article.name)
    found = []
    for path in _package_files():
        for run in _runs(_words(path.read_text(encoding="utf-8", errors="replace"))):
            if run in quoted:
                found.append(f"{path.relative_to(ROOT)}: {' '.join(run)!r} ({quoted[run]})")
    assert not found, "article text in the package:\n" + "\n".join(sorted(found))
