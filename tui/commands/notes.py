"""`zhreader notes [ID] [--json]`: list notes, of one article or of all."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from store.anchors import Location, locate
from store.annotations import DataFileError, Note
from store.library import Library
from tui.commands.common import (
    CommandFailure,
    UsageError,
    add_data_dir_option,
    add_library_option,
    open_annotations,
    open_library,
    terminal_safe,
)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "notes",
        help="list notes",
        description=(
            "List notes, of one article or of all, in reading order. Paragraphs are numbered from 1. "
            "A note whose passage is no longer in the article is listed as unanchored."
        ),
    )
    parser.add_argument("id", metavar="ID", nargs="?", help="only this article's notes")
    parser.add_argument(
        "--json",
        action="store_true",
        help=(
            "print one JSON array; each note has id, article_id, paragraph (as saved, from 1), quote, text, "
            "tags, created, updated, anchored, and location (where the passage is now, or null)"
        ),
    )
    add_library_option(parser)
    add_data_dir_option(parser)
    parser.set_defaults(func=run)


def where_now(note: Note, library: Library) -> Location | None:
    article = library.get(note.article_id)
    return None if article is None else locate(note.anchor, article.paragraphs)


def note_json(note: Note, location: Location | None) -> dict[str, Any]:
    saved = note.to_json()
    return {
        "id": note.id,
        "article_id": note.article_id,
        "paragraph": note.paragraph + 1,
        "quote": note.quote,
        "text": note.text,
        "tags": saved["tags"],
        "created": saved["created"],
        "updated": saved["updated"],
        "anchored": location is not None,
        "location": None
        if location is None
        else {"paragraph": location.paragraph + 1, "start": location.start, "end": location.end},
    }


def note_lines(note: Note, location: Location | None) -> list[str]:
    place = f"paragraph {location.paragraph + 1}" if location else f"unanchored (was paragraph {note.paragraph + 1})"
    head = f"{note.id[:8]}  {note.article_id}  {place}  {note.created:%Y-%m-%d %H:%M}"
    if note.tags:
        head += "  #" + " #".join(note.tags)
    lines = [head]
    if note.quote is not None:
        lines.append(f"  > {note.quote}")
    lines += [f"  {line}" for line in note.text.splitlines() or [""]]
    return lines


def run(args: argparse.Namespace) -> int:
    library = open_library(args)
    article_id = args.id.strip().removesuffix(".txt").removesuffix(".md") if args.id else None
    try:
        with open_annotations(args) as annotations:
            notes = annotations.notes(article_id)
    except DataFileError as exc:
        raise CommandFailure(str(exc)) from None
    if article_id is not None and not notes and library.get(article_id) is None:
        raise UsageError(f"no article with id {terminal_safe(article_id)!r} in {library.root} and no notes for it")
    placed = [(note, where_now(note, library)) for note in notes]
    # Reading order: by article, then where each passage is now (unanchored last).
    placed.sort(
        key=lambda p: (
            p[0].article_id,
            p[1] is None,
            (p[1].paragraph, p[1].start) if p[1] else (p[0].paragraph, 0),
            p[0].created,
        )
    )
    if args.json:
        json.dump([note_json(n, loc) for n, loc in placed], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    if not placed:
        print("no notes" + (f" for {terminal_safe(article_id)}" if article_id else ""))
        return 0
    out: list[str] = []
    for note, location in placed:
        out += note_lines(note, location) + [""]
    sys.stdout.write(terminal_safe("\n".join(out)))
    return 0
