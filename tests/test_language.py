"""Paragraph language detection: English fast path and the detector behind it."""

from __future__ import annotations

import pytest

from extract.language import LanguageDetector


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
        ("Revenue rose.", "en"),
    ],
    ids=["en", "de", "fr", "es", "zh", "short"],
)
def test_language_detect(detector: LanguageDetector, text: str, language: str) -> None:
    assert detector.detect(text) == language
