"""Turning the text of a news page into a clean Article.

The page is handled as lines. The tail (related-reading lists, copyright and
contact blocks) is cut first, then the header zone at the top is read for
title, date, source and people, then the remaining lines are filtered for
boilerplate that can stand anywhere (image names, editor stamps, share
prompts). Every rule is about a kind of line, never about a particular site.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from store import boilerplate as bp
from store.article import Article, Region
from store.converter_pinyin import strip_converter_pinyin
from store.dates import (
    FoundDate,
    find_full_dates,
    find_month_day_dates,
    find_print_footer,
    is_print_footer,
    years_mentioned,
)
from store.frontmatter import FrontMatter, split_front_matter
from store.gazetteer import find_province
from store.regions import detect_regions
from store.script import detect_script, fold

TITLE_MAX = 30  # a derived title is cut to about this many characters
_HEADER_ZONE = 10  # header lines are looked for among the first lines only
_LONG_LINE = 120  # header and title lines are shorter than this

_SOURCE_LABELS = r"来源|來源|稿源|出处|出處"
_AUTHOR_LABELS = r"作者|记者|記者|撰文|文字|通讯员|通訊員"
_EDITOR_LABELS = r"责任编辑|責任編輯|编辑|編輯|责编|責編"
_TIME_LABELS = r"发布时间|發佈時間|發布時間|发布日期|發佈日期|發布日期|时间|時間|日期"
_LABEL = re.compile(
    rf"(?P<label>{_EDITOR_LABELS}|{_SOURCE_LABELS}|{_AUTHOR_LABELS}|{_TIME_LABELS})\s*[:：]\s*"
)
_FLAGS = re.compile(r"原创|原創|独家|獨家|转载|轉載")
_ORIGINAL_TITLE = re.compile(r"^(?:原标题|原標題)\s*[:：]")
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_MD_QUOTE = re.compile(r"^(?:>\s*)+")
_BYLINE = re.compile(
    r"(?P<org>[\u4e00-\u9fff]{0,12}?)(?:全媒体|全媒|融媒体|融媒|首席|特约|特約|见习|見習)?(?:记者|記者)\s*(?P<names>.*)"
)
_PAREN_BYLINE = re.compile(r"[（(](?P<inner>[^（）()]{0,60}?(?:记者|記者|作者)[^（）()]{0,60})[）)]")
_ROLE_STOP = re.compile(r"通讯员|通訊員|实习生|實習生|摄影|攝影|摄|攝|报道|報道|发自|發自|编译|編譯|\d")
_DATELINE_WORDS = frozenset({"报道", "報道", "发自", "發自"})
_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,8}$")
_OUTLET = re.compile(r"(?:日报|日報|晚报|晚報|时报|時報|商报|商報|新闻|新聞|网|網|社|电视台|電視台|电台|電台|报|報)$")
_LOCAL_OUTLET = re.compile(r"^(?:本报|本報|本台|本网|本網|本刊)")
# These three are matched against folded text (simplified, whatever variant the page writes: 認爲, 爲了).
# Clauses that open with these frame the news (围绕…主题, 由…主办) rather than state it.
_FRAMING = re.compile(r"^(?:围绕|为了|为|据|随着|在|当|由|作为|近日|日前|今天|昨天)")
# Clauses that end by attributing what follows (记者从…获悉, …负责人表示) name who speaks, not the news.
_ATTRIBUTION = re.compile(r"(?:获悉|了解到|得知|表示|指出|透露|介绍|认为|强调|宣布|告诉记者)$")
# A clause that only sets the time: 截至2015年底, 2015年以来, 2022年9月.
_TIME_ONLY = re.compile(
    r"^(?:截至|截止|自|从)?\s*(?:(?:19|20)\d{2}\s*年)?\s*(?:\d{1,2}\s*月)?\s*(?:\d{1,2}\s*日)?\s*"
    r"(?:底|初|末|以来|来|上半年|下半年)?$"
)
# A lead that names its outlet: 【明報專訊】…, 新华社北京12月18日电….
_LEAD_SOURCE = re.compile(
    r"^(?:[【（(](?P<outlet>[^】）)]{2,10}?)(?:專訊|专讯|快訊|快讯|訊|讯)[】）)]"
    r"|(?P<agency>新华社|新華社|中新社|中通社|中央社|法新社|路透社|美联社|美聯社)"
    r"[\u4e00-\u9fff]{0,8}(?:\d{1,2}月)?\d{1,2}日[电電])"
)
# A source line standing alone, usually at the foot of the page: 来源：新华社, 【來源：大公報】.
_SOURCE_LINE = re.compile(
    rf"^[【\[（(]?(?:(?:本文|文章|稿件|消息)?(?:{_SOURCE_LABELS})\s*[:：]|(?:本文)?(?:转载自|轉載自|转自|轉自)\s*[:：]?)"
    r"\s*(?P<source>[^\s【】\[\]（）()]{2,20})[】\]）)]?$"
)
_LEAD_REPORTER = re.compile(r"^\s*(?:记者|記者)\s*(?P<names>[^:：，,。]{2,20})[:：，,]")
# Column tags or a label before a title: 【独家】, [视频], 【兩會】, 标题：.
_TITLE_TAG = re.compile(r"^(?:(?:标题|標題|题目|題目)\s*[:：]\s*|[【\[]\s*[\u4e00-\u9fff]{1,4}\s*[】\]]\s*)+")
# An editor's note or summary that may stand above the title.
_EDITOR_NOTE = re.compile(r"^[【\[]?(?:编者按|編者按|编者的话|編者的話|导读|導讀|摘要|核心提示)[】\]]?")
_CLOSING_QUOTES = "”」』’\"'）)"
_CLAUSE = re.compile(r"[，,；;：:]")
_SENTENCE = re.compile(r"(?<=[。！？!?])")


@dataclass
class _Header:
    source: str | None = None
    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    date: FoundDate | None = None


_SPACE_RUN = re.compile(r"[ \u3000\xa0][ \u3000\xa0]+")  # {2,} would hide the first character from the engine's skip


def _clean_lines(text: str) -> list[str]:
    """The non-empty lines of ``text``, stripped, without converter pinyin, runs of spaces made two."""
    # Done to the whole text at once rather than line by line (a regex call per line
    # each): neither pattern reaches across a line end, nor does stripping a line's
    # ends change what they match inside it.
    text = _SPACE_RUN.sub("  ", strip_converter_pinyin(text))
    return [line for line in map(str.strip, text.split("\n")) if line]


def _dedupe(items: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        item = item.strip()
        if item and item not in seen:
            seen[item] = None
    return list(seen)


def _names(text: str) -> list[str]:
    """Personal names in a byline fragment, up to the first role word."""
    stop = _ROLE_STOP.search(text)
    dateline = bool(stop) and stop.group(0) in _DATELINE_WORDS and stop.start() > 0 and not text[stop.start() - 1].isspace()
    text = text[: stop.start()] if stop else text
    tokens = [n for n in re.split(r"[\s、,，/／【】\[\]]+", text) if n]
    if dateline and len(tokens) > 1:
        tokens.pop()  # "记者 高瑞嵩 青岛报道": the word glued to 报道 is the place reported from
    return [n for n in tokens if _NAME.match(n)]


def _parse_header(line: str) -> _Header | None:
    """Read a header line (date, 来源, 作者, 编辑 ...); None if it is not one."""
    if len(line) > _LONG_LINE:
        return None
    labels = list(_LABEL.finditer(line))
    dates = find_full_dates(line)
    if not labels:
        # A bare date line (2024-04-18 09:16) is a header; a sentence that starts with a date is not.
        if not dates or len(line) - len(line[dates[0].position:].split()[0]) > 12 or bp.ends_sentence(line):
            return None
    header = _Header(date=dates[0] if dates else None)
    stops = sorted({m.start() for m in labels} | {d.position for d in dates} | {len(line)})
    for m in labels:
        end = next(s for s in stops if s > m.start() and s >= m.end()) if m.end() < len(line) else len(line)
        value = _FLAGS.sub(" ", line[m.end():end]).strip(" |｜/【】[]")
        label = m["label"]
        if re.fullmatch(_SOURCE_LABELS, label):
            header.source = header.source or (value.split()[0] if value.split() else None)
        elif re.fullmatch(_AUTHOR_LABELS, label):
            header.authors += _names(value)
        elif re.fullmatch(_EDITOR_LABELS, label):
            header.editors += _names(value)
    return header


def _is_body_like(line: str) -> bool:
    """A long sentence: the header zone has ended, whatever the line holds."""
    return len(line) > 40 and bp.ends_sentence(line)


def _ends_with_full_stop(line: str) -> bool:
    """Ends with 。 (before any closing quote): titles and header lines never do, body sentences do."""
    return line.rstrip(_CLOSING_QUOTES).endswith("。")


def _is_title_like(line: str) -> bool:
    return 4 <= len(line) <= 60 and not line.endswith("。") and not bp.is_image_name(line)


def _is_metadata_line(line: str) -> bool:
    """A line of the page's foot that describes the article: editor stamp, print footer, source line,
    labelled fields (本文来源：… 作者：… 责任编辑：…) or a bare date."""
    return (
        bp.editor_stamp_names(line) is not None
        or is_print_footer(line)
        or bool(_SOURCE_LINE.match(line))
        or (not bp.ends_sentence(line) and _parse_header(line) is not None)
    )


def _read_foot(lines: list[str], people: _People, footer: list[str]) -> FoundDate | None:
    """Read the metadata lines cut from the page's foot; the date of a bare or labelled date line, if any."""
    date = None
    for line in lines:
        special = is_print_footer(line) or bp.editor_stamp_names(line) is not None or _SOURCE_LINE.match(line)
        fields = None if special else _parse_header(line)
        if fields is None:
            _body_lines([line], people, footer)
            continue
        people.source_line = people.source_line or fields.source
        people.authors += fields.authors
        people.editors += fields.editors
        date = date or fields.date
    return date


def _is_headline(line: str) -> bool:
    """A short line that is not a sentence, a date or page chrome: a title standing below the header."""
    return (
        _is_title_like(line)
        and len(line) <= 40
        and not bp.ends_sentence(line)
        and not _starts_with_date(line)
        and not bp.is_masthead(line)
    )


def _cut_tail(lines: list[str]) -> tuple[list[str], list[str]]:
    """Drop related-reading lists and the legal/contact block at the end of the page.

    Returns the lines above that block, and the metadata lines found in it
    (editor stamps, print footers, source and date lines) to be read apart.
    """
    below_list: list[str] = []
    for i, line in enumerate(lines):
        if i >= 2 and bp.is_related_heading(line):
            # Metadata printed below the list (editor stamp, source line) is still read.
            below_list = [rest for rest in lines[i + 1:] if _is_metadata_line(rest)]
            lines = lines[:i]
            break
    end = len(lines)
    kept: list[str] = []
    while end > 1:
        line = lines[end - 1]
        if _is_metadata_line(line):
            kept.insert(0, line)
        elif not (
            bp.is_legal_tail(line)
            or bp.is_contact(line)
            or bp.is_share_prompt(line)
            or bp.is_masthead(line)
            or bp.is_short_fragment(line)
            or bp.is_image_name(line)
        ):
            break
        end -= 1
    return lines[:end], kept + below_list


_TITLE_TRIM = "“”\"「」『』 ,，。"


def _derive_title(paragraphs: list[str]) -> str:
    """A short title from the lead: its first sentence, without the opening date."""
    if not paragraphs:
        return ""
    lead = next((p for p in paragraphs[:4] if _starts_with_date(p)), paragraphs[0])
    sentence = _SENTENCE.split(lead, maxsplit=1)[0].strip().strip(_TITLE_TRIM)
    # Quotation marks first: a quoted lead (“12月31日，…”) opens with its date too.
    sentence = _strip_leading_date(sentence).strip(_TITLE_TRIM)
    clauses = [c.strip() for c in _CLAUSE.split(sentence) if c.strip()]
    # A clause that is only a date (a second one, 2015年11月20日-21日，11月20日，…) says no news.
    substantial = [c for c in clauses if len(c) >= 6 and _strip_leading_date(c).strip(_TITLE_TRIM)]
    clause = next((c for c in substantial if _states_news(c)), substantial[0] if substantial else sentence)
    # "由…主办的2025交流会在武汉开幕": the news is what follows the framing attribute.
    if (len(clause) > TITLE_MAX or _FRAMING.match(fold(clause))) and "的" in clause:
        tail = clause.rsplit("的", 1)[1]
        if len(tail) >= 6:
            clause = tail
    if len(clause) > TITLE_MAX:
        clause = clause[: TITLE_MAX - 1] + "…"
    return clause


def _states_news(clause: str) -> bool:
    """Whether a clause of the lead can be its title: not framing (围绕…主题, 为…), attribution or a bare time."""
    folded = fold(clause)
    return not (_FRAMING.match(folded) or _ATTRIBUTION.search(folded) or _TIME_ONLY.match(folded))


_DATE_START = re.compile(
    r"^[^，,。]{0,16}?(?:(?:19|20)\d{2}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日"
    r"(?:\s*[-—–~至到]\s*(?:(?:19|20)\d{2}\s*年\s*)?(?:\d{1,2}\s*月\s*)?\d{1,2}\s*日)?"
)


def _starts_with_date(paragraph: str) -> bool:
    return bool(_DATE_START.match(paragraph)) or bool(re.match(r"^(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}", paragraph))


def _strip_leading_date(text: str) -> str:
    m = _DATE_START.match(text)
    if m and re.match(r"^\s*(?:(?:19|20)\d{2}\s*年\s*)?\d", text):
        return text[m.end():]
    return text


@dataclass
class _People:
    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    outlet: str | None = None
    source_line: str | None = None  # 来源：… standing alone below the text

    def take_byline(self, org: str, names: str) -> None:
        self.authors += _names(names)
        org = _LOCAL_OUTLET.sub("", org)
        if self.outlet is None and len(org) >= 2 and _OUTLET.search(org):
            self.outlet = org


def _body_lines(lines: list[str], people: _People, footer_holder: list[str]) -> list[str]:
    """Filter boilerplate that may stand anywhere, collecting people on the way."""
    body: list[str] = []
    after_image = False
    for line in lines:
        if bp.is_image_name(line):
            after_image = True
            continue
        if after_image and len(line) <= 60 and not bp.ends_sentence(line):
            after_image = False  # the caption of the picture just dropped
            continue
        after_image = False
        if bp.is_caption_line(line) or bp.is_share_prompt(line) or _ORIGINAL_TITLE.match(line):
            continue
        source_line = _SOURCE_LINE.match(line)
        if source_line:
            people.source_line = people.source_line or source_line["source"]
            continue
        names = bp.editor_stamp_names(line)
        if names is not None:
            people.editors += names
            continue
        if is_print_footer(line):
            footer_holder.append(line)
            continue
        lead = _LEAD_SOURCE.match(line)
        if lead and people.outlet is None:
            people.outlet = lead["outlet"] or lead["agency"]
        rest = line[lead.end():] if lead else line
        if len(rest) <= 40 and not bp.ends_sentence(rest):
            byline = _BYLINE.fullmatch(rest.rstrip(":： "))
            if byline:
                people.take_byline(byline["org"], byline["names"])
                continue
        if lead:
            # 【大公報訊】記者陳小明報道：… — the reporter named between the outlet and the news.
            reporter = _LEAD_REPORTER.match(rest)
            if reporter:
                people.authors += _names(reporter["names"])
        whole_byline = _PAREN_BYLINE.fullmatch(line)
        for m in _PAREN_BYLINE.finditer(line):
            inner = m["inner"]
            byline = _BYLINE.search(inner)
            if byline:
                people.take_byline(byline["org"], byline["names"])
            elif "作者" in inner:
                people.authors += _names(inner.split("作者", 1)[1].lstrip(":： "))
        if not whole_byline:  # （本报记者 李二） on its own line is a byline, not text
            body.append(line)
    return body


def _choose_date(
    header: _Header,
    fm: FrontMatter | None,
    title: str,
    body: list[str],
    footer: list[str],
    foot_date: FoundDate | None = None,
    path_year: int | None = None,
) -> tuple[FoundDate | None, bool]:
    """The article's date and whether it was derived rather than stated."""
    if fm is not None and fm.date is not None:
        return FoundDate(fm.date, None, fm.time, True, 0), False
    if header.date is not None:
        return header.date, False
    printed = find_print_footer("\n".join(footer)) if footer else None
    if printed:
        return FoundDate(printed.date, None, None, True, 0), False
    if foot_date is not None:
        return foot_date, False
    for paragraph in body[:4]:
        if not _starts_with_date(paragraph):
            continue
        full = find_full_dates(paragraph[:40])
        if full and full[0].position < 20:
            return full[0], False
        year = _infer_year(paragraph, title, body, path_year)
        if year is not None:
            found = find_month_day_dates(paragraph[:40], year)
            if found:
                return found[0], True
    return None, False


def _infer_year(paragraph: str, title: str, body: list[str], path_year: int | None) -> int | None:
    """The year of a date written without one: from its paragraph, the file's folders, the title, else the latest
    year in the text (which may well be a year looked back on or ahead to)."""
    for given in (years_mentioned(paragraph), [path_year] if path_year else [], years_mentioned(title)):
        if given:
            return given[0]
    years = years_mentioned("\n".join(body))
    return max(years) if years else None


def _regions(title: str, body: list[str], script: str, fm: FrontMatter | None) -> tuple[list[Region], list[str]]:
    traditional = script == "traditional"
    # The body is folded as one string (one pass, and the text index folds the same string again: `fold` keeps it).
    detected = detect_regions(fold(title), fold("\n".join(body)).split("\n") if body else [])
    cities = [c.name_traditional if traditional else c.name for c in detected.cities]
    provinces = list(detected.provinces)
    if fm is not None and fm.regions:
        provinces = [p for p in (find_province(r) for r in fm.regions) if p is not None]
    regions = [
        Region(p.code, p.short_traditional if traditional else p.short, p.name_en) for p in _unique(provinces)
    ]
    return regions, cities


def _unique(items: list) -> list:
    return list(dict.fromkeys(items))


def parse_article(
    text: str, *, article_id: str, path: str = "", encoding: str = "utf-8", path_year: int | None = None
) -> Article:
    """Parse the decoded text of one page into a clean Article.

    ``path_year`` is the year the file's folders or name give
    (`store.dates.year_in_path`), for a date written without one. Never raises
    on odd input: a page with nothing recognisable gives an article with a
    derived (possibly empty) title and whatever paragraphs remain.
    """
    fm, body_text = split_front_matter(text)
    return parse_split_article(fm, body_text, article_id=article_id, path=path, encoding=encoding, path_year=path_year)


def parse_split_article(
    fm: FrontMatter | None, body_text: str, *, article_id: str, path: str = "", encoding: str = "utf-8",
    path_year: int | None = None,
) -> Article:
    """`parse_article` of a page whose front matter ``split_front_matter`` has already split off."""
    lines = _clean_lines(body_text)
    title: str | None = fm.title if fm else None
    if lines and _MD_HEADING.match(lines[0]):
        heading = _MD_HEADING.sub("", lines.pop(0)).strip()
        title = title or heading
    lines = [_MD_QUOTE.sub("", _MD_HEADING.sub("", line)) if line[0] in "#>" else line for line in lines]
    lines = [line for line in lines if line]
    lines, foot = _cut_tail(lines)

    header = _Header()
    header_indexes = []
    for i, line in enumerate(lines[:_HEADER_ZONE]):
        if _is_body_like(line):
            break  # a header stands above the text, never inside it
        found = None if is_print_footer(line) else _parse_header(line)
        if found is None:
            if _ends_with_full_stop(line):
                break  # the first sentence of the text: a short article's foot is not its header
            continue
        header_indexes.append(i)
        header.source = header.source or found.source
        header.authors += found.authors
        header.editors += found.editors
        header.date = header.date or found.date

    start = 0
    if header_indexes:
        first_header = header_indexes[0]
        above = lines[:first_header]
        before = [line for line in above if not bp.is_masthead(line) and _is_title_like(line)]
        if title is None and before:
            repeated = [line for line in before if before.count(line) > 1]
            title = repeated[0] if repeated else before[-1]
        start = first_header
    else:
        while start < len(lines) - 1 and bp.is_masthead(lines[start]):
            start += 1
        above = lines[:start]
        notes_end = start
        while notes_end < len(lines) - 1 and _EDITOR_NOTE.match(lines[notes_end]):
            notes_end += 1  # the editor's note stays in the text, but the title may stand below it
        candidate = lines[notes_end] if notes_end < len(lines) - 1 else None
        if title is None and candidate is not None and _is_title_like(candidate) and not _starts_with_date(candidate):
            title = candidate
            if notes_end == start:
                start += 1
    header_set = set(header_indexes)
    remaining = [line for i, line in enumerate(lines) if i >= start and i not in header_set]
    if title is None and len(remaining) > 1 and _is_headline(remaining[0]):
        title = remaining[0]  # the date line stood above the title
    if title is None:
        # A line of four characters above the text reads as a menu item (国际新闻) while
        # anything else may be the title; with nothing else, it is the title (香港新闻).
        short = [line for line in above if _is_title_like(line) and not bp.is_site_chrome(line)]
        title = short[-1] if short else None
    if title:
        remaining = [line for line in remaining if line != title]

    people = _People(authors=list(header.authors), editors=list(header.editors))
    footer: list[str] = []
    # Lines above the title or header (a lead-in such as 【大公報訊】記者…) are read for people, not kept.
    _body_lines([line for line in lines[:start] if line != title], people, footer)
    body = _body_lines(remaining, people, footer)
    foot_date = _read_foot(foot, people, footer)
    title_derived = not title
    if not title:
        title = _derive_title(body)
    elif fm is None or not fm.title:
        untagged = _TITLE_TAG.sub("", title)
        title = untagged if len(untagged) >= 4 else title
    found, date_derived = _choose_date(header, fm, title, body, footer, foot_date, path_year)
    printed = find_print_footer("\n".join(footer)) if footer else None

    source = (
        (fm.source if fm else None)
        or header.source
        or people.source_line
        or (printed.paper if printed else None)
        or people.outlet
    )
    authors = _dedupe([*(fm.authors if fm else []), *people.authors])
    script = detect_script(title + "".join(body))
    regions, cities = _regions(title, body, script, fm)
    return Article(
        id=article_id,
        path=path,
        title=title,
        paragraphs=body,
        title_derived=title_derived,
        date=found.start if found else None,
        date_end=found.end if found else None,
        time=found.time if found else None,
        date_derived=date_derived,
        source=source,
        authors=authors,
        editors=_dedupe(people.editors),
        regions=regions,
        cities=_dedupe(cities),
        script=script,
        encoding=encoding,
    )

