"""The counter's worker desk and hardship follow-up (S2, S6), without Qt.

- `find_workers`: by the whole ID number (blind index), a mobile number or its last
  digits, a name or part of it, or the pinyin initials of a name ("zjg" finds 张建国);
- `worker_detail`: one worker with hardship flags and "131" progress;
- `hardship_cases`: the hardship workers (long wait, low-income family, disability,
  older) with their "131" progress (1 guidance, 3 job recommendations, 1 training), least
  progress first, then the longest wait;
- `register_worker`, `update_worker`, `record_131`: writes through Services, audited when
  it acts for a staff member.

The pinyin initials of every distinct name are kept in memory (`NameDirectory`, one per
store): a search is a binary search there, then one indexed read of the workers found.
"""

from __future__ import annotations

import bisect
import itertools
import re
import time
import unicodedata
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from kiosk.core.codec import iso_utc
from kiosk.core.drafts import WorkerDraft
from kiosk.core.errors import N_, Err, Ok, Result, fail
from kiosk.core.matching import (
    Candidate,
    Hardship,
    MatchPolicy,
    hardships,
    long_wait_before,
    older_born_by,
)
from kiosk.core.pinyin_input import PinyinIndex
from kiosk.core.privacy import age_on, mask_phone
from kiosk.core.records import ServiceEvent, ServiceKind, Sex, Worker
from kiosk.services.hall import Services
from kiosk.store.desk import DeskReader, HardshipQuery
from kiosk.store.matching import MatchReader
from kiosk.store.store import Store

# The "131" rule: how many of each service a hardship worker should get.
TARGETS: dict[ServiceKind, int] = {
    ServiceKind.GUIDANCE: 1, ServiceKind.RECOMMENDATION: 3, ServiceKind.TRAINING: 1}
HARDSHIP_LIMIT = 200  # rows on the hardship page
LEGACY_TRAINING = "training_legacy"  # a training tick from before attendance (kiosk.store.desk)
_ID_NUMBER = re.compile(r"[0-9]{17}[0-9X]|[0-9]{15}")
_LETTERS = re.compile(r"[a-z]+")
_MIN_PHONE_DIGITS = 4
_MAX_SPELLINGS = 8  # initials spellings kept per name (names of many heteronyms)


# -- results ---------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Progress:
    """A worker's "131": how many of each service they have had."""

    guidance: int = 0
    recommendations: int = 0
    training: int = 0  # courses attended (attendance recorded at the counter)
    legacy_training: int = 0  # training ticked before courses were recorded: not counted

    @classmethod
    def of(cls, counts: dict[str, int]) -> Progress:
        return cls(counts.get(ServiceKind.GUIDANCE.value, 0),
                   counts.get(ServiceKind.RECOMMENDATION.value, 0),
                   counts.get(ServiceKind.TRAINING.value, 0),
                   counts.get(LEGACY_TRAINING, 0))

    def count(self, kind: ServiceKind) -> int:
        return {ServiceKind.GUIDANCE: self.guidance,
                ServiceKind.RECOMMENDATION: self.recommendations,
                ServiceKind.TRAINING: self.training}[kind]

    @property
    def done(self) -> int:
        """Services towards the targets (0 to 5): extra ones beyond a target do not count."""
        return sum(min(self.count(kind), target) for kind, target in TARGETS.items())

    @property
    def complete(self) -> bool:
        return self.done == sum(TARGETS.values())


@dataclass(frozen=True, slots=True)
class WorkerRow:
    """A search result: never the plain ID number or the whole phone number."""

    worker_id: str
    name: str
    id_masked: str
    phone_masked: str
    trades: tuple[str, ...]  # catalogue codes
    hardships: tuple[Hardship, ...]


@dataclass(frozen=True, slots=True)
class WorkerDetail:
    worker: Worker
    hardships: tuple[Hardship, ...]
    progress: Progress
    days_waiting: int  # since the last hire, or registration

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.worker.phone)


@dataclass(frozen=True, slots=True)
class HardshipCase:
    worker_id: str
    name: str
    hardships: tuple[Hardship, ...]
    progress: Progress
    days_waiting: int  # since the last hire, or registration
    phone_masked: str = ""  # what tells two workers of one name apart
    age: int = 0
    trades: tuple[str, ...] = ()


class SearchKey(StrEnum):
    ID_NUMBER = "id_number"
    PHONE = "phone"
    NAME = "name"
    INITIALS = "initials"


# -- finding workers -------------------------------------------------------------------
def search_key(text: str) -> tuple[SearchKey, str] | None:
    """What the typed text is searched as, and the text normalised for it."""
    compact = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    if _ID_NUMBER.fullmatch(compact.upper()):
        return SearchKey.ID_NUMBER, compact.upper()
    if compact.isdigit():
        return (SearchKey.PHONE, compact) if len(compact) >= _MIN_PHONE_DIGITS else None
    if _LETTERS.fullmatch(compact.lower()):
        return SearchKey.INITIALS, compact.lower()
    return (SearchKey.NAME, compact) if compact else None


def find_workers(services: Services, text: str, limit: int = 50) -> Result[list[WorkerRow]]:
    """The workers the text finds (see `search_key`), best match first."""
    key = search_key(text)
    if key is None:
        return fail("search", "search_text", N_(
            "Type an ID number, a mobile number (or its last 4 digits), a name, or the "
            "pinyin initials of a name."))
    kind, value = key
    reader = DeskReader(services.store.conn)
    if kind is SearchKey.ID_NUMBER:
        checked = services.check_id_number(value)
        if isinstance(checked, Err):
            return checked
        worker = services.find_worker_by_id_number(checked.value)
        ids = [] if worker is None else [worker.id]
    elif kind is SearchKey.PHONE:
        ids = reader.ids_by_phone(value, limit)
    elif kind is SearchKey.NAME:
        ids = _unique([*reader.ids_by_name(value, limit), *reader.ids_by_name_part(value, limit)])
    else:
        names = name_directory(services).find(value, reader)[:limit]
        rank = {name: i for i, name in enumerate(names)}
        found = sorted(reader.ids_by_names(names, limit), key=lambda row: rank[row[1]])
        ids = [worker_id for worker_id, _name in found]
    return Ok(worker_rows(services, ids[:limit]))


def worker_rows(services: Services, worker_ids: Sequence[str]) -> list[WorkerRow]:
    """The named workers (those known here) as search rows, in the order given."""
    candidates = _candidates(services, worker_ids)
    contacts = DeskReader(services.store.conn).contacts(worker_ids)
    now, today, policy = services.now(), services.today(), _policy(services)
    rows = []
    for worker_id in worker_ids:
        c = candidates.get(worker_id)
        if c is None or worker_id not in contacts:
            continue
        id_masked, phone = contacts[worker_id]
        rows.append(WorkerRow(worker_id, c.name, id_masked, mask_phone(phone), c.trades,
                              hardships(c, today, now, policy)))
    return rows


def worker_detail(services: Services, worker_id: str) -> WorkerDetail | None:
    worker = services.worker(worker_id)
    candidate = _candidates(services, [worker_id]).get(worker_id)
    if worker is None or candidate is None:
        return None
    now = services.now()
    counts = DeskReader(services.store.conn).service_counts([worker_id])
    return WorkerDetail(
        worker=worker,
        hardships=hardships(candidate, services.today(), now, _policy(services)),
        progress=Progress.of(counts.get(worker_id, {})),
        days_waiting=_days_since(now, candidate.last_hire_at or candidate.registered_at))


# -- hardship "131" --------------------------------------------------------------------
def hardship_cases(services: Services, limit: int = HARDSHIP_LIMIT) -> list[HardshipCase]:
    """Hardship workers, least "131" progress first, then the longest wait.

    Workers never served come first (an index walk by wait, stopped after `limit`); only
    when they are fewer than `limit` do the served ones follow, by progress and wait.
    """
    reader = DeskReader(services.store.conn)
    query = _hardship_query(services)
    served = reader.served_ids()
    rows = reader.waiting(query, served, limit)
    progress: dict[str, Progress] = {}
    if len(rows) < limit:
        more = reader.waiting_among(query, served)
        counts = reader.service_counts([worker_id for worker_id, _since in more])
        progress = {worker_id: Progress.of(counts.get(worker_id, {}))
                    for worker_id, _since in more}
        more.sort(key=lambda row: (progress[row[0]].done, row[1], row[0]))
        rows += more[:limit - len(rows)]
    return _cases(services, rows, progress)


def _cases(services: Services, rows: list[tuple[str, str]],
           progress: dict[str, Progress]) -> list[HardshipCase]:
    candidates = _candidates(services, [worker_id for worker_id, _since in rows])
    now, today, policy = services.now(), services.today(), _policy(services)
    cases = []
    for worker_id, since in rows:
        c = candidates.get(worker_id)
        if c is None:
            continue
        cases.append(HardshipCase(
            worker_id, c.name, hardships(c, today, now, policy),
            progress.get(worker_id, Progress()), _days_since(now, _time(since)),
            mask_phone(c.phone), age_on(c.birth_date, today), c.trades))
    return cases


def progress_of(services: Services, worker_id: str) -> Progress:
    counts = DeskReader(services.store.conn).service_counts([worker_id])
    return Progress.of(counts.get(worker_id, {}))


def record_131(services: Services, worker_id: str, kind: ServiceKind, note: str = "",
               job_id: str | None = None) -> Result[ServiceEvent]:
    """One "131" service given to the worker (a recommendation may name the job).
    Training is not ticked: it counts from the attendance recorded on the training page."""
    if kind is ServiceKind.TRAINING:
        return fail("kind", "training_from_attendance", N_(
            "Training counts from course attendance: record it on the Training page."))
    if job_id is not None and kind is not ServiceKind.RECOMMENDATION:
        return fail("job_id", "job_for_recommendation", N_(
            "Only a job recommendation names a job."))
    return services.add_service_event(worker_id, kind, note, job_id)


# -- registering and editing -----------------------------------------------------------
def register_worker(services: Services, draft: WorkerDraft, *,
                    print_card: bool = False) -> Result[Worker]:
    """A worker registered at the counter (their separate consent ticked by staff)."""
    result = services.register_worker(draft, print_card=print_card)
    if isinstance(result, Ok):
        name_directory(services).add(result.value.name)
    return result


def update_worker(services: Services, worker_id: str, draft: WorkerDraft) -> Result[Worker]:
    """Staff correct a worker's details. An empty ID number keeps the stored one (the
    counter never shows it); once the hub has it, staff must type it from the card."""
    if not draft.id_number.strip():
        current = services.worker(worker_id)
        if current is None:
            return fail("worker_id", "not_found", N_("The record was not found."))
        if current.id_number is None:
            return fail("id_number", "id_number_needed", N_(
                "This terminal no longer keeps the full ID number: please type it from "
                "the ID card."))
        draft = replace(draft, id_number=current.id_number)
    result = services.update_worker(worker_id, draft)
    if isinstance(result, Ok):
        name_directory(services).add(result.value.name)
    return result


# -- the pinyin initials of names ------------------------------------------------------
def char_initials(char: str, index: PinyinIndex) -> tuple[str, ...]:
    """The letters a character's readings start with: 张 → ("z",), 单 → ("c", "d", "s").
    A Latin letter stands for itself; separators (· and spaces) give none; a character
    without a reading gives "?", which no typed letter matches."""
    if char.isascii() and char.isalpha():
        return (char.lower(),)
    if readings := index.readings(char):
        return tuple(sorted({reading[0] for reading in readings}))
    if char.isspace() or unicodedata.category(char).startswith("P"):
        return ()
    return ("?",)


def spell_initials(letter_sets: Iterable[tuple[str, ...]]) -> tuple[str, ...]:
    """Every spelling of initials from the letters of each character (at most a few)."""
    chosen = [letters for letters in letter_sets if letters]
    if all(len(letters) == 1 for letters in chosen):
        return ("".join(letters[0] for letters in chosen),)
    spellings = itertools.islice(itertools.product(*chosen), _MAX_SPELLINGS)
    return tuple("".join(letters) for letters in spellings)


def name_initials(name: str, index: PinyinIndex) -> tuple[str, ...]:
    """The ways a name's initials may be spelled: 张建国 → ("zjg",); 单丽 → ("cl", "dl",
    "sl") since 单 is read chan, dan or shan."""
    return spell_initials(char_initials(char, index) for char in name)


class NameDirectory:
    """Every distinct worker name under the spellings of its initials, sorted, so the
    names whose initials start with the typed letters are one binary search away.

    Names are read once, then only those of workers stored since (a rowid range) before
    each search. A worker renamed elsewhere (a change from the hub) keeps the old name
    here until a full re-read, done when workers changed and `FULL_RELOAD_S` has passed;
    a stale name finds nobody, since the workers are read by their stored names."""

    FULL_RELOAD_S = 600.0

    def __init__(self, index: PinyinIndex) -> None:
        self._index = index
        self._initials: dict[str, tuple[str, ...]] = {}  # name → its spellings
        self._chars: dict[str, tuple[str, ...]] = {}  # character → its initial letters
        # str.translate table: a character → its one initial ("" for none), or "*" when
        # its readings start with different letters (then every spelling is made).
        self._table: dict[int, str] = {}
        for code in range(128):
            self._learn(chr(code))
        self._sorted: list[tuple[str, str]] = []  # (initials spelling, name)
        self._last_rowid = 0
        self._loaded_at: float | None = None
        self._changed = False

    def on_store_change(self, entities: frozenset[str]) -> None:
        if "worker" in entities:
            self._changed = True

    def find(self, letters: str, reader: DeskReader) -> list[str]:
        """Names whose initials start with `letters`: whole matches first, then by name."""
        self.refresh(reader)
        names: dict[str, bool] = {}  # name → its initials are all of the letters
        at = bisect.bisect_left(self._sorted, (letters, ""))
        while at < len(self._sorted) and self._sorted[at][0].startswith(letters):
            spelling, name = self._sorted[at]
            names[name] = names.get(name, False) or len(spelling) == len(letters)
            at += 1
        return sorted(names, key=lambda name: (not names[name], name))

    def refresh(self, reader: DeskReader) -> None:
        now = time.monotonic()
        if self._loaded_at is None or (self._changed
                                       and now - self._loaded_at >= self.FULL_RELOAD_S):
            self._changed = False
            self._last_rowid = reader.last_rowid()
            self._initials.clear()
            self._sorted = sorted(self._spelled(reader.distinct_names()))
            self._loaded_at = now
            return
        last = reader.last_rowid()
        if last > self._last_rowid:
            self.add(*reader.names_after(self._last_rowid))
            self._last_rowid = last

    def add(self, *names: str) -> None:
        for pair in self._spelled(names):
            bisect.insort(self._sorted, pair)

    def _spelled(self, names: Iterable[str]) -> list[tuple[str, str]]:
        """(spelling, name) pairs of the names not in the directory yet."""
        pairs: list[tuple[str, str]] = []
        known = self._initials
        for name in names:
            if name in known:
                continue
            spellings = known[name] = self._spell(name)
            if len(spellings) == 1:
                pairs.append((spellings[0], name))
            else:
                pairs.extend((spelling, name) for spelling in spellings)
        return pairs

    def _spell(self, name: str) -> tuple[str, ...]:
        """`name_initials`, fast for the common name whose characters each have one
        initial: one str.translate."""
        spelled = name.translate(self._table)
        if not spelled.isascii():  # characters not seen before
            for char in name:
                if ord(char) not in self._table:
                    self._learn(char)
            spelled = name.translate(self._table)
        if "*" in spelled:
            return spell_initials(self._chars[char] for char in name)
        return (spelled,)

    def _learn(self, char: str) -> None:
        letters = self._chars[char] = char_initials(char, self._index)
        self._table[ord(char)] = "*" if len(letters) > 1 else "".join(letters)


_DIRECTORIES: weakref.WeakKeyDictionary[Store, NameDirectory] = weakref.WeakKeyDictionary()


def name_directory(services: Services) -> NameDirectory:
    """The store's name directory, made (and subscribed to its changes) on first use."""
    store = services.store
    directory = _DIRECTORIES.get(store)
    if directory is None:
        directory = _DIRECTORIES[store] = NameDirectory(PinyinIndex.load())
        store.subscribe(directory.on_store_change)
    return directory


# -- helpers ---------------------------------------------------------------------------
def _policy(services: Services) -> MatchPolicy:
    return MatchPolicy(older=services.settings.older,
                       long_wait_days=services.settings.long_wait_days)


def _hardship_query(services: Services) -> HardshipQuery:
    policy, today = _policy(services), services.today()
    return HardshipQuery(
        long_wait_before=iso_utc(long_wait_before(services.now(), policy)),
        men_born_by=older_born_by(policy.older, Sex.MALE, today),
        women_born_by=older_born_by(policy.older, Sex.FEMALE, today))


def _candidates(services: Services, worker_ids: Sequence[str]) -> dict[str, Candidate]:
    today = services.today()
    found = MatchReader(services.store.conn).candidates(
        worker_ids, hall_id=services.settings.hall_id, day=today,
        day_starts_at=iso_utc(services.day_starts_at(today)))
    return {c.worker_id: c for c in found}


def _days_since(now: datetime, moment: datetime) -> int:
    return max(0, (now - moment).days)


def _time(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _unique(ids: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(ids))
