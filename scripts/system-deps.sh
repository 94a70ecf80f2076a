#!/usr/bin/env bash
# Installs the Debian packages the app and its tests need, only those missing.
# Usage: scripts/system-deps.sh test|run|screens|bundle   (chromium only in screens: no test needs it)
# Qt wheels from PyPI bring Qt itself but not the system libraries it links to;
# poppler-utils renders PDFs in tests; a CJK font keeps Chinese text from showing as boxes;
# the Connect server's tests start a throwaway PostgreSQL (initdb, pg_ctl) from Debian's postgresql.
set -euo pipefail
want=(libegl1 libgl1 libopengl0 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0
      fonts-wqy-microhei fonts-dejavu-core poppler-utils)
case "${1:-test}" in
  test)
    want+=(postgresql)
    ;;
  run|screens|bundle)
    want+=(libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xkb1
           libxkbcommon-x11-0 libxcb-render-util0 libxcb-image0 libxcb-randr0)
    # screens: Xvfb for the window's screenshots, headless Chromium for the Connect web view's
    [ "${1}" = screens ] && want+=(xvfb chromium)
    # bundle: PyInstaller reads and writes ELF files with binutils (objdump, objcopy)
    [ "${1}" = bundle ] && want+=(binutils)
    ;;
esac
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then SUDO=sudo; else
    echo "Missing Debian packages: ${missing[*]}. Install them with: sudo apt-get install ${missing[*]}" >&2
    exit 0
  fi
else SUDO=; fi
echo "Installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
