"""`zhreader bookmark ID [--remove]`: bookmark an article, or remove the bookmark."""

from __future__ import annotations

import argparse

from store.annotations import DataFileError
from tui.commands.common import (
    CommandFailure,
    add_data_dir_option,
    add_library_option,
    article_or_fail,
    open_annotations,
    open_library,
    terminal_safe,
)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "bookmark",
        help="bookmark an article (or remove its bookmark)",
        description="Bookmark an article. The bookmark is on disk when the command reports it.",
    )
    parser.add_argument("id", metavar="ID", help="article id, as `zhreader list` shows it")
    parser.add_argument(
        "--remove",
        action="store_true",
        help="remove the bookmark instead (works even if the article has left the library)",
    )
    add_library_option(parser)
    add_data_dir_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        with open_annotations(args) as annotations:
            if args.remove:
                article_id = args.id.strip()
                if annotations.remove_bookmark(article_id):
                    print(f"removed bookmark: {terminal_safe(article_id)}")
                else:
                    print(f"{terminal_safe(article_id)} was not bookmarked")
                return 0
            article = article_or_fail(open_library(args), args.id)
            annotations.add_bookmark(article.id)
    except DataFileError as exc:
        raise CommandFailure(str(exc)) from None
    print(f"bookmarked: {terminal_safe(article.id)} {terminal_safe(article.title)}")
    return 0
