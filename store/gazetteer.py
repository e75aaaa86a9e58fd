"""Gazetteer of China's province-level divisions and prefecture-level cities.

Pure data and O(1) lookups, no I/O. Codes are ISO 3166-2:CN (CN-HK, CN-MO and
CN-TW for Hong Kong, Macau and Taiwan). Chinese names are given in simplified
script and in Hong Kong standard traditional forms, written out by hand:
converters get place names wrong (沈阳 is 瀋陽, 新余 is 新餘, 温州 is 溫州).

``CITIES`` holds every prefecture-level division (333: cities, prefectures,
autonomous prefectures and leagues) and, beyond those, divisions that news
names on their own and that belong to exactly one province, so that a mention
places the article as surely as a prefecture would: the county-level cities
that provinces administer directly (no prefecture sits above them, e.g. 琼海
for the Boao forum, 文昌 for the launch site), the Xiong'an New Area, and
Taiwan's six special municipalities.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Province:
    """A province-level division: province, region, municipality or SAR."""

    code: str  # ISO 3166-2:CN, e.g. "CN-CQ"
    name_en: str  # "Chongqing"
    short: str  # simplified short name, "重庆"
    full: str  # simplified full name, "重庆市"
    short_traditional: str  # "重慶"
    full_traditional: str  # "重慶市"
    abbreviations: tuple[str, ...]  # one-character abbreviations, main first


@dataclass(frozen=True)
class City:
    """A prefecture-level division (or a city administered like one)."""

    name: str  # simplified short name, "青岛"
    full: str  # simplified full name, "青岛市", "延边朝鲜族自治州"
    name_traditional: str  # "青島"
    province_code: str  # "CN-SD"


PROVINCES: tuple[Province, ...] = (
    Province("CN-BJ", "Beijing", "北京", "北京市", "北京", "北京市", ("京",)),
    Province("CN-TJ", "Tianjin", "天津", "天津市", "天津", "天津市", ("津",)),
    Province("CN-HE", "Hebei", "河北", "河北省", "河北", "河北省", ("冀",)),
    Province("CN-SX", "Shanxi", "山西", "山西省", "山西", "山西省", ("晋",)),
    Province(
        "CN-NM", "Inner Mongolia", "内蒙古", "内蒙古自治区", "內蒙古", "內蒙古自治區", ("蒙",)
    ),
    Province("CN-LN", "Liaoning", "辽宁", "辽宁省", "遼寧", "遼寧省", ("辽",)),
    Province("CN-JL", "Jilin", "吉林", "吉林省", "吉林", "吉林省", ("吉",)),
    Province("CN-HL", "Heilongjiang", "黑龙江", "黑龙江省", "黑龍江", "黑龍江省", ("黑",)),
    Province("CN-SH", "Shanghai", "上海", "上海市", "上海", "上海市", ("沪", "申")),
    Province("CN-JS", "Jiangsu", "江苏", "江苏省", "江蘇", "江蘇省", ("苏",)),
    Province("CN-ZJ", "Zhejiang", "浙江", "浙江省", "浙江", "浙江省", ("浙",)),
    Province("CN-AH", "Anhui", "安徽", "安徽省", "安徽", "安徽省", ("皖",)),
    Province("CN-FJ", "Fujian", "福建", "福建省", "福建", "福建省", ("闽",)),
    Province("CN-JX", "Jiangxi", "江西", "江西省", "江西", "江西省", ("赣",)),
    Province("CN-SD", "Shandong", "山东", "山东省", "山東", "山東省", ("鲁",)),
    Province("CN-HA", "Henan", "河南", "河南省", "河南", "河南省", ("豫",)),
    Province("CN-HB", "Hubei", "湖北", "湖北省", "湖北", "湖北省", ("鄂",)),
    Province("CN-HN", "Hunan", "湖南", "湖南省", "湖南", "湖南省", ("湘",)),
    Province("CN-GD", "Guangdong", "广东", "广东省", "廣東", "廣東省", ("粤",)),
    Province(
        "CN-GX", "Guangxi", "广西", "广西壮族自治区", "廣西", "廣西壯族自治區", ("桂",)
    ),
    Province("CN-HI", "Hainan", "海南", "海南省", "海南", "海南省", ("琼",)),
    Province("CN-CQ", "Chongqing", "重庆", "重庆市", "重慶", "重慶市", ("渝",)),
    Province("CN-SC", "Sichuan", "四川", "四川省", "四川", "四川省", ("川", "蜀")),
    Province("CN-GZ", "Guizhou", "贵州", "贵州省", "貴州", "貴州省", ("黔", "贵")),
    Province("CN-YN", "Yunnan", "云南", "云南省", "雲南", "雲南省", ("滇", "云")),
    Province("CN-XZ", "Tibet", "西藏", "西藏自治区", "西藏", "西藏自治區", ("藏",)),
    Province("CN-SN", "Shaanxi", "陕西", "陕西省", "陝西", "陝西省", ("陕", "秦")),
    Province("CN-GS", "Gansu", "甘肃", "甘肃省", "甘肅", "甘肅省", ("甘", "陇")),
    Province("CN-QH", "Qinghai", "青海", "青海省", "青海", "青海省", ("青",)),
    Province(
        "CN-NX", "Ningxia", "宁夏", "宁夏回族自治区", "寧夏", "寧夏回族自治區", ("宁",)
    ),
    Province(
        "CN-XJ", "Xinjiang", "新疆", "新疆维吾尔自治区", "新疆", "新疆維吾爾自治區", ("新",)
    ),
    Province(
        "CN-HK", "Hong Kong", "香港", "香港特别行政区", "香港", "香港特別行政區", ("港",)
    ),
    Province(
        "CN-MO", "Macau", "澳门", "澳门特别行政区", "澳門", "澳門特別行政區", ("澳",)
    ),
    # Full name as ISO 3166-2:CN lists it (Taiwan Sheng).
    Province("CN-TW", "Taiwan", "台湾", "台湾省", "台灣", "台灣省", ("台",)),
)

CITIES: tuple[City, ...] = (
    # Hebei
    City("石家庄", "石家庄市", "石家莊", "CN-HE"),
    City("唐山", "唐山市", "唐山", "CN-HE"),
    City("秦皇岛", "秦皇岛市", "秦皇島", "CN-HE"),
    City("邯郸", "邯郸市", "邯鄲", "CN-HE"),
    City("邢台", "邢台市", "邢台", "CN-HE"),
    City("保定", "保定市", "保定", "CN-HE"),
    City("张家口", "张家口市", "張家口", "CN-HE"),
    City("承德", "承德市", "承德", "CN-HE"),
    City("沧州", "沧州市", "滄州", "CN-HE"),
    City("廊坊", "廊坊市", "廊坊", "CN-HE"),
    City("衡水", "衡水市", "衡水", "CN-HE"),
    # State-level new area administered at prefecture level.
    City("雄安", "雄安新区", "雄安", "CN-HE"),
    # Shanxi
    City("太原", "太原市", "太原", "CN-SX"),
    City("大同", "大同市", "大同", "CN-SX"),
    City("阳泉", "阳泉市", "陽泉", "CN-SX"),
    City("长治", "长治市", "長治", "CN-SX"),
    City("晋城", "晋城市", "晉城", "CN-SX"),
    City("朔州", "朔州市", "朔州", "CN-SX"),
    City("晋中", "晋中市", "晉中", "CN-SX"),
    City("运城", "运城市", "運城", "CN-SX"),
    City("忻州", "忻州市", "忻州", "CN-SX"),
    City("临汾", "临汾市", "臨汾", "CN-SX"),
    City("吕梁", "吕梁市", "呂梁", "CN-SX"),
    # Inner Mongolia
    City("呼和浩特", "呼和浩特市", "呼和浩特", "CN-NM"),
    City("包头", "包头市", "包頭", "CN-NM"),
    City("乌海", "乌海市", "烏海", "CN-NM"),
    City("赤峰", "赤峰市", "赤峰", "CN-NM"),
    City("通辽", "通辽市", "通遼", "CN-NM"),
    City("鄂尔多斯", "鄂尔多斯市", "鄂爾多斯", "CN-NM"),
    City("呼伦贝尔", "呼伦贝尔市", "呼倫貝爾", "CN-NM"),
    City("巴彦淖尔", "巴彦淖尔市", "巴彥淖爾", "CN-NM"),
    City("乌兰察布", "乌兰察布市", "烏蘭察布", "CN-NM"),
    City("兴安", "兴安盟", "興安", "CN-NM"),
    City("锡林郭勒", "锡林郭勒盟", "錫林郭勒", "CN-NM"),
    City("阿拉善", "阿拉善盟", "阿拉善", "CN-NM"),
    # Liaoning
    City("沈阳", "沈阳市", "瀋陽", "CN-LN"),
    City("大连", "大连市", "大連", "CN-LN"),
    City("鞍山", "鞍山市", "鞍山", "CN-LN"),
    City("抚顺", "抚顺市", "撫順", "CN-LN"),
    City("本溪", "本溪市", "本溪", "CN-LN"),
    City("丹东", "丹东市", "丹東", "CN-LN"),
    City("锦州", "锦州市", "錦州", "CN-LN"),
    City("营口", "营口市", "營口", "CN-LN"),
    City("阜新", "阜新市", "阜新", "CN-LN"),
    City("辽阳", "辽阳市", "遼陽", "CN-LN"),
    City("盘锦", "盘锦市", "盤錦", "CN-LN"),
    City("铁岭", "铁岭市", "鐵嶺", "CN-LN"),
    City("朝阳", "朝阳市", "朝陽", "CN-LN"),
    City("葫芦岛", "葫芦岛市", "葫蘆島", "CN-LN"),
    # Jilin
    City("长春", "长春市", "長春", "CN-JL"),
    City("吉林", "吉林市", "吉林", "CN-JL"),
    City("四平", "四平市", "四平", "CN-JL"),
    City("辽源", "辽源市", "遼源", "CN-JL"),
    City("通化", "通化市", "通化", "CN-JL"),
    City("白山", "白山市", "白山", "CN-JL"),
    City("松原", "松原市", "松原", "CN-JL"),
    City("白城", "白城市", "白城", "CN-JL"),
    City("延边", "延边朝鲜族自治州", "延邊", "CN-JL"),
    # Heilongjiang
    City("哈尔滨", "哈尔滨市", "哈爾濱", "CN-HL"),
    City("齐齐哈尔", "齐齐哈尔市", "齊齊哈爾", "CN-HL"),
    City("鸡西", "鸡西市", "雞西", "CN-HL"),
    City("鹤岗", "鹤岗市", "鶴崗", "CN-HL"),
    City("双鸭山", "双鸭山市", "雙鴨山", "CN-HL"),
    City("大庆", "大庆市", "大慶", "CN-HL"),
    City("伊春", "伊春市", "伊春", "CN-HL"),
    City("佳木斯", "佳木斯市", "佳木斯", "CN-HL"),
    City("七台河", "七台河市", "七台河", "CN-HL"),
    City("牡丹江", "牡丹江市", "牡丹江", "CN-HL"),
    City("黑河", "黑河市", "黑河", "CN-HL"),
    City("绥化", "绥化市", "綏化", "CN-HL"),
    City("大兴安岭", "大兴安岭地区", "大興安嶺", "CN-HL"),
    # Jiangsu
    City("南京", "南京市", "南京", "CN-JS"),
    City("无锡", "无锡市", "無錫", "CN-JS"),
    City("徐州", "徐州市", "徐州", "CN-JS"),
    City("常州", "常州市", "常州", "CN-JS"),
    City("苏州", "苏州市", "蘇州", "CN-JS"),
    City("南通", "南通市", "南通", "CN-JS"),
    City("连云港", "连云港市", "連雲港", "CN-JS"),
    City("淮安", "淮安市", "淮安", "CN-JS"),
    City("盐城", "盐城市", "鹽城", "CN-JS"),
    City("扬州", "扬州市", "揚州", "CN-JS"),
    City("镇江", "镇江市", "鎮江", "CN-JS"),
    City("泰州", "泰州市", "泰州", "CN-JS"),
    City("宿迁", "宿迁市", "宿遷", "CN-JS"),
    # Zhejiang
    City("杭州", "杭州市", "杭州", "CN-ZJ"),
    City("宁波", "宁波市", "寧波", "CN-ZJ"),
    City("温州", "温州市", "溫州", "CN-ZJ"),
    City("嘉兴", "嘉兴市", "嘉興", "CN-ZJ"),
    City("湖州", "湖州市", "湖州", "CN-ZJ"),
    City("绍兴", "绍兴市", "紹興", "CN-ZJ"),
    City("金华", "金华市", "金華", "CN-ZJ"),
    City("衢州", "衢州市", "衢州", "CN-ZJ"),
    City("舟山", "舟山市", "舟山", "CN-ZJ"),
    City("台州", "台州市", "台州", "CN-ZJ"),
    City("丽水", "丽水市", "麗水", "CN-ZJ"),
    # Anhui
    City("合肥", "合肥市", "合肥", "CN-AH"),
    City("芜湖", "芜湖市", "蕪湖", "CN-AH"),
    City("蚌埠", "蚌埠市", "蚌埠", "CN-AH"),
    City("淮南", "淮南市", "淮南", "CN-AH"),
    City("马鞍山", "马鞍山市", "馬鞍山", "CN-AH"),
    City("淮北", "淮北市", "淮北", "CN-AH"),
    City("铜陵", "铜陵市", "銅陵", "CN-AH"),
    City("安庆", "安庆市", "安慶", "CN-AH"),
    City("黄山", "黄山市", "黃山", "CN-AH"),
    City("滁州", "滁州市", "滁州", "CN-AH"),
    City("阜阳", "阜阳市", "阜陽", "CN-AH"),
    City("宿州", "宿州市", "宿州", "CN-AH"),
    City("六安", "六安市", "六安", "CN-AH"),
    City("亳州", "亳州市", "亳州", "CN-AH"),
    City("池州", "池州市", "池州", "CN-AH"),
    City("宣城", "宣城市", "宣城", "CN-AH"),
    # Fujian
    City("福州", "福州市", "福州", "CN-FJ"),
    City("厦门", "厦门市", "廈門", "CN-FJ"),
    City("莆田", "莆田市", "莆田", "CN-FJ"),
    City("三明", "三明市", "三明", "CN-FJ"),
    City("泉州", "泉州市", "泉州", "CN-FJ"),
    City("漳州", "漳州市", "漳州", "CN-FJ"),
    City("南平", "南平市", "南平", "CN-FJ"),
    City("龙岩", "龙岩市", "龍巖", "CN-FJ"),
    City("宁德", "宁德市", "寧德", "CN-FJ"),
    # Jiangxi
    City("南昌", "南昌市", "南昌", "CN-JX"),
    City("景德镇", "景德镇市", "景德鎮", "CN-JX"),
    City("萍乡", "萍乡市", "萍鄉", "CN-JX"),
    City("九江", "九江市", "九江", "CN-JX"),
    City("新余", "新余市", "新餘", "CN-JX"),
    City("鹰潭", "鹰潭市", "鷹潭", "CN-JX"),
    City("赣州", "赣州市", "贛州", "CN-JX"),
    City("吉安", "吉安市", "吉安", "CN-JX"),
    City("宜春", "宜春市", "宜春", "CN-JX"),
    City("抚州", "抚州市", "撫州", "CN-JX"),
    City("上饶", "上饶市", "上饒", "CN-JX"),
    # Shandong
    City("济南", "济南市", "濟南", "CN-SD"),
    City("青岛", "青岛市", "青島", "CN-SD"),
    City("淄博", "淄博市", "淄博", "CN-SD"),
    City("枣庄", "枣庄市", "棗莊", "CN-SD"),
    City("东营", "东营市", "東營", "CN-SD"),
    City("烟台", "烟台市", "煙台", "CN-SD"),
    City("潍坊", "潍坊市", "濰坊", "CN-SD"),
    City("济宁", "济宁市", "濟寧", "CN-SD"),
    City("泰安", "泰安市", "泰安", "CN-SD"),
    City("威海", "威海市", "威海", "CN-SD"),
    City("日照", "日照市", "日照", "CN-SD"),
    City("临沂", "临沂市", "臨沂", "CN-SD"),
    City("德州", "德州市", "德州", "CN-SD"),
    City("聊城", "聊城市", "聊城", "CN-SD"),
    City("滨州", "滨州市", "濱州", "CN-SD"),
    City("菏泽", "菏泽市", "菏澤", "CN-SD"),
    # Henan
    City("郑州", "郑州市", "鄭州", "CN-HA"),
    City("开封", "开封市", "開封", "CN-HA"),
    City("洛阳", "洛阳市", "洛陽", "CN-HA"),
    City("平顶山", "平顶山市", "平頂山", "CN-HA"),
    City("安阳", "安阳市", "安陽", "CN-HA"),
    City("鹤壁", "鹤壁市", "鶴壁", "CN-HA"),
    City("新乡", "新乡市", "新鄉", "CN-HA"),
    City("焦作", "焦作市", "焦作", "CN-HA"),
    City("濮阳", "濮阳市", "濮陽", "CN-HA"),
    City("许昌", "许昌市", "許昌", "CN-HA"),
    City("漯河", "漯河市", "漯河", "CN-HA"),
    City("三门峡", "三门峡市", "三門峽", "CN-HA"),
    City("南阳", "南阳市", "南陽", "CN-HA"),
    City("商丘", "商丘市", "商丘", "CN-HA"),
    City("信阳", "信阳市", "信陽", "CN-HA"),
    City("周口", "周口市", "周口", "CN-HA"),
    City("驻马店", "驻马店市", "駐馬店", "CN-HA"),
    # County-level cities administered directly by the province.
    City("济源", "济源市", "濟源", "CN-HA"),
    # Hubei
    City("武汉", "武汉市", "武漢", "CN-HB"),
    City("黄石", "黄石市", "黃石", "CN-HB"),
    City("十堰", "十堰市", "十堰", "CN-HB"),
    City("宜昌", "宜昌市", "宜昌", "CN-HB"),
    City("襄阳", "襄阳市", "襄陽", "CN-HB"),
    City("鄂州", "鄂州市", "鄂州", "CN-HB"),
    City("荆门", "荆门市", "荊門", "CN-HB"),
    City("孝感", "孝感市", "孝感", "CN-HB"),
    City("荆州", "荆州市", "荊州", "CN-HB"),
    City("黄冈", "黄冈市", "黃岡", "CN-HB"),
    City("咸宁", "咸宁市", "咸寧", "CN-HB"),
    City("随州", "随州市", "隨州", "CN-HB"),
    City("恩施", "恩施土家族苗族自治州", "恩施", "CN-HB"),
    # County-level cities administered directly by the province.
    City("仙桃", "仙桃市", "仙桃", "CN-HB"),
    City("潜江", "潜江市", "潛江", "CN-HB"),
    City("天门", "天门市", "天門", "CN-HB"),
    # Hunan
    City("长沙", "长沙市", "長沙", "CN-HN"),
    City("株洲", "株洲市", "株洲", "CN-HN"),
    City("湘潭", "湘潭市", "湘潭", "CN-HN"),
    City("衡阳", "衡阳市", "衡陽", "CN-HN"),
    City("邵阳", "邵阳市", "邵陽", "CN-HN"),
    City("岳阳", "岳阳市", "岳陽", "CN-HN"),
    City("常德", "常德市", "常德", "CN-HN"),
    City("张家界", "张家界市", "張家界", "CN-HN"),
    City("益阳", "益阳市", "益陽", "CN-HN"),
    City("郴州", "郴州市", "郴州", "CN-HN"),
    City("永州", "永州市", "永州", "CN-HN"),
    City("怀化", "怀化市", "懷化", "CN-HN"),
    City("娄底", "娄底市", "婁底", "CN-HN"),
    City("湘西", "湘西土家族苗族自治州", "湘西", "CN-HN"),
    # Guangdong
    City("广州", "广州市", "廣州", "CN-GD"),
    City("韶关", "韶关市", "韶關", "CN-GD"),
    City("深圳", "深圳市", "深圳", "CN-GD"),
    City("珠海", "珠海市", "珠海", "CN-GD"),
    City("汕头", "汕头市", "汕頭", "CN-GD"),
    City("佛山", "佛山市", "佛山", "CN-GD"),
    City("江门", "江门市", "江門", "CN-GD"),
    City("湛江", "湛江市", "湛江", "CN-GD"),
    City("茂名", "茂名市", "茂名", "CN-GD"),
    City("肇庆", "肇庆市", "肇慶", "CN-GD"),
    City("惠州", "惠州市", "惠州", "CN-GD"),
    City("梅州", "梅州市", "梅州", "CN-GD"),
    City("汕尾", "汕尾市", "汕尾", "CN-GD"),
    City("河源", "河源市", "河源", "CN-GD"),
    City("阳江", "阳江市", "陽江", "CN-GD"),
    City("清远", "清远市", "清遠", "CN-GD"),
    City("东莞", "东莞市", "東莞", "CN-GD"),
    City("中山", "中山市", "中山", "CN-GD"),
    City("潮州", "潮州市", "潮州", "CN-GD"),
    City("揭阳", "揭阳市", "揭陽", "CN-GD"),
    City("云浮", "云浮市", "雲浮", "CN-GD"),
    # Guangxi
    City("南宁", "南宁市", "南寧", "CN-GX"),
    City("柳州", "柳州市", "柳州", "CN-GX"),
    City("桂林", "桂林市", "桂林", "CN-GX"),
    City("梧州", "梧州市", "梧州", "CN-GX"),
    City("北海", "北海市", "北海", "CN-GX"),
    City("防城港", "防城港市", "防城港", "CN-GX"),
    City("钦州", "钦州市", "欽州", "CN-GX"),
    City("贵港", "贵港市", "貴港", "CN-GX"),
    City("玉林", "玉林市", "玉林", "CN-GX"),
    City("百色", "百色市", "百色", "CN-GX"),
    City("贺州", "贺州市", "賀州", "CN-GX"),
    City("河池", "河池市", "河池", "CN-GX"),
    City("来宾", "来宾市", "來賓", "CN-GX"),
    City("崇左", "崇左市", "崇左", "CN-GX"),
    # Hainan
    City("海口", "海口市", "海口", "CN-HI"),
    City("三亚", "三亚市", "三亞", "CN-HI"),
    City("三沙", "三沙市", "三沙", "CN-HI"),
    City("儋州", "儋州市", "儋州", "CN-HI"),
    # County-level cities administered directly by the province.
    City("五指山", "五指山市", "五指山", "CN-HI"),
    City("琼海", "琼海市", "瓊海", "CN-HI"),
    City("文昌", "文昌市", "文昌", "CN-HI"),
    City("万宁", "万宁市", "萬寧", "CN-HI"),
    City("东方", "东方市", "東方", "CN-HI"),
    # Sichuan
    City("成都", "成都市", "成都", "CN-SC"),
    City("自贡", "自贡市", "自貢", "CN-SC"),
    City("攀枝花", "攀枝花市", "攀枝花", "CN-SC"),
    City("泸州", "泸州市", "瀘州", "CN-SC"),
    City("德阳", "德阳市", "德陽", "CN-SC"),
    City("绵阳", "绵阳市", "綿陽", "CN-SC"),
    City("广元", "广元市", "廣元", "CN-SC"),
    City("遂宁", "遂宁市", "遂寧", "CN-SC"),
    City("内江", "内江市", "內江", "CN-SC"),
    City("乐山", "乐山市", "樂山", "CN-SC"),
    City("南充", "南充市", "南充", "CN-SC"),
    City("眉山", "眉山市", "眉山", "CN-SC"),
    City("宜宾", "宜宾市", "宜賓", "CN-SC"),
    City("广安", "广安市", "廣安", "CN-SC"),
    City("达州", "达州市", "達州", "CN-SC"),
    City("雅安", "雅安市", "雅安", "CN-SC"),
    City("巴中", "巴中市", "巴中", "CN-SC"),
    City("资阳", "资阳市", "資陽", "CN-SC"),
    City("阿坝", "阿坝藏族羌族自治州", "阿壩", "CN-SC"),
    City("甘孜", "甘孜藏族自治州", "甘孜", "CN-SC"),
    City("凉山", "凉山彝族自治州", "涼山", "CN-SC"),
    # Guizhou
    City("贵阳", "贵阳市", "貴陽", "CN-GZ"),
    City("六盘水", "六盘水市", "六盤水", "CN-GZ"),
    City("遵义", "遵义市", "遵義", "CN-GZ"),
    City("安顺", "安顺市", "安順", "CN-GZ"),
    City("毕节", "毕节市", "畢節", "CN-GZ"),
    City("铜仁", "铜仁市", "銅仁", "CN-GZ"),
    City("黔西南", "黔西南布依族苗族自治州", "黔西南", "CN-GZ"),
    City("黔东南", "黔东南苗族侗族自治州", "黔東南", "CN-GZ"),
    City("黔南", "黔南布依族苗族自治州", "黔南", "CN-GZ"),
    # Yunnan
    City("昆明", "昆明市", "昆明", "CN-YN"),
    City("曲靖", "曲靖市", "曲靖", "CN-YN"),
    City("玉溪", "玉溪市", "玉溪", "CN-YN"),
    City("保山", "保山市", "保山", "CN-YN"),
    City("昭通", "昭通市", "昭通", "CN-YN"),
    City("丽江", "丽江市", "麗江", "CN-YN"),
    City("普洱", "普洱市", "普洱", "CN-YN"),
    City("临沧", "临沧市", "臨滄", "CN-YN"),
    City("楚雄", "楚雄彝族自治州", "楚雄", "CN-YN"),
    City("红河", "红河哈尼族彝族自治州", "紅河", "CN-YN"),
    City("文山", "文山壮族苗族自治州", "文山", "CN-YN"),
    City("西双版纳", "西双版纳傣族自治州", "西雙版納", "CN-YN"),
    City("大理", "大理白族自治州", "大理", "CN-YN"),
    City("德宏", "德宏傣族景颇族自治州", "德宏", "CN-YN"),
    City("怒江", "怒江傈僳族自治州", "怒江", "CN-YN"),
    City("迪庆", "迪庆藏族自治州", "迪慶", "CN-YN"),
    # Tibet
    City("拉萨", "拉萨市", "拉薩", "CN-XZ"),
    City("日喀则", "日喀则市", "日喀則", "CN-XZ"),
    City("昌都", "昌都市", "昌都", "CN-XZ"),
    City("林芝", "林芝市", "林芝", "CN-XZ"),
    City("山南", "山南市", "山南", "CN-XZ"),
    City("那曲", "那曲市", "那曲", "CN-XZ"),
    City("阿里", "阿里地区", "阿里", "CN-XZ"),
    # Shaanxi
    City("西安", "西安市", "西安", "CN-SN"),
    City("铜川", "铜川市", "銅川", "CN-SN"),
    City("宝鸡", "宝鸡市", "寶雞", "CN-SN"),
    City("咸阳", "咸阳市", "咸陽", "CN-SN"),
    City("渭南", "渭南市", "渭南", "CN-SN"),
    City("延安", "延安市", "延安", "CN-SN"),
    City("汉中", "汉中市", "漢中", "CN-SN"),
    City("榆林", "榆林市", "榆林", "CN-SN"),
    City("安康", "安康市", "安康", "CN-SN"),
    City("商洛", "商洛市", "商洛", "CN-SN"),
    # Gansu
    City("兰州", "兰州市", "蘭州", "CN-GS"),
    City("嘉峪关", "嘉峪关市", "嘉峪關", "CN-GS"),
    City("金昌", "金昌市", "金昌", "CN-GS"),
    City("白银", "白银市", "白銀", "CN-GS"),
    City("天水", "天水市", "天水", "CN-GS"),
    City("武威", "武威市", "武威", "CN-GS"),
    City("张掖", "张掖市", "張掖", "CN-GS"),
    City("平凉", "平凉市", "平涼", "CN-GS"),
    City("酒泉", "酒泉市", "酒泉", "CN-GS"),
    City("庆阳", "庆阳市", "慶陽", "CN-GS"),
    City("定西", "定西市", "定西", "CN-GS"),
    City("陇南", "陇南市", "隴南", "CN-GS"),
    City("临夏", "临夏回族自治州", "臨夏", "CN-GS"),
    City("甘南", "甘南藏族自治州", "甘南", "CN-GS"),
    # Qinghai
    City("西宁", "西宁市", "西寧", "CN-QH"),
    City("海东", "海东市", "海東", "CN-QH"),
    City("海北", "海北藏族自治州", "海北", "CN-QH"),
    City("黄南", "黄南藏族自治州", "黃南", "CN-QH"),
    City("海南", "海南藏族自治州", "海南", "CN-QH"),
    City("果洛", "果洛藏族自治州", "果洛", "CN-QH"),
    City("玉树", "玉树藏族自治州", "玉樹", "CN-QH"),
    City("海西", "海西蒙古族藏族自治州", "海西", "CN-QH"),
    # Ningxia
    City("银川", "银川市", "銀川", "CN-NX"),
    City("石嘴山", "石嘴山市", "石嘴山", "CN-NX"),
    City("吴忠", "吴忠市", "吳忠", "CN-NX"),
    City("固原", "固原市", "固原", "CN-NX"),
    City("中卫", "中卫市", "中衛", "CN-NX"),
    # Xinjiang
    City("乌鲁木齐", "乌鲁木齐市", "烏魯木齊", "CN-XJ"),
    City("克拉玛依", "克拉玛依市", "克拉瑪依", "CN-XJ"),
    City("吐鲁番", "吐鲁番市", "吐魯番", "CN-XJ"),
    City("哈密", "哈密市", "哈密", "CN-XJ"),
    City("昌吉", "昌吉回族自治州", "昌吉", "CN-XJ"),
    City("博尔塔拉", "博尔塔拉蒙古自治州", "博爾塔拉", "CN-XJ"),
    City("巴音郭楞", "巴音郭楞蒙古自治州", "巴音郭楞", "CN-XJ"),
    City("阿克苏", "阿克苏地区", "阿克蘇", "CN-XJ"),
    City("克孜勒苏", "克孜勒苏柯尔克孜自治州", "克孜勒蘇", "CN-XJ"),
    City("喀什", "喀什地区", "喀什", "CN-XJ"),
    City("和田", "和田地区", "和田", "CN-XJ"),
    City("伊犁", "伊犁哈萨克自治州", "伊犁", "CN-XJ"),
    City("塔城", "塔城地区", "塔城", "CN-XJ"),
    City("阿勒泰", "阿勒泰地区", "阿勒泰", "CN-XJ"),
    # County-level cities administered directly by the province.
    City("石河子", "石河子市", "石河子", "CN-XJ"),
    City("阿拉尔", "阿拉尔市", "阿拉爾", "CN-XJ"),
    City("图木舒克", "图木舒克市", "圖木舒克", "CN-XJ"),
    City("五家渠", "五家渠市", "五家渠", "CN-XJ"),
    City("北屯", "北屯市", "北屯", "CN-XJ"),
    City("铁门关", "铁门关市", "鐵門關", "CN-XJ"),
    City("双河", "双河市", "雙河", "CN-XJ"),
    City("可克达拉", "可克达拉市", "可克達拉", "CN-XJ"),
    City("昆玉", "昆玉市", "昆玉", "CN-XJ"),
    City("胡杨河", "胡杨河市", "胡楊河", "CN-XJ"),
    City("新星", "新星市", "新星", "CN-XJ"),
    City("白杨", "白杨市", "白楊", "CN-XJ"),
    # Taiwan: its six special municipalities.
    City("台北", "台北市", "台北", "CN-TW"),
    City("高雄", "高雄市", "高雄", "CN-TW"),
    City("新北", "新北市", "新北", "CN-TW"),
    City("台中", "台中市", "台中", "CN-TW"),
    City("台南", "台南市", "台南", "CN-TW"),
    City("桃园", "桃园市", "桃園", "CN-TW"),
)

# Other English spellings in common use, folded like the names themselves.
_ENGLISH_ALIASES: dict[str, str] = {
    "macao": "CN-MO",
    "xizang": "CN-XZ",
    "neimongol": "CN-NM",
    "peking": "CN-BJ",
}


def _fold_english(text: str) -> str:
    return "".join(text.split()).casefold()


def _province_index() -> dict[str, Province]:
    index: dict[str, Province] = {}
    for province in PROVINCES:
        suffix = province.code.removeprefix("CN-")
        keys = (
            province.code.casefold(),
            suffix.casefold(),
            _fold_english(province.name_en),
            province.short,
            province.full,
            province.short_traditional,
            province.full_traditional,
            province.abbreviations[0],
        )
        for key in keys:
            index.setdefault(key, province)
    for alias, code in _ENGLISH_ALIASES.items():
        index[alias] = index[code.casefold()]
    return index


_PROVINCE_INDEX: dict[str, Province] = _province_index()


def find_province(query: str) -> Province | None:
    """The province-level division that ``query`` names, or None.

    Accepts the ISO code with or without ``CN-`` (any case), the English name
    (case and spaces ignored), the Chinese short or full name in simplified or
    traditional script, and the main one-character abbreviation (渝, 鲁, 港).
    """
    query = query.strip()
    if not query:
        return None
    return _PROVINCE_INDEX.get(query) or _PROVINCE_INDEX.get(_fold_english(query))
