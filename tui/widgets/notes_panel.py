"""The notes panel: the open article's notes in reading order, then those whose passage is gone.

Each entry shows where the note is, when it was made, its passage (in the
reader's script) and the first line of its text. Enter goes to the passage, e
edits, delete asks and deletes; the main screen does the work on messages.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.cells import cell_len, set_cell_size
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.article_notes import PlacedNote, PlacedNotes, first_line
from tui.keymap import NOTES_PANEL_BINDINGS
from tui.safe_text import displayable

QUOTE_CELLS = 60  # a long passage is cut, the whole of it is in the editor and the export
TEXT_CELLS = 120
UNANCHORED_HEADER = "unanchored"


def clip(text: str, cells: int) -> str:
    """``text`` on one line, cut to ``cells`` cells with an ellipsis."""
    text = " ".join(text.split())
    if cell_len(text) <= cells:
        return text
    return set_cell_size(text, cells - 1).rstrip() + "…"


def note_prompt(placed: PlacedNote, shown: Callable[[str], str]) -> Content:
    """Two to three lines: '¶3 · 2024-05-20 14:02', the passage, the note's first line."""
    note, where = placed.note, placed.location
    paragraph = (where.paragraph if where is not None else note.paragraph) + 1
    place = f"¶{paragraph}" if placed.is_passage or where is None else f"¶{paragraph} (whole)"
    when = note.created.strftime("%Y-%m-%d %H:%M")
    parts: list[str | tuple[str, str]] = [(f"{place} · {when}", "dim")]
    if note.tags:
        parts.append((f" · {clip(', '.join(note.tags), 30)}", "dim italic"))
    if note.quote is not None:
        parts += ["\n", (f"「{clip(displayable(shown(note.quote)), QUOTE_CELLS)}」", "bold")]
    parts += ["\n", clip(displayable(first_line(note.text)), TEXT_CELLS)]
    return Content.assemble(*parts)


class NoteList(OptionList):
    """The entries; keys act on the highlighted note."""

    BINDINGS = NOTES_PANEL_BINDINGS

    def action_edit_note(self) -> None:
        self._post(NotesPanel.EditNote)

    def action_delete_note(self) -> None:
        self._post(NotesPanel.DeleteNote)

    def action_close_panel(self) -> None:
        self.post_message(NotesPanel.Close())

    def _post(self, message: type[NotesPanel.NoteMessage]) -> None:
        option = self.highlighted_option
        if option is not None and option.id is not None and option.id != UNANCHORED_HEADER:
            self.post_message(message(option.id))


class NotesPanel(Vertical):
    """Header with the count, then the list (or a hint when the article has no notes)."""

    class NoteMessage(Message):
        def __init__(self, note_id: str) -> None:
            super().__init__()
            self.note_id = note_id

    class GoTo(NoteMessage):
        """Enter: show the note's passage in the reader."""

    class EditNote(NoteMessage):
        """e: edit the note."""

    class DeleteNote(NoteMessage):
        """delete: delete the note (after asking)."""

    class Close(Message):
        """escape: close the panel."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.notes: PlacedNotes | None = None

    def compose(self) -> ComposeResult:
        yield Static(Content("Notes"), id="notes-header")
        yield NoteList(id="notes-list")
        yield Static(id="notes-empty")

    @property
    def note_list(self) -> NoteList:
        return self.query_one(NoteList)

    def show_notes(self, notes: PlacedNotes | None, shown: Callable[[str], str]) -> None:
        """List ``notes`` (None: no article open); the highlight stays on the same note when it is still there."""
        self.notes = notes
        note_list = self.note_list
        current = note_list.highlighted_option
        keep = current.id if current is not None else None
        options: list[Option | None] = []
        for placed in notes.anchored if notes is not None else ():
            options += [Option(note_prompt(placed, shown), id=placed.note.id), None]
        if notes is not None and notes.unanchored:
            header = Content.assemble(("Unanchored: passage no longer in the article", "bold"))
            options.append(Option(header, id=UNANCHORED_HEADER, disabled=True))
            for placed in notes.unanchored:
                options += [Option(note_prompt(placed, shown), id=placed.note.id), None]
        note_list.set_options(options)
        ids = [o.id for o in note_list.options]
        if keep in ids:
            note_list.highlighted = ids.index(keep)
        elif note_list.option_count:
            note_list.highlighted = next(
                (i for i, o in enumerate(note_list.options) if not o.disabled), None
            )
        count = len(notes) if notes is not None else 0
        header = "Notes" if notes is None else f"Notes · {count}"
        if notes is not None and notes.unanchored:
            header += f" ({len(notes.unanchored)} unanchored)"
        self.query_one("#notes-header", Static).update(Content(header))
        empty = self.query_one("#notes-empty", Static)
        empty.display = count == 0
        note_list.display = count > 0
        empty.update(
            Content(
                "No article open."
                if notes is None
                else "No notes yet.\n\nn: a note on the paragraph at the top, or on text selected with the mouse."
            )
        )

    def highlight(self, note_id: str) -> None:
        """Put the highlight on a note (after saving it, say)."""
        ids = [o.id for o in self.note_list.options]
        if note_id in ids:
            self.note_list.highlighted = ids.index(note_id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None and event.option.id != UNANCHORED_HEADER:
            self.post_message(self.GoTo(event.option.id))
