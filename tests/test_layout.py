"""The house layout: kiosk/ holds one folder per layer, and the README's layout says so."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KIOSK = ROOT / "kiosk"


def _readme_layout() -> str:
    text = (ROOT / "README.md").read_text("utf-8")
    section = text.split("## Layout\n", 1)[1]
    return section.split("```", 2)[1]


def _packages(folder: Path) -> set[str]:
    return {p.parent.name for p in folder.glob("*/__init__.py")}


def test_the_top_level_of_kiosk_holds_only_packages() -> None:
    modules = {p.name for p in KIOSK.glob("*.py")}
    assert modules == {"__init__.py"}


def test_the_readme_layout_names_every_layer_of_kiosk_and_no_other() -> None:
    block = _readme_layout()
    named = set(re.findall(r"^  (\w+)/", block, re.M))
    assert named == _packages(KIOSK)


def test_every_top_level_folder_in_the_readme_layout_exists() -> None:
    block = _readme_layout()
    for name in re.findall(r"^(\w+)/", block, re.M):
        assert (ROOT / name).is_dir(), name
