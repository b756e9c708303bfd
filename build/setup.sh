#!/usr/bin/env bash
# Installs what the kiosk and its tests need on a Debian machine with Node 20:
#   Debian packages: chromium (end-to-end tests, Chromium-kiosk deployments), socat (pseudo-terminal
#   pairs for the simulated serial devices), espeak-ng (spoken read-out where the system has no voice);
#   npm packages from the lock file, without Electron's binary download (ELECTRON_SKIP_BINARY_DOWNLOAD=1).
# `--if-needed` returns at once when everything is already in place (npm run kiosk / npm test call it).
set -euo pipefail
cd "$(dirname "$0")/.."

if_needed=0
[ "${1:-}" = "--if-needed" ] && if_needed=1

apt_packages=(chromium socat espeak-ng)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

stamp=node_modules/.kiosk-setup-stamp
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ $if_needed -eq 1 ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock_hash" ]; then
  exit 0
fi
echo "setup: installing npm packages (npm ci)"
ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
echo "$lock_hash" > "$stamp"
echo "setup: done"
