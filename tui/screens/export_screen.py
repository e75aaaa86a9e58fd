"""Where to export the open article's notes: a path with a sensible default, never overwriting unasked."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Static

from tui.safe_text import displayable
from tui.screens.confirm import ConfirmScreen

EXPORT_FOLDER_NAME = "zhreader-notes"


@dataclass(frozen=True)
class ExportChoice:
    path: Path
    pinyin: bool
    overwrite: bool  # the reader agreed to replace an existing file


def default_export_path(article_id: str, folder: Path | None = None) -> Path:
    """``<folder>/<article id>.md``; the folder defaults to ~/zhreader-notes (ids in subfolders flattened)."""
    name = article_id.replace("/", "_").replace("\\", "_")
    return (folder or Path.home() / EXPORT_FOLDER_NAME) / f"{name}.md"


def typed_path(typed: str) -> Path | None:
    """The typed path, with ~ expanded; a relative path is taken from the home folder."""
    typed = typed.strip()
    if not typed:
        return None
    path = Path(typed).expanduser()
    return path if path.is_absolute() else Path.home() / path


class ExportScreen(ModalScreen[ExportChoice | None]):
    """Dismisses with the chosen file and options, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="export.cancel")]

    def __init__(self, default: Path, summary: str, pinyin: bool) -> None:
        super().__init__()
        self.default = default
        self.summary = summary
        self.pinyin = pinyin

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog") as dialog:
            dialog.border_title = "Export notes to Markdown"
            yield Static(Content(self.summary), id="export-summary")
            yield Input(displayable(str(self.default)), id="export-path", compact=True)
            yield Checkbox("Pinyin line under each passage", self.pinyin, id="export-pinyin", compact=True)
            yield Static(Content("Enter exports, escape cancels. An existing file is never replaced unasked."),
                         id="export-feedback")
            with Horizontal(classes="dialog-buttons"):
                yield Button(Content("Export"), id="export-apply", variant="primary", compact=True)
                yield Button(Content("Cancel"), id="export-cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    def _problem(self, message: str) -> None:
        feedback = self.query_one("#export-feedback", Static)
        feedback.update(Content(displayable(message)))
        feedback.add_class("-invalid")
        self.app.bell()

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export-apply")
    def action_export(self) -> None:
        path = typed_path(self.query_one("#export-path", Input).value)
        if path is None:
            self._problem("Type the file to write.")
            return
        if path.is_dir():
            self._problem(f"{path} is a folder: add a file name.")
            return
        pinyin = self.query_one("#export-pinyin", Checkbox).value
        if not path.exists():
            self.dismiss(ExportChoice(path, pinyin, overwrite=False))
            return

        def answered(overwrite: bool | None) -> None:
            if overwrite:
                self.dismiss(ExportChoice(path, pinyin, overwrite=True))
            else:
                self._problem(f"{path} exists and was kept: choose another name.")

        self.app.push_screen(
            ConfirmScreen("Replace the file?", displayable(f"{path} exists. Replace it with this export?"),
                          confirm="Replace", cancel="Keep it"),
            answered,
        )

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
