"""The exception tree: one base class, one subclass per layer."""

from __future__ import annotations


class ExtractError(Exception):
    """Base class of every error the library raises on purpose."""


class ConfigError(ExtractError):
    """A configuration or data file is invalid. The message names the file (and line)."""


class IngestError(ExtractError):
    """A file could not be read as a document. The message names the reason in one line.

    ``status`` is ``failed`` for a broken or unreadable file and ``skipped`` for a
    file that holds nothing to extract (empty, binary).
    """

    def __init__(self, message: str, *, status: str = "failed") -> None:
        super().__init__(message)
        self.status = status


class StageError(ExtractError):
    """A stage raised while processing a document."""
