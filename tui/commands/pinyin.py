"""`zhreader pinyin`: one pinyin token per Han character of standard input."""

from __future__ import annotations

import argparse
import sys

from store.pinyin import han_syllables
from tui.commands.common import read_stdin_text


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "pinyin",
        help="print the pinyin of standard input",
        description="For each input line, print one token per Han character, space-separated: its syllable "
        "(tone marks, or tone numbers with --numbers, neutral tone as 5), or ? where no reading is known. "
        "Other characters are left out. Traditional text is read on its simplified form.",
    )
    parser.add_argument("--numbers", action="store_true", help="tone numbers (zhong4) instead of marks (zhòng)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    style = "numbers" if args.numbers else "marks"
    lines = read_stdin_text().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for line in lines:
        tokens = [s for s in han_syllables(line, style) if s is not None]
        sys.stdout.write(" ".join(tokens) + "\n")
    return 0
