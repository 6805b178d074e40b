#!/usr/bin/env bash
# wrk (HTTP load generator) for `make bench`, from Debian, when missing.
set -euo pipefail
command -v wrk >/dev/null && exit 0
if [ "$(id -u)" != 0 ]; then echo "wrk is missing: run 'sudo apt-get install wrk'" >&2; exit 1; fi
apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
