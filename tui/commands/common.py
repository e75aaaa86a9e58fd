"""What every command shares: options, library loading, errors, safe output."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
from pathlib import Path

from store.annotations import Annotations, default_data_dir
from store.article import Article
from store.dates import parse_user_date
from store.encoding import UnreadableArticle, decode_article_bytes
from store.gazetteer import find_province
from store.library import Library, LibraryError, bundled_library_path, load_library


class UsageError(Exception):
    """Bad usage or bad input: one line on stderr, exit 2."""


class CommandFailure(Exception):
    """A failure at run time: one line on stderr, exit 1."""


EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2

# Escape sequences and other control characters must never reach the terminal.
_UNSAFE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def terminal_safe(text: str) -> str:
    """Text with every escape sequence and control character (but newline and tab) removed."""
    return _UNSAFE.sub("", text)


def warn(message: str) -> None:
    """One line on stderr, prefixed with the program name."""
    print(f"zhreader: {terminal_safe(message)}", file=sys.stderr)


def add_library_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--library",
        metavar="DIR",
        # SUPPRESS: a subcommand's unset option must not hide the same option given before it.
        default=argparse.SUPPRESS,
        help="folder of article files (default: $ZHREADER_LIBRARY, else the bundled seeds)",
    )


def add_data_dir_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="where bookmarks, notes and settings live (default: $ZHREADER_DATA_DIR, else the user data folder)",
    )


def library_path(args: argparse.Namespace) -> Path:
    """--library, else $ZHREADER_LIBRARY, else the bundled seeds."""
    chosen = getattr(args, "library", None) or os.environ.get("ZHREADER_LIBRARY")
    if chosen:
        return Path(chosen).expanduser()
    try:
        return bundled_library_path()
    except LibraryError as exc:
        raise CommandFailure(str(exc)) from exc


def data_dir(args: argparse.Namespace) -> Path:
    """--data-dir, else $ZHREADER_DATA_DIR, else the platform's user data folder."""
    chosen = getattr(args, "data_dir", None)
    return Path(chosen).expanduser() if chosen else default_data_dir()


def open_library(args: argparse.Namespace) -> Library:
    """Load the chosen library; skipped files are reported one line each on stderr.

    While files are parsed (the first open of a library, or after many files
    changed) a progress bar is shown on stderr if it is a terminal; it is gone
    once the library is loaded.
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    bar: Progress | None = None

    def show_progress(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = Progress(
                TextColumn("Indexing the library"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            bar.add_task("index", total=total)
            bar.start()
        bar.update(bar.task_ids[0], completed=done, total=total)

    try:
        library = load_library(library_path(args), progress=show_progress if sys.stderr.isatty() else None)
    except LibraryError as exc:
        raise UsageError(str(exc)) from exc
    finally:
        if bar is not None:
            bar.stop()
    for warning in library.warnings:
        warn(str(warning))
    return library


def open_annotations(args: argparse.Namespace) -> Annotations:
    """The data file; a recovery from a damaged file is reported on stderr."""
    annotations = Annotations(data_dir(args))
    if annotations.recovery_message:
        warn(annotations.recovery_message)
    return annotations


def article_or_fail(library: Library, article_id: str) -> Article:
    """The article with this id, or a UsageError naming the id."""
    cleaned = article_id.strip().removesuffix(".txt").removesuffix(".md")
    article = library.get(cleaned)
    if article is None:
        raise UsageError(f"no article with id {terminal_safe(article_id)!r} in {library.root} (see `zhreader list`)")
    return article


def region_codes(values: list[str] | None) -> frozenset[str]:
    """Region codes for --region values given as code, English or Chinese name."""
    codes = set()
    for value in values or []:
        province = find_province(value)
        if province is None:
            raise UsageError(f"unknown region {terminal_safe(value)!r} (use a code such as CN-HK, or a name)")
        codes.add(province.code)
    return frozenset(codes)


def user_date(value: str | None, flag: str) -> dt.date | None:
    """A --since/--until value as a date, or a UsageError."""
    if value is None:
        return None
    try:
        return parse_user_date(value)
    except ValueError as exc:
        raise UsageError(f"{flag}: {exc}") from exc


def read_stdin_text() -> str:
    """Standard input as text: UTF-8, or GB18030/Big5 as detected; UsageError if it is not text."""
    data = sys.stdin.buffer.read()
    if not data.strip():
        return data.decode("utf-8", errors="replace")
    if b"\x00" in data:
        raise UsageError("standard input is binary, not text")
    try:
        return data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError:
        pass
    try:
        return decode_article_bytes(data).text
    except UnreadableArticle as exc:
        raise UsageError(f"standard input is not readable text: {exc}") from exc
