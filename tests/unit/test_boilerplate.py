"""Each kind of boilerplate line is recognised; article sentences are not."""

from __future__ import annotations

import pytest

from store import boilerplate as bp
from store.converter_pinyin import strip_converter_pinyin

BODY = [
    "4月16日,為期4天的第二屆香港國際創科展在香港會議展覽中心閉幕。",
    "参展期间,企业代表还前往香港数码港进行参观访问。",
    "參加展會收穫了什麼",
]


@pytest.mark.parametrize("line", ["20230529_1.jpg", "IMG_0042.JPEG", "photo-1.png"])
def test_image_names(line: str) -> None:
    assert bp.is_image_name(line)


@pytest.mark.parametrize("line", ["推荐阅读", "【相關新聞】", "延伸阅读:", "友情鏈接", "热门推荐"])
def test_related_headings(line: str) -> None:
    assert bp.is_related_heading(line)


@pytest.mark.parametrize(
    "line",
    [
        "香港商報有限公司版權所有,未經授權,不得複製或轉載。 Copyright © All Rights Reserved",
        "凡本網註明“來源:XXX”的作品,均轉載自其它媒體。",
        "版权声明:本文为原创",
    ],
)
def test_copyright(line: str) -> None:
    assert bp.is_copyright(line)


def test_legal_tail_weak_words() -> None:
    assert bp.is_legal_tail("1、“国际在线”由中国国际广播电台主办。经授权,独家负责网站的市场经营。")
    assert not bp.is_copyright("1、“国际在线”由中国国际广播电台主办。经授权,独家负责网站的市场经营。")


@pytest.mark.parametrize(
    "line",
    [
        "電話:(香港)852-2564 0768",
        "投稿郵箱:cq@cri.cn",
        "地址:香港九龍觀塘道332號",
        "國際在線重慶頻道聯繫方式   電話/傳真:023-68386677",
    ],
)
def test_contact(line: str) -> None:
    assert bp.is_contact(line)


@pytest.mark.parametrize("line", ["分享到:微信 微博", "【字体:大 中 小】", "打印本页 关闭窗口"])
def test_share_prompts(line: str) -> None:
    assert bp.is_share_prompt(line)


@pytest.mark.parametrize("line", ["-- 天氣", "香港商報PDF", "当前位置:首页 > 新闻", "股市"])
def test_masthead(line: str) -> None:
    assert bp.is_masthead(line)


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("◆編輯:龍慧◆二審:陳吉春◆三審:周亞平", ["龍慧", "陳吉春", "周亞平"]),
        ("初审编辑:王秀洁", ["王秀洁"]),
        ("责任编辑:王磊", ["王磊"]),
        ("（責任編輯：張三、李四）", ["張三", "李四"]),
        ("責任編輯:林梓琦 京港科技國際創新論壇在京舉行", ["林梓琦"]),
    ],
)
def test_editor_stamps(line: str, names: list[str]) -> None:
    assert bp.editor_stamp_names(line) == names


def test_editor_names_in_a_header() -> None:
    assert bp.editor_names("2024-04-18 09:16:32來源:重慶日報編輯:付意菲責編:周利宏") == ["付意菲", "周利宏"]


@pytest.mark.parametrize("line", BODY)
def test_article_lines_are_not_boilerplate(line: str) -> None:
    assert not bp.is_image_name(line)
    assert not bp.is_related_heading(line)
    assert not bp.is_copyright(line)
    assert not bp.is_contact(line)
    assert not bp.is_share_prompt(line)
    assert bp.editor_stamp_names(line) is None


def test_editor_sentence_is_not_a_stamp() -> None:
    assert bp.editor_stamp_names("编辑:这是一句完整的正文，说明编辑部的工作安排。") is None


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("企業(yè)家", "企業家"),
        ("發(fā)展規(guī)劃", "發展規劃"),
        ("南區（qū）街道", "南區街道"),
        ("重慶三峽電纜(集團)有限公司", "重慶三峽電纜(集團)有限公司"),
        ("(記者 張亦築)", "(記者 張亦築)"),
        ("人工智能(AI)", "人工智能(AI)"),
        ("李(Li)先生", "李(Li)先生"),
        ("好(xyz)", "好(xyz)"),
        ("重(zhong)要", "重要"),
        ("企業(yè)(yè)", "企業(yè)"),  # the second reads no character
        ("(yè)業", "(yè)業"),
        ("發(fā)展\n企業(yè)", "發展\n企業"),
    ],
)
def test_converter_pinyin_removed_real_parentheses_kept(raw: str, clean: str) -> None:
    assert strip_converter_pinyin(raw) == clean


def test_pinyin_of_another_character_is_kept() -> None:
    # (mā) is not a reading of 好: a real parenthesis, not converter noise.
    assert strip_converter_pinyin("好(mā)") == "好(mā)"
