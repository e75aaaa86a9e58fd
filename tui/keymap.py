"""Every key binding of the reader, in one place.

Each binding has an ``id`` so a user keymap (``App.set_keymap``) can remap it;
the help screen and the command palette list these same objects.
"""

from __future__ import annotations

from textual.binding import Binding

# Anywhere on the main screen.
SCREEN_BINDINGS: list[Binding] = [
    Binding("tab", "switch_pane", "Switch pane", id="main.switch-pane", show=False),
    Binding("slash", "focus_search", "Search", id="main.search", key_display="/"),
    Binding("r", "regions", "Regions", id="main.regions"),
    Binding("d", "dates", "Dates", id="main.dates"),
    Binding("B", "bookmarked_only", "Bookmarked only", id="main.bookmarked-only", show=False),
    Binding("s", "cycle_script", "Script", id="main.script"),
    Binding("p", "cycle_pinyin", "Pinyin", id="main.pinyin"),
    Binding("b", "toggle_bookmark", "Bookmark", id="main.bookmark"),
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

# In the region and date dialogs.
DIALOG_BINDINGS: list[Binding] = [
    Binding("escape", "cancel", "Cancel", id="dialog.cancel"),
]

HELP_GROUPS: list[tuple[str, list[Binding]]] = [
    ("Anywhere", SCREEN_BINDINGS),
    ("Article list", LIST_BINDINGS),
    ("Reader", READER_BINDINGS),
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
    "space": "Space",
    "home": "Home",
    "end": "End",
}


def key_label(binding: Binding) -> str:
    """The keys of a binding as a reader would write them: 'j / ↓'."""
    return " / ".join(_KEY_NAMES.get(key.strip(), key.strip()) for key in binding.key.split(","))
