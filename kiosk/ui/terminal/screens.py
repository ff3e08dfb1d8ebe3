"""Building the screens on demand: only home is built before the window first shows; the
others follow one per event-loop turn once home is painted (or at once when a tap needs one), so
a power cut's restart reaches the home screen quickly."""

from __future__ import annotations

from kiosk.ui.terminal.base import (
    CHECK_IN,
    COMPLAINT_STATUS,
    EMPLOYER,
    INFO,
    INSURANCE,
    JOBS,
    POLICIES,
    REGISTER,
    TRAINING,
    Screen,
    Session,
)

LATER = (REGISTER, CHECK_IN, JOBS, INFO, COMPLAINT_STATUS, POLICIES, TRAINING, EMPLOYER,
         INSURANCE)


def build_screen(name: str, session: Session) -> Screen:
    """A new screen by name (imports are deferred with it: they are most of start-up)."""
    # ruff: noqa: PLC0415 - each import is deferred on purpose, see the module docstring
    if name == REGISTER:
        from kiosk.core.pinyin_input import PinyinIndex
        from kiosk.ui.terminal.register import RegisterScreen
        return RegisterScreen(session, PinyinIndex.load())
    if name == CHECK_IN:
        from kiosk.ui.terminal.checkin import CheckInScreen
        return CheckInScreen(session)
    if name == JOBS:
        from kiosk.ui.terminal.jobs import JobsScreen
        return JobsScreen(session)
    if name == INFO:
        from kiosk.ui.terminal.info import InfoScreen
        return InfoScreen(session)
    if name == COMPLAINT_STATUS:
        from kiosk.ui.terminal.complaint_status import ComplaintStatusScreen
        return ComplaintStatusScreen(session)
    return _build_more(name, session)


def _build_more(name: str, session: Session) -> Screen:
    # ruff: noqa: PLC0415 - as above
    if name == POLICIES:
        from kiosk.ui.terminal.policies import PoliciesScreen
        return PoliciesScreen(session)
    if name == TRAINING:
        from kiosk.ui.terminal.training import TrainingScreen
        return TrainingScreen(session)
    if name == EMPLOYER:
        from kiosk.core.pinyin_input import PinyinIndex
        from kiosk.ui.terminal.employer_post import EmployerPostScreen
        return EmployerPostScreen(session, PinyinIndex.load())
    if name == INSURANCE:
        from kiosk.ui.terminal.insurance import InsuranceScreen
        return InsuranceScreen(session)
    raise ValueError(f"unknown screen: {name}")
