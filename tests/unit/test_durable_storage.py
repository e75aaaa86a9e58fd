"""DurableStorage: atomic saves, backup, recovery of damaged files, the lock."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tinydb import TinyDB
from tinydb.table import Document

from store.durable_storage import DataFileError, DurableStorage, serialise


def open_db(path: Path, **kwargs: float) -> tuple[TinyDB, DurableStorage]:
    db = TinyDB(path, storage=DurableStorage, **kwargs)
    return db, db.storage  # type: ignore[return-value]


def insert(db: TinyDB, storage: DurableStorage, **doc: object) -> None:
    with storage.transaction():
        db.table("t", cache_size=0).insert(doc)


def texts(db: TinyDB) -> list[object]:
    return [doc["text"] for doc in db.table("t", cache_size=0).all()]


def test_saves_and_reads_back(tmp_path: Path) -> None:
    path = tmp_path / "new" / "data.json"
    db, storage = open_db(path)
    assert db.table("t").all() == []
    assert not path.exists()  # reading alone creates nothing
    insert(db, storage, text="一")
    insert(db, storage, text="二")
    assert texts(open_db(path)[0]) == ["一", "二"]
    assert storage.recovery_message is None


def test_backup_holds_the_previous_version(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    db, storage = open_db(path)
    insert(db, storage, text="first")
    insert(db, storage, text="second")
    backup = json.loads(storage.backup_path.read_text())
    assert [doc["text"] for doc in backup["t"].values()] == ["first"]


def test_no_temporary_files_are_left(tmp_path: Path) -> None:
    db, storage = open_db(tmp_path / "data.json")
    for n in range(3):
        insert(db, storage, text=str(n))
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "data.json",
        "data.json.bak",
        "data.json.lock",
    ]


def test_a_failing_transaction_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    db, storage = open_db(path)
    insert(db, storage, text="kept")
    before = path.read_bytes()
    with pytest.raises(KeyError):
        with storage.transaction():
            db.table("t").insert({"text": "lost"})
            raise KeyError("boom")
    assert path.read_bytes() == before


def test_write_outside_a_transaction_is_refused(tmp_path: Path) -> None:
    db, _ = open_db(tmp_path / "data.json")
    with pytest.raises(RuntimeError, match="transaction"):
        db.table("t").insert({"text": "x"})


def test_nested_transactions_save_once_at_the_end(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    db, storage = open_db(path)
    with storage.transaction():
        insert(db, storage, text="inner")
        assert not path.exists()
        db.table("t", cache_size=0).insert({"text": "outer"})
    assert texts(db) == ["inner", "outer"]


def test_a_transaction_sees_changes_made_by_another_storage(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    db_a, storage_a = open_db(path)
    db_b, storage_b = open_db(path)
    assert texts(db_a) == []
    insert(db_b, storage_b, text="from b")
    insert(db_a, storage_a, text="from a")
    assert sorted(texts(db_b)) == ["from a", "from b"]


def test_threads_sharing_one_storage_lose_nothing(tmp_path: Path) -> None:
    db, storage = open_db(tmp_path / "data.json")
    table = db.table("t", cache_size=0)

    def add(prefix: str) -> None:
        for n in range(20):
            with storage.transaction():
                doc_id = max((d.doc_id for d in table.all()), default=0) + 1
                table.insert(Document({"text": f"{prefix}{n}"}, doc_id=doc_id))

    threads = [threading.Thread(target=add, args=(p,)) for p in "abc"]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(texts(db)) == sorted(f"{p}{n}" for p in "abc" for n in range(20))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda children: st.lists(children, max_size=3)
    | st.dictionaries(st.text(), children, max_size=3),
    max_leaves=8,
)


@given(st.dictionaries(st.text(), st.dictionaries(st.text(), json_values, max_size=4), max_size=3))
def test_serialise_round_trips_any_text(data: dict) -> None:
    assert json.loads(serialise(data)) == data


def test_lone_surrogates_are_kept_exactly(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    db, storage = open_db(path)
    insert(db, storage, text="a\ud800b 😀")
    assert texts(open_db(path)[0]) == ["a\ud800b 😀"]


# Damaged files ------------------------------------------------------------------


def saved_twice(tmp_path: Path) -> Path:
    """A data file holding 'one' and 'two' whose backup holds only 'one'."""
    path = tmp_path / "data.json"
    db, storage = open_db(path)
    insert(db, storage, text="one")
    insert(db, storage, text="two")
    return path


def aside_files(path: Path) -> list[Path]:
    return sorted(path.parent.glob(path.name + ".corrupt-*"))


def test_unparsable_file_is_moved_aside_and_the_backup_restored(tmp_path: Path) -> None:
    path = saved_twice(tmp_path)
    damaged = path.read_bytes()[:40]
    path.write_bytes(damaged)
    db, storage = open_db(path)
    assert texts(db) == ["one"]
    [aside] = aside_files(path)
    assert aside.read_bytes() == damaged
    assert storage.recovery_message == (
        f"{path} is not valid JSON; moved it to {aside}; restored the backup {storage.backup_path}"
    )
    assert json.loads(path.read_bytes())  # the restored file is whole again


def test_a_second_damage_gets_a_second_aside_file(tmp_path: Path) -> None:
    path = saved_twice(tmp_path)
    for garbage in (b"{", b"[1, 2"):
        path.write_bytes(garbage)
        assert texts(open_db(path)[0]) == ["one"]
    assert sorted(p.read_bytes() for p in aside_files(path)) == [b"[1, 2", b"{"]


def test_json_that_is_not_a_database_is_not_overwritten(tmp_path: Path) -> None:
    path = saved_twice(tmp_path)
    path.write_text('["not", "tables"]')
    db, storage = open_db(path)
    insert(db, storage, text="three")
    assert texts(db) == ["one", "three"]
    [aside] = aside_files(path)
    assert aside.read_text() == '["not", "tables"]'
    assert "is not a zhreader data file" in (storage.recovery_message or "")


def test_empty_file_with_a_backup_is_recovered(tmp_path: Path) -> None:
    path = saved_twice(tmp_path)
    path.write_bytes(b"")
    db, storage = open_db(path)
    assert texts(db) == ["one"]
    [aside] = aside_files(path)
    assert storage.recovery_message == (
        f"{path} was empty; moved it to {aside}; restored the backup {storage.backup_path}"
    )


def test_empty_file_without_a_backup_is_a_new_database(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    path.write_bytes(b"\n")
    db, storage = open_db(path)
    insert(db, storage, text="first")
    assert texts(db) == ["first"]
    assert storage.recovery_message is None
    assert aside_files(path) == []


def test_missing_file_with_a_backup_is_restored(tmp_path: Path) -> None:
    path = saved_twice(tmp_path)
    path.unlink()
    db, storage = open_db(path)
    assert texts(db) == ["one"]
    assert storage.recovery_message == (
        f"{path} was missing; restored the backup {storage.backup_path}"
    )


def test_damaged_file_and_damaged_backup_are_both_kept(tmp_path: Path) -> None:
    path = saved_twice(tmp_path)
    path.write_bytes(b"{bad")
    backup = path.with_name(path.name + ".bak")
    backup.write_bytes(b"{worse")
    db, storage = open_db(path)
    assert texts(db) == []
    [aside] = aside_files(path)
    [backup_aside] = aside_files(backup)
    assert (aside.read_bytes(), backup_aside.read_bytes()) == (b"{bad", b"{worse")
    assert storage.recovery_message == (
        f"{path} is not valid JSON; moved it to {aside}; the backup is not valid JSON "
        f"(moved it to {backup_aside}); starting with an empty data file"
    )


def test_damaged_file_without_backup_starts_empty_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    path.write_bytes(b"\x00\x00garbage")
    db, storage = open_db(path)
    assert texts(db) == []
    [aside] = aside_files(path)
    assert storage.recovery_message == (
        f"{path} is not valid JSON; moved it to {aside}; no backup; starting with an empty data file"
    )


# Failing disks --------------------------------------------------------------------


def fail_on(monkeypatch: pytest.MonkeyPatch, name: str, code: int) -> None:
    def failing(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, name, failing)


@pytest.mark.parametrize(
    ("call", "code", "reason"),
    [
        ("write", errno.ENOSPC, "No space left on device"),
        ("fsync", errno.EIO, "Input/output error"),
        ("replace", errno.EROFS, "{dir} is not writable (Read-only file system)"),
    ],
)
def test_a_failed_save_leaves_the_old_file_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, call: str, code: int, reason: str
) -> None:
    path = saved_twice(tmp_path)
    before = path.read_bytes()
    backup_before = path.with_name(path.name + ".bak").read_bytes()
    db, storage = open_db(path)
    with monkeypatch.context() as patch:
        fail_on(patch, call, code)
        with pytest.raises(DataFileError) as raised:
            insert(db, storage, text="three")
    reason = reason.format(dir=tmp_path)
    assert str(raised.value) == (
        f"could not save {path}: {reason}; the previous version is unchanged"
    )
    assert path.read_bytes() == before
    assert path.with_name(path.name + ".bak").read_bytes() == backup_before
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "data.json",
        "data.json.bak",
        "data.json.lock",
    ]
    insert(db, storage, text="three")  # and the next save works
    assert texts(db) == ["one", "two", "three"]


def test_directory_fsync_unsupported_by_the_filesystem_is_not_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        if os.path.isdir(f"/proc/self/fd/{fd}"):
            raise OSError(errno.EINVAL, "Invalid argument")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    db, storage = open_db(tmp_path / "data.json")
    insert(db, storage, text="x")
    assert texts(db) == ["x"]


# The lock -------------------------------------------------------------------------

HOLD_LOCK = """
import sys
from tinydb import TinyDB
from tinydb.table import Document
from store.durable_storage import DurableStorage
db = TinyDB(sys.argv[1], storage=DurableStorage)
with db.storage.transaction():
    print("locked", flush=True)
    sys.stdin.readline()
"""


def test_a_blocked_writer_says_who_holds_the_lock(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
        db, storage = open_db(path, lock_timeout=0.2)
        with pytest.raises(DataFileError) as raised:
            insert(db, storage, text="x")
        assert str(raised.value) == (
            f"{path} is locked by process {holder.pid}; nothing was saved, try again"
        )
        assert db.table("t").all() == []  # reading does not wait for the lock
    finally:
        holder.communicate("\n", timeout=10)
    insert(db, storage, text="after")
    assert texts(db) == ["after"]
