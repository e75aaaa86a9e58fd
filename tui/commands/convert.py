"""`zhreader convert --to ...`: convert standard input between scripts."""

from __future__ import annotations

import argparse
import sys

from store.script import convert
from tui.commands.common import read_stdin_text, terminal_safe

TARGETS = ("simplified", "traditional", "hk", "tw")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "convert",
        help="convert standard input to another script",
        description="Read text on standard input and print it in the chosen script "
        "(traditional: OpenCC standard forms; hk: Hong Kong forms; tw: Taiwan forms).",
    )
    parser.add_argument("--to", required=True, choices=TARGETS, help="target script")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    sys.stdout.write(terminal_safe(convert(read_stdin_text(), args.to)))
    return 0
