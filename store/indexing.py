"""Parsing library files into cache rows and text-index documents, here or in worker processes.

A large batch runs in one worker process per shard: ``python -m store.indexing
ROOT SHARD``. Workers are plain subprocesses, not multiprocessing children, so
that they never re-import the caller's main module (a script that loads a
library at import time would otherwise run again in every worker, and wait
forever on the cache lock its parent holds).

Protocol, on a worker's standard input and output: each message is a pickled
object after a 4-byte big-endian length. The parent sends a task, a list of
(document id, path below ROOT), and the worker answers ("parsed", [Parsed, ...]);
the parent sends None and the worker commits its shard and answers
("done", None). A failure is answered with ("failed", message). End of input
stops a worker without committing.
"""

from __future__ import annotations

import pickle
import queue
import signal
import struct
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from store.article_files import read_article
from store.cached_article import Row, row_of
from store.encoding import UnreadableArticle
from store.python_processes import module_command
from store.text_index import ShardWriter, article_search_text

CHUNK_FILES = 128  # files per task sent to a worker
COMMIT_EVERY = 16384  # files a worker indexes between commits (a commit writes FTS5's in-memory index out)
FLUSH_EVERY = 128  # files between hand-overs of queued text to SQLite, which bounds memory

# What parsing one file gives: (relpath, docid, row or None, reason or None). The
# row's regions are still RegionKeys; the reason says why an unreadable file was skipped.
Parsed = tuple[str, int, Row | None, str | None]
ProgressCallback = Callable[[int, int], None]

_LENGTH = struct.Struct(">I")


class WorkerFailure(Exception):
    """A worker process failed or could not be run."""


def parse_file(root: Path, relpath: str, docid: int, writer: ShardWriter) -> Parsed:
    """Parse one file of the library and queue its text in ``writer`` under ``docid``."""
    try:
        article = read_article(root / relpath, root)
    except UnreadableArticle as exc:
        return relpath, docid, None, str(exc)
    except Exception as exc:  # a parser bug must not stop a library from loading
        return relpath, docid, None, f"could not be parsed ({type(exc).__name__})"
    writer.add(docid, article_search_text(article.title, article.source, article.authors, article.paragraphs))
    return relpath, docid, row_of(docid, relpath, article), None


def parse_here(
    root: Path, items: list[tuple[int, str]], shard: Path, accept: Callable[[Parsed], None],
    progress: ProgressCallback | None,
) -> None:
    """Parse ``items`` (docid, relpath) in this process into ``shard``; committed on return."""
    writer = ShardWriter(shard)
    try:
        for done, (docid, relpath) in enumerate(items, start=1):
            accept(parse_file(root, relpath, docid, writer))
            if done % FLUSH_EVERY == 0:
                writer.flush()
            if progress is not None:
                progress(done, len(items))
        writer.commit()
    finally:
        writer.close()


def parse_in_workers(
    root: Path, items: list[tuple[int, str]], shards: list[Path], accept: Callable[[Parsed], None],
    progress: ProgressCallback | None,
) -> None:
    """Parse ``items`` in one worker process per shard; every shard is committed on return.

    A thread of ours feeds each worker one chunk at a time, so a fast worker
    takes more chunks than a slow one. Raises WorkerFailure if a worker fails.
    """
    chunks = deque(items[start:start + CHUNK_FILES] for start in range(0, len(items), CHUNK_FILES))
    chunks_lock = threading.Lock()
    replies: queue.Queue[tuple[str, Any]] = queue.Queue()
    try:
        workers = [
            subprocess.Popen(
                command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env=env,
            )
            for command, env in (module_command("store.indexing", str(root), str(shard)) for shard in shards)
        ]
    except OSError as exc:
        raise WorkerFailure(f"cannot start a worker: {exc}") from exc

    def feed(worker: subprocess.Popen[bytes]) -> None:
        assert worker.stdin is not None and worker.stdout is not None
        try:
            while True:
                with chunks_lock:
                    chunk = chunks.popleft() if chunks else None
                write_message(worker.stdin, chunk)
                kind, value = read_message(worker.stdout)
                replies.put((kind, value))
                if chunk is None or kind != "parsed":
                    return
        except Exception as exc:  # a broken pipe, a worker that died
            replies.put(("failed", f"{type(exc).__name__}: {exc}"))

    finished = 0
    try:
        for worker in workers:
            threading.Thread(target=feed, args=(worker,), daemon=True).start()
        done = 0
        while finished < len(workers):
            kind, value = replies.get()
            if kind == "parsed":
                for parsed in value:
                    accept(parsed)
                done += len(value)
                if progress is not None:
                    progress(done, len(items))
            elif kind == "done":
                finished += 1
            else:
                raise WorkerFailure(value)
    finally:
        for worker in workers:
            if finished < len(workers) and worker.poll() is None:
                worker.kill()
            for stream in (worker.stdin, worker.stdout):
                if stream is not None:
                    stream.close()
            worker.wait()


def write_message(stream: BinaryIO, message: Any) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_LENGTH.pack(len(data)) + data)
    stream.flush()


def read_message(stream: BinaryIO) -> Any:
    """The next message; EOFError at the end of the stream."""
    head = stream.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        raise EOFError("no more messages")
    (length,) = _LENGTH.unpack(head)
    data = stream.read(length)
    if len(data) < length:
        raise EOFError("message cut short")
    return pickle.loads(data)


def serve(root: Path, shard: Path, requests: BinaryIO, replies: BinaryIO) -> None:
    """A worker's loop: answer tasks until told to finish (or until the input ends)."""
    writer = ShardWriter(shard)
    try:
        since_commit = 0
        while True:
            task = read_message(requests)
            if task is None:
                writer.commit()
                write_message(replies, ("done", None))
                return
            parsed = [parse_file(root, relpath, docid, writer) for docid, relpath in task]
            since_commit += len(task)
            if since_commit >= COMMIT_EVERY:
                writer.commit()
                since_commit = 0
            else:
                writer.flush()
            write_message(replies, ("parsed", parsed))
    finally:
        writer.close()


def main(argv: list[str]) -> int:
    """Entry point of a worker process: ``python -m store.indexing ROOT SHARD``."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops its workers
    replies = sys.stdout.buffer
    try:
        root, shard = argv
        serve(Path(root), Path(shard), sys.stdin.buffer, replies)
    except EOFError:
        return 1  # the parent went away
    except Exception as exc:  # reported to the parent, which then parses by itself
        try:
            write_message(replies, ("failed", f"{type(exc).__name__}: {exc}"))
        except OSError:
            pass
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
