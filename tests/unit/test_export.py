"""Markdown export: front matter, reading order, scripts, pinyin, and a lossless round trip."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from store.anchors import Anchor, anchor_paragraph, anchor_quote, anchor_span
from store.annotations import Note
from store.article import Article, Region
from store.export import escape_inline, export_markdown, fenced, reading_order

TZ = timezone(timedelta(hours=8))
EXPORTED = datetime(2026, 11, 23, 19, 0, tzinfo=TZ)

PARAGRAPHS = [
    "重慶與香港簽署合作協議。",
    "兩地將在科技領域深化合作，推動創新。兩地企業亦將加強合作。",
    "香港特區政府表示歡迎。",
]


def article(article_id: str = "000_cq", paragraphs: list[str] | None = None) -> Article:
    return Article(
        id=article_id,
        path=f"{article_id}.txt",
        title="重慶造：渝港合作",
        paragraphs=PARAGRAPHS if paragraphs is None else paragraphs,
        date=date(2024, 4, 18),
        source="大公報",
        regions=[Region("CN-CQ", "重慶", "Chongqing"), Region("CN-HK", "香港", "Hong Kong")],
        script="traditional",
    )


def note(anchor: Anchor, text: str, minute: int = 0, tags: tuple[str, ...] = (), article_id: str = "000_cq") -> Note:
    when = datetime(2026, 11, 20, 9, minute, tzinfo=TZ)
    return Note(
        id=f"n{minute}",
        article_id=article_id,
        paragraph=anchor.paragraph,
        text=text,
        quote=anchor.quote,
        prefix=anchor.prefix,
        suffix=anchor.suffix,
        tags=tags,
        created=when,
        updated=when,
    )


@dataclass
class Parsed:
    front_matter: dict
    headings: list[str]
    quotes: list[list[str]]  # each block quote: its paragraphs' text
    fences: list[str]  # each fenced block's content minus the final newline


def parse(markdown: str) -> Parsed:
    """Read an export back the way a Markdown tool would."""
    match = re.match(r"---\n(.*?\n)---\n", markdown, re.S)
    assert match, "no front matter"
    tokens = MarkdownIt("commonmark").parse(markdown[match.end() :])
    parsed = Parsed(yaml.safe_load(match[1]), [], [], [])
    depth = 0
    for i, token in enumerate(tokens):
        if token.type == "blockquote_open":
            depth += 1
            parsed.quotes.append([])
        elif token.type == "blockquote_close":
            depth -= 1
        elif token.type == "fence":
            assert token.info == "text"
            parsed.fences.append(token.content[:-1])
        elif token.type == "inline":
            text = inline_text(token)
            if tokens[i - 1].type == "heading_open":
                parsed.headings.append(f"{tokens[i - 1].tag} {text}")
            elif depth:
                parsed.quotes[-1].append(text)
    return parsed


def inline_text(token) -> str:  # type: ignore[no-untyped-def]
    parts = []
    for child in token.children:
        assert child.type in ("text", "softbreak"), f"markup leaked: {child.type}"
        parts.append("\n" if child.type == "softbreak" else child.content)
    return "".join(parts)


def test_one_article_document() -> None:
    first = note(anchor_span(PARAGRAPHS, 1, 15, 17), "推動創新 is the key phrase", minute=5, tags=("科技", "合作"))
    second = note(anchor_paragraph(PARAGRAPHS, 0), "whole first paragraph", minute=1, tags=("合作",))
    out = export_markdown([(article(), [first, second])], script="original", exported_at=EXPORTED)
    parsed = parse(out)
    assert parsed.front_matter == {
        "title": "重慶造：渝港合作",
        "date": date(2024, 4, 18),
        "source": "大公報",
        "regions": ["重慶", "香港"],
        "article_id": "000_cq",
        "tags": ["合作", "科技"],
        "exported": "2026-11-23T19:00:00+08:00",
    }
    assert parsed.headings == [
        "h1 重慶造：渝港合作",
        "h2 Notes",
        "h3 Paragraph 1 · 2026-11-20 09:01",
        "h3 Paragraph 2 · 2026-11-20 09:05",
    ]
    assert parsed.quotes == [[PARAGRAPHS[0]], ["創新"]]
    assert parsed.fences == ["whole first paragraph", "推動創新 is the key phrase"]
    assert "2024-04-18 · 大公報 · 重慶, 香港 · 000\\_cq" in out.splitlines()
    assert "Tags: 科技, 合作" in out.splitlines()


def test_notes_follow_reading_order_and_unanchored_ones_get_their_own_section() -> None:
    edited = [PARAGRAPHS[2], PARAGRAPHS[0]]  # paragraph 1 removed, the others swapped
    late_in_text = note(anchor_quote(PARAGRAPHS, 0, "簽署"), "on 簽署", minute=1)
    early_in_text = note(anchor_quote(PARAGRAPHS, 2, "歡迎"), "on 歡迎", minute=2)
    gone = note(anchor_quote(PARAGRAPHS, 1, "創新"), "on 創新", minute=3)
    out = export_markdown(
        [(article(paragraphs=edited), [gone, late_in_text, early_in_text])],
        script="original",
        exported_at=EXPORTED,
    )
    parsed = parse(out)
    assert parsed.headings[1:] == [
        "h2 Notes",
        "h3 Paragraph 1 · 2026-11-20 09:02",
        "h3 Paragraph 2 · 2026-11-20 09:01",
        "h2 Unanchored notes",
        "h3 Paragraph 2 (as saved) · 2026-11-20 09:03",
    ]
    assert parsed.fences == ["on 歡迎", "on 簽署", "on 創新"]
    assert parsed.quotes[-1] == ["創新"]  # the passage as it was saved


def test_script_converts_the_article_text_but_never_the_note() -> None:
    made = note(anchor_quote(PARAGRAPHS, 0, "重慶與香港"), "筆記：重慶與香港", tags=("兩地",))
    simplified = parse(export_markdown([(article(), [made])], script="simplified", exported_at=EXPORTED))
    assert simplified.front_matter["title"] == "重庆造：渝港合作"
    assert simplified.front_matter["source"] == "大公报"
    assert simplified.front_matter["regions"] == ["重庆", "香港"]
    assert simplified.quotes == [["重庆与香港"]]
    assert simplified.fences == ["筆記：重慶與香港"]
    assert simplified.front_matter["tags"] == ["兩地"]
    simplified_article = article(paragraphs=["重庆与香港签署合作协议。"])
    back = parse(
        export_markdown(
            [(simplified_article, [note(anchor_quote(simplified_article.paragraphs, 0, "重庆与香港"), "x")])],
            script="traditional",
            exported_at=EXPORTED,
        )
    )
    assert back.quotes == [["重慶與香港"]]


def test_pinyin_line_only_when_asked() -> None:
    made = note(anchor_quote(PARAGRAPHS, 0, "重慶與香港"), "x")
    without = parse(export_markdown([(article(), [made])], exported_at=EXPORTED))
    with_pinyin = parse(export_markdown([(article(), [made])], pinyin=True, exported_at=EXPORTED))
    assert without.quotes == [["重慶與香港"]]
    assert with_pinyin.quotes == [["重慶與香港", "chóngqìng yǔ xiānggǎng"]]


def test_several_articles() -> None:
    other = article("001_bj")
    out = export_markdown(
        [(article(), [note(Anchor(0), "a")]), (other, [note(Anchor(1), "b", tags=("t",), article_id="001_bj")])],
        exported_at=EXPORTED,
    )
    parsed = parse(out)
    assert parsed.front_matter == {
        "title": "zhreader notes: 2 articles",
        "dates": [date(2024, 4, 18), date(2024, 4, 18)],
        "sources": ["大公報"],
        "regions": ["重慶", "香港"],
        "article_ids": ["000_cq", "001_bj"],
        "tags": ["t"],
        "exported": "2026-11-23T19:00:00+08:00",
    }
    assert [h for h in parsed.headings if h.startswith("h1")] == ["h1 重慶造：渝港合作"] * 2
    assert parsed.fences == ["a", "b"]


def test_an_article_without_notes_still_gets_its_heading() -> None:
    parsed = parse(export_markdown([(article(), [])], exported_at=EXPORTED))
    assert parsed.headings == ["h1 重慶造：渝港合作"]
    assert parsed.front_matter["tags"] == []


def test_fence_outgrows_backticks_in_the_note() -> None:
    assert fenced("a ``` b\n````") == "`````text\na ``` b\n````\n`````"


def test_escape_inline_covers_line_starts() -> None:
    assert escape_inline("1. 第一\n- 二\n+ 三\n2024) 年") == "1\\. 第一\n\\- 二\n\\+ 三\n2024\\) 年"


TRICKY_NOTES = [
    "> looks like a quote\n# looks like a heading\n---\nand a rule",
    "```python\nprint('a fence inside')\n```",
    "    indented code?\n\n\n\ttabbed",
    "[/] [bold]markup[/bold] <b>html</b> &amp; *em* _em_ $x$ %%c%% ==h== #tag",
    "ends with newlines\n\n",
    "\n starts with one",
    "😀 emoji, 漢字, عربى, \u200b zero width",
    "~~~\nnot closing\n~~~",
]


def test_tricky_note_texts_round_trip_exactly() -> None:
    notes = [note(Anchor(i % 3), text, minute=i) for i, text in enumerate(TRICKY_NOTES)]
    parsed = parse(export_markdown([(article(), notes)], exported_at=EXPORTED))
    assert sorted(parsed.fences) == sorted(TRICKY_NOTES)


note_texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\x00"), min_size=1
)
passages = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")) | st.sampled_from("\\`*_[]<>&#|~$%=^-+.) 1"),
    min_size=1,
    max_size=40,
).filter(str.strip)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(passages, note_texts), min_size=1, max_size=4))
def test_every_note_and_passage_round_trips(pairs: list[tuple[str, str]]) -> None:
    paragraphs = [f"前文{passage}後文" for passage, _ in pairs]
    notes = [
        note(anchor_span(paragraphs, i, 2, 2 + len(passage)), text, minute=i)
        for i, (passage, text) in enumerate(pairs)
    ]
    parsed = parse(export_markdown([(article(paragraphs=paragraphs), notes)], exported_at=EXPORTED))
    assert parsed.fences == [text for _, text in pairs]
    assert parsed.quotes == [[passage.strip()] for passage, _ in pairs]


def test_an_edited_note_says_when() -> None:
    made = note(Anchor(0), "x", minute=1)
    edited = Note.from_json({**made.to_json(), "updated": "2026-11-21T10:00:00+08:00"})
    parsed = parse(export_markdown([(article(), [edited])], exported_at=EXPORTED))
    assert parsed.headings[-1] == "h3 Paragraph 1 · 2026-11-20 09:01 (edited 2026-11-21 10:00)"


def test_reading_order_by_position_then_unanchored_with_ties_in_saving_order() -> None:
    later_in_text = note(anchor_quote(PARAGRAPHS, 1, "推動創新"), "b", minute=1)  # type: ignore[arg-type]
    earlier_in_text = note(anchor_span(PARAGRAPHS, 1, 0, 2), "a", minute=2)
    gone = note(Anchor(0, "不在文中", "", ""), "gone", minute=0)
    same_time = [note(Anchor(2), text, minute=5) for text in ("first saved", "second saved")]
    anchored, unanchored = reading_order([later_in_text, gone, *same_time, earlier_in_text], PARAGRAPHS)
    assert [p.note.text for p in anchored] == ["a", "b", "first saved", "second saved"]
    assert [p.note.text for p in unanchored] == ["gone"]
    assert unanchored[0].location is None and anchored[0].is_passage and not anchored[2].is_passage
