#!/usr/bin/env bash
# Build the one-folder app with PyInstaller and pack it for sharing:
#   dist/BilateralTiesViewer/                                   the app folder
#   dist/BilateralTiesViewer-<version>-linux-<arch>.tar.gz      the archive to hand around
# The archive holds the app folder, install.sh and a .desktop entry (see packaging/).
# Fails if PyInstaller warns that a Qt platform library was not found.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}

bash scripts/system-deps.sh --build
"$PY" -m pip install --quiet "pyinstaller>=6.10"

version=$("$PY" -c "import timeline_app; print(timeline_app.__version__)")
arch=$(uname -m)
name=BilateralTiesViewer
log=build/pyinstaller.log
mkdir -p build
start=$(date +%s.%N)
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN build_installer.spec 2>&1 | tee "$log"
end=$(date +%s.%N)

# A missing Qt platform library builds fine and dies at start-up on the user's machine.
# (platformthemes/libqgtk3 needs GTK and is dropped by the spec: not a platform library.)
if grep -E "Library not found" "$log" | grep -E "plugins/platforms/|libxcb|libxkbcommon|libEGL|libGL|libQt6(Gui|XcbQpa|Core|Widgets)" ; then
  echo "build failed: a Qt platform library was not found (see above)" >&2
  exit 1
fi

staging=$(mktemp -d)
pkg="$staging/$name-$version"
mkdir -p "$pkg"
cp -a "dist/$name" "$pkg/"
cp packaging/linux/install.sh packaging/linux/bilateral-ties-viewer.desktop "$pkg/"
cp resources/icon.svg "$pkg/bilateral-ties-viewer.svg"
cp packaging/linux/README.txt "$pkg/README.txt"
archive="dist/$name-$version-linux-$arch.tar.gz"
tar -C "$staging" -czf "$archive" "$name-$version"
rm -rf "$staging"

printf 'build time: %.1f s\n' "$(echo "$end - $start" | bc)"
echo "app folder: dist/$name ($(du -sh "dist/$name" | cut -f1) unpacked)"
echo "archive:    $archive ($(du -h "$archive" | cut -f1))"
