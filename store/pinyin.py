"""Pinyin for Chinese text in any script, one syllable per Han character.

Readings come from pypinyin's phrase-aware conversion. pypinyin reads
simplified text much better than traditional (重慶 -> zhòng qìng, 銀行 -> yín
xíng), so every text is read on its simplified form and the syllables are
mapped back character by character.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any, Literal, NamedTuple

from store.script import HAN_CHAR_CLASS, convert, fold
from store.word_segmentation import word_spans

ToneStyle = Literal["marks", "numbers"]

UNKNOWN = "?"


class _Engine(NamedTuple):
    pinyin: Any  # pypinyin.core.Pinyin
    phrases: dict[str, Any]  # pypinyin's phrase dictionary
    styles: dict[ToneStyle, Any]  # pypinyin.Style for each ToneStyle


@lru_cache(maxsize=1)
def _engine() -> _Engine:
    """pypinyin, imported on first use: loading its dictionaries takes a third of a second,
    which a reader that starts without pinyin on screen need not wait for."""
    from pypinyin import Style
    from pypinyin.constants import PHRASES_DICT
    from pypinyin.converter import UltimateConverter
    from pypinyin.core import Pinyin

    # neutral_tone_with_five: "de5" in numbers style (marks style has no mark for it).
    # v_to_u stays False: numbers style writes ü as "v" (lv4, nv3), as pypinyin does.
    return _Engine(
        Pinyin(UltimateConverter(neutral_tone_with_five=True)),
        PHRASES_DICT,
        {"marks": Style.TONE, "numbers": Style.TONE3},
    )


_HAN_RUN = re.compile(HAN_CHAR_CLASS + "+")
# Where a length-changing conversion is retried piece by piece.
_CLAUSE_BREAK = re.compile(r"([\s,.;:!?，。、；：！？…「」『』“”‘’（）()《》【】]+)")

# Combining marks that carry the tone once a syllable is decomposed (NFD).
_TONE_MARKS = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}
_MARKS_VOWEL_INITIAL = re.compile(r"[aeoāáǎàēéěèōóǒò]", re.IGNORECASE)

# The cache is meant for paragraphs and titles; longer strings are not kept.
_CACHEABLE_LENGTH = 8192
_CACHE_SIZE = 4096

# (start, end, syllables) of one word: a run of Han characters read together.
_Word = tuple[int, int, tuple[str, ...]]


def han_syllables(text: str, style: ToneStyle = "marks") -> list[str | None]:
    """One entry per character of ``text``: its pinyin syllable, ``None`` or ``"?"``.

    ``None`` for a character that is not Han, ``"?"`` for a Han character with
    no known reading, else the syllable in context ("chóng" with marks,
    "chong2" with numbers; neutral tone "de" / "de5"; ü as "ü" / "v").
    """
    syllables: list[str | None] = [None] * len(text)
    for start, _end, word_syllables in _cached_words(text, style):
        syllables[start : start + len(word_syllables)] = word_syllables
    return syllables


def pinyin_words(text: str, style: ToneStyle = "marks") -> list[tuple[str, str | None]]:
    """Split ``text`` into words paired with their pinyin, for inline display.

    Han characters are grouped into words (重庆, 科技, 企业; found on the
    simplified form, so traditional text splits the same way) paired with the
    word's syllables written together ("chóngqìng"; with marks an apostrophe
    separates a syllable that starts with a, o or e, as in xī'ān). Everything
    between Han words is one segment paired with ``None``. Joining the segments
    gives back ``text`` exactly. The syllables are those of ``han_syllables``.
    """
    syllables = han_syllables(text, style)
    reading_form = _simplified_same_length(text)
    segments: list[tuple[str, str | None]] = []
    position = 0
    for run in _HAN_RUN.finditer(text):
        for word_start, word_end in word_spans(reading_form[run.start() : run.end()]):
            start, end = run.start() + word_start, run.start() + word_end
            if start > position:
                segments.append((text[position:start], None))
            word_syllables = tuple(syllable or UNKNOWN for syllable in syllables[start:end])
            segments.append((text[start:end], _join_syllables(word_syllables, style)))
            position = end
    if position < len(text):
        segments.append((text[position:], None))
    return segments


def tone_number(syllable: str) -> int:
    """The tone, 1-5, of a syllable with tone marks ("lǜ") or a tone number ("lv4").

    A syllable with neither (a neutral-tone "de", or "?") is tone 5.
    """
    if syllable[-1:] in ("1", "2", "3", "4", "5"):
        return int(syllable[-1])
    for mark in unicodedata.normalize("NFD", syllable):
        tone = _TONE_MARKS.get(mark)
        if tone is not None:
            return tone
    return 5


def _join_syllables(syllables: tuple[str, ...], style: ToneStyle) -> str:
    if style == "numbers":
        return "".join(syllables)
    joined = syllables[0]
    for syllable in syllables[1:]:
        if _MARKS_VOWEL_INITIAL.match(syllable):
            joined += "'"
        joined += syllable
    return joined


def _cached_words(text: str, style: ToneStyle) -> tuple[_Word, ...]:
    if len(text) > _CACHEABLE_LENGTH:
        return _words(text, style)
    return _cached_paragraph_words(text, style)


@lru_cache(maxsize=_CACHE_SIZE)
def _cached_paragraph_words(text: str, style: ToneStyle) -> tuple[_Word, ...]:
    return _words(text, style)


def _words(text: str, style: ToneStyle) -> tuple[_Word, ...]:
    """The Han words of ``text`` with their syllables, read on the simplified form."""
    reading_form = _simplified_same_length(text)
    words: list[_Word] = []
    for run in _HAN_RUN.finditer(text):
        original = run.group()
        simplified = reading_form[run.start() : run.end()]
        pieces = _segment(simplified)
        readings = _read(pieces, style)
        position = run.start()
        for piece, piece_readings in zip(pieces, readings):
            end = position + len(piece)
            original_piece = original[position - run.start() : end - run.start()]
            words.append((position, end, _fill_unknown(original_piece, piece, piece_readings, style)))
            position = end
    return tuple(words)


def _simplified_same_length(text: str) -> str:
    """``text`` in simplified characters, position for position.

    OpenCC may replace a phrase by one of another length; then the text is
    converted clause by clause, and a clause that still changes length is
    folded character by character.
    """
    simplified = convert(text, "simplified")
    if len(simplified) == len(text):
        return simplified
    pieces = []
    for clause in _CLAUSE_BREAK.split(text):
        converted = convert(clause, "simplified")
        pieces.append(converted if len(converted) == len(clause) else fold(clause))
    return "".join(pieces)


def _segment(han: str) -> list[str]:
    """pypinyin's own segmentation of a Han run: dictionary phrases or single characters."""
    pieces: list[str] = []
    engine = _engine()
    for piece in engine.pinyin.seg(han):
        if len(piece) > 1 and piece not in engine.phrases:
            pieces.extend(piece)
        else:
            pieces.append(piece)
    return pieces


def _read(pieces: list[str], style: ToneStyle) -> list[tuple[str, ...]]:
    """Syllables for each piece, one per character."""
    engine = _engine()
    flat = engine.pinyin.lazy_pinyin(pieces, style=engine.styles[style], errors=_unknown_readings)
    if len(flat) != sum(map(len, pieces)):
        # pypinyin gave more or fewer syllables than characters: read one by one.
        return [tuple(_read_one(ch, style) for ch in piece) for piece in pieces]
    readings = []
    position = 0
    for piece in pieces:
        readings.append(tuple(s or UNKNOWN for s in flat[position : position + len(piece)]))
        position += len(piece)
    return readings


def _read_one(ch: str, style: ToneStyle) -> str:
    engine = _engine()
    readings = engine.pinyin.lazy_pinyin(ch, style=engine.styles[style], errors=_unknown_readings)
    return readings[0] if len(readings) == 1 and readings[0] else UNKNOWN


def _fill_unknown(
    original: str, simplified: str, readings: tuple[str, ...], style: ToneStyle
) -> tuple[str, ...]:
    """Read the original character where its simplified form has no known reading.

    OpenCC maps some rare traditional characters to simplified forms in recent
    Unicode extensions that pypinyin does not know (㑮 -> 𫝈).
    """
    if UNKNOWN not in readings:
        return readings
    return tuple(
        _read_one(ch, style) if reading == UNKNOWN and ch != simplified_ch else reading
        for ch, simplified_ch, reading in zip(original, simplified, readings)
    )


def _unknown_readings(chars: str) -> list[str]:
    return [UNKNOWN] * len(chars)
