"""The index cache: reused when it may be, rebuilt when it must be, never trusted when damaged."""

from __future__ import annotations

import copy
import dataclasses
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

import store.article_files as article_files_module
import store.index_cache as index_cache
from store.article import Article
from store.article_files import FileListing, article_files, read_article, scan_article_files
from store.cached_article import CachedArticle
from store.indexing import WorkerFailure
from store.library import (
    ArticleQuery,
    CachedLibraryLoad,
    Library,
    load_cached_library,
    load_library,
    query_articles,
)


def write(root: Path, name: str, text: str) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def article_text(title: str, day: str, body: str) -> str:
    return f"{title}\n{day} 来源:测试日报\n{body}\n"


@pytest.fixture
def library_dir(tmp_path: Path) -> Path:
    root = tmp_path / "lib"
    write(root, "a.txt", article_text("渝港合作再出发", "2024-04-18", "重庆企业到香港参展，签约项目三个。"))
    write(root, "b/c.txt", article_text("鲁港合作新进展", "2024-03-27", "青岛与香港合作，人工智能项目落地。"))
    write(root, "b/d.md", article_text("京港科技论坛举行", "2023-05-30", "北京与香港的专家交流科技创新。"))
    write(root, "bad.txt", "")
    return root


class Progress:
    def __init__(self) -> None:
        self.calls: list[tuple[int, int]] = []

    def __call__(self, done: int, total: int) -> None:
        self.calls.append((done, total))

    @property
    def parsed(self) -> int:
        return self.calls[-1][0] if self.calls else 0


def load(root: Path) -> tuple[Library, Progress]:
    progress = Progress()
    return load_library(root, progress=progress), progress


def ids(library: Library, text: str) -> list[str]:
    return [a.id for a in query_articles(library, ArticleQuery(text=text))]


def touch_later(path: Path, text: str) -> None:
    """Rewrite a file so that its size or time surely differs from before."""
    stat = path.stat()
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def test_cache_lives_in_the_cache_dir_per_library(library_dir: Path, isolated_dirs: Path) -> None:
    load_library(library_dir)
    folder = index_cache.library_cache_dir(library_dir)
    assert folder.is_relative_to(isolated_dirs / "cache")
    assert (folder / "articles.bin").is_file()
    assert index_cache.library_cache_dir(library_dir / ".." / "lib") == folder


def test_second_open_parses_nothing_and_gives_the_same_library(library_dir: Path) -> None:
    first, cold = load(library_dir)
    second, warm = load(library_dir)
    assert cold.parsed == 4 and warm.calls == []
    assert [a.to_json() for a in second.articles] == [a.to_json() for a in first.articles]
    assert [str(w) for w in second.warnings] == [str(w) for w in first.warnings]
    assert len(second.warnings) == 1 and "bad.txt" in second.warnings[0].path


def test_changed_new_and_deleted_files(library_dir: Path) -> None:
    load(library_dir)
    touch_later(library_dir / "a.txt", article_text("渝港合作新篇章", "2024-04-19", "重庆银行到香港发债。"))
    write(library_dir, "e.txt", article_text("沪港金融合作签约", "2022-01-05", "上海与香港签署金融协议。"))
    (library_dir / "b" / "d.md").unlink()
    library, progress = load(library_dir)
    assert progress.calls == [(1, 2), (2, 2)]  # a.txt and e.txt only
    assert sorted(a.id for a in library.articles) == ["a", "b/c", "e"]
    assert library.get("a") is not None and library.get("a").title == "渝港合作新篇章"
    assert ids(library, "银行") == ["a"]
    assert ids(library, "参展") == []  # the old text of a.txt is no longer found
    assert ids(library, "专家") == []  # nor that of the deleted file
    assert ids(library, "金融") == ["e"]


def test_a_bad_file_that_is_fixed_loads(library_dir: Path) -> None:
    load(library_dir)
    touch_later(library_dir / "bad.txt", article_text("粤港合作再升级", "2021-06-01", "广州企业赴港。"))
    library, progress = load(library_dir)
    assert progress.parsed == 1 and library.warnings == []
    assert ids(library, "广州") == ["bad"]


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # truncated
        lambda data: data[:60] + bytes([data[60] ^ 0xFF]) + data[61:],  # a flipped byte
        lambda data: b"",  # emptied
        lambda data: b"garbage" * 10,
    ],
)
def test_a_damaged_cache_is_rebuilt(library_dir: Path, damage) -> None:
    load(library_dir)
    state = index_cache.library_cache_dir(library_dir) / "articles.bin"
    state.write_bytes(damage(state.read_bytes()))
    library, progress = load(library_dir)
    assert progress.parsed == 4
    assert ids(library, "人工智能") == ["b/c"]


def test_an_outdated_cache_is_rebuilt(library_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load(library_dir)
    monkeypatch.setattr(index_cache, "CACHE_FORMAT", index_cache.CACHE_FORMAT + 1)
    _, progress = load(library_dir)
    assert progress.parsed == 4
    monkeypatch.setattr(index_cache, "_fingerprint", b"another parser".ljust(32))
    _, progress = load(library_dir)
    assert progress.parsed == 4


def test_a_missing_or_damaged_shard_rebuilds_the_index(library_dir: Path) -> None:
    load(library_dir)
    shards = sorted(index_cache.library_cache_dir(library_dir).glob("text-*.sqlite"))
    assert shards
    shards[0].unlink()
    library, progress = load(library_dir)
    assert progress.parsed == 4 and ids(library, "青岛") == ["b/c"]
    for shard in index_cache.library_cache_dir(library_dir).glob("text-*.sqlite"):
        shard.write_bytes(b"\0" * 4096)
    library, progress = load(library_dir)
    assert progress.parsed == 4 and ids(library, "北京") == ["b/d"]


def test_without_a_usable_cache_folder_the_library_loads_in_memory(
    library_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("ZHREADER_CACHE_DIR", str(blocker))
    library, progress = load(library_dir)
    assert progress.parsed == 4 and len(library.articles) == 3
    assert not any(isinstance(a, CachedArticle) for a in library.articles)
    assert ids(library, "香港") == ["a", "b/c", "b/d"]


def test_ids_of_an_interrupted_update_are_never_reused(library_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load(library_dir)
    write(library_dir, "gone.txt", article_text("乙文的标题很长", "2020-01-01", "乙乙乙的内容。"))
    real_write = index_cache.write_state

    def crash(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(index_cache, "write_state", crash)
    load(library_dir)  # the text of gone.txt reached a shard, the cache file did not
    monkeypatch.setattr(index_cache, "write_state", real_write)
    (library_dir / "gone.txt").unlink()
    write(library_dir, "new.txt", article_text("丙文的标题很长", "2020-01-02", "丙丙丙的内容。"))
    library, _ = load(library_dir)
    assert ids(library, "乙乙乙") == []
    assert ids(library, "丙丙丙") == ["new"]


def test_workers_parse_a_large_batch_like_this_process(library_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for i in range(12):
        write(library_dir, f"many/{i:02d}.txt", article_text(f"第{i}篇测试文章标题", f"2019-02-{i + 1:02d}", f"第{i}篇正文，编号{i}号。"))
    in_process, _ = load(library_dir)
    index_cache.library_cache_dir(library_dir).joinpath("articles.bin").unlink()
    monkeypatch.setattr(index_cache, "PARALLEL_THRESHOLD", 2)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    in_workers, progress = load(library_dir)
    assert progress.calls[-1] == (16, 16)
    assert len(list(index_cache.library_cache_dir(library_dir).glob("text-*.sqlite"))) == 2
    assert [a.to_json() for a in in_workers.articles] == [a.to_json() for a in in_process.articles]
    assert ids(in_workers, "编号7号") == ["many/07"]


def test_if_workers_fail_this_process_parses(library_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def failing(*args: object) -> None:
        raise WorkerFailure("no processes here")

    monkeypatch.setattr(index_cache, "PARALLEL_THRESHOLD", 2)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(index_cache, "parse_in_workers", failing)
    library, progress = load(library_dir)
    assert progress.parsed == 4 and ids(library, "青岛") == ["b/c"]


def test_scan_lists_what_article_files_lists(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    for name in ["z.txt", "a.MD", "b/x.txt", "b/c/y.md", "b/notes.pdf", ".hidden/s.txt", "b/.h.txt", "a2.txt"]:
        write(root, name, "文")
    (root / "link").symlink_to(root / "b", target_is_directory=True)
    listing = scan_article_files(root)
    assert listing.relpaths == [p.relative_to(root).as_posix() for p in article_files(root)]
    assert list(listing.sizes) == [3] * len(listing)


def test_a_listing_kept_in_the_cache_is_decoded_when_first_read(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    for name in ["a.txt", "香港/b.md"]:
        write(root, name, "文")
    listing = scan_article_files(root)
    kept = FileListing.from_marshal(listing.to_marshal())
    assert "relpaths" not in vars(kept)
    assert kept.same_as(listing) and len(kept) == 2
    assert (kept.relpaths, list(kept.mtimes)) == (["a.txt", "香港/b.md"], list(listing.mtimes))


def test_a_large_folder_is_scanned_with_a_helper_process_and_lists_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "lib"
    for year in range(2015, 2023):
        for name in ["b.txt", "a.md", "c/d.txt", "notes.pdf", ".hidden.txt"]:
            write(root, f"{year}/{name}", "文")
    write(root, "top.txt", "文")
    (root / "2016" / "c" / "gone").mkdir()
    expected = [p.relative_to(root).as_posix() for p in article_files(root)]

    started: list[list[str]] = []
    start_helper = article_files_module._start_scan_helper

    def watched(root: Path, folders: list[str]):
        started.append(folders)
        return start_helper(root, folders)

    monkeypatch.setattr(article_files_module, "_start_scan_helper", watched)
    monkeypatch.setattr(article_files_module, "HELPER_MIN_FILES", 1)
    listing = scan_article_files(root)
    assert started == [["2019", "2020", "2021", "2022"]]  # the later half
    assert listing.relpaths == expected
    assert len(listing.sizes) == len(listing.mtimes) == len(expected) and min(listing.sizes) == 3

    # A helper that fails leaves its folders to this process.
    def failing(root: Path, folders: list[str]):
        return subprocess.Popen([sys.executable, "-c", "raise SystemExit(3)"], stdout=subprocess.PIPE)

    monkeypatch.setattr(article_files_module, "_start_scan_helper", failing)
    assert scan_article_files(root).same_as(listing)


def test_a_cached_library_without_looking_at_the_files(library_dir: Path) -> None:
    assert load_cached_library(library_dir) is None
    load_library(library_dir)
    cached = load_cached_library(library_dir)
    assert cached is not None and sorted(a.id for a in cached.articles) == ["a", "b/c", "b/d"]
    assert load_library(library_dir, reuse=cached) is cached
    write(library_dir, "e.txt", article_text("沪港金融合作签约", "2022-01-05", "上海与香港签署金融协议。"))
    stale = load_cached_library(library_dir)
    assert stale is not None and stale.get("e") is None
    fresh = load_library(library_dir, reuse=stale)
    assert fresh is not stale and fresh.get("e") is not None


def test_a_cached_library_read_in_a_thread_started_early(library_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert CachedLibraryLoad(library_dir).result() is None  # no cache yet
    load_library(library_dir)
    started = CachedLibraryLoad(library_dir)
    cached = started.result()
    assert started.done() and cached is not None and sorted(a.id for a in cached.articles) == ["a", "b/c", "b/d"]
    assert load_library(library_dir, reuse=cached) is cached

    def broken(root: Path) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr("store.library.load_cached_library", broken)
    started = CachedLibraryLoad(library_dir)
    with pytest.raises(RuntimeError, match="a bug"):  # raised where the result is asked for
        started.result()


# Cached articles ---------------------------------------------------------------------


def test_cached_articles_read_as_parsed_articles(seeds_dir: Path) -> None:
    load_library(seeds_dir)
    library = load_library(seeds_dir)
    for article in library.articles:
        assert isinstance(article, CachedArticle)
        parsed = read_article(seeds_dir / f"{article.id}.txt", seeds_dir)
        assert article.to_json() == parsed.to_json()  # straight from the cache
        for field in dataclasses.fields(Article):
            assert getattr(article, field.name) == getattr(parsed, field.name), field.name
        assert article.to_json() == parsed.to_json()  # from the decoded fields


def test_to_json_does_not_read_the_file(library_dir: Path) -> None:
    load_library(library_dir)
    library = load_library(library_dir)
    article = library.get("b/c")
    assert article is not None
    (library_dir / "b" / "c.txt").unlink()
    assert article.to_json()["characters"] == len("青岛与香港合作，人工智能项目落地。")
    assert article.paragraphs == []  # the file is gone now


def test_assigned_fields_stay_and_copies_are_plain_articles(library_dir: Path) -> None:
    load_library(library_dir)
    article = load_library(library_dir).get("a")
    assert isinstance(article, CachedArticle)
    article.title = "改过的标题"
    assert article.title == "改过的标题" and article.source == "测试日报"
    article.paragraphs = ["新段落"]
    assert article.paragraphs == ["新段落"] and article.to_json()["paragraphs"] == 1
    for copied in (pickle.loads(pickle.dumps(article)), copy.copy(article), dataclasses.replace(article)):
        assert type(copied) in (Article, CachedArticle)
        assert copied.title == "改过的标题" and copied.paragraphs == ["新段落"]
    assert type(pickle.loads(pickle.dumps(article))) is Article
