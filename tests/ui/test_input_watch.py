"""The one application-wide input filter: watchers see input events only, newest first; a
watcher that swallows an event stops it; with no watchers left the filter is gone."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from kiosk.ui.input_watch import InputWatch, unwatch_input, watch_input


class Recorder(QObject):
    def __init__(self, name: str, log: list[tuple[str, QEvent.Type]], *,
                 swallow: bool = False) -> None:
        super().__init__()
        self.name, self.log, self.swallow = name, log, swallow

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
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
    watch_input(old)
    watch_input(new)
    watch_input(new)  # once is enough
    try:
        button.show()
        button.repaint()  # shows, paints, layouts: none of it reaches a watcher
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    finally:
        unwatch_input(old)
        unwatch_input(new)
    assert log == [("new", QEvent.Type.MouseButtonPress),  # swallowed: old never saw it
                   ("new", QEvent.Type.MouseButtonRelease),
                   ("old", QEvent.Type.MouseButtonRelease)]
    assert pressed == []
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
