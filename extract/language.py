"""Paragraph language detection (lingua, models shipped inside the wheel).

English-only stages skip paragraphs that are not English; a paragraph too short to
judge is taken as English unless it is clearly written in a CJK or Cyrillic script. A
paragraph of several sentences takes the language of most of its letters, sentence by
sentence, so one quoted German sentence does not turn an English paragraph German.
``foreign_sentence`` tells, from function words alone, a sentence in another European
language inside an English paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lingua import Language, LanguageDetectorBuilder

__all__ = [
    "DEFAULT_LANGUAGES",
    "LanguageDetector",
    "foreign_sentence",
    "main_language",
    "paragraph_languages",
]

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

_NOT_LETTERS = re.compile(r"[\W\d_]+")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# Any character of the four scripts above: most paragraphs have none, and one scan says so.
_CJK_OR_CYRILLIC = re.compile(
    r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af\u1100-\u11ff"
    r"\u0400-\u04ff]"
)
_SENTENCE_BREAK = re.compile(
    r"(?<=[.!?])[\"\u201c\u201d\u00bb']?\s+(?=[\"\u201c\u201e\u00ab']?[A-Z\u00c0-\u00de])"
)

# Frequent function words that English does not share (articles, pronouns, auxiliaries,
# prepositions, conjunctions), per language.
_FUNCTION_WORDS = {
    language: frozenset(words.split())
    for language, words in {
        "en": "the a an and of to in is was were are has have had it its that this with for on"
        " by from at as said says which who will would be been not but or their they",
        "de": "der die das den dem des ein eine einer eines einem und ist sind war nicht mit"
        " sich auf für von zu im nach als auch wie sagte sagt wird werden noch über bei aus",
        "fr": "le la les un une de des du et est sont était avec pour dans sur par pas qui que"
        " aux au ce cette a été selon",
        "es": "el la los las un una de del y es son está con para por que en al como según"
        " fue ha su sus",
        "it": "il lo la gli le un una del della dei delle e è sono con per che nel nella come"
        " ha ai",
        "nl": "de het een en van is zijn met voor op dat die niet ook naar bij uit wordt heeft",
    }.items()
}
_WORD_RE = re.compile(r"[^\W\d_]+")


def _letters(text: str) -> int:
    """How many letters ``text`` has (what is left once everything else is removed)."""
    return len(_NOT_LETTERS.sub("", text))


def _script_language(text: str) -> str | None:
    """The language a paragraph's script gives away, when most of its letters are CJK/Cyrillic."""
    if _CJK_OR_CYRILLIC.search(text) is None:
        return None
    letters = _letters(text)
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
        if _clearly_english(text):
            return "en"
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
        elif _letters(paragraph) < min_letters:
            languages.append("en")
        else:
            languages.append(_mixed_language(paragraph, detector, min_letters))
    return languages


def _mixed_language(paragraph: str, detector: LanguageDetector, min_letters: int) -> str:
    """The language of most letters of a paragraph, judged sentence by sentence."""
    sentences = [s for s in _SENTENCE_BREAK.split(paragraph) if s.strip()]
    if len(sentences) < 2:
        return detector.detect(paragraph)
    letters: dict[str, int] = {}
    for sentence in sentences:
        count = _letters(sentence)
        language = detector.detect(sentence) if count >= min_letters else "en"
        letters[language] = letters.get(language, 0) + count
    return max(letters, key=lambda language: (letters[language], language == "en"))


_FOREIGN_ONLY = (
    frozenset().union(*(words for language, words in _FUNCTION_WORDS.items() if language != "en"))
    - _FUNCTION_WORDS["en"]
)


def _clearly_english(text: str) -> bool:
    """True for text whose function words are plainly English, so lingua need not be asked.

    At least a fifth of the words are English function words, and words that are function
    words only in another language are rare. Most paragraphs of English news pass, which
    saves most of the detector's time; anything in doubt goes to the detector.
    """
    words = [w.casefold() for w in _WORD_RE.findall(text)]
    if len(words) < 8:
        return False
    english = sum(w in _FUNCTION_WORDS["en"] for w in words)
    foreign = sum(w in _FOREIGN_ONLY for w in words)
    return english * 5 >= len(words) and foreign * 10 <= english


def foreign_sentence(sentence: str) -> str | None:
    """The European language other than English a sentence is written in, judged by its
    function words (``der``, ``und``, ``sagte``), or ``None`` for English or undecided.

    Cheap and pure: for sentences inside a paragraph already taken as English.
    """
    words = [w.casefold() for w in _WORD_RE.findall(sentence)]
    if len(words) < 4:
        return None
    english = sum(w in _FUNCTION_WORDS["en"] for w in words)
    best, hits = None, 0
    for language, vocabulary in _FUNCTION_WORDS.items():
        if language == "en":
            continue
        count = sum(w in vocabulary and w not in _FUNCTION_WORDS["en"] for w in words)
        if count > hits:
            best, hits = language, count
    if best is None or hits < 2 or hits <= english:
        return None
    return best


def main_language(text: str, spans: Sequence[tuple[int, int]], languages: Sequence[str]) -> str:
    """The language covering the most characters (``""`` for no paragraphs)."""
    del text  # offsets suffice; kept for a uniform signature
    sizes: dict[str, int] = {}
    for (start, end), language in zip(spans, languages, strict=True):
        sizes[language] = sizes.get(language, 0) + (end - start)
    if not sizes:
        return ""
    return max(sizes, key=lambda language: (sizes[language], language == "en"))
