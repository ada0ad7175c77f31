"""Paragraph language detection."""

from __future__ import annotations

import pytest

from extract.language import LanguageDetector, main_language, paragraph_languages


@pytest.fixture(scope="module")
def detector() -> LanguageDetector:
    return LanguageDetector()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The company reported higher revenue and a record gross margin this quarter.", "en"),
        ("Der Konzern muss sich von einem neuen Ansatz leiten lassen, sagt der Chef.", "de"),
        ("La société a annoncé une hausse de son chiffre d'affaires au troisième trimestre.", "fr"),
        ("La empresa anunció un aumento de sus ingresos en el tercer trimestre del año.", "es"),
        ("公司第三季度营业收入同比增长\uff0c创历史新高。", "zh"),
        ("当社は第3四半期に過去最高の売上高を記録しました。", "ja"),
        ("Компания сообщила \u043e росте выручки в третьем квартале.", "ru"),
    ],
)
def test_language_detect_names_the_language(
    detector: LanguageDetector, text: str, expected: str
) -> None:
    assert detector.detect(text) == expected


def test_language_paragraphs_short_ones_are_english_unless_cjk(detector: LanguageDetector) -> None:
    text = (
        "Photo: Wang Wei\n"
        "Der Konzern muss sich von einem neuen Ansatz leiten lassen.\n"
        "中国企业家杂志 15:46"
    )
    spans = [(0, 15), (16, 75), (76, len(text))]
    assert paragraph_languages(text, spans, detector=detector) == ["en", "de", "zh"]


def test_language_paragraphs_min_letters_is_honoured(detector: LanguageDetector) -> None:
    text = "Der Konzern wächst."
    assert paragraph_languages(text, [(0, len(text))], detector=detector, min_letters=30) == ["en"]
    assert paragraph_languages(text, [(0, len(text))], detector=detector, min_letters=5) == ["de"]


def test_language_main_language_covers_most_characters() -> None:
    text = "x" * 100
    assert main_language(text, [(0, 10), (10, 100)], ["de", "en"]) == "en"
    assert main_language(text, [(0, 60), (60, 100)], ["de", "en"]) == "de"
    assert main_language(text, [], []) == ""
