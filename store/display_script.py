"""Showing text in the script the reader chose."""

from __future__ import annotations

from typing import Literal

from store.script import convert

DisplayScript = Literal["original", "simplified", "traditional"]
TraditionalForms = Literal["hk", "tw", "traditional"]
DISPLAY_SCRIPTS: tuple[DisplayScript, ...] = ("original", "simplified", "traditional")


def in_script(text: str, script: DisplayScript, forms: TraditionalForms = "hk") -> str:
    """``text`` as written (original), or converted; traditional uses Hong Kong forms unless told otherwise."""
    if script == "original" or not text:
        return text
    if script == "simplified":
        return convert(text, "simplified")
    return convert(text, forms)
