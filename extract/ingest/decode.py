"""Bytes -> text. The only place that decides an encoding."""

from __future__ import annotations

import re

import charset_normalizer

from extract.errors import IngestError

# Control characters other than tab, newline, carriage return and form feed.
_CONTROL = {c for c in range(32) if c not in (9, 10, 12, 13)}
_SNIFF = 8192
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")


def _as_western(data: bytes) -> str | None:
    """``data`` as Windows-1252 when it reads like Western text, else None.

    In Latin-1 / Windows-1252 text the non-ASCII characters stand alone or in pairs
    between ASCII letters (``Zürich``, ``Größe``); bytes of a multi-byte or other
    single-byte script decoded this way come out as long runs of accented symbols.
    Short Western texts are where charset detectors guess wrong most often.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    runs = [len(m.group()) for m in _NON_ASCII_RUN.finditer(text)]
    total = sum(runs)
    if total == 0:
        return text
    in_long_runs = sum(n for n in runs if n >= 3)
    return text if in_long_runs <= 0.2 * total else None


def looks_binary(data: bytes) -> bool:
    """True for bytes that are not text in any encoding we read (NUL bytes, many controls)."""
    head = data[:_SNIFF]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b in _CONTROL)
    return controls > max(8, len(head) // 100)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode ``data`` to text and name the encoding used.

    UTF-8 first (a byte-order mark is dropped and recorded as ``utf-8-sig``), then
    Windows-1252 (a superset of Latin-1) when the bytes read like Western text, then the
    encoding charset-normalizer detects. Raises ``IngestError`` when none works.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise IngestError(
                f"invalid UTF-8 after a byte-order mark at byte {exc.start + 3}"
            ) from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    western = _as_western(data)
    if western is not None:
        return western, "cp1252"
    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.encoding is None:
        raise IngestError(
            f"bytes do not decode as UTF-8 (byte {utf8_error.start}) nor any detected encoding"
        )
    try:
        return data.decode(best.encoding), best.encoding
    except (UnicodeDecodeError, LookupError) as exc:
        raise IngestError(f"bytes do not decode as {best.encoding}: {exc}") from exc
