"""A library: a folder of article files, loaded into Articles and queried."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from store.article import Article
from store.encoding import UnreadableArticle, decode_article_bytes
from store.frontmatter import split_front_matter
from store.parse import parse_article
from store.script import fold

ARTICLE_SUFFIXES = (".txt", ".md")
MAX_ARTICLE_BYTES = 8 * 1024 * 1024  # larger files are not news articles

ProgressCallback = Callable[[int, int], None]


class LibraryError(Exception):
    """The library folder itself cannot be used (missing, not a folder, unreadable)."""


@dataclass(frozen=True)
class LoadWarning:
    """A file that was skipped, and why."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"skipped {self.path}: {self.reason}"


def bundled_library_path() -> Path:
    """The seeds shipped with zhreader: inside the wheel, or beside the source tree."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "seeds", here.parent / "seeds"):
        if candidate.is_dir():
            return candidate
    raise LibraryError("the bundled library is missing from this installation")


def article_id_for(path: Path, root: Path) -> str:
    """The id of an article: its path relative to the library root, no extension, '/'-separated."""
    return path.relative_to(root).with_suffix("").as_posix()


def article_files(root: Path) -> list[Path]:
    """Every .txt and .md file below root, sorted, skipping hidden files and folders."""
    found: list[Path] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(
            Path(folder) / name
            for name in sorted(files)
            if name.lower().endswith(ARTICLE_SUFFIXES) and not name.startswith(".")
        )
    return found


def read_article(path: Path, root: Path) -> Article:
    """Read and parse one file. Raises UnreadableArticle with a short reason."""
    try:
        size = path.stat().st_size
        if size > MAX_ARTICLE_BYTES:
            raise UnreadableArticle(f"too large for an article ({size // 1024 // 1024} MB)")
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableArticle(exc.strerror or "cannot be read") from exc
    decoded = decode_article_bytes(data)
    front, rest = split_front_matter(decoded.text)
    if front is not None and front.problem:
        raise UnreadableArticle(front.problem)
    if not rest.strip() and (front is None or not front.title):
        raise UnreadableArticle("no article text")
    return parse_article(
        decoded.text, article_id=article_id_for(path, root), path=str(path), encoding=decoded.encoding
    )


def sort_newest_first(articles: Iterable[Article]) -> list[Article]:
    """Newest first; undated articles last; ties by id for a stable order."""
    by_id = sorted(articles, key=lambda a: a.id)
    dated = sorted((a for a in by_id if a.date), key=lambda a: (a.date, a.time or ""), reverse=True)
    return dated + [a for a in by_id if not a.date]


@dataclass
class Library:
    """The loaded articles of one folder, newest first, plus what was skipped."""

    root: Path
    articles: list[Article]
    warnings: list[LoadWarning] = field(default_factory=list)
    _by_id: dict[str, Article] = field(default_factory=dict, repr=False)
    _folded: dict[str, str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._by_id = {a.id: a for a in self.articles}

    def get(self, article_id: str) -> Article | None:
        return self._by_id.get(article_id)

    def search_text(self, article: Article) -> str:
        """Title, people, source and body folded to simplified, for script-insensitive search."""
        folded = self._folded.get(article.id)
        if folded is None:
            parts = [article.title, article.source or "", *article.authors, *article.paragraphs]
            folded = fold("\n".join(parts)).casefold()
            self._folded[article.id] = folded
        return folded


def load_library(root: Path, progress: ProgressCallback | None = None) -> Library:
    """Load every article file below ``root``.

    Unreadable files become LoadWarnings; the rest of the library still loads.
    Raises LibraryError if ``root`` is not a readable folder.
    """
    root = Path(root).expanduser()
    if not root.exists():
        raise LibraryError(f"library folder not found: {root}")
    if not root.is_dir():
        raise LibraryError(f"library is not a folder: {root}")
    try:
        files = article_files(root)
    except OSError as exc:
        raise LibraryError(f"cannot read library folder {root}: {exc.strerror}") from exc
    articles: list[Article] = []
    warnings: list[LoadWarning] = []
    for done, path in enumerate(files, start=1):
        try:
            articles.append(read_article(path, root))
        except UnreadableArticle as exc:
            warnings.append(LoadWarning(str(path), str(exc)))
        if progress is not None:
            progress(done, len(files))
    return Library(root=root, articles=sort_newest_first(articles), warnings=warnings)


@dataclass(frozen=True)
class ArticleQuery:
    """What the reader wants to see. Empty fields do not filter."""

    regions: frozenset[str] = frozenset()  # region codes; an article matches if it has any
    since: dt.date | None = None
    until: dt.date | None = None
    text: str = ""
    only_ids: frozenset[str] | None = None  # e.g. the bookmarked articles

    def is_empty(self) -> bool:
        return not (self.regions or self.since or self.until or self.text.strip() or self.only_ids is not None)


def matches_dates(article: Article, since: dt.date | None, until: dt.date | None) -> bool:
    """True when the article's date (or date range) overlaps [since, until], both inclusive."""
    if since is None and until is None:
        return True
    if article.date is None:
        return False
    end = article.date_end or article.date
    return (since is None or end >= since) and (until is None or article.date <= until)


def query_articles(library: Library, query: ArticleQuery, articles: Sequence[Article] | None = None) -> list[Article]:
    """The articles matching every filter of ``query``, in the library's order."""
    pool = library.articles if articles is None else articles
    needle = fold(query.text.strip()).casefold()
    result = []
    for article in pool:
        if query.only_ids is not None and article.id not in query.only_ids:
            continue
        if query.regions and not any(r.code in query.regions for r in article.regions):
            continue
        if not matches_dates(article, query.since, query.until):
            continue
        if needle and needle not in library.search_text(article):
            continue
        result.append(article)
    return result
