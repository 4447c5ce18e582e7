#!/usr/bin/env bash
# `make run`: the app the way production serves it (gunicorn, DEBUG off, WhiteNoise,
# the project's own error pages), in demo mode: SQLite under var/, demo data for
# xã Hà Tây, plain HTTP on 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
PORT="${PORT:-8000}"
export BINHDANG_DEMO=1
export DJANGO_SETTINGS_MODULE=binhdang.settings
# reminder e-mails (printed to the console in demo mode) link to this address
export SITE_URL="${SITE_URL:-http://127.0.0.1:${PORT}}"
mkdir -p var
$BIN/python manage.py migrate --noinput -v 0
$BIN/python manage.py collectstatic --noinput -v 0
$BIN/python manage.py load_demo --if-empty
# the background worker (plan imports ...) beside the web server; both stop together
$BIN/python manage.py db_worker --interval 1 &
WORKER=$!
# the day's reminders, checked every hour (each reminder is sent once, however often this runs)
( while true; do $BIN/python manage.py send_reminders >/dev/null 2>&1 || true; sleep 3600; done ) &
REMINDERS=$!
trap 'kill $WORKER $REMINDERS 2>/dev/null || true' EXIT INT TERM
echo "binhdang: http://127.0.0.1:${PORT}/  (Ctrl+C để dừng)"
$BIN/gunicorn binhdang.wsgi:application \
  --bind "127.0.0.1:${PORT}" --workers 2 --threads 4 --preload \
  --access-logfile - --error-logfile - --log-level warning
