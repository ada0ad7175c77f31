"""Paragraph language detection: English fast path and the detector behind it."""

from __future__ import annotations

import pytest

from extract.language import LanguageDetector, paragraph_languages


@pytest.fixture(scope="module")
def detector() -> LanguageDetector:
    return LanguageDetector()


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("In the third quarter, the company said its revenue rose to a record high.", "en"),
        ("Der Umsatz ist im dritten Quartal gestiegen, sagte der Vorstand am Montag.", "de"),
        ("Le chiffre d'affaires a augmenté de 5 % cette année, selon la direction.", "fr"),
        ("Las ventas de la compañía subieron un 5% en el trimestre, según el grupo.", "es"),
        ("公司第三季度营收同比增长。", "zh"),
    ],
    ids=["en", "de", "fr", "es", "zh"],
)
def test_language_detect(detector: LanguageDetector, text: str, language: str) -> None:
    assert detector.detect(text) == language


def test_language_paragraphs_short_ones_are_english(detector: LanguageDetector) -> None:
    text = "Umsatz steigt\nDer Umsatz ist im dritten Quartal gestiegen, sagte der Vorstand.\n"
    spans = [(0, 13), (14, len(text) - 1)]
    assert paragraph_languages(text, spans, detector=detector) == ["en", "de"]
