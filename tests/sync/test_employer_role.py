"""An employer's role travels: hall A registers a 劳务派遣 firm and posts its job; the hub
keeps the role with the employer and hall B's board names the firm as such (PostgreSQL and
SQLite)."""

from __future__ import annotations

import json

from sqlalchemy import select

from kiosk.core.records import EmployerRole
from kiosk.store.board import BoardReader
from sync.hub.schema import employers
from tests.conftest import employer_draft, job_draft
from tests.printers import ok
from tests.sync.conftest import Hub, Terminal


def test_a_dispatch_firm_is_shown_as_such_at_another_hall(hub: Hub, hall_a: Terminal,
                                                          hall_b: Terminal) -> None:
    firm = ok(hall_a.services.register_employer(employer_draft(
        display_name="鲁班劳务", role=EmployerRole.DISPATCH.value,
        licence_no="鲁济劳派许字〔2019〕第0123号")))
    ok(hall_a.services.post_job(job_draft(firm.id)))
    assert hall_a.agent(hub.client).sync_once().ok
    with hub.engine.connect() as conn:
        stored = conn.execute(select(employers.c.payload).where(
            employers.c.id == firm.id)).scalar_one()
    assert json.loads(stored)["role"] == "dispatch"
    assert hall_b.agent(hub.client).sync_once().ok
    reader = BoardReader(hall_b.store.path, hall_b.services.settings.hall_id)
    try:
        [job] = reader.load(hall_b.services.now()).jobs
    finally:
        reader.close()
    assert (job.employer, job.employer_role) == ("鲁班劳务", "dispatch")
    shown = hall_b.store.employers.get(firm.id)
    assert shown is not None and shown.role is EmployerRole.DISPATCH and shown.phone == ""
    assert shown.licence_no == "鲁济劳派许字〔2019〕第0123号"  # shown on its posts there too
