"""Render the product's screens offscreen with demo data and save them as PNGs for review.

    .venv/bin/python bench/screenshots.py --out out/screens [--role board]

One function per role (`ROLES`); each writes its PNGs into the output directory and
returns their paths. Demo data comes from `kiosk.demo.seed.seed_demo` in a temporary data dir,
at a fixed hall time, so the pictures are the same from run to run.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.app import App, open_app
from kiosk.core.codec import iso_utc
from kiosk.core.fields import with_check_digit
from kiosk.demo.seed import seed_demo
from kiosk.services import calling
from kiosk.store.board import LAST_SYNC_KEY
from kiosk.system.config import Paths, default_config, write_config
from kiosk.ui.board.window import BoardWindow
from kiosk.ui.fonts import install_cjk_font
from kiosk.ui.terminal.checkin import CheckInScreen
from kiosk.ui.terminal.jobs import JobsScreen
from kiosk.ui.terminal.register import KEYS_HAND, KEYS_LETTERS, KEYS_PHONE
from kiosk.ui.terminal.window import TerminalWindow

HALL_TIME = datetime(2026, 11, 23, 0, 26, 41, tzinfo=UTC)  # 08:26 in Jinan
SIZES = {"landscape": (1920, 1080), "portrait": (1080, 1920), "4k": (3840, 2160)}


class FixedClock:
    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def now(self) -> datetime:
        return self.moment


def demo_app(data_dir: Path, *, jobs: int, seeded: bool = True) -> App:
    paths = Paths(data_dir, data_dir)
    write_config(paths.config_file, default_config("T01"))
    app = open_app(paths, FixedClock(HALL_TIME))
    if seeded:
        seed_demo(app.services, workers=120, jobs=jobs, seed=2026)
    return app


def _dispose(window: BoardWindow) -> None:
    """Stop the window's thread and timers and delete it while Qt and Python are alive."""
    window.shutdown()
    window.close()
    window.deleteLater()
    QApplication.processEvents()


def _grab(window: BoardWindow, size: tuple[int, int], path: Path, page: int | None = None,
          ) -> Path:
    """The board at `size`, on `page` when given: the page is chosen after the resize, which
    lays the jobs out again and starts over at page 1."""
    window.resize(*size)
    window.show()
    QApplication.processEvents()
    if page is not None:
        window.show_page(page)
        QApplication.processEvents()
    window.grab().save(str(path))
    return path


def board_shots(out: Path) -> list[Path]:
    saved: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="shots-board-") as tmp:
        app = demo_app(Path(tmp) / "demo", jobs=40)
        window = BoardWindow(app.config, app.services.catalogue, app.paths.database,
                             app.services.clock, animate=False)
        try:
            for name, size in SIZES.items():
                saved.append(_grab(window, size, out / f"board-{name}-{size[0]}x{size[1]}.png"))
            saved.append(_grab(window, SIZES["landscape"], out / "board-landscape-page2.png",
                               page=1))
            window.with_settings(group_by_sector=True)
            saved.append(_grab(window, SIZES["landscape"], out / "board-grouped.png", page=0))
            window.with_settings(group_by_sector=False, mode="scroll")
            saved.append(_grab(window, SIZES["portrait"], out / "board-scroll-portrait.png"))
        finally:
            _dispose(window)
        with app.store.write():
            app.store.conn.execute(
                "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                (LAST_SYNC_KEY, iso_utc(HALL_TIME - timedelta(hours=2, minutes=5))))
        stale = BoardWindow(app.config, app.services.catalogue, app.paths.database,
                            app.services.clock, animate=False)
        try:
            saved.append(_grab(stale, SIZES["landscape"], out / "board-stale.png"))
        finally:
            _dispose(stale)
        app.close()

        empty_app = demo_app(Path(tmp) / "empty", jobs=0, seeded=False)
        empty = BoardWindow(empty_app.config, empty_app.services.catalogue,
                            empty_app.paths.database, empty_app.services.clock, animate=False)
        try:
            saved.append(_grab(empty, SIZES["landscape"], out / "board-empty-1920x1080.png"))
            saved.append(_grab(empty, SIZES["portrait"], out / "board-empty-1080x1920.png"))
        finally:
            _dispose(empty)
        empty_app.close()
    return saved + board_state_shots(out)


BOARD_CITY_NOTICE = {"version": 1, "notices": [{
    "text_zh": "市人社局：本周六在市民中心举办春风行动专场招聘会，免费入场",
    "text_en": "City bureau: spring job fair at the Civic Centre on Saturday, free entry",
    "starts_on": "2026-11-20", "ends_on": "2026-11-30", "priority": 9, "districts": []}]}


def _board(app: App, language: str) -> BoardWindow:
    config = replace(app.config, language=language)
    return BoardWindow(config, app.services.catalogue, app.paths.database, app.services.clock,
                       animate=False)


def _board_states(app: App, out: Path, state: str) -> list[Path]:
    """The board in zh and en, landscape and portrait, as `app`'s data stands."""
    saved = []
    for language in ("zh_CN", "en"):
        window = _board(app, language)
        try:
            for name in ("landscape", "portrait"):
                size = SIZES[name]
                saved.append(_grab(window, size,
                                   out / f"board-{state}-{language[:2]}-{size[0]}x{size[1]}.png"))
        finally:
            _dispose(window)
    return saved


def board_state_shots(out: Path) -> list[Path]:
    """Many jobs, few jobs, no jobs, a call in progress, a city notice: zh and en,
    1920×1080 and 1080×1920 (今日待岗 in each)."""
    saved: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="shots-board-states-") as tmp:
        for state, jobs in (("few", 3), ("none", 0)):
            app = demo_app(Path(tmp) / state, jobs=jobs)
            saved += _board_states(app, out, state)
            app.close()
        app = demo_app(Path(tmp) / "many", jobs=60)
        saved += _board_states(app, out, "many")
        for window in ("1", "2", "3"):
            calling.call_next(app.services, window)
        saved += _board_states(app, out, "call")
        with app.store.write() as tx:
            tx.changed.add("asset")
            app.store.conn.execute(
                "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                ("asset.city_notices", json.dumps({"name": "city_notices", "version": 1,
                                                   "data": BOARD_CITY_NOTICE},
                                                  ensure_ascii=False)))
        saved += _board_states(app, out, "notice")
        app.close()
    return saved


def _grab_widget(widget: QWidget, path: Path) -> Path:
    QApplication.processEvents()
    widget.grab().save(str(path))
    return path


def terminal_shots(out: Path) -> list[Path]:
    """Every touchscreen screen at 1920×1080 and 1080×1920, in Chinese and English, with
    and without 大字."""
    saved: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="shots-terminal-") as tmp:
        app = demo_app(Path(tmp) / "demo", jobs=30)
        worker = next(iter(app.store.workers.where("1", limit=1)))
        number = _demo_id_number(app, worker.id)
        walks = [(size, english, large) for size in (SIZES["landscape"], SIZES["portrait"])
                 for english in (False, True) for large in (False, True)]
        for n, (size, english, large) in enumerate(walks):
            window = TerminalWindow(app.services, app.config, printing=False)
            window.resize(*size)
            window.show()
            if english:
                window.toggle_language()
            window.set_large_text(large)
            tag = f"{size[0]}x{size[1]}" + ("-en" if english else "") + ("-large" if large else "")
            try:
                saved += _terminal_walk(window, number, out, tag, n)
            finally:
                window.shutdown()
                window.close()
                window.deleteLater()
                QApplication.processEvents()
        app.close()
    return saved


def _demo_id_number(app: App, worker_id: str) -> str:
    row = app.store.conn.execute("SELECT id_number FROM workers WHERE id = ?", (worker_id,))
    return str(row.fetchone()[0])


def _register_walk(window: TerminalWindow, shot: Callable[[str], Path],
                   new_id: str) -> list[Path]:
    """Every registration step with a new worker's answers, up to the card."""
    window.show_screen("register")
    screen = window.register
    saved = [shot("register-1-consent")]
    screen.agree.click()
    screen.id_entry.keypad.set_text("37010419800214")
    saved.append(shot("register-2-id"))
    screen.id_entry.keypad.set_text(new_id)
    saved.append(shot("register-3-phone"))
    screen.phone_keypad.set_text("13905312468")
    for key in "li":
        screen.name_keypad.press(key)
    saved.append(shot("register-4-name-letters"))
    screen.name_keypad.choose(0)
    screen.name_keypad.press("x")
    saved.append(shot("register-4-name-second"))
    screen.name_keypad.choose(0)
    if screen.handwriting is not None:
        screen.choose_input(KEYS_HAND)
        _write(screen.handwriting.pad, "明")
        saved.append(shot("register-4-name-handwriting"))
        screen.handwriting.clear()
    screen.choose_input(KEYS_PHONE)
    for key in "94264":
        screen.name_keypad.press(key)
    saved.append(shot("register-4-name-phone-keys"))
    screen.name_keypad.press("C")
    screen.name_keypad.set_name("李明")
    screen.choose_input(KEYS_LETTERS)
    screen.header.help.click()  # 请工作人员帮助: the name stays, staff are called
    saved.append(shot("register-4-name-staff-called"))
    window.help_call.forget()
    screen.name_next.click()
    for code in ("C01", "S01"):
        screen.trade_tiles.buttons[code].click()
    saved.append(shot("register-5-trades"))
    screen.trades_next.click()
    saved.append(shot("register-6-review"))
    for step, name in ((6, "certificates"), (7, "intention"), (8, "start")):
        screen.edit(step)
        saved.append(shot(f"register-more-{name}"))
    screen.go(5)
    screen.submit.click()
    saved.append(shot("register-done"))
    window.reset_all()
    window.show_screen("register")
    screen.agree.click()
    screen.id_entry.keypad.set_text(new_id)
    saved.append(shot("register-already"))
    window.reset_all()
    return saved


def _write(pad: QWidget, char: str) -> None:
    """`char` written on the handwriting pad with mouse events, from the test stroke data."""
    data = json.loads((Path(__file__).resolve().parents[1] / "tests" / "system" / "data"
                       / "name_strokes.json").read_text("utf-8"))
    scale = pad.width() / 1024
    for stroke in data["given"].get(char) or data["surnames"][char]:
        points = [QPoint(round(x * scale), round(y * scale)) for x, y in stroke]
        QTest.mousePress(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         points[0])
        for point in points[1:]:
            QTest.mouseMove(pad, point)
        QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                           points[-1])


def _terminal_walk(window: TerminalWindow, number: str, out: Path, tag: str,
                   walk: int) -> list[Path]:
    def shot(name: str) -> Path:
        return _grab_widget(window, out / f"terminal-{name}-{tag}.png")
    saved = [shot("home")]
    new_id = with_check_digit(f"37010419800214{walk:02d}" + "2")
    saved += _register_walk(window, shot, new_id)
    window.show_screen("checkin")
    checkin = window.page("checkin")
    assert isinstance(checkin, CheckInScreen)
    checkin.entry.keypad.set_text(number[:10])
    saved.append(shot("checkin-typing"))
    checkin.entry.keypad.set_text(number[:-1] + ("1" if number[-1] != "1" else "2"))
    saved.append(shot("checkin-wrong-check-digit"))
    checkin.entry.keypad.set_text(number)  # the 18th character checks in
    saved.append(shot("checkin-number"))
    window.show_screen("jobs")
    saved.append(shot("jobs"))
    jobs = window.page("jobs")
    assert isinstance(jobs, JobsScreen)
    jobs.open_job(0)
    saved.append(shot("job-detail"))
    jobs.ask_id()
    jobs.want_job(number)
    saved.append(shot("job-wanted"))
    window.show_screen("info")
    saved.append(shot("info"))
    window.show_screen("policies")
    saved.append(shot("policies"))
    window.show_screen("checkin")
    window.countdown.start(10)
    saved.append(shot("idle-countdown"))
    window.reset_all()
    return saved


ROLES: dict[str, Callable[[Path], list[Path]]] = {"board": board_shots,
                                                  "terminal": terminal_shots}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("out/screens"))
    parser.add_argument("--role", choices=sorted(ROLES), action="append",
                        help="only these roles (repeatable; default all)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    _qt = QApplication.instance() or QApplication(sys.argv[:1])
    install_cjk_font()
    for role in args.role or sorted(ROLES):
        for path in ROLES[role](args.out):
            print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
