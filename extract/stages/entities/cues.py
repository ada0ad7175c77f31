"""Words that decide what a capitalized span is: ``extract/data/name_words.csv``.

Each row of the table names a word, its class and an invented example (a test). The
passes here cut a model span down to the name it holds, or reject it:

- courtesy titles and offices before a person's name are no part of it (``Ms Quill``,
  ``Treasurer Mara Quill``);
- web-page and press-release words are cut from a name's ends (``Mara Quill Share``,
  ``SOURCE Holloway Freight``), and a span made only of page labels is none (``Sign In``);
- a phrase ending in a heading word (``Risk Factors``) or in the last word of a law,
  programme or event (``the Clean Harbours Act``) is no organisation;
- a headline verb after a name in a heading is no part of it (``Halvard Sees``).
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import re
from collections import defaultdict
from collections.abc import Mapping
from importlib import resources

from extract.errors import ConfigError

CLASSES = (
    "honorific",
    "person_title",
    "page_label",
    "boilerplate",
    "heading",
    "not_org_end",
    "headline_verb",
)
_FILE = "name_words.csv"
_EXAMPLE = re.compile(r"^.*\[\[[^]|]+\|[A-Z]+\]\].* ->(?: \w+:.+)?$")


@functools.cache
def name_words() -> Mapping[str, frozenset[str]]:
    """class -> its words, case-folded, from the packaged table (validated)."""
    return _parse(
        resources.files("extract.data").joinpath(_FILE).read_text("utf-8"),
        f"extract/data/{_FILE}",
    )


@functools.cache
def fingerprint() -> str:
    """sha256 of the packaged table: part of the pipeline fingerprint, so that editing the
    table makes stored results stale."""
    blob = resources.files("extract.data").joinpath(_FILE).read_bytes()
    return hashlib.sha256(blob).hexdigest()


@functools.cache
def examples() -> tuple[tuple[str, str, str], ...]:
    """(word, class, example) rows of the packaged table."""
    text = resources.files("extract.data").joinpath(_FILE).read_text("utf-8")
    return tuple((r["word"], r["class"], r["example"]) for _line, r in _rows(text))


def _rows(text: str) -> list[tuple[int, dict[str, str]]]:
    lines = [(n, line) for n, line in enumerate(text.splitlines(), start=1)]
    kept = [(n, line) for n, line in lines if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(line for _n, line in kept)))
    return [(kept[i + 1][0], row) for i, row in enumerate(reader)]


def _parse(text: str, source: str) -> Mapping[str, frozenset[str]]:
    words: dict[str, set[str]] = defaultdict(set)
    for line, row in _rows(text):
        word, cls, example = row.get("word"), row.get("class"), row.get("example")
        if not word or not cls or example is None:
            raise ConfigError(f"{source}:{line}: expected word,class,example")
        if cls not in CLASSES:
            raise ConfigError(f"{source}:{line}: unknown class {cls!r} ({', '.join(CLASSES)})")
        if not _EXAMPLE.match(example):
            raise ConfigError(f"{source}:{line}: example needs [[span|LABEL]] and '->'")
        words[cls].add(word.casefold())
    return {cls: frozenset(words[cls]) for cls in CLASSES}


def _bare(word: str) -> str:
    return word.rstrip(".").casefold()


def in_class(word: str, cls: str) -> bool:
    return _bare(word) in name_words()[cls]


_SPAN_WORD = re.compile(r"\S+")


def person_start(text: str, start: int, end: int) -> int:
    """Start of a person's name past courtesy titles and offices before it."""
    while True:
        words = list(_SPAN_WORD.finditer(text, start, end))
        if len(words) < 2:
            return start
        first = words[0].group(0)
        if not (in_class(first, "honorific") or in_class(first, "person_title")):
            return start
        start = words[1].start()


def honorific_before(text: str, start: int, end: int) -> bool:
    """The span opens with a courtesy title and a name (``Mr Buttress``): a person, whatever
    the model read."""
    words = list(_SPAN_WORD.finditer(text, start, end))
    return len(words) >= 2 and in_class(words[0].group(0), "honorific")


def without_boilerplate(text: str, start: int, end: int) -> tuple[int, int]:
    """A span cut before a page word after its first word (``Mara Quill Share``, ``Mara
    Quill Comments Economic``) and past a capitalised one at its start (``SOURCE``)."""
    while True:
        words = list(_SPAN_WORD.finditer(text, start, end))
        if len(words) < 2:
            return start, end
        if words[0].group(0).isupper() and in_class(words[0].group(0), "boilerplate"):
            start = words[1].start()
            continue
        cut = next((i for i, w in enumerate(words) if i and in_class(w.group(0), "boilerplate")), 0)
        if not cut:
            return start, end
        end = words[cut - 1].end()


def without_headline_verbs(text: str, start: int, end: int) -> int:
    """End of a name in a heading past the headline verb after it (``Halvard Sees``)."""
    words = list(_SPAN_WORD.finditer(text, start, end))
    while len(words) >= 2 and in_class(words[-1].group(0), "headline_verb"):
        words.pop()
    return words[-1].end() if words else end


def page_label(surface: str) -> bool:
    """Only words of a web page's labels (``Sign In``, ``Print``)."""
    words = surface.split()
    return bool(words) and all(
        in_class(w, "page_label") or in_class(w, "boilerplate") for w in words
    )


def not_an_org(surface: str) -> bool:
    """A heading (``Risk Factors``) or a law, programme or event (``the Delta Summit``)."""
    words = surface.split()
    return len(words) >= 2 and (
        in_class(words[-1], "heading") or in_class(words[-1], "not_org_end")
    )


def titled_names(text: str) -> frozenset[str]:
    """Single names written after a courtesy title or an office (``President Verhoek``,
    ``Sen. Verhoek``): people wherever the document names them alone."""
    return frozenset(m.group(2) for m in _TITLED.finditer(text) if _titled(m.group(1)))


def _titled(word: str) -> bool:
    return in_class(word, "honorific") or in_class(word, "person_title")


_TITLED = re.compile(r"\b([A-Z][a-z]+)\.?[ ]+([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b(?![ ]+[A-Z])")
