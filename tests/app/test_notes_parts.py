"""The pieces behind notes in the reader, without a terminal: placing, marking, tags, filters, export paths."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from store.anchors import Anchor, Location, anchor_paragraph
from store.annotations import Note
from store.article import Article
from tui.article_notes import ParagraphMarks, first_line, merge_ranges, passage_parts, place_notes, selection_anchor
from tui.filters import Filters
from tui.notes_file import ExportFailed, write_notes_file
from tui.paragraph_layout import layout_units, marked_columns, paragraph_units
from tui.screens.export_screen import ExportChoice, default_export_path, typed_path
from tui.screens.note_editor import parse_tags
from tui.view_settings import ViewSettings

ARTICLE = Article(id="a", path="a.md", title="标题", paragraphs=["第一段：科技合作。", "第二段：合作覆盖人工智能，合作共赢。"])


def note(note_id: str, anchor: Anchor, minute: int) -> Note:
    when = dt.datetime(2024, 5, 20, 9, minute, tzinfo=dt.timezone.utc)
    return Note(note_id, "a", anchor.paragraph, "text", anchor.quote, anchor.prefix, anchor.suffix, (), when, when)


def test_notes_are_placed_in_reading_order_and_the_lost_kept_apart() -> None:
    later_passage = note("p2", Anchor(1, "共赢", "合作", "。"), 1)
    earlier_passage = note("p1", Anchor(1, "合作覆盖", "第二段：", "人工"), 2)
    whole = note("w", anchor_paragraph(ARTICLE.paragraphs, 0), 3)
    lost = note("x", Anchor(0, "不在文中", "", ""), 0)
    placed = place_notes(ARTICLE, [later_passage, lost, whole, earlier_passage])
    assert [p.note.id for p in placed.anchored] == ["w", "p1", "p2"]
    assert [p.note.id for p in placed.unanchored] == ["x"] and len(placed) == 4
    assert placed.find("x").location is None
    assert placed.marks() == {0: ParagraphMarks(1, ()), 1: ParagraphMarks(0, ((4, 8), (15, 17)))}


def test_ranges_merge_when_they_overlap_or_touch() -> None:
    assert merge_ranges([(5, 8), (0, 2), (2, 3), (7, 10)]) == ((0, 3), (5, 10))
    assert merge_ranges([]) == ()


def test_selection_anchor_uses_the_original_text() -> None:
    paragraphs = ["重慶的企業帶來了新產品。"]
    shown = "重庆的企业带来了新产品。"  # simplified, same length
    anchor = selection_anchor(paragraphs, 0, shown, 3, 5)
    assert (anchor.quote, anchor.prefix, anchor.suffix) == ("企業", "重慶的", "帶來了新產品。")


def test_selection_anchor_when_conversion_changed_the_length() -> None:
    paragraphs = ["重慶的企業帶來了新產品。"]
    longer = "X" + "重庆的企业带来了新产品。"  # a rendering that does not keep offsets
    anchor = selection_anchor(paragraphs, 0, longer, 4, 6)  # the selection is 企业
    assert anchor.quote == "企業"
    nowhere = selection_anchor(paragraphs, 0, "完全不同的一段文字而且更长", 0, 3)
    assert nowhere.quote is None and nowhere.paragraph == 0  # the whole paragraph, never nothing


def test_passage_parts_give_context_and_what_was_saved() -> None:
    parts = passage_parts(ARTICLE.paragraphs, Anchor(1, "人工智能"), Location(1, 8, 12), context=3)
    assert parts == ("…作覆盖", "人工智能", "，合作…")
    lost = passage_parts(ARTICLE.paragraphs, Anchor(1, "旧句", "前", "后"), None)
    assert lost == ("前", "旧句", "后")
    assert passage_parts(ARTICLE.paragraphs, Anchor(1, None, "第二", "共赢。"), None) == ("", "第二…共赢。", "")
    assert first_line("\n\n  first  \nsecond") == "first"


def test_marked_columns_in_each_pinyin_mode() -> None:
    text = "合作覆盖人工智能"
    syllables = ["hé", "zuò", "fù", "gài", "rén", "gōng", "zhì", "néng"]
    ranges = ((2, 4),)  # 覆盖
    [plain] = layout_units(paragraph_units(text, "off"), "off", 40)
    assert marked_columns(plain, ranges) == [(2, 4)]
    [ruby] = layout_units(paragraph_units(text, "ruby", syllables), "ruby", 80)
    start, end = marked_columns(ruby, ranges)[0]
    assert ruby.text[start:end].replace(" ", "") == "覆盖"
    assert ruby.text[start] == "覆" and ruby.text[end - 1] == "盖"  # no padding outside the passage
    words = [("合作", "hézuò"), ("覆盖", "fùgài"), ("人工智能", "réngōngzhìnéng")]
    [inline] = layout_units(paragraph_units(text, "inline", syllables, words), "inline", 80)
    [(start, end)] = marked_columns(inline, ((2, 6),))  # 覆盖人工: the reading between is covered
    assert inline.text[start:end] == "覆盖(fùgài)人工"
    last = inline.text.index("能")
    assert marked_columns(inline, ((0, 1), (7, 8))) == [(0, 1), (last, last + 1)]  # 合, 能


def test_marked_columns_follow_line_breaks() -> None:
    text = "一二三四五六七八九十"
    lines = layout_units(paragraph_units(text, "off"), "off", 8)  # four characters a line
    assert [line.text for line in lines] == ["一二三四", "五六七八", "九十"]
    assert [marked_columns(line, ((2, 6),)) for line in lines] == [[(2, 4)], [(0, 2)], []]


def test_tags_split_on_any_comma() -> None:
    assert parse_tags(" 科技, 上海，合作、 科技 ,, ") == ("科技", "上海", "合作")
    assert parse_tags("") == ()


def test_marked_filter_cycles_and_queries() -> None:
    filters = Filters()
    cycle = [filters := filters.next_marked() for _ in range(3)]
    assert [(f.bookmarked_only, f.with_notes_only) for f in cycle] == [(True, False), (False, True), (False, False)]
    with_notes = Filters(with_notes_only=True)
    assert with_notes.query({"a"}, {"b"}).only_ids == frozenset({"b"})
    assert Filters(bookmarked_only=True, with_notes_only=True).query({"a", "b"}, {"b", "c"}).only_ids == {"b"}
    assert Filters.from_settings(with_notes.to_settings()) == with_notes
    assert with_notes.is_active()


def test_export_paths(tmp_path: Path) -> None:
    home = Path.home()
    assert default_export_path("000_x") == home / "zhreader-notes" / "000_x.md"
    assert default_export_path("2024/x", tmp_path) == tmp_path / "2024_x.md"
    assert typed_path("  ") is None
    assert typed_path("~/a.md") == home / "a.md"
    assert typed_path("notes/a.md") == home / "notes" / "a.md"
    assert typed_path(str(tmp_path / "b.md")) == tmp_path / "b.md"


def test_writing_the_notes_file_never_overwrites_unasked(tmp_path: Path) -> None:
    notes = [note("w", anchor_paragraph(ARTICLE.paragraphs, 0), 3)]
    target = tmp_path / "new folder" / "a.md"
    write_notes_file(ARTICLE, notes, ExportChoice(target, pinyin=True, overwrite=False), ViewSettings(script="traditional"))
    written = target.read_text(encoding="utf-8")
    assert "> 第一段：科技合作。" in written and "dìyīduàn ： kējì hézuò" in written
    with pytest.raises(ExportFailed, match="exists and was kept"):
        write_notes_file(ARTICLE, notes, ExportChoice(target, pinyin=False, overwrite=False), ViewSettings())
    assert target.read_text(encoding="utf-8") == written
    write_notes_file(ARTICLE, notes, ExportChoice(target, pinyin=False, overwrite=True), ViewSettings())
    assert "dìyīduàn" not in target.read_text(encoding="utf-8")


def test_a_notes_file_that_cannot_be_written_fails_in_one_line(tmp_path: Path) -> None:
    notes = [note("w", anchor_paragraph(ARTICLE.paragraphs, 0), 3)]
    not_a_folder = tmp_path / "notes"
    not_a_folder.write_text("a file where the folder should be", encoding="utf-8")
    with pytest.raises(ExportFailed, match="cannot make the folder") as failure:
        write_notes_file(ARTICLE, notes, ExportChoice(not_a_folder / "a.md", pinyin=False, overwrite=False), ViewSettings())
    assert "\n" not in str(failure.value)
    assert not_a_folder.read_text(encoding="utf-8") == "a file where the folder should be"
