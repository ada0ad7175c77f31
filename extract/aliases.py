"""The alias table: other names of people, organisations, places and products.

An alias file is a CSV with the header ``canonical,kind,surface``; each row says that
``surface`` (as written in an article) names the entity ``canonical`` of ``kind``
(``person``, ``org``, ``place`` or ``product``). Blank lines and lines starting with ``#``
are skipped. A canonical name is also a surface form of itself.

The packaged table (``extract/data/aliases.csv``) is reference data about well-known
companies, platforms, media, places and products; users add their own files through the
``[entities] alias_files`` setting.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from types import MappingProxyType

from extract.errors import ConfigError
from extract.normalize.entities import canonical_key

__all__ = ["ALIAS_KINDS", "AliasEntry", "AliasTable", "load_aliases"]

ALIAS_KINDS = ("person", "org", "place", "product")
_COLUMNS = ("canonical", "kind", "surface")
_PACKAGED = "aliases.csv"


@dataclass(frozen=True, slots=True)
class AliasEntry:
    """One surface form of one entity, with where it was read from."""

    canonical: str
    kind: str
    surface: str
    source: str = ""
    line: int = 0


@dataclass(frozen=True)
class AliasTable:
    """Read-only alias table.

    ``entries`` keep file order. ``lookup`` finds an entity by its exact surface form,
    ``lookup_key`` by its matching key (case, possessive and corporate suffixes ignored).
    """

    entries: tuple[AliasEntry, ...] = ()
    contents: tuple[bytes, ...] = ()
    _by_surface: Mapping[str, AliasEntry] = field(init=False, repr=False, compare=False)
    _by_key: Mapping[tuple[str, str], AliasEntry] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_surface: dict[str, AliasEntry] = {}
        by_key: dict[tuple[str, str], AliasEntry] = {}
        for entry in self.entries:
            by_surface.setdefault(entry.surface, entry)
        for entry in self.entries:
            by_surface.setdefault(entry.canonical, entry)
            for name in (entry.surface, entry.canonical):
                key = canonical_key(name)
                if key:
                    by_key.setdefault((entry.kind, key), entry)
        object.__setattr__(self, "_by_surface", MappingProxyType(by_surface))
        object.__setattr__(self, "_by_key", MappingProxyType(by_key))

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[AliasEntry]:
        return iter(self.entries)

    @property
    def fingerprint(self) -> str:
        """sha256 of the alias files' contents, in load order."""
        digest = hashlib.sha256()
        for blob in self.contents:
            digest.update(hashlib.sha256(blob).digest())
        return digest.hexdigest()

    def surfaces(self) -> tuple[str, ...]:
        """Every surface form, canonical names included, in file order without repeats."""
        seen: dict[str, None] = {}
        for entry in self.entries:
            seen.setdefault(entry.surface, None)
            seen.setdefault(entry.canonical, None)
        return tuple(seen)

    def lookup(self, surface: str) -> AliasEntry | None:
        """The entry whose surface form (or canonical name) is exactly ``surface``."""
        return self._by_surface.get(surface)

    def lookup_key(self, kind: str, name: str) -> AliasEntry | None:
        """The entry of ``kind`` whose surface or canonical name has the key of ``name``."""
        key = canonical_key(name)
        return self._by_key.get((kind, key)) if key else None

    def keys(self, kind: str) -> tuple[str, ...]:
        """Matching keys of every surface and canonical name of ``kind``."""
        return tuple(k for (knd, k) in self._by_key if knd == kind)

    def canonicals(self, kind: str | None = None) -> tuple[str, ...]:
        """Canonical names (of one kind when given), in file order without repeats."""
        seen: dict[str, None] = {}
        for entry in self.entries:
            if kind is None or entry.kind == kind:
                seen.setdefault(entry.canonical, None)
        return tuple(seen)


def _parse(text: str, source: str) -> list[AliasEntry]:
    lines = text.splitlines()
    data_lines = [
        (number, line)
        for number, line in enumerate(lines, start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if not data_lines:
        return []
    header_number, header_line = data_lines[0]
    header = [h.strip().lower() for h in next(csv.reader([header_line]))]
    missing = [c for c in _COLUMNS if c not in header]
    if missing:
        raise ConfigError(
            f"{source}:{header_number}: alias file needs the columns "
            f"{','.join(_COLUMNS)}; missing {', '.join(missing)}"
        )
    index = {name: header.index(name) for name in _COLUMNS}
    entries: list[AliasEntry] = []
    for number, line in data_lines[1:]:
        row = next(csv.reader(io.StringIO(line)))
        if len(row) < len(header):
            raise ConfigError(
                f"{source}:{number}: expected {len(header)} columns "
                f"({','.join(header)}), found {len(row)}"
            )
        canonical, kind, surface = (" ".join(row[index[c]].split()) for c in _COLUMNS)
        kind = kind.lower()
        if kind not in ALIAS_KINDS:
            raise ConfigError(
                f"{source}:{number}: unknown kind {kind!r} (use one of {', '.join(ALIAS_KINDS)})"
            )
        if not canonical or not surface:
            raise ConfigError(f"{source}:{number}: empty canonical name or surface form")
        entries.append(AliasEntry(canonical, kind, surface, source, number))
    return entries


def _check_unique(entries: Sequence[AliasEntry]) -> None:
    """A surface form (or canonical name) may name one entity only."""
    owner: dict[str, AliasEntry] = {}
    for entry in entries:
        for name in (entry.surface, entry.canonical):
            seen = owner.setdefault(name, entry)
            if (seen.canonical, seen.kind) != (entry.canonical, entry.kind):
                raise ConfigError(
                    f"{entry.source}:{entry.line}: {name!r} is mapped to "
                    f"{entry.canonical!r} ({entry.kind}) but {seen.source}:{seen.line} maps it "
                    f"to {seen.canonical!r} ({seen.kind})"
                )


def load_aliases(paths: Sequence[Path] = (), *, packaged: bool = True) -> AliasTable:
    """Read the packaged alias table (unless ``packaged`` is false) and the files ``paths``.

    Raises ``ConfigError`` naming the file and line for a missing column, an unknown
    kind, or a surface form mapped to two different entities.
    """
    entries: list[AliasEntry] = []
    contents: list[bytes] = []
    if packaged:
        blob = resources.files("extract.data").joinpath(_PACKAGED).read_bytes()
        contents.append(blob)
        entries.extend(_parse(blob.decode("utf-8-sig"), f"extract/data/{_PACKAGED}"))
    for path in paths:
        path = Path(path)
        try:
            blob = path.read_bytes()
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read alias file: {exc.strerror or exc}") from exc
        try:
            text = blob.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ConfigError(f"{path}: alias file is not UTF-8: {exc.reason}") from exc
        contents.append(blob)
        entries.extend(_parse(text, str(path)))
    _check_unique(entries)
    return AliasTable(entries=tuple(entries), contents=tuple(contents))
