# Shared by the wrk benchmarks (source it after PORT and DATA are set).
# run LABEL PATH [SCRIPT]: 2 threads, 32 connections, DURATION seconds (15) against 127.0.0.1:$PORT
# (SCRIPT: a wrk Lua script, e.g. one that POSTs a body); prints
# "LABEL: rps req/s, p99 …" on stderr and the requests per second on stdout; any non-2xx answer
# stops the benchmark, since a fast error page would flatter the figures.
run() {
  wrk -t2 -c32 -d"${DURATION:-15}s" --latency ${3:+-s "$3"} "http://127.0.0.1:$PORT$2" > "$DATA/wrk.txt"
  local rps p99
  rps=$(awk '/Requests\/sec/ {print $2}' "$DATA/wrk.txt")
  p99=$(awk '$1=="99%" {print $2}' "$DATA/wrk.txt")
  if grep -q 'Non-2xx' "$DATA/wrk.txt"; then echo "$1: non-2xx answers:" >&2; cat "$DATA/wrk.txt" >&2; exit 1; fi
  echo "$1: $rps req/s, p99 $p99" >&2
  echo "$rps"
}
