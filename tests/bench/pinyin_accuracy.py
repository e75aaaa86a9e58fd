"""Polyphone accuracy on the CPP benchmark, simplified and traditional.

Each line of dev.sent marks one polyphonic character with ▁ on both sides; the
same line of dev.lb is its reading in tone numbers (neutral tone 5, ü as u:).
Four readers are scored on the marked character:

  a  plain pypinyin on the simplified sentence (the baseline)
  b  plain pypinyin on the sentence converted to traditional
  c  han_syllables on the sentence converted to traditional
  d  han_syllables on the simplified sentence

Run: python tests/bench/pinyin_accuracy.py [--cpp DIR] [--to hk|traditional|tw] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from pypinyin import Style, lazy_pinyin

from store.pinyin import han_syllables
from store.script import convert

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CPP = REPO_ROOT.parent / "shared" / "data" / "cpp"
MARK = "\u2581"

Reader = Callable[[str], list[str | None]]


@dataclass(frozen=True)
class Case:
    sentence: str  # simplified, markers removed
    index: int  # position of the polyphonic character
    label: str  # tone numbers, ü written v as in our "numbers" style


@dataclass
class Score:
    correct: int = 0
    total: int = 0

    @property
    def percent(self) -> float:
        return 100.0 * self.correct / self.total if self.total else 0.0


def load_cases(cpp_dir: Path) -> list[Case]:
    sentences = (cpp_dir / "dev.sent").read_text(encoding="utf-8").splitlines()
    labels = (cpp_dir / "dev.lb").read_text(encoding="utf-8").splitlines()
    if len(sentences) != len(labels):
        raise ValueError(f"dev.sent has {len(sentences)} lines but dev.lb has {len(labels)}")
    cases = []
    for marked, label in zip(sentences, labels):
        index = marked.index(MARK)
        cases.append(
            Case(marked.replace(MARK, ""), index, label.strip().replace("u:", "v"))
        )
    return cases


def plain_pypinyin(text: str) -> list[str | None]:
    """pypinyin on the whole string, one item per character (non-readings kept as the character)."""
    readings = lazy_pinyin(
        text, style=Style.TONE3, neutral_tone_with_five=True, errors=lambda chars: list(chars)
    )
    if len(readings) != len(text):
        raise AssertionError(f"pypinyin gave {len(readings)} items for {len(text)} characters")
    return readings


def our_reader(text: str) -> list[str | None]:
    return han_syllables(text, "numbers")


def run(cpp_dir: Path, target: str) -> dict[str, object]:
    cases = load_cases(cpp_dir)
    scores = {name: Score() for name in ("a", "b", "c", "d")}
    length_changed = 0
    started = time.perf_counter()
    for case in cases:
        converted = convert(case.sentence, target)  # type: ignore[arg-type]
        same_length = len(converted) == len(case.sentence)
        length_changed += not same_length
        readers: list[tuple[str, str, Reader]] = [
            ("a", case.sentence, plain_pypinyin),
            ("b", converted, plain_pypinyin),
            ("c", converted, our_reader),
            ("d", case.sentence, our_reader),
        ]
        for name, text, reader in readers:
            score = scores[name]
            score.total += 1
            # A sentence whose length changed cannot be aligned: it counts as wrong.
            if text is converted and not same_length:
                continue
            score.correct += reader(text)[case.index] == case.label
    return {
        "sentences": len(cases),
        "target_script": target,
        "length_changed": length_changed,
        "seconds": round(time.perf_counter() - started, 1),
        "scores": {
            name: {**asdict(score), "percent": round(score.percent, 2)}
            for name, score in scores.items()
        },
    }


DESCRIPTIONS = {
    "a": "pypinyin, simplified sentence (baseline)",
    "b": "pypinyin, sentence converted to {target}",
    "c": "han_syllables, sentence converted to {target}",
    "d": "han_syllables, simplified sentence",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cpp", type=Path, default=DEFAULT_CPP, help="directory with dev.sent and dev.lb")
    parser.add_argument(
        "--to", default="hk", choices=["hk", "traditional", "tw"], help="traditional script to test (default hk)"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    missing = [name for name in ("dev.sent", "dev.lb") if not (args.cpp / name).is_file()]
    if missing:
        print(f"pinyin_accuracy: {', '.join(missing)} not found in {args.cpp} (use --cpp DIR)", file=sys.stderr)
        return 2
    result = run(args.cpp, args.to)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return 0
    print(f"CPP dev: {result['sentences']} sentences, traditional = {args.to}, {result['seconds']} s")
    for name, score in result["scores"].items():  # type: ignore[union-attr]
        description = DESCRIPTIONS[name].format(target=args.to)
        print(f"  ({name}) {description:48s} {score['percent']:6.2f} %  {score['correct']}/{score['total']}")
    print(f"  sentences whose length changed under conversion: {result['length_changed']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
