"""extract: business-news articles -> fact tables.

>>> import extract
>>> tables = extract.extract_text("Xiaomi's revenue rose 22.3% to 113.1 billion yuan.",
...                               reference_date="2025-11-19")      # doctest: +SKIP
>>> tables.facts                                                     # doctest: +SKIP

Names are imported on first use, so ``import extract.normalize.money`` stays light.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "extract_text": "extract.api",
    "extract_frame": "extract.api",
    "pipe": "extract.api",
    "read_tables": "extract.api",
    "concat_tables": "extract.api",
    "default_pipeline": "extract.api",
    "TextContext": "extract.api",
    "load_pipeline": "extract.api",
    "run": "extract.api",
    "run_batch": "extract.runner",
    "Config": "extract.config",
    "load_config": "extract.config",
    "ConfigError": "extract.errors",
    "ExtractError": "extract.errors",
    "IngestError": "extract.errors",
    "StageError": "extract.errors",
    "Document": "extract.records",
    "Fact": "extract.records",
    "Mention": "extract.records",
    "RunReport": "extract.records",
    "Tables": "extract.tables",
}

__all__ = sorted([*_EXPORTS, "__version__"])


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'extract' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
