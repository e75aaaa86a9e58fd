"""Finding a note's passage again after the article text changed."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from store.anchors import (
    CONTEXT_CHARS,
    Anchor,
    Location,
    anchor_paragraph,
    anchor_quote,
    anchor_span,
    locate,
)

PARAGRAPHS = [
    "重慶與香港簽署合作協議。",
    "兩地將在科技領域深化合作，推動創新。兩地企業亦將加強合作。",
    "香港特區政府表示歡迎。",
]


def test_span_anchor_keeps_the_quote_and_its_context() -> None:
    anchor = anchor_span(PARAGRAPHS, 1, 15, 17)
    assert anchor == Anchor(1, "創新", "兩地將在科技領域深化合作，推動", "。兩地企業亦將加強合作。")
    assert len(anchor.prefix) <= CONTEXT_CHARS


def test_context_is_cut_to_context_chars() -> None:
    text = "甲" * 40 + "乙" + "丙" * 40
    anchor = anchor_span([text], 0, 40, 41)
    assert (anchor.prefix, anchor.suffix) == ("甲" * CONTEXT_CHARS, "丙" * CONTEXT_CHARS)


@pytest.mark.parametrize(("start", "end"), [(3, 3), (5, 2), (-1, 2), (0, 999)])
def test_span_must_be_inside_the_paragraph_and_not_empty(start: int, end: int) -> None:
    with pytest.raises(ValueError):
        anchor_span(PARAGRAPHS, 0, start, end)


@pytest.mark.parametrize("paragraph", [-1, 3])
def test_paragraph_must_exist(paragraph: int) -> None:
    with pytest.raises(IndexError):
        anchor_paragraph(PARAGRAPHS, paragraph)
    with pytest.raises(IndexError):
        anchor_quote(PARAGRAPHS, paragraph, "香港")


def test_quote_anchor_takes_the_first_occurrence_or_none() -> None:
    assert anchor_quote(PARAGRAPHS, 1, "兩地") == anchor_span(PARAGRAPHS, 1, 0, 2)
    assert anchor_quote(PARAGRAPHS, 1, "澳門") is None


def test_quote_anchor_can_match_through_a_fold() -> None:
    def fold(text: str) -> str:
        return text.translate(str.maketrans("慶與", "庆与"))

    anchor = anchor_quote(PARAGRAPHS, 0, "重庆与香港", fold=fold)
    assert anchor == anchor_span(PARAGRAPHS, 0, 0, 5)
    assert anchor.quote == "重慶與香港"  # the article's own text
    assert anchor_quote(PARAGRAPHS, 0, "重庆与香港") is None


def test_unchanged_text_gives_the_saved_place() -> None:
    anchor = anchor_span(PARAGRAPHS, 1, 18, 20)  # the second 兩地
    assert locate(anchor, PARAGRAPHS) == Location(1, 18, 20)


def test_a_repeated_phrase_is_told_apart_by_its_context() -> None:
    anchor = anchor_span(PARAGRAPHS, 1, 18, 20)
    edited = list(PARAGRAPHS)
    edited[1] = "兩地將在科技領域深化合作。兩地企業亦將加強合作。"  # text before it changed
    assert locate(anchor, edited) == Location(1, 13, 15)


def test_a_moved_paragraph_is_followed() -> None:
    anchor = anchor_span(PARAGRAPHS, 2, 0, 4)  # 香港特區
    moved = ["新增的導語。", "另一段。", *PARAGRAPHS]
    assert locate(anchor, moved) == Location(4, 0, 4)


def test_context_beats_the_saved_paragraph_index() -> None:
    # 香港 occurs in paragraph 0 and 2. A paragraph inserted at the top puts the
    # old paragraph 0 at index 1 and old paragraph 1 at index 2: the saved index
    # (2) now holds a paragraph without 香港, and context picks the right one.
    anchor = anchor_span(PARAGRAPHS, 2, 0, 2)
    shifted = ["新增的導語。", *PARAGRAPHS]
    assert locate(anchor, shifted) == Location(3, 0, 2)


def test_equal_context_prefers_the_saved_paragraph() -> None:
    paragraphs = ["香港", "香港", "香港"]
    assert locate(Anchor(1, "香港"), paragraphs) == Location(1, 0, 2)


def test_a_passage_that_is_gone_is_unanchored() -> None:
    anchor = anchor_span(PARAGRAPHS, 1, 15, 17)
    assert locate(anchor, [p.replace("創新", "發展") for p in PARAGRAPHS]) is None
    assert locate(anchor, []) is None


def test_whole_paragraph_note_follows_its_paragraph() -> None:
    anchor = anchor_paragraph(PARAGRAPHS, 1)
    assert anchor.quote is None
    assert locate(anchor, PARAGRAPHS) == Location(1, 0, len(PARAGRAPHS[1]))
    moved = ["新增的導語。", *PARAGRAPHS]
    assert locate(anchor, moved) == Location(2, 0, len(PARAGRAPHS[1]))


def test_whole_paragraph_survives_an_edit_at_one_end() -> None:
    anchor = anchor_paragraph(PARAGRAPHS, 1)
    edited = [PARAGRAPHS[0], PARAGRAPHS[1] + "（完）", PARAGRAPHS[2]]
    assert locate(anchor, edited) == Location(1, 0, len(edited[1]))


def test_whole_paragraph_rewritten_at_both_ends_is_unanchored() -> None:
    anchor = anchor_paragraph(PARAGRAPHS, 1)
    assert locate(anchor, [PARAGRAPHS[0], "全新的段落。", PARAGRAPHS[2]]) is None


def test_whole_paragraph_note_without_fingerprint_trusts_the_index() -> None:
    assert locate(Anchor(1), PARAGRAPHS) == Location(1, 0, len(PARAGRAPHS[1]))
    assert locate(Anchor(5), PARAGRAPHS) is None


paragraph_lists = st.lists(st.text(alphabet="香港重慶合作。，", min_size=1, max_size=30), min_size=1, max_size=5)


@given(paragraph_lists, st.data())
def test_any_span_of_unchanged_text_is_found_where_it_was(paragraphs: list[str], data: st.DataObject) -> None:
    index = data.draw(st.integers(0, len(paragraphs) - 1))
    text = paragraphs[index]
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    found = locate(anchor_span(paragraphs, index, start, end), paragraphs)
    assert found is not None
    assert paragraphs[found.paragraph][found.start : found.end] == text[start:end]
    # With an unchanged article the context matches fully at the saved place,
    # so nothing else can score higher.
    if len(set(paragraphs)) == len(paragraphs):
        assert found.paragraph == index


@given(paragraph_lists, st.data())
def test_a_located_passage_always_is_the_quote(paragraphs: list[str], data: st.DataObject) -> None:
    quote = data.draw(st.text(alphabet="香港重慶", min_size=1, max_size=3))
    anchor = Anchor(data.draw(st.integers(0, 6)), quote, data.draw(st.text(max_size=4)), data.draw(st.text(max_size=4)))
    found = locate(anchor, paragraphs)
    if found is None:
        assert not any(quote in p for p in paragraphs)
    else:
        assert paragraphs[found.paragraph][found.start : found.end] == quote
