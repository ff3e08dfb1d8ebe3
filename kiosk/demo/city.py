"""`kiosk demo`: a small city on one machine — a hub on its embedded database, two halls
provisioned against it, realistic data in each, counter staff who can sign in — so that
a newcomer sees the whole product (terminal, counter and board of hall A, with hall B's
jobs arriving through the hub) in one command.

Everything lives under one directory (default `demo-data/`) and is made only once:
running the demo again reuses it; delete the directory to start over.
"""

from __future__ import annotations

import copy
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from kiosk.app import open_app
from kiosk.core.errors import N_
from kiosk.core.i18n import translate
from kiosk.core.scan import public_key_text
from kiosk.core.staff import StaffRole
from kiosk.core.training import TRAINING_COURSES, shipped_courses_data
from kiosk.demo.seed import seed_demo
from kiosk.services.staff import StaffAccounts
from kiosk.store.private import private_file_for_append
from kiosk.system.config import (
    Config,
    HallInfo,
    Paths,
    default_config,
    load_config,
    load_or_create_key,
    write_config,
)
from sync import provisioning
from sync.agent import SyncAgent
from sync.hub.assets import CITY_KEY_ENV, latest, load_city_key, publish
from sync.hub.database import make_engine, migrate
from sync.hub.terminals import COUNTER, add_terminal

HUB_DB, HUB_KEY, HUB_LOG = "hub.sqlite3", "hub.key", "hub.log"
CITY_KEY_FILE = "city-key.pem"  # the demo city's Ed25519 key (assets, card keys)
HUB_START_TIMEOUT_S = 30.0
HUB_STOP_TIMEOUT_S = 1.0
SEEDED = ".seeded"

# Demo sign-ins, printed when the demo starts (never used outside demo data).
DEMO_STAFF = (("S001", "王芳", StaffRole.CLERK, "258036"),
              ("S900", "赵主任", StaffRole.SUPERVISOR, "730519"))


@dataclass(frozen=True, slots=True)
class DemoHall:
    folder: str
    terminal_id: str
    workers: int
    jobs: int
    hall: HallInfo | None = None  # None: the default demo hall


HALLS = (
    DemoHall("hall-a", "T-A01", workers=300, jobs=60),
    DemoHall("hall-b", "T-B01", workers=120, jobs=25, hall=HallInfo(
        id="370103-QFW", city="济南市", district="市中区", street="七贤街道", kind="零工驿站",
        address="济南市市中区七贤街道二七新村南路9号", hours="周一至周六 06:30–17:30",
        hotline="0531-12333", complaint_channel="劳动保障监察投诉电话 12333")),
)


@dataclass(frozen=True, slots=True)
class DemoCity:
    base: Path
    port: int

    @property
    def hub_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def hub_database(self) -> str:
        return f"sqlite:///{self.base / HUB_DB}"

    def paths(self, hall: DemoHall) -> Paths:
        return Paths.resolve(self.base / hall.folder)


@dataclass(frozen=True, slots=True)
class Step:
    """One thing the set-up did, for a person to read (a catalogue message)."""

    message: str
    folder: str
    params: dict[str, str | int]

    def text(self, language: str) -> str:
        return translate(self.message, language).format(folder=self.folder, **self.params)


def prepare(city: DemoCity) -> list[Step]:
    """Make whatever is missing (hub schema, halls, provisioning, data, staff); the steps
    taken, for the console."""
    city.base.mkdir(parents=True, exist_ok=True)
    engine = make_engine(city.hub_database)
    steps: list[Step] = []
    try:
        migrate(engine)
        steps += _publish_courses(engine, city)
        for hall in HALLS:
            steps += _prepare_hall(city, hall, engine)
        _publish_stop_work(city, engine)
    finally:
        engine.dispose()
    write_employer_draft(city)
    return steps


def _publish_courses(engine: Engine, city: DemoCity) -> list[Step]:
    """The demo city's training courses (assets/training_courses.json), published once and
    moved so that sign-up is open this week (the file's dates are examples)."""
    if latest(engine, TRAINING_COURSES) is not None:
        return []
    data = courses_this_week(shipped_courses_data(), datetime.now(UTC).date())
    publish(engine, TRAINING_COURSES, data, signing_key=demo_city_key(city))
    return [Step(N_("{folder}: the city published {count} training courses"), "hub",
                 {"count": len(data["courses"])})]


def courses_this_week(data: dict[str, Any], today: date) -> dict[str, Any]:
    """`data` with every date moved by whole weeks so the first sign-up opens within the
    last seven days (weekdays stay weekdays)."""
    first = min(date.fromisoformat(c["signup_from"]) for c in data["courses"])
    shift = timedelta(weeks=(today - first).days // 7)
    moved = copy.deepcopy(data)
    for course in moved["courses"]:
        for key in ("signup_from", "signup_until"):
            course[key] = (date.fromisoformat(course[key]) + shift).isoformat()
        for session in course["sessions"]:
            session["day"] = (date.fromisoformat(session["day"]) + shift).isoformat()
    return moved


EMPLOYER_DRAFT_FILE = "employer-draft.txt"


def write_employer_draft(city: DemoCity) -> Path:
    """What the city's phone page would give an employer (我要招工 by phone): a signed
    `LGE1` job draft for tomorrow, valid 24 hours, to show at a hall's touchscreen (its
    QR on a phone, or `kiosk scan --dry-run` with the text)."""
    from datetime import UTC, datetime, timedelta  # noqa: PLC0415

    from kiosk.core.scan_post import sign_employer_post  # noqa: PLC0415

    now = datetime.now(UTC)
    text = sign_employer_post(
        {"kind": "individual", "name": "周师傅", "phone": "13869120458", "role": "gang_master"},
        {"trade": "C06", "title": "新房刷墙", "place": "槐荫区西客站片区 阳光100小区",
         "area": "槐荫区", "start_date": (now + timedelta(days=1)).date(),
         "start_time": "07:30", "days": "4", "headcount": 2, "pay_amount": "320",
         "pay_unit": "day", "settlement": "on_completion", "meals": True},
        demo_city_key(city), now)
    path = city.base / EMPLOYER_DRAFT_FILE
    path.write_text(text + "\n", "ascii")
    return path


def _publish_stop_work(city: DemoCity, engine: Engine) -> None:
    """A weather stop-work notice for today (大风: no work at height 10:00–16:00), so the
    board shows one and marks the jobs at height; published again under a newer version on
    a later day, when the last one has ended."""
    from datetime import time as clock  # noqa: PLC0415
    from zoneinfo import ZoneInfo  # noqa: PLC0415

    from kiosk.core.safety_content import STOP_WORK, stop_work_from_data  # noqa: PLC0415

    tz = ZoneInfo("Asia/Shanghai")
    today = datetime.now(tz).date()
    last = latest(engine, STOP_WORK)
    if last is not None and any(n.ends_at.date() >= today
                                for n in stop_work_from_data(last["data"])):
        return
    starts = datetime.combine(today, clock(10), tz)
    notice = {"id": f"gale-{today:%m%d}", "title_zh": "大风黄色预警", "title_en":
              "Yellow gale warning", "text_zh": "阵风七级以上，停止高处作业和露天吊装",
              "text_en": "Gusts of force 7 and more: no work at height or outdoor lifting",
              "starts_at": starts.isoformat(),
              "ends_at": (starts + timedelta(hours=6)).isoformat(),
              "hazards": ["height"], "trades": ["C08"], "districts": []}
    version = 1 if last is None else int(last["version"]) + 1
    publish(engine, STOP_WORK, {"version": version, "notices": [notice]},
            signing_key=demo_city_key(city))


def demo_city_key_file(city: DemoCity) -> Path:
    return city.base / CITY_KEY_FILE


def demo_city_key(city: DemoCity) -> Ed25519PrivateKey:
    """The demo city's Ed25519 key (made once, 0600): the demo hub signs the terminals'
    card keys with it, so each hall checks the other's worker cards."""
    path = demo_city_key_file(city)
    if not path.exists():
        key = Ed25519PrivateKey.generate()
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8,
                                           NoEncryption()))
    return load_city_key(path)


def _prepare_hall(city: DemoCity, hall: DemoHall, engine: Engine) -> list[Step]:
    paths = city.paths(hall)
    steps: list[Step] = []
    if not paths.config_file.exists():
        config = _config(hall)
        write_config(paths.config_file, config)
        load_or_create_key(paths.key_file)
        steps.append(Step(N_("{folder}: {hall} set up"), hall.folder, {"hall": config.hall.name}))
    credentials_file = paths.data_dir / provisioning.FILE_NAME
    saved = provisioning.load(credentials_file)
    city_public = public_key_text(demo_city_key(city))
    if saved is not None and saved.hub == city.hub_url and city_public not in saved.city_keys:
        # the city key signs what terminals obey, the terminals' card keys among them
        provisioning.save(credentials_file, replace(saved, city_keys=(city_public,)))
    if saved is None or saved.hub != city.hub_url:
        hall_id, hall_name = _config(hall).hall.id, _config(hall).hall.name
        # One machine runs the hall's counter (and its touchscreen and board): a counter,
        # so the employers' contacts of other halls' jobs reach its dispatch page.
        try:
            terminal_id, token = add_terminal(engine, hall_id, hall.folder, hall.terminal_id,
                                              hall_name=hall_name, kind=COUNTER)
        except IntegrityError:  # provisioned before (another port): a new terminal
            terminal_id, token = add_terminal(engine, hall_id, hall.folder,
                                              hall_name=hall_name, kind=COUNTER)
        provisioning.save(credentials_file, provisioning.Provisioning(
            hub=city.hub_url, terminal=terminal_id, hall=hall_id, token=token,
            city_keys=(city_public,)))
        steps.append(Step(N_("{folder}: connected to the hub as terminal {terminal}"),
                          hall.folder, {"terminal": terminal_id}))
    _trust_city_key(paths, city_public)
    if not (paths.data_dir / SEEDED).exists():
        _seed(paths, hall)
        steps.append(Step(N_("{folder}: {workers} workers and {jobs} jobs added"), hall.folder,
                          {"workers": hall.workers, "jobs": hall.jobs}))
    return steps


def _trust_city_key(paths: Paths, city_public: str) -> None:
    """The hall's touchscreen reads what the demo city signs: phone pre-registrations
    (LGR1) and employers' job drafts (LGE1), as `kiosk provision` would set it."""
    config = load_config(paths.config_file)
    if city_public not in config.scan.city_public_keys:
        write_config(paths.config_file, replace(config, scan=replace(
            config.scan, city_public_keys=(city_public,))))


def _config(hall: DemoHall) -> Config:
    config = default_config(hall.terminal_id)
    return config if hall.hall is None else replace(config, hall=hall.hall)


def _seed(paths: Paths, hall: DemoHall) -> None:
    app = open_app(paths)
    try:
        seed_demo(app.services, hall.workers, hall.jobs)
        accounts = StaffAccounts(app.services)
        for staff_id, name, role, pin in DEMO_STAFF:
            accounts.add(staff_id, name, role, pin)
    finally:
        app.close()
    (paths.data_dir / SEEDED).touch()


class PortInUse(Exception):
    """Something else listens on the hub's port (often a demo still running)."""

    def __init__(self, port: int) -> None:
        super().__init__(port)
        self.port = port


class HubDidNotStart(Exception):
    """The hub process ended at start (`stopped`) or never answered (`timeout`)."""

    def __init__(self, log: Path, *, stopped: bool) -> None:
        super().__init__(str(log))
        self.log, self.stopped = log, stopped


def port_free(port: int, host: str = "127.0.0.1") -> bool:
    """Whether the hub could listen on `port` now (bound as uvicorn binds it)."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def free_port_near(port: int, tries: int = 20) -> int:
    """A port to suggest instead of a busy one: the next free one above it."""
    return next((p for p in range(port + 1, port + 1 + tries) if port_free(p)), port + 1)


class HubProcess:
    """`kiosk-hub serve` on the demo's database, as a child process."""

    def __init__(self, city: DemoCity) -> None:
        self.city = city
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        """Start the hub and wait until it answers; PortInUse or HubDidNotStart if not."""
        if not port_free(self.city.port):
            raise PortInUse(self.city.port)
        log = open(private_file_for_append(self.city.base / HUB_LOG), "ab")  # noqa: SIM115
        command = [sys.executable, "-c", "import sys; from sync.hub.cli import main; "
                   "sys.exit(main())", "--db", self.city.hub_database, "serve",
                   "--host", "127.0.0.1", "--port", str(self.city.port),
                   "--hub-key", str(self.city.base / HUB_KEY)]
        environment = {**os.environ, CITY_KEY_ENV: str(demo_city_key_file(self.city))}
        self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT,
                                        env=environment)
        log.close()
        deadline = time.monotonic() + HUB_START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                if not port_free(self.city.port):  # taken meanwhile
                    raise PortInUse(self.city.port)
                raise HubDidNotStart(self.city.base / HUB_LOG, stopped=True)
            if _healthy(self.city.hub_url):
                return
            time.sleep(0.2)
        self.stop()
        raise HubDidNotStart(self.city.base / HUB_LOG, stopped=False)

    def stop(self, timeout_s: float = HUB_STOP_TIMEOUT_S) -> None:
        """SIGTERM (uvicorn finishes the requests on hand), then SIGKILL after `timeout_s`:
        the hub's writes are transactions, so a kill loses nothing committed."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout_s)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=1) as response:
            return bool(json.loads(response.read()).get("status"))
    except (OSError, ValueError):
        return False


def sync_all(city: DemoCity) -> dict[str, dict[str, int]]:
    """Push every hall's records, then pull again, so each board has the others' jobs."""
    counts: dict[str, dict[str, int]] = {}
    for _round in range(2):
        for hall in HALLS:
            paths = city.paths(hall)
            credentials = provisioning.load(paths.data_dir / provisioning.FILE_NAME)
            if credentials is None:
                continue
            app = open_app(paths)
            agent = SyncAgent(app.store, credentials, card_key=app.services.card_public_key(),
                          copy_days=app.config.privacy.city_copy_days)
            try:
                report = agent.sync_once()
                total = counts.setdefault(hall.folder, {"acked": 0, "pulled": 0, "errors": 0})
                total["acked"] += report.acked
                total["pulled"] += report.pulled
                total["errors"] += len(report.errors)
            finally:
                agent.close()
                app.close()
    return counts
