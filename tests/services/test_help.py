"""Calls for staff on a real SQLite file: one open call per touchscreen, listed oldest
first, handled once with an audit line, each write with its outbox change."""

from __future__ import annotations

from kiosk.core.errors import Err, Ok
from kiosk.core.records import HelpPlace, StaffCall, StaffCallStatus
from kiosk.core.schema import check_record
from kiosk.services import help as staff_help
from kiosk.services.hall import Services
from tests.conftest import FixedClock


def asked(services: Services, place: HelpPlace) -> StaffCall:
    result = staff_help.ask(services, place)
    assert isinstance(result, Ok), result
    return result.value


def test_a_call_is_open_until_handled_and_asking_again_gives_it_back(
        services: Services, clock: FixedClock) -> None:
    first = asked(services, HelpPlace.NAME)
    assert (first.status, first.place, first.terminal_id) == (
        StaffCallStatus.OPEN, HelpPlace.NAME, services.settings.terminal_id)
    assert check_record(first) == []  # the one schema takes it
    clock.advance(minutes=1)
    assert asked(services, HelpPlace.PHONE) == first  # still waiting: the same call
    assert staff_help.waiting(services) == [first] and staff_help.is_open(services, first.id)
    counter = services.as_staff("S01")
    clock.advance(minutes=2)
    done = staff_help.handle(counter, first.id)
    assert isinstance(done, Ok) and done.value.status is StaffCallStatus.HANDLED
    assert done.value.updated_at > first.updated_at
    assert staff_help.waiting(services) == [] and not staff_help.is_open(services, first.id)
    assert staff_help.handle(counter, first.id) == done  # twice: nothing more
    entities = [c.entity for c in services.store.outbox.unsent()]
    assert entities.count("staff_call") == 2 and entities.count("audit") == 1
    again = asked(services, HelpPlace.CHECK_IN)  # a new call after the first was handled
    assert again.id != first.id and staff_help.waiting(services) == [again]


def test_the_longest_waiting_first(services: Services, clock: FixedClock) -> None:
    first = asked(services, HelpPlace.JOBS)
    clock.advance(minutes=1)
    other = services.store.staff_calls
    later = StaffCall(id="0190c0de-0000-7000-8000-000000000001", hall_id=first.hall_id,
                        terminal_id="T02", place=HelpPlace.CONSENT, status=StaffCallStatus.OPEN,
                        created_at=clock.now(), updated_at=clock.now())
    other.upsert(later)
    assert [r.terminal_id for r in staff_help.waiting(services)] == [
        services.settings.terminal_id, "T02"]


def test_an_unknown_call_is_explained_and_nothing_is_written(services: Services) -> None:
    result = staff_help.handle(services, "0190c0de-0000-7000-8000-00000000dead")
    assert isinstance(result, Err) and result.errors[0].code == "unknown"
    assert services.store.outbox.unsent() == []
