"""Realistic demo data for a Jinan hall, written through the use cases like real input."""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from stdnum.cn import uscc

from kiosk.core.drafts import ComplaintDraft, EmployerDraft, JobDraft, NoticeDraft, WorkerDraft
from kiosk.core.errors import Ok
from kiosk.core.fields import with_check_digit
from kiosk.core.records import Employer, Intention, ReferralOrigin, ServiceKind, Worker
from kiosk.core.self_posts import SelfPostSource
from kiosk.core.wages import day_floor_cents
from kiosk.services.hall import Services

SURNAMES = ("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
            "苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦")
GIVEN = ("建国", "建华", "国强", "志强", "秀英", "桂英", "玉兰", "红梅", "丽", "军", "伟", "磊",
         "勇", "芳", "娜", "敏", "静", "强", "洋", "艳", "杰", "涛", "明", "超", "秀兰", "霞",
         "平", "刚", "桂兰", "德胜", "保国", "春生", "金凤", "海燕", "卫东", "新民", "文华",
         "立新", "志刚", "玉梅", "凤英", "长青", "福生", "永红", "学军", "庆华")
# Jinan districts (incl. 莱芜 371202, merged in 2019) and common home regions of migrants.
ID_AREAS = ("370102", "370103", "370104", "370105", "370112", "370113", "370114", "370116",
            "371202", "372301", "371502", "410102", "411302", "341202", "130102", "372901")
PLACES = ("槐荫区段店北路物流园", "槐荫区腊山河西路阳光小区", "市中区二七新村南路",
          "历下区泉城路恒隆广场", "天桥区北园大街工地", "历城区全福立交桥东", "高新区舜华路软件园",
          "长清区大学城", "槐荫区西客站片区", "市中区党家庄镇")
COMPANIES = ("济南鲁建建筑劳务有限公司", "山东泉城物业服务有限公司", "济南顺达物流有限公司",
             "济南家和家政服务有限公司", "山东绿源园林工程有限公司", "济南惠民餐饮管理有限公司",
             "济南安泰保安服务有限公司", "济南速通快递分拣中心")
INDIVIDUALS = ("李先生", "王女士", "张老板", "刘师傅", "陈女士", "赵先生")

# trade code → (job titles, pay in yuan, unit, settlement)
JOB_TEMPLATES: dict[str, tuple[tuple[str, ...], tuple[int, int], str, str]] = {
    "C01": (("住宅楼砌墙", "小区围墙砌筑"), (300, 400), "day", "daily"),
    "C02": (("室内吊顶木工", "门窗套安装"), (300, 380), "day", "daily"),
    "C03": (("厂房线路改造", "商铺电路安装"), (300, 420), "day", "weekly"),
    "C04": (("卫生间水电改造", "暖气管道维修"), (280, 380), "day", "daily"),
    "C05": (("钢结构焊接", "护栏焊接"), (350, 450), "day", "weekly"),
    "C06": (("外墙涂刷", "室内乳胶漆"), (260, 350), "day", "daily"),
    "C09": (("装修清运小工", "瓷砖搬运"), (180, 240), "day", "daily"),
    "C12": (("工地小工", "建筑工地杂活"), (180, 230), "day", "daily"),
    "S01": (("写字楼日常保洁", "开荒保洁"), (25, 35), "hour", "daily"),
    "S02": (("住家保姆", "做饭保姆"), (4500, 6500), "month", "monthly"),
    "S04": (("医院陪护护工", "居家老人护理"), (200, 260), "day", "weekly"),
    "S05": (("饭店帮厨", "食堂切配"), (150, 200), "day", "daily"),
    "S06": (("宴会服务员", "饭店传菜"), (22, 28), "hour", "daily"),
    "L01": (("物流园卸货", "搬家搬运"), (200, 300), "day", "daily"),
    "L02": (("快递分拣夜班", "电商仓分拣"), (22, 28), "hour", "daily"),
    "L04": (("仓库叉车司机",), (230, 300), "day", "weekly"),
    "M01": (("食品厂包装普工", "电子厂流水线"), (170, 220), "day", "weekly"),
    "O01": (("小区绿化养护", "道路绿化修剪"), (150, 200), "day", "daily"),
    "O02": (("商场夜班保安", "工地门卫"), (150, 200), "day", "monthly"),
    "O04": (("大棚蔬菜采摘", "樱桃采摘"), (0, 0), "piece", "on_completion"),
}
NEEDS_CERTIFICATE = {"C03": "electrician", "C05": "welder", "L04": "forklift", "S05": "health",
                     "O02": "security"}


@dataclass
class DemoReport:
    workers: int = 0
    employers: int = 0
    jobs: int = 0
    checkins: int = 0
    referrals: int = 0
    service_events: int = 0
    complaints: int = 0
    notices: int = 0
    self_posts: int = 0  # employers' own posts waiting for the counter (待审核)
    rejected: list[str] = field(default_factory=list)


def seed_demo(services: Services, workers: int, jobs: int, seed: int = 2026) -> DemoReport:
    """Register `workers` workers and post `jobs` jobs (plus check-ins, requests, notices)."""
    rng = random.Random(seed)
    report = DemoReport()
    people = [w for w in (_register_worker(services, rng, report) for _ in range(workers)) if w]
    people += _minors(services, report, workers // 100)
    employers = [_register_employer(services, rng, i, report) for i in range(max(1, jobs // 4))]
    posted = [_post_job(services, rng, rng.choice(employers), report) for _ in range(jobs)]
    _hall_activity(services, rng, people, [j for j in posted if j], report)
    _self_posts(services, employers[0], report)
    return report


def _self_posts(services: Services, returning: Employer, report: DemoReport) -> None:
    """Two employers' own posts for 待审核: a returning employer's, tapped at dawn, and a
    揽头's from a phone draft (neither is a job until staff approve it)."""
    start = services.today() + timedelta(days=1)
    posts = (
        (JobDraft(employer_id="", trade="C01", title="招瓦工3名", place="槐荫区",
                  area="槐荫区", start_date=start, start_time="07:00", pay_amount="300",
                  pay_unit="day", settlement="daily", headcount=3, days="3", meals=True,
                  meeting_point="本驿站门口"), None,
         returning.id, SelfPostSource.TOUCH),
        (JobDraft(employer_id="", trade="L01", title="物流园卸货", place="槐荫区物流园北门",
                  area="槐荫区", start_date=start, start_time="06:00", pay_amount="260",
                  pay_unit="day", settlement="daily", headcount=6, days="2"),
         EmployerDraft(kind="individual", name="孙师傅", phone="13791150026",
                       role="gang_master"), None, SelfPostSource.SCAN),
    )
    for job, employer, employer_id, source in posts:
        result = services.submit_self_post(job, employer=employer, employer_id=employer_id,
                                           source=source, print_receipt=False)
        if isinstance(result, Ok):
            report.self_posts += 1
        else:
            report.rejected.append(f"self-post {job.trade}")


def _register_worker(services: Services, rng: random.Random, report: DemoReport) -> Worker | None:
    for _ in range(5):  # a random ID number may collide with an earlier one
        result = services.register_worker(_worker_draft(services, rng))
        if isinstance(result, Ok):
            report.workers += 1
            return result.value
    report.rejected.append("worker")
    return None


def _worker_draft(services: Services, rng: random.Random) -> WorkerDraft:
    trades = rng.sample(sorted(JOB_TEMPLATES), k=rng.choice((1, 1, 2, 3)))
    areas = sorted(services.settings.areas)
    return WorkerDraft(
        name=rng.choice(SURNAMES) + rng.choice(GIVEN),
        id_number=_id_number(rng, services.today()),
        phone=f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}",
        trades=trades,
        certificates=[NEEDS_CERTIFICATE[t] for t in trades
                      if t in NEEDS_CERTIFICATE and rng.random() < .7],
        intentions=rng.sample([i.value for i in Intention], k=rng.choice((1, 2))),
        areas=rng.sample(areas, k=min(2, len(areas))),
        low_income=rng.random() < .08, disabled=rng.random() < .03, consent_given=True)


def _minors(services: Services, report: DemoReport, count: int) -> list[Worker]:
    """A few 17-year-olds (未成年工): registered like anyone, never matched with or sent to
    work the law keeps from minors (kiosk.core.protected_work)."""
    rng = random.Random("minors")  # its own source: the rest of the demo stays as it was
    today, found = services.today(), []
    for _ in range(count):
        birth = today - timedelta(days=17 * 366 + rng.randrange(300))
        draft = replace(_worker_draft(services, rng), trades=["L01", "S06"], certificates=[],
                        id_number=with_check_digit(
                            f"{rng.choice(ID_AREAS)}{birth:%Y%m%d}{rng.randrange(1000):03d}"))
        result = services.register_worker(draft)
        if isinstance(result, Ok):
            report.workers += 1
            found.append(result.value)
    return found


def _id_number(rng: random.Random, today: date) -> str:
    birth = date(rng.randint(1962, 2005), 1, 1) + timedelta(days=rng.randrange(365))
    birth = min(birth, today - timedelta(days=18 * 366))
    return with_check_digit(f"{rng.choice(ID_AREAS)}{birth:%Y%m%d}{rng.randrange(1000):03d}")


def _register_employer(services: Services, rng: random.Random, i: int,
                       report: DemoReport) -> Employer:
    # Licences and a 揽头's ID number come from a random source of their own, so the rest
    # of the demo stays as it was.
    own = random.Random(f"employer {i}")
    if i % 3 != 2:
        name = COMPANIES[i % len(COMPANIES)]
        role = {4: "dispatch", 7: "agency"}.get(i % 9, "direct")
        draft = EmployerDraft(kind="company", name=name, phone=f"0531-{rng.randrange(10**8):08d}",
                              contact_name=rng.choice(INDIVIDUALS), display_name=name[:6],
                              uscc=_uscc(rng), role=role, licence_no=_licence(own, role))
    else:  # every other individual is a 揽头 who gathers a crew for others
        name = rng.choice(INDIVIDUALS)
        role = "gang_master" if i % 6 == 5 else "direct"
        draft = EmployerDraft(kind="individual", name=name, display_name=name,
                              phone=f"13{rng.randrange(10**9):09d}", role=role,
                              id_number=_id_number(own, services.today())
                              if role == "gang_master" else "")
    result = services.register_employer(draft)
    assert isinstance(result, Ok), result
    report.employers += 1
    return result.value


def _licence(rng: random.Random, role: str) -> str:
    """A licence number as printed: 劳务派遣经营许可证 or 人力资源服务许可证 ("" otherwise)."""
    year = rng.randint(2015, 2024)
    if role == "dispatch":
        return f"鲁济劳派许字〔{year}〕第{rng.randrange(1, 10_000):04d}号"
    if role == "agency":
        return f"（鲁）人服证字〔{year}〕第0104{rng.randrange(10**6):06d}号"
    return ""


LEVELS = {"C": ("helper", "skilled", "master"), "L": ("", "helper"), "S": ("", "apprentice")}
# The hazards of the demo's trades and the equipment they require (架子工 at height,
# 焊工 hot work, 电工 live power, 防水工 on roofs in the heat, 叉车工 machinery …).
TRADE_HAZARDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "C08": (("height",), ("helmet", "harness", "safety_shoes")),
    "C05": (("hot_work",), ("welding_mask", "insulating_gloves")),
    "C03": (("live_electrical",), ("insulating_gloves", "helmet")),
    "C10": (("height", "heat"), ("helmet", "harness")),
    "C07": (("machinery",), ("helmet", "safety_shoes")),
    "L04": (("machinery",), ("helmet", "safety_shoes")),
    "C12": ((), ("helmet",)),
    "C01": ((), ("helmet",)),
}
INSURANCE_KINDS = ("daily_accident", "employer_liability", "work_injury", "none", "")


def _with_facts(draft: JobDraft) -> JobDraft:
    """The facts a worker decides by, drawn from the post itself (a random source of its
    own, so the rest of the demo stays as it was): level, days, meeting point and time,
    what is provided."""
    rng = random.Random(f"{draft.trade}{draft.title}{draft.place}{draft.pay_amount}")
    meeting = ""
    if draft.start_time:
        hour, minute = map(int, draft.start_time.split(":"))
        meeting = f"{(hour * 60 + minute - 30) // 60:02d}:{(hour * 60 + minute - 30) % 60:02d}"
    daily = draft.employment_type == "daily"
    return replace(
        draft, skill_level=rng.choice(LEVELS.get(draft.trade[:1], ("",))),
        days=rng.choice(("", "", "2", "3", "5")) if daily else rng.choice(("30", "60", "")),
        meeting_point=f"{draft.place} 门口" if meeting else "", meeting_time=meeting,
        meals=rng.random() < .6, lodging=not daily and rng.random() < .5,
        tools_provided=rng.random() < .5, insurance=rng.random() < .4,
        hazards=TRADE_HAZARDS.get(draft.trade, ((), ()))[0],
        protective_gear=TRADE_HAZARDS.get(draft.trade, ((), ()))[1],
        insurance_kind=rng.choice(INSURANCE_KINDS))


def _uscc(rng: random.Random) -> str:
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    body = "91370104" + "".join(rng.choice(alphabet) for _ in range(9))
    return body + str(uscc.calc_check_digit(body))


def _post_job(services: Services, rng: random.Random, employer: Employer,
              report: DemoReport) -> str | None:
    trade = rng.choice(sorted(JOB_TEMPLATES))
    titles, (low, high), unit, settlement = JOB_TEMPLATES[trade]
    pay = rng.randint(low, high) if high else rng.choice((1, 2, 3))
    hours = rng.choice(("8", "10", "4", ""))
    if unit == "day":  # never below the minimum wage for the day's hours (kiosk.core.wages)
        pay = max(pay, day_floor_cents(services.minimum_wage(), float(hours or 8)) // 100)
    place = rng.choice(PLACES)
    draft = JobDraft(
        employer_id=employer.id, trade=trade, title=rng.choice(titles), place=place,
        start_date=services.today() + timedelta(days=rng.choice((0, 0, 0, 1, 2, 3, 7))),
        start_time=rng.choice(("06:30", "07:00", "07:30", "08:00", "")), pay_amount=str(pay),
        pay_unit=unit, settlement=settlement, headcount=str(rng.choice((1, 2, 3, 5, 10))),
        certificates=[NEEDS_CERTIFICATE[trade]] if trade in NEEDS_CERTIFICATE else [],
        employment_type="daily" if unit in ("day", "hour") else "long_term",
        area=next((a for a in sorted(services.settings.areas) if place.startswith(a)), ""),
        hours_per_day=hours, urgent=rng.random() < .3,
        day_estimate=str(max(200, -(-day_floor_cents(services.minimum_wage(),
                                                       float(hours or 8)) // 100)))
        if unit == "piece" else "")
    result = services.post_job(_with_facts(draft))
    if isinstance(result, Ok):
        report.jobs += 1
        return result.value.id
    report.rejected.append(f"job {trade}")
    return None


def _hall_activity(services: Services, rng: random.Random, people: list[Worker],
                   job_ids: list[str], report: DemoReport) -> None:
    for worker in rng.sample(people, k=len(people) * 2 // 5):
        if isinstance(services.check_in(worker.id), Ok):
            report.checkins += 1
        if job_ids and rng.random() < .25 and isinstance(
                services.refer(rng.choice(job_ids), worker.id, ReferralOrigin.TOUCHSCREEN), Ok):
            report.referrals += 1
    for worker in [w for w in people if w.low_income or w.disabled][:10]:
        if isinstance(services.add_service_event(worker.id, ServiceKind.GUIDANCE,
                                                 "一对一职业指导，推荐适合岗位"), Ok):
            report.service_events += 1
    for text_zh, text_en in DEMO_NOTICES:
        if isinstance(services.post_notice(NoticeDraft(text_zh, text_en)), Ok):
            report.notices += 1
    if people:
        _demo_complaint(services, people[0], report)


DEMO_NOTICES = (
    ("本市场开放时间：每天 06:00–18:00，登记、推荐全部免费。",
     "Open daily 06:00–18:00. Registration and referrals are free."),
    ("遇到拖欠工资，请拨打 12333 或到服务窗口登记，我们帮您维权。",
     "Unpaid wages? Call 12333 or report at the counter: we will help you."),
    ("招工信息不得含有性别、年龄、地域等就业歧视内容。",
     "Job posts must not discriminate by sex, age or region."),
)


def _demo_complaint(services: Services, worker: Worker, report: DemoReport) -> None:
    today = services.today()
    draft = ComplaintDraft(
        complainant_name=worker.name, phone=worker.phone, employer_name="某装修队（包工头刘某）",
        amount="4800", period_from=today - timedelta(days=40), period_to=today - timedelta(days=20),
        description="在槐荫区某小区做瓦工 16 天，工资至今未结。", worker_id=worker.id)
    if isinstance(services.file_complaint(draft), Ok):
        report.complaints += 1
