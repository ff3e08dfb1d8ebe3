"""Gender and age limits the law allows, through the real store: a men-only post for
underground mining or heavy loading (《女职工劳动保护特别规定》附录) is saved and the check
says why; a men-only cleaning post is refused with the lawful alternative, nothing stored."""

from __future__ import annotations

from kiosk.core.errors import Err, Ok
from kiosk.services.hall import Services
from tests.conftest import employer_draft, job_draft


def rows(services: Services) -> tuple[int, int]:
    outbox = int(services.store.conn.execute("SELECT count(*) FROM outbox").fetchone()[0])
    return services.store.jobs.count(), outbox


def test_men_only_mining_is_saved_with_the_reason_and_cleaning_is_refused(
        services: Services) -> None:
    employer = services.register_employer(employer_draft())
    assert isinstance(employer, Ok)
    flagged, why = services.explain_wording("井下辅助工", "矿山井下作业，限男性", "zh_CN", "M01")
    assert not flagged and "依法允许" in why and "（1）矿山井下作业" in why
    mining = services.post_job(job_draft(employer.value.id, trade="M01", title="井下辅助工",
                                         description="矿山井下作业，限男性"))
    assert isinstance(mining, Ok), mining
    loading = services.post_job(job_draft(employer.value.id, trade="L01", title="装卸工 限男",
                                          description="年满18周岁"))
    assert isinstance(loading, Ok), loading
    flagged, why = services.explain_wording("装卸工 限男", "年满18周岁", "en", "L01")
    assert not flagged and "Lawful here" in why and "Juvenile Workers" in why
    before = rows(services)
    flagged, why = services.explain_wording("保洁员", "限男性", "zh_CN", "S01")
    assert flagged and "只有法律禁止女职工从事的劳动" in why
    cleaning = services.post_job(job_draft(employer.value.id, trade="S01", title="保洁员",
                                           description="限男性"))
    assert isinstance(cleaning, Err) and cleaning.codes() == {"discriminatory"}
    assert rows(services) == before
