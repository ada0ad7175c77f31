"""Pure canonicalization of entity names.

``clean_name`` turns a surface form into the name as it should be displayed (no
possessive, no leading article, no quotes, spaced hyphens closed up), ``strip_corporate_suffix``
drops legal-form words (``Group``, ``Inc.``, ``Co., Ltd.``, ``Corporation``, ``Holdings``...),
and ``canonical_key`` is the case-folded matching key: two names with the same key are the
same entity. Words that are part of a brand (``Electric`` in ``Gree Electric``, ``Motors``)
are kept; the alias table maps those.
"""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = [
    "CORPORATE_SUFFIXES",
    "canonical_key",
    "clean_name",
    "strip_corporate_suffix",
    "strip_possessive",
]

# Legal-form words, compared case-insensitively and without dots/commas.
CORPORATE_SUFFIXES = frozenset(
    {
        "group",
        "inc",
        "incorporated",
        "co",
        "company",
        "ltd",
        "limited",
        "corp",
        "corporation",
        "holdings",
        "holding",
        "llc",
        "plc",
        "ag",
        "se",
        "sa",
        "gmbh",
        "nv",
        "bv",
        "spa",
        "kk",
        "pte",
        "pty",
        # Nordic legal forms: Danish/Norwegian A/S, ApS and ASA, Swedish AB, Finnish Oy(j).
        "a/s",
        "aps",
        "asa",
        "ab",
        "oy",
        "oyj",
    }
)

_QUOTES = "\"'\u201c\u201d\u2018\u2019«»「」『』《》()[]"
_POSSESSIVE = re.compile(r"(?:['\u2019]s|(?<=s)['\u2019])$")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_SPACED_HYPHEN = re.compile(r"\s*[-\u2010\u2011\u2013]\s*(?=\w)")
_ABBREVIATION_END = re.compile(r"(?:\b(?:Inc|Co|Ltd|Corp|Jr|Sr|St|Bros)|(?:^|[\s.])[A-Z])\.$")
_SUFFIX_TOKEN = re.compile(r"[\s,]+([A-Za-z./]+)\s*$")


def strip_possessive(name: str) -> str:
    """``Xiaomi's`` -> ``Xiaomi``; ``Siemens'`` -> ``Siemens``."""
    return _POSSESSIVE.sub("", name.rstrip()).rstrip()


@functools.lru_cache(maxsize=65536)
def clean_name(name: str) -> str:
    """The display form of a surface name.

    Unicode is NFC-normalized, whitespace collapsed, surrounding quotes and punctuation,
    a leading ``the`` and a trailing possessive removed, and hyphens written with spaces
    around them (``Super - writing``) closed up (``Super-writing``).
    """
    text = unicodedata.normalize("NFC", name)
    text = " ".join(text.split())
    previous = None
    while previous != text:
        previous = text
        text = text.strip(_QUOTES + " ,;:!?")
        text = text.lstrip(".")
        if text.endswith(".") and not _ABBREVIATION_END.search(text):
            text = text[:-1]
        text = _LEADING_THE.sub("", text)
        text = strip_possessive(text)
    return _SPACED_HYPHEN.sub("-", text)


def _suffix_word(token: str) -> str:
    return token.replace(".", "").lower()


def strip_corporate_suffix(name: str) -> str:
    """Drop trailing legal-form words: ``Xiaomi Corporation`` -> ``Xiaomi``.

    ``Co., Ltd.`` and chains such as ``Holdings Ltd.`` go together; a name made only of
    such words is returned unchanged.
    """
    text = name.strip().rstrip(",")
    while True:
        match = _SUFFIX_TOKEN.search(text)
        if match is None or _suffix_word(match.group(1)) not in CORPORATE_SUFFIXES:
            return text
        rest = text[: match.start()].rstrip(" ,&")
        if not rest:
            return text
        text = rest


@functools.lru_cache(maxsize=65536)
def canonical_key(name: str) -> str:
    """Matching key: cleaned, legal-form words dropped, case-folded, punctuation-light.

    ``Xiaomi's``, ``Xiaomi Group``, ``XIAOMI Corporation`` and ``the Xiaomi Group`` share
    the key ``xiaomi``.
    """
    text = strip_corporate_suffix(clean_name(name))
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"[\s\-\u2010\u2011\u2013_.·]+", " ", text)
    return text.strip()
