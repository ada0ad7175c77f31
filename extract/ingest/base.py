"""What every reader returns."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class RawText:
    """What a reader returns: the document text and what it learned on the way."""

    text: str
    encoding: str = ""
    title: str = ""
    published: str = ""
    # Offset in ``text`` where each page begins (PDF), empty for files without pages.
    pages: tuple[int, ...] = ()


# A reader takes the file's bytes and path and returns its text, or raises IngestError.
Reader = Callable[[bytes, Path], RawText]
