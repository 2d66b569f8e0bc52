#!/usr/bin/env bash
# Browser tests use Debian's Chromium (no test tool downloads a browser). Installs it when missing.
set -euo pipefail
chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$chromium_path" ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "Chromium tidak ditemukan di $chromium_path. Pasang dengan: sudo apt-get install -y chromium" >&2
  echo "Chromium not found at $chromium_path. Install it with: sudo apt-get install -y chromium" >&2
  exit 1
fi
echo "Memasang Chromium dari Debian / installing Debian's Chromium…"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
