"""Pinyin above characters: aligned in cells, wrapped by the Chinese rules."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from store.pinyin import han_syllables
from tui.ruby_layout import NO_LINE_END, NO_LINE_START, break_cells, layout_ruby, ruby_cells

TEXT = "重庆展团在香港国际创科展上完成“首秀”，吸引了13个国家及地区的展商参展。AI技术，数字经济。"


def test_each_syllable_stands_over_its_character() -> None:
    for top, bottom in layout_ruby(TEXT, han_syllables(TEXT), 30):
        for cell_line in [top]:
            assert cell_len(cell_line) <= 30
        assert cell_len(bottom) <= 30
    cells = ruby_cells("重庆", han_syllables("重庆"))
    assert [(c.text, c.syllable, c.width) for c in cells] == [("重", "chóng", 5), ("庆", "qìng", 4)]
    top, bottom = layout_ruby("重庆", han_syllables("重庆"), 40)[0]
    assert top == "chóng qìng"
    assert bottom.index("重") >= 1 and bottom.index("重") + 1 <= len("chóng")
    assert cell_len(bottom[: bottom.index("庆")]) >= len("chóng ")


def test_no_line_starts_with_closing_punctuation() -> None:
    for width in range(8, 60):
        for line in break_cells(ruby_cells(TEXT, han_syllables(TEXT)), width):
            assert line[0].text[0] not in NO_LINE_START, width
            if len(line) > 1:
                assert line[-1].text[-1] not in NO_LINE_END, width


def test_latin_words_and_numbers_are_not_split() -> None:
    lines = break_cells(ruby_cells("了13个AI模型", han_syllables("了13个AI模型")), 6)
    texts = [c.text for line in lines for c in line]
    assert "13" in texts and "AI" in texts


def test_markup_like_text_is_plain() -> None:
    text = "标题[/]在[bold]这里"
    rows = layout_ruby(text, han_syllables(text), 80)
    assert "[/]" in rows[0][1] and "[bold]" in rows[0][1]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("重庆的，。“”（）《》AI 13香港…、")), max_size=80), st.integers(1, 50))
def test_layout_never_loses_text_or_overflows(text: str, width: int) -> None:
    syllables = han_syllables(text)
    lines = break_cells(ruby_cells(text, syllables), width)
    rebuilt = "".join(c.text for line in lines for c in line)
    assert rebuilt.replace(" ", "") == text.replace(" ", "")
    for line in lines:
        if sum(c.width for c in line) > width:
            # Only a cell that cannot be broken, with the punctuation that may not leave it, overflows.
            core = [c for c in line if c.text[0] not in NO_LINE_START and c.text[-1] not in NO_LINE_END]
            assert len(core) <= 1
