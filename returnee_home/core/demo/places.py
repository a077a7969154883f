"""Where the demo province's organisations are: real districts and roads of each Jiangsu city,
telephone area codes, and the Homes' carriers (city talent-service centres, start-up parks)."""

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Place:
    """Districts and roads (Chinese, English) of one city or county, and its area code."""

    city_code: str
    short_zh: str
    short_en: str
    area_code: str
    districts: tuple[tuple[str, str], ...]
    roads: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Carrier:
    """A Home's carrier: kind, name, district, road and house number."""

    city_code: str
    kind: str  # "service_window" or "startup_park"
    name_zh: str
    name_en: str
    district: tuple[str, str]
    road: tuple[str, str]
    number: int
    home_code: str
    slug: str


PLACES: dict[str, Place] = {
    p.city_code: p
    for p in [
        Place(
            "320100",
            "南京",
            "Nanjing",
            "025",
            (
                ("玄武区", "Xuanwu District"),
                ("秦淮区", "Qinhuai District"),
                ("建邺区", "Jianye District"),
                ("鼓楼区", "Gulou District"),
                ("浦口区", "Pukou District"),
                ("栖霞区", "Qixia District"),
                ("雨花台区", "Yuhuatai District"),
                ("江宁区", "Jiangning District"),
            ),
            (
                ("中山北路", "Zhongshan North Road"),
                ("汉中路", "Hanzhong Road"),
                ("江东中路", "Jiangdong Middle Road"),
                ("珠江路", "Zhujiang Road"),
                ("龙蟠中路", "Longpan Middle Road"),
                ("双龙大道", "Shuanglong Avenue"),
                ("仙林大道", "Xianlin Avenue"),
                ("雨花大道", "Yuhua Avenue"),
            ),
        ),
        Place(
            "320200",
            "无锡",
            "Wuxi",
            "0510",
            (
                ("梁溪区", "Liangxi District"),
                ("锡山区", "Xishan District"),
                ("惠山区", "Huishan District"),
                ("滨湖区", "Binhu District"),
                ("新吴区", "Xinwu District"),
            ),
            (
                ("人民中路", "Renmin Middle Road"),
                ("解放北路", "Jiefang North Road"),
                ("太湖大道", "Taihu Avenue"),
                ("长江路", "Changjiang Road"),
                ("新华路", "Xinhua Road"),
            ),
        ),
        Place(
            "320300",
            "徐州",
            "Xuzhou",
            "0516",
            (
                ("鼓楼区", "Gulou District"),
                ("云龙区", "Yunlong District"),
                ("泉山区", "Quanshan District"),
                ("铜山区", "Tongshan District"),
            ),
            (
                ("解放南路", "Jiefang South Road"),
                ("淮海东路", "Huaihai East Road"),
                ("中山北路", "Zhongshan North Road"),
                ("三环东路", "Third Ring East Road"),
            ),
        ),
        Place(
            "320400",
            "常州",
            "Changzhou",
            "0519",
            (
                ("天宁区", "Tianning District"),
                ("钟楼区", "Zhonglou District"),
                ("新北区", "Xinbei District"),
                ("武进区", "Wujin District"),
                ("金坛区", "Jintan District"),
            ),
            (
                ("延陵西路", "Yanling West Road"),
                ("和平北路", "Heping North Road"),
                ("龙城大道", "Longcheng Avenue"),
                ("常武路", "Changwu Road"),
                ("通江中路", "Tongjiang Middle Road"),
            ),
        ),
        Place(
            "320500",
            "苏州",
            "Suzhou",
            "0512",
            (
                ("姑苏区", "Gusu District"),
                ("虎丘区", "Huqiu District"),
                ("吴中区", "Wuzhong District"),
                ("相城区", "Xiangcheng District"),
                ("吴江区", "Wujiang District"),
                ("苏州工业园区", "Suzhou Industrial Park"),
            ),
            (
                ("干将东路", "Ganjiang East Road"),
                ("人民路", "Renmin Road"),
                ("苏州大道东", "Suzhou Avenue East"),
                ("星湖街", "Xinghu Street"),
                ("竹园路", "Zhuyuan Road"),
                ("长江路", "Changjiang Road"),
            ),
        ),
        Place(
            "320583",
            "昆山",
            "Kunshan",
            "0512",
            (
                ("玉山镇", "Yushan Town"),
                ("周市镇", "Zhoushi Town"),
                ("花桥经济开发区", "Huaqiao Economic Development Zone"),
            ),
            (
                ("前进西路", "Qianjin West Road"),
                ("马鞍山路", "Ma'anshan Road"),
                ("长江北路", "Changjiang North Road"),
            ),
        ),
        Place(
            "320600",
            "南通",
            "Nantong",
            "0513",
            (
                ("崇川区", "Chongchuan District"),
                ("通州区", "Tongzhou District"),
                ("海门区", "Haimen District"),
            ),
            (
                ("工农路", "Gongnong Road"),
                ("世纪大道", "Shiji Avenue"),
                ("青年中路", "Qingnian Middle Road"),
            ),
        ),
        Place(
            "320700",
            "连云港",
            "Lianyungang",
            "0518",
            (
                ("海州区", "Haizhou District"),
                ("连云区", "Lianyun District"),
                ("赣榆区", "Ganyu District"),
            ),
            (
                ("朝阳中路", "Chaoyang Middle Road"),
                ("海连中路", "Hailian Middle Road"),
                ("花果山大道", "Huaguoshan Avenue"),
            ),
        ),
        Place(
            "320800",
            "淮安",
            "Huai'an",
            "0517",
            (
                ("清江浦区", "Qingjiangpu District"),
                ("淮安区", "Huai'an District"),
                ("淮阴区", "Huaiyin District"),
            ),
            (
                ("淮海东路", "Huaihai East Road"),
                ("翔宇大道", "Xiangyu Avenue"),
                ("健康东路", "Jiankang East Road"),
            ),
        ),
        Place(
            "320900",
            "盐城",
            "Yancheng",
            "0515",
            (
                ("亭湖区", "Tinghu District"),
                ("盐都区", "Yandu District"),
                ("大丰区", "Dafeng District"),
            ),
            (
                ("解放南路", "Jiefang South Road"),
                ("开放大道", "Kaifang Avenue"),
                ("世纪大道", "Shiji Avenue"),
            ),
        ),
        Place(
            "321000",
            "扬州",
            "Yangzhou",
            "0514",
            (
                ("广陵区", "Guangling District"),
                ("邗江区", "Hanjiang District"),
                ("江都区", "Jiangdu District"),
            ),
            (
                ("文昌中路", "Wenchang Middle Road"),
                ("江阳中路", "Jiangyang Middle Road"),
                ("运河南路", "Yunhe South Road"),
            ),
        ),
        Place(
            "321100",
            "镇江",
            "Zhenjiang",
            "0511",
            (
                ("京口区", "Jingkou District"),
                ("润州区", "Runzhou District"),
                ("丹徒区", "Dantu District"),
            ),
            (
                ("解放路", "Jiefang Road"),
                ("中山东路", "Zhongshan East Road"),
                ("南徐大道", "Nanxu Avenue"),
            ),
        ),
        Place(
            "321200",
            "泰州",
            "Taizhou",
            "0523",
            (
                ("海陵区", "Hailing District"),
                ("高港区", "Gaogang District"),
                ("姜堰区", "Jiangyan District"),
            ),
            (
                ("海陵南路", "Hailing South Road"),
                ("青年南路", "Qingnian South Road"),
                ("药城大道", "Yaocheng Avenue"),
            ),
        ),
        Place(
            "321283",
            "泰兴",
            "Taixing",
            "0523",
            (("济川街道", "Jichuan Subdistrict"), ("黄桥镇", "Huangqiao Town")),
            (("国庆东路", "Guoqing East Road"), ("文昌东路", "Wenchang East Road")),
        ),
        Place(
            "321300",
            "宿迁",
            "Suqian",
            "0527",
            (("宿城区", "Sucheng District"), ("宿豫区", "Suyu District")),
            (
                ("洪泽湖路", "Hongzehu Road"),
                ("发展大道", "Fazhan Avenue"),
                ("人民大道", "Renmin Avenue"),
            ),
        ),
        Place(
            "321322",
            "沭阳",
            "Shuyang",
            "0527",
            (("沭城街道", "Shucheng Subdistrict"), ("扎下镇", "Zhaxia Town")),
            (("沭城大道", "Shucheng Avenue"), ("人民中路", "Renmin Middle Road")),
        ),
    ]
}


def _carrier(
    city: str,
    kind: str,
    zh: str,
    en: str,
    district: int,
    road: int,
    number: int,
    code: str,
    slug: str,
) -> Carrier:
    place = PLACES[city]
    return Carrier(
        city, kind, zh, en, place.districts[district], place.roads[road], number, code, slug
    )


W, P = "service_window", "startup_park"

# Two to four Homes per prefecture, one or two per province-administered county.
CARRIERS: list[Carrier] = [
    _carrier(
        "320100",
        W,
        "南京市人才服务中心",
        "Nanjing Talent Service Centre",
        3,
        0,
        251,
        "NJ01",
        "nanjing-talent-centre",
    ),
    _carrier(
        "320100",
        P,
        "南京留学人员创业园",
        "Nanjing Overseas Students Pioneer Park",
        2,
        2,
        398,
        "NJ02",
        "nanjing-pioneer-park",
    ),
    _carrier(
        "320100",
        P,
        "江宁开发区留学人员创业园",
        "Jiangning Development Zone Overseas Students Pioneer Park",
        7,
        5,
        1009,
        "NJ03",
        "nanjing-jiangning-park",
    ),
    _carrier(
        "320100",
        W,
        "南京江北新区人力资源服务中心",
        "Nanjing Jiangbei New Area Human Resources Service Centre",
        4,
        3,
        66,
        "NJ04",
        "nanjing-jiangbei",
    ),
    _carrier(
        "320200",
        W,
        "无锡市人才服务中心",
        "Wuxi Talent Service Centre",
        0,
        0,
        118,
        "WX01",
        "wuxi-talent-centre",
    ),
    _carrier(
        "320200",
        P,
        "无锡新区留学人员创业园",
        "Wuxi New District Overseas Students Pioneer Park",
        4,
        3,
        7,
        "WX02",
        "wuxi-pioneer-park",
    ),
    _carrier(
        "320200",
        P,
        "无锡太湖湾科创城留学人员创业园",
        "Wuxi Taihu Bay Science City Overseas Students Pioneer Park",
        3,
        2,
        1699,
        "WX03",
        "wuxi-taihu-bay",
    ),
    _carrier(
        "320300",
        W,
        "徐州市人才服务中心",
        "Xuzhou Talent Service Centre",
        1,
        1,
        95,
        "XZ01",
        "xuzhou-talent-centre",
    ),
    _carrier(
        "320300",
        P,
        "徐州高新区留学人员创业园",
        "Xuzhou High-tech Zone Overseas Students Pioneer Park",
        3,
        3,
        11,
        "XZ02",
        "xuzhou-pioneer-park",
    ),
    _carrier(
        "320400",
        W,
        "常州市人才服务中心",
        "Changzhou Talent Service Centre",
        0,
        1,
        180,
        "CZ01",
        "changzhou-talent-centre",
    ),
    _carrier(
        "320400",
        P,
        "常州武进高新区留学人员创业园",
        "Changzhou Wujin High-tech Zone Overseas Students Pioneer Park",
        3,
        3,
        801,
        "CZ02",
        "changzhou-wujin-park",
    ),
    _carrier(
        "320400",
        P,
        "常州科教城留学人员创业园",
        "Changzhou Science and Education Town Overseas Students Pioneer Park",
        3,
        2,
        18,
        "CZ03",
        "changzhou-kejiaocheng",
    ),
    _carrier(
        "320500",
        W,
        "苏州市人才服务中心",
        "Suzhou Talent Service Centre",
        0,
        1,
        1186,
        "SZ01",
        "suzhou-talent-centre",
    ),
    _carrier(
        "320500",
        P,
        "苏州工业园区留学人员创业园",
        "Suzhou Industrial Park Overseas Students Pioneer Park",
        5,
        3,
        328,
        "SZ02",
        "suzhou-sip-park",
    ),
    _carrier(
        "320500",
        P,
        "苏州高新区留学人员创业园",
        "Suzhou New District Overseas Students Pioneer Park",
        1,
        4,
        209,
        "SZ03",
        "suzhou-snd-park",
    ),
    _carrier(
        "320500",
        W,
        "吴江区人才服务中心",
        "Wujiang District Talent Service Centre",
        4,
        5,
        1888,
        "SZ04",
        "suzhou-wujiang",
    ),
    _carrier(
        "320583",
        W,
        "昆山市人才服务中心",
        "Kunshan Talent Service Centre",
        0,
        0,
        303,
        "KS01",
        "kunshan-talent-centre",
    ),
    _carrier(
        "320583",
        P,
        "昆山留学人员创业园",
        "Kunshan Overseas Students Pioneer Park",
        2,
        1,
        88,
        "KS02",
        "kunshan-pioneer-park",
    ),
    _carrier(
        "320600",
        W,
        "南通市人才服务中心",
        "Nantong Talent Service Centre",
        0,
        0,
        139,
        "NT01",
        "nantong-talent-centre",
    ),
    _carrier(
        "320600",
        P,
        "南通高新区留学人员创业园",
        "Nantong High-tech Zone Overseas Students Pioneer Park",
        1,
        1,
        266,
        "NT02",
        "nantong-pioneer-park",
    ),
    _carrier(
        "320700",
        W,
        "连云港市人才服务中心",
        "Lianyungang Talent Service Centre",
        0,
        0,
        61,
        "LY01",
        "lianyungang-talent-centre",
    ),
    _carrier(
        "320700",
        P,
        "连云港经济技术开发区留学人员创业园",
        "Lianyungang Economic and Technological Development Zone Overseas Students Pioneer Park",
        1,
        2,
        9,
        "LY02",
        "lianyungang-pioneer-park",
    ),
    _carrier(
        "320800",
        W,
        "淮安市人才服务中心",
        "Huai'an Talent Service Centre",
        0,
        2,
        60,
        "HA01",
        "huaian-talent-centre",
    ),
    _carrier(
        "320800",
        P,
        "淮安经济技术开发区留学人员创业园",
        "Huai'an Economic and Technological Development Zone Overseas Students Pioneer Park",
        0,
        1,
        26,
        "HA02",
        "huaian-pioneer-park",
    ),
    _carrier(
        "320900",
        W,
        "盐城市人才服务中心",
        "Yancheng Talent Service Centre",
        0,
        0,
        48,
        "YC01",
        "yancheng-talent-centre",
    ),
    _carrier(
        "320900",
        P,
        "盐城高新区留学人员创业园",
        "Yancheng High-tech Zone Overseas Students Pioneer Park",
        1,
        1,
        36,
        "YC02",
        "yancheng-pioneer-park",
    ),
    _carrier(
        "321000",
        W,
        "扬州市人才服务中心",
        "Yangzhou Talent Service Centre",
        0,
        0,
        171,
        "YZ01",
        "yangzhou-talent-centre",
    ),
    _carrier(
        "321000",
        P,
        "扬州留学人员创业园",
        "Yangzhou Overseas Students Pioneer Park",
        1,
        1,
        2,
        "YZ02",
        "yangzhou-pioneer-park",
    ),
    _carrier(
        "321100",
        W,
        "镇江市人才服务中心",
        "Zhenjiang Talent Service Centre",
        0,
        0,
        208,
        "ZJ01",
        "zhenjiang-talent-centre",
    ),
    _carrier(
        "321100",
        P,
        "镇江高新区留学人员创业园",
        "Zhenjiang High-tech Zone Overseas Students Pioneer Park",
        1,
        2,
        468,
        "ZJ02",
        "zhenjiang-pioneer-park",
    ),
    _carrier(
        "321200",
        W,
        "泰州市人才服务中心",
        "Taizhou Talent Service Centre",
        0,
        0,
        111,
        "TZ01",
        "taizhou-talent-centre",
    ),
    _carrier(
        "321200",
        P,
        "泰州医药高新区留学人员创业园",
        "Taizhou Medical High-tech Zone Overseas Students Pioneer Park",
        1,
        2,
        1,
        "TZ02",
        "taizhou-pioneer-park",
    ),
    _carrier(
        "321283",
        W,
        "泰兴市人才服务中心",
        "Taixing Talent Service Centre",
        0,
        0,
        21,
        "TX01",
        "taixing-talent-centre",
    ),
    _carrier(
        "321300",
        W,
        "宿迁市人才服务中心",
        "Suqian Talent Service Centre",
        0,
        0,
        399,
        "SQ01",
        "suqian-talent-centre",
    ),
    _carrier(
        "321300",
        P,
        "宿迁高新区留学人员创业园",
        "Suqian High-tech Zone Overseas Students Pioneer Park",
        1,
        1,
        88,
        "SQ02",
        "suqian-pioneer-park",
    ),
    _carrier(
        "321322",
        W,
        "沭阳县人才服务中心",
        "Shuyang Talent Service Centre",
        0,
        0,
        56,
        "SY01",
        "shuyang-talent-centre",
    ),
]

# Homes still preparing their application (not yet in the public directory).
PREPARING_HOMES = frozenset({"NJ04", "WX03", "SZ04", "CZ03", "SQ02"})

# The demo staff and manager accounts work at this Home; the city account administers Nanjing.
DEMO_HOME_CODE = "NJ01"


def address(
    place: Place, district: tuple[str, str], road: tuple[str, str], number: int
) -> tuple[str, str]:
    """(Chinese, English) postal address: 南京市鼓楼区中山北路251号 / 251 Zhongshan North Road,
    Gulou District, Nanjing."""
    city_zh = place.short_zh + ("县" if place.city_code == "321322" else "市")
    return (
        f"{city_zh}{district[0]}{road[0]}{number}号",
        f"{number} {road[1]}, {district[1]}, {place.short_en}",
    )


def random_address(rng: random.Random, place: Place) -> tuple[str, str]:
    return address(place, rng.choice(place.districts), rng.choice(place.roads), rng.randint(1, 999))
