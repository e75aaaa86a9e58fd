"""The command palette's Screenshot saves an SVG even where there is no downloads folder."""

from __future__ import annotations

import asyncio
from pathlib import Path

import platformdirs
import pytest
from pilot_support import make_app, settle


@pytest.mark.parametrize("has_downloads", [True, False])
@pytest.mark.parametrize("command", ["deliver_screenshot", "action_screenshot"])  # the palette's, the key action's
def test_a_screenshot_goes_to_downloads_or_else_the_working_directory(
    library: Path, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, has_downloads: bool, command: str
) -> None:
    downloads, working = platformdirs.user_downloads_path(), tmp_path / "work"  # HOME is in tmp_path
    assert tmp_path in downloads.parents and not downloads.exists()
    working.mkdir()
    if has_downloads:
        downloads.mkdir(parents=True)
    monkeypatch.chdir(working)

    async def scenario() -> None:
        async with make_app(library, data_dir).run_test(size=(120, 30)) as pilot:
            await settle(pilot)
            getattr(pilot.app, command)()
            await settle(pilot, 0.3)

    asyncio.run(scenario())
    saved = list((downloads if has_downloads else working).glob("*.svg"))
    assert len(saved) == 1 and "<svg" in saved[0].read_text(encoding="utf-8")
