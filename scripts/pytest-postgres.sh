#!/usr/bin/env bash
# Runs the suite a second time on PostgreSQL when one answers: DATABASE_URL if set,
# else the local server on 127.0.0.1:5432 (user postgres, trust auth).
set -euo pipefail
PY="$1"
URL="${DATABASE_URL:-}"
if [ -z "$URL" ]; then
  if "$PY" - <<'PYEOF'
import socket, sys
s = socket.socket(); s.settimeout(1)
try:
    s.connect(("127.0.0.1", 5432))
except OSError:
    sys.exit(1)
PYEOF
  then
    # a name of its own (the test database is test_binhdang_<pid>), so that two runs on one
    # machine do not drop each other's database
    URL="postgres://postgres@127.0.0.1:5432/binhdang_$$"
  else
    echo "PostgreSQL không chạy trên 127.0.0.1:5432 và DATABASE_URL chưa đặt: bỏ qua lượt chạy PostgreSQL."
    exit 0
  fi
fi
echo "pytest on PostgreSQL: ${URL%%@*}@..."
DATABASE_URL="$URL" "$PY" -m pytest -p no:cacheprovider
