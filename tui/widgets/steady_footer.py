"""Textual's Footer, rebuilt only when the keys it shows change.

Textual's Footer recomposes every key on every change of focus or bindings.
While the reader starts, focus moves several times without changing the keys
shown, and each rebuild restyles every key: about a tenth of the start-up time.
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

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._rebuild_pending:
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
        shown = self.shown_keys()
        if shown != self._shown:
            self._shown = shown
            await self.recompose()
