"""Rebuild `assets/name_chars.json`, the data behind the pinyin name keypad.

    .venv/bin/python scripts/build_name_chars.py           # write assets/name_chars.json
    .venv/bin/python scripts/build_name_chars.py --check   # exit 1 if the file is stale

Three things go into the file:

- `surnames`: common Chinese surnames, most frequent first (about the order of the
  national household-register counts), single and compound, each with the reading it has
  *as a surname* (单 shan, 曾 zeng, 解 xie, 区 ou, 尉迟 yu chi …). A polyphonic surname
  must carry its reading here: the script stops if one is missing or is not a reading
  pypinyin knows for that character.
- `given`: characters common in given names, roughly most frequent first, each with the
  reading(s) it has in names (pypinyin's first reading unless `GIVEN_READINGS` says more).
- `general`: every GB2312 character (the set the ticket font and printers handle) with
  its toneless readings from pypinyin's dictionary, as "字pinyin" tokens in one global
  order of commonness: how many entries of pypinyin's phrase dictionary use the character
  with that reading (a character's first single-character reading counts one extra), then
  GB2312 level 1 before level 2, then code point. A later reading that no phrase uses is
  left out (archaic readings such as 王 yu); the surname and given-name readings above
  are always indexed.

The lists below are data carried by this script; the readings and the ordering of all
other characters come from pypinyin, so the file is reproducible: two runs with the same
pypinyin give byte-identical output.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from functools import cache
from importlib.metadata import version
from pathlib import Path

from pypinyin.contrib.tone_convert import to_normal
from pypinyin.phrases_dict import phrases_dict
from pypinyin.pinyin_dict import pinyin_dict

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "assets" / "name_chars.json"
FORMAT = 1

# Single surnames, most common first (roughly the national household-register ranking).
SURNAMES = """
王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩邓冯曹彭曾肖田董潘袁蔡蒋余于杜叶程
魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾
龚邵万覃武钱戴严莫孔向常汤康易乔赖文施洪辛柳庞樊兰殷牛葛温季左齐毕凌申耿关盛岳聂焦柴伍靳
祝鲁古华甘游邢俞纪裴管吉舒阎詹安童颜倪包梅单涂霍成路苗喻翟穆尚宁欧章时蓝艾房解卓屈车项滕
饶褚符景阮蒙鲍甄谷宫宗邝权冉柯商丰云麦党连桂佟晏练茅隋缪揭冷戚邬粟卫娄郎巫查曲裘虞刁简祁
仇区朴盖乐习贝银荣米储原全应惠明封邸伏苟巴鞠昌蔺燕尉容门阳牟计卞岑敖狄芦郁阚栾廉池杭佘索
支蓬鄢瞿农秘晋苑禹滕费宿姬席丛侍姚井荆储钮刀都邰那帅冀宣国扈皮戈闵和宋苍羊茹薄卜扶亢郜
奚鲜寇鄂匡訾相卢万展蒲迟黑阙浦丘师衣冼隆红怀亓水邓谈双战栗官沙巩仲居骆车蹇汝满漆危修刑
"""

# Compound surnames, roughly most common first, with their readings.
COMPOUND_SURNAMES = {
    "欧阳": "ou yang", "司马": "si ma", "诸葛": "zhu ge", "上官": "shang guan",
    "司徒": "si tu", "东方": "dong fang", "皇甫": "huang fu", "令狐": "ling hu",
    "夏侯": "xia hou", "慕容": "mu rong", "公孙": "gong sun", "长孙": "zhang sun",
    "宇文": "yu wen", "尉迟": "yu chi", "端木": "duan mu", "轩辕": "xuan yuan",
    "呼延": "hu yan", "南宫": "nan gong", "独孤": "du gu", "西门": "xi men",
    "申屠": "shen tu", "闻人": "wen ren", "万俟": "mo qi", "澹台": "tan tai",
    "百里": "bai li", "钟离": "zhong li", "淳于": "chun yu", "濮阳": "pu yang",
    "公冶": "gong ye", "司空": "si kong", "太史": "tai shi", "第五": "di wu",
    "东郭": "dong guo", "左丘": "zuo qiu", "拓跋": "tuo ba", "赫连": "he lian",
}

# The surname reading of polyphonic single surnames whose first reading in pypinyin is
# not the surname's (every other surname takes pypinyin's first reading).
SURNAME_READINGS = {
    "单": "shan", "曾": "zeng", "解": "xie", "区": "ou", "仇": "qiu", "朴": "piao",
    "查": "zha", "盖": "ge", "乐": "yue", "覃": "qin", "缪": "miao", "秘": "bi",
    "都": "du", "薄": "bo", "卜": "bu", "翟": "zhai", "阚": "kan", "刀": "diao",
}

# Characters common in given names, roughly most frequent first: the names of men and
# women born 1950-2000 (the people at a day-labour hall) before the fashions of the 2010s.
GIVEN = """
伟芳娜敏静秀英华丽强磊军洋勇艳杰娟涛明超霞平刚桂兰玉红梅建国文辉力永健志海斌波宁亮峰
林飞鹏燕玲萍春云琴凤莉晓小东宇浩俊凯鑫帅旭龙阳成金德新庆福生荣祥清颖慧婷雪琳晶倩丹洁
霞娇珍琼芬瑶怡欣佳雅妍璐涵萱梓子轩博晨嘉雨思睿辰泽铭皓豪诗语可馨琪若然昊哲瑾彤钰悦
凤英翠菊兰珠淑惠美巧彩素莲真环香月媛瑞凡琦茜秋珊莎锦青婉娴露仪荷蓉君蕊薇菁梦岚婕
卫红跃进援朝胜利解放向爱设立军民兵学光耀宗继承传绍先锋钢铁根柱锁石牛虎宝喜旺财禄寿
来富贵全满留存保占登发双连友忠孝礼仁义智信厚道守本正直家树林松柏桃杏桂菊竹梅莲荷
山海江河湖波涛洪流泉溪川峰岭岩石玉金银铜钢铁鑫森林木土田禾苗秀芝兰草花叶果实
一二三四五六七八九十百千万亿大中小少长幼老元春夏秋冬日月星辰风云雷电雨雪霜露冰晴
安平康乐福禄寿喜庆祥瑞吉利顺达通泰和美丽佳好善良德贤淑慧敏智聪颖明亮辉煌光华
忠诚信义仁孝礼勤俭朴实厚道正刚强勇毅坚定志远鹏飞腾跃振兴旺盛昌隆茂丰富裕
秀丽娟娥芬芳莉萍燕玲凤霞艳红梅桂兰菊英珍珠翠琴琳瑛瑶璐璇瑜瑾瑞琦琪琼珊
雯霖霏露雪霜云月星晨曦阳光彩虹丹青碧蓝紫绿翠黛墨白素洁净纯真善美雅静娴淑婉柔
巧慧敏聪灵秀俏倩妮娜娅妍姗婷婧媛嫣娇姣媚婵娟姝妤嫦娥伟杰俊豪雄威武刚毅强勇猛壮健康宏宇轩昂浩瀚博文儒雅彬斌武威振奋进取
鹏程万里飞翔腾达龙凤麟骏驰骐骥虎豹鹰鹤鸿雁燕莺鹂鹃凤凰
晓东晓明晓光晓红晓丽晓燕晓梅晓华
国庆国强国华国平国栋国良国明国辉国忠国胜国富国民国军
永红永刚永强永生永胜永平永明永华永利永祥永福永康永庆
建华建平建军建国建新建明建伟建林建忠建英建文建勇
志刚志强志明志勇志伟志华志军志远志坚志宏志成志高
春花春梅春兰春燕春英春华春生春林春雨春阳春晖
桂英桂兰桂芳桂花桂香桂珍桂荣桂琴桂芝桂莲
淑珍淑英淑兰淑芳淑华淑贞淑琴淑敏淑娟淑霞
玉兰玉珍玉梅玉芳玉英玉华玉凤玉霞玉莲玉洁
金凤金花金兰金英金华金生金龙金宝金贵金福
德明德华德胜德福德才德贵德林德成德全德荣
子涵梓涵子轩梓轩浩然浩宇宇轩一诺依诺欣怡梓萱诗涵雨涵若汐语桐沐宸奕辰
睿泽铭轩皓轩俊熙烨磊浩宇博文宇航子墨一鸣晨阳思远嘉怡可欣佳怡
航然瀚钰烨凯畅坤瑜晗彦宸奕熙翊煜昕琰珏琬瑗璇
鑫淼森焱磊晶品众
帆航舟远路道恩怀思念忆宏图远大广深博尚崇峻岭嵘巍
建设国家民族团结卫东旗美友谊新生久长青存根顺来留住敬恭良俭
贺庆祝福禧瑞祯祺祥禄
卿聪澜毓昭爽茗羽希欣飘育滢馥筠柔霭凝欢霄枫芸菲寒伊亚宜舒影荔枝初梵罡恒桦骅剑宽
灵玛晴容烁堂唯韦苇阅彦逸蝶菡烟绮岳崇峻嵩巍岗岱屹
迪涓淇湘漫潇澄沁汐泓浈涟淳渊源澈津沛汀沙洲
炜炎焕煊烽熠灿耀晖晔昕晟昊昱晏晋昶暄曜
琛珂珑玲琅璋瑛璐珈玮琨瑶琼瑾瑜琦琪珍珠
鹤鸣鸾鹃鹂鸥凰麒麟骊驹骁驰
坤培城均基增墨壮
钧锐锋铭镇钊铠锦铎鉴镜钰鑫铮锟
彬杉柯栋梁楠桐榆槐柳杨杭松柏梓森林枫桦樟
芮芸芝芷苒茹荟莹萌菲萱蓓蕾蔚薇兰芙蓉茵荃
洪涛波澜浪潮汐流溪泉源
"""

# Given-name characters read otherwise (or more than one way) in names than pypinyin's
# first reading.
GIVEN_READINGS = {
    "乐": "le yue", "朝": "zhao chao", "长": "chang zhang", "重": "chong zhong",
    "行": "xing hang", "茜": "qian xi", "晟": "sheng cheng", "柏": "bai bo",
    "蔚": "wei", "解": "jie", "参": "shen", "都": "du",
}

_SYLLABLE = re.compile(r"[a-z]*[aeiouv][a-z]*")


@cache
def toneless(marked: str) -> str:
    """"lǚ" → "lv": pypinyin's reading without its tone, ü as v."""
    return str(to_normal(marked.strip()))


def gb2312_chars() -> list[tuple[str, int]]:
    """Every GB2312 hanzi with its level (1: common, 2: less common), in GB2312 order."""
    chars: list[tuple[str, int]] = []
    for high in range(0xB0, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                ch = bytes((high, low)).decode("gb2312")
            except UnicodeDecodeError:
                continue
            chars.append((ch, 1 if high < 0xD8 else 2))
    return chars


def readings_of(ch: str) -> list[str]:
    """The toneless readings pypinyin has for one character (ü as v), first one first."""
    out: list[str] = []
    for marked in pinyin_dict.get(ord(ch), "").split(","):
        syllable = toneless(marked)
        if _SYLLABLE.fullmatch(syllable) and syllable not in out:
            out.append(syllable)
    return out


def phrase_counts() -> Counter[tuple[str, str]]:
    """How many phrases of pypinyin's phrase dictionary use each (character, reading)."""
    counts: Counter[tuple[str, str]] = Counter()
    for phrase, pinyins in phrases_dict.items():
        if len(phrase) != len(pinyins):
            continue
        for ch, options in zip(phrase, pinyins, strict=True):
            counts[ch, toneless(options[0])] += 1
    return counts


def general_order() -> list[str]:
    """"字pinyin" for every GB2312 character and reading, most common first."""
    counts = phrase_counts()
    keyed: list[tuple[int, int, int, str, str]] = []
    for ch, level in gb2312_chars():
        for i, syllable in enumerate(readings_of(ch)):
            score = counts[ch, syllable] + (1 if i == 0 else 0)
            if score:  # a later reading no phrase uses is archaic: left out
                keyed.append((-score, level, ord(ch), syllable, ch))
    keyed.sort()
    return [ch + syllable for _, _, _, syllable, ch in keyed]


def unique(text: str) -> list[str]:
    """The CJK characters of `text`, each once, in first-seen order."""
    seen: dict[str, None] = {}
    for ch in text:
        if not ch.isspace():
            seen.setdefault(ch, None)
    return list(seen)


def check_char(ch: str, where: str) -> list[str]:
    """The readings of a listed character; stops the build if it cannot be shipped."""
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        sys.exit(f"{where}: {ch} is not a GB2312 character")
    readings = readings_of(ch)
    if not readings:
        sys.exit(f"{where}: pypinyin has no reading for {ch}")
    return readings


def chosen_readings(ch: str, wanted: str | None, where: str) -> list[str]:
    """`wanted` (space-separated) checked against pypinyin, else the only/first reading."""
    readings = check_char(ch, where)
    if not wanted:
        return readings[:1]
    picked = wanted.split()
    unknown = [p for p in picked if p not in readings]
    if unknown:
        sys.exit(f"{where}: {ch} is not read {unknown} in pypinyin ({readings})")
    return picked


def surname_entries() -> list[list[str]]:
    """[surname, "reading reading"] for single and compound surnames, by frequency."""
    singles = unique(SURNAMES)
    entries: list[list[str]] = []
    for ch in singles:
        entries.append([ch, chosen_readings(ch, SURNAME_READINGS.get(ch), "SURNAMES")[0]])
    for name, spelled in COMPOUND_SURNAMES.items():
        syllables = spelled.split()
        for ch, syllable in zip(name, syllables, strict=True):
            chosen_readings(ch, syllable, f"COMPOUND_SURNAMES {name}")
        entries.append([name, spelled])
    return entries


def given_entries() -> list[list[str]]:
    """[character, "reading reading"] for given-name characters, by frequency."""
    return [[ch, " ".join(chosen_readings(ch, GIVEN_READINGS.get(ch), "GIVEN"))]
            for ch in unique(GIVEN)]


def build() -> bytes:
    data = {
        "format": FORMAT,
        "about": "Pinyin name keypad data; rebuild with scripts/build_name_chars.py",
        "pypinyin": version("pypinyin"),
        "charset": "GB2312",
        "surnames": surname_entries(),
        "given": given_entries(),
        "general": " ".join(general_order()),
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (text + "\n").encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=OUT, help="where to write the JSON")
    parser.add_argument("--check", action="store_true",
                        help="only compare with the existing file; exit 1 if it differs")
    args = parser.parse_args(argv)
    built = build()
    if args.check:
        current = args.out.read_bytes() if args.out.exists() else b""
        if current != built:
            print(f"{args.out} is stale: run scripts/build_name_chars.py", file=sys.stderr)
            return 1
        return 0
    args.out.write_bytes(built)
    return 0


if __name__ == "__main__":
    sys.exit(main())
