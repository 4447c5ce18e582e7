#!/usr/bin/env bash
# Runs the suite a second time on PostgreSQL: DATABASE_URL if set, else the local server on
# 127.0.0.1:5432 (user postgres, trust auth). On a developer's machine without PostgreSQL
# the run is skipped with a message; under CI=true it is required, and a PostgreSQL that
# does not answer fails the build.
set -euo pipefail
PY="$1"
URL="${DATABASE_URL:-}"
REQUIRED=0
case "${CI:-}" in true | 1 | yes) REQUIRED=1 ;; esac

# host and port of a postgres:// URL (default 127.0.0.1:5432): does a server answer there?
answers() {
  "$PY" - "$1" <<'PYEOF'
import socket, sys
from urllib.parse import urlsplit
url = urlsplit(sys.argv[1] or "postgres://127.0.0.1:5432")
try:
    port = url.port or 5432
except ValueError:
    sys.exit(1)
s = socket.socket(); s.settimeout(2)
try:
    s.connect((url.hostname or "127.0.0.1", port))
except OSError:
    sys.exit(1)
PYEOF
}

if [ -z "$URL" ]; then
  if answers ""; then
    # a name of its own (the test database is test_binhdang_<pid>), so that two runs on one
    # machine do not drop each other's database
    URL="postgres://postgres@127.0.0.1:5432/binhdang_$$"
  elif [ "$REQUIRED" = 1 ]; then
    echo "CI=true: the PostgreSQL run is required, but no PostgreSQL answers on 127.0.0.1:5432 and DATABASE_URL is not set." >&2
    exit 1
  else
    echo "PostgreSQL không chạy trên 127.0.0.1:5432 và DATABASE_URL chưa đặt: bỏ qua lượt chạy PostgreSQL."
    exit 0
  fi
elif [ "$REQUIRED" = 1 ] && ! answers "$URL"; then
  echo "CI=true: the PostgreSQL run is required, but no PostgreSQL answers at DATABASE_URL (${URL##*@})." >&2
  exit 1
fi
echo "pytest on PostgreSQL: ${URL%%@*}@..."
DATABASE_URL="$URL" "$PY" -m pytest -p no:cacheprovider
