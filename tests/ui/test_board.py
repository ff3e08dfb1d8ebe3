"""The big-screen board as a real widget on a real SQLite file, driven with pytest-qt."""

from __future__ import annotations

import math
import os
import shutil
import signal
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import TypeVar

import pytest
import zxingcpp
from pytestqt.qtbot import QtBot

from kiosk.cli import main
from kiosk.core import payloads
from kiosk.core.catalogue import Catalogue
from kiosk.core.codec import iso_utc
from kiosk.core.drafts import NoticeDraft
from kiosk.core.errors import Ok, Result
from kiosk.core.records import ReferralStatus
from kiosk.services.hall import Services
from kiosk.store.board import LAST_SYNC_KEY, BoardReader
from kiosk.store.store import Store
from kiosk.system.config import BoardSettings, Config, default_config
from kiosk.ui.board.window import BoardWindow
from kiosk.ui.theme import Theme
from tests.conftest import FixedClock, employer_draft, job_draft, worker_draft
from tests.ui.conftest import grab

V = TypeVar("V")
LANDSCAPE, PORTRAIT, UHD = (1920, 1080), (1080, 1920), (3840, 2160)
TRADES = ("C01", "C03", "S01", "L01", "M01", "O01")  # construction … others


def ok(result: Result[V]) -> V:
    assert isinstance(result, Ok), result
    return result.value


def post_jobs(services: Services, count: int, *, urgent_every: int = 0) -> list[str]:
    """`count` jobs of mixed trades for one employer; their ids in posting order."""
    employer = ok(services.register_employer(employer_draft(display_name="鲁建劳务")))
    ids = []
    for i in range(count):
        draft = job_draft(employer.id, trade=TRADES[i % len(TRADES)], title=f"岗位{i:04d}",
                          urgent=bool(urgent_every and i % urgent_every == 0))
        ids.append(ok(services.post_job(draft)).id)
    return ids


BoardFactory = Callable[..., BoardWindow]


@pytest.fixture
def make_board(qtbot: QtBot, store: Store, catalogue: Catalogue,
               clock: FixedClock) -> Iterator[BoardFactory]:
    windows: list[BoardWindow] = []

    def make(size: tuple[int, int] = LANDSCAPE, *, live: bool = True,
             board: BoardSettings | None = None, path: Path | None = None,
             language: str = "") -> BoardWindow:
        config = default_config("T01")
        if board is not None:
            config = Config(**{**_fields(config), "board": board})
        if language:
            config = Config(**{**_fields(config), "language": language})
        window = BoardWindow(config, catalogue, path or store.path, clock,
                             store=store if live else None, poll_ms=100, animate=False)
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.shutdown()


def _fields(config: Config) -> dict[str, object]:
    return {name: getattr(config, name) for name in Config.__dataclass_fields__}


def shown_ids(window: BoardWindow) -> list[str]:
    """The job ids on the cards of the current page, top left to bottom right."""
    cards = window.paged.cards[:window.paged.per_page]
    return [c.card.job_id for c in cards if c.card is not None]


def all_pages(window: BoardWindow) -> tuple[list[str], list[str]]:
    """Flip through every page once: the ids in the order shown and each indicator."""
    ids, indicators = [], []
    for _ in range(window.paged.page_count):
        ids.extend(shown_ids(window))
        indicators.append(window.page_indicator)
        window.next_page()
    return ids, indicators


def reader_order(store: Store, clock: FixedClock) -> list[str]:
    reader = BoardReader(store.path, "370104-DDBL")
    try:
        return [job.id for job in reader.load(clock.now()).jobs]
    finally:
        reader.close()


# -- what is shown ---------------------------------------------------------------------

def test_no_jobs_shows_the_empty_state_with_the_halls_information(
        make_board: BoardFactory, tmp_path: Path) -> None:
    window = make_board()
    assert window.stack.currentWidget() is window.empty
    assert window.empty.title == "暂无岗位"
    assert "服务热线：0531-12333" in window.empty.lines
    assert window.page_indicator == ""
    assert "服务热线：0531-12333" in window.ticker.text
    grab(window, tmp_path / "empty.png")


def test_one_job_is_one_page_with_its_card(services: Services,
                                           make_board: BoardFactory) -> None:
    (job_id,) = post_jobs(services, 1)
    window = make_board()
    assert window.stack.currentWidget() is window.paged
    assert window.page_indicator == "1 / 1"
    assert shown_ids(window) == [job_id]
    card = window.paged.cards[0].card
    assert card is not None
    assert (card.title, card.pay, card.settlement, card.left) == (
        "岗位0000", "¥350/天", "日结", "还招 3 人")
    assert card.employer == "鲁建劳务"
    assert card.qr == payloads.job(job_id)
    assert window.header.stats[0] == ("在招岗位", "1")


def test_37_jobs_page_in_the_readers_order_with_an_indicator(
        services: Services, store: Store, clock: FixedClock, make_board: BoardFactory) -> None:
    post_jobs(services, 37, urgent_every=5)
    window = make_board()
    per_page = window.paged.per_page
    assert (window.paged.columns, per_page) == (2, 4)  # cards sized for 5 m
    ids, indicators = all_pages(window)
    assert ids == reader_order(store, clock)
    pages = math.ceil(37 / per_page)
    assert indicators == [f"{n} / {pages}" for n in range(1, pages + 1)]
    assert window.page_indicator == f"1 / {pages}"  # wrapped round to the first page


def test_the_page_timer_flips_pages(services: Services, make_board: BoardFactory,
                                    qtbot: QtBot) -> None:
    post_jobs(services, 13)
    window = make_board()
    window.page_timer.setInterval(50)
    qtbot.waitUntil(lambda: window.page_indicator == "2 / 4", timeout=2000)
    qtbot.waitUntil(lambda: window.page_indicator == "4 / 4", timeout=2000)
    qtbot.waitUntil(lambda: window.page_indicator == "1 / 4", timeout=2000)


def test_5000_jobs_page_through_to_the_last(services: Services, store: Store,
                                            clock: FixedClock, make_board: BoardFactory) -> None:
    post_jobs(services, 5000)
    window = make_board()
    per_page = window.paged.per_page
    pages = math.ceil(5000 / per_page)
    assert window.page_indicator == f"1 / {pages}"
    window.show_page(pages - 1)
    order = reader_order(store, clock)
    assert shown_ids(window) == order[(pages - 1) * per_page:]
    assert window.page_indicator == f"{pages} / {pages}"


def test_grouping_keeps_each_sector_on_its_own_pages(
        services: Services, catalogue: Catalogue, make_board: BoardFactory) -> None:
    post_jobs(services, 20)
    window = make_board(board=BoardSettings(group_by_sector=True))
    sector_of = {t.code: t.sector for t in catalogue.trades}
    jobs = {j.id: j for j in window.pagination.jobs}
    seen_sectors = []
    for page in range(window.paged.page_count):
        window.show_page(page)
        sectors = {sector_of[jobs[i].trade] for i in shown_ids(window)}
        assert len(sectors) == 1
        seen_sectors.append(sectors.pop())
        assert window.section.title.startswith(
            next(s.zh for s in catalogue.sectors if s.code == seen_sectors[-1]))
    assert seen_sectors == sorted(seen_sectors, key=[s.code for s in catalogue.sectors].index)


def test_cards_never_show_a_phone_or_id_number(services: Services,
                                               make_board: BoardFactory) -> None:
    employer = ok(services.register_employer(employer_draft(
        name="王秀英", display_name="王女士", phone="13905317788")))
    ok(services.post_job(job_draft(employer.id)))
    window = make_board()
    card = window.paged.cards[0].card
    assert card is not None
    text = " ".join(str(getattr(card, f)) for f in card.__dataclass_fields__)
    assert "王女士" in text
    assert "13905317788" not in text and "王秀英" not in text


# -- live updates ----------------------------------------------------------------------

def test_a_job_posted_in_this_process_appears_within_2_s(
        services: Services, make_board: BoardFactory, qtbot: QtBot) -> None:
    post_jobs(services, 2)
    window = make_board()
    (new_id,) = post_jobs(services, 1)
    qtbot.waitUntil(lambda: new_id in {j.id for j in window.pagination.jobs}, timeout=2000)
    assert window.header.stats[0] == ("在招岗位", "3")


def test_a_job_posted_by_another_connection_appears_and_a_closed_one_goes(
        services: Services, make_board: BoardFactory, qtbot: QtBot) -> None:
    window = make_board(live=False)  # only the file: as when the counter is another process
    assert window.stack.currentWidget() is window.empty
    (job_id,) = post_jobs(services, 1)
    qtbot.waitUntil(lambda: shown_ids(window) == [job_id], timeout=2000)
    ok(services.close_job(job_id))
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.empty, timeout=2000)


def test_a_filled_job_disappears_and_hires_are_counted(
        services: Services, make_board: BoardFactory, qtbot: QtBot) -> None:
    employer = ok(services.register_employer(employer_draft()))
    job = ok(services.post_job(job_draft(employer.id, headcount="1")))
    worker = ok(services.register_worker(worker_draft()))
    window = make_board()
    assert shown_ids(window) == [job.id]
    referral = ok(services.refer(job.id, worker.id))
    ok(services.record_outcome(referral.id, ReferralStatus.HIRED))
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.empty, timeout=2000)
    assert window.header.stats[2] == ("今日上岗", "1")


def test_notices_and_check_ins_update_the_ticker_and_header(
        services: Services, make_board: BoardFactory, qtbot: QtBot) -> None:
    window = make_board()
    ok(services.post_notice(NoticeDraft(text_zh="明早六点有大批装卸岗位", priority=5)))
    worker = ok(services.register_worker(worker_draft()))
    ok(services.check_in(worker.id))
    qtbot.waitUntil(lambda: window.ticker.text.startswith("明早六点有大批装卸岗位"),
                    timeout=2000)
    qtbot.waitUntil(lambda: window.header.stats[1] == ("今日签到", "1"), timeout=2000)


def test_the_chinese_ticker_has_full_width_punctuation_however_it_was_typed(
        services: Services, make_board: BoardFactory, qtbot: QtBot) -> None:
    window = make_board()
    ok(services.post_notice(NoticeDraft(text_zh="注意: 明早06:00装卸, 日结", priority=5)))
    qtbot.waitUntil(lambda: window.ticker.text.startswith("注意：明早06:00装卸，日结"),
                    timeout=2000)
    assert "服务热线：0531-12333" in window.ticker.text


def test_a_restored_file_is_read_again(services: Services, store: Store, tmp_path: Path,
                                       make_board: BoardFactory, qtbot: QtBot) -> None:
    """A restore replaces the file (a new inode): the board reopens and shows its jobs."""
    board_file = tmp_path / "board.sqlite3"
    kept = post_jobs(services, 2)
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(store.path, board_file)
    window = make_board(live=False, path=board_file)
    assert set(shown_ids(window)) == set(kept)
    more = post_jobs(services, 3)
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    replacement = tmp_path / "restore.sqlite3"
    shutil.copy(store.path, replacement)
    os.replace(replacement, board_file)
    qtbot.waitUntil(lambda: set(all_pages(window)[0]) == set(kept + more), timeout=3000)


# -- the stale hint ----------------------------------------------------------------------

def test_no_stale_hint_when_the_hall_never_synced(make_board: BoardFactory) -> None:
    window = make_board()
    assert window.stale_banner.isHidden()


def test_a_stale_hint_when_the_last_sync_is_old(
        store: Store, clock: FixedClock, make_board: BoardFactory, tmp_path: Path) -> None:
    with store.write():
        store.conn.execute("INSERT INTO settings (key, value) VALUES (?, ?)",
                           (LAST_SYNC_KEY, iso_utc(clock.now() - timedelta(minutes=20))))
    window = make_board()
    assert window.stale_banner.isHidden()
    clock.advance(minutes=11)  # now 31 minutes since the last sync: threshold 30
    window.tick()
    assert not window.stale_banner.isHidden()
    assert window.stale_banner.text == (
        "与市平台最后同步于 07:40，岗位信息可能不全")
    grab(window, tmp_path / "stale.png")


# -- sizes and the picture ---------------------------------------------------------------

@pytest.mark.parametrize(("size", "columns"), [(LANDSCAPE, 2), (PORTRAIT, 1), (UHD, 2)])
def test_every_size_has_readable_titles_and_whole_cards(
        services: Services, make_board: BoardFactory, size: tuple[int, int], columns: int,
        tmp_path: Path) -> None:
    post_jobs(services, 12, urgent_every=3)
    window = make_board(size)
    theme = Theme.for_size(*size)
    assert window.paged.columns == columns
    assert window.card_painter.fonts.pay.pixelSize() >= 56 * theme.scale  # 5 m, 55 inches
    least = window.card_painter.min_size()
    for card in window.paged.cards[:window.paged.per_page]:
        assert card.height() >= least.height() and card.width() >= least.width()
        assert window.paged.rect().contains(card.geometry())
    grab(window, tmp_path / f"board-{size[0]}x{size[1]}.png")


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT])
def test_the_qr_codes_on_screen_decode_to_their_jobs(
        services: Services, make_board: BoardFactory, size: tuple[int, int],
        tmp_path: Path) -> None:
    post_jobs(services, 9)
    window = make_board(size)
    picture = grab(window, tmp_path / "board.png")
    read = {barcode.text for barcode in zxingcpp.read_barcodes(picture)}
    assert read == {payloads.job(job_id) for job_id in shown_ids(window)}
    assert len(read) == window.paged.per_page


def test_the_city_url_qr_when_configured(services: Services, make_board: BoardFactory,
                                         tmp_path: Path) -> None:
    (job_id,) = post_jobs(services, 1)
    board = BoardSettings(qr="url", job_url_template="https://jn.example.gov.cn/lg/job/{id}")
    window = make_board(board=board)
    picture = grab(window, tmp_path / "board-url.png")
    read = [barcode.text for barcode in zxingcpp.read_barcodes(picture)]
    assert read == [f"https://jn.example.gov.cn/lg/job/{job_id}"]


def test_scroll_mode_shows_every_job_in_order(
        services: Services, store: Store, clock: FixedClock, make_board: BoardFactory,
        tmp_path: Path) -> None:
    post_jobs(services, 4)
    window = make_board(board=BoardSettings(mode="scroll"))
    assert window.stack.currentWidget() is window.scroller
    rows = window.scroller.visible_rows()  # 4 jobs fit: two still rows of two
    assert [first for _y, first in rows] == [0, 2]
    assert [j.id for j in window.scroller.jobs] == reader_order(store, clock)
    picture = grab(window, tmp_path / "scroll.png")
    assert len(zxingcpp.read_barcodes(picture)) == 4


# -- the `kiosk run` command -------------------------------------------------------------

@pytest.mark.parametrize("role", ["board", "terminal", "counter", "terminal,counter,board"])
def test_kiosk_run_starts_a_role_and_stops_cleanly_on_sigterm(tmp_path: Path, role: str) -> None:
    """A real `kiosk run` process: it stays up showing its window until systemd's SIGTERM,
    then closes the window and the database and exits 0."""
    data = str(tmp_path / "hall")
    assert main(["--data-dir", data, "init", "--terminal-id", "T09"]) == 0
    notify = tmp_path / "notify.sock"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as ready:
        ready.bind(str(notify))
        ready.settimeout(120)  # a loaded machine: the window is up when systemd hears READY
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "NOTIFY_SOCKET": str(notify)}
        process = subprocess.Popen(
            [str(Path(sys.executable).parent / "kiosk"), "--data-dir", data, "run", "--role",
             role, "--windowed", "1280x720"], env=env, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE)
        try:
            assert b"READY=1" in ready.recv(4096)
            assert process.poll() is None  # still running: no crash at start
            process.send_signal(signal.SIGTERM)
            _out, err = process.communicate(timeout=20)
        finally:
            if process.poll() is None:
                process.kill()
    assert process.returncode == 0, err.decode()
    assert b"Traceback" not in err


def test_kiosk_run_refuses_a_screen_that_is_not_there(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--data-dir", str(tmp_path), "run", "--role", "board", "--screen", "7"])
    assert code == 2
    assert "没有第 7 块屏幕" in capsys.readouterr().err


def test_kiosk_run_refuses_a_board_screen_that_is_not_there(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--data-dir", str(tmp_path), "run", "--role", "counter", "--board-screen", "5"])
    assert code == 2
    assert "没有第 5 块屏幕" in capsys.readouterr().err


def test_kiosk_run_refuses_a_bad_window_size(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["run", "--role", "board", "--windowed", "big"])
    assert exit_.value.code == 2
    assert "1920x1080" in capsys.readouterr().err


def test_an_unreadable_file_keeps_the_last_jobs_and_recovers(
        services: Services, store: Store, tmp_path: Path, make_board: BoardFactory,
        qtbot: QtBot) -> None:
    """A damaged or half-copied file: the board keeps its jobs, says so, retries, recovers."""
    board_file = tmp_path / "board.sqlite3"
    kept = post_jobs(services, 2)
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(store.path, board_file)
    window = make_board(live=False, path=board_file)
    troubles: list[str] = []

    def note(kind: str) -> None:
        troubles.append(kind)

    window.feed.trouble.connect(note)
    garbage = tmp_path / "garbage"
    garbage.write_bytes(b"not a database " * 1000)
    os.replace(garbage, board_file)
    qtbot.waitUntil(lambda: "unavailable" in troubles, timeout=3000)
    assert set(shown_ids(window)) == set(kept)  # the last good snapshot stays up
    added = post_jobs(services, 1)
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    restored = tmp_path / "restored"
    shutil.copy(store.path, restored)
    os.replace(restored, board_file)
    qtbot.waitUntil(lambda: set(shown_ids(window)) == set(kept + added), timeout=10_000)
