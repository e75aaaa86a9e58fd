"""Loading folders of articles and querying them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from store.article_files import article_id_for
from store.library import (
    ArticleQuery,
    LibraryError,
    article_files,
    bundled_library_path,
    load_library,
    query_articles,
)

SIMPLIFIED = "鲁港合作新进展\n2024-03-27 来源:大众网\n3月25日,鲁港科技创新合作交流对接会在青岛举行,签约项目涉及人工智能。\n"
TRADITIONAL = "渝港合作新篇章\n2023-04-18 來源:重慶日報\n重慶展團在香港會議展覽中心完成首秀,銀行業代表出席。\n"
UNDATED = "没有日期的文章\n这篇文章写的是北京的科技发展,与香港合作。\n"


def write(root: Path, name: str, text: str | bytes) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


@pytest.fixture
def library_dir(tmp_path: Path) -> Path:
    root = tmp_path / "lib"
    write(root, "sd/qingdao.txt", SIMPLIFIED)
    write(root, "cq.md", TRADITIONAL)
    write(root, "nodate.txt", UNDATED)
    write(root, "big5.txt", TRADITIONAL.replace("2023-04-18", "2022-01-05").encode("big5"))
    write(root, "notes.pdf", b"%PDF-1.4")
    write(root, ".hidden/secret.txt", SIMPLIFIED)
    return root


def test_ids_are_relative_paths_without_extension(library_dir: Path) -> None:
    library = load_library(library_dir)
    assert sorted(a.id for a in library.articles) == ["big5", "cq", "nodate", "sd/qingdao"]


def test_an_articles_id_is_its_path_below_the_root_however_the_root_is_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    file = Path("lib", "2024.05", "a.b.txt")
    assert article_id_for(tmp_path / file, tmp_path / "lib") == "2024.05/a.b"
    assert article_id_for(file, Path("lib")) == "2024.05/a.b"
    assert article_id_for(Path(".") / file, Path(".")) == "lib/2024.05/a.b"  # "." is not a prefix of "lib/…"


def test_sorted_newest_first_undated_last(library_dir: Path) -> None:
    ids = [a.id for a in load_library(library_dir).articles]
    assert ids == ["sd/qingdao", "cq", "big5", "nodate"]


def test_big5_file_reads_correctly(library_dir: Path) -> None:
    article = load_library(library_dir).get("big5")
    assert article is not None and article.title == "渝港合作新篇章"


def test_bad_files_warn_and_the_rest_loads(library_dir: Path) -> None:
    write(library_dir, "empty.txt", b"")
    write(library_dir, "binary.txt", b"\x00\x01\x02" * 100)
    write(library_dir, "badyaml.md", "---\ntitle: [unclosed\n---\n正文。\n")
    write(library_dir, "dateonly.txt", "2024-05-20\n\n")
    library = load_library(library_dir)
    reasons = {Path(w.path).name: w.reason for w in library.warnings}
    assert set(reasons) == {"empty.txt", "binary.txt", "badyaml.md", "dateonly.txt"}
    assert reasons["dateonly.txt"] == "no article text"
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["binary.txt"]
    assert "YAML" in reasons["badyaml.md"]
    assert all(str(w).startswith("skipped ") for w in library.warnings)
    assert len(library.articles) == 4


def test_missing_and_non_folder_libraries(tmp_path: Path) -> None:
    with pytest.raises(LibraryError, match="not found"):
        load_library(tmp_path / "nope")
    file = write(tmp_path, "file.txt", SIMPLIFIED)
    with pytest.raises(LibraryError, match="not a folder"):
        load_library(file)


def test_progress_reports_every_file(library_dir: Path) -> None:
    calls: list[tuple[int, int]] = []
    load_library(library_dir, progress=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (4, 4) and len(calls) == 4


def test_article_files_skip_hidden_and_other_suffixes(library_dir: Path) -> None:
    names = [p.name for p in article_files(library_dir)]
    assert "secret.txt" not in names and "notes.pdf" not in names


def test_query_by_region_any_of(library_dir: Path) -> None:
    library = load_library(library_dir)
    ids = {a.id for a in query_articles(library, ArticleQuery(regions=frozenset({"CN-SD"})))}
    assert ids == {"sd/qingdao"}
    both = {a.id for a in query_articles(library, ArticleQuery(regions=frozenset({"CN-SD", "CN-CQ"})))}
    assert both == {"sd/qingdao", "cq", "big5"}


def test_query_dates_inclusive(library_dir: Path) -> None:
    library = load_library(library_dir)
    q = ArticleQuery(since=dt.date(2023, 4, 18), until=dt.date(2024, 3, 27))
    assert [a.id for a in query_articles(library, q)] == ["sd/qingdao", "cq"]
    assert [a.id for a in query_articles(library, ArticleQuery(until=dt.date(2022, 1, 5)))] == ["big5"]


def test_search_ignores_script(library_dir: Path) -> None:
    library = load_library(library_dir)
    assert {a.id for a in query_articles(library, ArticleQuery(text="重庆"))} == {"cq", "big5"}
    assert {a.id for a in query_articles(library, ArticleQuery(text="鲁港"))} == {"sd/qingdao"}
    assert {a.id for a in query_articles(library, ArticleQuery(text="魯港"))} == {"sd/qingdao"}
    assert {a.id for a in query_articles(library, ArticleQuery(text="银行業"))} == {"cq", "big5"}
    assert query_articles(library, ArticleQuery(text="不存在的词")) == []


def test_only_ids(library_dir: Path) -> None:
    library = load_library(library_dir)
    assert [a.id for a in query_articles(library, ArticleQuery(only_ids=frozenset({"cq"})))] == ["cq"]


def test_bundled_library_is_the_seeds() -> None:
    names = sorted(p.name for p in bundled_library_path().iterdir())
    assert len(names) == 5 and all(n.endswith(".txt") for n in names)


def test_a_date_without_a_year_takes_the_year_of_the_articles_folder(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    write(root, "2015/10/summit.txt", "峰会开幕\n10月29日,峰会在香港开幕。\n自2024年以来,两地合作更加紧密。\n")
    write(root, "undated/summit.txt", "峰会开幕\n10月29日,峰会在香港开幕。\n自2024年以来,两地合作更加紧密。\n")
    dates = {a.id: a.date for a in load_library(root).articles}
    assert dates == {"2015/10/summit": dt.date(2015, 10, 29), "undated/summit": dt.date(2024, 10, 29)}
