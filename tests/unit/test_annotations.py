"""The annotations API: bookmarks, notes, settings and reading state."""

from __future__ import annotations

import json
import traceback
from datetime import datetime, timezone
from pathlib import Path
from unittest.mock import patch

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store.anchors import Anchor
from store.annotations import (
    DATA_FILE_NAME,
    SCHEMA_VERSION,
    Annotations,
    DataFileError,
    Note,
    NoteNotFoundError,
    default_data_dir,
)

SECRET = "my private thought [/] > # ---\n😀"


@pytest.fixture
def store(tmp_path: Path) -> Annotations:
    return Annotations(tmp_path / "data")


def on_disk(store: Annotations) -> dict:
    return json.loads(store.path.read_text(encoding="utf-8"))


def test_default_data_dir_follows_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert default_data_dir() == tmp_path / "data"  # set by conftest
    monkeypatch.delenv("ZHREADER_DATA_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_data_dir() == tmp_path / "xdg" / "zhreader"


def test_file_carries_the_schema_version(store: Annotations) -> None:
    store.add_bookmark("a")
    assert store.path.name == DATA_FILE_NAME
    assert list(on_disk(store)["meta"].values()) == [{"schema_version": SCHEMA_VERSION}]


def test_a_newer_schema_is_not_changed(store: Annotations) -> None:
    store.add_bookmark("a")
    data = on_disk(store)
    data["meta"]["1"]["schema_version"] = SCHEMA_VERSION + 1
    store.path.write_text(json.dumps(data))
    before = store.path.read_bytes()
    with pytest.raises(DataFileError, match="newer zhreader"):
        store.add_bookmark("b")
    assert store.path.read_bytes() == before
    assert store.is_bookmarked("a")  # still readable


# Bookmarks -------------------------------------------------------------------------


def test_bookmarks(store: Annotations) -> None:
    first = store.add_bookmark("a")
    assert store.add_bookmark("a").created == first.created  # idempotent
    store.add_bookmark("b")
    assert [b.article_id for b in store.bookmarks()] == ["a", "b"]
    assert store.bookmarked_ids() == {"a", "b"}
    assert store.remove_bookmark("a") is True
    assert store.remove_bookmark("a") is False
    assert not store.is_bookmarked("a")
    assert store.toggle_bookmark("a") is True
    assert store.toggle_bookmark("a") is False
    assert Annotations(store.data_dir).bookmarked_ids() == {"b"}


# Notes -----------------------------------------------------------------------------


def test_a_note_is_on_disk_when_add_returns(store: Annotations) -> None:
    note = store.add_note("000_x", Anchor(2, "香港", "與", "簽署"), SECRET, tags=["科技", " 科技 ", "", "合作"])
    [saved] = on_disk(store)["notes"].values()
    assert saved["id"] == note.id
    assert saved["text"] == SECRET
    assert (saved["paragraph"], saved["quote"], saved["prefix"], saved["suffix"]) == (2, "香港", "與", "簽署")
    assert saved["tags"] == ["科技", "合作"]
    assert note.created.tzinfo is not None
    assert saved["created"] == note.created.isoformat(timespec="milliseconds")


@given(text=st.text(min_size=1).filter(str.strip))
@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_note_text_is_kept_exactly(store: Annotations, text: str) -> None:
    note = store.add_note("a", Anchor(0), text)
    assert Annotations(store.data_dir).get_note(note.id).text == text


def test_empty_text_is_refused(store: Annotations) -> None:
    for text in ("", "  \n\t"):
        with pytest.raises(ValueError, match="empty"):
            store.add_note("a", Anchor(0), text)
    with pytest.raises(ValueError):
        store.add_note("a", Anchor(-1), "x")
    assert not store.path.exists()


def test_notes_are_listed_in_reading_order(store: Annotations) -> None:
    late = store.add_note("a", Anchor(3), "third paragraph")
    early = store.add_note("a", Anchor(0), "first paragraph")
    later_same_paragraph = store.add_note("a", Anchor(0), "first paragraph again")
    other = store.add_note("b", Anchor(0), "other article")
    assert [n.id for n in store.notes("a")] == [early.id, later_same_paragraph.id, late.id]
    assert [n.id for n in store.notes()] == [early.id, later_same_paragraph.id, late.id, other.id]
    assert store.note_counts() == {"a": 3, "b": 1}


def test_notes_saved_in_the_same_millisecond_keep_their_order(store: Annotations) -> None:
    moment = datetime(2024, 5, 20, 9, 30, tzinfo=timezone.utc)
    with patch("store.annotations._now", return_value=moment.isoformat(timespec="milliseconds")):
        saved = [store.add_note("a", Anchor(0), f"note {i}") for i in range(20)]
    assert [n.id for n in store.notes("a")] == [n.id for n in saved]


def test_update_and_delete(store: Annotations) -> None:
    note = store.add_note("a", Anchor(1, "甲", "", ""), "before", tags=["x"])
    changed = store.update_note(note.id, text="after")
    assert (changed.text, changed.tags, changed.created) == ("after", ("x",), note.created)
    assert changed.updated >= note.updated
    moved = store.update_note(note.id, tags=["y"], anchor=Anchor(4))
    assert (moved.tags, moved.paragraph, moved.quote, moved.text) == (("y",), 4, None, "after")
    assert store.get_note(note.id) == moved
    assert store.delete_note(note.id) == moved
    assert store.get_note(note.id) is None
    with pytest.raises(NoteNotFoundError):
        store.update_note(note.id, text="x")
    with pytest.raises(NoteNotFoundError):
        store.delete_note(note.id)


def test_ids_are_unique_across_stores_on_one_file(tmp_path: Path) -> None:
    a, b = Annotations(tmp_path), Annotations(tmp_path)
    made = [(a if n % 2 else b).add_note("x", Anchor(0), f"n{n}") for n in range(10)]
    assert sorted(n.id for n in a.notes()) == sorted(n.id for n in made)
    assert len(on_disk(a)["notes"]) == 10


def test_another_process_changes_are_seen_without_reopening(tmp_path: Path) -> None:
    reader, writer = Annotations(tmp_path), Annotations(tmp_path)
    assert reader.notes() == []
    note = writer.add_note("x", Anchor(0), "hello")
    writer.add_bookmark("x")
    assert reader.notes("x") == [note]
    assert reader.is_bookmarked("x")


def test_note_text_stays_out_of_reprs_and_errors(store: Annotations) -> None:
    note = store.add_note("a", Anchor(0, "quote", "", ""), SECRET)
    assert "private" not in repr(note)
    assert "private" not in repr(store.notes())
    try:
        Note.from_json({**note.to_json(), "created": "not a time"})
    except ValueError:
        assert "private" not in traceback.format_exc()
    with pytest.raises(NoteNotFoundError) as raised:
        store.update_note("nope", text=SECRET)
    assert "private" not in str(raised.value)


def test_to_json_and_from_json_round_trip(store: Annotations) -> None:
    note = store.add_note("a", Anchor(0, "q", "p", "s"), SECRET, tags=["t"])
    assert Note.from_json(json.loads(json.dumps(note.to_json()))) == note


# Settings and reading state --------------------------------------------------------


def test_settings(store: Annotations) -> None:
    assert store.get_setting("script", "original") == "original"
    store.set_setting("script", "simplified")
    store.update_settings({"pinyin": "ruby", "filters": {"regions": ["CN-CQ"], "since": None}})
    store.set_setting("script", "traditional")
    reopened = Annotations(store.data_dir)
    assert reopened.settings() == {
        "script": "traditional",
        "pinyin": "ruby",
        "filters": {"regions": ["CN-CQ"], "since": None},
    }
    assert len(on_disk(store)["settings"]) == 3


def test_a_value_that_is_not_json_saves_nothing(store: Annotations) -> None:
    store.set_setting("theme", "dark")
    before = store.path.read_bytes()
    with pytest.raises(TypeError):
        store.update_settings({"theme": "light", "bad": {1, 2}})
    assert store.path.read_bytes() == before


def test_reading_state(store: Annotations) -> None:
    assert store.last_article() is None
    store.set_reading_position("a", 12)
    store.set_reading_position("b", 3.5)
    store.set_reading_position("a", 20)
    reopened = Annotations(store.data_dir)
    last = reopened.last_article()
    assert (last.article_id, last.scroll) == ("a", 20.0)
    assert reopened.reading_position("b").scroll == 3.5
    assert reopened.reading_position("c") is None
