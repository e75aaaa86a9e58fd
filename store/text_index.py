"""Script-insensitive full-text search over a library, kept on disk in SQLite FTS5.

What is searched: an article's title, source, authors and clean paragraphs,
folded to simplified characters (`store.script.fold`) and case-folded, so a
simplified query finds traditional text and the reverse. A query matches when
its folded form occurs anywhere in that text, exactly as ``needle in text``
would say: any length, any characters, across word boundaries.

How: two contentless FTS5 tables (the text is not kept, the article files
are). ``trigrams`` holds every string of three characters of the folded text
with its position (SQLite's ``trigram`` tokenizer, case-sensitive so that
nothing is folded twice, ``detail=full``): a needle of three characters or more
is the phrase of its trigrams, which FTS5 matches by position, in C, exactly as
a substring. Trigrams are rare enough that this is fast for any needle
(a phrase of single characters took 10-40 ms for a common pair of words, a
phrase of trigrams 0.1-3 ms). ``grams`` holds, without positions
(``detail=none``), every character and every pair of characters of each
document, each one token (made in Python): a needle of one or two characters
reads one document list there. An answer can be nearly every document:
`TextIndex.search_sparse` then returns the documents *without* the needle
(both tables give every document a marker token to subtract from; in
``trigrams`` it stands in a column of its own, so that no needle can meet it),
so that a caller never handles more than about half of the library's ids.

SQLite's ``ascii`` tokenizer splits only on ASCII punctuation and spaces and
treats every other character as part of a token, so ``grams`` is written with
a space after each token and its ASCII punctuation is first moved to
private-use code points (U+E000 + code) to make those characters tokens too:
one character or pair is always exactly one token, whatever SQLite's Unicode
tables say. (A private-use character U+E000-U+E07F in an article would match
the ASCII punctuation it stands for in a needle of one or two characters; such
characters do not occur in text that decodes cleanly.)

The index is split into shards, one SQLite file each, so that several processes
can write a large library's index at once and several threads can search it at
once (sqlite3 releases the GIL while a statement runs). Rows are never deleted:
when a file changes or goes, its old document id just stops being live.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from array import array
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

from store.script import fold

T = TypeVar("T")

SHARD_FORMAT = 3
GRAM_LENGTH = 2  # the longest needle answered by ``grams``; longer ones, ``trigrams``

_ASCII_PUNCTUATION = {chr(code): chr(0xE000 + code) for code in range(128) if not chr(code).isalnum()}
_ONE_ASCII_PUNCTUATION = re.compile("[" + re.escape("".join(_ASCII_PUNCTUATION)) + "]")

_SCHEMA = (
    "CREATE VIRTUAL TABLE grams USING fts5(body, tokenize='ascii', detail=none, content='', columnsize=0)",
    "CREATE VIRTUAL TABLE trigrams USING fts5(body, every, tokenize='trigram case_sensitive 1', detail=full, content='', columnsize=0)",
    # FTS5 gathers new rows in an in-memory hash table until it holds `hashsize` bytes.
    # Finding each token's entry there is a cache miss once the table outgrows the CPU's
    # caches: with 64 MB, a quarter of an index worker's time was spent on two instructions
    # of that lookup (perf). 8 MB makes more, smaller segments to merge, but costs less in
    # all: 3-5 % less CPU than 64 MB run side by side on 25,000 articles a worker, half the
    # memory, and 1 MB (the default) costs more than either. Merging 8 segments at a time
    # rather than 4 rewrites each row fewer times.
    "INSERT INTO grams(grams, rank) VALUES('hashsize', 8388608)",
    "INSERT INTO trigrams(trigrams, rank) VALUES('hashsize', 8388608)",
    "INSERT INTO grams(grams, rank) VALUES('automerge', 8)",
    "INSERT INTO trigrams(trigrams, rank) VALUES('automerge', 8)",
    "CREATE TABLE shard_info(format INTEGER NOT NULL)",
    f"INSERT INTO shard_info(format) VALUES({SHARD_FORMAT})",
)


# Every document of ``grams`` has this token; no gram is as long.
_EVERY_DOCUMENT = "every"
# Every document of ``trigrams`` has this in its ``every`` column.
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


def article_search_text(title: str, source: str | None, authors: Iterable[str], paragraphs: Sequence[str]) -> str:
    """The searchable text of an article, in search form; parts are joined by newlines."""
    # Folded part by part (the same as folding the whole, character by character): the
    # parser has just folded the title and the paragraphs joined, and `fold` remembers them.
    parts = [*map(fold, [title, source or "", *authors])]
    if paragraphs:
        parts.append(fold("\n".join(paragraphs)))
    return "\n".join(parts).casefold()


def _characters(folded: str) -> str:
    """Already folded text with its ASCII punctuation made token characters."""
    # Five times faster than str.translate on Chinese text, which has few of them.
    return _ONE_ASCII_PUNCTUATION.sub(_punctuation_character, folded)


def _punctuation_character(match: re.Match[str]) -> str:
    return _ASCII_PUNCTUATION[match.group()]


def _gram_tokens(characters: str) -> str:
    """The ``grams`` body of ``characters`` (from `_characters`): each character, each pair, `_EVERY_DOCUMENT`.

    Repeats are left in: FTS5 drops them faster than a Python set would. The
    strings are woven as arrays of code points, by slice assignments in C: a
    Python string per pair took a sixth of the time of indexing an article.
    """
    count = len(characters)
    codes = _code_points(characters)
    singles = _code_points(" " * (2 * count - 1)) if count else array("I")
    singles[0::2] = codes
    pairs = _code_points(" " * (3 * count - 4)) if count > 1 else array("I")
    pairs[0::3] = codes[:-1]
    pairs[1::3] = codes[1:]
    return f"{_text_of(singles)} {_text_of(pairs)} {_EVERY_DOCUMENT}"


def _code_points(text: str) -> array:
    # surrogatepass: a lone surrogate in an article is a character like any other here.
    return array("I", text.encode("utf-32-le", "surrogatepass"))


def _text_of(codes: array) -> str:
    return codes.tobytes().decode("utf-32-le", "surrogatepass")


def text_query(needle: str) -> tuple[str, str, str]:
    """The table that answers ``needle`` (in search form), its MATCH expression, and the one for every document."""
    if len(needle) <= GRAM_LENGTH:
        return "grams", f'"{_characters(needle)}"', f'"{_EVERY_DOCUMENT}"'
    return "trigrams", 'body : "' + needle.replace('"', '""') + '"', f'every : "{_TRIGRAM_MARK}"'


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
        self._pending_grams: list[tuple[int, str]] = []
        self._pending_trigrams: list[tuple[int, str, str]] = []
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
        self._pending_grams.append((docid, _gram_tokens(_characters(search_text))))
        self._pending_trigrams.append((docid, search_text, _TRIGRAM_MARK))

    def flush(self) -> None:
        """Pass the queued documents to SQLite, in the current transaction."""
        if not self._pending_grams:
            return
        try:
            if not self._in_transaction:
                self._connection.execute("BEGIN")
                self._in_transaction = True
            self._connection.executemany("INSERT INTO grams(rowid, body) VALUES (?, ?)", self._pending_grams)
            self._connection.executemany(
                "INSERT INTO trigrams(rowid, body, every) VALUES (?, ?, ?)", self._pending_trigrams
            )
        except sqlite3.Error as exc:
            raise TextIndexError(f"{self.path.name}: {exc}") from exc
        finally:
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
        table, match, _ = text_query(needle)
        return self._ids(table, match)

    def search_sparse(self, needle: str, rare: bool = False) -> tuple[bool, list[int]]:
        """Like `search`, or, when ``needle`` is in most documents, ``(True, ids of documents without it)``.

        Returns ``(inverted, ids)``: a caller that turns ids into anything
        handles at most about half of the documents' ids either way. The
        documents with the needle are counted first, unless the caller knows
        that they are at most half (``rare``: say, its prefix was in no more).
        """
        _check_needle(needle)
        table, match, everything = text_query(needle)
        if not rare:
            found = sum(self._each_shard(lambda shard: shard.count(table, match)))
            rare = 2 * found <= self._document_count()
        if rare:
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
        self._document_count()
        self._ids("grams", f'"{_EVERY_DOCUMENT}"')
        self._ids("trigrams", f'every : "{_TRIGRAM_MARK}"')

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
