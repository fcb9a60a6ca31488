#!/usr/bin/env bash
# The shared libraries Qt needs to start (offscreen or on X11), on Debian/Ubuntu.
# Installs only what is missing, and only where apt-get can run; elsewhere it says
# what to install and carries on (pip's Qt wheels need them at run time, not to install).
set -euo pipefail
packages=(libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 fonts-dejavu-core)
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
