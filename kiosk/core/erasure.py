"""What an erasure at a person's request (PIPL art. 47) leaves of a worker's record: the
anonymised record that statistics still count, the same at every terminal and the hub."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from kiosk.core.codec import JSONValue, to_payload
from kiosk.core.records import Worker

ERASED_NAME = "（已删除）"  # stored in the name's place: what staff lists then show
# The Worker fields an erasure empties.
ERASED_FIELDS = ("name", "phone", "id_number", "id_masked", "id_index", "birth_date",
                 "certificates", "areas", "skills_note", "low_income", "disabled")
ERASED_INDEX_PREFIX = "erased:"


def anonymised(worker: Worker, now_utc: datetime) -> Worker:
    """The record with nothing that names or identifies the person: trades, sex, the birth
    year and the dates of consent and registration stay for the statistics."""
    return replace(
        worker, name=ERASED_NAME, phone="", id_number=None, id_masked="",
        id_index=f"{ERASED_INDEX_PREFIX}{worker.id}",
        birth_date=date(worker.birth_date.year, 1, 1), certificates=(), areas=(),
        skills_note="", low_income=False, disabled=False, updated_at=now_utc)


def is_erased(worker: Worker) -> bool:
    return worker.id_index.startswith(ERASED_INDEX_PREFIX) and worker.name == ERASED_NAME


def erased_values(erased: Worker) -> dict[str, JSONValue]:
    """The anonymised record's values of the erased fields, to overwrite older copies."""
    payload = to_payload(erased)
    return {name: payload[name] for name in ERASED_FIELDS}
