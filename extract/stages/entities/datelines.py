"""Wire datelines: ``NEW YORK, Feb. 6 (Newswire) --``."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from extract.stages.entities.spans import SpanIndex, _Cand, _trim

_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'\-]+(?:[ ][A-Z][A-Z.'\-]+){0,3})(?P<date>,[ ][^\n]{0,60}?)?"
    r"(?:[ ]\((?P<wire>[A-Z][\w.&' -]{1,40})\))?[ ]+(?:--|\u2014|\u2013|-)[ ]",
    re.MULTILINE,
)

# The same inside a line, where a page puts the dateline after other words: the wire
# service in brackets is required there (``Tweet BANGKOK, Oct 22 (Reuters) -``).
_WIRE_DATELINE = re.compile(
    r"(?<![\w.'-])(?P<place>[A-Z][A-Z.'\-]+(?:[ ][A-Z][A-Z.'\-]+){0,3})"
    r"(?P<date>,?[ ][^\n()]{0,40}?)?[ ]\((?P<wire>[A-Z][\w.&' -]{1,40})\)[ ]*"
    r"(?:--|\u2014|\u2013|-)[ ]"
)


# A place in capitals opening a line or following a sentence, joined to the story's first
# word by a hyphen or a colon, as diaries and briefs write it (``OSLO-Norway's central
# bank ...``, ``NEW DELHI: The minister ...``);
# without a date or a wire service the place must be confirmed elsewhere.
_CAPS_DATELINE = re.compile(
    r"(?:^|(?<=[.!?][ ]))(?P<place>[A-Z][A-Z'\-]+(?:[ ][A-Z][A-Z'\-]+){0,2})"
    r"(?:-(?=[A-Z][a-z])|:[ ](?=[A-Z]))",
    re.MULTILINE,
)


def _datelines(text: str) -> list[re.Match[str]]:
    """Datelines opening a line, those with a wire service inside a line, and places in
    capitals joined to a story by a hyphen or a colon."""
    found = {m.start("place"): m for m in _CAPS_DATELINE.finditer(text)}
    found.update({m.start("place"): m for m in _WIRE_DATELINE.finditer(text)})
    found.update({m.start("place"): m for m in _DATELINE.finditer(text)})
    return [found[k] for k in sorted(found)]


_DATELINE_DASH = re.compile(r"[ ](?:--|\u2014|\u2013|-)[ ]+")


def dateline_regions(text: str, dateline: Sequence[_Cand]) -> dict[tuple[int, int], _Cand]:
    """Each dateline's region (its place to the end of a dateline opening a line) -> the
    dateline candidate that starts it."""
    regions: dict[tuple[int, int], _Cand] = {}
    for d in dateline:
        line = _DATELINE.match(text, d.start) if d.kind == "place" else None
        regions.setdefault((d.start, line.end() if line is not None else d.end), d)
    return regions


def _after_dateline(
    text: str, c: _Cand, regions: dict[tuple[int, int], _Cand], index: SpanIndex
) -> _Cand | None:
    """A model span that runs over a dateline keeps only its part after the dash
    (``BENGALURU - Vantara Infotech Ltd`` -> ``Vantara Infotech Ltd``)."""
    for region in sorted(index.overlapping(c.start, c.end)):
        d = regions[region]
        dash = _DATELINE_DASH.search(text, d.end, c.end)
        if dash is None or dash.end() >= c.end:
            return None
        start, end = _trim(text, dash.end(), c.end)
        if end - start < 2 or not text[start].isupper():
            return None
        return replace(c, start=start, end=end)
    return c
