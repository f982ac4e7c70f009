#!/usr/bin/env bash
# Installs everything Seatwise needs on Debian/Ubuntu: the system packages (keychain,
# Chromium for the browser tests, Xvfb) and then the npm dependencies. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

# fonts-wqy-zenhei: Debian's Chromium has no CJK glyphs without it, and the demo has names such as 李雷.
# postgresql: the team server's store is tested against a real PostgreSQL (a private cluster per test file).
PACKAGES=(libsecret-1-dev gnome-keyring dbus dbus-x11 chromium fonts-wqy-zenhei xvfb xdg-utils python3 make g++ postgresql)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  echo "Installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# package.json's allowScripts lets keytar build against libsecret and keeps every other
# install script (Electron's binary download among them) from running.
npm ci --no-audit --no-fund

# The Electron binary is optional: without it Seatwise runs in the browser (seatwise serve).
if [ -z "${ELECTRON_SKIP_BINARY_DOWNLOAD:-}" ] && ! node -e "require('fs').accessSync(require('electron'))" 2>/dev/null; then
  echo "Fetching the Electron binary (optional)..."
  timeout 180 node node_modules/electron/install.js >/dev/null 2>&1 \
    && echo "Electron installed: npm start opens the desktop window." \
    || echo "No Electron binary (no download possible here): npm start runs Seatwise in the browser instead."
fi

npm run build
