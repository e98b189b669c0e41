#!/usr/bin/env bash
# Tra cứu hồ sơ under load: wrk (32 connections, loopback) on POST /api/v1/lookup {code, secret}
# next to the server's own bare /healthz in the same run, on a release build with demo data.
# Goal: lookup ≥ 50% of the /healthz requests per second.
#   bench/lookup.sh            (DURATION=15 seconds per route; DATABASE_URL for PostgreSQL)
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ]; then { apt-get update -qq && apt-get install -y -qq wrk; } >/dev/null; else echo "wrk is needed (apt-get install wrk)" >&2; exit 1; fi
fi
swift build -c release --scratch-path .build-release --product haicap --quiet
BIN=.build-release/release/haicap
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
DATA=$(mktemp -d)
EXTRA=()
if [ -n "${DATABASE_URL:-}" ]; then EXTRA=(--database-url "$DATABASE_URL"); fi
"$BIN" serve --port "$PORT" --data-dir "$DATA" --log-level warning "${EXTRA[@]}" > "$DATA/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$DATA"' EXIT
for _ in $(seq 1 360); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
TOKEN=$("$BIN" token create --username admin --name bench --data-dir "$DATA" "${EXTRA[@]}" | tail -n 1)
AGENCY=$(curl -fsS "http://127.0.0.1:$PORT/api/v1/agencies?unit=26737" | python3 -c 'import json,sys; print(next(a["id"] for a in json.load(sys.stdin)["items"] if a["kind"]=="unit-service-centre"))')
read -r CODE SECRET < <(curl -fsS -X POST "http://127.0.0.1:$PORT/api/v1/dossiers" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d "{\"procedure\":\"2.000815\",\"agency\":\"$AGENCY\",\"applicant\":{\"name\":\"Người nộp\",\"idNumber\":\"079301000123\",\"phone\":\"0912345678\"},\"components\":[\"BC\"]}" \
  | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["code"], d["secret"])')
DOSSIERS=$(curl -fsS "http://127.0.0.1:$PORT/api/v1/indicators" | python3 -c 'import json,sys; print(json.load(sys.stdin)["counts"]["registered"])')
. bench/wrk.sh
ENGINE=SQLite; [ -n "${DATABASE_URL:-}" ] && ENGINE=PostgreSQL
echo "wrk -t2 -c32, ${DURATION:-15} s each, release build, $ENGINE, $DOSSIERS dossiers" >&2
FLOOR=$(run "GET /healthz (floor)" "/healthz")
cat > "$DATA/lookup.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"code":"$CODE","secret":"$SECRET"}'
LUA
LOOKUP=$(run "POST /api/v1/lookup (code + secret)" "/api/v1/lookup" "$DATA/lookup.lua")
python3 -c "import sys; f,l=float(sys.argv[1]),float(sys.argv[2]); print(f'lookup / healthz = {l/f*100:.0f}% (goal ≥ 50%)')" "$FLOOR" "$LOOKUP"
