"""Employers' own posts (我要招工 on the touchscreen, or a signed phone draft): a post waits
for the counter's review before it becomes a job.

A pending post is not a job: it is a record of its own (`SelfPost`), kept only in the hall
that took it (table `self_posts`, never in the outbox). Only approval makes the job (and a
new employer) — so nothing pending can reach the board, the touchscreen's lists, matching,
the statistics or another hall, whatever query reads the jobs.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from kiosk.core.errors import N_, FieldError

if TYPE_CHECKING:  # drafts (and their validators) load when a post is read, not at start-up
    from kiosk.core.drafts import EmployerDraft, JobDraft
    from kiosk.core.post_check import PostRules


class SelfPostStatus(StrEnum):
    PENDING = "pending"  # waits for the counter (待审核)
    APPROVED = "approved"  # a job now (`job_id`)
    REFUSED = "refused"  # with the staff member's reason


class SelfPostSource(StrEnum):
    TOUCH = "touch"  # tapped at the touchscreen
    SCAN = "scan"  # a signed phone draft (LGE1) scanned at the touchscreen


@dataclass(frozen=True, slots=True)
class SelfPost:
    """An employer's post as it waits for review. `employer_id` names a returning employer
    (found by phone); otherwise `employer` is the new employer's draft."""

    id: str
    hall_id: str
    reference: str  # on the receipt and at the counter, e.g. ZG20261207-003
    source: SelfPostSource
    employer_id: str | None
    employer: EmployerDraft | None
    job: JobDraft
    status: SelfPostStatus
    created_at: datetime
    reason: str = ""  # why staff refused it
    staff_id: str = ""  # who decided
    job_id: str = ""  # the job approval made
    decided_at: datetime | None = None


def reference_for(day: date, number: int) -> str:
    """ZG + the day + the day's number, like a complaint's number: never the same twice
    in this hall (the store keeps it unique)."""
    return f"ZG{day:%Y%m%d}-{number:03d}"


_DATE_FIELDS = frozenset({"start_date", "end_date"})


def job_draft_to_data(draft: JobDraft) -> dict[str, Any]:
    data = asdict(draft)
    for name in _DATE_FIELDS:
        value = data[name]
        data[name] = value.isoformat() if isinstance(value, date) else None
    data["certificates"] = list(draft.certificates)
    return data


def job_draft_from_data(data: dict[str, Any]) -> JobDraft:
    from kiosk.core.drafts import JobDraft  # noqa: PLC0415 - see top
    known = {f.name for f in fields(JobDraft)}
    values = {k: v for k, v in data.items() if k in known}
    for name in _DATE_FIELDS:
        if values.get(name):
            values[name] = date.fromisoformat(str(values[name]))
    values["certificates"] = tuple(values.get("certificates", ()))
    return JobDraft(**values)


def employer_draft_to_data(draft: EmployerDraft | None) -> dict[str, Any] | None:
    return None if draft is None else asdict(draft)


def employer_draft_from_data(data: dict[str, Any] | None) -> EmployerDraft | None:
    from kiosk.core.drafts import EmployerDraft  # noqa: PLC0415 - see top

    if data is None:
        return None
    known = {f.name for f in fields(EmployerDraft)}
    return EmployerDraft(**{k: str(v) for k, v in data.items() if k in known})


# What to write instead, per category of the discrimination check (kiosk.core.post_check):
# the lawful way to say what the employer needs.
LAWFUL_ALTERNATIVES = {
    "gender": N_("Describe the work instead (for example “carrying 25 kg loads”): anyone "
                 "who can do it may apply."),
    "age": N_("Describe what the work needs instead (for example “able to climb "
              "scaffolding”), not an age."),
    "ethnicity": N_("Leave out ethnicity: describe the work and the skills it needs."),
    "region_hukou": N_("Leave out where workers come from: say where the work is."),
    "religion": N_("Leave out religion: describe the work and the skills it needs."),
    "marital_childbearing": N_("Leave out marriage and children: describe the hours and "
                               "the work."),
    "health": N_("Name a health certificate only where the law asks for one (food "
                 "handling): tick it under certificates."),
    "disability": N_("Describe the tasks instead: a worker with a disability who can do "
                     "them may apply."),
    "appearance": N_("Leave out looks and height: describe the work."),
}
DEFAULT_ALTERNATIVE = N_("Describe the work and the skills it needs, not the person.")


def lawful_alternative(category_code: str) -> str:
    return LAWFUL_ALTERNATIVES.get(category_code, DEFAULT_ALTERNATIVE)


def explain_for_employer(texts: tuple[str, ...], rules: PostRules,
                         language: str) -> tuple[bool, str]:
    """What the discrimination check finds in an employer's own words, in plain words:
    (blocks the post, each hit named and what to write instead). The law each hit breaks
    is for staff (`post_check.explain`), not the touchscreen."""
    from kiosk.core.i18n import translate  # noqa: PLC0415
    from kiosk.core.post_check import BLOCK, check_post  # noqa: PLC0415

    check = check_post("\n".join(t for t in texts if t), rules)
    lines = []
    for hit in check.hits:
        template = N_("“{phrase}” limits who may apply by {category}: the law forbids it.") \
            if hit.severity == BLOCK else N_("“{phrase}” may limit who may apply by {category}.")
        lines.append(translate(template, language).format(
            phrase=hit.phrase, category=hit.category.name(language).lower()
            if language == "en" else hit.category.name(language)))
        lines.append("→ " + translate(lawful_alternative(hit.code), language))
    return check.flagged, "\n".join(lines)


# What an employer shows staff in person before the post is approved (the touchscreen and
# the phone draft do not ask; an ID number never travels in a QR on a phone): a 揽头's ID
# card, an agency's or dispatch firm's licence. A post is taken without them; approval
# refuses until staff enter them with "edit, then approve".
AT_THE_COUNTER = frozenset({"id_number", "licence_no"})
BRING_ID_CARD = N_("Please bring your ID card to the service counter for the review: a "
                   "gang-master's post is shown only after staff have checked it.")
BRING_LICENCE = N_("Please bring your licence to the service counter for the review: an "
                   "agency's or dispatch firm's post is shown only after staff have checked "
                   "it.")


def bring_to_counter(employer: EmployerDraft | None) -> str | None:
    """What a new employer is told to bring to the counter for the review (the msgid), on
    the touchscreen's last steps and on the receipt; None when nothing is needed (a
    returning employer is registered already)."""
    from kiosk.core.employers import LICENSED_ROLES  # noqa: PLC0415 - see top
    from kiosk.core.records import EmployerRole  # noqa: PLC0415

    if employer is None:
        return None
    if employer.role == EmployerRole.GANG_MASTER.value:
        return BRING_ID_CARD
    if employer.role in {r.value for r in LICENSED_ROLES}:
        return BRING_LICENCE
    return None


def split_at_the_counter(errors: tuple[FieldError, ...],
                         ) -> tuple[tuple[FieldError, ...], tuple[FieldError, ...]]:
    """(the errors of what the employer brings to the counter, the others). A missing ID
    or licence number is told as what staff do about it; a wrong one keeps its own error
    (staff typed it: the post form marks the field)."""
    counter = tuple(_what_staff_do(e) for e in errors if e.field in AT_THE_COUNTER)
    return counter, tuple(e for e in errors if e.field not in AT_THE_COUNTER)


def _what_staff_do(error: FieldError) -> FieldError:
    if error.field == "id_number" and error.code == "required":
        return FieldError("id_number", "check_at_counter", N_(
            "A gang-master's ID number must be checked before the post is published: "
            "press “Edit, then approve” to enter it."))
    if error.field == "licence_no" and error.code == "licence_required":
        return FieldError("licence_no", "check_at_counter", N_(
            "An agency's or dispatch firm's licence number ({licence}) must be checked "
            "before the post is published: press “Edit, then approve” to enter it."),
            error.params)
    return error
