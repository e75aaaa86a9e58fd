"""The index cache: a library parsed once, reopened in a fraction of a second.

Where: one folder per library (named after a hash of its resolved path) below
``$ZHREADER_CACHE_DIR``, else the platform's user cache folder (platformdirs).

What: ``articles.bin`` holds one row of metadata per article in library order
(store.cached_article), the size and modification time of every file, the
skipped files with their reasons, and the next free document id; the text index
shards beside it hold the searchable text (store.text_index). The file starts
with a format number, a fingerprint of the parser's source code and the Python
version, and a CRC of the rest: a cache that does not match is rebuilt from the
files, never trusted. It is written to a temporary file and moved into place
with os.replace, so a reader sees the old cache or the new one. Paragraphs are
not cached; they are read from the article's file when it is opened.

When: every open is given the folder's files with sizes and times; it reuses
the rows of unchanged files, parses new and changed ones (in worker processes,
one per core, when there are more than ``PARALLEL_THRESHOLD``), drops the rows
of files that are gone, and writes the cache again if anything changed. A lock
file keeps two processes from updating one cache at once.
"""

from __future__ import annotations

import fcntl
import gc
import hashlib
import importlib.util
import marshal
import mmap
import os
import secrets
import struct
import sys
import zlib
from array import array
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path

import platformdirs

from store.article import Region
from store.article_files import FileListing, LoadWarning
from store.cached_article import (
    MAX_REGION_KEYS,
    R_AUTHORS,
    R_CITIES,
    R_DATE,
    R_EDITORS,
    R_ENCODING,
    R_ID,
    R_REGIONS,
    R_RELPATH,
    R_SCRIPT,
    R_SOURCE,
    R_TIME,
    ArticleColumns,
    ArticleStore,
    CachedArticle,
    RegionKey,
    Row,
)
from store.indexing import Parsed, WorkerFailure, parse_here, parse_in_workers
from store.text_index import TextIndex, TextIndexError

CACHE_FORMAT = 3
PARALLEL_THRESHOLD = 200  # up to this many files are parsed in-process: workers take a while to start
MAX_WORKERS = 4
_HEADER = struct.Struct("<8sI32sQI")  # magic, format, fingerprint, payload length, payload CRC-32
_MAGIC = b"ZHRINDEX"

# The modules whose output the cache stores: a change to any of them changes
# the fingerprint, and so rebuilds every cache.
_FINGERPRINTED_MODULES = (
    "store.article",
    "store.article_files",
    "store.boilerplate",
    "store.cached_article",
    "store.converter_pinyin",
    "store.dates",
    "store.encoding",
    "store.folder_scan",
    "store.frontmatter",
    "store.gazetteer",
    "store.index_cache",
    "store.indexing",
    "store.parse",
    "store.regions",
    "store.script",
    "store.text_index",
)

ProgressCallback = Callable[[int, int], None]


def cache_root() -> Path:
    """Where zhreader keeps caches: $ZHREADER_CACHE_DIR, else the user cache folder."""
    chosen = os.environ.get("ZHREADER_CACHE_DIR")
    return Path(chosen).expanduser() if chosen else Path(platformdirs.user_cache_dir("zhreader"))


def library_cache_dir(root: Path) -> Path:
    """The cache folder of the library at ``root`` (one per resolved path)."""
    key = hashlib.sha256(str(root.resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:24]
    return cache_root() / "libraries" / key


def worker_count(files_to_parse: int) -> int:
    """How many processes parse this many files: one per core (at most MAX_WORKERS) for a large batch, else 1."""
    if files_to_parse <= PARALLEL_THRESHOLD:
        return 1
    return max(1, min(os.cpu_count() or 1, MAX_WORKERS))


# The cache file ------------------------------------------------------------------------


@dataclass
class CacheState:
    """Everything ``articles.bin`` holds."""

    generation: str  # names this index's shard files; a rebuild starts a new one
    shard_count: int
    next_docid: int
    files: FileListing
    warnings: dict[str, str]  # relpath -> why the file was skipped
    columns: ArticleColumns  # library order
    regions: list[RegionKey]  # the table that the columns' region indexes point into
    crc: int = 0  # of the file's payload, once read or written: names this version of the cache

    @classmethod
    def fresh(cls) -> CacheState:
        return cls(secrets.token_hex(6), 0, 0, FileListing(), {}, ArticleColumns.from_rows([], 0), [])

    def shard_paths(self, folder: Path, count: int | None = None) -> list[Path]:
        total = self.shard_count if count is None else count
        return [folder / f"text-{self.generation}-{k}.sqlite" for k in range(total)]


_fingerprint: bytes | None = None


def parser_fingerprint() -> bytes:
    """A digest of the source of every module whose output the cache stores, and of the Python version."""
    global _fingerprint
    if _fingerprint is None:
        digest = hashlib.sha256(f"{CACHE_FORMAT}:{sys.version_info[:2]}:{marshal.version}".encode())
        for name in _FINGERPRINTED_MODULES:
            spec = importlib.util.find_spec(name)
            try:
                digest.update(Path(spec.origin).read_bytes() if spec and spec.origin else name.encode())
            except OSError:
                digest.update(name.encode())
        _fingerprint = digest.digest()
    return _fingerprint


def read_state(path: Path, root: Path) -> CacheState | None:
    """The cache of the library at ``root`` (resolved), or None if missing, damaged, outdated or another's."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if len(data) < _HEADER.size:
        return None
    magic, version, fingerprint, length, crc = _HEADER.unpack_from(data)
    payload = memoryview(data)[_HEADER.size:]
    if magic != _MAGIC or version != CACHE_FORMAT or fingerprint != parser_fingerprint():
        return None
    if len(payload) != length or zlib.crc32(payload) != crc:
        return None
    try:
        stored_root, generation, shard_count, next_docid, files, warnings, columns, regions = marshal.loads(payload)
        if stored_root != str(root):
            return None
        if not isinstance(files, bytes):
            return None
        listing = FileListing.from_marshal(files)  # decoded when a scan compares with it, after a warm start
        return CacheState(
            generation, shard_count, next_docid, listing, dict(warnings), ArticleColumns.from_marshal(columns), regions,
            crc,
        )
    except (ValueError, EOFError, TypeError):
        return None


def write_state(path: Path, root: Path, state: CacheState) -> None:
    """Write the cache atomically: a temporary file beside it, then os.replace."""
    payload = marshal.dumps(
        (str(root), state.generation, state.shard_count, state.next_docid, state.files.to_marshal(),
         sorted(state.warnings.items()), state.columns.to_marshal(), state.regions)
    )
    state.crc = zlib.crc32(payload)
    header = _HEADER.pack(_MAGIC, CACHE_FORMAT, parser_fingerprint(), len(payload), state.crc)
    _replace(path, header, payload)


def _replace(path: Path, *parts: bytes) -> None:
    """Write ``path`` atomically: a temporary file beside it, then os.replace."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "wb") as out:
            for part in parts:
                out.write(part)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


class SavedListing:
    """The JSON of every article of one version of the cache, as `zhreader list --json` writes it.

    Made by store.json_listing the first time it lists the library from this
    version of ``articles.bin`` and kept beside it in ``listing.bin``: one
    UTF-8 line per article in library order, with their end offsets, for the
    library root as it was spelled then. The reader never reads it. It is
    trusted only with the same format, parser, root, version of
    ``articles.bin`` (its CRC) and a matching CRC of its own.
    """

    # magic, format, fingerprint, cache CRC, count, root length, blob length, blob CRC
    _HEADER = struct.Struct("<8sI32sIQIQI")
    _MAGIC = b"ZHRLIST2"

    def __init__(self, path: Path, cache_crc: int) -> None:
        self.path = path
        self.cache_crc = cache_crc

    def load(self, format_version: int, count: int, root: bytes) -> tuple[memoryview, array] | None:
        """The lines and their ends, or None if the file is missing, damaged, or of another cache or root."""
        ends = array("q")
        try:
            with self.path.open("rb") as file:
                head = file.read(self._HEADER.size)
                if len(head) < self._HEADER.size:
                    return None
                magic, version, fingerprint, cache_crc, stored_count, root_length, length, crc = self._HEADER.unpack(head)
                if (magic, version, fingerprint, cache_crc, stored_count, root_length) != (
                    self._MAGIC, format_version, parser_fingerprint(), self.cache_crc, count, len(root)
                ) or file.read(root_length) != root:
                    return None
                ends.fromfile(file, count)
                # Mapped, not read: the lines are written out as slices of the file, never copied here.
                mapped = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError, EOFError):  # EOFError: fewer ends than articles
            return None
        blob = memoryview(mapped)[self._HEADER.size + root_length + ends.itemsize * count :]
        if len(blob) != length or zlib.crc32(blob) != crc or (count and ends[-1] != length):
            return None
        return blob, ends

    def save(self, format_version: int, root: bytes, blob: bytes, ends: array) -> None:
        """Keep the lines for the next listing; a cache folder that cannot be written is not an error."""
        header = self._HEADER.pack(
            self._MAGIC, format_version, parser_fingerprint(), self.cache_crc, len(ends), len(root), len(blob),
            zlib.crc32(blob),
        )
        try:
            _replace(self.path, header, root, ends.tobytes(), blob)
        except OSError:
            pass


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many objects at once, and leave them out of its work.

    Reading 100,000 rows allocates millions of tuples and the collector would
    scan them again and again (it halves the time of a warm open); none of
    them form cycles. They are frozen (`gc.freeze`) before it resumes: they
    live as long as the library, and the first collections after the pause
    would walk every one of them (35 ms at 100,000 articles).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.enable()


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Hold the cache folder's lock: one process reads and updates a cache at a time."""
    with open(folder / "lock", "a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


# Opening a library ----------------------------------------------------------------------


@dataclass
class IndexedLibrary:
    """A library as the cache gives it: articles in library order, and what filtering needs."""

    articles: list[CachedArticle]
    warnings: list[LoadWarning]
    text_index: TextIndex
    columns: ArticleColumns  # the articles' metadata, in the same order
    regions: list[Region]  # what the columns' region indexes point to
    files: FileListing  # the files the cache was made from


def open_indexed_library(root: Path, files: FileListing, progress: ProgressCallback | None = None) -> IndexedLibrary:
    """Open the library at ``root``, whose files are ``files`` (`scan_article_files`), through its cache.

    The cache is brought up to date first, calling ``progress(done, total)`` as
    files are parsed. Raises OSError when the cache folder cannot be written,
    TextIndexError when the text index cannot be opened even after a rebuild.
    """
    folder = library_cache_dir(root)
    folder.mkdir(parents=True, exist_ok=True)
    resolved = root.resolve()
    state_path = folder / "articles.bin"
    with _locked(folder), _collector_paused():
        state = read_state(state_path, resolved)
        if state is not None:
            state.next_docid = max(state.next_docid, _reserved_ids(folder, state))
            if _too_many_dead(state) or not all(path.is_file() for path in state.shard_paths(folder)):
                state = None
        for attempt in range(2):
            fresh = state is None
            if state is None:
                state = CacheState.fresh()
            if fresh or not state.files.same_as(files):
                _update(root, folder, state, files, progress)
                write_state(state_path, resolved, state)
                _remove_other_generations(folder, state)
            try:
                text_index = TextIndex(state.shard_paths(folder))
                break
            except TextIndexError:
                if attempt:
                    raise
                state = None  # a shard is damaged or of another format: index everything again
    with _collector_paused():  # one object per article
        return _indexed_library(root, state, text_index, folder)


def open_cached_library(root: Path) -> IndexedLibrary | None:
    """The library at ``root`` as its cache last saw it, without looking at its files; None without a usable cache.

    Much faster than `open_indexed_library` for a large library (no file is
    stat'ed), but blind to changes since the cache was written.
    """
    folder = library_cache_dir(root)
    if not folder.is_dir():
        return None
    with _locked(folder), _collector_paused():
        state = read_state(folder / "articles.bin", root.resolve())
        if state is None:
            return None
        try:
            text_index = TextIndex(state.shard_paths(folder))
        except TextIndexError:
            return None
    with _collector_paused():  # one object per article
        return _indexed_library(root, state, text_index, folder)


def _too_many_dead(state: CacheState) -> bool:
    """Whether so many text-index documents are dead (files changed or removed) that a rebuild pays."""
    dead = state.next_docid - len(state.columns)
    return dead > max(len(state.columns), 10_000)


class _RowBuilder:
    """Turns parsed files into rows: region keys into table indexes, repeated strings shared.

    Sharing matters: marshal writes an object referenced twice once, and reads
    it back as one object, so the cache file and the loaded library shrink.
    """

    def __init__(self, regions: list[RegionKey], paths: dict[str, str]) -> None:
        self.regions = regions
        self._region_index = {key: i for i, key in enumerate(regions)}
        self._paths = paths
        self._strings: dict[str, str] = {}
        self.rows: list[Row] = []
        self.warnings: dict[str, str] = {}

    def add(self, parsed: Parsed) -> None:
        relpath, _docid, row, reason = parsed
        relpath = self._paths.get(relpath, relpath)
        if row is None:
            self.warnings[relpath] = reason or "unreadable"
            return
        share = self._strings.setdefault
        values = list(row)
        values[R_RELPATH] = relpath
        values[R_REGIONS] = tuple(self._region(key) for key in row[R_REGIONS])
        for position in (R_SOURCE, R_TIME, R_SCRIPT, R_ENCODING):
            if values[position] is not None:
                values[position] = share(values[position], values[position])
        for position in (R_AUTHORS, R_EDITORS, R_CITIES):
            values[position] = tuple(share(name, name) for name in values[position])
        self.rows.append(tuple(values))

    def _region(self, key: RegionKey) -> int:
        index = self._region_index.get(key)
        if index is None:
            index = self._region_index[key] = len(self.regions)
            if index >= MAX_REGION_KEYS:
                raise ValueError(f"more than {MAX_REGION_KEYS} distinct regions")
            self.regions.append(key)
        return index


def _update(root: Path, folder: Path, state: CacheState, files: FileListing, progress: ProgressCallback | None) -> None:
    """Bring ``state`` up to date with ``files``: keep unchanged rows, parse the rest, drop the gone."""
    known = dict(zip(state.files.relpaths, zip(state.files.sizes, state.files.mtimes)))
    old_rows = state.columns.rows()
    rows_by_path = {row[R_RELPATH]: row for row in old_rows}
    kept_rows: list[Row] = []
    kept_warnings: dict[str, str] = {}
    to_parse: list[str] = []
    for relpath, size, mtime in zip(files.relpaths, files.sizes, files.mtimes):
        if size >= 0 and known.get(relpath) == (size, mtime):
            row = rows_by_path.get(relpath)
            if row is not None:
                kept_rows.append(row)
                continue
            if relpath in state.warnings:
                kept_warnings[relpath] = state.warnings[relpath]
                continue
        to_parse.append(relpath)
    built = _parse(root, folder, state, to_parse, {relpath: relpath for relpath in files.relpaths}, progress)
    if built.rows or len(kept_rows) != len(old_rows):
        state.columns = ArticleColumns.from_rows(sort_rows(kept_rows + built.rows), len(state.regions))
    state.files = files
    state.warnings = {**kept_warnings, **built.warnings}


def _parse(
    root: Path,
    folder: Path,
    state: CacheState,
    relpaths: list[str],
    paths: dict[str, str],
    progress: ProgressCallback | None,
) -> _RowBuilder:
    if not relpaths:
        return _RowBuilder(state.regions, paths)
    workers = worker_count(len(relpaths))
    state.shard_count = max(state.shard_count, workers)
    if workers > 1:
        built = _RowBuilder(state.regions, paths)
        try:
            items = _reserve(folder, state, relpaths)
            parse_in_workers(root, items, state.shard_paths(folder, workers), built.add, progress)
            return built
        except WorkerFailure:
            pass  # e.g. no processes can be started here: parse in this process instead, with fresh ids
    built = _RowBuilder(state.regions, paths)
    items = _reserve(folder, state, relpaths)
    parse_here(root, items, state.shard_paths(folder)[items[0][0] % state.shard_count], built.add, progress)
    return built


def _reserve(folder: Path, state: CacheState, relpaths: list[str]) -> list[tuple[int, str]]:
    """Give each file a new document id, recorded as used before any document is written.

    Ids are never reused: if this process dies after a shard has committed
    documents but before the cache is written, a later run must not give those
    ids to other articles, or a search would find the dead text under them.
    """
    start = state.next_docid
    state.next_docid += len(relpaths)
    temporary = folder / f".reserved-ids.{os.getpid()}.tmp"
    temporary.write_text(f"{state.generation} {state.next_docid}\n", encoding="ascii")
    os.replace(temporary, folder / "reserved-ids")
    return [(start + i, relpath) for i, relpath in enumerate(relpaths)]


def _reserved_ids(folder: Path, state: CacheState) -> int:
    """The next id left free by the last reservation for this index, or 0."""
    try:
        generation, _, count = (folder / "reserved-ids").read_text(encoding="ascii").strip().partition(" ")
        return int(count) if generation == state.generation else 0
    except (OSError, ValueError):
        return 0


def _remove_other_generations(folder: Path, state: CacheState) -> None:
    """Delete the shard files of earlier indexes (a reader that has one open keeps its copy)."""
    for path in folder.glob("text-*.sqlite*"):
        if not path.name.startswith(f"text-{state.generation}-"):
            path.unlink(missing_ok=True)


def sort_rows(rows: list[Row]) -> list[Row]:
    """Library order: newest first, undated last, ties by id (as store.library.sort_newest_first)."""
    rows = sorted(rows, key=itemgetter(R_ID))
    dated = sorted((r for r in rows if r[R_DATE]), key=lambda r: (r[R_DATE], r[R_TIME] or ""), reverse=True)
    return dated + [r for r in rows if not r[R_DATE]]


def _indexed_library(root: Path, state: CacheState, text_index: TextIndex, folder: Path) -> IndexedLibrary:
    regions = [Region(code, name, name_en) for code, name, name_en in state.regions]
    listing = SavedListing(folder / "listing.bin", state.crc) if state.crc else None
    store = ArticleStore(root, state.columns, regions, listing)
    return IndexedLibrary(
        articles=store.articles(),
        warnings=[LoadWarning(store.path_of(relpath), reason) for relpath, reason in sorted(state.warnings.items())],
        text_index=text_index,
        columns=state.columns,
        regions=regions,
        files=state.files,
    )
