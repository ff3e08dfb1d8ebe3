#!/usr/bin/env bash
# Set up everything this repo needs on Debian 12: system packages (only the missing ones),
# a Python >= 3.11 check, and .venv with the project installed editable with its test extras.
# Idempotent and quick when nothing changed.
#
#   bash scripts/bootstrap.sh            # do it
#   bash scripts/bootstrap.sh --dry-run  # only say what would be done
#   bash scripts/bootstrap.sh --list-packages  # the Debian packages it installs, one a line
set -euo pipefail

DRY_RUN=0
LIST_ONLY=0
for arg in "$@"; do
    case "$arg" in
        -n|--dry-run) DRY_RUN=1 ;;
        --list-packages) LIST_ONLY=1 ;;
        -h|--help)
            sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'
            exit 0 ;;
        *) echo "bootstrap: unknown argument: $arg (try --help)" >&2; exit 2 ;;
    esac
done

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

say() { printf 'bootstrap: %s\n' "$*"; }
die() { printf 'bootstrap: error: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- system packages
# Keep in step with "Conventions" in docs/architecture.md (tests/packaging guards this list).
# Never add imagemagick: it pulls in a CJK font and hides a missing-font bug.
PACKAGES=(
    # the one CJK font for screen, pillow and PDF (required)
    fonts-wqy-microhei
    # its fallback for rare characters in names (CJK extensions A-F, TrueType, free)
    fonts-hanazono
    # Qt offscreen
    libgl1 libegl1 libfontconfig1 libglib2.0-0 libxkbcommon0 libdbus-1-3
    # Qt on X / Xvfb
    xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
    libxcb-render-util0 libxkbcommon-x11-0 libxcb-shape0 libxcb-randr0 libxcb-xkb1
    libx11-xcb1
    # handwriting for names: the Zinnia recogniser and its Simplified Chinese model
    libzinnia0 tegaki-zinnia-simplified-chinese
    # QtMultimedia (voice prompts, camera frames): its FFmpeg backend links PulseAudio's client
    libpulse0
    # python-escpos over USB
    libusb-1.0-0 poppler-utils
    # throwaway PostgreSQL for the hub tests
    postgresql
    # the Makefile itself
    make
    # packaging/build-deb.sh and its test: the .deb's venv uses Debian's python3; the units
    # and scripts are checked with systemd-analyze and shellcheck
    python3 systemd shellcheck
)

if ((LIST_ONLY)); then
    printf '%s\n' "${PACKAGES[@]}"
    exit 0
fi

is_installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

command -v dpkg-query >/dev/null 2>&1 \
    || die "dpkg-query not found: this script expects Debian 12 (bookworm)."

missing=()
for pkg in "${PACKAGES[@]}"; do
    is_installed "$pkg" || missing+=("$pkg")
done

# Python: a bare Debian may lack python3 itself, or the venv/ensurepip part of it.
if ! command -v python3 >/dev/null 2>&1; then
    missing+=(python3 python3-venv)
elif ! python3 -m venv --help >/dev/null 2>&1 || ! python3 -c 'import ensurepip' >/dev/null 2>&1; then
    is_installed python3-venv && die "python3 has no working venv/ensurepip, yet python3-venv is installed; \
is '$(command -v python3)' the Debian python3? Fix it or put a Python >= 3.11 with venv first on PATH."
    missing+=(python3-venv)
fi

if ((${#missing[@]})); then
    if ((DRY_RUN)); then
        say "would apt-get update and install: ${missing[*]}"
    else
        if [[ $(id -u) -eq 0 ]]; then
            SUDO=()
        elif command -v sudo >/dev/null 2>&1; then
            SUDO=(sudo)
        else
            die "not root and no sudo: install these as root, then run again: ${missing[*]}"
        fi
        say "installing system packages: ${missing[*]}"
        "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
        "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
            apt-get install -y -q --no-install-recommends "${missing[@]}"
    fi
else
    say "system packages: all present"
fi

# ---------------------------------------------------------------- Python version
if command -v python3 >/dev/null 2>&1; then
    if ! python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
        die "Python >= 3.11 is required, but '$(command -v python3)' is $(python3 -V 2>&1). \
Put a newer python3 first on PATH (Debian 12's own python3 is 3.11)."
    fi
elif ((DRY_RUN)); then
    say "python3 is missing (would come with the packages above)"
else
    die "python3 still not found after installing packages"
fi

# ---------------------------------------------------------------- .venv
VENV="$ROOT/.venv"
PY="$VENV/bin/python"
STAMP="$VENV/.installed-$(sha256sum pyproject.toml | cut -c1-64)"
# What the Makefile runs; if any is gone, reinstall even when the stamp is there.
TOOLS=(ruff mypy lint-imports pytest kiosk)

venv_ok() {
    [[ -x "$PY" ]] \
        && "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1 \
        && "$PY" -m pip --version >/dev/null 2>&1
}

tools_ok() {
    local t
    for t in "${TOOLS[@]}"; do
        [[ -x "$VENV/bin/$t" ]] || return 1
    done
}

export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1

if ! venv_ok; then
    if ((DRY_RUN)); then
        say "would create .venv with $(command -v python3 || echo python3) and pip install -e '.[test]'"
        exit 0
    fi
    if [[ -e "$VENV" ]]; then
        say ".venv is broken or too old: recreating it"
        rm -rf "$VENV"
    fi
    say "creating .venv with $(python3 -V 2>&1)"
    python3 -m venv "$VENV"
fi

if [[ -e "$STAMP" ]] && tools_ok; then
    say ".venv: up to date with pyproject.toml"
    exit 0
fi

if ((DRY_RUN)); then
    say "would pip install -e '.[test]' into .venv (pyproject.toml changed or tools missing)"
    exit 0
fi

# pip -q still relays the build backend's warnings; keep them in a log and show it on failure.
LOG="$VENV/pip-install.log"
rm -f "$VENV"/.installed-*   # no stamp survives a failed install
say "installing the project into .venv (pip install -e '.[test]'; log in .venv/pip-install.log)"
if ! { "$PY" -m pip install -q --upgrade pip && "$PY" -m pip install -q -e '.[test]'; } >"$LOG" 2>&1; then
    tail -n 60 "$LOG" >&2
    die "pip install failed (whole log: $LOG)"
fi
tools_ok || die "pip finished but some of ${TOOLS[*]} are missing from .venv/bin"
touch "$STAMP"
say "done"
