#!/usr/bin/env bash
# Open311 under load: wrk (32 connections, loopback) on GET /open311/v2/requests.json with filters,
# at 1,000,000 stored reports, next to the server's own bare /healthz in the same run, on a
# release build; prints requests per second, p99 and each list's share of /healthz.
#   bench/open311.sh           (REPORTS=1000000, DURATION=15 seconds per route; DATABASE_URL for PostgreSQL)
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ]; then { apt-get update -qq && apt-get install -y -qq wrk; } >/dev/null; else echo "wrk is needed (apt-get install wrk)" >&2; exit 1; fi
fi
swift build -c release --scratch-path .build-release --product haicap --quiet
BIN=.build-release/release/haicap
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
DATA=${BENCH_DATA:-$(mktemp -d)}
EXTRA=()
if [ -n "${DATABASE_URL:-}" ]; then EXTRA=(--database-url "$DATABASE_URL"); fi
# The reports are written straight into the table (bench seed-reports), a year of them; the demo
# ones come on top. BENCH_DATA keeps the data directory between runs.
HAICAP_DEMO_DOSSIERS=0 "$BIN" bench seed-reports --count "${REPORTS:-1000000}" --data-dir "$DATA" "${EXTRA[@]}"
HAICAP_DEMO_DOSSIERS=0 "$BIN" serve --port "$PORT" --data-dir "$DATA" --log-level warning "${EXTRA[@]}" > "$DATA/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; [ -n "${BENCH_DATA:-}" ] || rm -rf "$DATA"' EXIT
for _ in $(seq 1 360); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
. bench/wrk.sh
ENGINE=SQLite; [ -n "${DATABASE_URL:-}" ] && ENGINE=PostgreSQL
COUNT=$(curl -fsS "http://127.0.0.1:$PORT/api/v1/feedback/stats?from=2025-01-01" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"]["received"])')
echo "wrk -t2 -c32, ${DURATION:-15} s each, release build, $ENGINE, $COUNT reports" >&2
FLOOR=$(run "GET /healthz (floor)" "/healthz")
PLAIN=$(run "GET requests.json?page_size=50 (last 90 days, newest first)" "/open311/v2/requests.json?page_size=50")
FILTERED=$(run "GET requests.json?service_code=chieu-sang&status=open&page_size=50" "/open311/v2/requests.json?service_code=chieu-sang&status=open&page_size=50")
PERIOD=$(run "GET requests.json?start_date&end_date&page=3&page_size=100" "/open311/v2/requests.json?start_date=2026-03-01T00:00:00%2B07:00&end_date=2026-03-31T23:59:59%2B07:00&page=3&page_size=100")
EXT=$(run "GET requests.json?service_code=ha-tang,cay-xanh&extensions=true&page_size=50" "/open311/v2/requests.json?service_code=ha-tang,cay-xanh&extensions=true&page_size=50")
XML=$(run "GET requests.xml?page_size=50" "/open311/v2/requests.xml?page_size=50")
DEFAULT=$(run "GET requests.json (the spec's default volume: 1000)" "/open311/v2/requests.json")
python3 - "$FLOOR" "$PLAIN" "$FILTERED" "$PERIOD" "$EXT" "$XML" "$DEFAULT" <<'PY'
import sys
floor, *rest = map(float, sys.argv[1:])
for label, value in zip(["page of 50", "service_code+status", "dates+paging", "extensions", "xml", "default 1000"], rest):
    print(f"{label} / healthz = {value / floor * 100:.1f}%")
PY
