#!/usr/bin/env bash
# The shared libraries Qt needs to start (offscreen or on X11), on Debian/Ubuntu.
# Installs only what is missing, and only where apt-get can run; elsewhere it says
# what to install and carries on (pip's Qt wheels need them at run time, not to install).
set -euo pipefail
packages=(libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 fonts-dejavu-core)
# --build: also what a real X11 window needs (bundled into the installer, and used by
# the installer test under Xvfb): without libxcb-icccm4/keysyms1 the frozen app dies
# with a misleading "xcb-cursor0" message.
if [ "${1:-}" = "--build" ]; then
  packages+=(libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
             libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxkbcommon-x11-0 xvfb xdotool imagemagick bc)
fi
command -v dpkg-query >/dev/null 2>&1 || exit 0
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
else
  echo "note: Qt needs these system packages: ${missing[*]} (sudo apt-get install ${missing[*]})" >&2
fi
