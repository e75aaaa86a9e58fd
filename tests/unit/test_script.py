"""Script conversion, folding, detection and the Han character test."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store import script
from store.script import STRAY_SHARE, convert, detect_script, fold, is_han

# Text that mixes Han characters of both scripts with anything else.
chinese_text = st.text(
    alphabet=st.one_of(
        st.characters(),
        st.sampled_from("发發头頭髮后後干乾幹里裏裡台臺着著衞卫说説說为為爲么麼抬重慶银行，。「」"),
    )
)


@pytest.mark.parametrize(
    ("text", "to", "expected"),
    [
        ("发展企业", "traditional", "發展企業"),
        ("头发", "traditional", "頭髮"),  # same 发, other traditional form: phrase-level
        ("为了卫生", "traditional", "爲了衛生"),
        ("为了卫生", "hk", "為了衞生"),
        ("为了卫生", "tw", "為了衛生"),
        ("發展企業", "simplified", "发展企业"),
        ("頭髮", "simplified", "头发"),
        ("為了衞生，説話", "simplified", "为了卫生，说话"),  # Hong Kong forms
        ("為了衛生，說話", "simplified", "为了卫生，说话"),  # Taiwan forms
    ],
)
def test_convert_each_direction(text: str, to: str, expected: str) -> None:
    assert convert(text, to) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("to", "expected"),
    [
        ("simplified", "为了发展企业"),
        ("traditional", "爲了發展企業"),
        ("hk", "為了發展企業"),
    ],
)
def test_convert_mixed_input(to: str, expected: str) -> None:
    assert convert("为了發展企业", to) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["什么", "抬头", "显著", "著名", "皇后", "乾坤", "ABC 123"])
def test_simplified_text_stays_simplified(text: str) -> None:
    assert convert(text, "simplified") == text


def test_traditional_zhe_written_as_zhu_becomes_zhe() -> None:
    # Taiwan and Hong Kong write 著 where simplified writes 着, except in words like 顯著.
    assert convert("他接著說，發展意味著機會", "simplified") == "他接着说，发展意味着机会"
    assert convert("這個發展很顯著", "simplified") == "这个发展很显著"


def test_convert_rejects_unknown_target() -> None:
    with pytest.raises(ValueError, match="unknown target script"):
        convert("中文", "cantonese")  # type: ignore[arg-type]


def test_convert_repeats_come_from_the_cache() -> None:
    text = "重慶銀行的長江大橋"
    assert convert(text, "simplified") is convert(text, "simplified")


def test_convert_from_many_threads_agrees_with_sequential() -> None:
    texts = [f"發展企業{n}號" for n in range(40)]
    targets = ["simplified", "traditional", "hk", "tw"] * 10
    with ThreadPoolExecutor(max_workers=8) as pool:
        parallel = list(pool.map(convert, texts, targets))
    assert parallel == [convert(t, to) for t, to in zip(texts, targets)]  # type: ignore[arg-type]


def test_fold_maps_traditional_and_variant_characters() -> None:
    assert fold("發展與頭髮") == "发展与头发"
    assert fold("衞生") == "卫生"  # Hong Kong form
    assert fold("重慶 Chongqing 2024") == "重庆 Chongqing 2024"


def test_fold_agrees_with_the_table_with_and_without_characters_beyond_the_basic_plane() -> None:
    table = script._tables().fold
    basic = "".join(chr(code) for code in range(0x3400, 0x10000) if is_han(chr(code)))
    assert fold(basic) == basic.translate(table) != basic
    astral = "\U0002005e\U000205e3"  # folded through the dict: past the end of the list
    assert fold("發展" + astral) == "发展" + astral.translate(table) and astral.translate(table) != astral


def test_fold_leaves_simplified_text_alone() -> None:
    text = "重庆银行，长江大桥。"
    assert fold(text) == text


def test_fold_is_idempotent_over_every_ideograph() -> None:
    ideographs = "".join(chr(code) for code in range(0x3400, 0x323B0) if is_han(chr(code)))
    folded = fold(ideographs)
    assert folded != ideographs
    assert fold(folded) == folded


@given(chinese_text)
def test_fold_keeps_length_and_is_idempotent(text: str) -> None:
    folded = fold(text)
    assert len(folded) == len(text)
    assert fold(folded) == folded


@given(chinese_text)
def test_convert_and_detect_never_raise(text: str) -> None:
    for to in ("simplified", "traditional", "hk", "tw"):
        assert isinstance(convert(text, to), str)  # type: ignore[arg-type]
    assert detect_script(text) in {"simplified", "traditional", "mixed"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("重庆银行发展很快", "simplified"),
        ("重慶銀行發展很快", "traditional"),
        ("重庆银行發展很快", "mixed"),
        ("台北天后", "simplified"),  # no character that belongs to one script only
        ("", "simplified"),
        ("Hello, world", "simplified"),
    ],
)
def test_detect_script_classes(text: str, expected: str) -> None:
    assert detect_script(text) == expected


def test_detect_script_tolerates_stray_characters() -> None:
    simplified = "这个发展说明经济"  # 6 simplified-only characters
    traditional = "這個發展說明經濟"  # 6 traditional-only characters
    assert 1 / 7 <= STRAY_SHARE < 2 / 8
    assert detect_script(simplified + "發") == "simplified"
    assert detect_script(traditional + "发") == "traditional"
    assert detect_script(simplified + "發達") == "mixed"
    assert detect_script(traditional + "发达") == "mixed"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["这", "个", "发", "這", "個", "發", "台", "后", "中", "a", "，"]), max_size=30))
def test_detect_script_follows_the_counting_rule(chars: list[str]) -> None:
    text = "".join(chars)
    simplified = sum(ch in "这个发" for ch in chars)
    traditional = sum(ch in "這個發" for ch in chars)
    total = simplified + traditional
    if total == 0:
        expected = "simplified"
    elif simplified <= STRAY_SHARE * total:
        expected = "traditional"
    elif traditional <= STRAY_SHARE * total:
        expected = "simplified"
    else:
        expected = "mixed"
    assert detect_script(text) == expected


@pytest.mark.parametrize(
    "ch",
    ["中", "〇", "\u3400", "\U00020000", "\U0002a700", "\U00030000", "\uf900", "\U0002f800"],
)
def test_is_han_accepts_ideographs(ch: str) -> None:
    assert is_han(ch)


@pytest.mark.parametrize("ch", ["a", "1", "，", "「", "ア", "한", "\u2e80", "", "中文", "\ue815"])
def test_is_han_rejects_everything_else(ch: str) -> None:
    assert not is_han(ch)
