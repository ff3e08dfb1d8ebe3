"""Touchscreen latency: a tap to the next screen painted, per step, and cold start.

    .venv/bin/python bench/ui_latency.py [--rounds 30] [--starts 5]

- step: a real mouse click (QTest) on the button that moves on, then a synchronous repaint
  of the whole window (what the worker sees), for every step of a registration, a
  check-in and a job look-up, on a 1920×1080 offscreen window over a real SQLite store.
  Each tap starts from a settled window (the event loop has run since the last click, as
  between a person's taps). Baseline, measured in the same run and interleaved, settled
  the same way: a bare QStackedWidget of plain labels switching page and repainting, at
  the same size.
- cold start: a new process from `python` to the home screen shown (config, store,
  pinyin index, window), against a new process showing a bare QApplication + QWidget;
  both with compiled bytecode, as installed (see `cold_starts`).

Targets: step p95 ≤ 50 ms and ≤ 3× baseline; cold start ≤ 2.5× baseline. Prints JSON.
It asserts nothing: it is a measurement tool.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QStackedWidget, QWidget

from kiosk.core.fields import with_check_digit
from kiosk.system.config import Paths, default_config, write_config
from kiosk.ui.fonts import install_cjk_font
from kiosk.ui.terminal.checkin import CheckInScreen
from kiosk.ui.terminal.jobs import JobsScreen
from kiosk.ui.terminal.window import TerminalWindow

SIZE = (1920, 1080)
TARGET_P95_MS, TARGET_RATIO, TARGET_START_RATIO = 50.0, 3.0, 2.5
START_SCRIPT = """
import sys, time
t0 = float(sys.argv[1])
from PySide6.QtWidgets import QApplication
app = QApplication([])
from kiosk.app import open_app
from kiosk.system.config import Paths
from kiosk.ui.fonts import install_cjk_font
from kiosk.ui.terminal.window import TerminalWindow
install_cjk_font()
a = open_app(Paths.resolve(sys.argv[2]))
w = TerminalWindow(a.services, a.config)
w.resize(1920, 1080); w.show(); app.processEvents(); w.repaint()
print(time.time() - t0)
"""
BARE_SCRIPT = """
import sys, time
t0 = float(sys.argv[1])
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
w = QWidget(); w.resize(1920, 1080); w.show(); app.processEvents(); w.repaint()
print(time.time() - t0)
"""


def summary(samples: list[float]) -> dict[str, float]:
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return {"p50_ms": round(statistics.median(samples), 3), "p95_ms": round(cuts[94], 3)}


class Bare:
    """The baseline: a QStackedWidget of labels; one page switch painted."""

    def __init__(self) -> None:
        self.stack = QStackedWidget()
        for i in range(8):
            self.stack.addWidget(QLabel(f"第 {i} 页 page"))
        self.stack.resize(*SIZE)
        self.stack.show()

    def switch(self) -> float:
        QApplication.processEvents()  # settled, as each tap starts (see `tap_ms`)
        started = time.perf_counter()
        self.stack.setCurrentIndex((self.stack.currentIndex() + 1) % self.stack.count())
        self.stack.repaint()
        return (time.perf_counter() - started) * 1000


def tap_ms(window: QWidget, button: QWidget) -> float:
    """A click on `button` and the window painted again, in milliseconds.

    The window is settled first: the event loop has run since the last click, as it does
    between a person's taps, so what an earlier untimed key left to paint is not counted
    in this tap."""
    QApplication.processEvents()
    started = time.perf_counter()
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    window.repaint()
    return (time.perf_counter() - started) * 1000


def keys_then_tap(window: TerminalWindow, keys: dict[str, QPushButton], text: str) -> float:
    for char in text[:-1]:
        QTest.mouseClick(keys[char], Qt.MouseButton.LeftButton)
    return tap_ms(window, keys[text[-1]])


def one_round(window: TerminalWindow, seq: int) -> dict[str, float]:
    """Registration, check-in and a job look-up; each step's tap-to-painted time."""
    home = window.page("home")
    screen = window.register
    id_number = with_check_digit(f"37010419{70 + seq % 30:02d}0101{seq % 1000:03d}")
    times = {"home→consent": tap_ms(window, home.buttons["register"]),  # type: ignore[attr-defined]
             "consent→id": tap_ms(window, screen.agree),
             "id→phone": keys_then_tap(window, screen.id_entry.keypad.keys, id_number),
             "phone→name": keys_then_tap(window, screen.phone_keypad.keys, "13905312468")}
    QTest.mouseClick(screen.name_keypad.keys["z"], Qt.MouseButton.LeftButton)
    times["letter→candidates"] = tap_ms(window, screen.name_keypad.keys["h"])
    for _ in range(2):
        QTest.mouseClick(screen.name_keypad.candidate_buttons[0], Qt.MouseButton.LeftButton)
    times["name→trades"] = tap_ms(window, screen.name_next)
    QTest.mouseClick(screen.trade_tiles.buttons["C01"], Qt.MouseButton.LeftButton)
    times["trades→review"] = tap_ms(window, screen.trades_next)
    times["review→done"] = tap_ms(window, screen.submit)
    times["done→check-in"] = tap_ms(window, screen.done_check_in)
    checkin = window.page("checkin")
    assert isinstance(checkin, CheckInScreen)
    times["check-in→home"] = tap_ms(window, checkin.done)
    times["home→jobs"] = tap_ms(window, home.buttons["jobs"])  # type: ignore[attr-defined]
    jobs = window.page("jobs")
    assert isinstance(jobs, JobsScreen)
    times["jobs→detail"] = tap_ms(window, jobs.job_buttons[0])
    window.reset_all()
    return times


def measure_steps(rounds: int, data_dir: Path) -> dict[str, object]:
    from kiosk.app import open_app
    from kiosk.demo.seed import seed_demo

    app = open_app(Paths(data_dir, data_dir))
    seed_demo(app.services, workers=20, jobs=40, seed=7)
    window = TerminalWindow(app.services, app.config, printing=True)
    window.resize(*SIZE)
    window.show()
    bare = Bare()
    QApplication.processEvents()
    steps: dict[str, list[float]] = {}
    baseline: list[float] = []
    for seq in range(rounds + 2):
        times = one_round(window, seq)
        switches = [bare.switch() for _ in times]
        if seq < 2:
            continue  # warm-up rounds
        for name, ms in times.items():
            steps.setdefault(name, []).append(ms)
        baseline += switches
    window.shutdown()
    app.close()
    every = [ms for values in steps.values() for ms in values]
    base, total = summary(baseline), summary(every)
    return {"per_step": {name: summary(values) for name, values in steps.items()},
            "all_steps": total, "baseline_page_switch": base,
            "ratio_p50": round(total["p50_ms"] / base["p50_ms"], 2),
            "ratio_p95": round(total["p95_ms"] / base["p95_ms"], 2)}


def cold_starts(starts: int, data_dir: Path) -> dict[str, object]:
    """New processes, as an installed kiosk starts: with its modules' compiled bytecode.

    The .deb compiles every module at install (postinst), and pip compiled the libraries
    the bare baseline loads, but a development shell may set PYTHONDONTWRITEBYTECODE: then
    only the kiosk's own modules would be compiled again at every start. Both scripts run
    with a bytecode cache in `data_dir` (written by one untimed start of each); the start
    without any cache of the kiosk's modules is reported beside, for reference."""
    base_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
                "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    cached = {k: v for k, v in base_env.items() if k != "PYTHONDONTWRITEBYTECODE"}
    cached["PYTHONPYCACHEPREFIX"] = str(data_dir / "pycache")
    uncached = {**base_env, "PYTHONDONTWRITEBYTECODE": "1"}  # libraries' own .pyc only

    def run(script: str, env: dict[str, str]) -> float:
        out = subprocess.run([sys.executable, "-c", script, repr(time.time()), str(data_dir)],
                             env=env, capture_output=True, text=True, check=True)
        return float(out.stdout.strip().splitlines()[-1]) * 1000

    run(START_SCRIPT, cached)  # compiles into the cache, like the package's postinst
    run(BARE_SCRIPT, cached)
    terminal, bare, compiling = [], [], []
    for _ in range(starts):
        terminal.append(run(START_SCRIPT, cached))
        bare.append(run(BARE_SCRIPT, cached))
        compiling.append(run(START_SCRIPT, uncached))
    t, b = statistics.median(terminal), statistics.median(bare)
    return {"terminal_p50_ms": round(t, 1), "bare_qt_p50_ms": round(b, 1),
            "ratio": round(t / b, 2), "runs": starts,
            "terminal_compiling_every_module_p50_ms": round(statistics.median(compiling), 1)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--starts", type=int, default=5)
    args = parser.parse_args(argv)
    if args.rounds < 2 or args.starts < 1:
        parser.error("--rounds must be at least 2 and --starts at least 1")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    install_cjk_font()
    with tempfile.TemporaryDirectory(prefix="bench-ui-") as tmp:
        data = Path(tmp)
        write_config(data / "config.toml", default_config("T01"))
        steps = measure_steps(args.rounds, data)
        start = cold_starts(args.starts, data)
    total = steps["all_steps"]
    assert isinstance(total, dict)
    result: dict[str, object] = {
        "rounds": args.rounds, **steps, "cold_start": start,
        "targets": {"step_p95_ms": TARGET_P95_MS, "ratio": TARGET_RATIO,
                    "cold_start_ratio": TARGET_START_RATIO},
        "meets_target": (total["p95_ms"] <= TARGET_P95_MS
                         and float(steps["ratio_p95"]) <= TARGET_RATIO  # type: ignore[arg-type]
                         and float(start["ratio"]) <= TARGET_START_RATIO),  # type: ignore[arg-type]
    }
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
