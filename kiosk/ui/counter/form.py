"""Form pieces the counter's pages share: labelled fields with their error under each, and
a date field that may be left empty."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TypeVar

from PySide6.QtCore import QDate
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QDateEdit, QGridLayout, QLabel, QWidget

from kiosk.core.errors import FieldError
from kiosk.ui.widgets.buttons import label, set_flag, set_role

UNSET = QDate(2000, 1, 1)
W = TypeVar("W", bound=QWidget)


class DateField(QDateEdit):
    """A date from a calendar pop-up or typed, or not chosen yet (shown as —). Opening the
    calendar or typing on an empty field starts from today."""

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setMinimumDate(UNSET)
        self.setSpecialValueText("—")
        self.setMinimumWidth(170)
        self.set_value(None)

    def value(self) -> date | None:
        chosen = self.date()
        return None if chosen == UNSET else date(chosen.year(), chosen.month(), chosen.day())

    def set_value(self, value: date | None) -> None:
        self.setDate(UNSET if value is None else QDate(value.year, value.month, value.day))

    def _start_from_today(self) -> None:
        if self.value() is None:
            self.set_value(self._today())

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        self._start_from_today()
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        self._start_from_today()
        super().keyPressEvent(event)


class Form(QWidget):
    """Rows of caption, field and — under the field, only when there is one — its error."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(12)
        self.grid.setVerticalSpacing(4)
        self.grid.setColumnStretch(1, 1)
        self.captions: dict[str, QLabel] = {}
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}

    def add(self, name: str, field: W) -> W:
        """A row for the field that validation calls `name`."""
        row = self.grid.rowCount()
        caption = label("", "", wrap=False)
        error = label("", "error")
        error.hide()
        self.grid.addWidget(caption, row, 0)
        self.grid.addWidget(field, row, 1)
        self.grid.addWidget(error, row + 1, 1)
        self.captions[name], self.fields[name], self.errors[name] = caption, field, error
        return field

    def caption(self, name: str, text: str) -> None:
        self.captions[name].setText(text)

    def show_errors(self, errors: Sequence[FieldError], language: str) -> list[str]:
        """Each error next to its field; the texts of errors no field here shows."""
        self.clear_errors()
        left: list[str] = []
        for error in errors:
            shown = self.errors.get(error.field)
            if shown is None:
                left.append(error.text(language))
                continue
            text = error.text(language)
            shown.setText(text if not shown.text() else f"{shown.text()}\n{text}")
            shown.show()
            set_flag(self.fields[error.field], "invalid", True)
        return left

    def clear_errors(self) -> None:
        for name, error in self.errors.items():
            error.clear()
            error.hide()
            set_flag(self.fields[name], "invalid", False)

    def error_text(self, name: str) -> str:
        return self.errors[name].text()


def say(message: QLabel, text: str, *, error: bool = False) -> None:
    """A page's message line: green when done, the error style when not."""
    set_role(message, "error" if error else "ok")
    message.setText(text)
