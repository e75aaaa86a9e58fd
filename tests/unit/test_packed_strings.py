"""Packed strings read as the list of strings they were made from, through the cache's marshal too."""

from __future__ import annotations

import marshal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from store.cached_article import PackedStrings, PackedUtf8Strings

# Any code point: astral characters and lone surrogates (from file names decoded with surrogateescape) too.
ANY_TEXT = st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF, blacklist_categories=()))
PACKINGS = pytest.mark.parametrize("packing", [PackedStrings, PackedUtf8Strings])


@PACKINGS
@given(values=st.lists(ANY_TEXT, max_size=30), positions=st.lists(st.integers(0, 29), max_size=40))
def test_packed_strings_read_as_their_list(
    packing: type[PackedStrings], values: list[str], positions: list[int]
) -> None:
    packed = packing.of(values)
    assert len(packed) == len(values)
    assert list(packed) == values
    assert [packed[i] for i in range(len(values))] == values
    assert [packed[-i] for i in range(1, len(values) + 1)] == [values[-i] for i in range(1, len(values) + 1)]
    assert packed[1:4] == values[1:4] and packed[::-2] == values[::-2]
    positions = [p for p in positions if p < len(values)]
    assert packed.take(positions) == [values[p] for p in positions]
    again = packing.from_marshal(marshal.loads(marshal.dumps(packed.to_marshal())))
    assert again == packed and list(again) == values


@PACKINGS
def test_an_index_past_the_end_is_an_index_error(packing: type[PackedStrings]) -> None:
    packed = packing.of(["香港", "", "𠀋"])
    assert packed[1] == "" and packed[2] == "𠀋"
    with pytest.raises(IndexError):
        packed[3]
    with pytest.raises(IndexError):
        packed[-4]


@PACKINGS
def test_damaged_packed_strings_are_refused(packing: type[PackedStrings]) -> None:
    data, ends = packing.of(["香港", "重庆"]).to_marshal()
    with pytest.raises(ValueError):
        packing.from_marshal((data[:-4], ends))
    with pytest.raises(ValueError):
        packing.from_marshal((data + b"\x00", ends))
