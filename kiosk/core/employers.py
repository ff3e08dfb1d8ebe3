"""How an employer provides work (用工方式 of the employer, seed 000 §11): hiring itself
(直接用工), or between workers and those who need them — 劳务派遣 (a labour-dispatch firm),
职业中介 (an employment agency), 揽头 (an individual gang-master who gathers a crew). Shown
beside the employer's name wherever a job shows its employer, so a worker knows who they
deal with."""

from __future__ import annotations

from collections.abc import Callable

from kiosk.core.errors import N_
from kiosk.core.records import EmployerRole

ROLE_NAMES = {
    EmployerRole.DIRECT: N_("Direct employer"),
    EmployerRole.DISPATCH: N_("Labour dispatch"),
    EmployerRole.AGENCY: N_("Employment agency"),
    EmployerRole.GANG_MASTER: N_("Gang-master"),
}


def employer_label(name: str, role: str, t: Callable[[str], str]) -> str:
    """The name, with its role after it unless it hires directly: 鲁班建筑（劳务派遣）."""
    try:
        known = EmployerRole(role)
    except ValueError:
        known = EmployerRole.DIRECT
    if not name or known is EmployerRole.DIRECT:
        return name
    return t(N_("{name} ({role})")).format(name=name, role=t(ROLE_NAMES[known]))
