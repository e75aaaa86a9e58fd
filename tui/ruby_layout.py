"""Pinyin above the characters, laid out in terminal cells.

A paragraph becomes pairs of lines: a pinyin line and the text line under it.
Each Han character sits in a column as wide as its syllable, so the syllable
is always straight above its character, and a line is never broken between a
syllable and its character. Chinese line breaking applies: no line starts with
closing punctuation and none ends with opening punctuation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len

# Characters that may not begin a line (kinsoku shori, as used for Chinese).
NO_LINE_START = frozenset("，。、；：？！）」』》〉】〕〗’”…—·,.;:?!)]}%‰℃～~")
# Characters that may not end a line.
NO_LINE_END = frozenset("（「『《〈【〔〖‘“([{")


@dataclass(frozen=True)
class RubyCell:
    """One column: text (a Han character, or a run of other characters) and its syllable."""

    text: str
    syllable: str | None
    width: int

    @property
    def is_space(self) -> bool:
        return self.text.isspace()


def ruby_cells(text: str, syllables: Sequence[str | None]) -> list[RubyCell]:
    """Group a paragraph into columns.

    ``syllables`` has one entry per character (None where there is no pinyin).
    Runs of Latin letters or digits stay together so words are not split.
    """
    cells: list[RubyCell] = []
    run = ""
    for ch, syllable in zip(text, syllables):
        if syllable is None and ch.isascii() and ch.isalnum():
            run += ch
            continue
        if run:
            cells.append(RubyCell(run, None, cell_len(run)))
            run = ""
        if syllable is None:
            cells.append(RubyCell(ch, None, cell_len(ch)))
        else:
            cells.append(RubyCell(ch, syllable, max(cell_len(ch), cell_len(syllable))))
    if run:
        cells.append(RubyCell(run, None, cell_len(run)))
    return cells


def column_gap(left: RubyCell, right: RubyCell) -> int:
    """Space between columns: one cell between two syllables, so they never run together."""
    return 1 if left.syllable is not None and right.syllable is not None else 0


def break_cells(cells: Sequence[RubyCell], width: int) -> list[list[RubyCell]]:
    """Greedy line breaking with the Chinese rules; a single over-wide cell gets a line of its own."""
    width = max(width, 1)
    lines: list[list[RubyCell]] = []
    line: list[RubyCell] = []
    used = 0
    for cell in cells:
        if not line and cell.is_space:
            continue
        extra = cell.width + (column_gap(line[-1], cell) if line else 0)
        if line and used + extra > width:
            carry: list[RubyCell] = []
            # The new line may not start with closing punctuation: pull characters down with it.
            head = cell
            while len(line) > 1 and head.text[0] in NO_LINE_START:
                head = line.pop()
                carry.insert(0, head)
            # The old line may not end with opening punctuation.
            while len(line) > 1 and line[-1].text[-1] in NO_LINE_END:
                carry.insert(0, line.pop())
            while line and line[-1].is_space:
                line.pop()
            if line:
                lines.append(line)
            while carry and carry[0].is_space:
                carry.pop(0)
            line = carry
            used = _width(line)
            extra = cell.width + (column_gap(line[-1], cell) if line else 0)
            if not line and cell.is_space:
                continue
        line.append(cell)
        used += extra
    if line:
        lines.append(line)
    return lines


def _width(line: Sequence[RubyCell]) -> int:
    return sum(c.width for c in line) + sum(column_gap(a, b) for a, b in zip(line, line[1:]))


def centred(text: str, width: int) -> tuple[str, int]:
    """``text`` centred in ``width`` cells, and the number of spaces before it."""
    pad = max(width - cell_len(text), 0)
    left = pad // 2
    return " " * left + text + " " * (pad - left), left


def render_ruby_line(line: Sequence[RubyCell]) -> tuple[str, str]:
    """The pinyin row and the text row of one laid-out line, equal in cell width."""
    top: list[str] = []
    bottom: list[str] = []
    for i, cell in enumerate(line):
        if i and column_gap(line[i - 1], cell):
            top.append(" ")
            bottom.append(" ")
        top.append(centred(cell.syllable or "", cell.width)[0])
        bottom.append(centred(cell.text, cell.width)[0])
    return "".join(top).rstrip(), "".join(bottom).rstrip()


def layout_ruby(text: str, syllables: Sequence[str | None], width: int) -> list[tuple[str, str]]:
    """A paragraph as (pinyin row, text row) pairs that fit in ``width`` cells."""
    return [render_ruby_line(line) for line in break_cells(ruby_cells(text, syllables), width)]
