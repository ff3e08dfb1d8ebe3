"""Tickets as renderer-neutral blocks, and the five layouts the hall prints.

A ticket never carries an ID number or a worker's phone number: names are masked and the
QR codes hold only record ids. The one phone printed in full is the employer's contact on
the referral slip (as staff entered it): the worker must be able to call the employer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from kiosk.core import formatting, payloads
from kiosk.core.card_rules import UNVERIFIED_ADVICE, UNVERIFIED_TITLE
from kiosk.core.casework import COMPLAINT_STATUS_TILE, KIND_NAMES
from kiosk.core.catalogue import Catalogue
from kiosk.core.city_content import PolicyPage
from kiosk.core.errors import N_
from kiosk.core.hazards import gear_list
from kiosk.core.i18n import translate
from kiosk.core.job_facts import FactWriter
from kiosk.core.privacy import mask_name
from kiosk.core.queue_numbers import ticket_label
from kiosk.core.records import (
    CaseStep,
    CheckIn,
    Complaint,
    CourseSignup,
    JobPost,
    Referral,
    Worker,
)
from kiosk.core.safety_content import Briefing
from kiosk.core.self_posts import SelfPost, bring_to_counter
from kiosk.core.training import LEVELS, Course
from kiosk.system.config import HallInfo


class TicketKind(StrEnum):
    CARD = "card"
    QUEUE = "queue"
    REFERRAL = "referral"
    INTEREST = "interest"
    COMPLAINT = "complaint"
    ERASURE = "erasure"
    HANDOFF = "handoff"
    POLICY = "policy"
    COURSE = "course"
    SELF_POST = "self_post"
    TEST = "test"


@dataclass(frozen=True, slots=True)
class Heading:
    text: str


@dataclass(frozen=True, slots=True)
class Huge:
    """A number to read from across the hall (queue tickets)."""

    text: str


@dataclass(frozen=True, slots=True)
class Field:
    label: str
    value: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    small: bool = False


@dataclass(frozen=True, slots=True)
class QRCode:
    payload: str
    caption: str


@dataclass(frozen=True, slots=True)
class Rule:
    pass


Block = Heading | Huge | Field | Paragraph | QRCode | Rule


@dataclass(frozen=True, slots=True)
class Ticket:
    kind: TicketKind
    blocks: tuple[Block, ...]

    def texts(self) -> list[str]:
        """Every piece of visible text, for checks such as "no ID number printed"."""
        out: list[str] = []
        for block in self.blocks:
            if isinstance(block, Field):
                out += [block.label, block.value]
            elif isinstance(block, QRCode):
                out.append(block.caption)
            elif not isinstance(block, Rule):
                out.append(block.text)
        return out


@dataclass(frozen=True, slots=True)
class Issuer:
    """Who prints: the hall, when, and in which language."""

    hall: HallInfo
    printed_at: datetime  # hall local time
    language: str = "zh_CN"

    def local(self, moment: datetime) -> datetime:
        """A stored UTC time in the hall's time zone."""
        return moment.astimezone(self.printed_at.tzinfo)

    def t(self, message: str) -> str:
        return translate(message, self.language)

    def header(self, title: str) -> tuple[Block, ...]:
        return (Heading(self.hall.name), Rule(), Heading(self.t(title)))

    def footer(self) -> tuple[Block, ...]:
        """The hall's address and hotline, and when the ticket was printed."""
        printed = self.t(N_("Printed"))
        address = (Field(self.t(N_("Address")), self.hall.address),) if self.hall.address else ()
        return (Rule(), *address, Field(self.t(N_("Hotline")), self.hall.hotline),
                Paragraph(f"{printed} {self.printed_at:%Y-%m-%d %H:%M}", small=True))


def card_ticket(worker: Worker, catalogue: Catalogue, issuer: Issuer,
                card_text: str | None = None) -> Ticket:
    """Worker card / registration receipt. `card_text`: the signed `LGW2` code the terminal
    made (kiosk.core.cards); without it the old unsigned `LGW1`."""
    t = issuer.t
    trades = "、".join(_trade_name(catalogue, code, issuer.language) for code in worker.trades)
    return Ticket(TicketKind.CARD, (
        *issuer.header(N_("Worker card")),
        Field(t(N_("Name")), mask_name(worker.name)),
        Field(t(N_("Trades")), trades),
        Field(t(N_("Registered")), f"{issuer.local(worker.created_at):%Y-%m-%d}"),
        QRCode(card_text or payloads.worker_card(worker.id),
               t(N_("Scan this code to check in or find work"))),
        Paragraph(t(N_("Keep this card. It holds no ID number or phone number.")), small=True),
        *issuer.footer(),
    ))


def queue_ticket(checkin: CheckIn, waiting: int, issuer: Issuer) -> Ticket:
    """Check-in queue ticket with a very large number (an unverified check-in: where to go
    instead, and that the number comes once the city confirms the worker)."""
    t = issuer.t
    if checkin.queue_no is None:
        return Ticket(TicketKind.QUEUE, (
            *issuer.header(N_("Check-in")),
            Paragraph(t(UNVERIFIED_TITLE)),
            Field(t(N_("Date")), f"{checkin.day:%Y-%m-%d}"),
            Paragraph(t(UNVERIFIED_ADVICE), small=True),
            *issuer.footer(),
        ))
    return Ticket(TicketKind.QUEUE, (
        *issuer.header(N_("Queue number")),
        Huge(ticket_label(checkin.queue_prefix, checkin.queue_no)),
        Field(t(N_("Date")), f"{checkin.day:%Y-%m-%d}"),
        Field(t(N_("People before you")), str(waiting)),
        Paragraph(t(N_("Please listen for your number."))),
        *issuer.footer(),
    ))


def referral_ticket(referral: Referral, job: JobPost, *, employer_name: str,
                    worker: Worker | None, catalogue: Catalogue, issuer: Issuer,
                    employer_phone: str = "",
                    employer_licence: tuple[str, str] | None = None,
                    briefings: tuple[Briefing, ...] = (), acknowledged: bool = False) -> Ticket:
    """派工单: what the worker takes to the employer (and how to reach them, and an
    intermediary's licence), with the rights they have; for a hazardous job its safety
    briefing, to be read and confirmed with the staff (or marked read where it was
    acknowledged already)."""
    t = issuer.t
    return Ticket(TicketKind.REFERRAL, (
        *issuer.header(N_("Referral slip")),
        *_job_fields(job, employer_name, catalogue, issuer, employer_phone,
                     employer_licence=employer_licence),
        Field(t(N_("Worker")), mask_name(worker.name) if worker else "—"),
        *briefing_blocks(briefings, issuer, acknowledged),
        QRCode(payloads.referral_slip(referral.id, job.id,
                                      mask_name(worker.name) if worker else ""),
               t(N_("When you meet: the employer or the worker scans this code at any hall's "
                    "touchscreen or counter to confirm arrival. At a counter, staff also "
                    "record whether you were hired."))),
        Rule(),
        Field(t(N_("Complaints")), issuer.hall.complaint_channel),
        Paragraph(t(N_("Unpaid wages? Call the hotline or come to the counter: "
                       "we help you claim them, free of charge."))),
        *issuer.footer(),
    ))


def briefing_blocks(briefings: tuple[Briefing, ...], issuer: Issuer,
                    acknowledged: bool) -> tuple[Block, ...]:
    """安全须知: each hazard's title, points, equipment and source; then what the worker
    does about it (confirm with the staff that it was read)."""
    if not briefings:
        return ()
    t, language = issuer.t, issuer.language
    lang = "en" if language == "en" else "zh"
    blocks: list[Block] = [Rule(), Heading(t(N_("Safety briefing")))]
    for briefing in briefings:
        blocks.append(Paragraph(briefing.title(lang)))
        blocks += [Paragraph(f"{n}. {point}", small=True)
                   for n, point in enumerate(briefing.points(lang), 1)]
        if briefing.gear:
            blocks.append(Field(t(N_("Must wear")), gear_list(briefing.gear, language)))
        blocks.append(Paragraph(t(N_("Source: {source}")).format(source=briefing.source),
                                small=True))
    blocks.append(Heading(t(N_("Briefing read and confirmed")) if acknowledged else t(N_(
        "Please confirm with the staff that you have read this."))))
    return tuple(blocks)


def interest_ticket(referral: Referral, job: JobPost, employer_name: str, catalogue: Catalogue,
                    issuer: Issuer, *, employer_licence: tuple[str, str] | None = None,
                    ) -> Ticket:
    """我想干: the worker's request number for the counter."""
    t = issuer.t
    number = ("—" if referral.queue_no is None
              else ticket_label(referral.queue_prefix, referral.queue_no))
    return Ticket(TicketKind.INTEREST, (
        *issuer.header(N_("I want this job")),
        Huge(number),
        *_job_fields(job, employer_name, catalogue, issuer, employer_licence=employer_licence),
        Paragraph(t(N_("Your one queue number today, the same as at check-in: please go "
                       "to the counter when it is called."))),
        QRCode(payloads.job(job.id), t(N_("Job code"))),
        *issuer.footer(),
    ))


def complaint_ticket(complaint: Complaint, issuer: Issuer) -> Ticket:
    """Receipt for a complaint or dispute: its number is what the touchscreen's 查投诉进度
    and the counter look it up by."""
    t = issuer.t
    return Ticket(TicketKind.COMPLAINT, (
        *issuer.header(N_("Complaint receipt")),
        *_complaint_fields(complaint, issuer),
        Field(t(N_("Received")),
              f"{issuer.local(complaint.created_at):%Y-%m-%d %H:%M}"),
        QRCode(payloads.complaint(complaint.id), t(N_("Scan at the touchscreen: status"))),
        Paragraph(t(N_(
            "Keep this receipt. To see how your complaint is going, hold its code to the "
            "scanner of the hall's touchscreen, or tap \"{tile}\" there and type the digits "
            "of its number, or ask at the counter."
        )).format(tile=t(COMPLAINT_STATUS_TILE))),
        Field(t(N_("Complaints")), issuer.hall.complaint_channel),
        *issuer.footer(),
    ))


def _complaint_fields(complaint: Complaint, issuer: Issuer) -> tuple[Block, ...]:
    """What the receipt and the hand-off sheet both say of a complaint (the complainant
    masked, no phone)."""
    t = issuer.t
    return (
        Field(t(N_("Complaint number")), complaint.number),
        Field(t(N_("Type of dispute")), t(KIND_NAMES[complaint.kind])),
        Field(t(N_("Complainant")), mask_name(complaint.complainant_name)),
        Field(t(N_("Employer")), complaint.employer_name),
        *_amount_owed(complaint, issuer),
        Field(t(N_("When it happened")), _period(complaint)),
    )


def handoff_ticket(complaint: Complaint, step: CaseStep, issuer: Issuer) -> Ticket:
    """移交单: a complaint handed to 劳动保障监察, for the inspection office's file. Like every
    ticket it names the complainant masked and carries no phone: the office asks the hall
    for the contact by the complaint number."""
    t = issuer.t
    return Ticket(TicketKind.HANDOFF, (
        *issuer.header(N_("Hand-off to labour inspection")),
        *_complaint_fields(complaint, issuer),
        Field(t(N_("Recovered so far")), formatting.yuan(complaint.recovered_cents)),
        Paragraph(complaint.description, small=True),
        Rule(),
        Field(t(N_("Handed to")), step.party),
        Field(t(N_("Date")), f"{step.happened_on:%Y-%m-%d}"),
        Field(t(N_("Staff")), step.staff_id),
        Paragraph(step.outcome, small=True),
        Paragraph(t(N_("The complainant's contact details: from the hall, by the complaint "
                       "number.")), small=True),
        *issuer.footer(),
    ))


def _amount_owed(complaint: Complaint, issuer: Issuer) -> tuple[Block, ...]:
    if complaint.amount_cents is None:
        return ()
    return (Field(issuer.t(N_("Amount owed")), formatting.yuan(complaint.amount_cents)),)


def _period(complaint: Complaint) -> str:
    if complaint.period_from == complaint.period_to:
        return f"{complaint.period_from:%Y-%m-%d}"
    return f"{complaint.period_from:%Y-%m-%d} – {complaint.period_to:%Y-%m-%d}"


def erasure_ticket(worker: Worker, issuer: Issuer) -> Ticket:
    """Receipt for a worker whose personal data was deleted at their request: it names
    nobody (that is the point), only the record and what happened to it."""
    t = issuer.t
    return Ticket(TicketKind.ERASURE, (
        *issuer.header(N_("Personal data deletion receipt")),
        Field(t(N_("Record")), worker.id[-12:].upper()),
        Field(t(N_("Deleted")), f"{issuer.local(worker.updated_at):%Y-%m-%d %H:%M}"),
        Paragraph(t(N_(
            "At your request your name, mobile number and ID number were deleted from this "
            "hall's computer and its backups, and are deleted at the city's employment "
            "service when this computer next connects. Counts of your visits stay, without "
            "your name. To use the hall again, register anew."))),
        Field(t(N_("Complaints")), issuer.hall.complaint_channel),
        *issuer.footer(),
    ))


def policy_ticket(page: PolicyPage, issuer: Issuer) -> Ticket:
    """A policy page (明白纸) the city published, to take home: title, paragraphs, the
    hotline and where the facts come from."""
    t, language = issuer.t, "en" if issuer.language == "en" else "zh"
    hotline = (Field(t(N_("Ask by phone")), page.hotline),) if page.hotline else ()
    source = (Paragraph(t(N_("Source: {source}")).format(source=page.source), small=True),
              ) if page.source else ()
    return Ticket(TicketKind.POLICY, (
        Heading(issuer.hall.name), Rule(), Heading(page.title(language)),
        *(Paragraph(text) for text in page.body(language)),
        *hotline, *source,
        Paragraph(t(N_("Published by the city's employment service.")), small=True),
        *issuer.footer(),
    ))


def course_ticket(course: Course, signup: CourseSignup, worker: Worker | None,
                  catalogue: Catalogue, issuer: Issuer, *, confirmed: bool = True) -> Ticket:
    """报名凭条: a training sign-up to take to the course: each session's date and time,
    the place, the provider, what to bring, the subsidy the worker may claim. Printed
    before the city has accepted the sign-up (`confirmed` False), it says the seat is the
    city's to confirm and that staff phone if the course filled at other halls first."""
    t, language = issuer.t, "en" if issuer.language == "en" else "zh"
    pending = () if confirmed else (Paragraph(t(N_(
        "Sign-up recorded: the seat is yours once the city confirms it. If other halls took "
        "the last seats first, staff will phone you."))),)
    return Ticket(TicketKind.COURSE, (
        *issuer.header(N_("Training sign-up")),
        Heading(course.text("title", language)),
        *pending,
        Field(t(N_("Trade")), _trade_name(catalogue, course.trade, issuer.language)),
        Field(t(N_("Level")), t(LEVELS[course.level])),
        Field(t(N_("Name")), mask_name(worker.name) if worker else "—"),
        Field(t(N_("Course dates")), t(N_("{first} to {last}, {count} sessions")).format(
            first=f"{course.starts_on:%Y-%m-%d}", last=f"{course.ends_on:%Y-%m-%d}",
            count=len(course.sessions))),
        *(Paragraph(line) for line in session_lines(course)),
        Field(t(N_("Course place")), course.text("place", language)),
        Field(t(N_("Provider")), course.text("provider", language)),
        Field(t(N_("What to bring")), course.text("bring", language)),
        Paragraph(t(N_("Subsidy: {subsidy}")).format(subsidy=course.text("subsidy", language)),
                  small=True),
        Field(t(N_("Signed up")), f"{issuer.local(signup.created_at):%Y-%m-%d %H:%M}"),
        Paragraph(t(N_("Staff record your attendance at each session; it counts towards "
                       "the hall's follow-up of your work.")), small=True),
        *((Paragraph(t(N_("Source: {source}")).format(source=course.source), small=True),)
          if course.source else ()),
        *issuer.footer(),
    ))


def self_post_ticket(post: SelfPost, employer_name: str, pay: str, catalogue: Catalogue,
                     issuer: Issuer, *, opens_at: datetime | None) -> Ticket:
    """An employer's receipt for a post waiting for the counter: its reference number,
    what happens next (what a new 揽头 or agency brings to the counter), and (the counter
    closed) when it opens. The phone only masked."""
    t, job = issuer.t, post.job
    start = job.start_date.isoformat() if job.start_date else ""
    hours = Paragraph(t(N_(
        "The counter is open now: you may wait there while staff check it.")))
    if opens_at is not None:
        hours = Paragraph(t(N_(
            "The counter is closed now. It opens at {time} on {day}: your post waits until "
            "then.")).format(time=f"{opens_at:%H:%M}", day=f"{opens_at:%Y-%m-%d}"))
    needed = bring_to_counter(post.employer)  # a 揽头's ID card, an agency's licence
    bring = () if needed is None else (Heading(t(needed)),)
    return Ticket(TicketKind.SELF_POST, (
        *issuer.header(N_("Job post received")),
        Heading(t(N_("Reference number {reference}")).format(reference=post.reference)),
        Field(t(N_("Employer")), employer_name),
        Field(t(N_("Job")), job.title),
        Field(t(N_("Trade")), _trade_name(catalogue, job.trade, issuer.language)),
        Field(t(N_("Workers needed")), str(job.headcount)),
        Field(t(N_("Start")), f"{start} {job.start_time}".strip()),
        Field(t(N_("Pay")), pay),
        Field(t(N_("Received")), f"{issuer.local(post.created_at):%Y-%m-%d %H:%M}"),
        Paragraph(t(N_(
            "Staff at the counter check your post before it is shown: the wording, the pay "
            "and who is hiring. Once approved it is on this hall's screen and goes to the "
            "city's other halls. If it cannot be approved, staff call you to say why."))),
        *bring,
        hours,
        Paragraph(t(N_("Bring this receipt when you ask at the counter about your post.")),
                  small=True),
        *issuer.footer(),
    ))


def session_lines(course: Course) -> tuple[str, ...]:
    """One line per session: 2026-12-14 08:30–16:30."""
    return tuple(f"{s.day:%Y-%m-%d} {s.starts}–{s.ends}" for s in course.sessions)


def test_ticket(issuer: Issuer, printer_name: str, width_dots: int) -> Ticket:
    """What `kiosk print-test` prints: the font, full-width punctuation, a QR, the cut."""
    t = issuer.t
    return Ticket(TicketKind.TEST, (
        *issuer.header(N_("Printer test")),
        Field(t(N_("Printer")), f"{printer_name} ({width_dots})"),
        Paragraph("中文：瓦工、电工（日结）¥350/天。ABC abc 0123456789"),
        QRCode(payloads.job("00000000-0000-7000-8000-000000000000"), t(N_("Test code"))),
        Paragraph(t(N_("If every line above is clear, the printer is ready."))),
        *issuer.footer(),
    ))


SLIP_WORK_CHARS = 200  # the work described on a slip; the rest at the counter


def _job_fields(job: JobPost, employer_name: str, catalogue: Catalogue,
                issuer: Issuer, employer_phone: str = "", *,
                employer_licence: tuple[str, str] | None = None) -> tuple[Block, ...]:
    """The job as the worker takes it along: what, for whom (an intermediary's licence),
    where and when to meet, the pay, and every fact of `kiosk.core.job_facts` (a required
    licence first)."""
    t, lang = issuer.t, issuer.language
    phone = (Field(t(N_("Employer's phone")), employer_phone),) if employer_phone else ()
    if employer_licence is not None:
        phone = (Field(*employer_licence), *phone)
    writer = FactWriter(catalogue, lang, issuer.printed_at.date(), relative=False,
                        work_chars=SLIP_WORK_CHARS)
    facts = {fact.key: fact for fact in writer.facts(job)}
    licence = facts.pop("licence", None)
    work = facts.pop("work", None)
    return (
        *((Heading(t(N_("Licence required: {licence}")).format(licence=licence.value)),)
          if licence else ()),
        Field(t(N_("Job")), job.title),
        Field(t(N_("Trade")), _trade_name(catalogue, job.trade, lang)),
        Field(t(N_("Employer")), employer_name or "—"),
        *phone,
        Field(t(N_("Place")), job.place),
        *(Field(fact.label, fact.value) for fact in facts.values()),
        Field(t(N_("Pay")), formatting.pay(job.pay_cents, job.pay_unit, lang)),
        Field(t(N_("Settlement")), formatting.settlement(job.settlement, lang)),
        *((Paragraph(t(N_("{label}: {value}")).format(
            label=work.label, value=work.value), small=True),) if work else ()),
    )


def _trade_name(catalogue: Catalogue, code: str, language: str) -> str:
    trade = catalogue.trade(code)
    return trade.label(language) if trade else code
