"""Helpers for Pilot tests: small libraries, the app under test, and waiting for workers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.pilot import Pilot

from tui.app import ZhReaderApp
from tui.screens.main import FILTER_SAVE_DELAY_S, MainScreen

TODAY = dt.date(2024, 5, 20)

# id -> (front matter, body). Dates, regions and scripts chosen so each filter
# has something to include and something to leave out.
ARTICLES = {
    "hk-shanghai": (
        "title: 沪港科技合作签约\ndate: 2024-05-02\nsource: 测试日报\nregions: [上海, 香港]",
        "沪港两地签署科技合作协议。方括号[/]不是标记，[bold red]也不是。\n\n第二段：合作覆盖人工智能。",
    ),
    "shenzhen": (
        "title: 深圳企业出海\ndate: 2024-04-25\nsource: 深圳报\nregions: [广东]",
        "深圳的科技企业很多，正在走向世界。",
    ),
    "beijing-old": (
        "title: 京港論壇舉行\ndate: 2023-01-15\nsource: 香港報\nregions: [北京, 香港]",
        "京港兩地的專家在論壇上交流。銀行業代表也出席了。",
    ),
    "chongqing": (
        "title: 重慶造產品亮相\ndate: 2022-11-03\nsource: 重慶日報\nregions: [重庆]",
        "重慶的企業帶來了新產品。",
    ),
}


def write_library(root: Path, articles: dict[str, tuple[str, str]] = ARTICLES) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for article_id, (front, body) in articles.items():
        (root / f"{article_id}.md").write_text(f"---\n{front}\n---\n{body}\n", encoding="utf-8")
    return root


def make_app(library: Path, data_dir: Path, open_id: str | None = None) -> ZhReaderApp:
    return ZhReaderApp(library, data_dir, open_id, today=lambda: TODAY)


async def settle(pilot: Pilot, wait: float = 0.0) -> None:
    """Let timers fire and workers finish, and their results reach the screen."""
    if wait:
        await pilot.pause(wait)
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def typed(pilot: Pilot) -> None:
    """Wait until the list shows what was typed (its filters run one after another)."""
    await settle(pilot, 0.1)


async def saved(pilot: Pilot) -> None:
    """Wait until delayed saves (filters) have been written."""
    await settle(pilot, FILTER_SAVE_DELAY_S + 0.2)


def main_screen(pilot: Pilot) -> MainScreen:
    screen = pilot.app.screen_stack[1]
    assert isinstance(screen, MainScreen)
    return screen


def listed_ids(pilot: Pilot) -> list[str]:
    return [a.id for a in main_screen(pilot).article_list.articles]
