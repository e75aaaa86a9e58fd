"""Decoding article bytes: every encoding news pages arrive in, and what is refused."""

from __future__ import annotations

import pytest

from store.encoding import UnreadableArticle, decode_article_bytes

TRADITIONAL = "重慶展團在香港國際創科展上完成首秀，吸引了眾多國際目光。"
SIMPLIFIED = "鲁港科技创新合作交流对接会在青岛上合示范区举行。"


def test_utf8_without_bom() -> None:
    decoded = decode_article_bytes(SIMPLIFIED.encode("utf-8"))
    assert (decoded.text, decoded.encoding) == (SIMPLIFIED, "utf-8")


def test_utf8_bom_is_stripped() -> None:
    decoded = decode_article_bytes(b"\xef\xbb\xbf" + SIMPLIFIED.encode("utf-8"))
    assert decoded.text == SIMPLIFIED
    assert not decoded.text.startswith("\ufeff")


@pytest.mark.parametrize("codec", ["gb18030", "gbk", "gb2312"])
def test_gb_family(codec: str) -> None:
    decoded = decode_article_bytes(SIMPLIFIED.encode(codec))
    assert decoded.text == SIMPLIFIED
    assert decoded.encoding == "gb18030"


@pytest.mark.parametrize("codec", ["big5", "cp950", "big5hkscs"])
def test_big5_is_never_read_as_gb18030(codec: str) -> None:
    data = TRADITIONAL.encode(codec)
    data.decode("gb18030")  # the trap: this succeeds, with garbage
    decoded = decode_article_bytes(data)
    assert decoded.text == TRADITIONAL
    assert decoded.encoding == "big5hkscs"


def test_short_big5_text() -> None:
    assert decode_article_bytes("香港".encode("big5")).text == "香港"


def test_traditional_text_in_gb18030_stays_gb18030() -> None:
    assert decode_article_bytes(TRADITIONAL.encode("gb18030")).text == TRADITIONAL


@pytest.mark.parametrize("ending", [b"\r\n", b"\r"])
def test_line_endings_normalised(ending: bytes) -> None:
    data = ending.join(["第一行".encode(), "第二行".encode()])
    assert decode_article_bytes(data).text == "第一行\n第二行"


def test_escape_sequences_removed() -> None:
    text = decode_article_bytes("標題\x1b[31m紅\x1b]0;title\x07字".encode()).text
    assert "\x1b" not in text and "\x07" not in text


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32", "utf-32-be"])
def test_utf16_and_utf32_with_bom(codec: str) -> None:
    data = ("\ufeff" + SIMPLIFIED).encode(codec)
    assert decode_article_bytes(data).text == SIMPLIFIED


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"  \n\r\n ", "empty"),
        (b"\xef\xbb\xbf", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (bytes(range(256)) * 4, "binary"),
        (b"\xff\xfe" + b"\x01\x00\x02\x00a\x00" * 100, "binary"),
        (b"\xff\xfe\x00\x00garbage\x00\x01\x02", "invalid UTF-32"),
        (b"\xfe\xff\xd8\x00", "invalid UTF-16"),
    ],
)
def test_refused_with_reason(data: bytes, reason: str) -> None:
    with pytest.raises(UnreadableArticle, match=reason):
        decode_article_bytes(data)


def test_garbage_high_bytes_refused() -> None:
    # Valid in no encoding we read: lone continuation bytes and undefined Big5/GB pairs.
    with pytest.raises(UnreadableArticle):
        decode_article_bytes(b"\x80\xff\x80\xff\xfe\xfe\x80" * 20)
