#!/usr/bin/env bash
# Browser tests drive Debian's chromium; Playwright's own browser download is not possible here.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
echo "Cài đặt chromium từ kho Debian (apt)..."
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null \
  || { $SUDO apt-get update -q >/dev/null && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null; }
test -x /usr/bin/chromium
