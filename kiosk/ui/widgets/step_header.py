"""The top of every step: ← back, the step's title, "第 2 步，共 8 步" and a progress bar."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QSizePolicy, QVBoxLayout, QWidget

from kiosk.ui.widgets.buttons import big_button, label


class StepHeader(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.back = big_button("", "")
        self.back.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.title = label("", "title")
        self.counter = label("", "hint", wrap=False)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        row = QHBoxLayout()
        row.addWidget(self.back)
        row.addWidget(self.title, 1)
        row.addWidget(self.counter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.progress)

    def set_step(self, title: str, step: int, steps: int, counter_text: str,
                 back_text: str) -> None:
        """`step` counts from 1; `steps` == 0 hides the counter and the bar."""
        self.title.setText(title)
        self.back.setText(back_text)
        self.counter.setText(counter_text if steps else "")
        self.counter.setVisible(bool(steps))
        self.progress.setVisible(bool(steps))
        self.progress.setRange(0, max(1, steps))
        self.progress.setValue(step)
