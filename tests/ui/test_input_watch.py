"""The one input filter, on the application's windows: watchers see input events only,
newest first; a watcher that swallows an event stops it; a window opened later is watched
once it has the focus; with no watchers left no window is filtered."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QInputEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QPushButton
from pytestqt.qtbot import QtBot

from kiosk.ui.input_watch import InputWatch, unwatch_input, watch_input
from tests.ui.conftest import touch, window_of

BUTTONS = (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease)


class Recorder(QObject):
    """Logs the presses and releases it sees; `seen` holds the type of every event."""

    def __init__(self, name: str, log: list[tuple[str, QEvent.Type]], *,
                 swallow: bool = False) -> None:
        super().__init__()
        self.name, self.log, self.swallow = name, log, swallow
        self.seen: list[QEvent] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        self.seen.append(event)
        if event.type() in BUTTONS:
            self.log.append((self.name, event.type()))
        return self.swallow and event.type() == QEvent.Type.MouseButtonPress


def the_watch() -> InputWatch | None:
    app = QApplication.instance()
    assert app is not None
    return app.findChild(InputWatch, "inputWatch")


def test_watchers_see_only_input_newest_first_and_a_swallowed_press_stops(
        qtbot: QtBot) -> None:
    button = QPushButton("x")
    qtbot.addWidget(button)
    pressed: list[bool] = []
    button.pressed.connect(lambda: pressed.append(True))
    log: list[tuple[str, QEvent.Type]] = []
    old, new = Recorder("old", log), Recorder("new", log, swallow=True)
    button.show()
    qtbot.waitExposed(button)
    watch_input(old)
    watch_input(new)
    watch_input(new)  # once is enough
    try:
        button.hide()
        button.show()
        button.repaint()  # shows, paints, layouts: none of it reaches a watcher
        touch(button)
    finally:
        unwatch_input(old)
        unwatch_input(new)
    assert log == [("new", QEvent.Type.MouseButtonPress),  # swallowed: old never saw it
                   ("new", QEvent.Type.MouseButtonRelease),
                   ("old", QEvent.Type.MouseButtonRelease)]
    assert pressed == []
    assert new.seen and all(isinstance(event, QInputEvent) for event in new.seen)
    watch = the_watch()
    assert watch is not None and watch._watchers == []


def test_a_deleted_watcher_is_forgotten(qtbot: QtBot) -> None:
    log: list[tuple[str, QEvent.Type]] = []
    gone = Recorder("gone", log)
    watch_input(gone)
    watch = the_watch()
    assert watch is not None and watch._watchers == [gone]
    gone.deleteLater()
    qtbot.waitUntil(lambda: not watch._watchers)


def test_a_window_opened_later_is_watched_and_a_click_past_the_window_is_not(
        qtbot: QtBot) -> None:
    log: list[tuple[str, QEvent.Type]] = []
    recorder = Recorder("r", log)
    watch_input(recorder)
    dialog = QDialog()
    qtbot.addWidget(dialog)
    button = QPushButton("x", dialog)
    try:
        dialog.show()  # after the watcher came: covered when it takes the focus
        qtbot.waitUntil(lambda: QApplication.focusWindow() is window_of(dialog))
        touch(button)
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)  # straight to the widget
    finally:
        unwatch_input(recorder)
    assert log == [("r", QEvent.Type.MouseButtonPress), ("r", QEvent.Type.MouseButtonRelease)]
    touch(button)  # no watchers: the window is not filtered any more
    assert len(log) == 2


def test_a_watcher_within_a_window_sees_its_window_and_dialogs_only(qtbot: QtBot) -> None:
    """Two role windows in one process: each one's watcher keeps to its own input."""
    log: list[tuple[str, QEvent.Type]] = []
    mine, other = QPushButton("mine"), QPushButton("other")
    for widget in (mine, other):
        qtbot.addWidget(widget)
        widget.show()
        qtbot.waitExposed(widget)
    dialog = QDialog(mine)
    button = QPushButton("in the dialog", dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    recorder = Recorder("r", log)
    watch_input(recorder, within=mine)
    try:
        touch(other)
        assert log == []
        touch(mine)
        touch(button)
    finally:
        unwatch_input(recorder)
    presses = [QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease]
    assert log == [("r", kind) for kind in presses * 2]
