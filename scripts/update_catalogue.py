"""Re-extract user-facing messages and merge them into the zh_CN catalogue.

Run after adding or changing messages: `.venv/bin/python scripts/update_catalogue.py`.
New messages appear untranslated in assets/locale/zh_CN/LC_MESSAGES/kiosk.po; the test
suite fails until each has a translation.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "assets/locale/zh_CN/LC_MESSAGES/kiosk.po"
KEYWORDS = ("N_", "translate", "_", "tr")


def extract(pot: Path) -> None:
    cmd = [str(Path(sys.executable).parent / "pybabel"), "extract", "-F", str(ROOT / "babel.cfg"),
           "--no-location", "--sort-output", "--omit-header", "-o", str(pot), "."]
    for keyword in KEYWORDS:
        cmd += ["-k", keyword]
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)


def merge(pot: Path) -> list[str]:
    with pot.open("rb") as handle:
        template = read_po(handle)
    existing = {}
    if PO.exists():
        with PO.open("rb") as handle:
            existing = {m.id: m.string for m in read_po(handle, locale="zh_CN") if m.id}
    template.locale = "zh_CN"
    template.project, template.version = "linggong-kiosk", "1"
    template.fuzzy = False
    template.msgid_bugs_address = template.last_translator = template.language_team = ""
    missing = []
    for message in template:
        if message.id:
            message.string = existing.get(message.id, "")
            if not message.string:
                missing.append(str(message.id))
    PO.parent.mkdir(parents=True, exist_ok=True)
    with PO.open("wb") as handle:
        write_po(handle, template, omit_header=False, sort_output=True, width=100)
    return missing


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        template_file = Path(tmp) / "kiosk.pot"
        extract(template_file)
        untranslated = merge(template_file)
    for msgid in untranslated:
        print(f"untranslated: {msgid}")
    print(f"{len(untranslated)} untranslated")
