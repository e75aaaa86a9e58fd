"""The files of a library folder: which they are, their sizes and times, and reading one."""

from __future__ import annotations

import marshal
import os
import subprocess
from array import array
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from store.article import Article
from store.encoding import UnreadableArticle
from store.folder_scan import ARTICLE_SUFFIXES, open_folder, scan_files, scan_subfolders
from store.python_processes import module_command

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
    # With strings where the path starts with the root, as every file found below it does:
    # pathlib's relative_to and with_suffix took 3 % of parsing an article.
    text, prefix = str(path), os.path.join(str(root), "")
    if not text.startswith(prefix):
        return path.relative_to(root).with_suffix("").as_posix()
    relpath = os.path.splitext(text[len(prefix):])[0]
    return relpath if os.sep == "/" else relpath.replace(os.sep, "/")


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

    def extend(self, other: FileListing) -> None:
        """Append ``other``'s files after these."""
        self.relpaths += other.relpaths
        self.sizes.extend(other.sizes)
        self.mtimes.extend(other.mtimes)

    def same_as(self, other: FileListing) -> bool:
        return self.relpaths == other.relpaths and self.sizes == other.sizes and self.mtimes == other.mtimes

    def to_marshal(self) -> bytes:
        """The listing as one bytes object, for `from_marshal`."""
        return marshal.dumps((self.relpaths, self.sizes.tobytes(), self.mtimes.tobytes()))

    @classmethod
    def from_marshal(cls, data: bytes) -> FileListing:
        """The listing that `to_marshal` gave ``data``, decoded when it is first read.

        The index cache keeps its listing so: a warm start shows the library
        from the cache before it looks at the files, and decoding 100,000
        paths took 10 ms of the interpreter from that start.
        """
        listing = object.__new__(cls)
        listing._marshalled = data
        return listing

    def __getattr__(self, name: str) -> Any:
        # Reached only for an attribute not set: the columns of a listing from `from_marshal`.
        data = self.__dict__.get("_marshalled")
        if data is None or name not in _COLUMNS:
            raise AttributeError(name)
        relpaths, sizes, mtimes = marshal.loads(data)
        self.relpaths, self.sizes, self.mtimes = relpaths, array("q", sizes), array("q", mtimes)
        self.__dict__.pop("_marshalled", None)  # not del: two threads may decode it at once
        return self.__dict__[name]


_COLUMNS = frozenset(f.name for f in fields(FileListing))


def scan_article_files(root: Path) -> FileListing:
    """The files `article_files` lists, in the same order, with their sizes and modification times.

    Written with scandir on directory descriptors because a warm open stats
    every file of the library, and that is most of its cost at 100,000 files.
    A large library's later top-level folders are scanned by a helper process
    at the same time (store.folder_scan). Raises OSError if ``root`` itself
    cannot be read; unreadable subfolders and files that vanish while scanning
    are left out.
    """
    found = FileListing()
    top = open_folder(root)
    try:
        folders = scan_files(top, "", found, raise_errors=True)
        scan_subfolders(top, folders[:1], "", found)
        half = max(1, len(folders) // 2)  # the first half is ours (the first folder is scanned)
        ours, theirs = folders[1:half], folders[half:]
        # Only when the first folder shows the library is large: a helper takes some 20 ms to start.
        helper = _start_scan_helper(root, theirs) if len(found) >= HELPER_MIN_FILES else None
        scan_subfolders(top, ours if helper is not None else ours + theirs, "", found)
        if helper is not None:
            helped = _scan_helper_result(helper)
            if helped is None:  # the helper failed: its folders are scanned here
                helped = FileListing()
                scan_subfolders(top, theirs, "", helped)
            found.extend(helped)
    finally:
        os.close(top)
    return found


HELPER_MIN_FILES = 2000  # files in the root and its first folder from which a helper scans half the rest


def _start_scan_helper(root: Path, folders: list[str]) -> subprocess.Popen[bytes] | None:
    if len(folders) < 2:
        return None
    command, env = module_command("store.folder_scan", os.fspath(root), *folders, site=False)
    try:
        return subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    except (OSError, ValueError):  # no processes here, or names the command line cannot hold
        return None


def _scan_helper_result(helper: subprocess.Popen[bytes]) -> FileListing | None:
    """What the helper found, or None if it failed."""
    output, _ = helper.communicate()
    if helper.returncode != 0:
        return None
    try:
        relpaths, sizes, mtimes = marshal.loads(output)
        listing = FileListing(relpaths, array("q", sizes), array("q", mtimes))
    except (EOFError, ValueError, TypeError):
        return None
    if not (len(listing.relpaths) == len(listing.sizes) == len(listing.mtimes)):
        return None
    return listing


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
    from store.parse import parse_split_article

    try:
        with open(path, "rb") as file:
            size = os.fstat(file.fileno()).st_size
            if size > MAX_ARTICLE_BYTES:
                raise UnreadableArticle(f"too large for an article ({size // 1024 // 1024} MB)")
            data = file.read()
    except OSError as exc:
        raise UnreadableArticle(exc.strerror or "cannot be read") from exc
    decoded = decode_article_bytes(data)
    front, rest = split_front_matter(decoded.text)
    if front is not None and front.problem:
        raise UnreadableArticle(front.problem)
    if not rest.strip() and (front is None or not front.title):
        raise UnreadableArticle("no article text")
    article_id = article_id_for(path, root)
    article = parse_split_article(
        front, rest, article_id=article_id, path=str(path), encoding=decoded.encoding,
        path_year=year_in_path(article_id),
    )
    if not article.title and not article.paragraphs:
        raise UnreadableArticle("no article text")  # only a date, a masthead or boilerplate
    return article
