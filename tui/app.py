"""The Textual app that `zhreader` opens."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from pathlib import Path

from textual.app import App

from store.library import ARTICLE_SUFFIXES
from tui.commands.common import EXIT_USAGE, data_dir, library_path, terminal_safe, warn
from tui.commands_palette import ReaderCommands
from tui.screens.main import MainScreen


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
    ) -> None:
        super().__init__()
        self.library_root = library_root
        self.data_dir = data_dir
        self.open_id = open_id
        self.today = today

    def on_mount(self) -> None:
        self.push_screen(MainScreen(self.library_root, self.data_dir, self.open_id, self.today))


def article_file_exists(root: Path, article_id: str) -> bool:
    """Whether an article id names a file of the library (ids are paths without extension)."""
    cleaned = article_id.strip().removesuffix(".txt").removesuffix(".md")
    candidate = root / cleaned
    folder = candidate.parent
    if not cleaned or not folder.is_dir():
        return False
    names = {f"{candidate.name}{suffix}".lower() for suffix in ARTICLE_SUFFIXES}
    return any(entry.name.lower() in names and entry.is_file() for entry in folder.iterdir())


def run_reader(args: argparse.Namespace) -> int:
    """Open the reader; an --open ID that names no file of the library exits 2 before the app starts."""
    root = library_path(args)
    open_id = getattr(args, "open", None)
    if open_id is not None and root.is_dir() and not article_file_exists(root, open_id):
        warn(f"no article with id {terminal_safe(open_id)!r} in {root} (see `zhreader list`)")
        return EXIT_USAGE
    app = ZhReaderApp(root, data_dir(args), open_id)
    app.run()
    return app.return_code or 0
