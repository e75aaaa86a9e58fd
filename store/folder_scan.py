"""Listing a folder's article files with their sizes and modification times.

Also a helper process, ``python -m store.folder_scan ROOT NAME...``, that
lists the named subfolders of ROOT and writes the result to its standard
output (marshal: paths below ROOT, then sizes and times as int64 bytes).
A scan is mostly the kernel's work on one ``stat`` per file; Python threads
would only take turns at it, while a second process scans at the same time
(store.article_files hands it half of a large library). This module imports
nothing else of zhreader, so the helper starts in a few milliseconds.
"""

from __future__ import annotations

import marshal
import os
import sys
from array import array
from operator import attrgetter
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the helper process does not import typing's Protocol machinery
    from typing import Protocol

    class FileColumns(Protocol):
        """Where a scan puts what it finds: paths below the root, sizes, modification times (ns)."""

        relpaths: list[str]
        sizes: array
        mtimes: array

ARTICLE_SUFFIXES = (".txt", ".md")

_NAME = attrgetter("name")
_OPEN_FOLDER = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)


class _Columns:
    def __init__(self) -> None:
        self.relpaths: list[str] = []
        self.sizes = array("q")
        self.mtimes = array("q")


def open_folder(name: str | os.PathLike[str], parent: int | None = None) -> int:
    """A descriptor of the folder ``name`` (below the folder descriptor ``parent``, if given)."""
    return os.open(name, _OPEN_FOLDER, dir_fd=parent)


def scan_files(fd: int, prefix: str, found: FileColumns, raise_errors: bool = False) -> list[str]:
    """Add the article files of the folder ``fd`` to ``found``; return its subfolders' names, in order.

    As os.walk lists them: names in order, a link to a folder is not followed
    (and is no file either), a file that cannot be stat'ed has size and time -1.
    Raises OSError if the folder cannot be read and ``raise_errors``.
    """
    try:
        with os.scandir(fd) as listing:
            entries = sorted(listing, key=_NAME)
    except OSError:
        if raise_errors:
            raise
        return []
    folders: list[str] = []
    add_path, add_size, add_mtime = found.relpaths.append, found.sizes.append, found.mtimes.append
    for entry in entries:
        name = entry.name
        if name[0] == ".":
            continue
        try:
            if entry.is_dir():
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
    return folders


def scan_subfolders(fd: int, names: list[str], prefix: str, found: FileColumns) -> None:
    """Add the files of each named subfolder of ``fd``, all the way down, in os.walk's order."""
    for name in names:
        try:
            sub = open_folder(name, fd)
        except OSError:
            continue  # unreadable or gone: left out
        try:
            folders = scan_files(sub, f"{prefix}{name}/", found)
            scan_subfolders(sub, folders, f"{prefix}{name}/", found)
        finally:
            os.close(sub)


def main(argv: list[str]) -> int:
    """The helper process: list the subfolders ``argv[1:]`` of the folder ``argv[0]``."""
    root, *names = argv
    found = _Columns()
    top = open_folder(root)
    try:
        scan_subfolders(top, names, "", found)
    finally:
        os.close(top)
    sys.stdout.buffer.write(marshal.dumps((found.relpaths, found.sizes.tobytes(), found.mtimes.tobytes())))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
