"""The referral slip's code keeps its promise: shown at the hall's counter, it opens the
job with that referral chosen, and staff record the outcome there. A slip of another hall
is explained, not ignored."""

from __future__ import annotations

from datetime import datetime

from kiosk.core.catalogue import Catalogue
from kiosk.core.errors import Ok
from kiosk.core.records import ReferralStatus
from kiosk.services.hall import Services
from kiosk.services.printing import TicketSource
from kiosk.store.print_queue import PrintKind
from kiosk.ui.counter.dispatch_page import DispatchPage
from printers.escpos_bytes import escpos_bytes
from printers.raster import DOTS_58MM, render_image
from tests.conftest import employer_draft, job_draft, worker_draft
from tests.printers import hall, parse_escpos, read_qr
from tests.ui.counter.conftest import Factory


def slip_code(services: Services, catalogue: Catalogue, referral_id: str,
              now: datetime) -> str:
    """The slip as the printer gets it, and its QR read back from the bytes."""
    ticket = TicketSource(services.store, catalogue, hall()).ticket(
        PrintKind.REFERRAL, referral_id, now)
    assert ("到岗时，用工方或本人在任一驿站的触摸屏或服务台扫此码，即确认到岗；"
            "在服务台还可登记是否录用。") in "".join(ticket.texts())
    data = escpos_bytes(render_image(ticket, DOTS_58MM), DOTS_58MM)
    [code] = read_qr(parse_escpos(data).image())
    return code


def test_the_slips_code_opens_the_referral_for_its_outcome(
        make_counter: Factory, services: Services, catalogue: Catalogue) -> None:
    worker = services.register_worker(worker_draft())
    employer = services.register_employer(employer_draft())
    assert isinstance(worker, Ok) and isinstance(employer, Ok)
    job = services.post_job(job_draft(employer.value.id))
    assert isinstance(job, Ok)
    referral = services.refer(job.value.id, worker.value.id)
    assert isinstance(referral, Ok)
    code = slip_code(services, catalogue, referral.value.id, services.now())
    assert code.startswith("LGD2:")
    window = make_counter()
    window.show_page("desk")
    window.on_scan(code)
    page = window.current_page()
    assert isinstance(page, DispatchPage)
    assert page.jobs.selected_id() == job.value.id
    assert page.sent.selected_id() == referral.value.id
    said = window.pending.text()
    assert said.startswith("已确认到岗：小区外墙砌砖 · 张*国。") and "请登记结果" in said
    stored = services.store.referrals.get(referral.value.id)
    assert stored is not None and stored.status is ReferralStatus.ARRIVED
    [audit] = services.store.audit_events.where("action = 'referral.arrived'")
    assert (audit.staff_id, audit.entity_id) == ("S001", referral.value.id)
    assert page.sent.item(0, 1).text() == "已到岗（已扫码）"
    assert page.hired_button.isEnabled()
    page.hired_button.click()
    stored = services.store.referrals.get(referral.value.id)
    assert stored is not None and stored.status is ReferralStatus.HIRED
    window.on_scan("LGD1:0192f3a4-5b6c-7d8e-9fa0-b1c2d3e4f5a6:BE055796")  # another hall's
    assert window.pending.text().startswith("已确认到岗 这张派工单是其他驿站开的")
    assert services.store.arrivals.count() == 2  # sent to the hall that issued it
