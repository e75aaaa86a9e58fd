"""The on-disk text index finds exactly what a substring search over the folded text finds."""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store.text_index import ShardWriter, TextIndex, TextIndexError, _gram_tokens, article_search_text, search_form


def build(folder: Path, shards: list[dict[int, str]]) -> TextIndex:
    paths = []
    for k, documents in enumerate(shards):
        path = folder / f"shard-{k}.sqlite"
        writer = ShardWriter(path)
        for docid, text in documents.items():
            writer.add(docid, search_form(text))
        writer.commit()
        writer.close()
        paths.append(path)
    return TextIndex(paths)


def test_finds_substrings_across_shards_in_either_script(tmp_path: Path) -> None:
    index = build(
        tmp_path,
        [
            {1: "重慶展團在香港會議展覽中心完成首秀", 2: "鲁港科技合作"},
            {3: "重庆企业赴港参展，银行业代表出席", 4: "Hong Kong 5G 论坛"},
        ],
    )
    assert sorted(index.search(search_form("重庆"))) == [1, 3]
    assert sorted(index.search(search_form("港"))) == [1, 2, 3]
    assert index.search(search_form("銀行業")) == [3]
    assert index.search(search_form("hong kong 5g")) == [4]
    assert index.search(search_form("HONG")) == [4]
    assert index.search(search_form("不存在")) == []


def test_punctuation_and_spaces_are_characters_too(tmp_path: Path) -> None:
    index = build(tmp_path, [{1: "A-B, 5G", 2: "AB 5G", 3: "中文，标点", 4: "中文标点"}])
    assert index.search(search_form("a-b")) == [1]
    assert sorted(index.search(search_form("5g"))) == [1, 2]
    assert index.search(search_form(", 5")) == [1]
    assert index.search(search_form("文，标")) == [3]
    assert index.search(search_form("文标")) == [4]


def test_uncommitted_documents_are_not_found(tmp_path: Path) -> None:
    path = tmp_path / "shard.sqlite"
    writer = ShardWriter(path)
    writer.add(1, search_form("已提交"))
    writer.commit()
    writer.add(2, search_form("未提交"))
    writer.flush()
    writer.close()
    index = TextIndex([path])
    assert index.search(search_form("已提交")) == [1]
    assert index.search(search_form("未提交")) == []


def test_an_empty_needle_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        build(tmp_path, [{1: "文"}]).search("")


def test_a_missing_or_foreign_shard_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(TextIndexError, match="missing"):
        TextIndex([tmp_path / "nope.sqlite"])
    foreign = tmp_path / "foreign.sqlite"
    connection = sqlite3.connect(foreign)
    connection.execute("CREATE TABLE shard_info(format INTEGER)")
    connection.execute("INSERT INTO shard_info VALUES (99)")
    connection.commit()
    connection.close()
    with pytest.raises(TextIndexError, match="format"):
        TextIndex([foreign])
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"not a database at all" * 100)
    with pytest.raises(TextIndexError):
        TextIndex([garbage])


def test_search_text_covers_title_source_authors_and_paragraphs() -> None:
    text = article_search_text("標題", "來源報", ["張三"], ["第一段", "第二段"])
    assert text == "标题\n来源报\n张三\n第一段\n第二段"
    assert article_search_text("只有標題", None, [], []) == "只有标题\n"


# Characters that matter: both scripts of a few characters, ASCII punctuation
# and letters in both cases, a space, a full-width comma.
ALPHABET = "港香重慶庆銀银行業业 ,.-()aAbB5，"


@settings(max_examples=60, deadline=None)
@given(
    texts=st.lists(st.text(alphabet=ALPHABET, max_size=20), min_size=1, max_size=6),
    needle=st.text(alphabet=ALPHABET, min_size=1, max_size=6),
)
def test_search_equals_substring_search(texts: list[str], needle: str) -> None:
    folded_needle = search_form(needle)
    if not folded_needle:
        return
    with tempfile.TemporaryDirectory() as folder:
        documents = dict(enumerate(texts))
        half = len(texts) // 2
        index = build(Path(folder), [dict(list(documents.items())[:half]), dict(list(documents.items())[half:])])
        try:
            expected = sorted(d for d, text in documents.items() if folded_needle in search_form(text))
            assert sorted(index.search(folded_needle)) == expected
            inverted, ids = index.search_sparse(folded_needle)
            assert sorted(set(documents) - set(ids) if inverted else ids) == expected
            assert sorted(index.search_sparse(folded_needle, rare=True)[1]) == expected
        finally:
            index.close()


def test_a_common_needle_comes_back_as_the_documents_without_it(tmp_path: Path) -> None:
    documents = {1: "香港科技", 2: "香港", 3: "香港科学园", 4: "深圳", 5: "香港科"}
    index = build(tmp_path, [{1: documents[1], 2: documents[2]}, {3: documents[3], 4: documents[4], 5: documents[5]}])
    # Rare needles: the documents with them, whichever table answers (characters and pairs, trigrams).
    assert index.search_sparse("深") == (False, [4])
    assert index.search_sparse("深圳") == (False, [4])
    assert sorted(index.search_sparse("香港科学")[1]) == [3]
    # Common needles: the documents without them.
    assert index.search_sparse("港") == (True, [4])
    assert index.search_sparse("香港科") == (True, [2, 4])
    # A caller that knows a needle to be rare is answered without the count.
    assert sorted(index.search_sparse("香港科", rare=True)[1]) == [1, 3, 5]


def test_trigrams_are_exact_strings(tmp_path: Path) -> None:
    index = build(tmp_path, [{1: "Hong Kong, 5G", 2: "a\ue080bc", 3: "香港科"}])
    assert index.search(search_form("g, ")) == [1]
    assert index.search(search_form("ong")) == [1]
    assert index.search(search_form("科")) == [3]
    assert index.search("\ue080bc") == [2]  # the marker every document has stands apart: no needle meets it
    assert index.search("a\ue080b") == [2]
    assert index.search("\ue080\ue080\ue080") == []


@settings(max_examples=200, deadline=None)
@given(characters=st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=12))
def test_gram_tokens_are_each_character_and_each_pair(characters: str) -> None:
    # Any code point, astral ones and lone surrogates too (the tokens are woven as code point arrays).
    pairs = [a + b for a, b in zip(characters, characters[1:])]
    assert _gram_tokens(characters) == f"{' '.join(characters)} {' '.join(pairs)} every"
