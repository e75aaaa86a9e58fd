"""Parsing pages into articles: one small page per layout rule."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store.encoding import UnreadableArticle, decode_article_bytes
from store.parse import TITLE_MAX, parse_article

LEAD = "3月25日,鲁港科技创新合作交流对接会在青岛举行,双方签约14个合作项目,涉及生物医药、人工智能等领域。"
BODY = "青岛与香港,相距近2000公里,却有着很多相似的城市气质,同样依海而立,同为港口城市。"


def parse(text: str):
    return parse_article(text, article_id="t")


def test_title_then_header_with_date_source_and_editors() -> None:
    page = "“重慶造”硬核成果吸引國際目光\n2024-04-18 09:16:32來源:重慶日報編輯:付意菲責編:周利宏\n\n  原標題:重慶展團完成首秀\n\n  正文第一段,重慶展團在香港完成首秀。\n"
    a = parse(page)
    assert a.title == "“重慶造”硬核成果吸引國際目光"
    assert not a.title_derived
    assert (a.date, a.time) == (dt.date(2024, 4, 18), "09:16:32")
    assert a.source == "重慶日報"
    assert a.editors == ["付意菲", "周利宏"]
    assert a.paragraphs == ["正文第一段,重慶展團在香港完成首秀。"]


def test_masthead_and_repeated_title_before_an_editor_first_header() -> None:
    page = (
        "香港商報\n-- 天氣\n京港科技論壇在京舉行 共享協同發展\n\n京港科技論壇在京舉行 共享協同發展\n\n"
        "責任編輯:林梓琦 2023-05-30 10:26:26原創 來源:香港商報網\n\n    29日,論壇在京舉行。\n"
    )
    a = parse(page)
    assert a.title == "京港科技論壇在京舉行 共享協同發展"
    assert (a.date, a.time) == (dt.date(2023, 5, 30), "10:26:26")
    assert a.source == "香港商報網"
    assert a.editors == ["林梓琦"]
    assert a.paragraphs == ["29日,論壇在京舉行。"]


def test_header_with_spaces_and_author() -> None:
    a = parse("鲁港“牵手”合作\n\n2024-03-27 08:33:32 来源: 大众网 作者: 高瑞嵩\n\n" + LEAD)
    assert (a.date, a.source, a.authors) == (dt.date(2024, 3, 27), "大众网", ["高瑞嵩"])


def test_publish_time_label() -> None:
    a = parse("标题在这里啊\n发布时间:2024年05月20日 来源:新华网\n" + BODY)
    assert (a.date, a.source) == (dt.date(2024, 5, 20), "新华网")


def test_slash_date() -> None:
    assert parse("标题在这里啊\n2024/05/20\n" + BODY).date == dt.date(2024, 5, 20)


def test_byline_line_gives_author_and_is_dropped() -> None:
    a = parse("标题在这里啊\n2024-03-27 来源:大众网\n大众网记者 高瑞嵩 青岛报道\n" + BODY)
    assert a.authors == ["高瑞嵩"]
    assert a.paragraphs == [BODY]


def test_parenthesised_reporter_is_kept_in_text_and_credited() -> None:
    last = "重慶也有很多創科成果。(記者 張亦築)"
    a = parse("标题在这里啊\n2024-04-18 來源:重慶日報\n" + BODY + "\n" + last)
    assert a.paragraphs[-1] == last
    assert "張亦築" in a.authors


def test_byline_with_outlet_gives_source_when_header_has_none() -> None:
    last = "该活动影响力越来越大。(湖北日报全媒记者 文俊 通讯员姜胜来、雷灿 实习生杜昀翀)"
    a = parse(LEAD + "\n" + last)
    assert a.source == "湖北日报"
    assert a.authors == ["文俊"]


def test_date_range_in_the_lead_without_title() -> None:
    lead = "2024年10月31日-11月1日,圍繞中山市第三屆企業(yè)家日主題,中山市南區街道率隊赴香港開展考察交流活動。"
    a = parse(lead + "\n" + BODY)
    assert (a.date, a.date_end) == (dt.date(2024, 10, 31), dt.date(2024, 11, 1))
    assert a.title_derived
    assert 0 < len(a.title) <= TITLE_MAX
    assert "(yè)" not in a.title and "企業家" in a.paragraphs[0]


def test_year_less_date_takes_year_from_its_paragraph() -> None:
    quote = "“湖北国际技术交流会已成为国际合作的典范平台。”韩国代表感慨不已。"
    lead = "7月3日,由湖北省科技厅主办的2025湖北国际技术交流会在武汉开幕。"
    a = parse(quote + "\n" + lead + "\n自2017年首届活动成功举办以来,活动影响力越来越大。")
    assert a.date == dt.date(2025, 7, 3)
    assert a.date_derived
    assert a.title_derived
    assert a.title == "2025湖北国际技术交流会在武汉开幕"


def test_derived_title_skips_a_date_inside_an_opening_quotation_mark() -> None:
    quoted = "“12月31日，京港专业服务合作交流会在北京举行，来自两地的92家企业和机构代表参加。”袁德说。"
    a = parse(quoted + "\n" + BODY)
    assert a.title_derived
    assert a.title == "京港专业服务合作交流会在北京举行"


def test_derived_title_skips_a_second_date() -> None:
    lead = "2015年11月20日-21日，11月20日，瓊澳現代農業合作交流會在萬寧舉行，來自兩地的企業代表參加。"
    a = parse(lead + "\n" + BODY)
    assert (a.title, a.title_derived) == ("瓊澳現代農業合作交流會在萬寧舉行", True)


@pytest.mark.parametrize(
    ("lead", "title"),
    [
        ("11月2日，湖北日报记者从青年创业联合会获悉，四川首个新能源汽车创新中心正式揭牌启用。", "四川首个新能源汽车创新中心正式揭牌启用"),
        ("2017年4月3日，香港城市大學相關負責人表示，下一步將推動更多成果在煙台轉化落地。", "下一步將推動更多成果在煙台轉化落地"),
        ("2022年1月16日，業內人士認爲，遼港合作正從單一的貿易往來走向全方位協同。", "遼港合作正從單一的貿易往來走向全方位協同"),
        ("2021年9月4日，韓勝磊告訴記者，展會期間已與72家海外客戶達成合作意向。", "展會期間已與72家海外客戶達成合作意向"),
        ("2015年11月1日，截至2015年底，雲南省港資企業數量達到9878家。", "雲南省港資企業數量達到9878家"),
        ("2016年6月14日，2015年以來，大理累計引進港資項目53個。", "大理累計引進港資項目53個"),
        ("2020年10月23日，2022年9月，上海與香港全面合作線上交流會舉行。", "上海與香港全面合作線上交流會舉行"),
        ("2016年9月21日，作爲香港的創科盛事，兩大展覽共吸引約8.8萬名買家。", "兩大展覽共吸引約8.8萬名買家"),
        ("2023年5月1日，爲期4天的第二屆創科展在香港會議展覽中心閉幕。", "第二屆創科展在香港會議展覽中心閉幕"),
    ],
)
def test_derived_title_skips_clauses_that_attribute_the_news_or_only_set_its_time_or_scene(lead: str, title: str) -> None:
    a = parse(lead + "\n" + BODY)
    assert (a.title, a.title_derived) == (title, True)


def test_derived_title_keeps_an_attribution_clause_when_nothing_else_is_long_enough() -> None:
    a = parse("香港城市大學相關負責人表示，會好。\n" + BODY)
    assert a.title == "香港城市大學相關負責人表示"


def test_year_less_date_with_year_elsewhere_takes_the_latest() -> None:
    a = parse("7月3日,交流会在武汉开幕。\n自2017年以来已举办九届,2024年规模最大。")
    assert a.date == dt.date(2024, 7, 3)


def test_year_less_date_takes_the_year_of_the_files_folder_before_years_in_the_text() -> None:
    page = "交流会开幕\n7月3日,交流会在武汉开幕。\n自2017年以来已举办九届,2024年规模最大。"
    a = parse_article(page, article_id="2015/07/wh", path_year=2015)
    assert (a.date, a.date_derived) == (dt.date(2015, 7, 3), True)
    stated = parse_article("交流会开幕\n2021年7月3日\n" + BODY, article_id="2015/07/wh", path_year=2015)
    assert (stated.date, stated.date_derived) == (dt.date(2021, 7, 3), False)  # a stated year wins


def test_print_footer_gives_date_and_source() -> None:
    a = parse("标题在这里啊\n" + BODY + "\n《人民日报》(2025年11月20日第10页)")
    assert (a.date, a.source) == (dt.date(2025, 11, 20), "人民日报")
    assert a.paragraphs == [BODY]


def test_no_date_at_all() -> None:
    a = parse("标题在这里啊\n" + BODY)
    assert a.date is None and a.time is None


def test_related_reading_list_dropped() -> None:
    a = parse(
        "标题在这里啊\n2024-03-27 来源:大众网\n"
        + BODY
        + "\n责任编辑:王磊\n推荐阅读\n  • 山东水环境质量连续17年持续改善\n  河南、河北等地高温。\n06-06 09:46中央气象台"
    )
    assert a.paragraphs == [BODY]
    assert a.editors == ["王磊"]


def test_copyright_block_without_heading_dropped() -> None:
    a = parse(
        "标题在这里啊\n2024-03-27 来源:大众网\n"
        + BODY
        + "\n1、“某某在线”由某某电台主办。经授权,独家负责网站的市场经营。"
        "\n2、凡本网注明“来源:某某在线”的所有信息内容,未经书面授权,不得转载。"
        "\n国际在线重庆频道联系方式   电话/传真:023-68386677"
    )
    assert a.paragraphs == [BODY]


def test_image_name_and_caption_dropped_subheading_kept() -> None:
    a = parse(
        "标题在这里啊\n2023-05-30 来源:香港商报网\n"
        + BODY
        + "\n20230529_1.jpg\n北京市科委副主任张宇蕾为论坛致辞\n两地科创合作迈上新台阶\n"
        + LEAD
        + "\n頂圖:第六屆創業大賽獲獎項目\n◆編輯:龍慧◆二審:陳吉春"
    )
    assert a.paragraphs == [BODY, "两地科创合作迈上新台阶", LEAD]
    assert a.editors == ["龍慧", "陳吉春"]


def test_tail_masthead_fragments_dropped() -> None:
    a = parse("标题在这里啊\n2023-05-30 来源:香港商报网\n" + BODY + "\n香港商報PDF\n股市\n友情鏈接\n承印人:香港商報")
    assert a.paragraphs == [BODY]


def test_share_prompt_dropped() -> None:
    a = parse("标题在这里啊\n2023-05-30\n分享到:微信 微博\n" + BODY)
    assert a.paragraphs == [BODY]


def test_front_matter_wins_over_detection() -> None:
    page = "---\ntitle: 前言标题\ndate: 2020-01-02\nsource: 前言来源\nregions: [CN-SH]\nauthors: [张三]\n---\n正文标题\n2024-03-27 来源:大众网\n" + BODY
    a = parse(page)
    assert (a.title, a.date, a.source, a.authors) == ("前言标题", dt.date(2020, 1, 2), "前言来源", ["张三"])
    assert [r.code for r in a.regions] == ["CN-SH"]


def test_markdown_heading_is_the_title() -> None:
    a = parse("# 鲁港合作新进展\n\n" + BODY)
    assert (a.title, a.title_derived, a.paragraphs) == ("鲁港合作新进展", False, [BODY])


def test_markup_like_text_is_kept_verbatim() -> None:
    a = parse("标题[/]在这里\n2024-01-01\n正文含有[/bold]和[red]方括号。")
    assert a.title == "标题[/]在这里"
    assert a.paragraphs == ["正文含有[/bold]和[red]方括号。"]


def test_script_detection() -> None:
    assert parse("重慶造硬核成果吸引國際目光\n" + "香港會議展覽中心閉幕,吸引了眾多國際目光。").script == "traditional"
    assert parse("标题在这里啊\n" + BODY).script == "simplified"


def test_regions_in_article_script() -> None:
    a = parse("渝港合作新篇章\n2024-04-18 來源:重慶日報\n重慶展團在香港會議展覽中心完成首秀,吸引國際目光。")
    codes = [r.code for r in a.regions]
    assert codes[:2] == ["CN-CQ", "CN-HK"]
    assert a.regions[0].name == "重慶" and a.regions[0].name_en == "Chongqing"


def test_regions_ignore_related_reading() -> None:
    a = parse(
        "鲁港合作新进展\n2024-03-27 来源:大众网\n" + LEAD + "\n" + BODY
        + "\n推荐阅读\n河南、河北、山西、陕西、湖北、安徽等地高温。"
    )
    assert {r.code for r in a.regions} == {"CN-SD", "CN-HK"}


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_parsing_any_text_never_raises(text: str) -> None:
    article = parse(text)
    assert isinstance(article.title, str)
    assert all(p.strip() for p in article.paragraphs)


@settings(max_examples=300, deadline=None)
@given(st.binary())
def test_reading_any_bytes_never_raises_anything_but_unreadable(data: bytes) -> None:
    try:
        decoded = decode_article_bytes(data)
    except UnreadableArticle:
        return
    assert isinstance(parse(decoded.text).paragraphs, list)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["标题", "2024-03-27", "来源:", "记者", "(yè)", "\n", "推荐阅读", "7月3日", "《人民日报》(", "---\n", "# ", "版权"]), max_size=40))
def test_parsing_news_like_fragments_never_raises(parts: list[str]) -> None:
    parse("".join(parts))


def test_editor_stamp_after_page_controls() -> None:
    a = parse("标题在这里啊\n2024年12月18日 18:30 来源：新华网\n" + BODY + "\n【纠错】 【责任编辑:王晓】")
    assert a.editors == ["王晓"]
    assert a.paragraphs == [BODY]
    assert a.time == "18:30:00"


def test_spaced_print_footer_and_font_size_control() -> None:
    last = "截至5月底，广州南沙、深圳前海三大平台累计注册港资企业超过1万家。"
    a = parse("人民网>>港澳>>正文\n标题在这里啊\n小字号\n" + BODY + "\n" + last + "\n《 人民日报 》（ 2024年06月12日 01 版）\n(责编：李昉、陈键)\n分享让更多人看到")
    assert a.title == "标题在这里啊"
    assert (a.date, a.source) == (dt.date(2024, 6, 12), "人民日报")
    assert a.paragraphs == [BODY, last]
    assert a.editors == ["李昉", "陈键"]


def test_outlet_named_in_the_lead() -> None:
    assert parse("滬港合作再上新台階\n2024年5月20日（星期一）\n【明報專訊】上海市與香港特區政府昨日簽署合作協議。").source == "明報"
    assert parse("标题在这里啊\n新华社北京12月18日电 国家主席18日下午会见了来京述职的行政长官。").source == "新华社"


def test_a_short_article_keeps_its_body_above_a_source_line_at_the_foot() -> None:
    lead = "新华社福州3月8日电（记者赵六）闽港经贸合作活动周8日在福州开幕。"
    a = parse(f"闽港经贸合作活动周开幕\n{lead}\n福建省与香港企业签约项目50个。\n来源：新华社\n编辑：孙七")
    assert a.paragraphs == [lead, "福建省与香港企业签约项目50个。"]
    assert (a.title, a.source, a.authors, a.editors) == ("闽港经贸合作活动周开幕", "新华社", ["赵六"], ["孙七"])


def test_source_line_at_the_foot_names_the_source() -> None:
    assert parse("标题在这里啊\n" + LEAD + "\n" + BODY + "\n【來源：大公報】").source == "大公報"


def test_caption_with_a_colon_and_a_photo_credit_are_dropped() -> None:
    page = f"标题在这里啊\n{LEAD}\n图：会议现场。新华社记者 李四 摄\n{BODY}\n签约仪式现场（受访者供图）"
    assert parse(page).paragraphs == [LEAD, BODY]


def test_editor_stamp_and_source_below_a_related_reading_list_are_still_read() -> None:
    page = f"标题在这里啊\n{LEAD}\n相关阅读:\n浙江杭州:数字经济再上新台阶\n(责任编辑:赵六)\n来源：南方网"
    a = parse(page)
    assert (a.paragraphs, a.editors, a.source) == ([LEAD], ["赵六"], "南方网")


def test_outlet_and_reporter_in_a_line_above_the_title() -> None:
    page = "【大公報訊】記者陳小明報道:\n滬港金融合作論壇昨日在上海舉行\n2023年9月5日 08:30\n滬港兩地代表出席論壇。"
    a = parse(page)
    assert (a.title, a.source, a.authors) == ("滬港金融合作論壇昨日在上海舉行", "大公報", ["陳小明"])
    assert a.paragraphs == ["滬港兩地代表出席論壇。"]


def test_reporter_named_after_the_outlet_in_the_lead() -> None:
    a = parse("滬港合作再上新台階\n【明報專訊】記者陳小明報道：上海市與香港特區政府昨日簽署合作協議。")
    assert (a.source, a.authors) == ("明報", ["陳小明"])


def test_markdown_quote_markers_and_a_reprint_statement() -> None:
    a = parse(f"# 深港合作区建设提速\n\n> 本文转载自深圳特区报\n\n{LEAD}\n\n> {BODY}\n")
    assert (a.title, a.source, a.paragraphs) == ("深港合作区建设提速", "深圳特区报", [LEAD, BODY])


def test_labelled_source_line_with_a_prefix() -> None:
    assert parse(f"标题在这里啊\n{LEAD}\n本文来源：深圳特区报").source == "深圳特区报"


def test_title_below_a_date_line() -> None:
    a = parse(f"2024年5月20日 星期一\n蒙港合作推介会在呼和浩特举行\n{LEAD}\n{BODY}")
    assert (a.title, a.title_derived, a.date) == ("蒙港合作推介会在呼和浩特举行", False, dt.date(2024, 5, 20))
    assert a.paragraphs == [LEAD, BODY]


def test_a_bracketed_byline_on_its_own_line_is_read_and_dropped() -> None:
    a = parse(f"标题在这里啊\n{LEAD}\n{BODY}\n（本报记者 李二）")
    assert (a.paragraphs, a.authors) == ([LEAD, BODY], ["李二"])


def test_previous_and_next_article_links_are_dropped() -> None:
    a = parse(f"标题在这里啊\n{LEAD}\n上一篇：新疆举办冬季旅游推介会\n下一篇：喀什经济开发区招商引资成果丰硕")
    assert a.paragraphs == [LEAD]
    assert a.cities == ["青岛"]


def test_agency_dateline_in_traditional() -> None:
    assert parse("臺港文化交流活動舉行\n中央社記者王小明台北3日電 兩岸文化交流活動今天舉行。").source == "中央社"


def test_labelled_fields_at_the_foot_are_read_and_dropped() -> None:
    a = parse(f"标题在这里啊\n{LEAD}\n{BODY}\n本文来源：山西日报 作者：刘一 责任编辑：陈二")
    assert (a.paragraphs, a.source, a.authors, a.editors) == ([LEAD, BODY], "山西日报", ["刘一"], ["陈二"])


def test_a_bare_date_at_the_foot_dates_the_article() -> None:
    a = parse(f"港澳攜手推動旅遊業復甦\n{BODY}\n（香港商報記者 張三）\n2023年3月15日")
    assert (a.date, a.date_derived, a.paragraphs, a.authors) == (dt.date(2023, 3, 15), False, [BODY], ["張三"])


def test_column_tag_before_the_title_is_dropped() -> None:
    assert parse(f"【独家】晋港签署新能源合作协议！\n发布时间：2024-05-20 来源：山西新闻网\n{LEAD}").title == "晋港签署新能源合作协议！"
    assert parse("---\ntitle: 【独家】原样\n---\n" + LEAD).title == "【独家】原样"


def test_editors_note_above_the_title_stays_in_the_text() -> None:
    note = "【編者按】澳門與香港的合作日益緊密，本報推出系列報道。"
    a = parse(f"{note}\n港澳攜手推動旅遊業復甦\n{BODY}")
    assert (a.title, a.title_derived, a.paragraphs) == ("港澳攜手推動旅遊業復甦", False, [note, BODY])


def test_read_more_prompts_are_dropped() -> None:
    assert parse(f"标题在这里啊\n{LEAD}\n返回搜狐，查看更多\n阅读原文").paragraphs == [LEAD]


def test_a_labelled_title_line() -> None:
    a = parse("标题：沪港合作\n日期：2024-01-05\n\n正文第一段，上海与香港。")
    assert (a.title, a.date, a.paragraphs) == ("沪港合作", dt.date(2024, 1, 5), ["正文第一段，上海与香港。"])


def test_outlet_tag_in_round_brackets() -> None:
    assert parse("港深合作推動創科發展\n（香港商報訊）港深兩地政府昨日舉行會議。").source == "香港商報"


@pytest.mark.parametrize(
    ("head", "title"),
    [
        ("香港新闻\n2025年1月2日 来源：新华社\n", "香港新闻"),
        ("新的标题\n2025年1月2日\n", "新的标题"),
        ("首页\n新的标题\n", "新的标题"),  # no header: below the site's chrome
    ],
)
def test_a_four_character_title_is_the_title_when_nothing_else_can_be(head: str, title: str) -> None:
    a = parse(head + BODY)
    assert (a.title, a.title_derived, a.paragraphs) == (title, False, [BODY])


def test_a_four_character_menu_item_gives_way_to_a_longer_title() -> None:
    a = parse("国际新闻\n2025年1月2日\n中国与东盟签署新协议\n" + BODY)
    assert (a.title, a.paragraphs) == ("中国与东盟签署新协议", [BODY])
    a = parse("国际新闻\n中国与东盟签署新协议\n2025年1月2日\n" + BODY)
    assert (a.title, a.paragraphs) == ("中国与东盟签署新协议", [BODY])
    a = parse("首页 > 新闻\n2025年1月2日\n" + BODY)  # breadcrumbs are never a title
    assert a.title_derived
