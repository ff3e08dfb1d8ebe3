"""The one gettext catalogue: zh_CN is the default language, English the second.

Message ids are the English source texts. Catalogues are read from the `.po` files in
`assets/locale` (by `kiosk.core.po`), so the repository holds no compiled binaries.
"""

from __future__ import annotations

import functools
from importlib import resources

from kiosk.core.po import read_translations

DEFAULT_LANGUAGE = "zh_CN"
LANGUAGES = ("zh_CN", "en")
DOMAIN = "kiosk"


@functools.cache
def catalogue(language: str) -> dict[str, str]:
    """msgid → translation for `language`; English (the source language) is empty."""
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language: {language}")
    if language == "en":
        return {}
    po = resources.files("kiosk_assets").joinpath(
        "locale", language, "LC_MESSAGES", f"{DOMAIN}.po"
    )
    return read_translations(po.read_text(encoding="utf-8"))


def translate(message: str, language: str = DEFAULT_LANGUAGE) -> str:
    """The translation of `message`, or the message itself when none exists."""
    return catalogue(language).get(message, message)


class Translator:
    """A gettext-style callable bound to one language, switchable at run time."""

    def __init__(self, language: str = DEFAULT_LANGUAGE) -> None:
        self.language = language

    def set_language(self, language: str) -> None:
        catalogue(language)  # validates the language and warms the cache
        self.language = language

    def __call__(self, message: str) -> str:
        return translate(message, self.language)
