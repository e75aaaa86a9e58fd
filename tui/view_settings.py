"""How the reader shows text: script, pinyin mode and its options, remembered as settings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from store.display_script import DISPLAY_SCRIPTS, DisplayScript, TraditionalForms
from store.pinyin import ToneStyle
from tui.paragraph_layout import PinyinMode

# The order `p` cycles through: off -> above the characters -> inline -> off.
PINYIN_CYCLE: tuple[PinyinMode, ...] = ("off", "ruby", "inline")
PINYIN_LABELS: dict[PinyinMode, str] = {"off": "off", "ruby": "above", "inline": "inline"}
FORMS: tuple[TraditionalForms, ...] = ("hk", "tw")
TONE_STYLES: tuple[ToneStyle, ...] = ("marks", "numbers")

# Setting keys in the Annotations data file.
SETTING_KEYS = ("script", "pinyin", "traditional_forms", "tone_style", "tone_colours")


def _next(options: tuple[Any, ...], current: Any) -> Any:
    return options[(options.index(current) + 1) % len(options)]


@dataclass(frozen=True)
class ViewSettings:
    """Everything that changes how an article's text is painted."""

    script: DisplayScript = "original"
    pinyin: PinyinMode = "off"
    forms: TraditionalForms = "hk"
    tones: ToneStyle = "marks"
    tone_colours: bool = False

    def next_script(self) -> ViewSettings:
        """original -> simplified -> traditional -> original."""
        return replace(self, script=_next(DISPLAY_SCRIPTS, self.script))

    def next_pinyin(self) -> ViewSettings:
        """off -> above the characters -> inline -> off."""
        return replace(self, pinyin=_next(PINYIN_CYCLE, self.pinyin))

    def describe_script(self) -> str:
        if self.script == "traditional":
            return "traditional (Taiwan)" if self.forms == "tw" else "traditional (Hong Kong)"
        return self.script

    def describe_pinyin(self) -> str:
        if self.pinyin == "off":
            return "off"
        options = ["tone numbers" if self.tones == "numbers" else "tone marks"]
        if self.tone_colours:
            options.append("colours")
        return f"{PINYIN_LABELS[self.pinyin]}, {', '.join(options)}"

    def to_settings(self) -> dict[str, Any]:
        return {
            "script": self.script,
            "pinyin": self.pinyin,
            "traditional_forms": self.forms,
            "tone_style": self.tones,
            "tone_colours": self.tone_colours,
        }

    @classmethod
    def from_settings(cls, saved: Mapping[str, Any]) -> ViewSettings:
        """Settings as saved; unknown or damaged values fall back to the defaults."""
        default = cls()
        script = saved.get("script")
        pinyin = saved.get("pinyin")
        forms = saved.get("traditional_forms")
        tones = saved.get("tone_style")
        colours = saved.get("tone_colours")
        return cls(
            script=script if script in DISPLAY_SCRIPTS else default.script,
            pinyin=pinyin if pinyin in PINYIN_CYCLE else default.pinyin,
            forms=forms if forms in FORMS else default.forms,
            tones=tones if tones in TONE_STYLES else default.tones,
            tone_colours=colours if isinstance(colours, bool) else default.tone_colours,
        )
