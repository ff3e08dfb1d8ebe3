"""What a job card, the header and the ticker say: plain text, translated (no Qt here)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from kiosk.core import formatting, payloads
from kiosk.core.catalogue import Catalogue
from kiosk.core.employers import employer_label
from kiosk.core.errors import N_
from kiosk.core.i18n import translate
from kiosk.core.job_facts import FactWriter
from kiosk.core.safety_content import StopWork
from kiosk.core.supply import OTHER, Supply
from kiosk.store.board import BoardJob, BoardNotice
from kiosk.system.config import BoardSettings, HallInfo

_WEEKDAYS = (N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"),
             N_("Saturday"), N_("Sunday"))
SEPARATOR = " · "


@dataclass(frozen=True, slots=True)
class CardText:
    """Everything one job card shows, ready to paint."""

    job_id: str
    trade: str  # 瓦工
    sector: str  # the sector code: the pictogram's colour
    pictogram: str  # the catalogue's pictogram name
    glyph: str  # one character standing in for the pictogram
    title: str
    pay: str  # ¥350/天
    settlement: str  # 日结
    left: str  # 还招 3 人
    place: str
    when: str  # 今天 07:00 开工
    employer: str
    posted: str  # 08:15 发布
    urgent: bool
    urgent_label: str  # 急招
    qr: str
    licence: str = ""  # 叉车证: a licence the job needs, drawn as a badge
    facts: str = ""  # 大工 · 8小时/天 · 至12月22日(30天) · 包吃、包住
    hazards: tuple[str, ...] = ()  # hazard tags (Hazard values), drawn as pictograms
    stopped_label: str = ""  # 停工: a stop-work notice holding now stops this job

    @property
    def place_line(self) -> str:
        """The place, then when the work starts."""
        return SEPARATOR.join(part for part in (self.place, self.when) if part)

    @property
    def details(self) -> str:
        """The last line after the licence badge: the facts, the employer (when known) and
        the posting time (the least needed, elided first)."""
        return SEPARATOR.join(part for part in (self.facts, self.employer, self.posted) if part)


@dataclass(frozen=True, slots=True)
class Formatter:
    """Formats for one language, one day and one hall's board settings."""

    catalogue: Catalogue
    language: str
    today: date
    tz: ZoneInfo
    board: BoardSettings

    def t(self, message: str) -> str:
        return translate(message, self.language)

    # -- cards -----------------------------------------------------------------------
    def card(self, job: BoardJob) -> CardText:
        trade = self.catalogue.trade(job.trade)
        label = trade.label(self.language) if trade else job.trade
        return CardText(
            job_id=job.id, trade=label, sector=trade.sector if trade else "",
            pictogram=trade.pictogram if trade else "", glyph=label[:1],
            title=job.title, pay=formatting.pay(job.pay_cents, job.pay_unit, self.language),
            settlement=formatting.settlement(job.settlement, self.language),
            left=self.t(N_("{count} more wanted")).format(count=job.headcount_left),
            place=self.place(job), when=self.when(job),
            employer=employer_label(job.employer, job.employer_role, self.t),
            posted=self.posted(job.posted_at), urgent=job.urgent,
            urgent_label=self.t(N_("Urgent")), qr=self.qr(job.id),
            licence=self.facts.licences(job), facts=self.facts.compact(job),
            hazards=tuple(h.value for h in job.hazards),
            stopped_label=self.t(N_("Work stopped")) if job.stopped else "")

    @property
    def facts(self) -> FactWriter:
        return FactWriter(self.catalogue, self.language, self.today)

    def qr(self, job_id: str) -> str:
        if self.board.qr == "url":
            return self.board.job_url_template.format(id=job_id)
        return payloads.job(job_id)

    @staticmethod
    def place(job: BoardJob) -> str:
        """The area, then the place (once, when the place already begins with the area)."""
        if not job.area or job.place.startswith(job.area):
            return job.place
        return f"{job.area}{SEPARATOR}{job.place}"

    def when(self, job: BoardJob) -> str:
        return formatting.starts(job.start_date, job.start_time, self.today, self.language)

    def posted(self, moment: datetime) -> str:
        local = moment.astimezone(self.tz)
        shown = (f"{local:%H:%M}" if local.date() == self.today
                 else formatting.month_day(local.date(), self.language))
        return self.t(N_("Posted {time}")).format(time=shown)

    # -- header, ticker, empty state -------------------------------------------------
    def date_line(self, now: datetime) -> str:
        local = now.astimezone(self.tz)
        text = self.t(N_("{year}/{month}/{day}")).format(
            year=local.year, month=local.month, day=local.day)
        return f"{text} {self.t(_WEEKDAYS[local.weekday()])}"

    def stop_work(self, notices: Sequence[StopWork]) -> str:
        """停工通知 高温红色预警：12:00–15:00停止户外露天作业（至15:00）, one after another."""
        lang = "en" if self.language == "en" else "zh"
        parts = [self.t(N_("{title}: {text} (until {time})")).format(
            title=n.title(lang), text=n.text(lang),
            time=f"{n.ends_at.astimezone(self.tz):%H:%M}") for n in notices]
        if not parts:
            return ""
        return self.t(N_("Stop work")) + "  " + "    ".join(parts)

    def clock(self, now: datetime) -> str:
        return f"{now.astimezone(self.tz):%H:%M:%S}"

    def stats(self, open_jobs: int, checked_in: int, hired: int) -> tuple[tuple[str, str], ...]:
        return ((self.t(N_("Open jobs")), str(open_jobs)),
                (self.t(N_("Checked in today")), str(checked_in)),
                (self.t(N_("Hired today")), str(hired)))

    def hall_lines(self, hall: HallInfo) -> tuple[str, ...]:
        """Address, hours, hotline and complaint channel (S8), those that are configured."""
        parts = ((N_("Address: {text}"), hall.address),
                 (N_("Opening hours: {text}"), hall.hours),
                 (N_("Hotline: {text}"), hall.hotline),
                 (N_("Complaints: {text}"), hall.complaint_channel))
        return tuple(self.t(message).format(text=value) for message, value in parts if value)

    def ticker_items(self, notices: tuple[BoardNotice, ...], hall: HallInfo) -> tuple[str, ...]:
        """The notices (by priority), then the hall's own information."""
        city = self.t(N_("City notice: {text}"))
        texts = [city.format(text=n.text(self.language)) if n.city else n.text(self.language)
                 for n in notices]
        items = (t for t in (*texts, *self.hall_lines(hall)) if t.strip())
        if self.language == "en":
            return tuple(items)
        return tuple(formatting.cjk_punctuation(t) for t in items)  # as typed: "地址: …"

    def stale(self, last_sync: datetime) -> str:
        local = last_sync.astimezone(self.tz)
        shown = f"{local:%H:%M}" if local.date() == self.today else (
            f"{formatting.month_day(local.date(), self.language)} {local:%H:%M}")
        return self.t(N_(
            "Last updated from the city at {time}: the list may not be complete.")).format(
            time=shown)

    def section(self, group: str | None, count: int) -> str:
        if group is None:
            title = self.t(N_("All jobs"))
        else:
            sector = next((s for s in self.catalogue.sectors if s.code == group), None)
            title = (sector.en if self.language == "en" else sector.zh) if sector else group
        jobs = self.t(N_("{count} jobs")).format(count=count)
        return f"{title}{SEPARATOR}{jobs}"

    def scan_hint(self) -> str:
        return self.t(N_("Scan a job's code with your phone or at a terminal to apply"))

    def empty_title(self) -> str:
        return self.t(N_("No jobs at the moment"))

    def empty_hint(self) -> str:
        return self.t(N_("New jobs appear here as soon as they are posted. "
                         "Employers post jobs for free at the counter."))


@dataclass(frozen=True, slots=True)
class SupplyText:
    """今日待岗 as the board shows it: counts by trade, never anything about a person."""

    title: str  # 今日待岗
    total: str  # 共 48 人
    rows: tuple[tuple[str, int], ...]  # (瓦工, 12), most first
    empty: str  # 还没有人签到 (when no one checked in yet)
    call: str  # 招工请到服务台
    people: str  # "{count} 人", "{count} waiting"
    more: str  # "其余 {count} 种"

    def count(self, n: int) -> str:
        return self.people.format(count=n)

    def line(self, separator: str = SEPARATOR) -> str:
        """The counts on one line: 瓦工 12 人 · 电工 3 人."""
        return separator.join(f"{label} {self.count(n)}" for label, n in self.rows)


def supply_text(formatter: Formatter, supply: Supply | None) -> SupplyText:
    t, catalogue = formatter.t, formatter.catalogue
    rows = []
    for code, count in supply.trades if supply else ():
        trade = catalogue.trade(code) if code != OTHER else None
        label = (trade.label(formatter.language) if trade
                 else t(N_("Other trades")) if code == OTHER else code)
        rows.append((label, count))
    total = supply.total if supply else 0
    return SupplyText(
        title=t(N_("Workers here today")),
        total=t(N_("{count} checked in")).format(count=total),
        rows=tuple(rows), empty=t(N_("No one has checked in yet")),
        call=t(N_("Hiring? Go to the service counter")),
        people=t(N_("{count} waiting")), more=t(N_("{count} other trades")))
