"""Which regions an article is about: detection over simplified text.

The caller passes the title and the clean body paragraphs, already folded to
simplified script and stripped of boilerplate. Every text is scanned once by a
single compiled regex built at import: a character trie of every place name,
fixed term and blocker (so the longest name wins at each position), merged
with the patterns of the abbreviation pairs news uses (渝港, 粤港澳, 鲁豫合作).

Rules, in short:

- Province short and full names count; so do city names, for the city and its
  province, and the cooperation pairs and groups made of one-character
  abbreviations. A lone abbreviation never counts (鲁 is a surname, 京 is
  ambiguous), nor does a lone 港 or 澳.
- City short names that are also common words, given names or frequent
  cross-word character pairs count only with their suffix (中山市, 朝阳市).
- A place name that begins an institution's name (北京大学, 香港理工大学,
  中山公园, 北京路, 湖北日报) does not count as the place.
- Blockers are terms that contain a place name but are not that place
  (上海合作组织, 北京时间, 东京, 资深 before 港): matched and dropped.
- Broad area terms (粤港澳大湾区, 大湾区, 长三角, 珠三角) are weak signals.
- Salience: a mention in the title weighs most, the lead next, the body least,
  and repeats within a section count less and less (log2(1 + count)), so
  that where a region is named matters more than how often; regions are
  ranked by score and those far below the top one are dropped.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from store.gazetteer import CITIES, PROVINCES, City, Province

TITLE_WEIGHT = 4.0
LEAD_WEIGHT = 2.0
BODY_WEIGHT = 1.0
# The lead is where news states what it is about: the first two paragraphs
# (the first is often only a dateline such as "记者 某某 青岛报道").
LEAD_PARAGRAPHS = 2
# Broad area terms name a whole region in passing (an article on Qingdao and
# Hong Kong may mention the Greater Bay Area once), so they count a quarter.
WEAK_WEIGHT = 0.25
# In an abbreviation pair or group the side named first is the perspective
# (Shenzhen's 深港 is Hong Kong's 港深), so the partners after it count half.
PAIR_PARTNER_WEIGHT = 0.5
# A region is listed when its score reaches this share of the top score: a
# region the article is about is named again and again, in title and lead,
# while one named once or twice in a long body (a partner's location, a
# comparison) stays far below a fifth of the main region's score.
RELATIVE_THRESHOLD = 0.2
# And it must reach one plain body mention: weak signals alone list nothing.
MIN_SCORE = 1.0


@dataclass(frozen=True)
class RegionDetection:
    """Regions an article names, most salient first."""

    provinces: tuple[Province, ...]
    cities: tuple[City, ...]
    scores: Mapping[str, float]  # province code -> score, every one seen


@dataclass(frozen=True)
class _Term:
    """What one matched string means: provinces and cities, or nothing."""

    provinces: tuple[str, ...] = ()
    cities: tuple[City, ...] = ()
    weak: bool = False
    pair: bool = False  # an abbreviation pair or group: partners count less

    def weights(self) -> Iterable[tuple[str, float]]:
        """Each province with the weight of this one mention."""
        base = WEAK_WEIGHT if self.weak else 1.0
        for index, code in enumerate(self.provinces):
            yield code, base * (PAIR_PARTNER_WEIGHT if self.pair and index else 1.0)


_BLOCKED = _Term()

# City short names that need their suffix (市, 州, 地区, 盟) to count: common
# words or idioms (三明治, 开封 "unseal", 日照 "sunshine", 来宾 "guests",
# 安康, 大同小异, 长治久安, 四平八稳, 大庆 "celebration", 白银 "silver",
# 新乡村), foreign places (德州 Texas), names of other things (中山 Sun
# Yat-sen, 朝阳区 in Beijing, 长白山, 天门山 in Hunan, 兴安岭, 阿里巴巴,
# 广安门, 桃园, 新北区 in Changzhou, 玉林 and 文山 as given names or idioms),
# and frequent cross-word pairs (其中卫生, 确定西部, 沿海东部, 重大理论, 平台中,
# 货运城市, 华东营商, 中巴关系, 黄河源, 中山南路, 苹果和田, 国内江河, 巩固原有,
# 平安顺利).
RISKY_CITY_NAMES: frozenset[str] = frozenset(
    {
        "中山", "朝阳", "通化", "白山", "三明", "开封", "玉林", "大同", "长治",
        "运城", "兴安", "四平", "大庆", "东营", "日照", "德州", "新乡", "南平",
        "河源", "北海", "贵港", "来宾", "巴中", "红河", "文山", "大理", "山南",
        "阿里", "安康", "白银", "定西", "海东", "海北", "海西", "玉树", "中卫",
        "台中", "新北", "桃园", "天门", "东方", "双河", "新星", "白杨", "和田",
        "内江", "固原", "广安", "安顺",
    }
)

# Terms that contain a place name, or end where one begins, but are something
# else: matched and dropped, so their characters cannot start a false hit.
BLOCKERS: frozenset[str] = frozenset(
    {
        # organisations and the time zone
        "上海合作组织", "上合组织", "北京时间",
        # places abroad (东京港 is not 京港; 佛罗里达州, 马里兰州, 不来梅州)
        "东京", "珍珠港", "澳大利亚", "澳洲", "佛罗里达", "内华达", "马里兰",
        "不来梅", "哈密顿", "阿克苏姆",
        # streets named after Sun Yat-sen (中山东路 is not 山东)
        "中山",
        # words ending in a character that starts a pair (资深港股, 复苏港股)
        "资深", "加深", "纵深", "精深", "高深", "幽深", "复苏",
        # rivers, lakes, seas and mountains before 南/北/西/东 (黄河南岸,
        # 长江西岸, 洞庭湖南, 沿海南部, 泰山东麓, 天山南北)
        "长江", "黄河", "珠江", "淮河", "运河", "银河", "江河", "大河", "山河",
        "湘江", "闽江", "漓江", "赣江", "汉江", "松花江", "嘉陵江", "钱塘江",
        "黄浦江", "青海湖", "洞庭湖", "鄱阳湖", "太湖", "西湖", "巢湖", "洪泽湖",
        "沿海", "近海", "渤海", "黄海", "东海", "南海", "出海口", "入海口",
        "泰山", "华山", "嵩山", "衡山", "庐山", "天山", "太行山", "燕山", "阴山",
        "祁连山", "昆仑山", "长白山", "大别山", "武夷山", "五大连池", "清凉山",
        # common words ending in a place name's first character (经济南部,
        # 推广东莞, 隆重庆祝, 祝福建党, 东西安全, 美丽江南, 确保定期, 公益阳光,
        # 建成都市圈)
        "经济", "推广", "隆重", "郑重", "祝福", "幸福", "造福", "东西", "美丽",
        "秀丽", "壮丽", "华丽", "确保", "担保", "环保", "公益", "建成", "形成",
        "变成", "构成", "组成",
    }
)

# Broad areas: a weak signal for each province they span.
AREA_TERMS: Mapping[str, tuple[str, ...]] = {
    "粤港澳大湾区": ("CN-GD", "CN-HK", "CN-MO"),
    "大湾区": ("CN-GD", "CN-HK", "CN-MO"),
    "珠三角": ("CN-GD",),
    "长三角": ("CN-SH", "CN-JS", "CN-ZJ", "CN-AH"),
}

# Fixed groups that count in full without any context.
GROUP_TERMS: Mapping[str, tuple[str, ...]] = {
    "京津冀": ("CN-BJ", "CN-TJ", "CN-HE"),
    "京津": ("CN-BJ", "CN-TJ"),
    "京沪": ("CN-BJ", "CN-SH"),
    "川渝": ("CN-SC", "CN-CQ"),
    "成渝": ("CN-SC", "CN-CQ"),
    "江浙沪": ("CN-JS", "CN-ZJ", "CN-SH"),
    "苏浙沪": ("CN-JS", "CN-ZJ", "CN-SH"),
    "沪苏浙": ("CN-SH", "CN-JS", "CN-ZJ"),
    "港澳台": ("CN-HK", "CN-MO", "CN-TW"),
    "台港澳": ("CN-TW", "CN-HK", "CN-MO"),
    "港台": ("CN-HK", "CN-TW"),
    "闽台": ("CN-FJ", "CN-TW"),
}

# One-character abbreviations that form pairs. Left out because the character
# is too common next to 港 or in other pairs: 吉 黑 甘 青 (港青 "HK youth")
# 宁 (also Nanjing) 新 (also Singapore) 藏 台, and the secondary 贵 (贵港 is a
# Guangxi city) 云 蜀 秦 陇 申.
_PAIR_EXCLUDED = frozenset("吉黑甘青宁新藏台")
PAIR_ABBREVIATIONS: Mapping[str, str] = {
    p.abbreviations[0]: p.code
    for p in PROVINCES
    if p.abbreviations[0] not in _PAIR_EXCLUDED | {"港", "澳"}
}
# City abbreviations, counted only right before 港 or 澳 (深港, 穗港, 珠澳).
CITY_ABBREVIATIONS: Mapping[str, str] = {
    "深": "深圳",
    "穗": "广州",
    "珠": "珠海",
    "蓉": "成都",
    "甬": "宁波",
    "榕": "福州",
}
# Words after a pair of mainland abbreviations that show it is a pair
# (鲁豫合作, 京冀协同); without one, 鲁豫 may be a person's name.
PAIR_CONTEXT: tuple[str, ...] = (
    "两地", "三地", "四地", "合作", "协作", "协同", "一体化", "联动", "携手",
    "交流", "对口", "共建", "经济圈", "城市群", "地区", "区域", "毗邻", "交界",
    "之间",
    # Innovation and technology, as Hong Kong names it: 港深创科园, 港深创新及科技园.
    "创科", "创新及科技",
)

# Institutions named after a place: the place name starts them. Universities
# and colleges may have words between (北京航空航天大学, 香港中文大学).
UNIVERSITY_WORDS: tuple[str, ...] = (
    "交通", "师范", "理工", "科技", "工业", "工程", "外国语", "第二外国语",
    "语言", "中医药", "医科", "医学", "财经", "经贸", "政法", "航空", "航天",
    "邮电", "电子", "农业", "林业", "体育", "音乐", "电影", "舞蹈", "美术",
    "戏剧", "中文", "城市", "浸会", "教育", "化工", "石油", "建筑", "海洋",
    "传媒", "工商", "开放", "职业", "技术", "艺术", "商学", "信息", "民族",
    "文理", "都会", "恒生", "树仁", "演艺", "公开", "科学", "广播", "女子",
    "高等",
)
UNIVERSITY_SUFFIXES: tuple[str, ...] = ("大学", "学院", "学校")
# Directly after the name: schools, parks, newspapers and broadcasters (a
# source attribution, not a topic), streets (many cities have a 北京路).
INSTITUTION_SUFFIXES: tuple[str, ...] = (
    "中学", "小学", "公园", "日报", "晚报", "商报", "卫视", "电视台",
    "阁", "宫", "殿", "寺", "庙",
)
STREET_PATTERN = r"[东西南北中]?(?:路|大街|大道|街(?!道)|巷)"


_PROVINCE_SHORT_NAMES = frozenset(p.short for p in PROVINCES)


def _city_terms(city: City) -> list[str]:
    """The strings that name ``city`` in text."""
    terms = {city.full}
    if city.full.endswith("自治州"):
        terms.add(city.name + "州")  # 延边州, 恩施州
    # 吉林 and 海南 alone are the provinces; 吉林市 and 海南州 the cities.
    if city.name not in RISKY_CITY_NAMES | _PROVINCE_SHORT_NAMES:
        terms.add(city.name)
    return sorted(terms)


def _province_terms(province: Province) -> list[str]:
    terms = {province.short, province.full}
    if province.full.endswith("特别行政区"):
        terms.add(province.short + "特区")
    if province.code == "CN-NM":
        terms.add("内蒙")
    if province.code == "CN-TW":
        terms.add("台湾地区")
    return sorted(terms)


def _build_terms() -> dict[str, _Term]:
    terms: dict[str, _Term] = {}
    for province in PROVINCES:
        for text in _province_terms(province):
            terms[text] = _Term(provinces=(province.code,))
    for city in CITIES:
        for text in _city_terms(city):
            terms[text] = _Term(provinces=(city.province_code,), cities=(city,))
    for text, codes in GROUP_TERMS.items():
        cities = (_CITY_BY_NAME["成都"],) if text.startswith("成") else ()
        terms[text] = _Term(provinces=codes, cities=cities, pair=True)
    for text, codes in AREA_TERMS.items():
        terms[text] = _Term(provinces=codes, weak=True)
    for text in BLOCKERS:
        terms[text] = _BLOCKED
    return terms


def _trie_pattern(words: Iterable[str], tails: Mapping[str, str], tail_seconds: str) -> str:
    """A regex for any of ``words`` (the longest wins) or, failing that, a tail.

    ``tails`` maps a first character to a regex for the rest of a match, which
    begins with one of ``tail_seconds``. The top level is one alternation whose
    branches each start with a literal character, in runs, each behind a
    lookahead for its first characters.
    """
    words = list(words)
    root: dict[str, dict] = {}
    for word in words:
        if len(word) < 2:
            raise ValueError(f"a term needs two characters at least: {word!r}")
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: dict[str, dict]) -> str:
        branches = [re.escape(ch) + render(ch_node) for ch, ch_node in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    top = []
    firsts = sorted(root.keys() | tails.keys())
    for char in firsts:
        rests = [render(root[char])] if char in root else []
        rests += [tails[char]] if char in tails else []
        rest = rests[0] if len(rests) == 1 else "(?:" + "|".join(rests) + ")"
        top.append(re.escape(char) + rest)
    # Measured: the engine does not skip by the branches' first characters on
    # its own, and tries some 300 branches one after another at each position.
    # A lookahead for all first characters passes quickly over positions that
    # start nothing (a third less time), and one per run of branches skips
    # whole runs (2.5 times less again; flat between runs of 32 and 80). Every
    # match has two characters at least, and a second character that can follow
    # a first one as well: a fifth of the positions of news text start with a
    # first character, but only 6 % with the two (the scan takes 45 % less time).
    groups = []
    for start in range(0, len(firsts), _BRANCH_RUN):
        run = slice(start, start + _BRANCH_RUN)
        groups.append(f"(?=[{''.join(map(re.escape, firsts[run]))}])(?:{'|'.join(top[run])})")
    seconds = sorted({word[1] for word in words} | set(tail_seconds))
    return f"(?=[{''.join(map(re.escape, firsts))}][{''.join(map(re.escape, seconds))}])(?:{'|'.join(groups)})"


_BRANCH_RUN = 48


def _pair_tails() -> dict[str, str]:
    """For each character that can start a pair, the regex for its rest (which begins with `_PAIR_CHARACTERS`).

    A pair is a run of abbreviations with 港 or 澳 in it, where a city
    abbreviation stands right before 港 or 澳 (深港, 港珠澳) or after them
    before a word such as 合作 (港深合作), or a run of mainland abbreviations
    followed by such a word (鲁豫合作).
    """
    provinces = "".join(PAIR_ABBREVIATIONS)
    cities = "".join(CITY_ABBREVIATIONS)
    unit = f"(?:[{provinces}港澳]|[{cities}](?=[港澳]))"
    before_hk_mo = f"(?:[{provinces}]|[{cities}](?=[港澳])){{0,3}}[港澳]{unit}{{0,4}}"
    context = "|".join(PAIR_CONTEXT)
    mainland = f"[{provinces}]{{1,3}}(?={context})"
    tails = {char: f"(?:{before_hk_mo}|{mainland})" for char in provinces}
    tails.update({char: f"[港澳]{unit}{{0,4}}" for char in cities})
    # A city after 港 only with a pair word (港深合作), never alone (在港深耕).
    tails.update({char: f"(?:{unit}{{1,4}}|[{cities}](?={context}))" for char in "港澳"})
    return tails


_HK_MO = {"港": "CN-HK", "澳": "CN-MO"}
_CITY_BY_NAME: dict[str, City] = {city.name: city for city in CITIES}
_CITY_BY_FULL: dict[str, City] = {city.full: city for city in CITIES}
_TERMS: dict[str, _Term] = _build_terms()
_INSTITUTION = "(?:{})*(?:{})|{}|{}".format(
    "|".join(sorted(UNIVERSITY_WORDS, key=len, reverse=True)),
    "|".join(UNIVERSITY_SUFFIXES),
    "|".join(sorted(INSTITUTION_SUFFIXES, key=len, reverse=True)),
    STREET_PATTERN,
)
_MARKET = "场"
# Group 1 is the term; group 2 what follows it, when that makes it something
# else (an institution, or 场 after a risky city name: 朝阳市场), else empty.
# The lookahead consumes nothing, so the next match may start right there.
_PAIR_CHARACTERS = "".join(PAIR_ABBREVIATIONS) + "".join(CITY_ABBREVIATIONS) + "".join(_HK_MO)
_PATTERN: re.Pattern[str] = re.compile(
    f"({_trie_pattern(_TERMS, _pair_tails(), _PAIR_CHARACTERS)})(?:(?=({_INSTITUTION}|{_MARKET}))|)"
)
_PROVINCE_BY_CODE: dict[str, Province] = {p.code: p for p in PROVINCES}


def _pair_term(text: str) -> _Term:
    """The regions an abbreviation pair such as 粤港澳 or 深港 names."""
    codes: list[str] = []
    cities: list[City] = []
    for index, char in enumerate(text):
        if char in _HK_MO:
            codes.append(_HK_MO[char])
        elif char in PAIR_ABBREVIATIONS:
            codes.append(PAIR_ABBREVIATIONS[char])
        elif text[index + 1 : index + 2] in _HK_MO or (index and text[index - 1] in _HK_MO):
            # Next to 港 or 澳: before them (深港), or after them where the pattern saw a pair word (港深合作).
            city = _CITY_BY_NAME[CITY_ABBREVIATIONS[char]]
            codes.append(city.province_code)
            cities.append(city)
    if len(codes) < 2:  # a lone abbreviation
        return _BLOCKED
    return _Term(provinces=tuple(dict.fromkeys(codes)), cities=tuple(cities), pair=True)


def _terms_in(texts: Sequence[str]) -> Iterable[tuple[_Term, int]]:
    """Each term that counts in ``texts``, with how often it occurs there."""
    # Counting the matches in C and judging each distinct one once is twice as
    # fast as judging every match: a long article has hundreds. No term, pair
    # word or institution holds a newline, so joining changes no match.
    matches = Counter(_PATTERN.findall("\n".join(texts)))
    for (text, follower), count in matches.items():
        term = _TERMS.get(text)
        if term is None:
            yield _pair_term(text), count
        elif term is _BLOCKED:
            continue
        elif term.weak:
            yield term, count
        elif follower and follower != _MARKET:
            continue  # 北京大学, 中山公园: an institution, not the place
        elif follower == _MARKET and term.cities and _is_risky(term):
            continue  # 朝阳市场 is a market at sunrise before it is Chaoyang
        else:
            yield term, count


def _is_risky(term: _Term) -> bool:
    return any(city.name in RISKY_CITY_NAMES for city in term.cities)


def _sections(
    title: str, paragraphs: Sequence[str]
) -> Iterable[tuple[Sequence[str], float]]:
    """Title, lead and body, each with its weight."""
    yield (title,), TITLE_WEIGHT
    yield paragraphs[:LEAD_PARAGRAPHS], LEAD_WEIGHT
    yield paragraphs[LEAD_PARAGRAPHS:], BODY_WEIGHT


def _damped(count: float) -> float:
    """Sublinear weight of ``count`` mentions in one section: 1 for one."""
    return math.log2(1.0 + count)


def _salient(scores: Mapping[str, float]) -> list[str]:
    """Keys ranked by score, only those above the relevance threshold."""
    if not scores:
        return []
    top = max(scores.values())
    floor = max(MIN_SCORE, top * RELATIVE_THRESHOLD)
    ranked = sorted(scores, key=lambda key: (-scores[key], key))
    return [key for key in ranked if scores[key] >= floor]


def detect_regions(title: str, paragraphs: Sequence[str]) -> RegionDetection:
    """Provinces and cities an article is about, ranked by salience.

    ``title`` and ``paragraphs`` must already be folded to simplified script
    and stripped of boilerplate.
    """
    province_scores: dict[str, float] = {}
    city_scores: dict[str, float] = {}
    for texts, weight in _sections(title, paragraphs):
        province_counts: dict[str, float] = {}
        city_counts: dict[str, float] = {}
        for term, count in _terms_in(texts):
            for code, value in term.weights():
                province_counts[code] = province_counts.get(code, 0.0) + value * count
            for city in term.cities:
                city_counts[city.full] = city_counts.get(city.full, 0.0) + count
        for scores, counts in (
            (province_scores, province_counts),
            (city_scores, city_counts),
        ):
            for key, count in counts.items():
                scores[key] = scores.get(key, 0.0) + weight * _damped(count)
    provinces = _salient(province_scores)
    cities = [_CITY_BY_FULL[full] for full in _salient(city_scores)]
    return RegionDetection(
        provinces=tuple(_PROVINCE_BY_CODE[code] for code in provinces),
        # a city goes with its province: 广州 named once in passing is not listed
        cities=tuple(city for city in cities if city.province_code in provinces),
        scores=MappingProxyType(province_scores),
    )
