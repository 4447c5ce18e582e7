#!/usr/bin/env bash
# `make vendor`: refresh the front-end libraries under binhdang/static/vendor/ from the npm
# registry. No CDN at run time and no JavaScript build step: the pinned release files are
# copied as they are published (source-map comments removed, since the maps are not shipped).
# To upgrade, change a version and its integrity below (`npm view PKG@VER dist.integrity`),
# run `make vendor`, and commit the result with the README it writes.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEST="$ROOT/binhdang/static/vendor"
PYTHON="${PYTHON:-python3}"

# name@version  integrity (sha512 of the tarball, as the registry publishes it)
PACKAGES=(
  "bootstrap@5.3.9 sha512-20cU0rcfw8WdxtVbmfU+xT2EjvVTw9Ror/h1Qvd7DXCujRg8OO9mdBCsmTHdJFf3BuadmBNJtgIuUXsBqSkk/w=="
  "bootstrap-icons@1.13.2 sha512-fAU1Ly3dH7hwRg+CB8EZ0Vl0fF80zgXHeUVJyfUOKzoURr+TbwISbCW5tKUoQLERaWYG2emTCybcPbD96hdD1A=="
  "htmx.org@2.0.11 sha512-Thx/WtpeOQqSrqBCw/A1cwGJGg4UrVa3+sW0GmrM3p4gJgO89ecH4qtbnyzDDWFvBTqjnIMCgELTNt636dtamA=="
  "chart.js@4.6.1 sha512-hJyniucsFmq//EvXYvJ6c6mahPoI3kaxdjVH8awTaJ/fDNWeSqqqArixMJWkWNN6fcYvPU3HneSANFNYtRi61g=="
)

command -v npm >/dev/null || { echo "Cần npm (apt-get install npm)"; exit 1; }
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

for entry in "${PACKAGES[@]}"; do
  spec="${entry%% *}"
  want="${entry#* }"
  name="${spec%@*}"
  got="$(cd "$WORK" && npm pack "$spec" --json --silent | "$PYTHON" -c 'import json,sys; print(json.load(sys.stdin)[0]["integrity"])')"
  if [ "$got" != "$want" ]; then
    echo "Integrity mismatch for $spec: registry says $got, pinned $want" >&2
    exit 1
  fi
  mkdir -p "$WORK/$name"
  tar xzf "$WORK"/"$(echo "$name" | tr -d '@' | tr '/' '-')"-*.tgz -C "$WORK/$name"
done

strip_map() { sed -e '/sourceMappingURL=/d' "$1" > "$2"; }

rm -rf "$DEST/bootstrap" "$DEST/htmx" "$DEST/chart.js"
mkdir -p "$DEST/bootstrap" "$DEST/bootstrap-icons" "$DEST/htmx" "$DEST/chart.js"

P="$WORK/bootstrap/package"
strip_map "$P/dist/css/bootstrap.min.css" "$DEST/bootstrap/bootstrap.min.css"
strip_map "$P/dist/js/bootstrap.bundle.min.js" "$DEST/bootstrap/bootstrap.bundle.min.js"
cp "$P/LICENSE" "$DEST/bootstrap/LICENSE"

P="$WORK/htmx.org/package"
strip_map "$P/dist/htmx.min.js" "$DEST/htmx/htmx.min.js"
cp "$P/LICENSE" "$DEST/htmx/LICENSE"

P="$WORK/chart.js/package"
strip_map "$P/dist/chart.umd.min.js" "$DEST/chart.js/chart.umd.min.js"
cp "$P/LICENSE.md" "$DEST/chart.js/LICENSE.md"

# Bootstrap Icons: an SVG sprite with only the icons listed in icons.txt (the full sprite
# is 1.1 MB; the font would be 130 KB that no compression shrinks).
P="$WORK/bootstrap-icons/package"
cp "$P/LICENSE" "$DEST/bootstrap-icons/LICENSE"
"$PYTHON" - "$P/bootstrap-icons.svg" "$DEST/bootstrap-icons/icons.txt" "$DEST/bootstrap-icons/icons.svg" <<'PY'
import re
import sys

sprite, wanted_file, out = sys.argv[1:4]
wanted = [
    line.strip()
    for line in open(wanted_file, encoding="utf-8")
    if line.strip() and not line.startswith("#")
]
symbols = dict(
    (m.group(1), m.group(0))
    for m in re.finditer(r'<symbol[^>]*\bid="([^"]+)".*?</symbol>', open(sprite, encoding="utf-8").read(), re.S)
)
missing = [name for name in wanted if name not in symbols]
if missing:
    sys.exit(f"Unknown Bootstrap Icons: {', '.join(missing)}")
with open(out, "w", encoding="utf-8") as fh:
    fh.write('<svg xmlns="http://www.w3.org/2000/svg">')
    fh.write("".join(symbols[name] for name in sorted(set(wanted))))
    fh.write("</svg>\n")
PY

{
  echo "# Vendored front-end libraries"
  echo
  echo "Written by \`make vendor\` (scripts/vendor.sh) from the npm registry; do not edit by hand."
  echo "Served by the app itself (WhiteNoise), never from a CDN. Only the files listed are shipped."
  echo
  echo "| package | version | licence | files | tarball integrity |"
  echo "|---|---|---|---|---|"
  for entry in "${PACKAGES[@]}"; do
    spec="${entry%% *}"
    name="${spec%@*}"
    version="${spec##*@}"
    licence="$("$PYTHON" -c 'import json,sys; print(json.load(open(sys.argv[1]))["license"])' "$WORK/$name/package/package.json")"
    dir="$name"; [ "$name" = "htmx.org" ] && dir="htmx"
    files="$(cd "$DEST/$dir" && ls | grep -v -i -E '^(LICENSE|icons\.txt)' | tr '\n' ' ' | sed 's/ $//')"
    echo "| $name | $version | $licence (\`$dir/LICENSE*\`) | $files | \`${entry#* }\` |"
  done
} > "$DEST/README.md"

echo "Vendored into $DEST:"
(cd "$DEST" && find . -type f | sort | xargs ls -l | awk '{print $5, $9}')
