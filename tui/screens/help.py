"""The help screen: every key, grouped by where it works, and how to use the mouse."""

from __future__ import annotations

from rich.cells import set_cell_size
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.keymap import HELP_GROUPS, key_label

KEY_CELLS = 14

NOTES = (
    "Mouse: click an article to open it, scroll with the wheel, drag to select text in the reader.",
    "n with text selected makes a note on that passage; without, on the paragraph at the top of the reader.",
    "Noted passages are underlined; a paragraph with a note of its own has a bar in the margin.",
    "Ctrl+P opens the command palette: every key above, plus tone numbers, tone colours,",
    "Taiwan or Hong Kong traditional forms, and the theme (light or dark).",
    "In the region and date dialogs: enter applies, escape cancels.",
)


def help_content() -> Content:
    """All key groups as aligned rows of key and description."""
    parts: list[str | tuple[str, str]] = []
    for title, bindings in HELP_GROUPS:
        if parts:
            parts.append("\n")
        parts.append((title, "bold"))
        for binding in bindings:
            parts.append("\n  ")
            parts.append((set_cell_size(key_label(binding), KEY_CELLS), "bold"))
            if binding.tooltip:
                # The space ends the plain run: screenshot renderers drop a styled run's leading spaces.
                parts += [f"{binding.description} ", (f"— {binding.tooltip}", "dim")]
            else:
                parts.append(binding.description)
    parts.append("\n")
    for line in NOTES:
        parts.append("\n")
        parts.append((line, "dim"))
    return Content.assemble(*parts)


class HelpScreen(ModalScreen[None]):
    """Keys and mouse use; escape, q or ? closes it."""

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close", id="help.close"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-dialog") as dialog:
            dialog.border_title = "zhreader keys"
            yield Static(help_content(), id="help-text")
