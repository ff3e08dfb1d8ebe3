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
sys.path.insert(0, str(ROOT))
from kiosk.core.glyphs import drawable  # noqa: E402 - the font chain's coverage

OUT = ROOT / "assets" / "name_chars.json"
RARE_OUT = ROOT / "assets" / "name_chars_rare.json"
# The rare characters' blocks: CJK Unified Ideographs and extension A, then B to G.
HANZI = ((0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0x20000, 0x3134F))
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

# Characters common in given names, in tiers, roughly most frequent first: the commonest
# name characters of people born 1950-2000 (the people at a day-labour hall); the fashions
# of the 2000s-2010s; the older generation's plain and political names; more women's and
# men's characters; then a sweep by syllable of other characters seen in names.
GIVEN = """
英华玉秀明文芳兰国红丽金平建海云春荣德林珍志军小永凤梅成霞燕伟强杰光新生清敏俊刚亮辉
宏娟桂琴艳勇峰洪涛斌波磊超鹏飞静婷雪玲萍娜颖慧洁丹莉琳晓东宇浩鑫龙阳洋福庆祥贵富胜利民
安宁康乐芬兵良忠义仁智卫菊花香月美淑惠珠翠雅芝娥彩琼爱莲真媛瑞佳嘉勤贞叶晶妍倩婉瑶怡
仪蓉君蕊薇梦岚馨
子梓轩涵萱博晨雨思辰泽铭皓豪语可琪若然昊哲彤钰悦凯帅旭航奕熙宸诺依一沐瀚烨畅坤瑜晗煜
昕琰欣诗瑾翊珏琬瑗晟桦骅容
发财喜旺根柱保全满来存占登双连友家树松柏山江河湖泉溪川岩石银铁钢森木田禾苗果实二三四
五六七八九十百千万大中长少元日星辰风雷电霜露晴虹青碧紫绿黛素纯善良贤顺达通泰和好吉禄
寿毅坚定远腾跃振兴盛昌隆茂丰裕进援朝向立学耀宗继承传绍先锋虎豹牛宝有才
瑛璐琦珊霖霏雯曦巧灵俏妮娅姗婧嫣娇姣媚婵姝妤嫦姿颜娣环莎锦茜秋婕韵艺卿聪毓昭冰爽羽
育滢筠柔凝欢枫芸菲寒伊亚宜舒影初菁
雄武壮健昂儒彬驰骏麟骐骥鹰鹤鸿雁恒剑宽睿堂唯韦威彦逸
迪涓淇湘漫潇澄沁汐泓涟淳渊源澈津沛汀洲炜炎焕煊烽熠灿晖晔昱晏晋昶暄曜琛珂珑琅璋珈玮琨
鸣鸾鸥麒驹骁培城均基增墨钧锐锋镇钊铠铎鉴镜铮锟杉柯栋梁楠桐榆槐柳杨杭樟芮芷苒茹荟莹萌
蓓蕾蔚芙茵荃帆舟桥路蝶莺鹂鹃凰敬恭俭恩怀念图淼焱品娴孝信守直岭铜净奋嵘贺祝禧祯飘霄荔梵罡烁苇阅菡嵩岗岱屹骊浪锁留住白
安昂傲敖奥霭百宝保葆贝蓓本滨炳秉伯勃渤步宾标彪碧璧弼必
采灿璨苍沧策岑曾常超潮臣诚承程澄乘池持崇纯慈翠萃婵粲
旦道登涤笛典丁冬都笃端敦朵恩尔凡繁方放菲斐风逢奉甫馥
港高歌格阁庚耕功巩贡冠广含函翰汉灏荷合赫衡弘厚桓徽卉汇蕙
纪继季济甲姜蛟捷锦槿劲京精靖竞景炯久玖举隽峻郡
楷恺抗克魁澜蓝朗蕾黎礼理力励俐廉领令六铃凌龄伶禄鹿伦纶罗洛
玛迈曼萌蒙孟勉妙岷茗模默牧慕穆南年宁农鸥佩朋蓬屏坪珀普浦
齐祺旗其启起绮谦乾前乔芹秦庭庆求全权群任榕融如汝润
韶尚深申圣士世仕书树双硕斯颂肃穗坦韬桃陶天甜添廷亭霆同童
婉皖望微巍维闻稳舞悟夕西希侠夏仙先弦显献宪翔项笑啸心兴杏幸熊修绪序宣璇炫勋逊
延言研扬仰尧业颐亦弈益谊翼懿樱迎盈营咏泳优佑幼于余俞渝誉园原圆愿越岳允运蕴
增展湛章彰照桢震正政峥枝知致治钟众重周竹卓灼宗祖尊佐作
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


def is_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def rare_order() -> list[str]:
    """"字pinyin" for every hanzi outside GB2312 that pypinyin reads and the font chain
    draws (GB 18030's rarer characters, extension A to G), the ones phrases use first,
    then by code point; every reading of each."""
    counts = phrase_counts()
    keyed: list[tuple[int, int, str, str]] = []
    for code in sorted(pinyin_dict):
        ch = chr(code)
        if not any(a <= code <= b for a, b in HANZI) or is_gb2312(ch) or not drawable(ch):
            continue
        for i, syllable in enumerate(readings_of(ch)):
            keyed.append((-(counts[ch, syllable] + (1 if i == 0 else 0)), code, syllable, ch))
    keyed.sort()
    return [ch + syllable for _, _, syllable, ch in keyed]


def build_rare() -> bytes:
    data = {"format": FORMAT, "about": "Rare name characters (outside GB2312) for the pinyin "
            "keypad; rebuild with scripts/build_name_chars.py", "pypinyin": version("pypinyin"),
            "rare": " ".join(rare_order())}
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode()


def unique(text: str) -> list[str]:
    """The CJK characters of `text`, each once, in first-seen order."""
    seen: dict[str, None] = {}
    for ch in text:
        if not ch.isspace():
            seen.setdefault(ch, None)
    return list(seen)


def check_char(ch: str, where: str) -> list[str]:
    """The readings of a listed character; stops the build if it cannot be shipped."""
    if not is_gb2312(ch):
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
    parser.add_argument("--rare-out", type=Path, default=RARE_OUT,
                        help="where to write the rare characters' JSON")
    parser.add_argument("--check", action="store_true",
                        help="only compare with the existing file; exit 1 if it differs")
    args = parser.parse_args(argv)
    files = {args.out: build(), args.rare_out: build_rare()}
    if args.check:
        stale = [path for path, built in files.items()
                 if not path.exists() or path.read_bytes() != built]
        for path in stale:
            print(f"{path} is stale: run scripts/build_name_chars.py", file=sys.stderr)
        return 1 if stale else 0
    for path, built in files.items():
        path.write_bytes(built)
    return 0


if __name__ == "__main__":
    sys.exit(main())
