#!/bin/sh
# Makes sure Debian's chromium is installed for the editor tests (playwright-core never downloads a browser).
# Idempotent: does nothing when /usr/bin/chromium already runs.
set -eu

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ] && "$CHROMIUM" --version >/dev/null 2>&1; then
	exit 0
fi

SUDO=''
if [ "$(id -u)" -ne 0 ]; then
	SUDO='sudo'
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null

"$CHROMIUM" --version
