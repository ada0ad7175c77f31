"""Bytes -> text. The only place that decides an encoding."""

from __future__ import annotations

import charset_normalizer

from extract.errors import IngestError

# Control characters other than tab, newline, carriage return and form feed.
_CONTROL = {c for c in range(32) if c not in (9, 10, 12, 13)}
_SNIFF = 8192


def looks_binary(data: bytes) -> bool:
    """True for bytes that are not text in any encoding we read (NUL bytes, many controls)."""
    head = data[:_SNIFF]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b in _CONTROL)
    return controls > max(8, len(head) // 100)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode ``data`` to text and name the encoding used.

    UTF-8 first (a byte-order mark is dropped and recorded as ``utf-8-sig``), then the
    encoding charset-normalizer detects. Raises ``IngestError`` when neither works.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise IngestError(f"invalid UTF-8 after a byte-order mark at byte {exc.start + 3}") from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.encoding is None:
        raise IngestError(
            f"bytes do not decode as UTF-8 (byte {utf8_error.start}) nor any detected encoding"
        )
    try:
        return data.decode(best.encoding), best.encoding
    except (UnicodeDecodeError, LookupError) as exc:
        raise IngestError(f"bytes do not decode as {best.encoding}: {exc}") from exc
