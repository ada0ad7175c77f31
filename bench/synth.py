"""Small benchmark documents made from sample articles, each with its own names and figures.

A document is a run of consecutive paragraphs of one article (wrapping into the next
article) of 2-5 KB. Company names of the packaged alias table are swapped for invented
ones, years are shifted by a few years, numbers of one or two digits become 1-28 (still a
valid day of a month), the digit of a quarter or half (``Q3``, ``H1``) is kept, and longer
numbers get new digits of the same length, so no two documents are the same text and the
stages see new values.
"""

from __future__ import annotations

import csv
import random
import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MIN_BYTES, MAX_BYTES = 2_000, 5_000

# Invented company names, combined as FIRST + SECOND ("Norvell Robotics").
_FIRST = (
    "Norvell", "Quantara", "Brightmoor", "Halvex", "Corrigan", "Astrel", "Veltana", "Mirova",
    "Tessaro", "Kelby", "Ondrix", "Palvane", "Rudmark", "Siltera", "Trevane", "Ulmora",
)  # fmt: skip
_SECOND = ("", " Group", " Motors", " Electronics", " Holdings", " Robotics", " Systems")
_NUMBER = re.compile(r"\d+")
_YEAR = re.compile(r"(?:19|20)\d\d")


def _paragraphs(sources: list[Path]) -> list[str]:
    paragraphs = []
    for source in sources:
        text = source.read_text(encoding="utf-8")
        paragraphs.extend(line for line in text.splitlines() if line.strip())
    if not paragraphs:
        raise SystemExit("bench: the sample articles hold no text")
    return paragraphs


def _org_names() -> re.Pattern[str]:
    """Every org surface of the packaged alias table, longest first, as whole words."""
    table = ROOT / "extract" / "data" / "aliases.csv"
    lines = [x for x in table.read_text(encoding="utf-8").splitlines() if not x.startswith("#")]
    surfaces = {
        row["surface"]
        for row in csv.DictReader(lines)
        if row["kind"] == "org" and len(row["surface"]) >= 3
    }
    ordered = sorted(surfaces, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(s) for s in ordered) + r")\b")


class Synthesizer:
    """Documents ``0..n-1`` of a seed: the same seed and index give the same text."""

    def __init__(self, sources: list[Path], seed: int = 14) -> None:
        self.paragraphs = _paragraphs(sources)
        self.orgs = _org_names()
        self.seed = seed

    def document(self, index: int) -> str:
        rng = random.Random(self.seed * 1_000_003 + index)
        target = rng.randint(MIN_BYTES + 200, MAX_BYTES - 400)
        position = rng.randrange(len(self.paragraphs))
        parts: list[str] = []
        size = 0
        while size < target:
            paragraph = self.paragraphs[position % len(self.paragraphs)]
            position += 1
            if size + len(paragraph.encode()) > MAX_BYTES - 400 and parts:
                break
            parts.append(paragraph)
            size += len(paragraph.encode()) + 1
        return self._vary("\n".join(parts) + "\n", rng)

    def _vary(self, text: str, rng: random.Random) -> str:
        names: dict[str, str] = {}

        def name(match: re.Match[str]) -> str:
            if match.group() not in names:
                names[match.group()] = rng.choice(_FIRST) + rng.choice(_SECOND)
            return names[match.group()]

        shift = rng.randint(-4, 1)

        def number(match: re.Match[str]) -> str:
            digits = match.group()
            before = match.string[match.start() - 1 : match.start()]
            if digits == "0" or (len(digits) == 1 and before in ("Q", "H")):
                return digits
            if _YEAR.fullmatch(digits):
                return str(int(digits) + shift)
            if len(digits) <= 2:
                return str(rng.randint(1, 28))
            return str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in digits[1:])

        return _NUMBER.sub(number, self.orgs.sub(name, text))

    def texts(self, n: int) -> Iterator[str]:
        for index in range(n):
            yield self.document(index)

    def write(self, folder: Path, n: int) -> list[str]:
        """Write documents ``0..n-1`` as ``folder/NNNNNN.txt``; return their texts."""
        folder.mkdir(parents=True, exist_ok=True)
        texts = []
        for index, text in enumerate(self.texts(n)):
            (folder / f"{index:06d}.txt").write_text(text, encoding="utf-8")
            texts.append(text)
        return texts


def sample_articles() -> list[Path]:
    sources = sorted((ROOT / "corpus").glob("*.txt"))
    if not sources:
        raise SystemExit("bench: corpus/ holds no .txt articles")
    return sources
