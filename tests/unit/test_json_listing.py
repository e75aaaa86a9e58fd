"""`list --json` text: built from the cache's columns, it is the text that encoding each article's dict gives."""

from __future__ import annotations

import json
import pickle
import shutil
from pathlib import Path

import pytest

from store import json_listing
from store.cached_article import CachedArticle
from store.json_listing import _all_pristine, write_json_listing
from store.index_cache import library_cache_dir
from store.library import load_library


def listing(articles: list, bookmarked: set[str], notes: dict[str, int]) -> str:
    parts: list[bytes] = []
    write_json_listing(articles, bookmarked, notes, parts.append)
    return b"".join(parts).decode("utf-8")


def test_columns_give_the_same_text_as_plain_articles(tmp_path: Path, seeds_dir: Path) -> None:
    root = tmp_path / "lib"
    shutil.copytree(seeds_dir, root)
    (root / "extra").mkdir()
    (root / "extra" / "range.txt").write_text(
        '京港合作「論壇」\n2024年7月3日至5日 來源:香港\\商報 記者 張亦築 王"小明"\n北京與香港的專家交流科技創新。\n', encoding="utf-8"
    )
    (root / "extra" / "undated.txt").write_text("无日期的文章，只有正文。\n", encoding="utf-8")
    library = load_library(root)
    cached = library.articles
    assert all(type(a) is CachedArticle for a in cached)
    bookmarked = {cached[0].id, cached[-1].id}
    notes = {cached[1].id: 3}

    text = listing(cached, bookmarked, notes)

    assert _all_pristine(cached)  # listed from the columns
    plain = [pickle.loads(pickle.dumps(a)) for a in cached]  # plain Articles, read from the files
    assert all(type(a) is not CachedArticle for a in plain)
    assert text == listing(plain, bookmarked, notes)
    assert text.endswith("\n]\n") and text.count("\n") == len(cached) + 2  # one article per line
    objects = json.loads(text)
    assert [o["id"] for o in objects] == [a.id for a in cached]
    assert [(o["bookmarked"], o["notes"]) for o in objects[:2]] == [(True, 0), (False, 3)]
    assert objects == [{**a.to_json(), "bookmarked": a.id in bookmarked, "notes": notes.get(a.id, 0)} for a in plain]


def test_a_decoded_article_is_listed_from_its_fields(tmp_path: Path, seeds_dir: Path) -> None:
    library = load_library(seeds_dir)
    articles = library.articles
    articles[0].title = "改过的标题"  # assigned: the columns no longer tell the truth about it
    objects = json.loads(listing(articles, set(), {}))
    assert objects[0]["title"] == "改过的标题"
    assert len(objects) == len(articles)


def test_nothing_is_an_empty_array() -> None:
    assert listing([], set(), {}) == "[]\n"


def test_the_listing_is_kept_beside_the_cache_and_never_trusted_stale(tmp_path: Path, seeds_dir: Path) -> None:
    root = tmp_path / "lib"
    shutil.copytree(seeds_dir, root)
    first = load_library(root)
    text = listing(first.articles, set(), {})
    saved = library_cache_dir(root) / "listing.bin"
    assert saved.is_file()
    assert listing(load_library(root).articles, set(), {}) == text  # read back from the file

    saved.write_bytes(saved.read_bytes()[:-3] + b"xyz")  # damaged: made again, not read
    assert listing(load_library(root).articles, set(), {}) == text

    changed = sorted(root.glob("*.txt"))[0]
    changed.write_text("重庆与香港签署科技合作新协议\n2025年1月2日 来源：重庆日报\n重庆与香港的合作继续深化。\n", encoding="utf-8")
    library = load_library(root)  # a new version of the cache: the kept listing is another's
    objects = json.loads(listing(library.articles, set(), {}))
    assert "重庆与香港签署科技合作新协议" in [o["title"] for o in objects]
    assert objects == json.loads(listing([pickle.loads(pickle.dumps(a)) for a in library.articles], set(), {}))


def test_a_few_articles_are_listed_without_making_every_line(tmp_path: Path, seeds_dir: Path) -> None:
    root = tmp_path / "lib"
    shutil.copytree(seeds_dir, root)
    library = load_library(root)
    few = library.articles[:2]
    objects = json.loads(listing(few, {few[1].id}, {}))
    assert [o["id"] for o in objects] == [a.id for a in few]
    assert [o["bookmarked"] for o in objects] == [False, True]
    assert not (library_cache_dir(root) / "listing.bin").exists()


@pytest.mark.parametrize("chunk", [1, 2, 3, 2000])
@pytest.mark.parametrize("order", ["library", "reversed", "most", "few"])
def test_any_choice_of_cached_articles_in_any_chunks_gives_the_plain_text(
    tmp_path: Path, seeds_dir: Path, monkeypatch: pytest.MonkeyPatch, chunk: int, order: str
) -> None:
    root = tmp_path / "lib"
    shutil.copytree(seeds_dir, root)
    for number in range(6):
        (root / f"more-{number}.txt").write_text(f"第{number}篇关于香港的文章\n2024年7月{number + 1}日\n正文。\n", encoding="utf-8")
    cached = load_library(root).articles
    chosen = {
        "library": cached,  # the kept lines in one slice per run
        "reversed": cached[::-1],  # a slice per line
        "most": cached[:3] + cached[4:],  # one gap: still from the kept lines
        "few": cached[2:5],  # made for these alone
    }[order]
    bookmarked = {cached[0].id, cached[4].id, cached[-1].id}
    notes = {cached[1].id: 2, cached[4].id: 1, cached[5].id: 0}
    monkeypatch.setattr(json_listing, "_CHUNK", chunk)

    text = listing(chosen, bookmarked, notes)

    plain = [pickle.loads(pickle.dumps(a)) for a in chosen]
    assert text == listing(plain, bookmarked, notes)
    assert [(o["id"], o["bookmarked"], o["notes"]) for o in json.loads(text)] == [
        (a.id, a.id in bookmarked, notes.get(a.id, 0)) for a in chosen
    ]


def test_the_kept_listing_is_of_the_root_as_spelled(tmp_path: Path, seeds_dir: Path) -> None:
    root = tmp_path / "lib"
    shutil.copytree(seeds_dir, root)
    link = tmp_path / "link"
    link.symlink_to(root)
    for spelling in (root, link, root, link):  # one cache folder; each listing names the files as the user does
        objects = json.loads(listing(load_library(spelling).articles, set(), {}))
        assert {Path(o["path"]).parent for o in objects} == {spelling}
