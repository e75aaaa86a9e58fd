"""Notes survive SIGKILL, concurrent writers, damaged files and read-only directories.

Writers run as real processes (``sys.executable -c``). A note counts as
reported saved once its id is printed, which happens after ``add_note``
returns; every reported id must be in the file afterwards.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from store.anchors import Anchor
from store.annotations import Annotations

NOTE_TEXT = "筆記 {n} [/] \n> not a quote\n# not a heading\n---\n😀"

WRITER = f"""
import sys
from store.anchors import Anchor
from store.annotations import Annotations
notes = Annotations(sys.argv[1])
for n in range(int(sys.argv[3])):
    note = notes.add_note(sys.argv[2], Anchor(n % 7), {NOTE_TEXT!r}.format(n=n))
    print(note.id, flush=True)
"""


def start_writer(data_dir: Path, article_id: str, count: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(data_dir), article_id, str(count)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def complete_lines(output: bytes) -> set[str]:
    """Ids from whole lines only: a kill may cut the last line short."""
    *whole, _partial = output.split(b"\n")
    return {line.decode() for line in whole if line}


def saved_ids(data_dir: Path) -> set[str]:
    """Ids in the data file, read with plain json: it must parse as it is."""
    data = json.loads((data_dir / "zhreader.json").read_bytes())
    return {doc["id"] for doc in data["notes"].values()}


def test_sigkill_at_random_moments_never_loses_a_reported_note(tmp_path: Path) -> None:
    rng = random.Random(20261123)
    reported: set[str] = set()
    for round_ in range(30):
        writer = start_writer(tmp_path, f"article-{round_}", 10_000)
        assert writer.stdout is not None
        # Let a seeded number of saves complete, then kill a seeded fraction of a
        # save later: the number of writes does not depend on machine speed, and
        # the kill lands anywhere inside the next save (or the read before it).
        seen = b"".join(writer.stdout.readline() for _ in range(rng.randint(8, 16)))
        time.sleep(rng.uniform(0.0, 0.004))
        writer.send_signal(signal.SIGKILL)
        rest, err = writer.communicate(timeout=10)
        assert writer.returncode == -signal.SIGKILL, err.decode()
        before = len(reported)
        reported |= complete_lines(seen + rest)
        assert len(reported) - before >= 8, err.decode()
        assert reported <= saved_ids(tmp_path), f"round {round_}: a reported note is missing"
    assert len(reported) >= 300
    reopened = Annotations(tmp_path)
    assert reopened.recovery_message is None
    assert {n.id for n in reopened.notes()} >= reported
    assert all(n.text == NOTE_TEXT.format(n=int(n.text.split()[1])) for n in reopened.notes())


CRASH_AT_CALL = """
import os, signal, sys
from store.anchors import Anchor
from store.annotations import Annotations
notes = Annotations(sys.argv[1])
for n in range(3):
    print(notes.add_note("a", Anchor(n), f"before {n}").id, flush=True)
name, nth = sys.argv[2], int(sys.argv[3])
real = getattr(os, name)
calls = 0
def crash_before(*args, **kwargs):
    global calls
    calls += 1
    if calls == nth:
        os.kill(os.getpid(), signal.SIGKILL)
    return real(*args, **kwargs)
setattr(os, name, crash_before)
print(notes.add_note("a", Anchor(9), "the one being written").id, flush=True)
"""


# Every step of a save, in order: write the temporary file, fsync it, link the
# backup, replace the backup, replace the data file, fsync the directory.
@pytest.mark.parametrize(
    ("call", "nth"),
    [("write", 1), ("fsync", 1), ("link", 1), ("replace", 1), ("replace", 2), ("fsync", 2)],
)
def test_sigkill_at_each_step_of_a_save(tmp_path: Path, call: str, nth: int) -> None:
    crashed = subprocess.run(
        [sys.executable, "-c", CRASH_AT_CALL, str(tmp_path), call, str(nth)],
        capture_output=True,
        timeout=30,
    )
    assert crashed.returncode == -signal.SIGKILL, crashed.stderr.decode()
    reported = complete_lines(crashed.stdout)
    assert len(reported) == 3
    assert reported <= saved_ids(tmp_path)
    after = Annotations(tmp_path)
    assert after.recovery_message is None
    after.add_note("a", Anchor(0), "after the crash")  # leftovers do not get in the way
    assert len(saved_ids(tmp_path)) in (4, 5)  # the interrupted note may or may not be there


def test_four_writers_at_once_lose_nothing(tmp_path: Path) -> None:
    writers = [start_writer(tmp_path, f"writer-{n}", 40) for n in range(4)]
    reported: set[str] = set()
    for writer in writers:
        out, err = writer.communicate(timeout=60)
        assert writer.returncode == 0, err.decode()
        reported |= complete_lines(out)
    assert len(reported) == 160
    assert saved_ids(tmp_path) == reported
    counts = Annotations(tmp_path).note_counts()
    assert counts == {f"writer-{n}": 40 for n in range(4)}


# Damaged files and read-only directories ----------------------------------------


def three_notes(data_dir: Path) -> tuple[Annotations, list[str]]:
    store = Annotations(data_dir)
    ids = [store.add_note("a", Anchor(n), f"note {n}").id for n in range(3)]
    return store, ids


def test_corrupt_file_is_kept_and_the_backup_restored(tmp_path: Path) -> None:
    _, ids = three_notes(tmp_path)
    data_file = tmp_path / "zhreader.json"
    corrupt = data_file.read_bytes()[:-30]
    data_file.write_bytes(corrupt)
    store = Annotations(tmp_path)
    [aside] = tmp_path.glob("zhreader.json.corrupt-*")
    assert aside.read_bytes() == corrupt  # the damaged file is kept for salvage
    assert store.recovery_message == (
        f"{data_file} is not valid JSON; moved it to {aside}; "
        f"restored the backup {tmp_path / 'zhreader.json.bak'}"
    )
    assert [n.id for n in store.notes()] == ids[:2]  # the backup is the previous version
    store.add_note("a", Anchor(5), "carry on")
    assert len(saved_ids(tmp_path)) == 3


def test_emptied_file_is_kept_and_the_backup_restored(tmp_path: Path) -> None:
    _, ids = three_notes(tmp_path)
    data_file = tmp_path / "zhreader.json"
    data_file.write_bytes(b"")
    store = Annotations(tmp_path)
    [aside] = tmp_path.glob("zhreader.json.corrupt-*")
    assert store.recovery_message == (
        f"{data_file} was empty; moved it to {aside}; "
        f"restored the backup {tmp_path / 'zhreader.json.bak'}"
    )
    assert [n.id for n in store.notes()] == ids[:2]


READ_ONLY_WRITER = """
import sys
from store.anchors import Anchor
from store.annotations import Annotations, DataFileError
store = Annotations(sys.argv[1])
print(len(store.notes()))
try:
    store.add_note("a", Anchor(0), "cannot be saved")
except DataFileError as exc:
    print(exc)
else:
    print("saved")
"""


def without_permission_override() -> list[str]:
    """A command prefix under which root obeys file permissions too."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: permissions would not apply")
    return [setpriv, "--bounding-set", "-dac_override,-dac_read_search,-fowner", "--"]


def test_read_only_directory_gets_a_clear_message_and_keeps_the_file(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    three_notes(data_dir)
    kept = ["zhreader.json", "zhreader.json.bak"]
    before = [(data_dir / name).read_bytes() for name in kept]
    data_dir.chmod(0o555)
    try:
        run = subprocess.run(
            [*without_permission_override(), sys.executable, "-c", READ_ONLY_WRITER, str(data_dir)],
            capture_output=True,
            text=True,
            timeout=30,
        )
    finally:
        data_dir.chmod(0o755)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == [
        "3",
        f"could not save {data_dir / 'zhreader.json'}: {data_dir} is not writable "
        "(Permission denied); the previous version is unchanged",
    ]
    assert [(data_dir / name).read_bytes() for name in kept] == before
    assert sorted(p.name for p in data_dir.iterdir()) == [*kept, "zhreader.json.lock"]
