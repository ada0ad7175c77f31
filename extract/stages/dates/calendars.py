"""Default fiscal calendars of countries and companies (``extract/data/fiscal_calendars.csv``),
validated on load, and the country a document's cues point to.

Each row: ``name``, ``kind`` (``country``: a country whose companies keep a non-calendar fiscal
year, ``calendar``: one whose companies keep the calendar year, ``company``: one company),
``start_month`` (first month of the fiscal year), ``label`` (``end``: ``FY24`` is the year
ending in 2024; ``start``: the one starting in 2024), ``cues`` (``|``-separated words that
point to the country: its currency, cities, exchanges), and an example (``example``,
``example_span``, ``example_period``) that the tests run.
"""

from __future__ import annotations

import csv
import functools
import io
import itertools
import re
from collections import Counter
from dataclasses import dataclass
from importlib import resources

from extract.errors import ConfigError
from extract.normalize.scanning import word_alternation

__all__ = ["CalendarRow", "CalendarTable", "load_calendar_table", "parse_calendar_table"]

_COLUMNS = (
    "name",
    "kind",
    "start_month",
    "label",
    "cues",
    "example",
    "example_span",
    "example_period",
)
_KINDS = ("country", "calendar", "company")
# A country wins when its cues appear at least this often, and more often than any other's.
_MIN_CUES = 2


@dataclass(frozen=True, slots=True)
class CalendarRow:
    """One row of the table."""

    name: str
    kind: str
    start_month: int
    label: str
    cues: tuple[str, ...]
    example: str
    example_span: str
    example_period: str


# Words of a text as the cues are written: ``Mumbai``, ``U.S.``, ``Rs.``, ``A$``, ``₹``.
_TOKEN = re.compile(r"[^\W\d_][\w.$'\u2019-]*|[^\w\s]")


# Characters that continue a word token; a letter token runs to the end of such a run, and
# a run's tokens do not depend on the text before it.
_RUN_CHAR = re.compile(r"[\w.$'\u2019-]")
_RUN_REST = re.compile(r"[\w.$'\u2019-]*")
_LETTER = re.compile(r"[^\W\d_]")
_WORD_CHAR = re.compile(r"\w")


def _plain(head: str) -> bool:
    """A cue (or a cue's first word) that only a token starting where it starts can hold."""
    return len(head) == 1 or (
        _LETTER.match(head) is not None and all(_RUN_CHAR.match(c) for c in head)
    )


class CalendarTable:
    """Country and company fiscal calendars."""

    def __init__(self, rows: tuple[CalendarRow, ...]) -> None:
        self.rows = rows
        # A cue of one word, or the first word of a cue of several (``New`` -> ``Delhi``).
        self._single: dict[str, str] = {}
        self._multi: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for row in rows:
            if row.kind == "company":
                continue
            for cue in row.cues:
                words = tuple(cue.split())
                if len(words) == 1:
                    self._single[cue] = row.name
                else:
                    self._multi.setdefault(words[0], []).append((words[1:], row.name))
        # Every cue, or the first word of one: a text holding none of them names no country.
        heads = sorted({*self._single, *self._multi}, key=len, reverse=True)
        self._any_cue = re.compile(word_alternation(heads)) if heads else None
        self._plain_heads = all(_plain(h) for h in heads)

    def _cue_tokens(self, text: str) -> list[tuple[str, int]]:
        """(token, end) of the tokens of ``text`` that start with a cue or a cue's first word,
        in text order: those that may count. Found from the places a cue occurs, each token
        read from its run of word characters; every token when a cue has other characters."""
        if self._any_cue is None:
            return []
        if not self._plain_heads:
            return [(m.group(), m.end()) for m in _TOKEN.finditer(text)]
        found: list[tuple[str, int]] = []
        for hit in self._any_cue.finditer(text):
            start = hit.start()
            if _RUN_CHAR.match(text, start) is None:  # a sign: a token of its own
                if not text[start].isspace():
                    found.append((text[start], start + 1))
                continue
            # A token starts here when no letter comes before it in its run.
            j = start - 1
            while j >= 0 and _RUN_CHAR.match(text, j) is not None:
                if _LETTER.match(text, j) is not None:
                    break
                j -= 1
            else:
                if _LETTER.match(text, start) is not None:
                    end = _RUN_REST.match(text, start + 1).end()
                    found.append((text[start:end], end))
                elif not _WORD_CHAR.match(text, start):  # ``.``, ``$``, ``'``, ``-``
                    found.append((text[start], start + 1))
        return found

    def companies(self) -> dict[str, tuple[int, str]]:
        """Company name -> (start month, label)."""
        return {r.name: (r.start_month, r.label) for r in self.rows if r.kind == "company"}

    def country_of(self, text: str) -> CalendarRow | None:
        """The country whose cues ``text`` names most often (at least twice, and more often
        than any other country's), or ``None``. One pass over the text."""
        counts: Counter[str] = Counter()
        for token, end in self._cue_tokens(text):
            for form in (token, token.rstrip(".,'\u2019-"), token.split("-")[0]):
                if form in self._single:
                    counts[self._single[form]] += 1
                    break
            for rest, name in self._multi.get(token, ()):
                after = itertools.islice(_TOKEN.finditer(text, end), len(rest))
                if tuple(m.group().rstrip(".,") for m in after) == rest:
                    counts[name] += 1
        ranked = counts.most_common(2)
        if not ranked or ranked[0][1] < _MIN_CUES:
            return None
        if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
            return None
        name = ranked[0][0]
        return next(r for r in self.rows if r.name == name and r.kind != "company")


def _row(cells: dict[str, str], name: str, line: int) -> CalendarRow:
    where = f"{name}:{line}"
    kind = cells["kind"].strip()
    if kind not in _KINDS:
        raise ConfigError(f"{where}: kind must be one of {', '.join(_KINDS)}, not {kind!r}")
    try:
        start = int(cells["start_month"])
    except ValueError:
        raise ConfigError(f"{where}: start_month must be a number 1-12") from None
    if not 1 <= start <= 12:
        raise ConfigError(f"{where}: start_month must be 1-12, not {start}")
    label = cells["label"].strip()
    if label not in ("end", "start"):
        raise ConfigError(f"{where}: label must be 'end' or 'start', not {label!r}")
    cues = tuple(c.strip() for c in cells["cues"].split("|") if c.strip())
    if kind != "company" and not cues:
        raise ConfigError(f"{where}: a {kind} row needs cues")
    if kind == "company" and cues:
        raise ConfigError(f"{where}: a company row takes no cues (its name is the cue)")
    if not cells["name"].strip():
        raise ConfigError(f"{where}: empty name")
    if not (cells["example"] and cells["example_span"] and cells["example_period"]):
        raise ConfigError(f"{where}: every row needs an example, its span and its period")
    if cells["example_span"] not in cells["example"]:
        raise ConfigError(f"{where}: example_span {cells['example_span']!r} not in the example")
    return CalendarRow(
        cells["name"].strip(),
        kind,
        start,
        label,
        cues,
        cells["example"],
        cells["example_span"],
        cells["example_period"],
    )


def parse_calendar_table(text: str, name: str) -> CalendarTable:
    """Parse and validate the CSV ``text`` of file ``name``."""
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None:
        raise ConfigError(f"{name}: empty file (no header)")
    if tuple(h.strip() for h in header) != _COLUMNS:
        raise ConfigError(f"{name}:1: header must be {','.join(_COLUMNS)}")
    rows: list[CalendarRow] = []
    seen: dict[str, int] = {}
    cue_owner: dict[str, str] = {}
    for line, cells in enumerate(reader, start=2):
        if not cells or not "".join(cells).strip():
            continue
        if len(cells) != len(_COLUMNS):
            raise ConfigError(f"{name}:{line}: {len(cells)} fields, header has {len(_COLUMNS)}")
        row = _row(dict(zip(_COLUMNS, cells, strict=True)), name, line)
        if row.name in seen:
            raise ConfigError(f"{name}:{line}: {row.name!r} already on line {seen[row.name]}")
        seen[row.name] = line
        for cue in row.cues:
            if cue in cue_owner:
                raise ConfigError(f"{name}:{line}: cue {cue!r} already belongs to {cue_owner[cue]}")
            cue_owner[cue] = row.name
        rows.append(row)
    return CalendarTable(tuple(rows))


@functools.lru_cache(maxsize=1)
def load_calendar_table() -> CalendarTable:
    """The packaged table (read and validated once per process)."""
    path = resources.files("extract.data").joinpath("fiscal_calendars.csv")
    return parse_calendar_table(path.read_text(encoding="utf-8"), "fiscal_calendars.csv")
