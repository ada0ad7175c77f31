"""Wire datelines: ``NEW YORK, Feb. 6 (Newswire) --``."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from extract.stages.entities.spans import _Cand, _overlaps, _trim

_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'\-]+(?:[ ][A-Z][A-Z.'\-]+){0,3})(?P<date>,[ ][^\n]{0,60}?)?"
    r"(?:[ ]\((?P<wire>[A-Z][\w.&' -]{1,40})\))?[ ]+(?:--|\u2014|\u2013|-)[ ]",
    re.MULTILINE,
)

# The same inside a line, where a page puts the dateline after other words: the wire
# service in brackets is required there (``Tweet BANGKOK, Oct 22 (Reuters) -``).
_WIRE_DATELINE = re.compile(
    r"(?<![\w.'-])(?P<place>[A-Z][A-Z.'\-]+(?:[ ][A-Z][A-Z.'\-]+){0,3})"
    r"(?P<date>,[ ][^\n()]{0,40}?)?[ ]\((?P<wire>[A-Z][\w.&' -]{1,40})\)[ ]*"
    r"(?:--|\u2014|\u2013|-)[ ]"
)


def _datelines(text: str) -> list[re.Match[str]]:
    """Datelines opening a line, and those with a wire service inside a line."""
    found = {m.start("place"): m for m in _WIRE_DATELINE.finditer(text)}
    found.update({m.start("place"): m for m in _DATELINE.finditer(text)})
    return [found[k] for k in sorted(found)]


_DATELINE_DASH = re.compile(r"[ ](?:--|\u2014|\u2013|-)[ ]+")


def _after_dateline(text: str, c: _Cand, dateline: Sequence[_Cand]) -> _Cand | None:
    """A model span that runs over a dateline keeps only its part after the dash
    (``BENGALURU - Vantara Infotech Ltd`` -> ``Vantara Infotech Ltd``)."""
    for d in dateline:
        line = _DATELINE.match(text, d.start) if d.kind == "place" else None
        region_end = line.end() if line is not None else d.end
        if not _overlaps((c.start, c.end), (d.start, region_end)):
            continue
        dash = _DATELINE_DASH.search(text, d.end, c.end)
        if dash is None or dash.end() >= c.end:
            return None
        start, end = _trim(text, dash.end(), c.end)
        if end - start < 2 or not text[start].isupper():
            return None
        return replace(c, start=start, end=end)
    return c
