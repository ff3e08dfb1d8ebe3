"""The gettext catalogue wrapper and error values (the English side: no zh_CN file needed)."""

from __future__ import annotations

import pytest

from kiosk.core.errors import N_, Err, FieldError, Ok, fail
from kiosk.core.fields import collect_errors, validate_headcount, validate_mobile
from kiosk.core.i18n import DEFAULT_LANGUAGE, LANGUAGES, Translator, catalogue, translate


def test_languages() -> None:
    assert DEFAULT_LANGUAGE == "zh_CN"
    assert LANGUAGES == ("zh_CN", "en")
    assert Translator().language == "zh_CN"


def test_english_is_the_source_language_and_falls_back_to_the_msgid() -> None:
    assert catalogue("en") == {}
    for message in ("Please enter the ID card number.", "no such message 123", ""):
        assert translate(message, "en") == message
    assert Translator("en")("Anything at all") == "Anything at all"


@pytest.mark.parametrize("language", ["fr", "zh", "zh_TW", "EN", ""])
def test_unsupported_languages_raise(language: str) -> None:
    with pytest.raises(ValueError, match="unsupported language"):
        catalogue(language)
    with pytest.raises(ValueError):
        translate("Please enter the name.", language)


def test_translator_refuses_an_unsupported_language_and_keeps_its_own() -> None:
    t = Translator("en")
    with pytest.raises(ValueError):
        t.set_language("de")
    assert t.language == "en"
    t.set_language("en")
    assert t.language == "en"


def test_n_marks_without_translating() -> None:
    assert N_("Please enter the name.") == "Please enter the name."


def test_field_error_fills_its_placeholders() -> None:
    error = FieldError("phone", "mobile_length",
                       "A mobile number has 11 digits; you entered {count}.", {"count": 10})
    assert error.text("en") == "A mobile number has 11 digits; you entered 10."
    assert error.to_json("en") == {
        "field": "phone", "code": "mobile_length",
        "message": "A mobile number has 11 digits; you entered 10.",
        "message_en": "A mobile number has 11 digits; you entered 10.",
    }


def test_fail_and_err_helpers() -> None:
    result = fail("headcount", "headcount_range", "Between 1 and {max}.", max=999)
    assert isinstance(result, Err)
    assert not result.ok
    assert result.codes() == {"headcount_range"}
    assert result.fields() == {"headcount"}
    assert result.errors[0].params == {"max": 999}
    assert result.errors[0].text("en") == "Between 1 and 999."
    assert Ok(3).ok
    assert Ok(3).value == 3


def test_collect_errors_keeps_only_the_errors() -> None:
    good = validate_headcount("3")
    bad1 = validate_headcount("0")
    bad2 = validate_mobile("12")
    collected = collect_errors(good, bad1, bad2)
    assert collected == (bad1, bad2)
    assert collect_errors(good, Ok("x")) == ()


def test_errors_are_frozen_values() -> None:
    error = FieldError("f", "c", "m")
    assert error == FieldError("f", "c", "m", {})
    with pytest.raises(AttributeError):
        error.code = "other"  # type: ignore[misc]
