"""`zhreader list`: the articles of a library, filtered, as a table or JSON."""

from __future__ import annotations

import argparse
import sys

from rich.console import Console
from rich.table import Table
from rich.text import Text

from store.json_listing import write_json_listing
from store.library import ArticleQuery, query_articles
from tui.commands.common import (
    UsageError,
    add_data_dir_option,
    add_library_option,
    open_annotations,
    open_library,
    region_codes,
    terminal_safe,
    user_date,
)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "list",
        help="list the articles of a library",
        description="List articles, newest first. Filters combine; --region may be repeated (any of them matches).",
    )
    add_library_option(parser)
    add_data_dir_option(parser)
    parser.add_argument("--region", action="append", metavar="R", help="region code, English or Chinese name (e.g. CN-HK, Chongqing, 重慶)")
    parser.add_argument("--since", metavar="YYYY-MM-DD", help="only articles on or after this date")
    parser.add_argument("--until", metavar="YYYY-MM-DD", help="only articles on or before this date")
    parser.add_argument("--search", metavar="TEXT", help="text to find, in either script")
    parser.add_argument("--bookmarked", action="store_true", help="only bookmarked articles")
    parser.add_argument("--json", action="store_true", help="print one JSON array")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    since, until = user_date(args.since, "--since"), user_date(args.until, "--until")
    regions = region_codes(args.region)
    if since and until and since > until:
        raise UsageError(f"--since {since} is after --until {until}")
    library = open_library(args)
    with open_annotations(args) as annotations:
        bookmarked = annotations.bookmarked_ids()
        note_counts = annotations.note_counts()
    query = ArticleQuery(
        regions=regions,
        since=since,
        until=until,
        text=args.search or "",
        only_ids=frozenset(bookmarked) if args.bookmarked else None,
    )
    articles = query_articles(library, query)
    if args.json:
        sys.stdout.flush()
        write_json_listing(articles, bookmarked, note_counts, sys.stdout.buffer.write)  # UTF-8, whatever the locale
        return 0
    console = Console(highlight=False, soft_wrap=False)
    if not articles:
        console.print(Text(f"No articles match ({len(library.articles)} in {library.root})."))
        return 0
    id_width = min(max(len(a.id) for a in articles), 40)
    # One line per article, so the list scans like a list: the title takes what the
    # fixed columns leave and ends in an ellipsis.
    title_width = max(12, console.width - (10 + 8 + 12 + 4 + id_width + 5 * 2))
    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    table.add_column("Date", no_wrap=True, min_width=10)
    table.add_column("Regions", no_wrap=True, width=8)
    table.add_column("Title", no_wrap=True, overflow="ellipsis", max_width=title_width)
    table.add_column("Source", no_wrap=True, overflow="ellipsis", max_width=12)
    table.add_column("", no_wrap=True, max_width=4)
    table.add_column("ID", no_wrap=True, min_width=id_width)
    for a in articles:
        marks = ("★" if a.id in bookmarked else "") + (f"✎{note_counts[a.id]}" if note_counts.get(a.id) else "")
        table.add_row(
            a.date.isoformat() if a.date else "—",
            " ".join(r.code.removeprefix("CN-") for r in a.regions[:3]),
            Text(terminal_safe(a.title)),
            Text(terminal_safe(a.source or "")),
            marks,
            Text(terminal_safe(a.id)),
        )
    console.print(table)
    console.print(Text(f"{len(articles)} of {len(library.articles)} articles", style="dim"))
    return 0
