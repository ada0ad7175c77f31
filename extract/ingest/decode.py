"""Bytes -> text. The only place that decides an encoding."""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from extract.errors import IngestError

# Control characters other than tab, newline, carriage return and form feed.
_CONTROL = {c for c in range(32) if c not in (9, 10, 12, 13)}
_SNIFF = 8192
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
# Byte-order marks, longest first: the UTF-32-LE mark begins with the UTF-16-LE one.
_BOMS = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
)
# A well-formed UTF-8 sequence of two to four bytes.
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_STRAY_HANDLER = "extract-stray-cp1252"


def _stray_as_cp1252(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: a byte that is not UTF-8 is read as Windows-1252 (else Latin-1)."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    byte = exc.object[exc.start : exc.start + 1]
    try:
        return byte.decode("cp1252"), exc.start + 1
    except UnicodeDecodeError:
        return byte.decode("latin-1"), exc.start + 1


codecs.register_error(_STRAY_HANDLER, _stray_as_cp1252)


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


def _wide_without_bom(head: bytes) -> str | None:
    """UTF-16 or UTF-32 told by where the NUL bytes of mostly-ASCII text fall, else None."""
    n = len(head) - len(head) % 4
    if n < 8:
        return None
    head = head[:n]
    nul_at = [head[i::4].count(0) / (n // 4) for i in range(4)]
    # A UTF-32 code unit is at most 0x10FFFF: its high byte is NUL, the next one <= 0x10.
    if nul_at[3] > 0.95 and max(head[2::4]) <= 0x10:
        return "utf-32-le"
    if nul_at[0] > 0.95 and max(head[1::4]) <= 0x10:
        return "utf-32-be"
    even, odd = (nul_at[0] + nul_at[2]) / 2, (nul_at[1] + nul_at[3]) / 2
    if even < 0.1 and odd > 0.3:
        return "utf-16-le"
    if odd < 0.1 and even > 0.3:
        return "utf-16-be"
    return None


# Characters of Chinese and Japanese text: CJK ideographs, kana, CJK and full-width
# punctuation, and ASCII.
_CJK_TEXT = re.compile(r"[\u4e00-\u9fff\u3000-\u30ff\uff00-\uffef\x20-\x7e\r\n\t]")


def _cjk_utf16(data: bytes) -> tuple[str, str] | None:
    """Chinese or Japanese UTF-16 without a mark and almost without ASCII, else None.

    Such text has no NUL bytes to tell it by; it is taken when nine in ten of its
    characters, read as UTF-16 in one byte order, are ideographs, kana or their
    punctuation. Pairs of bytes of GB18030, Shift-JIS or UTF-8 text read that way fall
    mostly in other blocks (Hangul, private use).
    """
    if len(data) % 2 or len(data) < 8:
        return None
    for name in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if len(_CJK_TEXT.findall(text)) >= 0.9 * len(text):
            return text, name
    return None


def unicode_encoding(data: bytes) -> tuple[str, int] | None:
    """(encoding, length of its mark) from a byte-order mark or the NUL bytes of UTF-16/32."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    wide = _wide_without_bom(data[:_SNIFF])
    return (wide, 0) if wide else None


def looks_binary(data: bytes) -> bool:
    """True for bytes that are not text in any encoding we read (NUL bytes, many controls)."""
    found = unicode_encoding(data)
    if found is not None and found[0] != "utf-8-sig":
        name, skip = found
        head = data[skip : skip + _SNIFF]
        head = head[: len(head) - len(head) % (4 if "32" in name else 2)]
        text = head.decode(name, errors="replace")
        controls = sum(1 for ch in text if ord(ch) in _CONTROL or ch == "\x00")
        return controls > max(8, len(text) // 100)
    head = data[:_SNIFF]
    if _cjk_utf16(head[: len(head) - len(head) % 2]) is not None:
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b in _CONTROL)
    return controls > max(8, len(head) // 100)


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 text with a few stray single-byte characters (a Windows quote pasted in), else None.

    The stray bytes are read as Windows-1252. Taken only when well-formed multi-byte
    sequences outnumber the stray bytes two to one, so a file in another encoding is
    never forced through UTF-8.
    """
    sequences = len(_UTF8_MULTIBYTE.findall(data))
    if sequences == 0:
        return None
    if sequences < 2 * _count_invalid_utf8(data):
        return None
    return data.decode("utf-8", errors=_STRAY_HANDLER)


def _count_invalid_utf8(data: bytes) -> int:
    """Number of bytes of ``data`` that are not part of a well-formed UTF-8 sequence."""
    non_ascii = sum(1 for b in data if b >= 0x80)
    in_sequences = sum(len(m) for m in _UTF8_MULTIBYTE.findall(data))
    return non_ascii - in_sequences


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode ``data`` to text and name the encoding used.

    A byte-order mark (UTF-8, UTF-16, UTF-32) decides first and is dropped; UTF-16/32
    without a mark is told by its NUL bytes. Then UTF-8; then UTF-8 with a few stray
    Windows-1252 bytes (recorded as ``utf-8+cp1252``); then Chinese or Japanese UTF-16
    without a mark or NUL bytes; then Windows-1252 (a superset of
    Latin-1) when the bytes read like Western text; then the encoding charset-normalizer
    detects. Raises ``IngestError`` when none works.
    """
    found = unicode_encoding(data)
    if found is not None:
        name, skip = found
        try:
            return data[skip:].decode(name), name
        except UnicodeDecodeError as exc:
            where = "after a byte-order mark" if skip else "(told by its NUL bytes)"
            raise IngestError(f"invalid {name.upper()} {where} at byte {exc.start + skip}") from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    mixed = _mostly_utf8(data)
    if mixed is not None:
        return mixed, "utf-8+cp1252"
    cjk = _cjk_utf16(data)
    if cjk is not None:
        return cjk
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
