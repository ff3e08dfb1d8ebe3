"""Pushing crafted changes to a real hub: valid records of every type for one hall (a
"world" the others point at), and bodies written by hand so that they may hold what a
well-behaved encoder never writes (NaN, Infinity, wrong types)."""

from __future__ import annotations

import dataclasses
import gzip
import json
from typing import Any

from stdnum.cn import uscc

from kiosk.core.codec import content_hash, to_payload
from kiosk.core.ids import new_id
from kiosk.core.records import Record, entity_name
from sync import protocol
from sync.protocol import PushResponse
from sync.provisioning import Provisioning
from tests.conftest import id_number
from tests.store import samples
from tests.sync.conftest import Hub

USCC = "91370104MA3C1234X" + str(uscc.calc_check_digit("91370104MA3C1234X"))


@dataclasses.dataclass(frozen=True)
class World:
    """A hall's worker, employer and open job on the hub, for other records to point at."""

    hall: str
    terminal: str
    worker_id: str
    employer_id: str
    job_id: str
    referral_id: str = ""  # a referral of the worker to the job (what an arrival names)


def valid_records(world: World) -> dict[str, Record]:
    """One valid record of every type in `world`'s hall (new ids)."""
    hall, w, j = world.hall, world.worker_id, world.job_id
    filed = samples.complaint(hall_id=hall)
    return {
        "worker": fix_worker(samples.worker(hall_id=hall,
                                            id_number=id_number(seq=int(new_id()[-2:], 16)))),
        "employer": samples.employer(hall_id=hall, uscc=USCC),
        "job": samples.hazardous_job(world.employer_id, hall_id=hall),
        "checkin": samples.checkin(hall_id=hall, worker_id=w),
        "referral": samples.referral(j, hall_id=hall, worker_id=w),
        "service_event": samples.service_event(hall_id=hall, worker_id=w),
        "complaint": filed,
        "case_step": samples.case_step(filed.id, hall_id=hall),
        "notice": samples.notice(hall_id=hall),
        "audit": samples.audit_event(hall_id=hall, terminal_id=world.terminal),
        "call": samples.queue_call(hall_id=hall),
        "course_signup": samples.course_signup(hall_id=hall, worker_id=w),
        "attendance": samples.attendance(new_id(), hall_id=hall, worker_id=w),
        "staff_call": samples.staff_call(hall_id=hall, terminal_id=world.terminal),
        "arrival": samples.arrival(hall_id=hall, terminal_id=world.terminal,
                                   referral_id=world.referral_id),
        "safety_ack": samples.safety_ack(hall_id=hall, worker_id=w, job_id=j),
        "help_request": samples.help_request(hall_id=hall, worker_id=w),
        "course_cancel": samples.course_cancel(new_id(), hall_id=hall, worker_id=w),
    }


def fix_worker(record: Record) -> Record:
    """A sample worker whose birth date and sex agree with its ID number."""
    from kiosk.core.fields import validate_id_number
    from tests.conftest import TODAY

    number = getattr(record, "id_number", None)
    if number is None:
        return record
    parsed = validate_id_number(number, TODAY)
    value = parsed.value  # type: ignore[union-attr]
    return dataclasses.replace(record, birth_date=value.birth_date,  # type: ignore[type-var]
                               sex=value.sex)


def change_of(record_type: str, payload: dict[str, Any], op: str = "create",
              created_at: str | None = None) -> dict[str, Any]:
    """A wire change (as a plain dict) for `payload`, its hash over the payload as given."""
    return {"change_id": new_id(), "record_type": record_type,
            "record_id": str(payload.get("id", "")), "op": op, "payload": payload,
            "content_hash": content_hash(payload),
            "created_at": created_at or str(payload.get("updated_at")
                                            or payload.get("created_at"))}


def record_change(record: Record, op: str = "create") -> dict[str, Any]:
    return change_of(entity_name(record), dict(to_payload(record)), op)


def push_dicts(hub: Hub, creds: Provisioning, changes: list[dict[str, Any]],
               ) -> tuple[int, PushResponse | None]:
    """POST changes written with json.dumps (NaN and Infinity kept as such)."""
    body = json.dumps({"version": 1, "terminal_id": creds.terminal, "hall_id": creds.hall,
                       "changes": changes}, ensure_ascii=False, allow_nan=True).encode()
    response = hub.client.post(protocol.PUSH_PATH, content=gzip.compress(body), headers={
        "Authorization": f"Bearer {creds.token}", "Content-Type": "application/json",
        "Content-Encoding": "gzip"})
    if response.status_code != 200:
        return response.status_code, None
    return 200, PushResponse.model_validate_json(response.content)


def make_world(hub: Hub, creds: Provisioning) -> World:
    """Push a worker, an employer and an open job of `creds`' hall; all must be stored."""
    world = World(creds.hall, creds.terminal, "", "", "")
    records = valid_records(world)
    worker = records["worker"]
    employer = records["employer"]
    job = samples.job(employer.id, hall_id=creds.hall, headcount=3, headcount_filled=0)
    referral = samples.referral(job.id, hall_id=creds.hall, worker_id=worker.id)
    status, answer = push_dicts(hub, creds, [record_change(r) for r in (
        worker, employer, job, referral)])
    assert status == 200 and answer is not None
    assert {a.result.value for a in answer.answers} == {"stored"}, answer
    return dataclasses.replace(world, worker_id=worker.id, employer_id=employer.id,
                               job_id=job.id, referral_id=referral.id)


def strict_json(text: str | bytes) -> Any:
    """json.loads that refuses NaN and Infinity, as strict JSON parsers do."""
    def refuse(constant: str) -> Any:
        raise ValueError(f"not JSON: {constant}")
    return json.loads(text, parse_constant=refuse)
