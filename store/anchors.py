"""Finding a note's passage again in an article whose text may have changed.

A note is anchored to a paragraph and, optionally, to a passage inside it: the
passage's exact text (``quote``) plus up to :data:`CONTEXT_CHARS` characters
before (``prefix``) and after (``suffix``) it. A whole-paragraph note has no
quote; its prefix and suffix are the paragraph's first and last characters, a
fingerprint that finds the paragraph if others are inserted before it.

:func:`locate` never guesses: a passage whose exact text no longer occurs
anywhere is unanchored (``None``), and the caller keeps and shows the note.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

CONTEXT_CHARS = 16


@dataclass(frozen=True)
class Anchor:
    """Where a note was made. ``paragraph`` is 0-based."""

    paragraph: int
    quote: str | None = field(default=None, repr=False)
    prefix: str = field(default="", repr=False)
    suffix: str = field(default="", repr=False)


@dataclass(frozen=True)
class Location:
    """Where an anchor is now: ``paragraphs[paragraph][start:end]``."""

    paragraph: int
    start: int
    end: int


def anchor_paragraph(paragraphs: Sequence[str], paragraph: int) -> Anchor:
    """An anchor on the whole of ``paragraphs[paragraph]``.

    Raises IndexError if there is no such paragraph.
    """
    text = _paragraph(paragraphs, paragraph)
    return Anchor(paragraph, None, text[:CONTEXT_CHARS], text[-CONTEXT_CHARS:])


def anchor_span(paragraphs: Sequence[str], paragraph: int, start: int, end: int) -> Anchor:
    """An anchor on ``paragraphs[paragraph][start:end]`` (e.g. a mouse selection).

    Raises IndexError if the paragraph does not exist, ValueError if the span
    is empty or outside it.
    """
    text = _paragraph(paragraphs, paragraph)
    if not 0 <= start < end <= len(text):
        raise ValueError(f"span {start}:{end} is outside paragraph {paragraph} or empty")
    return Anchor(
        paragraph,
        text[start:end],
        text[max(0, start - CONTEXT_CHARS) : start],
        text[end : end + CONTEXT_CHARS],
    )


def anchor_quote(
    paragraphs: Sequence[str],
    paragraph: int,
    quote: str,
    fold: Callable[[str], str] | None = None,
) -> Anchor | None:
    """An anchor on the first occurrence of ``quote`` in ``paragraphs[paragraph]``.

    If the exact text is not there and ``fold`` is given (a length-keeping
    normalisation such as :func:`store.script.fold`), the folded quote is looked
    for in the folded paragraph, so a quote typed in simplified finds its
    traditional original; the anchor then holds the paragraph's own text.
    None if the paragraph does not contain it. Raises IndexError if the
    paragraph does not exist.
    """
    if not quote:
        raise ValueError("empty quote")
    text = _paragraph(paragraphs, paragraph)
    start = text.find(quote)
    if start < 0 and fold is not None:
        folded_text, folded_quote = fold(text), fold(quote)
        if len(folded_text) == len(text) and len(folded_quote) == len(quote):
            start = folded_text.find(folded_quote)
    if start < 0:
        return None
    return anchor_span(paragraphs, paragraph, start, start + len(quote))


def locate(anchor: Anchor, paragraphs: Sequence[str]) -> Location | None:
    """Where ``anchor`` is in ``paragraphs`` now, or None if it cannot be found.

    Every occurrence of the quote in every paragraph is a candidate. The one
    whose surroundings match the saved prefix and suffix best wins; among
    equals, the one nearest the saved paragraph, then the earliest. So an
    unchanged article gives the saved position, a repeated phrase is told
    apart by its context, and a paragraph that moved is followed.
    """
    if anchor.quote is None:
        return _locate_paragraph(anchor, paragraphs)
    best: tuple[int, int, int] | None = None
    found: Location | None = None
    for index, text in enumerate(paragraphs):
        start = text.find(anchor.quote)
        while start >= 0:
            end = start + len(anchor.quote)
            score = (
                _common_suffix(text[:start], anchor.prefix)
                + _common_prefix(text[end:], anchor.suffix),
                -abs(index - anchor.paragraph),
                -start,
            )
            if best is None or score > best:
                best, found = score, Location(index, start, end)
            start = text.find(anchor.quote, start + 1)
    return found


def _locate_paragraph(anchor: Anchor, paragraphs: Sequence[str]) -> Location | None:
    if not anchor.prefix and not anchor.suffix:
        # No fingerprint (an empty paragraph): trust the index if it still exists.
        if 0 <= anchor.paragraph < len(paragraphs):
            return Location(anchor.paragraph, 0, len(paragraphs[anchor.paragraph]))
        return None
    best: tuple[int, int] | None = None
    found: int | None = None
    for index, text in enumerate(paragraphs):
        matches = text.startswith(anchor.prefix) + text.endswith(anchor.suffix)
        if not matches:
            continue
        score = (matches, -abs(index - anchor.paragraph))
        if best is None or score > best:
            best, found = score, index
    if found is None:
        return None
    return Location(found, 0, len(paragraphs[found]))


def _paragraph(paragraphs: Sequence[str], paragraph: int) -> str:
    if not 0 <= paragraph < len(paragraphs):
        raise IndexError(f"paragraph {paragraph} does not exist ({len(paragraphs)} paragraphs)")
    return paragraphs[paragraph]


def _common_suffix(a: str, b: str) -> int:
    n = 0
    while n < len(a) and n < len(b) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < len(a) and n < len(b) and a[n] == b[n]:
        n += 1
    return n
