#!/usr/bin/env bash
# The case core's speed check: the same measurements on an earlier revision and on this tree, in one
# run, alternating, on release builds, so that neither side gets a quieter machine:
#   - one-stop intake per second, one clerk and 16 at once (haicap bench dossiers, 2,000 dossiers);
#   - POST /api/v1/lookup under wrk as a share of the same server's /healthz;
#   - a 1022 report submitted over HTTP (16 connections) and a simple action on it (a progress note);
#   - with BUILD_TIMES=1 also the clean debug build (swift build --build-tests) of each tree.
#   bench/before-after.sh [REVISION]   (default 51705bc, the last commit before the case core;
#                                       DATABASE_URL=postgres://…/postgres adds PostgreSQL: a database
#                                       per run is created and dropped there; ROUNDS=2; DURATION=10;
#                                       BEFORE_BIN: a release build of REVISION made earlier, to reuse)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BEFORE=${1:-51705bc}
# haicap itself reads DATABASE_URL: kept here under another name, so the SQLite runs stay on SQLite.
PGADMIN=${DATABASE_URL:-}
unset DATABASE_URL
if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ]; then { apt-get update -qq && apt-get install -y -qq wrk; } >/dev/null; else echo "wrk is needed (apt-get install wrk)" >&2; exit 1; fi
fi
WORK=$(mktemp -d)
SERVER=""
# On a failure the server's log is shown before everything is removed.
trap 'status=$?; [ -n "$SERVER" ] && kill $SERVER 2>/dev/null; [ $status = 0 ] || tail -n 20 "$WORK"/data-*/server.log 2>/dev/null >&2; git -C "$ROOT" worktree remove --force "$WORK/before" >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT
git -C "$ROOT" worktree add --detach "$WORK/before" "$BEFORE" >/dev/null 2>&1

build_time() { # DIR LABEL: a clean debug build of the tree in a new scratch folder
  local start=$SECONDS
  (cd "$1" && swift build --build-tests --scratch-path "$WORK/debug-$2" --quiet)
  echo "clean debug build ($2): $(( SECONDS - start )) s" >&2
  rm -rf "$WORK/debug-$2"
}
if [ "${BUILD_TIMES:-0}" = 1 ]; then build_time "$WORK/before" before; build_time "$ROOT" after; fi

if [ -z "${BEFORE_BIN:-}" ]; then
  (cd "$WORK/before" && swift build -c release --scratch-path "$WORK/release-before" --product haicap --quiet)
  BEFORE_BIN="$WORK/release-before/release/haicap"
fi
swift build -c release --scratch-path .build-release --product haicap --quiet
declare -A BIN=([before]="$BEFORE_BIN" [after]="$ROOT/.build-release/release/haicap")

cat > "$WORK/refusals.lua" <<'LUA'
-- The first refusals are shown, since wrk itself only counts them.
local shown = 0
function response(status, headers, body)
  if status >= 300 and shown < 2 then shown = shown + 1; io.stderr:write(status .. " " .. body:sub(1, 300) .. "\n") end
end
LUA
cat > "$WORK/submit.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
wrk.body = '{"category":"chieu-sang","description":"Đèn đường trước số 12 Lê Lợi không sáng ba đêm nay","lat":10.7769,"lon":106.7009,"name":"Nguyễn Văn An","phone":"0903123456"}'
LUA
# Each thread walks its own half of the reports, so no two requests in flight name the same one.
cat > "$WORK/progress.lua" <<'LUA'
local threads = 0
function setup(thread) thread:set("parity", threads); threads = threads + 1 end
local first, count, counter = tonumber(os.getenv("FIRST")), tonumber(os.getenv("COUNT")), 0
local headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. os.getenv("TOKEN") }
function request()
  counter = counter + 1
  local id = first + (counter * 2 + parity) % (count - count % 2)
  return wrk.format("POST", "/api/v1/feedback/" .. id .. "/actions/progress", headers, '{"note":"Đang kiểm tra hiện trường."}')
end
LUA
# The same report once more, as a file (a retried request reads it again, unlike a pipe).
sed -n "s/^wrk.body = '\(.*\)'$/\1/p" "$WORK/submit.lua" > "$WORK/report.json"
cat "$WORK/refusals.lua" >> "$WORK/submit.lua"
cat "$WORK/refusals.lua" >> "$WORK/progress.lua"
cat > "$WORK/lookup.lua.in" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"code":"CODE","secret":"SECRET"}'
LUA

RESULTS="$WORK/results.txt"
record() { echo "$1|$2|$3|$4" >> "$RESULTS"; } # side engine measure value
wrk_rate() { # LABEL CONNECTIONS PATH [SCRIPT]: requests per second in RATE (any non-2xx stops the run)
  wrk -t2 -c"$2" -d"${DURATION:-10}s" ${4:+-s "$4"} "http://127.0.0.1:$PORT$3" > "$WORK/wrk.txt"
  if grep -q 'Non-2xx' "$WORK/wrk.txt"; then echo "$1: non-2xx answers:" >&2; cat "$WORK/wrk.txt" >&2; exit 1; fi
  RATE=$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.txt")
}
submit_one() { # the id of one more 1022 report, submitted like the benchmark's (a refusal is shown)
  local code
  code=$(curl -sS --retry 3 --retry-all-errors -o "$WORK/one.json" -w '%{http_code}' -X POST "http://127.0.0.1:$PORT/api/v1/feedback" \
    -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' --data-binary @"$WORK/report.json")
  if [ "$code" != 201 ]; then echo "POST /api/v1/feedback: $code $(head -c 500 "$WORK/one.json")" >&2; exit 1; fi
  python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$WORK/one.json"
}

database() { # SIDE ENGINE ROUND -> the --database-url arguments for a new database, or none
  if [ "$2" = PostgreSQL ]; then
    local name="haicap_ba_$1_$3"
    psql -q "$PGADMIN" -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" >/dev/null
    echo "--database-url ${PGADMIN%/*}/$name"
  fi
}

measure() { # SIDE ENGINE ROUND
  local side=$1 engine=$2 bin=${BIN[$1]} data="$WORK/data-$1-$2-$3"
  mkdir -p "$data"
  local extra=() out
  # bench dossiers makes its own throw-away SQLite file or PostgreSQL schema.
  [ "$engine" = PostgreSQL ] && extra=(--database-url "$PGADMIN")
  out=$("$bin" bench dossiers --count 2000 "${extra[@]}" 2>&1)
  record "$side" "$engine" "intake, one clerk (dossiers/s)" "$(echo "$out" | sed -n 's/.*tiếp nhận tuần tự.*= \([0-9]*\) hồ sơ\/giây/\1/p')"
  record "$side" "$engine" "intake, 16 clients (dossiers/s)" "$(echo "$out" | sed -n 's/.*tiếp nhận 16 luồng.*= \([0-9]*\) hồ sơ\/giây/\1/p')"
  # shellcheck disable=SC2207
  extra=($(database "$side" "$engine" "$3"))
  PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  HAICAP_RATE_LIMIT_SCALE=0 HAICAP_DEMO_DOSSIERS=0 HAICAP_DEMO_REPORTS=0 \
    "$bin" serve --port "$PORT" --data-dir "$data/serve" --log-level warning "${extra[@]}" > "$data/server.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 360); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
  # The first start seeds the demo accounts; the command below writes to the same SQLite file, so
  # it waits for that, and the set-up requests are retried once the file is free again.
  sleep 5
  TOKEN=$("$bin" token create --username admin --name bench --data-dir "$data/serve" "${extra[@]}" | tail -n 1)
  export TOKEN
  local agency code secret
  agency=$(curl -fsS --retry 3 --retry-all-errors "http://127.0.0.1:$PORT/api/v1/agencies?unit=26737" | python3 -c 'import json,sys; print(next(a["id"] for a in json.load(sys.stdin)["items"] if a["kind"]=="unit-service-centre"))')
  read -r code secret < <(curl -fsS --retry 3 --retry-all-errors -X POST "http://127.0.0.1:$PORT/api/v1/dossiers" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d "{\"procedure\":\"2.000815\",\"agency\":\"$agency\",\"applicant\":{\"name\":\"Người nộp\",\"idNumber\":\"079301000123\",\"phone\":\"0912345678\"},\"components\":[\"BC\"]}" \
    | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["code"], d["secret"])')
  sed -e "s/CODE/$code/" -e "s/SECRET/$secret/" "$WORK/lookup.lua.in" > "$WORK/lookup.lua"
  local floor
  wrk_rate healthz 32 /healthz
  floor=$RATE
  wrk_rate lookup 32 /api/v1/lookup "$WORK/lookup.lua"
  record "$side" "$engine" "/healthz under wrk, 32 connections (req/s)" "$floor"
  record "$side" "$engine" "lookup, share of /healthz (%)" "$(python3 -c "print(round(float('$RATE') / float('$floor') * 100))")"
  # The progress notes go to the reports submitted between two probes: every id between exists.
  FIRST=$(submit_one)
  wrk_rate submit 16 /api/v1/feedback "$WORK/submit.lua"
  record "$side" "$engine" "1022 report submitted over HTTP, 16 connections (/s)" "$RATE"
  COUNT=$(( $(submit_one) - FIRST + 1 ))
  export FIRST COUNT
  wrk_rate progress 16 /api/v1/feedback "$WORK/progress.lua"
  record "$side" "$engine" "1022 progress note over HTTP, 16 connections (/s)" "$RATE"
  kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=""
  [ "$engine" = PostgreSQL ] && psql -q "$PGADMIN" -c "DROP DATABASE IF EXISTS haicap_ba_${side}_$3" >/dev/null 2>&1
  rm -rf "$data"
}

ENGINES=(SQLite); [ -n "$PGADMIN" ] && ENGINES+=(PostgreSQL)
for round in $(seq 1 "${ROUNDS:-2}"); do
  for engine in "${ENGINES[@]}"; do
    # Alternate which side goes first.
    if [ $((round % 2)) = 1 ]; then sides=(before after); else sides=(after before); fi
    for side in "${sides[@]}"; do echo "round $round, $engine, $side ($([ "$side" = before ] && echo "$BEFORE" || git rev-parse --short HEAD))…" >&2; measure "$side" "$engine" "$round"; done
  done
done
python3 - "$RESULTS" "$BEFORE" "$(git rev-parse --short HEAD)" <<'PY'
import sys, collections
rows = collections.OrderedDict()
for line in open(sys.argv[1]):
    side, engine, what, value = line.rstrip("\n").split("|")
    rows.setdefault((engine, what), {"before": [], "after": []})[side].append(float(value or "nan"))
fmt = lambda xs: " / ".join(f"{x:g}" for x in xs)
print(f"| measure | before ({sys.argv[2]}) | after ({sys.argv[3]}) | after ÷ before (best) |")
print("|---|---|---|---|")
for (engine, what), sides in rows.items():
    ratio = max(sides["after"]) / max(sides["before"]) if max(sides["before"]) else float("nan")
    print(f"| {engine}: {what} | {fmt(sides['before'])} | {fmt(sides['after'])} | {ratio:.2f} |")
PY
