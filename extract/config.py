"""Configuration: the packaged ``defaults.toml`` overlaid with a user TOML file."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

from extract.errors import ConfigError

__all__ = ["Config", "load_config"]


@dataclass(frozen=True, slots=True)
class Config:
    """Read-only settings, one mapping per section (``model``, ``money``, ``dates``, ...).

    ``base_dir`` is the folder relative paths in the config are resolved against.
    """

    sections: Mapping[str, Mapping[str, Any]]
    base_dir: Path = Path()
    source: str = "defaults"

    def section(self, name: str) -> dict[str, Any]:
        """A copy of one section, to pass as keyword arguments."""
        return dict(self.sections.get(name, {}))

    def resolve_path(self, value: str) -> Path:
        """A path from the config, relative to the config file's folder."""
        path = Path(value).expanduser()
        return path if path.is_absolute() else self.base_dir / path


def _read_toml(text: str, name: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{name}: invalid TOML: {exc}") from exc


def _merge(base: dict[str, Any], overlay: Mapping[str, Any], name: str, where: str = "") -> None:
    open_table = not base
    for key, value in overlay.items():
        here = f"{where}.{key}" if where else key
        if key not in base:
            # Tables that are empty in the defaults (dates.fiscal_year_start) take any key.
            if where == "" or not open_table:
                raise ConfigError(f"{name}: unknown setting '{here}'")
            base[key] = value
            continue
        if isinstance(base[key], dict):
            if not isinstance(value, Mapping):
                raise ConfigError(f"{name}: '{here}' must be a table")
            _merge(base[key], value, name, here)
        else:
            if not isinstance(value, type(base[key])) and not (
                isinstance(base[key], float) and isinstance(value, int)
            ):
                expected = type(base[key]).__name__
                raise ConfigError(f"{name}: '{here}' must be of type {expected}")
            base[key] = value


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return MappingProxyType({k: _freeze(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    return value


def load_config(path: str | Path | None = None) -> Config:
    """Load the packaged defaults and overlay ``path`` (a TOML file) when given.

    Unknown sections or keys and values of the wrong type raise ``ConfigError``
    naming the file.
    """
    defaults_text = resources.files("extract.data").joinpath("defaults.toml").read_text("utf-8")
    merged = _read_toml(defaults_text, "defaults.toml")
    base_dir = Path.cwd()
    source = "defaults"
    if path is not None:
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read config: {exc.strerror or exc}") from exc
        _merge(merged, _read_toml(text, str(path)), str(path))
        base_dir = path.resolve().parent
        source = str(path)
    return Config(sections=_freeze(merged), base_dir=base_dir, source=source)
