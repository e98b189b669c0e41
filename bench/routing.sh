#!/usr/bin/env bash
# Point → unit routing: 1,000,000 points over the 168 units, HaiCap's PolygonIndex next to shapely
# (STRtree) on the same polygons and points in the same run, on a release build.
#   bench/routing.sh            (COUNT=1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=.venv-bench
if [ ! -x "$VENV/bin/python" ]; then python3 -m venv "$VENV"; fi
"$VENV/bin/pip" install -q --disable-pip-version-check -r bench/requirements.txt
swift build -c release --scratch-path .build-release --product haicap --quiet
DATA=$(mktemp -d)
trap 'rm -rf "$DATA"' EXIT
HAICAP_DEMO=0 HAICAP_BENCH_PYTHON="$VENV/bin/python" .build-release/release/haicap bench routing --count "${COUNT:-1000000}" --data-dir "$DATA"
