"""A TinyDB storage that never loses what it has saved.

TinyDB's stock ``JSONStorage`` rewrites its file in place, so a kill in the
middle of a write leaves a truncated file, and an empty file is read as an
empty database and then overwritten. This storage instead:

* serialises first, writes a temporary file in the same directory, flushes and
  fsyncs it, hard-links the current file to ``<name>.bak``, ``os.replace``\\ s the
  temporary file over the current one and fsyncs the directory. At every
  instant the data file is a complete old or a complete new version;
* does every write inside :meth:`DurableStorage.transaction`, which holds an
  exclusive ``flock`` on ``<name>.lock`` and re-reads the file first, so
  several processes sharing a data directory never overwrite each other's
  changes;
* never overwrites a file it cannot parse (or one that is empty while the
  backup holds data): it moves it aside with a timestamp, restores the backup
  if that parses, and leaves a one-line :attr:`DurableStorage.recovery_message`.

Reads take no lock: because the file is only ever replaced whole, a reader
sees either the old or the new version, and a reader can never block a writer.

POSIX only (``fcntl.flock``).
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from tinydb.storages import Storage

Data = dict[str, dict[str, Any]]

# Errors that mean "this filesystem cannot fsync a directory", not "the disk failed".
_DIR_FSYNC_UNSUPPORTED = {errno.EINVAL, errno.ENOTSUP, errno.EBADF}


class DataFileError(Exception):
    """The data file cannot be read or written; ``str()`` is one line for the user."""


@dataclass(frozen=True)
class _Loaded:
    """What was found at one path."""

    state: Literal["ok", "missing", "empty", "bad"]
    data: Data | None = None
    raw: bytes = b""
    problem: str = ""


def _load(path: Path) -> _Loaded:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return _Loaded("missing")
    except OSError as exc:
        raise DataFileError(f"cannot read {path}: {exc.strerror}") from None
    if not raw.strip():
        return _Loaded("empty", raw=raw)
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return _Loaded("bad", raw=raw, problem="is not valid JSON")
    if not isinstance(data, dict) or not all(
        isinstance(table, dict) for table in data.values()
    ):
        return _Loaded("bad", raw=raw, problem="is not a zhreader data file")
    return _Loaded("ok", data=data, raw=raw)


def _has_documents(data: Data | None) -> bool:
    return bool(data) and any(data.values())


def serialise(data: Data) -> bytes:
    """The bytes written for ``data``: UTF-8 JSON with one document per line.

    One line per document keeps the file readable and salvageable by hand
    while using the fast C encoder (``indent`` would switch to the slow
    pure-Python one). Text that UTF-8 cannot carry (a lone surrogate pasted
    from somewhere) is kept exactly by falling back to ASCII JSON escapes.
    """
    try:
        return _dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return _dumps(data, ensure_ascii=True).encode("ascii")


def _dumps(data: Data, *, ensure_ascii: bool) -> str:
    def dump(value: object) -> str:
        return json.dumps(value, ensure_ascii=ensure_ascii)

    tables = []
    for name, docs in data.items():
        rows = ",\n".join(f"  {dump(str(key))}: {dump(doc)}" for key, doc in docs.items())
        tables.append(f"{dump(name)}: {{\n{rows}\n }}" if rows else f"{dump(name)}: {{}}")
    return "{\n " + ",\n ".join(tables) + "\n}\n" if tables else "{}\n"


def _fsync_directory(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in _DIR_FSYNC_UNSUPPORTED:
            raise
    finally:
        os.close(fd)


def _write_all(fd: int, payload: bytes) -> None:
    view = memoryview(payload)
    while view:
        written = os.write(fd, view)
        view = view[written:]


class DurableStorage(Storage):
    """TinyDB storage with atomic replace, a backup, a lock file and recovery.

    ``DurableStorage(path)``: ``path`` is the JSON data file; its directory is
    created on the first write. Use it as ``TinyDB(path, storage=DurableStorage)``
    and make every change inside ``with storage.transaction():``.
    """

    def __init__(self, path: str | os.PathLike[str], lock_timeout: float = 10.0) -> None:
        self.path = Path(path)
        self.backup_path = self.path.with_name(self.path.name + ".bak")
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self._tmp_path = self.path.with_name(self.path.name + ".tmp")
        self._staged_backup_path = self.backup_path.with_name(self.backup_path.name + ".tmp")
        self.lock_timeout = lock_timeout
        #: One line saying what recovery did (file moved aside, backup restored), or None.
        self.recovery_message: str | None = None
        # One transaction per storage object at a time; other threads wait here.
        self._thread_lock = threading.RLock()
        self._txn_owner: int | None = None
        self._txn_depth = 0
        self._txn_data: Data | None = None
        self._txn_dirty = False

    # TinyDB's Storage interface -------------------------------------------------

    def read(self) -> Data | None:
        """The whole database: the transaction's copy inside one, else the file."""
        if self._in_own_transaction():
            # Shared, not copied: TinyDB edits it and hands it back to write(),
            # and a transaction that fails discards it whole.
            return self._txn_data
        loaded = _load(self.path)
        if loaded.state == "ok":
            return loaded.data
        if loaded.state == "missing" and not self.backup_path.exists():
            return None
        if loaded.state == "empty" and not self.backup_path.exists():
            return None
        # Something is wrong: recover under the lock, where the check is repeated
        # in case another process has just fixed it.
        with self._file_lock():
            return self._load_recovering() or None

    def write(self, data: Data) -> None:
        """Stage ``data``; it reaches the disk when the transaction ends."""
        if not self._in_own_transaction():
            raise RuntimeError(
                "DurableStorage.write outside storage.transaction(): the change "
                "would not be applied to a fresh read under the lock"
            )
        self._txn_data = data
        self._txn_dirty = True

    def close(self) -> None:
        """Nothing to flush: every transaction is on disk when it ends."""

    # Transactions -------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Lock, re-read, let the body read and write, then save once, atomically.

        Nested transactions join the outer one. If the body raises, nothing is
        written. When the block exits normally, the change is on disk.
        """
        with self._thread_lock:
            if self._txn_depth:
                self._txn_depth += 1
                try:
                    yield
                finally:
                    self._txn_depth -= 1
                return
            with self._file_lock():
                self._txn_data = self._load_recovering()
                self._txn_dirty = False
                self._txn_owner = threading.get_ident()
                self._txn_depth = 1
                try:
                    yield
                    if self._txn_dirty:
                        self._save(serialise(self._txn_data))
                finally:
                    self._txn_depth = 0
                    self._txn_owner = None
                    self._txn_data = None
                    self._txn_dirty = False

    def _in_own_transaction(self) -> bool:
        return self._txn_depth > 0 and self._txn_owner == threading.get_ident()

    # Locking ----------------------------------------------------------------------

    @contextmanager
    def _file_lock(self) -> Iterator[None]:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise DataFileError(
                f"could not save {self.path}: {self._explain(exc)}; nothing was changed"
            ) from None
        try:
            self._acquire(fd)
            try:
                # Tell a blocked process who holds the lock.
                os.ftruncate(fd, 0)
                os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
            except OSError:
                pass  # the pid is a courtesy; the lock itself is held
            try:
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    def _acquire(self, fd: int) -> None:
        deadline = time.monotonic() + self.lock_timeout
        delay = 0.001
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise DataFileError(
                        f"{self.path} is locked by {self._lock_holder()}; "
                        "nothing was saved, try again"
                    ) from None
                time.sleep(delay)
                delay = min(delay * 2, 0.05)

    def _lock_holder(self) -> str:
        try:
            pid = self.lock_path.read_text().strip()
        except OSError:
            pid = ""
        return f"process {pid}" if pid.isdigit() else "another process"

    # Loading and recovery (under the lock) -----------------------------------------

    def _load_recovering(self) -> Data:
        """The file's data; if it is missing, empty or unreadable, recover first."""
        current = _load(self.path)
        if current.state == "ok":
            return current.data or {}
        backup = _load(self.backup_path)
        usable_backup = backup.state == "ok" and _has_documents(backup.data)
        if current.state in ("missing", "empty") and not usable_backup:
            return {}  # a new data file: nothing to lose
        if current.state == "missing":
            what = f"{self.path} was missing"
        elif current.state == "empty":
            what = f"{self.path} was empty"
        else:
            what = f"{self.path} {current.problem}"
        moved = self._move_aside(self.path) if current.state != "missing" else None
        where = f"; moved it to {moved}" if moved else ""
        if backup.state == "ok":
            self._save(backup.raw)
            self.recovery_message = f"{what}{where}; restored the backup {self.backup_path}"
            return backup.data or {}
        if backup.state == "bad":
            bad_backup = self._move_aside(self.backup_path)
            self.recovery_message = (
                f"{what}{where}; the backup {backup.problem} (moved it to {bad_backup}); "
                "starting with an empty data file"
            )
        else:
            self.recovery_message = f"{what}{where}; no backup; starting with an empty data file"
        return {}

    def _move_aside(self, path: Path) -> Path:
        stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
        target = path.with_name(f"{path.name}.corrupt-{stamp}")
        n = 1
        while target.exists():
            target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
            n += 1
        try:
            os.replace(path, target)
            _fsync_directory(path.parent)
        except OSError as exc:
            raise DataFileError(
                f"{path} is unreadable and could not be moved aside ({exc.strerror}); "
                "nothing was changed"
            ) from None
        return target

    # Writing ------------------------------------------------------------------------

    def _save(self, payload: bytes) -> None:
        """Replace the data file with ``payload`` atomically, keeping a backup."""
        directory = self.path.parent
        try:
            fd = os.open(self._tmp_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            try:
                _write_all(fd, payload)
                os.fsync(fd)
            finally:
                os.close(fd)
            if self.path.exists():
                self._keep_backup()
            os.replace(self._tmp_path, self.path)
        except OSError as exc:
            self._discard_tmp()
            raise DataFileError(
                f"could not save {self.path}: {self._explain(exc)}; "
                "the previous version is unchanged"
            ) from None
        try:
            _fsync_directory(directory)
        except OSError as exc:
            raise DataFileError(
                f"saved {self.path} but could not make it durable ({exc.strerror})"
            ) from None

    def _keep_backup(self) -> None:
        # A hard link is instant and atomic; copy only where links are unsupported.
        staged = self._staged_backup_path
        if staged.exists():
            staged.unlink()
        try:
            os.link(self.path, staged)
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV, errno.EMLINK):
                raise
            raw = self.path.read_bytes()
            fd = os.open(staged, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            try:
                _write_all(fd, raw)
                os.fsync(fd)
            finally:
                os.close(fd)
        os.replace(staged, self.backup_path)

    def _explain(self, exc: OSError) -> str:
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return f"{self.path.parent} is not writable ({exc.strerror})"
        return exc.strerror or str(exc)

    def _discard_tmp(self) -> None:
        for leftover in (self._tmp_path, self._staged_backup_path):
            try:
                leftover.unlink()
            except OSError:
                pass
