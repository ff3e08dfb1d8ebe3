"""The discrimination check for job posts: labelled phrases, full ads, rules file, robustness."""

from __future__ import annotations

import json
import time
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.core.post_check import (
    BLOCK,
    LAWFUL,
    WARN,
    PostRules,
    check_post,
    explain,
    load_rules,
    normalise,
    post_errors,
    rules_from_data,
)
from kiosk.demo.seed import JOB_TEMPLATES
from tests.core.strategies import full_width

RULES = load_rules()

# (phrase, the category that must block it)
FLAGGED = [
    ("限男", "gender"), ("仅招女性", "gender"), ("只招男性", "gender"), ("仅限男性", "gender"),
    ("男性优先", "gender"), ("女士优先", "gender"), ("限女", "gender"), ("要求女性", "gender"),
    ("只要男的", "gender"), ("女性勿扰", "gender"), ("不招女工", "gender"),
    ("招聘女服务员", "gender"), ("性别：男", "gender"), ("保姆（女）", "gender"),
    ("要求：男，能吃苦", "gender"), ("优先录用男性", "gender"), ("小伙子优先", "gender"),
    ("要男的，能扛水泥", "gender"), ("本岗位仅适合男性", "gender"), ("45岁内", "age"),
    ("年龄上限45", "age"), ("限济南本地人", "region_hukou"),
    ("已婚女性优先", "marital_childbearing"),
    ("女160以上", "appearance"), ("相貌周正", "appearance"), ("腿脚不便者勿扰", "disability"),
    ("35岁以下", "age"), ("18-35岁", "age"), ("年龄35周岁以内", "age"),
    ("40岁以上勿扰", "age"), ("限90后", "age"), ("95后优先", "age"), ("三十五岁以下", "age"),
    ("年龄二十至四十五岁", "age"), ("年龄：25~45", "age"), ("不超过45周岁", "age"),
    ("45岁以上的不要", "age"), ("年轻人优先", "age"), ("中老年勿扰", "age"),
    ("年龄在18到50岁之间", "age"), ("九零后", "age"), ("年龄≤40", "age"),
    ("限本地户口", "region_hukou"), ("本地人优先", "region_hukou"),
    ("不招河南籍", "region_hukou"), ("不要新疆人", "region_hukou"), ("限山东籍", "region_hukou"),
    ("外地人勿扰", "region_hukou"), ("农村户口不要", "region_hukou"),
    ("要求济南户籍", "region_hukou"), ("河南人勿扰", "region_hukou"),
    ("东北人免谈", "region_hukou"), ("只招本地人", "region_hukou"), ("籍贯：山东", "region_hukou"),
    ("汉族", "ethnicity"), ("少数民族勿扰", "ethnicity"), ("限汉族", "ethnicity"),
    ("维吾尔族不要", "ethnicity"), ("不招藏族", "ethnicity"),
    ("信教者勿扰", "religion"), ("无宗教信仰", "religion"), ("不信教", "religion"),
    ("穆斯林勿扰", "religion"), ("工作时不得戴头巾", "religion"),
    ("已婚已育优先", "marital_childbearing"), ("未婚", "marital_childbearing"),
    ("未育勿扰", "marital_childbearing"), ("怀孕勿扰", "marital_childbearing"),
    ("孕妇勿扰", "marital_childbearing"), ("限已婚", "marital_childbearing"),
    ("两年内无生育计划", "marital_childbearing"), ("入职需做孕检", "marital_childbearing"),
    ("宝妈勿扰", "marital_childbearing"), ("哺乳期勿扰", "marital_childbearing"),
    ("乙肝勿扰", "health"), ("无乙肝", "health"), ("HIV携带者勿扰", "health"),
    ("乙肝携带者不要", "health"), ("艾滋病勿扰", "health"), ("体检查乙肝五项", "health"),
    ("残疾人勿扰", "disability"), ("无残疾", "disability"), ("不招残疾人", "disability"),
    ("身体无缺陷", "disability"), ("聋哑人勿扰", "disability"),
    ("五官端正", "appearance"), ("形象好气质佳", "appearance"), ("身高165以上", "appearance"),
    ("长相甜美", "appearance"), ("身高1.70米以上", "appearance"), ("体重120斤以下", "appearance"),
    ("招美女服务员", "appearance"), ("身高一米六以上", "appearance"), ("170cm以上", "appearance"),
    # a condition written as a bare clause, spaces as separators, indirect wording
    ("女，已婚，45岁以下", "marital_childbearing"), ("招保安 男 50岁以下", "gender"),
    ("招保安 男 50岁以下", "age"), ("30岁左右", "age"), ("年龄要求二十至四十五", "age"),
    ("十四岁以上即可", "age"), ("限本地", "region_hukou"), ("济南户口优先", "region_hukou"),
    ("外来人员勿扰", "region_hukou"), ("回民勿扰", "ethnicity"), ("服务员，回族", "ethnicity"),
    ("不吃猪肉的不要", "religion"), ("宝妈优先", "marital_childbearing"),
    ("有小孩的不要", "marital_childbearing"), ("肝功能异常者勿扰", "health"),
    ("有残疾证的不要", "disability"), ("个子高的优先", "appearance"), ("招壮小伙", "gender"),
    ("未婚女性", "gender"), ("本岗位不适合女性", "gender"),
    ("最好是女的", "gender"), ("四十来岁的就行", "age"), ("五十岁往下", "age"),
    ("年龄不过五十", "age"), ("外省的暂不考虑", "region_hukou"), ("限本区居民", "region_hukou"),
    ("有小孩要照顾的就别来了", "marital_childbearing"), ("仅收本地身份证", "region_hukou"),
    ("户籍：山东省内", "region_hukou"), ("四川、贵州老乡优先", "region_hukou"),
    ("正在哺乳的不要", "marital_childbearing"), ("电子厂招工：女工，16-35岁", "gender"),
    ("小伙子，十五岁以上可以", "age"), ("1985年以后出生", "age"),
    ("限18至35周岁男性", "gender"), ("招身体强壮的男青年", "gender"),
    ("本人须生育过孩子", "marital_childbearing"), ("身体残疾者不得报名", "disability"),
    ("不要40岁以上的", "age"), ("肝功能检查不合格不录用", "health"),
    ("要求本地常住人口", "region_hukou"), ("孕妇及哺乳期妇女不适合", "marital_childbearing"),
]

# Wording staff should see but that does not stop saving.
WARNED = [
    ("男工5名", "gender"), ("年龄18-60岁", "age"), ("四肢健全", "disability"),
    ("无纹身", "appearance"), ("年轻力壮", "age"), ("25岁以上", "age"),
    ("老乡优先", "region_hukou"), ("男保安3名", "gender"), ("仪表端庄", "appearance"),
    ("无肝炎", "health"), ("本店员工多为已婚", "marital_childbearing"),
    ("保洁阿姨2名", "gender"), ("无传染病", "health"), ("无明显疤痕", "appearance"),
    ("年龄65岁以下", "age"),
]

LEGITIMATE = [
    "需持电工证", "能搬运50斤", "年满18周岁", "男女不限", "年龄不限", "健康证", "持健康证上岗",
    "不限男女", "性别不限", "不限户籍", "户籍不限", "16周岁以上", "18周岁以上", "未满18周岁勿扰",
    "18岁以下勿扰", "非诚勿扰", "不能吃苦者勿扰", "嫌累勿扰", "身体健康，能吃苦耐劳", "体力好",
    "持焊工证", "有叉车证优先", "有经验者优先", "住附近者优先", "男女工均可", "招男工女工各5名",
    "晚上8:00后下班", "女装车位工", "提供男女宿舍", "残疾人优先", "乙肝携带者也可",
    "公司提供乙肝疫苗接种", "民族不限", "尊重少数民族风俗习惯", "婚否不限", "宗教信仰不限",
    "山东济南槐荫区段店北路", "需带身份证和户口本", "每天工作8小时，下午5点后可走", "服从安排",
    "少数民族优先", "工作服整洁", "男60周岁以下，女50周岁以下", "未超过法定退休年龄",
    "日结200元，干满30天后奖励", "清真餐厅招服务员，男女不限", "不考虑籍贯", "男、女不限",
    "女职工享受产假", "孕期女职工不安排夜班", "缴纳五险含生育保险", "欢迎50岁以上的师傅",
    "有犯罪记录者勿扰", "招聘本地工人", "新疆棉花采摘，包路费",
    "男 女 不限", "不限 户籍", "籍贯 不限", "不需要本地户口", "需本地熟悉路线", "限重50公斤的货物",
    "照顾老人，老人85岁，男，需陪护", "提供女工宿舍", "已婚夫妇可申请夫妻房", "不查乙肝",
    "50岁以上的也要", "工作环境漂亮", "欢迎阿姨大姐", "适合宝妈兼职", "照顾90后宝宝",
    "年龄五十五岁以下的女士、六十岁以下的男士", "保洁阿姨/叔叔均可", "男工：3名，女工：2名",
    "籍贯：不限", "找工作的大哥大姐们看过来", "16周岁以上可以", "五十多岁的也可以",
    "需照顾男性老人", "需服务女性顾客", "需照看男孩一名，7岁", "照顾孕期妇女的月嫂",
    "按当地规定男性不超过60周岁、女性不超过50周岁",
]

FULL_ADS = [
    ("槐荫区某工地招小工10名，男女不限，年满18周岁，能搬运50斤，日结200元，管午饭。", False),
    ("招聘电工2名，需持电工证，有厂房线路改造经验优先，300元/天，周结。", False),
    ("食堂帮厨，需持健康证，能早起，月休4天，工资面议。", False),
    ("写字楼保洁，年龄不限，身体健康，做一休一，每小时25元。", False),
    ("招聘仓库分拣员，限男性，35岁以下，限本地户口，日结180。", True),
    ("酒店招服务员，女，18-28岁，身高160以上，形象好气质佳，已婚已育优先。", True),
    ("物流园卸货，男工若干，能吃苦，日结250，河南人勿扰。", True),
    ("家政保姆，45岁以下，无乙肝，未育勿扰。", True),
]


def categories(text: str, severity: str = BLOCK) -> set[str]:
    return {h.code for h in check_post(text, RULES).hits if h.severity == severity}


@pytest.mark.parametrize(("text", "category"), FLAGGED)
def test_discriminatory_phrase_is_flagged_in_its_category(text: str, category: str) -> None:
    check = check_post(text, RULES)
    assert check.flagged, text
    assert category in categories(text), (text, [h.to_json() for h in check.hits])


@pytest.mark.parametrize(("text", "category"), WARNED)
def test_soft_wording_warns_without_blocking(text: str, category: str) -> None:
    check = check_post(text, RULES)
    assert not check.flagged, [h.to_json() for h in check.hits]
    assert category in categories(text, WARN)


@pytest.mark.parametrize("text", LEGITIMATE)
def test_legitimate_requirement_passes(text: str) -> None:
    check = check_post(text, RULES)
    assert check.hits == (), [h.to_json() for h in check.hits]


@pytest.mark.parametrize(("text", "flagged"), FULL_ADS)
def test_full_ads(text: str, flagged: bool) -> None:
    assert check_post(text, RULES).flagged is flagged


def test_tables_are_big_enough() -> None:
    assert len(FLAGGED) >= 60 and len(LEGITIMATE) >= 30
    assert {c for _, c in FLAGGED} == {c.category.code for c in RULES.categories}


def test_demo_job_titles_are_never_flagged() -> None:
    titles = [t for titles, *_ in JOB_TEMPLATES.values() for t in titles]
    assert titles
    for title in titles:
        assert check_post(title, RULES).hits == (), title


def test_hit_keeps_phrase_span_category_and_basis() -> None:
    text = "招搬运工，限 男性，日结"
    (hit,) = check_post(text, RULES).hits
    assert (hit.code, hit.phrase, hit.severity) == ("gender", "限 男性", BLOCK)
    assert text[hit.start:hit.end] == hit.phrase
    assert hit.category.zh == "性别" and "第二十七条" in hit.category.basis_zh
    assert hit.to_json()["category"] == "gender"


@pytest.mark.parametrize(("text", "phrase"), [
    ("限　男", "限　男"), ("３５岁以下", "３５岁以下"), ("35 岁 以 下", "35 岁 以 下"),
    ("ＨＩＶ携带者勿扰", "ＨＩＶ携带者勿扰"), ("年龄三十五周岁以内", "年龄三十五周岁以内"),
    ("四十岁以上勿扰", "四十岁以上勿扰"), ("八零后勿扰", "八零后"),
])
def test_width_spacing_and_chinese_numerals(text: str, phrase: str) -> None:
    hits = check_post(text, RULES).hits
    assert check_post(text, RULES).flagged
    assert phrase in {h.phrase for h in hits}, [h.phrase for h in hits]


def test_full_width_ascii_is_the_same_as_half_width() -> None:
    for text, _ in FLAGGED:
        assert check_post(full_width(text), RULES).flagged, text


def test_chinese_numerals_only_before_age_words() -> None:
    assert normalise("三十五岁以下").text == "35岁以下"
    assert normalise("九五后").text == "95后"
    assert normalise("五官端正。一天十个小时").text == "五官端正。一天十个小时"


def test_allow_pattern_cancels_only_what_it_overlaps() -> None:
    assert categories("男女不限，35岁以下") == {"age"}
    assert categories("年龄不限，限男") == {"gender"}


def test_a_men_only_limit_on_work_barred_to_women_is_lawful_and_says_why() -> None:
    text = "矿山井下作业，限男性"
    check = check_post(text, RULES)
    assert not check.flagged and categories(text, LAWFUL) == {"gender"}
    zh, en = explain(check, "zh_CN"), explain(check, "en")
    assert "女职工劳动保护特别规定" in zh and "（1）矿山井下作业" in zh
    assert "Decree No. 619" in en and "underground work in mines" in en


@pytest.mark.parametrize(("text", "trade", "item"), [
    ("招装卸工，限男性", "L01", "（3）"),  # a trade of the list: heavy lifting
    ("仓库理货，每包40公斤，只招男工", "L06", "（3）"),  # the post says the load
    ("体力劳动强度第四级，男性", "M01", "（2）"),
])
def test_every_item_of_the_womens_list_allows_a_men_only_limit(
        text: str, trade: str, item: str) -> None:
    check = check_post(text, RULES, trade)
    assert not check.flagged, explain(check, "zh_CN")
    assert item in explain(check, "zh_CN")


def test_a_men_only_limit_elsewhere_blocks_and_names_the_lawful_alternative() -> None:
    check = check_post("招保洁，限男性", RULES, "S01")
    assert check.flagged
    assert "只有法律禁止女职工从事的劳动" in explain(check, "zh_CN")
    assert "may be for men only" in explain(check, "en")


def test_a_women_only_limit_on_work_barred_to_women_still_blocks() -> None:
    assert check_post("矿山井下作业，只招女性", RULES).flagged
    assert check_post("女士勿扰", RULES, "L01").hits[0].severity == LAWFUL
    assert check_post("男士勿扰", RULES, "L01").flagged


def test_an_adult_only_limit_on_work_barred_to_minors_is_explained() -> None:
    check = check_post("招电焊工，年满18周岁", RULES, "C05")
    (hit,) = check.hits
    assert hit.severity == LAWFUL and hit.code == "age" and not check.flagged
    assert "未成年工特殊保护规定" in explain(check, "zh_CN") and "3.11" in hit.note_zh
    assert check_post("招保洁，年满18周岁", RULES, "S01").hits == ()


def test_the_title_and_description_are_judged_together() -> None:
    fields = {"title": "井下工 限男", "description": "矿山井下作业，日结"}
    assert post_errors(fields, RULES) == ()
    assert post_errors({"title": "保洁 限男", "description": "日结"}, RULES)


def test_explanation_names_category_phrase_and_basis() -> None:
    check = check_post("限本地户口，35岁以下", RULES)
    zh, en = explain(check, "zh_CN"), explain(check, "en")
    assert "请修改" in zh and "地域和户籍" in zh and "“限本地户口”" in zh and "第三十一条" in zh
    assert "Region" in en and "35岁以下" in en and "art. 31" in en
    assert explain(check_post("男女不限", RULES), "zh_CN") == ""


# -- the rules file ------------------------------------------------------------------------

def raw_rules() -> dict[str, object]:
    data: dict[str, object] = json.loads(resources.files("kiosk_assets").joinpath(
        "post_rules.json").read_text(encoding="utf-8"))
    return data


def test_rules_file_is_complete() -> None:
    data = raw_rules()
    assert isinstance(data["version"], int) and data["version"] >= 1
    categories_data = data["categories"]
    assert isinstance(categories_data, list)
    codes = [c["code"] for c in categories_data]
    assert len(codes) == len(set(codes))
    assert {"gender", "age", "ethnicity", "region_hukou", "religion", "marital_childbearing",
            "health", "disability", "appearance"} <= set(codes)
    for category in categories_data:
        assert category["name"]["zh"] and category["name"]["en"]
        assert category["basis"]["zh"] and category["basis"]["en"]
        assert category["rules"] and category["allow"]
        for rule in category["rules"]:
            assert rule["severity"] in (BLOCK, WARN)
            assert rule.get("phrases") or rule.get("regex")
            assert rule["id"].startswith(category["code"].split("_")[0])
    ids = [r["id"] for c in categories_data for r in c["rules"]]
    assert len(ids) == len(set(ids))


def test_every_pattern_compiles_and_matches_something_non_empty() -> None:
    for group in RULES.categories:
        for rule in group.rules:
            for pattern in rule.patterns:
                assert not pattern.match(""), (rule.id, pattern.pattern)


def test_a_bad_pattern_is_a_value_error() -> None:
    data = raw_rules()
    categories_data = data["categories"]
    assert isinstance(categories_data, list)
    categories_data[0]["rules"][0]["regex"] = ["(unclosed"]
    with pytest.raises(ValueError, match="post rules"):
        rules_from_data(data)


def test_rules_can_be_replaced_by_newer_data() -> None:
    data = raw_rules()
    data["version"] = 7
    categories_data = data["categories"]
    assert isinstance(categories_data, list)
    categories_data[0]["rules"].append({"id": "gender.test", "severity": "block",
                                        "phrases": ["只招壮汉"]})
    rules: PostRules = rules_from_data(data)
    check = check_post("只招壮汉", rules)
    assert check.flagged and check.rules_version == 7


# -- properties ----------------------------------------------------------------------------

ALLOW_PHRASES = ["男女不限", "年龄不限", "不限户籍", "年满18周岁", "16周岁以上", "健康证",
                 "需持电工证", "能搬运50斤", "婚否不限", "民族不限", "残疾人优先"]
VOCABULARY = [t for t, _ in FLAGGED] + LEGITIMATE + ["，", "。", "日结", "200元", "工地",
                                                       "招", "限", "不", "岁", "以下", "勿扰"]
SEPARATORS = ["。", "，", "；", "\n"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(VOCABULARY), max_size=8), st.sampled_from(ALLOW_PHRASES),
       st.sampled_from(SEPARATORS), st.booleans())
def test_adding_an_allow_phrase_never_adds_a_hit(words: list[str], allow: str, sep: str,
                                                 before: bool) -> None:
    text = "".join(words)
    added = f"{allow}{sep}{text}" if before else f"{text}{sep}{allow}"
    def problems(checked: str) -> int:  # a limit shown as lawful is no problem
        return sum(h.severity != LAWFUL for h in check_post(checked, RULES).hits)

    assert problems(added) <= problems(text)


CJK = st.text(st.one_of(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
                        st.sampled_from("0123456789 ，。、：（）-~岁后男女限招不勿扰"),
                        st.characters()), max_size=60)


@settings(max_examples=300, deadline=None)
@given(CJK)
def test_any_text_is_checked_without_error_and_spans_point_at_the_phrase(text: str) -> None:
    check = check_post(text, RULES)
    for hit in check.hits:
        assert text[hit.start:hit.end] == hit.phrase and hit.phrase
    assert check.flagged == any(h.severity == BLOCK for h in check.hits)


def test_checking_a_long_post_is_fast() -> None:
    text = "".join(t for t, _ in FLAGGED) * 3 + "".join(LEGITIMATE) * 3
    started = time.perf_counter()
    check_post(text, RULES)
    assert time.perf_counter() - started < 0.5
