"""`zhreader export`: notes as Markdown for a notes vault, to standard output or a file."""

from __future__ import annotations

import argparse
import errno
import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path

from store.annotations import DataFileError, Note
from store.article import Article
from store.display_script import DISPLAY_SCRIPTS
from store.export import ArticleNotes, export_markdown
from tui.commands.common import (
    CommandFailure,
    UsageError,
    add_data_dir_option,
    add_library_option,
    article_or_fail,
    open_annotations,
    open_library,
    terminal_safe,
    warn,
)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export",
        help="export notes as Markdown",
        description=(
            "Export notes as Markdown with YAML front matter, for a notes vault. "
            "Each note is its passage in '> ' lines followed by its text in a fenced block, exactly as written. "
            "Choose articles with --article, --bookmarked or --all (they combine)."
        ),
    )
    parser.add_argument("--article", action="append", default=[], metavar="ID", help="export this article; repeat for several")
    parser.add_argument("--all", action="store_true", help="every article that has notes")
    parser.add_argument("--bookmarked", action="store_true", help="every bookmarked article")
    parser.add_argument("--script", choices=DISPLAY_SCRIPTS, default="original", help="script of titles and passages (note text is never converted)")
    parser.add_argument("--pinyin", action="store_true", help="add a pinyin line under each passage")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    parser.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    add_library_option(parser)
    add_data_dir_option(parser)
    parser.set_defaults(func=run)


def missing_article(article_id: str) -> Article:
    """Stands in for an article that has left the library, so its notes are still exported."""
    return Article(id=article_id, path="", title=f"{article_id} (no longer in the library)", paragraphs=[])


def _new_file_mode() -> int:
    """The mode ``open()`` would give a new file: 0o666 less the umask (mkstemp's 0o600 would hide notes)."""
    # Reading the umask means setting it; done once, at import, before any worker thread exists.
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


NEW_FILE_MODE = _new_file_mode()


def write_file(path: Path, text: str, force: bool) -> None:
    """Write ``text`` to ``path`` whole or not at all; refuse to overwrite unless ``force``."""
    if path.is_dir():
        raise UsageError(f"{path} is a folder")
    if path.exists() and not force:
        raise UsageError(f"{path} exists; use --force to overwrite it")
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror}") from None
    try:
        os.fchmod(fd, NEW_FILE_MODE)
        with os.fdopen(fd, "w", encoding="utf-8", errors="replace", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        if force:
            os.replace(tmp, path)
        else:
            place_new(tmp, path)
    except FileExistsError:
        raise UsageError(f"{path} exists; use --force to overwrite it") from None
    except OSError as exc:
        raise CommandFailure(f"cannot write {path}: {exc.strerror}") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def place_new(tmp: str, path: Path) -> None:
    """Move ``tmp`` to ``path`` only if ``path`` does not exist (FileExistsError otherwise)."""
    try:
        # A link fails if the name was taken meanwhile, so nothing is ever overwritten.
        os.link(tmp, path)
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP):
            raise
        # No hard links here (FAT, some network drives): check, then move.
        if path.exists():
            raise FileExistsError(path) from None
        os.replace(tmp, path)


def run(args: argparse.Namespace) -> int:
    if not (args.article or args.all or args.bookmarked):
        raise UsageError("choose what to export: --article ID, --bookmarked or --all")
    if args.force and not args.output:
        raise UsageError("--force only applies with -o FILE")
    library = open_library(args)
    chosen = [article_or_fail(library, article_id).id for article_id in args.article]
    try:
        with open_annotations(args) as annotations:
            notes = annotations.notes()
            bookmarked = annotations.bookmarked_ids()
    except DataFileError as exc:
        raise CommandFailure(str(exc)) from None
    by_article: dict[str, list[Note]] = {}
    for note in notes:
        by_article.setdefault(note.article_id, []).append(note)
    more = (set(by_article) if args.all else set()) | (bookmarked if args.bookmarked else set())
    articles = [library.get(i) or missing_article(i) for i in dict.fromkeys(chosen)]
    extra = [library.get(i) or missing_article(i) for i in more - set(chosen)]
    articles += sorted(extra, key=lambda a: (a.date is None, a.date, a.id))
    if not articles:
        raise UsageError("nothing to export: " + ("no notes yet" if args.all else "no bookmarked articles"))
    for article in articles:
        if not article.path:
            warn(f"{article.id} is not in {library.root}; its notes are exported as unanchored")
    items: list[ArticleNotes] = [(a, by_article.get(a.id, [])) for a in articles]
    markdown = export_markdown(items, script=args.script, pinyin=args.pinyin, exported_at=datetime.now().astimezone())
    if args.output:
        path = Path(args.output).expanduser()
        write_file(path, markdown, args.force)
        count = sum(len(n) for _, n in items)
        print(terminal_safe(f"exported {count} notes from {len(items)} articles to {path}"), file=sys.stderr)
        return 0
    # Piped or redirected output is the document itself; a terminal gets no control characters.
    sys.stdout.write(terminal_safe(markdown) if sys.stdout.isatty() else markdown)
    return 0
