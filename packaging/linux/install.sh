#!/usr/bin/env bash
# Install Bilateral Ties Viewer for the current user (no root needed):
#   the app folder    -> ~/.local/opt/BilateralTiesViewer
#   a launcher        -> ~/.local/bin/timeline-app
#   a menu entry      -> ~/.local/share/applications/bilateral-ties-viewer.desktop
# Run it from the unpacked archive: ./install.sh   (./install.sh --uninstall removes it)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
prefix=${PREFIX:-$HOME/.local}
app_dir="$prefix/opt/BilateralTiesViewer"
bin="$prefix/bin/timeline-app"
desktop="$prefix/share/applications/bilateral-ties-viewer.desktop"
icon="$prefix/share/icons/hicolor/scalable/apps/bilateral-ties-viewer.svg"

if [ "${1:-}" = "--uninstall" ]; then
  rm -rf "$app_dir" "$bin" "$desktop" "$icon"
  echo "Removed Bilateral Ties Viewer (your database in ~/.local/share/BilateralTiesViewer is kept)."
  exit 0
fi

mkdir -p "$prefix/opt" "$prefix/bin" "$(dirname "$desktop")" "$(dirname "$icon")"
rm -rf "$app_dir"
cp -a "$here/BilateralTiesViewer" "$app_dir"
ln -sf "$app_dir/BilateralTiesViewer" "$bin"
cp "$here/bilateral-ties-viewer.svg" "$icon"
sed -e "s|@BIN@|$app_dir/BilateralTiesViewer|" -e "s|@ICON@|$icon|" \
  "$here/bilateral-ties-viewer.desktop" > "$desktop"
echo "Installed. Start it from your applications menu, or run: $bin"
"$bin" --version
