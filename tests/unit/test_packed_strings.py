"""Packed strings read as the list of strings they were made from, through the cache's marshal too."""

from __future__ import annotations

import marshal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from store.cached_article import PackedStrings

# Any code point: astral characters and lone surrogates (from file names decoded with surrogateescape) too.
ANY_TEXT = st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF, blacklist_categories=()))
# ASCII strings are packed a byte per character, any others four bytes.
ASCII_TEXT = st.text(alphabet=st.characters(max_codepoint=0x7F, blacklist_categories=()))


@given(
    values=st.lists(ANY_TEXT, max_size=30) | st.lists(ASCII_TEXT, max_size=30),
    positions=st.lists(st.integers(0, 29), max_size=40),
)
def test_packed_strings_read_as_their_list(values: list[str], positions: list[int]) -> None:
    packed = PackedStrings.of(values)
    assert len(packed) == len(values)
    assert list(packed) == values
    assert [packed[i] for i in range(len(values))] == values
    assert [packed[-i] for i in range(1, len(values) + 1)] == [values[-i] for i in range(1, len(values) + 1)]
    assert packed[1:4] == values[1:4] and packed[::-2] == values[::-2]
    positions = [p for p in positions if p < len(values)]
    assert packed.take(positions) == [values[p] for p in positions]
    again = PackedStrings.from_marshal(marshal.loads(marshal.dumps(packed.to_marshal())))
    assert again == packed and list(again) == values


def test_an_index_past_the_end_is_an_index_error() -> None:
    packed = PackedStrings.of(["香港", "", "𠀋"])
    assert packed[1] == "" and packed[2] == "𠀋"
    with pytest.raises(IndexError):
        packed[3]
    with pytest.raises(IndexError):
        packed[-4]


@pytest.mark.parametrize("values", [["香港", "重庆"], ["2024/a.txt", "b.md"]])
def test_damaged_packed_strings_are_refused(values: list[str]) -> None:
    data, ends, width = PackedStrings.of(values).to_marshal()
    with pytest.raises(ValueError):
        PackedStrings.from_marshal((data[:-width], ends, width))
    with pytest.raises(ValueError):
        PackedStrings.from_marshal((data + b"\x00", ends, width))
    with pytest.raises(ValueError):
        PackedStrings.from_marshal((data, ends, 2))


def test_ascii_strings_take_a_byte_each() -> None:
    assert len(PackedStrings.of(["2024/a.txt", "b"]).to_marshal()[0]) == 11
    assert len(PackedStrings.of(["2024/a.txt", "香"]).to_marshal()[0]) == 44
