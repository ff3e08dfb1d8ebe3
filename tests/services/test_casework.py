"""The counter's reads for complaints and notices (kiosk.services.casework)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from kiosk.core.drafts import NoticeDraft
from kiosk.core.errors import Ok
from kiosk.core.records import Notice
from kiosk.services import casework
from kiosk.services.hall import Services
from tests.conftest import TODAY, FixedClock, id_number, worker_draft


def register(services: Services, name: str, phone: str, seq: int) -> str:
    result = services.register_worker(worker_draft(name=name, phone=phone,
                                                   id_number=id_number(seq=seq)))
    assert isinstance(result, Ok), result
    return result.value.id


def test_workers_are_found_by_phone_or_by_name(services: Services) -> None:
    zhang = register(services, "张建国", "13805311234", 101)
    zhang_ming = register(services, "张建明", "13805312345", 103)
    register(services, "李秀英", "13805313456", 105)
    assert [w.id for w in casework.find_workers(services, "138-0531-1234")] == [zhang]
    assert [w.id for w in casework.find_workers(services, "+86 138 0531 2345")] == [zhang_ming]
    assert [w.id for w in casework.find_workers(services, " 张建国 ")] == [zhang]
    assert {w.id for w in casework.find_workers(services, "张建")} == {zhang, zhang_ming}
    assert casework.find_workers(services, "%") == []  # no wildcard from what is typed
    assert casework.find_workers(services, "") == []


def notice(starts: date, ends: date | None) -> Notice:
    moment = datetime(2026, 11, 23, tzinfo=UTC)
    return Notice("n1", "370104-DDBL", "通知", "", starts, ends, 0, moment, moment)


def test_notice_states_follow_the_boards_rule() -> None:
    day, state = timedelta(days=1), casework.notice_state
    assert state(notice(TODAY, None), TODAY) is casework.NoticeState.SHOWING
    assert state(notice(TODAY - day, TODAY), TODAY) is casework.NoticeState.SHOWING
    assert state(notice(TODAY + day, None), TODAY) is casework.NoticeState.WAITING
    assert state(notice(TODAY - 2 * day, TODAY - day), TODAY) is casework.NoticeState.ENDED


def test_notices_list_the_board_s_first(services: Services, clock: FixedClock) -> None:
    for text, starts, ends, priority in (("已结束", TODAY - timedelta(days=3),
                                          TODAY - timedelta(days=1), 2),
                                         ("普通", TODAY, None, 0), ("紧急", TODAY, None, 2),
                                         ("下周", TODAY + timedelta(days=7), None, 1)):
        result = services.post_notice(NoticeDraft(text, "", starts, ends, priority))
        assert isinstance(result, Ok)
        clock.advance(minutes=1)
    assert [n.text_zh for n in casework.notices(services)] == ["紧急", "普通", "下周", "已结束"]
    assert casework.priority_name(5) == casework.priority_name(2)
