"""到岗: a referral slip read at this touchscreen. The employer or the worker scans it where
they meet; the screen says in plain words that the arrival is confirmed, with the job and
the worker's masked name, and the hall that issued the slip sees it after sync."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.core.errors import N_
from kiosk.services import arrivals
from kiosk.ui.terminal.base import HOME, Screen, Session
from kiosk.ui.widgets.buttons import big_button, label

ARRIVED = N_("Arrival confirmed.")


class ArrivalScreen(Screen):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.note: arrivals.ArrivalNote | None = None
        self.title = label("", "callout")
        self.title.setObjectName("arrivalTitle")
        self.job = label("", "title")
        self.worker = label("", "reviewValue")
        self.words = label("", "card")
        self.done = big_button("", "primary")
        self.done.clicked.connect(lambda: self.navigate.emit(HOME))
        box = QVBoxLayout()
        for widget in (self.title, self.job, self.worker, self.words):
            box.addWidget(widget)
        box.addStretch(1)
        box.addWidget(self.done)
        self.layout_.addLayout(box, 1)

    def confirm(self, referral_id: str, job_id: str = "",
                worker_masked: str = "") -> arrivals.ArrivalNote:
        """Record the slip's arrival here and say so (the job and the masked name the slip
        names, where this terminal does not know the referral)."""
        self.note = arrivals.confirm_arrival(
            self.session.services, referral_id,
            job_title=arrivals.job_title(self.session.services, job_id),
            worker_masked=worker_masked)
        self.retranslate()
        self.session.say(ARRIVED)
        return self.note

    def reset(self) -> None:
        self.note = None
        self.retranslate()

    def retranslate(self) -> None:
        t, note = self.t, self.note
        self.title.setText(t(ARRIVED))
        self.done.setText(t(N_("Done")))
        job = note.job_title if note else ""
        worker = note.worker_masked if note else ""
        self.job.setText(t(N_("Job: {job}")).format(job=job) if job else "")
        self.worker.setText(t(N_("Worker: {name}")).format(name=worker) if worker else "")
        self.job.setVisible(bool(job))
        self.worker.setVisible(bool(worker))
        self.words.setText(t(N_(
            "The worker and the employer have met. The hall that issued the slip sees it "
            "at its counter; staff there record whether the worker was hired.")))
