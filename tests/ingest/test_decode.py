"""Decoding: byte-order marks, UTF-16/32 without a mark, UTF-8 with stray Windows bytes."""

from __future__ import annotations

import pytest

from extract.ingest.decode import decode_bytes, looks_binary

ENGLISH = "Globex said revenue rose 5% to €3 million in Zürich."
CHINESE = "公司营收1131亿元\uff0c同比增长22.3%\u3002"


@pytest.mark.parametrize("text", [ENGLISH, CHINESE], ids=["english", "chinese"])
@pytest.mark.parametrize(
    ("codec", "expected"),
    [
        ("utf-16", "utf-16-le"),
        ("utf-16-le", "utf-16-le"),
        ("utf-16-be", "utf-16-be"),
        ("utf-32", "utf-32-le"),
        ("utf-32-le", "utf-32-le"),
        ("utf-32-be", "utf-32-be"),
    ],
)
def test_decode_wide_unicode_with_and_without_bom(text: str, codec: str, expected: str) -> None:
    data = text.encode(codec)
    assert not looks_binary(data)
    assert decode_bytes(data) == (text, expected)


@pytest.mark.parametrize(
    "data",
    [bytes(64), b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), bytes(range(256)) * 4],
    ids=["nuls", "png", "bytes"],
)
def test_decode_binary_is_still_binary(data: bytes) -> None:
    assert looks_binary(data)


def test_decode_utf8_with_stray_windows_quotes() -> None:
    data = (
        "中国企业家 reported sales".encode()
        + b" \x93up 5%\x94 "
        + "in the quarter, 同比增长.".encode()
    )
    text, encoding = decode_bytes(data)
    assert text == "中国企业家 reported sales \u201cup 5%\u201d in the quarter, 同比增长."
    assert encoding == "utf-8+cp1252"


def test_decode_gb18030_is_not_taken_for_mixed_utf8() -> None:
    text = "小米集团第三季度营收1131亿元\uff0c同比增长22.3%\uff0c经调整净利润创新高\u3002" * 3
    decoded, encoding = decode_bytes(text.encode("gb18030"))
    assert decoded == text
    assert encoding.lower().replace("_", "") in ("gb18030", "gbk", "gb2312", "cp936")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_decode_chinese_utf16_without_bom(codec: str) -> None:
    text = "小米集团第三季度营收一千亿元\uff0c同比增长\uff0c经调整净利润创新高\u3002" * 3
    data = text.encode(codec)
    assert not looks_binary(data)
    assert decode_bytes(data) == (text, codec)
