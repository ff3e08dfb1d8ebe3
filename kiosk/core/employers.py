"""How an employer provides work (用工方式 of the employer, seed 000 §11): hiring itself
(直接用工), or between workers and those who need them — 劳务派遣 (a labour-dispatch firm),
职业中介 (an employment agency), 揽头 (an individual gang-master who gathers a crew). Shown
beside the employer's name wherever a job shows its employer, so a worker knows who they
deal with."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from kiosk.core.errors import N_, Ok, Result, fail
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


# The licence an intermediary must hold (劳动合同法 第五十七条; 就业促进法 第四十条 and the
# 人力资源市场暂行条例 第十八条), asked for at registration and shown on its posts.
LICENCE_NAMES = {
    EmployerRole.DISPATCH: ("劳务派遣经营许可证", N_("Labour dispatch licence")),
    EmployerRole.AGENCY: ("人力资源服务许可证", N_("Human resources service licence")),
}
LICENSED_ROLES = frozenset(LICENCE_NAMES)
LICENCE_MAX = 40
# As printed on licences: 鲁济劳派许字〔2019〕第0123号, (鲁)人服证字〔2020〕第0102000001号,
# 370102201900012 — Chinese characters, letters, digits and the brackets they use.
_LICENCE = re.compile(r"[\u4e00-\u9fffA-Z0-9〔〕\[\]()【】\-]{6,40}")


def validate_licence(raw: str, role: EmployerRole, field: str = "licence_no") -> Result[str]:
    """The licence number a labour-dispatch firm or an employment agency must give:
    required, as printed (spaces dropped); "" for the other roles, which need none."""
    if role not in LICENSED_ROLES:
        return Ok("")
    zh, en = LICENCE_NAMES[role]
    number = re.sub(r"\s+", "", unicodedata.normalize("NFKC", raw)).upper()
    if not number:
        return fail(field, "licence_required", N_(
            "A labour-dispatch firm or an employment agency must give the number of its "
            "{licence}."), licence=zh, licence_en=en.lower())
    if not _plausible_licence(number):
        return fail(field, "licence_format", N_(
            "This does not look like a {licence} number: copy it as printed on the "
            "licence, e.g. 鲁济劳派许字〔2019〕第0123号."), licence=zh, licence_en=en.lower())
    return Ok(number)


def _plausible_licence(number: str) -> bool:
    """Characters as printed, and either the issuer's words with a serial of at least four
    digits, or an all-digit code of at least eight."""
    if len(number) > LICENCE_MAX or not _LICENCE.fullmatch(number):
        return False
    digits = sum(c.isdigit() for c in number)
    chinese = any("\u4e00" <= c <= "\u9fff" for c in number)
    return (chinese and digits >= 4) or (number.isdigit() and digits >= 8)


def licence_name(role: str, licence_no: str) -> str | None:
    """The msgid of the licence a post shows beside its number (劳务派遣经营许可证); None for
    the roles that need none, or an employer known here without one."""
    try:
        known = EmployerRole(role)
    except ValueError:
        return None
    if not licence_no or known not in LICENCE_NAMES:
        return None
    return LICENCE_NAMES[known][1]


def licence_text(role: str, licence_no: str, t: Callable[[str], str]) -> str:
    """劳务派遣经营许可证：鲁济劳派许字〔2019〕第0123号, or "" (see `licence_name`)."""
    name = licence_name(role, licence_no)
    if name is None:
        return ""
    return t(N_("{label}: {value}")).format(label=t(name), value=licence_no)
