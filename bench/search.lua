-- wrk script of bench/search.sh: GET each path of $QUERIES in turn (with $TOKEN as a bearer token
-- when set) and print p50, p95 and p99 at the end, since wrk's own table stops at 90 and 99.
local token = os.getenv("TOKEN")
local paths = {}
for line in io.lines(os.getenv("QUERIES")) do paths[#paths + 1] = line end
local index = 0
request = function()
  index = index % #paths + 1
  local headers = {}
  if token and token ~= "" then headers["Authorization"] = "Bearer " .. token end
  return wrk.format("GET", paths[index], headers)
end
done = function(summary, latency, requests)
  io.write(string.format("LATENCY p50=%.2f p95=%.2f p99=%.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
