#!/usr/bin/env bash
# OCR of scanned plans uses Debian's Tesseract with Vietnamese data; the app works without it
# (and says OCR is not installed), but the OCR tests need it, so `make test` installs it here.
set -euo pipefail
has_vie() { command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx vie; }
if has_vie; then exit 0; fi
echo "Cài đặt Tesseract OCR (tiếng Việt) từ kho Debian (apt)..."
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q tesseract-ocr tesseract-ocr-vie >/dev/null \
  || { $SUDO apt-get update -q >/dev/null && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q tesseract-ocr tesseract-ocr-vie >/dev/null; }
has_vie
