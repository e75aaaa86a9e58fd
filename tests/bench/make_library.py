"""Write a large, realistic library of Chinese news pages for the scale benchmark.

    python tests/bench/make_library.py DIR N [--jobs J]

The same N always gives the same files (each article draws from its own random
generator seeded by N and its number). Pages come in the layouts the parser
handles: a title over a `來源:…編輯:…` header line, a masthead with a repeated
title and a `責任編輯:… 原創 來源:…` line, a `来源: … 作者: …` header with a
byline and a recommended-reading list, `发布时间:… 来源:…` headers, pages with
no title that open with `2024年10月31日-11月1日` or a year-less `7月3日`,
print footers such as `《人民日报》(2025年11月20日第10页)`, Markdown with
YAML front matter, converter pinyin such as `企業(yè)`, copyright, contact and
editor tails. Dates span 2015-2026; regions come from store.gazetteer (pairs
such as 渝港 and 鲁港 as well as full names and cities); about a third of the
pages are traditional (converted with store.script.convert), a few mixed; body
lengths run from 300 to 20,000 characters (log-normal, median about 1,600,
and article 0 is always the longest). Most files are UTF-8; some are GB18030,
Big5, UTF-8 with a BOM or CRLF. Files sit in nested folders
(year/month/outlet/).

The text is recombined from the sentences of the bundled seeds (with their
place names replaced by the article's) and from the sentence templates below,
filled from word lists: nothing is fetched from the network.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import math
import random
import re
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from store.gazetteer import CITIES, PROVINCES, City, Province
from store.library import bundled_library_path, load_library
from store.regions import PAIR_ABBREVIATIONS
from store.script import convert

FIRST_DAY = dt.date(2015, 1, 1)
LAST_DAY = dt.date(2026, 12, 31)
MIN_LENGTH, MAX_LENGTH = 300, 20_000
MEDIAN_LENGTH, LENGTH_SIGMA = 1_600, 0.7

# Slots in templates and seed sentences: {prov} 重庆, {provfull} 重庆市, {city} 青岛,
# {pair} 渝港, {org}, {industry}, {person}, {role}, {num}, {pct}, {year}, {md} 7月3日, {outlet}.
TEMPLATES = (
    "{md}，{pair}{industry}合作交流会在{city}举行，来自两地的{num}家企业和机构代表参加。",
    "{prov}与香港在{industry}领域的合作不断深化，去年双边贸易额同比增长{pct}%。",
    "{org}{role}{person}表示，香港是{prov}企业“走出去”的重要平台，也是引进外资的首选地。",
    "据介绍，{provfull}今年已有{num}个{industry}项目落地，总投资超过{num}亿元。",
    "“我们希望借助香港的国际化平台，把{industry}产品推向全球市场。”{city}一家企业负责人{person}说。",
    "本次活动由{org}主办，围绕{industry}、{industry}等领域举行了{num}场专题对接会。",
    "{pair}两地将在科技创新、经贸投资、金融服务等{num}个领域开展务实合作。",
    "{year}年以来，{city}累计引进港资项目{num}个，实际使用外资{num}亿美元。",
    "会上，{org}与{org}签署了《{industry}合作备忘录》，双方将共建联合实验室。",
    "{person}介绍，{city}的{industry}产业已形成完整链条，规模以上企业超过{num}家。",
    "业内人士认为，{pair}合作正从单一的贸易往来，走向科技、人才、金融的全方位协同。",
    "香港特别行政区政府{role}{person}在致辞中表示，欢迎更多{prov}企业到香港发展。",
    "{md}，{outlet}记者从{org}获悉，{prov}首个{industry}创新中心正式揭牌启用。",
    "目前，{city}已有{num}家企业在港上市，涉及{industry}、{industry}等行业。",
    "参展期间，企业代表还前往香港科学园、数码港等机构参观访问，寻找合作伙伴。",
    "{person}告诉记者，展会期间已与{num}家海外客户达成初步合作意向。",
    "两地青年创新创业交流活动同期举行，{num}支团队参加了{industry}赛道的路演。",
    "根据协议，{org}将在{city}设立区域总部，重点发展{industry}业务。",
    "{prov}方面表示，将进一步优化营商环境，为港资企业提供更加便利的服务。",
    "截至{year}年底，{provfull}港资企业数量达到{num}家，占全省外资企业的{pct}%。",
    "专家指出，{industry}是新质生产力的重要方向，{pair}合作前景广阔。",
    "当天下午，与会嘉宾实地考察了{city}高新区和{industry}产业园。",
    "{org}相关负责人表示，下一步将推动更多{industry}成果在{city}转化落地。",
    "在{industry}领域，香港拥有{num}所世界百强大学和一批国家重点实验室，基础研究实力雄厚。",
    "{city}与香港相距近{num}公里，却有着相似的开放气质和产业基础。",
    "交流会上发布了《{year}年{pair}{industry}合作白皮书》，提出{num}项合作举措。",
    "据统计，两地人员往来今年已超过{num}万人次，同比增长{pct}%。",
    "{person}认为，两地应加强规则衔接、机制对接，推动要素便捷高效流动。",
    "下一步，{prov}将与香港共同举办{industry}论坛，打造常态化交流平台。",
    "活动现场，{num}个合作项目集中签约，涵盖{industry}、{industry}和{industry}。",
)

TITLE_TEMPLATES = (
    "{pair}{industry}合作交流会在{city}举行",
    "{prov}企业组团赴港参展 {industry}成果吸引国际目光",
    "{pair}合作新篇章：{industry}项目集中签约",
    "“{prov}造”{industry}产品亮相香港",
    "{pair}科技创新合作论坛在{city}召开",
    "{city}与香港携手打造{industry}创新高地",
    "{year}{pair}经贸合作交流会签约{num}个项目",
    "{prov}{industry}企业借“港”出海",
    "{pair}“牵手”合作，{city}何以成为最大受益者？",
    "{prov}{org}代表团访问香港 深化{industry}合作",
)

SUBHEADINGS = (
    "为何“牵手”？", "有何深意？", "合作空间在哪里", "香港经验值得借鉴", "{industry}合作前景广阔",
    "两地合作迈上新台阶", "携手加速创新", "企业收获了什么", "下一步怎么走", "{pair}合作新空间",
)

INDUSTRIES = (
    "人工智能", "生物医药", "新能源汽车", "集成电路", "绿色低碳", "数字经济", "跨境电商", "金融科技",
    "智能制造", "海洋科技", "低空经济", "现代物流", "文化旅游", "航运物流", "高端装备", "新材料",
    "物联网", "大数据", "半导体", "氢能", "新型储能", "机器人", "智慧城市", "医疗器械", "检测认证",
    "法律服务", "专业服务", "创意设计", "会展", "供应链金融", "中医药", "现代农业", "工业互联网",
)
ORGANISATIONS = (
    "香港贸发局", "香港科技园公司", "数码港", "香港生产力促进局", "香港投资推广署", "香港中华总商会",
    "香港理工大学", "香港科技大学", "香港中文大学", "香港城市大学", "香港大学", "香港浸会大学",
    "省科技厅", "市商务局", "市发展改革委", "省贸促会", "市工商联", "高新区管委会", "国际商会",
    "中国银行（香港）", "招商局集团", "华润集团", "省港澳办", "市投资促进局", "青年创业联合会",
)
ROLES = ("董事长", "总经理", "局长", "副局长", "主任", "副主任", "会长", "执行会长", "秘书长", "教授", "院长", "总代表", "主席")
OUTLETS = (
    ("重庆日报", "cqrb"), ("大众网", "dzw"), ("香港商报网", "hkcd"), ("湖北日报", "hbrb"), ("中山日报", "zsrb"),
    ("人民日报", "rmrb"), ("南方日报", "nfrb"), ("新华网", "xhw"), ("中国新闻网", "zxw"), ("央广网", "ygw"),
    ("国际在线", "gjzx"), ("北京日报", "bjrb"), ("解放日报", "jfrb"), ("四川日报", "scrb"), ("福建日报", "fjrb"),
    ("浙江日报", "zjrb"), ("香港文汇报", "wwp"), ("大公报", "dgb"), ("澳门日报", "amrb"), ("科技日报", "kjrb"),
)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志红玉梅林文俊永喜宇蕾东慧贤宏亦筑瑞嵩凤晨浩然子涵思远嘉怡欣悦晓雯佳琪振宁海波立新春燕卫民小龙德胜丹"
WEATHER_PROVINCES = ("内蒙古", "新疆", "山西", "陕西", "河北", "河南", "安徽", "江苏", "湖北", "海南", "甘肃", "宁夏")

COPYRIGHT_SIMPLIFIED = (
    "1、“{outlet}”所有信息内容，未经书面授权，任何单位及个人不得转载、摘编、复制或利用其他方式使用。",
    "2、凡本网注明“来源:{outlet}”的作品，版权均属{outlet}所有，转载时应注明来源。违反上述声明者，本网将追究其相关法律责任。",
    "3、凡本网注明“来源:XXX(非{outlet})”的作品，均转载自其它媒体，转载目的在于传递更多信息，并不代表本网赞同其观点。",
    "4、如因作品内容、版权和其他问题需要与本网联系的，请在该事由发生之日起30日内进行。",
)
CONTACT = "{outlet}联系方式   电话/传真:023-6838{n4}   内容热线:1399627{n4}   投稿邮箱:news{n4}@example.cn"


@dataclass(frozen=True)
class Bank:
    """Sentences and words in both scripts, converted once."""

    seed_sentences: tuple[tuple[str, str], ...]  # (simplified, traditional) with slots
    templates: tuple[tuple[str, str], ...]
    titles: tuple[tuple[str, str], ...]
    subheadings: tuple[tuple[str, str], ...]
    words: dict[str, tuple[str, str]]  # simplified word -> (simplified, traditional)
    converter_pinyin: tuple[tuple[str, str], ...]  # traditional character, syllable


def _both(text: str) -> tuple[str, str]:
    return text, convert(text, "traditional")


# Place names in the seeds, replaced by the article's own places.
_SEED_PLACES = (
    ("粤港澳大湾区", "大湾区"), ("重庆", "{prov}"), ("湖北", "{prov}"), ("山东", "{prov}"),
    ("渝港", "{pair}"), ("京港", "{pair}"), ("鲁港", "{pair}"), ("青岛", "{city}"), ("武汉", "{city}"),
    ("中山市", "{city}"), ("成渝地区", "{city}一带"),
)
_SENTENCE = re.compile(r"(?<=[。！？!?])(?![”」』])")


@lru_cache(maxsize=1)
def bank() -> Bank:
    """The sentence and word bank (built once per process)."""
    library = load_library(bundled_library_path())
    sentences: list[tuple[str, str]] = []
    for article in library.articles:
        for paragraph in article.paragraphs:
            for sentence in _SENTENCE.split(convert(paragraph, "simplified")):
                sentence = sentence.strip()
                balanced = all(sentence.count(a) == sentence.count(b) for a, b in ("“”", "「」", "《》", "()"))
                if not 12 <= len(sentence) <= 220 or "{" in sentence or not balanced:
                    continue
                for place, slot in _SEED_PLACES:
                    sentence = sentence.replace(place, slot)
                sentences.append(_both(sentence))
    words = [*INDUSTRIES, *ORGANISATIONS, *ROLES, *(name for name, _ in OUTLETS), *WEATHER_PROVINCES]
    seed_004 = next(p for p in bundled_library_path().iterdir() if p.name.startswith("004_")).read_text("utf-8")
    annotations = sorted(set(re.findall(r"([\u4e00-\u9fff])\(([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]{1,7})\)", seed_004)))
    return Bank(
        seed_sentences=tuple(sentences),
        templates=tuple(_both(t) for t in TEMPLATES),
        titles=tuple(_both(t) for t in TITLE_TEMPLATES),
        subheadings=tuple(_both(t) for t in SUBHEADINGS),
        words={w: _both(w) for w in words},
        converter_pinyin=tuple(annotations),
    )


@dataclass
class Places:
    province: Province
    city: City
    pair: str  # simplified, e.g. 渝港
    partner_codes: tuple[str, ...]


_ABBREVIATION_OF = {code: abbreviation for abbreviation, code in PAIR_ABBREVIATIONS.items()}
_MAINLAND = tuple(p for p in PROVINCES if p.code not in ("CN-HK", "CN-MO", "CN-TW") and p.code in _ABBREVIATION_OF)
_CITIES_BY_PROVINCE = {p.code: tuple(c for c in CITIES if c.province_code == p.code) for p in _MAINLAND}
# Provinces that trade most with Hong Kong turn up more often.
_BUSIEST = ("CN-GD", "CN-BJ", "CN-SH")
_BUSY = ("CN-CQ", "CN-SD", "CN-HB", "CN-SC", "CN-FJ", "CN-ZJ", "CN-JS")
_PROVINCE_WEIGHTS = tuple(6 if p.code in _BUSIEST else 3 if p.code in _BUSY else 1 for p in _MAINLAND)


def _places(rng: random.Random) -> Places:
    province = rng.choices(_MAINLAND, weights=_PROVINCE_WEIGHTS)[0]
    cities = _CITIES_BY_PROVINCE[province.code]
    if not cities:  # a municipality: the place is the city
        cities = (City(province.short, province.full, province.short_traditional, province.code),)
    partner = rng.choices(("港", "澳", "港澳"), weights=(7, 1.5, 1.5))[0]
    abbreviation = _ABBREVIATION_OF[province.code]
    pair = "粤港澳" if province.code == "CN-GD" and partner == "港澳" else abbreviation + partner
    codes = tuple({"港": "CN-HK", "澳": "CN-MO"}[c] for c in partner)
    return Places(province, rng.choice(cities), pair, codes)


class Writer:
    """Fills slots for one article, in its script."""

    def __init__(self, rng: random.Random, places: Places, day: dt.date, traditional: bool, outlet: str) -> None:
        self.rng = rng
        self.places = places
        self.day = day
        self.traditional = traditional
        self.outlet = outlet
        self.bank = bank()

    def word(self, simplified: str) -> str:
        pair = self.bank.words.get(simplified)
        if pair is None:
            return convert(simplified, "traditional") if self.traditional else simplified
        return pair[1] if self.traditional else pair[0]

    def local(self, simplified: str) -> str:
        """Fixed text (labels, stamps) in the article's script."""
        return convert(simplified, "traditional") if self.traditional else simplified

    def person(self) -> str:
        name = self.rng.choice(SURNAMES) + "".join(self.rng.choice(GIVEN) for _ in range(self.rng.choice((1, 2, 2))))
        return convert(name, "traditional") if self.traditional else name

    def slot(self, name: str) -> str:
        rng, places = self.rng, self.places
        province = places.province
        if name == "prov":
            return province.short_traditional if self.traditional else province.short
        if name == "provfull":
            return province.full_traditional if self.traditional else province.full
        if name == "city":
            return places.city.name_traditional if self.traditional else places.city.name
        if name == "pair":
            return self.word(places.pair)
        if name == "industry":
            return self.word(rng.choice(INDUSTRIES))
        if name == "org":
            return self.word(rng.choice(ORGANISATIONS))
        if name == "role":
            return self.word(rng.choice(ROLES))
        if name == "outlet":
            return self.word(self.outlet)
        if name == "person":
            return self.person()
        if name == "num":
            return str(rng.choice((rng.randint(2, 99), rng.randint(100, 9999), rng.randint(10, 300))))
        if name == "pct":
            return f"{rng.uniform(1, 60):.1f}"
        if name == "year":
            return str(self.day.year - rng.choice((0, 0, 1, 2)))
        if name == "md":
            earlier = self.day - dt.timedelta(days=rng.randint(0, 3))
            return f"{earlier.month}月{earlier.day}日"
        raise KeyError(name)

    def fill(self, template: tuple[str, str]) -> str:
        text = template[1] if self.traditional else template[0]
        return re.sub(r"\{(\w+)\}", lambda m: self.slot(m[1]), text)

    def sentence(self) -> str:
        source = self.bank.seed_sentences if self.rng.random() < 0.5 else self.bank.templates
        return self.fill(self.rng.choice(source))

    def body(self, length: int) -> list[str]:
        """Paragraphs of two to six sentences, with a subheading now and then, ``length`` characters in all."""
        paragraphs: list[str] = []
        total = 0
        while total < length:
            if paragraphs and self.rng.random() < 0.08:
                paragraphs.append(self.fill(self.rng.choice(self.bank.subheadings)))
            paragraph = "".join(self.sentence() for _ in range(self.rng.randint(2, 6)))
            paragraphs.append(paragraph)
            total += len(paragraph)
        excess = total - length
        if excess > 0:
            last = paragraphs[-1]
            cut = last[: max(len(last) - excess, 1)]
            paragraphs[-1] = cut if cut.endswith("。") else cut.rstrip("，、") + "。"
        return paragraphs


def _annotate_converter_pinyin(text: str, rng: random.Random, pairs: Sequence[tuple[str, str]]) -> str:
    """What some converters do to traditional pages: 企業(yè), 發(fā)展."""
    readings = dict(pairs)
    return "".join(f"{ch}({readings[ch]})" if ch in readings and rng.random() < 0.8 else ch for ch in text)


def _clock(rng: random.Random) -> str:
    return f"{rng.randint(6, 22):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"


def _copyright(w: Writer) -> list[str]:
    contact = CONTACT.replace("{n4}", f"{w.rng.randint(0, 9999):04d}")
    return [w.fill(_both(line)) for line in (*COPYRIGHT_SIMPLIFIED, contact)]


Layout = Callable[[Writer, str, list[str]], str]


def layout_header_line(w: Writer, title: str, body: list[str]) -> str:
    """Title, then `2024-04-18 09:16:32來源:重慶日報編輯:…責編:…`, an 原標題 line and a reporter's name."""
    header = f"{w.day.isoformat()} {_clock(w.rng)}{w.local('来源')}:{w.slot('outlet')}"
    header += f"{w.local('编辑')}:{w.person()}{w.local('责编')}:{w.person()}"
    lines = [title, header, "", f"  {w.local('原标题')}:{title}，{w.fill(w.bank.titles[0])}", ""]
    lines += [f"  {p}\n" for p in body]
    lines[-1] = lines[-1].rstrip("\n") + f"({w.local('记者')} {w.person()})"
    lines += ["", *(f"{line}\n" for line in _copyright(w))]
    return "\n".join(lines)


def layout_masthead(w: Writer, title: str, body: list[str]) -> str:
    """Masthead and weather link, the title twice, `責任編輯:… 2023-05-30 10:26:26原創 來源:…`, pictures, a PDF tail."""
    stamp = f"{w.local('责任编辑')}:{w.person()}"
    lines = [w.slot("outlet")[:4], w.local("-- 天气"), title, "", title, ""]
    lines.append(f"{stamp} {w.day.isoformat()} {_clock(w.rng)}{w.local('原创')} {w.local('来源')}:{w.slot('outlet')}")
    picture = 0
    for paragraph in body:
        lines += ["", f"    {paragraph}"]
        if w.rng.random() < 0.15:
            picture += 1
            lines += ["", f"{w.day:%Y%m%d}_{picture}.jpg", "", f"{w.person()}{w.local('在活动上致辞')}"]
    lines += ["", f"{stamp} {title}", w.local("香港商报PDF"), "股市", "", w.local("友情链接"), ""]
    lines += [
        "承印人、出版人:香港商報有限公司 版權所有,未經授權,不得複製或轉載。 Copyright © All Rights Reserved",
        "聯絡我們",
        "",
        f"電話:(香港)852-2564 {w.rng.randint(1000, 9999)}",
        "",
        "地址:香港九龍觀塘道332號",
    ]
    return "\n".join(lines)


def layout_reporter(w: Writer, title: str, body: list[str]) -> str:
    """`2024-03-27 08:33:32 来源: 大众网 作者: …`, a `记者 … 青岛报道` line, editors, and a 推荐阅读 list."""
    author, outlet = w.person(), w.slot("outlet")
    lines = [title, "", f"{w.day.isoformat()} {_clock(w.rng)} {w.local('来源')}: {outlet} 作者: {author}", ""]
    lines.append(f"  {outlet}{w.local('记者')} {author} {w.slot('city')}{w.local('报道')}")
    lines += [f"\n  {p}" for p in body]
    lines += ["", f"{w.local('初审编辑')}:{w.person()}", "", f"{w.local('责任编辑')}:{w.person()}", "", "推荐阅读"]
    for _ in range(w.rng.randint(2, 5)):  # a weather report naming provinces the article is not about
        provinces = "、".join(w.rng.sample(WEATHER_PROVINCES, 5))
        lines += [
            f"  • 高温黄色预警继续！{provinces}等地最高气温35~36℃",
            "",
            f"    预计{w.day.month}月{w.day.day}日白天，{provinces}等地部分地区最高气温37~39℃...[详细]",
            "",
            f"    {w.day:%m-%d} {w.rng.randint(8, 11):02d}:{w.rng.randint(10, 59)}中央气象台",
        ]
    return "\n".join(lines)


def layout_no_title_quote(w: Writer, title: str, body: list[str]) -> str:
    """No title: quotations, then a lead that opens with a year-less date; the year is in the text."""
    quotes = [f"“{w.sentence().rstrip('。')}。”{w.person()}{w.local('说')}。" for _ in range(2)]
    event = f"{w.day.year}{w.slot('prov')}{w.slot('industry')}"
    lead = w.local(f"{w.day.month}月{w.day.day}日，由{w.slot('org')}主办的{event}合作交流会在{w.slot('city')}开幕。")
    tail = w.local(f"({w.slot('outlet')}全媒记者 {w.person()} 通讯员{w.person()}、{w.person()})")
    paragraphs = [lead + body[0], *body[1:]]
    paragraphs[-1] += tail
    return "\n".join([*quotes, *paragraphs, *_copyright(w)])


def layout_converted(w: Writer, title: str, body: list[str]) -> str:
    """No title: opens with a date range (2024年10月31日-11月1日); converter pinyin; ◆編輯 stamp."""
    end = w.day + dt.timedelta(days=w.rng.randint(1, 3))
    last = f"{end.month}月{end.day}日" if end.month != w.day.month else f"{end.day}日"
    text = "\n".join([f"{w.day.year}年{w.day.month}月{w.day.day}日-{last}，{body[0]}", *body[1:]])
    if w.traditional:
        text = _annotate_converter_pinyin(text, w.rng, w.bank.converter_pinyin)
    return text + f"\n◆{w.local('编辑')}:{w.person()}◆二審:{w.person()}◆三審:{w.person()}"


def layout_published(w: Writer, title: str, body: list[str]) -> str:
    """`发布时间:2024/05/20 09:30 来源:…`, and an editor stamp in brackets at the end."""
    header = f"{w.local('发布时间')}:{w.day:%Y/%m/%d} {_clock(w.rng)[:5]}  {w.local('来源')}:{w.slot('outlet')}"
    return "\n".join([title, header, "", *body, "", f"【{w.local('责任编辑')}:{w.person()}】"])


def layout_print_footer(w: Writer, title: str, body: list[str]) -> str:
    """Title and body; the date only in a print footer 《人民日报》(2025年11月20日第10页)."""
    paper = w.rng.choice(("人民日报", "经济日报", "光明日报", "科技日报"))
    footer = f"《{paper}》（{w.day.year}年{w.day.month}月{w.day.day}日第{w.rng.randint(1, 20)}版）"
    return "\n".join([title, "", *body, "", footer])


def layout_front_matter(w: Writer, title: str, body: list[str]) -> str:
    """Markdown with YAML front matter; the body has no header of its own."""
    partners = ("Hong Kong" if code == "CN-HK" else "Macau" for code in w.places.partner_codes)
    regions = ", ".join([w.places.province.name_en, *partners])
    front = [
        "---",
        f'title: "{title}"',
        f"date: {w.day.isoformat()}",
        f"source: {w.slot('outlet')}",
        f"regions: [{regions}]",
        f"authors: [{w.person()}]",
        "---",
        "",
    ]
    return "\n".join([*front, f"# {title}", "", *(f"{p}\n" for p in body)])


LAYOUTS: tuple[tuple[Layout, float, float], ...] = (
    # layout, weight, share written in traditional
    (layout_header_line, 0.20, 0.8),
    (layout_masthead, 0.12, 0.9),
    (layout_reporter, 0.20, 0.05),
    (layout_no_title_quote, 0.10, 0.1),
    (layout_converted, 0.08, 0.9),
    (layout_published, 0.14, 0.2),
    (layout_print_footer, 0.10, 0.0),
    (layout_front_matter, 0.06, 0.3),
)


def body_length(rng: random.Random, number: int) -> int:
    if number == 0:
        return MAX_LENGTH
    return int(min(MAX_LENGTH, max(MIN_LENGTH, rng.lognormvariate(math.log(MEDIAN_LENGTH), LENGTH_SIGMA))))


def article_file(n: int, number: int) -> tuple[Path, bytes]:
    """The relative path and bytes of article ``number`` of a library of ``n``."""
    rng = random.Random(n * 1_000_003 + number)
    day = FIRST_DAY + dt.timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days + 1))
    layout, _, traditional_share = rng.choices(LAYOUTS, weights=[w for _, w, _ in LAYOUTS])[0]
    traditional = rng.random() < traditional_share
    outlet, slug = rng.choice(OUTLETS)
    writer = Writer(rng, _places(rng), day, traditional, outlet)
    title = writer.fill(rng.choice(writer.bank.titles))
    body = writer.body(body_length(rng, number))
    if rng.random() < 0.03:  # a mixed page: a passage quoted in the other script
        middle = len(body) // 2
        body[middle] = convert(body[middle], "simplified" if traditional else "traditional")
    text = layout(writer, title, body) + "\n"
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
    suffix = ".md" if layout is layout_front_matter else ".txt"
    path = Path(f"{day.year}", f"{day.month:02d}", slug, f"{number:06d}_{digest}{suffix}")
    roll = rng.random()
    if roll < 0.04 and not traditional:
        data = text.encode("gb18030")
    elif roll < 0.08 and traditional:
        try:
            data = text.replace("爲", "為").encode("big5hkscs")  # Big5 has only the Hong Kong form
        except UnicodeEncodeError:
            data = text.encode("utf-8")
    elif roll < 0.11:
        data = b"\xef\xbb\xbf" + text.encode("utf-8")
    elif roll < 0.16:
        data = text.replace("\n", "\r\n").encode("utf-8")
    else:
        data = text.encode("utf-8")
    return path, data


def write_range(root: str, n: int, start: int, stop: int) -> int:
    """Write articles ``start``..``stop``-1 of a library of ``n`` below ``root``."""
    base = Path(root)
    for number in range(start, stop):
        path, data = article_file(n, number)
        target = base / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return stop - start


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Write N realistic article files below DIR (deterministic for a given N)."
    )
    parser.add_argument("dir", metavar="DIR")
    parser.add_argument("n", metavar="N", type=int)
    parser.add_argument("--jobs", type=int, default=2, help="processes to write with (default 2)")
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("N must be at least 1")
    root = Path(args.dir)
    root.mkdir(parents=True, exist_ok=True)
    step = max(1, -(-args.n // (args.jobs * 8)))
    ranges = [(start, min(start + step, args.n)) for start in range(0, args.n, step)]
    if args.jobs <= 1:
        written = sum(write_range(str(root), args.n, a, b) for a, b in ranges)
    else:
        with ProcessPoolExecutor(max_workers=args.jobs) as pool:
            written = sum(pool.map(write_range, *zip(*[(str(root), args.n, a, b) for a, b in ranges])))
    print(f"wrote {written} articles below {root}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
