"""Script-insensitive full-text search over a library, kept on disk in SQLite FTS5.

What is searched: an article's title, source, authors and clean paragraphs,
folded to simplified characters (`store.script.fold`) and case-folded, so a
simplified query finds traditional text and the reverse. A query matches when
its folded form occurs anywhere in that text, exactly as ``needle in text``
would say: any length, any characters, across word boundaries.

How: three contentless FTS5 tables (the text is not kept, the article files
are). In ``text`` every character of the folded text is one token, stored with
its position (``detail=full``), and a query is the phrase of its characters:
FTS5 intersects the characters' posting lists by position, in C. That is exact
for any length but slow for common characters (a character found in nearly
every article has a posting list as long as the library). So two more tables
hold, without positions (``detail=none``), every distinct string of one, two
and three characters of each document: a query of up to three characters (the
ones typed while a search is being entered) reads one document list there.
``grams`` holds each document's characters and pairs of characters (made in
Python; a pair is one token, as a character is), ``trigrams`` its
three-character strings (SQLite's ``trigram`` tokenizer, case-sensitive so
that nothing is folded twice). An answer can be nearly every document:
`TextIndex.search_sparse` then returns the documents *without* the needle
(both tables give every document a marker token to subtract from), so that a
caller never handles more than about half of the library's ids.

SQLite's ``ascii`` tokenizer splits only on ASCII punctuation and spaces and
treats every other character as part of a token, so ``text`` is written with a
space after each character and its ASCII punctuation is first moved to
private-use code points (U+E000 + code) to make those characters tokens too:
one character is always exactly one token, whatever SQLite's Unicode tables
say; the same holds for the pairs of ``grams``. (A private-use character
U+E000-U+E07F in an article would match the ASCII punctuation it stands for;
such characters do not occur in text that decodes cleanly.)

The index is split into shards, one SQLite file each, so that several processes
can write a large library's index at once and several threads can search it at
once (sqlite3 releases the GIL while a statement runs). Rows are never deleted:
when a file changes or goes, its old document id just stops being live.
"""

from __future__ import annotations

import json
import operator
import re
import sqlite3
import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

from store.script import fold

T = TypeVar("T")

SHARD_FORMAT = 2
GRAM_LENGTH = 3  # the longest needle answered by ``grams`` and ``trigrams``

_ASCII_PUNCTUATION = {chr(code): chr(0xE000 + code) for code in range(128) if not chr(code).isalnum()}
_ONE_ASCII_PUNCTUATION = re.compile("[" + re.escape("".join(_ASCII_PUNCTUATION)) + "]")

_SCHEMA = (
    "CREATE VIRTUAL TABLE text USING fts5(body, tokenize='ascii', detail=full, content='', columnsize=0)",
    "CREATE VIRTUAL TABLE grams USING fts5(body, tokenize='ascii', detail=none, content='', columnsize=0)",
    "CREATE VIRTUAL TABLE trigrams USING fts5(body, tokenize='trigram case_sensitive 1', detail=none, content='', columnsize=0)",
    # A larger in-memory hash means fewer, larger segments while a big library is indexed.
    "INSERT INTO text(text, rank) VALUES('hashsize', 16777216)",
    "INSERT INTO grams(grams, rank) VALUES('hashsize', 16777216)",
    "INSERT INTO trigrams(trigrams, rank) VALUES('hashsize', 16777216)",
    "CREATE TABLE shard_info(format INTEGER NOT NULL)",
    f"INSERT INTO shard_info(format) VALUES({SHARD_FORMAT})",
)


# Every document contains the newline that joins an article's parts, so searching
# for it reads the longest posting list of every shard: a thorough warm-up.
_EVERYWHERE = "\n"
# Every document of ``grams`` has this token; no gram is as long.
_EVERY_DOCUMENT = "every"
# Every document of ``trigrams`` starts with this; a needle with its character is searched in ``text``.
_TRIGRAM_MARK = "\ue080" * 3
# One string of ids is much faster to fetch than one row per match.
_SEARCH = "SELECT group_concat(rowid) FROM {table} WHERE {table} MATCH ?"
_COUNT = "SELECT count(*) FROM {table} WHERE {table} MATCH ?"


class TextIndexError(Exception):
    """A shard is missing, damaged or of another format."""


def _check_needle(needle: str) -> None:
    if not needle:
        raise ValueError("an empty needle matches everything; do not search for it")


def search_form(text: str) -> str:
    """``text`` as search compares it: folded to simplified, case-folded."""
    return fold(text).casefold()


def article_search_text(title: str, source: str | None, authors: Iterable[str], paragraphs: Iterable[str]) -> str:
    """The searchable text of an article, in search form; parts are joined by newlines."""
    return search_form("\n".join([title, source or "", *authors, *paragraphs]))


def _characters(folded: str) -> str:
    """Already folded text with its ASCII punctuation made token characters."""
    # Five times faster than str.translate on Chinese text, which has few of them.
    return _ONE_ASCII_PUNCTUATION.sub(_punctuation_character, folded)


def _punctuation_character(match: re.Match[str]) -> str:
    return _ASCII_PUNCTUATION[match.group()]


def _tokens(folded: str) -> str:
    """One space-separated token per character of already folded text."""
    return " ".join(_characters(folded))


def _gram_tokens(characters: str, tokens: str) -> str:
    """The ``grams`` body: ``tokens`` (of ``characters``, from `_characters`), every pair of characters, `_EVERY_DOCUMENT`.

    Repeats are left in: FTS5 drops them faster than a Python set would.
    """
    return f"{tokens} {' '.join(map(operator.add, characters, characters[1:]))} {_EVERY_DOCUMENT}"


def phrase_query(needle: str) -> str:
    """The FTS5 MATCH expression that finds ``needle`` (in search form) as a substring."""
    return f'"{_tokens(needle)}"'


def gram_query(needle: str) -> tuple[str, str, str] | None:
    """The table, its MATCH expression for ``needle`` (in search form) and for every document; None: use ``text``."""
    if len(needle) <= 2:
        return "grams", f'"{_characters(needle)}"', f'"{_EVERY_DOCUMENT}"'
    if len(needle) == GRAM_LENGTH and _TRIGRAM_MARK[0] not in needle:
        return "trigrams", '"' + needle.replace('"', '""') + '"', f'"{_TRIGRAM_MARK}"'
    return None


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
        self._pending_grams: list[tuple[int, str]] = []
        self._pending_trigrams: list[tuple[int, str]] = []
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
        characters = _characters(search_text)
        tokens = " ".join(characters)
        self._pending.append((docid, tokens))
        self._pending_grams.append((docid, _gram_tokens(characters, tokens)))
        self._pending_trigrams.append((docid, _TRIGRAM_MARK + search_text))

    def flush(self) -> None:
        """Pass the queued documents to SQLite, in the current transaction."""
        if not self._pending:
            return
        try:
            if not self._in_transaction:
                self._connection.execute("BEGIN")
                self._in_transaction = True
            self._connection.executemany("INSERT INTO text(rowid, body) VALUES (?, ?)", self._pending)
            self._connection.executemany("INSERT INTO grams(rowid, body) VALUES (?, ?)", self._pending_grams)
            self._connection.executemany("INSERT INTO trigrams(rowid, body) VALUES (?, ?)", self._pending_trigrams)
        except sqlite3.Error as exc:
            raise TextIndexError(f"{self.path.name}: {exc}") from exc
        finally:
            self._pending.clear()
            self._pending_grams.clear()
            self._pending_trigrams.clear()

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

    def ids(self, statement: str, match: str) -> list[int]:
        with self.lock:
            row = self.connection.execute(statement, (match,)).fetchone()
        joined = row[0] if row else None
        return json.loads(f"[{joined}]") if joined else []  # twice as fast as int() on each

    def count(self, table: str, match: str) -> int:
        with self.lock:
            return self.connection.execute(_COUNT.format(table=table), (match,)).fetchone()[0]


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
        self._documents: int | None = None  # live or dead, in every shard
        self._pool: ThreadPoolExecutor | None = None
        self._pool_lock = threading.Lock()

    def search(self, needle: str) -> list[int]:
        """Document ids whose text contains ``needle`` (already in search form); unordered."""
        _check_needle(needle)
        query = gram_query(needle)
        if query is None:
            return self._ids("text", phrase_query(needle))
        return self._ids(query[0], query[1])

    def search_sparse(self, needle: str) -> tuple[bool, list[int]]:
        """Like `search`, or, when ``needle`` is in most documents, ``(True, ids of documents without it)``.

        Returns ``(inverted, ids)``: a caller that turns ids into anything
        handles at most about half of the documents' ids either way.
        """
        _check_needle(needle)
        query = gram_query(needle)
        if query is None:
            return False, self._ids("text", phrase_query(needle))
        table, match, everything = query
        found = sum(self._each_shard(lambda shard: shard.count(table, match)))
        if 2 * found <= self._document_count():
            return False, self._ids(table, match)
        return True, self._ids(table, f"{everything} NOT {match}")

    def _document_count(self) -> int:
        if self._documents is None:
            self._documents = sum(self._each_shard(lambda shard: shard.count("grams", f'"{_EVERY_DOCUMENT}"')))
        return self._documents

    def _ids(self, table: str, match: str) -> list[int]:
        statement = _SEARCH.format(table=table)
        found: list[int] = []
        for ids in self._each_shard(lambda shard: shard.ids(statement, match)):
            found += ids
        return found

    def _each_shard(self, task: Callable[[_Shard], T]) -> list[T]:
        """``task`` run on every shard, in parallel when there are several."""
        try:
            if len(self._shards) <= 1:
                return [task(shard) for shard in self._shards]
            return list(self._executor().map(task, self._shards))
        except sqlite3.Error as exc:
            raise TextIndexError(f"search failed: {exc}") from exc

    def warm_up(self) -> None:
        """Run large searches, so that the first search of the reader does not pay for threads, caches and memory."""
        self._ids("text", phrase_query(_EVERYWHERE))
        self._document_count()
        self._ids("trigrams", f'"{_TRIGRAM_MARK}"')

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
