"""The bookmark, note, notes and export commands as a user meets them."""

from __future__ import annotations

import io
import json
import os
import re
import stat
import sys
from pathlib import Path

import pytest
import yaml
from markdown_it import MarkdownIt

from tui.cli import main

CHONGQING = "000_cd5ba6057e19a2ed"
NOTE_TEXT = "First note: [/] *not bold*\n> not a quote\n# not a heading\n---\n😀"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def notes_json(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict]:
    code, out, _ = run(capsys, "notes", *args, "--json")
    assert code == 0
    return json.loads(out)


def data_file(tmp_path: Path) -> Path:
    return tmp_path / "data" / "zhreader.json"  # ZHREADER_DATA_DIR is set by conftest


# bookmark ---------------------------------------------------------------------------


def test_bookmark_shows_in_list_and_can_be_removed(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "bookmark", CHONGQING)
    assert (code, out) == (0, f"bookmarked: {CHONGQING} “重慶造”硬核成果吸引國際目光\n")
    code, out, _ = run(capsys, "list", "--bookmarked", "--json")
    assert [a["id"] for a in json.loads(out)] == [CHONGQING]
    assert run(capsys, "bookmark", CHONGQING, "--remove")[:2] == (0, f"removed bookmark: {CHONGQING}\n")
    assert run(capsys, "bookmark", CHONGQING, "--remove")[:2] == (0, f"{CHONGQING} was not bookmarked\n")
    assert json.loads(run(capsys, "list", "--bookmarked", "--json")[1]) == []


def test_bookmark_of_an_unknown_article_is_a_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "bookmark", "nope")
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "no article with id 'nope'" in err
    assert not data_file(tmp_path).exists()


# note ---------------------------------------------------------------------------------


def test_note_on_a_quote_typed_in_either_script(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "note", CHONGQING, "--quote", "重庆展团", "--tag", "渝港", "--tag", "展會", NOTE_TEXT)
    assert code == 0
    [saved] = notes_json(capsys)
    assert out == f"saved note {saved['id']} on {CHONGQING}, paragraph 1, on '重慶展團', tags: 渝港, 展會\n"
    assert saved["text"] == NOTE_TEXT
    assert (saved["article_id"], saved["paragraph"], saved["quote"]) == (CHONGQING, 1, "重慶展團")
    assert saved["tags"] == ["渝港", "展會"]
    assert saved["anchored"] is True
    assert saved["location"]["paragraph"] == 1
    assert {"id", "created", "updated"} <= set(saved)


def test_note_on_a_whole_paragraph_and_from_stdin(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("line one\n  line two\n"))
    assert run(capsys, "note", CHONGQING, "--paragraph", "3", "-")[0] == 0
    [saved] = notes_json(capsys, CHONGQING)
    assert (saved["paragraph"], saved["quote"], saved["text"]) == (3, None, "line one\n  line two")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nope", "text"], "no article with id 'nope'"),
        ([CHONGQING, ""], "the note text is empty"),
        ([CHONGQING, " \n "], "the note text is empty"),
        ([CHONGQING, "--paragraph", "0", "x"], "--paragraph 0 is out of range: the article has paragraphs 1 to 26"),
        ([CHONGQING, "--paragraph", "27", "x"], "--paragraph 27 is out of range: the article has paragraphs 1 to 26"),
        ([CHONGQING, "--quote", "不在文中", "x"], "--quote '不在文中' is not in the article"),
        ([CHONGQING, "--paragraph", "2", "--quote", "重慶展團", "x"], "--quote '重慶展團' is not in paragraph 2"),
    ],
)
def test_bad_note_input_exits_2_with_one_line_and_saves_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: list[str], message: str
) -> None:
    code, out, err = run(capsys, "note", *args)
    assert (code, out) == (2, "")
    assert err.startswith(f"zhreader: error: {message}")
    assert err.count("\n") == 1
    assert not data_file(tmp_path).exists()


# notes ----------------------------------------------------------------------------------


def write_article(library: Path, paragraphs: list[str], name: str = "a") -> None:
    library.mkdir(exist_ok=True)
    (library / f"{name}.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")


def test_notes_whose_passage_is_gone_are_listed_as_unanchored(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    library = tmp_path / "lib"
    write_article(library, ["第一段：重慶與香港簽署合作協議。", "第二段：兩地將深化科技合作。"])
    assert run(capsys, "note", "a", "--library", str(library), "--quote", "科技合作", "tech")[0] == 0
    assert run(capsys, "note", "a", "--library", str(library), "--quote", "簽署", "signing")[0] == 0
    write_article(library, ["第一段：重慶與香港簽署合作協議。", "第二段：兩地將深化交流。"])
    listed = notes_json(capsys, "a", "--library", str(library))
    assert [(n["text"], n["anchored"], n["location"]) for n in listed] == [
        ("signing", True, {"paragraph": 1, "start": 9, "end": 11}),
        ("tech", False, None),
    ]
    code, out, _ = run(capsys, "notes", "--library", str(library))
    assert "unanchored (was paragraph 2)" in out


def test_notes_of_an_unknown_article_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "notes", "nope")
    assert code == 2 and err.count("\n") == 1 and "no article with id 'nope'" in err
    assert notes_json(capsys, CHONGQING) == []


def test_a_recovered_data_file_is_reported_on_stderr(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    run(capsys, "note", CHONGQING, "one")
    run(capsys, "note", CHONGQING, "two")
    data_file(tmp_path).write_text("{ not json")
    code, out, err = run(capsys, "notes", "--json")
    assert code == 0
    assert [n["text"] for n in json.loads(out)] == ["one"]
    assert err.count("\n") == 1
    assert re.fullmatch(
        r"zhreader: .*zhreader\.json is not valid JSON; moved it to .*zhreader\.json\.corrupt-\d{8}T\d{6}; "
        r"restored the backup .*zhreader\.json\.bak\n",
        err,
    )


def test_an_unusable_data_dir_is_a_failure_with_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    not_a_dir = tmp_path / "file"
    not_a_dir.write_text("x")
    code, out, err = run(capsys, "note", CHONGQING, "--data-dir", str(not_a_dir), "text")
    assert (code, out) == (1, "")
    assert err.count("\n") == 1 and "Not a directory" in err
    assert not_a_dir.read_text() == "x"


# export --------------------------------------------------------------------------------


def parse_export(markdown: str) -> tuple[dict, list[str], list[str]]:
    """Front matter, block-quote paragraphs and fenced note texts, as a Markdown tool reads them."""
    match = re.match(r"---\n(.*?\n)---\n", markdown, re.S)
    assert match
    tokens = MarkdownIt("commonmark").parse(markdown[match.end() :])
    quotes, fences, depth = [], [], 0
    for token in tokens:
        depth += {"blockquote_open": 1, "blockquote_close": -1}.get(token.type, 0)
        if token.type == "inline" and depth:
            quotes.append("".join(c.content for c in token.children))
        elif token.type == "fence":
            fences.append(token.content[:-1])
    return yaml.safe_load(match[1]), quotes, fences


def test_export_one_article_in_simplified(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "note", CHONGQING, "--quote", "重慶展團", NOTE_TEXT)
    run(capsys, "note", CHONGQING, "--quote", "香港國際創科展", "--tag", "展會", "Second note")
    code, out, _ = run(capsys, "export", "--article", CHONGQING, "--script", "simplified")
    assert code == 0
    front, quotes, fences = parse_export(out)
    assert front["title"] == "“重庆造”硬核成果吸引国际目光"
    assert (front["article_id"], str(front["date"]), front["tags"]) == (CHONGQING, "2024-04-18", ["展會"])
    assert "exported" in front and front["source"] and front["regions"]
    assert quotes == ["香港国际创科展", "重庆展团"]  # reading order: both are in paragraph 1
    assert fences == ["Second note", NOTE_TEXT]


def test_export_with_pinyin(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "note", CHONGQING, "--quote", "重慶展團", "x")
    _, quotes, _ = parse_export(run(capsys, "export", "--all", "--pinyin")[1])
    assert quotes == ["重慶展團", "chóngqìng zhǎntuán"]


def test_export_needs_a_choice(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "export")
    assert (code, out) == (2, "")
    assert err == "zhreader: error: choose what to export: --article ID, --bookmarked or --all\n"
    assert run(capsys, "export", "--bookmarked")[0] == 2
    assert run(capsys, "export", "--article", "nope")[0] == 2


def test_export_bookmarked_articles_without_notes(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "bookmark", CHONGQING)
    front, quotes, fences = parse_export(run(capsys, "export", "--bookmarked")[1])
    assert front["article_id"] == CHONGQING
    assert (quotes, fences) == ([], [])


def test_export_to_a_file_refuses_to_overwrite_without_force(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    run(capsys, "note", CHONGQING, NOTE_TEXT)
    target = tmp_path / "notes.md"
    code, out, err = run(capsys, "export", "--all", "-o", str(target))
    assert (code, out) == (0, "")
    assert err == f"exported 1 notes from 1 articles to {target}\n"
    assert parse_export(target.read_text(encoding="utf-8"))[2] == [NOTE_TEXT]
    target.write_text("mine")
    code, out, err = run(capsys, "export", "--all", "-o", str(target))
    assert (code, out, err) == (2, "", f"zhreader: error: {target} exists; use --force to overwrite it\n")
    assert target.read_text() == "mine"
    assert run(capsys, "export", "--all", "-o", str(target), "--force")[0] == 0
    assert parse_export(target.read_text(encoding="utf-8"))[2] == [NOTE_TEXT]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".notes")) == []


def test_an_exported_file_is_readable_as_any_new_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """The file gets the mode open() would give it under the umask, not mkstemp's owner-only mode."""
    run(capsys, "note", CHONGQING, NOTE_TEXT)
    umask = os.umask(0o022)
    os.umask(umask)
    target = tmp_path / "notes.md"
    assert run(capsys, "export", "--all", "-o", str(target))[0] == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask


def test_export_keeps_notes_of_articles_that_left_the_library(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    library = tmp_path / "lib"
    write_article(library, ["重慶與香港簽署合作協議。"])
    run(capsys, "note", "a", "--library", str(library), "--quote", "簽署", "kept")
    (library / "a.txt").unlink()
    write_article(library.parent / "other", ["另一篇。"], name="b")
    code, out, err = run(capsys, "export", "--all", "--library", str(library.parent / "other"))
    assert code == 0
    assert "a is not in" in err
    _, quotes, fences = parse_export(out)
    assert (quotes, fences) == (["簽署"], ["kept"])
    assert "## Unanchored notes" in out
