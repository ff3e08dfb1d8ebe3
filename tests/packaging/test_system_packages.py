"""Every system library the kiosk's Qt parts load comes from a package bootstrap installs.

A green run on a machine that already has a library proves nothing about a bare Debian 12:
so for every Qt library and plugin the kiosk loads (started offscreen by qt_loaded.py, plus
the X platform plugin a hall's screen uses), `ldd` must resolve every dependency, and
`dpkg -S` must name a package that scripts/bootstrap.sh installs or one of their
dependencies. A library missing from bootstrap's list fails here, not only on a bare machine.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROBE = Path(__file__).with_name("qt_loaded.py")
# The X platform plugin and its GL integrations: not loaded offscreen, used on a hall screen.
X_PLUGINS = ("plugins/platforms/libqxcb.so", "plugins/xcbglintegrations")

pytestmark = pytest.mark.skipif(shutil.which("dpkg-query") is None,
                                reason="the package list is for Debian (no dpkg here)")


@cache
def qt_root() -> Path:
    import PySide6

    return Path(PySide6.__file__).parent


@cache
def loaded_qt_objects() -> tuple[Path, ...]:
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, str(PROBE)], capture_output=True, text=True,
                         env=env, timeout=120, check=True, cwd=ROOT).stdout
    found = [Path(line) for line in out.splitlines() if line.strip()]
    for name in X_PLUGINS:
        path = qt_root() / "Qt" / name
        found += sorted(path.glob("*.so")) if path.is_dir() else [path]
    return tuple(found)


@cache
def ldd(path: Path) -> dict[str, str | None]:
    """Each dependency's name and where it resolves (None: not found)."""
    out = subprocess.run(["ldd", str(path)], capture_output=True, text=True, check=False).stdout
    deps: dict[str, str | None] = {}
    for line in out.splitlines():
        match = re.match(r"\s*(\S+) => (not found|(\S+))", line)
        if match:
            deps[match.group(1)] = None if match.group(2) == "not found" else match.group(3)
    return deps


def system_libraries() -> dict[str, set[str]]:
    """Each resolved library outside PySide6, with the Qt objects that need it."""
    needed: dict[str, set[str]] = {}
    for obj in loaded_qt_objects():
        for where in ldd(obj).values():
            if where is not None and not where.startswith(str(qt_root())):
                needed.setdefault(where, set()).add(obj.name)
    return needed


@cache
def owners() -> dict[str, str]:
    """The package that ships each system library (by its path, /lib or /usr/lib alike)."""
    spellings: dict[str, str] = {}
    for path in system_libraries():
        for variant in _spellings(path):
            spellings[variant] = path
    done = subprocess.run(["dpkg", "-S", *sorted(spellings)], capture_output=True, text=True,
                          check=False)  # exit 1 when any spelling is unknown
    found: dict[str, str] = {}
    for line in done.stdout.splitlines():
        package, _, shipped = line.partition(": ")
        if shipped in spellings:
            found[spellings[shipped]] = package.split(":")[0].split(",")[0].strip()
    return found


def _spellings(path: str) -> set[str]:
    names = {path, os.path.realpath(path)}
    return names | {n.replace("/usr/lib/", "/lib/", 1) for n in names} | {
        "/usr" + n for n in names if n.startswith("/lib/")}


def bootstrap_packages() -> list[str]:
    out = subprocess.run(["bash", str(ROOT / "scripts/bootstrap.sh"), "--list-packages"],
                         capture_output=True, text=True, check=True).stdout
    return out.split()


@cache
def _dependency_table() -> dict[str, list[str]]:
    out = subprocess.run(["dpkg-query", "-W", "-f=${Package}\t${Depends}, ${Pre-Depends}\n"],
                         capture_output=True, text=True, check=True).stdout
    table: dict[str, list[str]] = {}
    for line in out.splitlines():
        package, _, depends = line.partition("\t")
        names = re.findall(r"(?:^|[,|]\s*)([a-z0-9][a-z0-9+.-]+)", depends)
        table.setdefault(package, []).extend(n.split(":")[0] for n in names)
    return table


def installed_closure(roots: list[str]) -> set[str]:
    """The packages and every package they depend on (installed ones; alternatives too)."""
    table = _dependency_table()
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo += table.get(name, [])
    return seen


def test_the_probe_loads_the_qt_parts_the_kiosk_uses() -> None:
    names = {p.name for p in loaded_qt_objects()}
    for part in ("libQt6Widgets.so.6", "libQt6Svg.so.6", "libQt6Multimedia.so.6",
                 "libffmpegmediaplugin.so", "libqoffscreen.so", "libqxcb.so"):
        assert part in names


def test_every_qt_dependency_resolves() -> None:
    unresolved = {f"{name} (needed by {obj.name})" for obj in loaded_qt_objects()
                  for name, where in ldd(obj).items() if where is None}
    assert not unresolved, f"libraries that do not resolve (add their package): {unresolved}"


def test_every_system_library_comes_from_a_package_bootstrap_installs() -> None:
    closure = installed_closure(bootstrap_packages())
    unlisted = {f"{path} ({owners().get(path)})": users
                for path, users in system_libraries().items()
                if owners().get(path) not in closure}
    assert not unlisted, f"libraries from packages bootstrap does not install: {unlisted}"


def test_removing_a_package_from_the_list_is_noticed() -> None:
    """The guard can fail: without libpulse0 in the list, PulseAudio's client is unlisted."""
    pulse = next(path for path in system_libraries() if "/libpulse.so" in path)
    assert owners()[pulse] == "libpulse0"
    assert "libpulse0" not in installed_closure(
        [p for p in bootstrap_packages() if p != "libpulse0"])


# -- handwriting: a library loaded by ctypes and a model file, not through Qt -------------

def _handwriting_files() -> dict[str, str]:
    """The recogniser's shared library (as the process mapped it) and its model file."""
    probe = (
        "from kiosk.system.handwriting import Recogniser, open_recogniser\n"
        "r = open_recogniser()\n"
        "assert isinstance(r, Recogniser), r\n"
        "print(r.model)\n"
        "print(next(line.split()[-1] for line in open('/proc/self/maps')"
        " if 'libzinnia' in line))\n")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         timeout=60, check=True, cwd=ROOT).stdout.split()
    return {"model": out[0], "library": out[1]}


def _package_of(path: str) -> str | None:
    for spelling in sorted(_spellings(path)):
        done = subprocess.run(["dpkg", "-S", spelling], capture_output=True, text=True,
                              check=False)
        if done.returncode == 0:
            return done.stdout.split(":")[0].strip()
    return None


def test_the_handwriting_library_and_model_come_from_packages_bootstrap_installs() -> None:
    closure = installed_closure(bootstrap_packages())
    owners_ = {what: _package_of(path) for what, path in _handwriting_files().items()}
    assert owners_ == {"library": "libzinnia0", "model": "tegaki-zinnia-simplified-chinese"}
    assert set(owners_.values()) <= closure


def test_removing_the_handwriting_model_from_the_list_is_noticed() -> None:
    rest = [p for p in bootstrap_packages() if p != "tegaki-zinnia-simplified-chinese"]
    assert "tegaki-zinnia-simplified-chinese" not in installed_closure(rest)
