"""Script-insensitive full-text search over a library, kept on disk in SQLite FTS5.

What is searched: an article's title, source, authors and clean paragraphs,
folded to simplified characters (`store.script.fold`) and case-folded, so a
simplified query finds traditional text and the reverse. A query matches when
its folded form occurs anywhere in that text, exactly as ``needle in text``
would say: any length, any characters, across word boundaries.

How: every character of the folded text is one FTS5 token, stored with its
position (``detail=full``), and a query is the phrase of its characters. FTS5
does the work in C: a one-character query reads one posting list, a longer one
intersects a few by position. The tables are contentless (the text is not kept,
the article files are). SQLite's ``ascii`` tokenizer splits only on ASCII
punctuation and spaces and treats every other character as part of a token, so
the text is written with a space after each character and its ASCII punctuation
is first moved to private-use code points (U+E000 + code) to make those
characters tokens too: one character is always exactly one token, whatever
SQLite's Unicode tables say. (A private-use character U+E000-U+E07F in an
article would match the ASCII punctuation it stands for; such characters do
not occur in text that decodes cleanly.)

The index is split into shards, one SQLite file each, so that several processes
can write a large library's index at once and several threads can search it at
once (sqlite3 releases the GIL while a statement runs). Rows are never deleted:
when a file changes or goes, its old document id just stops being live.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from store.script import fold

SHARD_FORMAT = 1

_ASCII_PUNCTUATION = {code: chr(0xE000 + code) for code in range(128) if not chr(code).isalnum()}
_HAS_ASCII_PUNCTUATION = re.compile("[" + re.escape("".join(map(chr, _ASCII_PUNCTUATION))) + "]")

_SCHEMA = (
    "CREATE VIRTUAL TABLE text USING fts5(body, tokenize='ascii', detail=full, content='', columnsize=0)",
    # A larger in-memory hash means fewer, larger segments while a big library is indexed.
    "INSERT INTO text(text, rank) VALUES('hashsize', 16777216)",
    "CREATE TABLE shard_info(format INTEGER NOT NULL)",
    f"INSERT INTO shard_info(format) VALUES({SHARD_FORMAT})",
)


# Every document contains the newline that joins an article's parts, so searching
# for it reads the longest posting list of every shard: a thorough warm-up.
_EVERYWHERE = "\n"
# One string of ids is much faster to fetch than one row per match.
_SEARCH = "SELECT group_concat(rowid) FROM text WHERE text MATCH ?"


class TextIndexError(Exception):
    """A shard is missing, damaged or of another format."""


def search_form(text: str) -> str:
    """``text`` as search compares it: folded to simplified, case-folded."""
    return fold(text).casefold()


def article_search_text(title: str, source: str | None, authors: Iterable[str], paragraphs: Iterable[str]) -> str:
    """The searchable text of an article, in search form; parts are joined by newlines."""
    return search_form("\n".join([title, source or "", *authors, *paragraphs]))


def _tokens(folded: str) -> str:
    """One space-separated token per character of already folded text."""
    if _HAS_ASCII_PUNCTUATION.search(folded):
        folded = folded.translate(_ASCII_PUNCTUATION)
    return " ".join(folded)


def phrase_query(needle: str) -> str:
    """The FTS5 MATCH expression that finds ``needle`` (in search form) as a substring."""
    return f'"{_tokens(needle)}"'


class ShardWriter:
    """Adds documents to one shard; nothing is visible to readers before `commit`.

    `flush` hands queued documents to SQLite inside the open transaction (FTS5
    keeps them in its in-memory index until that fills or the transaction
    commits), so memory stays bounded between commits.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        new = not path.exists()
        self._connection = sqlite3.connect(path, isolation_level=None)
        self._pending: list[tuple[int, str]] = []
        self._in_transaction = False
        try:
            # A cache: losing the last transaction to a power cut is fine, a
            # damaged file is detected and rebuilt, so no syncing to disk.
            self._connection.execute("PRAGMA synchronous=OFF")
            if new:
                self._connection.execute("BEGIN")
                for statement in _SCHEMA:
                    self._connection.execute(statement)
                self._connection.execute("COMMIT")
            else:
                _check_format(self._connection, path)
        except sqlite3.Error as exc:
            self._connection.close()
            raise TextIndexError(f"{path.name}: {exc}") from exc

    def add(self, docid: int, search_text: str) -> None:
        """Queue a document (its text already in search form) under ``docid``."""
        self._pending.append((docid, _tokens(search_text)))

    def flush(self) -> None:
        """Pass the queued documents to SQLite, in the current transaction."""
        if not self._pending:
            return
        try:
            if not self._in_transaction:
                self._connection.execute("BEGIN")
                self._in_transaction = True
            self._connection.executemany("INSERT INTO text(rowid, body) VALUES (?, ?)", self._pending)
        except sqlite3.Error as exc:
            raise TextIndexError(f"{self.path.name}: {exc}") from exc
        finally:
            self._pending.clear()

    def commit(self) -> None:
        """Write everything added so far to the shard."""
        self.flush()
        if self._in_transaction:
            try:
                self._connection.execute("COMMIT")
            except sqlite3.Error as exc:
                raise TextIndexError(f"{self.path.name}: {exc}") from exc
            self._in_transaction = False

    def close(self) -> None:
        """Close the shard; documents not committed are dropped."""
        self._connection.close()


def _check_format(connection: sqlite3.Connection, path: Path) -> None:
    row = connection.execute("SELECT format FROM shard_info").fetchone()
    if row is None or row[0] != SHARD_FORMAT:
        raise TextIndexError(f"{path.name}: shard format {row and row[0]}, expected {SHARD_FORMAT}")


class _Shard:
    """A read-only connection to one shard, used by one thread at a time."""

    def __init__(self, path: Path) -> None:
        if not path.is_file():
            raise TextIndexError(f"{path.name} is missing")
        try:
            self.connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            _check_format(self.connection, path)
        except sqlite3.Error as exc:
            raise TextIndexError(f"{path.name}: {exc}") from exc
        self.lock = threading.Lock()

    def search(self, match: str) -> list[int]:
        with self.lock:
            row = self.connection.execute(_SEARCH, (match,)).fetchone()
        joined = row[0] if row else None
        return list(map(int, joined.split(","))) if joined else []


class TextIndex:
    """Searches every shard of a library's text index; safe to use from several threads."""

    def __init__(self, paths: Sequence[Path]) -> None:
        shards = []
        try:
            for path in paths:
                shards.append(_Shard(path))
        except TextIndexError:
            for shard in shards:
                shard.connection.close()
            raise
        self._shards = shards
        self._pool: ThreadPoolExecutor | None = None
        self._pool_lock = threading.Lock()

    def search(self, needle: str) -> list[int]:
        """Document ids whose text contains ``needle`` (already in search form); unordered."""
        if not needle:
            raise ValueError("an empty needle matches everything; do not search for it")
        match = phrase_query(needle)
        try:
            if not self._shards:
                return []
            if len(self._shards) == 1:
                return self._shards[0].search(match)
            found: list[int] = []
            for ids in self._executor().map(lambda shard: shard.search(match), self._shards):
                found += ids
            return found
        except sqlite3.Error as exc:
            raise TextIndexError(f"search failed: {exc}") from exc

    def warm_up(self) -> None:
        """Run one large search, so that the first search of the reader does not pay for threads, caches and memory."""
        self.search(_EVERYWHERE)

    def _executor(self) -> ThreadPoolExecutor:
        with self._pool_lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=len(self._shards), thread_name_prefix="text-index")
            return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True)
        for shard in self._shards:
            shard.connection.close()
