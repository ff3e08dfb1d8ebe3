"""`kiosk report daily|monthly` on a real data directory: JSON, text, PDF and CSV files."""

from __future__ import annotations

import csv
import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from kiosk.cli import EXIT_BAD_INPUT, EXIT_OK, main
from tests.conftest import id_number

HALL_NAME = "济南市槐荫区段店北路街道零工市场"


def run(capsys: pytest.CaptureFixture[str], data: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data), *args])
    out, err = capsys.readouterr()
    return code, out, err


def hall_today() -> str:
    return datetime.now(ZoneInfo("Asia/Shanghai")).date().isoformat()


@pytest.fixture
def data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    directory = tmp_path / "hall"
    assert run(capsys, directory, "init")[0] == EXIT_OK
    for seq, trade in ((123, "瓦工"), (224, "保洁")):
        code, _, err = run(capsys, directory, "worker", "add", "--name", "张建国",
                           "--id-number", id_number(seq=seq), "--phone", "13805311234",
                           "--trade", trade, "--consent")
        assert code == EXIT_OK, err
    return directory


def test_daily_report_as_json_with_pdf_and_csv_files(
        data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_dir = tmp_path / "out"
    code, out, err = run(capsys, data, "report", "daily", "--json",
                         "--pdf", str(out_dir / "daily.pdf"), "--csv", str(out_dir / "d.csv"),
                         "--trades-csv", str(out_dir / "t.csv"),
                         "--directory-csv", str(out_dir / "dir.csv"))
    assert code == EXIT_OK, err
    report = json.loads(out)
    assert report["kind"] == "daily" and report["period"]["first"] == hall_today()
    assert report["totals"]["registrations"] == 2
    assert report["directory"]["seekers"] == 2 and report["directory"]["nature"]
    assert {r["trade"] for r in report["trades"]} == {"C01", "S01"}
    assert set(report["files"]) == {"pdf", "csv", "trades_csv", "directory_csv"}
    text = "".join(PdfReader(out_dir / "daily.pdf").pages[0].extract_text().split())
    assert HALL_NAME in text and "日报" in text
    with (out_dir / "d.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][0] == "日期" and rows[1][0] == hall_today() and rows[1][3] == "2"
    assert (out_dir / "dir.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_monthly_report_text_in_english(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    month = hall_today()[:7]
    code, out, _ = run(capsys, data, "--lang", "en", "report", "monthly", "--month", month)
    assert code == EXIT_OK
    assert out.startswith(f"{HALL_NAME} Monthly report {month}-01 – ")
    assert "  New registrations: 2" in out and "  Hires: 0" in out
    code, out, _ = run(capsys, data, "report", "monthly", "--month", month, "--json")
    report = json.loads(out)
    assert report["period"]["first"] == f"{month}-01" and len(report["days"]) >= 28


@pytest.mark.parametrize("month", ["2026-13", "2026", "26-11", "november"])
def test_a_bad_month_is_refused(data: Path, capsys: pytest.CaptureFixture[str],
                                month: str) -> None:
    code, _, err = run(capsys, data, "report", "monthly", "--month", month)
    assert code == EXIT_BAD_INPUT and "YYYY-MM" in err


def test_a_bad_date_is_refused(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        run(capsys, data, "report", "daily", "--date", "2026-02-30")
    assert exit_.value.code == 2
