"""packaging/build-deb.sh builds the Debian package, and what it holds is checked: control
fields and maintainer scripts (`dpkg-deb -I/-f`), the file list (`dpkg-deb -c`), systemd
units (`systemd-analyze verify` against the extracted tree), shell scripts (`sh -n`,
shellcheck), udev rules, and the extracted venv itself: `kiosk --version`, `kiosk init`,
`kiosk doctor` (the font really draws Chinese), `kiosk-hub --help` and the Qt windows'
modules, run with Debian's python3 as the installed package would.

The build is real (a wheel of this checkout, its dependencies from PyPI or pip's cache, a
venv, dpkg-deb): about 40 s, once for the module.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
PREFIX = "opt/linggong-kiosk"
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
# Qt's system libraries (DESIGN.md "Conventions") the installed kiosk needs, and the font.
REQUIRED_DEPENDS = ("python3", "fonts-wqy-microhei", "libgl1", "libegl1", "libfontconfig1",
                    "libglib2.0-0", "libxkbcommon0", "libdbus-1-3", "libpulse0", "libusb-1.0-0",
                    "libwayland-client0", "adduser")
UNITS = ("kiosk@.service", "kiosk-sync.service", "kiosk-hub.service",
         "kiosk-hub-migrate.service", "kiosk-hub-worker@.service", "kiosk-screen-hours.service",
         "kiosk-screen-hours.timer", "kiosk-hub-lookups-purge.service",
         "kiosk-hub-lookups-purge.timer")
SCRIPTS = ("usr/bin/kiosk", "usr/bin/kiosk-hub", "usr/lib/linggong-kiosk/kiosk-session",
           "usr/lib/linggong-kiosk/kiosk-screen")
DEBIAN_PYTHON = Path("/usr/bin/python3")


@dataclass(frozen=True)
class Built:
    deb: Path
    tree: Path  # the package extracted (dpkg-deb -x)
    seconds: float

    @property
    def python(self) -> Path:
        return self.tree / PREFIX / "bin" / "python"

    def run(self, *args: str, env: dict[str, str] | None = None,
            ) -> subprocess.CompletedProcess[str]:
        """A console script of the extracted venv, run by the venv's interpreter."""
        script, *rest = args
        return subprocess.run([str(self.python), str(self.tree / PREFIX / "bin" / script),
                               *rest], capture_output=True, text=True, timeout=120,
                              env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})},
                              check=False)


def dpkg_deb(*args: str) -> str:
    return subprocess.run(["dpkg-deb", *args], capture_output=True, text=True, check=True,
                          timeout=120).stdout


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    if not DEBIAN_PYTHON.exists():
        pytest.fail("Debian's /usr/bin/python3 is missing: run scripts/bootstrap.sh")
    out = tmp_path_factory.mktemp("deb")
    import time

    started = time.monotonic()
    result = subprocess.run(["bash", str(PACKAGING / "build-deb.sh"), "--out", str(out)],
                            capture_output=True, text=True, timeout=900, check=False,
                            env={**os.environ, "TMPDIR": str(out)})
    seconds = time.monotonic() - started
    assert result.returncode == 0, result.stdout + result.stderr
    deb = Path(result.stdout.strip().splitlines()[-1])
    assert deb == out / f"linggong-kiosk_{VERSION}_{dpkg_arch()}.deb" and deb.is_file()
    tree = out / "tree"
    dpkg_deb("-x", str(deb), str(tree))
    print(f"\n{deb.name}: {deb.stat().st_size / 1024**2:.0f} MiB in {seconds:.0f} s")
    yield Built(deb, tree, seconds)
    shutil.rmtree(out, ignore_errors=True)


def dpkg_arch() -> str:
    return subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True,
                          check=True).stdout.strip()


# -- control ---------------------------------------------------------------------------------

def test_control_fields(built: Built) -> None:
    fields = {name: dpkg_deb("-f", str(built.deb), name).strip()
              for name in ("Package", "Version", "Architecture", "Depends", "Recommends",
                           "Installed-Size", "Maintainer", "Description")}
    assert fields["Package"] == "linggong-kiosk"
    assert fields["Version"] == VERSION and fields["Architecture"] == dpkg_arch()
    depends = {d.strip().split(" ")[0] for d in fields["Depends"].split(",")}
    assert set(REQUIRED_DEPENDS) <= depends, depends
    assert "python3 (<< 3.12)" in fields["Depends"]  # the venv is tied to Python 3.11
    assert "cage" in fields["Recommends"]
    assert int(fields["Installed-Size"]) > 100_000  # KiB: the venv with Qt
    info = dpkg_deb("-I", str(built.deb))
    for script in ("postinst", "prerm", "postrm", "conffiles", "control"):
        assert re.search(rf"\s{script}\s", info), info


def test_maintainer_scripts(built: Built, tmp_path: Path) -> None:
    control = tmp_path / "control"
    dpkg_deb("-e", str(built.deb), str(control))
    postinst = (control / "postinst").read_text("utf-8")
    assert "adduser --system --group --home \"$DATA\"" in postinst and " kiosk " in postinst
    assert 'adduser kiosk "$group"' in postinst and "i2c" in postinst
    assert "kiosk\" init" in postinst and "compileall" in postinst
    assert "udevadm control --reload-rules" in postinst and "daemon-reload" in postinst
    for script in ("postinst", "prerm", "postrm"):
        path = control / script
        assert path.stat().st_mode & 0o755 == 0o755
        subprocess.run(["sh", "-n", str(path)], check=True)
    assert (control / "conffiles").read_text().split() == [
        "/etc/default/linggong-kiosk", "/etc/default/linggong-kiosk-hub", "/etc/pam.d/kiosk-cage"]


# -- files -----------------------------------------------------------------------------------

def test_file_list(built: Built) -> None:
    listing = dpkg_deb("-c", str(built.deb)).splitlines()
    owners = {line.split()[1] for line in listing}
    assert owners == {"root/root"}
    paths = {line.split()[-1] if " -> " not in line else line.split(" -> ")[0].split()[-1]
             for line in listing}
    expected = {f"./{PREFIX}/bin/kiosk", f"./{PREFIX}/bin/kiosk-hub", f"./{PREFIX}/bin/python",
                f"./{PREFIX}/BUILD_DATE", f"./{PREFIX}/pyvenv.cfg",
                "./lib/udev/rules.d/60-linggong-kiosk.rules", "./etc/pam.d/kiosk-cage",
                "./etc/default/linggong-kiosk", "./etc/default/linggong-kiosk-hub",
                "./usr/lib/modules-load.d/linggong-kiosk.conf",
                "./usr/share/doc/linggong-kiosk/hub-deployment.md",
                "./usr/share/doc/linggong-kiosk/README.md",
                "./usr/share/doc/linggong-kiosk/copyright",
                *(f"./lib/systemd/system/{unit}" for unit in UNITS),
                *(f"./{script}" for script in SCRIPTS)}
    assert expected <= paths, sorted(expected - paths)
    assert not [p for p in paths if "__pycache__" in p]
    assert not [p for p in paths if "WebEngine" in p]  # trimmed: the kiosk never loads it
    for script in SCRIPTS:
        assert os.access(built.tree / script, os.X_OK), script


def test_the_venv_points_at_its_installed_place(built: Built) -> None:
    venv = built.tree / PREFIX
    assert os.readlink(venv / "bin" / "python") == "python3"
    assert os.readlink(venv / "bin" / "python3") == str(DEBIAN_PYTHON)
    config = (venv / "pyvenv.cfg").read_text()
    assert "home = /usr/bin" in config and "build-deb" not in config
    for script in (venv / "bin").iterdir():
        if script.is_file() and not script.is_symlink():
            text = script.read_bytes()
            assert b"build-deb" not in text, script
    assert (venv / "bin" / "kiosk").read_text().startswith(f"#!/{PREFIX}/bin/python\n")


def tracked_packages() -> list[Path]:
    """The package folders of the checkout, as the build takes them (tracked files)."""
    listed = subprocess.run(["git", "-C", str(ROOT), "ls-files", "--", "kiosk", "sync",
                             "printers"], capture_output=True, text=True, check=False)
    files = ([Path(line) for line in listed.stdout.splitlines()] if listed.returncode == 0
             else [p.relative_to(ROOT) for p in ROOT.glob("*/**/__init__.py")])
    return sorted(f.parent for f in files if f.name == "__init__.py")


def test_every_package_and_asset_is_installed(built: Built) -> None:
    site = next((built.tree / PREFIX / "lib").glob("python3.*/site-packages"))
    for relative in tracked_packages():
        assert (site / relative / "__init__.py").is_file(), (
            f"{relative} is not in the wheel: add it to [tool.setuptools] packages")
    assets = [p for p in (ROOT / "assets").rglob("*") if p.is_file()
              and p.suffix in (".json", ".po", ".wav", ".svg") and p.name != "index.json"]
    assert len(assets) > 50
    for asset in assets:
        assert (site / "kiosk_assets" / asset.relative_to(ROOT / "assets")).is_file(), asset


# -- what runs -------------------------------------------------------------------------------

def test_the_installed_commands_run(built: Built, tmp_path: Path) -> None:
    version = built.run("kiosk", "--version")
    assert (version.returncode, version.stdout.strip()) == (0, f"kiosk {VERSION}"), version
    hub = built.run("kiosk-hub", "--help")
    assert hub.returncode == 0 and "serve" in hub.stdout, hub.stderr
    data = tmp_path / "hall"
    assert built.run("kiosk", "--data-dir", str(data), "init").returncode == 0
    doctor = built.run("kiosk", "--data-dir", str(data), "doctor", "--json")
    report = json.loads(doctor.stdout)
    statuses = {c["check"]: c["status"] for c in report["checks"]}
    assert doctor.returncode == 0 and report["ok"], doctor.stdout + doctor.stderr
    assert statuses["fonts"] == statuses["database"] == statuses["config"] == "ok"
    windows = subprocess.run(
        [str(built.python), "-c", "import kiosk.ui.launch, PySide6.QtMultimedia; print('ok')"],
        capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert windows.stdout.strip() == "ok", windows.stderr
    assert (built.tree / PREFIX / "BUILD_DATE").read_text().strip() >= "2026-01-01"


def test_systemd_units_verify(built: Built, tmp_path: Path) -> None:
    """systemd-analyze verify, with the package's tree as root (ExecStart binaries there)
    and the host's own units beside ours (targets, logind, dbus)."""
    systemd_analyze = shutil.which("systemd-analyze")
    assert systemd_analyze, "systemd-analyze is missing (Debian package systemd)"
    root = tmp_path / "root"
    shutil.copytree(built.tree, root, symlinks=True)
    units = root / "lib/systemd/system"
    for host_unit in Path("/lib/systemd/system").iterdir():
        if not (units / host_unit.name).exists() and host_unit.is_file():
            shutil.copy(host_unit, units / host_unit.name)
    names = [u.replace("@.", "@terminal.") if u.startswith("kiosk@") else
             u.replace("@.", "@8751.") for u in UNITS]
    result = subprocess.run([systemd_analyze, "verify", "--man=no", f"--root={root}",
                             *(f"/lib/systemd/system/{n}" for n in names)],
                            capture_output=True, text=True, timeout=120, check=False)
    assert (result.returncode, result.stderr) == (0, ""), result.stderr
    kiosk = (units / "kiosk@.service").read_text()
    for line in ("Type=notify", "NotifyAccess=all", "WatchdogSec=30", "Restart=always",
                 "StartLimitIntervalSec=0", "PAMName=kiosk-cage", "User=kiosk",
                 "ExecStart=/usr/lib/linggong-kiosk/kiosk-session %i",
                 "RestartPreventExitStatus=64", "Environment=KIOSK_BACKGROUND_SYNC=0"):
        assert f"\n{line}\n" in kiosk, line
    for unit in ("kiosk-sync.service", "kiosk-hub.service", "kiosk-hub-worker@.service"):
        assert "\nRestart=always\n" in (units / unit).read_text(), unit


def test_shell_scripts_pass_shellcheck(built: Built) -> None:
    shellcheck = shutil.which("shellcheck")
    assert shellcheck, "shellcheck is missing (Debian package shellcheck)"
    scripts = [str(built.tree / s) for s in SCRIPTS]
    result = subprocess.run([shellcheck, "-s", "sh", "-S", "warning", *scripts,
                             *(str(PACKAGING / "debian" / s) for s in ("postinst", "prerm",
                                                                       "postrm"))],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout
    result = subprocess.run([shellcheck, "-S", "warning", str(PACKAGING / "build-deb.sh")],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout


UDEV_TOKEN = re.compile(r'\s*([A-Z_]+(?:\{[A-Za-z0-9_]+\})?)\s*(==|!=|\+=|-=|:=|=)\s*"([^"]*)"\s*')


def test_udev_rules_parse_and_cover_common_printers() -> None:
    text = (PACKAGING / "udev/60-linggong-kiosk.rules").read_text()
    rules = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    assert len(rules) >= 8
    for rule in rules:
        tokens = rule.split(",")
        for token in tokens:
            assert UDEV_TOKEN.fullmatch(token), (rule, token)
        assert any("==" in t for t in tokens) and any(re.search(r"[^=!]=[^=]|\+=", t)
                                                      for t in tokens), rule
    for vendor in ("04b8", "0483", "1fc9", "0416", "0519"):
        assert vendor in text, vendor
    assert 'ENV{ID_USB_INTERFACES}=="*:0701??:*"' in text  # every USB printer-class device
    assert 'SYMLINK+="input/kiosk-scanner"' in text


def test_screen_hours_script_follows_the_config(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """packaging/bin/kiosk-screen with the real `kiosk screen` (this checkout's)."""
    from kiosk.cli import main

    data = tmp_path / "hall"
    assert main(["--data-dir", str(data), "init"]) == 0
    capsys.readouterr()
    env = {**os.environ, "KIOSK_BIN": str(Path(sys.executable).parent / "kiosk"),
           "KIOSK_DATA_DIR": str(data), "RUNTIME_DIRECTORY": str(tmp_path / "run")}
    env.pop("DISPLAY", None)

    def screen(mode: str) -> str:
        result = subprocess.run(["sh", str(PACKAGING / "bin/kiosk-screen"), mode],
                                capture_output=True, text=True, env=env, timeout=60,
                                check=False)
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()
    assert screen("auto").startswith("kiosk-screen: on via")
    assert screen("auto") == ""  # unchanged: nothing done
    hall = datetime.now(ZoneInfo("Asia/Shanghai"))
    config = data / "config.toml"
    config.write_text(config.read_text("utf-8").replace(
        'blank_from = ""', f'blank_from = "{hall - timedelta(hours=1):%H:%M}"').replace(
        'blank_until = ""', f'blank_until = "{hall + timedelta(hours=1):%H:%M}"'), "utf-8")
    assert main(["--data-dir", str(data), "screen"]) == 0
    assert capsys.readouterr().out.strip() == "off"
    assert screen("auto").startswith("kiosk-screen: off via")
    assert (tmp_path / "run" / "kiosk-screen.state").read_text().strip() == "off"
    assert screen("on").startswith("kiosk-screen: on via")
