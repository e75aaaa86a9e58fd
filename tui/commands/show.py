"""`zhreader show ID`: one article, clean, in a chosen script, with optional pinyin."""

from __future__ import annotations

import argparse
import shutil
import sys

from store.article import Article
from store.display_script import DISPLAY_SCRIPTS, in_script
from store.pinyin import han_syllables, pinyin_words
from tui.commands.common import UsageError, add_library_option, article_or_fail, open_library, terminal_safe
from tui.ruby_layout import layout_ruby

PINYIN_MODES = ("off", "inline", "ruby")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "show",
        help="print one article",
        description="Print an article's title, metadata and clean paragraphs.",
    )
    parser.add_argument("id", metavar="ID", help="article id, as `zhreader list` shows it")
    add_library_option(parser)
    parser.add_argument("--script", choices=DISPLAY_SCRIPTS, default="original", help="script to print (traditional uses Hong Kong forms)")
    parser.add_argument("--pinyin", choices=PINYIN_MODES, default="off", help="no pinyin, pinyin after each word, or pinyin above the characters")
    parser.add_argument("--width", type=int, metavar="N", help="line width for --pinyin ruby (default: the terminal's)")
    parser.set_defaults(func=run)


def inline_pinyin(text: str) -> str:
    """Each word followed by its pinyin in parentheses: 重庆(chóngqìng)造(zào)."""
    return "".join(word if syllables is None else f"{word}({syllables})" for word, syllables in pinyin_words(text))


def metadata_lines(article: Article) -> list[str]:
    """The lines under the title: date, source, people, regions."""
    lines = []
    if article.date:
        when = article.date.isoformat()
        if article.date_end:
            when += f" – {article.date_end.isoformat()}"
        if article.time:
            when += f" {article.time}"
        lines.append(f"Date: {when}" + (" (derived)" if article.date_derived else ""))
    if article.source:
        lines.append(f"Source: {article.source}")
    if article.authors:
        lines.append(f"Authors: {'、'.join(article.authors)}")
    if article.editors:
        lines.append(f"Editors: {'、'.join(article.editors)}")
    if article.regions:
        lines.append("Regions: " + ", ".join(f"{r.name} ({r.code})" for r in article.regions))
    lines.append(f"ID: {article.id}")
    return lines


def render_paragraph(text: str, pinyin: str, width: int) -> list[str]:
    if pinyin == "inline":
        return [inline_pinyin(text)]
    if pinyin == "ruby":
        return [row for pair in layout_ruby(text, han_syllables(text), width) for row in pair]
    return [text]


def run(args: argparse.Namespace) -> int:
    if args.width is not None and args.width < 10:
        raise UsageError("--width must be at least 10")
    library = open_library(args)
    article = article_or_fail(library, args.id)
    width = args.width or shutil.get_terminal_size((80, 24)).columns
    out: list[str] = []
    title = in_script(article.title, args.script)
    out += render_paragraph(title, args.pinyin, width)
    out.append("=" * min(width, 40))
    out += [in_script(line, args.script) for line in metadata_lines(article)]
    for paragraph in article.paragraphs:
        out.append("")
        out += render_paragraph(in_script(paragraph, args.script), args.pinyin, width)
    sys.stdout.write(terminal_safe("\n".join(out)) + "\n")
    return 0
