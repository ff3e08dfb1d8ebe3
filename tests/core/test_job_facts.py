"""A job's facts as a worker reads them: staff's words keep Chinese punctuation."""

from __future__ import annotations

from kiosk.core.catalogue import load_catalogue
from kiosk.core.errors import Ok
from kiosk.core.job_facts import FactWriter
from kiosk.services.hall import Services
from tests.conftest import TODAY, employer_draft, job_draft


def test_the_words_staff_typed_read_with_chinese_punctuation(services: Services) -> None:
    employer = services.register_employer(employer_draft())
    assert isinstance(employer, Ok)
    job = services.post_job(job_draft(
        employer.value.id,
        description="砌厂房隔墙，约200平方米", skills_note="会砌空心砖; 有证优先",
        meeting_point="七贤街道办门口,东侧", meeting_time="07:00"))
    assert isinstance(job, Ok)
    stored = services.store.jobs.get(job.value.id)
    assert stored is not None and stored.description == "砌厂房隔墙,约200平方米"  # NFKC
    facts = {f.key: f.value for f in FactWriter(load_catalogue(), "zh_CN", TODAY).facts(
        stored)}
    assert facts["work"] == "砌厂房隔墙，约200平方米"
    assert facts["skills"] == "会砌空心砖；有证优先"
    assert facts["meet"] == "今天 07:00 七贤街道办门口，东侧"  # the time keeps its colon
