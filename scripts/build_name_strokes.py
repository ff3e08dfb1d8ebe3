"""Rebuild `tests/system/data/name_strokes.json`: real stroke data for the characters of
common names, to test and measure handwriting recognition on.

    .venv/bin/python scripts/build_name_strokes.py PACKAGE_DIR

PACKAGE_DIR is the unpacked npm package `hanzi-writer-data` 2.0.1 (`npm pack
hanzi-writer-data@2.0.1`, then `tar xzf` it): one JSON file per character whose `medians`
are each stroke's centre line in writing order, from the Make Me a Hanzi project (Arphic
Public License, copied beside the output as ARPHICPL.TXT). Kept: the first 100 single
surnames of `assets/name_chars.json` and its first 100 given-name characters that are not
among them, each stroke as [x, y] points in a 1024 box with y down (the package's y is up,
origin 900).
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "system" / "data" / "name_strokes.json"
COUNT = 100
Y_ORIGIN = 900


def pick(names: dict[str, list[list[str]]]) -> tuple[list[str], list[str]]:
    surnames = [c for c, _ in names["surnames"] if len(c) == 1][:COUNT]
    given = [c for c, _ in names["given"] if c not in surnames][:COUNT]
    return surnames, given


def strokes(package: Path, char: str) -> list[list[list[int]]]:
    medians = json.loads((package / f"{char}.json").read_text("utf-8"))["medians"]
    return [[[int(x), Y_ORIGIN - int(y)] for x, y in stroke] for stroke in medians]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("package", type=Path)
    package = parser.parse_args().package
    names = json.loads((ROOT / "assets" / "name_chars.json").read_text("utf-8"))
    surnames, given = pick(names)
    data = {"about": "Stroke centre lines (writing order, 1024 box, y down) of hanzi-writer-"
                     "data 2.0.1 from Make Me a Hanzi; Arphic Public License: ARPHICPL.TXT",
            "surnames": {c: strokes(package, c) for c in surnames},
            "given": {c: strokes(package, c) for c in given}}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    OUT.write_text(text.replace(',"', ',\n"') + "\n", "utf-8")
    shutil.copy(package / "ARPHICPL.TXT", OUT.with_name("ARPHICPL.TXT"))


if __name__ == "__main__":
    main()
