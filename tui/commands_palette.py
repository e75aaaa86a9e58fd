"""Command palette entries: every key of the main screen, and the reader's settings."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui.keymap import SCREEN_BINDINGS, key_label
from tui.screens.main import MainScreen

SETTINGS_COMMANDS = (
    ("Pinyin: switch tone marks / tone numbers", "toggle_tone_style"),
    ("Pinyin: tone colours on / off", "toggle_tone_colours"),
    ("Traditional script: switch Hong Kong / Taiwan forms", "toggle_forms"),
    ("Theme: switch light / dark", "toggle_dark"),
)


class ReaderCommands(Provider):
    """Offers the main screen's actions by name, with their keys as help."""

    def _main_screen(self) -> MainScreen | None:
        if isinstance(self.screen, MainScreen):
            return self.screen
        return next((s for s in self.app.screen_stack if isinstance(s, MainScreen)), None)

    def _commands(self) -> list[tuple[str, str, str]]:
        commands = [
            (
                binding.description,
                f"key {key_label(binding)}" + (f" · {binding.tooltip}" if binding.tooltip else ""),
                binding.action,
            )
            for binding in SCREEN_BINDINGS
            if binding.action != "back"
        ]
        commands += [(name, "setting, remembered", action) for name, action in SETTINGS_COMMANDS]
        return commands

    async def discover(self) -> Hits:
        main = self._main_screen()
        if main is None:
            return
        for name, help_text, action in self._commands():
            yield DiscoveryHit(name, partial(main.run_action, action), help=help_text)

    async def search(self, query: str) -> Hits:
        main = self._main_screen()
        if main is None:
            return
        matcher = self.matcher(query)
        for name, help_text, action in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), partial(main.run_action, action), name, help_text)
