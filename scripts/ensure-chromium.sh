#!/usr/bin/env bash
# Install Debian's Chromium for the browser tests when it is missing (Playwright drives it;
# Playwright's own browser download does not work on our machines).
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
    exit 0
fi
echo "Chromium is not installed: installing Debian's chromium package" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
command -v chromium >/dev/null
