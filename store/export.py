"""Notes as Markdown for a notes vault (Obsidian, Logseq, plain files).

The document is YAML front matter, then per article a ``#`` heading, a
metadata line and its notes in reading order, then the notes whose passage can
no longer be found, each under its own ``###`` heading::

    ---
    title: 重庆造……
    date: 2024-04-18
    ...
    ---

    # 重庆造……

    2024-04-18 · 大公报 · 重庆, 香港 · 000\\_cd5ba6057e19a2ed

    ## Notes

    ### Paragraph 3 · 2026-11-23 19:00

    > 重庆造的新能源汽车

    ```text
    The note, exactly as written.
    ```

Encoding, so that parsing the Markdown gives everything back:

* The passage (or whole paragraph) is a ``> `` block quote in the chosen
  script, with a pinyin line as a second paragraph of the quote when asked.
  Characters Markdown or a vault would treat as markup (``* _ [ ] < > # | ~``
  and the like, or a list marker at the start of a line) are backslash-escaped,
  so the parsed text is the passage; whitespace at the ends of its lines is
  dropped, as Markdown itself does.
* The note text is a fenced code block with info string ``text``, fenced with
  more backticks than any run of backticks in the note. Its content minus the
  final newline is the note text, byte for byte, whatever it contains (lines
  starting with ``>``, ``#``, ``---``, fences of its own). Markdown parsers
  normalise ``\\r\\n`` and ``\\r`` to ``\\n`` and NUL to U+FFFD; nothing else
  is changed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any


from store.anchors import Location, locate
from store.annotations import Note
from store.article import Article
from store.display_script import DisplayScript, TraditionalForms, in_script
from store.pinyin import pinyin_words

ArticleNotes = tuple[Article, Sequence[Note]]
Shown = Callable[[str], str]  # text in the chosen script

NOTE_FENCE_INFO = "text"

# Markup characters in CommonMark, GFM and common vault syntax ($ math, %% comments,
# == highlights, ^ block references). Each is escaped wherever it appears.
_MARKUP = re.compile(r"([\\`*_\[\]<>&#|~$%=^])")
# Line starts that would open a list item or a setext underline.
_LIST_START = re.compile(r"^([-+])|^(\d+)([.)])", re.M)


def escape_inline(text: str) -> str:
    """``text`` as Markdown inline content that parses back to ``text``."""
    escaped = _MARKUP.sub(r"\\\1", text)
    return _LIST_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", escaped)


def fenced(text: str, info: str = NOTE_FENCE_INFO) -> str:
    """``text`` in a fenced code block whose content minus its final newline is ``text``."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{info}\n{text}\n{fence}"


@dataclass(frozen=True)
class PlacedNote:
    """A note and where its passage is now (None: no longer found)."""

    note: Note
    location: Location | None

    @property
    def is_passage(self) -> bool:
        return self.note.quote is not None


def reading_order(notes: Sequence[Note], paragraphs: Sequence[str]) -> tuple[list[PlacedNote], list[PlacedNote]]:
    """``notes`` found in ``paragraphs`` by position, and those no longer found, by saved paragraph.

    Ties keep the order of ``notes`` (a note saved first comes first).
    """
    placed = [PlacedNote(note, locate(note.anchor, paragraphs)) for note in notes]
    anchored = sorted(
        (p for p in placed if p.location is not None),
        key=lambda p: (p.location.paragraph, p.location.start, p.note.created),  # type: ignore[union-attr]
    )
    unanchored = sorted((p for p in placed if p.location is None), key=lambda p: (p.note.paragraph, p.note.created))
    return anchored, unanchored


def export_markdown(
    items: Sequence[ArticleNotes],
    *,
    script: DisplayScript = "original",
    pinyin: bool = False,
    exported_at: datetime,
    forms: TraditionalForms = "hk",
) -> str:
    """The Markdown document for ``items``: (article, its notes) pairs, in the order given.

    ``script`` converts titles, passages and region names (never note text);
    ``pinyin`` adds a pinyin line under each passage. Front matter for one
    article has title, date, source, regions, article_id, tags and exported;
    for several it has title, dates, sources, regions, article_ids, tags and
    exported. Notes are placed with :func:`store.anchors.locate` against the
    article's current paragraphs; those it cannot place are listed under
    "Unanchored notes", never dropped.
    """
    def shown(text: str) -> str:
        return in_script(text, script, forms)

    parts = [_front_matter(items, shown, exported_at)]
    for article, notes in items:
        parts.append(_article_section(article, notes, shown, pinyin))
    return "\n\n".join(parts) + "\n"


def _front_matter(items: Sequence[ArticleNotes], shown: Shown, exported_at: datetime) -> str:
    articles = [article for article, _ in items]
    tags = sorted({tag for _, notes in items for note in notes for tag in note.tags})
    regions = list(dict.fromkeys(shown(r.name) for a in articles for r in a.regions))
    meta: dict[str, Any]
    if len(articles) == 1:
        [article] = articles
        meta = {
            "title": shown(article.title),
            "date": article.date,
            "source": shown(article.source) if article.source else None,
            "regions": regions,
            "article_id": article.id,
        }
    else:
        meta = {
            "title": f"zhreader notes: {len(articles)} articles",
            "dates": [a.date for a in articles],
            "sources": list(dict.fromkeys(shown(a.source) for a in articles if a.source)),
            "regions": regions,
            "article_ids": [a.id for a in articles],
        }
    meta["tags"] = tags
    meta["exported"] = exported_at.isoformat(timespec="seconds")
    import yaml  # here, not at the top: the reader imports this module at start and rarely exports

    body = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=2**16)
    return f"---\n{body}---"


def _article_section(article: Article, notes: Sequence[Note], shown: Shown, pinyin: bool) -> str:
    about = [a for a in (
        article.date.isoformat() if article.date else None,
        shown(article.source) if article.source else None,
        ", ".join(shown(r.name) for r in article.regions) or None,
        article.id,
    ) if a]
    lines = [f"# {escape_inline(shown(article.title))}", escape_inline(" · ".join(about))]
    anchored, unanchored = reading_order(notes, article.paragraphs)
    if anchored:
        lines.append("## Notes")
        lines += [_note(p, article, shown, pinyin) for p in anchored]
    if unanchored:
        lines.append("## Unanchored notes")
        lines.append("The passages of these notes are no longer in the article; shown as saved.")
        lines += [_note(p, article, shown, pinyin) for p in unanchored]
    return "\n\n".join(lines)


def _note(placed: PlacedNote, article: Article, shown: Shown, pinyin: bool) -> str:
    note, where = placed.note, placed.location
    if where is not None:
        passage = article.paragraphs[where.paragraph][where.start : where.end]
        heading = f"Paragraph {where.paragraph + 1}"
    else:
        passage = note.quote if note.quote is not None else f"{note.prefix}…{note.suffix}"
        heading = f"Paragraph {note.paragraph + 1} (as saved)"
    heading += f" · {_when(note.created)}"
    if _when(note.updated) != _when(note.created):
        heading += f" (edited {_when(note.updated)})"
    blocks = [f"### {escape_inline(heading)}", _block_quote(shown(passage), pinyin)]
    blocks.append(fenced(note.text))
    if note.tags:
        blocks.append(escape_inline("Tags: " + ", ".join(note.tags)))
    return "\n\n".join(blocks)


def _when(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


def _block_quote(text: str, pinyin: bool) -> str:
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line] or ["…"]
    quoted = [f"> {escape_inline(line)}" for line in lines]
    if pinyin:
        reading = " ".join(_pinyin_line(line) for line in lines)
        quoted += [">", f"> {escape_inline(reading)}"]
    return "\n".join(quoted)


def _pinyin_line(text: str) -> str:
    """Pinyin words separated by spaces; non-Han text (numbers, Latin, punctuation) kept."""
    parts = []
    for segment, syllables in pinyin_words(text):
        part = syllables if syllables is not None else segment.strip()
        if part:
            parts.append(part)
    return " ".join(parts)
