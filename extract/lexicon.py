"""Metric and segment lexicons: which words name a metric, which name a business segment.

Two CSV tables, packaged in ``extract/data/`` and extendable with user files:

- metrics (header ``metric,phrase`` plus the optional columns ``kind``, ``sign`` and
  ``role``): a phrase such as ``net income`` maps to one metric of the vocabulary
  (``net_profit``). ``kind`` (``money``, ``percent``, ``quantity``) limits the row to figures
  of that kind, so one phrase may name two metrics (``sales`` of money is revenue, ``sales``
  of vehicles are a count). The metric ``none`` marks a phrase that names no metric of the
  vocabulary and only keeps a shorter phrase inside it from matching (``battery capacity``).
  ``sign`` is ``-`` for phrases whose figure is stated as a negative of the metric
  (``net loss``); ``role`` is ``noun`` (default) or ``verb`` (``delivered``), verbs being
  weaker anchors than nouns when both could claim a figure, ``change`` (takes a change, or a
  level after ``at``/``to``), or ``block`` for a ``none`` phrase that names a figure outside
  the vocabulary (``free cash flow``, ``order backlog``): it claims a nearby figure like a
  metric would, and the figure then yields no fact.
- segments (header ``segment,phrase`` plus the optional column ``scope``): a phrase such as
  ``IoT and consumer goods`` maps to a canonical segment name. ``scope`` is ``text``
  (default: matched in sentences) or ``unit`` (matched only against the counted noun of a
  quantity, such as ``car`` -> ``smart EVs``).

- cues (header ``cue,verdict,phrases,example``): the cue vocabulary of the fact linker (change
  verbs, comparison bases, modality words, owner, generic and exchange names, words before a
  name that is no subject, segment stop words, mass nouns, corporate words, the words that
  make a name a product or a site). ``phrases`` is a ``|``-separated list of phrases, or a
  regular expression after ``re:``; every row carries an invented example sentence, which the
  test suite runs through the linker.

A file's first header column says which table it belongs to. Matching ignores case and
accepts spaces or hyphens between words (``R & D``, ``large - household appliances``) and a
plural ending on the last word (not for a phrase ending in ``!``: ``its share!`` does not
match ``its shares``); ``*`` in a phrase stands for up to six words.
"""

from __future__ import annotations

import bisect
import csv
import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Generic, TypeVar

from extract.errors import ConfigError

__all__ = [
    "CUE_VERDICTS",
    "NO_METRIC",
    "CueEntry",
    "LexiconMatch",
    "MetricEntry",
    "MetricLexicon",
    "SegmentEntry",
    "load_lexicon",
    "phrase_key",
]

#: Metric name of stop phrases: they match, so shorter phrases inside them do not, but name
#: no metric.
NO_METRIC = "none"
_METRIC_COLUMNS = ("metric", "phrase", "kind", "sign", "role")
_KINDS = ("", "money", "percent", "quantity")
_SEGMENT_COLUMNS = ("segment", "phrase", "scope")
_CUE_COLUMNS = ("cue", "verdict", "phrases", "example")
#: The cues of the linker's vocabulary and the verdicts each may give.
CUE_VERDICTS: dict[str, tuple[str, ...]] = {
    "change": ("up", "down"),
    "change_noun": ("up", "down"),
    "basis": ("yoy", "qoq", "ytd", "since_peak", "none"),
    "modality": ("target", "guidance", "plan", "forecast"),
    "owner": ("owner",),
    "generic": ("generic",),
    "exchange": ("exchange",),
    "news_agency": ("agency",),
    "not_subject": ("source", "comparison", "partner", "ticker"),
    "segment_stop": ("stop",),
    "mass_noun": ("mass",),
    "corporate": ("legal", "descriptive"),
    "product_before": ("product",),
    "asset_after": ("asset",),
    "asset_before": ("asset",),
}
_SIGNS = ("", "+", "-")
_ROLES = ("", "noun", "verb", "change", "block")
_SCOPES = ("", "text", "unit")
_TOKEN = re.compile(r"[^\W_]+|[&/+*]")
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
# "*" in a phrase stands for up to six words: "share of the * market" (long market names).
_WILDCARD = r"(?:[^\W_][\w&'-]*(?:\s*-\s*|\s+)){0,6}"


def phrase_key(phrase: str) -> str:
    """The comparison form of a phrase: lower case, words only (``R & D`` -> ``r & d``)."""
    key = " ".join(_TOKEN.findall(phrase.lower()))
    return key + " !" if phrase.rstrip().endswith("!") else key


def _phrase_pattern(phrase: str, *, folded: bool = False) -> re.Pattern[str]:
    """The pattern of a phrase; ``folded`` ones match lower-cased text and start with a
    literal word, which makes them much faster to scan for."""
    tokens = _TOKEN.findall(phrase.lower())
    parts: list[str] = []
    for i, token in enumerate(tokens):
        if i and tokens[i - 1] != "*":
            symbol = not tokens[i - 1].isalnum() or not token.isalnum()
            parts.append(r"[\s\-]*" if symbol and token != "*" else r"(?:\s*-\s*|\s+)")
        parts.append(_WILDCARD if token == "*" else re.escape(token))
    last = tokens[-1]
    exact = phrase.rstrip().endswith("!")
    if not exact and last.isalpha() and len(last) > 2 and not last.endswith("s"):
        parts.append(r"(?:s|es)?")
    if folded and tokens[0] != "*":
        first = re.escape(tokens[0])
        return re.compile(first + r"(?<!\w" + first + ")" + "".join(parts[1:]) + r"(?![\w])")
    return re.compile(r"(?<![\w])" + "".join(parts) + r"(?![\w])", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class MetricEntry:
    """One row of the metric table."""

    metric: str
    phrase: str
    sign: int = 1
    role: str = "noun"
    kind: str = ""
    source: str = ""


@dataclass(frozen=True, slots=True)
class SegmentEntry:
    """One row of the segment table."""

    segment: str
    phrase: str
    scope: str = "text"
    source: str = ""


@dataclass(frozen=True, slots=True)
class CueEntry:
    """One row of the cue table: ``phrases`` (``|``-separated, or ``re:`` and a pattern) give
    ``verdict`` for ``cue``; ``example`` is a sentence showing it."""

    cue: str
    verdict: str
    phrases: str
    example: str
    source: str = ""

    @property
    def is_pattern(self) -> bool:
        return self.phrases.startswith("re:")

    @property
    def words(self) -> tuple[str, ...]:
        """The phrases of a plain row, stripped (empty for a pattern row)."""
        if self.is_pattern:
            return ()
        return tuple(p.strip() for p in self.phrases.split("|") if p.strip())


@dataclass(frozen=True, slots=True)
class LexiconMatch:
    """A phrase found in a text: ``label`` is the metric or segment name."""

    start: int
    end: int
    label: str
    sign: int = 1
    role: str = "noun"
    kind: str = ""


@dataclass(frozen=True, slots=True)
class MetricLexicon:
    """Read-only phrase tables with compiled patterns.

    Build it with :func:`load_lexicon`; ``fingerprint`` changes whenever an entry does.
    """

    metrics: tuple[MetricEntry, ...]
    segments: tuple[SegmentEntry, ...] = ()
    cues: tuple[CueEntry, ...] = ()
    _metric_patterns: tuple[_Compiled[MetricEntry], ...] = field(
        default=(), repr=False, compare=False
    )
    _segment_patterns: tuple[_Compiled[SegmentEntry], ...] = field(
        default=(), repr=False, compare=False
    )

    def __post_init__(self) -> None:
        if not self._metric_patterns:
            object.__setattr__(self, "_metric_patterns", tuple(map(_compile, self.metrics)))
        if not self._segment_patterns:
            object.__setattr__(self, "_segment_patterns", tuple(map(_compile, self.segments)))

    @property
    def fingerprint(self) -> str:
        """sha256 over the sorted entries (not the file names)."""
        digest = hashlib.sha256()
        rows = sorted(
            [
                ("m", e.metric, phrase_key(e.phrase), str(e.sign), e.role, e.kind)
                for e in self.metrics
            ]
            + [("s", e.segment, phrase_key(e.phrase), e.scope, "", "") for e in self.segments]
        )
        # Cue rows keep their order: the first matching modality row wins.
        rows += [("c", e.cue, e.verdict, e.phrases, "", "") for e in self.cues]
        for row in rows:
            digest.update("\x1f".join(row).encode("utf-8"))
            digest.update(b"\x1e")
        return digest.hexdigest()

    @property
    def metric_names(self) -> frozenset[str]:
        """Every metric some phrase maps to (``none``, the stop marker, excluded)."""
        return frozenset(e.metric for e in self.metrics if e.metric != NO_METRIC)

    def find_metrics(self, text: str, start: int = 0, end: int | None = None) -> list[LexiconMatch]:
        """Metric phrases in ``text[start:end]``, longest first where they overlap.

        A phrase with rows for several kinds of figure gives one match per row, same span.
        """
        found = [
            LexiconMatch(m.start(), m.end(), e.metric, e.sign, e.role, e.kind)
            for e, m in _scan(self._metric_patterns, text, start, end)
        ]
        return _longest(found)

    def find_segments(
        self, text: str, start: int = 0, end: int | None = None, *, scope: str = "text"
    ) -> list[LexiconMatch]:
        """Segment phrases of ``scope`` (``text`` or ``unit``) in ``text[start:end]``."""
        found = [
            LexiconMatch(m.start(), m.end(), e.segment)
            for e, m in _scan(self._segment_patterns, text, start, end)
            if e.scope == scope
        ]
        return _longest(found)


_Entry = TypeVar("_Entry", MetricEntry, SegmentEntry)


@dataclass(frozen=True, slots=True)
class _Compiled(Generic[_Entry]):
    entry: _Entry
    folded: re.Pattern[str]
    fallback: re.Pattern[str]


def _compile(entry: _Entry) -> _Compiled[_Entry]:
    return _Compiled(
        entry, _phrase_pattern(entry.phrase, folded=True), _phrase_pattern(entry.phrase)
    )


def _scan(
    compiled: Sequence[_Compiled[_Entry]], text: str, start: int, end: int | None
) -> Iterator[tuple[_Entry, re.Match[str]]]:
    stop = len(text) if end is None else end
    lowered = text.lower()
    folded = len(lowered) == len(text)  # lower() keeps offsets for all but a few letters
    for item in compiled:
        pattern = item.folded if folded else item.fallback
        for match in pattern.finditer(lowered if folded else text, start, stop):
            yield item.entry, match


def _longest(found: Iterable[LexiconMatch]) -> list[LexiconMatch]:
    """The matches that no longer match overlaps (the same span twice only for two kinds of
    figure), in text order. Chosen spans never overlap, so each candidate is checked against
    its neighbours by bisection."""
    chosen: dict[tuple[int, int], list[LexiconMatch]] = {}
    spans: list[tuple[int, int]] = []
    for match in sorted(found, key=lambda m: (-(m.end - m.start), m.start)):
        span = (match.start, match.end)
        if span in chosen:
            if all(match.kind != c.kind for c in chosen[span]):
                chosen[span].append(match)
            continue
        i = bisect.bisect_left(spans, span)
        if i > 0 and spans[i - 1][1] > match.start:
            continue
        if i < len(spans) and spans[i][0] < match.end:
            continue
        spans.insert(i, span)
        chosen[span] = [match]
    return [m for span in spans for m in chosen[span]]


def _read_rows(text: str, name: str) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    lines = text.splitlines()
    reader = csv.reader(lines)
    header: list[str] | None = None
    rows: list[tuple[int, dict[str, str]]] = []
    for cells in reader:
        line_no = reader.line_num
        if not cells or all(not c.strip() for c in cells) or cells[0].lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in cells]
        if header is None:
            header = [c.lower() for c in cells]
            continue
        if len(cells) > len(header):
            raise ConfigError(f"{name}:{line_no}: {len(cells)} fields, header has {len(header)}")
        rows.append(
            (line_no, dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=True)))
        )
    if header is None:
        raise ConfigError(f"{name}: empty lexicon file (no header)")
    return header, rows


def _check_header(header: list[str], allowed: tuple[str, ...], name: str) -> None:
    unknown = [c for c in header if c not in allowed]
    if unknown:
        raise ConfigError(
            f"{name}:1: unknown column(s) {', '.join(unknown)}; allowed: {', '.join(allowed)}"
        )
    for required in allowed[:2]:
        if required not in header:
            raise ConfigError(f"{name}:1: missing column '{required}'")


def _parse_cues(rows: list[tuple[int, dict[str, str]]], name: str) -> list[CueEntry]:
    cues: list[CueEntry] = []
    for line_no, row in rows:
        cue, verdict = row["cue"].lower(), row["verdict"].lower()
        phrases, example = row["phrases"], row["example"]
        where = f"{name}:{line_no}"
        if cue not in CUE_VERDICTS:
            raise ConfigError(f"{where}: unknown cue {cue!r}; allowed: {', '.join(CUE_VERDICTS)}")
        if verdict not in CUE_VERDICTS[cue]:
            allowed = ", ".join(CUE_VERDICTS[cue])
            raise ConfigError(f"{where}: cue {cue!r} takes verdict {allowed}, not {verdict!r}")
        entry = CueEntry(cue, verdict, phrases, example, name)
        if entry.is_pattern:
            try:
                re.compile(phrases[3:])
            except re.error as exc:
                raise ConfigError(f"{where}: bad pattern: {exc}") from exc
        elif not entry.words or not all(phrase_key(w) for w in entry.words):
            raise ConfigError(f"{where}: empty phrase")
        elif "\\" in phrases or "re:" in phrases:
            raise ConfigError(f"{where}: a pattern must be the whole cell, starting with 're:'")
        if not example.strip():
            raise ConfigError(f"{where}: every cue row needs an example sentence")
        cues.append(entry)
    return cues


def _parse(
    text: str, name: str
) -> tuple[list[tuple[int, MetricEntry]], list[tuple[int, SegmentEntry]], list[CueEntry]]:
    header, rows = _read_rows(text, name)
    metrics: list[tuple[int, MetricEntry]] = []
    segments: list[tuple[int, SegmentEntry]] = []
    cues: list[CueEntry] = []
    if header[0] == "cue":
        _check_header(header, _CUE_COLUMNS, name)
        missing = [c for c in _CUE_COLUMNS if c not in header]
        if missing:
            raise ConfigError(f"{name}:1: missing column '{missing[0]}'")
        cues = _parse_cues(rows, name)
    elif header[0] == "metric":
        _check_header(header, _METRIC_COLUMNS, name)
        for line_no, row in rows:
            metric, phrase = row["metric"], row["phrase"]
            sign, role = row.get("sign", ""), row.get("role", "").lower()
            kind = row.get("kind", "").lower()
            if not _NAME.match(metric):
                raise ConfigError(f"{name}:{line_no}: invalid metric name {metric!r}")
            if not phrase_key(phrase):
                raise ConfigError(f"{name}:{line_no}: empty phrase")
            if sign not in _SIGNS:
                raise ConfigError(f"{name}:{line_no}: sign must be '+' or '-', not {sign!r}")
            if role not in _ROLES:
                raise ConfigError(
                    f"{name}:{line_no}: role must be 'noun', 'verb', 'change' or 'block', "
                    f"not {role!r}"
                )
            if kind not in _KINDS:
                raise ConfigError(
                    f"{name}:{line_no}: kind must be 'money', 'percent' or 'quantity', not {kind!r}"
                )
            entry = MetricEntry(
                metric, phrase, -1 if sign == "-" else 1, role or "noun", kind, name
            )
            metrics.append((line_no, entry))
    elif header[0] == "segment":
        _check_header(header, _SEGMENT_COLUMNS, name)
        for line_no, row in rows:
            segment, phrase, scope = row["segment"], row["phrase"], row.get("scope", "").lower()
            if not segment:
                raise ConfigError(f"{name}:{line_no}: empty segment name")
            if not phrase_key(phrase):
                raise ConfigError(f"{name}:{line_no}: empty phrase")
            if scope not in _SCOPES:
                raise ConfigError(
                    f"{name}:{line_no}: scope must be 'text' or 'unit', not {scope!r}"
                )
            segments.append((line_no, SegmentEntry(segment, phrase, scope or "text", name)))
    else:
        raise ConfigError(
            f"{name}:1: first column must be 'metric', 'segment' or 'cue', not {header[0]!r}"
        )
    return metrics, segments, cues


def _packaged_texts() -> list[tuple[str, str]]:
    base = resources.files("extract.data")
    return [
        (n, base.joinpath(n).read_text("utf-8"))
        for n in ("metrics.csv", "segments.csv", "cues.csv")
    ]


def load_lexicon(paths: Sequence[Path] = (), *, packaged: bool = True) -> MetricLexicon:
    """Load the packaged tables (unless ``packaged`` is false) and the CSV files ``paths``.

    A phrase mapped to two different metrics (or segments of the same scope), in one file or
    across files, an unknown column, an empty phrase or a bad ``sign``/``role``/``scope``
    raises ``ConfigError`` naming the file and line. A phrase repeated with the same label
    is kept once.
    """
    sources: list[tuple[str, str]] = _packaged_texts() if packaged else []
    for path in paths:
        path = Path(path)
        try:
            sources.append((str(path), path.read_text(encoding="utf-8-sig")))
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read lexicon: {exc.strerror or exc}") from exc
        except UnicodeDecodeError as exc:
            raise ConfigError(f"{path}: lexicon is not UTF-8 text") from exc
    metrics: dict[tuple[str, str], tuple[MetricEntry, str]] = {}
    segments: dict[tuple[str, str], tuple[SegmentEntry, str]] = {}
    cues: list[CueEntry] = []
    for name, text in sources:
        metric_rows, segment_rows, cue_rows = _parse(text, name)
        cues.extend(cue_rows)
        for line_no, entry in metric_rows:
            key = phrase_key(entry.phrase)
            here = f"{name}:{line_no}"
            clash = [
                (seen, where)
                for (phrase, kind), (seen, where) in metrics.items()
                if phrase == key and (not kind or not entry.kind or kind == entry.kind)
            ]
            for seen, where in clash:
                if (seen.metric, seen.sign, seen.kind) != (entry.metric, entry.sign, entry.kind):
                    raise ConfigError(
                        f"{here}: phrase {entry.phrase!r} maps to {entry.metric!r}, "
                        f"but {where} maps it to {seen.metric!r}"
                    )
            if clash:
                continue
            metrics[(key, entry.kind)] = (entry, here)
        for line_no, segment in segment_rows:
            skey = (phrase_key(segment.phrase), segment.scope)
            here = f"{name}:{line_no}"
            if skey in segments:
                seen_segment, where = segments[skey]
                if seen_segment.segment != segment.segment:
                    raise ConfigError(
                        f"{here}: phrase {segment.phrase!r} maps to {segment.segment!r}, "
                        f"but {where} maps it to {seen_segment.segment!r}"
                    )
                continue
            segments[skey] = (segment, here)
    return MetricLexicon(
        metrics=tuple(e for e, _ in metrics.values()),
        segments=tuple(s for s, _ in segments.values()),
        cues=tuple(cues),
    )
