"""The open article's notes as the reader shows them: placed in the text, in reading order, and marked.

Notes are found again with :func:`store.anchors.locate` against the article's
current paragraphs. Those it cannot place are kept apart as unanchored (shown
in the notes panel, never dropped). Offsets are into the article's original
paragraphs; script conversion keeps length, so they mark the shown text too
(where it does not, the whole paragraph is marked instead).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from store.anchors import Anchor, Location, anchor_paragraph, anchor_quote, anchor_span
from store.annotations import Note
from store.article import Article
from store.export import PlacedNote, reading_order
from store.script import fold


@dataclass(frozen=True)
class ParagraphMarks:
    """What to mark in one paragraph: whole-paragraph notes, and passages as (start, end) offsets."""

    paragraph_notes: int = 0
    passages: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class PlacedNotes:
    """One article's notes: anchored ones in reading order, then the unanchored ones."""

    article_id: str
    anchored: tuple[PlacedNote, ...] = ()
    unanchored: tuple[PlacedNote, ...] = ()

    def __len__(self) -> int:
        return len(self.anchored) + len(self.unanchored)

    def find(self, note_id: str) -> PlacedNote | None:
        return next((p for p in (*self.anchored, *self.unanchored) if p.note.id == note_id), None)

    def marks(self) -> dict[int, ParagraphMarks]:
        """Marks per paragraph index; overlapping passages are merged."""
        whole: dict[int, int] = {}
        passages: dict[int, list[tuple[int, int]]] = {}
        for placed in self.anchored:
            where = placed.location
            assert where is not None
            if placed.is_passage:
                passages.setdefault(where.paragraph, []).append((where.start, where.end))
            else:
                whole[where.paragraph] = whole.get(where.paragraph, 0) + 1
        return {
            index: ParagraphMarks(whole.get(index, 0), merge_ranges(passages.get(index, [])))
            for index in whole.keys() | passages.keys()
        }


def place_notes(article: Article, notes: Sequence[Note]) -> PlacedNotes:
    """``notes`` placed in ``article``: found ones by position (as the export orders them), then the rest."""
    anchored, unanchored = reading_order(notes, article.paragraphs)
    return PlacedNotes(article.id, tuple(anchored), tuple(unanchored))


def merge_ranges(ranges: Sequence[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Sorted, with overlapping or touching ranges joined."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)


def selection_anchor(paragraphs: Sequence[str], index: int, shown: str, start: int, end: int) -> Anchor:
    """The anchor for ``shown[start:end]``, a selection in paragraph ``index`` as displayed.

    The anchor holds the original paragraph's text. Conversion keeps length,
    so the offsets carry over; should it not have, the selected text is looked
    for script-insensitively, and failing that the note goes on the whole paragraph.
    """
    if len(shown) == len(paragraphs[index]):
        return anchor_span(paragraphs, index, start, end)
    found = anchor_quote(paragraphs, index, shown[start:end], fold=fold)
    return found if found is not None else anchor_paragraph(paragraphs, index)


def passage_parts(
    paragraphs: Sequence[str], anchor: Anchor, location: Location | None, context: int = 24
) -> tuple[str, str, str]:
    """(text before, the passage, text after) in the original script, for showing a note's passage.

    A whole-paragraph note's passage is the paragraph. A note whose passage
    is gone (``location`` None) shows what was saved with it.
    """
    if location is None:
        if anchor.quote is not None:
            return anchor.prefix, anchor.quote, anchor.suffix
        return "", f"{anchor.prefix}…{anchor.suffix}", ""
    text = paragraphs[location.paragraph]
    start, end = location.start, location.end
    before = ("…" if start > context else "") + text[max(0, start - context) : start]
    after = text[end : end + context] + ("…" if end + context < len(text) else "")
    return before, text[start:end], after


def first_line(text: str) -> str:
    """The first line of a note that has any text (notes may start with blank lines)."""
    return next((line.strip() for line in text.splitlines() if line.strip()), "")
