"""Word boundaries in Chinese text, so that inline pinyin follows words.

pypinyin's own segmentation knows only the phrases whose reading differs from
their characters' defaults, so it leaves 科技, 青岛 and 企业 as single
characters. jieba's dictionary gives the words a reader expects: 科技(kējì),
青岛(qīngdǎo). Words it does not know stay single characters.
"""

from __future__ import annotations

import logging
import threading
from functools import lru_cache
from typing import Any

from store.index_cache import cache_root

_SPAN_CACHE_SIZE = 8192
_lock = threading.Lock()


@lru_cache(maxsize=1)
def _tokenizer() -> Any:
    """jieba's tokenizer, loaded on first use (its dictionary takes about a second the first time)."""
    import jieba

    # jieba logs its progress, and a failed cache write with a traceback, to stderr.
    jieba.setLogLevel(logging.CRITICAL + 1)
    tokenizer = jieba.Tokenizer()
    folder = cache_root()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tokenizer.tmp_dir = str(folder)  # its prefix-dictionary cache, beside ours instead of in /tmp
    except OSError:
        pass
    return tokenizer


@lru_cache(maxsize=_SPAN_CACHE_SIZE)
def word_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each word of ``text``, covering it exactly, in order.

    Meant for a run of simplified Han characters; any text is accepted, and if
    the segmenter ever loses or adds a character the text falls back to one
    span per character.
    """
    if not text:
        return ()
    with _lock:  # jieba's tokenizer initialises itself lazily and is not safe to start from two threads
        # No HMM: its guessed words merge across boundaries (个鲁港, 同拥); unknown words stay characters.
        tokens = list(_tokenizer().cut(text, HMM=False))
    if "".join(tokens) != text:
        return tuple((i, i + 1) for i in range(len(text)))
    spans: list[tuple[int, int]] = []
    position = 0
    for token in tokens:
        spans.append((position, position + len(token)))
        position += len(token)
    return tuple(spans)
