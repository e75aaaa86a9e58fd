"""The files of a library folder: which they are, their sizes and times, and reading one."""

from __future__ import annotations

import os
from array import array
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path

from store.article import Article
from store.encoding import UnreadableArticle

ARTICLE_SUFFIXES = (".txt", ".md")
MAX_ARTICLE_BYTES = 8 * 1024 * 1024  # larger files are not news articles


@dataclass(frozen=True)
class LoadWarning:
    """A file that was skipped, and why."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"skipped {self.path}: {self.reason}"


def article_id_for(path: Path, root: Path) -> str:
    """The id of an article: its path relative to the library root, no extension, '/'-separated."""
    return path.relative_to(root).with_suffix("").as_posix()


def _is_article_name(name: str) -> bool:
    return not name.startswith(".") and name.lower().endswith(ARTICLE_SUFFIXES)


def article_files(root: Path) -> list[Path]:
    """Every .txt and .md file below root, sorted, skipping hidden files and folders."""
    found: list[Path] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(Path(folder) / name for name in sorted(files) if _is_article_name(name))
    return found


@dataclass
class FileListing:
    """The article files of a folder, in `article_files` order: paths below it with sizes and times.

    Three parallel columns rather than a tuple per file: comparing two listings
    (has anything changed since the last open?) is then three comparisons in C.
    """

    relpaths: list[str] = field(default_factory=list)  # below the root, "/"-separated
    sizes: array = field(default_factory=lambda: array("q"))  # bytes; -1 when the file cannot be stat'ed
    mtimes: array = field(default_factory=lambda: array("q"))  # ns

    def __len__(self) -> int:
        return len(self.relpaths)

    def same_as(self, other: FileListing) -> bool:
        return self.relpaths == other.relpaths and self.sizes == other.sizes and self.mtimes == other.mtimes


def scan_article_files(root: Path) -> FileListing:
    """The files `article_files` lists, in the same order, with their sizes and modification times.

    Written with scandir on directory descriptors because a warm open stats
    every file of the library, and that is most of its cost at 100,000 files.
    Raises OSError if ``root`` itself cannot be read; unreadable subfolders and
    files that vanish while scanning are left out.
    """
    found = FileListing()
    top = os.open(root, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        _scan_folder(top, "", found, raise_errors=True)
    finally:
        os.close(top)
    return found


_NAME = attrgetter("name")


def _scan_folder(fd: int, prefix: str, found: FileListing, raise_errors: bool = False) -> None:
    try:
        with os.scandir(fd) as listing:
            entries = sorted(listing, key=_NAME)
    except OSError:
        if raise_errors:
            raise
        return
    folders: list[str] = []
    add_path, add_size, add_mtime = found.relpaths.append, found.sizes.append, found.mtimes.append
    for entry in entries:
        name = entry.name
        if name[0] == ".":
            continue
        try:
            if entry.is_dir():
                # Like os.walk: a link to a folder is not followed, and is no file either.
                if not entry.is_symlink():
                    folders.append(name)
                continue
        except OSError:
            continue
        if name.lower().endswith(ARTICLE_SUFFIXES):
            try:
                stat = entry.stat()
                size, mtime = stat.st_size, stat.st_mtime_ns
            except OSError:
                size = mtime = -1  # a broken link: reading it gives the warning
            add_path(prefix + name)
            add_size(size)
            add_mtime(mtime)
    # os.walk lists a folder's files before descending into its subfolders.
    for name in folders:
        try:
            sub = os.open(name, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0), dir_fd=fd)
        except OSError:
            continue
        try:
            _scan_folder(sub, f"{prefix}{name}/", found)
        finally:
            os.close(sub)


def warm_up_parser() -> None:
    """Import the parser and run it once on a short page, so that reading the first article does not pay for it.

    A library opened from its cache has not needed the parser yet; its first
    use costs about a tenth of a second (imports, tables, regular expressions),
    and the first file not in UTF-8 the table that tells Big5 from GB18030.
    """
    from store.encoding import decode_article_bytes
    from store.parse import parse_article

    page = "重慶企業赴港參展\n2024-04-18 來源:重慶日報\n重慶與香港合作。"
    parse_article(decode_article_bytes(page.encode("big5")).text, article_id="warm-up")


def read_article(path: Path, root: Path) -> Article:
    """Read and parse one file. Raises UnreadableArticle with a short reason."""
    # Imported here: the parser pulls in pypinyin and the region tables, which
    # a library opened from its index cache never needs.
    from store.dates import year_in_path
    from store.encoding import decode_article_bytes
    from store.frontmatter import split_front_matter
    from store.parse import parse_article

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
    article_id = article_id_for(path, root)
    article = parse_article(
        decoded.text, article_id=article_id, path=str(path), encoding=decoded.encoding,
        path_year=year_in_path(article_id),
    )
    if not article.title and not article.paragraphs:
        raise UnreadableArticle("no article text")  # only a date, a masthead or boilerplate
    return article
