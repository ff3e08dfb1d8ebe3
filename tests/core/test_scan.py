"""parse_scan: every payload round-trips, every bad scan has its code, fuzzing never raises."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.core import payloads
from kiosk.core.catalogue import load_catalogue
from kiosk.core.drafts import Context
from kiosk.core.i18n import translate
from kiosk.core.scan import (
    MAX_SCAN_CHARS,
    ComplaintCode,
    JobCode,
    PreRegistration,
    Provisioning,
    Referral,
    ScanError,
    ScanKeys,
    ScanResult,
    WorkerCard,
    encode_provisioning,
    parse_provisioning,
    parse_scan,
    public_key_text,
    sign_prereg,
)
from tests.conftest import id_number

NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
WORKER = "0192f3a4-5b6c-7d8e-9fa0-b1c2d3e4f5a6"
CITY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
NEXT_CITY = Ed25519PrivateKey.from_private_bytes(bytes(range(1, 33)))
KEYS = ScanKeys.from_texts([public_key_text(CITY)])
CONTEXT = Context(today=NOW.date(), catalogue=load_catalogue())


def form(**overrides: object) -> dict[str, object]:
    values: dict[str, object] = {
        "name": "张建国", "id_number": id_number(), "phone": "13805311234",
        "trades": ["C01", "C09"], "intentions": ["daily"],
        "issued_at": NOW - timedelta(hours=1)}
    values.update(overrides)
    return values


PREREG = sign_prereg(form(), CITY)
PROVISION = encode_provisioning(Provisioning(
    hub="https://hub.example:8443", terminal="T01", hall="370104-DDBL", token="s3cret",
    city_keys=(public_key_text(CITY),)))
VALID = [payloads.worker_card(WORKER), payloads.job(WORKER), payloads.referral(WORKER),
         payloads.complaint(WORKER), PREREG, PROVISION]


def scan(text: str, keys: ScanKeys = KEYS, now: datetime = NOW) -> ScanResult:
    return parse_scan(text, keys=keys, now=now, context=CONTEXT)


def code(text: str, keys: ScanKeys = KEYS, now: datetime = NOW) -> str:
    result = scan(text, keys, now)
    assert isinstance(result, ScanError), result
    assert result.text("en") and result.text("zh_CN")
    return result.code


def b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


# -- round trips ---------------------------------------------------------------------------

def test_every_payload_kind_round_trips_with_its_route() -> None:
    expected = [(WorkerCard, "check_in"), (JobCode, "job_detail"),
                (Referral, "referral_confirm"), (ComplaintCode, "complaint_status"),
                (PreRegistration, "prereg_review"),
                (Provisioning, "provision")]
    for text, (kind, route) in zip(VALID, expected, strict=True):
        result = scan(text)
        assert isinstance(result, kind) and result.route == route
        assert result.text() == text
        assert scan(result.text()) == result


def test_a_referral_slip_names_its_job_and_masked_worker_and_refuses_a_tampered_one(
        ) -> None:
    job = "0192f3a4-5b6c-7d8e-9fa0-b1c2d3e4f5a7"
    text = payloads.referral_slip(WORKER, job, "欧**娜")
    result = scan(text)
    assert isinstance(result, Referral) and result.route == "referral_confirm"
    assert (result.referral_id, result.job_id, result.worker_masked) == (WORKER, job, "欧**娜")
    assert result.text() == text and scan(text.swapcase()) == result  # Caps Lock
    body, check = text.rsplit(":", 1)
    name = text.split(":")[3]
    assert code(body + ":" + ("0" * 8 if check != "0" * 8 else "1" * 8)) == "bad_check"
    assert code(text.replace(name, b64("张*三".encode()))) == "bad_check"
    for bad in (b64(b"\xff\xfe"), b64("a\u202eb".encode()), b64(("长" * 30).encode()),
                name + "="):
        forged = f"LGD2:{WORKER}:{job}:{bad}"
        assert code(f"{forged}:{payloads._check(forged)}") == "malformed", bad
    assert code(f"LGD2:{WORKER}:{job}") == "truncated"
    assert code(f"LGD2:{WORKER}:{job}:{name}:{check}:x") == "malformed"


def test_a_complaint_code_with_a_wrong_check_is_refused() -> None:
    text = payloads.complaint(WORKER)
    assert code(text[:-1] + ("0" if text[-1] != "0" else "1")) == "bad_check"
    assert code(payloads.referral(WORKER).replace("LGD1", "LGC1")) == "bad_check"


def test_pre_registration_carries_validated_fields_and_a_draft_without_consent() -> None:
    result = scan(sign_prereg(form(id_number=id_number().lower().replace("x", "x")), CITY))
    assert isinstance(result, PreRegistration)
    assert (result.name, result.phone, result.trades) == ("张建国", "13805311234",
                                                          ("C01", "C09"))
    assert result.issued_at == NOW - timedelta(hours=1)
    assert result.draft().consent_given is False
    assert result.summary()["id_number"] != result.id_number  # masked
    assert "*" in str(result.summary()["phone"])


def test_intentions_are_optional_and_default_to_daily() -> None:
    fields = form()
    del fields["intentions"]
    result = scan(sign_prereg(fields, CITY))
    assert isinstance(result, PreRegistration) and result.intentions == ("daily",)


def test_scanner_whitespace_is_trimmed_and_caps_lock_is_undone() -> None:
    for text in VALID:
        assert scan(f"  {text}\r\n") == scan(text)
        assert scan(text.swapcase()) == scan(text)
    assert code("Lgw1" + VALID[0][4:]) == "unknown_prefix"


def test_provisioning_keeps_the_sync_format_and_hides_the_token() -> None:
    plain = Provisioning(hub="http://hub:8750", terminal="T02", hall="H", token="s3cr3t-xyz")
    text = encode_provisioning(plain)
    assert json.loads(base64.urlsafe_b64decode(text[5:] + "==")) == {
        "hub": "http://hub:8750", "terminal": "T02", "hall": "H", "token": "s3cr3t-xyz"}
    assert parse_provisioning(text) == plain
    assert "s3cr3t" not in json.dumps(plain.summary())
    assert parse_provisioning(VALID[0]).code == "not_provisioning"  # type: ignore[union-attr]


# -- bad scans -----------------------------------------------------------------------------

def test_each_bad_scan_has_its_code() -> None:
    card = payloads.worker_card(WORKER)
    cases = {
        "": "empty", " \r\n": "empty",
        "X" * (MAX_SCAN_CHARS + 1): "oversize", "\x00" * 10_240: "oversize",
        "LGW1:\x07" + WORKER: "control_characters", card[:10] + "\u200b" + card[10:]:
            "control_characters",
        "HELLO:123": "unknown_prefix", "LGX1:abc": "unknown_prefix",
        "https://example.gov.cn": "unknown_prefix",
        "LGW3" + card[4:]: "unknown_version", "LGR12:abc.def": "unknown_version",
            "LGW2" + card[4:]: "truncated",
        "LGW1": "truncated", "LGW1:": "truncated", card[:20]: "truncated",
        card[:-3]: "truncated", payloads.job(WORKER)[:-1]: "truncated",
        card + ":00": "malformed", card.replace("-", "_"): "malformed",
        card[:-1] + ("0" if card[-1] != "0" else "1"): "bad_check",
        "LGW1:" + WORKER.upper() + card[-9:]: "malformed",
        PREREG.split(".")[0]: "missing_signature", PREREG.split(".")[0] + ".": "missing_signature",
        PREREG[:-10]: "truncated", PREREG[:-9]: "truncated", "LGR1:!!!.abc": "bad_base64",
        PREREG[:-1] + "!": "bad_base64",
        PREREG + "." + PREREG[-4:]: "malformed",
        "LGP1:!!!": "bad_base64", "LGP1:" + b64(b"not json"): "bad_json",
        "LGP1:" + b64(b"[1,2]"): "bad_json", "LGP1:" + b64(b'{"hub":"x"}'): "bad_json",
        "LGP1:" + b64(b"[" * 3000): "bad_json",
    }
    for text, expected in cases.items():
        assert code(text) == expected, (text[:60], expected)


def test_a_signature_by_another_key_or_a_changed_form_is_refused() -> None:
    assert code(sign_prereg(form(), Ed25519PrivateKey.generate())) == "bad_signature"
    other_form = sign_prereg(form(name="李四"), CITY).split(".")[0]
    assert code(other_form + "." + PREREG.split(".")[1]) == "bad_signature"
    assert code(PREREG.split(".")[0] + "." + b64(bytes(65))) == "bad_signature"
    assert code(PREREG, keys=ScanKeys()) == "no_city_key"


def test_key_rotation_accepts_either_city_key() -> None:
    both = ScanKeys.from_texts([public_key_text(CITY), public_key_text(NEXT_CITY)])
    signed_new = sign_prereg(form(), NEXT_CITY)
    assert isinstance(scan(PREREG, keys=both), PreRegistration)
    assert isinstance(scan(signed_new, keys=both), PreRegistration)
    assert code(signed_new) == "bad_signature"  # a terminal without the new key


def test_pre_registration_is_valid_for_24_hours() -> None:
    issued = NOW - timedelta(hours=1)
    assert isinstance(scan(PREREG, now=issued + timedelta(hours=24)), PreRegistration)
    assert code(PREREG, now=issued + timedelta(hours=24, seconds=1)) == "expired"
    assert isinstance(scan(PREREG, now=issued - timedelta(minutes=9)), PreRegistration)
    assert code(PREREG, now=issued - timedelta(minutes=11)) == "not_yet_valid"
    far = sign_prereg(form(issued_at="9999-12-31T23:59:59Z"), CITY)
    assert code(far) == "not_yet_valid"


def test_a_signed_but_invalid_form_names_its_bad_fields() -> None:
    result = scan(sign_prereg(form(id_number="370104197503141230", trades=[]), CITY))
    assert isinstance(result, ScanError) and result.code == "invalid_fields"
    assert {e.field for e in result.field_errors} == {"id_number", "trades"}
    assert result.to_json("en")["fields"]


@pytest.mark.parametrize("fields", [
    form(version=2), form(version="1"), form(issued_at="yesterday"),
    form(issued_at="2026-11-23T01:00:00"), form(trades="C01"), form(name=7),
    form(extra="x")])
def test_a_signed_form_of_the_wrong_shape_is_refused(fields: dict[str, object]) -> None:
    expected = "unknown_version" if fields.get("version") == 2 else "bad_json"
    assert code(sign_prereg(fields, CITY)) == expected


def test_every_error_message_is_translated() -> None:
    results = [scan(t) for t in ("", "X" * 5000, "\x01", "A:1", "LGW2:1", "LGW1",
                                 "LGW1:x:y", PREREG[:-10], "LGP1:" + b64(b"1"))]
    for result in results:
        assert isinstance(result, ScanError)
        assert translate(result.message, "zh_CN") != result.message


def test_sign_prereg_refuses_a_naive_issue_time() -> None:
    with pytest.raises(ValueError, match="timezone"):
        sign_prereg(form(issued_at=datetime(2026, 11, 23)), CITY)


# -- fuzzing -------------------------------------------------------------------------------

def _normalised(text: str) -> str:
    trimmed = text.strip(" \t\r\n")
    return trimmed.swapcase() if trimmed.partition(":")[0].islower() else trimmed


def _check_result(text: str) -> None:
    result = scan(text)
    assert isinstance(result, ScanError | WorkerCard | JobCode | Referral | ComplaintCode
                      | PreRegistration | Provisioning)
    if isinstance(result, ScanError):
        assert result.code and result.message
        return
    if isinstance(result, Provisioning):  # unsigned JSON: any valid spelling is accepted
        assert scan(result.text()) == result
    else:
        assert result.text() == _normalised(text)


FUZZ = settings(max_examples=2000, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.text(max_size=300))
def test_arbitrary_text_never_raises(text: str) -> None:
    _check_result(text)


@FUZZ
@given(st.binary(max_size=600))
def test_arbitrary_bytes_as_latin_1_never_raise(raw: bytes) -> None:
    _check_result(raw.decode("latin-1"))


@st.composite
def mutations(draw: st.DrawFn) -> tuple[str, str]:
    original = draw(st.sampled_from(VALID))
    position = draw(st.integers(0, len(original) - 1))
    how = draw(st.sampled_from(["flip", "truncate", "insert", "delete"]))
    char = draw(st.characters(codec="latin-1") | st.sampled_from("0aA-_:.=Zz9"))
    if how == "flip":
        mutated = original[:position] + char + original[position + 1:]
    elif how == "truncate":
        mutated = original[:position]
    elif how == "insert":
        mutated = original[:position] + char + original[position:]
    else:
        mutated = original[:position] + original[position + 1:]
    return original, mutated


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutations())
def test_mutated_payloads_are_refused_unless_still_exactly_valid(
        pair: tuple[str, str]) -> None:
    original, mutated = pair
    _check_result(mutated)
    result = scan(mutated)
    if isinstance(result, WorkerCard | Referral | PreRegistration):  # checked or signed
        assert _normalised(mutated) == original


def test_the_examples_in_the_format_document_parse() -> None:
    from pathlib import Path

    doc = (Path(__file__).parents[2] / "docs" / "scan-formats.md").read_text("utf-8")
    examples = [line for line in doc.splitlines() if line[:5] in {
        "LGW1:", "LGD1:", "LGR1:", "LGP1:"} and "<" not in line]
    assert len(examples) == 4
    kinds = {type(scan(text, now=datetime(2026, 11, 23, 3, tzinfo=UTC))) for text in examples}
    assert kinds == {WorkerCard, Referral, PreRegistration, Provisioning}
    assert public_key_text(CITY) in doc
