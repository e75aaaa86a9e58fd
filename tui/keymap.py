"""Every key binding of the reader, in one place.

Each binding has an ``id`` so a user keymap (``App.set_keymap``) can remap it;
the help screen and the command palette list these same objects. The footer
shows a binding's short description; the help screen and the palette add its
tooltip, when it has one, to say more.
"""

from __future__ import annotations

from textual.binding import Binding

# Anywhere on the main screen.
SCREEN_BINDINGS: list[Binding] = [
    Binding("tab", "switch_pane", "Switch pane", id="main.switch-pane", show=False),
    # Not in the footer: the search box itself says "Search (/)", and an 80-column footer needs the room.
    Binding("slash", "focus_search", "Search", id="main.search", key_display="/", show=False),
    Binding("r", "regions", "Regions", id="main.regions"),
    Binding("d", "dates", "Dates", id="main.dates"),
    Binding(
        "B", "cycle_marked_filter", "Show all / bookmarked / with notes", id="main.marked-filter", show=False
    ),
    Binding("s", "cycle_script", "Script", id="main.script"),
    Binding("p", "cycle_pinyin", "Pinyin", id="main.pinyin"),
    Binding("b", "toggle_bookmark", "Bookmark", id="main.bookmark"),
    Binding("n", "new_note", "Note", id="main.note", tooltip="on the selected text, else on the paragraph at the top"),
    Binding(
        "N", "toggle_notes_panel", "Notes", id="main.notes-panel", show=False, tooltip="panel of this article's notes"
    ),
    Binding("e", "export_notes", "Export notes", id="main.export-notes", show=False,
            tooltip="this article's notes, to a Markdown file"),
    Binding("question_mark", "help", "Help", id="main.help", key_display="?"),
    Binding("escape", "back", "Back / clear", id="main.back", show=False),
    Binding("q", "quit_reader", "Quit", id="main.quit"),
]

# In the article list.
LIST_BINDINGS: list[Binding] = [
    Binding("j,down", "cursor_down", "Next article", id="list.down", show=False),
    Binding("k,up", "cursor_up", "Previous article", id="list.up", show=False),
    Binding("pagedown", "page_down", "Page down", id="list.page-down", show=False),
    Binding("pageup", "page_up", "Page up", id="list.page-up", show=False),
    Binding("home,g", "first", "First article", id="list.first", show=False),
    Binding("end,G", "last", "Last article", id="list.last", show=False),
    Binding("enter", "open", "Open", id="list.open"),
]

# In the reading pane.
READER_BINDINGS: list[Binding] = [
    Binding("j,down", "scroll_down", "Scroll down", id="reader.down", show=False),
    Binding("k,up", "scroll_up", "Scroll up", id="reader.up", show=False),
    Binding("space,pagedown", "page_down", "Page down", id="reader.page-down", show=False),
    Binding("pageup", "page_up", "Page up", id="reader.page-up", show=False),
    Binding("home,g", "scroll_home", "Top of article", id="reader.top", show=False),
    Binding("end,G", "scroll_end", "End of article", id="reader.end", show=False),
]

# In the notes panel (enter, e and delete act on the highlighted note).
NOTES_PANEL_BINDINGS: list[Binding] = [
    # Short footer labels: with the screen's keys after them they must fit 80 columns.
    Binding("enter", "select", "Go to", id="notes.go-to", tooltip="scroll the reader to the note's passage"),
    Binding("e", "edit_note", "Edit", id="notes.edit"),
    Binding("delete,x", "delete_note", "Delete", id="notes.delete", tooltip="asks before deleting"),
    Binding("escape", "close_panel", "Close", id="notes.close", tooltip="close the notes panel"),
]

# In the note editor.
NOTE_EDITOR_BINDINGS: list[Binding] = [
    # Not a priority binding: it must queue behind the keys typed before it, or the last of them is lost.
    Binding("ctrl+s", "save", "Save", id="note-editor.save"),
    # Priority: focus moves the moment tab is read, so keys typed right after it go to the next field.
    Binding("tab", "app.focus_next", "Next field", id="note-editor.next-field", show=False, priority=True),
    Binding("shift+tab", "app.focus_previous", "Previous field", id="note-editor.previous-field", show=False,
            priority=True),
    Binding("escape", "cancel", "Cancel (asks before discarding text)", id="note-editor.cancel"),
]

# In the region and date dialogs.
DIALOG_BINDINGS: list[Binding] = [
    Binding("escape", "cancel", "Cancel", id="dialog.cancel"),
]

HELP_GROUPS: list[tuple[str, list[Binding]]] = [
    ("Anywhere", SCREEN_BINDINGS),
    ("Article list", LIST_BINDINGS),
    ("Reader", READER_BINDINGS),
    ("Notes panel", NOTES_PANEL_BINDINGS),
    ("Note editor", NOTE_EDITOR_BINDINGS),
]

_KEY_NAMES = {
    "slash": "/",
    "question_mark": "?",
    "down": "↓",
    "up": "↑",
    "pagedown": "PgDn",
    "pageup": "PgUp",
    "escape": "Esc",
    "enter": "Enter",
    "tab": "Tab",
    "shift+tab": "Shift+Tab",
    "space": "Space",
    "delete": "Del",
    "ctrl+s": "Ctrl+S",
    "home": "Home",
    "end": "End",
}


def key_label(binding: Binding) -> str:
    """The keys of a binding as a reader would write them: 'j / ↓'."""
    return " / ".join(_KEY_NAMES.get(key.strip(), key.strip()) for key in binding.key.split(","))
