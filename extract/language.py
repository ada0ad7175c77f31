"""Paragraph language detection (lingua, models shipped inside the wheel).

English-only stages skip paragraphs that are not English; a paragraph too short to
judge is taken as English unless it is clearly written in a CJK or Cyrillic script.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lingua import Language, LanguageDetectorBuilder

__all__ = ["DEFAULT_LANGUAGES", "LanguageDetector", "main_language", "paragraph_languages"]

DEFAULT_LANGUAGES = (
    Language.ENGLISH,
    Language.GERMAN,
    Language.FRENCH,
    Language.SPANISH,
    Language.ITALIAN,
    Language.PORTUGUESE,
    Language.DUTCH,
    Language.CHINESE,
    Language.JAPANESE,
    Language.KOREAN,
    Language.RUSSIAN,
)

_LETTER = re.compile(r"[^\W\d_]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def _script_language(text: str) -> str | None:
    """The language a paragraph's script gives away, when most of its letters are CJK/Cyrillic."""
    letters = len(_LETTER.findall(text))
    if letters == 0:
        return None
    kana, hangul = len(_KANA.findall(text)), len(_HANGUL.findall(text))
    han, cyrillic = len(_HAN.findall(text)), len(_CYRILLIC.findall(text))
    if (kana + hangul + han + cyrillic) * 2 < letters:
        return None
    if kana:
        return "ja"
    if hangul >= han:
        return "ko" if hangul else ("ru" if cyrillic else None)
    if han >= cyrillic:
        return "zh"
    return "ru"


class LanguageDetector:
    """A lingua detector restricted to a few languages; build it once per run."""

    def __init__(
        self, languages: Sequence[Language] = DEFAULT_LANGUAGES, *, low_accuracy: bool = False
    ) -> None:
        builder = LanguageDetectorBuilder.from_languages(*languages)
        if low_accuracy:
            builder = builder.with_low_accuracy_mode()
        self._detector = builder.build()

    def detect(self, text: str) -> str:
        """ISO 639-1 code of the language of ``text`` (``en`` when undecided)."""
        by_script = _script_language(text)
        if by_script is not None:
            return by_script
        language = self._detector.detect_language_of(text)
        if language is None:
            return "en"
        return language.iso_code_639_1.name.lower()


def paragraph_languages(
    text: str,
    spans: Sequence[tuple[int, int]],
    *,
    min_letters: int = 20,
    detector: LanguageDetector | None = None,
) -> list[str]:
    """The language of each paragraph ``text[start:end]``, in order.

    A paragraph with fewer than ``min_letters`` letters is ``en`` unless its script is
    clearly CJK or Cyrillic.
    """
    detector = detector if detector is not None else LanguageDetector()
    languages: list[str] = []
    for start, end in spans:
        paragraph = text[start:end]
        by_script = _script_language(paragraph)
        if by_script is not None:
            languages.append(by_script)
        elif len(_LETTER.findall(paragraph)) < min_letters:
            languages.append("en")
        else:
            languages.append(detector.detect(paragraph))
    return languages


def main_language(text: str, spans: Sequence[tuple[int, int]], languages: Sequence[str]) -> str:
    """The language covering the most characters (``""`` for no paragraphs)."""
    del text  # offsets suffice; kept for a uniform signature
    sizes: dict[str, int] = {}
    for (start, end), language in zip(spans, languages, strict=True):
        sizes[language] = sizes.get(language, 0) + (end - start)
    if not sizes:
        return ""
    return max(sizes, key=lambda language: (sizes[language], language == "en"))
