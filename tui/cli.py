"""The `zhreader` command line: the reader by default, subcommands for scripting."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from store.durable_storage import DataFileError
from store.library import CachedLibraryLoad
from tui.commands import bookmark, convert, export, list as list_command, note, notes, pinyin, show
from tui.commands.common import (
    EXIT_FAILURE,
    EXIT_USAGE,
    CommandFailure,
    UsageError,
    add_data_dir_option,
    add_library_option,
    library_path,
    terminal_safe,
    warn,
)

COMMANDS = (list_command, show, convert, pinyin, bookmark, note, notes, export)


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors: `zhreader list: error: ...` and exit 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"{self.prog}: error: {terminal_safe(message)} (see --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="zhreader",
        description="A terminal reader for Chinese-language news. Without a command, opens the reader.",
    )
    add_library_option(parser)
    add_data_dir_option(parser)
    parser.add_argument("--open", metavar="ID", help="start with this article open")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for command in COMMANDS:
        command.register(subparsers)
    return parser


def _run_reader(args: argparse.Namespace) -> int:
    # The library's cache is read while Textual is imported and the app starts.
    cached = CachedLibraryLoad(library_path(args))
    from tui.app import run_reader

    return run_reader(args, cached)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `zhreader` console script."""
    args = build_parser().parse_args(argv)
    func = getattr(args, "func", _run_reader)
    try:
        return func(args)
    except UsageError as exc:
        warn(f"error: {exc}")
        return EXIT_USAGE
    except (CommandFailure, DataFileError) as exc:
        warn(f"error: {exc}")
        return EXIT_FAILURE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of our output went away (e.g. `| head`); not an error worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILURE


if __name__ == "__main__":
    sys.exit(main())
