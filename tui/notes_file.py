"""The reader's export: one article's notes written to a Markdown file (blocking; run it in a worker)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from store.annotations import Note
from store.article import Article
from store.export import export_markdown
from tui.commands.common import CommandFailure, UsageError
from tui.commands.export import write_file
from tui.screens.export_screen import ExportChoice
from tui.view_settings import ViewSettings


class ExportFailed(Exception):
    """Nothing was written; the message says why in one line."""


def write_notes_file(article: Article, notes: Sequence[Note], choice: ExportChoice, view: ViewSettings) -> None:
    """Write ``notes`` as Markdown in ``view``'s script to ``choice.path``, whole or not at all.

    An existing file is replaced only if ``choice.overwrite``; missing folders are created.
    """
    markdown = export_markdown(
        [(article, notes)],
        script=view.script,
        forms=view.forms,
        pinyin=choice.pinyin,
        exported_at=dt.datetime.now().astimezone(),
    )
    folder = choice.path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportFailed(f"cannot make the folder {folder}: {exc.strerror or exc}") from None
    try:
        write_file(choice.path, markdown, force=choice.overwrite)
    except UsageError as exc:
        # write_file speaks to the command line; here the file appeared after the dialog asked.
        raise ExportFailed(f"{choice.path} exists and was kept" if choice.path.exists() else str(exc)) from None
    except (CommandFailure, OSError) as exc:
        raise ExportFailed(str(exc)) from None
