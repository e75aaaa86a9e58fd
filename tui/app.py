"""The Textual app that `zhreader` opens."""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import signal
import threading
from collections.abc import Callable
from pathlib import Path

import platformdirs
import rich
from rich.segment import Segments
from textual.app import App

from store.library import ARTICLE_SUFFIXES, CachedLibraryLoad
from tui.commands.common import EXIT_USAGE, data_dir, library_path, terminal_safe, warn
from tui.commands_palette import ReaderCommands
from tui.screens.confirm import ConfirmScreen
from tui.screens.main import MainScreen

# Signals that end the reader the way q does: the reading position saved, the terminal restored.
EXIT_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))
# After such a signal the process ends within this time even if shutting down hangs. It is longer
# than a save can take (the data file's lock wait is 10 s), so a note being saved is never cut off.
FORCED_EXIT_AFTER_S = 20.0


class ZhReaderApp(App[None]):
    """Article list, filters and reader; all state lives in MainScreen."""

    CSS_PATH = "zhreader.tcss"
    TITLE = "zhreader"
    COMMANDS = App.COMMANDS | {ReaderCommands}

    def __init__(
        self,
        library_root: Path,
        data_dir: Path,
        open_id: str | None = None,
        today: Callable[[], dt.date] = dt.date.today,
        cached: CachedLibraryLoad | None = None,
    ) -> None:
        super().__init__()
        self.library_root = library_root
        self.data_dir = data_dir
        self.open_id = open_id
        self.today = today
        self.cached = cached  # the library's cache, being read since before the app started
        self.exit_signals_handled: list[signal.Signals] = []

    def on_mount(self) -> None:
        self._install_signal_handlers()
        self.push_screen(MainScreen(self.library_root, self.data_dir, self.open_id, self.today, self.cached))

    @property
    def main_screen(self) -> MainScreen | None:
        return next((s for s in self.screen_stack if isinstance(s, MainScreen)), None)

    def deliver_screenshot(
        self, filename: str | None = None, path: str | None = None, time_format: str | None = None
    ) -> str | None:
        """Save an SVG of the screen in the user's downloads folder, or in the working directory without one.

        Textual's Screenshot command (in the command palette) tries only the
        downloads folder, and fails where it does not exist.
        """
        if path is None and not platformdirs.user_downloads_path().is_dir():
            path = os.getcwd()
        return super().deliver_screenshot(filename, path, time_format)

    def _install_signal_handlers(self) -> None:
        loop = asyncio.get_running_loop()
        for signum in EXIT_SIGNALS:
            try:
                loop.add_signal_handler(signum, self._exit_on_signal, signum)
            except (NotImplementedError, RuntimeError, ValueError):
                continue  # no such signal here (Windows), or not the main thread
            self.exit_signals_handled.append(signum)

    def on_unmount(self) -> None:
        loop = asyncio.get_running_loop()
        for signum in self.exit_signals_handled:
            loop.remove_signal_handler(signum)
        self.exit_signals_handled.clear()

    def _exit_on_signal(self, signum: int) -> None:
        """SIGTERM or SIGHUP: save as q does (and keep any note being typed), then exit.

        After SIGTERM the terminal is restored as on q. After SIGHUP there is
        no terminal: the process ends as soon as everything is saved, because
        Textual, woken by the SIGCONT that follows a hangup, blocks for ever
        writing to the closed terminal.
        """
        terminal_gone = signum == getattr(signal, "SIGHUP", None) and not self.is_headless
        if not self.is_headless:
            watchdog = threading.Timer(FORCED_EXIT_AFTER_S, os._exit, args=(0,))
            watchdog.daemon = True
            watchdog.start()
        main = self.main_screen
        if main is None or main.exiting:
            if terminal_gone:
                os._exit(0)
            self.exit()  # a second signal does not wait for the first save
            return
        main.save_and_exit(rescue_draft=True, terminal_gone=terminal_gone)

    async def action_quit(self) -> None:
        """Ctrl+Q: as q, but first ask if a note being typed would be lost."""
        main = self.main_screen
        if main is None:
            self.exit()
            return
        from tui.screens.note_editor import NoteEditor  # see tui.screens.main on the editor's import

        editor = next((s for s in self.screen_stack if isinstance(s, NoteEditor)), None)
        if editor is None or not editor.has_unsaved_changes:
            main.save_and_exit()
            return

        def answered(quit_anyway: bool | None) -> None:
            if quit_anyway:
                main.save_and_exit()

        self.push_screen(
            ConfirmScreen(
                "Quit without saving the note?",
                "The note being typed has not been saved and will be lost.",
                confirm="Quit",
                cancel="Keep editing",
            ),
            answered,
        )

    def _fatal_error(self) -> None:
        """As Textual's, but the traceback shows no local variables: they may hold note text."""
        from rich.traceback import Traceback  # only when crashing: its import costs 50 ms of every start

        self.bell()
        traceback = Traceback(show_locals=False, width=None, suppress=[rich])
        self._exit_renderables.append(Segments(self.console.render(traceback, self.console.options)))
        self._close_messages_no_wait()


def article_file_exists(root: Path, article_id: str) -> bool:
    """Whether an article id names a file of the library (ids are paths without extension)."""
    cleaned = article_id.strip().removesuffix(".txt").removesuffix(".md")
    candidate = root / cleaned
    folder = candidate.parent
    if not cleaned or not folder.is_dir():
        return False
    names = {f"{candidate.name}{suffix}".lower() for suffix in ARTICLE_SUFFIXES}
    return any(entry.name.lower() in names and entry.is_file() for entry in folder.iterdir())


def run_reader(args: argparse.Namespace, cached: CachedLibraryLoad | None = None) -> int:
    """Open the reader; an --open ID that names no file of the library exits 2 before the app starts.

    ``cached``, if given, is the library's cache being read already (for the library ``args`` name).
    """
    root = library_path(args)
    open_id = getattr(args, "open", None)
    if open_id is not None and root.is_dir() and not article_file_exists(root, open_id):
        warn(f"no article with id {terminal_safe(open_id)!r} in {root} (see `zhreader list`)")
        return EXIT_USAGE
    app = ZhReaderApp(root, data_dir(args), open_id, cached=cached)
    app.run()
    return app.return_code or 0
