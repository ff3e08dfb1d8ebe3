"""Building the screens on demand: only home is built before the window first shows; the
others follow one per event-loop turn once home is painted (or at once when a tap needs one), so
a power cut's restart reaches the home screen quickly."""

from __future__ import annotations

import importlib

from kiosk.ui.terminal.base import (
    ARRIVAL,
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
         ARRIVAL, INSURANCE)


# Each screen's module and class, imported when the screen is first built.
_SCREENS = {
    CHECK_IN: ("kiosk.ui.terminal.checkin", "CheckInScreen"),
    JOBS: ("kiosk.ui.terminal.jobs", "JobsScreen"),
    INFO: ("kiosk.ui.terminal.info", "InfoScreen"),
    COMPLAINT_STATUS: ("kiosk.ui.terminal.complaint_status", "ComplaintStatusScreen"),
    POLICIES: ("kiosk.ui.terminal.policies", "PoliciesScreen"),
    ARRIVAL: ("kiosk.ui.terminal.arrival", "ArrivalScreen"),
    TRAINING: ("kiosk.ui.terminal.training", "TrainingScreen"),
    INSURANCE: ("kiosk.ui.terminal.insurance", "InsuranceScreen"),
}


def build_screen(name: str, session: Session) -> Screen:
    """A new screen by name (imports are deferred with it: they are most of start-up)."""
    if name == REGISTER:
        from kiosk.core.pinyin_input import PinyinIndex  # noqa: PLC0415 - see the docstring
        from kiosk.ui.terminal.register import RegisterScreen  # noqa: PLC0415
        return RegisterScreen(session, PinyinIndex.load())
    if name == EMPLOYER:
        from kiosk.core.pinyin_input import PinyinIndex  # noqa: PLC0415
        from kiosk.ui.terminal.employer_post import EmployerPostScreen  # noqa: PLC0415
        return EmployerPostScreen(session, PinyinIndex.load())
    if name not in _SCREENS:
        raise ValueError(f"unknown screen: {name}")
    module, cls = _SCREENS[name]
    made: Screen = getattr(importlib.import_module(module), cls)(session)
    return made
