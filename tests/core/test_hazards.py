"""Hazard tags, the city's safety briefings and weather stop-work notices as data: what
makes a job hazardous, what a briefing and a notice must hold, when a notice holds and
which jobs it stops."""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from kiosk.core.assets import AssetProblem, check_asset
from kiosk.core.city_content import ContentProblem, pages_from_data, shipped_pages_data
from kiosk.core.hazards import (
    hazard_list,
    hazardous_by_tags,
    insurance_text,
    insured,
)
from kiosk.core.records import Gear, Hazard, InsuranceKind
from kiosk.core.safety_content import (
    briefings_from_data,
    shipped_briefings_data,
    stop_work_from_data,
)
from tests.store import samples


def heat_notice(**changes: Any) -> dict[str, Any]:
    notice: dict[str, Any] = {
        "id": "heat-red-0710", "title_zh": "高温红色预警", "title_en": "Red heat warning",
        "text_zh": "12:00–15:00 停止户外露天作业", "text_en": "No outdoor work 12:00-15:00",
        "starts_at": "2026-07-10T12:00:00+08:00", "ends_at": "2026-07-10T15:00:00+08:00",
        "hazards": ["heat"], "trades": ["C01"], "districts": ["370104"]}
    notice.update(changes)
    return notice


def test_a_job_is_hazardous_by_its_tags_alone() -> None:
    assert hazardous_by_tags(samples.hazardous_job())
    assert not hazardous_by_tags(samples.job())


def test_names_join_in_the_catalogue_order_once_each() -> None:
    tags = (Hazard.MACHINERY, Hazard.HEIGHT, Hazard.HEIGHT)
    assert hazard_list(tags, "zh_CN") == "高处作业、机械作业"
    assert hazard_list(tags, "en", short=True) == "Height, Machines"


def test_the_insurance_a_worker_reads() -> None:
    assert insurance_text(InsuranceKind.DAILY_ACCIDENT, True, "zh_CN") == "单日意外险"
    assert insurance_text(InsuranceKind.NONE, False, "zh_CN") == "用工方未投保"
    assert insurance_text(None, True, "zh_CN") == "有保险（未注明险种）"
    assert insurance_text(None, False, "zh_CN") == ""
    assert insured(InsuranceKind.WORK_INJURY, False) and not insured(InsuranceKind.NONE, True)


def test_the_shipped_briefings_cover_every_tag_with_a_source() -> None:
    briefings = briefings_from_data(shipped_briefings_data())
    assert {b.hazard for b in briefings.items} == set(Hazard)
    height = briefings.for_tags((Hazard.HEIGHT,))[0]
    assert "2米" in height.points_zh[0] and "GB/T 3608" in height.source
    assert Gear.HARNESS in height.gear
    confined = briefings.for_tags((Hazard.CONFINED_SPACE,))[0]
    assert "先通风、再检测、后作业" in confined.points_zh[0]
    assert "有限空间作业安全指导手册" in confined.source
    assert check_asset("safety_briefings", shipped_briefings_data()) == 1


def test_the_insurance_page_ships_with_the_policy_pages() -> None:
    page = next(p for p in pages_from_data(shipped_pages_data()) if p.id == "accident-insurance")
    assert page.title_zh == "灵活就业意外伤害保险" and page.hotline == "12333"
    assert "以当地公布的方案为准" in page.source  # figures kept general, and said so


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d["briefings"][1].update(hazard="height"), "two briefings"),
    (lambda d: d["briefings"].append(copy.deepcopy(d["briefings"][0])), "at most 7"),
    (lambda d: d["briefings"][0].update(hazard="falling"), "unknown value"),
    (lambda d: d["briefings"][0].update(gear=["helmet", "cape"]), "unknown value"),
    (lambda d: d["briefings"][0].update(source=""), "where the facts come from"),
    (lambda d: d["briefings"][0].update(points_zh=[]), "at least one paragraph"),
    (lambda d: d["briefings"][0].update(title_zh="a\nb"), "one line"),
])
def test_bad_briefings_are_refused_with_the_entry_named(change: Any, message: str) -> None:
    data = copy.deepcopy(shipped_briefings_data())
    change(data)
    with pytest.raises(ContentProblem, match=message):
        briefings_from_data(data)
    with pytest.raises(AssetProblem):
        check_asset("safety_briefings", data)


def test_a_stop_work_notice_holds_in_its_hours_and_district_only() -> None:
    notice = stop_work_from_data({"version": 1, "notices": [heat_notice()]})[0]
    noon = datetime(2026, 7, 10, 4, 0, tzinfo=UTC)  # 12:00 in Jinan
    assert notice.holds("370104", noon)
    assert notice.holds("370104", noon + timedelta(hours=2, minutes=59))
    assert not notice.holds("370104", noon + timedelta(hours=3))  # ends at 15:00
    assert not notice.holds("370104", noon - timedelta(seconds=1))
    assert not notice.holds("370112", noon)  # another district
    assert notice.stops("C01", ()) and notice.stops("S03", (Hazard.HEAT,))
    assert not notice.stops("S03", (Hazard.HEIGHT,))


@pytest.mark.parametrize(("changes", "message"), [
    ({"starts_at": "2026-07-10T12:00:00"}, "with its offset"),
    ({"ends_at": "2026-07-10T11:00:00+08:00"}, "after starts_at"),
    ({"hazards": [], "trades": []}, "hazards or trades"),
    ({"hazards": ["wind"]}, "unknown value"),
    ({"trades": ["瓦工"]}, "trade code"),
    ({"trades": ["C01\n"]}, "trade code"),
    ({"districts": ["3701"]}, "6-digit"),
    ({"id": "Heat Red"}, "lower-case"),
    ({"text_zh": ""}, "missing or empty"),
])
def test_bad_stop_work_notices_are_refused(changes: dict[str, Any], message: str) -> None:
    data = {"version": 2, "notices": [heat_notice(**changes)]}
    with pytest.raises(ContentProblem, match=message):
        stop_work_from_data(data)
    with pytest.raises(AssetProblem):
        check_asset("stop_work", data)
