"""Hub URLs a terminal may be provisioned with (sync.transport)."""

from __future__ import annotations

import pytest

from sync.transport import (
    BAD_SCHEME,
    INSECURE,
    NO_HOST,
    NOT_HTTPS,
    doctor_problem,
    hub_url_problem,
    is_loopback,
)


@pytest.mark.parametrize("url", [
    "https://hub.example.gov.cn", "https://10.1.2.3:8443/", "http://127.0.0.1:8751",
    "http://localhost:8751", "http://[::1]:8751", "http://127.9.9.9"])
def test_https_anywhere_and_http_on_this_machine_are_fine(url: str) -> None:
    assert hub_url_problem(url) is None
    assert doctor_problem(url) is None


@pytest.mark.parametrize(("url", "problem"), [
    ("http://hub.example.gov.cn", NOT_HTTPS), ("http://10.1.2.3:8751", NOT_HTTPS),
    ("http://127.0.0.1.evil.example", NOT_HTTPS), ("ftp://hub.example.gov.cn", BAD_SCHEME),
    ("file:///etc/passwd", BAD_SCHEME), ("hub.example.gov.cn", BAD_SCHEME),
    ("https://", NO_HOST), ("https://user:pw@hub.example.gov.cn", NO_HOST),
    ("https://hub.example.gov.cn:port", NO_HOST)])
def test_other_urls_are_refused_with_a_code(url: str, problem: str) -> None:
    assert hub_url_problem(url) == problem


def test_insecure_allows_plain_http_only_and_doctor_still_fails_it() -> None:
    assert hub_url_problem("http://10.1.2.3:8751", insecure=True) is None
    assert hub_url_problem("ftp://10.1.2.3", insecure=True) == BAD_SCHEME
    assert doctor_problem("http://10.1.2.3:8751") == INSECURE


def test_loopback_names() -> None:
    assert is_loopback("LOCALHOST") and is_loopback("::1") and is_loopback("127.0.0.2")
    assert not is_loopback("10.0.0.1") and not is_loopback("localhost.evil.example")
