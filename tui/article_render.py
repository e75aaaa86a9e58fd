"""An article prepared for painting in one view mode: converted, with pinyin, cut into units.

Conversion and pinyin are the slow part of showing an article (tens of
milliseconds per thousand characters), so this runs in a worker thread and
its results are cached per (article, script, forms, pinyin, tone style). Line
breaking depends on the width and is done later, per paragraph, by the widget.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from store.article import Article
from store.display_script import DisplayScript, TraditionalForms, in_script
from store.pinyin import han_syllables, pinyin_words
from tui.paragraph_layout import PinyinMode, Unit, paragraph_units
from tui.safe_text import displayable
from tui.view_settings import ViewSettings

TITLE_INDEX = -1  # the title is laid out like a paragraph, numbered before the first
# A first screenful of text (see `screenful`): shown before the rest of a long article is ready.
FIRST_SCREEN_CHARS = 800
# The fewest cells a character takes on a line, and the rows a line takes, in each pinyin mode:
# 的 alone, 的(de), and a one-letter syllable centred over 的.
_CELLS_AND_ROWS: dict[str, tuple[int, int]] = {"off": (2, 1), "inline": (5, 1), "ruby": (3, 2)}


@dataclass(frozen=True)
class RenderedParagraph:
    """One paragraph (or the title) ready for layout."""

    index: int  # position in Article.paragraphs, or TITLE_INDEX
    original: str  # as in the article
    shown: str  # in the chosen script, safe to paint
    units: tuple[Unit, ...]


@dataclass(frozen=True)
class RenderedArticle:
    """Title, metadata and paragraphs of one article in one view mode."""

    article_id: str
    key: tuple[object, ...]
    title: RenderedParagraph
    paragraphs: tuple[RenderedParagraph, ...]
    source: str | None
    authors: tuple[str, ...]
    editors: tuple[str, ...]
    regions: tuple[str, ...]
    complete: bool = True  # False while only the first paragraphs are rendered


def render_key(article: Article, view: ViewSettings) -> tuple[object, ...]:
    """What a rendering depends on (tone colours do not change the text, only its styles)."""
    forms = view.forms if view.script == "traditional" else None
    tones = view.tones if view.pinyin != "off" else None
    return (article.id, view.script, forms, view.pinyin, tones)


def shown_text(text: str, script: DisplayScript, forms: TraditionalForms) -> str:
    """``text`` in the chosen script, with control characters made visible."""
    return displayable(in_script(text, script, forms))


@lru_cache(maxsize=8192)
def shown_title(title: str, script: DisplayScript, forms: TraditionalForms) -> str:
    """A title for the article list; cached because the list repaints often."""
    return shown_text(title, script, forms)


def render_paragraph(index: int, original: str, view: ViewSettings) -> RenderedParagraph:
    """One paragraph converted, read and cut into units."""
    shown = shown_text(original, view.script, view.forms)
    mode: PinyinMode = view.pinyin
    syllables = han_syllables(shown, view.tones) if mode != "off" else None
    words = pinyin_words(shown, view.tones) if mode == "inline" else None
    return RenderedParagraph(index, original, shown, tuple(paragraph_units(shown, mode, syllables, words)))


def screenful(width: int, height: int, pinyin: PinyinMode) -> int:
    """How many characters can fill a reader of ``width`` x ``height`` cells in a pinyin mode (an upper bound)."""
    cells, rows = _CELLS_AND_ROWS[pinyin]
    return (width // cells) * (height // rows) if width > 0 and height > 0 else FIRST_SCREEN_CHARS


def render_article(
    article: Article,
    view: ViewSettings,
    first_screen: Callable[[RenderedArticle], None] | None = None,
    first_screen_chars: int = FIRST_SCREEN_CHARS,
) -> RenderedArticle:
    """Convert and read one article in ``view``'s mode (slow for long articles: call off the UI thread).

    ``first_screen``, if given, receives an incomplete rendering as soon as
    ``first_screen_chars`` characters of paragraphs are ready, when the article is longer than that.
    """

    def people(names: list[str]) -> tuple[str, ...]:
        return tuple(shown_text(name, view.script, view.forms) for name in names)

    def assemble(paragraphs: list[RenderedParagraph], complete: bool) -> RenderedArticle:
        return RenderedArticle(
            article_id=article.id,
            key=render_key(article, view),
            title=title,
            paragraphs=tuple(paragraphs),
            source=shown_text(article.source, view.script, view.forms) if article.source else None,
            authors=people(article.authors),
            editors=people(article.editors),
            regions=tuple(shown_text(r.name, view.script, view.forms) for r in article.regions),
            complete=complete,
        )

    title = render_paragraph(TITLE_INDEX, article.title, view)
    paragraphs: list[RenderedParagraph] = []
    characters = 0
    for index, text in enumerate(article.paragraphs):
        paragraphs.append(render_paragraph(index, text, view))
        characters += len(text)
        if first_screen is not None and characters >= first_screen_chars and index + 1 < len(article.paragraphs):
            first_screen(assemble(paragraphs, complete=False))
            first_screen = None
    return assemble(paragraphs, complete=True)


def warm_up(view: ViewSettings) -> None:
    """Load the dictionaries a first article needs, so that opening it does not wait for them.

    OpenCC's tables in both directions and pypinyin's take about a quarter of a
    second to load; jieba's (pinyin after each word) about a second, so it is
    loaded only when that is the current mode.
    """
    sample = "重慶與香港合作"
    for script in ("simplified", "traditional"):
        in_script(sample, script, view.forms)
    han_syllables(sample, view.tones)
    if view.pinyin == "inline":
        pinyin_words(sample, view.tones)


class RenderCache:
    """The last few rendered articles, shared by the UI thread and workers."""

    def __init__(self, size: int = 24) -> None:
        self._size = size
        self._items: OrderedDict[tuple[object, ...], RenderedArticle] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, article: Article, view: ViewSettings) -> RenderedArticle | None:
        key = render_key(article, view)
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def render(
        self,
        article: Article,
        view: ViewSettings,
        first_screen: Callable[[RenderedArticle], None] | None = None,
        first_screen_chars: int = FIRST_SCREEN_CHARS,
    ) -> RenderedArticle:
        """The cached rendering, or a new one (computed outside the lock)."""
        found = self.get(article, view)
        if found is not None:
            return found
        rendered = render_article(article, view, first_screen, first_screen_chars)
        with self._lock:
            self._items[rendered.key] = rendered
            self._items.move_to_end(rendered.key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return rendered
