"""Textual's Footer, rebuilt only when the keys it shows change, and not while held.

Textual's Footer recomposes every key on every change of focus or bindings.
While the reader starts, focus moves several times without changing the keys
shown, and each rebuild restyles every key: about a tenth of the start-up time.
A rebuild (mounting, styling and laying out a dozen keys, 30-60 ms) can be
held while something the user waits for is under way: the library loading at
start-up, an article's first screen after the focus moved to the reader.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer

# What the footer shows for one binding: its key as displayed, its description, whether it is enabled, its tooltip.
ShownKey = tuple[str, str, bool, str]


class SteadyFooter(Footer):
    """A Footer that coalesces binding changes and skips rebuilds that would show the same keys."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self._shown: tuple[ShownKey, ...] | None = None
        self._rebuild_pending = False
        self._held = False
        self._rebuild_held = False  # a rebuild was asked for while held

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self._ask_rebuild()

    def hold(self) -> None:
        """Keep the keys shown as they are until `release`."""
        self._held = True

    def release(self) -> None:
        """Show the keys of now, if they changed while held (after the next refresh)."""
        self._held = False
        if self._rebuild_held:
            self._rebuild_held = False
            # Asked for from the footer's own message loop: Footer.compose binds data to the
            # widget whose loop runs it, and the caller's may be the screen's.
            self.call_later(self._ask_rebuild)

    def _ask_rebuild(self) -> None:
        if self._held:
            self._rebuild_held = True
        elif not self._rebuild_pending:
            self._rebuild_pending = True
            self.call_after_refresh(self._rebuild_if_changed)

    def shown_keys(self) -> tuple[ShownKey, ...]:
        """The keys the footer would show now, in order."""
        return tuple(
            (self.app.get_key_display(binding), binding.description, enabled, tooltip)
            for _node, binding, enabled, tooltip in self.screen.active_bindings.values()
            if binding.show
        )

    async def _rebuild_if_changed(self) -> None:
        self._rebuild_pending = False
        if self._held:  # held after this rebuild was asked for
            self._rebuild_held = True
            return
        shown = self.shown_keys()
        if shown != self._shown:
            self._shown = shown
            await self.recompose()
