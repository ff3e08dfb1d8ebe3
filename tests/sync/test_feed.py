"""GET /v1/pull: the feed page the hub splices from stored JSON is a valid PullResponse."""

from __future__ import annotations

import json

from sqlalchemy import select

from kiosk.core.drafts import NoticeDraft
from sync import protocol
from sync.hub.schema import feed
from sync.protocol import PullResponse
from tests.conftest import employer_draft, job_draft
from tests.sync.conftest import Hub, Terminal


def pull(hub: Hub, terminal: Terminal, after: int = 0, limit: int | None = None,
         ) -> PullResponse:
    params = {"after": after} | ({} if limit is None else {"limit": limit})
    response = hub.client.get(protocol.PULL_PATH, params=params, headers={
        "Authorization": f"Bearer {terminal.credentials.token}"})
    assert response.status_code == 200, response.text
    return PullResponse.model_validate_json(response.content)


def test_a_page_carries_every_hall_s_jobs_with_their_employer_and_only_own_notices(
        hub: Hub, hall_a: Terminal, hall_b: Terminal) -> None:
    s = hall_a.services
    employer = s.register_employer(employer_draft(display_name="鲁班建筑"))
    assert employer.ok
    job = s.post_job(job_draft(employer.value.id, title="仓库装卸"))  # type: ignore[union-attr]
    assert job.ok
    assert s.post_notice(NoticeDraft(text_zh="明早七点发放劳保用品")).ok
    assert hall_a.agent(hub.client).sync_once().ok

    at_a, at_b = pull(hub, hall_a), pull(hub, hall_b)
    assert [i.kind for i in at_a.items] == ["job", "notice"]
    assert [i.kind for i in at_b.items] == ["job"]  # another hall's notice is not theirs
    item = at_b.items[0]
    assert item.record_id == job.value.id  # type: ignore[union-attr]
    assert item.payload["title"] == "仓库装卸"
    assert item.employer is not None and item.employer.display_name == "鲁班建筑"
    assert item.employer.model_dump(exclude_defaults=True).keys() == {
        "id", "display_name", "kind"}  # no phone, contact or ID number: a touchscreen's token
    with hub.engine.connect() as conn:
        stored = conn.execute(select(feed.c.payload).where(
            feed.c.seq == item.seq)).scalar_one()
    assert json.loads(stored) == item.payload
    assert (at_a.next_cursor, at_a.more) == (at_a.items[-1].seq, False)


def test_pages_follow_the_cursor_and_an_empty_page_keeps_it(
        hub: Hub, hall_a: Terminal) -> None:
    s = hall_a.services
    employer = s.register_employer(employer_draft())
    assert employer.ok
    for title in ("砌砖", "抹灰", "搬运"):
        assert s.post_job(job_draft(employer.value.id, title=title)).ok  # type: ignore[union-attr]
    assert hall_a.agent(hub.client).sync_once().ok
    first = pull(hub, hall_a, limit=2)
    assert len(first.items) == 2 and first.more
    rest = pull(hub, hall_a, after=first.next_cursor, limit=2)
    assert [i.payload["title"] for i in first.items + rest.items] == ["砌砖", "抹灰", "搬运"]
    assert not rest.more
    empty = pull(hub, hall_a, after=rest.next_cursor)
    assert empty.items == [] and empty.next_cursor == rest.next_cursor and not empty.more
