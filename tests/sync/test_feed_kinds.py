"""A newer hub's feed kinds do not stop an older terminal: it passes them over (every item
of a kind it knows is still checked strictly and applied), notes where, and pulls again
from there once an upgrade teaches it those kinds. A rolling upgrade, hub first, then
hall by hall, keeps every board fed."""

from __future__ import annotations

from sqlalchemy import insert

from kiosk.store.sync_state import SyncState
from sync.hub.schema import feed
from tests.conftest import employer_draft, job_draft
from tests.sync.conftest import HALL_B, Hub, Terminal

NEW_KIND = "training_seat"  # what a newer hub might publish


def post_jobs(terminal: Terminal, *titles: str) -> None:
    s = terminal.services
    employer = s.register_employer(employer_draft())
    assert employer.ok
    for title in titles:
        assert s.post_job(job_draft(employer.value.id, title=title)).ok  # type: ignore[union-attr]


def publish_new_kind(hub: Hub, payload: str = '{"course":"叉车"}') -> int:
    with hub.engine.begin() as conn:
        row = conn.execute(insert(feed).values(
            kind=NEW_KIND, record_id="c1", hall_id=HALL_B, payload=payload))
        return int(row.inserted_primary_key[0])


def test_an_unknown_kind_is_passed_over_and_the_jobs_around_it_arrive(
        hub: Hub, hall_a: Terminal, hall_b: Terminal) -> None:
    post_jobs(hall_a, "砌砖")
    assert hall_a.agent(hub.client).sync_once().ok
    skipped_seq = publish_new_kind(hub)
    post_jobs(hall_a, "抹灰")
    assert hall_a.agent(hub.client).sync_once().ok

    report = hall_b.agent(hub.client).sync_once()
    assert report.ok and report.errors == []
    assert sorted(j.title for j in hall_b.store.jobs.where()) == ["抹灰", "砌砖"]
    state = SyncState(hall_b.store)
    assert state.skipped_kinds() == {NEW_KIND}
    assert state.cursor() > skipped_seq  # the feed went on past it
    assert hall_b.store.get_setting("sync.skipped_from") == str(skipped_seq)


def test_once_the_kind_is_known_the_terminal_pulls_again_from_where_it_passed_it(
        hub: Hub, hall_b: Terminal) -> None:
    publish_new_kind(hub)
    first = publish_new_kind(hub)  # noted from the earliest one passed over
    state = SyncState(hall_b.store)
    assert hall_b.agent(hub.client).sync_once().ok
    earliest = first - 1
    assert hall_b.store.get_setting("sync.skipped_from") == str(earliest)
    cursor = state.cursor()
    assert not state.rewind_for(frozenset({"job"}))  # still unknown: no rewind
    assert state.cursor() == cursor
    assert state.rewind_for(frozenset({"job", NEW_KIND}))
    assert state.cursor() == earliest - 1 and state.skipped_kinds() == set()
    assert not state.rewind_for(frozenset({"job", NEW_KIND}))  # once only


def test_a_malformed_item_still_fails_the_page_as_before(
        hub: Hub, hall_b: Terminal) -> None:
    """Only a well-formed item of an unknown kind is passed over: a kind that is no name
    (or an item without its seq) is a broken page, refused whole and nothing applied."""
    with hub.engine.begin() as conn:
        conn.execute(insert(feed).values(kind="job<script>", record_id="x", hall_id=HALL_B,
                                         payload="{}"))
    report = hall_b.agent(hub.client).sync_once()
    assert not report.ok and "not v1" in " ".join(report.errors)
    assert SyncState(hall_b.store).cursor() == 0
    assert SyncState(hall_b.store).skipped_kinds() == set()
