"""Buttons and labels with a style role (see `theme.touch_stylesheet`)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QWidget

from kiosk.ui.widgets.touch_button import TouchButton


def big_button(text: str = "", role: str = "", parent: QWidget | None = None) -> QPushButton:
    """A button at least one touch target in size; `role` picks its style (primary, …)."""
    button = TouchButton(text, parent)
    if role:
        button.setProperty("role", role)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # taps only: no focus rings, no keyboard
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return button


class ButtonStates:
    """Sets buttons' enabled state and text only when they change. Every call from Python
    into Qt costs microseconds, and a keypad sets forty keys on each tap when most stay as
    they were. The buttons' state must be set through here only."""

    def __init__(self) -> None:
        self._enabled: dict[QPushButton, bool] = {}
        self._texts: dict[QPushButton, str] = {}

    def enable(self, button: QPushButton, on: bool) -> None:
        if self._enabled.get(button) is not on:
            self._enabled[button] = on
            button.setEnabled(on)

    def text(self, button: QPushButton, text: str) -> None:
        if self._texts.get(button) != text:
            self._texts[button] = text
            button.setText(text)


def label(text: str = "", role: str = "", parent: QWidget | None = None, *,
          wrap: bool = True) -> QLabel:
    widget = QLabel(text, parent)
    if role:
        widget.setProperty("role", role)
    widget.setWordWrap(wrap)
    widget.setTextFormat(Qt.TextFormat.PlainText)  # what people typed is never markup
    return widget


def set_role(widget: QWidget, role: str) -> None:
    """Change a widget's style role and make Qt apply the new style now."""
    if widget.property("role") == role:
        return
    widget.setProperty("role", role)
    _restyle(widget)


def set_flag(widget: QWidget, name: str, value: bool) -> None:
    """Set a boolean style property (e.g. invalid) and re-apply the style."""
    if bool(widget.property(name)) == value:
        return
    widget.setProperty(name, "true" if value else "false")
    _restyle(widget)


def _restyle(widget: QWidget) -> None:
    """Apply the style sheet again after a property changed. The StyleChange event makes
    a QLabel take its new padding too (polish alone keeps the old contents margins)."""
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    QCoreApplication.sendEvent(widget, QEvent(QEvent.Type.StyleChange))
