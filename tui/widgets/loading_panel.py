"""What the main screen shows while the library loads, or when it could not."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import ProgressBar, Static


class LoadingPanel(Vertical):
    """A progress bar while loading; a clear message (not a traceback) if loading failed."""

    def compose(self) -> ComposeResult:
        yield Static(Content("Loading library…"), id="loading-message")
        # Shown with the first progress report: a library read from its cache is
        # there in a moment, and the bar's animation would repaint the screen
        # every frame meanwhile, taking the interpreter from the loading thread.
        bar = ProgressBar(id="loading-progress", show_eta=False)
        bar.display = False
        yield bar

    def set_progress(self, done: int, total: int) -> None:
        bar = self.query_one(ProgressBar)
        bar.display = True
        bar.update(total=max(total, 1), progress=done)
        self.query_one("#loading-message", Static).update(Content(f"Loading library… {done:,} of {total:,} files"))

    def show_error(self, message: str) -> None:
        self.add_class("-error")
        self.query_one(ProgressBar).display = False
        self.query_one("#loading-message", Static).update(
            Content.assemble(("Could not open the library\n\n", "bold"), message, "\n\nPress q to quit.")
        )
