"""One paragraph of the reader, laid out by zhreader (not by Textual's wrapping).

Laying out the lines here is what keeps pinyin above its character and
closing punctuation off the start of a line. The widget reports its height
for a given width from the same layout, and maps a mouse selection back to
the paragraph's own text.
"""

from __future__ import annotations

from textual.content import Content, Span
from textual.geometry import Size
from textual.selection import Selection
from textual.widget import Widget

from store.pinyin import tone_number
from tui.article_notes import ParagraphMarks
from tui.article_render import TITLE_INDEX, RenderedParagraph
from tui.paragraph_layout import (
    LaidLine,
    PinyinMode,
    Unit,
    break_units,
    marked_columns,
    place_line,
    rows_of,
    selected_range,
)


# Styles of pinyin and tones, looked up on the widget given as ``styles_from``
# (the reader): component classes on every paragraph would make mounting a
# long article several times slower.
PINYIN_STYLE = "reader--pinyin"
READING_STYLE = "reader--reading"
TONE_STYLES = {tone: f"reader--tone-{tone}" for tone in range(1, 6)}
NOTE_STYLE = "reader--note"  # a passage that has a note
NOTED_CLASS = "-noted"  # a paragraph that has a whole-paragraph note: a mark in the margin
NO_MARKS = ParagraphMarks()


class ParagraphView(Widget):
    """A paragraph (or the title) in the reader's script and pinyin mode."""

    def __init__(
        self, paragraph: RenderedParagraph, mode: PinyinMode, tone_colours: bool, styles_from: Widget
    ) -> None:
        super().__init__(classes="title" if paragraph.index == TITLE_INDEX else None)
        self.styles_from = styles_from
        self.paragraph = paragraph
        self.mode: PinyinMode = mode
        self.tone_colours = tone_colours
        self.marks = NO_MARKS
        self._breaks: dict[int, list[tuple[Unit, ...]]] = {}
        self._layouts: dict[int, list[LaidLine]] = {}

    @property
    def index(self) -> int:
        """Position of this paragraph in the article (TITLE_INDEX for the title)."""
        return self.paragraph.index

    def update_paragraph(self, paragraph: RenderedParagraph, mode: PinyinMode, tone_colours: bool) -> None:
        """Show new text or a new mode; keeps the widget (and the reader's scroll position)."""
        if paragraph is self.paragraph and mode == self.mode and tone_colours == self.tone_colours:
            return
        layout_changed = paragraph is not self.paragraph or mode != self.mode
        self.paragraph = paragraph
        self.mode = mode
        self.tone_colours = tone_colours
        if layout_changed:
            self._breaks.clear()
            self._layouts.clear()
        self._mark_margin()
        self.refresh(layout=layout_changed)

    def set_marks(self, marks: ParagraphMarks) -> None:
        """Mark the passages that have notes, and the margin of a paragraph that has a note of its own."""
        if marks == self.marks:
            return
        self.marks = marks
        self._mark_margin()
        self.refresh()

    def _passages(self) -> tuple[tuple[int, int], ...]:
        """Passages to underline: offsets into the original text hold for the shown text when lengths agree."""
        if len(self.paragraph.shown) != len(self.paragraph.original):
            return ()
        return self.marks.passages

    def _mark_margin(self) -> None:
        # Where conversion changed the length (rare), the margin mark stands in for the underline.
        unplaceable = bool(self.marks.passages) and not self._passages()
        self.set_class(bool(self.marks.paragraph_notes) or unplaceable, NOTED_CLASS)

    def _line_units(self, width: int) -> list[tuple[Unit, ...]]:
        """Units per line at ``width`` cells: enough to know the height (cached per width)."""
        width = max(width, 4)
        found = self._breaks.get(width)
        if found is None:
            if len(self._breaks) > 4:
                self._breaks.clear()
            found = self._breaks[width] = break_units(self.paragraph.units, width)
        return found

    def lines(self, width: int) -> list[LaidLine]:
        """The placed lines at ``width`` cells, built only when painted or selected (cached per width)."""
        width = max(width, 4)
        found = self._layouts.get(width)
        if found is None:
            if len(self._layouts) > 4:
                self._layouts.clear()
            found = self._layouts[width] = [place_line(line, self.mode) for line in self._line_units(width)]
        return found

    def rows(self) -> list[str]:
        """The rows as painted at the current width (pinyin rows included)."""
        return rows_of(self.lines(self.content_size.width))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        rows_per_line = 2 if self.mode == "ruby" else 1
        return max(len(self._line_units(width)) * rows_per_line, 1)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return container.width

    def render(self) -> Content:
        lines = self.lines(self.content_size.width)
        text_parts: list[str] = []
        spans: list[Span] = []
        position = 0
        reading_style = self.styles_from.get_visual_style(READING_STYLE, partial=True)
        pinyin_style = self.styles_from.get_visual_style(PINYIN_STYLE, partial=True)
        passages = self._passages()
        # Not partial: a partial style drops an opaque background, and the mark is one.
        note_style = self.styles_from.get_visual_style(NOTE_STYLE) if passages else None
        for line in lines:
            if line.pinyin is not None:
                text_parts.append(line.pinyin)
                if line.pinyin:
                    spans.append(Span(position, position + len(line.pinyin), pinyin_style))
                if self.tone_colours:
                    spans += self._tone_spans(line, position, on_pinyin_row=True)
                position += len(line.pinyin) + 1
            text_parts.append(line.text)
            for placed in line.placed:
                if placed.unit.reading:
                    spans.append(Span(position + placed.reading_start - 1, position + placed.reading_end + 1, reading_style))
            if self.tone_colours:
                spans += self._tone_spans(line, position, on_pinyin_row=False)
            if note_style is not None:
                spans += [Span(position + a, position + b, note_style) for a, b in marked_columns(line, passages)]
            position += len(line.text) + 1
        return Content("\n".join(text_parts), spans=spans)

    def _tone_spans(self, line: LaidLine, position: int, on_pinyin_row: bool) -> list[Span]:
        """Colour each syllable by its tone: on the pinyin row (ruby) or inside the reading (inline)."""
        spans = []
        for placed in line.placed:
            unit = placed.unit
            if on_pinyin_row and unit.syllables:
                style = self.styles_from.get_visual_style(TONE_STYLES[tone_number(unit.syllables[0])], partial=True)
                spans.append(Span(position + placed.reading_start, position + placed.reading_end, style))
            elif not on_pinyin_row and unit.reading:
                # The reading joins the syllables (with apostrophes between some); find each in turn.
                cursor = 0
                for syllable in unit.syllables:
                    found = unit.reading.find(syllable, cursor)
                    if found < 0:
                        break
                    start = position + placed.reading_start + found
                    style = self.styles_from.get_visual_style(TONE_STYLES[tone_number(syllable)], partial=True)
                    spans.append(Span(start, start + len(syllable), style))
                    cursor = found + len(syllable)
        return spans

    def selected_span(self) -> tuple[int, int] | None:
        """Offsets into the shown paragraph text of the mouse selection in this widget, if any."""
        selection = self.text_selection
        if selection is None:
            return None
        rows = self.rows()
        return selected_range(self.lines(self.content_size.width), [selection.get_span(y) for y in range(len(rows))])

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The selected text of the paragraph itself: no pinyin, no line breaks of the layout."""
        rows = self.rows()
        found = selected_range(self.lines(self.content_size.width), [selection.get_span(y) for y in range(len(rows))])
        if found is None:
            return None
        start, end = found
        return self.paragraph.shown[start:end], "\n"
