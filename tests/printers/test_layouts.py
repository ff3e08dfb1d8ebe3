"""Every layout, built from stored records, printed through the File transport at 58 and 80 mm:
the ESC/POS bytes are taken apart again, the raster compared with the drawn image and the
QR read back with zxing-cpp. Tickets never carry an ID number or a full phone number."""

from __future__ import annotations

import math
import os
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PIL import Image, ImageChops
from reportlab.pdfbase import pdfmetrics

from kiosk.core import payloads
from kiosk.core.card_rules import CardProof
from kiosk.core.catalogue import Catalogue
from kiosk.core.drafts import CaseStepDraft
from kiosk.core.erasure import anonymised
from kiosk.core.ids import new_id
from kiosk.core.privacy import mask_name
from kiosk.core.records import CourseSignup, ReferralStatus
from kiosk.core.scan import ScanKeys, WorkerCard
from kiosk.core.training import courses_from_data, shipped_courses_data
from kiosk.services.hall import Services
from kiosk.services.printing import TicketSource
from kiosk.store.print_queue import PrintKind
from kiosk.store.store import Store
from kiosk.system.printer_profile import PrinterProfile
from printers import raster
from printers import tickets as layouts
from printers.escpos_bytes import BAND_ROWS
from printers.layout import HLine, QRBox, TextRun, layout, wrap
from printers.pdf import register_font
from printers.raster import DOTS_58MM, DOTS_80MM, render_image
from printers.tickets import Field, Heading, Huge, Issuer, QRCode, Ticket, TicketKind
from printers.transports import FileTransport
from tests.conftest import FixedClock, employer_draft, id_number, job_draft, worker_draft
from tests.printers import (
    COMPLAINANT,
    COMPLAINANT_PHONE,
    CUT,
    ESC_INIT,
    FEED,
    OTHER_ID_NUMBER,
    OTHER_NAME,
    OTHER_PHONE,
    RASTER,
    WORKER_ID_NUMBER,
    WORKER_NAME,
    WORKER_PHONE,
    Samples,
    hall,
    ok,
    parse_escpos,
    read_qr,
    seed,
)

KINDS = [kind.value for kind in TicketKind]
WIDTHS = [DOTS_58MM, DOTS_80MM]
SELF_POST_PHONE = "13905310066"  # an employer's own post: its receipt masks the number
PRIVATE = (SELF_POST_PHONE, WORKER_ID_NUMBER, WORKER_PHONE, WORKER_NAME, OTHER_ID_NUMBER,
           OTHER_PHONE, OTHER_NAME, COMPLAINANT, COMPLAINANT_PHONE)


@pytest.fixture
def samples(services: Services) -> Samples:
    return seed(services)


@pytest.fixture
def source(store: Store, catalogue: Catalogue, services: Services) -> TicketSource:
    """As the print worker builds it: worker cards signed with the terminal's card key."""
    return TicketSource(store, catalogue, hall(), card_key=services.settings.card_key)


@pytest.fixture
def tickets(samples: Samples, source: TicketSource, clock: FixedClock,
            services: Services, catalogue: Catalogue) -> dict[str, Ticket]:
    now = clock.now()
    _, handoff = ok(services.as_staff("S001").add_case_step(samples.complaint.id, CaseStepDraft(
        "refer", now.date(), party="槐荫区劳动保障监察大队", outcome="用工方拒不支付")))
    issuer = Issuer(hall(), now.astimezone(ZoneInfo(hall().timezone)))
    return {
        "card": source.ticket(PrintKind.CARD, samples.worker.id, now),
        "queue": source.ticket(PrintKind.QUEUE, samples.checkin.id, now),
        "referral": source.ticket(PrintKind.REFERRAL, samples.referral.id, now),
        "interest": source.ticket(PrintKind.INTEREST, samples.interest.id, now),
        "complaint": source.ticket(PrintKind.COMPLAINT, samples.complaint.id, now),
        "test": layouts.test_ticket(issuer, "ticket", DOTS_58MM),
        "erasure": layouts.erasure_ticket(anonymised(samples.worker, now), issuer),
        "handoff": source.ticket(PrintKind.HANDOFF, handoff.id, now),
        "policy": source.ticket(PrintKind.POLICY, "wage-rights", now),  # a shipped page
        "self_post": source.ticket(PrintKind.SELF_POST, ok(services.submit_self_post(
            job_draft(""), employer=employer_draft(phone=SELF_POST_PHONE))).id, now),
        "course": layouts.course_ticket(  # a shipped course, not yet confirmed by the city
            courses_from_data(shipped_courses_data())[0],
            CourseSignup(new_id(), samples.worker.hall_id, samples.worker.id,
                         "jn-2612-elec-5", now), samples.worker, catalogue, issuer,
            confirmed=False),
    }


@pytest.fixture
def expected(samples: Samples, services: Services) -> dict[str, list[str]]:
    return {kind: expected_qr(kind, samples, services) for kind in KINDS}


def expected_qr(kind: str, samples: Samples, services: Services) -> list[str]:
    """What each layout's QR must carry (queue tickets and receipts have none); a worker
    card is the signed LGW2 code, which this terminal verifies."""
    card = services.card_text(samples.worker.id)
    checked = services.read_scan(card, ScanKeys())
    assert checked == WorkerCard(samples.worker.id, CardProof.SIGNED, card)
    return {
        "card": [card],
        "queue": [],
        "referral": [payloads.referral_slip(samples.referral.id, samples.referral.job_id,
                                            mask_name(samples.other.name))],
        "interest": [payloads.job(samples.job.id)],
        "complaint": [payloads.complaint(samples.complaint.id)],
        "erasure": [],
        "handoff": [],
        "policy": [],
        "self_post": [],
        "course": [],
        "test": [payloads.job("00000000-0000-7000-8000-000000000000")],
    }[kind]


def fields(ticket: Ticket) -> dict[str, str]:
    return {block.label: block.value for block in ticket.blocks if isinstance(block, Field)}


def same_pixels(a: Image.Image, b: Image.Image) -> bool:
    if a.size != b.size:
        return False
    return ImageChops.difference(a.convert("L"), b.convert("L")).getbbox() is None


# -- ESC/POS through the File transport -----------------------------------------------

@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", KINDS)
def test_layout_prints_as_escpos_raster_with_its_qr(
        kind: str, width: int, tickets: dict[str, Ticket], expected: dict[str, list[str]],
        tmp_path: Path) -> None:
    ticket = tickets[kind]
    profile = PrinterProfile("ticket", FileTransport(tmp_path / "out"), width)
    data, suffix = profile.render(ticket)
    profile.transport.send(data, suffix, f"{kind}-{width}")
    printed = (tmp_path / "out" / f"{kind}-{width}.bin").read_bytes()
    assert printed == data and suffix == ".bin"

    assert printed.startswith(ESC_INIT)
    assert RASTER in printed and CUT in printed
    parts = parse_escpos(printed)
    assert parts.head == ESC_INIT  # initialise, then straight to the image
    assert parts.tail == FEED + bytes([6]) + CUT + b"\x00"  # feed 6 lines, full cut
    assert set(parts.densities) == {0}  # normal (full) density both ways
    assert all(band.width == width for band in parts.bands)
    assert [band.height for band in parts.bands[:-1]] == [BAND_ROWS] * (len(parts.bands) - 1)

    decoded = parts.image()
    drawn = render_image(ticket, width)
    assert same_pixels(decoded, drawn)  # every dot the printer burns is the drawn one
    decoded.save(tmp_path / f"{kind}-{width}.png")
    assert read_qr(decoded) == expected[kind]


def test_tall_tickets_go_out_in_several_raster_bands(tickets: dict[str, Ticket]) -> None:
    drawn = render_image(tickets["referral"], DOTS_80MM)
    parts = parse_escpos(PrinterProfile("wide", FileTransport(Path()), DOTS_80MM)
                         .render(tickets["referral"])[0])
    assert drawn.height > BAND_ROWS
    assert len(parts.bands) == math.ceil(drawn.height / BAND_ROWS) >= 2
    assert sum(band.height for band in parts.bands) == drawn.height
    assert read_qr(parts.image()) == read_qr(drawn) != []


def test_without_cut_the_bytes_end_with_the_image(tickets: dict[str, Ticket]) -> None:
    data, _ = PrinterProfile("no-cutter", FileTransport(Path()), DOTS_58MM,
                             cut=False).render(tickets["queue"])
    parts = parse_escpos(data)
    assert parts.head == ESC_INIT and parts.tail == b""
    assert same_pixels(parts.image(), render_image(tickets["queue"], DOTS_58MM))


def test_images_are_exactly_the_paper_width_in_black_and_white(
        tickets: dict[str, Ticket]) -> None:
    for ticket in tickets.values():
        for width in WIDTHS:
            image = render_image(ticket, width)
            assert image.mode == "1" and image.width == width
            assert image.getextrema() == (0, 255)


# -- what the tickets say, and what they never say ------------------------------------

@pytest.mark.parametrize("kind", KINDS)
def test_no_id_number_full_phone_or_full_name_on_any_ticket(
        kind: str, tickets: dict[str, Ticket], samples: Samples) -> None:
    ticket = tickets[kind]
    printed = "\n".join(ticket.texts() + [b.payload for b in ticket.blocks
                                          if isinstance(b, QRCode)])
    for secret in PRIVATE:
        assert secret not in printed, (kind, secret)


def test_card_shows_masked_name_trades_and_registration_day(
        tickets: dict[str, Ticket]) -> None:
    card = tickets["card"]
    assert card.kind is TicketKind.CARD
    assert card.texts()[0] == "济南市槐荫区段店北路街道零工市场"
    assert fields(card) == {
        "姓名": "张*国", "工种": "瓦工、装修杂工", "登记日期": "2026-11-23",
        "地址": "济南市槐荫区段店北路188号", "服务热线": "0531-12333"}


def test_policy_ticket_carries_the_page_its_hotline_and_where_the_facts_come_from(
        tickets: dict[str, Ticket]) -> None:
    policy = tickets["policy"]
    assert policy.kind is TicketKind.POLICY
    assert policy.texts()[:2] == ["济南市槐荫区段店北路街道零工市场", "讨要工资，您有权利"]
    assert fields(policy)["咨询电话"] == "12333"
    assert any(text.startswith("依据：《劳动法》第五十条") for text in policy.texts())


def test_queue_ticket_shows_the_number_huge_and_who_is_before(
        services: Services, source: TicketSource, clock: FixedClock) -> None:
    first = ok(services.register_worker(worker_draft()))
    second = ok(services.register_worker(worker_draft(
        name="王芳", id_number=id_number(date(1980, 1, 1), seq=2), phone="13905310000")))
    ok(services.check_in(first.id))
    checkin = ok(services.check_in(second.id)).checkin
    ticket = source.ticket(PrintKind.QUEUE, checkin.id, clock.now())
    huge = [b.text for b in ticket.blocks if isinstance(b, Huge)]
    assert huge == ["002"]
    assert fields(ticket)["日期"] == "2026-11-23"
    assert fields(ticket)["前面等候"] == "1"


def test_an_unverified_check_in_prints_where_to_go_and_waits_for_no_one(
        services: Services, source: TicketSource, clock: FixedClock, store: Store,
        catalogue: Catalogue) -> None:
    """A forged old card (`LGW1:<random uuid>:<crc>`) gets a slip that sends the worker to
    the desk, no number, and is not counted in anyone's 前面等候."""
    forged = "019a5b1c-0000-7000-8000-0000000000dd"
    unverified = ok(services.check_in(forged, card=WorkerCard(forged))).checkin
    ticket = source.ticket(PrintKind.QUEUE, unverified.id, clock.now())
    assert [b for b in ticket.blocks if isinstance(b, Huge)] == []
    assert "请到服务台核验。" in ticket.texts()
    assert any("市平台确认您已登记后" in text for text in ticket.texts())
    english = TicketSource(store, catalogue, hall(), "en").ticket(
        PrintKind.QUEUE, unverified.id, clock.now())
    assert "Please go to the service desk to have your card checked." in english.texts()
    for name, shown in (("zh", ticket), ("en", english)):
        image = render_image(shown, DOTS_58MM)
        assert image.width == DOTS_58MM
        image.save(shot_dir() / f"ticket-unverified-{name}.png")
    worker = ok(services.register_worker(worker_draft()))
    numbered = ok(services.check_in(worker.id)).checkin
    assert numbered.queue_no == 1
    assert fields(source.ticket(PrintKind.QUEUE, numbered.id, clock.now()))["前面等候"] == "0"


def shot_dir() -> Path:
    chosen = Path(os.environ.get("SHOTS_DIR", "/tmp/shots-tickets"))
    chosen.mkdir(parents=True, exist_ok=True)
    return chosen


def test_people_waiting_leaves_out_those_already_referred_today(
        services: Services, source: TicketSource, clock: FixedClock, samples: Samples) -> None:
    # samples: the worker checked in (001) and asked for the job (requested, not referred).
    late = ok(services.register_worker(worker_draft(
        name="王芳", id_number=id_number(date(1980, 1, 1), seq=2), phone="13905310000")))
    checkin = ok(services.check_in(late.id)).checkin
    assert fields(source.ticket(PrintKind.QUEUE, checkin.id, clock.now()))["前面等候"] == "1"
    ok(services.record_outcome(samples.interest.id, ReferralStatus.REFERRED))
    assert fields(source.ticket(PrintKind.QUEUE, checkin.id, clock.now()))["前面等候"] == "0"


def test_referral_slip_carries_job_pay_rights_and_masked_worker(
        tickets: dict[str, Ticket]) -> None:
    slip = tickets["referral"]
    assert slip.texts()[:2] == ["济南市槐荫区段店北路街道零工市场", "派工单"]
    assert fields(slip) == {
        "岗位": "小区外墙砌砖", "工种": "瓦工", "用工单位": "李先生",
        "联系电话": "13905317788",  # the employer's, as staff entered it: the worker calls
        "工作地点": "槐荫区腊山河西路 阳光小区", "用工方式": "日结零工",
        "工作时间": "11月23日 07:30 开工", "雇主提供": "无",
        "工资": "¥350/天", "结算方式": "日结", "务工人员": "欧**娜",
        "投诉渠道": "劳动保障监察投诉电话 12333，或到服务窗口登记",
        "地址": "济南市槐荫区段店北路188号", "服务热线": "0531-12333"}
    assert any("拖欠工资" in text for text in slip.texts())  # the wage-arrears notice


def test_interest_ticket_has_the_request_number_and_job(tickets: dict[str, Ticket]) -> None:
    ticket = tickets["interest"]
    assert [b.text for b in ticket.blocks if isinstance(b, Huge)] == ["001"]
    assert fields(ticket)["岗位"] == "小区外墙砌砖"
    assert "我想干" in ticket.texts()


def test_complaint_receipt_has_its_number_and_masked_complainant(
        tickets: dict[str, Ticket], samples: Samples) -> None:
    receipt = fields(tickets["complaint"])
    assert receipt["投诉编号"] == samples.complaint.number == "TS20261123-T01-001"
    assert receipt["投诉人"] == "刘*傅"
    assert receipt["拖欠金额"] == "¥1,200"
    assert receipt["发生时间"] == "2026-10-24 – 2026-11-22"
    assert receipt["纠纷类型"] == "拖欠工资"
    assert receipt["受理时间"] == "2026-11-23 08:00"  # hall time, not UTC
    # the promise it makes is a screen that exists: the touchscreen's tile of that name
    assert any("点“查投诉进度”" in text for text in tickets["complaint"].texts())


def test_the_hand_off_sheet_names_the_office_and_the_step_but_nobody_in_full(
        tickets: dict[str, Ticket], samples: Samples) -> None:
    sheet = fields(tickets["handoff"])
    assert sheet["投诉编号"] == samples.complaint.number
    assert sheet["移交单位"] == "槐荫区劳动保障监察大队"
    assert sheet["投诉人"] == "刘*傅" and sheet["经办人"] == "S001"
    assert "移交劳动保障监察单" in tickets["handoff"].texts()


def test_english_tickets_use_the_english_catalogue(
        store: Store, catalogue: Catalogue, samples: Samples, clock: FixedClock) -> None:
    source = TicketSource(store, catalogue, hall(), "en")
    slip = source.ticket(PrintKind.REFERRAL, samples.referral.id, clock.now())
    assert "Referral slip" in slip.texts()
    assert fields(slip)["Worker"] == "欧**娜"


# -- drawing: nothing clipped, nothing missing from the font --------------------------

@pytest.mark.parametrize("width", WIDTHS)
def test_nothing_is_drawn_outside_the_paper(width: int, tickets: dict[str, Ticket]) -> None:
    for kind, ticket in tickets.items():
        page = layout(ticket, width, raster._measure)
        for item in page.items:
            if isinstance(item, TextRun):
                right = item.x + raster._measure(item.text, item.size)
                assert item.x >= 0 and right <= width, (kind, item)
                assert item.y + item.size * 1.3 <= page.height, (kind, item)
            elif isinstance(item, QRBox):
                assert item.x >= 0 and item.x + item.side <= width, (kind, item)
                assert item.y + item.side <= page.height, (kind, item)
            else:
                assert isinstance(item, HLine) and 0 < item.y < page.height


def test_every_character_on_every_ticket_is_in_the_cjk_font(
        tickets: dict[str, Ticket], store: Store, catalogue: Catalogue, samples: Samples,
        clock: FixedClock) -> None:
    """A character missing from the font would print as an empty box (tofu)."""
    face = pdfmetrics.getFont(register_font()).face
    english = TicketSource(store, catalogue, hall(), "en").ticket(
        PrintKind.REFERRAL, samples.referral.id, clock.now())
    for ticket in [*tickets.values(), english]:
        missing = {ch for text in ticket.texts() for ch in text
                   if not ch.isspace() and ord(ch) not in face.charToGlyph}
        assert missing == set(), (ticket.kind, missing)


def test_huge_numbers_are_far_bigger_than_body_text(
        tickets: dict[str, Ticket]) -> None:
    """Read from across the hall: the queue number's glyphs are far bigger than body text."""
    page = layout(tickets["queue"], DOTS_58MM, raster._measure)
    sizes = {item.text: item.size for item in page.items if isinstance(item, TextRun)}
    assert sizes["001"] == DOTS_58MM / 3.2
    assert sizes["001"] > 4 * sizes["日期："]


# -- line breaking ---------------------------------------------------------------------

CLOSING = "，。、；：！？）》」』】"
OPENING = "（《「『【"
TEXTS = [
    "劳动保障监察投诉电话 12333，或到服务窗口登记",
    "如遇拖欠工资，请拨打服务热线或到服务窗口反映，我们免费帮您维权。",
    "中文：瓦工、电工（日结）¥350/天。ABC abc 0123456789",
    "请保留本回执，凭投诉编号可查询处理进度。",
    "Keep this receipt: its number lets you ask how your complaint is going.",
]


@pytest.mark.parametrize("text", TEXTS, ids=["channel", "arrears", "test", "receipt", "en"])
def test_wrap_keeps_punctuation_off_the_start_and_brackets_off_the_end_of_lines(
        text: str) -> None:
    size = 24.0
    for room in range(120, 480, 2):
        lines = wrap(text, size, room, raster._measure)
        assert "".join(lines).replace(" ", "") == text.replace(" ", ""), room
        for line in lines:
            assert raster._measure(line, size) <= room, (room, line)
            assert line == line.strip()
        for line in lines[1:]:
            assert line[0] not in CLOSING, (room, lines)
        for line in lines[:-1]:
            assert line[-1] not in OPENING, (room, lines)


def test_wrap_breaks_inside_a_word_only_when_the_word_alone_is_too_wide() -> None:
    size = 20.0
    lines = wrap("TS20261123-T01-001 ok", size, raster._measure("TS2026", size), raster._measure)
    assert "".join(lines).replace(" ", "") == "TS20261123-T01-001ok"
    assert lines[-1] == "ok"
    assert wrap("", size, 100, raster._measure) == [""]



# -- numbers and units are never broken ------------------------------------------------

KEPT = ["¥350/天", "¥1,200", "2026-11-23 07:30", "3号楼", "12333", "TS20261123-T01-001",
        "8小时", "¥25/小时"]


@pytest.mark.parametrize("text", [
    "工资：¥350/天，日结", "中文：瓦工、电工（日结）¥350/天。ABC abc 0123456789",
    "拖欠¥1,200元，开工 2026-11-23 07:30", "槐荫区腊山河西路 阳光小区3号楼",
    "劳动保障监察投诉电话 12333，或到服务窗口登记", "编号TS20261123-T01-001请保留",
    "每天8小时，¥25/小时"])
def test_numbers_amounts_and_units_stay_on_one_line(text: str) -> None:
    size = 24.0
    runs = [run for run in KEPT if run in text]
    assert runs
    for room in range(130, 480, 3):
        lines = wrap(text, size, room, raster._measure)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        for run in runs:
            if raster._measure(run, size) <= room:
                assert any(run in line for line in lines), (room, run, lines)


@pytest.mark.parametrize("width", WIDTHS)
def test_a_value_too_long_beside_its_label_starts_a_line_rather_than_break(
        width: int, tickets: dict[str, Ticket]) -> None:
    number = "TS20261123-T01-001-LONGER"  # wider than the room beside a long label
    ticket = Ticket(TicketKind.COMPLAINT, (Field("投诉编号（请保留）", number),))
    page = layout(ticket, width, raster._measure)
    texts = [item.text for item in page.items if isinstance(item, TextRun)]
    assert number in texts, texts


# -- each paper its own layout ------------------------------------------------------------

def text_runs(ticket: Ticket, width: int) -> list[TextRun]:
    return [i for i in layout(ticket, width, raster._measure).items if isinstance(i, TextRun)]


def test_80mm_has_its_own_layout_larger_type_and_two_columns(
        tickets: dict[str, Ticket]) -> None:
    narrow, wide = (text_runs(tickets["referral"], w) for w in WIDTHS)
    body = {w: next(r.size for r in runs if r.text == "岗位：") / 8  # mm, at 8 dots/mm
            for w, runs in zip(WIDTHS, (narrow, wide), strict=True)}
    assert body[DOTS_80MM] > body[DOTS_58MM]  # larger type, not the same scaled
    assert body[DOTS_80MM] < body[DOTS_58MM] * DOTS_80MM / DOTS_58MM
    # two short fields side by side on one line at 80 mm, never at 58 mm
    pay = next(r for r in wide if r.text == "工资：")
    assert any(r.y == pay.y and r.x > DOTS_80MM / 2 - 10 for r in wide if r is not pay)
    assert all(r.x < DOTS_58MM / 2 for r in narrow if r.text.endswith("："))
    # the QR code's caption beside it at 80 mm, below it at 58 mm
    for width, runs in zip(WIDTHS, (narrow, wide), strict=True):
        [box] = [i for i in layout(tickets["referral"], width, raster._measure).items
                 if isinstance(i, QRBox)]
        caption = next(r for r in runs if r.text.startswith("到岗时"))
        assert (caption.x > box.x + box.side) == (width == DOTS_80MM), width
    # and it is shorter for it
    heights = [layout(tickets["referral"], w, raster._measure).height / w for w in WIDTHS]
    assert heights[1] < heights[0]


@pytest.mark.parametrize("width", WIDTHS)
def test_two_column_fields_never_overlap(width: int, tickets: dict[str, Ticket]) -> None:
    for kind, ticket in tickets.items():
        runs = text_runs(ticket, width)
        for a in runs:
            for b in runs:
                if a is not b and a.y == b.y and a.x < b.x:
                    assert a.x + raster._measure(a.text, a.size) <= b.x + 0.5, (kind, a, b)


def test_every_ticket_shows_the_halls_address_and_hotline(tickets: dict[str, Ticket]) -> None:
    for kind, ticket in tickets.items():
        shown = fields(ticket)
        assert shown["地址"] == hall().address and shown["服务热线"] == hall().hotline, kind


def test_the_referral_slip_has_the_employers_phone_only_when_known(
        samples: Samples, catalogue: Catalogue, clock: FixedClock) -> None:
    issuer = Issuer(hall(), clock.now().astimezone(ZoneInfo(hall().timezone)))
    slip = layouts.referral_ticket(samples.referral, samples.job, employer_name="",
                                   worker=None, catalogue=catalogue, issuer=issuer)
    assert "联系电话" not in fields(slip) and fields(slip)["用工单位"] == "—"


def test_the_self_post_receipt_says_what_happens_next_and_when_the_counter_opens(
        tickets: dict[str, Ticket]) -> None:
    ticket = tickets["self_post"]
    shown = fields(ticket)
    assert Heading("受理号 ZG20261123-001") in ticket.blocks
    assert shown["招聘人数"] == "3"
    assert shown["用工单位"] == "李先生 · 139****0066"
    text = "".join(ticket.texts())
    assert "审核" in text and "2026-11-23 08:30" in text  # 08:00 in the hall: not open yet
