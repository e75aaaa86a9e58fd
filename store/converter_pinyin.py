"""Removing the pinyin that some script converters append to ambiguous characters.

A page converted to traditional by such a tool reads ``企業(yè)``, ``發(fā)展``:
the parenthesis holds one pinyin syllable that is a reading of the character
before it. Real parentheses such as ``(集團)``, ``(記者 張亦築)`` or ``(AI)``
never satisfy that test, so they are kept.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pypinyin import Style, pinyin

# The character read stands before the parenthesis, in a lookbehind after it: a
# pattern that starts with the parenthesis lets the regex engine skip to the next
# one at C speed (one starting with a Han character, or a lookbehind, tries a match
# at nearly every character).
_ANNOTATION = re.compile(
    r"[(（](?<=[\u3400-\u9fff\uf900-\ufaff].)(?P<syl>[a-zA-ZüÜāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ]{1,7})[)）]"
)


@lru_cache(maxsize=4096)  # a page has the same few syllables again and again
def _toneless(syllable: str) -> str:
    decomposed = unicodedata.normalize("NFD", syllable.lower().replace("ü", "v"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("u\u0308", "v")


@lru_cache(maxsize=8192)
def _readings(han: str) -> frozenset[str]:
    marked = pinyin(han, style=Style.TONE, heteronym=True, errors="ignore")
    syllables = {s.lower() for group in marked for s in group}
    return frozenset(syllables | {_toneless(s) for s in syllables})


def strip_converter_pinyin(text: str) -> str:
    """Remove ``(yè)``-style annotations that follow the character they read."""
    if "(" not in text and "（" not in text:
        return text

    def replace(m: re.Match[str]) -> str:
        syllable = m["syl"]
        # Capitalised romanisation such as 李(Li) is an author's gloss, not converter noise.
        if syllable != syllable.lower():
            return m.group(0)
        return "" if _toneless(syllable) in _readings(text[m.start() - 1]) else m.group(0)

    return _ANNOTATION.sub(replace, text)
