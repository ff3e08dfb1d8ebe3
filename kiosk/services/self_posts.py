"""Employers post for themselves (我要招工): the post waits for the counter (待审核), where
staff approve it (as it is or edited) or refuse it with a reason. Only approval makes the
job — and the new employer — which then syncs like any post of this hall. Decisions are
audited with the staff member's id."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from kiosk.core.codec import iso_utc
from kiosk.core.counter_hours import counter_opens_next
from kiosk.core.errors import N_, Err, FieldError, Ok, Result, fail
from kiosk.core.ids import new_id
from kiosk.core.records import AuditAction, AuditEvent, Employer, JobPost
from kiosk.core.self_posts import (
    AT_THE_COUNTER,
    SelfPost,
    SelfPostSource,
    SelfPostStatus,
    explain_for_employer,
    reference_for,
    split_at_the_counter,
)
from kiosk.services.base import not_found
from kiosk.services.job_life import JobLifeCases
from kiosk.services.jobs import wording_errors
from kiosk.store.outbox import ChangeOp
from kiosk.store.print_queue import PrintKind
from kiosk.store.store import WriteTransaction

if TYPE_CHECKING:
    from kiosk.core.drafts import EmployerDraft, JobDraft, ValidEmployer

SELF_POST = "self_post"  # the print job's and the audit's entity name


@dataclass(frozen=True, slots=True)
class Review:
    """What the checks find in a waiting post, for the counter: the discrimination check
    (its explanation, empty when clean) and every other field error (the minimum wage, a
    start day now past …)."""

    flagged: bool
    wording: str
    errors: tuple[FieldError, ...]
    employer: Employer | None  # a returning employer's record
    missing: tuple[FieldError, ...] = ()  # what staff must still enter (AT_THE_COUNTER)


__all__ = ["AT_THE_COUNTER", "Review", "SelfPostCases"]


class SelfPostCases(JobLifeCases):
    """我要招工 at the touchscreen, and the counter's 待审核."""

    def submit_self_post(self, job: JobDraft, *, employer: EmployerDraft | None = None,
                         employer_id: str | None = None,
                         source: SelfPostSource = SelfPostSource.TOUCH,
                         print_receipt: bool = True) -> Result[SelfPost]:
        """Check the post like the counter would (every field, the minimum wage, the
        discrimination check) and keep it for review, with a receipt to print. Nothing
        is stored when a check fails."""
        checked = self._check_post(job, employer, employer_id)
        if isinstance(checked, Err):
            return checked
        now = self.now()
        today = self.today()
        with self.store.write() as tx:
            number = tx.next_number(self.settings.hall_id, today.isoformat(), SELF_POST)
            post = SelfPost(
                id=new_id(), hall_id=self.settings.hall_id,
                reference=reference_for(today, number), source=source,
                employer_id=employer_id, employer=None if employer_id else employer, job=job,
                status=SelfPostStatus.PENDING, created_at=now)
            self.store.self_posts.insert(post)
            tx.mark_changed("self_posts")
            if print_receipt:
                tx.queue_print_of(PrintKind.SELF_POST, SELF_POST, post.id, iso_utc(now))
        return Ok(post)

    def check_self_post(self, job: JobDraft, *, employer: EmployerDraft | None = None,
                        employer_id: str | None = None) -> tuple[FieldError, ...]:
        """Every error `submit_self_post` would give (the touchscreen's review step)."""
        checked = self._check_post(job, employer, employer_id)
        return checked.errors if isinstance(checked, Err) else ()

    def _check_post(self, job: JobDraft, employer: EmployerDraft | None,
                    employer_id: str | None) -> Result[None]:
        from kiosk.core.drafts import validate_employer, validate_job  # noqa: PLC0415

        errors: tuple[FieldError, ...] = ()
        if employer_id is not None:
            if self.store.employers.get(employer_id) is None:
                return not_found("employer_id")
        elif employer is None:
            return fail("employer", "required", N_("Please say who is hiring."))
        else:
            checked_employer = validate_employer(employer, self.today())
            if isinstance(checked_employer, Err):
                errors += split_at_the_counter(checked_employer.errors)[1]
        checked_job = validate_job(replace(job, employer_id=employer_id or "pending"),
                                   self.context())
        if isinstance(checked_job, Err):
            errors += checked_job.errors
        errors += wording_errors(job, self.post_rules())
        return Err(errors) if errors else Ok(None)

    def check_uscc(self, raw: str) -> Result[str]:
        """统一社会信用代码 with its check character (GB 32100-2015)."""
        from kiosk.core.fields import validate_uscc  # noqa: PLC0415

        return validate_uscc(raw)

    def explain_for_employer(self, texts: tuple[str, ...], language: str,
                             ) -> tuple[bool, str]:
        """The discrimination check on an employer's words as they tap: (blocks, what it
        found with the lawful way to say it)."""
        return explain_for_employer(texts, self.post_rules(), language)

    def pending_self_posts(self) -> list[SelfPost]:
        """Posts waiting for review, oldest first."""
        return self.store.self_posts.with_status(SelfPostStatus.PENDING)

    def count_pending_self_posts(self) -> int:
        return self.store.self_posts.count(SelfPostStatus.PENDING)

    def self_post(self, post_id: str) -> SelfPost | None:
        return self.store.self_posts.get(post_id)

    def review_self_post(self, post: SelfPost, language: str,
                         job: JobDraft | None = None) -> Review:
        """What the checks find now (a day later the start day may have passed)."""
        from kiosk.core.post_check import check_post, explain  # noqa: PLC0415

        draft = job or post.job
        check = check_post("\n".join((draft.title, draft.description, draft.skills_note)),
                           self.post_rules())
        found = self._check_post(draft, post.employer, post.employer_id)
        errors = tuple(e for e in found.errors if e.code != "discriminatory") if isinstance(
            found, Err) else ()
        employer = self.store.employers.get(post.employer_id) if post.employer_id else None
        missing = self._new_employer(post, "", "")
        return Review(check.flagged, explain(check, language), errors, employer, tuple(
            e for e in (missing.errors if isinstance(missing, Err) else ())
            if e.field in AT_THE_COUNTER))

    def approve_self_post(self, post_id: str, job: JobDraft | None = None, *,
                          id_number: str = "", licence_no: str = "") -> Result[JobPost]:
        """Staff approve the post, as it is or as they edited it (`job`): the job (and a
        new employer) are saved and audited with the staff member's id, and the job is on
        the board and on its way to the other halls. A new 揽头's ID number or an agency's
        licence number (shown at the counter) is required here: without it the approval is
        refused, saying so."""
        from kiosk.core.drafts import validate_job  # noqa: PLC0415

        if self.actor is None:
            return _staff_only()
        post = self.store.self_posts.get(post_id)
        if post is None:
            return not_found("self_post")
        draft = job or post.job
        errors = self.check_self_post(draft, employer=post.employer,
                                      employer_id=post.employer_id)
        checked_employer = self._new_employer(post, id_number, licence_no)
        if isinstance(checked_employer, Err):
            return Err(errors + tuple(e for e in checked_employer.errors if e not in errors))
        if errors:
            return Err(errors)
        new_employer = None if checked_employer.value is None else self._employer(
            checked_employer.value)
        employer_id = new_employer.id if new_employer else str(post.employer_id)
        valid_job = validate_job(replace(draft, employer_id=employer_id), self.context())
        assert not isinstance(valid_job, Err)  # checked above
        made = self._job(valid_job.value)
        now = self.now()
        with self.store.write() as tx:
            current = self.store.self_posts.get(post_id)
            if current is None or current.status is not SelfPostStatus.PENDING:
                return _decided()
            if new_employer is not None:
                tx.save(new_employer, ChangeOp.CREATE)
                self.audit(tx, AuditAction.EMPLOYER_REGISTER, new_employer)
            self._save_post(tx, made, (), None)
            decided = replace(current, status=SelfPostStatus.APPROVED, staff_id=self.actor,
                              job_id=made.id, decided_at=now)
            self.store.self_posts.save_decision(decided)
            detail = post.reference + (" edited" if job is not None and job != post.job else "")
            self._audit_post(tx, AuditAction.SELF_POST_APPROVE, decided, detail)
        return Ok(made)

    def _new_employer(self, post: SelfPost, id_number: str, licence_no: str,
                      ) -> Result[ValidEmployer | None]:
        """A new employer as staff complete it at the counter (None for a returning one):
        only what the employer shows in person (`AT_THE_COUNTER`) is added; its errors
        only, a missing number told as what staff do (the others are the post's)."""
        from kiosk.core.drafts import validate_employer  # noqa: PLC0415

        if post.employer_id is not None or post.employer is None:
            return Ok(None)
        given = {"id_number": id_number.strip(), "licence_no": licence_no.strip()}
        completed = replace(post.employer, **{k: v for k, v in given.items() if v})
        checked = validate_employer(completed, self.today())
        if isinstance(checked, Ok):
            return Ok(checked.value)
        return Err(split_at_the_counter(checked.errors)[0] or checked.errors)

    def refuse_self_post(self, post_id: str, reason: str) -> Result[SelfPost]:
        """Staff refuse the post with a reason (kept with it and audited); it never becomes
        a job."""
        from kiosk.core.fields import validate_text  # noqa: PLC0415

        if self.actor is None:
            return _staff_only()
        text = validate_text(reason, "reason", required=True, max_len=200)
        if isinstance(text, Err):
            return text
        now = self.now()
        with self.store.write() as tx:
            current = self.store.self_posts.get(post_id)
            if current is None:
                return not_found("self_post")
            if current.status is not SelfPostStatus.PENDING:
                return _decided()
            decided = replace(current, status=SelfPostStatus.REFUSED, reason=text.value,
                              staff_id=self.actor, decided_at=now)
            self.store.self_posts.save_decision(decided)
            self._audit_post(tx, AuditAction.SELF_POST_REFUSE, decided,
                             f"{current.reference}: {text.value}")
        return Ok(decided)

    def _audit_post(self, tx: WriteTransaction, action: AuditAction, post: SelfPost,
                    detail: str) -> None:
        tx.mark_changed("self_posts")
        tx.save(AuditEvent(
            id=new_id(), hall_id=self.settings.hall_id, terminal_id=self.settings.terminal_id,
            staff_id=str(self.actor), action=action, entity=SELF_POST, entity_id=post.id,
            detail=detail[:200], created_at=self.now()), ChangeOp.CREATE)

    def counter_opens_at(self) -> datetime | None:
        """When the counter opens next (hall time); None while it is open."""
        now = self.clock.now().astimezone(ZoneInfo(self.settings.timezone))
        return counter_opens_next(now, self.settings.counter_hours)


def _staff_only() -> Err:
    return fail("staff", "staff_required", N_("Only signed-in staff can review posts."))


def _decided() -> Err:
    return fail("self_post", "already_decided", N_(
        "This post has been approved or refused already."))
