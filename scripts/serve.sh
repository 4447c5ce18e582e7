#!/usr/bin/env bash
# `make run`: the app the way production serves it (gunicorn, DEBUG off, WhiteNoise,
# the project's own error pages), in demo mode: SQLite under var/ (BINHDANG_VAR_DIR),
# demo data for xã Hà Tây, plain HTTP on 127.0.0.1 only.
# The web server, the background worker and the job scheduler (Procfile) run under one
# supervisor, honcho: Ctrl+C stops all of them, and nothing is left running.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
PORT="${PORT:-8000}"
export BINHDANG_DEMO=1
export DJANGO_SETTINGS_MODULE=binhdang.settings
export PYTHONUNBUFFERED=1  # the worker's and scheduler's lines show as they happen
# reminder e-mails (printed to the console in demo mode) link to this address
export SITE_URL="${SITE_URL:-http://127.0.0.1:${PORT}}"
mkdir -p "${BINHDANG_VAR_DIR:-var}"
$BIN/python manage.py migrate --noinput -v 0
$BIN/python manage.py collectstatic --noinput -v 0
$BIN/python manage.py load_demo --if-empty
echo "binhdang: http://127.0.0.1:${PORT}/  (Ctrl+C để dừng)"
# exec: honcho takes this shell's place, so a signal to `make run` reaches it directly
exec $BIN/honcho start --procfile Procfile --port "$PORT"
