"""Validation errors are values, and use cases return results, never raw exceptions."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Generic, TypeAlias, TypeVar

from kiosk.core.i18n import translate

T = TypeVar("T")


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for a deferred marker
    """Mark a message for the catalogue without translating it now."""
    return message


@dataclass(frozen=True, slots=True)
class FieldError:
    """One problem with one input field.

    `message` is the catalogue key (English source text with `{name}` placeholders);
    `params` fill the placeholders after translation.
    """

    field: str
    code: str
    message: str
    params: Mapping[str, str | int] = dc_field(default_factory=dict)

    def text(self, language: str) -> str:
        """The message in `language` ("zh_CN" or "en"), placeholders filled. A parameter
        `x_en` is `x` in English (a law's name, the words of a city's list)."""
        params = dict(self.params)
        if language == "en":
            params.update({k[:-3]: v for k, v in self.params.items() if k.endswith("_en")})
        return translate(self.message, language).format(**params)

    def to_json(self, language: str = "zh_CN") -> dict[str, object]:
        return {
            "field": self.field,
            "code": self.code,
            "message": self.text(language),
            "message_en": self.text("en"),
        }


@dataclass(frozen=True, slots=True)
class Ok(Generic[T]):
    value: T

    @property
    def ok(self) -> bool:
        return True


@dataclass(frozen=True, slots=True)
class Err:
    errors: tuple[FieldError, ...]

    @property
    def ok(self) -> bool:
        return False

    def codes(self) -> set[str]:
        return {e.code for e in self.errors}

    def fields(self) -> set[str]:
        return {e.field for e in self.errors}


Result: TypeAlias = Ok[T] | Err


def fail(field_name: str, code: str, message: str, **params: str | int) -> Err:
    """A result holding a single error."""
    return Err((FieldError(field_name, code, message, params),))
