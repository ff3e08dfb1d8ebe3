"""The one CJK font on screen: registered with Qt and made the application font.

Qt would otherwise pick whatever fontconfig offers (Noto CJK in its Japanese forms, or
nothing: empty boxes). `install_cjk_font()` fails with `FontMissing` and a clear message.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from kiosk.system.fonts import FONT_FAMILY, FontMissing, cjk_font_path, fallback_paths

_installed: str | None = None
_fallbacks: list[str] = []


def install_cjk_font() -> str:
    """Register the font (once per process) and make it the application font; its family."""
    global _installed  # noqa: PLW0603 - one registration per process
    if _installed is None:
        path = cjk_font_path()  # raises FontMissing with the install hint
        font_id = QFontDatabase.addApplicationFont(str(path))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if not families:
            raise FontMissing(f"Qt could not load the Chinese font file {path}.")
        _installed = FONT_FAMILY if FONT_FAMILY in families else families[0]
        _fallbacks.extend(_register_fallbacks())
    font = QFont(_installed)
    font.setFamilies([_installed, *_fallbacks])  # rare characters (䶮, 𠮷) from the chain
    QGuiApplication.setFont(font)
    return _installed


def _register_fallbacks() -> list[str]:
    """The fallback chain's families (Hanazono A, B), as the tickets use them."""
    families: list[str] = []
    for path in fallback_paths():
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families += [f for f in QFontDatabase.applicationFontFamilies(font_id)
                         if f not in families]
    return families


def families() -> list[str]:
    """The main family, then the fallbacks, as registered."""
    return [family(), *_fallbacks]


def family() -> str:
    """The family the screens use (the registered one, or the expected name before that)."""
    return _installed or FONT_FAMILY
