"""At the counter a 17-year-old is never offered work the law keeps from minors: the desk
lists only the other jobs and says why in plain words, 即时快招 does not list them for a
loading job, and a referral tried anyway is refused with the law named, nothing stored."""

from __future__ import annotations

from datetime import date

from kiosk.core.records import Worker
from kiosk.services.hall import Services
from kiosk.ui.counter.desk_page import DeskPage
from kiosk.ui.counter.dispatch_page import DispatchPage
from kiosk.ui.counter.pages import DESK, DISPATCH
from tests.conftest import TODAY, employer_draft, id_number, job_draft, worker_draft
from tests.printers import ok
from tests.ui.counter.conftest import Factory


def register(services: Services, born: date, seq: int) -> Worker:
    worker: Worker = ok(services.register_worker(worker_draft(
        id_number=id_number(born, seq=seq), phone=f"138053{seq:05d}", trades=["L01", "S06"])))
    return worker


def test_a_minor_at_the_counter(make_counter: Factory, services: Services) -> None:
    minor = register(services, date(TODAY.year - 17, 3, 1), 101)
    adult = register(services, date(1990, 1, 1), 103)
    employer = ok(services.register_employer(employer_draft()))
    loading = ok(services.post_job(job_draft(employer.id, trade="L01", title="物流园卸货")))
    serving = ok(services.post_job(job_draft(employer.id, trade="S06", title="宴会服务员")))
    window = make_counter()
    desk = window.show_page(DESK)
    assert isinstance(desk, DeskPage)
    desk.show_worker(minor.id)
    offered = [desk.fit.item(r, 0).data(0x0100) for r in range(desk.fit.rowCount())]
    assert serving.id in offered and loading.id not in offered
    assert "未成年工（未满18周岁）：法律禁止未成年工从事的工作不推荐" in desk.message.text()
    assert "未成年工特殊保护规定" in desk.message.text()

    page = window.show_page(DISPATCH)
    assert isinstance(page, DispatchPage)
    page.show_job(loading.id)
    listed = [page.fit.item(r, 0).data(0x0100) for r in range(page.fit.rowCount())]
    assert listed == [adult.id]  # the minor is not offered for the loading job
    before = services.store.referrals.count()
    refused = window.ctx.dispatch.refer(loading.id, minor.id)
    assert refused.ok is False and "未成年工特殊保护规定" in window.ctx.errors(refused)  # type: ignore[arg-type]
    assert services.store.referrals.count() == before
