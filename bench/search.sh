#!/usr/bin/env bash
# Document search under load: wrk (2 threads, 32 connections, loopback) on GET /api/v1/documents/search
# with phrases typed from the seed report, at 1,000,000 stored documents whose text is OCR-like
# (haicap bench seed-documents), as one ward's clerk, next to the server's bare /healthz in the same
# run, on a release build; prints requests per second and p50/p95/p99 of each (goal: search p95 < 50 ms).
#   bench/search.sh           (DOCUMENTS=1000000, DURATION=15 seconds per route; DATABASE_URL for PostgreSQL;
#                              BENCH_DATA keeps the data directory, and with it the seeded documents, between runs)
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
# A kept data directory (BENCH_DATA) is seeded once: its database already holds the documents.
if [ ! -f "$DATA/seeded" ]; then
  HAICAP_DEMO_DOSSIERS=0 HAICAP_DEMO_REPORTS=0 "$BIN" bench seed-documents --count "${DOCUMENTS:-1000000}" --data-dir "$DATA" "${EXTRA[@]}"
  touch "$DATA/seeded"
fi
# Searches are limited per client like every request; the load comes from one address here.
HAICAP_RATE_LIMIT_SCALE=1000 HAICAP_DEMO_DOSSIERS=0 HAICAP_DEMO_REPORTS=0 \
  "$BIN" serve --port "$PORT" --data-dir "$DATA" --log-level warning "${EXTRA[@]}" > "$DATA/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; [ -n "${BENCH_DATA:-}" ] || rm -rf "$DATA"' EXIT
for _ in $(seq 1 360); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
# The demo accounts exist once the server has started in demo mode.
TOKEN=$("$BIN" token create --username vanthu.tandinh --name bench-search --data-dir "$DATA" "${EXTRA[@]}" | tail -n 1)
export TOKEN
python3 - "$DATA/queries.txt" <<'PY'
import sys, urllib.parse
phrases = [
    "hạ tầng CNTT cấp xã", "vận hành thử nghiệm hệ thống", "Trung tâm Chuyển đổi số", "dịch vụ bưu chính công ích",
    "Công viên Phần mềm Quang Trung", "phần mềm quản lý văn bản dùng chung", "Hội nghị truyền hình trực tuyến",
    "định mức kinh tế - kỹ thuật", "khẩn trương rà soát", "đảm bảo vận hành các hệ thống thông tin",
    "số hóa hồ sơ", "Bình Dương và Vũng Tàu", "thủ tục khai sinh", "cấp phép xây dựng", "nền tảng số dùng chung",
    "chuẩn bị hạ tầng mạng", "tổng hợp kết quả", "mô hình chính quyền số", "hợp nhất 03 tỉnh", "trả kết quả giải quyết TTHC",
]
with open(sys.argv[1], "w") as out:
    for phrase in phrases:
        out.write("/api/v1/documents/search?limit=20&q=" + urllib.parse.quote(phrase) + "\n")
PY
echo "/healthz" > "$DATA/healthz.txt"
ENGINE=SQLite; [ -n "${DATABASE_URL:-}" ] && ENGINE=PostgreSQL
FIRST=$(head -n 1 "$DATA/queries.txt")
curl -fsS -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT$FIRST" \
  | python3 -c 'import json,sys; d=json.load(sys.stdin); print("first query: %d documents of the ward found (truncated: %s)" % (d["total"], d["truncated"]))' >&2
measure() { # LABEL FILE-OF-PATHS [CONNECTIONS]
  sleep 2  # let the server finish what the previous run left queued
  local connections=${3:-32}
  QUERIES="$2" wrk -t"$(( connections < 2 ? 1 : 2 ))" -c"$connections" -d"${DURATION:-15}s" --latency -s bench/search.lua "http://127.0.0.1:$PORT" > "$DATA/wrk.txt" 2>&1
  if grep -q 'Non-2xx' "$DATA/wrk.txt"; then echo "$1: non-2xx answers:" >&2; cat "$DATA/wrk.txt" >&2; exit 1; fi
  echo "$1: $(awk '/Requests\/sec/ {print $2}' "$DATA/wrk.txt") req/s, $(grep LATENCY "$DATA/wrk.txt" | cut -d' ' -f2-)" >&2
}
echo "wrk -t2 -c32 (and -t1 -c1), ${DURATION:-15} s each, release build, $ENGINE, ${DOCUMENTS:-1000000} documents with OCR-like text" >&2
measure "GET /healthz (floor)" "$DATA/healthz.txt"
measure "GET /api/v1/documents/search (20 phrases in turn, one ward's clerk), 32 connections" "$DATA/queries.txt"
measure "GET /healthz (floor), 1 connection" "$DATA/healthz.txt" 1
measure "GET /api/v1/documents/search, 1 connection (one person's wait)" "$DATA/queries.txt" 1
