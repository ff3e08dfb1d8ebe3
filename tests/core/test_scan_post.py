"""`LGE1`, an employer's job draft signed by the city: read exactly, or refused in words."""

from __future__ import annotations

import base64
import json
from datetime import UTC, date, datetime, timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.core.catalogue import load_catalogue
from kiosk.core.drafts import Context
from kiosk.core.scan import (
    EmployerPostDraft,
    ScanError,
    ScanKeys,
    parse_scan,
    public_key_text,
)
from kiosk.core.scan_post import sign_employer_post

NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)  # 10:00 in Jinan
CITY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
KEYS = ScanKeys.from_texts([public_key_text(CITY)])
CONTEXT = Context(today=date(2026, 11, 23), catalogue=load_catalogue())
EMPLOYER = {"kind": "company", "name": "鲁班建筑劳务有限公司", "phone": "13905317788",
            "uscc": "91350100M000100Y43", "role": "dispatch"}
JOB = {"trade": "C01", "title": "小区外墙砌砖", "place": "槐荫区腊山河西路 阳光小区",
       "area": "槐荫区", "start_date": date(2026, 11, 24), "start_time": "07:00", "days": "3",
       "headcount": 3, "pay_amount": "300", "pay_unit": "day", "settlement": "daily",
       "meals": True, "certificates": []}


def draft(employer: dict[str, object] | None = None, job: dict[str, object] | None = None,
          issued: datetime = NOW - timedelta(hours=1),
          key: Ed25519PrivateKey = CITY) -> str:
    return sign_employer_post(employer or EMPLOYER, job or JOB, key, issued)


def read(text: str, keys: ScanKeys = KEYS) -> EmployerPostDraft | ScanError:
    result = parse_scan(text, keys=keys, now=NOW, context=CONTEXT)
    assert isinstance(result, EmployerPostDraft | ScanError)
    return result


def test_a_signed_draft_reads_as_the_employer_and_the_job() -> None:
    text = draft()
    result = read(text)
    assert isinstance(result, EmployerPostDraft), result
    assert result.text() == text and result.route == "employer_post_review"
    assert result.employer.uscc == "91350100M000100Y43" and result.employer.role == "dispatch"
    assert (result.job.trade, result.job.headcount, result.job.start_date) == (
        "C01", 3, date(2026, 11, 24))
    assert result.job.meals is True
    assert result.summary()["phone"] == "139****7788"
    assert len(text) < 1000  # a QR code a phone shows well


def test_caps_lock_and_scanner_spaces_are_undone() -> None:
    text = draft()
    assert isinstance(read(" " + text.swapcase() + "\r\n"), EmployerPostDraft)


def _tampered(text: str) -> str:
    """The same signature over a changed form: 3 workers become 30."""
    body, _, signature = text.partition(".")
    form = json.loads(base64.urlsafe_b64decode(body[5:] + "=" * (-len(body[5:]) % 4)))
    form["job"]["headcount"] = 30
    raw = json.dumps(form, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    encoded = base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")
    return f"LGE1:{encoded}.{signature}"


@pytest.mark.parametrize(("text", "code"), [
    (_tampered(draft()), "bad_signature"),
    (draft(key=Ed25519PrivateKey.generate()), "bad_signature"),
    (draft(issued=NOW - timedelta(hours=25)), "expired"),
    (draft(issued=NOW + timedelta(hours=1)), "not_yet_valid"),
    (draft().partition(".")[0], "missing_signature"),
    (draft()[:-20], "truncated"),
    ("LGE1:%%%%.####", "bad_base64"),
    ("LGE2:" + draft()[5:], "unknown_version"),
    ("LGE1:" + "A" * 5000, "oversize"),
    (draft(job={**JOB, "headcount": "3"}), "bad_json"),  # a number, not text
    (draft(job={**JOB, "salary": "300"}), "bad_json"),  # a key not in the format
    (draft(employer={"kind": "company", "name": "x"}), "bad_json"),  # no phone
    # an ID number never travels in a QR on a phone; a licence is shown at the counter
    (draft(employer={"kind": "individual", "name": "周师傅", "phone": "13869120458",
                     "role": "gang_master", "id_number": "370104197503141234"}), "bad_json"),
    (draft(employer={**EMPLOYER, "licence_no": "鲁济劳派许字〔2019〕第0123号"}), "bad_json"),
    (draft(job={**JOB, "start_date": "明天"}), "bad_json"),
])
def test_bad_drafts_are_refused_with_a_code(text: str, code: str) -> None:
    result = read(text)
    assert isinstance(result, ScanError) and result.code == code, result
    assert result.text("zh_CN") and result.text("en") != result.text("zh_CN")


def test_no_city_key_says_so() -> None:
    result = read(draft(), keys=ScanKeys())
    assert isinstance(result, ScanError) and result.code == "no_city_key"
    assert "job draft" in result.text("en")


def test_a_signed_draft_with_bad_answers_names_them() -> None:
    result = read(draft(employer={**EMPLOYER, "uscc": "91350100M000100Y44"},
                        job={**JOB, "pay_amount": "100", "start_date": date(2026, 11, 20)}))
    assert isinstance(result, ScanError) and result.code == "invalid_fields"
    assert {e.field for e in result.field_errors} == {"uscc", "start_date", "pay_amount"}


def test_a_gang_masters_or_agencys_draft_reads_without_the_numbers_the_counter_asks(
        ) -> None:
    gang_master = read(draft(employer={"kind": "individual", "name": "周师傅",
                                       "phone": "13869120458", "role": "gang_master"}))
    assert isinstance(gang_master, EmployerPostDraft), gang_master
    assert (gang_master.employer.role, gang_master.employer.id_number) == ("gang_master", "")
    agency = read(draft())  # a dispatch firm without its licence number
    assert isinstance(agency, EmployerPostDraft) and agency.employer.licence_no == ""
    wrong = read(draft(employer={"kind": "company", "name": "周师傅", "uscc": "",
                                 "phone": "13869120458", "role": "gang_master"}))
    assert isinstance(wrong, ScanError)  # every other answer is still checked
    assert {e.field for e in wrong.field_errors} == {"kind", "uscc"}


def test_discriminatory_words_pass_the_scan_for_the_review_to_explain() -> None:
    result = read(draft(job={**JOB, "skills_note": "只要男的"}))
    assert isinstance(result, EmployerPostDraft)  # the touchscreen's review stops it


def test_the_documented_example_reads() -> None:
    from pathlib import Path

    doc = (Path(__file__).parents[2] / "docs" / "scan-formats.md").read_text("utf-8")
    example = next(line for line in doc.splitlines() if line.startswith("LGE1:eyJ"))
    result = read(example)
    assert isinstance(result, EmployerPostDraft), result
    assert (result.employer.role, result.job.title) == ("gang_master", "招瓦工3名")
