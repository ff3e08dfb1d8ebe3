#!/usr/bin/env bash
# Build the Debian 12 package linggong-kiosk_<version>_<arch>.deb:
#   /opt/linggong-kiosk           a Python venv (Debian's python3) with the project's wheel
#                                 and its dependencies; /usr/bin/kiosk and kiosk-hub wrappers
#   /lib/systemd/system           kiosk@.service, kiosk-sync, kiosk-screen-hours.{service,timer},
#                                 kiosk-hub, kiosk-hub-worker@.service
#   /lib/udev/rules.d             USB ESC/POS printers, scanners, backlight and DDC/CI access
#   /usr/lib/linggong-kiosk       kiosk-session (cage), kiosk-screen (screen hours)
#   /etc                          default settings, the PAM service cage's session uses
# The postinst creates the `kiosk` and `kiosk-hub` system users and a working configuration.
#
#   packaging/build-deb.sh [--out DIR] [--wheel FILE] [--python /usr/bin/python3]
#                          [--compression zstd|xz|gzip|none] [--no-trim] [--keep-stage DIR]
#
# --wheel: use an already-built wheel instead of building one from the checkout.
# --no-trim: keep Qt WebEngine (about 250 MB the kiosk never loads).
# Needs: dpkg-deb, a Python >= 3.11 with venv (Debian's /usr/bin/python3: the venv points at
# it, so build on Debian 12), pip >= 22.3 (the project's .venv has one), and PyPI for the
# dependencies (pip's cache serves them when it can).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PKG="$ROOT/packaging"
NAME=linggong-kiosk
PREFIX=/opt/linggong-kiosk

OUT="$ROOT/dist"
WHEEL=""
PYTHON=/usr/bin/python3
COMPRESSION=zstd
TRIM=1
KEEP=""
while (($#)); do
    case "$1" in
        --out) OUT="$2"; shift 2 ;;
        --wheel) WHEEL="$2"; shift 2 ;;
        --python) PYTHON="$2"; shift 2 ;;
        --compression) COMPRESSION="$2"; shift 2 ;;
        --no-trim) TRIM=0; shift ;;
        --keep-stage) KEEP="$2"; shift 2 ;;
        -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "build-deb: unknown argument: $1 (try --help)" >&2; exit 2 ;;
    esac
done

say() { printf 'build-deb: %s\n' "$*"; }
die() { printf 'build-deb: error: %s\n' "$*" >&2; exit 1; }

command -v dpkg-deb >/dev/null || die "dpkg-deb not found (Debian package dpkg)"
[[ -x "$PYTHON" ]] || die "$PYTHON not found: the venv is made with Debian's python3"
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
    || die "$PYTHON is older than 3.11"
PYVER=$("$PYTHON" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
if [[ -x "$ROOT/.venv/bin/pip" ]]; then
    PIP=("$ROOT/.venv/bin/pip")
else
    PIP=(python3 -m pip)
fi
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1

VERSION=$("$PYTHON" -c 'import sys, tomllib; print(tomllib.load(open(sys.argv[1], "rb"))["project"]["version"])' "$ROOT/pyproject.toml")
ARCH=$(dpkg --print-architecture)
START=$(date +%s)

WORK=$(mktemp -d "${TMPDIR:-/tmp}/build-deb.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
STAGE="$WORK/root"
VENV="$STAGE$PREFIX"

# -- the wheel --------------------------------------------------------------------------------
if [[ -z "$WHEEL" ]]; then
    say "building the wheel from the checkout"
    SRC="$WORK/src"
    mkdir -p "$SRC"
    if git -C "$ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
        # the tracked files as they are in the work tree (no .venv, caches, demo data)
        git -C "$ROOT" ls-files -z | (cd "$ROOT" && xargs -0 cp --parents -t "$SRC" 2>/dev/null || true)
    else
        tar -C "$ROOT" --exclude=.venv --exclude=.git --exclude=dist --exclude=build \
            --exclude=demo-data -cf - . | tar -C "$SRC" -xf -
    fi
    "${PIP[@]}" wheel --no-deps -q -w "$WORK/dist" "$SRC" >"$WORK/wheel.log" 2>&1 \
        || { tail -n 40 "$WORK/wheel.log" >&2; die "building the wheel failed"; }
    WHEEL=$(ls "$WORK"/dist/*.whl)
fi
[[ -f "$WHEEL" ]] || die "no wheel: $WHEEL"

# -- the venv in /opt -------------------------------------------------------------------------
say "venv $PREFIX with $("$PYTHON" -V 2>&1) and $(basename "$WHEEL")"
"$PYTHON" -m venv --without-pip "$VENV"
"${PIP[@]}" --python "$VENV/bin/python" install -q --no-compile --no-warn-script-location \
    "$WHEEL" >"$WORK/pip.log" 2>&1 \
    || { tail -n 40 "$WORK/pip.log" >&2; die "pip install into the venv failed"; }
SITE="$VENV/lib/python$PYVER/site-packages"

if ((TRIM)); then
    # Qt WebEngine (a browser engine, with PySide6-Addons) and the C++ headers for building
    # bindings: the kiosk never loads them.
    rm -rf "$SITE"/PySide6/Qt/lib/libQt6WebEngine* "$SITE"/PySide6/QtWebEngine* \
        "$SITE"/PySide6/Qt/libexec/QtWebEngineProcess "$SITE"/PySide6/Qt/resources \
        "$SITE"/PySide6/Qt/translations/qtwebengine_locales "$SITE"/PySide6/Qt/qml/QtWebEngine \
        "$SITE"/PySide6/include "$SITE"/PySide6/typesystems "$SITE"/PySide6/glue
fi
find "$VENV" -depth -type d -name __pycache__ -exec rm -rf {} +

# The venv was made in the staging folder: point its scripts (shebangs, activate) and
# pyvenv.cfg at its installed place.
grep -rIl --null "$VENV" "$VENV/bin" "$VENV/pyvenv.cfg" | xargs -0 -r sed -i "s|$VENV|$PREFIX|g"
if grep -rIlq "$STAGE" "$VENV/bin" "$VENV/pyvenv.cfg"; then
    die "the staging path is still written in: $(grep -rIl "$STAGE" "$VENV/bin" "$VENV/pyvenv.cfg")"
fi
date -u +%F >"$VENV/BUILD_DATE"  # `kiosk doctor`: the clock cannot be before this

# The modules the windows need load from the staged venv (a trim went too far otherwise).
QT_QPA_PLATFORM=offscreen "$VENV/bin/python" -c \
    'import PySide6.QtWidgets, PySide6.QtSvg, PySide6.QtPrintSupport, PySide6.QtMultimedia' \
    >"$WORK/qt.log" 2>&1 \
    || { cat "$WORK/qt.log" >&2; die "the staged venv cannot import the Qt modules the kiosk uses"; }

# -- the rest of the files --------------------------------------------------------------------
install -d "$STAGE/usr/bin" "$STAGE/usr/lib/$NAME" "$STAGE/lib/systemd/system" \
    "$STAGE/lib/udev/rules.d" "$STAGE/etc/default" "$STAGE/etc/pam.d" \
    "$STAGE/usr/lib/modules-load.d" "$STAGE/usr/share/doc/$NAME" "$STAGE/DEBIAN"
install -m 0755 "$PKG/bin/kiosk" "$PKG/bin/kiosk-hub" "$STAGE/usr/bin/"
install -m 0755 "$PKG/bin/kiosk-session" "$PKG/bin/kiosk-screen" "$STAGE/usr/lib/$NAME/"
install -m 0644 "$PKG"/systemd/* "$STAGE/lib/systemd/system/"
install -m 0644 "$PKG/udev/60-linggong-kiosk.rules" "$STAGE/lib/udev/rules.d/"
install -m 0644 "$PKG/etc/default-linggong-kiosk" "$STAGE/etc/default/linggong-kiosk"
install -m 0644 "$PKG/etc/default-linggong-kiosk-hub" "$STAGE/etc/default/linggong-kiosk-hub"
install -m 0644 "$PKG/etc/pam-kiosk-cage" "$STAGE/etc/pam.d/kiosk-cage"
install -m 0644 "$PKG/etc/modules-load-linggong-kiosk.conf" \
    "$STAGE/usr/lib/modules-load.d/linggong-kiosk.conf"
install -m 0644 "$ROOT/README.md" "$STAGE/usr/share/doc/$NAME/README.md"
install -m 0644 "$PKG/README.md" "$STAGE/usr/share/doc/$NAME/packaging.md"
install -m 0644 "$ROOT/docs/hub-deployment.md" "$STAGE/usr/share/doc/$NAME/"
printf 'linggong-kiosk is licensed under the Apache License 2.0:\n/usr/share/common-licenses/Apache-2.0\n' \
    >"$STAGE/usr/share/doc/$NAME/copyright"

install -m 0755 "$PKG/debian/postinst" "$PKG/debian/prerm" "$PKG/debian/postrm" "$STAGE/DEBIAN/"
printf '%s\n' /etc/default/linggong-kiosk /etc/default/linggong-kiosk-hub /etc/pam.d/kiosk-cage \
    >"$STAGE/DEBIAN/conffiles"
SIZE=$(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)
sed -e "s/@VERSION@/$VERSION/" -e "s/@ARCH@/$ARCH/" -e "s/@SIZE@/$SIZE/" \
    "$PKG/debian/control.in" >"$STAGE/DEBIAN/control"

# -- the .deb ---------------------------------------------------------------------------------
mkdir -p "$OUT"
DEB="$OUT/${NAME}_${VERSION}_${ARCH}.deb"
case "$COMPRESSION" in
    zstd) ZARGS=(-Zzstd -z6) ;;  # dpkg >= 1.21.18 (Debian 12) installs zstd members
    xz) ZARGS=(-Zxz) ;;
    gzip) ZARGS=(-Zgzip -z6) ;;
    none) ZARGS=(-Znone) ;;
    *) die "unknown compression: $COMPRESSION" ;;
esac
dpkg-deb --root-owner-group "${ZARGS[@]}" --build "$STAGE" "$DEB" >/dev/null
if [[ -n "$KEEP" ]]; then
    rm -rf "$KEEP" && mkdir -p "$(dirname "$KEEP")" && cp -a "$STAGE" "$KEEP"
fi
say "$DEB: $(du -h "$DEB" | cut -f1), installed $((SIZE / 1024)) MB, $(($(date +%s) - START)) s"
echo "$DEB"
