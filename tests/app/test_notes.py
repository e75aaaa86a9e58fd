"""Notes in the reader: write, mark, list, edit, delete, export, filter, and keep them across restarts."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from pilot_support import listed_ids, main_screen, make_app, settle
from textual import events
from textual.geometry import Offset
from textual.pilot import Pilot
from textual.selection import Selection
from textual.widgets import Input, TextArea

from store.anchors import Anchor, anchor_paragraph
from store.annotations import Annotations
from store.durable_storage import DataFileError
from tui.screens.confirm import ConfirmScreen
from tui.screens.export_screen import ExportScreen
from tui.screens.note_editor import NoteEditor
from tui.widgets.notes_panel import UNANCHORED_HEADER
from tui.widgets.paragraph_view import NOTED_CLASS, ParagraphView

CHONGQING = "000_cd5ba6057e19a2ed"
ARTICLE = "hk-shanghai"  # paragraphs: 沪港两地签署科技合作协议。方括号[/]不是标记，[bold red]也不是。 / 第二段：合作覆盖人工智能。
PARAGRAPHS = ["沪港两地签署科技合作协议。方括号[/]不是标记，[bold red]也不是。", "第二段：合作覆盖人工智能。"]
NOTE_TEXT = "  A note, kept exactly:\n[/] *not markup* `code`\n第二行\n"


def paragraph_view(pilot: Pilot, index: int) -> ParagraphView:
    return next(v for v in main_screen(pilot).reader.paragraph_views if v.index == index)


def editor(pilot: Pilot) -> NoteEditor:
    screen = pilot.app.screen
    assert isinstance(screen, NoteEditor)
    return screen


async def type_note(pilot: Pilot, text: str, tags: str = "") -> None:
    """Text as typed into the editor (the TextArea's own insert, as a paste would)."""
    note_editor = editor(pilot)
    note_editor.query_one("#note-text", TextArea).insert(text)
    if tags:
        note_editor.query_one("#note-tags", Input).value = tags
    await pilot.pause()


def panel_ids(pilot: Pilot) -> list[str | None]:
    return [o.id for o in main_screen(pilot).notes_panel.note_list.options]


def saved_notes(data_dir: Path, article_id: str = ARTICLE):
    with Annotations(data_dir) as annotations:
        return annotations.notes(article_id)


def test_paragraph_and_selection_notes_are_marked_listed_and_kept(library: Path, data_dir: Path) -> None:
    async def first_session() -> None:
        async with make_app(library, data_dir, open_id=ARTICLE).run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            screen = main_screen(pilot)
            # n with nothing selected: a note on the paragraph at the top of the reader (the first).
            await pilot.press("n")
            assert editor(pilot).draft.title == "New note · paragraph 1"
            await type_note(pilot, NOTE_TEXT, tags="科技, 上海，合作")
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert not isinstance(pilot.app.screen, NoteEditor)
            [note] = saved_notes(data_dir)
            assert note.text == NOTE_TEXT and note.quote is None and note.paragraph == 0
            assert note.tags == ("科技", "上海", "合作")
            assert paragraph_view(pilot, 0).has_class(NOTED_CLASS)

            # A mouse selection of 合作覆盖 in the second paragraph: a passage note.
            second = paragraph_view(pilot, 1)
            screen.selections = {second: Selection(Offset(4, 0), Offset(8, 0))}
            await pilot.press("n")
            assert editor(pilot).draft.title == "New note · passage in paragraph 2"
            assert "合作覆盖" in str(editor(pilot).draft.passage)
            await type_note(pilot, "passage note")
            await pilot.press("ctrl+s")
            await settle(pilot)
            passage = next(n for n in saved_notes(data_dir) if n.quote is not None)
            assert (passage.quote, passage.prefix, passage.suffix) == ("合作覆盖", "第二段：", "人工智能。")
            assert second.marks.passages == ((4, 8),) and not second.has_class(NOTED_CLASS)
            underlined = [s for s in second.render().spans if getattr(s.style, "underline", False)]
            assert [(s.start, s.end) for s in underlined] == [(4, 8)]
            assert screen.selections == {}

            await pilot.press("N")
            await settle(pilot)
            assert screen.notes_panel.display and pilot.app.focused is screen.notes_panel.note_list
            # Reading order: the first paragraph's note, then the passage in the second.
            assert [i for i in panel_ids(pilot) if i] == [note.id, passage.id]
            assert screen.note_counts == {ARTICLE: 2}
            await pilot.press("q")
            await settle(pilot)

    async def second_session() -> None:
        async with make_app(library, data_dir, open_id=ARTICLE).run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            screen = main_screen(pilot)
            assert paragraph_view(pilot, 0).has_class(NOTED_CLASS)
            assert paragraph_view(pilot, 1).marks.passages == ((4, 8),)
            row = screen.article_list.row_text(screen.article_list.articles.index(screen.current))
            assert row.rstrip().endswith("✎2")
            await pilot.press("N")
            await settle(pilot)
            assert len([i for i in panel_ids(pilot) if i]) == 2

    asyncio.run(first_session())
    asyncio.run(second_session())


@pytest.mark.parametrize("keys", [(), ("p",), ("p", "p"), ("s", "s")])
def test_passages_are_marked_in_every_script_and_pinyin_mode(library: Path, data_dir: Path, keys: tuple[str, ...]) -> None:
    with Annotations(data_dir) as annotations:
        annotations.add_note(ARTICLE, Anchor(1, "合作覆盖", "第二段：", "人工智能。"), "passage")

    async def scenario() -> None:
        async with make_app(library, data_dir, open_id=ARTICLE).run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            for key in keys:
                await pilot.press(key)
                await settle(pilot)
            view = paragraph_view(pilot, 1)
            content = view.render()
            underlined = [s for s in content.spans if getattr(s.style, "underline", False)]
            assert len(underlined) == 1
            marked = content.plain[underlined[0].start : underlined[0].end]
            # The characters of the passage, in the shown script, with only pinyin between them.
            assert [c for c in marked if "\u4e00" <= c <= "\u9fff"] == list(view.paragraph.shown[4:8])

    asyncio.run(scenario())


def test_edit_and_delete_from_the_panel_ask_first(library: Path, data_dir: Path) -> None:
    with Annotations(data_dir) as annotations:
        first = annotations.add_note(ARTICLE, anchor_paragraph(PARAGRAPHS, 0), "first note", tags=["a"])
        second = annotations.add_note(ARTICLE, anchor_paragraph(PARAGRAPHS, 1), "second note")

    async def scenario() -> None:
        async with make_app(library, data_dir, open_id=ARTICLE).run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            screen = main_screen(pilot)
            await pilot.press("N")
            await settle(pilot)
            note_list = screen.notes_panel.note_list
            assert note_list.highlighted_option.id == first.id
            await pilot.press("e")
            note_editor = editor(pilot)
            assert note_editor.text == "first note" and note_editor.tags == ("a",)
            assert note_editor.draft.title.startswith("Edit note")
            await type_note(pilot, " (edited)", tags="a, b")
            await pilot.press("ctrl+s")
            await settle(pilot)
            edited = next(n for n in saved_notes(data_dir) if n.id == first.id)
            assert edited.text == "first note (edited)" and edited.tags == ("a", "b")
            assert len(saved_notes(data_dir)) == 2

            await pilot.press("down")
            assert note_list.highlighted_option.id == second.id
            await pilot.press("delete")
            assert isinstance(pilot.app.screen, ConfirmScreen)
            await pilot.press("n")  # no: nothing deleted
            await settle(pilot)
            assert len(saved_notes(data_dir)) == 2
            await pilot.press("x")
            assert isinstance(pilot.app.screen, ConfirmScreen)
            await pilot.press("y")
            await settle(pilot)
            assert [n.id for n in saved_notes(data_dir)] == [first.id]
            assert [i for i in panel_ids(pilot) if i] == [first.id]
            assert screen.note_counts == {ARTICLE: 1}
            assert not paragraph_view(pilot, 1).has_class(NOTED_CLASS)

            await pilot.press("escape")  # closes the panel, back to the reader
            assert not screen.notes_panel.display and pilot.app.focused is screen.reader

    asyncio.run(scenario())


def test_enter_in_the_panel_goes_to_the_notes_paragraph(seeds_dir: Path, data_dir: Path) -> None:
    from store.library import load_library

    article = load_library(seeds_dir).get(CHONGQING)
    with Annotations(data_dir) as annotations:
        note = annotations.add_note(CHONGQING, anchor_paragraph(article.paragraphs, 9), "far down")

    async def scenario() -> None:
        async with make_app(seeds_dir, data_dir, open_id=CHONGQING).run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            screen = main_screen(pilot)
            assert screen.reader.top_paragraph() == -1
            await pilot.press("N")
            await settle(pilot)
            assert screen.notes_panel.note_list.highlighted_option.id == note.id
            await pilot.press("enter")
            await settle(pilot)
            assert screen.reader.top_paragraph() == 9
            assert screen.notes_panel.display  # stays open beside the reader

    asyncio.run(scenario())


def test_cancel_asks_before_discarding_typed_text(library: Path, data_dir: Path) -> None:
    async def scenario() -> None:
        async with make_app(library, data_dir, open_id=ARTICLE).run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await pilot.press("n", "escape")  # nothing typed: closes at once
            assert not isinstance(pilot.app.screen, NoteEditor)
            await pilot.press("n")
            await type_note(pilot, "half a thought")
            await pilot.press("escape")
            assert isinstance(pilot.app.screen, ConfirmScreen)
            await pilot.press("n")  # keep editing
            assert editor(pilot).text == "half a thought"
            await pilot.press("escape")
            await pilot.press("y")  # discard
            await settle(pilot)
            assert not isinstance(pilot.app.screen, (NoteEditor, ConfirmScreen))
            assert saved_notes(data_dir) == []

    asyncio.run(scenario())


def test_a_failed_save_keeps_the_editor_and_the_text(
    library: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_add = Annotations.add_note

    def disk_full(self, *args, **kwargs):
        raise DataFileError("cannot write zhreader.json: No space left on device")

    async def scenario() -> None:
        async with make_app(library, data_dir, open_id=ARTICLE).run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await pilot.press("n")
            await type_note(pilot, "do not lose me")
            monkeypatch.setattr(Annotations, "add_note", disk_full)
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert editor(pilot).text == "do not lose me"
            assert any("No space left" in n.message for n in pilot.app._notifications)
            assert "not saved" in str(editor(pilot).query_one("#note-status").render())
            monkeypatch.setattr(Annotations, "add_note", real_add)
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert not isinstance(pilot.app.screen, NoteEditor)
            assert [n.text for n in saved_notes(data_dir)] == ["do not lose me"]

    asyncio.run(scenario())


def test_empty_note_is_not_saved(library: Path, data_dir: Path) -> None:
    async def scenario() -> None:
        async with make_app(library, data_dir, open_id=ARTICLE).run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await pilot.press("n")
            await type_note(pilot, "  \n ")
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert "empty" in str(editor(pilot).query_one("#note-status").render())
            assert saved_notes(data_dir) == []

    asyncio.run(scenario())


def test_unanchored_notes_are_listed_apart(library: Path, data_dir: Path) -> None:
    with Annotations(data_dir) as annotations:
        gone = annotations.add_note(ARTICLE, Anchor(1, "已经删掉的句子", "前文", "后文"), "orphan")
        here = annotations.add_note(ARTICLE, anchor_paragraph(PARAGRAPHS, 0), "anchored")

    async def scenario() -> None:
        async with make_app(library, data_dir, open_id=ARTICLE).run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            screen = main_screen(pilot)
            await pilot.press("N")
            await settle(pilot)
            ids = [i for i in panel_ids(pilot) if i]
            assert ids == [here.id, UNANCHORED_HEADER, gone.id]
            assert "1 unanchored" in str(screen.notes_panel.query_one("#notes-header").render())
            await pilot.press("down", "enter")
            await settle(pilot)
            assert any("no longer in the article" in n.message for n in pilot.app._notifications)

    asyncio.run(scenario())


def test_e_exports_the_open_articles_notes_and_never_overwrites_unasked(
    library: Path, data_dir: Path, tmp_path: Path
) -> None:
    with Annotations(data_dir) as annotations:
        annotations.add_note(ARTICLE, Anchor(1, "合作覆盖", "第二段：", "人工智能。"), NOTE_TEXT)
    expected = Path.home() / "zhreader-notes" / f"{ARTICLE}.md"
    assert str(expected).startswith(str(tmp_path))  # conftest points HOME into tmp_path

    async def scenario() -> None:
        async with make_app(library, data_dir, open_id=ARTICLE).run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await pilot.press("e")
            dialog = pilot.app.screen
            assert isinstance(dialog, ExportScreen)
            assert dialog.query_one("#export-path", Input).value == str(expected)
            await pilot.press("enter")
            await settle(pilot)
            markdown = expected.read_text(encoding="utf-8")
            assert f"article_id: {ARTICLE}" in markdown and "> 合作覆盖" in markdown
            assert f"```text\n{NOTE_TEXT}\n```" in markdown
            assert any(str(expected) in n.message for n in pilot.app._notifications)

            expected.write_text("my own edits", encoding="utf-8")
            await pilot.press("e", "enter")
            assert isinstance(pilot.app.screen, ConfirmScreen)
            await pilot.press("n")  # keep it
            await pilot.press("escape")  # and leave the export dialog
            await settle(pilot)
            assert expected.read_text(encoding="utf-8") == "my own edits"
            await pilot.press("e", "enter", "y")
            await settle(pilot)
            assert "合作覆盖" in expected.read_text(encoding="utf-8")

    asyncio.run(scenario())


def test_e_without_notes_says_so(library: Path, data_dir: Path) -> None:
    async def scenario() -> None:
        async with make_app(library, data_dir, open_id=ARTICLE).run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await pilot.press("e")
            assert not isinstance(pilot.app.screen, ExportScreen)
            assert any("no notes to export" in n.message for n in pilot.app._notifications)

    asyncio.run(scenario())


def test_list_filters_to_articles_with_notes(library: Path, data_dir: Path) -> None:
    with Annotations(data_dir) as annotations:
        annotations.add_note("shenzhen", anchor_paragraph(["深圳的科技企业很多，正在走向世界。"], 0), "note")
        annotations.add_bookmark("chongqing")

    async def scenario() -> None:
        async with make_app(library, data_dir).run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("B")
            await settle(pilot)
            assert listed_ids(pilot) == ["chongqing"]
            await pilot.press("B")
            await settle(pilot)
            assert listed_ids(pilot) == ["shenzhen"]
            screen = main_screen(pilot)
            assert "✎ only" in str(screen.query_one("#status-filters").render())
            button = screen.query_one("#marked-button")
            assert "With notes" in str(button.render())
            assert button.size.width >= len("✎ With notes")  # the button grew with its label
            await pilot.press("B")
            await settle(pilot)
            assert len(listed_ids(pilot)) == 4

    asyncio.run(scenario())


def test_a_note_added_joins_the_with_notes_filter(library: Path, data_dir: Path) -> None:
    async def scenario() -> None:
        async with make_app(library, data_dir, open_id=ARTICLE).run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await pilot.press("B", "B")
            await settle(pilot)
            assert listed_ids(pilot) == []
            await pilot.press("n")
            await type_note(pilot, "now it has one")
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert listed_ids(pilot) == [ARTICLE]

    asyncio.run(scenario())


def test_notes_panel_is_in_help_and_palette() -> None:
    from tui.commands_palette import ReaderCommands
    from tui.screens.help import help_content

    text = str(help_content())
    for wanted in ("Notes panel", "Note editor", "Ctrl+S", "Export notes — this article", "Show all / bookmarked / with notes"):
        assert wanted in text
    actions = {action for _, _, action in ReaderCommands._commands(None)}  # type: ignore[arg-type]
    assert {"new_note", "toggle_notes_panel", "export_notes", "cycle_marked_filter"} <= actions


def test_keys_typed_without_a_pause_reach_the_field_they_were_typed_for(library: Path, data_dir: Path) -> None:
    """As fast as a script or a fast typist: text, tab, tags, ctrl+s, all queued before any is handled."""

    async def scenario() -> None:
        async with make_app(library, data_dir, open_id=ARTICLE).run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await pilot.press("n")
            await pilot.pause()
            for key in ["a", "b", "tab", "x", "y", "ctrl+s"]:
                pilot.app.post_message(events.Key(key, key if len(key) == 1 else None))
            await settle(pilot)
            [note] = saved_notes(data_dir)
            assert (note.text, note.tags) == ("ab", ("xy",))

    asyncio.run(scenario())
