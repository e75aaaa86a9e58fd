"""The note editor: the passage being annotated, the note, its tags; ctrl+s saves, escape cancels.

Saving runs the given blocking save function in a thread worker and closes
the editor only once it has returned, that is once the note is on disk. If it
fails, the editor stays open with the text as typed, so nothing is lost.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static, TextArea
from textual.worker import Worker, WorkerState

from store.annotations import Note
from store.durable_storage import DataFileError
from tui.keymap import NOTE_EDITOR_BINDINGS
from tui.safe_text import displayable
from tui.screens.confirm import ConfirmScreen

# Saves the note text and tags; blocking (runs in a worker); returns the note as saved.
SaveNote = Callable[[str, tuple[str, ...]], Note]

HELP = "Ctrl+S saves · Escape cancels · Tab moves to the tags"
_TAG_SEPARATORS = re.compile(r"[,，、]")


def parse_tags(typed: str) -> tuple[str, ...]:
    """Tags typed comma-separated (ASCII or Chinese commas, or 、); blanks dropped, order kept."""
    return tuple(dict.fromkeys(tag.strip() for tag in _TAG_SEPARATORS.split(typed) if tag.strip()))


@dataclass(frozen=True)
class NoteDraft:
    """What the editor opens with: a title, the passage (shown above the note), and any saved text."""

    title: str
    passage: Content
    text: str = ""
    tags: tuple[str, ...] = ()


def passage_content(before: str, passage: str, after: str, whole_paragraph: bool = False) -> Content:
    """The passage with a little context around it, a quoted passage emphasised (plain data, never markup)."""
    return Content.assemble(
        (displayable(before), "dim"),
        (displayable(passage), "" if whole_paragraph else "bold underline"),
        (displayable(after), "dim"),
    )


class NoteEditor(ModalScreen[Note | None]):
    """Dismisses with the saved note, or None when cancelled."""

    BINDINGS = NOTE_EDITOR_BINDINGS

    def __init__(self, draft: NoteDraft, save: SaveNote) -> None:
        super().__init__()
        self.draft = draft
        self._save = save
        self.saving = False

    def compose(self) -> ComposeResult:
        with Vertical(id="note-dialog") as dialog:
            dialog.border_title = self.draft.title
            with VerticalScroll(id="note-passage-box"):
                yield Static(self.draft.passage, id="note-passage")
            yield TextArea(
                self.draft.text,
                id="note-text",
                soft_wrap=True,
                tab_behavior="focus",
                show_line_numbers=False,
                placeholder="Type the note…",
            )
            with Horizontal(id="note-tags-row"):
                yield Label("Tags ")
                yield Input(
                    ", ".join(self.draft.tags),
                    placeholder="comma-separated, optional",
                    id="note-tags",
                    compact=True,
                )
            yield Static(Content(HELP), id="note-status")

    def on_mount(self) -> None:
        text_area = self.query_one("#note-text", TextArea)
        text_area.focus()
        text_area.move_cursor(text_area.document.end)

    @property
    def text(self) -> str:
        return self.query_one("#note-text", TextArea).text

    @property
    def tags(self) -> tuple[str, ...]:
        return parse_tags(self.query_one("#note-tags", Input).value)

    @property
    def has_unsaved_changes(self) -> bool:
        """True when closing now would lose something typed."""
        if self.text != self.draft.text and (self.text.strip() or self.draft.text):
            return True
        return self.tags != self.draft.tags

    def _show_status(self, message: str, problem: bool = False) -> None:
        status = self.query_one("#note-status", Static)
        status.update(Content(message))
        status.set_class(problem, "-problem")

    def action_save(self) -> None:
        if self.saving:
            return
        text = self.text
        if not text.strip():
            self._show_status("The note is empty: type something, or press escape to cancel.", problem=True)
            self.app.bell()
            return
        self.saving = True
        self._show_status("Saving…")
        self._save_worker(text, self.tags)

    @work(thread=True, exclusive=True, group="note-save")
    def _save_worker(self, text: str, tags: tuple[str, ...]) -> Note | None:
        """The saved note (the editor closes with it once this worker is done), or None if it failed."""
        try:
            return self._save(text, tags)
        except (DataFileError, OSError, ValueError) as exc:
            self.app.call_from_thread(self._save_failed, str(exc))
            return None

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # Closed here, once the worker is done: closed from inside the worker, the editor
        # cancelled it as it went (the note was saved, but the worker ended as cancelled).
        if event.worker.group == "note-save" and event.state == WorkerState.SUCCESS:
            if isinstance(note := event.worker.result, Note):
                self.dismiss(note)

    def _save_failed(self, reason: str) -> None:
        self.saving = False
        message = f"The note was not saved: {reason}"
        self._show_status(displayable(f"{message}. Your text is still here: Ctrl+S tries again."), problem=True)
        self.notify(displayable(message), title="Note not saved", severity="error", timeout=15)

    def action_cancel(self) -> None:
        if self.saving:
            return
        if not self.has_unsaved_changes:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen(
                "Discard this note?",
                "What you typed has not been saved and will be lost.",
                confirm="Discard",
                cancel="Keep editing",
            ),
            answered,
        )
