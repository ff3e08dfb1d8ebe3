"""Form pieces the counter's pages share: labelled fields with their error under each, and
a date field that may be left empty."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TypeVar

from PySide6.QtCore import QDate, QSize
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QWidget,
)

from kiosk.core.errors import FieldError
from kiosk.ui.widgets.buttons import label, set_flag, set_role

UNSET = QDate(2000, 1, 1)
COMBO_ROOM = 8 + 4 + 32 + 2 + 8  # padding, drop-down button, frame and a little air
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
    """Rows of caption, field and — under the field, only when there is one — its error;
    a row may hold two captioned fields side by side (`beside`)."""

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
        self._row = -2

    def add(self, name: str, field: W, *, beside: bool = False, wide: bool = False) -> W:
        """A row for the field that validation calls `name`; `beside` puts it to the right
        of the last row's field, `wide` lets it take the whole row."""
        if beside:
            self.grid.setColumnStretch(3, 1)
        else:
            self._row = self.grid.rowCount()
        column, span = (2, 1) if beside else (0, 3 if wide else 1)
        caption = label("", "")  # a long English caption takes two lines
        error = label("", "fieldError")
        error.hide()
        self.grid.addWidget(caption, self._row, column)
        self.grid.addWidget(field, self._row, column + 1, 1, span)
        self.grid.addWidget(error, self._row + 1, column + 1, 1, span)
        self.captions[name], self.fields[name], self.errors[name] = caption, field, error
        return field

    def show_row(self, name: str, shown: bool) -> None:
        """Show or hide a row (its caption, field and any error): a field that only some
        choices ask for takes no room otherwise."""
        self.captions[name].setVisible(shown)
        self.fields[name].setVisible(shown)
        self.errors[name].setVisible(shown and bool(self.errors[name].text()))

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


def widget_row(*widgets: QWidget, stretch: bool = False) -> QWidget:
    """Widgets side by side in one form cell; `stretch` keeps them at the left."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget)
    if stretch:
        layout.addStretch(1)
    return row


def say(message: QLabel, text: str, *, error: bool = False) -> None:
    """A page's message line: green when done, the error style when not."""
    set_role(message, "error" if error else "ok")
    message.setText(text)



class FitCombo(QComboBox):
    """A combo box wide enough for its longest choice in the font it is drawn in (Qt's own
    hint under the style sheet under-counts the padding and the drop-down button)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

    def _least_width(self) -> int:
        metrics = self.fontMetrics()
        return COMBO_ROOM + max((metrics.horizontalAdvance(self.itemText(i))
                                 for i in range(self.count())), default=0)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        hint = super().minimumSizeHint()
        return QSize(max(hint.width(), self._least_width()), hint.height())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        hint = super().sizeHint()
        return QSize(max(hint.width(), self._least_width()), hint.height())
