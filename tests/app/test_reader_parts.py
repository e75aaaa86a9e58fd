"""The reader's pure parts: paragraph layout, filters, view settings, month counts, safe text."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from store.article import Article, Region
from store.library import ArticleQuery
from store.pinyin import han_syllables, pinyin_words
from tui.article_render import FIRST_SCREEN_CHARS, render_article, screenful
from tui.filters import Filters, last_30_days, this_year
from tui.paragraph_layout import PINYIN_MODES, layout_units, paragraph_units, rows_of, selected_range
from tui.safe_text import displayable
from tui.screens.main import narrows
from tui.view_settings import ViewSettings
from tui.widgets.article_list import fit
from tui.widgets.month_chart import MonthCounts, chart_data, month_counts

TEXT = "重庆展团在香港国际创科展上完成“首秀”，吸引了13个国家及地区的展商参展。AI技术，数字经济[/]。"


def units_for(text: str, mode: str):
    return paragraph_units(text, mode, han_syllables(text), pinyin_words(text))


def test_units_cover_the_paragraph_in_order() -> None:
    for mode in PINYIN_MODES:
        units = units_for(TEXT, mode)
        assert "".join(TEXT[u.start : u.end] for u in units) == TEXT
        assert all(a.end == b.start for a, b in zip(units, units[1:]))


@settings(max_examples=60, deadline=None)
@given(width=st.integers(min_value=16, max_value=90), mode=st.sampled_from(PINYIN_MODES))
def test_lines_fit_and_keep_every_character(width: int, mode: str) -> None:
    lines = layout_units(units_for(TEXT, mode), mode, width)
    shown = [p.unit for line in lines for p in line.placed]
    assert "".join(u.text for u in shown) == TEXT.replace(" ", "")
    for line in lines:
        if len(line.placed) > 1:  # a single over-wide unit may overflow, nothing else
            assert cell_len(line.text) <= width
            assert line.pinyin is None or cell_len(line.pinyin) <= width
        assert line.text[:1] not in set("，。、；：？！”」』）》")


def test_ruby_syllables_sit_over_their_characters() -> None:
    for width in (12, 30, 80):
        for line in layout_units(units_for(TEXT, "ruby"), "ruby", width):
            for placed in line.placed:
                if not placed.unit.syllables:
                    continue
                char_at = cell_len(line.text[: line.text.index(placed.unit.text, placed.text_start)])
                syllable_at = cell_len(line.pinyin[: placed.reading_start])
                syllable_cells = cell_len(placed.unit.syllables[0])
                assert syllable_at <= char_at and char_at + 2 <= syllable_at + max(syllable_cells, 2)


def test_selected_range_maps_rows_back_to_the_paragraph() -> None:
    lines = layout_units(units_for(TEXT, "ruby"), "ruby", 30)
    rows = rows_of(lines)
    assert len(rows) == 2 * len(lines)
    everything = [(0, -1)] * len(rows)
    assert selected_range(lines, everything) == (0, len(TEXT))
    # The second character of the first text row only.
    second = lines[0].placed[1]
    spans = [None] * len(rows)
    spans[1] = (second.text_start, second.text_end)
    assert selected_range(lines, spans) == (1, 2)
    # The syllable above it, selected on the pinyin row, means the same character.
    spans = [None] * len(rows)
    spans[0] = (second.reading_start, second.reading_end)
    assert selected_range(lines, spans) == (1, 2)
    assert selected_range(lines, [None] * len(rows)) is None


def test_inline_mode_puts_the_reading_after_the_word() -> None:
    lines = layout_units(units_for("重庆造", "inline"), "inline", 80)
    assert lines[0].text == "重庆(chóngqìng)造(zào)"


def test_render_article_makes_text_safe_and_reports_a_first_screen() -> None:
    paragraphs = ["控制\x1b[31m字符\x9b", *["长" * 400] * 10]
    article = Article(id="x", path="x.txt", title="标题\x07", paragraphs=paragraphs)
    early = []
    rendered = render_article(article, ViewSettings(pinyin="ruby"), early.append)
    assert rendered.complete and len(rendered.paragraphs) == len(paragraphs)
    assert rendered.title.shown == "标题\u2407"
    assert rendered.paragraphs[0].shown == "控制\u241b[31m字符\ufffd"
    assert len(early) == 1 and not early[0].complete
    assert sum(len(p.original) for p in early[0].paragraphs) >= FIRST_SCREEN_CHARS
    assert len(early[0].paragraphs) < len(paragraphs)
    assert displayable("a\tb\x7f") == "a\u2409b\u2421"


def test_a_first_screen_is_what_fills_the_reader_in_its_mode() -> None:
    assert screenful(88, 40, "off") == 44 * 40
    assert screenful(88, 40, "ruby") == 29 * 20  # three cells a character at least, two rows a line
    assert screenful(88, 40, "inline") < screenful(88, 40, "off")
    assert screenful(0, 0, "ruby") == FIRST_SCREEN_CHARS  # not laid out yet
    article = Article(id="x", path="x.txt", title="标题", paragraphs=["长" * 100] * 30)
    early = []
    render_article(article, ViewSettings(pinyin="ruby"), early.append, first_screen_chars=250)
    assert [len(p.original) for p in early[0].paragraphs] == [100, 100, 100]


def test_filters_round_trip_and_describe() -> None:
    filters = Filters(
        regions=frozenset({"CN-HK", "CN-CQ"}),
        since=dt.date(2024, 1, 1),
        until=dt.date(2024, 6, 30),
        text="科技",
        bookmarked_only=True,
    )
    assert Filters.from_settings(filters.to_settings()) == filters
    assert filters.describe_regions() == "重庆 香港"
    assert filters.describe_dates() == "2024-01-01 – 2024-06-30"
    assert filters.query({"a"}) == ArticleQuery(filters.regions, filters.since, filters.until, "科技", frozenset({"a"}))
    assert Filters().query({"a"}).only_ids is None
    assert Filters.from_settings("garbage") == Filters()
    assert last_30_days(dt.date(2024, 3, 1)) == (dt.date(2024, 2, 1), dt.date(2024, 3, 1))
    assert this_year(dt.date(2024, 3, 1)) == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))


def test_view_settings_cycle_and_round_trip() -> None:
    view = ViewSettings()
    scripts = []
    pinyins = []
    for _ in range(3):
        scripts.append(view.script)
        pinyins.append(view.pinyin)
        view = view.next_script().next_pinyin()
    assert scripts == ["original", "simplified", "traditional"]
    assert pinyins == ["off", "ruby", "inline"]
    assert view == ViewSettings()
    custom = ViewSettings("traditional", "inline", "tw", "numbers", True)
    assert ViewSettings.from_settings(custom.to_settings()) == custom
    assert custom.describe_script() == "traditional (Taiwan)"
    assert custom.describe_pinyin() == "inline, tone numbers, colours"


def test_month_counts_fill_empty_months() -> None:
    def article(day: dt.date | None) -> Article:
        return Article(id=str(day), path="", title="", paragraphs=[], date=day, regions=[Region("CN-HK", "香港", "Hong Kong")])

    counts = month_counts([article(dt.date(2023, 11, 5)), article(dt.date(2024, 2, 1)), article(dt.date(2024, 2, 9)), article(None)])
    assert counts.first == dt.date(2023, 11, 1) and counts.last == dt.date(2024, 2, 1)
    assert counts.counts == (1, 0, 0, 2)
    assert counts.busiest() == (dt.date(2024, 2, 1), 2)
    assert month_counts([]).describe() == "no dated articles"


def test_a_span_under_a_year_is_drawn_within_a_year() -> None:
    assert chart_data(MonthCounts(dt.date(2024, 5, 1), (3, 0, 1))) == [0, 0, 0, 0, 3, 0, 1, 0, 0, 0, 0, 0]
    assert chart_data(MonthCounts(dt.date(2024, 5, 1), tuple(range(1, 15)))) == list(range(1, 15))
    assert chart_data(MonthCounts(None, ())) == []


def test_fit_pads_and_cuts_by_cells() -> None:
    assert fit("重庆", 6) == "重庆  "
    assert fit("重庆日报社", 6) == "重庆… "
    assert cell_len(fit("重庆日报社", 7)) == 7
    assert fit("abc", 0) == ""


def test_narrows_only_when_results_can_be_reused() -> None:
    base = ArticleQuery(text="重")
    assert narrows(base, ArticleQuery(text="重庆"))
    assert narrows(ArticleQuery(text="重慶"), ArticleQuery(text="重庆造"))  # folded to one script
    assert not narrows(ArticleQuery(text="重庆"), base)
    assert not narrows(base, ArticleQuery(text="重庆", regions=frozenset({"CN-CQ"})))
