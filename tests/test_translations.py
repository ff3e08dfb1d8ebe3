"""Every user-facing message in the code has a Simplified Chinese translation."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir

from kiosk.core.i18n import catalogue

ROOT = Path(__file__).resolve().parent.parent
KEYWORDS = {"N_": None, "translate": (1,), "_": None, "tr": None}


def extracted_messages() -> set[str]:
    found: set[str] = set()
    for package in ("kiosk", "sync", "printers"):
        for _file, _line, message, _comments, _context in extract_from_dir(
                ROOT / package, method_map=[("**.py", "python")], keywords=KEYWORDS):
            if isinstance(message, str) and message:
                found.add(message)
    return found


def test_messages_are_found() -> None:
    messages = extracted_messages()
    assert "Please enter the ID card number." in messages
    assert len(messages) > 40


def test_every_message_has_a_chinese_translation() -> None:
    zh = catalogue("zh_CN")
    missing = sorted(m for m in extracted_messages() if not zh.get(m))
    assert missing == [], "run scripts/update_catalogue.py and translate: " + "; ".join(missing)


def test_placeholders_survive_translation() -> None:
    zh = catalogue("zh_CN")
    for message, translated in zh.items():
        for name in ("{count}", "{max}"):
            assert (name in message) == (name in translated), message
