"""Recognising lines of a news page that are not the article.

Each predicate looks at one stripped line. They are deliberately about the
*kind* of line (copyright notice, related-reading heading, contact line, image
file name, editor stamp) and never about a particular site.
"""

from __future__ import annotations

import re

_SENTENCE_END = "。！？!?…」”』"

_IMAGE_NAME = re.compile(r"^[\w\-. ()（）]{1,80}\.(?:jpe?g|png|gif|webp|bmp|tiff?)$", re.I)
_CAPTION_PREFIX = re.compile(
    r"^[（(]?(?:頂圖|顶图|題圖|题图|圖片來源|图片来源|圖片來自|图片来自|攝影|摄影|圖/|图/|圖\s*[:：]|图\s*[:：]|圖為|图为)\s*[:：/]?"
)
# A photo credit closing a caption: 新华社记者 李四 摄, 受访者供图.
_PHOTO_CREDIT = re.compile(r"(?:摄|攝|摄影|攝影|供图|供圖|拍摄|拍攝)\s*[)）]?$")
_RELATED_HEADING = re.compile(
    r"^[\s【\[（(<《-]*(?:推荐阅读|推薦閱讀|相关阅读|相關閱讀|相关新闻|相關新聞|相关报道|相關報道|延伸阅读|延伸閱讀"
    r"|热门推荐|熱門推薦|猜你喜欢|猜你喜歡|更多精彩|热点新闻|熱點新聞|精彩推荐|精彩推薦|往期回顾|往期回顧"
    r"|友情链接|友情鏈接|相关链接|相關鏈接|热门文章|熱門文章|最新新闻|最新新聞|今日推荐|今日推薦)"
    r"[\s】\]）)>》:：-]*$"
)
_COPYRIGHT_STRONG = re.compile(
    r"版权|版權|©|Copyright|All Rights Reserved|不得转载|不得轉載|未经授权|未經授權|未经书面授权|未經書面授權"
    r"|本网注明|本網註明|转载自|轉載自|侵权|侵權|法律责任|法律責任|授权书|授權書|被授权人|被授權人|免责声明|免責聲明",
    re.I,
)
# Words that mark a line as legal/site text only when it sits in a block of such lines at the end.
_LEGAL_WEAK = re.compile(r"授权|授權|本网|本網|本站|网站|網站|转载|轉載|声明|聲明|主办|主辦")
_CONTACT = re.compile(
    r"電話|电话|傳真|传真|郵箱|邮箱|投稿|热线|熱線|聯繫方式|联系方式|聯絡我們|联络我们|联系我们|聯繫我們"
    r"|^地址\s*[:：]|E-?mail|[\w.+-]+@[\w-]+\.[\w.]+|\d{3,4}-\d{7,8}|\d{3}-\d{4}\s?\d{4}",
    re.I,
)
_SHARE = re.compile(
    r"分享到|分享至|扫一扫|掃一掃|微信扫|微信掃|打印本页|打印本頁|关闭窗口|關閉窗口|【字体|【字體|字号[:：]|字號[:：]"
    r"|收藏本文|返回顶部|返回頂部|点击进入|點擊進入|下载客户端|下載客戶端|^【?纠错】?$|^【?糾錯】?$"
    r"|^[大中小]字号$|^[大中小]字號$|分享让更多人看到|分享讓更多人看到"
    r"|查看更多|阅读原文|閱讀原文|阅读全文|閱讀全文|^返回(?:首页|首頁|列表|搜狐|网易|網易|频道|頻道)"
    r"|^(?:上一篇|下一篇|上一條|下一條|上一条|下一条|上一頁|下一頁|上一页|下一页)\s*[:：]?"
)
_MASTHEAD = re.compile(
    r"天气|天氣|PDF|首页|首頁|登录|登錄|注册|註冊|客户端|客戶端|当前位置|當前位置|您的位置|電子報|电子报|^--|^\|"
    r"|>>|»|＞|\s>\s",  # breadcrumbs: 人民网>>港澳>>正文
    re.I
)
_EDITOR_LABEL = (
    r"责任编辑|責任編輯|初审编辑|初審編輯|复审编辑|複審編輯|终审编辑|終審編輯|本文编辑|本文編輯|网络编辑|網絡編輯"
    r"|编辑|編輯|责编|責編|一审|一審|二审|二審|三审|三審|初审|初審|复审|複審|终审|終審|审核|審核|校对|校對"
    r"|主编|主編|监制|監製|签发|簽發|值班编辑|值班編輯|美编|美編"
)
# A stamp may follow short bracketed page controls on the same line: 【纠错】 【责任编辑:王晓】.
_EDITOR_STAMP = re.compile(r"^(?:[【\[][^】\]]{1,6}[】\]]\s*)*[\s◆●■\[【(（]*(?:" + _EDITOR_LABEL + r")\s*[:：]")
_EDITOR_FIELD = re.compile(
    r"(?:" + _EDITOR_LABEL + r")\s*[:：]\s*((?:(?!(?:" + _EDITOR_LABEL + r")\s*[:：])[^\s◆●■\]】)）:：|｜])+)"
)
_NAME_SPLIT = re.compile(r"[\s、,，/／;；]+")


def is_image_name(line: str) -> bool:
    """An image file name on its own line, such as ``20230529_1.jpg``."""
    # The dot of the extension stands within the last five characters; most lines
    # have none there, and the pattern backtracks through 80 characters to see that.
    return "." in line[-5:] and bool(_IMAGE_NAME.match(line))


def is_caption_line(line: str) -> bool:
    """A line that labels a picture (頂圖:…, 图片来源:…, 图：… 记者 李四 摄)."""
    return bool(_CAPTION_PREFIX.match(line)) or (len(line) <= 60 and bool(_PHOTO_CREDIT.search(line)))


def is_related_heading(line: str) -> bool:
    """The heading of a recommended/related reading list or link block."""
    return len(line) <= 20 and bool(_RELATED_HEADING.match(line))


def is_copyright(line: str) -> bool:
    """A copyright or licensing statement."""
    return bool(_COPYRIGHT_STRONG.search(line))


def is_legal_tail(line: str) -> bool:
    """A line that belongs to a site's legal block when it stands among them at the end."""
    return is_copyright(line) or bool(_LEGAL_WEAK.search(line))


def is_contact(line: str) -> bool:
    """A contact line: phone, fax, e-mail, address, submission hotline."""
    return len(line) <= 120 and bool(_CONTACT.search(line))


def is_share_prompt(line: str) -> bool:
    """Share, print, font-size and similar page controls."""
    return len(line) <= 60 and bool(_SHARE.search(line))


def is_masthead(line: str) -> bool:
    """Site chrome (`is_site_chrome`), or a line of four characters or fewer: a menu item such as 国际新闻."""
    return is_site_chrome(line) or is_short_fragment(line, limit=4)


def is_site_chrome(line: str) -> bool:
    """Weather or PDF links, log-in prompts, breadcrumbs: never a title, however short."""
    return len(line) <= 24 and not ends_sentence(line) and bool(_MASTHEAD.search(line))


def is_short_fragment(line: str, limit: int = 8) -> bool:
    """A very short line with no sentence punctuation (a menu item, a link label)."""
    return len(line) <= limit and not any(ch in _SENTENCE_END for ch in line)


def editor_stamp_names(line: str) -> list[str] | None:
    """If the line is an editor stamp (责任编辑:王磊, ◆編輯:龍慧◆二審:…), the names in it."""
    if len(line) > 100 or line.endswith("。") or not _EDITOR_STAMP.match(line):
        return None
    return editor_names(line)


def editor_names(text: str) -> list[str]:
    """Names following editor labels anywhere in ``text``."""
    names: list[str] = []
    for value in _EDITOR_FIELD.findall(text):
        names.extend(n for n in _NAME_SPLIT.split(value) if n)
    return names


def ends_sentence(line: str) -> bool:
    return bool(line) and line[-1] in _SENTENCE_END
