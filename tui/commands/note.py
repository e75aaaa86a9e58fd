"""`zhreader note ID [--paragraph N] [--quote TEXT] [--tag T]... TEXT`: add a note."""

from __future__ import annotations

import argparse
import sys

from store.anchors import Anchor, anchor_paragraph, anchor_quote
from store.annotations import DataFileError
from store.article import Article
from store.script import fold
from tui.commands.common import (
    CommandFailure,
    UsageError,
    add_data_dir_option,
    add_library_option,
    article_or_fail,
    open_annotations,
    open_library,
    terminal_safe,
)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "note",
        help="add a note to an article",
        description=(
            "Add a note to a paragraph of an article, or to a passage in it. "
            "Paragraphs are numbered from 1, as `zhreader show` prints them (title not counted). "
            "The note is on disk when the command reports it saved."
        ),
    )
    parser.add_argument("id", metavar="ID", help="article id, as `zhreader list` shows it")
    parser.add_argument(
        "text",
        metavar="TEXT",
        help=(
            "the note, kept exactly as given; `-` reads it from standard input (its final newline dropped); "
            "put `--` before a note that starts with -"
        ),
    )
    parser.add_argument(
        "--paragraph",
        type=int,
        metavar="N",
        help="paragraph number, from 1 (default: where --quote is found, else 1)",
    )
    parser.add_argument(
        "--quote",
        metavar="TEXT",
        help="the passage the note is about, as it appears in the paragraph (either script)",
    )
    parser.add_argument("--tag", action="append", default=[], metavar="T", help="a tag; repeat for several")
    add_library_option(parser)
    add_data_dir_option(parser)
    parser.set_defaults(func=run)


def choose_anchor(article: Article, paragraph: int | None, quote: str | None) -> Anchor:
    """The anchor for a 1-based ``paragraph`` and/or ``quote``, or a UsageError."""
    count = len(article.paragraphs)
    if count == 0:
        raise UsageError(f"article {article.id} has no paragraphs to annotate")
    if paragraph is not None and not 1 <= paragraph <= count:
        raise UsageError(f"--paragraph {paragraph} is out of range: the article has paragraphs 1 to {count}")
    if quote is not None and not quote.strip():
        raise UsageError("--quote is empty")
    if quote is None:
        return anchor_paragraph(article.paragraphs, (paragraph or 1) - 1)
    candidates = [paragraph - 1] if paragraph is not None else range(count)
    for index in candidates:
        anchor = anchor_quote(article.paragraphs, index, quote, fold=fold)
        if anchor is not None:
            return anchor
    where = f"paragraph {paragraph}" if paragraph is not None else "the article"
    raise UsageError(f"--quote {terminal_safe(quote)!r} is not in {where}")


def note_text(arg: str) -> str:
    """The note text from the argument, or from standard input for ``-`` (minus one final newline)."""
    text = sys.stdin.read().removesuffix("\n") if arg == "-" else arg
    if not text.strip():
        raise UsageError("the note text is empty")
    return text


def run(args: argparse.Namespace) -> int:
    article = article_or_fail(open_library(args), args.id)
    anchor = choose_anchor(article, args.paragraph, args.quote)
    text = note_text(args.text)
    try:
        with open_annotations(args) as annotations:
            note = annotations.add_note(article.id, anchor, text, tags=args.tag)
    except DataFileError as exc:
        raise CommandFailure(str(exc)) from None
    where = f"paragraph {note.paragraph + 1}"
    if note.quote is not None:
        where += f", on {note.quote!r}"
    tags = f", tags: {', '.join(note.tags)}" if note.tags else ""
    print(terminal_safe(f"saved note {note.id} on {article.id}, {where}{tags}"))
    return 0
