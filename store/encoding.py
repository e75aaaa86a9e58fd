"""Turning article file bytes into text.

News pages arrive as UTF-8 (with or without BOM), GB18030/GBK or Big5. Big5
bytes decode as GB18030 without error, so a strict decode is not enough: every
candidate that decodes is scored on how plausible its characters are, and the
most plausible wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


class UnreadableArticle(Exception):
    """The bytes are not an article we can read; the message says why, in a few words."""


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str


# Control characters other than tab and newline never belong in article text;
# ESC in particular must never reach a terminal.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u200e\u200f\u2028\u2029\ufeff]")
_PRIVATE_USE = re.compile(r"[\ue000-\uf8ff]")
_CONTROL_BYTES = bytes([*range(0x01, 0x09), *range(0x0E, 0x20)])
_HAN = re.compile(r"[\u3400-\u9fff]")


def normalise_text(text: str) -> str:
    """Normalise line ends to LF, drop a BOM and control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text.replace("\t", " "))


@lru_cache(maxsize=1)
def _common_han() -> frozenset[str]:
    """The everyday characters of both scripts: GB2312 level 1 and Big5 level 1.

    A correct decoding of news text is made almost entirely of these; a wrong
    one (Big5 read as GB18030) scatters into rare characters and private use.
    """
    chars: set[str] = set()
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(bytes([lead, trail]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    for lead in range(0xA4, 0xC7):
        for trail in [*range(0x40, 0x7F), *range(0xA1, 0xFF)]:
            try:
                chars.add(bytes([lead, trail]).decode("big5"))
            except UnicodeDecodeError:
                pass
    return frozenset(chars)


def _plausibility(text: str) -> float:
    """Share of Han characters that are common, minus private-use and control noise."""
    han = _HAN.findall(text)
    private = len(_PRIVATE_USE.findall(text))
    if not han and not private:
        return 0.0
    common = _common_han()
    good = sum(map(common.__contains__, han))  # C-level: a long article has 20,000 Han characters
    return (good - 3 * private) / (len(han) + private)


def _looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > max(8, len(sample) // 10)


def decode_article_bytes(data: bytes) -> DecodedText:
    """Decode an article file's bytes to normalised text.

    Raises UnreadableArticle for an empty, binary or undecodable file.
    """
    # UTF-32's BOM begins with UTF-16's, so it is tried first.
    for bom, codec in ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return _decode_with_bom(data, codec)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise UnreadableArticle("invalid UTF-8 after a UTF-8 BOM") from exc
        return _checked(DecodedText(normalise_text(text), "utf-8-sig"))
    if not data.strip():
        raise UnreadableArticle("empty file")
    if _looks_binary(data):
        raise UnreadableArticle("binary file, not text")
    try:
        return _checked(DecodedText(normalise_text(data.decode("utf-8")), "utf-8"))
    except UnicodeDecodeError:
        pass
    candidates: list[tuple[float, DecodedText]] = []
    for codec in ("gb18030", "big5hkscs"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        candidates.append((_plausibility(text), DecodedText(normalise_text(text), codec)))
    if not candidates:
        raise UnreadableArticle("not UTF-8, GB18030 or Big5 text")
    # On a tie GB18030 wins: it is listed first and max() keeps the first maximum.
    score, best = max(candidates, key=lambda c: c[0])
    if score < 0.5:
        raise UnreadableArticle(f"undecodable text (best guess {best.encoding} is garbled)")
    return _checked(best)


def _decode_with_bom(data: bytes, codec: str) -> DecodedText:
    """Text behind a UTF-16 or UTF-32 BOM; binary data behind one decodes to control characters."""
    name = codec.upper()
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise UnreadableArticle(f"invalid {name}") from exc
    controls = len(_CONTROL.findall(text)) - text.count("\ufeff")
    if controls > max(8, len(text) // 10) or "\x00" in text:
        raise UnreadableArticle(f"binary file behind a {name} byte order mark")
    return _checked(DecodedText(normalise_text(text), codec))


def _checked(decoded: DecodedText) -> DecodedText:
    if not decoded.text.strip():
        raise UnreadableArticle("empty file")
    return decoded
