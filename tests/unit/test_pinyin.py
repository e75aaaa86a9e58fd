"""Pinyin per Han character and per word, in any script."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypinyin.constants import PINYIN_DICT

import store.pinyin
from store.pinyin import UNKNOWN, han_syllables, pinyin_words, tone_number
from store.script import convert

chinese_text = st.text(
    alphabet=st.one_of(
        st.characters(),
        st.sampled_from("重慶庆银銀行长長江觉覺得的了著着绿女儿兙㑮〇，。「」 a1"),
    )
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("重慶", ["chóng", "qìng"]),
        ("銀行", ["yín", "háng"]),
        ("長江", ["cháng", "jiāng"]),
        ("覺得", ["jué", "de"]),
        ("重庆", ["chóng", "qìng"]),
        ("银行", ["yín", "háng"]),
        ("长江", ["cháng", "jiāng"]),
        ("觉得", ["jué", "de"]),
    ],
)
def test_polyphones_read_in_context_in_either_script(text: str, expected: list[str]) -> None:
    assert han_syllables(text) == expected


def test_traditional_zhe_written_as_zhu_reads_zhe() -> None:
    assert han_syllables("他接著說發展") == ["tā", "jiē", "zhe", "shuō", "fā", "zhǎn"]


def test_numbers_style_and_u_umlaut() -> None:
    assert han_syllables("绿女") == ["lǜ", "nǚ"]
    assert han_syllables("绿女", "numbers") == ["lv4", "nv3"]
    assert han_syllables("重慶", "numbers") == ["chong2", "qing4"]


def test_neutral_tone_is_five_with_numbers() -> None:
    assert han_syllables("我的", "numbers") == ["wo3", "de5"]
    assert han_syllables("我的") == ["wǒ", "de"]


def test_unknown_han_character_is_question_mark() -> None:
    rare = "兙"  # U+5159, a CJK unified ideograph pypinyin has no reading for
    assert ord(rare) not in PINYIN_DICT
    assert convert(rare, "simplified") == rare
    assert han_syllables(f"中{rare}文") == ["zhōng", UNKNOWN, "wén"]


def test_original_read_when_simplified_form_is_unknown_to_pypinyin() -> None:
    # OpenCC simplifies 㑮 to 𫝈, which pypinyin cannot read; 㑮 itself it can.
    assert convert("㑮", "simplified") == "𫝈"
    assert ord("𫝈") not in PINYIN_DICT and ord("㑮") in PINYIN_DICT
    assert han_syllables("㑮") != [UNKNOWN]


def test_non_han_characters_are_none() -> None:
    assert han_syllables("A1，重慶 x") == [None, None, None, "chóng", "qìng", None, None]
    assert han_syllables("") == []


@given(chinese_text, st.sampled_from(["marks", "numbers"]))
def test_one_entry_per_character_for_any_text(text: str, style: str) -> None:
    syllables = han_syllables(text, style)  # type: ignore[arg-type]
    assert len(syllables) == len(text)


@given(chinese_text, st.sampled_from(["marks", "numbers"]))
def test_pinyin_words_join_back_to_the_text(text: str, style: str) -> None:
    words = pinyin_words(text, style)  # type: ignore[arg-type]
    assert "".join(segment for segment, _ in words) == text
    assert all(segment for segment, _ in words)


def test_pinyin_words_groups_dictionary_words() -> None:
    assert pinyin_words("去重慶銀行。") == [
        ("去", "qù"),
        ("重慶", "chóngqìng"),
        ("銀行", "yínháng"),
        ("。", None),
    ]
    assert pinyin_words("重庆 2024", "numbers") == [("重庆", "chong2qing4"), (" 2024", None)]


def test_pinyin_words_groups_common_words_not_only_polyphone_phrases() -> None:
    words = pinyin_words("青島企業簽約科技項目")
    assert [segment for segment, _ in words] == ["青島", "企業", "簽約", "科技", "項目"]
    assert words[1] == ("企業", "qǐyè")


@given(chinese_text, st.sampled_from(["marks", "numbers"]))
def test_pinyin_words_syllables_are_those_of_han_syllables(text: str, style: str) -> None:
    """Grouping into words never changes a reading: the joined syllables are the per-character ones."""
    syllables = [s for s in han_syllables(text, style) if s is not None]  # type: ignore[arg-type]
    grouped = "".join(reading for _, reading in pinyin_words(text, style) if reading)  # type: ignore[arg-type]
    assert grouped.replace("'", "") == "".join(syllables).replace("'", "")


def test_pinyin_words_marks_syllable_boundary_before_a_o_e() -> None:
    assert pinyin_words("女儿") == [("女儿", "nǚ'ér")]
    assert pinyin_words("女儿", "numbers") == [("女儿", "nv3er2")]


def test_length_changing_conversion_falls_back_clause_by_clause(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def lengthening_convert(text: str, to: str) -> str:
        converted = convert(text, to)  # type: ignore[arg-type]
        return converted.replace("银行", "银行业") if "銀行" in text else converted

    monkeypatch.setattr(store.pinyin, "convert", lengthening_convert)
    text = "他在銀行工作，覺得很好"
    assert han_syllables(text) == [
        "tā", "zài", "yín", "háng", "gōng", "zuò", None, "jué", "de", "hěn", "hǎo"
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("syllable", "tone"),
    [
        ("zhōng", 1), ("chóng", 2), ("nǚ", 3), ("lǜ", 4), ("de", 5),
        ("zhong1", 1), ("lv4", 4), ("de5", 5), ("ḿ", 2), ("ê̄", 1), (UNKNOWN, 5),
    ],
)  # fmt: skip
def test_tone_number(syllable: str, tone: int) -> None:
    assert tone_number(syllable) == tone
