"""What the counter's pages share: services acting for the signed-in staff member, the
configuration, the language, and the use cases built on services."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from kiosk.core.errors import Err, FieldError
from kiosk.core.i18n import Translator
from kiosk.core.staff import StaffMember
from kiosk.services.dispatch import Dispatch
from kiosk.services.hall import Services
from kiosk.services.staff import StaffAccounts
from kiosk.system.config import Config


@dataclass(slots=True)
class CounterContext:
    services: Services  # as the signed-in staff member: every write is audited
    config: Config
    t: Translator
    staff: StaffMember
    accounts: StaffAccounts
    dispatch: Dispatch = field(init=False)

    def __post_init__(self) -> None:
        self.dispatch = Dispatch(self.services)

    def errors(self, result: Err) -> str:
        return "\n".join(self.error_text(e) for e in result.errors)

    def error_text(self, error: FieldError) -> str:
        return error.text(self.t.language)


class CounterPage(QWidget):
    """One tab of the workspace. `refresh()` re-reads what it shows (the store changed or
    the tab came forward); `retranslate()` follows the language switch."""

    TITLE = ""  # an N_ msgid, the tab's name
    open_worker = Signal(str)  # ask the window to show a worker at the desk
    open_job = Signal(str)  # ask the window to show a job in 即时快招
    edit_job = Signal(str)  # ask the window to open a job of this hall in 招工登记
    edit_self_post = Signal(str)  # ask the window to open an employer's own post there

    def __init__(self, ctx: CounterContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx

    def t(self, message: str) -> str:
        return self.ctx.t(message)

    def refresh(self) -> None:
        """Re-read from the store."""

    def retranslate(self) -> None:
        """Set every text again in the current language."""

    def stop(self) -> None:
        """The workspace is being thrown away (sign-out): stop timers that would still
        reach the store."""


class StoreBridge(QObject):
    """Store change announcements (any thread) as a Qt signal on the GUI thread."""

    changed = Signal(object)

    def __call__(self, entities: frozenset[str]) -> None:
        self.changed.emit(entities)
