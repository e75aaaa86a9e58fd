"""The region picker: choose one or several regions, each with its article count."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rich.cells import set_cell_size
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, SelectionList, Static
from textual.widgets.selection_list import Selection

from store.display_script import DisplayScript
from store.gazetteer import PROVINCES

_PROVINCES = {p.code: p for p in PROVINCES}


@dataclass(frozen=True)
class RegionCount:
    code: str
    count: int  # articles of this region under the other filters


def count_regions(counts: Mapping[str, int], known: Iterable[str]) -> list[RegionCount]:
    """Region counts as the dialog lists them: every ``known`` region too (0 if absent), most articles first."""
    merged = dict.fromkeys(known, 0) | dict(counts)
    return sorted((RegionCount(code, n) for code, n in merged.items()), key=lambda rc: (-rc.count, rc.code))


def region_prompt(code: str, count: int, script: DisplayScript) -> Content:
    """'重庆    Chongqing        CN-CQ      3' (names from the gazetteer, in the displayed script)."""
    province = _PROVINCES.get(code)
    if province is None:
        short, english = code, ""
    else:
        short = province.short_traditional if script == "traditional" else province.short
        english = province.name_en
    return Content.assemble(
        set_cell_size(short, 8),
        (set_cell_size(english, 16), "dim"),
        set_cell_size(code, 7),
        (f"{count:>7,}", "bold" if count else "dim"),
    )


class RegionScreen(ModalScreen[frozenset[str] | None]):
    """Dismisses with the chosen region codes, or None when cancelled."""

    BINDINGS = [
        Binding("enter", "apply", "Apply", id="regions.apply", priority=True),
        Binding("escape", "cancel", "Cancel", id="regions.cancel"),
        Binding("c", "clear", "Clear all", id="regions.clear"),
    ]

    def __init__(self, counts: list[RegionCount], selected: frozenset[str], script: DisplayScript) -> None:
        super().__init__()
        self.counts = counts
        self.selected = selected
        self.script: DisplayScript = script

    def compose(self) -> ComposeResult:
        with Vertical(id="region-dialog") as dialog:
            dialog.border_title = "Regions"
            yield Static(
                Content("Space toggles a region, enter applies, c clears, escape cancels. "
                        "Counts are articles under the other filters."),
                id="region-help",
            )
            yield SelectionList[str](
                *(
                    Selection(region_prompt(rc.code, rc.count, self.script), rc.code, rc.code in self.selected)
                    for rc in self.counts
                ),
                id="region-list",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button(Content("Apply"), id="region-apply", variant="primary", compact=True)
                yield Button(Content("Clear"), id="region-clear", compact=True)
                yield Button(Content("Cancel"), id="region-cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one(SelectionList).focus()

    def chosen(self) -> frozenset[str]:
        return frozenset(self.query_one("#region-list", SelectionList).selected)

    def action_apply(self) -> None:
        self.dismiss(self.chosen())

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_clear(self) -> None:
        self.query_one("#region-list", SelectionList).deselect_all()

    @on(Button.Pressed, "#region-apply")
    def _apply_pressed(self) -> None:
        self.action_apply()

    @on(Button.Pressed, "#region-clear")
    def _clear_pressed(self) -> None:
        self.action_clear()

    @on(Button.Pressed, "#region-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()
