"""Leaving articles and the reader: scroll positions, signals, ctrl+q, and crash reports without note text."""

from __future__ import annotations

import asyncio
import os
import pty
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pilot_support import main_screen, make_app, settle
from textual.widgets import TextArea

from store.annotations import Annotations
from tui.screens.confirm import ConfirmScreen
from tui.screens.note_editor import NoteEditor

CHONGQING = "000_cd5ba6057e19a2ed"


def position(data_dir: Path, article_id: str) -> float | None:
    with Annotations(data_dir) as annotations:
        found = annotations.reading_position(article_id)
    return None if found is None else found.scroll


def test_scroll_is_saved_when_leaving_an_article_and_restored_on_reopen(seeds_dir: Path, data_dir: Path) -> None:
    async def scenario() -> None:
        async with make_app(seeds_dir, data_dir, open_id=CHONGQING).run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            screen = main_screen(pilot)
            for _ in range(15):
                await pilot.press("j")
            assert screen.reader.scroll_y == 15
            other = next(a for a in screen.article_list.articles if a.id != CHONGQING)
            screen.open_article(other)
            await settle(pilot)
            assert position(data_dir, CHONGQING) == 15  # written on leaving, not at every step
            assert screen.reader.scroll_y == 0
            await pilot.press("j", "j", "j")
            screen.open_article(next(a for a in screen.article_list.articles if a.id == CHONGQING))
            await settle(pilot, 0.1)
            assert screen.reader.scroll_y == 15
            assert position(data_dir, other.id) == 3

    asyncio.run(scenario())


def test_an_article_opened_by_id_starts_where_it_was_left(seeds_dir: Path, data_dir: Path) -> None:
    with Annotations(data_dir) as annotations:
        annotations.set_reading_position(CHONGQING, 20)

    async def scenario() -> None:
        async with make_app(seeds_dir, data_dir, open_id=CHONGQING).run_test(size=(120, 36)) as pilot:
            await settle(pilot, 0.1)
            assert main_screen(pilot).reader.scroll_y == 20
            assert position(data_dir, CHONGQING) == 20  # opening it wrote nothing over it

    asyncio.run(scenario())


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_saves_the_position_and_a_typed_note_then_exits(
    seeds_dir: Path, data_dir: Path, signum: signal.Signals
) -> None:
    async def scenario() -> None:
        app = make_app(seeds_dir, data_dir, open_id=CHONGQING)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            # Sent to this very process: only safe because the app has taken the signal over.
            assert signum in app.exit_signals_handled
            for _ in range(7):
                await pilot.press("j")
            await pilot.press("n")
            pilot.app.screen.query_one(TextArea).insert("typed, never saved")
            await pilot.pause()
            os.kill(os.getpid(), signum)
            await settle(pilot, 0.2)
        assert app.return_code == 0
        assert app.exit_signals_handled == []  # handed back on the way out

    asyncio.run(scenario())
    assert position(data_dir, CHONGQING) == 7
    with Annotations(data_dir) as annotations:
        [note] = annotations.notes(CHONGQING)
    assert note.text == "typed, never saved" and note.tags == ("unsaved",)


def test_ctrl_q_asks_before_losing_a_typed_note(seeds_dir: Path, data_dir: Path) -> None:
    async def scenario() -> None:
        app = make_app(seeds_dir, data_dir, open_id=CHONGQING)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await pilot.press("n")
            pilot.app.screen.query_one(TextArea).insert("half a thought")
            await pilot.press("ctrl+q")
            assert isinstance(pilot.app.screen, ConfirmScreen)
            await pilot.press("n")
            assert isinstance(pilot.app.screen, NoteEditor)
            await pilot.press("ctrl+q", "y")
            await settle(pilot)
        assert app.return_code == 0

    asyncio.run(scenario())
    with Annotations(data_dir) as annotations:
        assert annotations.notes() == []
        assert annotations.last_article().article_id == CHONGQING  # ctrl+q saves as q does


def test_a_crash_report_shows_no_local_variables(library: Path, data_dir: Path) -> None:
    async def scenario() -> None:
        app = make_app(library, data_dir)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)

            def save(note_text: str) -> None:
                raise RuntimeError("disk on fire")

            secret = "".join(["MY ", "PRIVATE ", "NOTE"])  # built, so no source line shows it
            try:
                save(secret)
            except RuntimeError:
                app._fatal_error()
            report = "".join(segment.text for r in app._exit_renderables for segment in r.segments)
        assert "RuntimeError" in report and "disk on fire" in report
        assert "MY PRIVATE NOTE" not in report

    asyncio.run(scenario())


class ReaderInTerminal:
    """The real program in a pseudo-terminal, for what only a real terminal shows."""

    def __init__(self, seeds_dir: Path, data_dir: Path) -> None:
        env = {**os.environ, "ZHREADER_DATA_DIR": str(data_dir), "TERM": "xterm-256color"}
        self.leader, follower = pty.openpty()
        os.set_blocking(self.leader, False)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tui.cli", "--library", str(seeds_dir), "--open", CHONGQING],
            stdin=follower,
            stdout=follower,
            stderr=follower,
            env=env,
            start_new_session=True,
        )
        os.close(follower)
        self.output = b""
        self.open = True

    def read(self, seconds: float, until: str | None = None) -> None:
        """Collect output for ``seconds``, or until ``until`` has been shown."""
        wanted = until.encode() if until else None
        deadline = time.monotonic() + seconds
        while self.open and time.monotonic() < deadline and not (wanted and wanted in self.output):
            ready, _, _ = select.select([self.leader], [], [], 0.1)
            if ready:
                try:
                    self.output += os.read(self.leader, 65536)
                except OSError:
                    return  # the program has closed the terminal
        assert wanted is None or wanted in self.output, self.output[-500:]

    def type(self, text: str) -> None:
        os.write(self.leader, text.encode())

    def hang_up(self) -> None:
        """Close the terminal, as a closed window or a dropped ssh connection does."""
        os.close(self.leader)
        self.open = False

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        if self.open:
            self.hang_up()


def test_sigterm_restores_the_terminal(seeds_dir: Path, tmp_path: Path) -> None:
    """SIGTERM leaves the alternate screen, shows the cursor again and exits 0."""
    reader = ReaderInTerminal(seeds_dir, tmp_path / "data")
    try:
        reader.read(30, until="重慶")
        reader.process.send_signal(signal.SIGTERM)
        assert reader.process.wait(timeout=20) == 0
        reader.read(1)
    finally:
        reader.close()
    assert b"\x1b[?1049h" in reader.output  # it had taken the alternate screen
    assert b"\x1b[?1049l" in reader.output.rsplit(b"\x1b[?1049h", 1)[1]  # and gave it back


def test_a_hangup_keeps_the_note_being_typed_and_ends_the_process(seeds_dir: Path, tmp_path: Path) -> None:
    """After SIGHUP (and the SIGCONT a hangup brings) there is no terminal: save, then end, never hang."""
    reader = ReaderInTerminal(seeds_dir, tmp_path / "data")
    try:
        reader.read(30, until="重慶")
        reader.type("n")
        reader.read(10, until="New note")
        reader.type("written just before the line dropped")
        reader.read(10, until="line dropped")
        reader.hang_up()
        reader.process.send_signal(signal.SIGHUP)
        reader.process.send_signal(signal.SIGCONT)
        assert reader.process.wait(timeout=20) == 0
    finally:
        reader.close()
    with Annotations(tmp_path / "data") as annotations:
        [note] = annotations.notes(CHONGQING)
    assert note.text == "written just before the line dropped" and note.tags == ("unsaved",)
