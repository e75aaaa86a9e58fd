"""A yes/no question before something that cannot be undone (deleting a note, discarding typed text)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ConfirmScreen(ModalScreen[bool]):
    """Dismisses with True only when the reader confirms; the safe choice has focus."""

    BINDINGS = [
        Binding("escape", "answer(False)", "Cancel", id="confirm.cancel"),
        Binding("y", "answer(True)", "Yes", id="confirm.yes", show=False),
        Binding("n", "answer(False)", "No", id="confirm.no", show=False),
    ]

    def __init__(self, question: str, detail: str, confirm: str, cancel: str = "Cancel") -> None:
        super().__init__()
        self.question = question
        self.detail = detail
        self.confirm_label = confirm
        self.cancel_label = cancel

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog") as dialog:
            dialog.border_title = self.question
            # Note text and passages are data: Content, never markup.
            yield Static(Content(self.detail), id="confirm-detail")
            with Horizontal(classes="dialog-buttons"):
                yield Button(Content(f"{self.confirm_label} (y)"), id="confirm-yes", variant="error", compact=True)
                yield Button(Content(f"{self.cancel_label} (n)"), id="confirm-no", compact=True)

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")
