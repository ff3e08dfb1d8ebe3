"""`kiosk staff add|list|set-pin`: PINs come from stdin or a prompt, never an argument."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from kiosk.app import open_app
from kiosk.core.errors import Err, Ok
from kiosk.services.staff import StaffAccounts
from kiosk.system.config import Paths

KIOSK = [sys.executable, "-c", "import sys; from kiosk.cli import main; sys.exit(main())"]


def kiosk(data: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([*KIOSK, "--data-dir", str(data), *args], input=stdin,
                          capture_output=True, text=True, timeout=60, check=False)


def test_add_list_and_set_pin(tmp_path: Path) -> None:
    data = tmp_path / "hall"
    assert kiosk(data, "init").returncode == 0
    added = kiosk(data, "staff", "add", "s001", "--name", "王芳", "--role", "supervisor",
                  "--pin-stdin", stdin="258036\n")
    assert added.returncode == 0, added.stderr
    assert "258036" not in added.stdout
    listed = json.loads(kiosk(data, "staff", "list", "--json").stdout)
    assert [(r["id"], r["name"], r["role"]) for r in listed] == [("S001", "王芳", "supervisor")]
    assert kiosk(data, "staff", "set-pin", "S001", "--pin-stdin",
                 stdin="730519\n").returncode == 0
    app = open_app(Paths.resolve(data))
    try:
        accounts = StaffAccounts(app.services)
        assert isinstance(accounts.sign_in("S001", "730519"), Ok)
        assert isinstance(accounts.sign_in("S001", "258036"), Err)
    finally:
        app.close()


def test_bad_input_is_refused_and_nothing_is_stored(tmp_path: Path) -> None:
    data = tmp_path / "hall"
    assert kiosk(data, "init").returncode == 0
    weak = kiosk(data, "staff", "add", "S001", "--name", "王芳", "--pin-stdin",
                 stdin="123456\n")
    assert weak.returncode == 2 and "太简单" in weak.stderr + weak.stdout
    assert json.loads(kiosk(data, "staff", "list", "--json").stdout) == []
    missing = kiosk(data, "staff", "set-pin", "S404", "--pin-stdin", stdin="730519\n")
    assert missing.returncode == 2
