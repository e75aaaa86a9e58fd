"""A paragraph laid out in terminal cells, remembering where each piece came from.

The reader shows a paragraph in one of three ways: plain, with pinyin above
each character, or with pinyin after each word. In every mode lines follow the
Chinese line-breaking rules of :mod:`tui.ruby_layout` (no line starts with
closing punctuation), and a syllable never leaves its character.

Each laid-out line keeps, for every unbreakable unit, where it sits in the
painted rows and which characters of the paragraph it shows. That lets the
reader colour syllables by tone and turn a mouse selection back into the exact
text of the paragraph (no pinyin, no line breaks), which notes anchor to.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from rich.cells import cell_len

from tui.ruby_layout import RubyCell, break_cells, centred, column_gap, ruby_cells

PinyinMode = Literal["off", "ruby", "inline"]
PINYIN_MODES: tuple[PinyinMode, ...] = ("off", "ruby", "inline")


@dataclass(frozen=True)
class Unit:
    """One unbreakable piece: what is painted, and the characters of the paragraph it stands for."""

    start: int  # offset of the first character in the paragraph
    end: int  # offset after the last character
    text: str  # painted on the text row
    syllables: tuple[str, ...] = ()  # ruby: the one syllable above; inline: the word's syllables
    reading: str | None = None  # inline: the word's pinyin, painted after the text
    cell: RubyCell = field(init=False, repr=False, compare=False)  # the column it takes, for line breaking

    def __post_init__(self) -> None:
        # Measured once here (in the worker that prepares the article), not at every layout.
        if self.reading is not None:
            shown = f"{self.text}({self.reading})"
            cell = RubyCell(shown, None, cell_len(shown))
        elif self.syllables and len(self.syllables) == 1 and len(self.text) == 1:
            syllable = self.syllables[0]
            cell = RubyCell(self.text, syllable, max(cell_len(self.text), cell_len(syllable)))
        else:
            cell = RubyCell(self.text, None, cell_len(self.text))
        object.__setattr__(self, "cell", cell)


@dataclass(frozen=True)
class PlacedUnit:
    """A unit on a laid-out line; row offsets are character (not cell) offsets."""

    unit: Unit
    text_start: int  # the unit's column block on the text row
    text_end: int
    chars_start: int  # where the unit's own characters begin on the text row (ruby centres them)
    reading_start: int  # inline: where the reading begins on the text row; ruby: the syllable on the pinyin row
    reading_end: int


@dataclass(frozen=True)
class LaidLine:
    """One line of a paragraph: the text row and, in ruby mode, the pinyin row above it."""

    text: str
    pinyin: str | None
    placed: tuple[PlacedUnit, ...]


def paragraph_units(
    text: str,
    mode: PinyinMode,
    syllables: Sequence[str | None] | None = None,
    words: Sequence[tuple[str, str | None]] | None = None,
) -> list[Unit]:
    """Cut a paragraph into units for ``mode``.

    ruby needs ``syllables`` (one per character, None for non-Han); inline
    needs ``words`` (segments with their joined reading, as from
    ``store.pinyin.pinyin_words``) and ``syllables`` to colour each syllable.
    """
    if mode == "ruby":
        return _units_from_cells(text, ruby_cells(text, syllables or [None] * len(text)), 0)
    if mode == "inline" and words is not None:
        units: list[Unit] = []
        position = 0
        for segment, reading in words:
            if reading is None:
                units += _units_from_cells(segment, ruby_cells(segment, [None] * len(segment)), position)
            else:
                word_syllables = tuple(s for s in (syllables or [])[position : position + len(segment)] if s)
                units.append(Unit(position, position + len(segment), segment, word_syllables, reading))
            position += len(segment)
        return units
    return _units_from_cells(text, ruby_cells(text, [None] * len(text)), 0)


def _units_from_cells(text: str, cells: Sequence[RubyCell], offset: int) -> list[Unit]:
    # ruby_cells consumes every character once, in order, so offsets add up.
    units = []
    position = offset
    for cell in cells:
        end = position + len(cell.text)
        units.append(Unit(position, end, cell.text, (cell.syllable,) if cell.syllable else ()))
        position = end
    return units


def break_units(units: Sequence[Unit], width: int) -> list[tuple[Unit, ...]]:
    """Units grouped into lines of at most ``width`` cells (a single over-wide unit gets its own line).

    Cheap: this is all a paragraph needs to know its height. Building the
    painted rows (:func:`place_line`) waits until the line is shown.
    """
    # break_cells returns the same cell objects it was given; map them back to units.
    unit_of = {id(unit.cell): unit for unit in units}
    return [tuple(unit_of[id(c)] for c in line) for line in break_cells([u.cell for u in units], width)]


def layout_units(units: Sequence[Unit], mode: PinyinMode, width: int) -> list[LaidLine]:
    """Every line of a paragraph, placed."""
    return [place_line(line, mode) for line in break_units(units, width)]


def place_line(units: Sequence[Unit], mode: PinyinMode) -> LaidLine:
    """The painted rows of one line, and where each unit sits in them."""
    top = ""
    bottom = ""
    placed = []
    for i, unit in enumerate(units):
        cell = unit.cell
        if i and mode == "ruby" and column_gap(units[i - 1].cell, cell):
            top += " "
            bottom += " "
        text_start = len(bottom)
        chars_start = text_start
        if mode == "ruby":
            shown, pad = centred(unit.text, cell.width)
            chars_start += pad
            above, left = centred(cell.syllable or "", cell.width)
            reading_start = len(top) + left
            reading_end = reading_start + len(cell.syllable or "")
            top += above
            bottom += shown
        else:
            bottom += cell.text
            reading_start = text_start + len(unit.text) + 1
            reading_end = reading_start + len(unit.reading or "")
        placed.append(PlacedUnit(unit, text_start, len(bottom), chars_start, reading_start, reading_end))
    return LaidLine(bottom.rstrip(), top.rstrip() if mode == "ruby" else None, tuple(placed))


def rows_of(lines: Sequence[LaidLine]) -> list[str]:
    """The painted rows, top to bottom (pinyin row above each text row in ruby mode)."""
    rows: list[str] = []
    for line in lines:
        if line.pinyin is not None:
            rows.append(line.pinyin)
        rows.append(line.text)
    return rows


def marked_columns(line: LaidLine, ranges: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Where the paragraph offsets ``ranges`` are painted on ``line``'s text row (character offsets).

    A marked run is continuous: between two of its characters the padding
    that centres them under their pinyin, or an inline reading, is covered
    too; before its first and after its last character nothing is.
    """
    columns: list[tuple[int, int]] = []
    last_end: int | None = None  # paragraph offset where the previous marked piece ended
    for placed in line.placed:
        unit = placed.unit
        for start, end in ranges:
            first, last = max(start, unit.start), min(end, unit.end)
            if first >= last:
                continue
            # A unit's text is its paragraph characters, one for one.
            column_start = placed.chars_start + first - unit.start
            column_end = min(placed.chars_start + last - unit.start, len(line.text))
            if column_start >= column_end:
                continue
            if columns and last_end == first:
                columns[-1] = (columns[-1][0], column_end)
            else:
                columns.append((column_start, column_end))
            last_end = last
    return columns


def selected_range(
    lines: Sequence[LaidLine], spans: Sequence[tuple[int, int] | None]
) -> tuple[int, int] | None:
    """The paragraph offsets covered by a selection.

    ``spans`` has one (start, end) character span per painted row (end -1 for
    "to the end of the row"), or None where the row is not selected. A unit
    counts as selected when the selection touches its column block.
    """
    start: int | None = None
    end: int | None = None
    row = 0
    for line in lines:
        row_spans = []
        if line.pinyin is not None:
            row_spans.append((spans[row] if row < len(spans) else None, True))
            row += 1
        row_spans.append((spans[row] if row < len(spans) else None, False))
        row += 1
        for span, on_pinyin_row in row_spans:
            if span is None:
                continue
            first, last = span
            for p in line.placed:
                block_start, block_end = (
                    (p.reading_start, p.reading_end) if on_pinyin_row else (p.text_start, p.text_end)
                )
                if block_end > first and (last == -1 or block_start < last):
                    start = p.unit.start if start is None else min(start, p.unit.start)
                    end = p.unit.end if end is None else max(end, p.unit.end)
    if start is None or end is None:
        return None
    return start, end
